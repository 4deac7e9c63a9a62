// SPDX-License-Identifier: Apache-2.0
#include "report/html_assets.hpp"

namespace dockcis::report {

const char* const kHtmlStyle = R"CSS(
:root { --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --na: #6e7781; --manual: #bf8700; --waived: #0969da;
  --info: #57606a; --line: #d0d7de; --soft: #f6f8fa; --text: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--text); background: #fff; }
header.banner { padding: 20px 32px; color: #fff; background: var(--fail); }
header.banner.compliant { background: var(--pass); }
header.banner h1 { margin: 0 0 4px; font-size: 22px; }
header.banner p { margin: 0; opacity: .95; }
main { padding: 8px 32px 40px; max-width: 1400px; }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
table.facts th { width: 220px; }
table.facts td { overflow-wrap: anywhere; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 24px; }
.bar { display: flex; height: 22px; border-radius: 4px; overflow: hidden; border: 1px solid var(--line); margin: 6px 0 4px; }
.bar span { display: block; height: 100%; }
.legend span { margin-right: 12px; white-space: nowrap; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.state { display: inline-block; min-width: 92px; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; text-align: center; }
.s-pass { background: var(--pass); } .s-fail { background: var(--fail); } .s-error { background: var(--error); }
.s-notapplicable { background: var(--na); } .s-manual { background: var(--manual); } .s-notselected { background: #afb8c1; }
.s-info { background: var(--info); } .s-waived { background: var(--waived); }
.sev-critical, .sev-high { color: var(--fail); font-weight: 600; } .sev-medium { color: var(--manual); }
.filters { position: sticky; top: 0; background: #fff; padding: 10px 0; border-bottom: 1px solid var(--line); z-index: 1;
  display: flex; flex-wrap: wrap; gap: 14px; align-items: center; }
.filters label { white-space: nowrap; }
.filters input[type=search] { min-width: 260px; padding: 4px 8px; border: 1px solid var(--line); border-radius: 4px; }
.filters select { padding: 3px; }
.count { color: var(--na); }
.rule { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; }
.rule summary { padding: 8px 12px; cursor: pointer; background: var(--soft); display: flex; gap: 12px; align-items: center; }
.rule .body { padding: 8px 16px 14px; }
.rule .body p { margin: 6px 0; }
.reason { color: #424a53; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
pre { white-space: pre-wrap; word-break: break-all; margin: 0; }
.remediation { background: #fff8c5; border-left: 4px solid var(--manual); padding: 6px 10px; }
.hidden { display: none; }
footer { color: var(--na); padding: 16px 32px; border-top: 1px solid var(--line); }
@media print {
  .filters { display: none; }
  header.banner { color: #000; background: none; border-bottom: 3px solid #000; }
  .rule { break-inside: avoid; }
  .hidden { display: block; }
  tr.hidden { display: table-row; }
  details:not([open]) .body { display: block; }
}
)CSS";

const char* const kHtmlScript = R"JS(
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.rule-row'));
  var details = {};
  Array.prototype.forEach.call(document.querySelectorAll('details.rule'), function (d) { details[d.id] = d; });
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.state-filter'));
  var section = document.getElementById('filter-section');
  var level = document.getElementById('filter-level');
  var severity = document.getElementById('filter-severity');
  var search = document.getElementById('filter-search');
  var shown = document.getElementById('shown-count');
  function wanted() {
    var states = {};
    boxes.forEach(function (b) { if (b.checked) { states[b.value] = true; } });
    return states;
  }
  function apply() {
    var states = wanted();
    var text = search.value.trim().toLowerCase();
    var visible = 0;
    rows.forEach(function (row) {
      var ok = states[row.dataset.state] === true;
      if (ok) { ok = section.value === '' || row.dataset.section === section.value; }
      if (ok) { ok = level.value === '' || row.dataset.level === level.value; }
      if (ok) { ok = severity.value === '' || row.dataset.severity === severity.value; }
      if (ok) { ok = text === '' || row.dataset.search.indexOf(text) !== -1; }
      row.classList.toggle('hidden', !ok);
      var d = details[row.dataset.target];
      if (d) { d.classList.toggle('hidden', !ok); }
      if (ok) { visible += 1; }
    });
    shown.textContent = String(visible);
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  [section, level, severity].forEach(function (s) { s.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  document.getElementById('filters').classList.remove('hidden');
  apply();
})();
)JS";

}  // namespace dockcis::report
