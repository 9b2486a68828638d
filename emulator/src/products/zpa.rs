//! ZPA providers: application segments, segment and server groups (full
//! CRUD with field rules, references and derived fields), and read-only
//! IdPs, microtenants, connector groups and SCIM data.
//!
//! Registered in `products` by operationId. The tenant check on
//! `{customerId}`, auth and staging are the router's; list filters
//! (`search`, microtenant scope) are `generic::listing::rows`, shared with
//! the spec-driven lists.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::zpa_model::{self, Coll};
use super::zpa_render::{self as render, render};
use super::zpa_typed_apps;
use crate::body;
use crate::collections::{ZpaView, ZPA_IDPS};
use crate::errors::ApiError;
use crate::generic::listing;
use crate::generic::validate;
use crate::paging::{self, Totals};
use crate::product::Product;
use crate::query::Params;
use crate::router::{Ctx, Handler};
use crate::rules;
use crate::store::{find, now_secs, position};

type Reply = Result<Response, ApiError>;

/// The hand-written operations, by operationId.
pub const PROVIDERS: &[(&str, Handler)] = &[
    ("listApplicationSegments", |cx, _| {
        list(cx, Coll::Application)
    }),
    ("createApplicationSegment", |cx, b| {
        create(cx, Coll::Application, b)
    }),
    ("getApplicationSegment", |cx, _| {
        get_one(cx, Coll::Application)
    }),
    ("updateApplicationSegment", |cx, b| {
        replace(cx, Coll::Application, b)
    }),
    ("deleteApplicationSegment", |cx, _| {
        remove(cx, Coll::Application)
    }),
    ("listSegmentGroups", |cx, _| list(cx, Coll::SegmentGroup)),
    ("createSegmentGroup", |cx, b| {
        create(cx, Coll::SegmentGroup, b)
    }),
    ("getSegmentGroup", |cx, _| get_one(cx, Coll::SegmentGroup)),
    ("updateSegmentGroup", |cx, b| {
        replace(cx, Coll::SegmentGroup, b)
    }),
    ("deleteSegmentGroup", |cx, _| remove(cx, Coll::SegmentGroup)),
    ("listServerGroups", |cx, _| list(cx, Coll::ServerGroup)),
    ("createServerGroup", |cx, b| {
        create(cx, Coll::ServerGroup, b)
    }),
    ("getServerGroup", |cx, _| get_one(cx, Coll::ServerGroup)),
    ("updateServerGroup", |cx, b| {
        replace(cx, Coll::ServerGroup, b)
    }),
    ("deleteServerGroup", |cx, _| remove(cx, Coll::ServerGroup)),
    ("listAppConnectorGroups", |cx, _| {
        list_of(cx, Totals::Strings, |z| z.connector_groups.iter().collect())
    }),
    ("getAppConnectorGroup", |cx, _| {
        one_of(cx, "App connector group", |z| z.connector_groups)
    }),
    ("listIdps", |cx, _| {
        list_of(cx, Totals::Strings, |z| z.idps.iter().collect())
    }),
    ("getIdp", |cx, _| one_of(cx, "IdP", |z| z.idps)),
    ("listMicrotenants", |cx, _| {
        list_of(cx, Totals::Strings, |z| z.microtenants.iter().collect())
    }),
    ("getMicrotenant", |cx, _| {
        one_of(cx, "Microtenant", |z| z.microtenants)
    }),
    ("listScimAttributes", list_scim_attributes),
    ("listScimGroups", list_scim_groups),
    ("getScimGroup", |cx, _| {
        one_of(cx, "SCIM group", |z| z.scim_groups)
    }),
];

fn page(params: &Params, items: &[&Value], totals: Totals) -> Reply {
    Ok(Json(paging::envelope_page(Product::ZPA, params, items, totals)?).into_response())
}

fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::not_found(Product::ZPA, format!("{what} {id} not found"))
}

/// Filters on the stored objects and renders only the requested page,
/// straight into the response bytes; repeated requests for the same page
/// of unchanged data are served from the page cache.
fn list(cx: &Ctx<'_>, coll: Coll) -> Reply {
    let state = cx.state;
    let cache_key = format!("{coll:?}?{}", cx.query.unwrap_or(""));
    let page = {
        let store = state.store();
        let generation = store.generation();
        match state.runtime.pages.get(&cache_key, generation) {
            Some(page) => page,
            None => {
                let page = Bytes::from(render_page(&ZpaView::of(&store), coll, &cx.params)?);
                state.runtime.pages.put(cache_key, generation, page.clone());
                page
            }
        }
    };
    let mut resp = Response::new(Body::from(page));
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(resp)
}

/// The JSON of one list page, keys in the order serde_json's sorted maps
/// would write them.
fn render_page(z: &ZpaView<'_>, coll: Coll, params: &Params) -> Result<Vec<u8>, ApiError> {
    let rows = listing::rows(Product::ZPA, params, coll.items(z));
    let w = paging::window(Product::ZPA, params, rows.len())?;
    let mut out = Vec::with_capacity(32 * 1024);
    out.push(b'{');
    let page: Vec<&Value> = rows.iter().skip(w.start).take(w.len).copied().collect();
    if !page.is_empty() {
        out.extend_from_slice(b"\"list\":[");
        for (i, obj) in page.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            render::write_json(&mut out, z, coll, obj);
        }
        out.extend_from_slice(b"],");
    }
    let totals = format!(
        "\"totalCount\":\"{}\",\"totalPages\":\"{}\"}}",
        rows.len(),
        w.pages
    );
    out.extend_from_slice(totals.as_bytes());
    Ok(out)
}

