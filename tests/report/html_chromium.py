#!/usr/bin/python3
"""Loads the HTML report in headless Chromium and checks it as a reader would:
no console error, no network request, the state filter changes what is shown,
hostile host values appear as text, and everything is visible without JavaScript.
Usage: html_chromium.py REPORT.html [SCREENSHOT.png]"""
import base64, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request
import websocket

# A mount path on the audited host; evidence shows it JSON-quoted, so the quote may appear escaped.
HOSTILE = "/tmp/dockcis-<script>alert(1)</script>]]>"
report = os.path.abspath(sys.argv[1])
screenshot = sys.argv[2] if len(sys.argv) > 2 else None
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
    targets = None
    for _ in range(100):
        try:
            targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json" % port, timeout=1))
            if any(t.get("type") == "page" for t in targets):
                break
        except OSError:
            pass
        time.sleep(0.2)
    page = next(t for t in targets if t.get("type") == "page")
    ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=20, suppress_origin=True)
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

    for domain in ("Page", "Runtime", "Log", "Network"):
        call(domain + ".enable")
    url = "file://" + report
    load(url)

    errors = [e for e in events if e.get("method") == "Runtime.exceptionThrown"
              or (e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") == "error")
              or (e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") == "error")]
    if errors:
        failures.append("console errors: %s" % json.dumps(errors)[:800])
    requests = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
    outside = [r for r in requests if r != url and not r.startswith("data:")]
    if outside:
        failures.append("network requests: %s" % outside)

    rows = "document.querySelectorAll('tr.rule-row:not(.hidden)').length"
    total = evaluate("document.querySelectorAll('tr.rule-row').length")
    failing = evaluate("document.querySelectorAll('tr.rule-row[data-state=fail]').length")
    notselected = evaluate("document.querySelectorAll('tr.rule-row[data-state=notselected]').length")
    shown = evaluate(rows)
    if shown != total - notselected:
        failures.append("initially %s of %s rows shown, expected all but notselected" % (shown, total))
    if not failing:
        failures.append("the report has no failing row to filter")
    evaluate("document.querySelector('input.state-filter[value=fail]').click()")
    after = evaluate(rows)
    if after != shown - failing:
        failures.append("unchecking 'fail' shows %s rows, expected %s" % (after, shown - failing))
    if evaluate("document.getElementById('shown-count').textContent") != str(after):
        failures.append("the shown counter does not follow the filter")
    evaluate("document.querySelector('input.state-filter[value=fail]').click()")
    evaluate("var s = document.getElementById('filter-search'); s.value = 'privileged'; s.dispatchEvent(new Event('input'))")
    searched = evaluate(rows)
    if not (0 < searched < shown):
        failures.append("searching 'privileged' shows %s rows" % searched)

    evaluate("var s = document.getElementById('filter-search'); s.value = ''; s.dispatchEvent(new Event('input'))")
    text = evaluate("document.body.innerText")
    if HOSTILE not in text:
        failures.append("the hostile mount path is not shown as text")
    if evaluate("document.scripts.length") != 1:
        failures.append("the page has %s script elements; host values became markup" % evaluate("document.scripts.length"))
    if evaluate("typeof window.alert_called") != "undefined" or "alert(1)" in (evaluate("document.title") or ""):
        failures.append("hostile value executed")

    if screenshot:
        data = call("Page.captureScreenshot", format="png")["data"]
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(data))

    # Readable with JavaScript off: every selected row is visible, the filter bar hidden.
    call("Emulation.setScriptExecutionDisabled", value=True)
    load(url)
    shown_without_js = evaluate("Array.prototype.filter.call(document.querySelectorAll('tr.rule-row'), function (r) { return r.offsetParent !== null; }).length")
    call("Emulation.setScriptExecutionDisabled", value=False)
    if shown_without_js != total:
        failures.append("without JavaScript %s of %s rows are visible" % (shown_without_js, total))
    ws.close()
finally:
    browser.terminate()
    browser.wait(timeout=10)
    shutil.rmtree(profile, ignore_errors=True)

for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: loads cleanly, no network request, filters work, hostile values are text, readable without JavaScript")
