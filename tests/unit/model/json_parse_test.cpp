// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "util/json_keep.hpp"
#include "util/json_parse.hpp"

using dockcis::util::JsonError;
using dockcis::util::JsonLimits;
using dockcis::util::parse_json;
using nlohmann::json;

namespace {

// Equal values of equal types all the way down (5 read as unsigned is not 5 read as signed).
bool same(const json& left, const json& right) {
  std::vector<std::pair<const json*, const json*>> pending{{&left, &right}};
  while (!pending.empty()) {
    const auto [a, b] = pending.back();
    pending.pop_back();
    if (a->type() != b->type() || a->size() != b->size()) return false;
    if (a->is_array()) {
      for (std::size_t i = 0; i < a->size(); ++i) pending.emplace_back(&(*a)[i], &(*b)[i]);
    } else if (a->is_object()) {
      for (auto it = a->begin(); it != a->end(); ++it) {
        if (!b->contains(it.key())) return false;
        pending.emplace_back(&it.value(), &b->at(it.key()));
      }
    } else if (*a != *b || a->dump() != b->dump()) {
      return false;
    }
  }
  return true;
}

std::string text_of(const std::filesystem::path& path) {
  std::ostringstream text;
  text << std::ifstream(path, std::ios::binary).rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("parse_json reads what nlohmann's parser reads, number types included") {
  const std::vector<std::string> documents = {
      "0", "-0", "5", "-5", "5.0", "1e2", "-1.5e-300", "18446744073709551615", "9223372036854775807",
      "-9223372036854775808", "18446744073709551616", "-9223372036854775809", "123456789012345678901234567890",
      "0.1", "2.2250738585072014e-308", "true", "false", "null", "\"\"", "\"caf\\u00e9 \\ud83d\\ude00 \\u0000 tab\\t\"",
      "[]", "{}", "[[], {}, [[]], {\"a\": {}}]", R"({"b": 1, "a": [1, -1, 1.5, "x", null, true], "c": {"d": {"e": []}}})",
      "  \n\t[1 , 2 ]\r\n", "{\"\": \"empty key\"}", "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]"};
  for (const auto& document : documents) {
    CAPTURE(document);
    const auto parsed = parse_json(document);
    REQUIRE(parsed.has_value());
    CHECK(same(*parsed, json::parse(document)));
  }
}

TEST_CASE("parse_json reads every JSON file of the project as nlohmann's parser does") {
  int files = 0;
  for (const auto* dir : {"checks", "profiles", "schemas", "tests/fake_docker/fixtures", "tests/golden/facts"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(DOCKCIS_SOURCE_ROOT) / dir)) {
      if (entry.path().extension() != ".json") continue;
      CAPTURE(entry.path().string());
      const auto text = text_of(entry.path());
      const auto parsed = parse_json(text);
      REQUIRE(parsed.has_value());
      CHECK(same(*parsed, json::parse(text)));
      ++files;
    }
  }
  CHECK(files >= 20);
}

TEST_CASE("parse_json: documents of every size read the same (kept parser, a parser of their own, SAX)") {
  for (const int entries : {100, 40000, 80000}) {
    std::string big = "[";
    for (int i = 0; i < entries; ++i) {
      big += (i == 0 ? "" : ",") + std::string(R"({"Id": "c0ffee", "n": )") + std::to_string(i) + R"(, "f": 0.5, "s": [-1, true, null]})";
    }
    big += "]";
    CAPTURE(big.size());
    const auto parsed = parse_json(big);
    REQUIRE(parsed.has_value());
    CHECK(same(*parsed, json::parse(big)));
  }
}

TEST_CASE("parse_json: the limits hold exactly, for arrays, objects, keys and values") {
  JsonLimits limits;
  limits.max_depth = 5;
  limits.max_string = 8;
  CHECK(parse_json("[[[[[1]]]]]", limits).has_value());
  CHECK(parse_json(R"({"a":{"a":{"a":{"a":{"a":1}}}}})", limits).has_value());
  CHECK(parse_json("[[[[[[1]]]]]]", limits).error().kind == JsonError::Kind::too_deep);
  CHECK(parse_json(R"({"a":{"a":{"a":{"a":{"a":{"a":1}}}}}})", limits).error().kind == JsonError::Kind::too_deep);
  CHECK(parse_json(R"(["12345678"])", limits).has_value());
  CHECK(parse_json(R"({"12345678": 1})", limits).has_value());
  CHECK(parse_json(R"(["123456789"])", limits).error().kind == JsonError::Kind::string_too_long);
  CHECK(parse_json(R"({"123456789": 1})", limits).error().kind == JsonError::Kind::string_too_long);
  CHECK(parse_json(std::string(100000, '[') + std::string(100000, ']')).error().kind == JsonError::Kind::too_deep);
}

TEST_CASE("parse_json: a cap on values counts every value, both ways of reading, kept parts or not") {
  JsonLimits limits;
  limits.max_values = 4;
  // The array and its three elements; an object and its values (keys are not values).
  CHECK(parse_json("[1,[],{}]", limits).has_value());
  CHECK(parse_json(R"({"a":1,"b":"x","c":null})", limits).has_value());
  const auto over = parse_json("[1,[],{},2]", limits);
  REQUIRE_FALSE(over.has_value());
  CHECK(over.error().kind == JsonError::Kind::too_many_values);
  CHECK(over.error().message == "holds more than 4 values");
  CHECK(parse_json(R"({"a":1,"b":{"c":true}, "d":[]})", limits).error().kind == JsonError::Kind::too_many_values);
  // Past the fast path's size (4 MiB), the SAX way: a tree of empty lists outgrows its text most.
  std::string wide = "[";
  for (int i = 0; i < 2'000'000; ++i) wide += "[],";
  wide += "[]]";
  limits.max_values = 1'000'000;
  CHECK(parse_json(wide, limits).error().kind == JsonError::Kind::too_many_values);
  limits.max_values = 2'000'002;
  const auto whole = parse_json(wide, limits);
  REQUIRE(whole.has_value());
  CHECK(dockcis::util::value_count(*whole) == 2'000'002);
  CHECK(parse_json(wide).has_value());
}

TEST_CASE("parse_json: duplicate keys, bad bytes, comments and errors as before") {
  // A key given twice in one object: which one holds is the reader's guess, so neither.
  const auto twice = parse_json(R"({"a": 1, "b": {"c": 1, "c": 2}})");
  REQUIRE_FALSE(twice.has_value());
  CHECK(twice.error().kind == JsonError::Kind::syntax);
  CHECK(twice.error().message == "holds the key \"c\" twice in one object");
  CHECK(parse_json(R"([{"a": 1}, {"a": 2}])").has_value());  // once in each of two objects
  // Bytes that are not UTF-8 become U+FFFD inside strings.
  CHECK(*parse_json("[\"caf\xe9\"]") == json::array({"caf\xef\xbf\xbd"}));
  JsonLimits commented;
  commented.allow_comments = true;
  CHECK(*parse_json("// a comment\n{\"a\": 1 /* here too */}", commented) == json{{"a", 1}});
  CHECK_FALSE(parse_json("// a comment\n{\"a\": 1}").has_value());
  // Without comments, text read with comments allowed (the fast way) reads as
  // without them, limits included; with one, the same limits hold.
  CHECK(parse_json(R"({"a": [1, -2, 3.5, "x"], "a": null})", commented).error().message == "holds the key \"a\" twice in one object");
  CHECK(parse_json(R"({"a": [1, -2, 3.5, "x"], "a": null} // twice)", commented).error().message ==
        "holds the key \"a\" twice in one object");
  commented.max_string = 4;
  CHECK(parse_json(R"(["12345"])", commented).error().kind == JsonError::Kind::string_too_long);
  CHECK(parse_json("[\"12345\"] // long", commented).error().kind == JsonError::Kind::string_too_long);
  // A NUL is no JSON whitespace: nothing may follow a document but whitespace.
  for (const std::string_view after_nul : {std::string_view("{}\0", 3), std::string_view("{}\0garbage", 10), std::string_view("[1]\0 ", 5),
                                           std::string_view("\0{}", 3), std::string_view("{\"a\":\0 1}", 9)}) {
    CAPTURE(after_nul.size());
    CHECK_FALSE(parse_json(after_nul).has_value());
    JsonLimits with_comments;
    with_comments.allow_comments = true;
    CHECK_FALSE(parse_json(after_nul, with_comments).has_value());
  }
  for (const auto* broken : {"", " ", "[1,]", "{\"a\" 1}", "[1] 2", "\"\\ud800\"", "[1e400]", "nul", "{\"a\": tru}", "[\"\x01\"]"}) {
    CAPTURE(broken);
    const auto parsed = parse_json(broken);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().kind == JsonError::Kind::syntax);
    CHECK_FALSE(parsed.error().message.empty());
  }
}

