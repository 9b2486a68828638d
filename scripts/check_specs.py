#!/usr/bin/env python3
"""Sanity checks for the hand-written OpenAPI specs in openapi/.

For every spec file it checks that:
  * every $ref resolves inside the document,
  * operationIds are unique,
  * every {param} in a path template is declared as a required path parameter
    (and every declared path parameter appears in the template),
  * none of the keywords we keep out of the specs for the code generators is used
    (pattern, default, enum, oneOf/anyOf/allOf/not, additionalProperties: false),
  * recorded HTTP interactions that hit one of the spec's operations agree with it:
    query parameters are declared and of the right type, the status code is declared,
    and request/response bodies fit their schemas (no undeclared fields, no type
    mismatches, null only where the schema is nullable).

Recorded traffic is read from ../shared/recorded relative to the repository root,
or from the directory named by $ZSCALER_RECORDED_DIR. Each line is one JSON object
with at least method, url_path, query, request_body, status, response_body.
The product prefix of a recorded path (/zpa, /zia, /ziam) is taken from the spec's
server URL and stripped before matching.

Exit status: 0 when no problem was found, 1 otherwise, 2 on usage errors.
Requires Python 3 and PyYAML (pip install pyyaml).
"""
import glob
import json
import os
import re
import sys
from urllib.parse import urlparse, unquote

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.stderr.write("check_specs.py needs PyYAML: pip install pyyaml\n")
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC_DIR = os.path.join(ROOT, "openapi")
RECORDED_DIR = os.environ.get("ZSCALER_RECORDED_DIR") or os.path.join(ROOT, "..", "shared", "recorded")
SDK_OPS = os.path.join(os.path.dirname(os.path.abspath(RECORDED_DIR)), "api-facts", "sdk-operations.json")

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
FORBIDDEN_KEYS = ("pattern", "default", "enum", "oneOf", "anyOf", "allOf", "not")

# Paths in these files must start with one of these prefixes (relative to the product root).
EXPECTED_PREFIXES = {
    "zpa-mgmtconfig.yaml": ("/mgmtconfig/v1/", "/mgmtconfig/v2/"),
    "zpa-userconfig.yaml": ("/userconfig/v1/",),
    "zia.yaml": ("/api/v1/",),
    "zidentity.yaml": ("/admin/api/v1/",),
}

MAX_PROBLEMS_SHOWN = 200


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


def is_empty_body(b):
    return b is None or b == {} or b == ""


