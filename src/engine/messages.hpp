// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/slots.hpp"
#include "model/check.hpp"
#include "model/report.hpp"
#include "model/state.hpp"

// Reasons as sentences about the host: the named values a predicate found
// (its slots), the default phrasing of each operator, and the check file's
// message templates filled from those slots.
namespace dockcis::engine {

/// "" when `text` is a valid template, otherwise what is wrong with it
/// (an unknown placeholder, an unclosed brace).
std::string check_template(std::string_view text);

/// The template with each {name} replaced by its slot ("" when the slot is unset).
std::string fill_template(std::string_view text, const Slots& slots);

/// "" when a remediation's {name} placeholders are all known; other braces
/// ("find ... -exec chmod a-s {} +") are text.
std::string check_remediation(std::string_view text);

/// The host's own values a remediation names, from dockerd's configuration
/// document: {config_file} (the daemon.json dockerd reads) and {dockerd} (the
/// running binary), with dockerd's defaults when the host did not say.
Slots host_slots(const nlohmann::json* daemon_config);

/// A value as short text: on/off, "not set", a list as its items, a file
/// document as "owner root:root, mode 0644"; never JSON.
std::string render_value(const nlohmann::json& value);

/// The slots of one predicate: its object (label or fact phrase), the value
/// found, the operand, the requirement in words, and the path, option and
/// source the fact document names.
Slots predicate_slots(const model::Predicate& predicate, const nlohmann::json* document, const nlohmann::json& actual,
                      const nlohmann::json& expected);
/// Those of predicate_slots() that do not depend on the document: made once
/// per predicate and operand, not for each instance.
Slots predicate_constant_slots(const model::Predicate& predicate, const nlohmann::json& expected);
/// predicate_slots() over the constant ones, which must outlive the result.
Slots predicate_slots(const Slots& constant, const model::Predicate& predicate, const nlohmann::json* document, const nlohmann::json& actual);

/// The sentence for a predicate's outcome when its check gives no template.
std::string default_reason(model::State state, const Slots& slots, bool applicability);

/// The check's reason for a state from its templates (or the defaults) and the
/// deciding predicate's slots; `instance` names the container, image or network.
std::string phrase_reason(const model::Check& check, model::State state, const Slots& slots, bool applicability,
                          const std::string& instance);

/// A manual check's reason: what the reviewer is to decide on.
std::string manual_reason(const model::Check& check, const std::string& title);

/// The check-level reason over its instances in `state`: the most common
/// instance reason with how many of the instances give it,
/// "NET_RAW is not dropped: 2 of 3 containers".
std::string instances_reason(const std::vector<model::InstanceResult>& instances, model::State state, const std::string& noun);

}  // namespace dockcis::engine
