//! ZPA object shapes: type rules, server-side defaults and write semantics.
//! Read-time derived fields live in `zpa_render`.
//! This module owns ZPA write semantics; it may not lock the store or build
//! responses.

use serde_json::{json, Map, Value};

use crate::body::{self, Kind};
use crate::collections::{self as keys, ZpaView};
use crate::errors::ApiError;
use crate::product::Product;
use crate::store::find;

/// Admin id stamped into `modifiedBy` for writes made through the emulator.
pub const ADMIN_ID: &str = "216196257331281922";
/// The always-present microtenant.
pub const DEFAULT_MICROTENANT_ID: &str = "0";
/// Name of the always-present microtenant.
pub const DEFAULT_MICROTENANT_NAME: &str = "Default";

/// The writable ZPA collections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coll {
    /// Application segments.
    Application,
    /// Segment groups.
    SegmentGroup,
    /// Server groups.
    ServerGroup,
}

impl Coll {
    /// Human label used in error messages.
    pub fn label(self) -> &'static str {
        match self {
            Coll::Application => "Application segment",
            Coll::SegmentGroup => "Segment group",
            Coll::ServerGroup => "Server group",
        }
    }

    /// The collection's storage key.
    pub fn key(self) -> &'static str {
        match self {
            Coll::Application => keys::ZPA_APPLICATIONS,
            Coll::SegmentGroup => keys::ZPA_SEGMENT_GROUPS,
            Coll::ServerGroup => keys::ZPA_SERVER_GROUPS,
        }
    }

    /// The stored objects.
    pub fn items<'a>(self, z: &ZpaView<'a>) -> &'a [Value] {
        match self {
            Coll::Application => z.applications,
            Coll::SegmentGroup => z.segment_groups,
            Coll::ServerGroup => z.server_groups,
        }
    }

    /// Type rules for client-supplied fields.
    fn fields(self) -> &'static [(&'static str, Kind)] {
        const COMMON: [(&str, Kind); 4] = [
            ("name", Kind::Str),
            ("description", Kind::Str),
            ("enabled", Kind::Bool),
            ("microtenantId", Kind::Id),
        ];
        match self {
            Coll::Application => &[
                COMMON[0],
                COMMON[1],
                COMMON[2],
                COMMON[3],
                ("domainNames", Kind::StrList),
                ("segmentGroupId", Kind::Id),
                ("serverGroups", Kind::ObjList),
                ("tcpPortRanges", Kind::StrList),
                ("udpPortRanges", Kind::StrList),
                ("tcpPortRange", Kind::ObjList),
                ("udpPortRange", Kind::ObjList),
                ("bypassType", Kind::Str),
                ("healthReporting", Kind::Str),
                ("healthCheckType", Kind::Str),
                ("icmpAccessType", Kind::Str),
                ("matchStyle", Kind::Str),
                ("doubleEncrypt", Kind::Bool),
                ("ipAnchored", Kind::Bool),
                ("isCnameEnabled", Kind::Bool),
                ("passiveHealthEnabled", Kind::Bool),
                ("selectConnectorCloseToApp", Kind::Bool),
                ("inspectTrafficWithZia", Kind::Bool),
            ],
            Coll::SegmentGroup => &[
                COMMON[0],
                COMMON[1],
                COMMON[2],
                COMMON[3],
                ("tcpKeepAliveEnabled", Kind::Str),
                ("applications", Kind::ObjList),
            ],
            Coll::ServerGroup => &[
                COMMON[0],
                COMMON[1],
                COMMON[2],
                COMMON[3],
                ("dynamicDiscovery", Kind::Bool),
                ("ipAnchored", Kind::Bool),
                ("appConnectorGroups", Kind::ObjList),
                ("servers", Kind::ObjList),
                ("applications", Kind::ObjList),
            ],
        }
    }

    /// Values ZPA fills in when the client does not send them.
    fn defaults(self) -> Value {
        match self {
            Coll::Application => json!({
                "adpEnabled": false, "apiProtectionEnabled": false,
                "autoAppProtectEnabled": false, "bypassOnReauth": false,
                "bypassType": "NEVER", "configSpace": "DEFAULT", "doubleEncrypt": false,
                "enabled": true, "extranetEnabled": false, "fqdnDnsCheck": false,
                "healthCheckType": "DEFAULT", "healthReporting": "ON_ACCESS",
                "icmpAccessType": "NONE", "inspectTrafficWithZia": false,
                "ipAnchored": false, "isCnameEnabled": true, "isIncompleteDRConfig": false,
                "matchStyle": "EXCLUSIVE", "passiveHealthEnabled": true, "policyStyle": "NONE",
                "readOnly": false, "selectConnectorCloseToApp": false, "tcpKeepAlive": "0",
                "useInDrMode": false, "weightedLoadBalancing": false, "zscalerManaged": false
            }),
            Coll::SegmentGroup => json!({
                "configSpace": "DEFAULT", "enabled": true, "policyMigrated": true,
                "readOnly": false, "tcpKeepAliveEnabled": "0", "zscalerManaged": false
            }),
            Coll::ServerGroup => json!({
                "configSpace": "DEFAULT", "dynamicDiscovery": false, "enabled": false,
                "extranetEnabled": false, "ipAnchored": false, "readOnly": false,
                "zscalerManaged": false
            }),
        }
    }
}

