// SPDX-License-Identifier: Apache-2.0
#include "engine/report_header.hpp"
#include "model/fact_kinds.hpp"
#include "model/fact_names.hpp"
#include "model/listed_name.hpp"
#include "util/json_access.hpp"

namespace dockcis::engine {

using model::json;

json host_identity(const model::FactStore& facts) {
  json host = json::object();
  // A snapshot may hold any kind here: only an object names the host.
  if (const auto* identity = facts.value(model::facts::host_identity); identity != nullptr && identity->is_object()) host = *identity;
  if (const auto* version = facts.value(model::facts::engine_version)) {
    host["docker_version"] = util::get_or(*version, "Version", "");
    host["api_version"] = util::get_or(facts.meta, "api_version", util::get_or(*version, "ApiVersion", ""));
  }
  bool rootless = false;
  if (const auto* info = facts.value(model::facts::engine_info)) {
    for (const auto& option : util::get_or(*info, "SecurityOptions", json::array())) {
      if (option.is_string() && option.get<std::string>() == "name=rootless") rootless = true;
    }
  }
  host["rootless"] = rootless;
  return host;
}

namespace {

// A per-instance key ("container/<id>/inspect") with its id shown cut as the
// instance's subject shows it.
std::string shown_key(const std::string& key) {
  const auto* kind = model::kind_of_key(key);
  if (kind == nullptr || kind->instance_of.empty()) return key;
  const auto first = key.find('/');
  const auto last = key.rfind('/');
  if (last == first || last - first - 1 <= model::kShownSubjectText) return key;
  return key.substr(0, first + 1) + model::shown_subject_text(key.substr(first + 1, last - first - 1)) + key.substr(last);
}

}  // namespace

std::vector<model::CollectionError> collection_errors(const model::FactStore& facts) {
  std::vector<model::CollectionError> errors;
  for (const auto& [key, fact] : facts.all()) {
    if (!fact) errors.push_back({shown_key(key), fact.error().kind, fact.error().reason});
  }
  return errors;
}

}  // namespace dockcis::engine
