// SPDX-License-Identifier: Apache-2.0
#include "report/html_found.hpp"

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/listed_name.hpp"
#include "report/html_instances.hpp"
#include "report/html_text.hpp"
#include "report/values.hpp"
#include "util/json_access.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace dockcis::report::html {
namespace {

using nlohmann::json;

// A published port as `docker ps` shows it: 0.0.0.0:8080->80/tcp (an IPv6 address in brackets), or
// 80/tcp when it is not published.
std::string port_text(const json& port) {
  if (!port.is_object()) return value_text(port);
  const auto number = [&](const char* field) {
    const auto found = port.find(field);
    return found != port.end() && found->is_number_integer() ? std::to_string(found->get<long long>()) : std::string();
  };
  const auto type = util::get_or(port, "Type", std::string());
  std::string text;
  if (const auto published = number("PublicPort"); !published.empty()) {
    text = util::get_or(port, "IP", std::string());
    if (text.find(':') != std::string::npos) text.insert(0, "[").append("]");
    text.append(":").append(published).append("->");
  }
  text += number("PrivatePort");
  if (!type.empty()) text.append("/").append(type);
  return text;
}

std::string ports_text(const json& ports) {
  if (!ports.is_array()) return value_text(ports);
  std::string text;
  for (const auto& port : ports) text.append(text.empty() ? "" : ", ").append(port_text(port));
  return text;
}

// An image id as `docker images` shows it.
std::string short_id(std::string id) {
  if (id.starts_with("sha256:")) id.erase(0, 7);
  return id.substr(0, 12);
}

std::string field_text(const json& entry, const std::string& field) {
  const auto found = entry.find(field);
  return found == entry.end() ? std::string() : value_text(*found);
}

// A size and a creation time as `docker images` shows them.
std::string size_text(const json& entry) {
  const auto bytes = util::get_or(entry, "Size", -1LL);
  if (bytes < 0) return "";
  return util::fixed(static_cast<double>(bytes) / 1e6, 1) + " MB";
}

std::string created_text(const json& entry) {
  const auto seconds = util::get_or(entry, "Created", -1LL);
  if (seconds < 0) return field_text(entry, "Created");
  const auto written = util::rfc3339_of_seconds(seconds);
  return written.empty() ? field_text(entry, "Created") : written;  // past 9999: as it came
}

enum class Shape { containers, images, fields };

struct Columns {
  Shape shape = Shape::fields;
  std::vector<std::string> titles;
  std::size_t left_out = 0;  ///< fields past kMostFields
};

// Fields as columns: objects shaped by a host (labels as keys) could have thousands.
constexpr std::size_t kMostFields = 12;

// The columns of the rows shown.
Columns columns_of(std::span<const json> rows) {
  const auto all_have = [&](const char* a, const char* b) {
    return std::ranges::all_of(rows, [&](const json& entry) { return entry.contains(a) && entry.contains(b); });
  };
  if (all_have("Names", "Id")) return {Shape::containers, {"Name", "Image", "State", "Status", "Published ports"}};
  if (all_have("RepoTags", "Id")) return {Shape::images, {"Tags", "Image id", "Created", "Size"}};
  std::set<std::string> fields;
  for (const auto& entry : rows) {
    for (const auto& [field, value] : entry.items()) fields.insert(field);
  }
  Columns columns{Shape::fields, {}};
  for (const auto& field : fields) {
    if (columns.titles.size() == kMostFields) {
      columns.left_out = fields.size() - kMostFields;
      break;
    }
    columns.titles.push_back(field);
  }
  return columns;
}

std::vector<std::string> row_texts(const json& entry, const Columns& columns) {
  switch (columns.shape) {
    case Shape::containers: {
      const auto ports = entry.find("Ports");
      return {model::listed_name(entry), field_text(entry, "Image"), field_text(entry, "State"), field_text(entry, "Status"),
              ports == entry.end() ? std::string() : ports_text(*ports)};
    }
    case Shape::images: {
      const auto tags = util::get_or(entry, "RepoTags", std::vector<std::string>());
      return {tags.empty() ? std::string("<none>") : util::join(tags, ", "), short_id(util::get_or(entry, "Id", std::string())),
              created_text(entry), size_text(entry)};
    }
    case Shape::fields: break;
  }
  std::vector<std::string> texts;
  for (const auto& field : columns.titles) texts.push_back(field_text(entry, field));
  return texts;
}

}  // namespace

std::optional<json> listed_objects(const model::EvidenceValue& found) {
  const auto* text = found.structured_text();
  if (text == nullptr || !text->starts_with("[{")) return std::nullopt;
  auto list = found.value();
  if (!list.is_array() || !std::ranges::all_of(list, [](const json& entry) { return entry.is_object(); })) return std::nullopt;
  return list;
}

void list_table(HtmlText& html, const json& list) {
  if (!list.is_array() || list.empty()) return;
  const auto& rows = list.get_ref<const json::array_t&>();
  const auto shown = std::span(rows).first(std::min(rows.size(), kInstancesPerPage));
  const auto columns = columns_of(shown);
  html.open("table", "found-list").open("tr");
  for (const auto& title : columns.titles) html.element("th", title);
  html.close();
  for (const auto& entry : shown) {
    html.open("tr");
    for (const auto& value : row_texts(entry, columns)) html.element("td", value);
    html.close();
  }
  html.close();
  std::string note;
  if (shown.size() < rows.size()) note = "The first " + std::to_string(shown.size()) + " of " + std::to_string(rows.size()) + " are listed";
  if (columns.left_out > 0) {
    note += (note.empty() ? "The first " : ", with the first ") + std::to_string(kMostFields) + " of " +
            std::to_string(kMostFields + columns.left_out) + " fields";
  }
  if (!note.empty()) html.element("p", note + "; the JSON report lists each.", "muted");
}

}  // namespace dockcis::report::html
