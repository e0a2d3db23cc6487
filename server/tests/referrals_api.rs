//! The Referrals API on the real binary: OData listing and paging within the caller's
//! visibility, get with its ETag, and PATCH as domain commands with If-Match and
//! MS-RequestId.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

const API: &str = "/v1.0/engagements/referrals";

async fn get(c: &Client, path: &str) -> (StatusCode, Option<String>, Value) {
    let r = c
        .http
        .get(format!("{}{path}", c.base))
        .header("cookie", &c.cookie)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let etag = r
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (status, etag, r.json().await.unwrap_or(Value::Null))
}

async fn patch(
    c: &Client,
    id: &str,
    if_match: Option<&str>,
    request_id: Option<&str>,
    body: Value,
) -> (StatusCode, Value) {
    let mut r = c
        .http
        .patch(format!("{}{API}/{id}", c.base))
        .header("cookie", &c.cookie)
        .header("x-cosell-csrf", &c.csrf)
        .json(&body);
    if let Some(m) = if_match {
        r = r.header("if-match", m);
    }
    if let Some(id) = request_id {
        r = r.header("ms-requestid", id);
    }
    let r = r.send().await.unwrap();
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn lists_page_by_page_only_what_the_caller_may_see() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let mut contoso = Client::sign_in(&server, "contoso-admin").await;
    let fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
    for _ in 0..3 {
        contoso.create_deal(&engagement()).await;
    }
    let (status, _, first) = get(
        &contoso,
        &format!("{API}?$top=2&$orderby=createdDateTime%20desc"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["value"].as_array().unwrap().len(), 2);
    let next = first["@odata.nextLink"]
        .as_str()
        .expect("a next page")
        .to_string();
    let (_, _, second) = get(&contoso, &next).await;
    assert_eq!(second["value"].as_array().unwrap().len(), 1);
    assert!(second.get("@odata.nextLink").is_none());

    let (_, _, filtered) = get(
        &contoso,
        &format!("{API}?$filter=substatus%20eq%20%27Declined%27"),
    )
    .await;
    assert_eq!(filtered["value"].as_array().unwrap().len(), 0);
    let (_, _, theirs) = get(&fabrikam, API).await;
    assert_eq!(
        theirs["value"].as_array().unwrap().len(),
        0,
        "Fabrikam lists none of Contoso's deals"
    );
    let (status, _, bad) = get(&contoso, &format!("{API}?$filter=name%20eq%20%27x%27")).await;
    assert_eq!(
        (status, bad["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalidQuery"))
    );
}

#[tokio::test]
async fn a_referral_comes_with_its_etag_and_another_organisations_is_not_found() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let mut contoso = Client::sign_in(&server, "contoso-admin").await;
    let fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
    let id = contoso.create_deal(&engagement()).await;
    let (status, etag, r) = get(&contoso, &format!("{API}/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(etag, Some(format!("\"{}\"", r["eTag"].as_str().unwrap())));
    let (invisible, _, a) = get(&fabrikam, &format!("{API}/{id}")).await;
    let (unknown, _, b) = get(&fabrikam, &format!("{API}/no-such-referral")).await;
    assert_eq!(
        (invisible, unknown),
        (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND)
    );
    assert_eq!(a, b, "the same answer");
}

#[tokio::test]
async fn a_patch_needs_the_current_etag_is_decided_by_the_rules_and_runs_once_per_request_id() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let mut c = Client::sign_in(&server, "contoso-admin").await;
    let id = c.create_deal(&engagement()).await;
    let (_, etag, _) = get(&c, &format!("{API}/{id}")).await;
    let etag = etag.unwrap();
    let stage = |s: &str| json!([{ "op": "replace", "path": "/salesStage", "value": s }]);

    let (status, v) = patch(&c, &id, None, None, stage("Qualified")).await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::PRECONDITION_REQUIRED, Some("ifMatchRequired"))
    );
    let (status, v) = patch(&c, &id, Some("\"old\""), None, stage("Qualified")).await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::PRECONDITION_FAILED, Some("stale"))
    );

    let (status, changed) = patch(&c, &id, Some(&etag), Some("req-1"), stage("Qualified")).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["salesStage"], "Qualified");
    // A retry of the same request (its answer lost) gets the same answer, and changes nothing.
    let (status, again) = patch(&c, &id, Some(&etag), Some("req-1"), stage("Qualified")).await;
    assert_eq!((status, &again), (StatusCode::OK, &changed));
    let history = c.fresh_pull("auditor").await;
    let moves = history["activity"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["referralId"] == id.as_str() && a["action"] == "stageMarked")
        .count();
    assert_eq!(moves, 1, "the stage moved once");

    // The rules refuse a move back, in their words.
    let now = changed["eTag"].as_str().unwrap().to_string();
    let (status, refused) = patch(&c, &id, Some(&now), None, stage("Created")).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (StatusCode::CONFLICT, Some("refused")),
        "{refused}"
    );
    // A path no command changes.
    let (status, v) = patch(
        &c,
        &id,
        Some(&now),
        None,
        json!([{ "op": "replace", "path": "/organizationId", "value": "fabrikam" }]),
    )
    .await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalidPatch"))
    );
}

