// SPDX-License-Identifier: Apache-2.0
#include "engine/test_parser.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/operators.hpp"
#include "engine/value_types.hpp"
#include "util/strings.hpp"

namespace dockcis::engine {
namespace {

std::optional<model::State> parse_if_missing(DocumentReader& reader, const std::string& pointer, const json& value) {
  static const std::vector<std::string> kAllowed{"pass", "fail", "notapplicable", "error"};
  if (value.is_string() && std::ranges::find(kAllowed, value.get<std::string>()) != kAllowed.end()) {
    return model::parse_state(value.get<std::string>());
  }
  reader.report(pointer, "'if_missing' must be one of pass, fail, notapplicable, error");
  return std::nullopt;
}

model::ValueType parse_type(DocumentReader& reader, const std::string& pointer, const json& value) {
  const auto type = value.is_string() ? parse_value_type(value.get<std::string>()) : std::nullopt;
  if (type) return *type;
  const auto names = value_type_names();
  reader.report(pointer, "'type' must be one of " + util::join(names, ", "), value.is_string() ? did_you_mean(value.get<std::string>(), names) : std::string());
  return model::ValueType::any;
}

std::vector<std::string> fact_candidates() {
  std::vector<std::string> names;
  for (const auto& kind : model::fact_kinds()) {
    names.emplace_back(std::string(kind.name) + (kind.argument == model::FactArgument::none ? "" : ":"));
  }
  return names;
}

void check_operator(DocumentReader& reader, const std::string& pointer, const model::Predicate& predicate) {
  if (predicate.op.empty()) return;
  const auto* op = find_operator(predicate.op);
  if (op == nullptr) {
    reader.report(pointer + "/op", "unknown operator '" + predicate.op + "'", did_you_mean(predicate.op, operator_names()));
  } else if (predicate.param.empty() && predicate.data.empty()) {
    if (const auto problem = check_operand(*op, predicate.value); !problem.empty()) reader.report(pointer + "/value", problem);
  } else if (op->operand == Operand::none) {
    reader.report(pointer + "/param", "operator '" + predicate.op + "' takes no value");
  }
}

model::Test parse_predicate(DocumentReader& reader, const json& node, const std::string& pointer, const TestScope& scope) {
  reader.only_keys(node, pointer, {"fact", "select", "pluck", "op", "value", "param", "data", "if_missing", "label", "type"});
  model::Test test;
  auto& predicate = test.predicate;
  predicate.fact = reader.string_field(node, pointer, "fact", true);
  predicate.select = reader.string_field(node, pointer, "select", false);
  predicate.pluck = reader.string_field(node, pointer, "pluck", false);
  predicate.op = reader.string_field(node, pointer, "op", true);
  predicate.param = reader.string_field(node, pointer, "param", false);
  predicate.label = reader.string_field(node, pointer, "label", false);
  predicate.data = reader.string_field(node, pointer, "data", false);
  if (!predicate.fact.empty()) check_fact_name(reader, pointer + "/fact", predicate.fact, scope.collection);
  for (const auto& [field, text] : {std::pair{"select", &predicate.select}, {"pluck", &predicate.pluck}}) {
    if (!valid_pointer(*text)) reader.report(pointer + "/" + field, "'" + *text + "' is not a JSON pointer (RFC 6901: \"\" or \"/a/b\")");
  }
  if (node.contains("if_missing")) predicate.if_missing = parse_if_missing(reader, pointer + "/if_missing", node.at("if_missing"));
  if (node.contains("type")) predicate.type = parse_type(reader, pointer + "/type", node.at("type"));
  if (node.contains("value") && !predicate.param.empty()) reader.report(pointer, "give either 'value' or 'param', not both");
  predicate.value = node.value("value", json());
  if (!predicate.param.empty() && scope.params_used != nullptr) scope.params_used->insert(predicate.param);
  if (!predicate.data.empty() && (node.contains("value") || !predicate.param.empty())) {
    reader.report(pointer, "give one of 'value', 'param' and 'data'");
  }
  // The loader checks that a data document of that name exists.
  if (!predicate.data.empty() && scope.params_used != nullptr) scope.params_used->insert("data:" + predicate.data);
  check_operator(reader, pointer, predicate);
  return test;
}

}  // namespace

bool valid_pointer(const std::string& text) {
  try {
    json::json_pointer{text};
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

void check_fact_name(DocumentReader& reader, const std::string& pointer, const std::string& fact,
                     const model::Collection* collection) {
  const auto* kind = model::find_fact_kind(fact);
  if (kind == nullptr) {
    const auto prefix = fact.substr(0, fact.find(':') + (fact.find(':') == std::string::npos ? 0 : 1));
    reader.report(pointer, "unknown fact '" + fact + "'", did_you_mean(prefix, fact_candidates()));
    return;
  }
  const bool has_argument = fact.size() > kind->name.size() + 1;
  if (kind->argument == model::FactArgument::none && fact != kind->name) {
    reader.report(pointer, "fact '" + std::string(kind->name) + "' takes no argument");
  } else if (kind->argument != model::FactArgument::none && !has_argument) {
    reader.report(pointer, "fact '" + std::string(kind->name) + "' needs an argument: " + std::string(kind->name) +
                               (kind->argument == model::FactArgument::path ? ":PATH" : ":NAME"));
  }
  if (!kind->instance_of.empty() && (collection == nullptr || collection->instance != kind->instance_of)) {
    const std::string instance(kind->instance_of);
    reader.report(pointer, "fact '" + fact + "' is per " + instance + " and needs \"for_each\" over " + instance + "s");
  }
}

std::optional<model::Test> parse_test(DocumentReader& reader, const json& node, const std::string& pointer,
                                      const TestScope& scope, int depth) {
  if (!node.is_object()) {
    reader.report(pointer, "a test must be an object");
    return std::nullopt;
  }
  if (depth >= kMaxTestDepth) {
    reader.report(pointer, "tests nest deeper than " + std::to_string(kMaxTestDepth) + " levels");
    return std::nullopt;
  }
  model::Test test;
  static constexpr std::array<std::pair<const char*, model::Test::Kind>, 4> kCombinators{
      {{"all", model::Test::Kind::all}, {"any", model::Test::Kind::any}, {"none", model::Test::Kind::none},
       {"first_of", model::Test::Kind::first_of}}};
  for (const auto& [name, kind] : kCombinators) {
    if (!node.contains(name)) continue;
    reader.only_keys(node, pointer, {name});
    const auto& children = node.at(name);
    if (!children.is_array() || children.empty()) {
      reader.report(pointer + "/" + name, std::string("'") + name + "' needs a non-empty array of tests");
      return std::nullopt;
    }
    test.kind = kind;
    for (std::size_t i = 0; i < children.size(); ++i) {
      auto child = parse_test(reader, children[i], pointer + "/" + name + "/" + std::to_string(i), scope, depth + 1);
      if (child) test.children.push_back(std::move(*child));
    }
    return test;
  }
  if (node.contains("not")) {
    reader.only_keys(node, pointer, {"not"});
    auto child = parse_test(reader, node.at("not"), pointer + "/not", scope, depth + 1);
    if (!child) return std::nullopt;
    test.kind = model::Test::Kind::negate;
    test.children.push_back(std::move(*child));
    return test;
  }
  return parse_predicate(reader, node, pointer, scope);
}

}  // namespace dockcis::engine
