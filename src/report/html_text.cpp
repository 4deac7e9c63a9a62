// SPDX-License-Identifier: Apache-2.0
#include "report/html_text.hpp"

#include <algorithm>
#include <array>

#include "report/clean_text.hpp"
#include "report/xml_text.hpp"
#include "util/strings.hpp"

namespace dockcis::report::html {
namespace {

// pugixml takes C strings: a NUL ends a value's text there.
std::string_view until_nul(std::string_view text) { return text.substr(0, text.find('\0')); }

}  // namespace

bool is_void_element(std::string_view tag) {
  static constexpr std::array<std::string_view, 13> kVoid{"area", "base", "br",   "col",    "embed", "hr",  "img",
                                                          "input", "link", "meta", "source", "track", "wbr"};
  return std::ranges::find(kVoid, tag) != kVoid.end();
}

void HtmlText::end_start_tag() {
  if (!in_start_tag_) return;
  out_ += '>';
  in_start_tag_ = false;
}

HtmlText& HtmlText::open(std::string_view tag, std::string_view css_class) {
  end_start_tag();
  out_ += '<';
  out_ += tag;
  open_.push_back(tag);
  in_start_tag_ = true;
  if (!css_class.empty()) {
    out_ += " class=\"";
    append_xml_escaped(out_, until_nul(css_class), true);
    out_ += '"';
  }
  return *this;
}

HtmlText& HtmlText::attribute(std::string_view name, std::string_view value) {
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  // Cleaning shows a NUL as "\x00": no value is cut short here.
  append_xml_escaped(out_, is_clean_text(value) ? value : clean_text(value), true);
  out_ += '"';
  return *this;
}

// Most text is printable ASCII, which cleaning would copy unchanged.
HtmlText& HtmlText::text(std::string_view text) { return is_clean_text(text, true) ? escaped(text) : escaped(clean_text(text, true)); }

HtmlText& HtmlText::escaped(std::string_view text) {
  end_start_tag();
  append_xml_escaped(out_, until_nul(text), false);
  return *this;
}

HtmlText& HtmlText::close() {
  if (open_.empty()) return *this;
  const auto tag = open_.back();
  open_.pop_back();
  // An element without content: a void one self-closed, any other given its
  // end tag ("<td/>" would open a cell that never closes).
  if (in_start_tag_ && is_void_element(tag)) {
    out_ += "/>";
    in_start_tag_ = false;
    return *this;
  }
  end_start_tag();
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

HtmlText& HtmlText::element(std::string_view tag, std::string_view text, std::string_view css_class) {
  return open(tag, css_class).text(text).close();
}

int count(const model::Summary& summary, model::State state) {
  const auto found = summary.counts.find(state);
  return found == summary.counts.end() ? 0 : found->second;
}

std::string percent_text(double percent) { return util::fixed(percent, 1) + "%"; }

void state_badge(HtmlText& html, model::State state) {
  const std::string name(model::to_string(state));
  html.element("span", name, "state s-" + name);
}

void header_row(HtmlText& html, std::initializer_list<const char*> titles) {
  html.open("tr");
  for (const char* title : titles) {
    if (title[0] == '#') {
      html.element("th", title + 1, "num");
    } else {
      html.element("th", title);
    }
  }
  html.close();
}

void stacked_bar(HtmlText& html, const std::vector<std::tuple<std::string, int, std::string>>& parts) {
  int total = 0;
  for (const auto& part : parts) total += std::get<1>(part);
  html.open("div", "bar");
  for (const auto& [name, value, css_class] : parts) {
    if (value == 0) continue;
    html.open("span", css_class)
        .attribute("style", "width:" + util::fixed(100.0 * value / total, 2) + "%")
        .attribute("title", name + ": " + std::to_string(value))
        .close();
  }
  html.close().open("div", "legend");
  for (const auto& [name, value, css_class] : parts) {
    if (value == 0) continue;
    html.open("span").open("i", css_class).close().text(name + " " + std::to_string(value)).close();
  }
  if (total == 0) html.element("span", "none");
  html.close();
}

void meter(HtmlText& html, double percent) {
  const std::string tone = percent >= 100.0 ? "good" : percent >= 80.0 ? "fair" : "poor";
  html.open("div", "meter").open("span", "track");
  html.open("span", "fill " + tone).attribute("style", "width:" + util::fixed(percent, 2) + "%").close().close();
  html.element("span", percent_text(percent), "number").close();
}

}  // namespace dockcis::report::html
