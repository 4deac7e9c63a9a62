// SPDX-License-Identifier: Apache-2.0
#include "model/fact_store.hpp"

namespace dockcis::model {

void FactStore::set(std::string key, Fact fact) { facts_.insert_or_assign(std::move(key), std::move(fact)); }

const Fact* FactStore::find(std::string_view key) const {
  const auto found = facts_.find(key);
  return found == facts_.end() ? nullptr : &found->second;
}

json FactStore::to_json() const {
  json facts = json::object();
  for (const auto& [key, fact] : facts_) {
    facts[key] = fact ? json{{"value", *fact}} : json{{"unavailable", fact.error().reason}};
  }
  return json{{"schema", kFactsSchema}, {"meta", meta}, {"facts", std::move(facts)}};
}

std::expected<FactStore, std::string> FactStore::from_json(const json& document) {
  if (!document.is_object() || document.value("schema", "") != kFactsSchema) {
    return std::unexpected("not a facts snapshot (expected \"schema\": \"" + std::string(kFactsSchema) + "\")");
  }
  const auto facts = document.find("facts");
  if (facts == document.end() || !facts->is_object()) return std::unexpected("facts snapshot has no \"facts\" object");
  FactStore store;
  store.meta = document.value("meta", json::object());
  for (const auto& [key, entry] : facts->items()) {
    if (entry.is_object() && entry.contains("value")) {
      store.set(key, entry.at("value"));
    } else if (entry.is_object() && entry.contains("unavailable") && entry.at("unavailable").is_string()) {
      store.set(key, std::unexpected(Unavailable{entry.at("unavailable").get<std::string>()}));
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

}  // namespace dockcis::model
