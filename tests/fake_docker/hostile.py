# SPDX-License-Identifier: Apache-2.0
"""Hostile answers for the fake Engine API (server.py), one scenario per class
of bad input. answer(scenario, path, documents) returns (status, body bytes)
to send instead of the canned document, or None for the canned one; it may
also change `documents` in place when the scenario starts (prepare)."""
import json, time

WEB, DB = "c1" * 32, "c2" * 32
IMAGE = "sha256:" + "a1" * 32
SCENARIOS = ("longrun", "bigenv", "latin1", "wrongtypes", "info500", "deep", "biglist", "stall", "controls", "apimin", "slowfirst", "badids", "foreignid", "longnames", "manycontainers")


def prepare(scenario, documents):
    inspect_web = documents["/containers/%s/json" % WEB]
    inspect_db = documents["/containers/%s/json" % DB]
    if scenario in ("longrun", "bigenv"):
        # A regular image: an environment, and a base layer added the usual way.
        documents["/images/%s/json" % IMAGE]["Config"]["Env"] = ["PATH=/usr/bin"]
        documents["/images/%s/history" % IMAGE][-1]["CreatedBy"] = "/bin/sh -c #(nop) ADD file:%s in / " % ("b2" * 32)
    if scenario == "longrun":
        documents["/images/%s/history" % IMAGE].insert(0, {
            "Id": "<missing>", "Size": 0,
            "CreatedBy": "/bin/sh -c apt-get install -y " + " ".join("pkg%05d" % i for i in range(3400))})
    elif scenario == "bigenv":
        documents["/images/%s/json" % IMAGE]["Config"]["Env"] = ["PATH=/usr/bin", "DB_PASSWORD=" + "s" * 300_000]
    elif scenario == "wrongtypes":
        documents["/version"]["Version"] = 25
        documents["/containers/json"][0]["Names"] = [42]
        inspect_web["Mounts"] = {"Source": "/etc", "Destination": "/host-etc"}
        # Neither unequal to "host" nor a mode at all: these must not pass.
        inspect_web["HostConfig"]["PidMode"] = {"mode": "host"}
        inspect_web["HostConfig"]["IpcMode"] = None
        documents["/info"]["Swarm"] = "inactive"
        del inspect_db["HostConfig"]
    elif scenario == "controls":
        documents["/containers/json"][0]["Names"] = ["/web\u0085\u009b2J\u202eevil"]
        inspect_web["Name"] = "/web\u0085\u009b2J\u202eevil"
        inspect_web["HostConfig"]["Privileged"] = True
    elif scenario == "apimin":
        documents["/version"]["MinAPIVersion"] = "1.48"
    elif scenario == "badids":
        # Ids that would name other endpoints in a request path, and db listed twice under another name.
        containers = documents["/containers/json"]
        containers.append(dict(containers[0], Id="../../images/json?x=", Names=["/slash"]))
        containers.append(dict(containers[0], Id=WEB + "?all=1#", Names=["/query"]))
        containers.append(dict(containers[1], Names=["/db-again"]))
        documents["/images/json"].append(dict(documents["/images/json"][0], Id="../../containers/json", RepoTags=["evil:1"]))
        documents["/networks"].append(dict(documents["/networks"][0], Id="..", Name="dots"))
    elif scenario == "longnames":
        # A name, an image reference and an id of 3 MB each, under the 4 MiB text limit.
        containers = documents["/containers/json"]
        containers[0]["Names"] = ["/web-" + "w" * 3_000_000]
        containers[0]["Image"] = "web:" + "i" * 3_000_000
        inspect_web["Name"] = containers[0]["Names"][0]
        containers.append(dict(containers[1], Id="c3" * 1_500_000, Names=["/long-id"]))
    elif scenario == "manycontainers":
        # 2,000 more containers like db, for host-wide values read in every container's check.
        for i in range(2000):
            cid = "%064x" % (i + 1)
            documents["/containers/json"].append(dict(documents["/containers/json"][1], Id=cid, Names=["/db%04d" % i]))
            documents["/containers/%s/json" % cid] = dict(inspect_db, Id=cid, Name="/db%04d" % i,
                                                          HostConfig=dict(inspect_db["HostConfig"], SecurityOpt=[]))
    elif scenario == "foreignid":
        # The inspect of web answers with db's (privileged) document.
        documents["/containers/%s/json" % WEB] = json.loads(json.dumps(inspect_db))


def nested(depth):
    return ("[" * depth + "]" * depth).encode()


def answer(scenario, path, documents):
    if scenario == "latin1":
        # Raw ISO-8859-1 bytes where the API promises UTF-8.
        if path == "/containers/json":
            body = json.dumps(documents[path]).replace('"/web"', '"/caf\\u00e9"').encode()
            return 200, body.replace(b"caf\\u00e9", b"caf\xe9").replace(b'"Labels": {}', b'"Labels": {"own\xe9r": "ma\xefs"}', 1)
        if path == "/images/json":
            return 500, b'{"message": "le d\xe9p\xf4t d\'images est cass\xe9"}'
    if scenario == "info500" and path == "/info":
        return 500, b'{"message": "info unavailable"}'
    if scenario == "deep" and path == "/containers/json":
        return 200, nested(10_000)
    if scenario == "biglist" and path == "/containers/json":
        # About 50 MB: 180,000 entries of ~290 bytes each.
        item = json.dumps({"Id": "f" * 64, "Names": ["/filler"], "Image": "x", "State": "exited", "Labels": {"pad": "p" * 150}})
        return 200, ("[" + ",".join([item] * 180_000) + "]").encode()
    if scenario == "stall" and path == "/containers/%s/json" % WEB:
        time.sleep(30)
    if scenario == "slowfirst" and path in ("/version", "/info"):
        time.sleep(30)
    return None