fn get_one(cx: &Ctx<'_>, coll: Coll) -> Reply {
    let id = cx.found.last_value();
    let store = cx.state.store();
    let z = &ZpaView::of(&store);
    let obj = find(coll.items(z), id)
        .filter(|o| visible(&cx.params, o))
        .ok_or_else(|| not_found(coll.label(), id))?;
    Ok(Json(render(z, coll, obj)).into_response())
}

/// Whether the request's microtenant scope, if any, includes `obj`. Unlike
/// lists, a present but empty `microtenantId` hides scoped objects here, as
/// recorded.
fn visible(params: &Params, obj: &Value) -> bool {
    let r = rules::of(Product::ZPA);
    r.scope_field
        .and_then(|f| params.get(f))
        .is_none_or(|m| rules::in_scope(r, obj, m))
}

fn create(cx: &Ctx<'_>, coll: Coll, raw: Bytes) -> Reply {
    let mut body = body::parse_object(Product::ZPA, &raw)?;
    validate::numbers_to_text(cx.op, &mut body);
    // The microtenant may also be chosen with the query parameter.
    if let Some(mt) = cx.params.get("microtenantId") {
        body.entry("microtenantId")
            .or_insert_with(|| Value::String(mt.to_string()));
    }
    let mut store = cx.state.store();
    zpa_model::validate(&ZpaView::of(&store), coll, &body, true)?;
    let id = store.ids.numeric();
    if coll == Coll::Application {
        zpa_typed_apps::prepare(&mut body, &id, None, &mut store.ids);
    }
    let obj = zpa_model::build(&ZpaView::of(&store), coll, body, id, None, now_secs());
    store.collection_mut(coll.key()).push(obj.clone());
    if coll == Coll::Application {
        zpa_typed_apps::sync(&mut store);
    }
    let out = render(&ZpaView::of(&store), coll, &obj);
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

fn replace(cx: &Ctx<'_>, coll: Coll, raw: Bytes) -> Reply {
    let id = cx.found.last_value();
    let mut body = body::parse_object(Product::ZPA, &raw)?;
    validate::numbers_to_text(cx.op, &mut body);
    let mut store = cx.state.store();
    let z = ZpaView::of(&store);
    let idx = position(coll.items(&z), id).ok_or_else(|| not_found(coll.label(), id))?;
    zpa_model::validate(&z, coll, &body, false)?;
    let prev = coll.items(&z)[idx].clone();
    if coll == Coll::Application {
        zpa_typed_apps::prepare(&mut body, id, Some(&prev), &mut store.ids);
    }
    let z = ZpaView::of(&store);
    let obj = zpa_model::build(&z, coll, body, id.to_string(), Some(&prev), now_secs());
    store.collection_mut(coll.key())[idx] = obj;
    if coll == Coll::Application {
        zpa_typed_apps::sync(&mut store);
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn remove(cx: &Ctx<'_>, coll: Coll) -> Reply {
    let id = cx.found.last_value();
    let mut store = cx.state.store();
    let items = store.collection_mut(coll.key());
    let idx = position(items, id).ok_or_else(|| not_found(coll.label(), id))?;
    items.remove(idx);
    if coll == Coll::Application {
        zpa_typed_apps::sync(&mut store);
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Shared body of the read-only list endpoints.
fn list_of(
    cx: &Ctx<'_>,
    totals: Totals,
    pick: impl for<'a> Fn(&ZpaView<'a>) -> Vec<&'a Value>,
) -> Reply {
    let store = cx.state.store();
    let filter = listing::Filter::new(Product::ZPA, &cx.params);
    let mut rows = pick(&ZpaView::of(&store));
    rows.retain(|o| filter.keep(o));
    page(&cx.params, &rows, totals)
}

/// Shared body of the read-only single-object endpoints.
fn one_of(cx: &Ctx<'_>, what: &str, pick: impl for<'a> Fn(&ZpaView<'a>) -> &'a [Value]) -> Reply {
    let id = cx.found.last_value();
    let store = cx.state.store();
    let obj = find(pick(&ZpaView::of(&store)), id).ok_or_else(|| not_found(what, id))?;
    Ok(Json(obj.clone()).into_response())
}

fn list_scim_attributes(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let idp = cx.found.last_value();
    if find(cx.state.store().collection(ZPA_IDPS), idp).is_none() {
        return Err(not_found("IdP", idp));
    }
    list_of(cx, Totals::Strings, |z| {
        z.scim_attributes
            .iter()
            .filter(|a| a["idpId"].as_str() == Some(idp))
            .collect()
    })
}

fn list_scim_groups(cx: &Ctx<'_>, _: Bytes) -> Reply {
    let idp = cx.found.last_value();
    if find(cx.state.store().collection(ZPA_IDPS), idp).is_none() {
        return Err(not_found("IdP", idp));
    }
    // This endpoint reports its totals as JSON numbers, unlike the rest.
    list_of(cx, Totals::Numbers, |z| {
        z.scim_groups
            .iter()
            .filter(|g| zpa_model::id_text(&g["idpId"]) == idp)
            .collect()
    })
}
