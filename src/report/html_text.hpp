// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "model/report.hpp"
#include "model/state.hpp"

// HTML elements written straight to text, byte for byte as html::serialize
// prints the same elements built with the DOM helpers of html_dom.hpp
// (pugixml, saved unindented, every element but a void one given an end
// tag): an audit's whole report, which a DOM made cost twice as much.
namespace dockcis::report::html {

class HtmlText {
 public:
  explicit HtmlText(std::string& out) : out_(out) {}

  /// `<tag class="css_class"`; attributes may follow until the element's
  /// content or close(). The class is escaped, not cleaned (as add()).
  HtmlText& open(std::string_view tag, std::string_view css_class = {});
  /// ` name="value"` on the element just opened, the value cleaned and
  /// escaped (as set_attribute()).
  HtmlText& attribute(std::string_view name, std::string_view value);
  /// Character data, cleaned with its line breaks kept and escaped (as append_text()).
  HtmlText& text(std::string_view text);
  /// Character data that needs no cleaning (the pager's row data), escaped.
  HtmlText& escaped(std::string_view text);
  /// Ends the innermost open element.
  HtmlText& close();
  /// open(), text() and close() (as add_text()).
  HtmlText& element(std::string_view tag, std::string_view text, std::string_view css_class = {});

 private:
  void end_start_tag();

  std::string& out_;
  std::vector<std::string_view> open_;  ///< the open elements' tags, innermost last
  bool in_start_tag_ = false;           ///< the innermost element has no content yet
};

/// Whether `tag` is one of HTML's void elements (<input>, <meta>...): no
/// content and no end tag, so written "<input/>" where any other empty
/// element gets "</td>".
bool is_void_element(std::string_view tag);

/// How many results are in `state` (0 when none).
int count(const model::Summary& summary, model::State state);
/// "87.5%".
std::string percent_text(double percent);

/// A result's state as a coloured badge (as html_dom.hpp's state_badge()).
void state_badge(HtmlText& html, model::State state);
/// A header row; titles starting with '#' are numeric columns (as html_dom.hpp's header_row()).
void header_row(HtmlText& html, std::initializer_list<const char*> titles);
/// A horizontal bar of proportional parts {label, value, css class} with a legend.
void stacked_bar(HtmlText& html, const std::vector<std::tuple<std::string, int, std::string>>& parts);
/// A percent meter: a filled track and the number beside it.
void meter(HtmlText& html, double percent);

}  // namespace dockcis::report::html
