//! The outboxes' delivery: webhook calls and notification emails are written as rows in the
//! transaction of the change they announce (`Db::commit`), and delivered from there by one
//! loop, so a change is never announced without having happened and never lost to a crash.
//! A failed delivery is tried again after a wait that doubles each time, up to a number of
//! attempts, then marked failed with its last error for the Organisation page and the
//! Email outbox to show. With several processes on one database, each due delivery is
//! claimed by one of them for [`LEASE`] (a process that dies leaves its claims to expire),
//! so every announcement and email goes out from one process only.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::engine::Engine;

/// How long a process holds the deliveries it claimed: longer than a batch of 50 can take
/// (10 s for each webhook, 20 s for each email).
pub const LEASE: chrono::Duration = chrono::Duration::minutes(20);

/// When to try a failed delivery again.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// The wait before the first retry; each further one waits twice as long.
    pub base: Duration,
    /// How many tries in all before a delivery is marked failed.
    pub attempts: u32,
}

impl Retry {
    /// After the `tried`-th failed try at `now`: when to try again, or `None` to give up.
    pub fn next(&self, tried: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if tried >= self.attempts {
            return None;
        }
        let factor = 1u32 << tried.saturating_sub(1).min(20);
        let wait = self.base.saturating_mul(factor);
        chrono::Duration::from_std(wait).ok().map(|w| now + w)
    }
}

/// How one try of a delivery ended, as stored: its status (`done` when it went through,
/// `pending` to try again, `failed` when given up), the tries so far, when to try next, the
/// last error, and when it went through.
#[derive(Debug, Clone, PartialEq)]
pub struct Settled {
    pub status: &'static str,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub done_at: Option<String>,
}

impl Retry {
    /// The try after `attempts_before` earlier ones ended at `now`: `Ok` went through (stored
    /// as `done`), `Err((permanent, why))` did not.
    pub fn settle(
        &self,
        attempts_before: i64,
        tried: Result<(), (bool, String)>,
        done: &'static str,
        now: DateTime<Utc>,
    ) -> Settled {
        let attempts = attempts_before + 1;
        let at = crate::db::stamp(now);
        match tried {
            Ok(()) => Settled {
                status: done,
                attempts,
                next_attempt_at: at.clone(),
                last_error: None,
                done_at: Some(at),
            },
            Err((permanent, why)) => {
                let next = match permanent {
                    true => None,
                    false => self.next(u32::try_from(attempts).unwrap_or(u32::MAX), now),
                };
                Settled {
                    status: if next.is_some() { "pending" } else { "failed" },
                    attempts,
                    next_attempt_at: next.map_or(at, crate::db::stamp),
                    last_error: Some(why),
                    done_at: None,
                }
            }
        }
    }
}

/// An error as shown next to a delivery: one line, short, never the secret or the body.
pub fn short_error(e: &str) -> String {
    let line: String = e
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    line
}

/// Delivers what is due, every `every`, until the server stops.
pub fn spawn(
    engine: Arc<Engine>,
    webhooks: crate::webhooks::Deliverer,
    email: Option<crate::email::Mailer>,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    // This process's name on its claims.
    let claimer = uuid::Uuid::new_v4().to_string();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = webhooks.deliver_due(&engine, &claimer).await {
                tracing::error!(error = %e, "webhook outbox could not be read");
            }
            if let Some(mailer) = &email {
                if let Err(e) = mailer.deliver_due(&engine, &claimer).await {
                    tracing::error!(error = %e, "email outbox could not be read");
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_retry_waits_twice_as_long_and_the_last_try_gives_up() {
        let retry = Retry {
            base: Duration::from_secs(30),
            attempts: 4,
        };
        let now = Utc::now();
        let waits: Vec<Option<i64>> = (1..=4)
            .map(|tried| retry.next(tried, now).map(|t| (t - now).num_seconds()))
            .collect();
        assert_eq!(waits, [Some(30), Some(60), Some(120), None]);
    }

    #[test]
    fn a_try_settles_as_done_retried_or_failed() {
        let retry = Retry {
            base: Duration::from_secs(30),
            attempts: 3,
        };
        let now = Utc::now();
        let ok = retry.settle(0, Ok(()), "sent", now);
        assert_eq!((ok.status, ok.attempts, ok.last_error), ("sent", 1, None));
        assert!(ok.done_at.is_some());
        let again = retry.settle(1, Err((false, "busy".into())), "sent", now);
        assert_eq!((again.status, again.attempts), ("pending", 2));
        assert_eq!(
            again.next_attempt_at,
            crate::db::stamp(now + chrono::Duration::seconds(60))
        );
        let last = retry.settle(2, Err((false, "busy".into())), "sent", now);
        assert_eq!(last.status, "failed");
        let refused = retry.settle(0, Err((true, "no such mailbox".into())), "sent", now);
        assert_eq!(
            (refused.status, refused.last_error.as_deref()),
            ("failed", Some("no such mailbox"))
        );
    }
}
