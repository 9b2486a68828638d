"""zscaler-oneapi-sdk-python (``zssdk``) drives ZCC, ZTW and ZDX on the
emulator holding `products_seed.json` (ZCC devices, ZDX applications and
devices): its low-level clients, its paginators (ZCC and ZTW page
numbers, ZDX `next_offset` cursors) and its resource layer.

zssdk 1.0.0's models mark more members required than the API needs (ZCC
`getDevices` wants `osType` and `username`, a trusted network wants its
server-set `companyId`/`createdBy`/...; recorded traffic shows the real
service without them), so the calls below send them; the strict xfails
state the behaviour zssdk should have and fail the day it does.
"""

import time

import pytest
from zssdk.zscore.exceptions import ParamValidationError

from conftest import predefined_ids, zssdk_session

# The location template every tenant has.
DEFAULT_TEMPLATE_ID = predefined_ids("ztw", "/api/v1/locationTemplate")[0]

# Server-set members zssdk 1.0.0 nevertheless requires on a trusted network.
TN_REQUIRED = {"companyId": "0", "conditionType": 0, "createdBy": "0", "editedBy": "0", "hostnames": ""}
# The template members zssdk 1.0.0 requires on a ZTW location template.
TEMPLATE = {
    "aupEnabled": False, "authRequired": False, "cautionEnabled": False, "dnBandwidth": 0,
    "enforceBandwidthControl": False, "ipsControl": True, "ofwEnabled": True, "upBandwidth": 0,
    "xffForwardEnabled": True, "templatePrefix": "br",
}


@pytest.fixture
def zs(products):
    return zssdk_session(products.base)


# --- ZCC ---------------------------------------------------------------


def test_zcc_devices_page_filter_and_download(zs, products):
    zcc = zs.client("zcc")
    pages = list(zcc.get_paginator("list_devices").paginate(
        osType="", username="", PaginationConfig={"PageSize": 2}))
    assert [[d["udid"] for d in page] for page in pages] == [
        ["E2E-UDID-0001", "E2E-UDID-0002"], ["E2E-UDID-0003"]]
    windows = [d.udid for d in zs.zcc.devices.filter(osType=3, username="")]
    assert windows == ["E2E-UDID-0001", "E2E-UDID-0003"]
    ann = zcc.list_devices(osType=3, username="ann@corp.example.com")
    assert [d["machineHostname"] for d in ann] == ["ANN-LAPTOP"]
    # A download answers a stream, read like boto3's StreamingBody.
    csv = zcc.download_enrolled_devices(osTypes="3,4", registrationTypes="1").read()
    rows = csv.decode().splitlines()
    assert rows[0].startswith('"User","Device type"')
    assert [r.split(",")[4] for r in rows[1:]] == ['"E2E-UDID-0001"', '"E2E-UDID-0002"', '"E2E-UDID-0003"']


@pytest.mark.xfail(strict=True, raises=ParamValidationError,
                   reason="zssdk 1.0.0 requires osType and username on ListDevices; "
                   "the service lists every device without them (zcc.jsonl TestSecrets #0)")
def test_zcc_devices_list_without_filters(zs):
    assert len(zs.client("zcc").list_devices()) == 3


def test_zcc_trusted_network_lifecycle(zs):
    zcc = zs.client("zcc")
    made = zcc.create_trusted_network(body={"networkName": "HQ", "dnsServers": "10.0.0.53",
                                            "active": True, "id": "0", **TN_REQUIRED})
    assert made["networkName"] == "HQ" and made["id"] != "0"
    edited = zcc.update_trusted_network(body={"id": made["id"], "networkName": "HQ",
                                              "dnsServers": "10.0.0.54", "active": True, **TN_REQUIRED})
    assert edited["success"] == "true"
    pages = list(zcc.get_paginator("list_trusted_networks").paginate(PaginationConfig={"PageSize": 10}))
    listed = [n for page in pages for n in page["trustedNetworkContracts"]]
    assert [(n["id"], n["dnsServers"]) for n in listed] == [(made["id"], "10.0.0.54")]
    assert [n.network_name for n in zs.zcc.trusted_networks.all()] == ["HQ"]
    zcc.remove_trusted_network(networkId=made["id"])
    assert list(zs.zcc.trusted_networks.all()) == []


