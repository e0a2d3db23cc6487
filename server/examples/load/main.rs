//! The server's load benchmark (`make bench-server`): many browser copies of several
//! organisations pushing commands and pulling, against the release binary on SQLite with one
//! process and on one local PostgreSQL with one and with three processes; then the first sync
//! of a fresh browser with 10,000 visible deals. Each figure is printed next to the physical
//! limit measured in the same run: the rate of single-row committed transactions the same
//! database sustains. Writes `server/bench/results.md`.
//!
//! Bounded in count and time, loopback only. PostgreSQL comes from `COSELL_TEST_POSTGRES_URL`
//! (`server/tools/with-postgres.sh` starts a throwaway cluster); without it only SQLite runs.
//! Knobs: `LOAD_CLIENTS` (100), `LOAD_SECONDS` (10), `LOAD_SYNC_DEALS` (10000), and for the
//! organisation at scale (`large.rs`, PostgreSQL only; 0 skips it) `LOAD_LARGE_DEALS`
//! (100000) and `LOAD_LARGE_ACTIVITY` (1000000).

mod large;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command as Process, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use cosell::domain::deal::commands::{Command, NewDeal};
use cosell::domain::records::referral::{Address, Contact, CustomerIds, CustomerProfile, HelpType};
use cosell::sync::{Change, Mutation, MutationStatus, PullResponse, PushResponse, Seen};
use serde_json::{json, Value};
use tokio::sync::Mutex;

const USERS: [&str; 4] = [
    "contoso-admin",
    "contoso-de-admin",
    "fabrikam-admin",
    "northwind-admin",
];

