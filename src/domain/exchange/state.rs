//! The exchange as one value: every organisation's referrals, activity, set-ups,
//! notifications and favorites, changed only by applying an outcome.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::domain::exchange::outcome::*;
use crate::domain::records::activity::ActivityEntry;
use crate::domain::records::notification::Notification;
use crate::domain::records::org_setup::OrgSetup;
use crate::domain::records::referral::Referral;

/// The state of the local exchange.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Exchange {
    /// Shared, so that a copy of the exchange (a decision's, a list's) copies no deal.
    referrals: BTreeMap<String, Arc<Referral>>,
    /// (engagement id, referral id) of every referral: an engagement's copies without a scan.
    engagements: BTreeSet<(String, String)>,
    /// Sorted, so that a list looks a row's heart up without allocating.
    favorites: Vec<Favorite>,
    activity: Vec<ActivityEntry>,
    /// Where each engagement's entries are in `activity`, in order: a deal's timeline and
    /// its shared notes are read without going through every entry of the exchange (a
    /// million of them for a large organisation on the server).
    activity_by_engagement: BTreeMap<String, Vec<usize>>,
    notifications: BTreeMap<String, Notification>,
    setups: BTreeMap<String, OrgSetup>,
}

/// The history entries a decision reads: a shared note's id counts the notes before it.
fn read_by_decisions(entry: &ActivityEntry) -> bool {
    entry.action == crate::domain::records::activity::ActivityAction::SharedNoteAdded
}

fn find_favorite(sorted: &[Favorite], user_id: &str, referral_id: &str) -> Result<usize, usize> {
    sorted.binary_search_by(|f| {
        (f.user_id.as_str(), f.referral_id.as_str()).cmp(&(user_id, referral_id))
    })
}

fn heart(sorted: &mut Vec<Favorite>, f: Favorite) {
    if let Err(i) = find_favorite(sorted, &f.user_id, &f.referral_id) {
        sorted.insert(i, f);
    }
}

/// Items by id, inserted one by one (see `Exchange::new`).
fn keyed<T>(items: Vec<T>, id: impl Fn(&T) -> String) -> BTreeMap<String, T> {
    let mut map = BTreeMap::new();
    for item in items {
        map.insert(id(&item), item);
    }
    map
}

impl Exchange {
    pub fn new(referrals: Vec<Referral>, favorites: Vec<Favorite>) -> Self {
        let referrals = keyed(referrals.into_iter().map(Arc::new).collect(), |r| {
            r.id.clone()
        });
        Self {
            engagements: referrals
                .values()
                .map(|r| (r.engagement_id.clone(), r.id.clone()))
                .collect(),
            referrals,
            favorites: {
                let mut sorted = Vec::with_capacity(favorites.len());
                for f in favorites {
                    heart(&mut sorted, f);
                }
                sorted
            },
            ..Self::default()
        }
    }

    /// Adds the stored set-ups of organisations (as loaded at start).
    pub fn with_setups(mut self, setups: Vec<OrgSetup>) -> Self {
        self.setups = keyed(setups, |s| s.organization_id.clone());
        self
    }

    /// The set-up an organisation's admins stored, if any.
    pub fn setup(&self, organization_id: &str) -> Option<&OrgSetup> {
        self.setups.get(organization_id)
    }

    pub fn setups(&self) -> impl Iterator<Item = &OrgSetup> {
        self.setups.values()
    }

