#!/usr/bin/env python3
"""The fidelity gate: how far openapi/ agrees with Zscaler's own service models.

It owns the per-product figures, the allowlist of deliberate disagreements
(openapi/fidelity-allowlist.json) and the regression baseline
(openapi/fidelity-baseline.json). Gathering the facts (models, specs,
recorded traffic) is scripts/fidelity_diff.py.

For every registry product that has models (../shared/api-facts/oneapi-models/
<shared_key>/v*/service-1.json, or under $ZSCALER_SHARED_DIR) it measures:
  operations  official operations our specs have (method + path template,
              placeholder names ignored, gateway prefix joined)
  params      of the matched operations, official query parameters we declare
  fields      of the matched operations with an object (or list of objects)
              output, official item member names our response item has
  types       fields both sides declare with different JSON types or integer
              widths, and not allowlisted; item fields and the fields of objects
              (and lists of objects) below them, once per model `Shape.field`
  allowlist   every entry for the product was used and the wire does not
              contradict it
plus, for information, what we declare beyond the models that recorded traffic
shows. Allowlisted missing operations, parameters and fields leave the totals.

Each product/metric pair is one check against the baseline: a matched count
below the baseline, a type disagreement the baseline does not list, or an
unused allowlist entry fails. Output ends with `N passed, N failed`; exit 1
on any failure.

    python3 scripts/fidelity.py                    # tables and checks
    python3 scripts/fidelity.py --missing          # also list what is missing
    python3 scripts/fidelity.py -v                 # also list types and extras
    python3 scripts/fidelity.py --update-baseline  # record today's figures
                                                   # (only upward; --force to lower)
"""
import fnmatch
import json
import os
import sys

