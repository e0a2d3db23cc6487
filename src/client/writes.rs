//! Writing what the user decided, in one of two ways. A form's save is written, then shown:
//! what the user sees as saved is stored (a tab closed right after still has it). A heart
//! or a notification read is shown at once and written behind (the optimistic write); if
//! the store refuses it, what the user sees goes back to what the store holds, with the
//! writes still on their way laid on top again (so a second action in flight is not lost).

use std::cell::{Cell, RefCell};

use crate::domain::exchange::{Exchange, Outcome};
use crate::store::{Store, StoreError};

/// What the user sees of the exchange: the app's reactive signal, or a plain cell in tests.
pub trait Shown {
    fn change(&self, f: &mut dyn FnMut(&mut Exchange));
}

impl Shown for RefCell<Exchange> {
    fn change(&self, f: &mut dyn FnMut(&mut Exchange)) {
        f(&mut self.borrow_mut())
    }
}

/// The store, and the outcomes shown but not yet written.
#[derive(Debug, Default)]
pub struct Writes<S> {
    store: S,
    pending: RefCell<Vec<(u64, Outcome)>>,
    next: Cell<u64>,
}

impl<S: Store> Writes<S> {
    pub fn new(store: S) -> Self {
        Self {
            store,
            pending: RefCell::default(),
            next: Cell::new(0),
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    /// How many outcomes are shown but not yet written.
    pub fn pending(&self) -> usize {
        self.pending.borrow().len()
    }

    /// Writes `outcome`, then shows it. When the store refuses it (a conflict with another
    /// tab, a full disk), nothing of it was written, and `shown` is what the store holds
    /// (another tab's newer version included).
    pub async fn save(&self, shown: &impl Shown, outcome: Outcome) -> Result<(), StoreError> {
        let written = self.store.apply(&outcome).await;
        match written {
            Ok(()) => {
                let mut outcome = Some(outcome);
                shown.change(&mut |e| {
                    if let Some(outcome) = outcome.take() {
                        let _ = e.apply_owned(outcome);
                    }
                })
            }
            Err(_) => {
                let _ = self.reload(shown).await;
            }
        }
        written
    }

    /// Shows `outcome` at once and writes it (the optimistic write). When the store refuses
    /// it, nothing of it was written, and `shown` goes back to what the store holds plus the
    /// other optimistic writes still on their way.
    pub async fn show_and_save(
        &self,
        shown: &impl Shown,
        outcome: &Outcome,
    ) -> Result<(), StoreError> {
        shown.change(&mut |e| {
            let _ = e.apply(outcome);
        });
        let id = self.next.get();
        self.next.set(id + 1);
        self.pending.borrow_mut().push((id, outcome.clone()));
        let written = self.store.apply(outcome).await;
        self.pending.borrow_mut().retain(|(i, _)| *i != id);
        if written.is_err() {
            // Best effort: if even reading fails, the screen keeps the change until the
            // next reload, and the refusal is reported all the same.
            let _ = self.reload(shown).await;
        }
        written
    }

    /// Shows what the store holds (another tab wrote, or a write was refused), with the
    /// outcomes still on their way applied on top. Returns how many stored records could
    /// not be read.
    pub async fn reload(&self, shown: &impl Shown) -> Result<usize, StoreError> {
        let snapshot = self.store.load().await?;
        let unreadable = snapshot.unreadable;
        let mut exchange = Some(snapshot.into_exchange());
        for (_, outcome) in self.pending.borrow().iter() {
            if let Some(e) = exchange.as_mut() {
                let _ = e.apply(outcome);
            }
        }
        shown.change(&mut |e| {
            if let Some(fresh) = exchange.take() {
                *e = fresh;
            }
        });
        Ok(unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::{Favorite, FavoriteChange, ReferralWrite};
    use crate::domain::testing::referral_at;
    use crate::store::block_on;
    use crate::store::{MemoryStore, Snapshot};

    fn create(id: &str) -> Outcome {
        let mut r = referral_at("contoso", "contoso-munich", &[]);
        r.id = id.into();
        Outcome {
            referrals: vec![ReferralWrite {
                referral: r,
                expected_etag: None,
            }],
            ..Outcome::default()
        }
    }

    fn heart(id: &str) -> Outcome {
        Outcome {
            favorites: vec![FavoriteChange::Add(Favorite {
                user_id: "u".into(),
                referral_id: id.into(),
            })],
            ..Outcome::default()
        }
    }

    /// A store that remembers how many deals the user saw while each write ran.
    struct Watching<'a> {
        inner: MemoryStore,
        shown: &'a RefCell<Exchange>,
        seen_while_writing: RefCell<Vec<usize>>,
    }

    impl Store for Watching<'_> {
        async fn load(&self) -> Result<Snapshot, StoreError> {
            self.inner.load().await
        }
        async fn apply(&self, outcome: &Outcome) -> Result<(), StoreError> {
            self.seen_while_writing
                .borrow_mut()
                .push(self.shown.borrow().len());
            self.inner.apply(outcome).await
        }
        async fn reset(&self) -> Result<(), StoreError> {
            self.inner.reset().await
        }
    }

    #[test]
    fn a_saved_change_is_shown_once_written_and_an_optimistic_one_before() {
        let shown = RefCell::new(Exchange::default());
        let writes = Writes::new(Watching {
            inner: MemoryStore::new(),
            shown: &shown,
            seen_while_writing: RefCell::default(),
        });
        assert_eq!(block_on(writes.save(&shown, create("a"))), Ok(()));
        assert_eq!(*writes.store().seen_while_writing.borrow(), vec![0]);
        assert!(shown.borrow().referral("a").is_some());
        assert_eq!(block_on(writes.show_and_save(&shown, &create("b"))), Ok(()));
        assert_eq!(*writes.store().seen_while_writing.borrow(), vec![0, 2]);
        assert!(shown.borrow().referral("b").is_some());
        assert_eq!(writes.pending(), 0);
        let stored = block_on(writes.store().load()).unwrap();
        assert_eq!(stored.referrals.len(), 2);
    }

    #[test]
    fn a_failed_write_is_rolled_back_to_what_the_store_holds() {
        let shown = RefCell::new(Exchange::default());
        let writes = Writes::new(MemoryStore::new());
        block_on(writes.save(&shown, create("kept"))).unwrap();
        writes.store().fail_writes(true);
        let refused = block_on(writes.show_and_save(&shown, &heart("kept")));
        assert!(matches!(refused, Err(StoreError::Write(_))));
        assert!(!shown.borrow().is_favorite("u", "kept"));
        assert!(shown.borrow().referral("kept").is_some());
        assert_eq!(writes.pending(), 0);
    }

    #[test]
    fn a_conflict_shows_the_other_tabs_version_and_keeps_writes_still_on_their_way() {
        let shown = RefCell::new(Exchange::default());
        let writes = Writes::new(MemoryStore::new());
        block_on(writes.save(&shown, create("a"))).unwrap();
        // Another tab changed "a" in the store meanwhile.
        let mut theirs = shown.borrow().referral("a").unwrap().clone();
        let mine_expected = theirs.e_tag.clone();
        theirs.name = "Theirs".into();
        theirs.e_tag = "theirs".into();
        block_on(writes.store().apply(&Outcome {
            referrals: vec![ReferralWrite {
                referral: theirs,
                expected_etag: Some(mine_expected.clone()),
            }],
            ..Outcome::default()
        }))
        .unwrap();
        // A heart on "a" is shown and on its way while this tab's stale rename is refused.
        let hearted = heart("a");
        writes.pending.borrow_mut().push((99, hearted.clone()));
        shown.borrow_mut().apply(&hearted).unwrap();
        let mut mine = shown.borrow().referral("a").unwrap().clone();
        mine.name = "Mine".into();
        mine.e_tag = "mine".into();
        let refused = block_on(writes.save(
            &shown,
            Outcome {
                referrals: vec![ReferralWrite {
                    referral: mine,
                    expected_etag: Some(mine_expected),
                }],
                ..Outcome::default()
            },
        ));
        assert!(matches!(refused, Err(StoreError::Conflict(_))));
        let now = shown.borrow();
        assert_eq!(now.referral("a").map(|r| r.name.as_str()), Some("Theirs"));
        assert!(
            now.is_favorite("u", "a"),
            "the heart still on its way is kept"
        );
    }
}
