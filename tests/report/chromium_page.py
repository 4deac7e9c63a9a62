"""One headless Chromium page driven over the DevTools protocol: what the
report tests (html_chromium.py, tests/fleet/fleet_chromium.py) and
bench/html-paint use to load a report as a reader would."""
import json, shutil, socket, subprocess, tempfile, time, urllib.request
import websocket


class Page:
    """A fresh browser profile and one page; use as a context manager."""

    def __init__(self, window="1400,1000"):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            raise RuntimeError("chromium is not installed (scripts/install-deps.sh)")
        self.events = []
        self.counter = 0
        self.ws = None
        # On a loaded machine Chromium now and then starts without its page
        # (or not at all, its port taken meanwhile): it is started again, on a fresh port.
        for attempt in range(3):
            self._start(chromium, window)
            try:
                page = self._page_target()
                if page is not None:
                    self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
                    for domain in ("Page", "Runtime", "Log", "Network"):
                        self.call(domain + ".enable")
                    return
            except BaseException:
                self.close()
                raise
            self.close()
        raise RuntimeError("chromium gave no page to drive in 3 starts")

    def _start(self, chromium, window):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.profile = tempfile.mkdtemp()
        self.browser = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=%d" % self.port,
             "--user-data-dir=" + self.profile, "--window-size=" + window, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _page_target(self):
        """The page target of the browser just started; one is opened if the browser answers without one.
        None when the browser does not answer in about 30 s or has exited."""
        base = "http://127.0.0.1:%d/json" % self.port
        answered = 0
        for _ in range(150):
            if self.browser.poll() is not None:
                return None
            try:
                targets = json.load(urllib.request.urlopen(base, timeout=1))
                page = next((t for t in targets if t.get("type") == "page"), None)
                if page is not None:
                    return page
                answered += 1
                if answered == 10:
                    request = urllib.request.Request(base + "/new?about:blank", method="PUT")
                    return json.load(urllib.request.urlopen(request, timeout=5))
            except (OSError, ValueError):
                pass
            time.sleep(0.2)
        return None

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
            self.ws = None
        if getattr(self, "browser", None):
            self.browser.terminate()
            try:
                self.browser.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.browser.kill()
                self.browser.wait()
            self.browser = None
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method, **params):
        """Sends one command and returns its result; events that arrive meanwhile are kept in `events`."""
        self.counter += 1
        ident = self.counter
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def load(self, url, settle=0.5):
        """Navigates and waits until the document is complete (at most 15 s), then `settle` seconds more."""
        self.call("Page.navigate", url=url)
        deadline = time.time() + 15
        while time.time() < deadline and self.evaluate("document.readyState") != "complete":
            time.sleep(0.1)
        time.sleep(settle)

    def console_errors(self):
        """Exceptions, console errors and warnings, and log errors and warnings so far."""
        return [e for e in self.events if e.get("method") == "Runtime.exceptionThrown"
                or (e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") in ("error", "warning"))
                or (e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") in ("error", "warning"))]

    def requests(self):
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def dialogs(self):
        return [e for e in self.events if e.get("method") == "Page.javascriptDialogOpening"]
