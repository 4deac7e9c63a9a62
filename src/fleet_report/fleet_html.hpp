// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "fleet/fleet_view.hpp"

// Parts of the fleet HTML page. Every host-provided value goes through the
// report's DOM helpers (clean_text, then escaped by the DOM).
namespace dockcis::fleet_report::html {

/// A line chart of scores (0-100) over time as inline SVG; `points` are {label, score}.
void score_chart(pugi::xml_node parent, const std::vector<std::pair<std::string, double>>& points, int width, int height,
                 const std::string& title, bool dots = true);

/// The id of a host's drill-down: letters, digits, '-' and '.' kept, every other byte as _XX.
std::string host_anchor(const std::string& host);

/// A row or block that the page's host and group filters show or hide.
void mark_host(pugi::xml_node node, const std::string& host, const std::string& group);

void heat_map(pugi::xml_node main, const fleet::FleetView& view);
void failing_checks(pugi::xml_node main, const fleet::FleetView& view);
void regressions(pugi::xml_node main, const fleet::FleetView& view);
void stale_hosts(pugi::xml_node main, const fleet::FleetView& view);
void waivers(pugi::xml_node main, const fleet::FleetView& view);
void versions(pugi::xml_node main, const fleet::FleetView& view);
void controls(pugi::xml_node main, const fleet::FleetView& view);
void host_details(pugi::xml_node main, const fleet::FleetView& view);

extern const char* const kFleetStyle;
extern const char* const kFleetScript;

}  // namespace dockcis::fleet_report::html
