// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include "report/html_dom.hpp"
#include "report/html_text.hpp"

using namespace dockcis::report;

namespace {

// A page whose <section> holds a heading and then either the marker or the parts themselves.
void page(pugi::xml_document& document, bool with_marker, int parts) {
  auto body = html::add(document.append_child("html"), "body");
  auto section = html::add(body, "section", "rules");
  html::add_text(section, "h2", "Rule <details> & more");
  if (with_marker) {
    section.append_child(pugi::node_comment).set_value("parts");
  } else {
    for (int i = 0; i < parts; ++i) html::add_text(html::add(section, "details"), "p", "part " + std::to_string(i) + " <&>");
  }
  html::add(body, "td");  // empty: written with an end tag
  html::add_text(body, "footer", "end");
}

}  // namespace

TEST_CASE("html: a page printed a part at a time in a marker's place is the page saved whole") {
  for (const int parts : {0, 1, 7}) {
    pugi::xml_document whole;
    page(whole, false, parts);
    pugi::xml_document skeleton;
    page(skeleton, true, parts);
    TextOut pieces;
    html::serialize(skeleton, "parts", static_cast<std::size_t>(parts),
                    [](std::string& text, std::size_t index) {
                      html::HtmlText part(text);
                      part.open("details").element("p", "part " + std::to_string(index) + " <&>").close();
                    },
                    pieces);
    const auto expected = html::serialize(whole);
    CHECK(pieces.finish() == expected);
    CHECK(expected.find("<td></td>") != std::string::npos);
  }
}
