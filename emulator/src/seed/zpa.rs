//! ZPA demo tenant: 45 application segments in 6 segment groups, 4 server
//! groups, 3 connector groups, 2 IdPs with SCIM data, 2 microtenants.
//! It owns ZPA demo data only.

use serde_json::{json, Map, Value};

use super::zpa_apps::APPS;
use super::{SEED_EPOCH, XSS_IMG};
use crate::collections::{
    ZpaView, ZPA_APPLICATIONS, ZPA_CONNECTOR_GROUPS, ZPA_IDPS, ZPA_MICROTENANTS,
    ZPA_SCIM_ATTRIBUTES, ZPA_SCIM_GROUPS, ZPA_SEGMENT_GROUPS, ZPA_SERVER_GROUPS,
};
use crate::products::zpa_model::{self, Coll, ADMIN_ID};
use crate::store::Store;

/// Placeholder certificate body: syntactically PEM, obviously not real.
const DEMO_CERT: &str = "-----BEGIN CERTIFICATE-----\nRU1VTEFUT1IgREVNTyBDRVJUSUZJQ0FURSAtIE5PVCBBIFJFQUwgS0VZ\n-----END CERTIFICATE-----\n";

/// Adds the Default microtenant, which every tenant has.
pub fn default_microtenant(z: &mut Store) {
    z.collection_mut(ZPA_MICROTENANTS).push(json!({
        "description": "Default microtenant for objects not assigned to another microtenant",
        "enabled": true,
        "id": "0",
        "name": "Default",
        "operator": "OR",
        "privilegedApprovalsEnabled": true,
        "scopeOrder": "2"
    }));
}

/// Seconds-since-epoch string `n` hours after the seed epoch.
fn ts(n: u64) -> String {
    (SEED_EPOCH + n * 3600).to_string()
}

/// Runs `zpa_model::build` on a literal body and backdates the timestamps.
fn make(z: &mut Store, coll: Coll, body: Value, age: u64) -> Value {
    let id = z.ids.numeric();
    let body: Map<String, Value> = body.as_object().cloned().unwrap_or_default();
    let mut obj = zpa_model::build(&ZpaView::of(z), coll, body, id, None, 0);
    obj["creationTime"] = json!(ts(age));
    obj["modifiedTime"] = json!(ts(age + 24));
    obj
}

/// Fills the demo tenant.
pub fn demo(z: &mut Store) {
    let contractors = z.ids.numeric();
    z.collection_mut(ZPA_MICROTENANTS).insert(
        0,
        json!({
            "creationTime": ts(1), "criteriaAttribute": "AuthDomain",
            "description": "Third-party contractors with limited access",
            "enabled": true, "id": contractors, "modifiedBy": ADMIN_ID,
            "modifiedTime": ts(2), "name": "Contractors", "operator": "OR",
            "privilegedApprovalsEnabled": true, "scopeOrder": "1"
        }),
    );
    connector_groups(z);
    let servers = server_groups(z);
    let groups = segment_groups(z, &contractors);
    applications(z, &groups, &servers, &contractors);
    idps(z);
}

fn connector_groups(z: &mut Store) {
    let sites = [
        (
            "US-West Connectors",
            "San Jose, CA, USA",
            "San Jose, US",
            "US",
            "37.3387",
            "-121.8853",
        ),
        (
            "EU-Central Connectors",
            "Frankfurt, Hesse, Germany",
            "Frankfurt, DE",
            "DE",
            "50.1109",
            "8.6821",
        ),
        (
            "APAC Connectors",
            "Singapore",
            "Singapore, SG",
            "SG",
            "1.3521",
            "103.8198",
        ),
    ];
    for (i, (name, location, city, cc, lat, lon)) in sites.into_iter().enumerate() {
        let id = z.ids.numeric();
        z.collection_mut(ZPA_CONNECTOR_GROUPS).push(json!({
            "cityCountry": city, "connectorGroupType": "APP", "countryCode": cc,
            "creationTime": ts(10 + i as u64), "description": format!("App connectors in {location}"),
            "dnsQueryType": "IPV4_IPV6", "enabled": true, "id": id, "latitude": lat,
            "location": location, "longitude": lon, "lssAppConnectorGroup": false,
            "microtenantName": "Default", "modifiedBy": ADMIN_ID, "modifiedTime": ts(20 + i as u64),
            "name": name, "overrideVersionProfile": true, "praEnabled": false, "readOnly": false,
            "tcpQuickAckApp": false, "tcpQuickAckAssistant": false, "tcpQuickAckReadAssistant": false,
            "upgradeDay": "SUNDAY", "upgradePriority": "WEEK", "upgradeTimeInSecs": "66600",
            "useInDrMode": false, "version": {
                "childVersion": "24.10.1", "latestPlatform": "el9", "sargeVersion": "24.10.1",
                "versionProfileName": "Default", "version_profile_gid": "0"
            },
            "versionProfileId": "0", "versionProfileName": "Default",
            "versionProfileVisibilityScope": "ALL", "wafDisabled": false, "zscalerManaged": false
        }));
    }
}

