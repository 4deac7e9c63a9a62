// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "report/prometheus.hpp"
#include "report/render.hpp"
#include "sample_report.hpp"

using namespace dockcis;

namespace {
bool has_line(const std::string& text, const std::string& line) { return ("\n" + text).find("\n" + line + "\n") != std::string::npos; }
}  // namespace

TEST_CASE("prometheus: scores, states, severities, sections and run metrics of a report") {
  const auto text = report::render_prometheus(sample::report(), 1.5);
  CHECK(has_line(text, "dockcis_audit_could_not_run 0"));
  CHECK(has_line(text, "dockcis_last_run_timestamp_seconds 1795435207"));
  CHECK(has_line(text, "dockcis_last_run_duration_seconds 1.500"));
  CHECK(has_line(text, "dockcis_score_ratio 0.1429"));                 // 1 / (1 + 5 + 1)
  CHECK(has_line(text, "dockcis_score_before_waivers_ratio 0.1250"));  // 1 / (1 + 6 + 1)
  CHECK(has_line(text, "dockcis_results{state=\"fail\"} 5"));
  CHECK(has_line(text, "dockcis_results{state=\"notselected\"} 1"));
  CHECK(has_line(text, "dockcis_failed_checks{severity=\"critical\"} 1"));
  CHECK(has_line(text, "dockcis_failed_checks{severity=\"info\"} 0"));  // every severity has a series
  CHECK(has_line(text, "dockcis_section_failed_checks{section=\"5\"} 2"));
  CHECK(has_line(text, "dockcis_section_score_ratio{section=\"1\"} 0.5000"));
  CHECK(has_line(text, "dockcis_audit_info{profile=\"cis-docker-1.6.0\",level=\"2\",version=\"0.1.0\",docker_version=\"24.0.7\"} 1"));
}

TEST_CASE("prometheus: every sample belongs to a family declared with HELP and TYPE gauge") {
  const auto text = report::render_prometheus(sample::report(), 0.25);
  std::set<std::string> typed;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("# TYPE ")) {
      const auto name = line.substr(7, line.find(' ', 7) - 7);
      CHECK(line == "# TYPE " + name + " gauge");
      CHECK_FALSE(name.ends_with("_total"));  // _total is for counters only
      CHECK(name.starts_with("dockcis_"));
      typed.insert(name);
    } else if (!line.starts_with("# HELP ")) {
      CHECK(typed.contains(line.substr(0, line.find_first_of("{ "))));
    }
  }
  CHECK(text.back() == '\n');
}

TEST_CASE("prometheus: host-provided label values are escaped") {
  auto sample = sample::report();
  sample.host["docker_version"] = "24\"}\nevil_metric 1\\";
  const auto text = report::render_prometheus(sample, -1);
  // clean_text shows the newline as \x0a; the exposition escapes quote and backslash.
  CHECK(text.find(R"(docker_version="24\"}\\x0aevil_metric 1\\"} 1)") != std::string::npos);
  CHECK_FALSE(has_line(text, "evil_metric 1"));
  CHECK(text.find("dockcis_last_run_duration_seconds") == std::string::npos);  // unknown duration: left out
}

TEST_CASE("prometheus: a run that could not happen says so and gives no score") {
  const auto text = report::render_prometheus_cannot_run(std::chrono::system_clock::time_point(std::chrono::seconds(1795435207)), 0.042);
  CHECK(has_line(text, "dockcis_audit_could_not_run 1"));
  CHECK(has_line(text, "dockcis_last_run_timestamp_seconds 1795435207"));
  CHECK(has_line(text, "dockcis_last_run_duration_seconds 0.042"));
  CHECK(text.find("dockcis_score_ratio") == std::string::npos);
}

TEST_CASE("prometheus: a format of its own, with extension prom and mode 0644") {
  for (const auto name : report::kFormatNames) CHECK(report::parse_format(name).has_value());
  CHECK(report::parse_format("prometheus") == report::Format::prometheus);
  CHECK(report::file_extension(report::Format::prometheus) == "prom");
  CHECK(report::file_mode(report::Format::prometheus) == 0644);
  CHECK(report::file_mode(report::Format::json) == 0640);
  CHECK(report::render(sample::report(), report::Format::prometheus, {.duration_seconds = 2}) ==
        report::render_prometheus(sample::report(), 2));
}
