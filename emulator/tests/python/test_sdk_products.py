"""zscaler-sdk-python drives ZCC, ZTW, ZDX and ZWA on the emulator through
its own service classes (paths, camelCase bodies, query mapping), against
an emulator holding only `products_seed.json`: ZCC devices and ZDX
applications, which no API call can create. Everything else each test
creates through the API."""

import time

import pytest

from conftest import predefined_ids, oneapi_client

# The location template every tenant has.
DEFAULT_TEMPLATE_ID = predefined_ids("ztw", "/api/v1/locationTemplate")[0]

SEED_DEVICES = 3
# Time of the first point of the seeded ZDX score series.
SCORE_T0 = 1764000000


@pytest.fixture
def sdk(products, monkeypatch):
    return oneapi_client(products.base, monkeypatch)


def ok(result):
    """The data of an SDK (result, response, error) triple."""
    data, _, err = result
    assert err is None, err
    return data


# --- ZCC ---------------------------------------------------------------


def test_zcc_devices_list_page_and_download(sdk, tmp_path):
    zcc = sdk.zcc
    devices = ok(zcc.devices.list_devices())
    assert sorted(d.udid for d in devices) == ["E2E-UDID-0001", "E2E-UDID-0002", "E2E-UDID-0003"]
    page = ok(zcc.devices.list_devices(query_params={"page": 2, "page_size": 2}))
    assert [d.udid for d in page] == ["E2E-UDID-0003"]
    target = tmp_path / "devices.csv"
    assert zcc.devices.download_devices(filename=str(target)) == str(target)
    rows = target.read_text().splitlines()
    assert rows[0].startswith('"User","Device type","Device model"')
    # One row per device, the type by name as ZCC writes it.
    assert [r.split(",")[:2] for r in rows[1:]] == [
        ['"ann@corp.example.com"', '"WINDOWS"'],
        ['"bob@corp.example.com"', '"MAC"'],
        ['"cy@corp.example.com"', '"WINDOWS"'],
    ]
    status = tmp_path / "status.csv"
    zcc.devices.download_service_status(filename=str(status))
    rows = status.read_text().splitlines()
    assert rows[0].startswith('"User","UDID","ZIA Enabled"')
    assert [r.split(",")[1] for r in rows[1:]] == ['"E2E-UDID-0001"', '"E2E-UDID-0002"', '"E2E-UDID-0003"']


def test_zcc_device_downloads_hit_the_daily_limit(products, monkeypatch, tmp_path):
    from zscaler.exceptions.exceptions import RetryTooLong

    products.post("rate-limits", {"enabled": True})
    # Waits longer than a few seconds are refused rather than slept through.
    client = oneapi_client(products.base, monkeypatch, rate_limit={"maxRetrySeconds": 5})
    for i in range(3):
        client.zcc.devices.download_devices(filename=str(tmp_path / f"d{i}.csv"))
    with pytest.raises(RetryTooLong, match=r"wait time 86\d{3}"):
        client.zcc.devices.download_devices(filename=str(tmp_path / "d3.csv"))
    # The hourly budget still has room for other calls.
    assert len(ok(client.zcc.devices.list_devices())) == SEED_DEVICES


def test_zcc_trusted_network_lifecycle(sdk):
    tn = sdk.zcc.trusted_networks
    assert ok(tn.list_by_company()) == []
    made = ok(tn.add_trusted_network(active=True, network_name="HQ", dns_servers="10.0.0.53"))
    assert made.network_name == "HQ" and isinstance(made.id, str)
    assert len(made.guid) == 36
    ok(tn.update_trusted_network(id=made.id, network_name="HQ", dns_servers="10.0.0.54"))
    listed = ok(tn.list_by_company(query_params={"page": 1, "page_size": 10}))
    assert [(n.id, n.dns_servers, n.guid) for n in listed] == [(made.id, "10.0.0.54", made.guid)]
    ok(tn.delete_trusted_network(made.id))
    assert ok(tn.list_by_company()) == []


