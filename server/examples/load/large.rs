//! One organisation at the scale issue #25 names: 100,000 deals and 1,000,000 activity
//! entries on PostgreSQL. The benchmark seeds them itself as the server's writer would
//! (every deal and note decided by the domain and written with its command-log entry, a
//! thousand versions per transaction), then measures a server process on them: its start
//! and memory, the first sync of a fresh browser (every page), a pull after one change,
//! the Referrals API's first and a deep page, and the plans PostgreSQL chooses for the
//! queries a process runs when it catches up or answers a retry (`EXPLAIN`).

use super::*;
use cosell::domain::exchange::{Ctx, Exchange};
use cosell::domain::records::directory::{ReferenceData, REFERENCE_FILES};
use cosell_server::db::{Db, Write};
use cosell_server::replay::Logged;

/// What was measured at scale.
pub struct Large {
    pub deals: usize,
    pub activity: usize,
    pub seed_s: f64,
    pub start_s: f64,
    pub rss_mb: f64,
    pub sync_s: f64,
    pub pages: usize,
    pub sync_mb: f64,
    pub synced_deals: usize,
    pub synced_activity: usize,
    pub next_pull_ms: f64,
    pub api_first_ms: f64,
    pub api_deep_ms: f64,
    /// Each query and the first line of its plan.
    pub plans: Vec<(String, String)>,
}

/// The shipped reference data (`public/data`).
pub fn directory() -> Option<ReferenceData> {
    let texts: Vec<(&str, String)> = REFERENCE_FILES
        .iter()
        .map(|f| {
            let text =
                std::fs::read_to_string(root().join("public/data").join(f)).unwrap_or_default();
            (*f, text)
        })
        .collect();
    ReferenceData::parse(&texts).ok()
}

/// Decides and writes `deals` Seattle deals of Contoso and shared notes on them until the
/// history holds `activity` entries; returns how many entries it holds.
async fn seed(db: &Db, deals: usize, activity: usize) -> Option<usize> {
    let directory = directory()?;
    let user = directory.user("contoso-admin")?.clone();
    let mut exchange = Exchange::default();
    let mut version = db.version().await.ok()?;
    let mut ids: Vec<String> = Vec::with_capacity(deals);
    let mut made = 0usize;
    let mut note = 0usize;
    let mut batch: Vec<(
        u64,
        cosell::domain::exchange::Outcome,
        cosell_server::db::LogEntry,
    )> = Vec::new();
    loop {
        let command = if made < deals {
            Command::CreateDeal {
                deal: new_deal("contoso", "contoso-seattle"),
            }
        } else if exchange.activity().len() < activity && !ids.is_empty() {
            note += 1;
            Command::AddSharedNote {
                referral_id: ids[note % ids.len()].clone(),
                text: format!("Call {note}: the customer asked for a second workshop."),
            }
        } else {
            break;
        };
        let now = Utc::now();
        let ctx = Ctx {
            exchange: &exchange,
            directory: &directory,
            user: &user,
            now,
        };
        let Ok(outcome) = cosell::domain::deal::commands::decide(&command, ctx) else {
            return None;
        };
        if made < deals {
            ids.extend(outcome.referrals.iter().map(|w| w.referral.id.clone()));
            made += 1;
        }
        exchange.apply(&outcome).ok()?;
        version += 1;
        let logged = Logged::Change {
            change: Box::new(Change::Deal { command }),
            seen: Vec::new(),
            actor: None,
        }
        .entry(&user.id, now);
        batch.push((version, outcome, logged));
        if batch.len() == 1000 {
            flush(db, &mut batch).await?;
        }
    }
    flush(db, &mut batch).await?;
    Some(exchange.activity().len())
}

async fn flush(
    db: &Db,
    batch: &mut Vec<(
        u64,
        cosell::domain::exchange::Outcome,
        cosell_server::db::LogEntry,
    )>,
) -> Option<()> {
    let writes: Vec<Write> = batch
        .iter()
        .map(|(version, outcome, logged)| Write {
            version: *version,
            outcome,
            read_now: &[],
            mutation: None,
            api: None,
            announce: &[],
            logged,
        })
        .collect();
    let now = cosell_server::db::stamp(Utc::now());
    let written = db.commit_all(&writes, &now).await;
    drop(writes);
    batch.clear();
    written.ok()
}

fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Median milliseconds of three GETs of `path` by `copy`.
async fn get_ms(copy: &Copy, path: &str) -> f64 {
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let ok = copy
            .http
            .get(format!("{}{path}", copy.base))
            .header("cookie", &copy.cookie)
            .send()
            .await
            .ok()
            .filter(|r| r.status().is_success());
        if let Some(r) = ok {
            let _ = r.bytes().await;
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    times[1]
}

/// The first line of PostgreSQL's plan for each query a process runs when it catches up
/// with the others, works out what a copy held, or answers a retry.
async fn plans(url: &str, version: u64) -> Vec<(String, String)> {
    let Ok(pool) = sqlx::PgPool::connect(url).await else {
        return Vec::new();
    };
    let _ = sqlx::query("ANALYZE").execute(&pool).await;
    let recent = version.saturating_sub(10);
    let queries = [
        format!("SELECT doc, version FROM referrals WHERE version > {recent}"),
        format!("SELECT doc, version FROM activity WHERE version > {recent}"),
        format!("SELECT doc, version FROM notifications WHERE version > {recent}"),
        format!(
            "SELECT rv.doc FROM referral_versions rv JOIN (SELECT id, MAX(version) AS v \
             FROM referral_versions WHERE version <= {recent} AND id IN (SELECT id FROM referrals \
             ORDER BY version DESC LIMIT 20) GROUP BY id) latest ON latest.id = rv.id \
             AND latest.v = rv.version"
        ),
        "SELECT user_id, last_mutation_id FROM clients WHERE client_id = 'c'".to_string(),
        "SELECT result FROM mutations WHERE client_id = 'c' AND mutation_id = 1".to_string(),
        format!("SELECT version FROM commands WHERE version > {recent} ORDER BY version"),
    ];
    let mut out = Vec::new();
    for q in queries {
        let plan: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("EXPLAIN {q}")))
            .fetch_one(&pool)
            .await
            .ok();
        out.push((q, plan.unwrap_or_else(|| "(no plan)".into())));
    }
    pool.close().await;
    out
}

pub async fn large(
    pg: &str,
    dir: &std::path::Path,
    deals: usize,
    activity: usize,
) -> Option<Large> {
    let url = fresh_database(Some(pg), dir, "large").await;
    let db = Db::open(&url).await.ok()?;
    let t = Instant::now();
    let activity = seed(&db, deals, activity).await?;
    let seed_s = t.elapsed().as_secs_f64();
    let version = db.version().await.ok()?;
    db.close().await;
    println!("seeded {deals} deals and {activity} activity entries in {seed_s:.0} s");

    let t = Instant::now();
    let servers = start(&url, 1).await;
    let start_s = t.elapsed().as_secs_f64();
    let rss = rss_mb(servers.children[0].id());
    let base = servers.bases[0].clone();

    // A fresh browser's first sync: every page, as the app fetches them.
    let mut copy = Copy::sign_in(&base, "contoso-admin").await;
    let t = Instant::now();
    let (mut pages, mut bytes, mut synced_deals, mut synced_activity) = (0, 0usize, 0, 0);
    loop {
        let r = copy
            .http
            .post(format!("{base}/sync/pull"))
            .header("cookie", &copy.cookie)
            .header("x-cosell-csrf", &copy.csrf)
            .json(&json!({ "clientId": copy.client_id, "cursor": copy.cursor }))
            .send()
            .await
            .ok()?;
        let body = r.bytes().await.ok()?;
        bytes += body.len();
        let page: PullResponse = serde_json::from_slice(&body).ok()?;
        pages += 1;
        synced_deals += page.referrals.len();
        synced_activity += page.activity.len();
        copy.cursor = Some(page.cursor);
        if !page.more {
            break;
        }
    }
    let sync_s = t.elapsed().as_secs_f64();

    // One change, then the pull that brings it.
    let changed = copy
        .push(vec![(
            Change::Deal {
                command: Command::CreateDeal {
                    deal: new_deal("contoso", "contoso-seattle"),
                },
            },
            Vec::new(),
        )])
        .await;
    let t = Instant::now();
    let next = copy.pull().await;
    let next_pull_ms = t.elapsed().as_secs_f64() * 1000.0;
    if changed.is_none() || next.is_none_or(|p| p.referrals.is_empty()) {
        eprintln!("the pull after one change did not bring it");
    }

    let api = "/v1.0/engagements/referrals";
    let api_first_ms = get_ms(&copy, &format!("{api}?$top=100")).await;
    let deep = deals.saturating_sub(100);
    let api_deep_ms = get_ms(&copy, &format!("{api}?$top=100&$skip={deep}")).await;
    drop(servers);
    let plans = plans(&url, version).await;
    Some(Large {
        deals,
        activity,
        seed_s,
        start_s,
        rss_mb: rss,
        sync_s,
        pages,
        sync_mb: bytes as f64 / 1e6,
        synced_deals,
        synced_activity,
        next_pull_ms,
        api_first_ms,
        api_deep_ms,
        plans,
    })
}
