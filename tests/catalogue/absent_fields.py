#!/usr/bin/python3
"""Failing to look is never passing: take the golden facts snapshot and, for
every fact a check reads, remove it (a whole host fact; a per-instance fact of
every instance; each top-level field of the inspect documents a check selects
from; the field each predicate selects, and the field it plucks from list
elements). After each removal, every check reading what was removed must not
be `pass` (nor any of its instances): `error`, or the state the predicate's own
`if_missing` names, or `notapplicable` by its applicability. One audit of the
whole catalogue per removal, for every profile.

Then each field a predicate judges by its value is replaced, one at a time,
by a value of every other kind than the snapshot's (an object, a list, a text,
a number, a boolean; for a list of texts also a list holding an object and one
holding a number; also null for a field an equality compares, a plucked one
and a list a host collector writes), with the same
assertion: a value of another kind is neither equal nor unequal, empty nor
not, matching nor not, and a null is no value (one audit per replacement, of
the newest profile). A sparse kind's fields (dockerd's options) are replaced
too where the snapshot holds them; a null there reads as "not set" and the
evidence says so.

Last, each object on the way to a field a predicate reads is replaced by a
text (a sparse document's also by null, and the whole document too), with the
same assertion: a field asked of a value of another shape is not a field left
out, even where absence has a meaning."""
import copy, glob, json, os, re, subprocess, sys, tempfile

dockcis = os.environ["DOCKCIS"]
source = os.environ["SOURCE_DIR"]
snapshot = json.load(open(os.path.join(source, "tests/golden/facts/known-host.json")))
# Oldest benchmark version first, compared as numbers (1.10.0 after 1.8.0), as dockcis orders them.
profiles = [os.path.basename(p)[:-5] for p in sorted(glob.glob(os.path.join(source, "profiles/*.json")),
            key=lambda p: [int(part) for part in json.load(open(p))["benchmark_version"].split(".")])]
INSTANCE_COLLECTIONS = ("container", "image", "network")
# Kinds whose documents list only what is set (FactKind::sparse in
# src/model/fact_kinds.cpp): removing a field there is another configuration,
# not a gap, so only the whole fact is removed.
SPARSE = {"daemon.config"}
# Kinds collected on the host (FactSource::host there): dockcis writes their
# lists as lists, never null (the Engine writes null for an empty one).
HOST_WRITTEN = {"daemon.units", "host.kernel", "host.identity", "scanner.self", "container.processes", "host.file", "host.tree",
                "host.mount", "host.audit", "host.group", "host.listeners", "container.main_process", "image.setuid_files"}


def predicates(test):
    """Every predicate of a test expression, iteratively (no recursion on input)."""
    pending, found = [test], []
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if "fact" in node:
                found.append(node)
            else:
                pending.extend(v for k, v in node.items() if k != "value")
        elif isinstance(node, list):
            pending.extend(node)
    return found


checks = {}
for path in sorted(glob.glob(os.path.join(source, "checks/*.json"))):
    for check in json.load(open(path)).get("checks", []):
        checks[check["key"]] = predicates(check.get("test")) + predicates(check.get("applies_if"))


def instance_keys(facts, fact):
    """Store keys of a per-instance fact ("container.inspect" -> container/<id>/inspect)."""
    collection, _, field = fact.partition(".")
    if collection not in INSTANCE_COLLECTIONS:
        return []
    return [k for k in facts if k.startswith(collection + "/") and k.endswith("/" + field)]


def store_keys(facts, fact):
    return instance_keys(facts, fact) or ([fact] if fact in facts else [])


def tokens(pointer):
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]] if pointer else []


def remove_at(document, pointer):
    """Removes the member a JSON pointer names; whether it was there."""
    parts = tokens(pointer)
    if not parts:
        return False
    node = document
    for part in parts[:-1]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    if isinstance(node, dict) and parts[-1] in node:
        del node[parts[-1]]
        return True
    return False


def get_at(document, pointer):
    node = document
    for part in tokens(pointer):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


# Each mutation: a name, a function changing the facts, and the predicates it hides.
mutations = []
readers = {}
for key, preds in checks.items():
    for p in preds:
        readers.setdefault((p["fact"], p.get("select", ""), p.get("pluck", "")), set()).add(key)

facts_read = sorted({fact for fact, _, _ in readers})
for fact in facts_read:
    mutations.append(("remove fact " + fact, {"kind": "fact", "fact": fact}, lambda p, fact=fact: p["fact"] == fact))
top_fields = sorted({(fact, tokens(select)[0]) for fact, select, _ in readers
                     if fact.endswith(".inspect") and select and fact not in SPARSE})
