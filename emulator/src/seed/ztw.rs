//! ZTW demo tenant: 4 Cloud and Branch Connector groups with their VMs,
//! 5 connector locations, 2 location templates (besides the predefined
//! default one) and 3 provisioning URLs tying them together.
//! It owns ZTW demo data only.

use serde_json::{json, Value};

use super::{push, LONG_UNICODE, SEED_EPOCH, XSS_IMG};
use crate::store::Store;

const ZTW: &str = "ztw";

/// (group name, platform, cloud, region, deploy type, VMs).
const GROUPS: [(&str, &str, &str, &str, &str, usize); 4] = [
    (
        "AWS us-east-1 Cloud Connectors",
        "AWS",
        "AWS",
        "us-east-1",
        "CLOUD",
        2,
    ),
    (
        "Azure westeurope Cloud Connectors",
        "AZURE",
        "AZURE",
        "westeurope",
        "CLOUD",
        2,
    ),
    ("Branch Munich", "VMWARE_ESXI", "BRANCH", "", "BRANCH", 1),
    (
        "GCP asia-southeast1 Connectors",
        "GCP",
        "GCP",
        "asia-southeast1",
        "CLOUD",
        3,
    ),
];

/// (location name, country, time zone, branch location).
const LOCATIONS: [(&str, &str, &str, bool); 5] = [
    (
        "AWS-USE1-VPC-prod",
        "UNITED_STATES",
        "UNITED_STATES_AMERICA_NEW_YORK",
        false,
    ),
    (
        "AZ-WEU-VNET-shared",
        "NETHERLANDS",
        "NETHERLANDS_EUROPE_AMSTERDAM",
        false,
    ),
    ("Branch Munich", "GERMANY", "GERMANY_EUROPE_BERLIN", true),
    (
        "GCP-ASE1-VPC-data",
        "SINGAPORE",
        "SINGAPORE_ASIA_SINGAPORE",
        false,
    ),
    (XSS_IMG, "GERMANY", "GERMANY_EUROPE_BERLIN", true),
];

fn admin() -> Value {
    json!({ "id": 36_000_101, "name": "demo-admin@corp.example.com" })
}

/// Fills the demo tenant.
pub fn demo(z: &mut Store) {
    let mut locations = Vec::new();
    for (i, (name, country, tz, branch)) in LOCATIONS.into_iter().enumerate() {
        let id = z.ids.int();
        let description = if i == 4 {
            LONG_UNICODE
        } else {
            "Created by a provisioning URL"
        };
        let mut loc = json!({
                "id": id, "name": name, "description": description, "country": country, "tz": tz,
                "ecLocation": true, "bcLocation": branch, "ccLocation": !branch,
                "authRequired": false, "ofwEnabled": true, "ipsControl": true,
                "sslScanEnabled": false, "xffForwardEnabled": false, "surrogateIP": false,
                "idleTimeInMinutes": 0, "upBandwidth": 0, "dnBandwidth": 0, "childCount": 0,
                "excludeFromDynamicGroups": false, "excludeFromManualGroups": false,
                "ipAddresses": [], "ports": [], "language": "NONE", "profile": "SERVER",
                "nonEditable": false, "geoOverride": false, "latitude": 0, "longitude": 0,
                "managedBy": { "id": 0, "name": "Cloud & Branch Connector" }
        });
        // Cloud locations belong to a cloud account; branch sites have none.
        if !branch {
            loc["publicCloudAccountId"] =
                json!({ "id": 4100 + i, "name": format!("acct-{}", 4100 + i) });
        }
        push(z, ZTW, "/api/v1/location", loc);
        locations.push((id, name));
    }
    let mut templates = Vec::new();
    for (name, desc, ofw) in [
        ("aws-prod-template", "Production VPCs", true),
        ("branch-template", "Branch sites", false),
    ] {
        let id = z.ids.int();
        let t = json!({
            "id": id, "name": name, "desc": desc, "editable": true,
            "lastModTime": SEED_EPOCH + 7_200, "lastModUid": admin(),
            "template": {
                "aupEnabled": false, "aupTimeoutInDays": 0, "authRequired": false,
                "cautionEnabled": false, "dnBandwidth": 0, "enforceBandwidthControl": false,
                "idleTimeInMinutes": 0, "ipsControl": true, "ofwEnabled": ofw,
                "surrogateIP": false, "surrogateIPEnforcedForKnownBrowsers": false,
                "surrogateRefreshTimeInMinutes": 0, "templatePrefix": name.split('-').next().unwrap_or(name),
                "upBandwidth": 0, "xffForwardEnabled": false
            }
        });
        push(z, ZTW, "/api/v1/locationTemplate", t.clone());
        templates.push(t);
    }
    let mut groups = Vec::new();
    for (gi, (name, platform, cloud, region, deploy, vms)) in GROUPS.into_iter().enumerate() {
        let id = z.ids.int();
        let branch = deploy == "BRANCH";
        let vms: Vec<Value> = (0..vms).map(|v| vm(z, gi, v, branch)).collect();
        let (loc_id, loc_name) = locations[gi];
        let region_field = match cloud {
            "AWS" => "awsRegion",
            "AZURE" => "azureRegion",
            _ => "gcpRegion",
        };
        let mut g = json!({
            "id": id, "name": name, "desc": format!("{} connectors", if branch { "Branch" } else { "Cloud" }),
            "deployType": deploy, "platform": platform, "status": ["ENABLED"],
            "location": { "id": loc_id, "name": loc_name },
            "provTemplate": { "id": 0, "name": "" },
            "autoScale": cloud != "BRANCH" && gi != 1, "maxEcCount": 4, "maxUserPerMTunnel": 0,
            "tunnelMode": "ENCRYPTED", "fallBackToTls": false, "zeroTrustGroup": false,
            "zpaUserTunnel": false, "vms": vms
        });
        if !region.is_empty() {
            g[region_field] = json!(region);
        }
        push(z, ZTW, "/api/v1/ecgroup", g);
        groups.push((id, name));
    }
    for (i, (name, cloud)) in [
        ("AWS-USE1", "AWS"),
        ("AZ-WEU", "AZURE"),
        ("BRANCH-MUC", "BRANCH"),
    ]
    .into_iter()
    .enumerate()
    {
        let id = z.ids.int();
        let template = templates[usize::from(cloud == "BRANCH")].clone();
        push(
            z,
            ZTW,
            "/api/v1/provUrl",
            json!({
                "id": id, "name": name, "desc": format!("Provisioning for {name}"),
                "lastModTime": SEED_EPOCH + 10_800 + i as u64 * 60, "lastModUid": admin(),
                "provUrl": format!("connector.emulator.example/api/v1/provUrl?name={name}"),
                "provUrlType": if cloud == "BRANCH" { "ONPREM" } else { "CLOUD" }, "status": "DEPLOYED",
                "usedInEcGroups": [{ "id": groups[i].0, "name": groups[i].1 }],
                "provUrlData": {
                    "apiServer": "connector.emulator.example", "cellEdgeDeploy": false,
                    "cloudProviderType": cloud, "configServer": "ecservice.emulator.example",
                    "formFactor": "SMALL", "location": { "id": locations[i].0, "name": locations[i].1 },
                    "locationTemplate": template, "orgId": 41_000,
                    "pacServer": "pac.emulator.example", "registrationServer": "registration.emulator.example",
                    "releaseChannel": "PRODUCTION", "zsCloudDomain": "emulator.example"
                }
            }),
        );
    }
}

