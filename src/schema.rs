//! Checking JSON against a compact schema table generated from the specs.
//! One generic walker instead of a decoder per type keeps the wasm small;
//! the JS API validates arguments and answers with it.

use serde_json::Value;

/// The JSON type a schema expects, in two bytes: the tables hold one per
/// field and parameter, and their size is most of a product's wasm data
/// (every kilobyte of module costs a cold start in workerd, BENCHMARKS.md
/// P3). The low 13 bits name the base type (five scalars, then object
/// schemas by index), the top 3 how many arrays wrap it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ty(u16);

/// A [`Ty`] taken apart, for matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Anything.
    Any,
    /// A string.
    Str,
    /// An integer.
    Int,
    /// Any number.
    Num,
    /// `true` or `false`.
    Bool,
    /// An array of one element type.
    Array(Ty),
    /// The object schema at this index of the schema table.
    Ref(u16),
}

const SCALARS: u16 = 5;
const ARRAY: u16 = 1 << 13;

impl Ty {
    /// Anything.
    pub const ANY: Ty = Ty(0);
    /// A string.
    pub const STR: Ty = Ty(1);
    /// An integer.
    pub const INT: Ty = Ty(2);
    /// Any number.
    pub const NUM: Ty = Ty(3);
    /// `true` or `false`.
    pub const BOOL: Ty = Ty(4);

    /// The object schema at index `i` of the table. A table too large for
    /// the encoding fails the build, where the generated statics are
    /// evaluated.
    pub const fn object(i: u16) -> Ty {
        assert!(i < ARRAY - SCALARS, "object schema index out of range");
        Ty(SCALARS + i)
    }

    /// An array of `inner`.
    pub const fn array(inner: Ty) -> Ty {
        assert!(inner.0 < 7 * ARRAY, "arrays nested too deep");
        Ty(inner.0 + ARRAY)
    }

    /// What this type is. Always inlined: the scan asks it of every value
    /// of a page.
    #[inline(always)]
    pub fn kind(self) -> Kind {
        match self.0 {
            n if n >= ARRAY => Kind::Array(Ty(n - ARRAY)),
            0 => Kind::Any,
            1 => Kind::Str,
            2 => Kind::Int,
            3 => Kind::Num,
            4 => Kind::Bool,
            n => Kind::Ref(n - SCALARS),
        }
    }
}

impl std::fmt::Debug for Ty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.kind().fmt(f)
    }
}

/// One field of an object schema: its wire name, as an index into the
/// product's name list, and its type. Four bytes: a product's fields are
/// most of its schema table, and every kilobyte of wasm data costs a cold
/// start (BENCHMARKS.md P3). A `&'static str` per field took twelve.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    name: u16,
    ty: Ty,
}

impl Field {
    /// The field whose wire name is entry `name` of the product's name
    /// list, of type `ty`.
    pub const fn new(name: u16, ty: Ty) -> Field {
        Field { name, ty }
    }

    /// Its type.
    #[inline(always)]
    pub fn ty(&self) -> Ty {
        self.ty
    }
}

/// A product's object schemas: their fields (known fields only; unknown
/// ones are let through), each schema's sorted by name in byte order so a
/// key is found by binary search. One flat field list with start indexes
/// instead of a slice per schema saves eight bytes a schema.
#[derive(Debug)]
pub struct Schemas {
    /// Every field name, once: fields name theirs by index.
    pub names: &'static [&'static str],
    /// The fields of every schema, schema after schema.
    pub fields: &'static [Field],
    /// Where each schema's fields begin in `fields`, plus the end of the
    /// last one.
    pub starts: &'static [u16],
}

