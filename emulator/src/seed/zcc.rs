//! ZCC demo tenant: 25 enrolled devices across five platforms and every
//! registration state, 3 trusted networks, 3 forwarding profiles and a
//! fail-open policy. It owns ZCC demo data only.
//!
//! Device details (`getDeviceDetails`) are served from the same device
//! objects by `products::zcc`, so the seed stores the detail-only fields
//! (snake_case, as the details route spells them) on each device too.

use serde_json::{json, Value};

use super::{push, EMOJI_NAME, LONG_UNICODE, SEED_EPOCH, XSS_IMG, XSS_SCRIPT};
use crate::store::Store;

const ZCC: &str = "zcc";

/// The device list route.
pub const DEVICES: &str = "/papi/public/v1/getDevices";

/// (device type code, platform, OS version, manufacturer, model).
/// Type codes follow the service: 1 iOS, 2 Android, 3 Windows, 4 macOS, 5 Linux.
const PLATFORMS: [(i64, &str, &str, &str, &str); 5] = [
    (
        3,
        "Windows",
        "Microsoft Windows 11 Enterprise;64 bit;amd64",
        "Dell Inc.",
        "Latitude 7440",
    ),
    (
        4,
        "macOS",
        "Version 14.5 (Build 23F79) ;arm",
        "Apple",
        "Apple Mac15,3",
    ),
    (1, "iOS", "iOS 17.5.1", "Apple", "iPhone15,2"),
    (2, "Android", "Android 14", "Google", "Pixel 8"),
    (
        5,
        "Linux",
        "Ubuntu 22.04.4 LTS",
        "Lenovo",
        "ThinkPad X1 Carbon",
    ),
];

/// (registration state, state code). Codes are the emulator's own.
const STATES: [(&str, i64); 5] = [
    ("Registered", 1),
    ("Removal Pending", 3),
    ("Unregistered", 2),
    ("Quarantined", 5),
    ("Removed", 4),
];

const OWNERS: [&str; 20] = [
    "alice.johnson",
    "bob.smith",
    "carol.martinez",
    "david.chen",
    "emma.wilson",
    "farhan.ahmed",
    "grace.okafor",
    "hiroshi.tanaka",
    "isabella.rossi",
    "jamal.washington",
    "katarzyna.nowak",
    "liam.obrien",
    "mei.lin",
    "noah.becker",
    "olivia.brown",
    "pedro.alvarez",
    "quinn.taylor",
    "rachel.green",
    "samir.patel",
    "tanya.ivanova",
];

/// Fills the demo tenant.
pub fn demo(z: &mut Store) {
    for i in 0..25usize {
        push(z, ZCC, DEVICES, device(i));
    }
    trusted_networks(z);
    forwarding_profiles(z);
    push(
        z,
        ZCC,
        "/papi/public/v1/webFailOpenPolicy/listByCompany",
        json!({
            "active": "1", "captivePortalWebSecDisableMinutes": 10, "companyId": "41000",
            "createdBy": "demo-admin", "editedBy": "demo-admin",
            "enableCaptivePortalDetection": "1", "enableFailOpen": "1",
            "enableStrictEnforcementPrompt": "0", "enableWebSecOnProxyUnreachable": "0",
            "enableWebSecOnTunnelFailure": "1", "id": "7301",
            "strictEnforcementPromptDelayMinutes": 2, "strictEnforcementPromptMessage": "",
            "tunnelFailureRetryCount": 25
        }),
    );
}

