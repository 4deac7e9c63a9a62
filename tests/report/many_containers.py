#!/usr/bin/python3
"""Many containers, one finding: a facts snapshot with 1,000 containers, made
from the golden snapshot's containers with varied flags, audited in text
(plain and --verbose), JSON and HTML.

- text: section 5 prints one group line per failing reason of a check, with at
  most five names and "... and N more"; reasons that name per-container values
  (a mount below /etc) make many groups: the five largest are shown and the
  rest are counted on one line; the whole report stays under MAX_TEXT_LINES
  lines (a few hundred, not one line per container and check);
- --verbose lists every failing instance under its group;
- JSON keeps every instance of every per-container check;
- HTML: each check's summary has one item per group, at most ten names each;
  each instance table holds one page of rows and every instance as data, and
  pages through them in headless Chromium (html_chromium.py)."""
import copy, hashlib, html, json, os, re, subprocess, sys, tempfile

COUNT = 1000
MAX_TEXT_LINES = 400
TEXT_NAMES, HTML_NAMES = 5, 10
TEXT_GROUPS, HTML_GROUPS = 5, 10
PAGE_ROWS = 50  # html_instances.hpp: kInstancesPerPage

dockcis = os.environ["DOCKCIS"]
golden = json.load(open(os.environ["FACTS"]))


def vary(inspect, i):
    """The flags that make containers fail for different reasons, in a mix."""
    host = inspect.setdefault("HostConfig", {})
    host["Privileged"] = i % 50 == 0
    if i % 4 == 0:
        host["Memory"] = 0
    if i % 3 == 1:
        host["CapDrop"] = []
    if i % 10 == 0:
        host["CapAdd"] = ["NET_ADMIN"]
    if i % 5 == 0:
        host["PidsLimit"] = None
    host["ReadonlyRootfs"] = i % 2 == 0
    if i % 6 == 0:
        host["SecurityOpt"] = []
    if i % 97 == 0:
        host["NetworkMode"] = "host"
    if i % 9 == 0:
        # A per-container sensitive mount: as many reasons as such containers.
        inspect["Mounts"] = inspect.get("Mounts", []) + [
            {"Type": "bind", "Source": "/etc/app-%04d" % i, "Destination": "/config", "RW": False, "Propagation": "rprivate"}]


def snapshot():
    facts = copy.deepcopy(golden["facts"])
    originals = facts["engine.containers"]["value"]
    per_container = {}
    for key in [k for k in facts if k.startswith("container/")]:
        _, cid, field = key.split("/", 2)
        per_container.setdefault(cid, {})[field] = facts.pop(key)
    entries = []
    for i in range(COUNT):
        base = originals[i % len(originals)]
        cid = hashlib.sha256(b"bulk-%d" % i).hexdigest()
        name = "bulk-%04d" % i
        entry = copy.deepcopy(base)
        entry.update({"Id": cid, "Names": ["/" + name]})
        entries.append(entry)
        for field, fact in per_container[base["Id"]].items():
            fact = copy.deepcopy(fact)
            if field == "inspect" and "value" in fact:
                fact["value"].update({"Id": cid, "Name": "/" + name})
                vary(fact["value"], i)
            facts["container/%s/%s" % (cid, field)] = fact
    facts["engine.containers"] = {"value": entries}
    return {"schema": golden["schema"], "meta": golden["meta"], "facts": facts}


def audit(path, *options):
    run = subprocess.run([dockcis, "audit", "--facts", path, "--no-color", *options], capture_output=True, text=True)
    if run.returncode > 1:
        sys.exit("FAIL: dockcis audit %s: exit %d: %s" % (" ".join(options), run.returncode, run.stderr))
    return run.stdout


def groups_of(result):
    """(state, reason) -> failing or undecided instance names, as the reports group them."""
    groups = {}
    for item in result["instances"]:
        if item["state"] in ("fail", "error"):
            groups.setdefault((item["state"], item.get("reason", "")), []).append(item["name"])
    return groups