def test_zcc_forwarding_profile_and_web_policy(sdk):
    zcc = sdk.zcc
    saved = ok(zcc.forwarding_profile.update_forwarding_profile(name="Office", active="1"))
    profiles = ok(zcc.forwarding_profile.list_by_company())
    assert [(str(p.id), p.name) for p in profiles] == [(str(saved.id), "Office")]
    ok(zcc.forwarding_profile.delete_forwarding_profile(saved.id))
    assert ok(zcc.forwarding_profile.list_by_company()) == []

    policy = ok(zcc.web_policy.web_policy_edit(name="Windows default", device_type=3))
    assert isinstance(policy.id, int)
    listed = ok(zcc.web_policy.list_by_company(query_params={"device_type": 3}))
    assert [(str(p.id), p.name) for p in listed] == [(str(policy.id), "Windows default")]
    ok(zcc.web_policy.delete_web_policy(policy.id))
    assert ok(zcc.web_policy.list_by_company()) == []


def test_zcc_settings_read_back_what_was_set(sdk):
    zcc = sdk.zcc
    privacy = zcc.web_privacy.get_web_privacy()
    assert privacy["collectUserInfo"] == "1"
    ok(zcc.web_privacy.set_web_privacy_info(collect_user_info="0"))
    privacy = zcc.web_privacy.get_web_privacy()
    assert privacy["collectUserInfo"] == "0" and privacy["collectMachineHostname"] == "1"
    cleanup = ok(zcc.devices.get_device_cleanup_info())
    assert cleanup[0].device_exceed_limit == "16"
    ok(zcc.devices.update_device_cleanup_info(active="1", auto_purge_days="30"))
    assert ok(zcc.devices.get_device_cleanup_info())[0].auto_purge_days == "30"
    zpa = ok(zcc.entitlements.get_zpa_group_entitlements())
    assert zpa[0].zpa_enable_for_all == 1


# --- ZTW ---------------------------------------------------------------


def test_ztw_location_template_crud_and_activation(sdk):
    ztw = sdk.ztw
    status = ok(ztw.activate.get_status())
    assert status.org_edit_status == "EDITS_CLEARED"
    made = ok(ztw.location_template.add_location_template(
        name="Branch", desc="branch offices", template={"template_prefix": "br", "xff_forward_enabled": True}))
    assert isinstance(made.id, int) and made.editable is True
    assert made.template.surrogate_refresh_time_in_minutes == 0, "filled in by the service"
    assert ok(ztw.activate.get_status()).org_edit_status == "EDITS_PRESENT"
    ok(ztw.location_template.update_location_template(
        made.id, name="Branch", desc="all branches", template={"template_prefix": "br"}))
    listed = ok(ztw.location_template.list_location_templates())
    # The predefined default template is there on every tenant.
    assert [(t.id, t.desc) for t in listed if t.name != "Default Location Template"] == [(made.id, "all branches")]
    assert len(listed) == 2
    assert ok(ztw.activate.activate()).org_edit_status == "EDITS_CLEARED"
    assert ok(ztw.activate.get_status()).org_edit_status == "EDITS_CLEARED"
    ztw.location_template.delete_location_template(made.id)
    assert ok(ztw.activate.get_status()).org_edit_status == "EDITS_PRESENT"
    ok(ztw.activate.activate(force=True))
    assert ok(ztw.activate.get_status()).org_edit_status == "EDITS_CLEARED"
    assert [t.id for t in ok(ztw.location_template.list_location_templates())] == [DEFAULT_TEMPLATE_ID]


