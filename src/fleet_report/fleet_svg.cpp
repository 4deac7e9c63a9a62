// SPDX-License-Identifier: Apache-2.0
#include <cctype>

#include "fleet_report/fleet_html.hpp"
#include "report/html_dom.hpp"
#include "util/strings.hpp"

namespace dockcis::fleet_report::html {
namespace {

using report::html::add;
using report::html::add_text;
using report::html::set_attribute;

std::string number(double value) { return util::fixed(value, 1); }

}  // namespace

void score_chart(pugi::xml_node parent, const std::vector<std::pair<std::string, double>>& points, int width, int height,
                 const std::string& title, bool dots) {
  const double left = 34, right = 8, top = 8, bottom = 20;
  const double plot_width = width - left - right, plot_height = height - top - bottom;
  auto svg = add(parent, "svg", "chart");
  set_attribute(svg, "xmlns", "http://www.w3.org/2000/svg");
  set_attribute(svg, "viewBox", "0 0 " + std::to_string(width) + " " + std::to_string(height));
  set_attribute(svg, "width", std::to_string(width));
  set_attribute(svg, "height", std::to_string(height));
  set_attribute(svg, "role", "img");
  set_attribute(svg, "aria-label", title);
  add_text(svg, "title", title);
  const auto y_of = [&](double score) { return top + plot_height * (1.0 - score / 100.0); };
  for (int grid : {0, 50, 100}) {
    auto line = add(svg, "line", "grid");
    set_attribute(line, "x1", number(left));
    set_attribute(line, "x2", number(left + plot_width));
    set_attribute(line, "y1", number(y_of(grid)));
    set_attribute(line, "y2", number(y_of(grid)));
    auto label = add_text(svg, "text", std::to_string(grid) + "%", "axis");
    set_attribute(label, "x", number(left - 4));
    set_attribute(label, "y", number(y_of(grid) + 4));
    set_attribute(label, "text-anchor", "end");
  }
  if (points.empty()) {
    auto empty = add_text(svg, "text", "no runs in the window", "axis");
    set_attribute(empty, "x", number(left + plot_width / 2));
    set_attribute(empty, "y", number(top + plot_height / 2));
    set_attribute(empty, "text-anchor", "middle");
    return;
  }
  const auto x_of = [&](std::size_t i) {
    return points.size() == 1 ? left + plot_width / 2 : left + plot_width * static_cast<double>(i) / static_cast<double>(points.size() - 1);
  };
  std::string path;
  for (std::size_t i = 0; i < points.size(); ++i) path += (i == 0 ? "" : " ") + number(x_of(i)) + "," + number(y_of(points[i].second));
  set_attribute(add(svg, "polyline", "line"), "points", path);
  // Without dots (a host's history, a thousand of them per page) only the newest point is marked.
  for (std::size_t i = dots ? 0 : points.size() - 1; i < points.size(); ++i) {
    auto dot = add(svg, "circle", "dot");
    set_attribute(dot, "cx", number(x_of(i)));
    set_attribute(dot, "cy", number(y_of(points[i].second)));
    set_attribute(dot, "r", points.size() > 60 ? "1.5" : "3");
    add_text(dot, "title", points[i].first + ": " + number(points[i].second) + "%");
  }
  for (const std::size_t i : {std::size_t{0}, points.size() - 1}) {
    auto label = add_text(svg, "text", points[i].first.substr(0, 10), "axis");
    set_attribute(label, "x", number(x_of(i)));
    set_attribute(label, "y", std::to_string(height - 4));
    set_attribute(label, "text-anchor", i == 0 && points.size() > 1 ? "start" : "end");
    if (points.size() == 1) break;
  }
}

std::string host_anchor(const std::string& host) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "host-";
  for (const unsigned char c : host) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.') {
      id += static_cast<char>(c);
    } else {
      id += '_';
      id += kHex[c >> 4];
      id += kHex[c & 15];
    }
  }
  return id;
}

void mark_host(pugi::xml_node node, const std::string& host, const std::string& group) {
  // As labelled: the page's filter matches it without regard to case and counts hosts by it.
  set_attribute(node, "data-host", host);
  set_attribute(node, "data-group", group);
}

}  // namespace dockcis::fleet_report::html