impl Schemas {
    /// The fields of schema `i`; `None` for an index past the table.
    #[inline(always)]
    pub fn object(&self, i: u16) -> Option<&'static [Field]> {
        let i = usize::from(i);
        let (start, end) = (*self.starts.get(i)?, *self.starts.get(i + 1)?);
        self.fields.get(usize::from(start)..usize::from(end))
    }

    /// The wire name of `field`, as bytes. The generator takes every index
    /// from the list it emits; a table built otherwise with an index past
    /// the list reads as a name no key can have, so its field is never
    /// matched rather than matched wrongly.
    #[inline(always)]
    pub fn name(&self, field: &Field) -> &'static [u8] {
        self.name_text(field).map_or(NO_NAME, str::as_bytes)
    }

    /// The wire name of `field` as text; `None` for an index past the list.
    #[inline(always)]
    pub fn name_text(&self, field: &Field) -> Option<&'static str> {
        self.names.get(usize::from(field.name)).copied()
    }

    /// A table built at run time, for tests and fuzz targets that write
    /// schemas by hand: `rows[i]` is schema `i`, its fields in any order.
    /// Leaked, as the generated tables are statics.
    pub fn leak(rows: &[&[(&str, Ty)]]) -> &'static Schemas {
        let mut names: Vec<&'static str> = Vec::new();
        let mut fields = Vec::new();
        let mut starts = vec![0u16];
        for row in rows {
            let mut row = row.to_vec();
            row.sort_by(|a, b| a.0.cmp(b.0));
            for (name, ty) in row {
                let at = match names.iter().position(|n| *n == name) {
                    Some(at) => at,
                    None => {
                        names.push(Box::leak(name.to_string().into_boxed_str()));
                        names.len() - 1
                    }
                };
                let at = u16::try_from(at).expect("names fit u16");
                fields.push(Field::new(at, ty));
            }
            starts.push(u16::try_from(fields.len()).expect("fields fit u16"));
        }
        Box::leak(Box::new(Schemas {
            names: Box::leak(names.into_boxed_slice()),
            fields: Box::leak(fields.into_boxed_slice()),
            starts: Box::leak(starts.into_boxed_slice()),
        }))
    }
}

/// What a broken name index reads as: not valid UTF-8, so no JSON key
/// (always valid UTF-8 once read) equals it.
const NO_NAME: &[u8] = &[0xff];

/// How a JSON value's type reads in a message.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Where a check failed and what was found there; the path is collected
/// in reverse while unwinding, so a passing check allocates nothing (it
/// runs over every item of every page, so this is the hot path of lists).
struct Mismatch {
    path: Vec<String>,
    want: &'static str,
    got: &'static str,
}

fn want(ty: Ty) -> &'static str {
    match ty.kind() {
        Kind::Str => "a string",
        Kind::Int => "an integer",
        Kind::Num => "a number",
        Kind::Bool => "a boolean",
        Kind::Array(_) => "an array",
        Kind::Ref(_) => "an object",
        Kind::Any => "anything",
    }
}

/// Whether `v` fits `ty` without looking inside an array or object: true
/// for `null`, for anything where `ty` takes anything, and for a scalar of
/// `ty`'s own kind. [`check`] walks the rest. Most arguments are scalars, so
/// callers ask this first and a cold start's first call compiles no walk.
#[inline(always)]
pub fn fits_at_once(v: &Value, ty: Ty) -> bool {
    match (ty.kind(), v) {
        (_, Value::Null) | (Kind::Any, _) => true,
        (Kind::Str, Value::String(_))
        | (Kind::Bool, Value::Bool(_))
        | (Kind::Num, Value::Number(_)) => true,
        (Kind::Int, Value::Number(n)) => n.is_i64() || n.is_u64(),
        _ => false,
    }
}

fn walk(schemas: &Schemas, v: &Value, ty: Ty) -> Result<(), Mismatch> {
    let ok = fits_at_once(v, ty)
        || match (ty.kind(), v) {
            (Kind::Array(inner), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    walk(schemas, item, inner).map_err(|mut m| {
                        m.path.push(format!("[{i}]"));
                        m
                    })?;
                }
                true
            }
            (Kind::Ref(idx), Value::Object(map)) => {
                let Some(fields) = schemas.object(idx) else {
                    return Err(Mismatch {
                        path: vec![" (schema table is inconsistent)".into()],
                        want: "an object",
                        got: "an object",
                    });
                };
                for field in fields {
                    let Some(name) = schemas.name_text(field) else {
                        continue;
                    };
                    if let Some(fv) = map.get(name) {
                        walk(schemas, fv, field.ty()).map_err(|mut m| {
                            m.path.push(format!(".{name}"));
                            m
                        })?;
                    }
                }
                true
            }
            _ => false,
        };
    if ok {
        Ok(())
    } else {
        Err(Mismatch {
            path: Vec::new(),
            want: want(ty),
            got: kind(v),
        })
    }
}

