//! The crate-level product glue: `products.rs` (one module, handle and
//! `Client` getter per generated product) and `product_table.rs` (the
//! runtime's `Product` enum and `ProductInfo` table for every registry
//! entry, generated or not).

use crate::registry::{Product, Registry};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `products.rs`, included once from `src/lib.rs`: for each selected
/// product its module (`pub mod zpa`, the file `<name>.rs` in `OUT_DIR`),
/// its handle (`Zpa`), `Client::zpa()`, and for a staging product
/// `pending_changes()`. The JS class and getter are in the module's
/// `js_bindings`.
pub fn products_rs(selected: &[&Product]) -> TokenStream {
    let items = selected.iter().map(|p| {
        let module = format_ident!("{}", p.name);
        let handle = format_ident!("{}", p.type_name);
        let variant = &handle;
        let file = format!("/{}.rs", p.name);
        let module_doc = format!(
            " {} operations and models, generated from `openapi/{}*.yaml`.",
            p.display(),
            p.spec_prefix
        );
        let handle_doc = format!(
            " {} operations; the methods are listed in [`{}`].",
            p.display(),
            p.name
        );
        let getter_doc = format!(" {} operations.", p.display());
        let pending = p.staging.as_ref().map(|_| {
            let doc = format!(
                " Whether this client made {} changes that are not activated yet.",
                p.title
            );
            quote! {
                impl #handle {
                    #[doc = #doc]
                    pub fn pending_changes(&self) -> bool {
                        self.client.pending_changes(crate::Product::#variant)
                    }
                }
            }
        });
        quote! {
            #[doc = #module_doc]
            #[allow(clippy::all, missing_docs)]
            pub mod #module {
                include!(concat!(env!("OUT_DIR"), #file));
            }

            #[doc = #handle_doc]
            #[derive(Clone, Debug)]
            pub struct #handle {
                pub(crate) client: crate::Client,
            }

            impl crate::Client {
                #[doc = #getter_doc]
                pub fn #module(&self) -> #handle {
                    #handle { client: self.clone() }
                }
            }

            #pending
        }
    });
    quote!(#(#items)*)
}

fn strs(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn opt(value: &Option<String>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn info(p: &Product) -> TokenStream {
    let (name, title, gateway) = (&p.name, &p.title, &p.gateway);
    let legacy = opt(&p.auth.legacy);
    let limits = p.rate_limits.iter().map(|r| {
        let methods = strs(&r.methods);
        let max = proc_macro2::Literal::u64_unsuffixed(r.max);
        let window = proc_macro2::Literal::u64_unsuffixed(r.window_ms);
        quote!(RateLimit { methods: #methods, max: #max, window_ms: #window })
    });
    let quotas = p.quotas.iter().map(|q| {
        let operations = strs(&q.operations);
        let max = proc_macro2::Literal::u64_unsuffixed(q.max);
        let window = proc_macro2::Literal::u64_unsuffixed(q.window_ms);
        quote!(Quota { operations: #operations, max: #max, window_ms: #window })
    });
    let activate = opt(&p.staging.as_ref().map(|s| s.activate.clone()));
    let fills = p.fills.iter().map(|f| {
        let (param, option, required) = (&f.param, &f.option, f.required);
        quote!(Fill { param: #param, option: #option, required: #required })
    });
    let e = &p.errors;
    let (code, message, not_found) = (&e.code_field, &e.message_field, &e.not_found);
    let read_only = e.read_only.clone().unwrap_or_default();
    let retry = strs(&e.retry_conflict);
    let max_page_size = proc_macro2::Literal::i64_unsuffixed(p.paging.max_size);
    quote! {
        ProductInfo {
            name: #name, title: #title, gateway: #gateway, legacy: #legacy,
            rate_limits: &[#(#limits),*], quotas: &[#(#quotas),*], activate: #activate, fills: &[#(#fills),*],
            code_field: #code, message_field: #message, not_found: #not_found,
            read_only: #read_only, retry_conflict: #retry, max_page_size: #max_page_size,
        }
    }
}

/// `product_table.rs`: the runtime's `Product` enum and one `ProductInfo`
/// per registry entry (see `src/product.rs`).
pub fn product_table(registry: &Registry) -> TokenStream {
    let products = &registry.products;
    let variants: Vec<_> = products
        .iter()
        .map(|p| format_ident!("{}", p.type_name))
        .collect();
    let docs = products.iter().map(|p| format!(" {}.", p.long_name));
    let index = (0..products.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let infos = products.iter().map(info);
    let n = proc_macro2::Literal::usize_unsuffixed(products.len());
    quote! {
        /// A product of the registry (`products.json`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Product {
            #(#[doc = #docs] #variants,)*
        }

        impl Product {
            /// Every product of the registry, in its order.
            pub const ALL: &'static [Product] = &[#(Product::#variants),*];

            /// The registry's facts about the product.
            pub fn info(self) -> &'static ProductInfo {
                match self {
                    #(Product::#variants => &INFO[#index],)*
                }
            }
        }

        static INFO: [ProductInfo; #n] = [#(#infos),*];
    }
}