TEST_CASE("parse_json with kept parts: the document parse_json reads, trimmed, whichever way it is read") {
  using dockcis::util::JsonKeep;
  const std::string inspect = R"({
    "Id": "c1", "Name": "/web", "Args": ["3600"], "Skipped": {"Deep": [{"x": [1, 2, {"y": null}]}], "n": -5},
    "State": {"Running": true, "Pid": 42, "Health": {"Status": "healthy"}},
    "HostConfig": {"Privileged": false, "CapAdd": ["NET_ADMIN"], "Memory": 0, "Binds": null, "Odd": "text"},
    "Config": {"User": "", "Env": ["A=1"], "Labels": {"a/b": "x", "c~d": "y", "": "empty"}},
    "Mounts": [{"Source": "/etc", "Destination": "/host"}], "Big": 18446744073709551615, "F": 0.25
  })";
  const std::vector<std::vector<std::string>> pointer_sets = {
      {},
      {""},
      {"/Id", "/HostConfig/Privileged", "/HostConfig/CapAdd", "/State", "/Config/Labels/a~1b", "/Config/Labels/c~0d",
       "/Mounts/0/Source", "/NoSuch/Field", "/HostConfig/Binds"},
      {"/Config", "/Config/User"},
      {"/Config/User", "/Config"},
      {"/HostConfig/Odd/x", "/Args/0", "/Big", "/F", "/Config/Labels/"},
      {"not a pointer"},
      {"/State/Health/Status", "/Skipped/Deep/0/x"},
  };
  for (const auto& pointers : pointer_sets) {
    CAPTURE(json(pointers).dump());
    const JsonKeep keep(pointers);
    auto expected = json::parse(inspect);
    keep.trim(expected);
    // The fast way (simdjson), and the SAX way (a comment sends it there).
    JsonLimits commented;
    commented.allow_comments = true;
    for (const auto& [text, limits] : {std::pair{inspect, JsonLimits{}}, std::pair{"/* slow */" + inspect, commented}}) {
      const auto parsed = parse_json(text, limits, &keep);
      REQUIRE(parsed.has_value());
      CHECK(same(*parsed, expected));
    }
  }
  const JsonKeep keep({"/HostConfig/Privileged", "/State"});
  CHECK(*parse_json(inspect, {}, &keep) ==
        json::parse(R"({"HostConfig": {"Privileged": false}, "State": {"Running": true, "Pid": 42, "Health": {"Status": "healthy"}}})"));
  // Not an object: kept whole.
  CHECK(*parse_json("[1, {\"a\": 2}]", {}, &keep) == json::parse("[1, {\"a\": 2}]"));
}

