//! ZDX demo tenant: 6 monitored applications with a score and metric time
//! series, 3 ongoing and 5 historical alerts, 8 devices and 8 users.
//! It owns ZDX demo data only.
//!
//! The series end when the tenant is built (rounded down to the interval)
//! and reach back a day, so the real API's default window (the last two
//! hours) and any window inside that day find points; `products::zdx`
//! cuts them to the requested window. The values depend only on the
//! application and the point's position, never on the clock.

use serde_json::{json, Value};

use super::{push, put, EMOJI_NAME, XSS_SCRIPT};
use crate::store::{now_secs, Store};

const ZDX: &str = "zdx";

/// Seconds between two points of a series.
pub const STEP: u64 = 300;
/// Points in a series: one day.
pub const POINTS: u64 = 288;

/// (name, baseline score, how deep its worst dip goes, active users).
const APPS: [(&str, i64, i64, i64); 6] = [
    ("Microsoft 365", 86, 9, 412),
    ("Salesforce", 78, 14, 188),
    ("Zoom", 91, 6, 365),
    ("ServiceNow", 64, 30, 97),
    ("Google Workspace", 82, 11, 240),
    (XSS_SCRIPT, 47, 35, 12),
];

/// Metrics each application reports besides its score: (name, unit, scale).
const METRICS: [(&str, &str, i64); 3] = [
    ("pft", "ms", 9),
    ("dns_time", "ms", 2),
    ("availability", "%", 0),
];

/// The score of application `app` at point `k` (0 = oldest): a smooth daily
/// swell with a dip in the afternoon, plus small fixed jitter, in 0..=100.
fn score(app: usize, k: u64) -> i64 {
    let (_, base, dip, _) = APPS[app];
    let phase = (k as f64 + app as f64 * 17.0) / POINTS as f64 * std::f64::consts::TAU;
    let swell = (phase.sin() * 4.0).round() as i64;
    let dist = (k as i64 - (200 + app as i64 * 11)).abs();
    let trough = if dist < 12 { dip * (12 - dist) / 12 } else { 0 };
    let jitter = ((k * 7 + app as u64 * 13) % 5) as i64 - 2;
    (base + swell - trough + jitter).clamp(0, 100)
}

/// A series of `metric` for application `app`, ending at `end`.
fn series(app: usize, metric: &str, unit: &str, end: u64, value: impl Fn(i64) -> i64) -> Value {
    let points: Vec<Value> = (0..POINTS)
        .map(|k| {
            let t = end - (POINTS - 1 - k) * STEP;
            json!({ "timestamp": t, "value": value(score(app, k)) })
        })
        .collect();
    json!({ "metric": metric, "unit": unit, "datapoints": points })
}

/// Fills the demo tenant.
pub fn demo(z: &mut Store) {
    let end = now_secs() / STEP * STEP;
    let mut apps = Vec::new();
    for (i, (name, _, _, users)) in APPS.into_iter().enumerate() {
        let id = z.ids.int();
        let now = score(i, POINTS - 1);
        let poor = users * (100 - now) / 400;
        let stats = json!({
            "active_devices": users + users / 5, "active_users": users,
            "num_good": users - poor - users / 10, "num_na": 0,
            "num_okay": users / 10, "num_poor": poor
        });
        let region = json!({
            "city": (["Frankfurt", "São Paulo", "Chicago"][i % 3]),
            "country": (["Germany", "Brazil", "United States"][i % 3]),
            "geo_type": "city", "id": format!("geo-{}", 300 + i), "region": "", "state": ""
        });
        push(
            z,
            ZDX,
            "/v1/apps",
            json!({
                "id": id, "name": name, "score": now, "total_users": users,
                "ApplicationStats": stats, "stats": stats, "most_impacted_region": region
            }),
        );
        put(
            z,
            ZDX,
            &format!("/v1/apps/{id}/score"),
            series(i, "score", "", end, |s| s),
        );
        let path = format!("/v1/apps/{id}/metrics");
        for (metric, unit, scale) in METRICS {
            let s = series(i, metric, unit, end, |s| match scale {
                0 => {
                    if s < 40 {
                        97
                    } else {
                        100
                    }
                }
                k => 120 + (100 - s) * k,
            });
            push(z, ZDX, &path, s);
        }
        apps.push((id, name));
    }
    alerts(z, &apps, end);
    devices_and_users(z);
}