    /// Adds stored activity and notifications (as loaded at start).
    pub fn with_history(
        mut self,
        activity: Vec<ActivityEntry>,
        notifications: Vec<Notification>,
    ) -> Self {
        self.activity = activity;
        crate::domain::support::order::sort_by(&mut self.activity, |a, b| {
            a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id))
        });
        self.activity_by_engagement.clear();
        self.index_activity(0);
        self.notifications = keyed(notifications, |n| n.id.clone());
        self
    }

    /// The activity of one referral, oldest first.
    pub fn activity_of<'a>(
        &'a self,
        referral_id: &'a str,
    ) -> impl Iterator<Item = &'a ActivityEntry> + 'a {
        self.activity
            .iter()
            .filter(move |a| a.referral_id == referral_id)
    }

    pub fn activity(&self) -> &[ActivityEntry] {
        &self.activity
    }

    /// The entries of one engagement, in the order of `activity()`.
    pub fn activity_of_engagement<'a>(
        &'a self,
        engagement_id: &str,
    ) -> impl Iterator<Item = &'a ActivityEntry> + 'a {
        self.activity_by_engagement
            .get(engagement_id)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.activity.get(i))
    }

    /// Where the entries of one engagement are in `activity()`, in order.
    pub fn activity_positions(&self, engagement_id: &str) -> &[usize] {
        self.activity_by_engagement
            .get(engagement_id)
            .map_or(&[], Vec::as_slice)
    }

    /// Adds the entries from position `from` on to the engagement index.
    fn index_activity(&mut self, from: usize) {
        for (i, a) in self.activity.iter().enumerate().skip(from) {
            self.activity_by_engagement
                .entry(a.engagement_id.clone())
                .or_default()
                .push(i);
        }
    }

    pub fn notifications(&self) -> impl Iterator<Item = &Notification> {
        self.notifications.values()
    }

    pub fn notification(&self, id: &str) -> Option<&Notification> {
        self.notifications.get(id)
    }

    pub fn referral(&self, id: &str) -> Option<&Referral> {
        self.referrals.get(id).map(Arc::as_ref)
    }

    /// The referrals in id order from `start` on (the pages of a server's first pull).
    pub fn referrals_from(
        &self,
        start: std::ops::Bound<String>,
    ) -> impl Iterator<Item = &Referral> {
        self.referrals
            .range((start, std::ops::Bound::Unbounded))
            .map(|(_, r)| r.as_ref())
    }

    pub fn referrals(&self) -> impl Iterator<Item = &Referral> {
        self.referrals.values().map(Arc::as_ref)
    }

    /// The referrals in id order, each shared with the exchange (kept without a copy).
    pub fn shared_referrals(&self) -> impl Iterator<Item = &Arc<Referral>> {
        self.referrals.values()
    }

    pub fn len(&self) -> usize {
        self.referrals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.referrals.is_empty()
    }

    pub fn is_favorite(&self, user_id: &str, referral_id: &str) -> bool {
        find_favorite(&self.favorites, user_id, referral_id).is_ok()
    }

    pub fn favorites(&self) -> impl Iterator<Item = &Favorite> {
        self.favorites.iter()
    }

    /// The referrals of one engagement (every party's copy of one deal).
    pub fn engagement(&self, engagement_id: &str) -> impl Iterator<Item = &Referral> {
        let id = engagement_id.to_string();
        self.engagements
            .range((id.clone(), String::new())..)
            .take_while(move |(e, _)| *e == id)
            .filter_map(|(_, id)| self.referrals.get(id).map(Arc::as_ref))
    }

    /// Checks an outcome against the current state without changing anything.
    pub fn check(&self, outcome: &Outcome) -> Result<(), Conflict> {
        for write in &outcome.referrals {
            let stored = self.referrals.get(&write.referral.id);
            check_write(write, stored.map(|r| r.e_tag.as_str()))?;
        }
        for write in &outcome.setups {
            check_setup_write(
                write,
                self.setup(&write.setup.organization_id)
                    .map(|s| s.e_tag.as_str()),
            )?;
        }
        Ok(())
    }

    /// Applies an outcome whole, or refuses it and changes nothing.
    pub fn apply(&mut self, outcome: &Outcome) -> Result<(), Conflict> {
        self.check(outcome)?;
        self.insert(outcome.clone());
        Ok(())
    }

    /// [`Exchange::apply`] of an outcome that is not needed after: its records move into the
    /// exchange instead of being copied (an import's 10,000 deals and their history).
    pub fn apply_owned(&mut self, outcome: Outcome) -> Result<(), Conflict> {
        self.check(&outcome)?;
        self.insert(outcome);
        Ok(())
    }

    /// A copy to decide a series of commands on, one after another (an import's rows, a
    /// batch): the deals, set-ups, favorites and shared notes, which decisions read, without
    /// the rest of the history and the notifications, which no decision reads and which are
    /// most of an exchange's records. Keep it up to date with [`Exchange::apply_decided`].
    pub fn decision_copy(&self) -> Exchange {
        let mut copy = Exchange {
            referrals: self.referrals.clone(),
            engagements: self.engagements.clone(),
            favorites: self.favorites.clone(),
            setups: self.setups.clone(),
            ..Exchange::default()
        };
        copy.activity = self
            .activity
            .iter()
            .filter(|a| read_by_decisions(a))
            .cloned()
            .collect();
        copy.index_activity(0);
        copy
    }

    /// Applies to a [`Exchange::decision_copy`] the part of `outcome` that later decisions
    /// read.
    pub fn apply_decided(&mut self, outcome: &Outcome) -> Result<(), Conflict> {
        self.apply_owned(Outcome {
            referrals: outcome.referrals.clone(),
            favorites: outcome.favorites.clone(),
            activity: outcome
                .activity
                .iter()
                .filter(|a| read_by_decisions(a))
                .cloned()
                .collect(),
            setups: outcome.setups.clone(),
            ..Outcome::default()
        })
    }

    /// Puts a checked outcome's records in.
    fn insert(&mut self, outcome: Outcome) {
        for write in outcome.referrals {
            let r = write.referral;
            let key = (r.engagement_id.clone(), r.id.clone());
            if let Some(old) = self.referrals.insert(r.id.clone(), Arc::new(r)) {
                self.engagements
                    .remove(&(old.engagement_id.clone(), old.id.clone()));
            }
            self.engagements.insert(key);
        }
        let from = self.activity.len();
        self.activity.extend(outcome.activity);
        self.index_activity(from);
        for n in outcome.notifications {
            self.notifications.insert(n.id.clone(), n);
        }
        for write in outcome.setups {
            self.setups
                .insert(write.setup.organization_id.clone(), write.setup);
        }
        for id in &outcome.read_notifications {
            if let Some(n) = self.notifications.get_mut(id) {
                n.read = true;
            }
        }
        for change in outcome.favorites {
            match change {
                FavoriteChange::Add(f) => heart(&mut self.favorites, f),
                FavoriteChange::Remove(f) => {
                    if let Ok(i) = find_favorite(&self.favorites, &f.user_id, &f.referral_id) {
                        self.favorites.remove(i);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::referral_at;

    fn fav(user: &str, referral: &str) -> Favorite {
        Favorite {
            user_id: user.into(),
            referral_id: referral.into(),
        }
    }

    #[test]
    fn an_engagements_entries_are_found_by_index_in_the_order_of_the_history() {
        use crate::domain::records::activity::{ActivityAction, Actor};
        let entry = |id: &str, engagement: &str, minute: i64| ActivityEntry {
            id: id.into(),
            referral_id: format!("r-{engagement}"),
            engagement_id: engagement.into(),
            organization_id: "contoso".into(),
            at: chrono::DateTime::UNIX_EPOCH + chrono::Duration::minutes(minute),
            actor: Actor {
                user_id: None,
                name: "Co-sell".into(),
                organization_id: String::new(),
            },
            action: ActivityAction::SharedNoteAdded,
            changes: Vec::new(),
            subject: None,
            note: None,
        };
        // Stored out of order: the history sorts them by time.
        let mut exchange = Exchange::default().with_history(
            vec![
                entry("b2", "b", 3),
                entry("a1", "a", 2),
                entry("b1", "b", 1),
            ],
            Vec::new(),
        );
        let added = Outcome {
            activity: vec![entry("a2", "a", 4), entry("c1", "c", 5)],
            ..Outcome::default()
        };
        assert!(exchange.apply(&added).is_ok());
        let ids = |e: &str| {
            exchange
                .activity_of_engagement(e)
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("a"), ["a1", "a2"]);
        assert_eq!(ids("b"), ["b1", "b2"]);
        assert_eq!(ids("c"), ["c1"]);
        assert!(ids("unknown").is_empty());
        for e in ["a", "b", "c"] {
            let scanned: Vec<String> = exchange
                .activity()
                .iter()
                .filter(|a| a.engagement_id == e)
                .map(|a| a.id.clone())
                .collect();
            assert_eq!(ids(e), scanned);
        }
    }

    #[test]
    fn referrals_are_listed_in_id_order_from_where_a_page_left_off() {
        let mut all = Vec::new();
        for id in ["c", "a", "b"] {
            let mut r = referral_at("contoso", "contoso-munich", &[]);
            r.id = id.into();
            all.push(r);
        }
        let exchange = Exchange::new(all, vec![]);
        let ids = |start| {
            exchange
                .referrals_from(start)
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        };
        use std::ops::Bound;
        assert_eq!(ids(Bound::Unbounded), ["a", "b", "c"]);
        assert_eq!(ids(Bound::Excluded("a".into())), ["b", "c"]);
        assert_eq!(ids(Bound::Excluded("c".into())), Vec::<String>::new());
    }

    #[test]
    fn a_stale_write_is_refused_and_nothing_of_the_outcome_is_applied() {
        let a = referral_at("contoso", "contoso-munich", &[]);
        let mut exchange = Exchange::new(vec![a.clone()], vec![]);
        let mut new = referral_at("contoso", "contoso-munich", &[]);
        new.id = "new".into();
        let mut changed = a.clone();
        changed.name = "Changed".into();
        let outcome = Outcome {
            referrals: vec![
                ReferralWrite {
                    referral: new,
                    expected_etag: None,
                },
                ReferralWrite {
                    referral: changed,
                    expected_etag: Some("not-the-stored-etag".into()),
                },
            ],
            favorites: vec![FavoriteChange::Add(fav("u", &a.id))],
            ..Outcome::default()
        };
        let before = exchange.clone();
        assert!(matches!(
            exchange.apply(&outcome),
            Err(Conflict::StaleReferral { .. })
        ));
        assert_eq!(exchange, before);
    }

    #[test]
    fn a_form_opened_before_a_change_elsewhere_is_refused_and_one_opened_after_is_saved() {
        let a = referral_at("contoso", "contoso-munich", &[]);
        let seen_before = vec![(a.id.clone(), a.e_tag.clone())];
        // Another tab saved a change: the stored deal carries a new eTag.
        let mut elsewhere = a.clone();
        elsewhere.e_tag = "changed-elsewhere".into();
        let mut exchange = Exchange::new(vec![elsewhere.clone()], vec![]);
        // This tab decided its change on the fresh deal, from a form opened on the old one.
        let mut mine = elsewhere.clone();
        mine.name = "Mine".into();
        let write = ReferralWrite {
            referral: mine,
            expected_etag: Some(elsewhere.e_tag.clone()),
        };
        let outcome = Outcome {
            referrals: vec![write],
            ..Outcome::default()
        };
        let refused = outcome.clone().as_seen(&seen_before);
        assert!(
            matches!(exchange.apply(&refused), Err(Conflict::StaleReferral { ref name, .. }) if name == "Mine")
        );
        assert_eq!(exchange.referral(&a.id).unwrap().name, elsewhere.name);
        let seen_after = vec![(a.id.clone(), elsewhere.e_tag.clone())];
        exchange
            .apply(&outcome.clone().as_seen(&seen_after))
            .unwrap();
        assert_eq!(exchange.referral(&a.id).unwrap().name, "Mine");
        // A new deal and deals not seen keep their own expectation.
        let untouched = outcome.as_seen(&[("other".into(), "x".into())]);
        assert_eq!(
            untouched.referrals[0].expected_etag.as_deref(),
            Some("changed-elsewhere")
        );
    }

    #[test]
    fn creating_an_existing_id_is_refused() {
        let a = referral_at("contoso", "contoso-munich", &[]);
        let mut exchange = Exchange::new(vec![a.clone()], vec![]);
        let outcome = Outcome {
            referrals: vec![ReferralWrite {
                referral: a,
                expected_etag: None,
            }],
            ..Outcome::default()
        };
        assert!(matches!(
            exchange.apply(&outcome),
            Err(Conflict::DuplicateReferral { .. })
        ));
    }
}
