//! Outcomes: everything one decided command changes, applied by a store whole or not at
//! all, and the eTag rules by which a store refuses a write made on stale data.

use serde::{Deserialize, Serialize};

use crate::domain::records::activity::ActivityEntry;
use crate::domain::records::notification::Notification;
use crate::domain::records::org_setup::OrgSetup;
use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;
use crate::domain::support::json_reader::{JsonReader, Read, ReadJson};
use crate::domain::support::json_writer::{JsonWriter, WriteJson};
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

json_record!(Favorite {
    user_id: "userId" required,
    referral_id: "referralId" required,
});

/// Writing one referral: `expected_etag` is the eTag the writer last saw (`None` for a
/// new referral). A write whose expectation no longer holds is refused as a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralWrite {
    pub referral: Referral,
    pub expected_etag: Option<String>,
}

json_record!(ReferralWrite {
    referral: "referral" required,
    expected_etag: "expectedEtag" default,
});

/// Writing an organisation's set-up: `expected_etag` is the eTag the writer saw (`None`
/// when the organisation had none stored yet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupWrite {
    pub setup: OrgSetup,
    pub expected_etag: Option<String>,
}

json_record!(SetupWrite {
    setup: "setup" required,
    expected_etag: "expectedEtag" default,
});

/// Adding or removing a favorite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FavoriteChange {
    Add(Favorite),
    Remove(Favorite),
}

/// `{"Add": {…}}` or `{"Remove": {…}}`, as serde writes an enum's newtype variants.
impl WriteJson for FavoriteChange {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        let (key, favorite) = match self {
            FavoriteChange::Add(f) => ("\"Add\":", f),
            FavoriteChange::Remove(f) => ("\"Remove\":", f),
        };
        w.open_object();
        w.key(key);
        favorite.write_json(w);
        w.close_object();
    }
}

impl ReadJson for FavoriteChange {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        let mut change = None;
        r.object(&mut |r, key| {
            let add = match key {
                "Add" => true,
                "Remove" => false,
                _ => return Err(r.fail("unknown variant", key)),
            };
            let favorite = Favorite::read_json(r)?;
            change = Some(match add {
                true => FavoriteChange::Add(favorite),
                false => FavoriteChange::Remove(favorite),
            });
            Ok(())
        })?;
        r.required(change, "Add` or `Remove")
    }
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

json_record!(Outcome {
    referrals: "referrals" required,
    favorites: "favorites" required,
    activity: "activity" default,
    notifications: "notifications" default,
    read_notifications: "readNotifications" default,
    setups: "setups" default,
});

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
