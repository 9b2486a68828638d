//! Tests of the schema scan against serde_json and the value check.

use super::*;
use crate::schema::check;
use proptest::prelude::*;
use serde_json::{json, Value};

/// The table the tests check against; the third schema points past
/// the end of the table: a broken table fails closed.
fn table() -> &'static Schemas {
    static TABLE: std::sync::OnceLock<&'static Schemas> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        Schemas::leak(&[
            &[
                ("extra", Ty::ANY),
                ("id", Ty::INT),
                ("name", Ty::STR),
                ("on", Ty::BOOL),
                ("ranges", Ty::array(Ty::object(1))),
                ("ratio", Ty::NUM),
            ],
            &[("from", Ty::STR), ("tags", Ty::array(Ty::STR))],
            &[("bad", Ty::object(9))],
        ])
    })
}

fn agree(v: &Value, ty: Ty) {
    let text = serde_json::to_string(v).unwrap();
    assert_eq!(
        fits(table(), &text, ty),
        check(table(), v, ty, "").is_ok(),
        "disagree on {v}"
    );
}

#[test]
fn accepts_and_rejects_like_the_value_check() {
    let root = Ty::object(0);
    for v in [
        json!({"id": 1, "name": "a", "ranges": [{"from": "1", "tags": ["x"]}], "zz": [1, {"a": 2}]}),
        json!({"id": null, "name": null, "ranges": null, "ratio": 2, "on": true}),
        json!({"ranges": [null, {"from": null}], "extra": {"deep": [1, "2"]}}),
        json!({"id": "1"}),
        json!({"id": 1.5}),
        json!({"id": -3, "ratio": -0.25}),
        json!({"ranges": [{"from": 5}]}),
        json!({"ranges": [{"tags": [1]}]}),
        json!({"ranges": {"from": "1"}}),
        json!({"on": "yes"}),
        json!([1]),
        json!("text"),
        json!(null),
        json!({"name": "a", "id": 2, "name": "b"}),
    ] {
        agree(&v, root);
    }
    agree(&json!({"bad": {}}), Ty::object(2));
    agree(&json!({"bad": null}), Ty::object(2));
    agree(
        &json!([{"from": "1"}, {"from": 2}]),
        Ty::array(Ty::object(1)),
    );
}

