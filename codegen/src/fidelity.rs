//! Keeps generated models faithful to the wire. typify drops empty arrays
//! and objects on output (`skip_serializing_if = "Vec::is_empty"`), so a
//! caller's `"tcpPortRange": []`, which clears a list on a full PUT, would
//! never be sent. Such fields become `Option<…>`: absent stays absent and
//! an empty container is sent as written.

use quote::ToTokens;
use syn::visit_mut::VisitMut;

struct OptionalContainers;

/// The wire name serde uses for a field: its `rename`, else its ident.
fn wire_name(field: &syn::Field) -> String {
    for attr in &field.attrs {
        let text = attr.meta.to_token_stream().to_string();
        if let Some(start) = text.find("rename = \"") {
            let rest = &text[start + 10..];
            return rest[..rest.find('"').unwrap_or(0)].to_string();
        }
    }
    field
        .ident
        .as_ref()
        .map(|i| i.to_string().trim_start_matches("r#").to_string())
        .unwrap_or_default()
}

/// typify gives `idpId` and `idp_id` the same Rust name; Zscaler sends
/// both in one object. Later duplicates get a suffix and keep their wire
/// name through `rename`.
fn dedupe_fields(fields: &mut syn::FieldsNamed) {
    let mut seen = std::collections::BTreeSet::new();
    for field in fields.named.iter_mut() {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        if seen.insert(ident.to_string()) {
            continue;
        }
        let wire = wire_name(field);
        let mut n = 2;
        while !seen.insert(format!("{ident}_{n}")) {
            n += 1;
        }
        field.ident = Some(syn::Ident::new(&format!("{ident}_{n}"), ident.span()));
        if !field
            .attrs
            .iter()
            .any(|a| a.meta.to_token_stream().to_string().contains("rename ="))
        {
            field
                .attrs
                .push(syn::parse_quote!(#[serde(rename = #wire)]));
        }
    }
}

impl VisitMut for OptionalContainers {
    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        if let syn::Fields::Named(fields) = &mut item.fields {
            dedupe_fields(fields);
        }
        syn::visit_mut::visit_item_struct_mut(self, item);
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        let mut changed = false;
        for attr in &mut field.attrs {
            if !attr.path().is_ident("serde") {
                continue;
            }
            let text = attr.meta.to_token_stream().to_string();
            let Some(start) = text.find("skip_serializing_if = \"") else {
                continue;
            };
            let rest = &text[start + 23..];
            let end = rest.find('"').expect("closed string");
            if !rest[..end].ends_with("::is_empty") {
                continue;
            }
            let new = format!(
                "{}::std::option::Option::is_none{}",
                &text[..start + 23],
                &rest[end..]
            );
            attr.meta = syn::parse_str(&new).expect("rewritten serde attribute parses");
            changed = true;
        }
        if changed {
            let ty = &field.ty;
            field.ty = syn::parse_quote!(::std::option::Option<#ty>);
        }
    }
}

/// Rewrite every container field that typify would skip when empty.
pub fn keep_empty_containers(file: &mut syn::File) {
    OptionalContainers.visit_file_mut(file);
}
