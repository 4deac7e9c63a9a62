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

/// The instances the pagers' data name, once for the whole report: each
/// subject's display name, short id and image, cleaned, as the JSON array
/// [name, short id, image], in the order first used. A paged table's rows
/// give their subject by its position in this list, since the same
/// containers fill every check's table.
class SubjectTexts {
 public:
  /// The subject's position in the list, added when new. Subjects are
  /// found by address (an audit's instances share one per container); equal
  /// ones at other addresses (a report read back) share a position too.
  std::size_t position(const model::Subject& subject);
  [[nodiscard]] bool empty() const { return count_ == 0; }
  /// The list as the script reads it, with '<', '>' and '&' as JSON escapes.
  [[nodiscard]] std::string data() const;

 private:
  std::unordered_map<const model::Subject*, std::size_t> by_address_;
  std::unordered_map<std::string, std::size_t, TextHash, std::equal_to<>> by_text_;  ///< an entry's JSON text -> position
  std::string entries_;  ///< the entries' JSON texts, comma-separated
  std::size_t count_ = 0;
};

/// The subjects' list in the page, where the pagers find it (nothing when no table is paged).
void subject_data(HtmlText& html, const SubjectTexts& subjects);

/// A recommendation's containers (or other instances): the failing reasons
/// grouped with their first names, then a table of every instance.
void instance_table(HtmlText& html, const model::CheckResult& result, SubjectTexts& subjects);

}  // namespace dockcis::report::html
