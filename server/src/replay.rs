//! The command log and its replay: `cosell-server verify`.
//!
//! Every write logs the command that made it, who decided it and the instant (`commands`,
//! in the same transaction as the outcome). Deciding is deterministic from the state, the
//! user and the time, so deciding the log again from an empty exchange, in version order,
//! must give the database's exchange again: every referral, activity entry, notification,
//! favorite and set-up. A fault (a process killed mid-batch, the database restarted) that
//! lost, doubled or half-wrote anything shows up as a difference. The replay decides with
//! the same domain functions the engine does; it adds no rule.

use chrono::{DateTime, SecondsFormat, Utc};
use cosell::domain::deal::commands::expire_due;
use cosell::domain::exchange::{Ctx, Exchange};
use cosell::domain::records::directory::{ReferenceData, User};
use cosell::sync::Change;
use serde::{Deserialize, Serialize};

use crate::db::{Db, LogEntry};
use crate::engine::{decided_on, system_user};

/// A logged command.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Logged {
    /// A change a user's browser or a CRM (the Referrals API) asked for, based on the
    /// referrals' eTags it had seen (id, eTag). Refused ones are logged too: they are
    /// refused again.
    Change {
        change: Box<Change>,
        seen: Vec<(String, String)>,
        /// The acting user when the directory does not hold them (an API token's
        /// integration acts as a user made from the token).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actor: Option<Box<User>>,
    },
    /// The timer's 14-day expiry.
    Expire,
    /// `n` demo deals seeded into an empty exchange.
    Demo { n: usize },
}

impl Logged {
    /// The log entry of this command decided by `user_id` at `at`.
    pub fn entry(&self, user_id: &str, at: DateTime<Utc>) -> LogEntry {
        LogEntry {
            user_id: user_id.to_string(),
            decided_at: at.to_rfc3339_opts(SecondsFormat::Nanos, true),
            command: serde_json::to_string(self).unwrap_or_default(),
        }
    }
}

/// "1 command", "2 commands".
pub fn commands(n: usize) -> String {
    match n {
        1 => "1 command".into(),
        n => format!("{n} commands"),
    }
}

/// What a replay found.
#[derive(Debug, Default)]
pub struct Report {
    /// Commands decided again.
    pub replayed: usize,
    /// What differs between the database and its replay (empty: they are equal).
    pub differences: Vec<String>,
}

/// Decides the command log of `db` again from an empty exchange and compares the result with
/// what the database holds.
pub async fn verify(db: &Db, shipped: &ReferenceData) -> Result<Report, sqlx::Error> {
    let (from, log) = db.command_log().await?;
    let stored = db.load().await?;
    let mut report = Report::default();
    if from > 1 {
        report.differences.push(format!(
            "the command log starts at version {from}: the versions before it were written by an \
             older server and cannot be replayed"
        ));
        return Ok(report);
    }
    let mut exchange = Exchange::default();
    let mut directory = shipped.clone();
    let mut expected = 1;
    for (version, entry) in &log {
        if *version != expected {
            report
                .differences
                .push(format!("version {expected} has no logged command"));
        }
        expected = version + 1;
        match decide_again(&exchange, &directory, entry) {
            Ok(outcome) => {
                let setups = !outcome.setups.is_empty();
                if exchange.apply(&outcome).is_err() {
                    report
                        .differences
                        .push(format!("version {version}: its outcome does not apply"));
                }
                if setups {
                    directory = shipped.with_setups(exchange.setups());
                }
            }
            Err(why) => report.differences.push(format!("version {version}: {why}")),
        }
        report.replayed += 1;
    }
    if expected <= stored.version {
        report.differences.push(format!(
            "versions {expected} to {} have no logged command",
            stored.version
        ));
    }
    if stored.unreadable > 0 {
        report.differences.push(format!(
            "{} stored documents cannot be read",
            stored.unreadable
        ));
    }
    let held = Exchange::new(
        stored.referrals.into_iter().map(|(r, _)| r).collect(),
        stored
            .favorites
            .into_iter()
            .map(
                |(user_id, referral_id)| cosell::domain::exchange::Favorite {
                    user_id,
                    referral_id,
                },
            )
            .collect(),
    )
    .with_history(
        stored.activity.into_iter().map(|(a, _)| a).collect(),
        stored.notifications.into_iter().map(|(n, _)| n).collect(),
    )
    .with_setups(stored.setups.into_iter().map(|(s, _)| s).collect());
    report
        .differences
        .extend(differences(&held, &normal(&exchange)));
    Ok(report)
}

