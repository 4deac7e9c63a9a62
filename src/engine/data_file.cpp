// SPDX-License-Identifier: Apache-2.0
#include "engine/data_file.hpp"

#include <algorithm>

namespace dockcis::engine {
namespace {

bool is_date(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
         std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

bool is_data_file(const model::json& document) {
  if (!document.is_object()) return false;
  const auto schema = document.find("schema");
  return schema != document.end() && schema->is_string() && schema->get_ref<const std::string&>() == kDataSchema;
}

void parse_data_file(DocumentReader& reader, const model::json& document, std::map<std::string, model::json>& data) {
  if (!document.is_object()) return;
  reader.only_keys(document, "", {"schema", "name", "title", "updated", "sources", "value"});
  const auto name = reader.string_field(document, "", "name", true);
  reader.string_field(document, "", "title", true);
  const auto updated = reader.string_field(document, "", "updated", true);
  if (!updated.empty() && !is_date(updated)) reader.report("/updated", "'" + updated + "' is not a date YYYY-MM-DD");
  const auto sources = document.find("sources");
  const bool urls = sources != document.end() && sources->is_array() && !sources->empty() &&
                    std::ranges::all_of(*sources, [](const model::json& url) { return url.is_string() && url.get<std::string>().starts_with("https://"); });
  if (!urls) reader.report("/sources", "a data file names its sources: a non-empty array of https URLs");
  if (!document.contains("value")) reader.report("/value", "missing 'value'");
  if (name.empty()) return;
  if (data.contains(name)) return reader.report("/name", "duplicate data name '" + name + "'");
  data.emplace(name, document);
}

model::json data_for_run(const Catalogue& catalogue, const std::string& run_date) {
  model::json out = model::json::object();
  for (const auto& [name, document] : catalogue.data) {
    auto operand = document.value("value", model::json::object());
    if (!operand.is_object()) operand = model::json{{"value", operand}};
    operand["updated"] = document.value("updated", "");
    operand["sources"] = document.value("sources", model::json::array());
    operand["run_date"] = run_date;
    out[name] = std::move(operand);
  }
  return out;
}

}  // namespace dockcis::engine