fn server_groups(z: &mut Store) -> Vec<String> {
    let cg: Vec<Value> = z
        .collection(ZPA_CONNECTOR_GROUPS)
        .iter()
        .map(|c| c["id"].clone())
        .collect();
    let defs = [
        (
            "US-West App Servers",
            "Servers reached via the San Jose connectors",
            vec![0],
        ),
        (
            "EU App Servers",
            "Servers reached via the Frankfurt connectors",
            vec![1],
        ),
        (
            "APAC App Servers",
            "Servers reached via the Singapore connectors",
            vec![2],
        ),
        (
            "Datacenter Core",
            "Primary datacenter, reachable from US and EU",
            vec![0, 1],
        ),
    ];
    let mut ids = Vec::new();
    for (i, (name, desc, acgs)) in defs.into_iter().enumerate() {
        let refs: Vec<Value> = acgs.iter().map(|&k| json!({ "id": cg[k] })).collect();
        let obj = make(
            z,
            Coll::ServerGroup,
            json!({
                "name": name, "description": desc, "enabled": true,
                "dynamicDiscovery": true, "appConnectorGroups": refs
            }),
            30 + i as u64,
        );
        ids.push(obj["id"].as_str().unwrap_or_default().to_string());
        z.collection_mut(ZPA_SERVER_GROUPS).push(obj);
    }
    ids
}

fn segment_groups(z: &mut Store, contractors: &str) -> Vec<String> {
    let defs = [
        (
            "Corporate Apps",
            "Everyday business applications".to_string(),
            "0",
        ),
        ("Finance", "Finance and accounting systems".to_string(), "0"),
        (
            "Engineering",
            "Developer tooling and observability".to_string(),
            "0",
        ),
        ("HR & People", format!("People systems {XSS_IMG}"), "0"),
        (
            "Infrastructure",
            "Admin access to datacenter infrastructure".to_string(),
            "0",
        ),
        (
            "Contractor Apps",
            "Apps exposed to contractors".to_string(),
            contractors,
        ),
    ];
    let mut ids = Vec::new();
    for (i, (name, desc, mt)) in defs.into_iter().enumerate() {
        let obj = make(
            z,
            Coll::SegmentGroup,
            json!({ "name": name, "description": desc, "enabled": true, "microtenantId": mt }),
            40 + i as u64,
        );
        ids.push(obj["id"].as_str().unwrap_or_default().to_string());
        z.collection_mut(ZPA_SEGMENT_GROUPS).push(obj);
    }
    ids
}

fn applications(z: &mut Store, groups: &[String], servers: &[String], contractors: &str) {
    for (i, (name, domains, ports, sg, desc)) in APPS.iter().enumerate() {
        let domains: Vec<&str> = domains.split(',').collect();
        let description = if desc.is_empty() {
            format!("Access to {}", domains[0])
        } else {
            desc.to_string()
        };
        let server = &servers[i % servers.len()];
        let mt = if *sg == 5 { contractors } else { "0" };
        let obj = make(
            z,
            Coll::Application,
            json!({
                "name": name, "description": description, "enabled": i % 11 != 7,
                "domainNames": domains, "segmentGroupId": groups[*sg],
                "serverGroups": [{ "id": server }], "tcpPortRanges": ports,
                "bypassType": "NEVER", "healthReporting": "ON_ACCESS",
                "doubleEncrypt": false, "microtenantId": mt
            }),
            100 + i as u64,
        );
        z.collection_mut(ZPA_APPLICATIONS).push(obj);
    }
}

