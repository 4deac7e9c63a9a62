// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <set>

#include "report/render.hpp"
#include "sample_report.hpp"

using dockcis::model::json;

namespace {
json sarif() { return json::parse(dockcis::report::render_sarif(sample::report())); }

std::vector<json> results_for(const json& document, const std::string& rule) {
  std::vector<json> found;
  for (const auto& result : document["runs"][0]["results"]) {
    if (result["ruleId"] == rule) found.push_back(result);
  }
  return found;
}
}  // namespace

TEST_CASE("SARIF: one result per failing or undecided check, per container for container checks") {
  const auto document = sarif();
  CHECK(document["version"] == "2.1.0");
  const auto& results = document["runs"][0]["results"];
  // audit.dockerd, daemon.icc (fail); daemon.default_ulimits (error); image.user (1 image); privileged (1 + 1 waived);
  // sensitive_mounts (1); host_network (waived). Passing, manual, not applicable and info results are not findings.
  CHECK(results.size() == 8);
  CHECK(results_for(document, "container.published_ports").empty());
  CHECK(results_for(document, "host.partition").empty());
  const auto error = results_for(document, "daemon.default_ulimits");
  REQUIRE(error.size() == 1);
  CHECK(error[0]["properties"]["state"] == "error");
  CHECK(error[0]["message"]["text"].get<std::string>().find("could not be decided") != std::string::npos);
}

TEST_CASE("SARIF: rules are check keys with the CIS id, levels follow severity") {
  const auto document = sarif();
  const auto& rules = document["runs"][0]["tool"]["driver"]["rules"];
  for (const auto& result : document["runs"][0]["results"]) {
    const auto& rule = rules[result["ruleIndex"].get<std::size_t>()];
    CHECK(rule["id"] == result["ruleId"]);
    CHECK(rule["name"] != rule["id"]);
  }
  const auto privileged = results_for(document, "container.privileged");
  REQUIRE(privileged.size() == 2);
  CHECK(privileged[0]["level"] == "error");  // critical
  CHECK(privileged[0]["properties"]["cis_id"] == "5.5");
  CHECK(results_for(document, "daemon.icc")[0]["level"] == "warning");  // medium
  CHECK(results_for(document, "audit.dockerd")[0]["level"] == "note");  // low
}

TEST_CASE("SARIF: waived results are suppressions with the waiver's justification") {
  const auto document = sarif();
  const auto network = results_for(document, "container.host_network");
  REQUIRE(network.size() == 1);
  const auto& suppression = network[0]["suppressions"][0];
  CHECK(suppression["kind"] == "external");
  CHECK(suppression["status"] == "accepted");
  CHECK(suppression["justification"] == "the load balancer needs the host network");
  CHECK(suppression["properties"]["waiver"] == "W-18");
  CHECK(suppression["properties"]["ticket"] == "NET-7");
  const auto privileged = results_for(document, "container.privileged");
  CHECK_FALSE(privileged[0].contains("suppressions"));
  CHECK(privileged[1]["suppressions"][0]["justification"] == "cAdvisor needs </td> /dev/kmsg");
}

TEST_CASE("SARIF: fingerprints follow check, container and machine, and host text is cleaned") {
  const auto first = sarif();
  const auto again = sarif();
  std::set<std::string> prints;
  for (std::size_t i = 0; i < first["runs"][0]["results"].size(); ++i) {
    const auto& print = first["runs"][0]["results"][i]["partialFingerprints"]["dockcisFinding/v1"];
    CHECK(print == again["runs"][0]["results"][i]["partialFingerprints"]["dockcisFinding/v1"]);
    prints.insert(print.get<std::string>());
  }
  CHECK(prints.size() == first["runs"][0]["results"].size());
  const auto text = dockcis::report::render_sarif(sample::report());
  CHECK(text.find("\x1b") == std::string::npos);
  CHECK(text.find("\\u001b") == std::string::npos);
  CHECK(dockcis::report::parse_format("sarif") == dockcis::report::Format::sarif);
  CHECK(dockcis::report::file_extension(dockcis::report::Format::sarif) == "sarif");
}

TEST_CASE("SARIF: written a finding at a time, the text is nlohmann's indented dump of the document, empty results included") {
  dockcis::model::Report empty;
  for (const auto& report : {sample::report(), sample::long_report(), empty}) {
    const auto text = dockcis::report::render_sarif(report);
    CHECK(json::parse(text).dump(2) + "\n" == text);
  }
  const auto none = dockcis::report::render_sarif(empty);
  CHECK(none.find("\n      \"results\": [],\n") != std::string::npos);
  CHECK(json::parse(none)["runs"][0]["results"] == json::array());
}
