//! ZPA routes (`/zpa/...`): application segments, segment and server groups
//! (full CRUD), and read-only IdPs, microtenants, connector groups and SCIM
//! data.

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use super::zpa_model::{self, microtenant_of, Coll};
use super::zpa_render::{self as render, render};
use crate::body;
use crate::errors::ApiError;
use crate::paging::{self, Search, Totals};
use crate::product::Product;
use crate::query::Params;
use crate::state::AppState;
use crate::store::{find, now_secs, position, ZpaData};

const MGMT_V1: &str = "/zpa/mgmtconfig/v1/admin/customers/{cust}";
const MGMT_V2: &str = "/zpa/mgmtconfig/v2/admin/customers/{cust}";
const USERCONFIG: &str = "/zpa/userconfig/v1/customers/{cust}";

type Reply = Result<Response, ApiError>;

/// The ZPA router (without the bearer check, which the server adds).
pub fn routes() -> Router<AppState> {
    let mut r = Router::new();
    for (seg, coll) in [
        ("application", Coll::Application),
        ("segmentGroup", Coll::SegmentGroup),
        ("serverGroup", Coll::ServerGroup),
    ] {
        r = r
            .route(
                &format!("{MGMT_V1}/{seg}"),
                get(move |s: State<AppState>, p: Path<String>, q: RawQuery| list(s, coll, p, q))
                    .post(
                        move |s: State<AppState>, p: Path<String>, q: RawQuery, b: Body| {
                            create(s, coll, p, q, b)
                        },
                    ),
            )
            .route(
                &format!("{MGMT_V1}/{seg}/{{id}}"),
                get(
                    move |s: State<AppState>, p: Path<(String, String)>, q: RawQuery| {
                        get_one(s, coll, p, q)
                    },
                )
                .put(
                    move |s: State<AppState>, p: Path<(String, String)>, b: Body| {
                        replace(s, coll, p, b)
                    },
                )
                .delete(move |s: State<AppState>, p: Path<(String, String)>| remove(s, coll, p)),
            );
    }
    r.route(
        &format!("{MGMT_V1}/appConnectorGroup"),
        get(list_connector_groups),
    )
    .route(
        &format!("{MGMT_V1}/appConnectorGroup/{{id}}"),
        get(get_connector_group),
    )
    .route(&format!("{MGMT_V2}/idp"), get(list_idps))
    .route(&format!("{MGMT_V1}/idp/{{id}}"), get(get_idp))
    .route(&format!("{MGMT_V1}/microtenants"), get(list_microtenants))
    .route(
        &format!("{MGMT_V1}/microtenants/{{id}}"),
        get(get_microtenant),
    )
    .route(
        &format!("{MGMT_V1}/idp/{{id}}/scimattribute"),
        get(list_scim_attributes),
    )
    .route(
        &format!("{USERCONFIG}/scimgroup/idpId/{{id}}"),
        get(list_scim_groups),
    )
    .route(
        &format!("{USERCONFIG}/scimgroup/{{id}}"),
        get(get_scim_group),
    )
}

/// Rejects any customer id but the configured one, as another tenant's
/// objects are invisible to this client's token.
fn check_customer(state: &AppState, cust: &str) -> Result<(), ApiError> {
    if cust == state.config.customer_id {
        Ok(())
    } else {
        Err(ApiError::not_found(
            Product::ZPA,
            format!("Customer {cust} not found"),
        ))
    }
}

/// Applies `search` and `microtenantId` filters in list order.
pub fn filter<'a>(params: &Params, items: impl Iterator<Item = &'a Value>) -> Vec<&'a Value> {
    let search = params
        .get("search")
        .filter(|s| !s.trim().is_empty())
        .map(Search::parse);
    let mt = params.get("microtenantId").filter(|s| !s.is_empty());
    items
        .filter(|o| search.as_ref().is_none_or(|s| s.matches(o)))
        .filter(|o| mt.is_none_or(|m| microtenant_of(o) == m))
        .collect()
}

fn page(params: &Params, items: &[&Value], totals: Totals) -> Reply {
    Ok(Json(paging::envelope_page(Product::ZPA, params, items, totals)?).into_response())
}

fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::not_found(Product::ZPA, format!("{what} {id} not found"))
}

