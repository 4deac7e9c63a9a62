// SPDX-License-Identifier: Apache-2.0
#include "engine/messages.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "engine/message_phrases.hpp"
#include "util/json_access.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace dockcis::engine {
namespace {

using model::json;
using model::State;
using util::count_text;

constexpr std::size_t kMaxItems = 8;  // a longer list is summarised as "... and N more"
// A text in a sentence is cut after 1 KiB, as reports cut names: a
// megabyte of daemon.json in every container's reason made gigabytes.
constexpr std::size_t kShownText = 1024;

void append_scalar(std::string& out, const json& value) {
  switch (value.type()) {
    case json::value_t::null: out += "not set"; return;
    case json::value_t::boolean: out += value.get<bool>() ? "on" : "off"; return;
    case json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (text.empty()) out += "empty";
      else if (text.size() <= kShownText) out += text;
      else out += util::shortened(text, kShownText);
      return;
    }
    default: out += value.dump();
  }
}

std::string render_scalar(const json& value) {
  std::string text;
  append_scalar(text, value);
  return text;
}

std::string render_file(const json& file) {
  if (!util::get_or(file, "exists", false)) return "absent";
  std::string text;
  if (file.contains("owner") || file.contains("uid")) {
    const auto owner = file.contains("owner") ? render_scalar(file.at("owner")) : render_scalar(file.at("uid"));
    const auto group = file.contains("group") ? render_scalar(file.at("group")) : render_scalar(util::get_or(file, "gid", json()));
    text = "owner " + owner + ":" + group;
  }
  std::string mode;
  if (file.contains("mode_octal") && file.at("mode_octal").is_string()) {
    mode = file.at("mode_octal").get<std::string>();
  } else if (file.contains("mode") && file.at("mode").is_number_integer() && file.at("mode").get<long long>() >= 0) {
    for (auto bits = file.at("mode").get<long long>() & 07777; bits != 0; bits >>= 3) mode.insert(0, 1, char('0' + (bits & 7)));
  }
  if (!mode.empty()) {
    if (mode.size() < 4) mode.insert(0, 4 - mode.size(), '0');
    text += (text.empty() ? "" : ", ") + std::string("mode ") + mode;
  }
  return text.empty() ? "present" : text;
}

// An object that is not a file document: its scalar members as "key value".
std::string render_object(const json& object) {
  if (object.empty()) return "none";
  std::string text;
  std::size_t shown = 0;
  for (const auto& [key, item] : object.items()) {
    if (shown == kMaxItems || text.size() > kShownText) {
      return text.append(" and ").append(std::to_string(object.size() - shown)).append(" more");
    }
    if (shown++ != 0) text += ", ";
    text += key.size() <= kShownText ? key : util::shortened(key, kShownText);
    if (item.is_structured()) continue;
    text += ' ';
    append_scalar(text, item);
  }
  return text;
}

// A list's first items, up to kMaxItems and about kShownText bytes. An
// object in it is phrased by render_object; a list in it only by its size,
// so nesting in the input never nests calls here.
std::string render_list(const json& items) {
  if (items.empty()) return "none";
  std::string text;
  std::size_t shown = 0;
  for (const auto& item : items) {
    if (shown == kMaxItems || text.size() > kShownText) break;
    if (shown++ != 0) text += ", ";
    if (item.is_object()) text += item.contains("exists") ? render_file(item) : render_object(item);
    else if (item.is_array()) text += "a list of " + count_text(item.size()) + (item.size() == 1 ? " item" : " items");
    else append_scalar(text, item);
  }
  if (items.size() > shown) text.append(" and ").append(std::to_string(items.size() - shown)).append(" more");
  return text;
}

// An object's member, or nullptr (read where it stands: the daemon.config
// document holds all of daemon.json, phrased for every failing instance).
const json* member(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(name);
  return found != object.end() ? &*found : nullptr;
}

// The daemon.json the document read, as it names it; nullptr when it does not.
const std::string* config_path(const json& document) {
  const auto* file = member(document, "config_file");
  const auto* path = file != nullptr ? member(*file, "path") : nullptr;
  return path != nullptr && path->is_string() ? &path->get_ref<const std::string&>() : nullptr;
}

// Where a daemon option's value came from, in words.
std::string source_phrase(const json& source, const json& document) {
  const auto name = source.is_string() ? source.get<std::string>() : std::string();
  if (name == "file") {
    const auto* path = config_path(document);
    return "set in " + (path == nullptr || path->empty() ? std::string("daemon.json") : *path);
  }
  if (name == "flag") return "set on dockerd's command line";
  if (name == "unit") return "set in docker.service's ExecStart";
  if (name == "default") return "dockerd's default";
  return name;
}

