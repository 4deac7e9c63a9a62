// SPDX-License-Identifier: Apache-2.0
#include "engine/controls.hpp"

#include <set>

#include "engine/patterns.hpp"

namespace dockcis::engine {
namespace {

// NIST SP 800-53 Rev. 5 ids: family, number, optional enhancement ("AC-6", "AC-6(9)").
// CIS Controls v8: control or safeguard ("4", "4.1").
bool valid_id(const std::string& framework, const std::string& id) {
  // RE2, as every other pattern: compiled once, matched in linear time.
  static const auto* const kNist = engine::pattern("[A-Z]{2}-[0-9]{1,2}(\\([0-9]{1,2}\\))?");
  static const auto* const kCis = engine::pattern("[0-9]{1,2}(\\.[0-9]{1,2})?");
  if (id.size() > 16) return false;
  return engine::whole_match(*(framework == kNistFramework ? kNist : kCis), id);
}

std::string text(const nlohmann::json& entry, const char* key) {
  const auto found = entry.find(key);
  return found != entry.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

std::vector<model::ControlRef> parse_controls(const nlohmann::json& node, const std::string& pointer,
                                              std::vector<std::pair<std::string, std::string>>& problems) {
  std::vector<model::ControlRef> controls;
  if (!node.is_array()) {
    problems.emplace_back(pointer, "'controls' must be an array of {\"framework\", \"id\", \"source\"}");
    return controls;
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const auto at = pointer + "/" + std::to_string(i);
    const auto& entry = node[i];
    if (!entry.is_object()) {
      problems.emplace_back(at, "a control is an object {\"framework\", \"id\", \"source\"}");
      continue;
    }
    bool ok = true;
    for (const auto& [key, value] : entry.items()) {
      if (key != "framework" && key != "id" && key != "source") problems.emplace_back(at + "/" + key, "unknown key '" + key + "'"), ok = false;
    }
    model::ControlRef control{text(entry, "framework"), text(entry, "id"), text(entry, "source")};
    if (control.framework != kNistFramework && control.framework != kCisControlsFramework) {
      problems.emplace_back(at + "/framework", std::string("'framework' must be \"") + kNistFramework + "\" or \"" + kCisControlsFramework + "\"");
      ok = false;
    } else if (!valid_id(control.framework, control.id)) {
      problems.emplace_back(at + "/id", "'" + control.id + "' is not a " + control.framework + " identifier");
      ok = false;
    }
    if (control.source.empty()) {
      problems.emplace_back(at + "/source", "every mapping names its public source");
      ok = false;
    }
    if (ok && !seen.insert({control.framework, control.id}).second) {
      problems.emplace_back(at, "control " + control.id + " is listed twice");
      ok = false;
    }
    if (ok) controls.push_back(std::move(control));
  }
  return controls;
}

}  // namespace dockcis::engine
