//! ZWA demo tenant: 10 DLP incidents (open and closed, every severity),
//! with notes, evidence, change history and tickets. It owns ZWA demo data
//! only.
//!
//! Incidents are addressed by `internalId`, which the item routes take as
//! `{dlpIncidentId}`; `products::zwa` serves them. They live in the
//! collection the item paths imply (the spec has no plain list route), which
//! the search POST lists too.

use serde_json::{json, Value};

use super::{push, put, EMOJI_NAME, SEED_EPOCH, XSS_IMG, XSS_SCRIPT};
use crate::products::zwa::iso8601;
use crate::store::Store;

const ZWA: &str = "zwa";

/// (user, department, policy rule, dictionary, severity, status, source).
const INCIDENTS: [(&str, &str, &str, &str, &str, &str, &str); 10] = [
    (
        "alice.johnson",
        "Engineering",
        "Block source code upload",
        "Source Code",
        "HIGH",
        "OPEN",
        "WEB",
    ),
    (
        "bob.smith",
        "Finance",
        "Credit cards to personal email",
        "Credit Cards",
        "CRITICAL",
        "OPEN",
        "EMAIL",
    ),
    (
        "carol.martinez",
        "Human Resources",
        "PII in cloud storage",
        "Social Security Numbers",
        "HIGH",
        "IN_PROGRESS",
        "SAAS",
    ),
    (
        "david.chen",
        "Engineering",
        "Secrets in chat",
        "AWS Keys",
        "MEDIUM",
        "OPEN",
        "WEB",
    ),
    (
        "emma.wilson",
        "Sales",
        "Customer list download",
        "Salesforce Reports",
        "LOW",
        "CLOSED",
        "ENDPOINT",
    ),
    (
        "farhan.ahmed",
        "IT Operations",
        "Block source code upload",
        "Source Code",
        "MEDIUM",
        "CLOSED",
        "WEB",
    ),
    (
        "grace.okafor",
        "Marketing",
        "Unreleased campaign assets",
        "Confidential Label",
        "LOW",
        "OPEN",
        "SAAS",
    ),
    (
        "hiroshi.tanaka",
        "Engineering",
        "PII in cloud storage",
        "Passport Numbers",
        "HIGH",
        "CLOSED",
        "SAAS",
    ),
    (
        "isabella.rossi",
        "Legal",
        "Contracts to USB",
        "Legal Documents",
        "INFO",
        "OPEN",
        "ENDPOINT",
    ),
    (
        "xss.tester",
        "Security",
        "Credit cards to personal email",
        "Credit Cards",
        "CRITICAL",
        "OPEN",
        "EMAIL",
    ),
];

/// ISO-8601 time `secs` after the seed epoch.
fn iso(secs: u64) -> String {
    iso8601(SEED_EPOCH + secs)
}

/// Fills the demo tenant.
pub fn demo(z: &mut Store) {
    for (i, row) in INCIDENTS.into_iter().enumerate() {
        let id = format!("{}", 7_310_000_000_000_u64 + i as u64 * 4_111);
        let incident = incident(i, &id, row);
        let evidence = json!({
            "fileName": format!("evidence-{id}.{}", if row.6 == "EMAIL" { "eml" } else { "txt" }),
            "fileType": if row.6 == "EMAIL" { "message/rfc822" } else { "text/plain" },
            "evidenceURL": format!("https://evidence.emulator.example/dlp/{id}"),
            "additionalInfo": { "matchedBytes": 512 + i * 64 }
        });
        put(
            z,
            ZWA,
            &format!("/dlp/v1/incidents/{id}/evidence"),
            evidence,
        );
        put(
            z,
            ZWA,
            &format!("/dlp/v1/incidents/{id}/change-history"),
            json!({
                "incidentId": id, "startDate": incident["createdAt"], "endDate": incident["lastUpdatedAt"],
                "changeHistory": [
                    { "field": "status", "oldValue": "NEW", "newValue": row.5, "changedBy": "demo-admin@corp.example.com", "changedAt": incident["lastUpdatedAt"] }
                ]
            }),
        );
        if i % 3 == 0 {
            push(
                z,
                ZWA,
                &format!("/dlp/v1/incidents/{id}/tickets"),
                json!({
                    "ticketType": "INCIDENT", "ticketingSystemName": "ServiceNow",
                    "projectId": "SEC", "projectName": "Security Operations",
                    "ticketInfo": { "ticketId": format!("INC00{}", 41_000 + i), "ticketUrl": format!("https://itsm.emulator.example/INC00{}", 41_000 + i), "state": "New" }
                }),
            );
        }
        push(z, ZWA, &format!("/dlp/v1/incidents/{id}"), incident);
    }
}

