#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A Unix socket proxy in front of the Docker Engine API that writes the
request line of every request it forwards ("GET /v1.43/info") to a log.

Usage: recording_proxy.py LISTEN_SOCKET ENGINE_SOCKET LOG

Requests are recognised by their request line at the start of the client's
stream or after the previous request's head; a request with a body (which
dockcis never sends) is logged by its line, and what follows is not parsed."""
import re
import socket
import sys
import threading

listen_path, engine_path, log_path = sys.argv[1:4]
REQUEST_LINE = re.compile(rb"^([A-Z]+) (\S+) HTTP/1\.[01]\r$", re.M)
log_lock = threading.Lock()


def pump(source, target, record=None):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            if record is not None:
                record(data)
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client):
    engine = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    engine.connect(engine_path)
    pending = bytearray()

    def record(data):
        pending.extend(data)
        lines = []
        while True:
            end = pending.find(b"\r\n\r\n")
            if end < 0:
                break
            head = bytes(pending[:end + 2])
            del pending[:end + 4]
            match = REQUEST_LINE.search(head)
            lines.append(match.group(1) + b" " + match.group(2) if match else b"UNPARSED " + head[:80])
        if lines:
            with log_lock, open(log_path, "ab") as log:
                log.write(b"".join(line + b"\n" for line in lines))

    threading.Thread(target=pump, args=(engine, client), daemon=True).start()
    pump(client, engine, record)


server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(listen_path)
server.listen(64)
while True:
    connection, _ = server.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
