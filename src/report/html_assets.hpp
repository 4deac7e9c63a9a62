// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace dockcis::report {

/// Inline stylesheet and script of the HTML report. Neither may contain '<',
/// '>' or '&': they are written as element text, which XML escapes but HTML
/// does not unescape inside <style> and <script>.
extern const char* const kHtmlStyle;
extern const char* const kHtmlScript;

}  // namespace dockcis::report
