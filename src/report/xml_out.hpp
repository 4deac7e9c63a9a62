// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

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

}  // namespace dockcis::report
