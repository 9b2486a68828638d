"""The official zscaler-sdk-python against the emulator: OneAPI token,
ZPA pagination, ZIA users and activation, ZIdentity next_link paging, a
retried 429, and the legacy ZIA session login."""

from conftest import BULK_APPS, DEMO_APPS


def ident(item):
    """The id of an SDK model object or a raw dict."""
    return item["id"] if isinstance(item, dict) else item.id


def walk(items, resp, err):
    """Collects every page of an SDK list call."""
    assert err is None, err
    out = list(items)
    while resp.has_next():
        more, resp, err = resp.next()
        assert err is None, err
        out.extend(more or [])
    return out


def test_zpa_segments_paginate_exactly_once(client, control):
    total = BULK_APPS + DEMO_APPS
    for query in ({"page_size": 500}, {}):
        segments = walk(*client.zpa.application_segment.list_segments(query_params=dict(query)))
        ids = [ident(s) for s in segments]
        assert len(ids) == total, query
        assert len(set(ids)) == total, f"duplicates with {query}"
    stats = control.stats()
    # 11 pages at 500, 253 at the default 20; one OneAPI token for all.
    assert stats["token_requests"] == 1
    assert stats["api_requests"] == 11 + 253


def test_zia_users_and_activation(client):
    users = walk(*client.zia.user_management.list_users())
    ids = [ident(u) for u in users]
    assert len(ids) == 30 and len(set(ids)) == 30
    status, _, err = client.zia.activate.status()
    assert err is None and status.status == "ACTIVE"
    created, _, err = client.zia.user_management.add_user(
        name="SDK User", email="sdk.user@corp.example.com", password="Secret-123!"
    )
    assert err is None, err
    assert isinstance(ident(created), int)
    status, _, err = client.zia.activate.status()
    assert status.status == "PENDING"
    activated, _, err = client.zia.activate.activate()
    assert err is None, err
    assert activated.status == "ACTIVE"


def test_zidentity_users_follow_next_link(client, control):
    first, resp, err = client.zid.users.list_users(query_params={"limit": 10})
    assert err is None, err
    ids = [r["id"] if isinstance(r, dict) else r.id for r in resp.get_results()]
    while resp.has_next():
        more, resp, err = resp.next()
        assert err is None, err
        ids.extend(ident(r) for r in more)
    assert len(ids) == 25 and len(set(ids)) == 25
    # 25 users at 10 per page: three requests, the last two via next_link.
    assert control.stats()["api_requests"] == 3


def test_rate_limited_request_is_retried(client, control):
    control.post(
        "faults",
        {"method": "GET", "path_prefix": "/zia/api/v1/users", "status": 429,
         "headers": {"retry-after": "0"}, "count": 1},
    )
    users, _, err = client.zia.user_management.list_users(query_params={"page_size": 1000})
    assert err is None, err
    assert len(users) == 30
    # The 429 and its retry both reached the emulator.
    assert control.stats()["api_requests"] == 2


def test_legacy_zia_session(base_url, control, monkeypatch):
    from zscaler.oneapi_client import LegacyZIAClient

    monkeypatch.setenv("ZIA_OVERRIDE_URL", base_url)
    legacy = LegacyZIAClient(
        {
            "username": "admin@emulator.test",
            "password": "emulator-password",
            "api_key": "ABCDEFGHIJKL",
            "cloud": "zscaler",
        }
    )
    helper = legacy.zia_legacy_client
    assert helper.session_id, "JSESSIONID from the login response"
    users, _, err = legacy.zia.user_management.list_users(query_params={"page_size": 1000})
    assert err is None, err
    assert len(users) == 30
    assert helper.deauthenticate() is True, "DELETE authenticatedSession answers 204"
