//! The HTTP API against bad input and wrong callers, on the real binary: each gets a clear
//! problem+json, nothing is written, and the server keeps serving. Also the session (demo
//! sign-in only when asked, CSRF, sign-out), the "changed" event stream, the app's files
//! with their headers, and a graceful stop.

mod common;

use std::time::Duration;

use chrono::Utc;
use common::*;
use cosell::domain::deal::commands::Command;
use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn version_of(c: &Client) -> String {
    let (_, v) = c
        .post(
            "/sync/pull",
            &json!({ "clientId": "probe", "cursor": null }),
        )
        .await;
    v["cursor"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn bad_input_gets_a_clear_problem_writes_nothing_and_the_server_keeps_serving() {
    let server = Server::start(Backend::Sqlite, &["--max-body-bytes", "4096"]).await;
    let c = Client::sign_in(&server, "contoso-admin").await;
    let before = version_of(&c).await;
    let raw = |body: &'static str| {
        let c = &c;
        async move {
            let r = c
                .http
                .post(format!("{}/sync/push", c.base))
                .header("cookie", &c.cookie)
                .header("x-cosell-csrf", &c.csrf)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = r.status();
            let kind = r.headers()["content-type"].to_str().unwrap().to_string();
            let v: Value = r.json().await.unwrap();
            assert_eq!(kind, "application/problem+json");
            (
                status,
                v["code"].as_str().unwrap_or_default().to_string(),
                v,
            )
        }
    };
    let (status, code, _) = raw("{\"clientId\": \"x\", \"mutations\": [").await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "malformedJson")
    );
    let (status, code, v) = raw(
        r#"{"clientId":"x","mutations":[{"id":1,"change":{"kind":"deal","command":{"command":"launchRocket"}}}]}"#,
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "malformedJson")
    );
    assert!(v["detail"].as_str().unwrap().contains("launchRocket"));
    // A user id in the request is not how the server learns who acts: it is refused.
    let (status, _, v) = raw(r#"{"clientId":"x","userId":"fabrikam-admin","mutations":[]}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(v["detail"].as_str().unwrap().contains("userId"), "{v}");
    let big = format!(
        r#"{{"clientId":"x","mutations":[{{"id":1,"change":{{"kind":"deal","command":{{"command":"addSharedNote","referralId":"r","text":"{}"}}}}}}]}}"#,
        "x".repeat(5000)
    );
    let r = c
        .http
        .post(format!("{}/sync/push", c.base))
        .header("cookie", &c.cookie)
        .header("x-cosell-csrf", &c.csrf)
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // The expiry is the server's: a client may not push it.
    let mut pusher = Client::sign_in(&server, "contoso-admin").await;
    let refused = pusher
        .command(Command::Expire {
            referral_id: "r".into(),
        })
        .await;
    assert_eq!(
        refused.results[0].error.as_ref().map(|e| e.kind.as_str()),
        Some("forbidden")
    );

    assert_eq!(
        version_of(&c).await.split('.').nth(1),
        // Only the refused expiry was recorded (as processed); no deal was written.
        before
            .split('.')
            .nth(1)
            .map(|v| (v.parse::<u64>().unwrap() + 1).to_string())
            .as_deref()
    );
    assert!(c
        .http
        .get(format!("{}/healthz", c.base))
        .send()
        .await
        .unwrap()
        .status()
        .is_success());
}

#[tokio::test]
async fn without_a_valid_session_or_csrf_token_nothing_is_answered_or_written() {
    let server = Server::start(Backend::Sqlite, &["--session-hours", "0"]).await;
    let http = reqwest::Client::new();
    let pull = json!({ "clientId": "c", "cursor": null });
    // No session.
    let r = http
        .post(format!("{}/sync/pull", server.base()))
        .json(&pull)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["code"], "signedOut");
    // A forged or made-up cookie.
    let r = http
        .post(format!("{}/sync/pull", server.base()))
        .header("cookie", "cosell_session=0000")
        .json(&pull)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // A session that has expired (this server's sessions last 0 hours).
    let c = Client::sign_in(&server, "contoso-admin").await;
    let (status, v) = c.post("/sync/pull", &pull).await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("signedOut"))
    );
}

