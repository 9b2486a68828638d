#!/usr/bin/env python3
"""The spec lint test for the hand-written OpenAPI specs in openapi/.

Run it with no arguments: every openapi/*.yaml is checked. Files are grouped
into products the way build.rs merges them (each product's `spec_prefix` in
products.json); a product's files are checked together, because the build
turns them into one document.

Per file, each of these is one test:
  basics    openapi 3.0.3, info, servers, bearer security, path prefix
  refs      every $ref resolves: `#/components/...` inside the file, or a schema
            of the same name in another file of the product
  ops       operationId present and unique within the product, every {param} in
            a path declared as a required path parameter (and nothing extra),
            parameters have schemas, JSON request bodies, a 2xx response and a
            `default` error response
  keywords  schemas stay plain for the generators: no oneOf/anyOf/allOf/not,
            `default` or `additionalProperties: false`; `enum` only on string
            schemas, with string values; `pattern` only with an
            `x-pattern-reason` string beside it
  traffic   recorded HTTP interactions that hit one of the file's operations agree
            with it: query parameters declared and typed, status declared, bodies
            fit their schemas (no undeclared fields, no type mismatches, null only
            where nullable, string values inside a declared enum)
Per product, one more test:
  product   operationIds and paths unique across the product's files, and a
            schema defined in several files is identical in all of them

Recorded traffic is read from ../shared/recorded relative to the repository root,
or from $ZSCALER_RECORDED_DIR (also: $ZSCALER_SHARED_DIR/recorded). The product
prefix of a recorded path (the product's gateway) comes from the spec's server URL.

Output ends with `N passed, N failed`. Exit status: 0 when every test passed,
1 otherwise, 2 on usage errors. Needs Python 3 and PyYAML (pip install pyyaml).

    python3 scripts/check_specs.py                 # all specs
    python3 scripts/check_specs.py openapi/zia.yaml   # some files (product checks
                                                   # still load the whole product)
    python3 scripts/check_specs.py -v              # list every problem
"""
import glob
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.stderr.write("check_specs.py needs PyYAML: pip install pyyaml\n")
    sys.exit(2)

try:  # the C loader is several times faster on the big specs
    YamlLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    YamlLoader = yaml.SafeLoader

