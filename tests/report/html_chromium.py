#!/usr/bin/python3
"""Loads an HTML report in headless Chromium and checks it as a reader would:
no console error, no network request, no dialog; the filters change what is
shown; failures are open and the rest folded; hostile host values appear as
text; everything is visible and open without JavaScript; printing opens all.
Usage: html_chromium.py REPORT.html [--screenshot PNG] [--hostile TEXT]..."""
import argparse, base64, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
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


def check_paging(evaluate):
    """The first long instance table: its first page is the data's first rows,
    Next and Previous turn pages, "failing and undecided only" filters."""
    first = "document.querySelector('table.instances[data-rows]')"
    rows = evaluate("((d, s) => d.rows.map(r => s[r[0]][0] + '|' + d.strings[r[1]]))(JSON.parse(document.getElementById(%s.dataset.rows).textContent), "
                    "JSON.parse(document.getElementById('instance-subjects').textContent))" % first)
    size = evaluate("Number(%s.dataset.pageSize)" % first)
    names = "Array.from(%s.tBodies[0].rows).map(r => r.querySelector('div.name').textContent + '|' + r.querySelector('span.state').textContent)" % first
    pager = first + ".previousElementSibling"
    expect(len(rows) > size, "the paged table holds %s rows in its data, page size %s" % (len(rows), size))
    expect(evaluate(names) == rows[:size], "the first page is not the first %s rows of the data" % size)
    expect(evaluate(pager + ".querySelector('button.prev').disabled"), "Previous is enabled on the first page")
    expect(evaluate(first + ".nextElementSibling.classList.contains('hidden')"), "the note for readers without JavaScript stays")
    label = evaluate(pager + ".querySelector('.page-label').textContent")
    expect(label.startswith("1-%d of " % size), "page label %r" % label)
    evaluate(pager + ".querySelector('button.next').click()")
    expect(evaluate(names) == rows[size:2 * size], "Next does not show rows %d-%d" % (size + 1, 2 * size))
    expect(evaluate(pager + ".querySelector('.page-label').textContent").startswith("%d-" % (size + 1)), "the label does not follow Next")
    evaluate(pager + ".querySelector('button.prev').click()")
    expect(evaluate(names) == rows[:size], "Previous does not return to the first page")
    evaluate(pager + ".querySelector('input.failing-only').click()")
    failing = [r for r in rows if r.endswith("|fail") or r.endswith("|error")]
    expect(evaluate(names) == failing[:size], "'failing and undecided only' shows %s" % evaluate(names)[:3])
    evaluate(pager + ".querySelector('input.failing-only').click()")
    pages = -(-len(rows) // size)
    for _ in range(pages - 1):
        evaluate(pager + ".querySelector('button.next').click()")
    expect(evaluate(names) == rows[(pages - 1) * size:], "the last page is not the last rows of the data")
    expect(evaluate(pager + ".querySelector('button.next').disabled"), "Next is enabled on the last page")


with Page() as browser:
    call, evaluate, load = browser.call, browser.evaluate, browser.load
    url = "file://" + report
    load(url)

    errors = browser.console_errors()
    expect(not errors, "console errors: %s" % json.dumps(errors)[:800])
    outside = [r for r in browser.requests() if r != url and not r.startswith("data:")]
    expect(not outside, "network requests: %s" % outside)

    rows = "document.querySelectorAll('tr.rule-row:not(.hidden)').length"
    total = evaluate("document.querySelectorAll('tr.rule-row').length")
    failing = evaluate("document.querySelectorAll('tr.rule-row[data-state=fail]').length")
    notselected = evaluate("document.querySelectorAll('tr.rule-row[data-state=notselected]').length")
    shown = evaluate(rows)
    expect(shown == total - notselected, "initially %s of %s rows shown, expected all but notselected" % (shown, total))
    expect(failing, "the report has no failing row to filter")
    expect(evaluate("getComputedStyle(document.getElementById('filters')).display") != "none", "the filter bar is not shown")
    expect(evaluate("getComputedStyle(document.getElementById('filters')).position") == "sticky", "the filter bar is not sticky")

    open_states = evaluate("Array.from(document.querySelectorAll('details.rule')).map(d => d.dataset.state + ':' + d.open)")
    wrong = [s for s in open_states if s.endswith(":true") != (s.startswith("fail:") or s.startswith("error:"))]
    expect(not wrong, "with JavaScript, failures and errors open and the rest folded; wrong: %s" % wrong[:5])

    evaluate("document.querySelector('input.state-filter[value=fail]').click()")
    after = evaluate(rows)
    expect(after == shown - failing, "unchecking 'fail' shows %s rows, expected %s" % (after, shown - failing))
    expect(evaluate("document.getElementById('shown-count').textContent") == str(after), "the shown counter does not follow the filter")
    expect(evaluate("document.querySelectorAll('details.rule[data-state=fail]:not(.hidden)').length") == 0,
           "details of filtered-out checks stay visible")
    evaluate("document.querySelector('input.state-filter[value=fail]').click()")
    expect(evaluate(rows) == shown, "checking 'fail' again does not restore the rows")

    evaluate("var s = document.getElementById('filter-section'); s.value = s.options[1].value; s.dispatchEvent(new Event('change'))")
    visible_sections = evaluate("Array.from(document.querySelectorAll('tr.section-row:not(.hidden)')).map(r => r.dataset.section)")
    first_section = evaluate("document.getElementById('filter-section').options[1].value")
    expect(visible_sections == [first_section], "section filter shows section headers %s" % visible_sections)
    expect(evaluate("Array.from(document.querySelectorAll('tr.rule-row:not(.hidden)')).every(r => r.dataset.section === '%s')" % first_section),
           "section filter shows rows of other sections")
    evaluate("var s = document.getElementById('filter-section'); s.value = ''; s.dispatchEvent(new Event('change'))")

    evaluate("var s = document.getElementById('filter-search'); s.value = 'privileged'; s.dispatchEvent(new Event('input'))")
    searched = evaluate(rows)
    expect(0 < searched < shown, "searching 'privileged' shows %s rows" % searched)
    evaluate("var s = document.getElementById('filter-search'); s.value = ''; s.dispatchEvent(new Event('input'))")

    evaluate("document.getElementById('expand-all').click()")
    expect(evaluate("document.querySelectorAll('details.rule:not([open])').length") == 0, "'Expand all' leaves details folded")
    evaluate("document.getElementById('collapse-all').click()")
    expect(evaluate("document.querySelectorAll('details.rule[open]').length") == 0, "'Collapse all' leaves details open")
    evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(evaluate("document.querySelectorAll('details.rule:not([open])').length") == 0, "printing does not open every detail")
    evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(evaluate("document.querySelectorAll('details.rule[open]').length") == 0, "after printing the details are not folded back")
    evaluate("document.getElementById('expand-all').click()")

    paged = evaluate("document.querySelectorAll('table.instances[data-rows]').length")
    if paged:
        check_paging(evaluate)
    text = evaluate("document.body.innerText")
    for hostile in args.hostile:
        expect(hostile in text, "hostile value not shown as text: %r" % hostile)
    code = "document.querySelectorAll('script:not([type=\"application/json\"])').length"
    expect(evaluate(code) == 1, "the page has %s script elements that run; host values became markup" % evaluate(code))
    data = evaluate("Array.from(document.querySelectorAll('script[type=\"application/json\"]')).every(s => "
                    "(s.classList.contains('instance-rows') && Array.isArray(JSON.parse(s.textContent).rows)) || "
                    "(s.id === 'instance-subjects' && Array.isArray(JSON.parse(s.textContent))))")
    expect(data, "a data script is neither the instance rows of a paged table nor the page's list of their containers")
    expect(evaluate("document.images.length") == 0, "host values became images")
    handlers = evaluate("Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length")
    expect(handlers == 0, "%s elements carry event handler attributes" % handlers)
    expect(not browser.dialogs(), "a dialog opened: host values executed")

    call("Emulation.setEmulatedMedia", media="print")
    expect(evaluate("getComputedStyle(document.getElementById('filters')).display") == "none", "the filter bar is printed")
    if paged:
        # A printed page of a long table says which rows it holds, without the buttons.
        expect(evaluate("Array.from(document.querySelectorAll('table.instances[data-rows]')).every(t => "
                        "t.previousElementSibling.querySelector('.page-label').getClientRects().length > 0 && "
                        "t.previousElementSibling.querySelector('button.next').getClientRects().length == 0)"),
               "a printed long table does not say which rows it holds, or prints the pager's buttons")
    call("Emulation.setEmulatedMedia", media="")

    if args.screenshot:
        evaluate("document.getElementById('collapse-all').click(); window.scrollTo(0, 0)")
        data = call("Page.captureScreenshot", format="png")["data"]
        with open(args.screenshot, "wb") as f:
            f.write(base64.b64decode(data))

    # Readable without JavaScript: every row visible, every detail open, no dead controls.
    call("Emulation.setScriptExecutionDisabled", value=True)
    load(url)
    if paged:
        expect(evaluate("Array.from(document.querySelectorAll('table.instances[data-rows]')).every(t => t.tBodies[0].rows.length == Number(t.dataset.pageSize) && t.nextElementSibling.offsetParent !== null && t.previousElementSibling.offsetParent === null)"),
               "without JavaScript a paged table does not show its first page and the note, or shows the pager")
    shown_without_js = evaluate("Array.prototype.filter.call(document.querySelectorAll('tr.rule-row'), function (r) { return r.offsetParent !== null; }).length")
    expect(shown_without_js == total, "without JavaScript %s of %s rows are visible" % (shown_without_js, total))
    expect(evaluate("document.querySelectorAll('details.rule:not([open])').length") == 0, "without JavaScript some details are folded")
    expect(evaluate("getComputedStyle(document.getElementById('filters')).display") == "none", "without JavaScript the filter bar shows")
    call("Emulation.setScriptExecutionDisabled", value=False)

for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: %s loads cleanly, no network request, filters and folding work, hostile values are text, readable without JavaScript"
      % os.path.basename(report))
