"""The facts snapshots of cases.json's cases: the base facts with each case's
facts merged in and its unavailable facts marked."""
import copy, json


def merge(target, patch):
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict) and not key.startswith("$"):
            merge(target[key], value)
        else:
            target[key] = value


def snapshot_of(base, case):
    facts = copy.deepcopy(base)
    for key, value in case.get("facts", {}).items():
        if key in facts and isinstance(value, dict) and isinstance(facts[key], dict):
            merge(facts[key], value)
        else:
            facts[key] = value
    # Every engine's inspect names the object it answers for; dockcis refuses
    # one that does not, so the cases' documents, written without, get it.
    for key, value in facts.items():
        parts = key.split("/")
        if len(parts) == 3 and parts[2] == "inspect" and isinstance(value, dict):
            value.setdefault("Id", parts[1])
    snapshot = {"schema": "dockcis.facts/v1", "meta": case.get("meta", {}), "facts": {k: {"value": v} for k, v in facts.items()}}
    for key, reason in case.get("unavailable", {}).items():
        snapshot["facts"][key] = {"unavailable": reason}
    return snapshot


def snapshots(path):
    """(name, snapshot, params) for each case of the cases file."""
    spec = json.load(open(path))
    for case in spec["cases"]:
        yield ("case %s (%s)" % (case["id"], case["why"]), snapshot_of(spec["base"], case), case.get("params", []))
