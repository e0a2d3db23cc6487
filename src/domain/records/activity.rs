//! The activity of a deal: who changed what, when (SPEC §13). Every referral write of an
//! outcome goes through [`record`], so the timeline is complete by construction.

use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;
use crate::domain::support::json_writer::leaves;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What kind of change an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityAction {
    Created,
    Received,
    Accepted,
    Declined,
    Expired,
    Edited,
    TeamMemberAdded,
    TeamMemberRemoved,
    SolutionsEdited,
    MicrosoftInvited,
    MicrosoftMayView,
    PartnerInvited,
    StageMarked,
    Won,
    Lost,
    RegistrationSubmitted,
    RegistrationInReview,
    RegistrationApproved,
    RegistrationActionRequired,
    RegistrationRejected,
    RegistrationResubmitted,
    Imported,
    /// A note every party of the engagement reads (the entry's `note`).
    SharedNoteAdded,
    // Changes to an organisation's set-up (issue #9), not about a deal.
    UserAdded,
    UserEdited,
    UserDeactivated,
    UserReactivated,
    LocationAdded,
    LocationEdited,
    LocationRemoved,
    SolutionAdded,
    SolutionEdited,
    ProfileEdited,
}

wire_names!(ActivityAction {
    Created => "created",
    Received => "received",
    Accepted => "accepted",
    Declined => "declined",
    Expired => "expired",
    Edited => "edited",
    TeamMemberAdded => "teamMemberAdded",
    TeamMemberRemoved => "teamMemberRemoved",
    SolutionsEdited => "solutionsEdited",
    MicrosoftInvited => "microsoftInvited",
    MicrosoftMayView => "microsoftMayView",
    PartnerInvited => "partnerInvited",
    StageMarked => "stageMarked",
    Won => "won",
    Lost => "lost",
    RegistrationSubmitted => "registrationSubmitted",
    RegistrationInReview => "registrationInReview",
    RegistrationApproved => "registrationApproved",
    RegistrationActionRequired => "registrationActionRequired",
    RegistrationRejected => "registrationRejected",
    RegistrationResubmitted => "registrationResubmitted",
    Imported => "imported",
    SharedNoteAdded => "sharedNoteAdded",
    UserAdded => "userAdded",
    UserEdited => "userEdited",
    UserDeactivated => "userDeactivated",
    UserReactivated => "userReactivated",
    LocationAdded => "locationAdded",
    LocationEdited => "locationEdited",
    LocationRemoved => "locationRemoved",
    SolutionAdded => "solutionAdded",
    SolutionEdited => "solutionEdited",
    ProfileEdited => "profileEdited",
});

impl ActivityAction {
    pub const ALL: [ActivityAction; 33] = [
        ActivityAction::UserAdded,
        ActivityAction::UserEdited,
        ActivityAction::UserDeactivated,
        ActivityAction::UserReactivated,
        ActivityAction::LocationAdded,
        ActivityAction::LocationEdited,
        ActivityAction::LocationRemoved,
        ActivityAction::SolutionAdded,
        ActivityAction::SolutionEdited,
        ActivityAction::ProfileEdited,
        ActivityAction::Created,
        ActivityAction::Received,
        ActivityAction::Accepted,
        ActivityAction::Declined,
        ActivityAction::Expired,
        ActivityAction::Edited,
        ActivityAction::TeamMemberAdded,
        ActivityAction::TeamMemberRemoved,
        ActivityAction::SolutionsEdited,
        ActivityAction::MicrosoftInvited,
        ActivityAction::MicrosoftMayView,
        ActivityAction::PartnerInvited,
        ActivityAction::StageMarked,
        ActivityAction::Won,
        ActivityAction::Lost,
        ActivityAction::RegistrationSubmitted,
        ActivityAction::RegistrationInReview,
        ActivityAction::RegistrationApproved,
        ActivityAction::RegistrationActionRequired,
        ActivityAction::RegistrationRejected,
        ActivityAction::RegistrationResubmitted,
        ActivityAction::Imported,
        ActivityAction::SharedNoteAdded,
    ];