def text_blocks(text):
    """Check id -> the lines of its block in the Failures part of the text report."""
    blocks, current = {}, None
    for line in text.split("\n"):
        header = re.match(r"^  FAIL (\S+) ", line)
        if header:
            current = header.group(1)
            blocks[current] = []
        elif not line.startswith("     "):
            current = None
        elif current:
            blocks[current].append(line)
    return blocks


failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)


SHARE = re.compile(r" ([0-9,]+) of ([0-9,]+) containers: ")


def number(text):
    return int(text.replace(",", ""))


def rest_of(lines, groups, shown_limit, name):
    """The line counting the groups left out: "... and N more containers for K other reasons"."""
    if len(groups) <= shown_limit:
        expect(not lines, "%s: a rest line for only %d reasons" % (name, len(groups)))
        return
    hidden = sorted(groups.values(), key=len, reverse=True)[shown_limit:]
    wanted = "... and {:,} more containers for {:,} other reason{}".format(
        sum(map(len, hidden)), len(hidden), "" if len(hidden) == 1 else "s")
    expect(len(lines) == 1 and wanted in lines[0], "%s: rest line %r, expected %r" % (name, lines, wanted))


def names_in(line, limit, total):
    """The names a group line lists, checked against the limit and the "and N more"."""
    listed = line.rsplit(" containers: ", 1)[1]
    more = re.search(r" \.\.\. and ([0-9,]+) more$", listed)
    names = listed[: more.start()].split(", ") if more else listed.split(", ")
    expect(len(names) <= limit, "%d names on one line: %s" % (len(names), line[:200]))
    hidden = int(more.group(1).replace(",", "")) if more else 0
    expect(len(names) + hidden == total, "%d shown + %d more != %d: %s" % (len(names), hidden, total, line[:200]))
    return names


