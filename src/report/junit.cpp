// SPDX-License-Identifier: Apache-2.0
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "report/clean_text.hpp"
#include "report/render.hpp"
#include "report/values.hpp"
#include "report/xml_out.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

using model::State;

// The strict Ant JUnit schema wants a timestamp without a zone designator.
std::string junit_timestamp(const std::string& rfc3339) {
  auto stamp = rfc3339.substr(0, 19);
  return stamp.size() == 19 ? stamp : "1970-01-01T00:00:00";
}

std::string instance_label(const model::InstanceResult& instance) {
  return instance.name().empty() ? instance.id().substr(0, 12) : instance.name();
}

// "manual: needs a person", "not applicable: no TCP listener", without
// repeating a prefix the reason already carries ("waived by W-17: ...").
std::string skip_message(State state, const std::string& reason) {
  const std::string label = state == State::notapplicable ? "not applicable" : std::string(model::to_string(state));
  if (reason.empty()) return label;
  if (reason.starts_with(label) || (state == State::waived && reason.starts_with("waived"))) return reason;
  return label + ": " + reason;
}

// An evidence item's lines; what its probe says besides the value is
// phrased once for the check's details (thousands of failing containers' lines).
void evidence_lines(std::string& out, const std::vector<model::Evidence>& evidence, std::string_view indent, ProbePhrases& phrases) {
  for (const auto& item : evidence) {
    const auto& [label, expected] = phrases.of(item);
    out.append(indent).append(label);
    append_value_text(out, item.actual);
    out.append(expected);
    if (!item.note.empty()) out.append(" (").append(item.note).append(")");
    out += '\n';
  }
}

// Appended to one string rather than through a stream: a check's failing
// containers are thousands of lines at a thousand containers.
std::string details(const model::CheckResult& result, const model::InstanceResult* only) {
  std::string out = result.reason + "\n";
  ProbePhrases phrases(" = ", ", expected ", "");
  if (only != nullptr) {
    evidence_lines(out, only->evidence, "", phrases);
  } else if (result.instances.empty()) {
    evidence_lines(out, result.evidence, "", phrases);
  } else {
    for (const auto& instance : result.instances) {
      if (instance.state == State::pass || instance.state == State::notapplicable) continue;
      out.append(instance_label(instance)).append(" (").append(instance.image()).append("): ").append(model::to_string(instance.state));
      out.append(" ").append(instance.reason).append("\n");
      evidence_lines(out, instance.evidence, "  ", phrases);
    }
  }
  out.append("Key: ").append(result.key).append("  Level: ").append(std::to_string(result.level));
  out.append("  Severity: ").append(model::to_string(result.severity)).append("\n");
  out.append("Remediation: ").append(result.remediation).append("\n");
  // Control characters are not allowed in XML 1.0 text.
  return clean_text(out, true);
}

void add_outcome(pugi::xml_node testcase, const model::CheckResult& result, State state, const std::string& reason,
                 const model::InstanceResult* instance) {
  switch (state) {
    case State::fail: {
      auto failure = testcase.append_child("failure");
      failure.append_attribute("message") = clean_text(reason.empty() ? result.title : reason).c_str();
      failure.append_attribute("type") = std::string(model::to_string(result.severity)).c_str();
      failure.text().set(details(result, instance).c_str());
      break;
    }
    case State::error: {
      auto error = testcase.append_child("error");
      error.append_attribute("message") = clean_text(reason).c_str();
      error.append_attribute("type") = "could-not-observe";
      error.text().set(details(result, instance).c_str());
      break;
    }
    case State::manual:
    case State::notapplicable:
    case State::waived:
    case State::info: {
      auto skipped = testcase.append_child("skipped");
      skipped.append_attribute("message") = clean_text(skip_message(state, reason)).c_str();
      break;
    }
    default: break;
  }
}

// One test case: a check, or with per-instance cases one container's result for it.
struct JunitCase {
  std::string name;
  State state;
  const std::string& reason;
  const model::CheckResult& result;
  const model::InstanceResult* instance;
};

