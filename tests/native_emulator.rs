//! The native client against the emulator, started in-process per test.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use zscaler_wasm::{zia, zidentity, zpa, Client, ClientOptions, Secret};

async fn client_with(secret: &str) -> (Client, String) {
    let config = zscaler_emulator::Config::default();
    let customer = config.customer_id.clone();
    let id = config.client_id.clone();
    let addr = zscaler_emulator::spawn(config)
        .await
        .expect("emulator starts");
    let base = format!("http://{addr}");
    let client = Client::new(ClientOptions {
        client_id: Some(id),
        client_secret: Some(Secret::new(secret)),
        base_url: Some(base.clone()),
        token_url: Some(format!("{base}/oauth2/v1/token")),
        customer_id: Some(customer),
        ..Default::default()
    })
    .unwrap();
    (client, base)
}

async fn client() -> Client {
    let secret = zscaler_emulator::Config::default().client_secret;
    client_with(&secret).await.0
}

#[tokio::test]
async fn zpa_pages_are_strings_and_collect_all_sees_each_item_once() {
    let zpa = client().await.zpa();
    let first = zpa
        .list_application_segments(&zpa::ListApplicationSegmentsParams {
            pagesize: Some(20),
            ..Default::default()
        })
        .await
        .unwrap();
    let total: usize = first.total_count.as_deref().unwrap().parse().unwrap();
    let pages: usize = first.total_pages.as_deref().unwrap().parse().unwrap();
    assert!(total > 20, "the demo seed spans several pages");
    assert_eq!(pages, total.div_ceil(20));
    assert_eq!(first.list.as_ref().map(Vec::len), Some(20));

    for size in [7, 20, 500] {
        let all = zpa
            .list_all_application_segments(&zpa::ListApplicationSegmentsParams {
                pagesize: Some(size),
                ..Default::default()
            })
            .await
            .unwrap();
        let ids: HashSet<_> = all.iter().map(|a| a.id.clone().unwrap()).collect();
        assert_eq!((all.len(), ids.len()), (total, total), "pagesize {size}");
    }
}

