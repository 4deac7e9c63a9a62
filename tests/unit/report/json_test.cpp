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
