//! A call's arguments by name.
//!
//! A short list, not serde_json's `Map` (a `BTreeMap`): a call takes a
//! handful of arguments, and the map's code, some thirty functions, was
//! compiled on every cold start's first call just to hold `page` and
//! `pagesize`. The JS tests exercise it: walks set pages through it,
//! patches narrow it, `request` turns it back into a map.

use serde_json::{Map, Value};

/// Arguments in the caller's order; a name appears at most once.
#[derive(Clone, Debug, Default)]
pub struct Args(Vec<(String, Value)>);

impl Args {
    /// The value given for `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// Every name given.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// Set `name`, replacing what it held.
    pub fn insert(&mut self, name: String, value: Value) {
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }

    /// Take `name` out.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == name)?;
        Some(self.0.remove(at).1)
    }

    /// Keep only the names `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.0.retain(|(k, _)| keep(k));
    }
}

impl From<Map<String, Value>> for Args {
    fn from(map: Map<String, Value>) -> Self {
        Args(map.into_iter().collect())
    }
}

impl From<Args> for Map<String, Value> {
    fn from(args: Args) -> Self {
        args.0.into_iter().collect()
    }
}
