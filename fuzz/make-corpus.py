#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the seed corpora under fuzz/corpus/ from the project's own files:
the shipped checks and profiles, the fixture hosts under tests/fixtures, the
fake engine's documents and the golden facts snapshot. Run from anywhere:
python3 fuzz/make-corpus.py (it replaces fuzz/corpus/<target>/)."""
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
HOSTS = ROOT / "tests" / "fixtures" / "hosts"
SEPARATOR = "\n%%\n"
CHECKS_PER_SEED = 6


def compact(document):
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def write(target, name, text):
    path = CORPUS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)


def loader():
    """A few checks of one section, the profile cut to them, a tailoring and waivers."""
    profiles = [json.loads(p.read_text()) for p in sorted((ROOT / "profiles").glob("*.json"))]
    seed = 0
    for checks_file in sorted((ROOT / "checks").glob("*.json")):
        document = json.loads(checks_file.read_text())
        if document.get("schema") != "dockcis.checks/v1":
            continue  # a data file (dockcis.data/v1)
        checks = document["checks"]
        for start in range(0, len(checks), CHECKS_PER_SEED):
            chunk = checks[start:start + CHECKS_PER_SEED]
            keys = {check["key"] for check in chunk}
            profile = dict(profiles[seed % len(profiles)])
            profile["recommendations"] = [r for r in profile["recommendations"] if r["key"] in keys]
            first = chunk[0]["key"]
            tailoring = {"schema": "dockcis.tailoring/v1", "extends": profile["id"], "level": 1 + seed % 2,
                         "skip": [profile["recommendations"][0]["id"]] if profile["recommendations"] else [],
                         "checks": {first: {"severity": "critical"}}}
            waivers = {"schema": "dockcis.waivers/v1", "waivers": [
                {"id": "W-%d" % seed, "check": first, "instance": {"name": "web.*", "image": "app:.*"},
                 "justification": "accepted", "approver": "secteam", "ticket": "SEC-1", "expires": "2099-12-31"},
                {"check": chunk[-1]["key"], "instance": {"label": "team=infra"}, "justification": "old",
                 "expires": "2020-01-01"}]}
            parts = [compact({"schema": document["schema"], "checks": chunk}), compact(profile), compact(tailoring),
                     compact(waivers)]
            write("loader", "%s-%02d.seed" % (checks_file.stem, start // CHECKS_PER_SEED), SEPARATOR.join(parts))
            seed += 1


def daemon_config():
    """Every fixture daemon.json, with the fixture dockerd command lines and environment files."""
    files = sorted(HOSTS.glob("*/etc/docker/daemon.json")) + sorted(HOSTS.glob("rootless/**/daemon.json"))
    cmdlines = [p.read_bytes() for p in sorted(HOSTS.glob("*/proc/*/cmdline")) if p.read_bytes().find(b"dockerd") >= 0]
    environments = sorted(HOSTS.glob("*/etc/default/docker")) + sorted(HOSTS.glob("*/etc/sysconfig/docker"))
    for index, path in enumerate(files):
        cmdline = cmdlines[index % len(cmdlines)].decode()
        environment = environments[index % len(environments)].read_text()
        name = "%s-%s" % (path.relative_to(HOSTS).parts[0], index)
        write("daemon_config", name + ".seed", SEPARATOR.join([path.read_text(), cmdline, environment]))
    tls = {"tls": True, "tlsverify": True, "tlscacert": "/etc/docker/ca.pem", "tlscert": "/etc/docker/cert.pem",
           "tlskey": "/etc/docker/key.pem", "hosts": ["tcp://0.0.0.0:2376", "unix:///var/run/docker.sock"],
           "userns-remap": "default", "log-driver": "syslog", "log-opts": {"syslog-address": "udp://1.2.3.4:514"},
           "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}},
           "runtimes": {"runsc": {"path": "/usr/bin/runsc"}}, "authorization-plugins": ["authz"],
           "cgroup-parent": "/docker", "storage-driver": "overlay2", "seccomp-profile": "/etc/docker/seccomp.json",
           "default-address-pools": [{"base": "10.10.0.0/16", "size": 24}], "mtu": 1450, "experimental": False}
    argv = ["/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock", "--icc=false",
            "--insecure-registry", "reg.lan:5000", "--log-opt", "max-size=10m", "--default-ulimit",
            "nproc=1024:2048", "--add-runtime", "crun=/usr/bin/crun", "--mtu=1400", "-D", "--tlsverify",
            "--config-file", "/etc/docker/daemon.json", "--userland-proxy=false"]
    write("daemon_config", "every-option.seed", SEPARATOR.join([json.dumps(tls, indent=2), "\0".join(argv),
                                                                  'DOCKER_OPTS="--live-restore -s overlay2"\n']))


def audit_rules():
    for path in sorted(HOSTS.glob("*/etc/audit/**/*.rules")) + sorted(HOSTS.glob("*/etc/audit/audit.rules")):
        write("audit_rules", "%s-%s" % (path.relative_to(HOSTS).parts[0], path.name), path.read_bytes())


def systemd_units():
    """docker.service, a drop-in, docker.socket and /etc/default/docker of each fixture host."""
    for host in sorted(p for p in HOSTS.iterdir() if p.is_dir()):
        service = next(iter(sorted(host.glob("**/systemd/system/docker.service"))), None)
        if service is None:
            continue
        dropins = sorted(host.glob("**/docker.service.d/*.conf"))
        socket = next(iter(sorted(host.glob("**/systemd/system/docker.socket"))), None)
        environment = next(iter(sorted(host.glob("etc/default/docker")) + sorted(host.glob("etc/sysconfig/docker"))), None)
        parts = [service.read_text(), dropins[0].read_text() if dropins else "",
                 socket.read_text() if socket else "", environment.read_text() if environment else ""]
        write("systemd_units", host.name + ".seed", SEPARATOR.join(parts))


def engine_api():
    """The fake engine's scenarios, one document of each kind."""
    fixtures = ROOT / "tests" / "fake_docker" / "fixtures"
    normal = json.loads((fixtures / "normal.json").read_text())
    for scenario in ["normal", "swarm", "worker"]:
        documents = dict(normal)
        if scenario != "normal":
            documents.update(json.loads((fixtures / (scenario + ".json")).read_text()))

        def first(prefix, suffix):
            return next(v for k, v in sorted(documents.items()) if k.startswith(prefix) and k.endswith(suffix)
                        and k != prefix + suffix.lstrip("/"))

        parts = [documents["/version"], documents["/info"], documents["/containers/json"],
                 first("/containers/", "/json"), documents["/images/json"], first("/images/", "/json"),
                 first("/images/", "/history"), documents["/networks"], first("/networks/", ""),
                 documents.get("/swarm", {}), documents.get("/nodes", [])]
        write("engine_api", scenario + ".seed", SEPARATOR.join(compact(p) for p in parts))
        if scenario == "normal":
            failing = [compact(p) for p in parts]
            failing[2] = 'HTTP 500\n{"message":"server error"}'
            failing[5] = 'HTTP 404\n{"message":"No such image"}'
            write("engine_api", "errors.seed", SEPARATOR.join(failing))
            # /info counting the containers the target's data root holds: their inspects are asked beside the list.
            on_disk = [compact(p) for p in parts]
            on_disk[1] = compact(dict(documents["/info"], Containers=2))
            write("engine_api", "on-disk.seed", SEPARATOR.join(on_disk))


