// SPDX-License-Identifier: Apache-2.0
#include "engine/loader.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/controls.hpp"
#include "engine/operators.hpp"
#include "util/sha256.hpp"
#include "util/suggest.hpp"

namespace dockcis::engine {
namespace {

using model::json;

const std::vector<std::string> kInstanceFacts{"container.inspect", "container.processes", "image.inspect",
                                              "image.history", "network.inspect"};

/// Collects diagnostics for one file; the JSON pointer grows as we descend.
class FileReader {
 public:
  FileReader(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

  void report(const std::string& pointer, std::string message, std::string hint = {}) {
    out_.push_back({file_, pointer, std::move(message), std::move(hint)});
  }

  /// Unknown keys are errors, with the closest allowed key as a hint.
  void only_keys(const json& object, const std::string& pointer, const std::vector<std::string>& allowed) {
    for (const auto& [key, value] : object.items()) {
      if (std::ranges::find(allowed, key) == allowed.end()) {
        const auto close = util::closest_match(key, allowed);
        report(pointer + "/" + escape(key), "unknown key '" + key + "'", close.empty() ? "" : "did you mean '" + close + "'?");
      }
    }
  }

  std::string string_field(const json& object, const std::string& pointer, const char* key, bool required) {
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

  static std::string escape(const std::string& key) {
    std::string out;
    for (char c : key) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
    return out;
  }

  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Diagnostic>& out_;
};

std::optional<json> parse_json(FileReader& reader, const std::string& text) {
  try {
    return json::parse(text, nullptr, true, true);
  } catch (const json::parse_error& error) {
    reader.report("", std::string("invalid JSON: ") + error.what());
    return std::nullopt;
  }
}

bool valid_pointer(const std::string& pointer) {
  try {
    json::json_pointer{pointer};
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

std::string fact_collection(const std::string& fact) {
  if (fact.starts_with("container.")) return "container";
  if (fact.starts_with("image.")) return "image";
  if (fact.starts_with("network.")) return "network";
  return {};
}

std::string for_each_collection(const std::string& for_each) {
  if (for_each == "containers" || for_each == "running_containers") return "container";
  if (for_each == "images") return "image";
  if (for_each == "networks") return "network";
  return {};
}

void check_fact_name(FileReader& reader, const std::string& pointer, const std::string& fact, const std::string& for_each) {
  const auto& names = known_fact_names();
  if (std::ranges::find(kInstanceFacts, fact) != kInstanceFacts.end()) {
    if (fact_collection(fact) != for_each_collection(for_each)) {
      reader.report(pointer, "fact '" + fact + "' is per " + fact_collection(fact) + " and needs \"for_each\" over " +
                                 fact_collection(fact) + "s");
    }
    return;
  }
  for (const auto& name : names) {
    if (name.ends_with(':') ? (fact.starts_with(name) && fact.size() > name.size()) : fact == name) return;
  }
  std::vector<std::string> candidates(names);
  candidates.insert(candidates.end(), kInstanceFacts.begin(), kInstanceFacts.end());
  const auto close = util::closest_match(fact.substr(0, fact.find(':') + (fact.find(':') == std::string::npos ? 0 : 1)), candidates);
  reader.report(pointer, "unknown fact '" + fact + "'", close.empty() ? "" : "did you mean '" + close + "'?");
}

std::optional<model::State> parse_if_missing(FileReader& reader, const std::string& pointer, const json& value) {
  static const std::vector<std::string> kAllowed{"pass", "fail", "notapplicable", "error"};
  if (value.is_string() && std::ranges::find(kAllowed, value.get<std::string>()) != kAllowed.end()) {
    return model::parse_state(value.get<std::string>());
  }
  reader.report(pointer, "'if_missing' must be one of pass, fail, notapplicable, error");
  return std::nullopt;
}

std::optional<model::Test> parse_test(FileReader& reader, const json& node, const std::string& pointer,
                                      const std::string& for_each, std::set<std::string>& params_used) {
  if (!node.is_object()) {
    reader.report(pointer, "a test must be an object");
    return std::nullopt;
  }
  model::Test test;
  static const std::vector<std::pair<std::string, model::Test::Kind>> kCombinators{
      {"all", model::Test::Kind::all}, {"any", model::Test::Kind::any}, {"none", model::Test::Kind::none},
      {"first_of", model::Test::Kind::first_of}};
  for (const auto& [name, kind] : kCombinators) {
    if (!node.contains(name)) continue;
    reader.only_keys(node, pointer, {name});
    const auto& children = node.at(name);
    if (!children.is_array() || children.empty()) {
      reader.report(pointer + "/" + name, "'" + name + "' needs a non-empty array of tests");
      return std::nullopt;
    }
    test.kind = kind;
    for (std::size_t i = 0; i < children.size(); ++i) {
      auto child = parse_test(reader, children[i], pointer + "/" + name + "/" + std::to_string(i), for_each, params_used);
      if (child) test.children.push_back(std::move(*child));
    }
    return test;
  }
  if (node.contains("not")) {
    reader.only_keys(node, pointer, {"not"});
    auto child = parse_test(reader, node.at("not"), pointer + "/not", for_each, params_used);
    if (!child) return std::nullopt;
    test.kind = model::Test::Kind::negate;
    test.children.push_back(std::move(*child));
    return test;
  }

  reader.only_keys(node, pointer, {"fact", "select", "pluck", "op", "value", "param", "if_missing", "label"});
  auto& predicate = test.predicate;
  predicate.fact = reader.string_field(node, pointer, "fact", true);
  predicate.select = reader.string_field(node, pointer, "select", false);
  predicate.pluck = reader.string_field(node, pointer, "pluck", false);
  predicate.op = reader.string_field(node, pointer, "op", true);
  predicate.param = reader.string_field(node, pointer, "param", false);
  predicate.label = reader.string_field(node, pointer, "label", false);
  if (!predicate.fact.empty()) check_fact_name(reader, pointer + "/fact", predicate.fact, for_each);
  for (const auto* field : {"select", "pluck"}) {
    const auto& text = std::string(field) == "select" ? predicate.select : predicate.pluck;
    if (!valid_pointer(text)) reader.report(pointer + "/" + field, "'" + text + "' is not a JSON pointer (RFC 6901: \"\" or \"/a/b\")");
  }
  if (node.contains("if_missing")) predicate.if_missing = parse_if_missing(reader, pointer + "/if_missing", node.at("if_missing"));
  if (node.contains("value") && !predicate.param.empty()) reader.report(pointer, "give either 'value' or 'param', not both");
  predicate.value = node.value("value", json());
  if (!predicate.param.empty()) params_used.insert(predicate.param);
  if (!predicate.op.empty()) {
    const auto* op = find_operator(predicate.op);
    if (!op) {
      const auto close = util::closest_match(predicate.op, operator_names());
      reader.report(pointer + "/op", "unknown operator '" + predicate.op + "'", close.empty() ? "" : "did you mean '" + close + "'?");
    } else if (predicate.param.empty()) {
      if (const auto problem = check_operand(*op, predicate.value); !problem.empty()) reader.report(pointer + "/value", problem);
    } else if (op->operand == Operand::none) {
      reader.report(pointer + "/param", "operator '" + predicate.op + "' takes no value");
    }
  }
  return test;
}

std::vector<std::string> string_array(FileReader& reader, const json& node, const std::string& pointer) {
  std::vector<std::string> out;
  if (!node.is_array()) {
    reader.report(pointer, "must be an array of strings");
    return out;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (node[i].is_string()) out.push_back(node[i].get<std::string>());
    else reader.report(pointer + "/" + std::to_string(i), "must be a string");
  }
  return out;
}

struct CheckOrigin {
  std::string file;
  std::string pointer;
  std::set<std::string> params_used;
};

void parse_checks_file(const std::string& file, const std::string& text, Catalogue& catalogue,
                       std::map<std::string, CheckOrigin>& origins, std::vector<Diagnostic>& out) {
  FileReader reader(file, out);
  const auto document = parse_json(reader, text);
  if (!document) return;
  if (!document->is_object()) return reader.report("", "a checks file must be a JSON object");
  reader.only_keys(*document, "", {"schema", "checks"});
  if (document->value("schema", "") != "dockcis.checks/v1") reader.report("/schema", "expected \"schema\": \"dockcis.checks/v1\"");
  const auto checks = document->find("checks");
  if (checks == document->end() || !checks->is_array()) return reader.report("/checks", "missing array 'checks'");

  static const std::vector<std::string> kKeys{"key",        "title",      "severity", "mode",     "for_each",
                                              "description", "rationale", "remediation", "decides", "references",
                                              "applies_if", "test",       "evidence", "controls"};
  static const std::vector<std::string> kSeverities{"info", "low", "medium", "high", "critical"};
  static const std::vector<std::string> kModes{"automated", "manual", "info"};
  static const std::vector<std::string> kForEach{"", "containers", "running_containers", "images", "networks"};

  for (std::size_t i = 0; i < checks->size(); ++i) {
    const auto& node = (*checks)[i];
    const std::string pointer = "/checks/" + std::to_string(i);
    if (!node.is_object()) {
      reader.report(pointer, "a check must be an object");
      continue;
    }
    reader.only_keys(node, pointer, kKeys);
    model::Check check;
    check.file = file;
    check.key = reader.string_field(node, pointer, "key", true);
    check.title = reader.string_field(node, pointer, "title", true);
    check.description = reader.string_field(node, pointer, "description", true);
    check.rationale = reader.string_field(node, pointer, "rationale", false);
    check.remediation = reader.string_field(node, pointer, "remediation", true);
    check.decides = reader.string_field(node, pointer, "decides", false);
    if (node.contains("severity")) check.severity = reader.string_field(node, pointer, "severity", true);
    if (node.contains("mode")) check.mode = reader.string_field(node, pointer, "mode", true);
    check.for_each = reader.string_field(node, pointer, "for_each", false);
    if (node.contains("references")) check.references = string_array(reader, node.at("references"), pointer + "/references");
    if (node.contains("controls")) {
      std::vector<std::pair<std::string, std::string>> problems;
      check.controls = parse_controls(node.at("controls"), pointer + "/controls", problems);
      for (const auto& [at, message] : problems) reader.report(at, message);
    }

    auto enum_check = [&](const std::string& value, const std::vector<std::string>& allowed, const char* field) {
      if (std::ranges::find(allowed, value) != allowed.end()) return;
      const auto close = util::closest_match(value, allowed);
      reader.report(pointer + "/" + field, "'" + value + "' is not a valid " + field, close.empty() ? "" : "did you mean '" + close + "'?");
    };
    enum_check(check.severity, kSeverities, "severity");
    enum_check(check.mode, kModes, "mode");
    enum_check(check.for_each, kForEach, "for_each");

    CheckOrigin origin{file, pointer, {}};
    if (node.contains("applies_if")) {
      check.applies_if = parse_test(reader, node.at("applies_if"), pointer + "/applies_if", check.for_each, origin.params_used);
    }
    if (node.contains("test")) {
      check.test = parse_test(reader, node.at("test"), pointer + "/test", check.for_each, origin.params_used);
    } else if (check.mode != "manual") {
      reader.report(pointer, "an " + check.mode + " check needs a 'test'");
    }
    if (node.contains("evidence")) {
      const auto& evidence = node.at("evidence");
      if (!evidence.is_array()) reader.report(pointer + "/evidence", "'evidence' must be an array");
      for (std::size_t e = 0; evidence.is_array() && e < evidence.size(); ++e) {
        const std::string at = pointer + "/evidence/" + std::to_string(e);
        if (!evidence[e].is_object()) {
          reader.report(at, "evidence entries are objects {fact, select, label}");
          continue;
        }
        reader.only_keys(evidence[e], at, {"fact", "select", "label"});
        model::EvidenceRef ref{reader.string_field(evidence[e], at, "fact", true),
                               reader.string_field(evidence[e], at, "select", false),
                               reader.string_field(evidence[e], at, "label", true)};
        if (!ref.fact.empty()) check_fact_name(reader, at + "/fact", ref.fact, check.for_each);
        if (!valid_pointer(ref.select)) reader.report(at + "/select", "'" + ref.select + "' is not a JSON pointer");
        check.evidence.push_back(std::move(ref));
      }
    }
    if (check.mode == "manual" && check.evidence.empty()) {
      reader.report(pointer, "a manual check must list the 'evidence' a reviewer needs");
    }
    if (check.key.empty()) continue;
    if (const auto previous = origins.find(check.key); previous != origins.end()) {
      reader.report(pointer + "/key", "duplicate check key '" + check.key + "' (first defined in " + previous->second.file +
                                          " at " + previous->second.pointer + ")");
      continue;
    }
    origins.emplace(check.key, std::move(origin));
    catalogue.checks.emplace(check.key, std::move(check));
  }
}

std::string top_section(const std::string& id) { return id.substr(0, id.find('.')); }

void parse_profile_file(const std::string& file, const std::string& text, Catalogue& catalogue, std::vector<Diagnostic>& out) {
  FileReader reader(file, out);
  const auto document = parse_json(reader, text);
  if (!document) return;
  if (!document->is_object()) return reader.report("", "a profile must be a JSON object");
  reader.only_keys(*document, "", {"schema", "id", "title", "benchmark_version", "docker_min", "parameters", "sections",
                                   "recommendations"});
  if (document->value("schema", "") != "dockcis.profile/v1") reader.report("/schema", "expected \"schema\": \"dockcis.profile/v1\"");
  model::Profile profile;
  profile.file = file;
  profile.id = reader.string_field(*document, "", "id", true);
  profile.title = reader.string_field(*document, "", "title", true);
  profile.benchmark_version = reader.string_field(*document, "", "benchmark_version", true);
  profile.docker_min = reader.string_field(*document, "", "docker_min", true);
  if (document->contains("parameters")) {
    const auto& parameters = document->at("parameters");
    if (!parameters.is_object()) reader.report("/parameters", "'parameters' must be an object");
    for (const auto& [name, spec] : parameters.items()) {
      const std::string at = "/parameters/" + FileReader::escape(name);
      if (!spec.is_object() || !spec.contains("default")) {
        reader.report(at, "a parameter needs {\"default\": ..., \"description\": ...}");
        continue;
      }
      reader.only_keys(spec, at, {"default", "description"});
      profile.parameters[name] = spec;
    }
  }
  const auto sections = document->find("sections");
  if (sections == document->end() || !sections->is_array()) {
    reader.report("/sections", "missing array 'sections'");
  } else {
    for (std::size_t i = 0; i < sections->size(); ++i) {
      const std::string at = "/sections/" + std::to_string(i);
      reader.only_keys((*sections)[i], at, {"id", "title"});
      profile.sections.push_back({reader.string_field((*sections)[i], at, "id", true),
                                  reader.string_field((*sections)[i], at, "title", true)});
    }
  }
  const auto recommendations = document->find("recommendations");
  if (recommendations == document->end() || !recommendations->is_array()) {
    reader.report("/recommendations", "missing array 'recommendations'");
  } else {
    std::set<std::string> ids, keys;
    std::vector<std::string> check_keys;
    for (const auto& [key, check] : catalogue.checks) check_keys.push_back(key);
    for (std::size_t i = 0; i < recommendations->size(); ++i) {
      const auto& node = (*recommendations)[i];
      const std::string at = "/recommendations/" + std::to_string(i);
      if (!node.is_object()) {
        reader.report(at, "a recommendation must be an object");
        continue;
      }
      reader.only_keys(node, at, {"id", "key", "title", "level", "swarm", "assessment"});
      model::Recommendation recommendation;
      recommendation.id = reader.string_field(node, at, "id", true);
      recommendation.key = reader.string_field(node, at, "key", true);
      recommendation.title = reader.string_field(node, at, "title", true);
      recommendation.assessment = reader.string_field(node, at, "assessment", true);
      recommendation.section = top_section(recommendation.id);
      const auto level = node.find("level");
      if (level == node.end() || !level->is_number_integer() || (level->get<int>() != 1 && level->get<int>() != 2)) {
        reader.report(at + "/level", "'level' must be 1 or 2");
      } else {
        recommendation.level = level->get<int>();
      }
      recommendation.swarm = node.value("swarm", false);
      if (recommendation.assessment != "automated" && recommendation.assessment != "manual") {
        reader.report(at + "/assessment", "'assessment' must be \"automated\" or \"manual\" (CIS's status)");
      }
      if (!ids.insert(recommendation.id).second) reader.report(at + "/id", "duplicate id '" + recommendation.id + "'");
      if (!recommendation.key.empty() && !keys.insert(recommendation.key).second) {
        reader.report(at + "/key", "check '" + recommendation.key + "' is listed twice");
      }
      if (!recommendation.key.empty() && !catalogue.checks.contains(recommendation.key)) {
        const auto close = util::closest_match(recommendation.key, check_keys);
        reader.report(at + "/key", "no check has the key '" + recommendation.key + "'", close.empty() ? "" : "did you mean '" + close + "'?");
      }
      const bool section_known = std::ranges::any_of(profile.sections, [&](const model::Section& s) { return s.id == recommendation.section; });
      if (!recommendation.id.empty() && !section_known) reader.report(at + "/id", "section '" + recommendation.section + "' is not in 'sections'");
      profile.recommendations.push_back(std::move(recommendation));
    }
  }
  catalogue.profiles.push_back(std::move(profile));
}

void check_parameters(Catalogue& catalogue, const std::map<std::string, CheckOrigin>& origins, std::vector<Diagnostic>& out) {
  for (const auto& profile : catalogue.profiles) {
    for (const auto& recommendation : profile.recommendations) {
      const auto origin = origins.find(recommendation.key);
      if (origin == origins.end()) continue;
      for (const auto& param : origin->second.params_used) {
        if (!profile.parameters.contains(param)) {
          out.push_back({profile.file, "/parameters",
                         "check '" + recommendation.key + "' (" + origin->second.file + ") uses parameter '" + param +
                             "' which this profile does not declare",
                         {}});
        }
      }
    }
  }
}

LoadResult finish(LoadResult result, const std::vector<std::pair<std::string, std::string>>& check_files,
                  const std::vector<std::pair<std::string, std::string>>& profile_files) {
  std::map<std::string, CheckOrigin> origins;
  for (const auto& [file, text] : check_files) parse_checks_file(file, text, result.catalogue, origins, result.diagnostics);
  for (const auto& [file, text] : profile_files) parse_profile_file(file, text, result.catalogue, result.diagnostics);
  check_parameters(result.catalogue, origins, result.diagnostics);
  std::set<std::string> ids;
  for (const auto& profile : result.catalogue.profiles) {
    if (!ids.insert(profile.id).second) result.diagnostics.push_back({profile.file, "/id", "duplicate profile id '" + profile.id + "'", {}});
  }
  std::ranges::sort(result.catalogue.profiles, [](const model::Profile& a, const model::Profile& b) {
    return a.benchmark_version < b.benchmark_version;
  });
  // File names, not paths: the digest identifies the catalogue wherever it is installed.
  std::string all;
  for (const auto* files : {&check_files, &profile_files}) {
    for (const auto& [file, text] : *files) all += std::filesystem::path(file).filename().string() + '\0' + text + '\0';
  }
  result.catalogue.digest = "sha256:" + util::sha256_hex(all);
  return result;
}

std::vector<std::pair<std::string, std::string>> read_json_files(const std::filesystem::path& dir, std::vector<Diagnostic>& out) {
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    out.push_back({dir.string(), "", "not a directory (use --checks-dir/--profiles-dir)", {}});
    return files;
  }
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::ranges::sort(paths);
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      out.push_back({path.string(), "", "cannot read file", {}});
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    files.emplace_back(path.string(), text.str());
  }
  return files;
}

}  // namespace

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (!pointer.empty()) out += ":" + pointer;
  out += ": " + message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

const model::Profile* Catalogue::find_profile(std::string_view id) const {
  const auto found = std::ranges::find(profiles, id, &model::Profile::id);
  return found == profiles.end() ? nullptr : &*found;
}

const std::vector<std::string>& known_fact_names() {
  static const std::vector<std::string> kNames{
      "engine.version", "engine.info",   "engine.containers", "engine.images", "engine.networks", "engine.swarm",
      "engine.bridge",  "daemon.config", "daemon.units",      "host.kernel",   "host.identity",   "scanner.self",
      "host.file:",     "host.tree:",    "host.mount:",       "host.audit:",   "host.group:"};
  return kNames;
}

LoadResult load_catalogue(const std::filesystem::path& checks_dir, const std::filesystem::path& profiles_dir) {
  LoadResult result;
  const auto check_files = read_json_files(checks_dir, result.diagnostics);
  const auto profile_files = read_json_files(profiles_dir, result.diagnostics);
  return finish(std::move(result), check_files, profile_files);
}

LoadResult load_catalogue_from(const std::vector<std::pair<std::string, std::string>>& check_files,
                               const std::vector<std::pair<std::string, std::string>>& profile_files) {
  return finish(LoadResult{}, check_files, profile_files);
}

}  // namespace dockcis::engine
