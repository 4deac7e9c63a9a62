// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/report.hpp"
#include "report/clean_text.hpp"
#include "report/html_text.hpp"

namespace dockcis::report::html {

/// Rows an instance table holds in the page. A longer list keeps the rest as
/// inline data that the report's script pages through, so a report of a
/// thousand containers is not a hundred thousand table rows.
inline constexpr std::size_t kInstancesPerPage = 50;

/// The instances' names, ids and images as every check's table holds them:
/// cleaned, and written as JSON strings for the pager's data, once for the
/// whole report, since the same containers fill every check's table.
class SubjectTexts {
 public:
  struct Text {
    std::string cleaned;
    std::string json;  ///< `cleaned` as a JSON string
  };
  const Text& of(std::string_view raw);

 private:
  std::unordered_map<std::string, Text, TextHash, std::equal_to<>> known_;
};

/// A recommendation's containers (or other instances): the failing reasons
/// grouped with their first names, then a table of every instance.
void instance_table(HtmlText& html, const model::CheckResult& result, SubjectTexts& subjects);

}  // namespace dockcis::report::html