for fact, field in top_fields:
    mutations.append(("remove /%s from every %s" % (field, fact), {"kind": "field", "fact": fact, "pointer": "/" + field},
                      lambda p, fact=fact, field=field: p["fact"] == fact and tokens(p.get("select", ""))[:1] == [field]))
for fact, select, pluck in sorted(r for r in readers if r[0] not in SPARSE):
    if select and len(tokens(select)) > 1 or (select and not fact.endswith(".inspect")):
        mutations.append(("remove %s from %s" % (select, fact), {"kind": "field", "fact": fact, "pointer": select},
                          lambda p, fact=fact, select=select: p["fact"] == fact and p.get("select", "").startswith(select)))
    if pluck:
        mutations.append(("remove %s from each element of %s%s" % (pluck, fact, select),
                          {"kind": "pluck", "fact": fact, "pointer": select, "pluck": pluck},
                          lambda p, fact=fact, select=select, pluck=pluck: p["fact"] == fact and p.get("select", "") == select
                          and p.get("pluck") == pluck))


EQUALITIES = ("eq", "ne", "in", "not_in")
# A value of each kind, standing in for a field that holds another kind.
OF_KIND = {"an object": {"unexpected": "object"}, "a list": ["unexpected"], "a text": "unexpected", "a number": 7, "a boolean": True}


def kind_of(value):
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, bool):
        return "a boolean"
    return None if value is None else "a number"


def golden_value(fact, select, pluck):
    """The value the snapshot holds where a predicate reads (the first
    instance's, the first element's for a pluck); None when nowhere."""
    for key in store_keys(snapshot["facts"], fact):
        found = get_at(snapshot["facts"][key].get("value"), select)
        items = found if pluck and isinstance(found, list) else [found]
        for item in items:
            value = get_at(item, pluck) if pluck else item
            if value is not None:
                return value
    return None


# Every field a predicate judges by its value (exists and not_exists judge
# presence only). A sparse kind's fields are replaced where the snapshot holds
# them: a value of another kind is no other configuration.
read_fields = sorted({(p["fact"], p.get("select", ""), p.get("pluck", "")) for preds in checks.values() for p in preds
                      if (p.get("select") or p.get("pluck")) and p.get("op") not in ("exists", "not_exists")})
for fact, select, pluck in read_fields:
    golden = golden_value(fact, select, pluck)
    wrong = [(what, value) for what, value in OF_KIND.items() if golden is not None and what != kind_of(golden)]
    # A list of texts whose entries are of another kind.
    if isinstance(golden, list) and golden and all(isinstance(item, str) for item in golden):
        wrong += [("a list holding an object", [{"unexpected": "entry"}]), ("a list holding a number", [7])]
    # A null is no value where an equality compares, nor where a check plucks
    # (no writer puts null in a list of texts), nor where it reads a list
    # dockcis wrote.
    same = [p for preds in checks.values() for p in preds if (p["fact"], p.get("select"), p.get("pluck", "")) == (fact, select, pluck)]
    list_read = any(p.get("type") in ("texts", "list") for p in same) and fact.split(":")[0] in HOST_WRITTEN
    if any(p.get("op") in EQUALITIES for p in same) or pluck or list_read:
        wrong.append(("null", None))
    for what, value in wrong:
        where = "%s of %s" % (select + "/*" + pluck if pluck else select, fact)
        mutations.append(("replace %s by %s" % (where, what),
                          {"kind": "replace", "fact": fact, "pointer": select, "pluck": pluck, "value": value, "profiles": profiles[-1:]},
                          lambda p, fact=fact, select=select, pluck=pluck: p["fact"] == fact and p.get("select", "") == select
                          and p.get("pluck", "") == pluck))

# Each object on the way to a field a predicate reads, replaced by a text, and
# a sparse document's also by null (its writer never writes one): a document
# of another shape hides every field below it, and absence means "not set"
# only where the way to the field is there. A sparse document is replaced
# whole too.
def escaped(parts):
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in parts)


on_the_way = sorted({(fact, escaped(tokens(select)[:n])) for fact, select, _ in readers
                     for n in range(0 if fact in SPARSE else 1, len(tokens(select)))})
for fact, prefix in on_the_way:
    if not isinstance(golden_value(fact, prefix, ""), dict):
        continue
    for what, value in [("a text", "unexpected")] + ([("null", None)] if fact in SPARSE else []):
        mutations.append(("replace %s of %s by %s" % (prefix or "the whole document", fact, what),
                          {"kind": "replace", "fact": fact, "pointer": prefix, "pluck": "", "value": value, "profiles": profiles[-1:]},
                          lambda p, fact=fact, prefix=prefix: p["fact"] == fact and p.get("select", "").startswith(prefix + "/")))


