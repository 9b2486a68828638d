"""P1 with the official zscaler-sdk-python: list every ZPA application
segment from the emulator, `runs` times after one untimed warm-up.

    python bench/p1_python.py --url URL --pagesize 500 --runs 5

Points the SDK at the emulator the way emulator/tests/python/conftest.py
does. Prints {"ms": [...], "items": N}. pagesize 0 means the SDK default.

--fresh 1 (P1-L) times each run with a new client, which fetches its own
token, as the other P1-L clients do (they need a new client for a full
pacing budget; the SDK has no client-side pacing).
"""

import argparse
import json
import time

from zscaler import ZscalerClient
from zscaler.oneapi_oauth_client import OAuth
from zscaler.request_executor import RequestExecutor

CUSTOMER_ID = "216196257331281920"


def make_client(base):
    RequestExecutor.BASE_URL = base
    OAuth._get_auth_url = lambda self, vanity, cloud: f"{base}/oauth2/v1/token"
    return ZscalerClient(
        {
            "clientId": "emulator-client",
            "clientSecret": "emulator-secret",
            "vanityDomain": "emulator",
            "customerId": CUSTOMER_ID,
            "cloud": "production",
            # A response cache would turn later runs into memory reads.
            "cache": {"enabled": False},
        }
    )


def list_all(client, pagesize):
    query = {"page_size": pagesize} if pagesize else {}
    items, resp, err = client.zpa.application_segment.list_segments(query_params=query)
    if err:
        raise RuntimeError(err)
    n = len(items)
    while resp.has_next():
        more, resp, err = resp.next()
        if err:
            raise RuntimeError(err)
        n += len(more or [])
    return n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--pagesize", type=int, default=500)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--fresh", type=int, default=0)
    a = p.parse_args()
    client = make_client(a.url)
    items = list_all(client, a.pagesize)
    ms = []
    for i in range(a.runs):
        t = time.perf_counter()
        if a.fresh:
            client = make_client(a.url)
        n = list_all(client, a.pagesize)
        ms.append((time.perf_counter() - t) * 1e3)
        if n != items:
            raise RuntimeError(f"run {i}: {n} items, expected {items}")
    print(json.dumps({"ms": ms, "items": items}))


if __name__ == "__main__":
    main()
