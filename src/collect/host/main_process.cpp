// SPDX-License-Identifier: Apache-2.0
#include "collect/host/main_process.hpp"
#include "model/fact_names.hpp"

#include <tuple>

#include "collect/deadline.hpp"
#include "collect/host/proc.hpp"
#include "model/container_running.hpp"
#include "util/json_access.hpp"
#include "util/json_pointer.hpp"
#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

using model::json;

json id_or_null(const std::string& text) { return all_digits(text) && text.size() < 11 ? json(std::stol(text)) : json(nullptr); }

}  // namespace

json status_ids(std::string_view status) {
  json ids = json::object();
  for (const auto& [field, real, effective] : {std::tuple{"Uid:", "uid", "euid"}, {"Gid:", "gid", "egid"}}) {
    const auto values = util::split_words(status_field(status, field));
    ids[real] = values.size() >= 2 ? id_or_null(values[0]) : json(nullptr);
    ids[effective] = values.size() >= 2 ? id_or_null(values[1]) : json(nullptr);
  }
  return ids;
}

model::Fact main_process_fact(const HostRoot& root, long pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/status";
  const auto status = root.read_text(path);
  if (!status) {
    if (status.error().kind != ProbeError::Kind::not_found) return std::unexpected(unavailable(status.error(), "cannot read", path));
    // Our own /proc/1 visible: the process has gone since the engine answered; else the host's /proc is not ours.
    if (root.read_text("/proc/1/status")) {
      return std::unexpected(model::Unavailable{"process " + std::to_string(pid) + " exited during the scan", model::ErrorKind::not_found});
    }
    return std::unexpected(model::Unavailable{"no " + path + " under " + root.resolve("/proc").string() +
                                                  " (run on the host, or give --root the host's /proc)",
                                              model::ErrorKind::not_visible});
  }
  auto document = status_ids(*status);
  if (document["uid"].is_null() || document["euid"].is_null()) {
    return std::unexpected(model::Unavailable{path + " has no readable Uid: line", model::ErrorKind::malformed_answer});
  }
  document["running"] = true;
  document["pid"] = pid;
  document["name"] = util::trim(status_field(*status, "Name:"));
  return document;
}

void collect_container_main_process(const FactRequest& request, model::FactStore& out) {
  const auto* containers = request.deps.value(model::facts::engine_containers);
  if (containers == nullptr || !containers->is_array()) return;
  for (const auto& entry : *containers) {
    const std::string id = util::get_or(entry, "Id", std::string());
    const auto key = model::instance_key(request.kind.name, id);
    if (past_deadline(request.sources)) {
      out.set(key, std::unexpected(deadline_passed()));
      continue;
    }
    const auto* inspected = request.deps.find(model::instance_key(model::facts::container_inspect, id));
    const auto* inspect = inspected != nullptr && *inspected ? &**inspected : nullptr;
    if (!model::container_running(entry, inspect)) {
      out.set(key, json{{"running", false}});
      continue;
    }
    const auto* pid_at = inspect != nullptr ? util::find_at(*inspect, "/State/Pid") : nullptr;
    const long pid = pid_at != nullptr && pid_at->is_number_integer() ? pid_at->get<long>() : 0L;
    if (pid <= 0 && inspected != nullptr && !*inspected) {
      // The pid is in the inspect that could not be read: its reason (a stall, the deadline) is this fact's.
      const auto& error = inspected->error();
      out.set(key, std::unexpected(model::Unavailable{"the inspect document of running container " + id.substr(0, 12) +
                                                          " was not read: " + error.reason,
                                                      error.kind}));
      continue;
    }
    if (pid <= 0) {
      out.set(key, std::unexpected(model::Unavailable{"the inspect document of running container " + id.substr(0, 12) +
                                                          " gives no State.Pid",
                                                      inspect == nullptr ? model::ErrorKind::not_collected : model::ErrorKind::malformed_answer}));
      continue;
    }
    out.set(key, main_process_fact(*request.sources.root, pid));
  }
}

}  // namespace dockcis::collect
