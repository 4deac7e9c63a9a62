// SPDX-License-Identifier: Apache-2.0
#include "cli/explain_text.hpp"

#include <sstream>
#include <vector>

#include "engine/plan.hpp"
#include "engine/value_types.hpp"

namespace dockcis::cli {
namespace {

// Tests nest at most kMaxTestDepth deep (the loader refuses deeper ones).
std::string describe_test(const model::Test& test, int depth) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  switch (test.kind) {
    case model::Test::Kind::predicate: {
      const auto& p = test.predicate;
      std::string line = indent + p.fact + (p.select.empty() ? "" : " " + p.select);
      if (!p.pluck.empty()) line += " (each " + p.pluck + ")";
      line += " " + p.op;
      if (!p.param.empty()) line += " parameter " + p.param;
      else if (!p.value.is_null()) line += " " + p.value.dump();
      if (p.type != model::ValueType::any) line += " [holds " + std::string(engine::type_phrase(p.type)) + "]";
      if (p.if_missing) line += " [if missing: " + std::string(model::to_string(*p.if_missing)) + "]";
      return line + "\n";
    }
    case model::Test::Kind::negate: return indent + "not:\n" + describe_test(test.children.front(), depth + 1);
    default: {
      static const char* kNames[] = {"", "all of", "any of", "none of", "not", "first decided of"};
      std::string out = indent + kNames[static_cast<int>(test.kind)] + ":\n";
      for (const auto& child : test.children) out += describe_test(child, depth + 1);
      return out;
    }
  }
}

std::string argument_suffix(const model::FactKind& kind) {
  switch (kind.argument) {
    case model::FactArgument::path: return ":PATH";
    case model::FactArgument::group: return ":GROUP";
    case model::FactArgument::none: break;
  }
  return "";
}

}  // namespace

std::string fact_kind_line(const model::FactKind& kind) {
  std::string name = std::string(kind.name) + argument_suffix(kind);
  name.resize(std::max<std::size_t>(name.size() + 1, 22), ' ');  // a name of 22 or more still has its space
  std::string source = kind.source == model::FactSource::engine_api ? "engine" : "host";
  source.resize(8, ' ');
  std::string line = name + source + std::string(kind.description);
  if (!kind.instance_of.empty()) line += " (per " + std::string(kind.instance_of) + ")";
  return line;
}

std::string explain_text(const model::Check& check, const model::Recommendation& recommendation, const model::Profile& profile) {
  std::ostringstream out;
  out << recommendation.id << "  " << recommendation.title << "\n";
  out << "key: " << check.key << "    profile: " << profile.id << "    level: "
      << (recommendation.swarm ? "1 (swarm)" : std::to_string(recommendation.level)) << "    CIS assessment: "
      << recommendation.assessment << "    dockcis: " << check.mode << "    severity: " << model::to_string(check.severity)
      << "\n\n";
  out << "Description\n  " << check.description << "\n\n";
  if (!check.rationale.empty()) out << "Rationale\n  " << check.rationale << "\n\n";
  out << "Facts read\n";
  for (const auto& fact : engine::facts_read(check)) {
    const auto* kind = model::find_fact_kind(fact);
    out << "  " << fact << (kind != nullptr ? ": " + std::string(kind->description) : std::string()) << "\n";
  }
  out << "\nHow it decides\n";
  if (!check.decides.empty()) out << "  " << check.decides << "\n";
  if (!check.for_each.empty()) out << "  For each of: " << check.for_each << " (fails if any fails; none: notapplicable)\n";
  if (check.applies_if) out << "  Applies if:\n" << describe_test(*check.applies_if, 2);
  if (check.test) out << "  Test:\n" << describe_test(*check.test, 2);
  out << "\nRemediation\n  " << check.remediation << "\n";
  if (!check.controls.empty()) {
    out << "\nControls\n";
    for (const auto& control : check.controls) out << "  " << control.framework << " " << control.id << "  (source: " << control.source << ")\n";
  }
  if (!check.references.empty()) {
    out << "\nReferences\n";
    for (const auto& reference : check.references) out << "  " << reference << "\n";
  }
  return out.str();
}

}  // namespace dockcis::cli
