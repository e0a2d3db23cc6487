//! The local exchange: every organisation's referrals and every user's favorites,
//! and the outcomes that change them atomically (SPEC §14).

mod context;

pub use context::Ctx;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::deal::notify::Notification;
use crate::domain::org::admin::OrgSetup;
use crate::domain::records::activity::ActivityEntry;
use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

/// Several commands' outcomes, decided one after another, as one outcome to apply whole (an
/// import plan): a referral written by several of them is written once, with the eTag the
/// first one expected and the state the last one left; every activity entry is kept.
#[derive(Debug, Clone, Default)]
pub struct OutcomeChain {
    outcome: Outcome,
    /// Where each referral written so far sits in `outcome.referrals`.
    written: std::collections::HashMap<String, usize>,
}

impl OutcomeChain {
    /// Adds the outcome of the next command, decided on the state after the earlier ones.
    pub fn push(&mut self, next: Outcome) {
        let Outcome {
            referrals,
            favorites,
            activity,
            notifications,
            read_notifications,
            setups,
        } = next;
        for write in referrals {
            match self.written.get(&write.referral.id) {
                Some(&i) => self.outcome.referrals[i].referral = write.referral,
                None => {
                    self.written
                        .insert(write.referral.id.clone(), self.outcome.referrals.len());
                    self.outcome.referrals.push(write);
                }
            }
        }
        self.outcome.extend(Outcome {
            favorites,
            activity,
            notifications,
            read_notifications,
            setups,
            ..Outcome::default()
        });
    }

    pub fn into_outcome(self) -> Outcome {
        self.outcome
    }
}

/// A user's heart on one referral.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Favorite {
    pub user_id: String,
    pub referral_id: String,
}

/// Writing one referral: `expected_etag` is the eTag the writer last saw (`None` for a
/// new referral). A write whose expectation no longer holds is refused as a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralWrite {
    pub referral: Referral,
    pub expected_etag: Option<String>,
}

/// Writing an organisation's set-up: `expected_etag` is the eTag the writer saw (`None`
/// when the organisation had none stored yet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupWrite {
    pub setup: OrgSetup,
    pub expected_etag: Option<String>,
}

/// Adding or removing a favorite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FavoriteChange {
    Add(Favorite),
    Remove(Favorite),
}

/// Everything one command changes. A store applies it whole or not at all.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub referrals: Vec<ReferralWrite>,
    pub favorites: Vec<FavoriteChange>,
    /// What changed, for the deals' timelines: at least one entry per referral written.
    #[serde(default)]
    pub activity: Vec<ActivityEntry>,
    /// Messages to send (in-app, and email unless turned off).
    #[serde(default)]
    pub notifications: Vec<Notification>,
    /// Notifications (by id) the user has now read.
    #[serde(default)]
    pub read_notifications: Vec<String>,
    /// Organisations' set-ups written (users, locations, solutions).
    #[serde(default)]
    pub setups: Vec<SetupWrite>,
}

impl Outcome {
    /// Adds `other`'s changes after these (several commands saved as one).
    pub fn extend(&mut self, other: Outcome) {
        self.referrals.extend(other.referrals);
        self.favorites.extend(other.favorites);
        self.activity.extend(other.activity);
        self.notifications.extend(other.notifications);
        self.read_notifications.extend(other.read_notifications);
        self.setups.extend(other.setups);
    }

    /// The outcome of a form the user filled in while looking at the deals `seen` (id and
    /// eTag when the form opened): each change of those deals must still find that eTag
    /// stored, so a change made meanwhile in another tab is refused instead of overwritten.
    pub fn as_seen(mut self, seen: &[(String, String)]) -> Self {
        for write in &mut self.referrals {
            if let (Some(expected), Some((_, etag))) = (
                &mut write.expected_etag,
                seen.iter().find(|(id, _)| *id == write.referral.id),
            ) {
                expected.clone_from(etag);
            }
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.referrals.is_empty()
            && self.favorites.is_empty()
            && self.activity.is_empty()
            && self.notifications.is_empty()
            && self.read_notifications.is_empty()
            && self.setups.is_empty()
    }

    /// The outcome that undoes this outcome's favorite changes (for optimistic rollback).
    pub fn inverse_favorites(&self) -> Outcome {
        Outcome {
            favorites: self
                .favorites
                .iter()
                .rev()
                .map(|c| match c {
                    FavoriteChange::Add(f) => FavoriteChange::Remove(f.clone()),
                    FavoriteChange::Remove(f) => FavoriteChange::Add(f.clone()),
                })
                .collect(),
            ..Outcome::default()
        }
    }
}

/// Why an outcome was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    StaleReferral {
        id: String,
        name: String,
    },
    /// The organisation's set-up was changed elsewhere since the change was decided.
    StaleSetup,
    DuplicateReferral {
        id: String,
    },
}

