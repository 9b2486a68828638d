"""Fixtures: one emulator process for the session, a reset before each
test, and zscaler-sdk-python pointed at the emulator (zssdk's session
is in test_oneapi_sdk.py)."""

import contextlib
import os
import subprocess

import pytest
import requests

from zscaler import ZscalerClient
from zscaler.oneapi_oauth_client import OAuth
from zscaler.request_executor import RequestExecutor

CUSTOMER_ID = "216196257331281920"


def predefined_ids(product, path):
    """Ids of the objects every tenant has at `path` (the emulator's
    seed/predefined.json), present even under `--seed empty`."""
    import json
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "src" / "seed" / "predefined.json"
    return [o["id"] for o in json.loads(seed.read_text())[product][path]]
BULK_APPS = 5000
DEMO_APPS = 45


@contextlib.contextmanager
def spawn(*args):
    """Runs ZSCALER_EMULATOR_BIN with `args` on a free port; yields its URL."""
    binary = os.environ.get("ZSCALER_EMULATOR_BIN")
    if not binary:
        pytest.fail("set ZSCALER_EMULATOR_BIN to the zscaler-emulator binary")
    proc = subprocess.Popen(
        [binary, "--listen", "127.0.0.1:0", *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # The emulator's first stdout line announces the bound address.
        line = proc.stdout.readline().strip()
        assert line.startswith("listening on "), f"unexpected first line: {line!r}"
        yield line[len("listening on "):]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def products_url():
    """An emulator holding exactly `products_seed.json`: the ZCC devices and
    ZDX applications the new products' tests read, which no API creates."""
    seed = os.path.join(os.path.dirname(__file__), "products_seed.json")
    with spawn("--seed", "empty", "--seed-file", seed) as url:
        yield url


@pytest.fixture
def products(products_url):
    """The products emulator, reset, as a Control."""
    c = Control(products_url)
    c.post("reset")
    c.clear_stats()
    return c


@pytest.fixture(scope="session")
def base_url():
    """The session's emulator, with bulk data; yields its URL."""
    with spawn("--bulk", f"zpa.applications={BULK_APPS}") as url:
        yield url


class Control:
    """The emulator's /_emulator control API."""

    def __init__(self, base):
        self.base = base

    def post(self, path, body=None):
        r = requests.post(f"{self.base}/_emulator/{path}", json=body, timeout=10)
        r.raise_for_status()
        return r.json()

    def stats(self):
        return requests.get(f"{self.base}/_emulator/stats", timeout=10).json()

    def clear_stats(self):
        requests.delete(f"{self.base}/_emulator/stats", timeout=10).raise_for_status()


@pytest.fixture
def control(base_url):
    c = Control(base_url)
    c.post("reset")
    c.clear_stats()
    return c


def oneapi_client(base_url, monkeypatch, rate_limit=None):
    """A OneAPI ZscalerClient whose API and token URLs are `base_url`
    (`rate_limit`: the SDK's `rateLimit` options)."""
    monkeypatch.setattr(RequestExecutor, "BASE_URL", base_url)
    monkeypatch.setattr(OAuth, "_get_auth_url", lambda self, vanity, cloud: f"{base_url}/oauth2/v1/token")
    return ZscalerClient(
        {
            "clientId": "emulator-client",
            "clientSecret": "emulator-secret",
            "vanityDomain": "emulator",
            "customerId": CUSTOMER_ID,
            "cloud": "production",
            "cache": {"enabled": False},
            **({"rateLimit": rate_limit} if rate_limit else {}),
        }
    )


@pytest.fixture
def client(base_url, control, monkeypatch):
    """A OneAPI ZscalerClient pointed at the session's emulator."""
    return oneapi_client(base_url, monkeypatch)


def zssdk_session(base_url):
    """A zssdk Session whose token and API requests go to `base_url`: its
    `before-call` hook swaps the host of each prepared request."""
    from urllib.parse import urlsplit, urlunsplit

    from zssdk import Session
    from zssdk.zscore.hooks import HierarchicalEmitter

    target = urlsplit(base_url)

    def to_emulator(params, **_):
        # `params` is the prepared request: keep path and query, swap host.
        url = urlsplit(params.url)
        params.url = urlunsplit((target.scheme, target.netloc, url.path, url.query, ""))

    hooks = HierarchicalEmitter()
    hooks.register("before-call", to_emulator)
    return Session(
        client_id="emulator-client",
        client_secret="emulator-secret",
        customer_id=CUSTOMER_ID,
        token_url=f"{base_url}/oauth2/v1/token",
        event_hooks=hooks,
    )
