//! Webhooks and email, delivered from the outbox written with each change: to a webhook
//! receiver and an SMTP receiver started by the test, each failing first, through the real
//! binary; a delivery waiting for its retry survives a SIGKILL of the server.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode as AxumStatus};
use common::{engagement, invitation, new_deal, Backend, Client, Server};
use cosell::domain::deal::commands::Command;
use cosell::domain::org::admin::AdminCommand;
use cosell::domain::records::stage::SalesStage;
use cosell::sync::{Change, MutationStatus, Seen};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// What a receiver got: each request's headers and body.
#[derive(Clone, Default)]
struct Received(Arc<Mutex<Vec<(HeaderMap, String)>>>);

impl Received {
    fn all(&self) -> Vec<(HeaderMap, String)> {
        self.0.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// Waits until `n` requests arrived (at most `secs` seconds).
    async fn wait_for(&self, n: usize, secs: u64) -> Vec<(HeaderMap, String)> {
        for _ in 0..secs * 20 {
            if self.all().len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.all()
    }
}

/// A webhook receiver on a loopback port that answers 500 to its first `fail_first`
/// requests and 204 after; returns its URL and what it received (the failures included).
async fn webhook_receiver(fail_first: usize) -> (String, Received, Received) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let url = format!(
        "http://{}/cosell-events",
        listener.local_addr().expect("address")
    );
    let (accepted, refused) = (Received::default(), Received::default());
    let count = Arc::new(AtomicUsize::new(0));
    let (a, r) = (accepted.clone(), refused.clone());
    let app = axum::Router::new().route(
        "/cosell-events",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let (a, r, count) = (a.clone(), r.clone(), count.clone());
            async move {
                let fail = count.fetch_add(1, Ordering::SeqCst) < fail_first;
                let (target, status) = match fail {
                    true => (&r, AxumStatus::INTERNAL_SERVER_ERROR),
                    false => (&a, AxumStatus::NO_CONTENT),
                };
                if let Ok(mut v) = target.0.lock() {
                    v.push((headers, body));
                }
                status
            }
        }),
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, accepted, refused)
}