/// Device `i`: platforms rotate fastest, states change every 5 devices
/// with most devices registered, so every platform shows up in every state.
fn device(i: usize) -> Value {
    let (kind, platform, os, maker, model) = PLATFORMS[i % 5];
    let (reg, code) = match i {
        0..=14 => STATES[0],
        15..=17 => STATES[1],
        18..=20 => STATES[2],
        21..=22 => STATES[3],
        _ => STATES[4],
    };
    let owner = OWNERS[i % OWNERS.len()];
    let (host, user) = match i {
        3 => (XSS_IMG.to_string(), format!("{owner}@corp.example.com")),
        7 => (
            format!("{platform}-{EMOJI_NAME}"),
            format!("{owner}@corp.example.com"),
        ),
        11 => ("build-agent-11".to_string(), XSS_SCRIPT.to_string()),
        16 => (
            LONG_UNICODE.to_string(),
            format!("{owner}@corp.example.com"),
        ),
        _ => (
            format!("{}-{:04}", &platform[..3].to_uppercase(), 1000 + i * 37),
            format!("{owner}@corp.example.com"),
        ),
    };
    let registered = SEED_EPOCH + 86_400 * (i as u64 + 1);
    let seen = registered + 3_600 * (7 + i as u64 * 5);
    let dereg = if code == 1 {
        String::new()
    } else {
        (seen + 600).to_string()
    };
    let agent = ["4.4.0.379", "4.5.2.73", "4.3.1.201"][i % 3];
    let udid = format!(
        "{:08X}-{:04X}-4{:03X}-A{:03X}-{:012X}",
        0x5EED_0000 + i * 7919,
        i * 31,
        i * 17,
        i * 13,
        0xDE_0000_u64 + i as u64 * 104_729
    );
    let mac = format!("02:5E:ED:{:02X}:{:02X}:{:02X}", i, i * 3 % 256, i * 7 % 256);
    json!({
        "agentVersion": agent, "companyName": "Emulator Demo Corp",
        "config_download_time": (seen - 1_800).to_string(),
        "deregistrationTimestamp": dereg, "detail": format!("{maker} {model}"),
        "download_count": 3 + (i as i64 * 7) % 40,
        "hardwareFingerprint": format!("{:040x}", 0x5eed_u128 * (i as u128 + 11) * 0x9e37_79b9_7f4a_7c15),
        "keepAliveTime": seen.to_string(), "last_seen_time": seen.to_string(),
        "macAddress": mac, "machineHostname": host, "manufacturer": maker,
        "osVersion": os, "owner": owner,
        "policyName": if kind == 1 || kind == 2 { "Mobile Default" } else { "Corporate Laptops" },
        "registrationState": reg, "registration_time": registered.to_string(),
        "state": code, "tunnelVersion": if i % 4 == 0 { "20:1" } else { "10" },
        "type": kind, "udid": udid, "upmVersion": "4.4.1.12", "user": user,
        "vpnState": if code == 1 { 1 } else { 0 },
        "zappArch": if kind == 4 || i % 5 == 0 { Value::from("arm64") } else { Value::Null },
        // Detail-only fields, for the device details route.
        "agent_version": agent, "device_locale": (["en-US", "de-DE", "ja-JP", "fr-FR"][i % 4]),
        "device_policy_name": if kind <= 2 { "Mobile Default" } else { "Corporate Laptops" },
        "external_model": model, "rooted": kind == 2 && i == 13,
        "zpa_last_seen_time": (seen - 120).to_string(), "zpa_version": "24.3.2",
        "zdx_version": "4.4.0.120", "zdp_version": "", "carrier": if kind <= 2 { "Demo Mobile" } else { "" }
    })
}

fn trusted_networks(z: &mut Store) {
    let nets = [
        (
            "HQ Office",
            "10.10.0.0/16",
            "10.10.0.53",
            "corp.example.com",
        ),
        (
            "Branch Munich",
            "10.20.0.0/16",
            "10.20.0.53",
            "muc.corp.example.com",
        ),
        (
            EMOJI_NAME,
            "192.168.50.0/24",
            "192.168.50.1",
            "lab.example.com",
        ),
    ];
    for (i, (name, subnet, dns, domain)) in nets.into_iter().enumerate() {
        push(
            z,
            ZCC,
            "/papi/public/v1/webTrustedNetwork/listByCompany",
            json!({
                "active": true, "companyId": "41000", "conditionType": 1,
                "createdBy": "demo-admin", "dnsSearchDomains": domain, "dnsServers": dns,
                "editedBy": "demo-admin", "guid": format!("5eedc0de-0000-4000-8000-00000000000{i}"),
                "hostnames": format!("intranet.{domain}"), "id": (8100 + i).to_string(),
                "networkName": name, "resolvedIpsForHostname": "", "ssids": "",
                "trustedDhcpServers": "", "trustedEgressIps": "", "trustedGateways": "",
                "trustedSubnets": subnet
            }),
        );
    }
}

fn forwarding_profiles(z: &mut Store) {
    let profiles = [("Default", 0), ("Office Tunnel 2.0", 1), ("Travel", 0)];
    for (i, (name, evaluate)) in profiles.into_iter().enumerate() {
        push(
            z,
            ZCC,
            "/papi/public/v1/webForwardingProfile/listByCompany",
            json!({
                "active": "1", "conditionType": 1, "dnsSearchDomains": "", "dnsServers": "",
                "enableLWFDriver": "0", "enableSplitVpnTN": 0, "evaluateTrustedNetwork": evaluate,
                "forwardingProfileActions": [], "forwardingProfileZpaActions": [],
                "hostname": "", "id": (9200 + i).to_string(), "name": name,
                "predefinedTnAll": false, "predefinedTrustedNetworks": false,
                "resolvedIpsForHostname": "", "skipTrustedCriteriaMatch": 0,
                "trustedDhcpServers": "", "trustedEgressIps": "", "trustedGateways": "",
                "trustedNetworkIds": if evaluate == 1 { json!([8100, 8101]) } else { json!([]) },
                "trustedNetworks": [], "trustedSubnets": ""
            }),
        );
    }
}
