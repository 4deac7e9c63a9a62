// SPDX-License-Identifier: Apache-2.0
#include "fleet_report/fleet_html.hpp"

namespace dockcis::fleet_report::html {

// Added to the host report's stylesheet. Like it, free of '<', '>' and '&'.
const char* const kFleetStyle = R"CSS(
.chart-box { overflow-x: auto; }
select.window { font: inherit; font-size: 13px; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; margin-bottom: 6px; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 11px; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .axis { fill: var(--muted); }
svg.chart .line { fill: none; stroke: var(--waived); stroke-width: 2; }
svg.chart .dot { fill: var(--waived); }
.scroll { overflow-x: auto; max-height: 640px; overflow-y: auto; border: 1px solid var(--line); border-radius: 6px; }
table.heat th { position: sticky; top: 0; z-index: 1; }
table.heat td.host, table.heat td.host a { white-space: nowrap; }
table.heat td.num { min-width: 44px; }
.h-100 { background: #dafbe1; } .h-90 { background: #eef7d4; } .h-75 { background: #fff8c5; }
.h-50 { background: #ffe2c2; } .h-0 { background: #ffcecb; } .h-none { background: var(--soft); color: var(--muted); }
ul.plain { margin: 0; padding-left: 18px; }
tr.waiver-row.expired td { color: var(--fail); }
.grid3 { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 24px; }
details.host { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; scroll-margin-top: 80px; }
details.host summary { padding: 6px 14px; cursor: pointer; background: var(--soft); display: flex; gap: 16px; align-items: center;
  border-radius: 8px; }
details.host .hname { font-weight: 600; flex: 1; overflow-wrap: anywhere; }
details.host .hscore { font-variant-numeric: tabular-nums; font-weight: 600; }
details.host .body { padding: 4px 18px 14px; }
table.results td:first-child { white-space: nowrap; }
[data-host].hidden { display: none; }
@media print { [data-host].hidden { display: revert; } details.host { break-inside: avoid; } }
)CSS";

// The host and group filters hide rows and drill-downs of other hosts; a
// link to a host opens its drill-down.
const char* const kFleetScript = R"JS(
(function () {
  'use strict';
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  var items = all('[data-host]');
  var hostBox = document.getElementById('filter-host');
  var groupBox = document.getElementById('filter-group');
  var shown = document.getElementById('shown-hosts');
  function apply() {
    var text = hostBox.value.trim().toLowerCase();
    var group = groupBox.value;
    var hosts = Object.create(null);
    items.forEach(function (item) {
      var ok = text === '' || item.dataset.host.toLowerCase().indexOf(text) !== -1;
      if (ok) { ok = group === '' || item.dataset.group === group; }
      item.classList.toggle('hidden', !ok);
      if (ok) { hosts[item.dataset.host] = true; }
    });
    shown.textContent = String(Object.keys(hosts).length);
  }
  function openTarget() {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target) { target.open = true; }
  }
  var windowBox = document.getElementById('filter-window');
  function showWindow() {
    all('.chart-box[data-window]').forEach(function (box) { box.classList.toggle('hidden', box.dataset.window !== windowBox.value); });
  }
  windowBox.addEventListener('change', showWindow);
  windowBox.classList.remove('hidden');
  hostBox.addEventListener('input', apply);
  groupBox.addEventListener('change', apply);
  window.addEventListener('hashchange', openTarget);
  openTarget();
  document.getElementById('filters').classList.remove('hidden');
  apply();
})();
)JS";

}  // namespace dockcis::fleet_report::html
