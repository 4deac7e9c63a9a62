// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "util/json_write.hpp"

#include "../byte_places.hpp"

using nlohmann::json;

namespace {

std::string written(const json& value) {
  std::string out;
  dockcis::util::append_json(out, value);
  return out;
}

std::string dumped(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

TEST_CASE("json writer: nlohmann's compact dump, byte for byte") {
  const std::string latin1_key = "caf\xe9";
  const json samples[] = {
      json(),
      true,
      json::array(),
      json::object(),
      "",
      "quote \" backslash \\ slash / tab \t newline \n return \r bell \x07 unit \x1f delete \x7f",
      "\xe2\x80\xae bidi, \xc2\x9b CSI, \xf0\x9f\x90\xb3 whale",
      "stray \xff byte, truncated \xe2\x80, overlong \xc0\xaf, surrogate \xed\xa0\x80",
      std::numeric_limits<std::int64_t>::min(),
      std::numeric_limits<std::uint64_t>::max(),
      0,
      -1,
      1.5,
      -0.0,
      1e300,
      0.1,
      std::nan(""),
      json::parse(R"({"b":[1,{"c":[],"a":{}}],"a":"x","HostConfig":{"CapAdd":["NET_ADMIN"],"Privileged":true,"Memory":0}})"),
      json{{latin1_key, {{"k\x01", json::array({"\xc3\x28", nullptr, 2.25})}}}},
      json::array({json::array({json::array()}), json::object({{"", json::object()}})}),
  };
  for (const auto& sample : samples) {
    CAPTURE(dumped(sample));
    CHECK(written(sample) == dumped(sample));
    std::string indented;
    dockcis::util::append_json_indented(indented, sample, 2, 0);
    CHECK(indented == sample.dump(2, ' ', false, json::error_handler_t::replace));
    // Three levels down a document indented by four: every line but the first moves right by twelve.
    std::string nested;
    dockcis::util::append_json_indented(nested, sample, 4, 3);
    std::string shifted = sample.dump(4, ' ', false, json::error_handler_t::replace);
    for (auto at = shifted.find('\n'); at != std::string::npos; at = shifted.find('\n', at + 13)) shifted.insert(at + 1, 12, ' ');
    CHECK(nested == shifted);
  }
}

TEST_CASE("json writer, texts shown cut: strings and keys above the limit shortened, the rest as the dump") {
  const json document = {{"short", "abc"}, {"long", "abcdef"}, {"keyed", {{"abcdefgh", {1, "a\"b\"c", "\xc3\xa9\xc3\xa9\xc3\xa9"}}}}};
  std::string out;
  dockcis::util::append_json_shown(out, document, 5);
  CHECK(out == R"({"keyed":{"abcde…":[1,"a\"b\"c","éé…"]},"long":"abcde…","short":"abc"})");
  out.clear();
  dockcis::util::append_json_shown(out, document, 100);
  CHECK(out == dumped(document));
  out.clear();
  dockcis::util::append_json_shown(out, "abcdef", 2);
  CHECK(out == "\"ab…\"");
}

TEST_CASE("json writer within a total: the whole text while it fits, its start once it does not") {
  const json small = {{"a", {1, 2, 3}}, {"b", "text"}};
  std::string out = "x";
  CHECK(dockcis::util::append_json_within(out, small, 100, dumped(small).size()));
  CHECK(out == "x" + dumped(small));
  out.clear();
  CHECK_FALSE(dockcis::util::append_json_within(out, small, 100, dumped(small).size() - 1));
  CHECK(dumped(small).starts_with(out));
  // A list of a million items stops about where the total is reached.
  const json many(1'000'000, "item");
  out.clear();
  CHECK_FALSE(dockcis::util::append_json_within(out, many, 100, 4096));
  CHECK(out.size() > 4096);
  CHECK(out.size() < 4096 + 16);
  CHECK(dumped(many).starts_with(out));
  // Texts are cut as append_json_shown cuts them, before the total is counted.
  out.clear();
  CHECK(dockcis::util::append_json_within(out, json::array({std::string(10'000, 'w')}), 4, 100));
  CHECK(out == R"(["wwww…"])");
  out.clear();
  CHECK_FALSE(dockcis::util::append_json_within(out, "abcdef", 100, 4));
  out = "x";
  CHECK(dockcis::util::append_json_within(out, small, 100, std::numeric_limits<std::size_t>::max()));
  CHECK(out == "x" + dumped(small));
}

TEST_CASE("json writer: every byte that needs an escape, at every place in an eight-byte word") {
  // The writer passes eight bytes at a time over text that needs no escape.
  for_each_byte_place({'"', '\\', '\0', '\x01', '\x1f', ' ', '!', '#', '[', ']', '\x7f', '\xe9'}, [](const std::string& text) {
    CAPTURE(text);
    CHECK(written(json(text)) == dumped(json(text)));
  });
}

TEST_CASE("json writer: deep nesting without recursion") {
  json deep = json::array();
  json* innermost = &deep;
  constexpr int kLevels = 100000;
  for (int i = 1; i < kLevels; ++i) innermost = &innermost->emplace_back(json::array());
  innermost->push_back(json{{"k", 1}});
  const auto text = written(deep);
  CHECK(text == std::string(kLevels, '[') + R"({"k":1})" + std::string(kLevels, ']'));
  // nlohmann's own destructor is iterative; its dump is not, hence no comparison at this depth.
}

TEST_CASE("indented writer: member by member, the bytes of dump(indent) of the same document") {
  const json suppression{{"kind", "external"}, {"properties", {{"waiver", "w-1"}}}};
  const json document{{"empty_list", json::array()},
                      {"empty_object", json::object()},
                      {"list", json::array({json::object(), "a\"b", 7, json::array({suppression})})},
                      {"name", "caf\xc3\xa9 \x01"}};
  for (const std::size_t depth : {0, 3}) {
    std::string out;
    dockcis::util::IndentedJsonWriter writer(out, 2, depth);
    writer.begin_object();
    writer.key("empty_list");
    writer.begin_array();
    writer.end();
    writer.key("empty_object");
    writer.begin_object();
    writer.end();
    writer.key("list");
    writer.begin_array();
    writer.begin_object();
    writer.end();
    writer.value("a\"b");
    writer.value(std::size_t{7});
    writer.begin_array();
    writer.document(suppression);
    writer.end();
    writer.end();
    writer.key("name");
    writer.value("caf\xc3\xa9 \x01");
    writer.end();
    std::string expected;
    dockcis::util::append_json_indented(expected, document, 2, depth);
    CHECK(out == expected);
    if (depth == 0) CHECK(out == document.dump(2, ' ', false, json::error_handler_t::replace));
  }
}
