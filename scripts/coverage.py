#!/usr/bin/env python3
"""Coverage of the specs in openapi/ against the reference operation lists.

For each product in the registry (products.json) it prints:
  * the number of operations in the product's specs,
  * how many of the Python SDK's (method, path) operations the specs cover
    (api-facts/sdk-operations.json),
  * how many of the documented API operations they cover (api-facts/<product>.json),
  * the project target and whether it is met.

Operations are compared as (METHOD, path) with every path parameter written `{}`
and the OneAPI gateway prefix in front: spec paths get the product's `gateway`,
api-facts paths its `facts.prefix` (the registry says which). SDK paths already
carry the prefix. The target is the registry's `coverage`: `min_ops` spec
operations, or `all_documented`.

    python3 scripts/coverage.py             # summary
    python3 scripts/coverage.py --missing   # also list what is not covered
    python3 scripts/coverage.py --check     # exit 1 if a target is missed

It is a report: the exit status is 0 unless --check is given. Reference data is
read from ../shared (next to the repository) or from $ZSCALER_SHARED_DIR.
Needs Python 3 and PyYAML.
"""
import glob
import json
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.stderr.write("coverage.py needs PyYAML: pip install pyyaml\n")
    sys.exit(2)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

import registry  # noqa: E402  (scripts/registry.py: products.json)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC_DIR = os.path.join(ROOT, "openapi")
SHARED_DIR = os.environ.get("ZSCALER_SHARED_DIR") or os.path.join(ROOT, "..", "shared")
FACTS_DIR = os.path.join(SHARED_DIR, "api-facts")

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

PRODUCTS = registry.products()


def norm(method, path):
    path = re.sub(r"\{[^}]*\}", "{}", path)
    path = re.sub(r"/+", "/", path)
    if len(path) > 1:
        path = path.rstrip("/")
    return (method.upper(), path)


def spec_ops(product):
    ops = set()
    files = sorted(f for f in glob.glob(os.path.join(SPEC_DIR, "*.yaml"))
                   if registry.product_for_file(os.path.basename(f), PRODUCTS) is product)
    for fn in files:
        with open(fn) as f:
            doc = yaml.load(f, Loader=Loader) or {}
        for p, item in (doc.get("paths") or {}).items():
            for m in METHODS:
                if isinstance(item, dict) and m in item:
                    ops.add(norm(m, product["gateway"] + p))
    return files, ops


def load_json(name):
    path = os.path.join(FACTS_DIR, name)
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        sys.stderr.write(f"coverage.py: cannot read {path}: {e}\n")
        return None


def pct(a, b):
    return f"{a}/{b} ({100.0 * a / b:.0f}%)" if b else f"{a}/0"


def main(argv):
    show_missing = "--missing" in argv
    check = "--check" in argv
    if "-h" in argv or "--help" in argv:
        print(__doc__)
        return 0
    sdk_all = load_json("sdk-operations.json") or []
    missed_targets = []
    rows = []
    details = []
    for prod in PRODUCTS:
        files, ops = spec_ops(prod)
        sdk = {norm(o["method"], o["path"]) for o in sdk_all if o.get("product") == prod["shared_key"]}
        # entries the SDK scan could not resolve, or that live on another host (ZIA sandbox)
        off_gateway = {o for o in sdk if not o[1].startswith(prod["gateway"] + "/")}
        sdk -= off_gateway
        # A product without reference lists (a test-only one) has facts: null.
        where = prod.get("facts") or {}
        facts = (load_json(where["file"]) or {}) if where.get("file") else {}
        documented = {norm(o["method"], where.get("prefix", "") + o["path"])
                      for o in facts.get("operations") or []}
        sdk_cov = sdk & ops
        doc_cov = documented & ops
        goal = prod.get("coverage") or {}
        if "min_ops" in goal:
            target = f"spec ops >= {goal['min_ops']}"
            met = len(ops) >= goal["min_ops"]
        else:
            target = f"all {len(documented)} documented"
            met = bool(documented) and doc_cov == documented
        if not met:
            missed_targets.append(prod["name"])
        rows.append((prod["name"], len(files), len(ops), pct(len(sdk_cov), len(sdk)),
                     pct(len(doc_cov), len(documented)), target, "met" if met else "MISSED"))
        details.append((prod, ops, sdk, sdk_cov, documented, doc_cov, off_gateway))

    head = ("product", "files", "spec ops", "SDK ops covered", "documented covered", "target", "status")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    fmt = "  ".join(f"{{:{'>' if i in (1, 2) else '<'}{w}}}" for i, w in enumerate(widths))
    print(fmt.format(*head).rstrip())
    for r in rows:
        print(fmt.format(*r).rstrip())

    if show_missing:
        for prod, ops, sdk, sdk_cov, documented, doc_cov, off_gateway in details:
            name = prod["name"]
            print(f"\n== {name}")
            miss_doc = sorted(documented - ops, key=lambda o: (o[1], o[0]))
            miss_sdk = sorted(sdk - ops, key=lambda o: (o[1], o[0]))
            print(f"-- documented, not in the spec ({len(miss_doc)}):")
            for m, p in miss_doc:
                print(f"   {m:6} {p}")
            print(f"-- in the SDK, not in the spec ({len(miss_sdk)}):")
            for m, p in miss_sdk:
                print(f"   {m:6} {p}")
            extra = sorted(ops - sdk - documented, key=lambda o: (o[1], o[0]))
            print(f"-- in the spec, in neither list ({len(extra)}):")
            for m, p in extra:
                print(f"   {m:6} {p}")
            if off_gateway:
                print(f"-- SDK entries left out (not gateway paths): "
                      f"{', '.join(f'{m} {p}' for m, p in sorted(off_gateway))}")

    if missed_targets:
        print(f"\ntargets missed: {', '.join(missed_targets)}")
    else:
        print("\nall targets met")
    return 1 if (check and missed_targets) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
