//! Prometheus metrics at `/metrics`, in the text format, from a few atomics: commands by
//! outcome, pulls and their latency, open event streams, and database transaction time.

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

use cosell::sync::MutationStatus;

#[derive(Debug, Default)]
pub struct Metrics {
    applied: AtomicU64,
    refused: AtomicU64,
    pulls: AtomicU64,
    pull_micros: AtomicU64,
    transactions: AtomicU64,
    transaction_micros: AtomicU64,
    streams: AtomicI64,
    expired: AtomicU64,
}

impl Metrics {
    pub fn command(&self, status: MutationStatus) {
        match status {
            MutationStatus::Applied => &self.applied,
            MutationStatus::Refused => &self.refused,
        }
        .fetch_add(1, Ordering::Relaxed);
    }

    pub fn pull(&self, took: Duration) {
        self.pulls.fetch_add(1, Ordering::Relaxed);
        self.pull_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    pub fn transaction(&self, took: Duration) {
        self.transactions.fetch_add(1, Ordering::Relaxed);
        self.transaction_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    pub fn expired(&self, n: usize) {
        self.expired.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// An event stream opened (`+1`) or closed (`-1`).
    pub fn stream(&self, delta: i64) {
        self.streams.fetch_add(delta, Ordering::Relaxed);
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let seconds = |a: &AtomicU64| get(a) as f64 / 1e6;
        let mut out = String::new();
        let _ = write!(
            out,
            "# HELP cosell_commands_total Pushed commands by outcome.\n\
             # TYPE cosell_commands_total counter\n\
             cosell_commands_total{{outcome=\"applied\"}} {}\n\
             cosell_commands_total{{outcome=\"refused\"}} {}\n\
             # HELP cosell_expired_total Referrals the server expired after 14 days.\n\
             # TYPE cosell_expired_total counter\n\
             cosell_expired_total {}\n\
             # HELP cosell_pull_seconds Time to answer pulls.\n\
             # TYPE cosell_pull_seconds summary\n\
             cosell_pull_seconds_sum {}\n\
             cosell_pull_seconds_count {}\n\
             # HELP cosell_transaction_seconds Time of database write transactions.\n\
             # TYPE cosell_transaction_seconds summary\n\
             cosell_transaction_seconds_sum {}\n\
             cosell_transaction_seconds_count {}\n\
             # HELP cosell_event_streams Open \"changed\" event streams.\n\
             # TYPE cosell_event_streams gauge\n\
             cosell_event_streams {}\n",
            get(&self.applied),
            get(&self.refused),
            get(&self.expired),
            seconds(&self.pull_micros),
            get(&self.pulls),
            seconds(&self.transaction_micros),
            get(&self.transactions),
            self.streams.load(Ordering::Relaxed),
        );
        out
    }
}
