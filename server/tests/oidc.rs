//! Sign-in with OpenID Connect against a provider started by the test (`common::provider`):
//! the whole code flow with PKCE through the real binary, and every way it must refuse.

mod common;

use common::provider::{Provider, CLIENT_ID};
use common::{Backend, Client, Server};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// What the callback answered: where it sends the browser, and the session cookie if any.
struct Outcome {
    location: String,
    session: Option<String>,
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

fn query_param(url: &str, name: &str) -> String {
    reqwest::Url::parse(url)
        .expect("a URL")
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .collect()
}

/// Starts a sign-in at the server: its answer, and where it sends the browser.
async fn start(server: &Server) -> (reqwest::Response, String) {
    let start = no_redirects()
        .get(format!("{}/auth/oidc/start", server.base()))
        .send()
        .await
        .expect("start answers");
    assert_eq!(start.status(), StatusCode::FOUND);
    let to = start.headers()["location"]
        .to_str()
        .expect("a location")
        .to_string();
    (start, to)
}

/// Starts a sign-in at the server, lets the provider answer with the ID token `token`
/// makes from the sign-in's nonce, and follows the browser back to the callback.
async fn sign_in(
    server: &Server,
    provider: &Provider,
    token: impl FnOnce(&str) -> String,
) -> Outcome {
    let http = no_redirects();
    let (start, to) = start(server).await;
    assert!(
        to.starts_with(&format!("{}/authorize?", provider.issuer)),
        "{to}"
    );
    assert_eq!(query_param(&to, "client_id"), CLIENT_ID);
    assert_eq!(query_param(&to, "code_challenge_method"), "S256");
    assert_eq!(
        query_param(&to, "redirect_uri"),
        format!("{}/auth/oidc/callback", server.base())
    );
    let browser = cookies(&start)
        .into_iter()
        .find(|c| c.starts_with("cosell_oidc="))
        .expect("the sign-in is bound to this browser");
    let code = format!("code-{}", uuid::Uuid::new_v4());
    provider.grant(
        &code,
        &query_param(&to, "code_challenge"),
        token(&query_param(&to, "nonce")),
    );
    let back = http
        .get(format!("{}/auth/oidc/callback", server.base()))
        .query(&[
            ("code", code.as_str()),
            ("state", &query_param(&to, "state")),
        ])
        .header("cookie", browser)
        .send()
        .await
        .expect("the callback answers");
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    let session = cookies(&back)
        .into_iter()
        .find(|c| c.starts_with("cosell_session=") && c.len() > "cosell_session=".len());
    Outcome {
        location: back.headers()["location"]
            .to_str()
            .unwrap_or_default()
            .into(),
        session,
    }
}

async fn me(server: &Server, session: &str) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .get(format!("{}/auth/me", server.base()))
        .header("cookie", session)
        .send()
        .await
        .expect("me answers");
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

async fn oidc_server(provider: &Provider) -> Server {
    oidc_server_on(provider, Backend::Sqlite).await
}

async fn oidc_server_on(provider: &Provider, backend: Backend) -> Server {
    let flags = provider.flags();
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    Server::start(backend, &flags).await
}

#[tokio::test]
async fn a_directory_user_signs_in_through_the_provider_and_the_session_stays_on_the_server() {
    for backend in common::backends() {
        a_directory_user_signs_in_through_the_provider_and_the_session_stays_on_the_server_on(
            backend,
        )
        .await;
    }
}

async fn a_directory_user_signs_in_through_the_provider_and_the_session_stays_on_the_server_on(
    backend: Backend,
) {
    let provider = Provider::start().await;
    let server = oidc_server_on(&provider, backend).await;
    let info: Value = reqwest::get(format!("{}/server.json", server.base()))
        .await
        .expect("server.json")
        .json()
        .await
        .expect("JSON");
    assert_eq!(info["oidc"], json!(true));

    let done = sign_in(&server, &provider, |nonce| {
        provider.sign(&provider.claims("Admin@Contoso.example", nonce))
    })
    .await;
    assert_eq!(done.location, "/");
    let session = done.session.expect("a session cookie");
    let (status, body) = me(&server, &session).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user"]["id"], json!("contoso-admin"));
    // The provider's tokens are not handed to the app.
    assert!(!body.to_string().contains("eyJ"), "{body}");
    let log = server.log();
    assert!(!log.contains("eyJ"), "a token was logged");
    assert!(
        !log.contains(common::provider::CLIENT_SECRET),
        "the client secret was logged"
    );
}

#[tokio::test]
async fn tokens_that_are_not_right_are_refused_and_nobody_is_signed_in() {
    let provider = Provider::start().await;
    let server = oidc_server(&provider).await;
    let now = chrono::Utc::now().timestamp();
    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "wrong audience",
            Box::new(|c| c["aud"] = json!("another-app")),
            "failed",
        ),
        (
            "expired",
            Box::new(move |c| {
                c["exp"] = json!(now - 3600);
                c["iat"] = json!(now - 7200);
            }),
            "failed",
        ),
        (
            "another issuer",
            Box::new(|c| c["iss"] = json!("https://evil.example")),
            "failed",
        ),
        (
            "another sign-in's nonce",
            Box::new(|c| c["nonce"] = json!("stolen")),
            "failed",
        ),
        (
            "unknown user",
            Box::new(|c| c["email"] = json!("stranger@contoso.example")),
            "noAccess",
        ),
        (
            "no identity claim",
            Box::new(|c| {
                if let Some(m) = c.as_object_mut() {
                    m.remove("email");
                }
            }),
            "noAccess",
        ),
    ];
    for (what, edit, reason) in cases {
        let done = sign_in(&server, &provider, |nonce| {
            let mut claims = provider.claims("admin@contoso.example", nonce);
            edit(&mut claims);
            provider.sign(&claims)
        })
        .await;
        assert_eq!(done.location, format!("/?signIn={reason}"), "{what}");
        assert!(done.session.is_none(), "{what}: no session");
    }

    // A tampered payload: a signed token for a stranger, its payload swapped for the
    // admin's, so the signature no longer matches what it signs.
    let done = sign_in(&server, &provider, |nonce| {
        let signed = provider.sign(&provider.claims("stranger@contoso.example", nonce));
        let wanted = provider.sign(&provider.claims("admin@contoso.example", nonce));
        let signed: Vec<&str> = signed.split('.').collect();
        let wanted: Vec<&str> = wanted.split('.').collect();
        format!("{}.{}.{}", signed[0], wanted[1], signed[2])
    })
    .await;
    assert_eq!(done.location, "/?signIn=failed", "tampered");
    assert!(done.session.is_none());
    let log = server.log();
    for why in [
        "InvalidAudience",
        "ExpiredSignature",
        "InvalidIssuer",
        "nonce",
        "InvalidSignature",
    ] {
        assert!(
            log.contains(why),
            "the log names why a sign-in was refused: {why}"
        );
    }

    // The code is redeemed only with this browser's cookie and once.
    let http = no_redirects();
    let (_, to) = start(&server).await;
    let code = "code-elsewhere";
    provider.grant(
        code,
        &query_param(&to, "code_challenge"),
        provider.sign(&provider.claims("admin@contoso.example", &query_param(&to, "nonce"))),
    );
    let forged = http
        .get(format!("{}/auth/oidc/callback", server.base()))
        .query(&[("code", code), ("state", &query_param(&to, "state"))])
        .header("cookie", "cosell_oidc=someone-elses-browser")
        .send()
        .await
        .expect("callback");
    assert_eq!(forged.headers()["location"], "/?signIn=failed");
    assert!(cookies(&forged)
        .iter()
        .all(|c| !c.starts_with("cosell_session=") || c == "cosell_session="));
}