fn alerts(z: &mut Store, apps: &[(i64, &str)], end: u64) {
    // (app index, rule, severity, hours ago it started, hours it lasted; 0 = ongoing).
    let rows = [
        (3, "ServiceNow page fetch time", "critical", 2, 0),
        (5, "Payroll portal availability", "critical", 5, 0),
        (1, "Salesforce DNS resolution", "warning", 1, 0),
        (0, "M365 score below 70", "warning", 30, 2),
        (2, "Zoom call quality", "info", 52, 1),
        (4, "Workspace web probe failures", "warning", 75, 4),
        (3, "ServiceNow page fetch time", "critical", 100, 6),
        (1, "Salesforce DNS resolution", "info", 140, 1),
    ];
    for (app, rule, severity, ago, lasted) in rows {
        let id = z.ids.int();
        let started = end - ago * 3600;
        let ongoing = lasted == 0;
        let alert = json!({
            "alert_status": if ongoing { "ONGOING" } else { "RESOLVED" },
            "alert_type": if rule.contains("DNS") { "NETWORK" } else { "APPLICATION" },
            "application": { "id": apps[app].0, "name": apps[app].1 },
            "ended_on": if ongoing { 0 } else { started + lasted * 3600 },
            "id": id, "num_devices": 3 + (id % 17), "num_geolocations": 1 + (id % 4),
            "rule_name": rule, "severity": severity, "started_on": started
        });
        let list = if ongoing {
            "/v1/alerts/ongoing"
        } else {
            "/v1/alerts/historical"
        };
        push(z, ZDX, list, alert.clone());
        let mut detail = alert;
        detail["departments"] = json!([{ "id": 51, "name": "Engineering", "num_devices": 2 }]);
        detail["geolocations"] = json!([{
            "city": "Frankfurt", "country": "Germany", "id": "geo-300", "num_devices": 1, "state": "Hesse"
        }]);
        detail["locations"] = json!([{ "id": 61, "name": "HQ Office", "num_devices": 2 }]);
        push(z, ZDX, "/v1/alerts/1", detail);
    }
}

fn devices_and_users(z: &mut Store) {
    let people = [
        ("Alice Johnson", "alice.johnson"),
        ("Bob Smith", "bob.smith"),
        ("David Chen", "david.chen"),
        ("Emma Wilson", "emma.wilson"),
        ("Hiroshi Tanaka", "hiroshi.tanaka"),
        ("Mei Lin", "mei.lin"),
        ("Samir Patel", "samir.patel"),
        (EMOJI_NAME, "launch.control"),
    ];
    for (i, (name, local)) in people.into_iter().enumerate() {
        let (uid, did) = (z.ids.int(), z.ids.int());
        let mac = i < 3;
        let host = format!("{}-{:03}", if mac { "MAC" } else { "WIN" }, 100 + i);
        let os = if mac { "macOS" } else { "Windows" };
        let (os_ver, model) = if mac {
            ("14.5", "MacBook Pro")
        } else {
            ("10.0.22631", "Latitude 7440")
        };
        push(
            z,
            ZDX,
            "/v1/devices",
            json!({
                "id": did, "name": host, "userid": uid, "os": os, "client_conn_ver": "4.4.0.379",
                "cpu": if mac { "Apple M3" } else { "Intel Core i7-1365U" },
                "mem": "16 GB", "hw_model": model, "hw_serial": format!("SN5EED{:04}", i * 53),
                "private_ip": format!("10.10.{}.{}", 4 + i, 20 + i), "public_ip": format!("198.51.100.{}", 10 + i),
                "gateway": format!("10.10.{}.1", 4 + i), "dns_servers": "10.10.0.53",
                "dns_suffix": "corp.example.com", "tunnel": "Z-Tunnel 2.0",
                "hardware": {
                    "cpu_mfg": if mac { "Apple" } else { "Intel" }, "cpu_model": if mac { "M3" } else { "i7-1365U" },
                    "disk_model": "NVMe SSD", "disk_size": "512 GB", "disk_type": "SSD", "gpu": "Integrated",
                    "hw_mfg": if mac { "Apple" } else { "Dell Inc." }, "hw_model": model,
                    "hw_serial": format!("SN5EED{:04}", i * 53), "hw_type": "Laptop",
                    "logical_proc": 8, "num_cores": 8, "speed_ghz": 3, "tot_mem": "16 GB"
                },
                "network": [{
                    "bssid": "", "channel": "", "dns_srvs": "10.10.0.53", "dns_suffix": "corp.example.com",
                    "gateway": format!("10.10.{}.1", 4 + i), "guid": format!("net-{did}"),
                    "ipv4": format!("10.10.{}.{}", 4 + i, 20 + i), "ipv6": "", "mac": format!("02:5E:ED:00:10:{i:02X}"),
                    "net_type": "Ethernet", "ssid": "", "status": "Up", "wifi_adapter": "", "wifi_type": ""
                }],
                "software": {
                    "client_conn_ver": "4.4.0.379", "hostname": host, "netbios": host,
                    "os_build": os_ver, "os_name": os, "os_ver": os_ver,
                    "user": format!("{local}@corp.example.com"), "zdx_ver": "4.4.0.120"
                }
            }),
        );
        let loc = json!([{ "city": "Frankfurt", "country": "Germany", "geo_type": "city", "id": "geo-300", "state": "Hesse" }]);
        push(
            z,
            ZDX,
            "/v1/users",
            json!({
                "id": uid, "name": name, "email": format!("{local}@corp.example.com"),
                "score": 60 + (i as i64 * 7) % 40,
                "devices": [{ "id": did, "name": host, "geo_locations": loc, "geo_loc": loc, "zs_locations": [], "zs_loc": [] }]
            }),
        );
    }
}