fn hmac_hex(secret: &str, body: &str) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("a key");
    mac.update(body.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn register(admin: &Client, url: &str, events: &[&str]) -> (StatusCode, Value) {
    admin
        .post("/v1.0/webhooks", &json!({ "url": url, "events": events }))
        .await
}

async fn hooks(admin: &Client) -> Value {
    let r = admin
        .http
        .get(format!("{}/v1.0/webhooks", admin.base))
        .header("cookie", &admin.cookie)
        .send()
        .await
        .expect("the hooks");
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.expect("JSON")
}

#[tokio::test]
async fn only_the_partner_admin_registers_a_webhook_and_bad_ones_are_refused() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let admin = Client::sign_in(&server, "contoso-admin").await;
    let seller = Client::sign_in(&server, "contoso-de-seller").await;
    let url = "https://crm.contoso.example/cosell";
    let (status, v) = register(&seller, url, &["referral-created"]).await;
    assert_eq!(
        (status, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("notPartnerAdmin"))
    );
    for (url, events, code) in [
        (
            "ftp://crm.contoso.example/",
            vec!["referral-created"],
            "invalidUrl",
        ),
        ("not a url", vec!["referral-created"], "invalidUrl"),
        (url, vec![], "noEvents"),
        (url, vec!["referral-deleted"], "invalidEvent"),
    ] {
        let (status, v) = register(&admin, url, &events).await;
        assert_eq!(
            (status, v["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some(code)),
            "{url} {events:?}"
        );
    }
    assert_eq!(
        hooks(&admin).await["value"],
        json!([]),
        "nothing was written"
    );

    let (status, made) = register(&admin, url, &["referral-created", "referral-updated"]).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert!(made["secret"]
        .as_str()
        .is_some_and(|s| s.starts_with("whsec_")));
    let listed = hooks(&admin).await;
    assert_eq!(listed["value"][0]["url"], json!(url));
    assert!(
        listed["value"][0].get("secret").is_none(),
        "the secret is shown once"
    );
    assert!(
        !server
            .log()
            .contains(made["secret"].as_str().unwrap_or("-")),
        "nor logged"
    );

    let id = made["id"].as_str().unwrap_or_default();
    let removed = admin
        .http
        .delete(format!("{}/v1.0/webhooks/{id}", admin.base))
        .header("cookie", &admin.cookie)
        .header("x-cosell-csrf", &admin.csrf)
        .send()
        .await
        .expect("delete");
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(hooks(&admin).await["value"], json!([]));
}

#[tokio::test]
async fn changes_are_announced_signed_retried_after_a_failure_and_survive_a_crash() {
    for backend in common::backends() {
        changes_are_announced_signed_retried_after_a_failure_and_survive_a_crash_on(backend).await;
    }
}

async fn changes_are_announced_signed_retried_after_a_failure_and_survive_a_crash_on(
    backend: Backend,
) {
    let (url, accepted, refused) = webhook_receiver(1).await;
    // The first retry waits a minute: long enough to kill the server before it.
    let mut server = Server::start(
        backend,
        &["--retry-base-ms", "60000", "--outbox-interval-ms", "50"],
    )
    .await;
    let mut admin = Client::sign_in(&server, "contoso-admin").await;
    let (status, made) = register(&admin, &url, &["referral-created", "referral-updated"]).await;
    assert_eq!(status, StatusCode::CREATED);
    let secret = made["secret"].as_str().unwrap_or_default().to_string();

    let e = engagement();
    let id = admin.create_deal(&e).await;
    let failed = refused.wait_for(1, 10).await;
    assert_eq!(failed.len(), 1, "the receiver's first answer is a failure");
    let listed = hooks(&admin).await;
    let delivery = &listed["value"][0]["deliveries"][0];
    assert_eq!(delivery["event"], json!("referral-created"));
    assert_eq!(delivery["status"], json!("pending"));
    assert_eq!(delivery["attempts"], json!(1));
    assert_eq!(
        delivery["lastError"],
        json!("the receiver answered 500 Internal Server Error")
    );

    // Killed while the retry waits; started again an hour later by its clock.
    server.kill();
    server.args = vec![
        "--retry-base-ms".into(),
        "60000".into(),
        "--outbox-interval-ms".into(),
        "50".into(),
        "--clock-offset-secs".into(),
        "3600".into(),
    ];
    server.launch().await;
    let got = accepted.wait_for(1, 10).await;
    assert_eq!(got.len(), 1, "delivered after the restart");
    let (headers, body) = &got[0];
    let event: Value = serde_json::from_str(body).expect("a JSON event");
    assert_eq!(event["EventName"], json!("referral-created"));
    assert_eq!(
        event["ResourceUri"],
        json!(format!("{}/v1.0/engagements/referrals/{id}", server.base()))
    );
    assert_eq!(headers["x-cosell-event"], "referral-created");
    assert_eq!(
        headers["x-cosell-signature"].to_str().unwrap_or_default(),
        format!("sha256={}", hmac_hex(&secret, body))
    );
    assert_ne!(
        headers["x-cosell-signature"].to_str().unwrap_or_default(),
        format!("sha256={}", hmac_hex("another secret", body))
    );

    // An update is announced as one; a refused change is not announced at all.
    let referral = admin.copy_of(&e).cloned().expect("the deal");
    let seen = || {
        vec![Seen {
            referral_id: referral.id.clone(),
            e_tag: referral.e_tag.clone(),
        }]
    };
    let stage = |stage| Change::Deal {
        command: Command::MarkStage {
            referral_id: referral.id.clone(),
            stage,
        },
    };
    let pushed = admin
        .push_seen(vec![(stage(SalesStage::Proposed), seen())])
        .await;
    assert_eq!(
        pushed.results[0].status,
        MutationStatus::Applied,
        "{pushed:?}"
    );
    // Based on the deal as it was before that change: a conflict, nothing happens.
    let stale = admin
        .push_seen(vec![(stage(SalesStage::Won), seen())])
        .await;
    assert_ne!(stale.results[0].status, MutationStatus::Applied);
    let got = accepted.wait_for(2, 10).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got_all = accepted.all();
    assert_eq!(
        got_all.len(),
        2,
        "one announcement per change that happened: {got:?}"
    );
    let update: Value = serde_json::from_str(&got_all[1].1).expect("JSON");
    assert_eq!(update["EventName"], json!("referral-updated"));

    let listed = hooks(&admin).await;
    let statuses: Vec<(Value, Value)> = listed["value"][0]["deliveries"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| (d["status"].clone(), d["attempts"].clone()))
        .collect();
    assert_eq!(
        statuses,
        [
            (json!("delivered"), json!(1)),
            (json!("delivered"), json!(2))
        ]
    );
}

/// A new Contoso deal that invites Fabrikam: Fabrikam's admin and contact address are emailed.
fn inviting_fabrikam() -> cosell::domain::deal::commands::NewDeal {
    let mut deal = new_deal(&engagement(), chrono::Utc::now());
    deal.invitations = vec![invitation("fabrikam", chrono::Utc::now())];
    deal
}

/// What the Email outbox's delivery column is built from, for `client`'s organisation.
async fn email_deliveries(client: &Client) -> Value {
    let r = client
        .http
        .get(format!("{}/outbox/deliveries", client.base))
        .header("cookie", &client.cookie)
        .send()
        .await
        .expect("deliveries");
    r.json().await.expect("JSON")
}

/// The messages an SMTP receiver took: recipients and data.
type Mailbag = Arc<Mutex<Vec<(Vec<String>, String)>>>;

/// An SMTP receiver on a loopback port: takes each message (envelope and data) and
/// answers the first `fail_first` MAIL commands with a transient 451.
async fn smtp_receiver(fail_first: usize) -> (u16, Mailbag) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let port = listener.local_addr().expect("address").port();
    let got: Mailbag = Arc::default();
    let failures = Arc::new(AtomicUsize::new(0));
    let g = got.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (g, failures) = (g.clone(), failures.clone());
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test ESMTP\r\n").await;
                let mut to = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let answer: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 test\r\n"
                    } else if upper.starts_with("MAIL FROM") {
                        if failures.fetch_add(1, Ordering::SeqCst) < fail_first {
                            b"451 4.3.0 try again later\r\n"
                        } else {
                            b"250 OK\r\n"
                        }
                    } else if upper.starts_with("RCPT TO") {
                        to.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                        b"250 OK\r\n"
                    } else if upper == "DATA" {
                        let _ = write.write_all(b"354 go ahead\r\n").await;
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        if let Ok(mut v) = g.lock() {
                            v.push((std::mem::take(&mut to), data));
                        }
                        b"250 OK queued\r\n"
                    } else if upper == "QUIT" {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    let _ = write.write_all(answer).await;
                }
            });
        }
    });
    (port, got)
}

