// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include "report/html_dom.hpp"
#include "report/html_text.hpp"

using namespace dockcis::report;

namespace {

// The same elements built in the DOM (html_dom.hpp) and written as text.
struct Case {
  const char* name;
  std::function<void(pugi::xml_node)> build;
  std::function<void(html::HtmlText&)> write;
};

// What html::serialize prints for `build`'s elements under <body>, and what HtmlText writes there.
std::pair<std::string, std::string> both(const Case& c) {
  pugi::xml_document document;
  auto body = html::add(document.append_child("html"), "body");
  c.build(body);
  const auto saved = html::serialize(document);
  std::string text = "<!DOCTYPE html>\n<html><body>";
  html::HtmlText written(text);
  c.write(written);
  text += "</body></html>\n";
  return {saved, text};
}

}  // namespace

TEST_CASE("html text: elements written as text are the elements the DOM helpers build, byte for byte") {
  const std::string hostile = std::string("a<b>&c\"d'e\tf\ng\rh\x1bi\x7fj\xc2\x85k\xe2\x80\xaem\xffn ") + "\xc3\xa9";
  const std::string with_nul = std::string("before", 6) + '\0' + "after";
  const std::vector<Case> cases{
      {"an empty element gets its end tag", [](pugi::xml_node body) { html::add(body, "td"); },
       [](html::HtmlText& html) { html.open("td").close(); }},
      {"an element with empty text", [](pugi::xml_node body) { html::add_text(body, "td", ""); },
       [](html::HtmlText& html) { html.element("td", ""); }},
      {"a void element closes itself, its attributes in order",
       [](pugi::xml_node body) {
         auto box = html::add(body, "input", "failing-only");
         html::set_attribute(box, "type", "checkbox");
         html::set_attribute(box, "value", "a \"b\" <c>");
       },
       [](html::HtmlText& html) { html.open("input", "failing-only").attribute("type", "checkbox").attribute("value", "a \"b\" <c>").close(); }},
      {"host text in character data", [&](pugi::xml_node body) { html::add_text(body, "pre", hostile, "x<\"y"); },
       [&](html::HtmlText& html) { html.element("pre", hostile, "x<\"y"); }},
      {"host text in an attribute",
       [&](pugi::xml_node body) { html::set_attribute(html::add(body, "span"), "title", hostile); },
       [&](html::HtmlText& html) { html.open("span").attribute("title", hostile).close(); }},
      {"a NUL in host text is shown escaped, the rest kept",
       [&](pugi::xml_node body) {
         html::set_attribute(html::add_text(body, "p", with_nul), "data-x", with_nul);
       },
       [&](html::HtmlText& html) { html.open("p").attribute("data-x", with_nul).text(with_nul).close(); }},
      {"a NUL ends data written as it is, as in the DOM's C strings",
       [&](pugi::xml_node body) { html::add(body, "script").append_child(pugi::node_pcdata).set_value(with_nul.c_str()); },
       [&](html::HtmlText& html) { html.open("script").escaped(with_nul).close(); }},
      {"nested elements, text between them",
       [](pugi::xml_node body) {
         auto list = html::add(body, "ul", "groups");
         auto item = html::add(list, "li");
         html::state_badge(item, dockcis::model::State::fail);
         html::append_text(item, " 3 of 5 & more");
         html::add_text(list, "li", "the rest");
         html::header_row(html::add(body, "table"), {"Name", "#Count"});
       },
       [](html::HtmlText& html) {
         html.open("ul", "groups").open("li");
         html::state_badge(html, dockcis::model::State::fail);
         html.text(" 3 of 5 & more").close().element("li", "the rest").close();
         html.open("table");
         html::header_row(html, {"Name", "#Count"});
         html.close();
       }},
      {"data that needs no cleaning is only escaped",
       [](pugi::xml_node body) { html::add(body, "script").append_child(pugi::node_pcdata).set_value("{\"a\":\"\\u003c\"} <&>"); },
       [](html::HtmlText& html) { html.open("script").escaped("{\"a\":\"\\u003c\"} <&>").close(); }},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto [saved, written] = both(c);
    CHECK(written == saved);
  }
  // The NUL cases are told apart by what follows the NUL, not only by agreeing.
  const auto named = [&](std::string_view name) -> const Case& {
    const auto found = std::ranges::find_if(cases, [&](const Case& c) { return name == c.name; });
    REQUIRE(found != cases.end());
    return *found;
  };
  CHECK(both(named("a NUL in host text is shown escaped, the rest kept")).second.find("before\\x00after") != std::string::npos);
  const auto cut = both(named("a NUL ends data written as it is, as in the DOM's C strings")).second;
  CHECK(cut.find("before") != std::string::npos);
  CHECK(cut.find("after") == std::string::npos);
  // Void elements close themselves; any other empty element gets its end tag.
  CHECK(html::is_void_element("input"));
  CHECK(html::is_void_element("meta"));
  CHECK_FALSE(html::is_void_element("td"));
  CHECK_FALSE(html::is_void_element("span"));
}
