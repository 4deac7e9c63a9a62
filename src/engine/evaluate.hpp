// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/messages.hpp"
#include "model/check.hpp"
#include "model/fact_store.hpp"
#include "model/profile.hpp"
#include "model/report.hpp"

namespace dockcis::model {
struct FactKind;
}

namespace dockcis::engine {

struct OperatorInfo;

/// Everything a check is evaluated against. Pure: no host access.
/// A predicate's probe and the operand its operator gets: they depend only
/// on the predicate, the parameters and the data, so they are made once per
/// audit and each instance's evidence shares the probe.
struct ResolvedPredicate {
  std::shared_ptr<const model::Probe> probe;
  model::json operand;
  // What the probe was made from besides its own fields, to tell a predicate
  // at a reused address (a tailored copy of a check) from the one it was made for.
  std::string param;
  std::string data;
  model::json value;
  /// The predicate's slots that no document changes (predicate_constant_slots).
  Slots slots;
  /// Its operator and its fact's kind, looked up once (the loader checked both).
  const OperatorInfo* op = nullptr;
  const model::FactKind* kind = nullptr;
};

struct EvalContext {
  const model::FactStore& facts;
  const model::json& parameters;  ///< effective parameter values by name
  bool running_only = false;      ///< narrow "containers" to running ones
  const model::json* data = nullptr;  ///< catalogue data by name, each with the run's date ("run_date")
  /// By the address of a predicate or reviewer evidence reference, made on
  /// first use and made again for another one at the same address.
  mutable std::map<const void*, ResolvedPredicate> resolved{};
  /// By collection, then id: the subject every check's result for it shares.
  mutable std::map<std::string, std::map<std::string, std::shared_ptr<const model::Subject>, std::less<>>, std::less<>> subjects{};
  /// The facts the checks read for the instance evaluated last, by fact name:
  /// evaluation goes instance by instance, and its checks read the same few.
  /// Forgotten whenever the store changes (an audit lets each container's
  /// facts go once every check has read them).
  struct InstanceFacts {
    std::string collection;
    std::string id;
    std::uint64_t store_changes = 0;
    std::vector<std::pair<std::string, const model::Fact*>> found;
    std::shared_ptr<const model::Subject> subject;
    /// Forgets what it holds for another instance than this one, or a store that changed since.
    void switch_to(std::string_view to_collection, std::string_view to_id, std::uint64_t changes) {
      if (id == to_id && collection == to_collection && store_changes == changes) return;
      collection = to_collection;
      id = to_id;
      store_changes = changes;
      found.clear();
      subject = nullptr;
    }
  };
  mutable InstanceFacts last_instance{};
};

/// The subject of an instance in this context, made on first use (and made
/// again should the same id come with another name or image).
std::shared_ptr<const model::Subject> subject_of(const EvalContext& context, std::string_view collection, std::string_view id,
                                                 std::string_view name, std::string_view image);

/// The probe and operand of a predicate in this context, made on first use.
const ResolvedPredicate& resolve(const model::Predicate& predicate, const EvalContext& context);

/// One test's conclusion with what it read.
struct TestOutcome {
  model::State state = model::State::error;
  std::vector<model::Evidence> evidence;
  std::string reason;
  std::optional<model::ErrorKind> error_kind;  ///< when the state is error because a fact could not be read
  Slots slots;  ///< what the deciding predicate found, for the check's message templates
};

/// The instance a per-instance test reads ("" when the check is host-wide).
struct Instance {
  std::string collection;  ///< container | image | network
  std::string id;
  std::string name;  ///< what reports call it, for message templates
};

/// The store key a check's fact name reads for an instance: "container.inspect"
/// -> "container/<id>/inspect"; host-wide facts as written.
std::string fact_key(const std::string& fact, const Instance& instance);
/// The fact `fact` names for an instance (fact_key), looked up in the store
/// once per instance; nullptr when it was not collected.
const model::Fact* find_fact(const std::string& fact, const EvalContext& context, const Instance& instance);
/// Sets what `evidence` found. A value of a host-wide fact read in an
/// instance's check is the same in every instance: it is shown cut
/// (model::EvidenceValue::repeated), and the note says so.
void set_found(model::Evidence& evidence, const nlohmann::json& value, const model::FactKind* kind, const Instance& instance);

/// What the caller reads of an outcome besides its state and evidence. A
/// pass's slots: a negation above turns the pass into a failure to phrase,
/// or a host-wide check's remediation reads them. The outcome's own reason:
/// a check phrases its decision again from the slots, so only first_of's
/// note quotes one. Unwanted, neither is made.
struct Wanted {
  bool pass_slots = true;
  bool reason = true;
};

TestOutcome evaluate_test(const model::Test& test, const EvalContext& context, const Instance& instance, Wanted wanted = {});

/// A recommendation's result with the check's and the profile's texts, not evaluated yet.
model::CheckResult base_result(const model::Check& check, const model::Recommendation& recommendation);

/// A per-instance check evaluated one instance at a time, so that an audit
/// can go container by container across every such check (audit.cpp):
/// start_instances() gives the list's entries (nullptr, and `result` an
/// error saying why, when the list could not be read); add_instance()
/// decides one entry and adds its instance result; finish_instances() rolls
/// the instances up into the check's state. evaluate_check() is the three in turn.
const model::json* start_instances(const model::Check& check, const EvalContext& context, model::CheckResult& result);
void add_instance(const model::Check& check, const EvalContext& context, const model::json& entry, model::CheckResult& result);

/// A list entry as every check of its collection reads it: read from the
/// entry once, not once per check.
struct ListedInstance {
  Instance instance;
  bool running = false;  ///< "State" is "running"
  std::shared_ptr<const model::Subject> subject;
};
/// `collection`: the instance kind ("container"), as start_instances() names it in the result.
ListedInstance listed_instance(const EvalContext& context, std::string_view collection, const model::json& entry);
/// add_instance() for an entry read already; `result` names the same collection.
void add_instance(const model::Check& check, const EvalContext& context, const ListedInstance& listed, model::CheckResult& result);
void finish_instances(const model::Check& check, const EvalContext& context, model::CheckResult& result);

/// Evaluates one selected check as the given recommendation of a profile.
model::CheckResult evaluate_check(const model::Check& check, const model::Recommendation& recommendation,
                                  const EvalContext& context);

/// A result for a recommendation the user did not select.
model::CheckResult not_selected(const model::Check& check, const model::Recommendation& recommendation);

}  // namespace dockcis::engine