class Spec:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        with open(path) as f:
            self.doc = yaml.safe_load(f)
        self.problems = []

    def problem(self, msg):
        self.problems.append(msg)

    # ---- $ref handling
    def lookup(self, ref):
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise KeyError(f"unsupported $ref {ref!r}")
        node = self.doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"unresolvable $ref {ref!r}")
            node = node[part]
        return node

    def deref(self, node, seen=None):
        seen = seen or set()
        while isinstance(node, dict) and "$ref" in node:
            r = node["$ref"]
            if r in seen:
                raise KeyError(f"$ref cycle at {r}")
            seen.add(r)
            node = self.lookup(r)
        return node

    # ---- static checks
    def check_refs(self):
        def walk(node, where):
            if isinstance(node, dict):
                if "$ref" in node:
                    try:
                        self.deref(node)
                    except KeyError as e:
                        self.problem(f"{where}: {e}")
                    extra = set(node) - {"$ref"}
                    if extra:
                        self.problem(f"{where}: keys next to $ref are ignored in OAS 3.0: {sorted(extra)}")
                for k, v in node.items():
                    walk(v, f"{where}/{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{where}[{i}]")
        walk(self.doc, "#")

    def check_forbidden(self):
        def walk_schema(s, where):
            if not isinstance(s, dict):
                return
            for k in FORBIDDEN_KEYS:
                if k in s:
                    self.problem(f"{where}: uses '{k}'")
            if s.get("additionalProperties") is False:
                self.problem(f"{where}: uses 'additionalProperties: false'")
            for k, v in (s.get("properties") or {}).items():
                walk_schema(v, f"{where}.{k}")
            if isinstance(s.get("items"), dict):
                walk_schema(s["items"], f"{where}[]")
            if isinstance(s.get("additionalProperties"), dict):
                walk_schema(s["additionalProperties"], f"{where}{{*}}")

        for name, s in ((self.doc.get("components") or {}).get("schemas") or {}).items():
            walk_schema(s, f"schema {name}")
        for p, item, m, o in self.operations():
            for prm in self.params_of(item, o):
                walk_schema(prm.get("schema"), f"{m.upper()} {p} param {prm.get('name')}")
            for sch, where in self.op_schemas(o):
                walk_schema(sch, f"{m.upper()} {p} {where}")

    def check_basics(self):
        d = self.doc
        if d.get("openapi") != "3.0.3":
            self.problem(f"openapi version is {d.get('openapi')!r}, expected '3.0.3'")
        info = d.get("info") or {}
        for k in ("title", "version"):
            if not info.get(k):
                self.problem(f"info.{k} missing")
        if not d.get("servers"):
            self.problem("servers missing")
        schemes = ((d.get("components") or {}).get("securitySchemes") or {})
        if not any(s.get("type") == "http" and s.get("scheme") == "bearer" for s in schemes.values()):
            self.problem("no http bearer security scheme")
        if not d.get("security"):
            self.problem("no global security requirement")
        prefixes = EXPECTED_PREFIXES.get(self.name)
        for p in (d.get("paths") or {}):
            if prefixes and not p.startswith(prefixes):
                self.problem(f"path {p} does not start with {' or '.join(prefixes)}")

    def operations(self):
        for p, item in (self.doc.get("paths") or {}).items():
            for m in METHODS:
                if m in item:
                    yield p, item, m, item[m]

    def params_of(self, item, o):
        out = {}
        for prm in (item.get("parameters") or []) + (o.get("parameters") or []):
            prm = self.deref(prm)
            out[(prm.get("name"), prm.get("in"))] = prm
        return list(out.values())

    def op_schemas(self, o):
        rb = o.get("requestBody")
        if rb:
            rb = self.deref(rb)
            for ct, media in (rb.get("content") or {}).items():
                yield media.get("schema"), f"requestBody {ct}"
        for code, r in (o.get("responses") or {}).items():
            r = self.deref(r)
            for ct, media in (r.get("content") or {}).items():
                yield media.get("schema"), f"response {code} {ct}"

    def check_operations(self):
        seen = {}
        for p, item, m, o in self.operations():
            where = f"{m.upper()} {p}"
            oid = o.get("operationId")
            if not oid:
                self.problem(f"{where}: no operationId")
            elif oid in seen:
                self.problem(f"{where}: operationId {oid} already used by {seen[oid]}")
            else:
                seen[oid] = where
            names = re.findall(r"\{([^}]+)\}", p)
            params = self.params_of(item, o)
            declared = {prm["name"]: prm for prm in params if prm.get("in") == "path"}
            for nm in names:
                if nm not in declared:
                    self.problem(f"{where}: path parameter {{{nm}}} not declared")
                elif declared[nm].get("required") is not True:
                    self.problem(f"{where}: path parameter {nm} is not required: true")
            for nm in declared:
                if nm not in names:
                    self.problem(f"{where}: declared path parameter {nm} is not in the path")
            for prm in params:
                if "schema" not in prm:
                    self.problem(f"{where}: parameter {prm.get('name')} has no schema")
            rb = o.get("requestBody")
            if rb is not None:
                rb = self.deref(rb)
                if rb.get("required") is not True:
                    self.problem(f"{where}: requestBody is not required: true")
                if "application/json" not in (rb.get("content") or {}):
                    self.problem(f"{where}: requestBody has no application/json content")
            if not o.get("responses"):
                self.problem(f"{where}: no responses")
            elif not any(str(c).startswith("2") for c in o["responses"]):
                self.problem(f"{where}: no 2xx response")

    # ---- schema validation of data
    def validate(self, schema, value, where, out):
        try:
            schema = self.deref(schema)
        except KeyError as e:
            out.append(f"{where}: {e}")
            return
        if schema is None:
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


# --------------------------------------------------------------------------- traffic

def load_recorded():
    rows = []
    files = sorted(glob.glob(os.path.join(RECORDED_DIR, "*.jsonl")))
    for fn in files:
        with open(fn) as f:
            for i, line in enumerate(f):
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                r["_src"] = f"{os.path.basename(fn)}:{i + 1}"
                rows.append(r)
    return files, rows


def load_sdk_templates():
    """Paths the SDK knows about, used to avoid matching a literal sub-resource
    (e.g. /application/getAppsByType) against a templated spec path (/application/{id})."""
    try:
        with open(SDK_OPS) as f:
            ops = json.load(f)
    except (OSError, ValueError):
        print(f"note: {SDK_OPS} not readable; using a heuristic to tell IDs from sub-resource names")
        return None
    out = []
    for o in ops:
        p = o.get("path") or ""
        if not p.startswith("/"):
            continue
        segs = p.split("/")
        out.append((o.get("method", "").upper(), segs))
    return out


def seg_match(tmpl_segs, path_segs):
    if len(tmpl_segs) != len(path_segs):
        return False
    for t, s in zip(tmpl_segs, path_segs):
        if t.startswith("{") and t.endswith("}"):
            if not s:
                return False
        elif t != s:
            return False
    return True