def test_ztw_groups_and_forwarding_rule(sdk):
    ztw = sdk.ztw
    src = ok(ztw.ip_source_groups.add_ip_source_group(name="Branch LAN", ip_addresses=["10.1.0.0/16"]))
    dst = ok(ztw.ip_destination_groups.add_ip_destination_group(
        name="SaaS", type="DSTN_IP", addresses=["203.0.113.10"]))
    rule = ok(ztw.forwarding_rules.add_rule(
        name="Direct SaaS", type="EC_RDR", forward_method="DIRECT", order=1, state="ENABLED",
        src_ip_groups=[{"id": src.id}], dest_ip_groups=[{"id": dst.id}]))
    rules = ok(ztw.forwarding_rules.list_rules())
    assert [(r.id, r.name, r.forward_method) for r in rules] == [(rule.id, "Direct SaaS", "DIRECT")]
    assert [g.id for g in ok(ztw.ip_source_groups.list_ip_source_groups())] == [src.id]
    ok(ztw.forwarding_rules.delete_rule(rule.id))
    assert ok(ztw.forwarding_rules.list_rules()) == []


# --- ZDX ---------------------------------------------------------------


def test_zdx_app_scores_over_a_window(sdk):
    zdx = sdk.zdx
    now = int(time.time())
    window = {"from": now - 2 * 3600, "to": now}
    apps = ok(zdx.apps.list_apps(query_params=window))
    assert sorted((a.id, a.score) for a in apps) == [(101, 87), (102, 64)]
    # The SDK hands a single application back as a one-element list.
    app = ok(zdx.apps.get_app("101", query_params=window))
    assert [a.name for a in app] == ["Outlook Online"]
    # The seeded score series has points at T0 and T0 + 1h.
    both = {"from": SCORE_T0 - 60, "to": SCORE_T0 + 3600}
    score = ok(zdx.apps.get_app_score("101", query_params=both))
    assert [p.value for p in score[0].datapoints] == [85, 89]
    first = {"from": SCORE_T0 - 60, "to": SCORE_T0 + 60}
    score = ok(zdx.apps.get_app_score("101", query_params=first))
    assert [p.value for p in score[0].datapoints] == [85]
    _, _, err = zdx.apps.get_app("999", query_params=window)
    assert "RESOURCE_NOT_FOUND" in str(err)


def test_zdx_deep_trace_lifecycle(sdk):
    trouble = sdk.zdx.troubleshooting
    assert ok(trouble.list_deeptraces("5001")) == []
    started = ok(trouble.start_deeptrace("5001", session_name="slow mail", app_id=101,
                                         session_length_minutes=5, probe_device=True))
    traces = ok(trouble.list_deeptraces("5001"))
    assert len(traces) == 1 and isinstance(traces[0].trace_id, int)
    assert started is not None
    ok(trouble.delete_deeptrace("5001", str(traces[0].trace_id)))
    assert ok(trouble.list_deeptraces("5001")) == []


@pytest.mark.xfail(
    strict=True,
    reason="zscaler-sdk-python 1.11.3 camelCases get_deeptrace's snake_case body "
    "(trace_id -> traceId) before its model reads trace_id, so every field is None",
)
def test_zdx_get_deeptrace_reads_its_id(sdk):
    trouble = sdk.zdx.troubleshooting
    ok(trouble.start_deeptrace("5001", session_name="slow mail", app_id=101))
    trace_id = ok(trouble.list_deeptraces("5001"))[0].trace_id
    trace = ok(trouble.get_deeptrace("5001", str(trace_id)))
    assert [t.trace_id for t in trace] == [trace_id]


# --- ZWA ---------------------------------------------------------------


def test_zwa_incident_search_audit_and_close(sdk):
    zwa = sdk.zwa
    found = ok(zwa.dlp_incidents.dlp_incident_search(
        fields=[{"name": "severity", "value": ["high"]}],
        time_range={"startTime": "2025-03-03T00:00:00.000Z", "endTime": "2025-03-04T00:00:00.000Z"}))
    assert found.incidents == []
    logs = ok(zwa.audit_logs.audit_logs(query_params={"page_size": 10}))
    assert logs.logs == []
    # No incident exists on the empty tenant, and none can be created.
    _, resp, err = zwa.dlp_incidents.incident_close(
        "no-such-incident", resolution_code="FALSE_POSITIVE", notes="reviewed")
    assert "RESOURCE_NOT_FOUND" in str(err)