/// VM `v` of group `g`: the branch box and one cloud VM are degraded so
/// status views have something to show.
fn vm(z: &mut Store, g: usize, v: usize, branch: bool) -> Value {
    let id = z.ids.int();
    let up = !(branch || (g == 3 && v == 2));
    let host = format!("ec-{g}{v}-{}", if branch { "muc" } else { "cloud" });
    json!({
        "id": id, "name": host, "formFactor": if branch { "MEDIUM" } else { "SMALL" },
        "operationalStatus": if up { "ACTIVE" } else { "INACTIVE" }, "status": [if up { "ENABLED" } else { "DISABLED" }],
        "haStatus": if v == 0 { "ACTIVE" } else { "STANDBY" }, "autoScale": !branch,
        "deployAsGateway": false, "failOpen": false, "dnsCache": true, "useWanDns": false,
        "natIp": format!("203.0.113.{}", 10 + g * 8 + v), "lastUpgradeTime": SEED_EPOCH + 86_400 * (g as u64 + 3),
        "upgradeDayOfWeek": 0, "upgradeStartTime": 7_200, "upgradeEndTime": 14_400, "upgradeStatus": 0,
        "ziaGateway": "fra4-2.sme.emulator.example", "ziaGateways": ["fra4-2.sme.emulator.example"],
        "zpaBroker": "broker1.emulator.example", "zpaBrokers": ["broker1.emulator.example"],
        "metaConfig": { "hostName": host, "nativeId": format!("i-05eed{g}{v}0c0ffee"), "repoTag": "", "uuid": format!("5eed00{g}{v}-0000-4000-8000-000000000000") },
        "managementNw": { "id": id * 10, "ipStart": format!("10.{g}.{v}.10"), "ipEnd": format!("10.{g}.{v}.10"), "netmask": "255.255.255.0", "defaultGateway": format!("10.{g}.{v}.1"), "nwType": "STATIC", "portStatusUp": up },
        "ecInstances": [{ "id": id * 10 + 1, "name": format!("{host}-inst"), "ecInstanceType": "SME", "natIp": format!("203.0.113.{}", 10 + g * 8 + v), "registerTime": SEED_EPOCH + 3_600 }]
    })
}
