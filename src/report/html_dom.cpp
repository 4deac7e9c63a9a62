// SPDX-License-Identifier: Apache-2.0
#include "report/html_dom.hpp"

#include <string_view>

#include "report/clean_text.hpp"
#include "report/html_text.hpp"
#include "report/xml_out.hpp"

namespace dockcis::report::html {

pugi::xml_node add(pugi::xml_node parent, const char* tag, const std::string& css_class) {
  auto node = parent.append_child(tag);
  if (!css_class.empty()) node.append_attribute("class") = css_class.c_str();
  return node;
}

pugi::xml_node add_text(pugi::xml_node parent, const char* tag, const std::string& text, const std::string& css_class) {
  auto node = add(parent, tag, css_class);
  append_text(node, text);
  return node;
}

void append_text(pugi::xml_node parent, const std::string& text) {
  parent.append_child(pugi::node_pcdata).set_value(clean_text(text, true).c_str());
}

void set_attribute(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name) = clean_text(value).c_str();
}

void state_badge(pugi::xml_node parent, model::State state) {
  const std::string name(model::to_string(state));
  add_text(parent, "span", name, "state s-" + name);
}

void header_row(pugi::xml_node table, std::initializer_list<const char*> titles) {
  auto row = add(table, "tr");
  for (const char* title : titles) {
    if (title[0] == '#') {
      add_text(row, "th", title + 1, "num");
    } else {
      add_text(row, "th", title);
    }
  }
}

namespace {

// HTML has no empty-element tags except for void elements: "<td/>" would
// open a cell that never closes. An empty text child makes pugixml write
// "<td></td>".
void close_empty_elements(pugi::xml_node node) {
  for (auto child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    if (!child.first_child() && !is_void_element(child.name())) child.append_child(pugi::node_pcdata);
    close_empty_elements(child);
  }
}

}  // namespace

void serialize(pugi::xml_document& document, TextOut& out) {
  close_empty_elements(document);
  out.text() += "<!DOCTYPE html>\n";
  XmlOut writer(out);
  document.save(writer, "", pugi::format_raw | pugi::format_no_declaration);
  out.text() += "\n";
}

std::string serialize(pugi::xml_document& document) {
  TextOut out;
  serialize(document, out);
  return out.finish();
}

}  // namespace dockcis::report::html