fn incident(i: usize, id: &str, row: (&str, &str, &str, &str, &str, &str, &str)) -> Value {
    let (user, dept, rule, dict, severity, status, source) = row;
    let hostile = user == "xss.tester";
    let created = 86_400 * (30 + i as u64 * 3) + 3_600 * (i as u64 % 9);
    let updated = created + 5_400 * (i as u64 + 1);
    let closed = status == "CLOSED";
    let name = if hostile {
        XSS_SCRIPT.to_string()
    } else {
        title(user)
    };
    let mut notes = vec![json!({
        "body": format!("Auto-triaged: {rule}"), "createdAt": iso(created + 60),
        "lastUpdatedAt": iso(created + 60), "createdBy": "workflow-automation", "lastUpdatedBy": "workflow-automation"
    })];
    if hostile {
        notes.push(json!({
            "body": format!("Attachment named {XSS_IMG} {EMOJI_NAME}"), "createdAt": iso(created + 600),
            "lastUpdatedAt": iso(created + 600), "createdBy": XSS_SCRIPT, "lastUpdatedBy": XSS_SCRIPT
        }));
    }
    json!({
        "internalId": id, "integrationType": "ZIA", "transactionId": format!("tx-{:x}", 0x5eed_0000 + i * 977),
        "sourceType": source, "sourceSubType": if source == "SAAS" { "ONEDRIVE" } else { "" },
        "sourceActions": [if severity == "CRITICAL" || severity == "HIGH" { "BLOCK" } else { "ALLOW" }],
        "severity": severity, "priority": (["P1", "P2", "P3", "P4"][i % 4]), "matchCount": 3 + (i as i64 * 11) % 40,
        "createdAt": iso(created), "lastUpdatedAt": iso(updated),
        "sourceFirstObservedAt": iso(created - 300), "sourceLastObservedAt": iso(created - 30),
        "metadataFileUrl": format!("https://evidence.emulator.example/dlp/{id}/metadata.json"),
        "status": status, "resolution": if closed { "FALSE_POSITIVE" } else { "" },
        "closedCode": if closed { "FALSE_POSITIVE" } else { "" },
        "assignedAdmin": { "id": 36_000_101, "name": "Security Analyst", "email": "soc@corp.example.com" },
        "incidentGroupIds": [format!("grp-{}", 1 + i % 3)],
        "labels": [{ "key": "department", "value": dept }],
        "notes": notes, "incidentGroups": [{ "id": format!("grp-{}", 1 + i % 3), "name": (["Finance data", "Source code", "Personal data"][i % 3]) }],
        "dlpIncidentTickets": [],
        "matchingPolicies": {
            "engines": [{ "name": "PCI", "rule": rule }], "rules": [{ "name": rule }],
            "dictionaries": [{ "name": dict, "matchCount": 3 + (i as i64 * 11) % 40, "nameMatchCount": 1 }]
        },
        "userInfo": {
            "name": name, "email": if hostile { XSS_IMG.to_string() } else { format!("{user}@corp.example.com") },
            "clientIP": format!("10.30.{}.{}", i, 40 + i), "uniqueIdentifier": format!("{user}@corp.example.com"),
            "userId": 55_000 + i, "department": dept, "homeCountry": "US",
            "managerInfo": { "id": 55_900, "name": "Dana Manager", "email": "dana.manager@corp.example.com" }
        },
        "applicationInfo": { "name": if source == "EMAIL" { "Gmail" } else { "OneDrive" }, "hostnameOrApplication": "onedrive.live.com" },
        "contentInfo": { "fileName": format!("report-{i}.xlsx"), "fileType": "XLSX" },
        "networkInfo": { "source": format!("10.30.{}.{}", i, 40 + i), "destination": "203.0.113.80" },
        "lastNotifiedUser": { "name": name }
    })
}

/// "alice.johnson" → "Alice Johnson".
fn title(user: &str) -> String {
    user.split('.')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