#[tokio::test]
async fn changes_need_the_sessions_csrf_token_and_sign_out_ends_the_session() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let c = Client::sign_in(&server, "contoso-admin").await;
    let pull = json!({ "clientId": "c", "cursor": null });
    let without = c
        .http
        .post(format!("{}/sync/pull", c.base))
        .header("cookie", &c.cookie)
        .json(&pull)
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    let other_site = c
        .http
        .post(format!("{}/sync/pull", c.base))
        .header("cookie", &c.cookie)
        .header("x-cosell-csrf", &c.csrf)
        .header("origin", "http://evil.example")
        .json(&pull)
        .send()
        .await
        .unwrap();
    assert_eq!(other_site.status(), StatusCode::FORBIDDEN);
    let (status, _) = c.post("/auth/logout", &json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = c.post("/sync/pull", &pull).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Deactivated or unknown users cannot sign in.
    let r = c
        .http
        .post(format!("{}/auth/demo", c.base))
        .json(&json!({ "userId": "nobody" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn demo_sign_in_is_refused_unless_asked_for_and_only_on_loopback() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cosell-server"))
        .args(["--bind", "0.0.0.0:0", "--demo-sign-in"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cosell-server"))
        .args(["--database-url", "mysql://db/cosell"])
        .args([
            "--reference-data",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data"),
        ])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sqlite: or postgres://"));
}

#[tokio::test]
async fn an_open_event_stream_hears_of_its_organisations_changes_only() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let mut contoso = Client::sign_in(&server, "contoso-admin").await;
    let fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
    let open = |c: &Client| {
        c.http
            .get(format!("{}/sync/events", c.base))
            .header("cookie", &c.cookie)
            .send()
    };
    let theirs = open(&fabrikam).await.unwrap();
    let mine = open(&contoso).await.unwrap();
    assert_eq!(mine.headers()["content-type"], "text/event-stream");
    let mut mine = mine.bytes_stream();
    let mut theirs = theirs.bytes_stream();
    contoso
        .command(Command::CreateDeal {
            deal: new_deal(&engagement(), Utc::now()),
        })
        .await;
    let heard = tokio::time::timeout(Duration::from_secs(5), mine.next())
        .await
        .expect("Contoso's stream hears of it")
        .unwrap()
        .unwrap();
    assert!(String::from_utf8_lossy(&heard).contains("event: changed"));
    let quiet = tokio::time::timeout(Duration::from_millis(700), theirs.next()).await;
    assert!(
        quiet.is_err(),
        "Fabrikam hears nothing of Contoso's own deal"
    );
    let metrics = server.metrics().await;
    assert!(metrics.contains("cosell_event_streams 2"), "{metrics}");
    assert!(metrics.contains("cosell_commands_total{outcome=\"applied\"} 1"));
}

#[tokio::test]
async fn the_apps_files_come_with_the_strict_policy_and_their_cache_headers() {
    let mut server = Server::start(Backend::Sqlite, &[]).await;
    std::fs::write(
        server.dir.path().join("index.html"),
        "<!doctype html><title>Co-sell</title>",
    )
    .unwrap();
    std::fs::write(
        server.dir.path().join("cosell-0123456789abcdef_bg.wasm"),
        b"\0asm",
    )
    .unwrap();
    let get = |path: &str| reqwest::get(format!("{}{path}", server.base()));
    let deep = get("/deals/some-deal").await.unwrap();
    assert_eq!(deep.status(), StatusCode::OK);
    assert!(deep.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert_eq!(deep.headers()["cache-control"], "no-cache");
    assert_eq!(deep.headers()["x-content-type-options"], "nosniff");
    let wasm = get("/cosell-0123456789abcdef_bg.wasm").await.unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        get("/missing.js").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get("/..%2f..%2fCargo.toml").await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "never a file outside the build"
    );
    assert!(get("/server.json")
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .contains("\"mode\":\"shared\""));
    // SIGTERM: a clean stop.
    assert!(server.terminate().success());
    assert!(server.log().contains("stopped"), "{}", server.log());
}

#[tokio::test]
async fn the_builds_precompressed_copies_are_sent_to_browsers_that_take_them() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let dir = server.dir.path();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Co-sell</title>",
    )
    .unwrap();
    std::fs::write(dir.join("index.html.br"), b"brotli bytes").unwrap();
    std::fs::write(dir.join("index.html.gz"), b"gzip bytes").unwrap();
    std::fs::write(dir.join("boot.js"), "start()").unwrap();
    let http = reqwest::Client::new();
    let get = |path: &str, accepts: &str| {
        let request = http.get(format!("{}{path}", server.base()));
        let request = if accepts.is_empty() {
            request
        } else {
            request.header("accept-encoding", accepts)
        };
        async move {
            let r = request.send().await.unwrap();
            let encoding = r
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_string());
            assert_eq!(r.headers()["vary"], "accept-encoding");
            assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
            (encoding, r.bytes().await.unwrap().to_vec())
        }
    };
    let html = b"<!doctype html><title>Co-sell</title>".to_vec();
    assert_eq!(
        get("/", "gzip, deflate, br, zstd").await,
        (Some("br".into()), b"brotli bytes".to_vec())
    );
    assert_eq!(
        get("/deals/some-deal", "br;q=0, gzip").await,
        (Some("gzip".into()), b"gzip bytes".to_vec()),
        "a route answers index.html, precompressed too"
    );
    assert_eq!(get("/", "").await, (None, html.clone()));
    assert_eq!(get("/", "identity").await, (None, html));
    // A file without copies goes as it is.
    let js = http
        .get(format!("{}/boot.js", server.base()))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert!(js.headers().get("content-encoding").is_none());
    assert_eq!(js.text().await.unwrap(), "start()");
}

#[tokio::test]
async fn sign_in_is_rate_limited_and_never_keeps_a_session_id_the_caller_chose() {
    let server = Server::start(Backend::Sqlite, &["--sign-in-per-minute", "3"]).await;
    let http = reqwest::Client::new();
    let sign_in = || {
        http.post(format!("{}/auth/demo", server.base()))
            // A session id planted beforehand (fixation): the server ignores it.
            .header("cookie", "cosell_session=planted-by-someone-else")
            .json(&json!({ "userId": "contoso-admin" }))
            .send()
    };
    for _ in 0..3 {
        let r = sign_in().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(
            !cookie.contains("planted-by-someone-else"),
            "a fresh session id"
        );
    }
    let planted = http
        .get(format!("{}/auth/me", server.base()))
        .header("cookie", "cosell_session=planted-by-someone-else")
        .send()
        .await
        .unwrap();
    assert_eq!(planted.status(), StatusCode::UNAUTHORIZED);
    let limited = sign_in().await.unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().get("retry-after").is_some());
    let v: Value = limited.json().await.unwrap();
    assert_eq!(v["code"], "rateLimited");
}

