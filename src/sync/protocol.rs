//! The messages of `POST /sync/push` and `POST /sync/pull`, as JSON (camelCase).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::change::{Change, ChangeError};
use crate::domain::deal::commands::CommandError;
use crate::domain::deal::validation::FieldError;
use crate::domain::exchange::{Conflict, Favorite};
use crate::domain::records::activity::ActivityEntry;
use crate::domain::records::notification::Notification;
use crate::domain::records::org_setup::OrgSetup;
use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

/// Most mutations one push may carry.
pub const MAX_MUTATIONS: usize = 100;

/// A deal the client's form was based on, with the eTag it showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seen {
    pub referral_id: String,
    pub e_tag: String,
}

json_record!(Seen {
    referral_id: "referralId" required,
    e_tag: "eTag" required,
});

/// One queued change. `id` counts up by one per client, from 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Mutation {
    pub id: u64,
    pub change: Change,
    #[serde(default)]
    pub seen: Vec<Seen>,
}

json_record!(write Mutation {
    id: "id" required,
    change: "change" required,
    seen: "seen" default,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushRequest {
    /// One per browser profile and user; the server binds it to the signed-in user.
    pub client_id: String,
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MutationStatus {
    Applied,
    Refused,
}

wire_names!(MutationStatus {
    Applied => "applied",
    Refused => "refused",
});

/// What became of one mutation. A retry of a processed mutation gets this same answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MutationResult {
    pub id: u64,
    pub status: MutationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RefusedBecause>,
    /// The eTag each referral written now carries.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub e_tags: BTreeMap<String, String>,
}

json_record!(MutationResult {
    id: "id" required,
    status: "status" required,
    error: "error" omit,
    e_tags: "eTags" omit,
});

/// Why the server refused a mutation, in the domain's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefusedBecause {
    /// `stale`, `duplicateReferral`, `refused`, `invalid`, `unknownReferral` or `forbidden`.
    pub kind: String,
    pub message: String,
    /// The command of a batch it is about.
    #[serde(default)]
    pub index: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

json_record!(RefusedBecause {
    kind: "kind" required,
    message: "message" required,
    index: "index" default,
    fields: "fields" omit,
});

impl RefusedBecause {
    pub fn of(error: &ChangeError, locale: Locale) -> Self {
        let (kind, message, index, fields) = match error {
            ChangeError::Conflict(c) => (
                match c {
                    Conflict::DuplicateReferral { .. } => "duplicateReferral",
                    _ => "stale",
                },
                c.message(locale),
                0,
                Vec::new(),
            ),
            ChangeError::Forbidden => (
                "forbidden",
                Text::SyncForbidden.get(locale).to_string(),
                0,
                Vec::new(),
            ),
            ChangeError::Command { index, error } => match error {
                CommandError::Invalid(f) => (
                    "invalid",
                    error.message(locale).to_string(),
                    *index,
                    f.clone(),
                ),
                CommandError::UnknownReferral => (
                    "unknownReferral",
                    error.message(locale).to_string(),
                    *index,
                    Vec::new(),
                ),
                CommandError::Refused(_) => (
                    "refused",
                    error.message(locale).to_string(),
                    *index,
                    Vec::new(),
                ),
            },
        };
        Self {
            kind: kind.into(),
            message,
            index,
            fields,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushResponse {
    /// The last mutation of this client the server has processed.
    pub last_mutation_id: u64,
    pub results: Vec<MutationResult>,
}

json_record!(PushResponse {
    last_mutation_id: "lastMutationId" required,
    results: "results" required,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PullRequest {
    pub client_id: String,
    /// The cursor of the last pull; none for a fresh copy.
    #[serde(default)]
    pub cursor: Option<String>,
}

json_record!(write PullRequest {
    client_id: "clientId" required,
    cursor: "cursor" default,
});

/// Everything the user may see that changed since the cursor. With `reset`, the client
/// drops its copy and keeps only this.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullResponse {
    pub cursor: String,
    pub last_mutation_id: u64,
    pub reset: bool,
    pub referrals: Vec<Referral>,
    /// Referrals the client had that the user may no longer see. The client then asks for
    /// a fresh copy (a pull without cursor).
    pub removed: Vec<String>,
    /// The other parties' copies of the engagements the user sees, as the deal page shows
    /// them (`engagement::party_copy`): never listed as the user's deals.
    #[serde(default)]
    pub parties: Vec<Referral>,
    pub activity: Vec<ActivityEntry>,
    pub notifications: Vec<Notification>,
    /// The user's favorites, all of them, when any changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favorites: Option<Vec<Favorite>>,
    pub setups: Vec<OrgSetup>,
    /// A first pull comes in pages: more follows, and the client pulls again at once with
    /// this answer's cursor (its referrals are added to the copy, not replacing it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub more: bool,
}

json_record!(PullResponse {
    cursor: "cursor" required,
    last_mutation_id: "lastMutationId" required,
    reset: "reset" required,
    referrals: "referrals" required,
    removed: "removed" required,
    parties: "parties" default,
    activity: "activity" required,
    notifications: "notifications" required,
    favorites: "favorites" omit,
    setups: "setups" required,
    more: "more" omit,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::commands::Command;

    #[test]
    fn a_mutation_reads_as_the_readme_writes_it() {
        let m: Mutation = serde_json::from_str(
            r#"{"id": 3, "change": {"kind": "deal", "command": {"command": "toggleFavorite", "referralId": "r1"}},
                "seen": [{"referralId": "r1", "eTag": "e1"}]}"#,
        )
        .unwrap();
        assert_eq!(m.id, 3);
        assert_eq!(
            m.change,
            Change::Deal {
                command: Command::ToggleFavorite {
                    referral_id: "r1".into()
                }
            }
        );
        assert_eq!(m.seen[0].e_tag, "e1");
    }

    #[test]
    fn an_invisible_deal_and_an_unknown_one_are_refused_in_the_same_words() {
        let unknown = RefusedBecause::of(
            &ChangeError::Command {
                index: 0,
                error: CommandError::UnknownReferral,
            },
            Locale::En,
        );
        assert_eq!(unknown.kind, "unknownReferral");
        assert_eq!(unknown.message, Text::UnknownReferral.get(Locale::En));
    }
}