fn knob(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

/// A fresh database: a SQLite file in `dir`, or a new database on the PostgreSQL cluster.
async fn fresh_database(postgres: Option<&str>, dir: &std::path::Path, name: &str) -> String {
    match postgres {
        None => format!("sqlite://{}/{name}.db", dir.display()),
        Some(admin) => {
            let db = format!("bench_{name}_{}", uuid::Uuid::new_v4().simple());
            let pool = sqlx::PgPool::connect(admin).await.expect("the cluster");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
                .execute(&pool)
                .await
                .expect("a database");
            pool.close().await;
            let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
            format!("{base}/{db}")
        }
    }
}

/// The single-row committed transactions per second the database sustains with
/// `connections` writers for `seconds`: the physical limit a push cannot beat.
async fn commit_rate(url: &str, connections: usize, seconds: f64) -> f64 {
    let db = cosell_server::db::Db::open(url).await.expect("opens");
    let count = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..connections {
        let (db, count) = (db.clone(), count.clone());
        tasks.push(tokio::spawn(async move {
            let mut i = 0u64;
            while Instant::now() < deadline {
                let key = format!("bench-{w}-{i}");
                let done = match &db {
                    cosell_server::db::Db::Sqlite(p) => {
                        sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2)")
                            .bind(&key)
                            .bind(i as i64)
                            .execute(p)
                            .await
                            .is_ok()
                    }
                    cosell_server::db::Db::Postgres(p) => {
                        sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2)")
                            .bind(&key)
                            .bind(i as i64)
                            .execute(p)
                            .await
                            .is_ok()
                    }
                };
                if done {
                    count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                i += 1;
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let rate =
        count.load(std::sync::atomic::Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
    db.close().await;
    rate
}

/// The commands per second one writer gets into the database when it does nothing else: the
/// domain decides each change of the benchmark (a team member added, then removed) and
/// `Db::commit` writes it, one transaction each, as the server's writer does. The closest
/// bound for a server whose writes are one at a time: what is left is HTTP, sessions, the
/// writer's lock and the pulls.
async fn command_commit_rate(url: &str, seconds: f64) -> f64 {
    use cosell::domain::exchange::{Ctx, Exchange};
    let Some(directory) = large::directory() else {
        return f64::NAN;
    };
    let Some(user) = directory.user("contoso-admin").cloned() else {
        return f64::NAN;
    };
    let db = cosell_server::db::Db::open(url).await.expect("opens");
    let mut exchange = Exchange::default();
    let mut version = db.version().await.unwrap_or(0);
    let write = |command: Command, exchange: &mut Exchange, version: &mut u64| {
        let outcome = cosell::domain::deal::commands::decide(
            &command,
            Ctx {
                exchange,
                directory: &directory,
                user: &user,
                now: Utc::now(),
            },
        );
        *version += 1;
        outcome.ok()
    };
    let deal = new_deal("contoso", "contoso-seattle");
    let engagement = deal.engagement_id.clone();
    let Some(created) = write(Command::CreateDeal { deal }, &mut exchange, &mut version) else {
        return f64::NAN;
    };
    let now = cosell_server::db::stamp(Utc::now());
    let logged = cosell_server::replay::Logged::Demo { n: 1 }.entry("contoso-admin", Utc::now());
    let _ = db
        .commit(version, &created, &[], None, None, &[], &logged, &now)
        .await;
    let _ = exchange.apply(&created);
    let Some(id) = exchange
        .referrals()
        .find(|r| r.engagement_id == engagement)
        .map(|r| r.id.clone())
    else {
        return f64::NAN;
    };
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut done = 0u64;
    let mut add = true;
    while Instant::now() < deadline {
        let command = match add {
            true => Command::AddTeamMember {
                referral_id: id.clone(),
                member: contact("Load Member", "member@example.com"),
            },
            false => Command::RemoveTeamMember {
                referral_id: id.clone(),
                email: "member@example.com".into(),
            },
        };
        // Logged as the server logs a pushed change.
        let logged = cosell_server::replay::Logged::Change {
            change: Box::new(cosell::sync::Change::Deal {
                command: command.clone(),
            }),
            seen: Vec::new(),
            actor: None,
        }
        .entry("contoso-admin", Utc::now());
        let Some(outcome) = write(command, &mut exchange, &mut version) else {
            break;
        };
        if db
            .commit(version, &outcome, &[], None, None, &[], &logged, &now)
            .await
            .is_err()
        {
            break;
        }
        let _ = exchange.apply(&outcome);
        done += 1;
        add = !add;
    }
    let rate = done as f64 / started.elapsed().as_secs_f64();
    db.close().await;
    rate
}

struct Servers {
    children: Vec<Child>,
    bases: Vec<String>,
    _dir: tempfile::TempDir,
}

impl Drop for Servers {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// `n` release processes on `url`, answering.
async fn start(url: &str, n: usize) -> Servers {
    let dir = tempfile::tempdir().expect("a directory");
    let binary = root().join("target/release/cosell-server");
    let mut servers = Servers {
        children: Vec::new(),
        bases: Vec::new(),
        _dir: dir,
    };
    for _ in 0..n {
        let port = free_port();
        let child = Process::new(&binary)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .args(["--database-url", url])
            .arg("--reference-data")
            .arg(root().join("public/data"))
            .arg("--static-dir")
            .arg(servers._dir.path())
            .args(["--demo-sign-in", "--sign-in-per-minute", "100000"])
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the release binary (cargo build --release -p cosell-server)");
        servers.children.push(child);
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        for _ in 0..400 {
            if http
                .get(format!("{base}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        servers.bases.push(base);
    }
    servers
}

/// One browser copy: its session, client id, mutation counter and cursor.
struct Copy {
    http: reqwest::Client,
    base: String,
    cookie: String,
    csrf: String,
    client_id: String,
    next: u64,
    cursor: Option<String>,
}

impl Copy {
    async fn sign_in(base: &str, user: &str) -> Copy {
        let http = reqwest::Client::new();
        let r = http
            .post(format!("{base}/auth/demo"))
            .json(&json!({ "userId": user }))
            .send()
            .await
            .expect("signs in");
        let cookie = r
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .unwrap_or_default()
            .to_string();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        Copy {
            http,
            base: base.into(),
            cookie,
            csrf: body["csrf"].as_str().unwrap_or_default().into(),
            client_id: uuid::Uuid::new_v4().to_string(),
            next: 1,
            cursor: None,
        }
    }

    async fn push(&mut self, changes: Vec<(Change, Vec<Seen>)>) -> Option<PushResponse> {
        let mutations: Vec<Mutation> = changes
            .into_iter()
            .map(|(change, seen)| {
                let m = Mutation {
                    id: self.next,
                    change,
                    seen,
                };
                self.next += 1;
                m
            })
            .collect();
        let r = self
            .http
            .post(format!("{}/sync/push", self.base))
            .header("cookie", &self.cookie)
            .header("x-cosell-csrf", &self.csrf)
            .json(&json!({ "clientId": self.client_id, "mutations": mutations }))
            .send()
            .await
            .ok()?;
        r.json().await.ok()
    }

    async fn pull(&mut self) -> Option<PullResponse> {
        let r = self
            .http
            .post(format!("{}/sync/pull", self.base))
            .header("cookie", &self.cookie)
            .header("x-cosell-csrf", &self.csrf)
            .json(&json!({ "clientId": self.client_id, "cursor": self.cursor }))
            .send()
            .await
            .ok()?;
        let pulled: PullResponse = r.json().await.ok()?;
        self.cursor = Some(pulled.cursor.clone());
        Some(pulled)
    }
}

fn contact(name: &str, email: &str) -> Contact {
    Contact {
        name: name.into(),
        phone: "+49 89 555 0100".into(),
        email: email.into(),
    }
}

/// A valid new deal of `user`'s organisation (its first location).
fn new_deal(org: &str, location: &str) -> NewDeal {
    NewDeal {
        engagement_id: uuid::Uuid::new_v4().to_string(),
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
            contact: None,
        },
        name: format!("Load test deal of {org}"),
        location: location.into(),
        deal_value: 50_000.0,
        currency: "EUR".into(),
        closing_date_time: Utc::now() + chrono::Duration::days(90),
        crm_id: String::new(),
        campaign_id: String::new(),
        notes: String::new(),
        team: vec![contact("Lena Vogel", "lena@example.com")],
        solution_ids: vec![match org {
            "contoso" => "contoso-fleet-analytics".into(),
            "fabrikam" => "fabrikam-data-platform".into(),
            _ => "northwind-retail-insights".into(),
        }],
        help_type: HelpType::NoHelpRequired,
        microsoft_may_view: false,
        assessment_location: None,
        invitations: Vec::new(),
        for_partner: None,
    }
}

fn location_of(user: &str) -> &'static str {
    match user {
        "contoso-admin" => "contoso-seattle",
        "contoso-de-admin" => "contoso-munich",
        "fabrikam-admin" => "fabrikam-redmond",
        _ => "northwind-london",
    }
}

fn org_of(user: &str) -> &str {
    user.split('-').next().unwrap_or(user)
}

#[derive(Default)]
struct Measured {
    push_ms: Vec<f64>,
    pull_ms: Vec<f64>,
    applied: u64,
    refused: u64,
    failed: u64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// `clients` copies spread over the processes of `servers`, each making its own deal and
/// then changing it (a team member added, then removed) and pulling, for `seconds`: back to
/// back (`pace` zero: the most the server takes), or one change per `pace` each (people).
async fn drive(servers: &Servers, clients: usize, seconds: u64, pace: Duration) -> (Measured, f64) {
    let measured = Arc::new(Mutex::new(Measured::default()));
    let mut copies = Vec::new();
    for i in 0..clients {
        let user = USERS[i % USERS.len()];
        let base = &servers.bases[i % servers.bases.len()];
        let mut copy = Copy::sign_in(base, user).await;
        let deal = new_deal(org_of(user), location_of(user));
        let engagement = deal.engagement_id.clone();
        let created = copy
            .push(vec![(
                Change::Deal {
                    command: Command::CreateDeal { deal },
                },
                Vec::new(),
            )])
            .await;
        let pulled = copy.pull().await;
        let mine = pulled.and_then(|p| {
            p.referrals
                .into_iter()
                .find(|r| r.engagement_id == engagement)
        });
        match (created, mine) {
            (Some(_), Some(r)) => copies.push((copy, r.id, r.e_tag)),
            (created, _) => eprintln!("a copy could not make its deal: {created:?}"),
        }
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, (mut copy, id, mut e_tag)) in copies.into_iter().enumerate() {
        let measured = measured.clone();
        tasks.push(tokio::spawn(async move {
            let member = format!("member{n}@example.com");
            let mut add = true;
            // People do not act in step: each starts at its own moment within the pace.
            let offset = pace.mul_f64((n % 100) as f64 / 100.0);
            tokio::time::sleep(offset).await;
            while Instant::now() < deadline {
                let turn = Instant::now();
                let command = match add {
                    true => Command::AddTeamMember {
                        referral_id: id.clone(),
                        member: contact("Load Member", &member),
                    },
                    false => Command::RemoveTeamMember {
                        referral_id: id.clone(),
                        email: member.clone(),
                    },
                };
                let seen = vec![Seen {
                    referral_id: id.clone(),
                    e_tag: e_tag.clone(),
                }];
                let t = Instant::now();
                let pushed = copy.push(vec![(Change::Deal { command }, seen)]).await;
                let push_ms = t.elapsed().as_secs_f64() * 1000.0;
                let t = Instant::now();
                let pulled = copy.pull().await;
                let pull_ms = t.elapsed().as_secs_f64() * 1000.0;
                let mut m = measured.lock().await;
                m.push_ms.push(push_ms);
                m.pull_ms.push(pull_ms);
                match pushed.as_ref().and_then(|p| p.results.first()) {
                    Some(r) if r.status == MutationStatus::Applied => {
                        m.applied += 1;
                        if let Some(t) = r.e_tags.get(&id) {
                            e_tag = t.clone();
                        }
                        add = !add;
                    }
                    Some(_) => m.refused += 1,
                    None => m.failed += 1,
                }
                drop(m);
                if let Some(r) = pulled.and_then(|p| p.referrals.into_iter().find(|r| r.id == id)) {
                    e_tag = r.e_tag;
                }
                if let Some(rest) = pace.checked_sub(turn.elapsed()) {
                    tokio::time::sleep(rest).await;
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let m = std::mem::take(&mut *measured.lock().await);
    (m, elapsed)
}

/// Seeds `deals` deals visible to Contoso's admin, then times the first pull of a fresh
/// copy of theirs (three times; the median).
async fn fresh_sync(servers: &Servers, deals: usize) -> (usize, f64) {
    let base = &servers.bases[0];
    let mut seeder = Copy::sign_in(base, "contoso-admin").await;
    let mut left = deals;
    while left > 0 {
        let batch = left.min(cosell::sync::MAX_MUTATIONS);
        let changes = (0..batch)
            .map(|_| {
                (
                    Change::Deal {
                        command: Command::CreateDeal {
                            deal: new_deal("contoso", "contoso-seattle"),
                        },
                    },
                    Vec::new(),
                )
            })
            .collect();
        seeder.push(changes).await;
        left -= batch;
    }
    let mut times = Vec::new();
    let mut seen = 0;
    for _ in 0..3 {
        let mut copy = Copy::sign_in(base, "contoso-admin").await;
        let t = Instant::now();
        // Every page of the first pull, as the app fetches them.
        seen = 0;
        while let Some(p) = copy.pull().await {
            seen += p.referrals.len();
            if !p.more {
                break;
            }
        }
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (seen, times[1])
}

struct Row {
    setup: String,
    /// Commands per second one writer gets into the database doing nothing else.
    commands: f64,
    baseline: f64,
    throughput: f64,
    push: [f64; 3],
    pull: [f64; 3],
    measured: Measured,
    /// Latencies with every copy acting once a second (people, not a flood).
    people_push: [f64; 3],
    people_pull: [f64; 3],
}

#[tokio::main]
async fn main() {
    let clients = knob("LOAD_CLIENTS", 100) as usize;
    let seconds = knob("LOAD_SECONDS", 10);
    let sync_deals = knob("LOAD_SYNC_DEALS", 10_000) as usize;
    let postgres = std::env::var("COSELL_TEST_POSTGRES_URL").ok();
    let dir = tempfile::tempdir().expect("a directory");
    let mut rows = Vec::new();
    let mut setups: Vec<(&str, Option<&str>, usize, usize)> = vec![("SQLite", None, 1, 1)];
    if let Some(pg) = postgres.as_deref() {
        setups.push(("PostgreSQL", Some(pg), 1, 8));
        setups.push(("PostgreSQL", Some(pg), 3, 8));
    } else {
        eprintln!(
            "PostgreSQL skipped: run under server/tools/with-postgres.sh (make bench-server does)"
        );
    }
    for (engine, pg, processes, writers) in &setups {
        let name = format!("{}{processes}", engine.to_lowercase());
        let probe = fresh_database(*pg, dir.path(), &format!("probe{name}")).await;
        let baseline = commit_rate(&probe, *writers, 3.0).await;
        let probe = fresh_database(*pg, dir.path(), &format!("command{name}")).await;
        let commands = command_commit_rate(&probe, 3.0).await;
        let url = fresh_database(*pg, dir.path(), &name).await;
        let servers = start(&url, *processes).await;
        let (measured, elapsed) = drive(&servers, clients, seconds, Duration::ZERO).await;
        let (people, _) = drive(&servers, clients, seconds, Duration::from_secs(1)).await;
        let mut people_push = people.push_ms.clone();
        people_push.sort_by(f64::total_cmp);
        let mut people_pull = people.pull_ms.clone();
        people_pull.sort_by(f64::total_cmp);
        let mut push = measured.push_ms.clone();
        let mut pull = measured.pull_ms.clone();
        push.sort_by(f64::total_cmp);
        pull.sort_by(f64::total_cmp);
        let q = |v: &[f64]| [percentile(v, 0.5), percentile(v, 0.95), percentile(v, 0.99)];
        let row = Row {
            commands,
            setup: format!(
                "{engine}, {processes} process{}",
                if *processes == 1 { "" } else { "es" }
            ),
            baseline,
            throughput: measured.applied as f64 / elapsed,
            push: q(&push),
            pull: q(&pull),
            measured,
            people_push: q(&people_push),
            people_pull: q(&people_pull),
        };
        println!(
            "{:<26} {:>7.0} commands/s (database: {:>6.0} single-row commits/s, {:.0} %)  push p50/p95/p99 {:.1}/{:.1}/{:.1} ms  pull {:.1}/{:.1}/{:.1} ms  ({} applied, {} refused, {} failed)",
            row.setup, row.throughput, row.baseline, 100.0 * row.throughput / row.baseline,
            row.push[0], row.push[1], row.push[2], row.pull[0], row.pull[1], row.pull[2],
            row.measured.applied, row.measured.refused, row.measured.failed
        );
        println!(
            "{:<26} one writer alone commits {:.0} commands/s: the server reaches {:.0} % of it",
            "",
            row.commands,
            100.0 * row.throughput / row.commands
        );
        println!(
            "{:<26} each copy acting once a second: push p50/p95/p99 {:.1}/{:.1}/{:.1} ms  pull {:.1}/{:.1}/{:.1} ms",
            "", row.people_push[0], row.people_push[1], row.people_push[2],
            row.people_pull[0], row.people_pull[1], row.people_pull[2]
        );
        rows.push(row);
        drop(servers);
    }
    // The first sync of a fresh browser, on the first PostgreSQL setup (else SQLite).
    let (engine, pg) = match postgres.as_deref() {
        Some(pg) => ("PostgreSQL", Some(pg)),
        None => ("SQLite", None),
    };
    let url = fresh_database(pg, dir.path(), "sync").await;
    let servers = start(&url, 1).await;
    let (seen, sync_s) = fresh_sync(&servers, sync_deals).await;
    drop(servers);
    println!(
        "fresh sync of {seen} visible deals ({engine}, 1 process): {sync_s:.2} s (median of 3)"
    );
    let large_deals = knob("LOAD_LARGE_DEALS", 100_000) as usize;
    let large_activity = knob("LOAD_LARGE_ACTIVITY", 1_000_000) as usize;
    let large = match postgres.as_deref() {
        Some(pg) if large_deals > 0 => {
            large::large(pg, dir.path(), large_deals, large_activity).await
        }
        _ => None,
    };
    if let Some(l) = &large {
        println!(
            "{} deals, {} activity entries: start {:.1} s ({:.0} MB), first sync {:.1} s in {} ({:.0} MB), next pull {:.1} ms, API first page {:.1} ms, deep page {:.1} ms",
            l.deals, l.activity, l.start_s, l.rss_mb, l.sync_s, pages(l.pages), l.sync_mb,
            l.next_pull_ms, l.api_first_ms, l.api_deep_ms
        );
        for (q, plan) in &l.plans {
            println!("  {plan}  <=  {q}");
        }
    }
    write_results(
        &rows,
        clients,
        seconds,
        seen,
        sync_s,
        engine,
        large.as_ref(),
    );
}

/// "1 page", "50 pages".
fn pages(n: usize) -> String {
    match n {
        1 => "1 page".into(),
        n => format!("{n} pages"),
    }
}

fn write_results(
    rows: &[Row],
    clients: usize,
    seconds: u64,
    seen: usize,
    sync_s: f64,
    engine: &str,
    large: Option<&large::Large>,
) {
    let mut md = String::from(
        "# Server benchmark (`make bench-server`)\n\n\
         Written by `server/examples/load.rs` on this machine: the release binary, loopback only. \
         Each copy signs in as one of four admins of Contoso, Fabrikam and Northwind, makes its own \
         deal, then for the run's seconds pushes one change to it (a team member added, then \
         removed, based on its current eTag) and pulls after each push, first back to back (the \
         most the server takes: its throughput, with latency that is queueing), then once a \
         second each (people: the latency a user feels). The database figure is \
         the rate of single-row committed transactions the same database sustains, measured in \
         the same run just before (SQLite: one writer, WAL, synchronous=FULL; PostgreSQL: 8 \
         writers): what a push, one transaction, cannot beat.\n\n",
    );
    md.push_str(&format!(
        "{clients} copies, {seconds} s per setup. *One writer* is the commands per second the domain and `Db::commit` alone get into the same database, one transaction each, as the server's writer does (no HTTP, no pulls): the bound for writes made one at a time.\n\n| setup | commands/s | one writer | share | database commits/s | share | push p50 / p95 / p99 | pull p50 / p95 / p99 | applied / refused / failed |\n|---|---:|---:|---:|---:|---:|---|---|---|\n"
    ));
    let mut by: BTreeMap<usize, &Row> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        by.insert(i, r);
    }
    for r in by.values() {
        md.push_str(&format!(
            "| {} | {:.0} | {:.0} | {:.0} % | {:.0} | {:.0} % | {:.1} / {:.1} / {:.1} ms | {:.1} / {:.1} / {:.1} ms | {} / {} / {} |\n",
            r.setup, r.throughput, r.commands, 100.0 * r.throughput / r.commands,
            r.baseline, 100.0 * r.throughput / r.baseline,
            r.push[0], r.push[1], r.push[2], r.pull[0], r.pull[1], r.pull[2],
            r.measured.applied, r.measured.refused, r.measured.failed
        ));
    }
    md.push_str(&format!(
        "\nThe same {clients} copies acting like people, each once a second ({clients} commands/s offered):\n\n| setup | push p50 / p95 / p99 | pull p50 / p95 / p99 |\n|---|---|---|\n"
    ));
    for r in rows {
        md.push_str(&format!(
            "| {} | {:.1} / {:.1} / {:.1} ms | {:.1} / {:.1} / {:.1} ms |\n",
            r.setup,
            r.people_push[0],
            r.people_push[1],
            r.people_push[2],
            r.people_pull[0],
            r.people_pull[1],
            r.people_pull[2]
        ));
    }
    md.push_str(&format!(
        "\nFirst sync of a fresh browser with {seen} visible deals ({engine}, one process): **{sync_s:.2} s** (median of three).\n\n\
         Targets (issue #25): push throughput at least half the database's commit rate; p99 push under 50 ms at 100 copies; a fresh 10,000-deal sync under 2 s.\n"
    ));
    if let Some(l) = large {
        md.push_str(&format!(
            "\n## One organisation at scale (PostgreSQL, one process)\n\n\
             {} deals of Contoso and {} activity entries, seeded by the benchmark as the server's writer would (decided by the domain, written with their command-log entries, 1,000 versions per transaction) in {:.0} s.\n\n\
             | measured | figure |\n|---|---:|\n\
             | start until ready (reads everything into memory) | {:.1} s |\n\
             | memory of the process (RSS) after start | {:.0} MB |\n\
             | first sync of a fresh browser: {} deals, {} activity entries in {} | {:.1} s ({:.0} MB) |\n\
             | the pull after one change | {:.1} ms |\n\
             | Referrals API, first page of 100 | {:.1} ms |\n\
             | Referrals API, a page of 100 at the end | {:.1} ms |\n\n\
             The plans PostgreSQL chooses (`EXPLAIN`, after `ANALYZE`) for what a process reads when it catches up with the others, works out what a copy held, or answers a retry:\n\n",
            l.deals, l.activity, l.seed_s, l.start_s, l.rss_mb, l.synced_deals, l.synced_activity,
            pages(l.pages), l.sync_s, l.sync_mb, l.next_pull_ms, l.api_first_ms, l.api_deep_ms
        ));
        for (q, plan) in &l.plans {
            md.push_str(&format!("- `{q}`: {}\n", plan.trim()));
        }
    }
    let path = root().join("server/bench/results.md");
    let _ = std::fs::create_dir_all(root().join("server/bench"));
    match std::fs::write(&path, md) {
        Ok(()) => println!("written: {}", path.display()),
        Err(e) => eprintln!("cannot write {}: {e}", path.display()),
    }
}
