// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "report/text_out.hpp"

namespace dockcis::report {

/// pugixml's output appended to a TextOut and handed on as it grows: a
/// thousand containers' JUnit or HTML document is saved straight to its
/// file instead of into a string first.
class XmlOut : public pugi::xml_writer {
 public:
  explicit XmlOut(TextOut& out) : out_(out) {}
  void write(const void* data, std::size_t size) override {
    out_.text().append(static_cast<const char*>(data), size);
    out_.spill_if_full();
  }

 private:
  TextOut& out_;
};

/// A small document saved indented with marker comments (`<!--name-->`)
/// where many elements go, copied into a TextOut a part at a time: up to a
/// marker's line, then the caller prints that marker's elements from scratch
/// (at the marker's depth), then on. The bytes are those of saving the whole
/// document with the elements in the markers' places, without it ever being
/// whole: JUnit's test cases, most of the file at a thousand containers. A
/// marker stands on a line of its own and that line goes.
class XmlSkeleton {
 public:
  XmlSkeleton(const pugi::xml_document& document, const char* indent) {
    TextOut whole;
    XmlOut writer(whole);
    document.save(writer, indent, pugi::format_default | pugi::format_no_declaration);
    text_ = whole.finish();
  }

  /// Copies the text up to the line of the next `<!--marker-->` and skips that line.
  void copy_to(std::string_view marker, TextOut& out) {
    const auto comment = "<!--" + std::string(marker) + "-->";
    const auto at = text_.find(comment, from_);
    if (at == std::string::npos) return;
    out.text().append(text_, from_, text_.rfind('\n', at) + 1 - from_);
    const auto end = text_.find('\n', at);
    from_ = end == std::string::npos ? text_.size() : end + 1;
  }
  /// Copies the rest.
  void copy_rest(TextOut& out) {
    out.text().append(text_, from_);
    from_ = text_.size();
    out.spill_if_full();
  }

 private:
  std::string text_;
  std::size_t from_ = 0;
};

}  // namespace dockcis::report