    pub fn text(self) -> Text {
        use ActivityAction::*;
        match self {
            Created => Text::DidCreate,
            Received => Text::DidReceive,
            Accepted => Text::StatusAccepted,
            Declined => Text::StatusDeclined,
            Expired => Text::DidExpire,
            Edited => Text::DidEdit,
            TeamMemberAdded => Text::DidAddMember,
            TeamMemberRemoved => Text::DidRemoveMember,
            SolutionsEdited => Text::DidEditSolutions,
            MicrosoftInvited => Text::DidInviteMicrosoft,
            MicrosoftMayView => Text::MsMayView,
            PartnerInvited => Text::DidInvitePartner,
            StageMarked => Text::DidMarkStage,
            Won => Text::DidWin,
            Lost => Text::DidLose,
            RegistrationSubmitted => Text::DidRegister,
            RegistrationInReview => Text::DidStartReview,
            RegistrationApproved => Text::DidApprove,
            RegistrationActionRequired => Text::DidRequestAction,
            RegistrationRejected => Text::DidReject,
            RegistrationResubmitted => Text::DidResubmit,
            Imported => Text::DidImport,
            SharedNoteAdded => Text::DidAddSharedNote,
            UserAdded => Text::DidAddUser,
            UserEdited => Text::DidEditUser,
            UserDeactivated => Text::DidDeactivateUser,
            UserReactivated => Text::DidReactivateUser,
            LocationAdded => Text::DidAddLocation,
            LocationEdited => Text::DidEditLocation,
            LocationRemoved => Text::DidRemoveLocation,
            SolutionAdded => Text::DidAddSolution,
            SolutionEdited => Text::DidEditSolution,
            ProfileEdited => Text::DidEditProfile,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(crate::domain::support::locale::Locale::En)
    }
}

/// Who made a change: a user, or the system (expiry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    /// `None` for the system.
    pub user_id: Option<String>,
    pub name: String,
    pub organization_id: String,
}

json_record!(Actor {
    user_id: "userId" default,
    name: "name" required,
    organization_id: "organizationId" required,
});

/// One field's change: its path in the referral resource, the old and the new value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

json_record!(FieldChange {
    field: "field" required,
    old: "old" required,
    new: "new" required,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    pub id: String,
    pub referral_id: String,
    pub engagement_id: String,
    pub organization_id: String,
    #[serde(with = "crate::domain::support::instant::utc")]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub action: ActivityAction,
    pub changes: Vec<FieldChange>,
    /// What an organisation-wide change is about (a user's or location's name); deal
    /// entries have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// A shared note's text (SPEC §6): read by every party of the engagement, so it is kept
    /// with the engagement's history rather than on one organisation's copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

json_record!(ActivityEntry {
    id: "id" required,
    referral_id: "referralId" required,
    engagement_id: "engagementId" required,
    organization_id: "organizationId" required,
    at: "at" required,
    actor: "actor" required,
    action: "action" required,
    changes: "changes" required,
    subject: "subject" omit,
    note: "note" omit,
});

/// Fields that change on every write and say nothing by themselves.
const BOOKKEEPING: [&str; 2] = ["eTag", "updatedDateTime"];

/// The changes from `old` (none for a new referral) to `new`, field by field.
pub fn diff(old: Option<&Referral>, new: &Referral) -> Vec<FieldChange> {
    let before: Vec<(String, String)> = old.map(leaves).unwrap_or_default();
    let after = leaves(new);
    // A new deal's entry lists every field; a change lists few, and its entry is kept.
    let mut changes = Vec::with_capacity(if old.is_none() { after.len() } else { 0 });
    // Fields that disappeared (an optional part removed).
    for (field, value) in &before {
        if !value.is_empty()
            && !after.iter().any(|(f, _)| f == field)
            && !BOOKKEEPING.contains(&field.as_str())
        {
            changes.push(FieldChange {
                field: field.clone(),
                old: value.clone(),
                new: String::new(),
            });
        }
    }
    // The new record's fields are moved, not copied: a new deal's entry lists every field.
    for (field, value) in after {
        let was = before
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if was != value && !BOOKKEEPING.contains(&field.as_str()) {
            changes.push(FieldChange {
                old: was.to_string(),
                field,
                new: value,
            });
        }
    }
    crate::domain::support::order::sort_by(&mut changes, |a, b| a.field.cmp(&b.field));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::referral_at;

    #[test]
    fn a_diff_names_each_changed_field_with_old_and_new_values() {
        let old = referral_at("contoso", "contoso-munich", &["a@contoso.example"]);
        let mut new = old.clone();
        new.name = "Renamed".into();
        new.details.deal_value = 2500.0;
        new.e_tag = "other".into();
        new.team.push(crate::domain::records::referral::Contact {
            name: "Lena".into(),
            phone: "+49 1".into(),
            email: "l@x.example".into(),
        });
        let changes = diff(Some(&old), &new);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["details.dealValue", "name", "team"]);
        assert_eq!(
            changes[1],
            FieldChange {
                field: "name".into(),
                old: old.name.clone(),
                new: "Renamed".into()
            }
        );
        assert_eq!(changes[2].new, "Team member, Lena");
    }

    #[test]
    fn every_action_has_its_own_label() {
        let labels: std::collections::HashSet<&str> =
            ActivityAction::ALL.iter().map(|a| a.label()).collect();
        assert_eq!(labels.len(), ActivityAction::ALL.len());
    }

    #[test]
    fn a_new_referral_lists_its_fields() {
        let new = referral_at("contoso", "contoso-munich", &[]);
        let changes = diff(None, &new);
        assert!(changes
            .iter()
            .any(|c| c.field == "name" && c.old.is_empty() && c.new == new.name));
        assert!(changes.iter().any(|c| c.field == "customerProfile.name"));
        assert!(!changes.iter().any(|c| c.field == "eTag"));
    }
}
