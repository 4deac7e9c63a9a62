// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <pugixml.hpp>

#include "model/report.hpp"
#include "report/text_out.hpp"
#include "report/values.hpp"

// Building blocks of the HTML report's frame and of the fleet report (the
// report's rule details are written as text: html_text.hpp). Every text and
// attribute value goes through clean_text() and into the DOM, which escapes
// it on output.
namespace dockcis::report::html {

pugi::xml_node add(pugi::xml_node parent, const char* tag, const std::string& css_class = {});
pugi::xml_node add_text(pugi::xml_node parent, const char* tag, const std::string& text, const std::string& css_class = {});
void append_text(pugi::xml_node parent, const std::string& text);
void set_attribute(pugi::xml_node node, const char* name, const std::string& value);

int count(const model::Summary& summary, model::State state);
std::string percent_text(double percent);

void state_badge(pugi::xml_node parent, model::State state);
/// A horizontal bar of proportional parts {label, value, css class} with a legend.
void stacked_bar(pugi::xml_node parent, const std::vector<std::tuple<std::string, int, std::string>>& parts);
/// A percent meter: a filled track and the number beside it.
void meter(pugi::xml_node parent, double percent);
/// A header row; titles starting with '#' are numeric columns (right-aligned).
void header_row(pugi::xml_node table, std::initializer_list<const char*> titles);

/// "<!DOCTYPE html>" and the document, serialised so an HTML5 parser reads
/// it as written: void elements self-closed, every other element with an end tag.
std::string serialize(pugi::xml_document& document);
/// The same, into `out` as it is saved.
void serialize(pugi::xml_document& document, TextOut& out);
/// The same with `parts` elements in the place of the comment
/// `<!--marker-->`: `write_part(text, i)` appends the i-th as text
/// (html_text.hpp), handed on before the next is written, so a thousand
/// containers' tables are never held at once.
void serialize(pugi::xml_document& document, std::string_view marker, std::size_t parts,
               const std::function<void(std::string&, std::size_t)>& write_part, TextOut& out);

}  // namespace dockcis::report::html
