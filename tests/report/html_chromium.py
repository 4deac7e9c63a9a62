#!/usr/bin/python3
"""Loads an HTML report in headless Chromium and checks it as a reader would:
no console error, no network request, no dialog; the filters change what is
shown; failures are open and the rest folded; hostile host values appear as
text; everything is visible and open without JavaScript; printing opens all.
Usage: html_chromium.py REPORT.html [--screenshot PNG] [--hostile TEXT]..."""
import argparse, base64, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request
import websocket

parser = argparse.ArgumentParser()
parser.add_argument("report")
parser.add_argument("--screenshot")
parser.add_argument("--hostile", action="append", default=[])
args = parser.parse_args()
report = os.path.abspath(args.report)
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("FAIL: chromium is not installed (scripts/install-deps.sh)")
    sys.exit(1)

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
profile = tempfile.mkdtemp()
browser = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=%d" % port,
                            "--user-data-dir=" + profile, "--window-size=1400,1000", "about:blank"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
failures = []
try:
    targets = []
    for _ in range(100):
        try:
            targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json" % port, timeout=1))
            if any(t.get("type") == "page" for t in targets):
                break
        except OSError:
            pass
        time.sleep(0.2)
    page = next(t for t in targets if t.get("type") == "page")
    ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
    counter = [0]
    events = []

    def call(method, **params):
        counter[0] += 1
        ident = counter[0]
        ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            events.append(message)

    def evaluate(expression):
        return call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def load(url):
        call("Page.navigate", url=url)
        deadline = time.time() + 15
        while time.time() < deadline:
            if evaluate("document.readyState") == "complete":
                break
            time.sleep(0.1)
        time.sleep(0.5)

    def expect(condition, message):
        if not condition:
            failures.append(message)

    for domain in ("Page", "Runtime", "Log", "Network"):
        call(domain + ".enable")
    url = "file://" + report
    load(url)

    errors = [e for e in events if e.get("method") == "Runtime.exceptionThrown"
              or (e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") in ("error", "warning"))
              or (e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") in ("error", "warning"))]
    expect(not errors, "console errors: %s" % json.dumps(errors)[:800])
    requests = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
    outside = [r for r in requests if r != url and not r.startswith("data:")]
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

    text = evaluate("document.body.innerText")
    for hostile in args.hostile:
        expect(hostile in text, "hostile value not shown as text: %r" % hostile)
    expect(evaluate("document.scripts.length") == 1, "the page has %s script elements; host values became markup" % evaluate("document.scripts.length"))
    expect(evaluate("document.images.length") == 0, "host values became images")
    handlers = evaluate("Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length")
    expect(handlers == 0, "%s elements carry event handler attributes" % handlers)
    expect(not [e for e in events if e.get("method") == "Page.javascriptDialogOpening"], "a dialog opened: host values executed")

    call("Emulation.setEmulatedMedia", media="print")
    expect(evaluate("getComputedStyle(document.getElementById('filters')).display") == "none", "the filter bar is printed")
    call("Emulation.setEmulatedMedia", media="")

    if args.screenshot:
        evaluate("document.getElementById('collapse-all').click(); window.scrollTo(0, 0)")
        data = call("Page.captureScreenshot", format="png")["data"]
        with open(args.screenshot, "wb") as f:
            f.write(base64.b64decode(data))

    # Readable without JavaScript: every row visible, every detail open, no dead controls.
    call("Emulation.setScriptExecutionDisabled", value=True)
    load(url)
    shown_without_js = evaluate("Array.prototype.filter.call(document.querySelectorAll('tr.rule-row'), function (r) { return r.offsetParent !== null; }).length")
    expect(shown_without_js == total, "without JavaScript %s of %s rows are visible" % (shown_without_js, total))
    expect(evaluate("document.querySelectorAll('details.rule:not([open])').length") == 0, "without JavaScript some details are folded")
    expect(evaluate("getComputedStyle(document.getElementById('filters')).display") == "none", "without JavaScript the filter bar shows")
    call("Emulation.setScriptExecutionDisabled", value=False)
    ws.close()
finally:
    browser.terminate()
    browser.wait(timeout=10)
    shutil.rmtree(profile, ignore_errors=True)

for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: %s loads cleanly, no network request, filters and folding work, hostile values are text, readable without JavaScript"
      % os.path.basename(report))