/// Fields the server owns; values sent by clients for these are ignored.
const SERVER_OWNED: &[&str] = &[
    "id",
    "creationTime",
    "modifiedTime",
    "modifiedBy",
    "microtenantName",
    "segmentGroupName",
    "readOnly",
    "zscalerManaged",
];

/// Validates a create/replace body against the type rules and references.
/// Runs before any mutation so a rejected request changes nothing.
pub fn validate(
    z: &ZpaView<'_>,
    coll: Coll,
    body: &Map<String, Value>,
    creating: bool,
) -> Result<(), ApiError> {
    let required: &[&str] = if creating { &["name"] } else { &[] };
    body::check(Product::ZPA, body, coll.fields(), required)?;
    if body
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(|n| n.trim().is_empty())
    {
        return Err(ApiError::invalid_body(
            Product::ZPA,
            "name must not be empty",
        ));
    }
    for key in ["tcpPortRanges", "udpPortRanges"] {
        if let Some(list) = body.get(key).and_then(Value::as_array) {
            let ok = list.len() % 2 == 0
                && list
                    .iter()
                    .all(|p| p.as_str().and_then(|s| s.parse::<u16>().ok()).is_some());
            if !ok {
                return Err(ApiError::invalid_body(
                    Product::ZPA,
                    format!("{key} must hold from/to port pairs"),
                ));
            }
        }
    }
    if let Some(sg) = body.get("segmentGroupId") {
        let id = id_text(sg);
        if find(z.segment_groups, &id).is_none() {
            return Err(ApiError::invalid_body(
                Product::ZPA,
                format!("Segment group {id} does not exist"),
            ));
        }
    }
    let refs: &[(&str, &[Value])] = &[
        ("serverGroups", z.server_groups),
        ("appConnectorGroups", z.connector_groups),
    ];
    for (key, pool) in refs {
        for r in body
            .get(*key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let id = r.get("id").map(id_text).unwrap_or_default();
            if find(pool, &id).is_none() {
                return Err(ApiError::invalid_body(
                    Product::ZPA,
                    format!("{key} references unknown id {id:?}"),
                ));
            }
        }
    }
    if let Some(mt) = body.get("microtenantId") {
        microtenant_name(z, &id_text(mt)).ok_or_else(|| {
            ApiError::invalid_body(
                Product::ZPA,
                format!("Microtenant {} does not exist", id_text(mt)),
            )
        })?;
    }
    Ok(())
}

