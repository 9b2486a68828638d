//! Following ids through a replayed cassette: the real tenant and the
//! emulator hand out different ids, so an id the recording got back is
//! replaced by the emulator's in every later path, query and body.

use std::collections::HashMap;

use serde_json::Value;

/// Recorded id text to the emulator's id value, plus the same per
/// collection: the real tenant numbers each kind of object on its own, so
/// one id can name a static IP and a GRE tunnel in the same cassette.
#[derive(Default)]
pub struct IdMap(HashMap<String, Value>, HashMap<(String, String), Value>);

/// An id's text, for ids sent as strings or numbers alike.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl IdMap {
    /// Learns the ids of the objects `got` answers where `recorded` was
    /// answered: the top-level object, objects under the same keys, and
    /// list elements paired by name.
    /// `path` is the recorded request path: the objects answered at the
    /// top level belong to its collection.
    pub fn learn(&mut self, path: &str, recorded: &Value, got: &Value) {
        let path = path.trim_end_matches('/');
        let rid = recorded.get("id").and_then(text);
        // A read of an item answers for the collection above it.
        let coll = match path.rsplit_once('/') {
            Some((parent, last)) if rid.as_deref() == Some(last) => parent,
            _ => path,
        };
        self.walk(Some(coll), recorded, got);
    }

    fn walk(&mut self, coll: Option<&str>, recorded: &Value, got: &Value) {
        match (recorded, got) {
            (Value::Object(r), Value::Object(g)) => {
                if let (Some(rid), Some(gid)) = (r.get("id").and_then(text), g.get("id")) {
                    // One-digit ids (`0`, `1`) are also ordinary values.
                    if rid.len() >= 2 && text(gid).is_some_and(|g| g != rid) {
                        if let Some(c) = coll {
                            self.1.insert((c.to_string(), rid.clone()), gid.clone());
                        }
                        self.0.entry(rid).or_insert_with(|| gid.clone());
                    }
                }
                for (k, rv) in r {
                    if let (Some(gv), true) = (g.get(k), rv.is_object() || rv.is_array()) {
                        // A page's `list` holds the collection's objects.
                        self.walk(coll.filter(|_| k == "list"), rv, gv);
                    }
                }
            }
            (Value::Array(r), Value::Array(g)) => {
                for rv in r {
                    let name = rv.get("name").filter(|n| n.is_string());
                    if let Some(gv) = name.and_then(|n| g.iter().find(|o| o.get("name") == Some(n)))
                    {
                        self.walk(coll, rv, gv);
                    }
                }
            }
            _ => {}
        }
    }

    /// `path` with every segment that is a known recorded id replaced, by
    /// the id of its own collection where one was learned.
    pub fn path(&self, path: &str) -> String {
        let segs: Vec<&str> = path.split('/').collect();
        segs.iter()
            .enumerate()
            .map(|(i, seg)| {
                let coll = segs[..i].join("/");
                self.1
                    .get(&(coll, seg.to_string()))
                    .or_else(|| self.0.get(*seg))
                    .and_then(text)
                    .unwrap_or_else(|| seg.to_string())
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// A segment of the recorded `path` that looks like an object id but
    /// was never handed out in this cassette: an object of the recording
    /// tenant, which a fresh emulator cannot have. `tenant` is the customer
    /// id, which the emulator serves as its own.
    pub fn unknown_id<'a>(&self, path: &'a str, tenant: &str) -> Option<&'a str> {
        path.split('/').find(|seg| {
            let digits = seg.len() >= 2 && seg.bytes().all(|b| b.is_ascii_digit());
            let uuid = seg.len() == 36 && seg.bytes().filter(|&b| b == b'-').count() == 4;
            let alnum = seg.len() >= 10
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && seg.bytes().filter(u8::is_ascii_digit).count() >= 2;
            (digits || uuid || alnum) && *seg != tenant && !self.0.contains_key(*seg)
        })
    }

    /// The `id` a write's body names when it is not one this cassette
    /// got back: the recording edited an object its tenant already had
    /// (ZCC's `.../edit` takes the id in the body, not the path).
    pub fn unknown_body_id(&self, body: &Value) -> Option<String> {
        let id = body.get("id").and_then(text)?;
        let looks = id.len() >= 2 && id.bytes().all(|b| b.is_ascii_digit());
        (looks && !self.0.contains_key(&id)).then_some(id)
    }

    /// One query value, replaced when it is a known id.
    pub fn word(&self, value: &str) -> String {
        self.0
            .get(value)
            .and_then(text)
            .unwrap_or_else(|| value.to_string())
    }

    /// `body` with known ids replaced, keeping each value's JSON type
    /// (a number stays a number when the new id is numeric). Short ids
    /// (two or three digits) are replaced only under id-named keys, where
    /// they cannot be a port, a count or an order.
    pub fn body(&self, body: &Value) -> Value {
        self.value(body, true)
    }

    fn value(&self, v: &Value, id_key: bool) -> Value {
        let known = |t: &str| {
            self.0
                .get(t)
                .filter(|_| id_key || t.len() > 3)
                .and_then(text)
        };
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, x)| (k.clone(), self.value(x, is_id_key(k))))
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.value(x, id_key)).collect()),
            Value::String(s) => known(s).map_or_else(|| v.clone(), Value::String),
            Value::Number(n) => match known(&n.to_string()) {
                Some(new) => new
                    .parse::<u64>()
                    .map(Value::from)
                    .unwrap_or(Value::String(new)),
                None => v.clone(),
            },
            _ => v.clone(),
        }
    }
}

