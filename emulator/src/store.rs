//! The in-memory tenant: one store of collections and singletons by
//! storage key, id counters per id style, and staging state.
//!
//! Objects are kept as JSON in insertion order, which gives stable pagination
//! and lets unknown client fields round-trip like they do on the real APIs.
//! Generic and hand-written providers share it; this module owns the data
//! layout and may not know any product's behaviour.

use std::time::{SystemTime, UNIX_EPOCH};

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::product::{IdStyle, Product};

/// First numeric id handed out for new ZPA objects; the same magnitude as
/// real ZPA ids, so clients that mishandle 64-bit ids fail here too.
pub const ZPA_ID_BASE: u64 = 216_196_257_331_404_600;
/// First id handed out for new ZIA objects (fits in a signed 32-bit int).
pub const ZIA_ID_BASE: i64 = 170_000_000;

/// Id counters, one per registry id style, shared by all products of the
/// style (ids only have to be unique, not dense).
#[derive(Debug, Clone, Default)]
pub struct Ids {
    /// Next numeric-string id (ZPA style).
    pub numeric: u64,
    /// Next integer id (ZIA style).
    pub int: i64,
    /// Counter scrambled into alphanumeric ids (ZIdentity style).
    pub seq: u64,
}

impl Ids {
    /// A fresh numeric-string id.
    pub fn numeric(&mut self) -> String {
        let id = self.numeric;
        self.numeric += 1;
        id.to_string()
    }

    /// A fresh integer id.
    pub fn int(&mut self) -> i64 {
        let id = self.int;
        self.int += 1;
        id
    }

    /// A fresh id such as `ihq3k9d0s7a1m`: `prefix` plus eleven base32hex
    /// characters from a bijective scramble of a counter, so ids look random
    /// but can never collide.
    pub fn alnum(&mut self, prefix: &str) -> String {
        self.seq += 1;
        scrambled_id(prefix, self.seq)
    }

    /// A fresh id in `style`, as JSON.
    pub fn new_of(&mut self, style: IdStyle) -> Value {
        match style {
            IdStyle::NumericString => json!(self.numeric()),
            IdStyle::Int64 => json!(self.int()),
            IdStyle::Alphanumeric => json!(self.alnum("ix")),
        }
    }

    /// Moves the counter of `style` past a given id, so generated ids stay
    /// unique.
    pub fn note(&mut self, style: IdStyle, id: &Value) {
        let n = match id {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        };
        let Some(n) = n else { return };
        match style {
            IdStyle::NumericString => self.numeric = self.numeric.max(n + 1),
            IdStyle::Int64 => {
                let n = i64::try_from(n).unwrap_or(i64::MAX - 1);
                self.int = self.int.max(n + 1);
            }
            IdStyle::Alphanumeric => {}
        }
    }
}

/// The whole tenant: one store for every product and every route.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Objects by collection key (see `spec::paths::key`), in insertion
    /// order; hand-written collections use the keys of `collections`.
    pub collections: HashMap<String, Vec<Value>>,
    /// Singleton values by concrete path key.
    pub singletons: HashMap<String, Value>,
    /// Id counters.
    pub ids: Ids,
    /// Staging products with writes since their last activation.
    pub pending: Vec<&'static str>,
}

impl Store {
    /// The objects stored under a collection key (empty if none).
    pub fn collection(&self, key: &str) -> &[Value] {
        self.collections.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The objects stored under a collection key, for writing (created
    /// empty on first use).
    pub fn collection_mut(&mut self, key: &str) -> &mut Vec<Value> {
        if !self.collections.contains_key(key) {
            self.collections.insert(key.to_string(), Vec::new());
        }
        self.collections.get_mut(key).expect("just inserted")
    }

    /// A fresh id in `product`'s style.
    pub fn new_id(&mut self, product: Product) -> Value {
        self.ids.new_of(product.ids)
    }

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
    fn alnum_ids_are_unique_and_shaped() {
        let mut d = Ids::default();
        let ids: HashSet<String> = (0..10_000).map(|_| d.alnum("ih")).collect();
        assert_eq!(ids.len(), 10_000);
        for id in ids.iter().take(20) {
            assert_eq!(id.len(), 13);
            assert!(id
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()));
        }
    }
}
