// SPDX-License-Identifier: Apache-2.0
#include "report/xml_text.hpp"

#include <array>
#include <cstdint>

#include "util/word_scan.hpp"

namespace dockcis::report {
namespace {

// pugixml takes C strings: a NUL ends a name's or a value's text there.
std::string_view until_nul(std::string_view text) { return text.substr(0, text.find('\0')); }

// Which bytes pugixml escapes, in character data and in an attribute's value:
// a table rather than comparisons, since every byte of a report passes here.
using Special = std::array<bool, 256>;

constexpr Special special(bool attribute) {
  Special table{};
  for (int c = 0; c < 0x20; ++c) table[c] = attribute || (c != '\t' && c != '\n' && c != '\r');
  table['&'] = true;
  table['<'] = true;
  table['>'] = !attribute;
  table['"'] = attribute;
  return table;
}

constexpr Special kSpecialText = special(false);
constexpr Special kSpecialAttribute = special(true);

// Whether a word may hold a byte the table marks: a control character, '&',
// '<', and '>' in character data or '"' in an attribute.
bool may_be_special(std::uint64_t word, bool attribute) {
  using namespace util::words;
  return any_below(word, 0x20) || any_equal(word, '&') || any_equal(word, '<') || any_equal(word, attribute ? '"' : '>');
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text, bool attribute) {
  const auto& specials = attribute ? kSpecialAttribute : kSpecialText;
  std::size_t plain = 0;  // start of the run of bytes written as they are
  for (std::size_t at = 0; at < text.size(); ++at) {
    // Eight bytes at a time past words that hold none of the special bytes
    // (a tab or a line break in character data is looked at byte by byte).
    while (at + util::words::kWord <= text.size() && !may_be_special(util::words::load(text.data() + at), attribute)) {
      at += util::words::kWord;
    }
    if (at == text.size()) break;
    const auto c = static_cast<unsigned char>(text[at]);
    if (!specials[c]) continue;
    out.append(text, plain, at - plain);
    plain = at + 1;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: {
        const char digits[] = {'&', '#', static_cast<char>('0' + c / 10), static_cast<char>('0' + c % 10), ';'};
        out.append(digits, sizeof digits);
      }
    }
  }
  out.append(text, plain);
}

void IndentedXml::indent(std::size_t level) {
  while (pad_.size() < level * indent_.size()) pad_ += indent_;
  out_.append(pad_, 0, level * indent_.size());
}

void IndentedXml::start(std::string_view name, Attributes attributes) {
  indent(depth_ + open_.size());
  out_ += '<';
  out_ += name;
  for (const auto& [attribute, value] : attributes) {
    out_ += ' ';
    out_ += attribute;
    out_ += "=\"";
    append_xml_escaped(out_, until_nul(value), true);
    out_ += '"';
  }
}

void IndentedXml::open(std::string_view name, Attributes attributes) {
  start(name, attributes);
  out_ += ">\n";
  open_.push_back(name);
}

void IndentedXml::close() {
  if (open_.empty()) return;
  const auto name = open_.back();
  open_.pop_back();
  indent(depth_ + open_.size());
  out_ += "</";
  out_ += name;
  out_ += ">\n";
}

void IndentedXml::text(std::string_view name, Attributes attributes, std::string_view text) {
  start(name, attributes);
  out_ += '>';
  append_xml_escaped(out_, until_nul(text), false);
  out_ += "</";
  out_ += name;
  out_ += ">\n";
}

void IndentedXml::empty(std::string_view name, Attributes attributes) {
  start(name, attributes);
  out_ += " />\n";
}

}  // namespace dockcis::report
