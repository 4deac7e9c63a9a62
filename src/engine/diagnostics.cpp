// SPDX-License-Identifier: Apache-2.0
#include "engine/diagnostics.hpp"

#include <algorithm>

#include "util/json_parse.hpp"
#include "util/suggest.hpp"

namespace dockcis::engine {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (!pointer.empty()) out += ":" + pointer;
  out += ": " + message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

std::string describe(const Diagnostics& diagnostics, std::string_view what) {
  std::string message = std::to_string(diagnostics.size()) + " problem(s) in " + std::string(what) + ":";
  for (const auto& diagnostic : diagnostics) message += "\n  " + diagnostic.to_string();
  return message;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto close = util::closest_match(word, candidates);
  return close.empty() ? std::string() : "did you mean '" + close + "'?";
}

void DocumentReader::report(const std::string& pointer, std::string message, std::string hint) {
  out_.push_back({file_, pointer, std::move(message), std::move(hint)});
}

void DocumentReader::only_keys(const json& object, const std::string& pointer, const std::vector<std::string>& allowed) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    if (std::ranges::find(allowed, key) == allowed.end()) {
      report(pointer + "/" + escape(key), "unknown key '" + key + "'", did_you_mean(key, allowed));
    }
  }
}

std::string DocumentReader::string_field(const json& object, const std::string& pointer, const char* key, bool required) {
  if (!object.is_object()) return {};
  const auto found = object.find(key);
  if (found == object.end()) {
    if (required) report(pointer, std::string("missing required key '") + key + "'");
    return {};
  }
  if (!found->is_string()) {
    report(pointer + "/" + key, std::string("'") + key + "' must be a string");
    return {};
  }
  return found->get<std::string>();
}

bool DocumentReader::one_of(const std::string& value, const std::vector<std::string>& allowed, const std::string& pointer,
                            std::string_view what) {
  if (std::ranges::find(allowed, value) != allowed.end()) return true;
  report(pointer, "'" + value + "' is not a valid " + std::string(what), did_you_mean(value, allowed));
  return false;
}

std::vector<std::string> DocumentReader::string_array(const json& node, const std::string& pointer) {
  std::vector<std::string> out;
  if (!node.is_array()) {
    report(pointer, "must be an array of strings");
    return out;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (node[i].is_string()) out.push_back(node[i].get<std::string>());
    else report(pointer + "/" + std::to_string(i), "must be a string");
  }
  return out;
}

std::optional<json> DocumentReader::parse(std::string_view text) {
  util::JsonLimits limits;
  limits.allow_comments = true;
  auto document = util::parse_json(text, limits);
  if (!document) {
    report("", "invalid JSON: " + document.error().message);
    return std::nullopt;
  }
  return std::move(*document);
}

std::string DocumentReader::escape(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace dockcis::engine