import spec_create  # noqa: E402  (x-zscaler-create)
import registry  # noqa: E402  (scripts/registry.py: products.json)
from spec_traffic import (  # noqa: E402
    PARAM_RE, RECORDED_DIR, SDK_OPS, check_traffic, load_recorded, load_sdk_templates,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC_DIR = os.path.join(ROOT, "openapi")

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
FORBIDDEN_KEYS = ("oneOf", "anyOf", "allOf", "not", "default")
PRODUCTS = registry.products()

MAX_PROBLEMS_SHOWN = 25


def product_of(filename):
    """(product name, allowed path roots) as build.rs groups spec files."""
    entry = registry.product_for_file(filename, PRODUCTS)
    if entry is None:
        return os.path.splitext(filename)[0], None
    return entry["name"], tuple(entry["api_roots"])


# --------------------------------------------------------------------------- helpers

def json_type(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return type(v).__name__


class Spec:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.product, self.prefixes = product_of(self.name)
        with open(path) as f:
            self.doc = yaml.load(f, Loader=YamlLoader)
        if not isinstance(self.doc, dict):
            raise ValueError("not a YAML mapping")
        self.siblings = [self]  # every spec of the same product, set by main()
        self.problems = {}

    def problem(self, test, msg):
        self.problems.setdefault(test, []).append(msg)

    def schemas(self):
        return ((self.doc.get("components") or {}).get("schemas") or {})

    # ---- $ref handling
    def lookup(self, ref):
        """Resolve `#/a/b`: in this file, or for component schemas in a sibling."""
        if not isinstance(ref, str):
            raise KeyError(f"$ref is not a string: {ref!r}")
        if not ref.startswith("#/"):
            raise KeyError(f"$ref {ref!r} points outside the document; the build only "
                           f"understands local refs (schemas are shared by name across a product)")
        parts = [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]
        docs = [self.doc]
        if parts[:2] == ["components", "schemas"]:
            docs += [s.doc for s in self.siblings if s is not self]
        for doc in docs:
            node = doc
            for part in parts:
                if not isinstance(node, dict) or part not in node:
                    node = None
                    break
                node = node[part]
            if node is not None:
                return node
        raise KeyError(f"unresolvable $ref {ref!r}")

    def deref(self, node, seen=None):
        seen = seen or set()
        while isinstance(node, dict) and "$ref" in node:
            r = node["$ref"]
            if r in seen:
                raise KeyError(f"$ref cycle at {r}")
            seen.add(r)
            node = self.lookup(r)
        return node

    def safe_deref(self, node):
        try:
            return self.deref(node)
        except KeyError:
            return None

    # ---- iteration
    def operations(self):
        for p, item in (self.doc.get("paths") or {}).items():
            if not isinstance(item, dict):
                continue
            for m in METHODS:
                if m in item:
                    yield p, item, m, item[m]

    def params_of(self, item, o):
        out = {}
        for prm in (item.get("parameters") or []) + (o.get("parameters") or []):
            prm = self.safe_deref(prm)
            if isinstance(prm, dict):
                out[(prm.get("name"), prm.get("in"))] = prm
        return list(out.values())

    def op_schemas(self, o):
        rb = self.safe_deref(o.get("requestBody"))
        if isinstance(rb, dict):
            for ct, media in (rb.get("content") or {}).items():
                yield (media or {}).get("schema"), f"requestBody {ct}"
        for code, r in (o.get("responses") or {}).items():
            r = self.safe_deref(r)
            if isinstance(r, dict):
                for ct, media in (r.get("content") or {}).items():
                    yield (media or {}).get("schema"), f"response {code} {ct}"

    # ---- static checks
    def check_basics(self):
        t = "basics"
        d = self.doc
        if d.get("openapi") != "3.0.3":
            self.problem(t, f"openapi version is {d.get('openapi')!r}, expected '3.0.3'")
        info = d.get("info") or {}
        for k in ("title", "version"):
            if not info.get(k):
                self.problem(t, f"info.{k} missing")
        if not d.get("servers"):
            self.problem(t, "servers missing")
        schemes = ((d.get("components") or {}).get("securitySchemes") or {})
        if not any(isinstance(s, dict) and s.get("type") == "http" and s.get("scheme") == "bearer"
                   for s in schemes.values()):
            self.problem(t, "no http bearer security scheme")
        if not d.get("security"):
            self.problem(t, "no global security requirement")
        if self.prefixes:
            for p in (d.get("paths") or {}):
                if not p.startswith(self.prefixes):
                    self.problem(t, f"path {p} does not start with {' or '.join(self.prefixes)}")

    def check_refs(self):
        def walk(node, where):
            if isinstance(node, dict):
                if "$ref" in node:
                    try:
                        self.deref(node)
                    except KeyError as e:
                        self.problem("refs", f"{where}: {e.args[0]}")
                    extra = set(node) - {"$ref"}
                    if extra:
                        self.problem("refs", f"{where}: keys next to $ref are ignored in OAS 3.0: "
                                             f"{sorted(extra)}")
                for k, v in node.items():
                    walk(v, f"{where}/{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{where}[{i}]")
        walk(self.doc, "#")

    def check_operations(self, product_ids):
        t = "ops"
        for p, item, m, o in self.operations():
            where = f"{m.upper()} {p}"
            if not isinstance(o, dict):
                self.problem(t, f"{where}: not a mapping")
                continue
            oid = o.get("operationId")
            if not oid:
                self.problem(t, f"{where}: no operationId")
            elif not re.fullmatch(r"[a-z][A-Za-z0-9]*", str(oid)):
                self.problem(t, f"{where}: operationId {oid!r} is not lowerCamelCase")
            if oid and len(product_ids.get(oid, [])) > 1:
                others = [w for w in product_ids[oid] if w != f"{self.name} {where}"]
                self.problem(t, f"{where}: operationId {oid} also used by {', '.join(others)}")
            names = PARAM_RE.findall(p)
            params = self.params_of(item, o)
            declared = {prm.get("name"): prm for prm in params if prm.get("in") == "path"}
            for nm in names:
                if nm not in declared:
                    self.problem(t, f"{where}: path parameter {{{nm}}} not declared")
                elif declared[nm].get("required") is not True:
                    self.problem(t, f"{where}: path parameter {nm} is not required: true")
            for nm in declared:
                if nm not in names:
                    self.problem(t, f"{where}: declared path parameter {nm} is not in the path")
            for prm in params:
                if "schema" not in prm:
                    self.problem(t, f"{where}: parameter {prm.get('name')} has no schema")
                if prm.get("in") not in ("path", "query", "header", "cookie"):
                    self.problem(t, f"{where}: parameter {prm.get('name')} has in={prm.get('in')!r}")
            rb = o.get("requestBody")
            if rb is not None:
                rb = self.safe_deref(rb) or {}
                # The generators support optional bodies (e.g. ZIA's
                # activate takes an empty POST), but the flag must be explicit.
                if not isinstance(rb.get("required"), bool):
                    self.problem(t, f"{where}: requestBody needs an explicit required: true|false")
                if "application/json" not in (rb.get("content") or {}):
                    self.problem(t, f"{where}: requestBody has no application/json content")
            responses = o.get("responses") or {}
            if not responses:
                self.problem(t, f"{where}: no responses")
                continue
            if not any(str(c).startswith("2") for c in responses):
                self.problem(t, f"{where}: no 2xx response")
            default = self.safe_deref(responses.get("default"))
            if not isinstance(default, dict) or "application/json" not in (default.get("content") or {}):
                self.problem(t, f"{where}: no `default` error response with application/json content")

    def check_keywords(self):
        t = "keywords"
        seen = set()

        def walk(s, where):
            if not isinstance(s, dict) or id(s) in seen:
                return
            seen.add(id(s))
            if "$ref" in s:
                return  # the target is checked where it is defined
            for k in FORBIDDEN_KEYS:
                if k in s:
                    self.problem(t, f"{where}: uses '{k}'")
            if s.get("additionalProperties") is False:
                self.problem(t, f"{where}: uses 'additionalProperties: false'")
            if "pattern" in s:
                reason = s.get("x-pattern-reason")
                if not (isinstance(reason, str) and reason.strip()):
                    self.problem(t, f"{where}: uses 'pattern' without an 'x-pattern-reason' string")
            if "enum" in s:
                vals = s["enum"]
                if s.get("type") != "string":
                    self.problem(t, f"{where}: 'enum' on a {s.get('type') or 'untyped'} schema "
                                    f"(only string enums are allowed)")
                elif not isinstance(vals, list) or not vals:
                    self.problem(t, f"{where}: 'enum' is not a non-empty list")
                else:
                    bad = [v for v in vals if not isinstance(v, str)]
                    if bad:
                        self.problem(t, f"{where}: enum values must be strings, got {bad[:5]!r}")
                    if len(set(map(str, vals))) != len(vals):
                        self.problem(t, f"{where}: enum has duplicate values")
            props = s.get("properties")
            if isinstance(props, dict):
                for k, v in props.items():
                    walk(v, f"{where}.{k}")
            if isinstance(s.get("items"), dict):
                walk(s["items"], f"{where}[]")
            if isinstance(s.get("additionalProperties"), dict):
                walk(s["additionalProperties"], f"{where}{{*}}")
            for k in ("oneOf", "anyOf", "allOf"):
                for i, sub in enumerate(s.get(k) or []):
                    walk(sub, f"{where}.{k}[{i}]")
            if isinstance(s.get("not"), dict):
                walk(s["not"], f"{where}.not")

        for name, s in self.schemas().items():
            walk(s, f"schema {name}")
            spec_create.check_well_formed(name, s, lambda msg: self.problem(t, msg))
        for p, item, m, o in self.operations():
            if not isinstance(o, dict):
                continue
            for prm in self.params_of(item, o):
                walk(prm.get("schema"), f"{m.upper()} {p} param {prm.get('name')}")
            for sch, where in self.op_schemas(o):
                walk(sch, f"{m.upper()} {p} {where}")

    # ---- schema validation of data
    def validate(self, schema, value, where, out):
        try:
            schema = self.deref(schema)
        except KeyError as e:
            out.append(f"{where}: {e.args[0]}")
            return
        if not isinstance(schema, dict):
            return
        if value is None:
            if not schema.get("nullable"):
                out.append(f"{where}: null but schema is not nullable")
            return
        t = schema.get("type")
        if t is None:
            return  # any value
        vt = json_type(value)
        ok = (vt == t) or (t == "number" and vt == "integer")
        if not ok:
            out.append(f"{where}: {vt} but schema says {t}")
            return
        if t == "integer" and schema.get("format") == "int32" and not (-2**31 <= value < 2**31):
            out.append(f"{where}: {value} does not fit int32")
        if t == "string" and isinstance(schema.get("enum"), list) and value not in schema["enum"]:
            out.append(f"{where}: {value!r} is not one of the enum values")
        if t == "array":
            items = schema.get("items")
            if items is None:
                out.append(f"{where}: array schema without items")
                return
            for i, v in enumerate(value):
                self.validate(items, v, f"{where}[{i}]", out)
        elif t == "object":
            props = schema.get("properties") or {}
            addl = schema.get("additionalProperties")
            free_form = not props and addl is None
            for k, v in value.items():
                if k in props:
                    self.validate(props[k], v, f"{where}.{k}", out)
                elif isinstance(addl, dict):
                    self.validate(addl, v, f"{where}.{k}", out)
                elif addl is True or free_form:
                    pass
                else:
                    out.append(f"{where}.{k}: field not declared in schema")
            for k in schema.get("required") or []:
                if k not in value:
                    out.append(f"{where}.{k}: required field missing")


def check_product(specs):
    """The build merges a product's specs into one document: paths must not clash,
    and a schema name used in several files must mean exactly the same schema."""
    problems = []
    paths, schemas = {}, {}
    for sp in specs:
        for p in sp.doc.get("paths") or {}:
            if p in paths:
                problems.append(f"path {p} in both {paths[p]} and {sp.name}")
            paths.setdefault(p, sp.name)
        for name, sch in sp.schemas().items():
            if name in schemas and schemas[name][1] != sch:
                problems.append(f"schema {name} differs between {schemas[name][0]} and {sp.name}")
            schemas.setdefault(name, (sp.name, sch))
    return problems


# --------------------------------------------------------------------------- main

class Report:
    def __init__(self, verbose):
        self.verbose = verbose
        self.passed = self.failed = 0

    def test(self, name, problems, note=""):
        if problems:
            self.failed += 1
            print(f"FAIL {name}: {len(problems)} problem(s){note}")
            shown = problems if self.verbose else problems[:MAX_PROBLEMS_SHOWN]
            for msg in shown:
                print(f"       - {msg}")
            if len(problems) > len(shown):
                print(f"       ... and {len(problems) - len(shown)} more (-v shows all)")
        else:
            self.passed += 1
            print(f"ok   {name}{note}")


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("-")]
    verbose = "-v" in argv[1:] or "--verbose" in argv[1:]
    if any(a in ("-h", "--help") for a in argv[1:]):
        print(__doc__)
        return 0
    all_files = sorted(glob.glob(os.path.join(SPEC_DIR, "*.yaml")))
    wanted = {os.path.abspath(a) for a in args} if args else None
    if wanted:
        missing = [a for a in args if not os.path.isfile(a)]
        if missing:
            print(f"no such spec file: {', '.join(missing)}")
            return 2
    if not all_files and not wanted:
        print(f"no spec files found in {SPEC_DIR}")
        return 2
    report = Report(verbose)

    # load every spec of the products involved, so cross-file refs resolve
    files = list(all_files)
    for w in sorted(wanted or []):
        if w not in map(os.path.abspath, files):
            files.append(w)
    specs, by_product = [], {}
    for fn in files:
        name = os.path.basename(fn)
        try:
            spec = Spec(fn)
        except (OSError, ValueError, yaml.YAMLError) as e:
            report.test(f"{name} load", [f"cannot load: {e}"])
            continue
        specs.append(spec)
        by_product.setdefault(spec.product, []).append(spec)
    for group in by_product.values():
        for sp in group:
            sp.siblings = group
    if wanted:
        keep = {sp.product for sp in specs if os.path.abspath(sp.path) in wanted}
        by_product = {k: v for k, v in by_product.items() if k in keep}

    rec_files, rows = load_recorded()
    if not rec_files:
        print(f"warning: no recorded traffic found in {os.path.abspath(RECORDED_DIR)}")
    sdk_templates = load_sdk_templates()
    if sdk_templates is None:
        print(f"note: {SDK_OPS} not readable; using a heuristic to tell IDs from sub-resource names")

    total_matched = total_ok = 0
    for product in sorted(by_product):
        group = by_product[product]
        ids = {}
        for sp in group:
            for p, _item, m, o in sp.operations():
                if isinstance(o, dict) and o.get("operationId"):
                    ids.setdefault(o["operationId"], []).append(f"{sp.name} {m.upper()} {p}")
        for sp in group:
            if wanted and os.path.abspath(sp.path) not in wanted:
                continue
            sp.check_basics()
            sp.check_refs()
            sp.check_operations(ids)
            sp.check_keywords()
            matched, ok, per_op = check_traffic(sp, rows, sdk_templates)
            total_matched += matched
            total_ok += ok
            n_ops = sum(1 for _ in sp.operations())
            print(f"{sp.name} ({product}): {n_ops} operations, {matched} recorded "
                  f"interactions matched, {ok} ok")
            for test in ("basics", "refs", "ops", "keywords"):
                report.test(f"{sp.name} {test}", sp.problems.get(test, []))
            untested = [oid for oid, c in per_op.items() if c == 0]
            note = f" ({len(untested)} of {n_ops} operations without recorded traffic)" if untested else ""
            report.test(f"{sp.name} traffic", sp.problems.get("traffic", []), note)
        report.test(f"product {product}: {len(group)} file(s), {len(ids)} operationIds",
                    check_product(group))

    print(f"recorded interactions: {total_matched} matched, {total_ok} ok")
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
