// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <initializer_list>
#include <string>

#include <pugixml.hpp>

#include "model/report.hpp"
#include "report/text_out.hpp"
#include "report/values.hpp"

// Building blocks of the fleet report and of a failed run's page (an
// audit's report is written as text: html_text.hpp). Every text and
// attribute value goes through clean_text() and into the DOM, which escapes
// it on output.
namespace dockcis::report::html {

pugi::xml_node add(pugi::xml_node parent, const char* tag, const std::string& css_class = {});
pugi::xml_node add_text(pugi::xml_node parent, const char* tag, const std::string& text, const std::string& css_class = {});
void append_text(pugi::xml_node parent, const std::string& text);
void set_attribute(pugi::xml_node node, const char* name, const std::string& value);

void state_badge(pugi::xml_node parent, model::State state);
/// A header row; titles starting with '#' are numeric columns (right-aligned).
void header_row(pugi::xml_node table, std::initializer_list<const char*> titles);

/// "<!DOCTYPE html>" and the document, serialised so an HTML5 parser reads
/// it as written: void elements self-closed, every other element with an end tag.
std::string serialize(pugi::xml_document& document);
/// The same, into `out` as it is saved.
void serialize(pugi::xml_document& document, TextOut& out);

}  // namespace dockcis::report::html