def shadowed_by_literal(spec_segs, path_segs, full_path_segs, sdk_templates):
    """True if some SDK path has a literal segment exactly where the spec template has a
    placeholder, and that SDK path matches the recorded path: then the recording belongs to
    that other endpoint. Without the SDK path list, fall back to a heuristic: IDs contain
    at least one digit, sub-resource names such as 'getAppsByType' do not."""
    offset = len(full_path_segs) - len(path_segs)
    if sdk_templates is None:
        return any(t.startswith("{") and not re.search(r"\d", s)
                   for t, s in zip(spec_segs, path_segs))
    for _m, segs in sdk_templates:
        if not seg_match(segs, full_path_segs):
            continue
        for i, t in enumerate(spec_segs):
            if t.startswith("{") and t.endswith("}"):
                sdk_seg = segs[i + offset]
                if not (sdk_seg.startswith("{") and sdk_seg.endswith("}")):
                    return True
    return False


def path_types_fit(spec, op_entry, path_segs):
    """An integer path parameter only matches a numeric segment; anything else is a
    different endpoint (e.g. /users/auditors next to /users/{userId})."""
    _m, segs, _p, item, o = op_entry
    types = {}
    for prm in spec.params_of(item, o):
        if prm.get("in") == "path":
            types[prm.get("name")] = spec.deref(prm.get("schema") or {}).get("type")
    for t, s in zip(segs, path_segs):
        if t.startswith("{") and types.get(t[1:-1]) == "integer" and not re.fullmatch(r"-?\d+", s):
            return False
    return True


def check_query(spec, params, query, where, out):
    declared = {p["name"]: p for p in params if p.get("in") == "query"}
    for k, vals in (query or {}).items():
        if k not in declared:
            out.append(f"{where}: query parameter '{k}' not declared")
            continue
        sch = spec.deref(declared[k].get("schema") or {})
        t = sch.get("type")
        if t == "array":
            t = spec.deref(sch.get("items") or {}).get("type")
        elif isinstance(vals, list) and len(vals) > 1:
            out.append(f"{where}: query '{k}' repeated but declared as a single value")
        for v in vals if isinstance(vals, list) else [vals]:
            if t == "integer" and not re.fullmatch(r"-?\d+", str(v)):
                out.append(f"{where}: query '{k}'={v!r} is not an integer")
            elif t == "boolean" and str(v).lower() not in ("true", "false"):
                out.append(f"{where}: query '{k}'={v!r} is not a boolean")


def check_traffic(spec, rows, sdk_templates):
    servers = spec.doc.get("servers") or []
    prefix = urlparse(servers[0]["url"]).path.rstrip("/") if servers else ""
    ops = []
    for p, item, m, o in spec.operations():
        ops.append((m.upper(), p.split("/"), p, item, o))
    matched = ok = 0
    per_op = {o.get("operationId"): 0 for _m, _s, _p, _i, o in ops}
    for r in rows:
        url_path = unquote(r.get("url_path") or "")
        if prefix:
            if not url_path.startswith(prefix + "/"):
                continue
            rel = url_path[len(prefix):]
        else:
            rel = url_path
        psegs = rel.split("/")
        fsegs = url_path.split("/")
        cands = [x for x in ops if x[0] == r.get("method") and seg_match(x[1], psegs)
                 and path_types_fit(spec, x, psegs)]
        if not cands:
            continue
        # prefer the template with the most literal segments
        cands.sort(key=lambda x: sum(1 for s in x[1] if s.startswith("{")))
        method, segs, p, item, o = cands[0]
        if shadowed_by_literal(segs, psegs, fsegs, sdk_templates):
            continue
        matched += 1
        per_op[o.get("operationId")] += 1
        where = f"{r['_src']} {method} {p} ({o.get('operationId')}, status {r.get('status')})"
        out = []
        params = spec.params_of(item, o)
        check_query(spec, params, r.get("query"), where, out)

        # request body
        rb = o.get("requestBody")
        body = r.get("request_body")
        if rb is not None:
            rb = spec.deref(rb)
            media = (rb.get("content") or {}).get("application/json")
            if body is None and rb.get("required"):
                out.append(f"{where}: request body missing")
            elif media is not None and body is not None:
                spec.validate(media.get("schema"), body, f"{where} request", out)
        elif not is_empty_body(body):
            out.append(f"{where}: request has a body but the operation declares none")

        # response
        status = r.get("status")
        responses = o.get("responses") or {}
        rbody = r.get("response_body")
        if isinstance(status, int) and 200 <= status < 300:
            resp = responses.get(str(status), responses.get(status))
            if resp is None:
                out.append(f"{where}: status {status} not declared (declared: {sorted(map(str, responses))})")
            else:
                resp = spec.deref(resp)
                media = (resp.get("content") or {}).get("application/json")
                if media is None:
                    if not is_empty_body(rbody):
                        out.append(f"{where}: response has a body but {status} declares no content")
                elif rbody is None:
                    out.append(f"{where}: response {status} declares content but the body is empty")
                else:
                    spec.validate(media.get("schema"), rbody, f"{where} response", out)
        else:
            resp = responses.get(str(status)) or responses.get("default")
            if resp is not None and isinstance(rbody, dict):
                resp = spec.deref(resp)
                media = (resp.get("content") or {}).get("application/json")
                if media is not None:
                    spec.validate(media.get("schema"), rbody, f"{where} error response", out)
        if out:
            # collapse per-element repeats ("list[3].x", "list[4].x" -> "list[].x (x2)")
            counts = {}
            for msg in out:
                key = re.sub(r"\[\d+\]", "[]", msg)
                counts[key] = counts.get(key, 0) + 1
            for msg, c in counts.items():
                spec.problem(msg if c == 1 else f"{msg} (x{c})")
        else:
            ok += 1
    return matched, ok, per_op


