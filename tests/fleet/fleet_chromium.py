#!/usr/bin/python3
"""Loads a fleet report in headless Chromium as a reader would: no console
error, no network request, no dialog; the host and group filters hide and
show rows; a link to a host opens its drill-down; the charts are drawn;
hostile host names appear as text.
Usage: fleet_chromium.py FLEET.html [--screenshot PNG] [--hostile TEXT]..."""
import argparse, base64, json, os, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report"))
from chromium_page import Page

parser = argparse.ArgumentParser()
parser.add_argument("report")
parser.add_argument("--screenshot")
parser.add_argument("--hostile", action="append", default=[])
args = parser.parse_args()
report = os.path.abspath(args.report)
failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)


with Page() as browser:
    call, evaluate = browser.call, browser.evaluate
    url = "file://" + report
    browser.load(url)

    errors = browser.console_errors()
    expect(not errors, "console errors: %s" % json.dumps(errors)[:800])
    requests = browser.requests()
    expect(not [r for r in requests if r != url and not r.startswith("data:")], "network requests: %s" % requests)

    hosts = evaluate("document.querySelectorAll('tr.host-row').length")
    expect(hosts >= 3, "the heat map has %s host rows" % hosts)
    expect(evaluate("getComputedStyle(document.getElementById('filters')).display") != "none", "the filter bar is not shown")
    chart = "#trend .chart-box:not(.hidden)"
    expect(evaluate("document.querySelectorAll('%s svg polyline').length" % chart) == 1, "the trend chart has no line")
    points = evaluate("document.querySelectorAll('%s svg circle').length" % chart)
    expect(points >= 2, "the trend chart has fewer than two points")
    expect(evaluate("document.querySelector('%s svg').getBoundingClientRect().height" % chart) > 100, "the trend chart is not drawn")
    expect(evaluate("getComputedStyle(document.getElementById('filter-window')).display") != "none", "the time window is not offered")
    evaluate("var w = document.getElementById('filter-window'); w.value = '7'; w.dispatchEvent(new Event('change'))")
    expect(evaluate("Array.from(document.querySelectorAll('%s')).map(b => b.dataset.window)" % chart) == ["7"],
           "choosing the last 7 days does not show that chart alone")
    expect(evaluate("document.querySelectorAll('%s svg circle').length" % chart) <= 8, "the 7-day chart has more than 8 days")
    evaluate("var w = document.getElementById('filter-window'); w.value = 'all'; w.dispatchEvent(new Event('change'))")
    expect(evaluate("document.querySelectorAll('%s svg circle').length" % chart) == points, "the whole window does not come back")
    expect(evaluate("document.querySelectorAll('details.host svg polyline').length") == hosts, "a host lacks its score history")
    expect(evaluate("document.getElementById('shown-hosts').textContent") == str(hosts), "the host counter does not start at every host")

    visible = "document.querySelectorAll('tr.host-row:not(.hidden)').length"
    evaluate("var b = document.getElementById('filter-host'); b.value = 'web-02'; b.dispatchEvent(new Event('input'))")
    expect(evaluate(visible) == 1, "filtering on 'web-02' shows %s heat map rows" % evaluate(visible))
    expect(evaluate("document.querySelectorAll('details.host:not(.hidden)').length") == 1, "filtering leaves other drill-downs shown")
    expect(evaluate("document.getElementById('shown-hosts').textContent") == "1", "the host counter does not follow the filter")
    evaluate("var b = document.getElementById('filter-host'); b.value = 'WEB-02'; b.dispatchEvent(new Event('input'))")
    expect(evaluate(visible) == 1, "filtering on 'WEB-02' shows %s heat map rows: the filter minds case" % evaluate(visible))
    evaluate("var b = document.getElementById('filter-host'); b.value = ''; b.dispatchEvent(new Event('input'))")
    expect(evaluate(visible) == hosts, "clearing the filter does not restore the rows")

    evaluate("var g = document.getElementById('filter-group'); g.value = 'db'; g.dispatchEvent(new Event('change'))")
    groups = evaluate("Array.from(document.querySelectorAll('[data-host]:not(.hidden)')).map(e => e.dataset.group)")
    expect(groups and set(groups) == {"db"}, "the group filter shows groups %s" % groups)
    evaluate("var g = document.getElementById('filter-group'); g.value = ''; g.dispatchEvent(new Event('change'))")

    evaluate("document.querySelector('tr.host-row td.host a').click()")
    time.sleep(0.3)
    expect(evaluate("Array.from(document.querySelectorAll('details.host')).some(d => d.open)"), "a host link does not open its drill-down")

    text = evaluate("document.body.innerText")
    for hostile in args.hostile:
        expect(hostile in text, "hostile value not shown as text: %r" % hostile)
    expect(evaluate("document.scripts.length") == 1, "the page has %s script elements; host values became markup" % evaluate("document.scripts.length"))
    expect(evaluate("document.images.length") == 0, "host values became images")
    handlers = evaluate("Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length")
    expect(handlers == 0, "%s elements carry event handler attributes" % handlers)
    expect(not browser.dialogs(), "a dialog opened: host values executed")

    if args.screenshot:
        evaluate("window.scrollTo(0, 0)")
        with open(args.screenshot, "wb") as f:
            f.write(base64.b64decode(call("Page.captureScreenshot", format="png")["data"]))

for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: %s loads cleanly, no network request, filters and drill-downs work, hostile host names are text" % os.path.basename(report))
