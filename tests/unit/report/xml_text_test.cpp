// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <pugixml.hpp>

#include "report/xml_text.hpp"

using namespace dockcis;

namespace {

// What pugixml prints for the same element, two levels down a document indented by two spaces.
std::string printed(const pugi::xml_node& node) {
  std::ostringstream out;
  node.print(out, "  ", pugi::format_default, pugi::encoding_auto, 2);
  return out.str();
}

}  // namespace

TEST_CASE("xml text: the bytes pugixml prints, whatever the text holds") {
  std::string every_byte;
  for (int c = 1; c < 256; ++c) every_byte += static_cast<char>(c);
  for (const auto& text : {std::string("plain"), std::string(), every_byte, std::string("a\0b", 3),
                                 std::string("<tag attr=\"v\" other='w'>&amp; ]]> \t\r\n")}) {
    CAPTURE(text);
    pugi::xml_document document;
    auto outer = document.append_child("outer");
    outer.append_attribute("value") = text.c_str();
    outer.append_attribute("plain") = "yes";
    auto inner = outer.append_child("inner");
    inner.append_attribute("context") = text.c_str();
    inner.text().set(text.c_str());
    outer.append_child("empty").append_attribute("name") = text.c_str();
    outer.append_child("bare").text().set("");

    std::string written;
    report::IndentedXml writer(written, "  ", 2);
    writer.open("outer", {{"value", text}, {"plain", "yes"}});
    writer.text("inner", {{"context", text}}, text);
    writer.empty("empty", {{"name", text}});
    writer.text("bare", {}, "");
    writer.close();
    CHECK(written == printed(outer));
  }
}
