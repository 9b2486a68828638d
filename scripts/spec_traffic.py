"""The recorded-traffic check of scripts/check_specs.py: recorded HTTP
interactions (../shared/recorded, or $ZSCALER_RECORDED_DIR) matched to a
spec's operations by path template, then their query parameters, status and
bodies held to the operation. Kept apart so check_specs.py stays about the
spec files themselves; it passes its Spec objects in.
"""
import glob
import json
import os
import re
from urllib.parse import urlparse, unquote

import spec_create  # x-zscaler-create evidence

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_DIR = os.environ.get("ZSCALER_SHARED_DIR") or os.path.join(ROOT, "..", "shared")
RECORDED_DIR = os.environ.get("ZSCALER_RECORDED_DIR") or os.path.join(SHARED_DIR, "recorded")
SDK_OPS = os.path.join(SHARED_DIR, "api-facts", "sdk-operations.json")
PARAM_RE = re.compile(r"\{([^}]*)\}")


def is_empty_body(b):
    return b is None or b == {} or b == ""


def segment_regex(seg):
    """A path template segment as a regex: `{id}` or `{id}:resetpassword`."""
    out, pos = "", 0
    for m in PARAM_RE.finditer(seg):
        out += re.escape(seg[pos:m.start()]) + "([^/]+?)"
        pos = m.end()
    return re.compile("^" + out + re.escape(seg[pos:]) + "$")


class Template:
    """A path template split into segments, matchable against concrete paths."""

    def __init__(self, path):
        self.segs = path.split("/")
        self.res = [segment_regex(s) if "{" in s else None for s in self.segs]
        self.names = [PARAM_RE.findall(s) for s in self.segs]
        # literal characters: more of them = more specific template
        self.literal = sum(len(PARAM_RE.sub("", s)) for s in self.segs)

    def match(self, segs):
        """{param: value} if the concrete segments fit, else None."""
        if len(segs) != len(self.segs):
            return None
        values = {}
        for t, r, names, s in zip(self.segs, self.res, self.names, segs):
            if r is None:
                if t != s:
                    return None
                continue
            m = r.match(s)
            if not m or not all(m.groups()):
                return None
            values.update(zip(names, m.groups()))
        return values


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
        return None
    out = []
    for o in ops:
        p = o.get("path") or ""
        if p.startswith("/"):
            out.append(Template(p))
    return out


def shadowed_by_literal(tmpl, path_segs, full_path_segs, sdk_templates):
    """True if some SDK path has a literal segment exactly where the spec template has a
    placeholder, and that SDK path matches the recorded path: then the recording belongs to
    that other endpoint. Without the SDK path list, fall back to a heuristic: IDs contain
    at least one digit, sub-resource names such as 'getAppsByType' do not."""
    offset = len(full_path_segs) - len(path_segs)
    if sdk_templates is None:
        return any(r is not None and not re.search(r"\d", s)
                   for r, s in zip(tmpl.res, path_segs))
    for sdk in sdk_templates:
        if sdk.match(full_path_segs) is None:
            continue
        for i, r in enumerate(tmpl.res):
            if r is not None and sdk.res[i + offset] is None:
                return True
    return False


def path_types_fit(spec, item, o, values):
    """An integer path parameter only matches a numeric value; anything else is a
    different endpoint (e.g. /users/auditors next to /users/{userId})."""
    for prm in spec.params_of(item, o):
        if prm.get("in") == "path" and prm.get("name") in values:
            t = (spec.safe_deref(prm.get("schema")) or {}).get("type")
            if t == "integer" and not re.fullmatch(r"-?\d+", values[prm["name"]]):
                return False
    return True


def check_query(spec, params, query, where, out):
    declared = {p["name"]: p for p in params if p.get("in") == "query"}
    for k, vals in (query or {}).items():
        if k not in declared:
            out.append(f"{where}: query parameter '{k}' not declared")
            continue
        sch = spec.safe_deref(declared[k].get("schema")) or {}
        t = sch.get("type")
        if t == "array":
            t = (spec.safe_deref(sch.get("items")) or {}).get("type")
        elif isinstance(vals, list) and len(vals) > 1:
            out.append(f"{where}: query '{k}' repeated but declared as a single value")
        for v in vals if isinstance(vals, list) else [vals]:
            if t == "integer" and not re.fullmatch(r"-?\d+", str(v)):
                out.append(f"{where}: query '{k}'={v!r} is not an integer")
            elif t == "boolean" and str(v).lower() not in ("true", "false"):
                out.append(f"{where}: query '{k}'={v!r} is not a boolean")


def check_traffic(spec, rows, sdk_templates):
    servers = spec.doc.get("servers") or []
    prefix = urlparse(servers[0].get("url", "")).path.rstrip("/") if servers else ""
    ops = []
    for p, item, m, o in spec.operations():
        if isinstance(o, dict):
            ops.append((m.upper(), Template(p), p, item, o))
    matched = ok = 0
    per_op = {o.get("operationId"): 0 for _m, _t, _p, _i, o in ops}
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
        cands = []
        for x in ops:
            if x[0] != r.get("method"):
                continue
            values = x[1].match(psegs)
            if values is not None and path_types_fit(spec, x[3], x[4], values):
                cands.append(x)
        if not cands:
            continue
        # prefer the most specific template (most literal characters)
        cands.sort(key=lambda x: -x[1].literal)
        method, tmpl, p, item, o = cands[0]
        if shadowed_by_literal(tmpl, psegs, fsegs, sdk_templates):
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
            rb = spec.safe_deref(rb) or {}
            media = (rb.get("content") or {}).get("application/json")
            if body is None and rb.get("required"):
                out.append(f"{where}: request body missing")
            elif media is not None and body is not None:
                spec.validate(media.get("schema"), body, f"{where} request", out)
                if method == "POST":
                    spec_create.check_sent(spec, o, media.get("schema"), body, where, out)
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
                resp = spec.safe_deref(resp) or {}
                content = resp.get("content") or {}
                media = content.get("application/json")
                # A file download (CSV export) is declared as a non-JSON media type
                # with a string schema; the recording keeps such bodies as text.
                text = [mt for mt, m in content.items() if mt != "application/json"
                        and (spec.safe_deref((m or {}).get("schema")) or {}).get("type") == "string"]
                if media is None and text and isinstance(rbody, str):
                    pass
                elif media is None:
                    if not is_empty_body(rbody):
                        out.append(f"{where}: response has a body but {status} declares no content")
                elif rbody is None:
                    out.append(f"{where}: response {status} declares content but the body is empty")
                else:
                    spec.validate(media.get("schema"), rbody, f"{where} response", out)
        else:
            resp = responses.get(str(status)) or responses.get("default")
            if resp is not None and isinstance(rbody, dict):
                resp = spec.safe_deref(resp) or {}
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
                spec.problem("traffic", msg if c == 1 else f"{msg} (x{c})")
        else:
            ok += 1
    return matched, ok, per_op
