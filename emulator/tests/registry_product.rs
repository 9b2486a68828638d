//! A product that exists only as data (a registry entry built here and an
//! in-memory spec) is served by the generic path: auth, lists in its paging
//! style, CRUD with its id style, errors in its shape.

mod common;

use common::{client, fetch_token, send, Emu};
use reqwest::Method;
use serde_json::{json, Value};
use zscaler_emulator::product::{
    ErrorShape, IdStyle, Paging, PagingStyle, Product, ProductInfo, Registry, Staging,
};
use zscaler_emulator::spec::SpecIndex;
use zscaler_emulator::state::AppState;
use zscaler_emulator::Config;

fn leak<T>(v: T) -> &'static T {
    Box::leak(Box::new(v))
}

fn fixture_product(name: &'static str, ids: IdStyle, paging: Paging) -> Product {
    Product::new(leak(ProductInfo {
        name,
        title: "Fixture",
        spec_prefix: name,
        gateway: leak(format!("/{name}")).as_str(),
        api_roots: &["/api/v2/"],
        aliases: &[],
        errors: ErrorShape {
            code_field: "errorCode",
            message_field: "detail",
            not_found: "NO_SUCH_THING",
            invalid_body: "BAD_BODY",
            invalid_param: "BAD_PARAM",
            too_large: "TOO_BIG",
            method_not_allowed: "BAD_METHOD",
            rate_limited: None,
            read_only: "STATE_READONLY",
            retry_conflict: &[],
        },
        ids,
        paging,
        legacy_auth: None,
        rate_limits: &[],
        quotas: &[],
        staging: None,
        fills: &[],
    }))
}

/// One list-and-CRUD resource; `list` is the list response schema.
fn spec(list: Value) -> Value {
    let widget = json!({"type": "object", "required": ["name"],
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                       "size": {"type": "integer"}}});
    let body = json!({"content": {"application/json": {"schema": widget}}});
    let list = json!({"content": {"application/json": {"schema": list}}});
    let page = |n: &str| json!({"name": n, "in": "query", "schema": {"type": "integer"}});
    json!({"paths": {
        "/api/v2/widgets": {
            "get": {"operationId": "listWidgets",
                    "parameters": [page("pg"), page("sz"), page("pageNumber")],
                    "responses": {"200": list}},
            "post": {"operationId": "createWidget", "requestBody": body,
                     "responses": {"201": body}}
        },
        "/api/v2/widgets/{widgetId}": {
            "get": {"operationId": "getWidget", "responses": {"200": body}},
            "put": {"operationId": "updateWidget", "requestBody": body,
                    "responses": {"200": body}},
            "delete": {"operationId": "deleteWidget", "responses": {"204": {}}}
        }
    }})
}

const PAGE_ARRAY: Paging = Paging {
    style: PagingStyle::PageArray,
    position: "pg",
    size: "sz",
    default_size: 2,
    max_size: 3,
    string_totals: false,
};

async fn start() -> Emu {
    let zfx = fixture_product("zfx", IdStyle::Int64, PAGE_ARRAY);
    let zfy = fixture_product(
        "zfy",
        IdStyle::Alphanumeric,
        Paging {
            style: PagingStyle::Page,
            position: "pageNumber",
            size: "sz",
            default_size: 2,
            max_size: 4,
            string_totals: true,
        },
    );
    let array = json!({"type": "array", "items": {"type": "object"}});
    let envelope = json!({"type": "object", "properties": {
        "totalPages": {"type": "string"}, "totalCount": {"type": "string"},
        "list": {"type": "array", "items": {"type": "object"}}}});
    let docs = json!([
        {"file": "zfx-widgets.yaml", "spec": spec(array)},
        {"file": "zfy.yaml", "spec": spec(envelope)}
    ]);
    let products: &'static [Product] = Box::leak(vec![zfx, zfy].into_boxed_slice());
    let index = leak(SpecIndex::load_for(Registry(products), &docs));
    let config = Config::default();
    let (id, secret) = (config.client_id.clone(), config.client_secret.clone());
    let state = AppState::with_spec(config, index).unwrap();
    let addr = zscaler_emulator::server::spawn_state(state).await.unwrap();
    let base = format!("http://{addr}");
    let http = client();
    let token = fetch_token(&http, &base, &id, &secret).await;
    Emu { base, http, token }
}