// Every test case of a section, in order, to `take`.
template <typename Take>
void each_case(const model::Report& report, const std::string& section_id, const RenderOptions& options, Take take) {
  for (const auto& result : report.results) {
    if (result.section != section_id || result.state == State::notselected) continue;
    const std::string name = result.id + " " + result.title;
    if (options.junit_per_instance && !result.instances.empty()) {
      for (const auto& instance : result.instances) {
        take(JunitCase{name + " [" + instance_label(instance) + "]", instance.state, instance.reason, result, &instance});
      }
    } else {
      take(JunitCase{name, result.state, result.reason, result, nullptr});
    }
  }
}

bool skipped_state(State state) { return state == State::manual || state == State::notapplicable || state == State::waived || state == State::info; }

constexpr const char* kCasesMarker = "test-cases";

// Every suite with its counts and properties, a marker where its test cases go.
void add_suites(pugi::xml_node suites, const model::Report& report, const RenderOptions& options) {
  const std::string hostname = util::trim(clean_text(host_text(report, "hostname", "localhost")));
  int suite_id = 0;
  for (const auto& [section_id, section_title] : report.sections) {
    int tests = 0, failures = 0, errors = 0, skips = 0;
    each_case(report, section_id, options, [&](const JunitCase& test) {
      ++tests;
      failures += test.state == State::fail;
      errors += test.state == State::error;
      skips += skipped_state(test.state);
    });
    auto suite = suites.append_child("testsuite");
    suite.append_attribute("name") = clean_text(report.profile_id + " " + section_id + " " + section_title).c_str();
    suite.append_attribute("package") = clean_text(report.profile_id + "." + section_id).c_str();
    suite.append_attribute("id") = suite_id++;
    suite.append_attribute("timestamp") = junit_timestamp(report.started_at).c_str();
    suite.append_attribute("hostname") = hostname.empty() ? "localhost" : hostname.c_str();
    suite.append_attribute("tests") = tests;
    suite.append_attribute("failures") = failures;
    suite.append_attribute("errors") = errors;
    suite.append_attribute("skipped") = skips;
    suite.append_attribute("time") = "0";
    auto properties = suite.append_child("properties");
    for (const auto& [name, value] : {std::pair{"profile", report.profile_id}, {"level", report.level}, {"run_id", report.run_id},
                                      {"docker_version", host_text(report, "docker_version")},
                                      {"score", util::fixed(report.summary.total.percent(), 2)}}) {
      auto property = properties.append_child("property");
      property.append_attribute("name") = name;
      property.append_attribute("value") = clean_text(value).c_str();
    }
    suite.append_child(pugi::node_comment).set_value(kCasesMarker);
    suite.append_child("system-out");
    suite.append_child("system-err");
  }
}

}  // namespace

// The suites are printed from a small document; their test cases, with
// every failing container's evidence most of the file at a thousand
// containers, are printed one at a time from a scratch document in their
// marker's line rather than all held as one DOM. The bytes are those of
// saving the whole document.
void render_junit(const model::Report& report, const RenderOptions& options, TextOut& text_out) {
  pugi::xml_document document;
  add_suites(document.append_child("testsuites"), report, options);
  XmlSkeleton skeleton(document, "  ");
  text_out.text() += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  XmlOut writer(text_out);
  pugi::xml_document scratch;
  for (const auto& section : report.sections) {
    skeleton.copy_to(kCasesMarker, text_out);
    const std::string classname = clean_text(report.profile_id + "." + section.first);
    each_case(report, section.first, options, [&](const JunitCase& test) {
      scratch.reset();
      auto testcase = scratch.append_child("testcase");
      testcase.append_attribute("name") = clean_text(test.name).c_str();
      testcase.append_attribute("classname") = classname.c_str();
      testcase.append_attribute("time") = "0";
      add_outcome(testcase, test.result, test.state, test.reason, test.instance);
      testcase.print(writer, "  ", pugi::format_default, pugi::encoding_auto, 2);
    });
  }
  skeleton.copy_rest(text_out);
}

std::string render_junit(const model::Report& report, const RenderOptions& options) {
  TextOut out;
  render_junit(report, options, out);
  return out.finish();
}

}  // namespace dockcis::report
