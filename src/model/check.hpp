// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/control.hpp"
#include "model/severity.hpp"
#include "model/state.hpp"

namespace dockcis::model {

using json = nlohmann::json;

/// The kind of JSON value a predicate declares its field to hold; a value of
/// another kind is an error, never a pass. `any` leaves the judging to the
/// operator; `texts` is a list whose entries are all texts.
enum class ValueType { any, text, number, integer, boolean, object, list, texts };

/// One comparison: read `fact`, take the value at JSON pointer `select`,
/// optionally map each array element through `pluck`, then apply `op` with
/// `value` (or the profile/tailoring parameter named by `param`).
struct Predicate {
  std::string fact;
  std::string select;               ///< RFC 6901 pointer; "" is the whole document
  std::string pluck;                ///< pointer applied to every element of an array
  std::string op;
  json value;                       ///< literal operand (null when `param` is set)
  std::string param;                ///< parameter name supplying the operand
  std::string data;                 ///< catalogue data document supplying the operand (checks/*.json, dockcis.data/v1)
  std::optional<State> if_missing;  ///< state when `select` finds nothing (default: apply op to null)
  std::string label;                ///< what the evidence calls this value
  ValueType type = ValueType::any;  ///< what the selected value holds (each plucked value, with `pluck`)
};

/// A test expression: a predicate or a combinator over sub-tests.
struct Test {
  enum class Kind { predicate, all, any, none, negate, first_of };
  Kind kind = Kind::predicate;
  Predicate predicate;
  std::vector<Test> children;
};

/// What a manual check shows the reviewer.
struct EvidenceRef {
  std::string fact;
  std::string select;
  std::string label;
};

/// A check's message templates ("" = the operator's default phrasing): the
/// object it judges, and one sentence per state, over named placeholders.
struct Messages {
  std::string object;
  std::string fail;
  std::string error;
  std::string notapplicable;  ///< applies_if does not hold
  std::string absent;         ///< the test found nothing to judge (a missing file)
};

/// A check as written in checks/*.json, keyed by a stable semantic key.
struct Check {
  std::string key;
  std::string title;  ///< dockcis' own title; the profile carries the CIS title
  std::string description;
  std::string rationale;
  std::string remediation;
  Severity severity = Severity::medium;
  std::vector<std::string> references;
  std::vector<ControlRef> controls;  ///< NIST SP 800-53 / CIS Controls mappings, each with its source
  std::string decides;     ///< plain-words summary of how the check decides
  std::string mode = "automated";  ///< automated | manual | info
  std::string for_each;    ///< "", containers, running_containers, images, networks
  std::optional<Test> applies_if;  ///< false -> notapplicable
  std::optional<Test> test;
  std::vector<EvidenceRef> evidence;  ///< shown for manual/info checks and as context
  Messages messages;
  std::string file;        ///< where it was defined, for diagnostics
};

}  // namespace dockcis::model