def check_cross_spec(specs):
    """Specs that share a server URL are merged into one client module by the build:
    their operationIds and paths must not clash, and a schema name used in several of
    them must mean exactly the same schema."""
    problems = []
    groups = {}
    for sp in specs:
        servers = sp.doc.get("servers") or [{}]
        groups.setdefault(servers[0].get("url"), []).append(sp)
    for url, group in groups.items():
        if len(group) < 2:
            continue
        op_ids, paths, schemas = {}, {}, {}
        for sp in group:
            for p, _item, m, o in sp.operations():
                oid = o.get("operationId")
                if oid in op_ids and op_ids[oid] != sp.name:
                    problems.append(f"{url}: operationId {oid} in both {op_ids[oid]} and {sp.name}")
                op_ids.setdefault(oid, sp.name)
            for p in sp.doc.get("paths") or {}:
                if p in paths:
                    problems.append(f"{url}: path {p} in both {paths[p]} and {sp.name}")
                paths.setdefault(p, sp.name)
            for name, sch in ((sp.doc.get("components") or {}).get("schemas") or {}).items():
                if name in schemas and schemas[name][1] != sch:
                    problems.append(f"{url}: schema {name} differs between {schemas[name][0]} and {sp.name}")
                schemas.setdefault(name, (sp.name, sch))
    return problems


# --------------------------------------------------------------------------- main

def main(argv):
    spec_files = argv[1:] or sorted(glob.glob(os.path.join(SPEC_DIR, "*.yaml")))
    if not spec_files:
        print(f"no spec files found in {SPEC_DIR}")
        return 2
    files, rows = load_recorded()
    if not files:
        print(f"warning: no recorded traffic found in {os.path.abspath(RECORDED_DIR)}")
    sdk_templates = load_sdk_templates()
    total_problems = 0
    specs = []
    total_matched = total_ok = 0
    for fn in spec_files:
        try:
            spec = Spec(fn)
        except (OSError, yaml.YAMLError) as e:
            print(f"{os.path.basename(fn)}: cannot load: {e}")
            total_problems += 1
            continue
        specs.append(spec)
        spec.check_basics()
        spec.check_refs()
        spec.check_operations()
        spec.check_forbidden()
        n_ops = sum(1 for _ in spec.operations())
        matched, ok, per_op = check_traffic(spec, rows, sdk_templates)
        total_matched += matched
        total_ok += ok
        status = "OK" if not spec.problems else f"{len(spec.problems)} problem(s)"
        print(f"{spec.name}: {n_ops} operations, {matched} recorded interactions matched, {ok} ok -- {status}")
        untested = [oid for oid, c in per_op.items() if c == 0]
        if untested:
            print(f"  operations without recorded traffic: {', '.join(untested)}")
        for msg in spec.problems[:MAX_PROBLEMS_SHOWN]:
            print(f"  - {msg}")
        if len(spec.problems) > MAX_PROBLEMS_SHOWN:
            print(f"  ... and {len(spec.problems) - MAX_PROBLEMS_SHOWN} more")
        total_problems += len(spec.problems)
    cross = check_cross_spec(specs)
    for msg in cross:
        print(f"cross-spec: {msg}")
    total_problems += len(cross)
    print(f"total: {len(spec_files)} spec(s), {total_matched} interactions matched, "
          f"{total_ok} ok, {total_problems} problem(s)")
    return 1 if total_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
