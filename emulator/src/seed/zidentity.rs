//! ZIdentity demo tenant: 25 users and 6 groups.
//! It owns ZIdentity demo data only.

use serde_json::json;

use super::{EMOJI_NAME, LONG_UNICODE, XSS_IMG, XSS_SCRIPT};
use crate::collections::{ZIDENTITY_GROUPS, ZIDENTITY_USERS};
use crate::store::{scrambled_id, Store};

const DEPARTMENTS: [&str; 5] = [
    "Engineering",
    "Finance",
    "Sales",
    "IT Operations",
    "Human Resources",
];

/// (first, last, login local part, department index, source, active).
const USERS: [(&str, &str, &str, usize, &str, bool); 25] = [
    ("Alice", "Johnson", "alice.johnson", 0, "SCIM", true),
    ("Bob", "Smith", "bob.smith", 1, "SCIM", true),
    ("Carol", "Martinez", "carol.martinez", 4, "SCIM", true),
    ("David", "Chen", "david.chen", 0, "SCIM", true),
    ("Emma", "Wilson", "emma.wilson", 2, "SCIM", true),
    ("Farhan", "Ahmed", "farhan.ahmed", 3, "SCIM", true),
    ("Grace", "Okafor", "grace.okafor", 2, "SCIM", false),
    ("Hiroshi", "Tanaka", "hiroshi.tanaka", 0, "SCIM", true),
    ("Isabella", "Rossi", "isabella.rossi", 1, "UI", true),
    ("Jamal", "Washington", "jamal.washington", 2, "SCIM", true),
    ("Katarzyna", "Nowak", "katarzyna.nowak", 1, "SCIM", true),
    ("Liam", "O'Brien", "liam.obrien", 3, "SCIM", true),
    ("Mei", "Lin", "mei.lin", 0, "SCIM", true),
    ("Noah", "Becker", "noah.becker", 4, "UI", true),
    ("Olivia", "Brown", "olivia.brown", 2, "SCIM", true),
    ("Pedro", "Alvarez", "pedro.alvarez", 2, "SCIM", true),
    ("Quinn", "Taylor", "quinn.taylor", 3, "API", true),
    ("Rachel", "Green", "rachel.green", 1, "SCIM", true),
    ("Samir", "Patel", "samir.patel", 0, "SCIM", true),
    ("Tanya", "Ivanova", "tanya.ivanova", 4, "SCIM", false),
    ("Zoë", "Ångström", "zoe.angstrom", 0, "SCIM", true),
    ("Ravi", "Kumar", "ravi.kumar", 0, "API", true),
    ("Script", "Tester", "xss.tester", 3, "API", true),
    ("Unicode", "Tester", "unicode.tester", 3, "API", true),
    ("Service", "Account", "svc.automation", 3, "API", true),
];

/// Fills the demo tenant.
pub fn demo(z: &mut Store) {
    let idp = json!({ "id": scrambled_id("h1", 7), "name": "Okta Workforce" });
    for (i, (first, last, local, dept, source, active)) in USERS.into_iter().enumerate() {
        let id = z.ids.alnum("ih");
        let display = match local {
            "ravi.kumar" => format!("Ravi Kumar {EMOJI_NAME}"),
            "xss.tester" => XSS_SCRIPT.to_string(),
            "unicode.tester" => LONG_UNICODE.to_string(),
            _ => format!("{first} {last}"),
        };
        let mut u = json!({
            "customAttrsInfo": {},
            "department": {
                "id": scrambled_id("tp", 100 + dept as u64), "name": DEPARTMENTS[dept]
            },
            "displayName": display, "firstName": first, "id": id,
            "idp": if source == "SCIM" { idp.clone() } else { json!({}) },
            "lastName": last, "loginName": format!("{local}@corp.example.com"),
            "primaryEmail": format!("{local}@corp.example.com"), "source": source,
            "status": active
        });
        if i % 4 == 1 {
            u["secondaryEmail"] = json!(format!("{local}@personal.example.net"));
        }
        if local == "xss.tester" {
            u["customAttrsInfo"] = json!({ "note": XSS_IMG });
        }
        z.collection_mut(ZIDENTITY_USERS).push(u);
    }

    let groups = [
        ("All Employees", "Everyone in the company", false, "SCIM"),
        ("Engineering", "Engineering department", false, "SCIM"),
        ("Finance", "Finance department", false, "SCIM"),
        (
            "ZIdentity Admins",
            "Administrators of the identity service",
            false,
            "API",
        ),
        (
            "Active Contractors",
            "Dynamic group of active contractor accounts",
            true,
            "API",
        ),
        ("Release Crew 🚀", XSS_IMG, false, "UI"),
    ];
    for (name, desc, dynamic, source) in groups {
        let id = z.ids.alnum("ia");
        z.collection_mut(ZIDENTITY_GROUPS).push(json!({
            "adminEntitlementEnabled": name == "ZIdentity Admins",
            "description": desc, "dynamicGroup": dynamic, "id": id, "name": name,
            "serviceEntitlementEnabled": true, "source": source
        }));
    }
}