#[tokio::test]
async fn zpa_search_and_crud_round_trip() {
    let zpa = client().await.zpa();
    let groups = zpa
        .list_all_segment_groups(&Default::default())
        .await
        .unwrap();
    let group_id = groups[0].id.clone().unwrap();
    let body: zpa::types::ApplicationSegment = serde_json::from_value(serde_json::json!({
        "name": "roundtrip.example.com",
        "domainNames": ["roundtrip.example.com"],
        "segmentGroupId": group_id,
        "tcpPortRanges": ["443", "443"],
        "enabled": true
    }))
    .unwrap();
    let created = zpa
        .create_application_segment(&zpa::CreateApplicationSegmentParams {
            microtenant_id: None,
            body,
        })
        .await
        .unwrap();
    let id = created.id.clone().expect("server assigns an id");
    assert!(
        id.chars().all(|c| c.is_ascii_digit()),
        "ZPA ids are numeric strings: {id}"
    );

    let found = zpa
        .list_application_segments(&zpa::ListApplicationSegmentsParams {
            search: Some("name EQ roundtrip.example.com".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let found = found.list.unwrap_or_default();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id.as_deref(), Some(id.as_str()));

    let mut changed = created.clone();
    changed.description = Some("updated".into());
    zpa.update_application_segment(&zpa::UpdateApplicationSegmentParams {
        application_id: id.clone(),
        microtenant_id: None,
        body: changed,
    })
    .await
    .unwrap();
    let got = zpa
        .get_application_segment(&zpa::GetApplicationSegmentParams {
            application_id: id.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(got.description.as_deref(), Some("updated"));

    zpa.delete_application_segment(&zpa::DeleteApplicationSegmentParams {
        application_id: id.clone(),
        ..Default::default()
    })
    .await
    .unwrap();
    let err = zpa
        .get_application_segment(&zpa::GetApplicationSegmentParams {
            application_id: id,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.kind(), "ZscalerApiError");
}

#[tokio::test]
async fn zpa_read_only_slice_operations() {
    let zpa = client().await.zpa();
    let idps = zpa.list_all_idps(&Default::default()).await.unwrap();
    assert!(!idps.is_empty());
    let idp_id = idps[0].id.clone().unwrap();
    let idp = zpa
        .get_idp(&zpa::GetIdpParams {
            idp_id: idp_id.clone(),
        })
        .await
        .unwrap();
    assert_eq!(idp.id.as_deref(), Some(idp_id.as_str()));
    assert!(!zpa
        .list_all_server_groups(&Default::default())
        .await
        .unwrap()
        .is_empty());
    assert!(!zpa
        .list_all_microtenants(&Default::default())
        .await
        .unwrap()
        .is_empty());
    let groups = zpa
        .list_all_scim_groups(&zpa::ListScimGroupsParams {
            idp_id: idp_id.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!groups.is_empty(), "seeded SCIM groups for the first IdP");
    let one = zpa
        .get_scim_group(&zpa::GetScimGroupParams {
            scim_group_id: groups[0].id.unwrap().to_string(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(one.id, groups[0].id);
    zpa.list_all_scim_attributes(&zpa::ListScimAttributesParams {
        idp_id,
        ..Default::default()
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn zia_users_stage_changes_until_activation() {
    let zia = client().await.zia();
    let users = zia
        .list_users(&zia::ListUsersParams {
            page_size: Some(5),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(users.len(), 5);
    let status = zia
        .get_activation_status(&Default::default())
        .await
        .unwrap();
    assert_eq!(status.status.as_deref(), Some("ACTIVE"));

    let groups = zia.list_groups(&Default::default()).await.unwrap();
    let departments = zia.list_departments(&Default::default()).await.unwrap();
    let body: zia::types::User = serde_json::from_value(serde_json::json!({
        "name": "Ada Lovelace", "email": "ada@example.com", "password": "Pa55word!x",
        "groups": [groups[0]], "department": departments[0]
    }))
    .unwrap();
    let created = zia
        .create_user(&zia::CreateUserParams { body })
        .await
        .unwrap();
    let id = created.id.unwrap();
    let pending = zia
        .get_activation_status(&Default::default())
        .await
        .unwrap();
    assert_eq!(pending.status.as_deref(), Some("PENDING"));
    let active = zia.activate(&Default::default()).await.unwrap();
    assert_eq!(active.status.as_deref(), Some("ACTIVE"));

    let named = zia
        .list_users(&zia::ListUsersParams {
            name: Some("Ada Lovelace".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(named.iter().any(|u| u.id == Some(id)));
    zia.delete_user(&zia::DeleteUserParams { user_id: id })
        .await
        .unwrap();
    let err = zia
        .get_user(&zia::GetUserParams { user_id: id })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
}

#[tokio::test]
async fn zia_and_zidentity_walks_see_every_item_once() {
    use futures_util::StreamExt;
    let client = client().await;
    let (zia, zid) = (client.zia(), client.zidentity());
    let truth: Vec<_> = zia
        .list_users(&zia::ListUsersParams {
            page_size: Some(1000),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    assert!(truth.len() > 10);
    for size in [3, 5, truth.len() as i32] {
        let params = zia::ListUsersParams {
            page_size: Some(size),
            ..Default::default()
        };
        let all: Vec<_> = zia.list_all_users(&params).await.unwrap();
        assert_eq!(all.into_iter().map(|u| u.id).collect::<Vec<_>>(), truth);
    }
    let streamed: Vec<_> = zia
        .iter_users(&zia::ListUsersParams {
            page_size: Some(4),
            ..Default::default()
        })
        .map(|u| u.unwrap().id)
        .collect()
        .await;
    assert_eq!(streamed, truth);

    let people = zid
        .list_users(&zidentity::ListUsersParams {
            limit: Some(1000),
            ..Default::default()
        })
        .await
        .unwrap()
        .records
        .unwrap_or_default();
    let walked = zid
        .list_all_users(&zidentity::ListUsersParams {
            limit: Some(3),
            ..Default::default()
        })
        .await
        .unwrap();
    let ids = |v: &[zidentity::types::User]| v.iter().map(|u| u.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&walked), ids(&people));
}

#[tokio::test]
async fn zidentity_pages_by_offset() {
    let zid = client().await.zidentity();
    let page = zid
        .list_users(&zidentity::ListUsersParams {
            limit: Some(10),
            offset: Some(0),
            ..Default::default()
        })
        .await
        .unwrap();
    let records = page.records.clone().unwrap_or_default();
    assert_eq!(records.len(), 10);
    assert!(page.next_link.is_some(), "more users than one page of 10");
    let one = zid
        .get_user(&zidentity::GetUserParams {
            id: records[0].id.clone().unwrap(),
        })
        .await
        .unwrap();
    assert_eq!(one.id, records[0].id);
    let groups = zid.list_groups(&Default::default()).await.unwrap();
    assert!(!groups.records.unwrap_or_default().is_empty());
}

#[tokio::test]
async fn wrong_secret_is_an_auth_error_without_the_secret() {
    let (client, _) = client_with("canary-wrong-secret-5f2a").await;
    let err = client
        .zia()
        .list_users(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "AUTH_FAILED");
    assert_eq!(err.status(), Some(401));
    let shown = format!("{err} {err:?} {client:?}");
    assert!(!shown.contains("canary-wrong-secret-5f2a"), "{shown}");
}

/// A client whose every request would fail: nothing listens on port 9.
fn unreachable_client() -> Client {
    Client::new(ClientOptions {
        client_id: Some("x".into()),
        client_secret: Some(Secret::new("y")),
        base_url: Some("http://127.0.0.1:9".into()),
        token_url: Some("http://127.0.0.1:9/token".into()),
        ..Default::default()
    })
    .unwrap()
}

#[tokio::test]
async fn missing_customer_id_fails_before_sending() {
    let err = unreachable_client()
        .zpa()
        .list_application_segments(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "CONFIG");
}

#[tokio::test]
async fn unreachable_server_is_a_transport_error() {
    let err = unreachable_client()
        .zia()
        .list_users(&Default::default())
        .await
        .unwrap_err();
    // The token call fails first, and says so; it was retried.
    assert_eq!(err.code(), "TRANSPORT", "{err}");
    assert!(err.to_string().contains("token request"), "{err}");
    assert_eq!(err.status(), None);
}

#[tokio::test]
async fn walks_draw_from_the_rate_budget_the_client_shows() {
    let client = client().await;
    let get_budget = |c: &Client| {
        c.rate_budget(zscaler_wasm::Product::Zpa)
            .into_iter()
            .find(|b| b.methods.contains(&"GET"))
            .expect("ZPA documents a GET limit")
    };
    let before = get_budget(&client);
    assert_eq!(before.remaining, before.max);
    let params = zpa::ListApplicationSegmentsParams {
        pagesize: Some(10),
        ..Default::default()
    };
    let all = client
        .zpa()
        .list_all_application_segments(&params)
        .await
        .unwrap();
    let pages = all.len().div_ceil(10);
    assert!(pages >= 2, "the demo tenant spans pages");
    let after = get_budget(&client);
    assert_eq!(after.remaining, before.max - pages, "one slot per page");
    // A handle with a larger look-ahead walks the same items.
    let ahead = client
        .with_call_options(zscaler_wasm::CallOptions {
            prefetch: Some(6),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ahead.prefetch(), 6);
    let ids: Vec<String> =
        futures_util::StreamExt::collect::<Vec<_>>(ahead.zpa().iter_application_segments(&params))
            .await
            .into_iter()
            .map(|s| s.unwrap().id.unwrap())
            .collect();
    assert_eq!(
        ids,
        all.into_iter().map(|s| s.id.unwrap()).collect::<Vec<_>>()
    );
    assert!(zscaler_wasm::CallOptions {
        prefetch: Some(0),
        ..Default::default()
    }
    .checked()
    .is_err());
}
