//! The test harness: the real `cosell-server` binary on a loopback port, on a fresh SQLite
//! file or a fresh PostgreSQL database (`COSELL_TEST_POSTGRES_URL`, set by
//! `server/tools/with-postgres.sh`), and signed-in clients that push and pull over HTTP.
#![allow(dead_code)]

pub mod provider;
use std::collections::BTreeMap;
use std::process::{Child, Command as Process, Stdio};
use std::time::Duration;

use chrono::{DateTime, Utc};
use cosell::domain::deal::commands::{Command, NewDeal, PartnerInvitation};
use cosell::domain::records::referral::{
    Address, Contact, CustomerIds, CustomerProfile, HelpType, Referral,
};
use cosell::sync::{Change, Mutation, PullResponse, PushResponse, Seen};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends to run on: SQLite always, PostgreSQL when a cluster is given (and required
/// when `COSELL_REQUIRE_POSTGRES=1`, as `make test` sets it).
pub fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Sqlite];
    if std::env::var("COSELL_TEST_POSTGRES_URL").is_ok() {
        all.push(Backend::Postgres);
    } else if std::env::var("COSELL_REQUIRE_POSTGRES").as_deref() == Ok("1") {
        panic!("COSELL_REQUIRE_POSTGRES=1 but no COSELL_TEST_POSTGRES_URL");
    } else {
        eprintln!("PostgreSQL skipped: run under server/tools/with-postgres.sh to include it");
    }
    all
}

/// A fresh database of `backend`: its URL, and the directory that holds it (SQLite).
pub async fn fresh_database(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}/cosell.db", dir.display()),
        Backend::Postgres => {
            let admin = std::env::var("COSELL_TEST_POSTGRES_URL").expect("a PostgreSQL URL");
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            let pool = sqlx::PgPool::connect(&admin)
                .await
                .expect("the test cluster");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&pool)
                .await
                .expect("a test database");
            pool.close().await;
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            format!("{base}/{name}")
        }
    }
}

