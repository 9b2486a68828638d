//! The walks of ZDX, ZCC and ZWA lists against the emulator: each paging
//! shape (a `next_offset` token, a `totalCount` wrapper, a numbered
//! `cursor` on a search POST, plain arrays) yields every seeded item once,
//! at sizes that end on a full page and on a short one.
#![cfg(not(target_arch = "wasm32"))]

use futures_util::StreamExt;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::Arc;
use zscaler_wasm::{zcc, zdx, zwa, Client, ClientOptions, Secret};

/// How many objects each seeded list holds: not a multiple of the sizes
/// the tests walk with, except where a test says so.
const N: usize = 23;

/// A client of an emulator seeded with `N` objects in each list walked here.
async fn client() -> Client {
    let rows = |f: &dyn Fn(usize) -> Value| (0..N).map(f).collect::<Vec<_>>();
    let seed = json!({
        "zdx": {
            "/v1/devices": rows(&|i| json!({"name": format!("device-{i}")})),
            "/v1/config/devices": rows(&|i| json!({"name": format!("config-{i}")})),
        },
        "zcc": {
            "/papi/public/v1/custom-ip-based-apps":
                rows(&|i| json!({"appName": format!("app-{i}")})),
        },
        "zwa": {
            "/dlp/v1/customer/audit": rows(&|i| json!({"module": format!("m-{i}")})),
        },
    });
    let config = zscaler_emulator::Config {
        seed: zscaler_emulator::Seed::Empty,
        seed_file: Some(Arc::new(seed)),
        ..Default::default()
    };
    let (id, secret) = (config.client_id.clone(), config.client_secret.clone());
    let customer = config.customer_id.clone();
    let addr = zscaler_emulator::spawn(config)
        .await
        .expect("emulator starts");
    let base = format!("http://{addr}");
    Client::new(ClientOptions {
        client_id: Some(id),
        client_secret: Some(Secret::new(&secret)),
        base_url: Some(base.clone()),
        token_url: Some(format!("{base}/oauth2/v1/token")),
        customer_id: Some(customer),
        ..Default::default()
    })
    .unwrap()
}

/// `ids` are `N` distinct values.
fn all_once<T: std::hash::Hash + Eq + std::fmt::Debug>(ids: Vec<T>) {
    let n = ids.len();
    let set: HashSet<T> = ids.into_iter().collect();
    assert_eq!((n, set.len()), (N, N), "every item exactly once");
}

#[tokio::test]
async fn zdx_reports_follow_next_offset() {
    let zdx = client().await.zdx();
    let first = zdx
        .list_devices(&zdx::ListDevicesParams {
            limit: Some(10),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(first.devices.as_ref().map(Vec::len), Some(10));
    assert!(
        first.next_offset.is_some(),
        "a first page of three has a token"
    );
    for limit in [None, Some(1), Some(10), Some(23)] {
        let params = zdx::ListDevicesParams {
            limit,
            ..Default::default()
        };
        let all = zdx.list_all_devices(&params).await.unwrap();
        all_once(all.iter().map(|d| d.id).collect());
        let streamed: Vec<_> = zdx.iter_devices(&params).collect().await;
        assert_eq!(streamed.len(), N, "limit {limit:?}");
    }
}

#[tokio::test]
async fn zdx_configuration_lists_are_page_arrays() {
    let zdx = client().await.zdx();
    for size in [None, Some(5), Some(23)] {
        let params = zdx::ListConfigDevicesParams {
            page_size: size,
            ..Default::default()
        };
        let all = zdx.list_all_config_devices(&params).await.unwrap();
        all_once(all.iter().map(|d| d.id).collect());
    }
}

#[tokio::test]
async fn zcc_wrapped_lists_stop_at_total_count() {
    let zcc = client().await.zcc();
    let page = zcc
        .list_custom_ip_based_apps(&zcc::ListCustomIpBasedAppsParams {
            page: Some(3),
            page_size: Some(10),
        })
        .await
        .unwrap();
    assert_eq!(page.total_count, Some(N as _));
    assert_eq!(page.custom_app_contracts.as_ref().map(Vec::len), Some(3));
    for size in [None, Some(4), Some(23)] {
        let params = zcc::ListCustomIpBasedAppsParams {
            page: None,
            page_size: size,
        };
        let all = zcc.list_all_custom_ip_based_apps(&params).await.unwrap();
        all_once(all.iter().map(|a| a.id).collect());
    }
}

#[tokio::test]
async fn zwa_searches_walk_the_cursor_pages() {
    let zwa = client().await.zwa();
    let body: zwa::types::SearchRequest = serde_json::from_value(json!({})).unwrap();
    let first = zwa
        .search_audit_logs(&zwa::SearchAuditLogsParams {
            page: Some(1),
            page_size: Some(10),
            page_id: None,
            body: body.clone(),
        })
        .await
        .unwrap();
    let cursor = first.cursor.as_ref().unwrap();
    assert_eq!(
        (cursor.total_pages, cursor.current_page_number),
        (Some(3), Some(1))
    );
    for size in [None, Some(7), Some(23)] {
        let params = zwa::SearchAuditLogsParams {
            page: None,
            page_size: size,
            page_id: None,
            body: body.clone(),
        };
        let all = zwa.search_audit_logs_all(&params).await.unwrap();
        all_once(all.iter().map(|l| l.module.clone()).collect());
        let streamed: Vec<_> = zwa.iter_search_audit_logs(&params).collect().await;
        assert_eq!(streamed.len(), N);
    }
}

#[tokio::test]
async fn sizes_above_the_registry_maximum_are_refused_before_sending() {
    let c = client().await;
    let err = c
        .zcc()
        .list_all_custom_ip_based_apps(&zcc::ListCustomIpBasedAppsParams {
            page: None,
            page_size: Some(5001),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_ARGUMENT");
    // ZCC's largest is 5000, beyond ZIA's 1000: the registry decides.
    let ok = c
        .zcc()
        .list_all_custom_ip_based_apps(&zcc::ListCustomIpBasedAppsParams {
            page: None,
            page_size: Some(5000),
        })
        .await
        .unwrap();
    assert_eq!(ok.len(), N);
}