// What the sources that did not decide say, side by side with the one that did:
// daemon.json disagreeing with a flag, or edited since dockerd started.
std::string other_sources(const json& document, const std::string& option, const json* source) {
  std::string text;
  const auto* named = config_path(document);
  const std::string path = named != nullptr ? *named : "daemon.json";
  const auto* conflicts = member(document, "conflicts");
  const auto* file = member(document, "file");
  const auto* in_file = file != nullptr ? member(*file, option) : nullptr;
  const auto conflicting = [&] {
    return std::ranges::any_of(*conflicts, [&](const json& item) { return item.is_string() && item.get_ref<const std::string&>() == option; });
  };
  if (conflicts != nullptr && conflicts->is_array() && in_file != nullptr && conflicting()) {
    text += "; " + path + " also sets it, to " + render_value(*in_file);
  }
  if (util::get_or(document, "file_newer_than_daemon", false) && source != nullptr && *source == "file") {
    text += "; " + path + " changed after dockerd started, so the running daemon may still use an older value";
  }
  return text;
}

// The daemon option a daemon.config pointer selects: "/options/icc/value" -> "icc".
std::string option_of(const std::string& select) {
  constexpr std::string_view prefix = "/options/";
  if (!select.starts_with(prefix)) return "";
  const auto rest = select.substr(prefix.size());
  return rest.substr(0, rest.find('/'));
}

void add_document_slots(Slots& slots, const model::Predicate& predicate, const json* document) {
  if (document == nullptr || !document->is_object()) return;
  const auto* path = member(*document, "path");
  if (path != nullptr && path->is_string() && !path->get_ref<const std::string&>().empty()) {
    slots[Slot::path] = path->get<std::string>();
  }
  if (!predicate.fact.starts_with("daemon.config")) return;
  const auto option = option_of(predicate.select);
  if (option.empty()) return;
  slots[Slot::option] = option;
  const auto* options = member(*document, "options");
  const auto* set = options != nullptr ? member(*options, option) : nullptr;
  const auto* source = set != nullptr ? member(*set, "source") : nullptr;
  auto& phrase = slots[Slot::source];
  phrase = source != nullptr ? source_phrase(*source, *document) : "dockerd's default";
  phrase += other_sources(*document, option, source);
}

void add_found_slots(Slots& slots, const model::Predicate& predicate, const json* document, const json& actual) {
  slots[Slot::value] = render_value(actual);
  add_document_slots(slots, predicate, document);
}

std::string capitalised(std::string text) {
  if (text.starts_with("the ")) text[0] = 'T';
  return text;
}

// The template with each {name} replaced by its slot, from Slots or a Phrasing.
template <typename Lookup>
std::string fill(std::string_view text, const Lookup& slots) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find('{', at);
    const auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(at));
      break;
    }
    out.append(text.substr(at, open - at));
    const auto slot = slot_named(text.substr(open + 1, close - open - 1));
    if (!slot) out.append(text.substr(open, close - open + 1));  // "{} +" in a find command
    else if (const auto* value = slots.find(*slot)) out += *value;
    at = close + 1;
  }
  return out;
}

template <typename Lookup>
std::string reason_by_default(State state, const Lookup& slots, bool applicability) {
  const auto& object = slots.get(Slot::object);
  const auto& label = slots.get(Slot::label);
  const auto& value = slots.get(Slot::value);
  const auto& detail = slots.get(Slot::detail);
  if (state == State::error) return "Could not read " + object + (detail.empty() ? "" : ": " + detail);
  if (applicability && object == label) return "Not applicable: " + label + " is " + value;
  if (applicability) return capitalised(object) + " is not checked: " + label + " is " + value;
  if (!detail.empty()) return capitalised(object) + ": " + detail;
  if (state == State::notapplicable) return "Not applicable: " + object + " is " + value;
  return capitalised(object) + " is " + value + "; required: " + slots.get(Slot::required);
}

// The slots a check's message reads for one instance: the predicate's, with
// the instance's name in {instance}, {container}, {image} and {network} and
// the check's own object, looked up where they are rather than copied: every
// failing instance is phrased.
class Phrasing {
 public:
  Phrasing(const Slots& found, const std::string& instance) : found_(found), instance_(instance) {}

  void name_object(std::string object) {
    object_ = std::move(object);
    named_ = true;
  }
  [[nodiscard]] const std::string* find(Slot slot) const {
    if (slot == Slot::object && named_) return &object_;
    const bool names_instance = slot == Slot::instance || slot == Slot::container || slot == Slot::image || slot == Slot::network;
    if (names_instance && !instance_.empty()) return &instance_;
    return found_.find(slot);
  }
  [[nodiscard]] const std::string& get(Slot slot) const {
    static const std::string unset;
    const auto* value = find(slot);
    return value != nullptr ? *value : unset;
  }

 private:
  const Slots& found_;
  const std::string& instance_;
  std::string object_;
  bool named_ = false;
};

// The names as the man page lists them, for a message about an unknown one.
std::string known_placeholders() {
  std::string known;
  for (const auto name : kSlotNames) known.append(known.empty() ? "{" : ", {").append(name).append("}");
  return known;
}

}  // namespace

std::string check_template(std::string_view text) {
  std::size_t at = 0;
  while ((at = text.find_first_of("{}", at)) != std::string_view::npos) {
    if (text[at] == '}') return "'}' without a '{' before it";
    const auto close = text.find('}', at);
    if (close == std::string_view::npos) return "'{' without a closing '}'";
    const auto name = text.substr(at + 1, close - at - 1);
    if (!slot_named(name)) return "unknown placeholder {" + std::string(name) + "} (known: " + known_placeholders() + ")";
    at = close + 1;
  }
  return "";
}

