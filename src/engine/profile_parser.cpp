// SPDX-License-Identifier: Apache-2.0
#include "engine/profile_parser.hpp"

#include <algorithm>
#include <set>

namespace dockcis::engine {
namespace {

std::string top_section(const std::string& id) { return id.substr(0, id.find('.')); }

void parse_parameters(DocumentReader& reader, const json& parameters, model::Profile& profile) {
  if (!parameters.is_object()) {
    reader.report("/parameters", "'parameters' must be an object");
    return;
  }
  for (const auto& [name, spec] : parameters.items()) {
    const std::string at = "/parameters/" + DocumentReader::escape(name);
    if (!spec.is_object() || !spec.contains("default")) {
      reader.report(at, "a parameter needs {\"default\": ..., \"description\": ...}");
      continue;
    }
    reader.only_keys(spec, at, {"default", "description"});
    profile.parameters[name] = spec;
  }
}

void parse_sections(DocumentReader& reader, const json& document, model::Profile& profile) {
  const auto sections = document.find("sections");
  if (sections == document.end() || !sections->is_array()) {
    reader.report("/sections", "missing array 'sections'");
    return;
  }
  for (std::size_t i = 0; i < sections->size(); ++i) {
    const std::string at = "/sections/" + std::to_string(i);
    const auto& node = (*sections)[i];
    if (!node.is_object()) {
      reader.report(at, "a section must be an object {id, title}");
      continue;
    }
    reader.only_keys(node, at, {"id", "title"});
    profile.sections.push_back({reader.string_field(node, at, "id", true), reader.string_field(node, at, "title", true)});
  }
}

/// Everything that does not depend on other recommendations.
model::Recommendation parse_recommendation(DocumentReader& reader, const json& node, const std::string& at) {
  reader.only_keys(node, at, {"id", "key", "title", "level", "swarm", "assessment"});
  model::Recommendation recommendation;
  recommendation.id = reader.string_field(node, at, "id", true);
  recommendation.key = reader.string_field(node, at, "key", true);
  recommendation.title = reader.string_field(node, at, "title", true);
  recommendation.assessment = reader.string_field(node, at, "assessment", true);
  recommendation.section = top_section(recommendation.id);
  const auto level = node.find("level");
  if (level == node.end() || !level->is_number_integer() || (*level != 1 && *level != 2)) {
    reader.report(at + "/level", "'level' must be 1 or 2");
  } else {
    recommendation.level = level->get<int>();
  }
  if (const auto swarm = node.find("swarm"); swarm != node.end()) {
    if (swarm->is_boolean()) recommendation.swarm = swarm->get<bool>();
    else reader.report(at + "/swarm", "'swarm' must be true or false");
  }
  if (recommendation.assessment != "automated" && recommendation.assessment != "manual") {
    reader.report(at + "/assessment", "'assessment' must be \"automated\" or \"manual\" (CIS's status)");
  }
  return recommendation;
}

void parse_recommendations(DocumentReader& reader, const json& document, const std::map<std::string, model::Check>& checks,
                           model::Profile& profile) {
  const auto list = document.find("recommendations");
  if (list == document.end() || !list->is_array()) {
    reader.report("/recommendations", "missing array 'recommendations'");
    return;
  }
  std::set<std::string> ids, keys;
  std::vector<std::string> check_keys;
  for (const auto& [key, check] : checks) check_keys.push_back(key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = "/recommendations/" + std::to_string(i);
    if (!(*list)[i].is_object()) {
      reader.report(at, "a recommendation must be an object");
      continue;
    }
    auto recommendation = parse_recommendation(reader, (*list)[i], at);
    if (!ids.insert(recommendation.id).second) reader.report(at + "/id", "duplicate id '" + recommendation.id + "'");
    if (!recommendation.key.empty() && !keys.insert(recommendation.key).second) {
      reader.report(at + "/key", "check '" + recommendation.key + "' is listed twice");
    }
    if (!recommendation.key.empty() && !checks.contains(recommendation.key)) {
      reader.report(at + "/key", "no check has the key '" + recommendation.key + "'", did_you_mean(recommendation.key, check_keys));
    }
    const bool section_known = std::ranges::any_of(profile.sections, [&](const model::Section& s) { return s.id == recommendation.section; });
    if (!recommendation.id.empty() && !section_known) reader.report(at + "/id", "section '" + recommendation.section + "' is not in 'sections'");
    profile.recommendations.push_back(std::move(recommendation));
  }
}

// "1.8.0": numbers joined by dots, as profiles are ordered by (a "v" or a
// missing part would make a profile silently the oldest).
bool dotted_numbers(const std::string& text) {
  if (text.empty() || text.front() == '.' || text.back() == '.' || text.find("..") != std::string::npos) return false;
  return text.find_first_not_of("0123456789.") == std::string::npos;
}

}  // namespace

std::optional<model::Profile> parse_profile_file(DocumentReader& reader, std::string_view text,
                                                 const std::map<std::string, model::Check>& checks) {
  const auto document = reader.parse(text);
  if (!document) return std::nullopt;
  if (!document->is_object()) {
    reader.report("", "a profile must be a JSON object");
    return std::nullopt;
  }
  reader.only_keys(*document, "", {"schema", "id", "title", "benchmark_version", "docker_min", "parameters", "sections",
                                   "recommendations"});
  if (reader.string_field(*document, "", "schema", false) != "dockcis.profile/v1") {
    reader.report("/schema", "expected \"schema\": \"dockcis.profile/v1\"");
  }
  model::Profile profile;
  profile.file = reader.file();
  profile.id = reader.string_field(*document, "", "id", true);
  profile.title = reader.string_field(*document, "", "title", true);
  profile.benchmark_version = reader.string_field(*document, "", "benchmark_version", true);
  if (const auto version = document->find("benchmark_version");
      version != document->end() && version->is_string() && !dotted_numbers(profile.benchmark_version)) {
    reader.report("/benchmark_version", "'" + profile.benchmark_version + "' is not a version: numbers joined by dots, such as 1.8.0");
  }
  profile.docker_min = reader.string_field(*document, "", "docker_min", true);
  if (document->contains("parameters")) parse_parameters(reader, document->at("parameters"), profile);
  parse_sections(reader, *document, profile);
  parse_recommendations(reader, *document, checks, profile);
  return profile;
}

}  // namespace dockcis::engine