#[tokio::test]
async fn notification_emails_go_out_through_the_relay_in_each_recipients_language() {
    for backend in common::backends() {
        notification_emails_go_out_through_the_relay_in_each_recipients_language_on(backend).await;
    }
}

async fn notification_emails_go_out_through_the_relay_in_each_recipients_language_on(
    backend: Backend,
) {
    let (port, got) = smtp_receiver(1).await;
    let relay = format!("smtp://127.0.0.1:{port}");
    let server = Server::start(
        backend,
        &[
            "--smtp-url",
            &relay,
            "--smtp-from",
            "Co-sell <cosell@contoso.example>",
            "--retry-base-ms",
            "200",
            "--outbox-interval-ms",
            "50",
        ],
    )
    .await;
    // Fabrikam's admin reads German; Contoso invites Fabrikam to a deal.
    let mut fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
    let done = fabrikam
        .push(vec![Change::Admin {
            command: AdminCommand::UpdateProfile {
                locale: "de".into(),
                email_notifications: true,
            },
        }])
        .await;
    assert_eq!(done.results[0].status, MutationStatus::Applied, "{done:?}");
    let mut contoso = Client::sign_in(&server, "contoso-admin").await;
    let deal = inviting_fabrikam();
    let pushed = contoso.command(Command::CreateDeal { deal }).await;
    assert_eq!(
        pushed.results[0].status,
        MutationStatus::Applied,
        "{pushed:?}"
    );

    // Two emails: Fabrikam's admin and the invited location's contact address.
    let mut sent = Vec::new();
    for _ in 0..200 {
        sent = got.lock().map(|v| v.clone()).unwrap_or_default();
        if sent.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut recipients: Vec<String> = sent.iter().flat_map(|(to, _)| to.clone()).collect();
    recipients.sort();
    assert_eq!(
        recipients,
        ["admin@fabrikam.example", "cosell@fabrikam.example"]
    );
    let (_, data) = sent
        .iter()
        .find(|(to, _)| to == &["admin@fabrikam.example"])
        .cloned()
        .expect("the admin's email went out after the relay's first refusal");
    assert!(
        data.contains("From: Co-sell <cosell@contoso.example>"),
        "{data}"
    );
    assert!(
        data.contains("Subject: Neue Co-Selling-Empfehlung: Adatum fleet analytics"),
        "{data}"
    );
    assert!(
        data.contains("Content-Type: text/plain; charset=utf-8"),
        "{data}"
    );
    // The body (quoted-printable) is the German text of the Email outbox.
    let body = data
        .split("\n\n")
        .nth(1)
        .unwrap_or_default()
        .replace("=\n", "");
    assert!(
        body.contains("wurde f=C3=BCr Ihre Organisation freigegeben"),
        "{body}"
    );

    // The Email outbox shows it as sent, after two tries.
    fabrikam.pull().await;
    let v: Value = email_deliveries(&fabrikam).await;
    assert_eq!(v["relay"], json!(true));
    let mut tries: Vec<(Value, Value)> = v["value"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| (d["status"].clone(), d["attempts"].clone()))
        .collect();
    tries.sort_by_key(|t| t.1.as_i64());
    assert_eq!(
        tries,
        [(json!("sent"), json!(1)), (json!("sent"), json!(2))],
        "{v}"
    );
}

#[tokio::test]
async fn without_a_relay_emails_stay_in_the_outbox() {
    let server = Server::start(Backend::Sqlite, &["--outbox-interval-ms", "50"]).await;
    let mut contoso = Client::sign_in(&server, "contoso-admin").await;
    let deal = inviting_fabrikam();
    contoso.command(Command::CreateDeal { deal }).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
    let v: Value = email_deliveries(&fabrikam).await;
    assert_eq!(v["relay"], json!(false));
    assert_eq!(v["value"][0]["status"], json!("pending"));
    assert_eq!(v["value"][0]["attempts"], json!(0));
}

#[tokio::test]
async fn a_relay_that_cannot_be_reached_is_retried_then_marked_failed_and_its_password_never_logged(
) {
    // A port nothing listens on, with credentials in the URL as a relay would have them.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let relay = format!("smtp://cosell:hunter2-relay-password@127.0.0.1:{closed}");
    let server = Server::start(
        Backend::Sqlite,
        &[
            "--smtp-url",
            &relay,
            "--retry-base-ms",
            "100",
            "--delivery-attempts",
            "2",
            "--outbox-interval-ms",
            "50",
        ],
    )
    .await;
    let mut contoso = Client::sign_in(&server, "contoso-admin").await;
    let deal = inviting_fabrikam();
    contoso.command(Command::CreateDeal { deal }).await;
    let fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
    let mut v = Value::Null;
    for _ in 0..100 {
        v = email_deliveries(&fabrikam).await;
        if v["value"].as_array().is_some_and(|all| {
            !all.is_empty() && all.iter().all(|d| d["status"] == json!("failed"))
        }) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let first = &v["value"][0];
    assert_eq!(
        (&first["status"], &first["attempts"]),
        (&json!("failed"), &json!(2)),
        "{v}"
    );
    assert!(
        first["lastError"]
            .as_str()
            .is_some_and(|e| e.starts_with("the mail relay refused it")),
        "{v}"
    );
    let log = server.log();
    assert!(log.contains("email not sent"), "the failure is logged");
    assert!(
        !log.contains("hunter2"),
        "the relay's password is never logged"
    );
    assert!(!v.to_string().contains("hunter2"), "nor shown");
}
