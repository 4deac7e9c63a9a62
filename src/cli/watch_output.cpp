// SPDX-License-Identifier: Apache-2.0
#include "cli/watch_output.hpp"

#include "report/clean_text.hpp"
#include "report/prometheus.hpp"
#include "report/render.hpp"
#include "util/atomic_file.hpp"

namespace dockcis::cli {
namespace {

model::json state_or_null(const std::optional<model::State>& state) {
  return state ? model::json(std::string(model::to_string(*state))) : model::json(nullptr);
}

// "new", "changed", "gone": what kind of change the line tells, so a consumer
// need not compare the states itself.
std::string_view change_kind(const engine::ResultChange& change) {
  if (!change.old_state) return "new";
  if (!change.new_state) return "gone";
  return "changed";
}

}  // namespace

model::json change_document(const engine::ResultChange& change, std::string_view time) {
  model::json evidence = model::json::array();
  for (const auto& item : change.evidence) evidence.push_back(model::to_json(item));
  model::json instance = nullptr;
  if (!change.instance_id.empty()) instance = {{"id", change.instance_id}, {"name", change.instance_name}};
  return {{"schema", kWatchSchema},
          {"time", time},
          {"change", change_kind(change)},
          {"check", change.check_key},
          {"id", change.cis_id},
          {"title", change.title},
          {"severity", model::to_string(change.severity)},
          {"instance", instance},
          {"old", state_or_null(change.old_state)},
          {"new", state_or_null(change.new_state)},
          {"reason", change.reason},
          {"evidence", evidence}};
}

std::string change_line(const engine::ResultChange& change) {
  const auto state = [](const std::optional<model::State>& s, std::string_view none) {
    return s ? std::string(model::to_string(*s)) : std::string(none);
  };
  std::string line = change.cis_id + " " + change.check_key;
  if (!change.instance_id.empty()) {
    line += " " + report::clean_text(change.instance_name.empty() ? change.instance_id.substr(0, 12) : change.instance_name);
  }
  line += ": " + state(change.old_state, "new") + " -> " + state(change.new_state, "gone");
  if (!change.reason.empty()) line += " (" + report::clean_text(change.reason) + ")";
  return line;
}

std::expected<void, std::string> write_watch_metrics(const std::string& path, const model::Report& report) {
  return util::write_file_atomically(path, report::render_prometheus(report, -1), report::file_mode(report::Format::prometheus));
}

}  // namespace dockcis::cli