/// Runs `statements` on the database at `url` behind the server's back (a test that
/// tampers with it, or makes it refuse a write).
pub async fn run_sql(backend: Backend, url: &str, statements: &[&str]) {
    macro_rules! run {
        ($pool:ty) => {{
            let pool = <$pool>::connect(url)
                .await
                .expect("the test reaches the database");
            for s in statements {
                sqlx::query(sqlx::AssertSqlSafe(s.to_string()))
                    .execute(&pool)
                    .await
                    .expect("the statement runs");
            }
            pool.close().await;
        }};
    }
    match backend {
        Backend::Postgres => run!(sqlx::PgPool),
        Backend::Sqlite => run!(sqlx::SqlitePool),
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The real binary, running.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    pub database_url: String,
    pub args: Vec<String>,
    pub dir: tempfile::TempDir,
}

impl Server {
    pub async fn start(backend: Backend, args: &[&str]) -> Server {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let database_url = fresh_database(backend, dir.path()).await;
        let mut server = Server {
            child: None,
            port: free_port(),
            database_url,
            args: args.iter().map(|a| a.to_string()).collect(),
            dir,
        };
        server.launch().await;
        server
    }

    /// Another process on the database of `first` (PostgreSQL: several processes share one).
    pub async fn another_on(first: &Server, args: &[&str]) -> Server {
        let mut server = Server {
            child: None,
            port: free_port(),
            database_url: first.database_url.clone(),
            args: args.iter().map(|a| a.to_string()).collect(),
            dir: tempfile::tempdir().expect("a temporary directory"),
        };
        server.launch().await;
        server
    }

    /// Starts the binary on this server's database and waits until it answers.
    pub async fn launch(&mut self) {
        let reference = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.path().join("server.log"))
            .expect("a log file");
        let child = Process::new(env!("CARGO_BIN_EXE_cosell-server"))
            .args(["--bind", &format!("127.0.0.1:{}", self.port)])
            .args(["--database-url", &self.database_url])
            .args(["--reference-data", reference])
            .args(["--static-dir", self.dir.path().to_str().unwrap_or(".")])
            .arg("--demo-sign-in")
            .args(&self.args)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("the server binary");
        self.child = Some(child);
        let http = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(r) = http.get(format!("{}/readyz", self.base())).send().await {
                if r.status().is_success() {
                    return;
                }
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                panic!("the server exited at start ({status}): {}", self.log());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not start: {}", self.log());
    }

    /// `cosell-server verify` on this server's database: whether it equals the replay of
    /// its command log, and what the tool printed.
    pub fn verify(&self) -> (bool, String) {
        let reference = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data");
        let out = Process::new(env!("CARGO_BIN_EXE_cosell-server"))
            .args(["--database-url", &self.database_url])
            .args(["--reference-data", reference])
            .arg("verify")
            .output()
            .expect("the verify tool runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// The final consistency check: the database equals the replay of its command log.
    pub fn assert_replays(&self) {
        let (equal, report) = self.verify();
        assert!(equal, "the database differs from its replay:\n{report}");
        eprintln!("{}", report.trim());
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What `/metrics` says now.
    pub async fn metrics(&self) -> String {
        let r = reqwest::get(format!("{}/metrics", self.base())).await;
        r.expect("metrics").text().await.expect("text")
    }

    /// SIGKILL: no shutdown, whatever was in flight is cut.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM, and waits for the process to end.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let c = self.child.as_mut().expect("a running server");
        let _ = Process::new("kill")
            .args(["-TERM", &c.id().to_string()])
            .status();
        let status = c.wait().expect("the server's exit");
        self.child = None;
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A browser copy of one signed-in user: its session, its client id and mutation counter,
/// its cursor, and what it has pulled.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub user_id: String,
    pub cookie: String,
    pub csrf: String,
    pub client_id: String,
    pub next_id: u64,
    pub cursor: Option<String>,
    pub referrals: BTreeMap<String, Referral>,
}

impl Client {
    pub async fn sign_in(server: &Server, user_id: &str) -> Client {
        let http = reqwest::Client::new();
        let response = http
            .post(format!("{}/auth/demo", server.base()))
            .json(&json!({ "userId": user_id }))
            .send()
            .await
            .expect("the sign-in answers");
        assert_eq!(response.status(), StatusCode::OK, "sign in as {user_id}");
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_string();
        let body: Value = response.json().await.expect("JSON");
        Client {
            http,
            base: server.base(),
            user_id: user_id.into(),
            cookie,
            csrf: body["csrf"].as_str().unwrap_or_default().into(),
            client_id: uuid::Uuid::new_v4().to_string(),
            next_id: 1,
            cursor: None,
            referrals: BTreeMap::new(),
        }
    }

    /// POSTs `body` to `path` with this session and CSRF token.
    pub async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("x-cosell-csrf", &self.csrf)
            .json(body)
            .send()
            .await
            .expect("the server answers");
        let status = r.status();
        let content_type = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let value = r.json().await.unwrap_or(Value::Null);
        if !status.is_success() {
            assert_eq!(content_type, "application/problem+json", "{value}");
        }
        (status, value)
    }

    /// Pushes `changes` (each based on `seen`) as the next mutations.
    pub async fn push_seen(&mut self, changes: Vec<(Change, Vec<Seen>)>) -> PushResponse {
        let mutations: Vec<Mutation> = changes
            .into_iter()
            .map(|(change, seen)| {
                let id = self.next_id;
                self.next_id += 1;
                Mutation { id, change, seen }
            })
            .collect();
        let body = json!({ "clientId": self.client_id, "mutations": mutations });
        let (status, value) = self.post("/sync/push", &body).await;
        assert_eq!(status, StatusCode::OK, "{value}");
        serde_json::from_value(value).expect("a push response")
    }

    pub async fn push(&mut self, changes: Vec<Change>) -> PushResponse {
        self.push_seen(changes.into_iter().map(|c| (c, Vec::new())).collect())
            .await
    }

    pub async fn command(&mut self, command: Command) -> PushResponse {
        self.push(vec![Change::Deal { command }]).await
    }

    /// Pulls since the last cursor and applies it to this copy.
    pub async fn pull(&mut self) -> PullResponse {
        let body = json!({ "clientId": self.client_id, "cursor": self.cursor });
        let (status, value) = self.post("/sync/pull", &body).await;
        assert_eq!(status, StatusCode::OK, "{value}");
        let pulled: PullResponse = serde_json::from_value(value).expect("a pull response");
        if pulled.reset {
            self.referrals.clear();
        }
        for r in &pulled.referrals {
            self.referrals.insert(r.id.clone(), r.clone());
        }
        for id in &pulled.removed {
            self.referrals.remove(id);
        }
        self.cursor = Some(pulled.cursor.clone());
        pulled
    }

    /// Creates a Munich deal of engagement `e` and pulls it; returns this user's referral id.
    pub async fn create_deal(&mut self, e: &str) -> String {
        let pushed = self
            .command(Command::CreateDeal {
                deal: new_deal(e, Utc::now()),
            })
            .await;
        assert_eq!(
            pushed.results[0].status,
            cosell::sync::MutationStatus::Applied
        );
        self.pull().await;
        self.copy_of(e).expect("created").id.clone()
    }

    /// A first pull of another copy of this user (client id `name`), as raw JSON: what a
    /// fresh browser of theirs would hold.
    pub async fn fresh_pull(&self, name: &str) -> Value {
        let (status, v) = self
            .post("/sync/pull", &json!({ "clientId": name, "cursor": null }))
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        v
    }

    /// This copy's referral of `engagement_id`.
    pub fn copy_of(&self, engagement_id: &str) -> Option<&Referral> {
        self.referrals
            .values()
            .find(|r| r.engagement_id == engagement_id)
    }
}

pub fn contact(name: &str, email: &str) -> Contact {
    Contact {
        name: name.into(),
        phone: "+49 89 555 0100".into(),
        email: email.into(),
    }
}

/// A valid new deal of Contoso Munich (the wizard's input).
pub fn new_deal(engagement_id: &str, now: DateTime<Utc>) -> NewDeal {
    NewDeal {
        engagement_id: engagement_id.into(),
        customer: CustomerProfile {
            name: "Adatum Corporation".into(),
            address: Address {
                address_line1: "Leopoldstraße 12".into(),
                city: "Munich".into(),
                state: String::new(),
                postal_code: "80802".into(),
                country: "DE".into(),
            },
            size: "10000+".into(),
            ids: CustomerIds {
                duns: Some("111111111".into()),
            },
            contact: Some(contact("Erika Mustermann", "erika@adatum.example")),
        },
        name: "Adatum fleet analytics".into(),
        location: "contoso-munich".into(),
        deal_value: 120_000.0,
        currency: "EUR".into(),
        closing_date_time: now + chrono::Duration::days(90),
        crm_id: String::new(),
        campaign_id: String::new(),
        notes: String::new(),
        team: vec![contact(
            "Contoso Germany Seller",
            "contoso-de-seller@contoso.example",
        )],
        solution_ids: vec!["contoso-fleet-analytics".into()],
        help_type: HelpType::NoHelpRequired,
        microsoft_may_view: false,
        assessment_location: None,
        invitations: Vec::new(),
        for_partner: None,
    }
}

/// A P2P invitation of `partner` (Fabrikam or Northwind).
pub fn invitation(partner: &str, now: DateTime<Utc>) -> PartnerInvitation {
    PartnerInvitation {
        partner_id: partner.into(),
        completion_date_time: now + chrono::Duration::days(60),
        deal_value: 30_000.0,
        currency: "EUR".into(),
        notes: "Data platform part".into(),
        team: vec![contact("Lena Vogel", "lena@contoso.example")],
        solution_ids: vec![format!("{partner}-data-platform")],
        help_type: HelpType::ProofOfConceptOrDemo,
    }
}

pub fn engagement() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A pusher: one copy adding numbered notes to its own deal in batches of three, moving to
/// the next process when its process stops answering (the same batch again), until `stop`.
/// Returns the copy, the applied mutation ids it was told of, and how many pushes got no
/// answer.
pub async fn push_notes(
    mut copy: Client,
    id: String,
    bases: Vec<String>,
    stop: std::time::Instant,
) -> (Client, Vec<u64>, usize) {
    let mut applied = Vec::new();
    let mut unanswered = 0;
    let mut at = bases.iter().position(|b| *b == copy.base).unwrap_or(0);
    while std::time::Instant::now() < stop {
        let n = copy.next_id;
        let batch: Vec<Mutation> = (n..n + 3)
            .map(|m| Mutation {
                id: m,
                change: Change::Deal {
                    command: Command::AddSharedNote {
                        referral_id: id.clone(),
                        text: format!("{} note {m}", copy.client_id),
                    },
                },
                seen: Vec::new(),
            })
            .collect();
        let sent = copy
            .http
            .post(format!("{}/sync/push", copy.base))
            .header("cookie", &copy.cookie)
            .header("x-cosell-csrf", &copy.csrf)
            .json(&json!({ "clientId": copy.client_id, "mutations": batch }))
            .timeout(Duration::from_secs(5))
            .send()
            .await;
        let answer = match sent {
            Ok(r) => r.json::<Value>().await.ok(),
            Err(_) => None,
        };
        match answer {
            Some(v) if v["lastMutationId"].is_u64() => {
                for r in v["results"].as_array().into_iter().flatten() {
                    if r["status"] == "applied" {
                        applied.push(r["id"].as_u64().unwrap_or(0));
                    }
                }
                copy.next_id = v["lastMutationId"].as_u64().unwrap_or(n - 1) + 1;
            }
            // No answer (the process died mid-push): the same batch again, elsewhere.
            _ => {
                unanswered += 1;
                at = (at + 1) % bases.len();
                copy.base = bases[at].clone();
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
    (copy, applied, unanswered)
}

/// How often each of `client_id`'s numbered notes (`push_notes`) is in the history `auditor`
/// pulls afresh.
pub async fn notes_of(auditor: &Client, client_id: &str) -> BTreeMap<u64, usize> {
    let fresh = auditor.fresh_pull("auditor").await;
    let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
    let prefix = format!("{client_id} note ");
    for a in fresh["activity"].as_array().into_iter().flatten() {
        if let Some(n) = a["note"].as_str().and_then(|t| t.strip_prefix(&prefix)) {
            *counts.entry(n.parse().unwrap_or(0)).or_default() += 1;
        }
    }
    counts
}
