#!/usr/bin/python3
"""Loads a fleet report in headless Chromium as a reader would: no console
error, no network request, no dialog; the host and group filters hide and
show rows; a link to a host opens its drill-down; the charts are drawn;
hostile host names appear as text.
Usage: fleet_chromium.py FLEET.html [--screenshot PNG] [--hostile TEXT]..."""
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

    def expect(condition, message):
        if not condition:
            failures.append(message)

    for domain in ("Page", "Runtime", "Log", "Network"):
        call(domain + ".enable")
    url = "file://" + report
    call("Page.navigate", url=url)
    deadline = time.time() + 15
    while time.time() < deadline and evaluate("document.readyState") != "complete":
        time.sleep(0.1)
    time.sleep(0.5)

    errors = [e for e in events if e.get("method") == "Runtime.exceptionThrown"
              or (e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") in ("error", "warning"))
              or (e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") in ("error", "warning"))]
    expect(not errors, "console errors: %s" % json.dumps(errors)[:800])
    requests = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
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
    expect(not [e for e in events if e.get("method") == "Page.javascriptDialogOpening"], "a dialog opened: host values executed")

    if args.screenshot:
        evaluate("window.scrollTo(0, 0)")
        with open(args.screenshot, "wb") as f:
            f.write(base64.b64decode(call("Page.captureScreenshot", format="png")["data"]))
    ws.close()
finally:
    browser.terminate()
    browser.wait(timeout=10)
    shutil.rmtree(profile, ignore_errors=True)

for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: %s loads cleanly, no network request, filters and drill-downs work, hostile host names are text" % os.path.basename(report))
