// SPDX-License-Identifier: Apache-2.0
#include "report/html_assets.hpp"

namespace dockcis::report {

const char* const kHtmlStyle = R"CSS(
:root { --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --na: #6e7781; --manual: #9a6700; --waived: #0969da;
  --info: #1b7c83; --notselected: #afb8c1; --critical: #82071e; --line: #d0d7de; --soft: #f6f8fa; --text: #1f2328;
  --muted: #59636e; --top: #1f2937; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--text); background: #fff; }
header.top { background: var(--top); color: #fff; padding: 18px 32px 16px; }
header.top .brand { font-size: 12px; letter-spacing: .12em; text-transform: uppercase; opacity: .7; }
header.top h1 { margin: 2px 0 2px; font-size: 22px; font-weight: 600; }
header.top .subtitle { margin: 0; opacity: .8; }
main { padding: 16px 32px 40px; max-width: 1440px; margin: 0 auto; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 16px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
h4 { font-size: 13px; margin: 14px 0 4px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts th { width: 210px; }
table.facts td { overflow-wrap: anywhere; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace; font-size: 12.5px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.muted { color: var(--muted); font-size: 12px; }
.hidden { display: none; }

.alert { margin: 8px 0 16px; padding: 12px 16px; border-radius: 6px; border: 1px solid; border-left-width: 6px; }
.alert.bad { background: #ffebe9; border-color: var(--fail); }
.alert.ok { background: #dafbe1; border-color: var(--pass); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; margin: 0 0 8px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: #fff; border-top: 4px solid var(--notselected); }
.card .value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.2; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
.card.c-pass { border-top-color: var(--pass); } .card.c-fail { border-top-color: var(--fail); }
.card.c-error { border-top-color: var(--error); } .card.c-manual { border-top-color: var(--manual); }
.card.c-waived { border-top-color: var(--waived); } .card.c-notapplicable { border-top-color: var(--na); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 32px; }

.bar { display: flex; height: 20px; border-radius: 4px; overflow: hidden; background: var(--soft); border: 1px solid var(--line); margin: 4px 0; }
.bar span { display: block; height: 100%; }
.legend { font-size: 12.5px; color: var(--muted); }
.legend span { margin-right: 14px; white-space: nowrap; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.meter { display: flex; align-items: center; gap: 10px; min-width: 120px; }
.meter .track { flex: 1; height: 8px; border-radius: 4px; background: #eaeef2; overflow: hidden; }
.meter .fill { display: block; height: 100%; }
.meter .number { width: 52px; text-align: right; font-variant-numeric: tabular-nums; }
.fill.good { background: var(--pass); } .fill.fair { background: var(--manual); } .fill.poor { background: var(--fail); }
table.scores td:first-child { width: 45%; }

.s-pass { background: var(--pass); } .s-fail { background: var(--fail); } .s-error { background: var(--error); }
.s-notapplicable { background: var(--na); } .s-manual { background: var(--manual); } .s-notselected { background: var(--notselected); }
.s-info { background: var(--info); } .s-waived { background: var(--waived); }
.v-critical { background: var(--critical); } .v-high { background: var(--fail); } .v-medium { background: var(--manual); }
.v-low { background: var(--na); } .v-info { background: var(--notselected); }
.state { display: inline-block; min-width: 96px; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px;
  font-weight: 600; text-align: center; }
.sev { background: none; font-weight: 600; }
.sev.v-critical { color: var(--critical); } .sev.v-high { color: var(--fail); } .sev.v-medium { color: var(--manual); }
.sev.v-low, .sev.v-info { color: var(--muted); font-weight: 400; }

.filters { position: sticky; top: 0; z-index: 2; background: rgba(255, 255, 255, .97); padding: 10px 0;
  border-bottom: 1px solid var(--line); margin-bottom: 8px; }
.filters.hidden { display: none; }
.filters .states { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
.filters .chip { background: none; border: 1px solid var(--line); border-radius: 6px; padding: 2px 10px 2px 6px;
  cursor: pointer; white-space: nowrap; font-size: 13px; border-left-width: 6px; }
.chip.s-pass { border-left-color: var(--pass); } .chip.s-fail { border-left-color: var(--fail); }
.chip.s-error { border-left-color: var(--error); } .chip.s-notapplicable { border-left-color: var(--na); }
.chip.s-manual { border-left-color: var(--manual); } .chip.s-notselected { border-left-color: var(--notselected); }
.chip.s-info { border-left-color: var(--info); } .chip.s-waived { border-left-color: var(--waived); }
.filters .controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
.filters select, .filters input[type=search], .filters button { font: inherit; font-size: 13px; padding: 4px 8px;
  border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--text); }
.filters select { max-width: 300px; }
.filters input[type=search] { min-width: 240px; flex: 1; max-width: 420px; }
.filters button { cursor: pointer; background: var(--soft); }
.count { color: var(--muted); }

table.overview td.id { white-space: nowrap; }
table.overview td.id a { font-weight: 600; }
table.overview td.title { width: 36%; }
table.overview .reason { color: var(--muted); }
table.instances td.iname { min-width: 130px; }
.pager { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 8px 0 6px; }
.pager.hidden { display: none; }
.pager button { font: inherit; font-size: 13px; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px;
  background: var(--soft); cursor: pointer; }
.pager button:disabled { cursor: default; opacity: .5; }
.page-label { color: var(--muted); }
table.instances td.iimage { min-width: 150px; }
table.evidence td:first-child { width: 34%; }
table.found-list { margin: 0 0 4px; font-size: 13px; width: auto; }
table.found-list th { white-space: nowrap; }
table.found-list th, table.found-list td { padding: 2px 14px 2px 0; }
table.setting tr.decides td { font-weight: 600; }
table.setting tr.disagrees td { color: var(--fail); }
tr.section-row th { background: #eef2f6; font-size: 13px; padding-top: 10px; }
a { color: var(--waived); text-decoration: none; }
a:hover { text-decoration: underline; }

.rule { border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; scroll-margin-top: 110px; }
.rule summary { padding: 8px 14px; cursor: pointer; background: var(--soft); display: flex; gap: 12px; align-items: center;
  border-radius: 8px; }
.rule[open] summary { border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; }
.rule .rid { font-weight: 700; font-variant-numeric: tabular-nums; }
.rule .rtitle { font-weight: 600; flex: 1; }
.rule .body { padding: 4px 18px 16px; }
.rule .body p { margin: 4px 0; }
dl.meta { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 10px 0; }
dl.meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
dl.meta dd { margin: 0; }
.result-line { font-weight: 600; }
.waiver { background: #ddf4ff; border-left: 4px solid var(--waived); padding: 6px 12px; margin: 8px 0; border-radius: 4px; }
.remediation { background: #fff8c5; border-left: 4px solid var(--manual); padding: 2px 12px 8px; margin: 12px 0 4px; border-radius: 4px; }
.remediation h4 { margin-top: 8px; }
code.fact { color: var(--muted); font-size: 11.5px; }
ul.refs { margin: 4px 0; padding-left: 20px; color: var(--muted); overflow-wrap: anywhere; }
ul.groups { overflow-wrap: anywhere; }
footer { color: var(--muted); padding: 16px 32px; border-top: 1px solid var(--line); font-size: 12.5px; }

@media print {
  @page { margin: 14mm; }
  body { font-size: 10.5pt; }
  .filters, .filters.hidden, .pager button, .pager label { display: none; }
  header.top { background: none; color: #000; border-bottom: 3px solid #000; padding: 0 0 8px; }
  main { padding: 0; max-width: none; }
  tr.hidden { display: table-row; }
  details.hidden { display: block; }
  .rule { break-inside: avoid; }
  .rule summary { background: none; }
  h2 { break-after: avoid; }
  .bar span, .fill, .state, .card { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)CSS";

// Every detail is open in the file, so readers without JavaScript see all of
// it; the script folds what passed and keeps failures and errors open.
const char* const kHtmlScript = R"JS(
(function () {
  'use strict';
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  var rows = all('tr.rule-row');
  var sectionRows = all('tr.section-row');
  var details = all('details.rule');
  var byId = {};
  details.forEach(function (d) { byId[d.id] = d; });
  var boxes = all('input.state-filter');
  var section = document.getElementById('filter-section');
  var level = document.getElementById('filter-level');
  var severity = document.getElementById('filter-severity');
  var search = document.getElementById('filter-search');
  var shown = document.getElementById('shown-count');

  function matches(select, value) { return select.value === '' || select.value === value; }
  function apply() {
    var states = {};
    boxes.forEach(function (b) { if (b.checked) { states[b.value] = true; } });
    var text = search.value.trim().toLowerCase();
    var visible = 0;
    var sections = {};
    rows.forEach(function (row) {
      var ok = states[row.dataset.state] === true;
      if (ok) { ok = matches(section, row.dataset.section); }
      if (ok) { ok = matches(level, row.dataset.level); }
      if (ok) { ok = matches(severity, row.dataset.severity); }
      if (ok) { ok = text === '' || row.dataset.search.includes(text); }
      row.classList.toggle('hidden', !ok);
      var d = byId[row.dataset.target];
      if (d) { d.classList.toggle('hidden', !ok); }
      if (ok) { visible += 1; sections[row.dataset.section] = true; }
    });
    sectionRows.forEach(function (row) { row.classList.toggle('hidden', sections[row.dataset.section] !== true); });
    shown.textContent = String(visible);
  }
  function setAll(open) { details.forEach(function (d) { d.open = open; }); }
  function openTarget() {
    var d = byId[decodeURIComponent(window.location.hash.slice(1))];
    if (d) { d.open = true; }
  }

  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  [section, level, severity].forEach(function (s) { s.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  document.getElementById('expand-all').addEventListener('click', function () { setAll(true); });
  document.getElementById('collapse-all').addEventListener('click', function () { setAll(false); });
  window.addEventListener('hashchange', openTarget);
  var printed = [];
  window.addEventListener('beforeprint', function () {
    printed = details.map(function (d) { return d.open; });
    setAll(true);
  });
  window.addEventListener('afterprint', function () {
    details.forEach(function (d, i) { d.open = printed[i] === true; });
  });

  // Long instance lists (html_instances.cpp): the page holds the first rows,
  // inline data every row; the data is read at the first turn of a page. A
  // row names its container by position in the page's one list of subjects.
  var subjects = null;
  function subject(i) {
    if (subjects === null) { subjects = JSON.parse(document.getElementById('instance-subjects').textContent); }
    return subjects[i];
  }
  function element(parent, tag, css, text) {
    var node = document.createElement(tag);
    if (css) { node.className = css; }
    if (text !== undefined) { node.textContent = text; }
    parent.appendChild(node);
    return node;
  }
  function instanceRow(r) {
    var tr = document.createElement('tr');
    var name = element(tr, 'td', 'iname');
    element(name, 'div', 'name', r[0]);
    if (r[1] !== '') { element(name, 'code', 'muted', r[1]); }
    element(element(tr, 'td', 'iimage'), 'code', '', r[2]);
    var state = element(tr, 'td');
    element(state, 'span', 'state s-' + r[3], r[3]);
    if (r[4] !== '') { element(state, 'div', 'muted', 'was ' + r[4]); }
    element(tr, 'td', '', r[5]);
    element(element(tr, 'td'), 'pre', '', r[6]);
    return tr;
  }
  function pager(table) {
    var controls = table.previousElementSibling;
    var label = controls.querySelector('.page-label');
    var only = controls.querySelector('input.failing-only');
    var prev = controls.querySelector('button.prev');
    var next = controls.querySelector('button.next');
    var size = Number(table.dataset.pageSize);
    var rows = null;
    var page = 0;
    function listed() {
      if (rows === null) {
        var data = JSON.parse(document.getElementById(table.dataset.rows).textContent);
        rows = data.rows.map(function (r) {
          return subject(r[0]).concat(r.slice(1).map(function (i) { return data.strings[i]; }));
        });
      }
      if (!only.checked) { return rows; }
      return rows.filter(function (r) { return r[3] === 'fail' || r[3] === 'error'; });
    }
    function describe(first, count, total) {
      var pages = Math.max(1, Math.ceil(total / size));
      label.textContent = total === 0 ? 'none' : (first + 1) + '-' + (first + count) + ' of ' + total.toLocaleString('en') +
        ' (page ' + (page + 1) + ' of ' + pages + ')';
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
      return pages;
    }
    function show() {
      var list = listed();
      page = Math.max(0, Math.min(page, Math.ceil(list.length / size) - 1));
      var first = page * size;
      var shown = list.slice(first, first + size);
      table.tBodies[0].replaceChildren.apply(table.tBodies[0], shown.map(instanceRow));
      describe(first, shown.length, list.length);
    }
    prev.addEventListener('click', function () { page -= 1; show(); });
    next.addEventListener('click', function () { page += 1; show(); });
    only.addEventListener('change', function () { page = 0; show(); });
    describe(0, table.tBodies[0].rows.length, Number(table.dataset.count));
    controls.classList.remove('hidden');
    table.nextElementSibling.classList.add('hidden');
  }
  all('table.instances[data-rows]').forEach(pager);

  details.forEach(function (d) { d.open = d.dataset.state === 'fail' || d.dataset.state === 'error'; });
  openTarget();
  document.getElementById('filters').classList.remove('hidden');
  apply();
})();
)JS";

}  // namespace dockcis::report
