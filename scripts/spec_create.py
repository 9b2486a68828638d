"""Checks of `x-zscaler-create`, the schema extension that tells the
TypeScript emitter what a create body must carry (`required`) and must
leave out (`server-set`). Responses never use it: the wire omits fields
freely, so response types keep every field optional.

Two checks, called from check_specs.py:
  well-formed  (keywords test) only the two known keys, each a list of the
               schema's own property names, the lists disjoint, and only on
               object schemas
  evidence     (traffic test) every recorded create with a body of such a
               schema sent every `required` field: a field the real SDKs
               leave out cannot be required
"""

KEYS = ("required", "server-set")


def rules(schema):
    """The extension of a schema, or None."""
    return schema.get("x-zscaler-create") if isinstance(schema, dict) else None


def check_well_formed(name, schema, problem):
    ext = rules(schema)
    if ext is None:
        return
    where = f"schema {name}: x-zscaler-create"
    if schema.get("type") != "object" or not isinstance(ext, dict):
        problem(f"{where} must be a mapping on an object schema")
        return
    props = schema.get("properties") or {}
    for key in ext:
        if key not in KEYS:
            problem(f"{where} has unknown key '{key}' (known: {', '.join(KEYS)})")
    lists = {}
    for key in KEYS:
        v = ext.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            problem(f"{where}.{key} must be a list of property names")
            continue
        lists[key] = v
        for x in v:
            if x not in props:
                problem(f"{where}.{key} names '{x}', which is not a property")
    both = set(lists.get("required", [])) & set(lists.get("server-set", []))
    if both:
        problem(f"{where}: {sorted(both)} both required and server-set")


def check_sent(spec, op, body_schema, body, where, out):
    """A recorded create body must carry every field its schema requires."""
    if op.get("x-zscaler-read") or not isinstance(body_schema, dict):
        return
    items = body if isinstance(body, list) else [body]
    if body_schema.get("type") == "array":
        body_schema = body_schema.get("items") or {}
    ext = rules(spec.safe_deref(body_schema))
    if not ext:
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        missing = [f for f in ext.get("required", []) if f not in item]
        if missing:
            out.append(f"{where} request[{i}]: x-zscaler-create requires {missing}, "
                       f"which the recorded create did not send")
