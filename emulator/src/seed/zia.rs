//! ZIA demo tenant: 8 departments, 8 groups, 30 users.
//! It owns ZIA demo data only.

use serde_json::{json, Value};

use super::{EMOJI_NAME, XSS_IMG, XSS_SCRIPT};
use crate::collections::{ZIA_DEPARTMENTS, ZIA_GROUPS, ZIA_USERS};
use crate::store::Store;

const DEPARTMENTS: [&str; 8] = [
    "Engineering",
    "Finance",
    "Human Resources",
    "Sales",
    "Marketing",
    "IT Operations",
    "Legal",
    "Service Admin",
];

const GROUPS: [(&str, &str); 8] = [
    ("Engineering", "All engineers"),
    ("Finance", "Finance and accounting"),
    ("Contractors", "Third-party contractors"),
    ("Executives", "Leadership team"),
    ("Remote Workers", "Users working from home"),
    ("Security Team", ""),
    ("Help Desk", ""),
    ("Service Admin", ""),
];

/// (display name, email local part, department index, group indexes).
const USERS: [(&str, &str, usize, &[usize]); 30] = [
    ("Alice Johnson", "alice.johnson", 0, &[0, 4]),
    ("Bob Smith", "bob.smith", 1, &[1]),
    ("Carol Martinez", "carol.martinez", 2, &[]),
    ("David Chen", "david.chen", 0, &[0]),
    ("Emma Wilson", "emma.wilson", 3, &[4]),
    ("Farhan Ahmed", "farhan.ahmed", 5, &[5, 6]),
    ("Grace Okafor", "grace.okafor", 4, &[]),
    ("Hiroshi Tanaka", "hiroshi.tanaka", 0, &[0, 4]),
    ("Isabella Rossi", "isabella.rossi", 6, &[3]),
    ("Jamal Washington", "jamal.washington", 3, &[]),
    ("Katarzyna Nowak", "katarzyna.nowak", 1, &[1, 4]),
    ("Liam O'Brien", "liam.obrien", 5, &[6]),
    ("Mei Lin", "mei.lin", 0, &[0]),
    ("Noah Becker", "noah.becker", 2, &[]),
    ("Olivia Brown", "olivia.brown", 4, &[4]),
    ("Pedro Alvarez", "pedro.alvarez", 3, &[2]),
    ("Quinn Taylor", "quinn.taylor", 5, &[5]),
    ("Rachel Green", "rachel.green", 1, &[1]),
    ("Samir Patel", "samir.patel", 0, &[0, 5]),
    ("Tanya Ivanova", "tanya.ivanova", 6, &[]),
    ("Umar Farouk", "umar.farouk", 5, &[6]),
    ("Valentina Cruz", "valentina.cruz", 4, &[]),
    ("William Park", "william.park", 3, &[3]),
    ("Zoë Ångström-Øyelaran 山田", "zoe.angstrom", 0, &[0]),
    ("Ravi 🚀 Kumar", "ravi.kumar", 0, &[0, 4]),
    (XSS_SCRIPT, "xss.script", 2, &[2]),
    ("Contractor Account", "contractor.one", 0, &[2]),
    ("Audit Service", "audit.service", 7, &[7]),
    ("Admin Test", "admin.test", 7, &[7]),
    ("Helpdesk Bot", "helpdesk.bot", 5, &[6]),
];

/// Fills the demo tenant.
pub fn demo(z: &mut Store) {
    for name in DEPARTMENTS {
        let id = z.ids.int();
        z.collection_mut(ZIA_DEPARTMENTS).push(json!({
            "comments": format!("{name} department"), "id": id, "name": name
        }));
    }
    for (name, comments) in GROUPS {
        let id = z.ids.int();
        let mut g = json!({ "id": id, "name": name });
        if !comments.is_empty() {
            g["comments"] = json!(comments);
        }
        z.collection_mut(ZIA_GROUPS).push(g);
    }
    for (i, (name, local, dept, groups)) in USERS.into_iter().enumerate() {
        let id = z.ids.int();
        let d = &z.collection(ZIA_DEPARTMENTS)[dept];
        let gs: Vec<Value> = groups
            .iter()
            .map(|&g| json!({ "id": z.collection(ZIA_GROUPS)[g]["id"], "name": z.collection(ZIA_GROUPS)[g]["name"] }))
            .collect();
        let mut u = json!({
            "adminUser": dept == 7, "deleted": false,
            "department": { "id": d["id"], "name": d["name"] },
            "email": format!("{local}@corp.example.com"), "groups": gs, "id": id,
            "name": name, "pilotUser": i % 9 == 4, "pwdLastModifiedTime": 0
        });
        match local {
            "xss.script" => u["comments"] = json!(XSS_IMG),
            "ravi.kumar" => u["comments"] = json!(format!("Release captain {EMOJI_NAME}")),
            "contractor.one" => u["tempAuthEmail"] = json!("contractor.one@vendor.example.net"),
            _ if i % 7 == 3 => u["comments"] = json!("Created by the emulator demo seed"),
            _ => {}
        }
        if i == 13 {
            u["disabled"] = json!(true);
        }
        z.collection_mut(ZIA_USERS).push(u);
    }
}