/// The outcome of a logged command decided again (a refused change: nothing), or why it
/// cannot be.
fn decide_again(
    exchange: &Exchange,
    directory: &ReferenceData,
    entry: &LogEntry,
) -> Result<cosell::domain::exchange::Outcome, String> {
    let at = DateTime::parse_from_rfc3339(&entry.decided_at)
        .map_err(|e| format!("its time \"{}\" cannot be read: {e}", entry.decided_at))?
        .with_timezone(&Utc);
    let logged: Logged = serde_json::from_str(&entry.command)
        .map_err(|e| format!("its command cannot be read: {e}"))?;
    let user: User = if entry.user_id == system_user().id {
        system_user()
    } else if let Logged::Change {
        actor: Some(actor), ..
    } = &logged
    {
        (**actor).clone()
    } else {
        directory
            .user(&entry.user_id)
            .cloned()
            .ok_or_else(|| format!("its user {} is not in the directory", entry.user_id))?
    };
    let ctx = Ctx {
        exchange,
        directory,
        user: &user,
        now: at,
    };
    Ok(match logged {
        Logged::Change { change, seen, .. } => {
            decided_on(exchange, &change, ctx, &seen).unwrap_or_default()
        }
        Logged::Expire => expire_due(ctx),
        Logged::Demo { n } => cosell::domain::transfer::demo::generate(n, directory, at),
    })
}

/// `exchange` as loading it from a database gives it (the history in its stored order).
fn normal(exchange: &Exchange) -> Exchange {
    Exchange::new(
        exchange.referrals().cloned().collect(),
        exchange.favorites().cloned().collect(),
    )
    .with_history(
        exchange.activity().to_vec(),
        exchange.notifications().cloned().collect(),
    )
    .with_setups(exchange.setups().cloned().collect())
}

/// The records that differ between the database (`held`) and the replay, named by kind and
/// id (at most 20 of each kind).
fn differences(held: &Exchange, replayed: &Exchange) -> Vec<String> {
    let mut out = Vec::new();
    let mut compare = |kind: &str, a: Vec<(String, String)>, b: Vec<(String, String)>| {
        let a: std::collections::BTreeMap<_, _> = a.into_iter().collect();
        let b: std::collections::BTreeMap<_, _> = b.into_iter().collect();
        let ids: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        let differing: Vec<&String> = ids
            .into_iter()
            .filter(|id| a.get(*id) != b.get(*id))
            .collect();
        for id in differing.iter().take(20) {
            let how = match (a.contains_key(*id), b.contains_key(*id)) {
                (true, false) => "is in the database but not in the replay",
                (false, true) => "is in the replay but not in the database",
                _ => "differs",
            };
            out.push(format!("{kind} {id} {how}"));
        }
        if differing.len() > 20 {
            out.push(format!("… and {} more {kind}s", differing.len() - 20));
        }
    };
    compare(
        "referral",
        held.referrals().map(|r| (r.id.clone(), doc(r))).collect(),
        replayed
            .referrals()
            .map(|r| (r.id.clone(), doc(r)))
            .collect(),
    );
    compare(
        "activity entry",
        held.activity()
            .iter()
            .map(|a| (a.id.clone(), doc(a)))
            .collect(),
        replayed
            .activity()
            .iter()
            .map(|a| (a.id.clone(), doc(a)))
            .collect(),
    );
    compare(
        "notification",
        held.notifications()
            .map(|n| (n.id.clone(), doc(n)))
            .collect(),
        replayed
            .notifications()
            .map(|n| (n.id.clone(), doc(n)))
            .collect(),
    );
    compare(
        "favorite",
        held.favorites()
            .map(|f| (format!("{}/{}", f.user_id, f.referral_id), String::new()))
            .collect(),
        replayed
            .favorites()
            .map(|f| (format!("{}/{}", f.user_id, f.referral_id), String::new()))
            .collect(),
    );
    compare(
        "set-up",
        held.setups()
            .map(|s| (s.organization_id.clone(), doc(s)))
            .collect(),
        replayed
            .setups()
            .map(|s| (s.organization_id.clone(), doc(s)))
            .collect(),
    );
    out
}

/// A record as its stored JSON, to compare.
fn doc<T: Serialize>(record: &T) -> String {
    serde_json::to_string(record).unwrap_or_default()
}
