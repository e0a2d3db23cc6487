//! Persistence of the local exchange, behind one trait that speaks in whole outcomes
//! (SPEC §14): apply this outcome atomically, or refuse it because an eTag moved.
//!
//! [`MemoryStore`] is the host twin used by tests; `IndexedDbStore` (feature `web`) keeps
//! the exchange in the browser. Both decode stored records with [`decode_snapshot`], so a
//! corrupt or older record is skipped and counted instead of crashing the app.

pub mod buckets;
#[cfg(feature = "web")]
pub mod indexeddb;
mod memory;
#[cfg(test)]
mod old_data_tests;

pub use memory::MemoryStore;

use crate::domain::exchange::{Conflict, Exchange, Favorite, Outcome};
use crate::domain::records::activity::ActivityEntry;
use crate::domain::records::notification::Notification;
use crate::domain::records::org_setup::OrgSetup;
use crate::domain::records::referral::Referral;

/// The version of the stored schema. Raise it with a new step in the migrations.
pub const SCHEMA_VERSION: u32 = 5;

/// The IndexedDB object stores of this schema, in the order they are read at start.
pub const OBJECT_STORES: [&str; 5] = [
    "referral_buckets",
    "activity_buckets",
    "notification_buckets",
    "favorites",
    "org_setups",
];

/// The object store (schema 5) of a shared-mode copy's own state, one record under
/// [`COPY_KEY`]: its user, client id, cursor and outbox (`sync::replica::CopyState`). A
/// local-mode database has it too, empty.
pub const COPY_STORE: &str = "copy";
pub const COPY_KEY: &str = "state";

/// What a store holds, as loaded at start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    pub referrals: Vec<Referral>,
    pub favorites: Vec<Favorite>,
    pub activity: Vec<ActivityEntry>,
    pub notifications: Vec<Notification>,
    /// Organisations' set-ups their admins changed.
    pub setups: Vec<OrgSetup>,
    /// Stored records that could not be read (corrupt, or written by an unknown version).
    pub unreadable: usize,
}

impl Snapshot {
    pub fn into_exchange(self) -> Exchange {
        Exchange::new(self.referrals, self.favorites)
            .with_history(self.activity, self.notifications)
            .with_setups(self.setups)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Conflict(#[from] Conflict),
    #[error("the browser's storage is full; free some space and try again")]
    QuotaExceeded,
    #[error("storage is not available: {0}")]
    Unavailable(String),
    #[error("the change could not be saved: {0}")]
    Write(String),
}

/// A place that keeps the exchange.
#[allow(async_fn_in_trait)] // Stores run on one thread (IndexedDB futures are not Send).
pub trait Store {
    /// Everything stored, with unreadable records skipped and counted.
    async fn load(&self) -> Result<Snapshot, StoreError>;
    /// Writes the outcome whole, or refuses it and writes nothing.
    async fn apply(&self, outcome: &Outcome) -> Result<(), StoreError>;
    /// Removes every deal and favorite.
    async fn reset(&self) -> Result<(), StoreError>;
}

/// What a store read at start: the buckets of each collection (see [`buckets`]) and the
/// favorites, each as its JSON text.
#[derive(Debug, Default)]
pub struct Records {
    pub referrals: Vec<Vec<u8>>,
    pub activity: Vec<Vec<u8>>,
    pub notifications: Vec<Vec<u8>>,
    pub favorites: Vec<String>,
    pub setups: Vec<String>,
}

/// Decodes stored records into a snapshot, skipping (and counting) what cannot be read:
/// record by record, so one bad record costs only itself.
pub fn decode_snapshot(records: Records) -> Snapshot {
    let mut snapshot = Snapshot::default();
    let unreadable = &mut snapshot.unreadable;
    for bucket in &records.referrals {
        buckets::decode_bucket(bucket, &mut snapshot.referrals, unreadable);
    }
    for bucket in &records.activity {
        buckets::decode_bucket(bucket, &mut snapshot.activity, unreadable);
    }
    for bucket in &records.notifications {
        buckets::decode_bucket(bucket, &mut snapshot.notifications, unreadable);
    }
    for text in &records.favorites {
        match crate::domain::support::json_reader::from_json(text) {
            Ok(favorite) => snapshot.favorites.push(favorite),
            Err(_) => *unreadable += 1,
        }
    }
    for text in &records.setups {
        match crate::domain::support::json_reader::from_json(text) {
            Ok(setup) => snapshot.setups.push(setup),
            Err(_) => *unreadable += 1,
        }
    }
    snapshot
}

/// Runs a future that never waits on anything outside itself (the memory store's), for
/// host tests.
#[cfg(test)]
pub(crate) fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::referral_at;

    #[test]
    fn corrupt_records_are_skipped_and_counted() {
        let good = serde_json::to_value(referral_at("contoso", "contoso-munich", &[])).unwrap();
        let mut old = good.clone();
        old.as_object_mut().unwrap().remove("status");
        let snapshot = decode_snapshot(Records {
            // Two buckets: a good record, one an older version lacks a field of, JSON that is
            // no referral, a line that is not in the format, and one cut off.
            referrals: vec![
                format!("a\te\t{good}\nb\te\t{old}\n").into_bytes(),
                b"c\te\t\"garbage\"\nno tabs at all\nd\te\t{\"id\":".to_vec(),
            ],
            favorites: vec![
                r#"{"userId": "u", "referralId": "r"}"#.into(),
                r#"{"userId": 3}"#.into(),
                "{trunc".into(),
            ],
            ..Records::default()
        });
        assert_eq!(snapshot.referrals.len(), 1);
        assert_eq!(snapshot.favorites.len(), 1);
        assert_eq!(snapshot.unreadable, 6);
    }

    #[test]
    fn a_referral_round_trips_in_the_referrals_api_shape() {
        let r = referral_at("contoso", "contoso-munich", &["a@b.example"]);
        let v = serde_json::to_value(&r).unwrap();
        for key in [
            "engagementId",
            "organizationId",
            "customerProfile",
            "eTag",
            "type",
            "substatus",
            "salesStage",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["customerProfile"]["ids"]["duns"], "123456789");
        assert_eq!(v["details"]["dealValue"], 100000.0);
        assert_eq!(serde_json::from_value::<Referral>(v).unwrap(), r);
    }
}