/// Builds the stored object for a create (`prev` = None) or a replace.
///
/// Replace follows ZPA: client fields not resent are dropped (a PUT of only
/// `name` loses the description), server defaults come back, while id,
/// creation time and microtenant (unless resent) are kept.
pub fn build(
    z: &ZpaView<'_>,
    coll: Coll,
    mut body: Map<String, Value>,
    id: String,
    prev: Option<&Value>,
    now: u64,
) -> Value {
    for key in SERVER_OWNED {
        body.remove(*key);
    }
    // Back-references are derived at read time, never stored.
    if coll != Coll::Application {
        body.remove("applications");
    }
    body::id_to_string(&mut body, "segmentGroupId");
    body::id_to_string(&mut body, "microtenantId");
    for key in ["serverGroups", "appConnectorGroups"] {
        if let Some(list) = body.get(key).and_then(Value::as_array) {
            let refs: Vec<Value> = list
                .iter()
                .map(|r| json!({ "id": id_text(&r["id"]) }))
                .collect();
            body.insert(key.into(), Value::Array(refs));
        }
    }
    if coll == Coll::Application {
        normalise_ports(&mut body, "tcp");
        normalise_ports(&mut body, "udp");
    }

    let mut obj = coll.defaults().as_object().cloned().unwrap_or_default();
    if let Some(prev) = prev {
        if let Some(name) = prev.get("name") {
            obj.insert("name".into(), name.clone());
        }
        if let Some(mt) = prev.get("microtenantId") {
            obj.insert("microtenantId".into(), mt.clone());
        }
    }
    obj.extend(body);
    let created = prev
        .and_then(|p| p.get("creationTime").cloned())
        .unwrap_or_else(|| json!(now.to_string()));
    obj.insert("id".into(), json!(id));
    obj.insert("creationTime".into(), created);
    obj.insert("modifiedTime".into(), json!(now.to_string()));
    obj.insert("modifiedBy".into(), json!(ADMIN_ID));
    let mt = obj
        .get("microtenantId")
        .and_then(Value::as_str)
        .unwrap_or(DEFAULT_MICROTENANT_ID)
        .to_string();
    if mt == DEFAULT_MICROTENANT_ID {
        // ZPA leaves the id out for the Default microtenant.
        obj.remove("microtenantId");
    }
    let name = microtenant_name(z, &mt).unwrap_or(DEFAULT_MICROTENANT_NAME);
    obj.insert("microtenantName".into(), json!(name));
    Value::Object(obj)
}

/// Keeps `xPortRanges` (flat from/to strings) and `xPortRange` (objects) in
/// agreement, preferring the flat form when both are sent, as ZPA does.
fn normalise_ports(obj: &mut Map<String, Value>, proto: &str) {
    let flat_key = format!("{proto}PortRanges");
    let obj_key = format!("{proto}PortRange");
    let flat: Vec<String> = obj
        .get(&flat_key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let flat = if flat.is_empty() {
        obj.get(&obj_key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .flat_map(|r| [id_text(&r["from"]), id_text(&r["to"])])
                    .collect()
            })
            .unwrap_or_default()
    } else {
        flat
    };
    obj.remove(&flat_key);
    obj.remove(&obj_key);
    if flat.is_empty() {
        return;
    }
    let pairs: Vec<Value> = flat
        .chunks(2)
        .map(|c| json!({ "from": c[0], "to": c.get(1).unwrap_or(&c[0]) }))
        .collect();
    obj.insert(flat_key, json!(flat));
    obj.insert(obj_key, Value::Array(pairs));
}

/// The name of microtenant `id`, if it exists.
pub fn microtenant_name<'a>(z: &ZpaView<'a>, id: &str) -> Option<&'a str> {
    find(z.microtenants, id).and_then(|m| m["name"].as_str())
}

/// The microtenant an object belongs to ("0" when it carries none).
pub fn microtenant_of(obj: &Value) -> String {
    obj.get("microtenantId")
        .map(id_text)
        .unwrap_or_else(|| DEFAULT_MICROTENANT_ID.to_string())
}

/// An id given as string or number, as text.
pub fn id_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}