#[tokio::test]
async fn an_api_token_is_rate_limited() {
    let server = Server::start(Backend::Sqlite, &["--token-requests-per-minute", "2"]).await;
    let admin = Client::sign_in(&server, "contoso-admin").await;
    let (_, made) = admin
        .post("/v1.0/tokens", &json!({ "name": "CRM", "scope": "read" }))
        .await;
    let token = made["token"].as_str().unwrap();
    let get = || {
        admin
            .http
            .get(format!("{}/v1.0/engagements/referrals", admin.base))
            .header("authorization", format!("Bearer {token}"))
            .send()
    };
    assert_eq!(get().await.unwrap().status(), StatusCode::OK);
    assert_eq!(get().await.unwrap().status(), StatusCode::OK);
    assert_eq!(get().await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_deactivated_user_is_refused_at_once_also_in_an_open_session() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let mut admin = Client::sign_in(&server, "contoso-admin").await;
    let seller = Client::sign_in(&server, "contoso-de-seller").await;
    let pull = json!({ "clientId": "seller", "cursor": null });
    assert_eq!(seller.post("/sync/pull", &pull).await.0, StatusCode::OK);
    let done = admin
        .push(vec![cosell::sync::Change::Admin {
            command: cosell::domain::org::admin::AdminCommand::SetUserActive {
                user_id: "contoso-de-seller".into(),
                active: false,
            },
        }])
        .await;
    assert_eq!(
        done.results[0].status,
        cosell::sync::MutationStatus::Applied,
        "{done:?}"
    );
    let (status, v) = seller.post("/sync/pull", &pull).await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("signedOut"))
    );
    let again = reqwest::Client::new()
        .post(format!("{}/auth/demo", server.base()))
        .json(&json!({ "userId": "contoso-de-seller" }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::FORBIDDEN);
}
