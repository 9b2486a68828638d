//! The in-memory tenant: every product's collections plus id generators.
//!
//! Objects are kept as JSON in insertion order, which gives stable pagination
//! and lets unknown client fields round-trip like they do on the real APIs.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::collections::Generic;
use crate::product::Product;

/// First numeric id handed out for new ZPA objects; the same magnitude as
/// real ZPA ids, so clients that mishandle 64-bit ids fail here too.
pub const ZPA_ID_BASE: u64 = 216_196_257_331_404_600;
/// First id handed out for new ZIA objects (fits in a signed 32-bit int).
pub const ZIA_ID_BASE: i64 = 170_000_000;

/// ZPA collections. Ids are numeric strings.
#[derive(Debug, Clone, Default)]
pub struct ZpaData {
    /// Application segments (`/application`).
    pub applications: Vec<Value>,
    /// Segment groups (`/segmentGroup`).
    pub segment_groups: Vec<Value>,
    /// Server groups (`/serverGroup`).
    pub server_groups: Vec<Value>,
    /// App connector groups, referenced by server groups.
    pub connector_groups: Vec<Value>,
    /// Identity providers (`/idp`).
    pub idps: Vec<Value>,
    /// Microtenants, including the Default one with id "0".
    pub microtenants: Vec<Value>,
    /// SCIM attribute headers, each carrying its `idpId`.
    pub scim_attributes: Vec<Value>,
    /// SCIM groups; integer `id` and `idpId` as on the wire.
    pub scim_groups: Vec<Value>,
    /// Next id to hand out.
    pub next_id: u64,
}

/// ZIA collections. Ids are integers.
#[derive(Debug, Clone, Default)]
pub struct ZiaData {
    /// Users (`/users`).
    pub users: Vec<Value>,
    /// Groups (`/groups`).
    pub groups: Vec<Value>,
    /// Departments (`/departments`).
    pub departments: Vec<Value>,
    /// Next id to hand out.
    pub next_id: i64,
}

/// ZIdentity collections. Ids are short lowercase base32 strings.
#[derive(Debug, Clone, Default)]
pub struct ZidData {
    /// Users (`/users`).
    pub users: Vec<Value>,
    /// Groups (`/groups`).
    pub groups: Vec<Value>,
    /// Counter scrambled into new ids.
    pub next_seq: u64,
}

/// The whole tenant.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Private Access data.
    pub zpa: ZpaData,
    /// Internet Access data.
    pub zia: ZiaData,
    /// ZIdentity data.
    pub zid: ZidData,
    /// Everything the spec-driven routes store.
    pub generic: Generic,
    /// Staging products with writes since their last activation.
    pub pending: Vec<&'static str>,
}

impl Store {
    /// Whether `product` has changes waiting for activation.
    pub fn is_pending(&self, product: Product) -> bool {
        self.pending.contains(&product.info().name)
    }

    /// Marks (`true`) or clears `product`'s pending changes.
    pub fn set_pending(&mut self, product: Product, pending: bool) {
        let name = product.info().name;
        self.pending.retain(|n| *n != name);
        if pending {
            self.pending.push(name);
        }
    }
}

impl ZpaData {
    /// A fresh numeric-string id.
    pub fn new_id(&mut self) -> String {
        let id = self.next_id;
        self.next_id += 1;
        id.to_string()
    }
}

impl ZiaData {
    /// A fresh integer id.
    pub fn new_id(&mut self) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}

impl ZidData {
    /// A fresh id such as `ihq3k9d0s7a1m`: `prefix` plus eleven base32hex
    /// characters from a bijective scramble of a counter, so ids look random
    /// but can never collide.
    pub fn new_id(&mut self, prefix: &str) -> String {
        self.next_seq += 1;
        scrambled_id(prefix, self.next_seq)
    }
}

/// Encodes `seq` as `prefix` + 11 base32hex characters, scrambled by an odd
/// multiplier modulo 2^55 (a bijection, hence collision-free).
pub fn scrambled_id(prefix: &str, seq: u64) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    const MASK: u64 = (1 << 55) - 1;
    let mut x = seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) & MASK;
    let mut chars = [0u8; 11];
    for c in chars.iter_mut().rev() {
        *c = ALPHABET[(x & 31) as usize];
        x >>= 5;
    }
    format!("{prefix}{}", std::str::from_utf8(&chars).expect("ascii"))
}

/// Current time in unix seconds.
pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Position of the object whose `id` equals `id` (string ids compare as
/// text, integer ids compare numerically against a decimal `id`).
pub fn position(list: &[Value], id: &str) -> Option<usize> {
    list.iter().position(|o| match o.get("id") {
        Some(Value::String(s)) => s == id,
        Some(Value::Number(n)) => n.to_string() == id,
        _ => false,
    })
}

/// The object whose `id` equals `id`.
pub fn find<'a>(list: &'a [Value], id: &str) -> Option<&'a Value> {
    position(list, id).map(|i| &list[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn zid_ids_are_unique_and_shaped() {
        let mut d = ZidData::default();
        let ids: HashSet<String> = (0..10_000).map(|_| d.new_id("ih")).collect();
        assert_eq!(ids.len(), 10_000);
        for id in ids.iter().take(20) {
            assert_eq!(id.len(), 13);
            assert!(id
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()));
        }
    }
}
