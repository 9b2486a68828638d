//! Keeps generated models faithful to the wire. typify drops empty arrays
//! and objects on output (`skip_serializing_if = "Vec::is_empty"`), so a
//! caller's `"tcpPortRange": []`, which clears a list on a full PUT, would
//! never be sent. Such fields become `Option<…>`: absent stays absent and
//! an empty container is sent as written.

use quote::ToTokens;
use syn::visit_mut::VisitMut;

struct OptionalContainers;

impl VisitMut for OptionalContainers {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        let mut changed = false;
        for attr in &mut field.attrs {
            if !attr.path().is_ident("serde") {
                continue;
            }
            let text = attr.meta.to_token_stream().to_string();
            let Some(start) = text.find("skip_serializing_if = \"") else { continue };
            let rest = &text[start + 23..];
            let end = rest.find('"').expect("closed string");
            if !rest[..end].ends_with("::is_empty") {
                continue;
            }
            let new = format!("{}::std::option::Option::is_none{}", &text[..start + 23], &rest[end..]);
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
