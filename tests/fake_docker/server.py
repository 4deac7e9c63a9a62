#!/usr/bin/python3
"""A fake Docker Engine API on a Unix socket, for fault tests.
Usage: server.py SOCKET SCENARIO
Scenarios: normal, http500 (/containers/json fails), malformed (/info is not
JSON), truncated (an inspect body is cut short), removed (a listed container
is gone by inspect time), slow (/info answers after 5 s), noping (/_ping has
no API-Version header), images500 (/images/json fails)."""
import json, os, re, socketserver, sys, time
from http.server import BaseHTTPRequestHandler

socket_path, scenario = sys.argv[1], sys.argv[2]

def container(cid, name, state="running", **host_config):
    hc = {"Privileged": False, "NetworkMode": "bridge"}
    hc.update(host_config)
    return {"Id": cid, "Name": "/" + name, "Config": {"User": "1000"}, "State": {"Running": state == "running", "Pid": 0},
            "HostConfig": hc, "Mounts": []}

CONTAINERS = [
    {"Id": "c1" * 32, "Names": ["/web"], "Image": "app:1", "State": "running", "Labels": {}},
    {"Id": "c2" * 32, "Names": ["/db"], "Image": "db:2", "State": "exited", "Labels": {}},
]
DOCUMENTS = {
    "/version": {"Version": "24.0.7", "ApiVersion": "1.43", "MinAPIVersion": "1.12", "Experimental": False},
    "/info": {"ServerVersion": "24.0.7", "DockerRootDir": "/var/lib/docker", "LiveRestoreEnabled": False,
              "SecurityOptions": ["name=seccomp,profile=builtin"], "Swarm": {"LocalNodeState": "inactive"}, "Driver": "overlay2"},
    "/containers/json": CONTAINERS,
    "/containers/%s/json" % ("c1" * 32): container("c1" * 32, "web"),
    "/containers/%s/json" % ("c2" * 32): container("c2" * 32, "db", "exited", Privileged=True),
    "/images/json": [],
    "/networks": [{"Id": "n1", "Name": "bridge", "Driver": "bridge", "Options": {"com.docker.network.bridge.enable_icc": "true"}}],
    "/networks/n1": {"Id": "n1", "Name": "bridge", "Driver": "bridge", "Options": {"com.docker.network.bridge.enable_icc": "true"}, "Containers": {}},
}

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
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

    def do_GET(self):
        path = re.sub(r"^/v[0-9.]+", "", self.path).split("?")[0]
        if path == "/_ping":
            headers = [] if scenario == "noping" else [("API-Version", "1.43")]
            return self.send(200, "OK", "text/plain", headers=headers)
        if scenario == "http500" and path == "/containers/json":
            return self.send(500, json.dumps({"message": "fake daemon failure"}))
        if scenario == "images500" and path == "/images/json":
            return self.send(500, json.dumps({"message": "image store broken"}))
        if scenario == "malformed" and path == "/info":
            return self.send(200, '{"ServerVersion": "24.0.7", "Swarm": ')
        if scenario == "truncated" and path == "/containers/%s/json" % ("c1" * 32):
            self.send(200, '{"Id": "c1', length=4096)
            self.close_connection = True
            return
        if scenario == "removed" and path == "/containers/%s/json" % ("c2" * 32):
            return self.send(404, json.dumps({"message": "No such container: " + "c2" * 32}))
        if scenario == "slow" and path == "/info":
            time.sleep(5)
        if path in DOCUMENTS:
            return self.send(200, json.dumps(DOCUMENTS[path]))
        return self.send(404, json.dumps({"message": "page not found"}))

class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

if os.path.exists(socket_path):
    os.unlink(socket_path)
with Server(socket_path, Handler) as server:
    server.serve_forever()
