"""The comparison half of scripts/fidelity.py: loads Zscaler's service models
(../shared/api-facts/oneapi-models/<shared_key>/v*/service-1.json) and one
product's specs, matches operations by method and path template, and collects
what each side declares: query parameters and the fields of response items,
with their JSON types (`common_fields` walks the objects below an item too).
It also matches the recorded traffic to our operations, so that the wire can
confirm or contradict a disagreement and show what we declare beyond the
models. fidelity.py owns the allowlist, the baseline and the output; this
module only gathers facts.
"""
import glob
import json
import os
from urllib.parse import unquote

import registry
from check_specs import Spec, json_type
from spec_traffic import (
    PARAM_RE, SHARED_DIR, Template, load_recorded, load_sdk_templates,
    path_types_fit, shadowed_by_literal,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC_DIR = os.path.join(ROOT, "openapi")
MODELS_DIR = os.path.join(SHARED_DIR, "api-facts", "oneapi-models")

# The models name primitive shapes without defining them.
PRIMITIVE_JSON = {"string": "string", "integer": "integer", "long": "integer",
                  "boolean": "boolean", "double": "number", "float": "number",
                  "timestamp": "string", "blob": "string"}
CONTAINER_JSON = {"structure": "object", "map": "object", "list": "array", "blob": "string"}
# A paged answer wraps its items: ZPA `{totalPages, list}`, ZIdentity
# `{records, next_link, ...}`. The item is what fidelity is about.
WRAPPER_MEMBERS = ("list", "records")
# How far below an item's own fields types are compared (and the wire read).
NEST_DEPTH = 3


def template_key(method, path):
    """`GET /a/{}/b`: placeholder names do not matter for matching."""
    return f"{method.upper()} {PARAM_RE.sub('{}', path)}"


# --------------------------------------------------------------------------- models

class Model:
    """One product's service models (every version folder), operations keyed by
    gateway-relative method + template."""

    def __init__(self, shared_key, gateway):
        self.files = sorted(glob.glob(os.path.join(MODELS_DIR, shared_key, "v*", "service-1.json")))
        self.ops = {}  # template key -> op dict (name, method, path, shapes, input, output, also)
        self.shared = []  # model operations folded into another on the same template
        for fn in self.files:
            with open(fn) as f:
                doc = json.load(f)
            shapes = doc.get("shapes") or {}
            # The paginators name the member of a paged output that holds the items
            # (ZCC `trustedNetworkContracts`, ...): a wrapper like `list` and `records`.
            try:
                with open(os.path.join(os.path.dirname(fn), "paginators-1.json")) as f:
                    pages = json.load(f).get("pagination") or {}
            except (OSError, ValueError):
                pages = {}
            for name, op in (doc.get("operations") or {}).items():
                rk = (pages.get(name) or {}).get("result_key")
                wrappers = WRAPPER_MEMBERS + ((rk,) if isinstance(rk, str) and rk.isidentifier()
                                              and rk not in WRAPPER_MEMBERS else ())
                http = op.get("http") or {}
                uri = http.get("requestUri") or ""
                # Request URIs carry the gateway prefix; our spec paths do not.
                path = uri[len(gateway):] if uri.startswith(gateway + "/") else uri
                entry = {"name": name, "method": http.get("method", "GET"), "path": path,
                         "shapes": shapes,
                         "input": (op.get("input") or {}).get("shape"),
                         "output": (op.get("output") or {}).get("shape"),
                         "wrappers": wrappers}
                key = template_key(entry["method"], path)
                if key in self.ops:
                    # Two model operations on one template (ZDX: custom and predefined
                    # applications, `{aid}` and `{app}`) are one operation on the wire
                    # and in a spec: counted once, their parameters and items merged.
                    self.ops[key].setdefault("also", []).append(entry)
                    self.shared.append(f"{name} = {self.ops[key]['name']} ({key})")
                    continue
                self.ops[key] = entry

    @staticmethod
    def json_type(shapes, name):
        if name in shapes:
            return CONTAINER_JSON.get(shapes[name].get("type"), shapes[name].get("type"))
        return PRIMITIVE_JSON.get(name, name)

    @staticmethod
    def query_params(op):
        out = set()
        for o in [op] + op.get("also", []):
            shape = o["shapes"].get(o["input"]) or {}
            out |= {n for n, m in (shape.get("members") or {}).items()
                    if m.get("location") == "querystring"}
        return out

    @staticmethod
    def item(op):
        """(shape name, {field: (json type, model type name)}) of the response item, or None
        when the output is not an object or a list of objects."""
        shapes, name = op["shapes"], op["output"]
        for _ in range(4):  # list of pages of records: at most a few wrappers deep
            shape = shapes.get(name)
            if shape is None:
                return None
            if shape.get("type") == "list":
                name = (shape.get("member") or {}).get("shape")
                continue
            members = shape.get("members") or {}
            inner = next((members[w]["shape"] for w in op.get("wrappers", WRAPPER_MEMBERS)
                          if w in members and (shapes.get(members[w]["shape"]) or {}).get("type") == "list"),
                         None)
            if inner is not None:
                name = inner
                continue
            if shape.get("type") != "structure" or not members:
                return None
            return name, {f: (Model.json_type(shapes, m["shape"]), m["shape"]) for f, m in members.items()}
        return None


# --------------------------------------------------------------------------- specs

class ProductSpecs:
    """One product's spec files, operations keyed like the model's."""

    def __init__(self, entry):
        files = [fn for fn in sorted(glob.glob(os.path.join(SPEC_DIR, "*.yaml")))
                 if (registry.product_for_file(os.path.basename(fn)) or {}).get("name") == entry["name"]]
        self.specs = [Spec(fn) for fn in files]
        for sp in self.specs:
            sp.siblings = self.specs  # cross-file $refs resolve as in the build
        self.ops = {}  # template key -> (spec, path, item, method, op)
        for sp in self.specs:
            for p, item, m, o in sp.operations():
                if isinstance(o, dict):
                    self.ops.setdefault(template_key(m, p), (sp, p, item, m, o))

    @staticmethod
    def query_params(sp, item, o):
        return {p.get("name") for p in sp.params_of(item, o) if p.get("in") == "query"}

    @staticmethod
    def response_schema(sp, o):
        for code in sorted(o.get("responses") or {}, key=str):
            if str(code).startswith("2"):
                resp = sp.safe_deref((o["responses"] or {})[code]) or {}
                media = (resp.get("content") or {}).get("application/json")
                if media and media.get("schema"):
                    return media["schema"]
        return None

    @staticmethod
    def item(sp, o, wrappers=WRAPPER_MEMBERS):
        """(schema name or None, {field: (json type, format)}, {field: schema}) of the
        response item, or None. `wrappers`: member names of a page wrapping the items."""
        schema, name = ProductSpecs.response_schema(sp, o), None
        for _ in range(4):
            if isinstance(schema, dict) and "$ref" in schema:
                name = schema["$ref"].rsplit("/", 1)[-1]
            schema = sp.safe_deref(schema)
            if not isinstance(schema, dict):
                return None
            if schema.get("type") == "array":
                schema = schema.get("items")
                continue
            props = schema.get("properties") or {}
            inner = next((props[w] for w in wrappers
                          if w in props and (sp.safe_deref(props[w]) or {}).get("type") == "array"), None)
            if inner is not None:
                schema = inner
                continue
            if not props:
                return None
            return name, {f: ProductSpecs.label(sp, v) for f, v in props.items()}, props
        return None

    @staticmethod
    def label(sp, schema):
        """(json type or None, format) of a property schema."""
        s = sp.safe_deref(schema) or {}
        return s.get("type") or ("object" if s.get("properties") else None), s.get("format")


def common_fields(m_shapes, m_shape, sp, s_props, prefix="", depth=0):
    """Fields both sides declare, below the item too: yields (model shape name, field,
    model type name, spec property schema, wire path). Descends where both sides
    hold an object, or a list of objects, under the same name."""
    members = (m_shapes.get(m_shape) or {}).get("members") or {}
    for f in sorted(set(members) & set(s_props)):
        mname, sschema = members[f]["shape"], s_props[f]
        yield m_shape, f, mname, sschema, prefix + f
        if depth >= NEST_DEPTH:
            continue
        sub, inner = sp.safe_deref(sschema) or {}, m_shapes.get(mname) or {}
        step = "."
        if inner.get("type") == "list" and sub.get("type") == "array":
            mname, sub, step = (inner.get("member") or {}).get("shape"), sp.safe_deref(sub.get("items")) or {}, "[]."
        if (m_shapes.get(mname) or {}).get("type") == "structure" and sub.get("properties"):
            yield from common_fields(m_shapes, mname, sp, sub["properties"], prefix + f + step, depth + 1)


# --------------------------------------------------------------------------- traffic

class Traffic:
    """Recorded interactions of one product, matched to its spec operations the way
    check_specs.py's traffic test does (most specific template, literal
    sub-resources not taken for ids)."""

    def __init__(self, entry, pspecs, rows, sdk_templates):
        gateway = entry["gateway"]
        self.by_op = {}  # template key -> [row]
        cands_all = [(k, Template(v[1]), v) for k, v in pspecs.ops.items()]
        for r in rows:
            url_path = unquote(r.get("url_path") or "")
            if not url_path.startswith(gateway + "/"):
                continue
            psegs, fsegs = url_path[len(gateway):].split("/"), url_path.split("/")
            cands = []
            for key, tmpl, (sp, _p, item, m, o) in cands_all:
                if m.upper() != r.get("method"):
                    continue
                values = tmpl.match(psegs)
                if values is not None and path_types_fit(sp, item, o, values):
                    cands.append((key, tmpl))
            if not cands:
                continue
            key, tmpl = max(cands, key=lambda c: c[1].literal)
            if shadowed_by_literal(tmpl, psegs, fsegs, sdk_templates):
                continue
            self.by_op.setdefault(key, []).append(r)

    def query_names(self, key):
        return {q for r in self.by_op.get(key, []) for q in (r.get("query") or {})}

    def query_src(self, key, name):
        """The first recorded interaction that sent query parameter `name`."""
        r = next(r for r in self.by_op.get(key, []) if name in (r.get("query") or {}))
        return f"{r.get('cassette')}#{r.get('index')}"

    def item_fields(self, key):
        """{field path: {json type: first interaction}} seen in recorded 2xx response
        items; nested fields as `a.b` and `a[].b`."""
        seen = {}

        def items(body, src, depth=0):
            if depth > 3:
                return
            if isinstance(body, list):
                for v in body:
                    items(v, src, depth + 1)
            elif isinstance(body, dict):
                wrapped = [body[w] for w in WRAPPER_MEMBERS if isinstance(body.get(w), list)]
                for w in wrapped:
                    items(w, src, depth + 1)
                if not wrapped:
                    fields(body, "", src)

        def fields(obj, prefix, src, depth=0):
            # Nested values are keyed by their path (`portRanges[].from`) so the
            # type check can look below the item's own fields.
            for f, v in obj.items():
                path = prefix + f
                seen.setdefault(path, {}).setdefault(json_type(v), src)
                if depth < NEST_DEPTH:
                    vs = v if isinstance(v, list) else [v]
                    sub = path + "[]." if isinstance(v, list) else path + "."
                    for x in vs:
                        if isinstance(x, dict):
                            fields(x, sub, src, depth + 1)
        for r in self.by_op.get(key, []):
            if isinstance(r.get("status"), int) and 200 <= r["status"] < 300:
                items(r.get("response_body"), f"{r.get('cassette')}#{r.get('index')}")
        return seen

    def first_src(self, key):
        rows = self.by_op.get(key) or []
        return f"{rows[0].get('cassette')}#{rows[0].get('index')}" if rows else None


def load_traffic():
    _files, rows = load_recorded()
    return rows, load_sdk_templates()


def model_products():
    """Registry entries that have service models, with their Model."""
    out = []
    for entry in registry.products():
        key = entry.get("shared_key")
        if key and glob.glob(os.path.join(MODELS_DIR, key, "v*", "service-1.json")):
            out.append((entry, Model(key, entry["gateway"])))
    return out
