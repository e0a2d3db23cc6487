//! The in-memory twin of the IndexedDB store, for host tests (and a future server's tests).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

use super::buckets::{self, Collection};
use super::{decode_snapshot, Records, Snapshot, Store, StoreError};
use crate::domain::exchange::{check_setup_write, Favorite, FavoriteChange, Outcome};
use crate::domain::records::org_setup::OrgSetup;
use crate::domain::support::json_writer::to_json;

/// Keeps what IndexedDB keeps, the same way: buckets of lines and favorites.
#[derive(Debug, Default)]
pub struct MemoryStore {
    buckets: RefCell<BTreeMap<(Collection, u32), Vec<u8>>>,
    favorites: RefCell<BTreeSet<(String, String)>>,
    /// Each organisation's set-up as JSON, by organisation id.
    setups: RefCell<BTreeMap<String, String>>,
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
        let stored = self.buckets.borrow();
        let of = |collection| {
            stored
                .iter()
                .filter(move |((c, _), _)| *c == collection)
                .map(|(_, bytes)| bytes.clone())
                .collect()
        };
        let favorites: Vec<String> = self
            .favorites
            .borrow()
            .iter()
            .map(|(user_id, referral_id)| {
                to_json(&Favorite {
                    user_id: user_id.clone(),
                    referral_id: referral_id.clone(),
                })
            })
            .collect();
        Ok(decode_snapshot(Records {
            referrals: of(Collection::Referrals),
            activity: of(Collection::Activity),
            notifications: of(Collection::Notifications),
            favorites,
            setups: self.setups.borrow().values().cloned().collect(),
        }))
    }

    async fn apply(&self, outcome: &Outcome) -> Result<(), StoreError> {
        if self.fail_writes.get() {
            return Err(StoreError::Write("simulated write failure".into()));
        }
        // Set-ups are checked first: nothing is written when one is stale.
        for write in &outcome.setups {
            let stored = self
                .setups
                .borrow()
                .get(&write.setup.organization_id)
                .and_then(|json| {
                    crate::domain::support::json_reader::from_json::<OrgSetup>(json).ok()
                });
            check_setup_write(write, stored.as_ref().map(|s| s.e_tag.as_str()))?;
        }
        let keys = buckets::touched(outcome);
        let written = buckets::write(
            outcome,
            keys.iter()
                .map(|k| self.buckets.borrow().get(k).cloned())
                .collect(),
        )?;
        self.buckets
            .borrow_mut()
            .extend(keys.into_iter().zip(written));
        for write in &outcome.setups {
            let json = to_json(&write.setup);
            self.setups
                .borrow_mut()
                .insert(write.setup.organization_id.clone(), json);
        }
        let mut favorites = self.favorites.borrow_mut();
        for change in &outcome.favorites {
            match change {
                FavoriteChange::Add(f) => {
                    favorites.insert((f.user_id.clone(), f.referral_id.clone()))
                }
                FavoriteChange::Remove(f) => {
                    favorites.remove(&(f.user_id.clone(), f.referral_id.clone()))
                }
            };
        }
        Ok(())
    }

    async fn reset(&self) -> Result<(), StoreError> {
        if self.fail_writes.get() {
            return Err(StoreError::Write("simulated write failure".into()));
        }
        self.buckets.borrow_mut().clear();
        self.favorites.borrow_mut().clear();
        self.setups.borrow_mut().clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::{Favorite, FavoriteChange, ReferralWrite};
    use crate::domain::testing::referral_at;
    use crate::store::block_on;

    #[test]
    fn an_applied_outcome_survives_a_reload_and_a_conflicting_one_writes_nothing() {
        let store = MemoryStore::new();
        let r = referral_at("contoso", "contoso-munich", &[]);
        let fav = FavoriteChange::Add(Favorite {
            user_id: "u".into(),
            referral_id: r.id.clone(),
        });
        block_on(store.apply(&Outcome {
            referrals: vec![ReferralWrite {
                referral: r.clone(),
                expected_etag: None,
            }],
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
            referrals: vec![ReferralWrite {
                referral: stale,
                expected_etag: Some("old".into()),
            }],
            favorites: vec![FavoriteChange::Remove(Favorite {
                user_id: "u".into(),
                referral_id: r.id.clone(),
            })],
            ..Outcome::default()
        }));
        assert!(matches!(refused, Err(StoreError::Conflict(_))));
        assert_eq!(
            block_on(store.load()).unwrap(),
            loaded,
            "nothing of the refused outcome was written"
        );
    }

    #[test]
    fn a_failing_write_reports_and_reset_empties_the_store() {
        let store = MemoryStore::new();
        let r = referral_at("contoso", "contoso-munich", &[]);
        let outcome = Outcome {
            referrals: vec![ReferralWrite {
                referral: r,
                expected_etag: None,
            }],
            ..Outcome::default()
        };
        store.fail_writes(true);
        assert!(matches!(
            block_on(store.apply(&outcome)),
            Err(StoreError::Write(_))
        ));
        assert!(block_on(store.load()).unwrap().referrals.is_empty());
        store.fail_writes(false);
        block_on(store.apply(&outcome)).unwrap();
        block_on(store.reset()).unwrap();
        assert_eq!(block_on(store.load()).unwrap(), Snapshot::default());
    }

    #[test]
    fn an_organisations_set_up_is_stored_with_its_etag_and_a_stale_one_writes_nothing() {
        use crate::domain::exchange::SetupWrite;
        use crate::domain::records::org_setup::OrgSetup;
        let store = MemoryStore::new();
        let setup = OrgSetup {
            organization_id: "contoso".into(),
            locations: Vec::new(),
            users: Vec::new(),
            solutions: Vec::new(),
            e_tag: "e1".into(),
        };
        let r = referral_at("contoso", "contoso-munich", &[]);
        let first = Outcome {
            referrals: vec![ReferralWrite {
                referral: r,
                expected_etag: None,
            }],
            setups: vec![SetupWrite {
                setup: setup.clone(),
                expected_etag: None,
            }],
            ..Outcome::default()
        };
        block_on(store.apply(&first)).unwrap();
        let loaded = block_on(store.load()).unwrap();
        assert_eq!(loaded.setups, vec![setup.clone()]);

        // Written by someone who did not see e1: refused, and its referral is not written either.
        let mut later = setup.clone();
        later.e_tag = "e2".into();
        let stale = Outcome {
            referrals: vec![ReferralWrite {
                referral: referral_at("contoso", "contoso-seattle", &[]),
                expected_etag: None,
            }],
            setups: vec![SetupWrite {
                setup: later.clone(),
                expected_etag: None,
            }],
            ..Outcome::default()
        };
        assert!(matches!(
            block_on(store.apply(&stale)),
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(block_on(store.load()).unwrap(), loaded);
        let fresh = Outcome {
            setups: vec![SetupWrite {
                setup: later.clone(),
                expected_etag: Some("e1".into()),
            }],
            ..Outcome::default()
        };
        block_on(store.apply(&fresh)).unwrap();
        assert_eq!(block_on(store.load()).unwrap().setups, vec![later]);
    }
}
