// SPDX-License-Identifier: Apache-2.0
#include "report/prometheus.hpp"

#include <ctime>
#include <iomanip>
#include <optional>
#include <map>
#include <set>
#include <sstream>

#include "report/clean_text.hpp"
#include "report/render.hpp"
#include "util/strings.hpp"

namespace dockcis::report {
namespace {

// The exposition format escapes backslash, double quote and newline in label
// values; clean_text has already removed every other control character.
std::string label_value(std::string_view text) {
  std::string out;
  for (const char c : clean_text(text)) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

class Exposition {
 public:
  /// Starts a metric family: its HELP and TYPE lines.
  void family(std::string_view name, std::string_view type, std::string_view help) {
    out_ << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n";
  }
  void sample(std::string_view name, const std::string& value) { out_ << name << " " << value << "\n"; }
  void sample(std::string_view name, std::string_view label, std::string_view label_text, const std::string& value) {
    out_ << name << "{" << label << "=\"" << label_value(label_text) << "\"} " << value << "\n";
  }
  /// A sample with several labels, already formatted.
  void line(const std::string& text) { out_ << text << "\n"; }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

std::string ratio(const model::Tally& tally) { return util::fixed(tally.percent() / 100.0, 4); }

// "2026-11-23T12:00:00Z" (what util::rfc3339 writes) -> seconds since the epoch.
std::optional<long long> epoch_seconds(const std::string& rfc3339) {
  std::tm parts{};
  std::istringstream in(rfc3339);
  in >> std::get_time(&parts, "%Y-%m-%dT%H:%M:%SZ");
  if (in.fail()) return std::nullopt;
  return static_cast<long long>(timegm(&parts));
}

void run_metrics(Exposition& out, bool could_not_run, std::optional<long long> finished, double duration_seconds) {
  out.family("dockcis_audit_could_not_run", "gauge",
             "1 when the last audit could not run (exit code 3: Docker unreachable, output not writable), else 0.");
  out.sample("dockcis_audit_could_not_run", could_not_run ? "1" : "0");
  if (finished) {
    out.family("dockcis_last_run_timestamp_seconds", "gauge", "When the last audit finished, in seconds since the epoch.");
    out.sample("dockcis_last_run_timestamp_seconds", std::to_string(*finished));
  }
  if (duration_seconds >= 0) {
    out.family("dockcis_last_run_duration_seconds", "gauge", "How long the last audit took, in seconds.");
    out.sample("dockcis_last_run_duration_seconds", util::fixed(duration_seconds, 3));
  }
}

void info_metric(Exposition& out, const model::Report& report) {
  out.family("dockcis_audit_info", "gauge", "The last audit's benchmark profile, level and tool and Docker versions (value 1).");
  const std::string docker = report.host.is_object() ? report.host.value("docker_version", "") : "";
  const std::string tool = report.tool.is_object() ? report.tool.value("version", "") : "";
  std::ostringstream line;
  line << "dockcis_audit_info{profile=\"" << label_value(report.profile_id) << "\",level=\"" << label_value(report.level)
       << "\",version=\"" << label_value(tool) << "\",docker_version=\"" << label_value(docker) << "\"} 1";
  out.line(line.str());
}

void result_metrics(Exposition& out, const model::Summary& summary) {
  out.family("dockcis_results", "gauge", "Results of the last audit by state (one per check).");
  for (const model::State state : model::kAllStates) {
    const auto found = summary.counts.find(state);
    out.sample("dockcis_results", "state", model::to_string(state), std::to_string(found == summary.counts.end() ? 0 : found->second));
  }
  out.family("dockcis_failed_checks", "gauge", "Checks in state fail by severity (waived ones excluded).");
  // Every severity gets a series, zero included, so a query or an alert never
  // meets a missing series for "no findings".
  std::map<std::string, int> by_name;
  for (const auto severity : model::kAllSeverities) {
    const auto found = summary.failed_by_severity.find(severity);
    by_name[std::string(model::to_string(severity))] = found == summary.failed_by_severity.end() ? 0 : found->second;
  }
  for (const auto& [severity, count] : by_name) out.sample("dockcis_failed_checks", "severity", severity, std::to_string(count));
}

void section_metrics(Exposition& out, const model::Summary& summary) {
  out.family("dockcis_section_failed_checks", "gauge", "Checks in state fail by CIS section.");
  for (const auto& [section, tally] : summary.by_section) {
    out.sample("dockcis_section_failed_checks", "section", section, std::to_string(tally.fail));
  }
  out.family("dockcis_section_score_ratio", "gauge", "Score of each CIS section: pass / (pass + fail + error), 0 to 1.");
  for (const auto& [section, tally] : summary.by_section) out.sample("dockcis_section_score_ratio", "section", section, ratio(tally));
}

}  // namespace

std::string render_prometheus(const model::Report& report, double duration_seconds) {
  Exposition out;
  run_metrics(out, false, epoch_seconds(report.finished_at), duration_seconds);
  info_metric(out, report);
  out.family("dockcis_score_ratio", "gauge", "Headline score: pass / (pass + fail + error) over the selected checks, waived excluded, 0 to 1.");
  out.sample("dockcis_score_ratio", ratio(report.summary.total));
  out.family("dockcis_score_before_waivers_ratio", "gauge", "The headline score as it would be without waivers, 0 to 1.");
  out.sample("dockcis_score_before_waivers_ratio", ratio(report.summary.before_waivers));
  result_metrics(out, report.summary);
  section_metrics(out, report.summary);
  return out.str();
}

std::string render_prometheus_cannot_run(std::chrono::system_clock::time_point finished, double duration_seconds) {
  Exposition out;
  run_metrics(out, true, std::chrono::duration_cast<std::chrono::seconds>(finished.time_since_epoch()).count(), duration_seconds);
  return out.str();
}

std::string render_prometheus_failed_run(const model::Report& report, double duration_seconds) {
  Exposition out;
  run_metrics(out, true, epoch_seconds(report.finished_at), duration_seconds);
  return out.str();
}

}  // namespace dockcis::report