std::string fill_template(std::string_view text, const Slots& slots) { return fill(text, slots); }

std::string check_remediation(std::string_view text) {
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    const auto close = text.find('}', at);
    if (close == std::string_view::npos) break;
    const auto name = text.substr(at + 1, close - at - 1);
    const bool word = !name.empty() && std::ranges::all_of(name, [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
    if (word && !slot_named(name)) return "unknown placeholder {" + std::string(name) + "}";
  }
  return "";
}

Slots host_slots(const json* daemon_config) {
  // What dockerd itself would use when the host did not say.
  Slots slots{{Slot::config_file, "/etc/docker/daemon.json"}, {Slot::dockerd, "$(command -v dockerd)"}};
  if (daemon_config == nullptr || !daemon_config->is_object()) return slots;
  const auto text_at = [&](const char* pointer) {
    const json::json_pointer at(pointer);
    return daemon_config->contains(at) && daemon_config->at(at).is_string() ? daemon_config->at(at).get<std::string>() : std::string();
  };
  if (auto path = text_at("/config_file/path"); !path.empty()) slots[Slot::config_file] = std::move(path);
  if (auto exe = text_at("/process/exe"); !exe.empty()) slots[Slot::dockerd] = std::move(exe);
  return slots;
}

std::string render_value(const json& value) {
  if (value.is_array()) return render_list(value);
  if (value.is_object()) return value.contains("exists") ? render_file(value) : render_object(value);
  return render_scalar(value);
}

Slots predicate_constant_slots(const model::Predicate& predicate, const json& expected) {
  Slots slots;
  const auto last = predicate.select.substr(predicate.select.rfind('/') + 1);
  auto label = !predicate.label.empty() ? predicate.label : fact_phrase(predicate.fact) + (last.empty() ? "" : " (" + last + ")");
  slots[Slot::object] = label;
  slots[Slot::label] = std::move(label);
  slots[Slot::expected] = render_value(expected);
  slots[Slot::required] = fill_template(requirement_phrase(predicate.op), slots);
  if (auto target = target_phrase(predicate.fact); !target.empty()) slots[Slot::path] = std::move(target);
  return slots;
}

Slots predicate_slots(const Slots& constant, const model::Predicate& predicate, const json* document, const json& actual) {
  auto slots = Slots::over(constant);
  add_found_slots(slots, predicate, document, actual);
  return slots;
}

Slots predicate_slots(const model::Predicate& predicate, const json* document, const json& actual, const json& expected) {
  auto slots = predicate_constant_slots(predicate, expected);
  add_found_slots(slots, predicate, document, actual);
  return slots;
}

std::string default_reason(State state, const Slots& slots, bool applicability) { return reason_by_default(state, slots, applicability); }

std::string phrase_reason(const model::Check& check, State state, const Slots& slots, bool applicability,
                          const std::string& instance) {
  const auto& messages = check.messages;
  Phrasing phrasing(slots, instance);
  if (!messages.object.empty()) phrasing.name_object(fill(messages.object, phrasing));
  const std::string* chosen = nullptr;
  if (state == State::fail && !applicability) chosen = &messages.fail;
  if (state == State::error) chosen = &messages.error;
  if (state == State::notapplicable || (state == State::fail && applicability)) chosen = &messages.notapplicable;
  if (state == State::notapplicable && !applicability && !messages.absent.empty()) chosen = &messages.absent;
  if (chosen != nullptr && !chosen->empty()) return fill(*chosen, phrasing);
  return reason_by_default(state, phrasing, applicability);
}

std::string manual_reason(const model::Check& check, const std::string& title) {
  const auto object = check.messages.object.empty() ? title : fill_template(check.messages.object, {});
  return "Needs a person: review the evidence on " + object;
}

std::string instances_reason(const std::vector<model::InstanceResult>& instances, State state, const std::string& noun) {
  std::map<std::string, std::size_t> counts;
  std::size_t in_state = 0;
  for (const auto& item : instances) {
    if (item.state != state) continue;
    ++in_state;
    ++counts[item.reason];
  }
  const auto total = count_text(instances.size()) + " " + noun + (instances.size() == 1 ? "" : "s");
  // The largest group; on a tie the one whose first instance comes first, as reports list them.
  auto top = counts.end();
  for (const auto& item : instances) {
    if (item.state != state) continue;
    const auto group = counts.find(item.reason);
    if (top == counts.end() || group->second > top->second) top = group;
  }
  if (top == counts.end()) return "";
  const auto share = count_text(top->second) + " of " + total;
  if (counts.size() == 1) return top->first + " (" + share + ")";
  return top->first + " (" + share + "; " + count_text(in_state - top->second) + " more for " +
         (counts.size() == 2 ? std::string("another reason") : count_text(counts.size() - 1) + " other reasons") + ")";
}

}  // namespace dockcis::engine