/// The remembered key lookups are only guesses: items whose keys move
/// about, or whose field at one position changes type, must be judged
/// by name as the `Value` check judges them. (`json!` sorts keys, so
/// these are written as text.)
#[test]
fn key_order_changing_between_items_is_judged_by_name() {
    let list = Ty::array(Ty::object(0));
    for (text, fits_) in [
        (r#"[{"name":"a","id":1},{"name":"b","id":2}]"#, true),
        (r#"[{"name":"a","id":1},{"id":2,"name":"b"}]"#, true),
        (r#"[{"name":"a","id":1},{"id":"2","name":"b"}]"#, false),
        (r#"[{"name":"a","id":1},{"name":2,"id":1}]"#, false),
        (r#"[{"zz":1,"id":1},{"id":1,"zz":"x"},{"on":1}]"#, false),
        (r#"[{"na\u006de":"a"},{"name":1}]"#, false),
        (r#"[{"name":"a"},{"na\u006de":1}]"#, false),
        (
            r#"[{"name":"a"},{"na\u006de":"b"},{"name":"c","na":1}]"#,
            true,
        ),
        (r#"[{"name":"a"},{"names":1,"name":"b"}]"#, true),
        (r#"[{"name":"a"},{"nam":"b"}]"#, true),
        (r#"[{"name":"a"},{"name"#, false),
        (
            r#"[{"ranges":[{"tags":["x"],"from":"1"}]},{"ranges":[{"from":"1","tags":[1]}]}]"#,
            false,
        ),
        (
            r#"[{"id":1,"name":"a","on":true},{"on":true,"id":1,"name":"a"},{"name":"a","on":true,"id":1}]"#,
            true,
        ),
    ] {
        assert_eq!(fits(table(), text, list), fits_, "{text}");
        assert_eq!(slow(text, list), fits_, "{text}");
    }
}

/// The `Value` route: parse with serde_json, then check.
fn slow(text: &str, ty: Ty) -> bool {
    serde_json::from_str::<Value>(text).is_ok_and(|v| check(table(), &v, ty, "").is_ok())
}

#[test]
fn reads_json_text_as_serde_json_does() {
    let id = |n: &str| format!("{{\"id\": {n}}}");
    let ratio = |n: &str| format!("{{\"ratio\": {n}}}");
    let mut texts: Vec<String> = [
        "0",
        "-0",
        "7",
        "-7",
        "1.0",
        "1e2",
        "1E+2",
        "2e-1",
        "-0.5",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "99999999999999999999999",
        "1_000",
        "0x10",
        "NaN",
        "1e0615",
        "-1e400",
        "1e99999999999",
        "0e99999999999",
        "1e-400",
        "2e308",
    ]
    .iter()
    .flat_map(|n| [id(n), ratio(n), n.to_string()])
    .chain([format!("1{}", "0".repeat(400))])
    .collect();
    texts.extend(
        [
            "",
            " ",
            "{",
            "}",
            "{} {}",
            "{}x",
            "{\"id\": 1,}",
            "{,}",
            "[1,]",
            "[,1]",
            "nul",
            "nulll",
            "tru",
            "{\"id\" 1}",
            "{id: 1}",
            "{\"id\": 1 \"name\": \"a\"}",
            "{\"name\": \"a\\qb\"}",
            "{\"name\": \"a\\u12\"}",
            "{\"name\": \"a\tb\"}",
            "{\"name\": \"caf\\u00e9 \\\" \\\\ \\/\"}",
            "{\"name\": \"caf\u{e9}\"}",
            " \n\t\r{\"name\" : \"a\" , \"id\" : 2 }\n",
            "{\"n\\u0061me\": 5}",
            "{\"n\\u0061me\": \"5\"}",
            "{\"ranges\": [{\"from\": \"1\"}, {\"from\": 2}]}",
            "{\"name\": \"\\ud83d\\ude00\"}",
            "{\"name\": \"\\ud83d\"}",
            "{\"name\": \"\\ud83dx\"}",
            "{\"name\": \"\\ude00\"}",
            "{\"name\": \"\\ud83d\\u0041\"}",
            "{\"name\": \"\\uD83D\\uDE00\"}",
            "{\"ranges\": [[]]}",
            "{\"zz\": {\"a\": [1, {\"b\": [true, false, null]}]}}",
            "{\"zz\": [1 2]}",
            "{\"on\": tRue}",
            "\"text\"",
            "null",
            "[]",
        ]
        .map(String::from),
    );
    let deep = "[".repeat(200) + &"]".repeat(200);
    texts.push(format!("{{\"extra\": {deep}}}"));
    for text in &texts {
        for ty in [Ty::object(0), Ty::array(Ty::object(1)), Ty::ANY] {
            assert_eq!(
                fits(table(), text, ty),
                slow(text, ty),
                "disagree on {text:?}"
            );
        }
    }
}

#[test]
fn floats_near_the_overflow_agree_with_serde_json() {
    // std and serde_json round differently next to f64::MAX; the scanner
    // asks serde_json's own parser, so it cannot side with std.
    for n in [
        "1.7e308",
        "1.7976931348623157e308",
        "-1.7976931348623158e308",
        "1.7976931348623159e308",
        "1.8e308",
        "-1e309",
        "9.9e307",
        "123456789012345678901234567890",
    ] {
        let text = format!("{{\"ratio\": {n}}}");
        assert_eq!(
            fits(table(), &text, Ty::object(0)),
            slow(&text, Ty::object(0)),
            "{n}"
        );
    }
    assert!(!fits(table(), "{\"ratio\": 1.8e308}", Ty::object(0)));
    assert!(fits(table(), "{\"ratio\": 9.9e307}", Ty::object(0)));
}

#[test]
fn long_strings_stop_at_every_offset() {
    // The eight-byte skip must find a stop wherever it falls in a chunk.
    for before in 0..20 {
        for after in 0..12 {
            let (a, b) = ("a".repeat(before), "é".repeat(after));
            for (inner, ok) in [
                (format!("{a}\\\"{b}"), true),
                (format!("{a}\\\\{b}"), true),
                (format!("{a}\\u0041{b}"), true),
                (format!("{a}\u{1f}{b}"), false),
                (format!("{a}\t{b}"), false),
                (format!("{a}\\x{b}"), false),
            ] {
                let text = format!("{{\"name\": \"{inner}\", \"id\": 1}}");
                assert_eq!(fits(table(), &text, Ty::object(0)), ok, "{text:?}");
                assert_eq!(slow(&text, Ty::object(0)), ok, "{text:?}");
            }
            let open = format!("{{\"name\": \"{a}{b}");
            assert!(!fits(table(), &open, Ty::object(0)), "{open:?}");
        }
    }
}

#[test]
fn finds_fields_in_any_order() {
    let text = r#"{"zz": 1, "on": true, "ranges": [], "extra": [1], "id": 7, "name": "n"}"#;
    assert!(fits(table(), text, Ty::object(0)));
    let text = r#"{"zz": 1, "on": true, "ranges": [], "extra": [1], "id": "7", "name": "n"}"#;
    assert!(!fits(table(), text, Ty::object(0)));
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z]{0,4}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        let key = prop_oneof![
            Just("id".to_string()),
            Just("name".to_string()),
            Just("ranges".to_string()),
            Just("from".to_string()),
            Just("tags".to_string()),
            Just("on".to_string()),
            "[a-z]{1,3}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn never_lets_through_what_the_value_check_refuses(
        text in "[\\[\\]{}\",: 0-9a-z.eE+\\-\\\\]{0,40}"
    ) {
        for ty in [Ty::object(0), Ty::array(Ty::object(1)), Ty::ANY] {
            if fits(table(), &text, ty) {
                prop_assert!(slow(&text, ty), "{text:?}");
            }
        }
    }

    #[test]
    fn agrees_with_the_value_check_on_any_json(v in json_value()) {
        agree(&v, Ty::object(0));
        agree(&v, Ty::array(Ty::object(1)));
    }
}

#[test]
fn notes_integers_beyond_the_js_safe_range() {
    let root = Ty::object(0);
    for (text, wide) in [
        (
            r#"{"id": 9007199254740991, "ratio": -9007199254740991}"#,
            false,
        ),
        (r#"{"id": 9007199254740992}"#, true),
        (r#"{"id": -9007199254740992}"#, true),
        (r#"{"extra": [{"deep": 216196257331404659}]}"#, true),
        (r#"{"ratio": 123456789012345678901234567890}"#, true),
        (r#"{"ratio": 2.16e17, "name": "216196257331404659"}"#, false),
    ] {
        assert_eq!(scan(table(), text, root), Some(wide), "{text}");
        assert_eq!(crate::wide_int::any(text), wide, "{text}");
    }
    // An integer field beyond 64 bits does not fit at all.
    assert_eq!(scan(table(), r#"{"id": 18446744073709551616}"#, root), None);
}

proptest! {
    /// The scan and the search of `wide_int` agree on every fitting text,
    /// so checked and unchecked calls hand over the same values.
    #[test]
    fn scan_and_search_agree_on_wide_integers(
        id in any::<i64>(),
        big in any::<u64>(),
        ratio in any::<f64>(),
        name in "[0-9a-z\\\" ]{0,24}",
    ) {
        let v = json!({"id": id, "extra": [big, {"n": name}], "ratio": ratio, "name": name});
        let text = serde_json::to_string(&v).unwrap();
        let wide = scan(table(), &text, Ty::object(0));
        prop_assert!(wide.is_some());
        prop_assert_eq!(wide, Some(crate::wide_int::any(&text)));
        let expect = id.unsigned_abs() > crate::wide_int::MAX_SAFE
            || big > crate::wide_int::MAX_SAFE;
        prop_assert_eq!(wide, Some(expect));
    }
}

#[test]
fn members_are_each_key_and_its_value_text() {
    let text = r#" {"a": 1, "b" : {"c": [1, "x"]}, "d":"q\"r", "a": null} "#;
    assert_eq!(
        members(text).unwrap(),
        [
            ("a", "1"),
            ("b", r#"{"c": [1, "x"]}"#),
            ("d", r#""q\"r""#),
            ("a", "null")
        ]
    );
    assert_eq!(members("{}").unwrap(), []);
}

#[test]
fn members_refuse_what_is_not_one_plain_object() {
    for text in [
        "",
        "[]",
        "1",
        r#"{"a": 1} x"#,
        r#"{"a": 1,}"#,
        r#"{"a" 1}"#,
        r#"{"a": tru}"#,
        r#"{"a": [1}"#,
        r#"{"\u0061": 1}"#,
        r#"{"a": "\x"}"#,
        r#"{"a": 01}"#,
    ] {
        assert_eq!(members(text), None, "{text}");
    }
}

proptest! {
    /// Whatever `members` takes, serde_json reads as an object with the
    /// same keys, each value the one its text parses to.
    #[test]
    fn members_agree_with_serde_json(v in json_value(), text in "[\\[\\]{}\",: 0-9a-z.eE+\\-\\\\]{0,40}") {
        let whole = serde_json::to_string(&json!({"k": v, "n": 1})).unwrap();
        let got = members(&whole).unwrap();
        prop_assert_eq!(got.len(), 2);
        // Compared with `v` as its own text reads back: serde_json's
        // float parsing may differ from `v` in the last digit.
        let back: Value = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        prop_assert_eq!(serde_json::from_str::<Value>(got[0].1).unwrap(), back);
        if let Some(pairs) = members(&text) {
            let parsed: Value = serde_json::from_str(&text).unwrap();
            let object = parsed.as_object().unwrap();
            for (key, raw) in pairs {
                prop_assert!(object.contains_key(key));
                prop_assert!(serde_json::from_str::<Value>(raw).is_ok());
            }
        }
    }
}