fn idps(z: &mut Store) {
    let okta = z.ids.numeric();
    let zslogin = z.ids.numeric();
    let meta = |id: &str| {
        json!({
            "certificateUrl": format!("https://config.zpa.example.com/auth/{id}/certificate"),
            "spBaseUrl": "https://config.zpa.example.com/auth",
            "spEntityId": format!("https://config.zpa.example.com/auth/metadata/{id}"),
            "spMetadataUrl": format!("https://config.zpa.example.com/auth/{id}/metadata"),
            "spPostUrl": format!("https://config.zpa.example.com/auth/{id}/sso")
        })
    };
    let cert = |cname: &str, serial: &str| {
        json!([{ "cName": cname, "certificate": DEMO_CERT, "serialNo": serial,
                 "validFromInSec": ts(0), "validToInSec": "2020000000" }])
    };
    z.collection_mut(ZPA_IDPS).push(json!({
        "autoProvision": "0", "certificates": cert("okta.example.com", "1700000000001"),
        "creationTime": ts(3), "delta": "5f1d2c3b4a5968778695a4b3c2d1e0f1",
        "disableSamlBasedPolicy": false, "domainList": ["corp.example.com"],
        "enableArbitraryAuthDomains": "1", "enableScimBasedPolicy": true, "enabled": true,
        "forceAuth": false, "id": okta, "idpEntityId": "http://www.okta.example.com/exk0demo0idp",
        "loginHint": true, "loginUrl": "https://okta.example.com/app/zpa/exk0demo0idp/sso/saml",
        "modifiedBy": ADMIN_ID, "modifiedTime": ts(5), "name": "Okta Workforce",
        "oneIdentityEnabled": false, "reauthOnUserUpdate": false, "redirectBinding": false,
        "scimEnabled": true,
        "scimServiceProviderEndpoint": format!("https://config.zpa.example.com/scim/1/{okta}/v2"),
        "scimSharedSecretExists": true, "signSamlRequest": "1", "ssoType": ["USER"],
        "useCustomSPMetadata": true, "userMetadata": meta(&okta), "userSpSigningCertId": "0"
    }));
    z.collection_mut(ZPA_IDPS).push(json!({
        "adminMetadata": meta(&zslogin), "adminSpSigningCertId": "0",
        "certificates": cert("zslogin.example.net", "1700000000002"),
        "creationTime": ts(4), "delta": "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "disableSamlBasedPolicy": false,
        "domainList": ["corp.example.com", "corp.zslogin.example.net"],
        "enableScimBasedPolicy": false, "enabled": true, "forceAuth": false, "id": zslogin,
        "idpEntityId": "https://identity.example.net", "loginHint": true,
        "loginUrl": "https://identity.example.net/sso/saml2/idp/800000000001",
        "modifiedBy": ADMIN_ID, "modifiedTime": ts(4), "name": "ZSlogin Admin SSO",
        "oneIdentityEnabled": true, "reauthOnUserUpdate": false, "scimEnabled": false,
        "scimServiceProviderEndpoint": format!("https://config.zpa.example.com/scim/1/{zslogin}/v2"),
        "scimSharedSecretExists": false, "signSamlRequest": "1", "ssoType": ["ADMIN"],
        "useCustomSPMetadata": true
    }));
    scim_attributes(z, &okta);
    scim_groups(z, &okta);
}

fn scim_attributes(z: &mut Store, idp: &str) {
    const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
    const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    let defs = [
        ("userName", "String", true, USER, true),
        ("displayName", "String", false, USER, false),
        ("name.givenName", "String", false, USER, false),
        ("name.familyName", "String", false, USER, false),
        ("emails.value", "String", false, USER, false),
        ("title", "String", false, USER, false),
        ("active", "Boolean", false, USER, false),
        ("department", "String", false, ENTERPRISE, false),
        ("costCenter", "String", false, ENTERPRISE, false),
    ];
    for (i, (name, data_type, required, schema, unique)) in defs.into_iter().enumerate() {
        let id = z.ids.numeric();
        z.collection_mut(ZPA_SCIM_ATTRIBUTES).push(json!({
            "caseSensitive": false, "creationTime": ts(6 + i as u64), "dataType": data_type,
            "id": id, "idpId": idp, "modifiedBy": ADMIN_ID, "modifiedTime": ts(6 + i as u64),
            "multivalued": name == "emails.value", "mutability": "readWrite", "name": name,
            "required": required, "returned": "default", "schemaURI": schema,
            "uniqueness": unique
        }));
    }
}

fn scim_groups(z: &mut Store, idp: &str) {
    let idp_num: u64 = idp.parse().unwrap_or_default();
    let names = [
        "All Employees",
        "Engineering",
        "Finance",
        "Human Resources",
        "IT Operations",
        "Security Team",
        "Sales",
        "Marketing",
        "Executives",
        "Contractors",
        "Help Desk",
        "Zscaler Admins",
    ];
    for (i, name) in names.into_iter().enumerate() {
        let t = SEED_EPOCH + i as u64 * 86_400;
        z.collection_mut(ZPA_SCIM_GROUPS).push(json!({
            "creationTime": t, "id": 4_100_001 + i as u64, "idpGroupId": null,
            "idpId": idp_num, "internalId": pseudo_uuid(i as u64),
            "modifiedTime": t + 3600, "name": name
        }));
    }
}

/// A stable UUID-shaped string derived from `n`.
fn pseudo_uuid(n: u64) -> String {
    let a = (n + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let b = a.rotate_left(29) ^ 0xD1B5_4A32_D192_ED03;
    format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}