from fidelity_diff import (
    Model, ProductSpecs, Traffic, common_fields, load_traffic, model_products,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALLOWLIST = os.path.join(ROOT, "openapi", "fidelity-allowlist.json")
BASELINE = os.path.join(ROOT, "openapi", "fidelity-baseline.json")
KINDS = ("operation", "param", "field", "type")
# Per kind: the keys an entry must have, and keys that would silently never match.
SHAPE = {"operation": (("operation",), ("key", "model", "spec")),
         "param": (("key",), ("model", "spec")),
         "field": (("key",), ("model", "spec")),
         "type": (("key",), ("operation",)),
         None: ((), ())}
METRICS = ("operations", "params", "fields")


# --------------------------------------------------------------------------- allowlist

class Allowlist:
    """Entries: product, kind, evidence, and by kind
         operation  operation: glob on `METHOD /path` (gateway-relative, the
                    model's placeholder names: the spec has no such path)
         param      operation (glob, our path), key: glob on the parameter name
         field      operation (glob, our path), key: glob on `ModelShape.field`
         type       key: glob on `ModelShape.field`, optional model/spec: glob on
                    the type labels (`string`, `integer(int64)`, ...)
    `operation` and `key` may be lists of globs. Uses are counted per entry."""

    def __init__(self, path):
        with open(path) as f:
            self.entries = json.load(f).get("entries", [])
        self.used = [0] * len(self.entries)
        self.contradicted = [[] for _ in self.entries]

    def problems(self, product):
        out = []
        for i, e in enumerate(self.entries):
            if e.get("product") != product:
                continue
            if e.get("kind") not in KINDS:
                out.append(f"entry {i}: kind {e.get('kind')!r} is not one of {KINDS}")
            needs, forbids = SHAPE.get(e.get("kind"), SHAPE[None])
            for field in needs:
                if field not in e:
                    out.append(f"entry {i}: a {e.get('kind')} entry needs `{field}`")
            for field in forbids:
                if field in e:
                    out.append(f"entry {i}: `{field}` means nothing on a {e.get('kind')} entry")
            if not str(e.get("evidence") or "").strip():
                out.append(f"entry {i}: no evidence")
            if not self.used[i]:
                out.append(f"entry {i} ({e.get('kind')} {e.get('operation') or e.get('key')}): "
                           f"never used; remove it")
            for c in self.contradicted[i][:3]:
                out.append(f"entry {i}: contradicted by the wire: {c}")
        return out

    @staticmethod
    def _globs(v):
        return [v] if isinstance(v, str) else list(v or [])

    def _hit(self, product, kind, op=None, key=None, labels=None):
        for i, e in enumerate(self.entries):
            if e.get("product") != product or e.get("kind") != kind:
                continue
            if "operation" in e and not any(fnmatch.fnmatchcase(op or "", g)
                                            for g in self._globs(e["operation"])):
                continue
            if "key" in e and not any(fnmatch.fnmatchcase(key or "", g) for g in self._globs(e["key"])):
                continue
            if labels and not all(fnmatch.fnmatchcase(lab, e.get(side, "*"))
                                  for side, lab in zip(("model", "spec"), labels)):
                continue
            return i
        return None

    def excuse(self, product, kind, op=None, key=None, labels=None, wire_says=None):
        """True if an entry covers it. `wire_says` (a recorded interaction) marks the entry
        contradicted instead: recorded traffic outranks the allowlist."""
        i = self._hit(product, kind, op, key, labels)
        if i is None:
            return False
        if wire_says:
            self.contradicted[i].append(f"{op or ''} {key or ''} ({wire_says})".strip())
            return False
        self.used[i] += 1
        return True


# --------------------------------------------------------------------------- measuring

def label_model(json_t, shape):
    if json_t == "integer":
        return "integer(int64)" if shape == "long" else "integer(int32)"
    return json_t


def label_spec(json_t, fmt):
    return f"integer({fmt})" if json_t == "integer" and fmt in ("int32", "int64") else str(json_t)


def types_clash(model_label, spec_label):
    """Different JSON types (integer and number count as different: a client
    typed by the model would reject 0.5), or integer widths both name
    differently. An integer without a format takes any width."""
    m, s = model_label.split("(")[0], spec_label.split("(")[0]
    if m != s:
        return True
    return "(" in spec_label and model_label != spec_label


def wire_fits(label, wire_types):
    base = label.split("(")[0]
    return base in wire_types or (base == "number" and "integer" in wire_types)


def measure(entry, model, allow, rows, sdk_templates):
    """Figures and details for one product."""
    name = entry["name"]
    ps = ProductSpecs(entry)
    traffic = Traffic(entry, ps, rows, sdk_templates)
    r = {m: [0, 0] for m in METRICS}  # matched, total
    missing = {m: [] for m in METRICS}
    types = {}  # "Shape.field model≠spec" -> example op
    allowlisted_types = set()  # distinct Shape.field keys
    wire_confirmed = set()  # of those, the ones recorded traffic shows in our type

    for key, mop in sorted(model.ops.items()):
        op = f"{mop['method']} {mop['path']}"
        if key not in ps.ops:
            if not allow.excuse(name, "operation", op=op):
                r["operations"][1] += 1
                missing["operations"].append(f"{op}  ({mop['name']})")
            continue
        r["operations"][0] += 1
        r["operations"][1] += 1
        sp, path, item, method, o = ps.ops[key]
        ours_op = f"{method.upper()} {path}"

        ours = ProductSpecs.query_params(sp, item, o)
        seen_q = traffic.query_names(key)
        for q in sorted(Model.query_params(mop)):
            if q not in ours and allow.excuse(
                    name, "param", op=ours_op, key=q,
                    wire_says=traffic.query_src(key, q) if q in seen_q else None):
                continue  # deliberately left out: not part of the total
            r["params"][1] += 1
            if q in ours:
                r["params"][0] += 1
            else:
                missing["params"].append(f"{ours_op} ?{q}")

        # Model operations sharing this template (see Model) each bring their item.
        for variant in [mop] + mop.get("also", []):
            m_item = Model.item(variant)
            if m_item is None:
                continue
            s_item = ProductSpecs.item(sp, o, variant.get("wrappers", mop["wrappers"])) or (None, {}, {})
            wire = traffic.item_fields(key)
            shape, m_fields = m_item
            for m_shape, f, mname, sschema, wpath in common_fields(
                    variant["shapes"], shape, sp, s_item[2]):
                st, fmt = ProductSpecs.label(sp, sschema)
                ml, sl = label_model(Model.json_type(variant["shapes"], mname), mname), label_spec(st, fmt)
                if st is None or not types_clash(ml, sl):
                    continue
                fkey = f"{m_shape}.{f}"
                wt = set(wire.get(wpath, {})) - {"null"}
                # The wire showing the model's type and never ours is a spec bug,
                # whatever the allowlist says.
                against = (f"wire sends {sorted(wt)} at {next(iter(wire[wpath].values()))}"
                           if wt and not wire_fits(sl, wt) else None)
                if allow.excuse(name, "type", key=fkey, labels=(ml, sl), wire_says=against):
                    allowlisted_types.add(fkey)
                    if wt:
                        wire_confirmed.add(fkey)
                else:
                    seen = (f"wire: {'/'.join(sorted(wt))} at {next(iter(wire[wpath].values()))}"
                            if wt else "not on the wire")
                    types.setdefault(f"{fkey} {ml} != {sl}", f"{ours_op} .{wpath}; {seen}")
            for f in sorted(m_fields):
                fkey = f"{shape}.{f}"
                if f in s_item[1]:
                    r["fields"][0] += 1
                    r["fields"][1] += 1
                    continue
                seen = wire.get(f)
                if allow.excuse(name, "field", op=ours_op, key=fkey,
                                wire_says=f"recorded at {next(iter(seen.values()))}" if seen else None):
                    continue  # the wire contradicts the model: not part of the total
                r["fields"][1] += 1
                missing["fields"].append(f"{ours_op} {fkey}")

    # Beyond the models, counted only where recorded traffic shows it.
    extra = {"operations": [], "params": [], "fields": []}
    for key, (sp, path, item, method, o) in sorted(ps.ops.items()):
        ours_op = f"{method.upper()} {path}"
        if key not in model.ops:
            if traffic.by_op.get(key):
                extra["operations"].append(f"{ours_op} ({traffic.first_src(key)})")
            continue
        mop = model.ops[key]
        for q in sorted(traffic.query_names(key) & (ProductSpecs.query_params(sp, item, o)
                                                    - Model.query_params(mop))):
            extra["params"].append(f"{ours_op} ?{q}")
        m_item, s_item = Model.item(mop), ProductSpecs.item(sp, o, mop["wrappers"])
        if s_item:
            wire = traffic.item_fields(key)
            for f in sorted(set(s_item[1]) - set((m_item or (None, {}))[1])):
                if f in wire:
                    extra["fields"].append(f"{ours_op} .{f}")
    return {"figures": r, "missing": missing, "types": types,
            "allowlisted_types": allowlisted_types, "wire_confirmed": wire_confirmed,
            "extra": extra,
            "spec_ops": len(ps.ops), "spec_files": len(ps.specs), "shared": model.shared}


# --------------------------------------------------------------------------- reporting

def pct(a, b):
    return f"{100.0 * a / b:5.1f}%" if b else "    -"


def load_baseline():
    try:
        with open(BASELINE) as f:
            return json.load(f)
    except OSError:
        return {}


def check_product(name, res, base, allow):
    """[(check name, problems)] for one product against its baseline."""
    out = []
    b = base.get(name, {})
    for m in METRICS:
        got, want = res["figures"][m][0], (b.get(m) or {}).get("matched")
        probs = []
        if want is None:
            probs.append("no baseline figure (run --update-baseline)")
        elif got < want:
            probs.append(f"{got} matched, baseline {want}: a regression")
        out.append((f"{name} {m}", probs))
    known = set(b.get("types") or [])
    new = sorted(set(res["types"]) - known)
    out.append((f"{name} types", [f"new type disagreement: {t} ({res['types'][t]})" for t in new]))
    out.append((f"{name} allowlist", allow.problems(name)))
    return out


def print_product(entry, res, base, args):
    name, f = entry["name"], res["figures"]
    b = base.get(name, {})
    print(f"== {entry.get('title', name)} ({name}): {res['spec_files']} spec file(s), "
          f"{res['spec_ops']} operations")
    print(f"   {'metric':<22}{'ours':>6} / {'official':<8}{'%':>8}  baseline")
    labels = {"operations": "operations", "params": "query parameters",
              "fields": "response item fields"}
    for m in METRICS:
        a, t = f[m]
        print(f"   {labels[m]:<22}{a:>6} / {t:<8}{pct(a, t):>8}  {(b.get(m) or {}).get('matched', '-')}")
    print(f"   {'type disagreements':<22}{len(res['types']):>6} open (baseline {len(b.get('types') or [])}), "
          f"{len(res['allowlisted_types'])} allowlisted ({len(res['wire_confirmed'])} in our type on the wire)")
    if res["shared"]:
        print(f"   {len(res['shared'])} model operations share a template with another: counted once")
    ex = res["extra"]
    print(f"   beyond the models, seen on the wire: {len(ex['operations'])} operations, "
          f"{len(ex['params'])} query parameters, {len(ex['fields'])} item fields")
    if args.missing:
        for m in METRICS:
            for x in res["missing"][m]:
                print(f"     missing {m[:-1]}: {x}")
    if args.verbose:
        for t, op in sorted(res["types"].items()):
            print(f"     type: {t}  ({op})")
        for k, xs in ex.items():
            for x in xs:
                print(f"     extra {k[:-1]}: {x}")


def update_baseline(results, base, force):
    new, refused = {"$comment": "Written by scripts/fidelity.py --update-baseline: matched counts "
                                "per product and metric (the gate fails below them) and the type "
                                "disagreements accepted as known."}, []
    for name, res in results.items():
        b = base.get(name, {})
        new[name] = {}
        for m in METRICS:
            a, t = res["figures"][m]
            old = (b.get(m) or {}).get("matched")
            if old is not None and a < old and not force:
                refused.append(f"{name} {m}: {a} < {old}")
            new[name][m] = {"matched": a, "total": t}
        added = sorted(set(res["types"]) - set(b.get("types") or []))
        if b and added and not force:
            refused += [f"{name} type: {t}" for t in added]
        new[name]["types"] = sorted(res["types"])
    if refused:
        print("baseline not updated; these would lower it (use --force):")
        for x in refused:
            print(f"  {x}")
        return False
    with open(BASELINE, "w") as fh:
        json.dump(new, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(f"wrote {os.path.relpath(BASELINE, ROOT)}")
    return True


class Args:
    def __init__(self, argv):
        flags = set(argv)
        self.missing = "--missing" in flags
        self.verbose = "-v" in flags or "--verbose" in flags
        self.update = "--update-baseline" in flags
        self.force = "--force" in flags
        self.help = "-h" in flags or "--help" in flags
        self.unknown = flags - {"--missing", "-v", "--verbose", "--update-baseline", "--force",
                                "-h", "--help"}


def main(argv):
    args = Args(argv[1:])
    if args.help or args.unknown:
        print(__doc__)
        return 2 if args.unknown else 0
    products = model_products()
    if not products:
        print("no service models found (../shared/api-facts/oneapi-models or $ZSCALER_SHARED_DIR)")
        print("0 passed, 1 failed")
        return 1
    allow = Allowlist(ALLOWLIST)
    base = load_baseline()
    rows, sdk_templates = load_traffic()
    results = {}
    for entry, model in products:
        results[entry["name"]] = measure(entry, model, allow, rows, sdk_templates)
        print_product(entry, results[entry["name"]], base, args)
        print()
    if args.update:
        return 0 if update_baseline(results, base, args.force) else 1
    stray = [i for i, e in enumerate(allow.entries) if e.get("product") not in results]
    passed = failed = 0
    checks = [c for name in results for c in check_product(name, results[name], base, allow)]
    if stray:
        checks.append(("allowlist products", [f"entry {i}: product not measured" for i in stray]))
    for cname, probs in checks:
        if probs:
            failed += 1
            print(f"FAIL {cname}")
            for p in probs[:25]:
                print(f"       - {p}")
        else:
            passed += 1
            print(f"ok   {cname}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
