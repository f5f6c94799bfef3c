#!/usr/bin/env python3
"""Compare `attentionlab replay` output with the fixtures' expected values.

Independent of the Java code: implements the rule in shared/fixtures/README.md.
Usage: java -jar target/attentionlab.jar replay F.json ... | python3 tools/compare_fixtures.py F.json ...
Exit 0 when every fixture matches; prints one line per fixture.
"""
import json
import math
import sys


def as_number(v):
    if isinstance(v, str) and v in ("NaN", "Infinity", "-Infinity"):
        return float(v.replace("Infinity", "inf"))
    return v


def compare(exp, act, tol, exact, path, errors):
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            errors.append(f"{path}: expected an object")
            return
        for k, v in exp.items():
            if "default_capability" in k:
                continue
            if k not in act:
                if k.endswith("bits"):
                    continue
                errors.append(f"{path}.{k}: missing")
                continue
            key_exact = exact or k.endswith("bits") or k.endswith("crc32")
            compare(v, act[k], tol, key_exact, f"{path}.{k}", errors)
        return
    if isinstance(exp, list):
        if not isinstance(act, list) or len(act) != len(exp):
            errors.append(f"{path}: expected a list of {len(exp)}, got {type(act).__name__} "
                          f"of {len(act) if isinstance(act, list) else '-'}")
            return
        for i, (e, a) in enumerate(zip(exp, act)):
            compare(e, a, tol, exact, f"{path}[{i}]", errors)
        return
    e, a = as_number(exp), as_number(act)
    if isinstance(e, bool) or isinstance(e, int) and not isinstance(e, bool) and not exact and isinstance(a, int):
        if e != a:
            errors.append(f"{path}: expected {e}, got {a}")
        return
    if isinstance(e, float) or isinstance(e, int):
        if not isinstance(a, (int, float)) or isinstance(a, bool):
            errors.append(f"{path}: expected a number, got {a!r}")
            return
        if math.isnan(e):
            ok = math.isnan(a)
        elif math.isinf(e):
            ok = a == e
        elif exact:
            ok = a == e
        else:
            ok = abs(a - e) <= tol * max(1.0, abs(e))
        if not ok:
            errors.append(f"{path}: expected {e}, got {a}")
        return
    if e != a:
        errors.append(f"{path}: expected {e!r}, got {a!r}")


def main():
    fixtures = {}
    for f in sys.argv[1:]:
        d = json.load(open(f))
        if isinstance(d, dict) and "expected" in d:
            fixtures[d["name"]] = d
    seen, failed = set(), 0
    for line in sys.stdin:
        if not line.strip():
            continue
        r = json.loads(line)
        fx = fixtures.get(r["name"])
        if fx is None:
            print(f"? {r['name']}: no such fixture given")
            failed += 1
            continue
        seen.add(r["name"])
        exact = fx["kind"] == "rng"
        errors = []
        compare(fx["expected"], r["actual"], fx.get("tolerance", 0), exact, "expected", errors)
        if errors:
            failed += 1
            print(f"FAIL {r['name']}: {len(errors)} mismatches, first: {errors[:3]}")
        else:
            print(f"ok   {r['name']}")
    for name in fixtures:
        if name not in seen:
            failed += 1
            print(f"FAIL {name}: no replay output")
    print(f"{len(fixtures) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