#[tokio::test]
async fn a_deactivated_user_cannot_sign_in_and_their_open_session_ends_at_once() {
    let provider = Provider::start().await;
    let server = oidc_server(&provider).await;
    let done = sign_in(&server, &provider, |nonce| {
        provider.sign(&provider.claims("de.seller@contoso.example", nonce))
    })
    .await;
    let session = done.session.expect("signed in");
    assert_eq!(me(&server, &session).await.0, StatusCode::OK);

    let mut admin = Client::sign_in(&server, "contoso-admin").await;
    let pushed = admin
        .push(vec![cosell::sync::Change::Admin {
            command: cosell::domain::org::admin::AdminCommand::SetUserActive {
                user_id: "contoso-de-seller".into(),
                active: false,
            },
        }])
        .await;
    assert_eq!(
        pushed.results[0].status,
        cosell::sync::MutationStatus::Applied
    );

    let (status, body) = me(&server, &session).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("signedOut"))
    );
    let again = sign_in(&server, &provider, |nonce| {
        provider.sign(&provider.claims("de.seller@contoso.example", nonce))
    })
    .await;
    assert_eq!(again.location, "/?signIn=noAccess");
    assert!(again.session.is_none());
}

#[tokio::test]
async fn the_referrals_api_takes_the_providers_access_tokens_for_the_person_they_name() {
    let provider = Provider::start().await;
    let server = oidc_server(&provider).await;
    let get = |token: String| {
        let url = format!("{}/v1.0/engagements/referrals", server.base());
        async move {
            let r = reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("the API answers");
            (r.status(), r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let mut claims = provider.claims("admin@contoso.example", "");
    if let Some(m) = claims.as_object_mut() {
        m.remove("nonce");
    }
    let (status, body) = get(provider.sign(&claims)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["value"].is_array());

    let mut wrong = claims.clone();
    wrong["aud"] = json!("another-api");
    let (status, body) = get(provider.sign(&wrong)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalidToken"))
    );

    let mut stranger = claims.clone();
    stranger["email"] = json!("stranger@contoso.example");
    let (status, _) = get(provider.sign(&stranger)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let mut expired = claims;
    expired["exp"] = json!(chrono::Utc::now().timestamp() - 3600);
    let (status, _) = get(provider.sign(&expired)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn behind_https_the_redirect_names_the_public_url_and_every_cookie_is_secure() {
    let provider = Provider::start().await;
    let mut flags = provider.flags();
    flags.extend([
        "--public-url".to_string(),
        "https://cosell.contoso.example/".to_string(),
    ]);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = Server::start(Backend::Sqlite, &flags).await;
    let (start, to) = start(&server).await;
    assert_eq!(
        query_param(&to, "redirect_uri"),
        "https://cosell.contoso.example/auth/oidc/callback"
    );
    let set = start.headers()["set-cookie"]
        .to_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("; Secure"),
        "{set}"
    );
    let demo = reqwest::Client::new()
        .post(format!("{}/auth/demo", server.base()))
        .json(&json!({ "userId": "contoso-admin" }))
        .send()
        .await
        .expect("demo sign-in");
    let set = demo.headers()["set-cookie"]
        .to_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        set.contains("SameSite=Strict") && set.contains("; Secure"),
        "{set}"
    );
}