/// `id`, `appConnectorGroupId`, `idpIds`: keys whose values are ids.
fn is_id_key(k: &str) -> bool {
    k == "id" || k.ends_with("Id") || k.ends_with("Ids") || k.ends_with("_id")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_follow_into_paths_queries_and_bodies() {
        let mut m = IdMap::default();
        m.learn(
            "/zia/api/v1/staticIP",
            &json!({"id": 4338893, "list": [{"name": "a", "id": "7001"}]}),
            &json!({"id": 12, "list": [{"name": "a", "id": "5"}, {"name": "b", "id": "6"}]}),
        );
        m.learn(
            "/zia/api/v1/greTunnels",
            &json!({"id": 4338893}),
            &json!({"id": 13}),
        );
        assert_eq!(
            m.path("/zia/api/v1/greTunnels/4338893"),
            "/zia/api/v1/greTunnels/13"
        );
        assert_eq!(
            m.path("/zia/api/v1/staticIP/4338893"),
            "/zia/api/v1/staticIP/12"
        );
        assert_eq!(m.word("7001"), "5");
        assert_eq!(m.unknown_id("/zia/api/v1/staticIP/4338893", "216"), None);
        assert_eq!(m.unknown_body_id(&json!({"id": 4338893})), None);
        assert_eq!(
            m.unknown_body_id(&json!({"id": "11925"})),
            Some("11925".into())
        );
        assert_eq!(m.unknown_body_id(&json!({"id": 0})), None);
        assert_eq!(m.unknown_id("/zia/api/v1/dlpEngines/15", "216"), Some("15"));
        assert_eq!(m.unknown_id("/zpa/customers/216/idp", "216"), None);
        assert_eq!(m.unknown_id("/zia/api/v1/ipv6config", "216"), None);
        assert_eq!(
            m.unknown_id("/ziam/users/jhlm4bhr7g7j2", "216"),
            Some("jhlm4bhr7g7j2")
        );
        assert_eq!(
            m.body(&json!({"ids": [4338893], "ref": {"id": "7001"}, "n": 1})),
            json!({"ids": [12], "ref": {"id": "5"}, "n": 1})
        );
        m.learn(
            "/zia/api/v1/bandwidthClasses",
            &json!({"id": 18}),
            &json!({"id": 170}),
        );
        assert_eq!(
            m.body(&json!({"classes": [{"id": 18}], "order": 18})),
            json!({"classes": [{"id": 170}], "order": 18}),
            "short ids only under id keys"
        );
    }
}
