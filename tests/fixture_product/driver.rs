//! The Rust half of the fixture-product test (scripts/test-fixture-product.sh
//! copies it into a scratch copy's `examples/`). The product exists there
//! only as a registry entry and a spec; this drives its generated, typed
//! module against the emulator built from the same registry, then runs the
//! JS half (`driver.mjs`) against the same emulator.
use zscaler_wasm::{fixture, Client, ClientOptions, Secret};

fn widget(name: &str, size: i32) -> fixture::types::Widget {
    serde_json::from_value(serde_json::json!({ "name": name, "size": size }))
        .expect("a widget from JSON")
}

#[tokio::main]
async fn main() {
    let addr = zscaler_emulator::spawn(zscaler_emulator::Config::default())
        .await
        .expect("emulator starts");
    let base = format!("http://{addr}");
    let client = Client::new(ClientOptions {
        client_id: Some("emulator-client".into()),
        client_secret: Some(Secret::new("emulator-secret")),
        base_url: Some(base.clone()),
        token_url: Some(format!("{base}/oauth2/v1/token")),
        pacing: Some(false),
        ..Default::default()
    })
    .expect("client");
    let api = client.fixture();

    let created = api
        .create_widget(&fixture::CreateWidgetParams {
            body: widget("first", 3),
        })
        .await
        .expect("create");
    let id: String = created.id.clone().expect("the emulator assigns an id");
    let got = api
        .get_widget(&fixture::GetWidgetParams {
            widget_id: id.clone(),
        })
        .await
        .expect("get");
    assert_eq!((got.name.as_str(), got.size), ("first", Some(3)));

    for i in 0..20 {
        api.create_widget(&fixture::CreateWidgetParams {
            body: widget(&format!("w{i}"), i),
        })
        .await
        .expect("create more");
    }
    let all = api
        .list_all_widgets(&fixture::ListWidgetsParams {
            pagesize: Some(6),
            ..Default::default()
        })
        .await
        .expect("walk every page");
    assert_eq!(all.len(), 21, "every widget once, over four pages");

    api.update_widget(&fixture::UpdateWidgetParams {
        widget_id: id.clone(),
        body: widget("renamed", 4),
    })
    .await
    .expect("update");
    let got = api
        .get_widget(&fixture::GetWidgetParams {
            widget_id: id.clone(),
        })
        .await
        .expect("get after update");
    assert_eq!(got.name, "renamed");
    api.delete_widget(&fixture::DeleteWidgetParams {
        widget_id: id.clone(),
    })
    .await
    .expect("delete");
    let gone = api
        .get_widget(&fixture::GetWidgetParams { widget_id: id })
        .await
        .expect_err("deleted");
    assert_eq!(
        (gone.status(), gone.code(), gone.product_code()),
        (Some(404), "NOT_FOUND".to_string(), Some("NO_SUCH_WIDGET")),
        "the registry's error shape and 404 code"
    );
    println!("rust: fixture product served and typed");

    let js = std::env::args().nth(1).expect("path of driver.mjs");
    let status = tokio::task::spawn_blocking(move || {
        std::process::Command::new("node")
            .arg(js)
            .env("EMULATOR_URL", base)
            .status()
    })
    .await
    .expect("join")
    .expect("node runs");
    assert!(status.success(), "the JS half failed");
}
