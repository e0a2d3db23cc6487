//! The in-memory twin of the IndexedDB store, for host tests (and a future server's tests).

use std::cell::{Cell, RefCell};

use super::{Snapshot, Store, StoreError};
use crate::domain::exchange::{Exchange, Outcome};

#[derive(Debug, Default)]
pub struct MemoryStore {
    exchange: RefCell<Exchange>,
    fail_writes: Cell<bool>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes every following write fail, as a full or broken disk would.
    pub fn fail_writes(&self, fail: bool) {
        self.fail_writes.set(fail);
    }
}

impl Store for MemoryStore {
    async fn load(&self) -> Result<Snapshot, StoreError> {
        let exchange = self.exchange.borrow();
        Ok(Snapshot {
            referrals: exchange.referrals().cloned().collect(),
            favorites: exchange.favorites().cloned().collect(),
            activity: exchange.activity().to_vec(),
            notifications: exchange.notifications().cloned().collect(),
            unreadable: 0,
        })
    }

    async fn apply(&self, outcome: &Outcome) -> Result<(), StoreError> {
        if self.fail_writes.get() {
            return Err(StoreError::Write("simulated write failure".into()));
        }
        self.exchange.borrow_mut().apply(outcome).map_err(StoreError::from)
    }

    async fn reset(&self) -> Result<(), StoreError> {
        if self.fail_writes.get() {
            return Err(StoreError::Write("simulated write failure".into()));
        }
        *self.exchange.borrow_mut() = Exchange::default();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::{Favorite, FavoriteChange, ReferralWrite};
    use crate::domain::testing::referral_at;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// Runs a future that never waits on anything outside itself.
    fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    #[test]
    fn an_applied_outcome_survives_a_reload_and_a_conflicting_one_writes_nothing() {
        let store = MemoryStore::new();
        let r = referral_at("contoso", "contoso-munich", &[]);
        let fav = FavoriteChange::Add(Favorite { user_id: "u".into(), referral_id: r.id.clone() });
        block_on(store.apply(&Outcome {
            referrals: vec![ReferralWrite { referral: r.clone(), expected_etag: None }],
            favorites: vec![fav],
            ..Outcome::default()
        }))
        .unwrap();
        let loaded = block_on(store.load()).unwrap();
        assert_eq!(loaded.referrals, vec![r.clone()]);
        assert_eq!(loaded.favorites.len(), 1);

        let mut stale = r.clone();
        stale.name = "Renamed".into();
        let refused = block_on(store.apply(&Outcome {
            referrals: vec![ReferralWrite { referral: stale, expected_etag: Some("old".into()) }],
            favorites: vec![FavoriteChange::Remove(Favorite { user_id: "u".into(), referral_id: r.id.clone() })],
            ..Outcome::default()
        }));
        assert!(matches!(refused, Err(StoreError::Conflict(_))));
        assert_eq!(block_on(store.load()).unwrap(), loaded, "nothing of the refused outcome was written");
    }

    #[test]
    fn a_failing_write_reports_and_reset_empties_the_store() {
        let store = MemoryStore::new();
        let r = referral_at("contoso", "contoso-munich", &[]);
        let outcome = Outcome { referrals: vec![ReferralWrite { referral: r, expected_etag: None }], ..Outcome::default() };
        store.fail_writes(true);
        assert!(matches!(block_on(store.apply(&outcome)), Err(StoreError::Write(_))));
        assert!(block_on(store.load()).unwrap().referrals.is_empty());
        store.fail_writes(false);
        block_on(store.apply(&outcome)).unwrap();
        block_on(store.reset()).unwrap();
        assert_eq!(block_on(store.load()).unwrap(), Snapshot::default());
    }
}