with tempfile.TemporaryDirectory() as work:
    path = os.path.join(work, "facts.json")
    facts = snapshot()
    snapshot_states = [entry["State"] for entry in facts["facts"]["engine.containers"]["value"]]
    json.dump(facts, open(path, "w"))
    report = json.loads(audit(path, "-f", "json"))
    for result in report["results"]:  # each instance with its subject's id, name and image
        for item in result.get("instances", []):
            item.update(report["subjects"][item["subject"]])
    per_container = [r for r in report["results"] if r["instances"] and r["key"].startswith("container.")]
    expect(len(per_container) >= 20, "only %d per-container checks" % len(per_container))
    running = sum(1 for i in range(COUNT) if snapshot_states[i] == "running")
    for result in per_container:
        # Every container, or every running one for the checks about running containers.
        expect(len(result["instances"]) in (COUNT, running),
               "%s keeps %d instances, not %d (or %d running)" % (result["id"], len(result["instances"]), COUNT, running))
    expect(sum(len(r["instances"]) == COUNT for r in per_container) >= 20, "fewer than 20 checks keep all %d instances" % COUNT)
    failing5 = [r for r in report["results"] if r["section"] == "5" and r["state"] == "fail" and r["instances"]]
    expect(len(failing5) >= 10, "only %d failing checks in section 5" % len(failing5))
    expect(any(1 < len(groups_of(r)) <= TEXT_GROUPS for r in failing5), "no section 5 check fails for a few reasons")
    expect(any(len(groups_of(r)) > HTML_GROUPS for r in failing5), "no section 5 check fails for many reasons")

    text = audit(path, "-f", "text")
    lines = text.count("\n")
    expect(lines <= MAX_TEXT_LINES, "the text report has %d lines (bound %d)" % (lines, MAX_TEXT_LINES))
    blocks = text_blocks(text)
    for result in failing5:
        groups = groups_of(result)
        block = blocks.get(result["id"], [])
        group_lines = [l for l in block if re.match(r"^       - (FAIL|ERROR) ", l)]
        expect(len(group_lines) == min(len(groups), TEXT_GROUPS),
               "%s: %d group lines for %d reasons" % (result["id"], len(group_lines), len(groups)))
        rest_of([l for l in block if l.startswith("       - ... and ")], groups, TEXT_GROUPS, result["id"])
        for line in group_lines:
            share = SHARE.search(line)
            total, denominator = number(share.group(1)), number(share.group(2))
            expect(denominator == len(result["instances"]), "%s: %s" % (result["id"], line[:120]))
            shown = names_in(line, TEXT_NAMES, total)
            matching = [g for g in groups.values() if shown == g[: len(shown)] and len(g) == total]
            expect(matching, "%s: no group of %d starting %s" % (result["id"], total, shown[:2]))

    verbose = text_blocks(audit(path, "-f", "text", "--verbose"))
    for result in failing5:
        listed = [l.strip().split(" (")[0] for l in verbose.get(result["id"], []) if re.match(r"^           \S", l)]
        wanted = [n for g in groups_of(result).values() for n in g]
        expect(sorted(listed) == sorted(wanted), "%s: --verbose lists %d of %d instances" % (result["id"], len(listed), len(wanted)))

    page = audit(path, "-f", "html")
    for result in failing5:
        rule = re.search(r'<details class="rule" id="rule-%s".*?</details>' % re.escape(result["id"]), page, re.S)
        summary = rule and re.search(r'<ul class="groups">(.*?)</ul>', rule.group(0), re.S)
        if not summary:
            failures.append("%s: no grouped summary in the HTML" % result["id"])
            continue
        items = [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", summary.group(1), re.S)]
        groups = groups_of(result)
        grouped = [i for i in items if not i.startswith("... and ")]
        expect(len(grouped) == min(len(groups), HTML_GROUPS),
               "%s: %d HTML summary items for %d reasons" % (result["id"], len(grouped), len(groups)))
        rest_of([i for i in items if i.startswith("... and ")], groups, HTML_GROUPS, result["id"] + " (HTML)")
        for item in grouped:
            names_in(item, HTML_NAMES, number(SHARE.search(item).group(1)))
    # Long instance tables hold one page of rows; their data holds every instance, in the JSON report's order,
    # each naming its container by position in the page's one list of them.
    listing = re.search(r'<script class="instance-subjects" type="application/json" id="instance-subjects">(.*?)</script>', page, re.S)
    subjects = json.loads(listing.group(1)) if listing else []
    most = max((len(r["instances"]) for r in per_container), default=0)
    expect(len(subjects) >= most, "the HTML lists %d containers for paged tables of up to %d" % (len(subjects), most))
    for result in per_container:
        rule = re.search(r'<details class="rule" id="rule-%s".*?</details>' % re.escape(result["id"]), page, re.S).group(0)
        table = re.search(r'<table class="instances"[^>]*>(.*?)</table>', rule, re.S)
        rows = len(re.findall(r"<tr>", table.group(1))) - 1 if table else 0
        expect(rows == PAGE_ROWS, "%s: %d instance rows in the HTML, expected one page of %d" % (result["id"], rows, PAGE_ROWS))
        data = re.search(r'<script class="instance-rows" type="application/json" id="instances-%s">(.*?)</script>'
                         % re.escape(result["id"]), rule, re.S)
        rows = json.loads(data.group(1)) if data else {"rows": [], "strings": []}
        listed = [subjects[row[0]][0] for row in rows["rows"]]
        expect(listed == [i["name"] for i in result["instances"]], "%s: the HTML's row data lists %d of %d instances"
               % (result["id"], len(listed), len(result["instances"])))
    html_path = os.path.join(work, "report.html")
    open(html_path, "w").write(page)
    browser = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "html_chromium.py"), html_path],
                             capture_output=True, text=True)
    expect(browser.returncode == 0, "the 1,000-container HTML in Chromium:\n" + browser.stdout + browser.stderr)

for failure in failures[:30]:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: %d containers: %d text lines (bound %d), %d failing section 5 checks grouped in text, --verbose, JSON and HTML"
      % (COUNT, lines, MAX_TEXT_LINES, len(failing5)))