async fn with_token(
    c: &Client,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
    if_match: Option<&str>,
) -> (StatusCode, Value) {
    let mut r = c
        .http
        .request(method, format!("{}{path}", c.base))
        .header("authorization", format!("Bearer {token}"));
    if let Some(b) = body {
        r = r.json(&b);
    }
    if let Some(m) = if_match {
        r = r.header("if-match", m);
    }
    let r = r.send().await.unwrap();
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn an_api_token_reads_and_writes_as_a_named_integration_until_it_is_revoked() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let mut admin = Client::sign_in(&server, "contoso-admin").await;
    let id = admin.create_deal(&engagement()).await;
    // Only the MPN partner admin makes tokens.
    let scoped = Client::sign_in(&server, "contoso-de-admin").await;
    let (status, _) = scoped
        .post(
            "/v1.0/tokens",
            &json!({ "name": "CRM", "scope": "readWrite" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, made) = admin
        .post(
            "/v1.0/tokens",
            &json!({ "name": "Dynamics CRM", "scope": "readWrite" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let token = made["token"].as_str().unwrap().to_string();
    let (_, reader) = admin
        .post(
            "/v1.0/tokens",
            &json!({ "name": "Reporting", "scope": "read" }),
        )
        .await;
    let read_only = reader["token"].as_str().unwrap().to_string();

    // The list shows them without their secrets.
    let (_, _, listed) = get(&admin, "/v1.0/tokens").await;
    assert_eq!(listed["value"].as_array().unwrap().len(), 2);
    assert!(!listed.to_string().contains(&token));

    let (status, r) = with_token(
        &admin,
        &token,
        reqwest::Method::GET,
        &format!("{API}/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let etag = format!("\"{}\"", r["eTag"].as_str().unwrap());
    let stage = json!([{ "op": "replace", "path": "/salesStage", "value": "Qualified" }]);
    let (status, _) = with_token(
        &admin,
        &read_only,
        reqwest::Method::PATCH,
        &format!("{API}/{id}"),
        Some(stage.clone()),
        Some(&etag),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a read token writes nothing");
    let (status, changed) = with_token(
        &admin,
        &token,
        reqwest::Method::PATCH,
        &format!("{API}/{id}"),
        Some(stage),
        Some(&etag),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    // The timeline names the integration.
    let history = admin.fresh_pull("auditor").await;
    assert!(history["activity"]
        .to_string()
        .contains("Dynamics CRM (API)"));

    let token_id = made["id"].as_str().unwrap();
    let r = admin
        .http
        .delete(format!("{}/v1.0/tokens/{token_id}", admin.base))
        .header("cookie", &admin.cookie)
        .header("x-cosell-csrf", &admin.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (status, v) = with_token(&admin, &token, reqwest::Method::GET, API, None, None).await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalidToken")),
        "revoked at once"
    );
    let (status, _) =
        with_token(&admin, "cst_made_up", reqwest::Method::GET, API, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_openapi_description_names_every_route_and_method_the_server_answers() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let spec: Value = reqwest::get(format!("{}/v1.0/openapi.json", server.base()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = spec["paths"].as_object().expect("paths");
    let c = Client::sign_in(&server, "contoso-admin").await;
    let mut checked = 0;
    for (path, item) in paths {
        let concrete = path.replace("{id}", "some-id");
        for method in ["get", "post", "patch", "delete", "put"] {
            let answered = c
                .http
                .request(
                    method.to_uppercase().parse().unwrap(),
                    format!("{}{concrete}", c.base),
                )
                .header("cookie", &c.cookie)
                .send()
                .await
                .unwrap()
                .status();
            let described = item.get(method).is_some();
            // A route the server has answers anything but 405 (and no app-file 404 problem);
            // a method it lacks answers 405.
            assert_eq!(
                described,
                answered != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}: described {described}, answered {answered}"
            );
            checked += described as usize;
        }
    }
    assert!(checked >= 6, "{checked} operations checked");
}

/// A new referral as a CRM posts it.
fn posted(name: &str) -> Value {
    let deal = new_deal(&engagement(), chrono::Utc::now());
    json!({
        "name": name,
        "externalReferenceId": "CRM-4711",
        "location": deal.location,
        "customerProfile": deal.customer,
        "consent": { "consentToShareReferralWithMicrosoftSellers": false, "consentToContact": true },
        "details": {
            "dealValue": 50000, "currency": "EUR",
            "closingDateTime": deal.closing_date_time,
            "requirements": { "solutions": [ { "id": "contoso-fleet-analytics" } ] },
        },
        "team": deal.team,
    })
}

#[tokio::test]
async fn a_crm_creates_a_referral_once_per_request_id_by_the_wizards_rules() {
    for backend in backends() {
        let server = Server::start(backend, &[]).await;
        let admin = Client::sign_in(&server, "contoso-admin").await;
        let (_, made) = admin
            .post(
                "/v1.0/tokens",
                &json!({ "name": "Dynamics CRM", "scope": "readWrite" }),
            )
            .await;
        let token = made["token"].as_str().unwrap_or_default().to_string();
        let (_, reader) = admin
            .post(
                "/v1.0/tokens",
                &json!({ "name": "Reporting", "scope": "read" }),
            )
            .await;
        let read_only = reader["token"].as_str().unwrap_or_default().to_string();
        let post = |token: String, body: Value, request_id: &'static str| {
            let c = admin.http.clone();
            let url = format!("{}{API}", admin.base);
            async move {
                let r = c
                    .post(url)
                    .bearer_auth(token)
                    .header("ms-requestid", request_id)
                    .json(&body)
                    .send()
                    .await
                    .expect("the API answers");
                let etag = r
                    .headers()
                    .get("etag")
                    .map(|v| v.to_str().unwrap_or_default().to_string());
                (
                    r.status(),
                    etag,
                    r.json::<Value>().await.unwrap_or(Value::Null),
                )
            }
        };

        let (status, _, v) = post(read_only, posted("Read only"), "r-0").await;
        assert_eq!(
            (status, v["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("readOnlyToken"))
        );
        let mut with_id = posted("Sets its own status");
        with_id["status"] = json!("Closed");
        let (status, _, v) = post(token.clone(), with_id, "r-1").await;
        assert_eq!(
            (status, v["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalidReferral")),
            "{v}"
        );
        assert!(
            v["detail"].as_str().unwrap_or_default().contains("status"),
            "{v}"
        );
        let mut invalid = posted("");
        invalid["details"]["dealValue"] = json!(-5);
        let (status, _, v) = post(token.clone(), invalid, "r-2").await;
        assert_eq!(
            (status, v["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")),
            "{v}"
        );

        let (status, etag, created) =
            post(token.clone(), posted("Adatum from the CRM"), "r-3").await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["organizationId"], json!("contoso"));
        assert_eq!(created["externalReferenceId"], json!("CRM-4711"));
        assert_eq!(
            etag,
            Some(format!(
                "\"{}\"",
                created["eTag"].as_str().unwrap_or_default()
            ))
        );
        let (status, _, again) = post(token.clone(), posted("Adatum from the CRM"), "r-3").await;
        assert_eq!(
            (status, &again["id"]),
            (StatusCode::CREATED, &created["id"]),
            "a retry creates nothing new"
        );

        let (_, _, listed) = get(
            &admin,
            &format!("{API}?$filter=externalReferenceId eq 'CRM-4711'"),
        )
        .await;
        assert_eq!(
            listed["value"].as_array().map(Vec::len),
            Some(1),
            "{listed}"
        );
        let history = admin.fresh_pull("auditor").await;
        assert!(history["activity"]
            .to_string()
            .contains("Dynamics CRM (API)"));
        server.assert_replays();
    }
}
