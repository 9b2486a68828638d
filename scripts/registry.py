"""The product registry (products.json at the repository root) for the scripts.

Every script that needs to know which products exist, where their specs are
or what their gateway prefix is reads it through here, so a new product is
one registry entry and never an edit to a script.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGISTRY = os.path.join(ROOT, "products.json")


def products():
    """The registry's product entries, in registry order."""
    with open(REGISTRY) as f:
        return json.load(f)["products"]


def product_for_file(filename, entries=None):
    """The entry whose `spec_prefix` starts `filename`, or None.

    The longest prefix wins, so one product's prefix may start another's
    (e.g. `zia` and a later `ziax-`) without stealing its files.
    """
    matches = [p for p in (entries or products()) if filename.startswith(p["spec_prefix"])]
    return max(matches, key=lambda p: len(p["spec_prefix"]), default=None)