/// Filters on the stored objects and renders only the requested page,
/// straight into the response bytes; repeated requests for the same page
/// of unchanged data are served from the page cache.
async fn list(
    State(state): State<AppState>,
    coll: Coll,
    Path(cust): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    check_customer(&state, &cust)?;
    let cache_key = format!("{coll:?}?{}", q.as_deref().unwrap_or(""));
    let page = {
        let store = state.store();
        let generation = store.generation();
        match state.runtime.pages.get(&cache_key, generation) {
            Some(page) => page,
            None => {
                let page = Bytes::from(render_page(&store.zpa, coll, q.as_deref())?);
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
fn render_page(z: &ZpaData, coll: Coll, q: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let params = Params::parse(q);
    let rows = filter(&params, coll.items(z).iter());
    let w = paging::window(Product::ZPA, &params, rows.len())?;
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

async fn get_one(
    State(state): State<AppState>,
    coll: Coll,
    Path((cust, id)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Reply {
    check_customer(&state, &cust)?;
    let params = Params::parse(q.as_deref());
    let store = state.store();
    let z = &store.zpa;
    let obj = find(coll.items(z), &id)
        .filter(|o| {
            params
                .get("microtenantId")
                .is_none_or(|m| microtenant_of(o) == m)
        })
        .ok_or_else(|| not_found(coll.label(), &id))?;
    Ok(Json(render(z, coll, obj)).into_response())
}

async fn create(
    State(state): State<AppState>,
    coll: Coll,
    Path(cust): Path<String>,
    RawQuery(q): RawQuery,
    raw: Body,
) -> Reply {
    check_customer(&state, &cust)?;
    let mut body = body::object(Product::ZPA, raw).await?;
    // The microtenant may also be chosen with the query parameter.
    if let Some(mt) = Params::parse(q.as_deref()).get("microtenantId") {
        body.entry("microtenantId")
            .or_insert_with(|| Value::String(mt.to_string()));
    }
    let mut store = state.store();
    let z: &mut ZpaData = &mut store.zpa;
    zpa_model::validate(z, coll, &body, true)?;
    let id = z.new_id();
    let obj = zpa_model::build(z, coll, body, id, None, now_secs());
    coll.items_mut(z).push(obj.clone());
    let out = render(z, coll, &obj);
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

async fn replace(
    State(state): State<AppState>,
    coll: Coll,
    Path((cust, id)): Path<(String, String)>,
    raw: Body,
) -> Reply {
    check_customer(&state, &cust)?;
    let body = body::object(Product::ZPA, raw).await?;
    let mut store = state.store();
    let z: &mut ZpaData = &mut store.zpa;
    let idx = position(coll.items(z), &id).ok_or_else(|| not_found(coll.label(), &id))?;
    zpa_model::validate(z, coll, &body, false)?;
    let prev = coll.items(z)[idx].clone();
    let obj = zpa_model::build(z, coll, body, id, Some(&prev), now_secs());
    coll.items_mut(z)[idx] = obj;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn remove(
    State(state): State<AppState>,
    coll: Coll,
    Path((cust, id)): Path<(String, String)>,
) -> Reply {
    check_customer(&state, &cust)?;
    let mut store = state.store();
    let items = coll.items_mut(&mut store.zpa);
    let idx = position(items, &id).ok_or_else(|| not_found(coll.label(), &id))?;
    items.remove(idx);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Shared body of the read-only list endpoints.
fn list_of(
    state: &AppState,
    cust: &str,
    q: Option<String>,
    totals: Totals,
    pick: impl for<'a> Fn(&'a ZpaData) -> Vec<&'a Value>,
) -> Reply {
    check_customer(state, cust)?;
    let params = Params::parse(q.as_deref());
    let store = state.store();
    let rows = filter(&params, pick(&store.zpa).into_iter());
    page(&params, &rows, totals)
}

/// Shared body of the read-only single-object endpoints.
fn one_of(
    state: &AppState,
    cust: &str,
    what: &str,
    id: &str,
    pick: impl Fn(&ZpaData) -> &Vec<Value>,
) -> Reply {
    check_customer(state, cust)?;
    let store = state.store();
    let obj = find(pick(&store.zpa), id).ok_or_else(|| not_found(what, id))?;
    Ok(Json(obj.clone()).into_response())
}

async fn list_connector_groups(
    State(s): State<AppState>,
    Path(cust): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    list_of(&s, &cust, q, Totals::Strings, |z| {
        z.connector_groups.iter().collect()
    })
}

async fn get_connector_group(
    State(s): State<AppState>,
    Path((cust, id)): Path<(String, String)>,
) -> Reply {
    one_of(&s, &cust, "App connector group", &id, |z| {
        &z.connector_groups
    })
}

async fn list_idps(
    State(s): State<AppState>,
    Path(cust): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    list_of(&s, &cust, q, Totals::Strings, |z| z.idps.iter().collect())
}

async fn get_idp(State(s): State<AppState>, Path((cust, id)): Path<(String, String)>) -> Reply {
    one_of(&s, &cust, "IdP", &id, |z| &z.idps)
}

async fn list_microtenants(
    State(s): State<AppState>,
    Path(cust): Path<String>,
    RawQuery(q): RawQuery,
) -> Reply {
    list_of(&s, &cust, q, Totals::Strings, |z| {
        z.microtenants.iter().collect()
    })
}

async fn get_microtenant(
    State(s): State<AppState>,
    Path((cust, id)): Path<(String, String)>,
) -> Reply {
    one_of(&s, &cust, "Microtenant", &id, |z| &z.microtenants)
}

async fn list_scim_attributes(
    State(s): State<AppState>,
    Path((cust, idp)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Reply {
    check_customer(&s, &cust)?;
    if find(&s.store().zpa.idps, &idp).is_none() {
        return Err(not_found("IdP", &idp));
    }
    list_of(&s, &cust, q, Totals::Strings, |z| {
        z.scim_attributes
            .iter()
            .filter(|a| a["idpId"].as_str() == Some(idp.as_str()))
            .collect()
    })
}

async fn list_scim_groups(
    State(s): State<AppState>,
    Path((cust, idp)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Reply {
    check_customer(&s, &cust)?;
    if find(&s.store().zpa.idps, &idp).is_none() {
        return Err(not_found("IdP", &idp));
    }
    // This endpoint reports its totals as JSON numbers, unlike the rest.
    list_of(&s, &cust, q, Totals::Numbers, |z| {
        z.scim_groups
            .iter()
            .filter(|g| zpa_model::id_text(&g["idpId"]) == idp)
            .collect()
    })
}

async fn get_scim_group(
    State(s): State<AppState>,
    Path((cust, id)): Path<(String, String)>,
) -> Reply {
    one_of(&s, &cust, "SCIM group", &id, |z| &z.scim_groups)
}