#[tokio::test]
async fn registry_only_product_is_served_generically() {
    let emu = start().await;
    let list = "/zfx/api/v2/widgets";

    let anon = send(emu.http.get(emu.url(list))).await;
    assert_eq!(anon.status, 401, "the gate applies");
    let r = emu.get(list).await;
    assert_eq!((r.status.as_u16(), r.json()), (200, json!([])));

    let mut ids = Vec::new();
    for n in ["a", "b", "c"] {
        let r = emu.post(list, &json!({"name": n, "size": 1})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.json()["id"].clone();
        assert!(id.is_i64(), "int64 ids: {id}");
        ids.push(id);
    }
    // Paging: registry names `pg` / `sz`, default 2, at most 3.
    assert_eq!(emu.get(list).await.json().as_array().unwrap().len(), 2);
    let page2 = emu.get(&format!("{list}?pg=2")).await.json();
    assert_eq!(page2[0]["name"], "c");
    let too_big = emu.get(&format!("{list}?sz=4")).await;
    assert_eq!(too_big.status, 400);
    assert_eq!(too_big.json()["errorCode"], "BAD_PARAM");
    assert!(too_big.json()["detail"].is_string());

    let item = format!("{list}/{}", ids[0]);
    assert_eq!(emu.get(&item).await.json()["name"], "a");
    let r = emu.put(&item, &json!({"name": "a2"})).await;
    assert_eq!((r.status.as_u16(), &r.json()["name"]), (200, &json!("a2")));
    assert!(r.json().get("size").is_none(), "PUT replaces");
    assert_eq!(emu.delete(&item).await.status, 204);
    let gone = emu.get(&item).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.json()["errorCode"], "NO_SUCH_THING");

    let bad = emu.post(list, &json!({"size": 2})).await;
    assert_eq!(
        (bad.status.as_u16(), &bad.json()["errorCode"]),
        (400, &json!("BAD_BODY"))
    );
    let nowhere = emu.get("/zfx/api/v2/nothing").await;
    assert_eq!(nowhere.status, 404);
    assert_eq!(nowhere.json()["errorCode"], "NO_SUCH_THING");
    let wrong = send(emu.req(Method::PATCH, list)).await;
    assert_eq!(wrong.status, 405);
    assert_eq!(wrong.json()["errorCode"], "BAD_METHOD");
}

#[tokio::test]
async fn registry_only_product_pages_in_its_own_style() {
    let emu = start().await;
    let list = "/zfy/api/v2/widgets";
    for n in ["a", "b", "c"] {
        let r = emu.post(list, &json!({"name": n})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.json()["id"].clone();
        let id = id.as_str().expect("alphanumeric ids are strings");
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
    }
    let page = emu.get(list).await.json();
    assert_eq!(page["totalCount"], "3");
    assert_eq!(page["totalPages"], "2");
    assert_eq!(page["list"].as_array().unwrap().len(), 2);
    let page2 = emu.get(&format!("{list}?pageNumber=2")).await.json();
    assert_eq!(page2["list"][0]["name"], "c");
    assert_eq!(emu.get(&format!("{list}?sz=5")).await.status, 400);
    // The other fixture product's data is its own.
    assert_eq!(emu.get("/zfx/api/v2/widgets").await.json(), json!([]));
}

/// Staging comes from the registry entry and the spec: writes mark changes
/// pending, a POST carrying the registry's read extension does not, the
/// activation operation clears them, and a refused write changes nothing.
#[tokio::test]
async fn registry_staging_applies_to_generic_operations() {
    let info = ProductInfo {
        staging: Some(Staging {
            activate: "commitChanges",
            force: None,
            read_extension: "x-fixture-read",
        }),
        ..fixture_product("zfs", IdStyle::Int64, PAGE_ARRAY)
            .info()
            .clone()
    };
    let zfs = Product::new(leak(info));
    let mut doc = spec(json!({"type": "array", "items": {"type": "object"}}));
    let any = json!({"content": {"application/json": {"schema": {"type": "array"}}}});
    doc["paths"]["/api/v2/widgets/lookup"] = json!({"post": {
        "operationId": "lookupWidgets", "x-fixture-read": true,
        "responses": {"200": any}}});
    doc["paths"]["/api/v2/commit"] = json!({"post": {
        "operationId": "commitChanges", "responses": {"204": {}}}});
    let products: &'static [Product] = Box::leak(vec![zfs].into_boxed_slice());
    let docs = json!([{"file": "zfs.yaml", "spec": doc}]);
    let index = leak(SpecIndex::load_for(Registry(products), &docs));
    let config = Config::default();
    let (id, secret) = (config.client_id.clone(), config.client_secret.clone());
    let state = AppState::with_spec(config, index).unwrap();
    let addr = zscaler_emulator::server::spawn_state(state.clone())
        .await
        .unwrap();
    let base = format!("http://{addr}");
    let http = client();
    let token = fetch_token(&http, &base, &id, &secret).await;
    let emu = Emu { base, http, token };
    let pending = || state.store().is_pending(zfs);

    assert_eq!(
        emu.post("/zfs/api/v2/widgets/lookup", &json!([]))
            .await
            .status,
        200
    );
    assert!(!pending(), "a read-only POST stages nothing");
    assert_eq!(
        emu.post("/zfs/api/v2/widgets", &json!({})).await.status,
        400
    );
    assert!(!pending(), "a refused write stages nothing");
    assert_eq!(
        emu.post("/zfs/api/v2/widgets", &json!({"name": "a"}))
            .await
            .status,
        201
    );
    assert!(pending(), "a write is staged");
    assert_eq!(emu.post("/zfs/api/v2/commit", &json!({})).await.status, 204);
    assert!(!pending(), "the activation clears it");
}
