// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <doctest/doctest.h>

#include "model/evidence_value.hpp"
#include "util/json_parse.hpp"

using dockcis::model::EvidenceValue;
using nlohmann::json;

TEST_CASE("evidence holds a scalar as it is") {
  for (const json& scalar : {json(nullptr), json(true), json(42), json(-7), json(2.5), json("a value")}) {
    const EvidenceValue held(scalar);
    REQUIRE(held.scalar() != nullptr);
    CHECK(held.structured_text() == nullptr);
    CHECK(*held.scalar() == scalar);
    CHECK(held.value() == scalar);
    CHECK(held.is_null() == scalar.is_null());
  }
  CHECK(EvidenceValue().is_null());
}

TEST_CASE("evidence holds a text longer than 4 KiB cut, alone or in a list or an object, key or value") {
  const std::string long_text(3'000'000, 'w');
  const std::string shown = std::string(4096, 'w') + "\xe2\x80\xa6";
  const EvidenceValue alone(long_text);
  REQUIRE(alone.scalar() != nullptr);
  CHECK(*alone.scalar() == shown);
  const EvidenceValue moved{json(long_text)};
  CHECK(moved.value() == shown);
  const EvidenceValue nested(json{{"Names", {"/" + long_text}}, {long_text, 1}, {"short", "as it is"}});
  REQUIRE(nested.structured_text() != nullptr);
  CHECK(nested.structured_text()->size() < 10'000);
  CHECK(nested.value() == json{{"Names", {"/" + shown.substr(0, 4095) + "\xe2\x80\xa6"}}, {shown, 1}, {"short", "as it is"}});
  const std::string at_limit(4096, 'x');
  CHECK(EvidenceValue(at_limit).value() == at_limit);
}

TEST_CASE("a host-wide value repeated in every instance: whole up to 4 KiB, then its text cut, a string") {
  bool cut = true;
  const json small{{"no-new-privileges", {{"value", true}}}};
  const auto whole = EvidenceValue::repeated(small, cut);
  CHECK_FALSE(cut);
  CHECK(whole.value() == small);
  CHECK(EvidenceValue::repeated(json("a text"), cut).value() == "a text");
  CHECK_FALSE(cut);
  json big = json::object();
  for (int i = 0; i < 250; ++i) big["k" + std::to_string(1000 + i)] = std::string(4000, 'x');
  const auto shown = EvidenceValue::repeated(big, cut);
  CHECK(cut);
  REQUIRE(shown.scalar() != nullptr);
  REQUIRE(shown.scalar()->is_string());
  const auto& text = shown.scalar()->get_ref<const std::string&>();
  CHECK(text == big.dump().substr(0, 4096) + "\xe2\x80\xa6");
  // A text over 4 KiB is cut as any evidence cuts it, and not said to be.
  CHECK(EvidenceValue::repeated(json(std::string(5000, 'y')), cut).value() == std::string(4096, 'y') + "\xe2\x80\xa6");
  CHECK_FALSE(cut);
}

TEST_CASE("evidence holds a list or an object as its compact dump and gives the same value back") {
  const auto endpoint = json::parse(R"({"Gateway":"172.17.0.1","IPPrefixLen":16,"Links":null,"Ratio":0.1,"Big":18446744073709551615,
                                       "Aliases":["a","b"],"Nested":{"x":[1,{"y":false}]}})");
  const EvidenceValue held(endpoint);
  CHECK(held.scalar() == nullptr);
  REQUIRE(held.structured_text() != nullptr);
  CHECK(*held.structured_text() == endpoint.dump());
  CHECK(held.value() == endpoint);
  CHECK(held.value().dump() == endpoint.dump());
  CHECK_FALSE(held.is_null());
  // An empty list is a list, not nothing.
  const EvidenceValue empty(json::array());
  CHECK_FALSE(empty.is_null());
  REQUIRE(empty.structured_text() != nullptr);
  CHECK(*empty.structured_text() == "[]");
}

TEST_CASE("bytes that are not UTF-8 in a held list are replaced, as every report writes them") {
  const json labels{{"owner", std::string("caf\xe9")}};
  const EvidenceValue held(labels);
  REQUIRE(held.structured_text() != nullptr);
  CHECK(*held.structured_text() == "{\"owner\":\"caf\xef\xbf\xbd\"}");
  CHECK(held.value()["owner"] == "caf\xef\xbf\xbd");
}

TEST_CASE("a held value twice as deep as any document dockcis reads is given back") {
  // Every document is read within these limits (a list and an object a level each); nlohmann writes a value out recursively.
  const auto depth = dockcis::util::JsonLimits().max_depth;
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += "[{\"k\":";
  text += "1";
  for (std::size_t i = 0; i < depth; ++i) text += "}]";
  const EvidenceValue held(json::parse(text));
  REQUIRE(held.structured_text() != nullptr);
  CHECK(*held.structured_text() == text);
  CHECK(held.value().dump() == text);
}