/// Check `v` against `ty`. `null` passes anywhere: Zscaler sends it for
/// absent values, and callers send it to clear them. `at` names the value
/// in the message (`body`, a parameter name), or is empty for "value".
pub fn check(schemas: &Schemas, v: &Value, ty: Ty, at: &str) -> Result<(), String> {
    walk(schemas, v, ty).map_err(|m| {
        let mut place = at.to_string();
        for seg in m.path.iter().rev() {
            place.push_str(seg);
        }
        let place = if place.is_empty() {
            "value"
        } else {
            place.as_str()
        };
        format!("{place} should be {}, not {}", m.want, m.got)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(v: Value) -> Result<(), String> {
        let schemas = Schemas::leak(&[
            &[
                ("name", Ty::STR),
                ("id", Ty::INT),
                ("ranges", Ty::array(Ty::object(1))),
            ],
            &[("from", Ty::STR)],
        ]);
        check(schemas, &v, Ty::object(0), "")
    }

    #[test]
    fn types_survive_their_two_byte_encoding() {
        for (ty, kind) in [
            (Ty::ANY, Kind::Any),
            (Ty::STR, Kind::Str),
            (Ty::INT, Kind::Int),
            (Ty::NUM, Kind::Num),
            (Ty::BOOL, Kind::Bool),
            (Ty::object(0), Kind::Ref(0)),
            (Ty::object(8185), Kind::Ref(8185)),
            (Ty::array(Ty::STR), Kind::Array(Ty::STR)),
            (
                Ty::array(Ty::array(Ty::object(7))),
                Kind::Array(Ty::array(Ty::object(7))),
            ),
        ] {
            assert_eq!(ty.kind(), kind);
        }
        let mut deep = Ty::object(8185);
        for _ in 0..7 {
            deep = Ty::array(deep);
        }
        for _ in 0..7 {
            let Kind::Array(inner) = deep.kind() else {
                panic!("{deep:?} lost an array")
            };
            deep = inner;
        }
        assert_eq!(deep.kind(), Kind::Ref(8185));
        assert!(std::panic::catch_unwind(|| Ty::array(deep_array())).is_err());
        assert!(std::panic::catch_unwind(|| Ty::object(8187)).is_err());
    }

    fn deep_array() -> Ty {
        (0..7).fold(Ty::STR, |t, _| Ty::array(t))
    }

    #[test]
    fn a_table_names_its_fields_sorted_and_refuses_indexes_past_its_end() {
        let s = Schemas::leak(&[&[("b", Ty::STR), ("a", Ty::INT)], &[]]);
        let names: Vec<_> = s.object(0).unwrap().iter().map(|f| s.name(f)).collect();
        assert_eq!(names, [b"a", b"b"]);
        assert_eq!(s.object(1).map(<[Field]>::len), Some(0));
        assert!(s.object(2).is_none());
    }

    #[test]
    fn fields_share_one_name_and_a_broken_name_index_matches_no_key() {
        let s = Schemas::leak(&[&[("id", Ty::STR)], &[("id", Ty::INT), ("x", Ty::STR)]]);
        assert_eq!(s.names.len(), 2);
        assert_eq!(s.fields[0].name, s.fields[1].name);
        let broken = Schemas {
            names: s.names,
            fields: Box::leak(Box::new([Field::new(7, Ty::INT)])),
            starts: &[0, 1],
        };
        assert_eq!(broken.name(&broken.fields[0]), NO_NAME);
        // The field is never matched, so its type is never applied.
        assert!(check(&broken, &json!({"": "a", "\u{ff}": "b"}), Ty::object(0), "").is_ok());
    }

    #[test]
    fn checks_types_deeply_and_names_the_place() {
        assert!(
            run(json!({"id": 1, "name": "a", "ranges": [{"from": "1"}], "extra": true})).is_ok()
        );
        assert!(run(json!({"id": null, "name": null})).is_ok());
        assert_eq!(
            run(json!({"id": "1"})).unwrap_err(),
            ".id should be an integer, not a string"
        );
        assert_eq!(
            run(json!({"ranges": [{"from": 5}]})).unwrap_err(),
            ".ranges[0].from should be a string, not a number"
        );
        assert_eq!(
            run(json!([1])).unwrap_err(),
            "value should be an object, not an array"
        );
        assert!(run(json!({"id": 1.5})).is_err());
    }
}
