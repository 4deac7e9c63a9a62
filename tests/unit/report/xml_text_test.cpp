// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <pugixml.hpp>

#include "report/xml_text.hpp"

#include "../byte_places.hpp"

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

TEST_CASE("xml text: each special byte at every place in an eight-byte word, as pugixml prints it") {
  // The writer passes eight bytes at a time over words with nothing to escape.
  for_each_byte_place({'&', '<', '>', '"', '\'', '\t', '\n', '\r', '\x01', '\x1f', ' ', '?', '\x7f', '\xe9'}, [](const std::string& text) {
    CAPTURE(text);
    pugi::xml_document document;
    auto node = document.append_child("t");
    node.append_attribute("v") = text.c_str();
    node.text().set(text.c_str());
    std::string written;
    report::IndentedXml writer(written, "  ", 2);
    writer.text("t", {{"v", text}}, text);
    CHECK(written == printed(node));
  });
}
