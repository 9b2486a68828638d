//! Identifier rules shared by the emitters. They follow typify's own
//! sanitising, so a `$ref` name maps to the same Rust type typify emits.

use heck::{ToPascalCase, ToSnakeCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "use",
    "where", "while", "yield",
];

fn clean(s: &str) -> String {
    s.replace('\'', "")
        .replace(|c: char| !(c.is_alphanumeric() || c == '_'), "-")
}

fn fix(out: String) -> String {
    let out = match out.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' => out,
        _ => format!("x{out}"),
    };
    if KEYWORDS.contains(&out.as_str()) {
        format!("{out}_")
    } else {
        out
    }
}

/// A Rust field or function name.
pub fn snake(s: &str) -> String {
    fix(clean(s).to_snake_case())
}

/// A Rust type name.
pub fn pascal(s: &str) -> String {
    fix(clean(s).to_pascal_case())
}
