#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A fake Docker Engine API on a Unix socket, for fault tests.

Usage: server.py SOCKET SCENARIO [--log FILE] [--api-version VERSION]

Documents come from fixtures/normal.json (API path -> document), overlaid by
fixtures/SCENARIO.json when it exists. Scenarios:
  normal     canned answers
  swarm      /info says active manager; /swarm and /nodes answer
  mounts     web has bind mounts and exec sessions listed out of order (as dockerd walks a map)
  worker     /info says active worker
  http500    /containers/json fails with HTTP 500
  images500  /images/json fails with HTTP 500
  malformed  /info is not JSON
  truncated  the inspect of web is cut short (Content-Length larger than the body, then close)
  removed    db is listed, but its inspect is 404 (removed during the scan)
  slow       /info answers after 5 s
  stalled    40 more containers (ids "d000..." to "d039...") are listed; their
             inspects never answer (the connection stays open)
  noping     /_ping has no API-Version header
  noversion  /_ping has no API-Version header and /version fails with HTTP 500
  events          GET /events streams: create of web, start of db, create of a
                  container whose inspect is 404, a network create, a daemon reload;
                  then the stream stays open and silent
  events-stall    the first subscription sends half an event and stalls; later ones as events
  events-garbage  the first subscription sends a line that is not JSON; later ones as events
  events-drop     the first subscription sends one event and closes; later ones as events
  events-refused  the first subscription is refused with HTTP 500; later ones as events
  events-stalled  as events, with the 40 never-answered inspects of stalled
  events-unlisted as events without the daemon reload, and a container list filtered by id answers HTTP 500
  events-images   the create of web, then a burst of three image events (a pull, two tags)
  events-pingfail a silent stream; the first /_ping after it opens (the first full audit's) answers after 5 s
  events-onedrop  every subscription gives the start of db, then closes
  events-dribbledrop  every subscription gives the start of db every 0.5 s for 2.5 s, then closes
  events-imagesteady  after the create of web, an image tag every 0.8 s for 30 s
  events-falsedestroy  1 s after subscribing, a destroy of db, which is still listed
  events-blanklines  the first subscription sends a blank line every 0.5 s, as a proxy's
                  keepalive; later ones as events
  events-readstall  1 s after subscribing, the start of web, whose inspect then never answers
  events-badids   the containers of badids; 1 s after subscribing, the start of the one whose id is a path
  events-list500  the first subscription closes after 1 s; from the second on, the
                  full container list answers HTTP 500
  events-list500-once  a silent stream; the first full container list answers HTTP 500
  events-listobject  a silent stream; the full container list answers an object
  events-burst    --burst N more containers like db, privileged (random-looking ids); the
                  stream sends the create of each of them at once, in two parts 0.2 s apart
                  cut in the middle of a line, then stays silent
  and the hostile scenarios of hostile.py (tests/hostile): longrun, bigenv,
  latin1, wrongtypes, info500, deep, biglist, stall, controls, apimin,
  slowfirst, badids (a container, an image and a network listed with ids that
  are paths, and db listed twice), foreignid (the inspect of web answers db's document)
--log FILE appends "CONNECTION PATH" for every request (PATH as sent, with
its version prefix), so tests count fetches and connections from this side.
--api-version sets the version the daemon claims (default 1.43).
--containers N makes /info count N containers, as dockerd counts those its
data root holds.
--burst N sets how many containers events-burst adds (default 2000)."""
import argparse, hashlib, json, os, re, socketserver, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile

HERE = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("socket")
parser.add_argument("scenario")
parser.add_argument("--log")
parser.add_argument("--api-version", default="1.43")
parser.add_argument("--containers", type=int)
parser.add_argument("--burst", type=int, default=2000)
args = parser.parse_args()


def load(name):
    path = os.path.join(HERE, "fixtures", name + ".json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


DOCUMENTS = load("normal")
if args.scenario != "normal":
    DOCUMENTS.update(load(args.scenario))
DOCUMENTS["/version"]["ApiVersion"] = args.api_version
if args.containers is not None:
    DOCUMENTS["/info"]["Containers"] = args.containers
if args.scenario in hostile.SCENARIOS:
    hostile.prepare(args.scenario, DOCUMENTS)
if args.scenario == "events-badids":
    hostile.prepare("badids", DOCUMENTS)
STALLED = ["d%03d" % i + "0" * 60 for i in range(40)] if args.scenario in ("stalled", "events-stalled") else []
for stalled_id in STALLED:
    DOCUMENTS["/containers/json"].append({"Id": stalled_id, "Names": ["/stalled-" + stalled_id[:4]], "Image": "busybox",
                                          "State": "created", "Status": "Created"})
WEB, DB = "c1" * 32, "c2" * 32
# Ids that differ from their first bytes on, as the engine's random ones do.
BURST = [hashlib.sha256(b"burst%d" % i).hexdigest() for i in range(args.burst)] if args.scenario == "events-burst" else []
for number, burst_id in enumerate(BURST):
    name = "/burst%06d" % number
    DOCUMENTS["/containers/json"].append(dict(DOCUMENTS["/containers/json"][1], Id=burst_id, Names=[name]))
    inspect_db = DOCUMENTS["/containers/%s/json" % DB]
    DOCUMENTS["/containers/%s/json" % burst_id] = dict(inspect_db, Id=burst_id, Name=name,
                                                       HostConfig=dict(inspect_db["HostConfig"], Privileged=True))

log_lock = threading.Lock()
connections = iter(range(1, 1 << 30))
subscriptions = iter(range(1, 1 << 30))
pinged_after_subscribing = [False]
subscribed = [0]
inspects = [0]
lists = [0]
GONE, NET = "c9" * 32, "n1" * 32


def event(kind, action, actor, name):
    now = time.time()
    return json.dumps({"Type": kind, "Action": action, "Actor": {"ID": actor, "Attributes": {"name": name}},
                       "scope": "local", "time": int(now), "timeNano": int(now * 1e9)}) + "\n"


NORMAL_EVENTS = [event("container", "create", WEB, "web"), event("container", "start", DB, "db"),
                 event("container", "create", GONE, "gone"), event("network", "create", NET, "backend"),
                 event("daemon", "reload", "d" * 64, "fake")]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        with log_lock:
            self.connection_id = next(connections)

    def log_message(self, *_):
        pass

    def address_string(self):
        return "fake"

    def send(self, status, body, content_type="application/json", length=None, headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data) if length is None else length))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def chunk(self, text):
        data = text.encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def stream_events(self, scenario):
        with log_lock:
            number = next(subscriptions)
            subscribed[0] = number
        first = number == 1
        if scenario == "events-refused" and first:
            try:
                self.fail(500, "events unavailable")
            except OSError:  # the client may hang up once it has read the status
                pass
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        if scenario == "events-stall" and first:
            self.chunk(NORMAL_EVENTS[0][:30])
        elif scenario == "events-garbage" and first:
            self.chunk("this is not an event\n")
        elif scenario == "events-drop" and first:
            self.chunk(NORMAL_EVENTS[0])
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            self.close_connection = True
            return
        elif scenario == "events-onedrop" or (scenario == "events-list500" and first):
            if scenario == "events-onedrop":
                self.chunk(event("container", "start", DB, "db"))
            else:
                time.sleep(1)
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            self.close_connection = True
            return
        elif scenario == "events-dribbledrop":
            # Never silent for --resync-after 2s, and closed after it: not a stall.
            try:
                for _ in range(5):
                    time.sleep(0.5)
                    self.chunk(event("container", "start", DB, "db"))
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
            except OSError:  # watch was stopped
                pass
            self.close_connection = True
            return
        elif scenario == "events-blanklines" and first:
            try:
                for _ in range(120):
                    time.sleep(0.5)
                    self.chunk("\n")
            except OSError:  # watch dropped the stream, as it should
                pass
        elif scenario == "events-falsedestroy":
            time.sleep(1)
            self.chunk(event("container", "destroy", DB, "db"))
        elif scenario == "events-imagesteady":
            # Never a pause of the 2 s a resync waits for.
            self.chunk(NORMAL_EVENTS[0])
            try:
                for _ in range(38):
                    time.sleep(0.8)
                    self.chunk(event("image", "tag", "sha256:" + "e1" * 32, "busybox:latest"))
            except OSError:  # watch was stopped
                pass
        elif scenario == "events-readstall":
            time.sleep(1)
            self.chunk(event("container", "start", WEB, "web"))
        elif scenario == "events-badids":
            time.sleep(1)
            self.chunk(event("container", "start", "../../images/json?x=", "slash"))
        elif scenario in ("events-pingfail", "events-list500", "events-list500-once", "events-listobject"):
            pass
        elif scenario == "events-burst":
            # Cut in the middle of a line, the rest a moment later, as a
            # socket's buffer cuts a burst: watch handles the first part meanwhile.
            burst = "".join(event("container", "create", burst_id, "burst") for burst_id in BURST)
            half = len(burst) // 2 + 7
            self.chunk(burst[:half])
            time.sleep(0.2)
            self.chunk(burst[half:])
        elif scenario == "events-images":
            self.chunk(NORMAL_EVENTS[0])
            for action in ("pull", "tag", "tag"):
                time.sleep(0.2)
                self.chunk(event("image", action, "sha256:" + "e1" * 32, "busybox:latest"))
        else:
            # The daemon reload comes apart from the rest: watch answers a
            # batch holding one with a full audit alone.
            for line in NORMAL_EVENTS:
                if scenario == "events-unlisted" and '"reload"' in line:
                    continue
                if '"reload"' in line:
                    time.sleep(0.3)
                self.chunk(line)
        # Hold the stream open and silent, as dockerd does between events.
        try:
            for _ in range(600):
                time.sleep(0.1)
        except OSError:
            pass
        self.close_connection = True

    def fail(self, status, message):
        self.send(status, json.dumps({"message": message}))

    def do_GET(self):
        if args.log:
            with log_lock, open(args.log, "a") as log:
                log.write("%d %s\n" % (self.connection_id, self.path))
        path = re.sub(r"^/v[0-9.]+(?=/)", "", self.path).split("?")[0]
        scenario = args.scenario
        if path == "/_ping":
            with log_lock:
                first_after = subscribed[0] >= 1 and not pinged_after_subscribing[0]
                pinged_after_subscribing[0] = pinged_after_subscribing[0] or subscribed[0] >= 1
            if scenario == "events-pingfail" and first_after:
                time.sleep(5)
            headers = [] if scenario in ("noping", "noversion") else [("API-Version", args.api_version)]
            return self.send(200, "OK", "text/plain", headers=headers)
        if path == "/events" and scenario.startswith("events"):
            return self.stream_events(scenario)
        if scenario == "noversion" and path == "/version":
            return self.fail(500, "version unavailable")
        if scenario == "http500" and path == "/containers/json":
            return self.fail(500, "fake daemon failure")
        if scenario == "images500" and path == "/images/json":
            return self.fail(500, "image store broken")
        if scenario == "malformed" and path == "/info":
            return self.send(200, '{"ServerVersion": "24.0.7", "Swarm": ')
        if scenario == "truncated" and path == "/containers/%s/json" % WEB:
            self.send(200, '{"Id": "c1', length=4096)
            self.close_connection = True
            return
        if scenario == "removed" and path == "/containers/%s/json" % DB:
            return self.fail(404, "No such container: " + DB)
        if scenario in hostile.SCENARIOS:
            replaced = hostile.answer(scenario, path, DOCUMENTS)
            if replaced is not None:
                return self.send(replaced[0], replaced[1])
        if scenario == "events-readstall" and path == "/containers/%s/json" % WEB and subscribed[0] >= 1:
            with log_lock:
                inspects[0] += 1
                again = inspects[0] >= 2
            if again:
                time.sleep(3600)
        if scenario in ("stalled", "events-stalled") and path.split("/")[2:3] and path.split("/")[2] in STALLED:
            time.sleep(3600)
        if scenario == "slow" and path == "/info":
            time.sleep(5)
        if path == "/containers/json" and "filters=" not in self.path and scenario == "events-list500" and subscribed[0] >= 2:
            return self.fail(500, "daemon is restarting")
        if path == "/containers/json" and "filters=" not in self.path and scenario == "events-list500-once":
            with log_lock:
                lists[0] += 1
                first_list = lists[0] == 1
            if first_list:
                return self.fail(500, "daemon is restarting")
        if path == "/containers/json" and "filters=" not in self.path and scenario == "events-listobject":
            return self.send(200, json.dumps({"not": "a list"}))
        if path == "/containers/json" and "filters=" in self.path and scenario == "events-unlisted":
            return self.fail(500, "list unavailable")
        if path == "/containers/json" and "filters=" in self.path:
            # dockcis watch lists one container by id: {"id": ["<id>"]}
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            wanted = json.loads(query["filters"][0]).get("id", [])
            listed = [c for c in DOCUMENTS[path] if any(c["Id"].startswith(w) for w in wanted)]
            return self.send(200, json.dumps(listed))
        if path in DOCUMENTS:
            return self.send(200, json.dumps(DOCUMENTS[path]))
        if path in ("/swarm", "/nodes"):
            return self.fail(503, "This node is not a swarm manager.")
        return self.fail(404, "page not found")

    def do_POST(self):
        self.fail(405, "the fake daemon is read-only")

    do_PUT = do_DELETE = do_POST


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    # dockerd listens with the kernel's somaxconn; socketserver's default of
    # 5 refuses a client's concurrent connections while a loaded machine is
    # slow to accept them (a Unix socket's non-blocking connect fails then).
    request_queue_size = 128


if os.path.exists(args.socket):
    os.unlink(args.socket)
with Server(args.socket, Handler) as server:
    server.serve_forever()
