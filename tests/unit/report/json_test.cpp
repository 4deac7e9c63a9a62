// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <set>

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
  CHECK(document["schema"] == "dockcis.report/v2");
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

TEST_CASE("json: each subject stated once, each result's probes once; instances refer to them and lose nothing") {
  auto sample = sample::report();
  REQUIRE(sample.results[7].instances.size() >= 3);
  // A second instance of the first one's container in another check, and an
  // expected value that differs only in its value: its own probe.
  auto again = sample.results[7];
  again.key = "container.again";
  again.instances.resize(1);
  again.instances[0].evidence.push_back(again.instances[0].evidence.front());
  const auto& first = again.instances[0].evidence.front();
  again.instances[0].evidence.back() = {first.fact(), first.select(), first.actual, first.op(), "something else", first.label(), first.note};
  sample.results.push_back(again);
  const auto document = json::parse(report::render_json(sample));
  const auto& subjects = document["subjects"];
  // As written: bytes that are not UTF-8 become U+FFFD.
  const auto as_written = [](const json& value) { return json::parse(value.dump(-1, ' ', false, json::error_handler_t::replace)); };
  std::size_t instances = 0;
  for (std::size_t r = 0; r < sample.results.size(); ++r) {
    const auto& model_result = sample.results[r];
    const auto& written = document["results"][r];
    for (std::size_t i = 0; i < model_result.instances.size(); ++i, ++instances) {
      const auto& instance = model_result.instances[i];
      const auto& entry = written["instances"][i];
      CHECK_FALSE(entry.contains("id"));
      CHECK_FALSE(entry.contains("image"));
      CHECK_FALSE(entry.contains("name"));
      const auto& subject = subjects.at(entry["subject"].get<std::size_t>());
      // As written: bytes that are not UTF-8 become U+FFFD.
      CHECK(subject["id"] == as_written(instance.id()));
      CHECK(subject["image"] == as_written(instance.image()));
      CHECK(subject["name"] == as_written(instance.name()));
      CHECK(subject["collection"] == model_result.collection);
      REQUIRE(entry["evidence"].size() == instance.evidence.size());
      for (std::size_t e = 0; e < instance.evidence.size(); ++e) {
        const auto& item = instance.evidence[e];
        const auto& probe = written["probes"].at(entry["evidence"][e]["probe"].get<std::size_t>());
        CHECK(probe["fact"] == as_written(item.fact()));
        CHECK(json(probe.value("select", "")) == as_written(item.select()));
        CHECK(json(probe.value("op", "")) == as_written(item.op()));
        CHECK(json(probe.value("label", "")) == as_written(item.label()));
        if (!item.op().empty()) CHECK(probe["expected"] == as_written(item.expected()));
        CHECK(entry["evidence"][e]["actual"] == as_written(item.actual.value()));
        CHECK(json(entry["evidence"][e].value("note", "")) == as_written(item.note));
      }
    }
  }
  REQUIRE(instances > 4);
  // The container of results[7]'s first instance is listed once for both checks.
  CHECK(document["results"].back()["instances"][0]["subject"] == document["results"][7]["instances"][0]["subject"]);
  CHECK(document["results"].back()["probes"].size() == 2);
  std::set<std::string> distinct;
  for (const auto& subject : subjects) distinct.insert(subject.dump());
  CHECK(distinct.size() == subjects.size());
}

TEST_CASE("json: host strings are kept as data; bytes that are not UTF-8 do not abort the report") {
  const auto document = json::parse(report::render_json(sample::report()));
  const std::string name = document["subjects"][document["results"][7]["instances"][0]["subject"].get<std::size_t>()]["name"];
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

TEST_CASE("json: a result's own fields written straight to text give the bytes of its document, every optional field included") {
  auto sample = sample::report();
  auto& result = sample.results.front();
  result.title = "\"title\" \\ \x01 \xe2\x80\xae \xff";
  result.description = std::string("nul\0in description", 19);
  result.references = {"a", "\"b\"", ""};
  result.controls = {{"nist-800-53-r5", "AC-6(9)", "\x1f"}, {"cis-controls-v8", "4.1", "cis"}};
  result.original_state = model::State::fail;
  result.waiver = "W-\xc3";
  result.swarm = true;
  result.automated = false;
  result.level = 2;
  sample.results.push_back(sample.results[2]);  // with a setting
  sample.results.back().references.clear();
  sample.results.back().rationale.clear();
  CHECK(report::render_json(sample) == model::to_json(sample).dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

TEST_CASE("json: instances written straight to text give the bytes of their documents") {
  auto sample = sample::report();
  auto& result = sample.results[7];
  model::InstanceResult odd("\"quoted\" \\ back\\slash \x01\x1f\x7f tab\there",
                            std::string("nul\0byte", 8) + " \xc3\xa9 \xed\xa0\x80 surrogate \xf4\x90\x80\x80 \xc0\xaf", "\b\f\n\r");
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