def snapshot():
    """The golden facts, and three cuts of it: engine facts only, host facts only, every fact unavailable."""
    golden = json.loads((ROOT / "tests" / "golden" / "facts" / "known-host.json").read_text())
    write("snapshot", "known-host.json", compact(golden))
    facts = golden["facts"]
    engine = {k: v for k, v in facts.items() if k.startswith(("engine.", "container/", "image/", "network/"))}
    host = {k: v for k, v in facts.items() if k not in engine}
    unavailable = {k: {"unavailable": "GET /info: HTTP 500: server error", "kind": "daemon_error"} for k in facts}
    for name, cut in [("engine-only", engine), ("host-only", host), ("unavailable", unavailable)]:
        write("snapshot", name + ".json", compact(dict(golden, facts=cut)))


def main():
    for target in ["loader", "daemon_config", "audit_rules", "systemd_units", "engine_api", "snapshot"]:
        # Inputs that once found a bug stay as seeds (fuzz/README.md, "Findings").
        kept = {path.name: path.read_bytes() for path in (CORPUS / target).glob("finding-*")}
        shutil.rmtree(CORPUS / target, ignore_errors=True)
        globals()[target]()
        for name, data in kept.items():
            (CORPUS / target / name).write_bytes(data)
    # The renderers start from the snapshot seeds: a link, not a copy.
    link = CORPUS / "render"
    if link.is_symlink() or link.exists():
        link.unlink() if link.is_symlink() else shutil.rmtree(link)
    link.symlink_to("snapshot")


if __name__ == "__main__":
    main()