def test_zcc_privacy_settings_round_trip(zs):
    zcc = zs.client("zcc")
    assert zcc.get_privacy_info()["collectUserInfo"] == "1"
    zcc.update_privacy_info(body={"collectUserInfo": "0"})
    info = zcc.get_privacy_info()
    assert info["collectUserInfo"] == "0" and info["enablePacketCapture"] == "1"


# --- ZTW ---------------------------------------------------------------


def edits(zs):
    return zs.client("ztw").get_status()["orgEditStatus"]


def test_ztw_location_template_crud_and_activation(zs):
    ztw = zs.ztw
    assert edits(zs) == "EDITS_CLEARED"
    made = ztw.LocationTemplate()
    made.name, made.desc, made.template = "Branch", "branch offices", TEMPLATE
    made.create()
    assert isinstance(made.id, int), "the create answer hydrates the id"
    assert edits(zs) == "EDITS_PRESENT"
    pages = list(zs.client("ztw").get_paginator("list_location_templates").paginate(
        PaginationConfig={"PageSize": 1}))
    # Every tenant has the predefined default template; ours pages after it.
    assert [[t["name"] for t in page] for page in pages] == [["Default Location Template"], ["Branch"]]

    loaded = ztw.LocationTemplate(id=made.id)
    loaded.load()
    loaded.desc = "all branches"
    loaded.update()
    again = ztw.LocationTemplate(id=made.id)
    again.load()
    assert again.desc == "all branches"

    assert zs.client("ztw").ec_admin_activate_activate()["orgEditStatus"] == "EDITS_CLEARED"
    assert edits(zs) == "EDITS_CLEARED"
    again.delete()
    assert edits(zs) == "EDITS_PRESENT"
    zs.client("ztw").force_activate()
    assert edits(zs) == "EDITS_CLEARED"
    assert [t.id for t in ztw.location_templates.all()] == [DEFAULT_TEMPLATE_ID]


@pytest.mark.xfail(strict=True,
                   reason="zssdk 1.0.0's ZTW finalize activates when `status` is PENDING, "
                   "a member ZTW's ActivationStatus does not have (orgEditStatus does)")
def test_ztw_context_manager_activates(zs):
    with zs.ztw as ztw:
        made = ztw.LocationTemplate()
        made.name, made.desc, made.template = "Branch", "d", TEMPLATE
        made.create()
    assert edits(zs) == "EDITS_CLEARED"


# --- ZDX ---------------------------------------------------------------


def test_zdx_apps_scores_devices_and_deep_traces(zs, products):
    zdx = zs.client("zdx")
    now = int(time.time())
    window = {"from": now - 2 * 3600, "to": now}
    apps = zdx.list_applications(**window)
    assert sorted(a["name"] for a in apps) == ["Outlook Online", "Zoom"]
    # The seeded series has points at 1764000000 and an hour later.
    score = zdx.get_app_score(id=101, **{"from": 1763999000, "to": 1764003600})
    assert [p["value"] for p in score["datapoints"]] == [85, 89]
    score = zdx.get_app_score(id=101, **{"from": 1764000001, "to": 1764010000})
    assert [p["value"] for p in score["datapoints"]] == [89]
    pages = list(zdx.get_paginator("list_devices").paginate(PaginationConfig={"PageSize": 2}, **window))
    assert [[d["id"] for d in page["devices"]] for page in pages] == [[5001, 5002], [5003]]
    assert [d.id for d in zs.zdx.devices.all()] == [5001, 5002, 5003]

    started = zdx.create_device_deep_traces(id=5001, body={
        "session_name": "slow mail", "app_id": 101, "session_length_minutes": 5, "probe_device": True})
    trace_id = started["trace_id"]
    assert [t["trace_id"] for t in zdx.list_device_deep_traces(id=5001)] == [trace_id]
    assert zdx.get_device_deep_trace(id=5001, traceId=trace_id)["session_name"] == "slow mail"
    zdx.delete_device_trace(id=5001, traceId=trace_id)
    assert zdx.list_device_deep_traces(id=5001) == []
