// SPDX-License-Identifier: Apache-2.0
#include "model/fact_store.hpp"
#include "util/json_access.hpp"

#include <array>
#include <utility>

#include "util/utf8.hpp"

namespace dockcis::model {
namespace {

// Snapshots written before unavailable facts carried a kind: the kind is read
// from the message, as reports used to.
ErrorKind kind_from_message(std::string_view reason) {
  static constexpr std::array<std::pair<std::string_view, ErrorKind>, 8> kMarkers{{
      {"ermission denied", ErrorKind::permission_denied},
      {"run as root", ErrorKind::permission_denied},
      {"removed during the scan", ErrorKind::not_found},
      {"HTTP ", ErrorKind::daemon_error},
      {"not valid JSON", ErrorKind::invalid_file},
      {"no processes of running container", ErrorKind::not_visible},
      {"timed out", ErrorKind::timed_out},
      {"malformed", ErrorKind::malformed_answer},
  }};
  for (const auto& [marker, kind] : kMarkers) {
    if (reason.find(marker) != std::string_view::npos) return kind;
  }
  return ErrorKind::other;
}

}  // namespace

void FactStore::set(std::string_view key, Fact fact) {
  // Text is valid UTF-8 from here on: what a host wrote in Latin-1, a label's
  // stray byte or a proxy's error page cannot break a report.
  if (fact) util::make_valid_utf8(*fact);
  else fact.error().reason = util::valid_utf8(fact.error().reason);
  ++changes_;
  if (const auto found = facts_.find(key); found != facts_.end()) {
    found->second = std::move(fact);
  } else {
    facts_.emplace(util::valid_utf8(key), std::move(fact));
  }
}

const Fact* FactStore::find(std::string_view key) const {
  const auto found = facts_.find(key);
  return found == facts_.end() ? nullptr : &found->second;
}

std::optional<Fact> FactStore::take(std::string_view key) {
  const auto found = facts_.find(key);
  if (found == facts_.end()) return std::nullopt;
  auto fact = std::move(found->second);
  facts_.erase(found);
  ++changes_;
  return fact;
}

void FactStore::put_back(std::string_view key, Fact fact) {
  ++changes_;
  if (const auto found = facts_.find(key); found != facts_.end()) {
    found->second = std::move(fact);
  } else {
    facts_.emplace(std::string(key), std::move(fact));
  }
}

const json* FactStore::value(std::string_view key) const {
  const auto* fact = find(key);
  return fact != nullptr && *fact ? &**fact : nullptr;
}

json FactStore::to_json() const {
  json facts = json::object();
  for (const auto& [key, fact] : facts_) {
    facts[key] = fact ? json{{"value", *fact}}
                      : json{{"unavailable", fact.error().reason}, {"kind", std::string(to_string(fact.error().kind))}};
  }
  return json{{"schema", kFactsSchema}, {"meta", meta}, {"facts", std::move(facts)}};
}

std::expected<FactStore, std::string> FactStore::from_json(json document, Text text) {
  if (!document.is_object() || util::get_or(document, "schema", "") != kFactsSchema) {
    return std::unexpected("not a facts snapshot (expected \"schema\": \"" + std::string(kFactsSchema) + "\")");
  }
  const auto facts = document.find("facts");
  if (facts == document.end() || !facts->is_object()) return std::unexpected("facts snapshot has no \"facts\" object");
  FactStore store;
  store.meta = util::get_or(document, "meta", json::object());
  for (auto& [key, entry] : facts->get_ref<json::object_t&>()) {
    const auto value = entry.find("value");  // end() for anything but an object
    // Seen and not seen at once: which one held is unknown, so neither is taken.
    if (value != entry.end() && entry.contains("unavailable")) {
      return std::unexpected("fact \"" + key + "\" has both \"value\" and \"unavailable\"");
    }
    if (value != entry.end()) {
      // Text already valid (a thousand containers' documents) is not walked again.
      if (text == Text::valid_utf8) store.put_back(key, std::move(*value));
      else store.set(key, std::move(*value));
    } else if (entry.is_object() && entry.contains("unavailable") && entry.at("unavailable").is_string()) {
      const auto& reason = entry.at("unavailable").get_ref<const std::string&>();
      const auto written = entry.find("kind");
      const auto kind = written != entry.end() && written->is_string() ? parse_error_kind(written->get<std::string>()) : std::nullopt;
      store.set(key, std::unexpected(Unavailable{reason, kind.value_or(kind_from_message(reason))}));
    } else {
      return std::unexpected("fact \"" + key + "\" has neither \"value\" nor \"unavailable\"");
    }
  }
  return store;
}

std::string instance_key(std::string_view collection, std::string_view id, std::string_view field) {
  std::string key(collection);
  key += '/';
  key += id;
  key += '/';
  key += field;
  return key;
}

std::string instance_key(std::string_view kind, std::string_view id) {
  const auto dot = kind.find('.');
  return instance_key(kind.substr(0, dot), id, kind.substr(dot + 1));
}

}  // namespace dockcis::model