impl Conflict {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            Conflict::StaleReferral { name, .. } => {
                Text::ConflictStale.fill(locale, &[("name", name)])
            }
            Conflict::StaleSetup => Text::ConflictSetup.get(locale).to_string(),
            Conflict::DuplicateReferral { id } => {
                Text::ConflictDuplicate.fill(locale, &[("id", id)])
            }
        }
    }
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Locale::En))
    }
}

impl std::error::Error for Conflict {}

/// The state of the local exchange.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Exchange {
    referrals: BTreeMap<String, Referral>,
    /// (engagement id, referral id) of every referral: an engagement's copies without a scan.
    engagements: BTreeSet<(String, String)>,
    /// Sorted, so that a list looks a row's heart up without allocating.
    favorites: Vec<Favorite>,
    activity: Vec<ActivityEntry>,
    notifications: BTreeMap<String, Notification>,
    setups: BTreeMap<String, OrgSetup>,
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
        let referrals = keyed(referrals, |r| r.id.clone());
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

    pub fn notifications(&self) -> impl Iterator<Item = &Notification> {
        self.notifications.values()
    }

    pub fn notification(&self, id: &str) -> Option<&Notification> {
        self.notifications.get(id)
    }

    pub fn referral(&self, id: &str) -> Option<&Referral> {
        self.referrals.get(id)
    }

    pub fn referrals(&self) -> impl Iterator<Item = &Referral> {
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
            .filter_map(|(_, id)| self.referrals.get(id))
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
        for write in &outcome.referrals {
            let r = &write.referral;
            if let Some(old) = self.referrals.insert(r.id.clone(), r.clone()) {
                self.engagements.remove(&(old.engagement_id, old.id));
            }
            self.engagements
                .insert((r.engagement_id.clone(), r.id.clone()));
        }
        self.activity.extend(outcome.activity.iter().cloned());
        for n in &outcome.notifications {
            self.notifications.insert(n.id.clone(), n.clone());
        }
        for write in &outcome.setups {
            self.setups
                .insert(write.setup.organization_id.clone(), write.setup.clone());
        }
        for id in &outcome.read_notifications {
            if let Some(n) = self.notifications.get_mut(id) {
                n.read = true;
            }
        }
        for change in &outcome.favorites {
            match change {
                FavoriteChange::Add(f) => heart(&mut self.favorites, f.clone()),
                FavoriteChange::Remove(f) => {
                    if let Ok(i) = find_favorite(&self.favorites, &f.user_id, &f.referral_id) {
                        self.favorites.remove(i);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The eTag rule for set-ups: the writer saw the stored one (or none).
pub fn check_setup_write(write: &SetupWrite, stored_etag: Option<&str>) -> Result<(), Conflict> {
    if write.expected_etag.as_deref() == stored_etag {
        Ok(())
    } else {
        Err(Conflict::StaleSetup)
    }
}

/// The eTag rule shared by every store: a new referral must not exist yet, a changed one
/// must still carry the eTag its writer saw.
pub fn check_write(write: &ReferralWrite, stored_etag: Option<&str>) -> Result<(), Conflict> {
    match (&write.expected_etag, stored_etag) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(Conflict::DuplicateReferral {
            id: write.referral.id.clone(),
        }),
        (Some(expected), Some(stored)) if expected == stored => Ok(()),
        (Some(_), _) => Err(Conflict::StaleReferral {
            id: write.referral.id.clone(),
            name: write.referral.name.clone(),
        }),
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

    #[test]
    fn inverse_favorites_undoes_the_change() {
        let mut exchange = Exchange::default();
        let outcome = Outcome {
            favorites: vec![FavoriteChange::Add(fav("u", "r"))],
            ..Outcome::default()
        };
        exchange.apply(&outcome).unwrap();
        assert!(exchange.is_favorite("u", "r"));
        exchange.apply(&outcome.inverse_favorites()).unwrap();
        assert!(!exchange.is_favorite("u", "r"));
    }
}
