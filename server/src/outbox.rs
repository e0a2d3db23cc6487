//! The outboxes' delivery: webhook calls and notification emails are written as rows in the
//! transaction of the change they announce (`Db::commit`), and delivered from there by one
//! loop, so a change is never announced without having happened and never lost to a crash.
//! A failed delivery is tried again after a wait that doubles each time, up to a number of
//! attempts, then marked failed with its last error for the Organisation page and the
//! Email outbox to show.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::engine::Engine;

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
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = webhooks.deliver_due(&engine).await {
                tracing::error!(error = %e, "webhook outbox could not be read");
            }
            if let Some(mailer) = &email {
                if let Err(e) = mailer.deliver_due(&engine).await {
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
}
