// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "report/render.hpp"
#include "sample_report.hpp"

using namespace dockcis;
using model::json;

TEST_CASE("json: versioned document with results in profile order and the summary") {
  const auto sample = sample::report();
  const auto text = report::render_json(sample);
  CHECK(text.ends_with("}\n"));
  // Compact: one line, no indentation.
  CHECK(text.find('\n') == text.size() - 1);
  CHECK(text.starts_with("{\"checks_digest\":\""));
  const auto document = json::parse(text);
  CHECK(document["schema"] == "dockcis.report/v1");
  REQUIRE(document["results"].size() == sample.results.size());
  for (std::size_t i = 0; i < sample.results.size(); ++i) CHECK(document["results"][i]["id"] == sample.results[i].id);
  CHECK(document["summary"]["counts"]["fail"] == 5);
  CHECK(document["summary"]["score"] == 14.29);
  CHECK(document["summary"]["score_before_waivers"] == 12.5);
  CHECK(document["summary"]["failed_by_severity"]["high"] == 2);
  CHECK(document["results"][7]["instances"][2]["original_state"] == "fail");
  CHECK(document["results"][7]["instances"][2]["waiver"] == "W-17");
  CHECK(document["results"][5]["state"] == "notselected");
}

TEST_CASE("json: host strings are kept as data; bytes that are not UTF-8 do not abort the report") {
  const auto document = json::parse(report::render_json(sample::report()));
  const std::string name = document["results"][7]["instances"][0]["name"];
  CHECK(name.starts_with("web\x1b[31m<script>alert(1)</script>]]>\"'"));
  CHECK(name.ends_with("evil\xef\xbf\xbd"));  // U+FFFD for the stray byte
}

TEST_CASE("json: the same report gives the same bytes") {
  CHECK(report::render_json(sample::report()) == report::render_json(sample::report()));
}

TEST_CASE("json: written result by result, the bytes are those of the whole document dumped at once") {
  const auto sample = sample::report();
  CHECK(report::render_json(sample) == model::to_json(sample).dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

TEST_CASE("json: instances written straight to text give the bytes of their documents") {
  auto sample = sample::report();
  auto& result = sample.results[7];
  model::InstanceResult odd;
  odd.id = "\"quoted\" \\ back\\slash \x01\x1f\x7f tab\there";
  odd.name = std::string("nul\0byte", 8) + " \xc3\xa9 \xed\xa0\x80 surrogate \xf4\x90\x80\x80 \xc0\xaf";
  odd.image = "\b\f\n\r";
  odd.state = model::State::error;
  odd.original_state = model::State::fail;
  odd.waiver = "W-\xe2\x80\xae";
  odd.reason = "r\xff";
  odd.evidence.push_back({"f", "", json::object({{"b", {1.5, -2, 18446744073709551615u, 1e300, nullptr}}, {"a", "x\xfe"}}), "", nullptr, "", ""});
  odd.evidence.push_back({"f", "/s", 0.1, "eq", json::array(), "label", "note"});
  odd.evidence.push_back({"f", "/s", "text", "in", "", "", "n"});
  result.instances.push_back(odd);
  result.instances.push_back({});
  auto empty_check = sample.results[5];
  empty_check.state = model::State::pass;
  empty_check.instances.clear();
  sample.results.push_back(empty_check);
  CHECK(report::render_json(sample) == model::to_json(sample).dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}
