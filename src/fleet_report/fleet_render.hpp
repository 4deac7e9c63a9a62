// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fleet/fleet_view.hpp"

namespace dockcis::fleet_report {

enum class Format { html, json, csv };

std::optional<Format> parse_format(std::string_view name);

/// The fleet view as JSON (schema dockcis.fleet-report/v1): every table of the HTML page.
nlohmann::json to_json(const fleet::FleetView& view);
std::string render_json(const fleet::FleetView& view);
/// The same tables in one CSV file: each row starts with its table's name,
/// each table has its own header row and ends with an empty line.
std::string render_csv(const fleet::FleetView& view);
/// One self-contained HTML page (inline CSS, JS and SVG; nothing from the network).
std::string render_html(const fleet::FleetView& view);

std::string render(const fleet::FleetView& view, Format format);

}  // namespace dockcis::fleet_report