def replace_at(document, pointer, value):
    """Replaces the member a JSON pointer names, when it is there."""
    parts = tokens(pointer)
    parent = get_at(document, "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in parts[:-1]))
    if isinstance(parent, dict) and parts and parts[-1] in parent:
        parent[parts[-1]] = copy.deepcopy(value)
        return True
    return False


def apply(facts, spec):
    """Applies a mutation; the store keys it changed."""
    changed = set()
    for key in store_keys(facts, spec["fact"]):
        entry = facts[key]
        if spec["kind"] == "fact":
            del facts[key]
            changed.add(key)
        elif "value" in entry and spec["kind"] == "field":
            if remove_at(entry["value"], spec["pointer"]):
                changed.add(key)
        elif "value" in entry and spec["kind"] == "replace" and not spec["pointer"]:
            entry["value"] = copy.deepcopy(spec["value"])
            changed.add(key)
        elif "value" in entry and spec["kind"] == "replace" and not spec["pluck"]:
            if replace_at(entry["value"], spec["pointer"], spec["value"]):
                changed.add(key)
        elif "value" in entry and spec["kind"] == "replace":
            items = get_at(entry["value"], spec["pointer"])
            for item in items if isinstance(items, list) else []:
                if replace_at(item, spec["pluck"], spec["value"]):
                    changed.add(key)
        elif "value" in entry and spec["kind"] == "pluck":
            items = get_at(entry["value"], spec["pointer"])
            for item in items if isinstance(items, list) else []:
                if remove_at(item, spec["pluck"]):
                    changed.add(key)
    return changed


def saw_absence(evidence, preds):
    """Whether the evidence records the removed input as missing or of another
    kind than the check declares: then another source decided (an `any` whose
    other branch passed), in plain sight."""
    facts = {p["fact"] for p in preds}
    return any(e.get("fact") in facts and re.search(r" has no /| has null at (/|the document's root)|was not collected|expected .*, found"
                                                        r"| has an? [a-z ]+ at (/|the document's root).*, not "
                                                        r"|the snapshot's \S+ is (an? [a-z]+|null), not ", e.get("note", ""))
               for e in evidence)


def audit(facts, work, profile):
    path = os.path.join(work, "facts.json")
    document = dict(snapshot, facts=facts)
    with open(path, "w") as out:
        json.dump(document, out)
    run = subprocess.run([dockcis, "audit", "--facts", path, "-f", "json", "--profile", profile, "--fail-on", "none"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit("FAIL: exit %d: %s" % (run.returncode, run.stderr))
    report = json.loads(run.stdout)
    for result in report["results"]:  # each instance with its subject's id, name and image, its evidence with its probes
        for item in result.get("instances", []):
            item.update(report["subjects"][item["subject"]])
            item["evidence"] = [dict(result["probes"][e["probe"]], **e) for e in item["evidence"]]
    return {r["key"]: r for r in report["results"]}


failures, assertions, applied = [], 0, 0
with tempfile.TemporaryDirectory() as work:
    for name, spec, hides in mutations:
        facts = copy.deepcopy(snapshot["facts"])
        changed = apply(facts, spec)
        if not changed:
            continue
        applied += 1
        host_wide = any(key.split("/")[0] not in INSTANCE_COLLECTIONS for key in changed)
        affected = {key: [p for p in preds if hides(p)] for key, preds in checks.items()}
        affected = {key: preds for key, preds in affected.items() if preds}
        for profile in spec.get("profiles", profiles):
            results = audit(facts, work, profile)
            for key, preds in affected.items():
                result = results.get(key)
                if result is None or result["state"] == "notselected":
                    continue
                # A check may pass on an absent field (or a null) only where its predicate says so (if_missing).
                pass_allowed = spec.get("value", None) is None and any(p.get("if_missing") == "pass" for p in preds)
                # Instances whose own documents lost the field (all of them for a host-wide fact).
                hit = [i for i in result.get("instances", [])
                       if host_wide or any("/" + i.get("id", "") + "/" in k for k in changed)]
                states = [("", result["state"], result.get("evidence", []), result.get("reason", ""))] if host_wide or hit else []
                states += [(" [" + i.get("name", "") + "]", i["state"], i.get("evidence", []), i.get("reason", "")) for i in hit]
                for where, state, evidence, reason in states:
                    assertions += 1
                    if state == "pass" and not pass_allowed and not (where and saw_absence(evidence, preds)) and not (
                            not where and hit and all(saw_absence(i.get("evidence", []), preds) or i["state"] != "pass" for i in hit)):
                        failures.append("%s: %s %s%s is %s (%s)" % (name, profile, key, where, state, reason))
for failure in sorted(set(failures)):
    print("FAIL:", failure)
print("%d removals and replacements applied, %d results checked, %d passed what they did not see" %
      (applied, assertions, len(set(failures))))
sys.exit(1 if failures else 0)