TEST_CASE("parse_json with kept parts: the limits and duplicate keys hold in the parts not kept too") {
  using dockcis::util::JsonKeep;
  const JsonKeep keep({"/a"});
  JsonLimits limits;
  limits.max_depth = 3;
  limits.max_string = 8;
  CHECK(*parse_json(R"({"a": 1, "b": {"c": ["12345678"]}})", limits, &keep) == json{{"a", 1}});
  CHECK(parse_json(R"({"a": 1, "b": {"c": ["123456789"]}})", limits, &keep).error().kind == JsonError::Kind::string_too_long);
  CHECK(parse_json(R"({"a": 1, "b": {"123456789": 1}})", limits, &keep).error().kind == JsonError::Kind::string_too_long);
  CHECK(parse_json(R"({"a": 1, "b": {"c": [[1]]}})", limits, &keep).error().kind == JsonError::Kind::too_deep);
  // Duplicates: the last of a kept key, as nlohmann reads it; a skipped one changes nothing.
  CHECK(*parse_json(R"({"a": 1, "b": 2, "a": 3})", {}, &keep) == json{{"a", 3}});
  CHECK(*parse_json(R"({"b": 1, "a": 2, "b": 3})", {}, &keep) == json{{"a", 2}});
  // Bytes that are not UTF-8 are repaired before anything is kept.
  CHECK(*parse_json("{\"a\": \"caf\xe9\", \"b\": \"\xff\"}", {}, &keep) == json{{"a", "caf\xef\xbf\xbd"}});
}

TEST_CASE("parse_json with kept parts of each element: a list's entries trimmed as it is read") {
  using dockcis::util::JsonKeep;
  const std::string list = R"([{"Id": "a", "Names": ["/web"], "Mounts": [{"x": 1}], "HostConfig": {"NetworkMode": "host", "Other": 1}},
                               {"Id": "b", "Command": "sleep", "HostConfig": "odd"}, 5, [1, {"Id": "c", "Mounts": []}]])";
  const JsonKeep keep({"/Id", "/Names", "/HostConfig/NetworkMode"}, true);
  const auto expected = json::parse(R"([{"Id": "a", "Names": ["/web"], "HostConfig": {"NetworkMode": "host"}},
                                        {"Id": "b", "HostConfig": "odd"}, 5, [1, {"Id": "c", "Mounts": []}]])");
  JsonLimits commented;
  commented.allow_comments = true;
  CHECK(*parse_json(list, {}, &keep) == expected);
  CHECK(*parse_json("/* slow */" + list, commented, &keep) == expected);
  auto trimmed = json::parse(list);
  keep.trim(trimmed);
  CHECK(trimmed == expected);
  // A document that is not a list is kept whole; "" keeps each entry whole.
  CHECK(*parse_json(R"({"message": "x", "Id": 1})", {}, &keep) == json::parse(R"({"message": "x", "Id": 1})"));
  const JsonKeep whole_entries({"/Id", ""}, true);
  CHECK(*parse_json(list, {}, &whole_entries) == json::parse(list));
}
