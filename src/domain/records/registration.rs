//! A deal registration as stored (SPEC §7): the form the partner submits and Microsoft's answer.
//! Eligibility is a rule: `deal::eligibility`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContractType {
    New,
    Renewal,
}

wire_names!(ContractType {
    New => "New",
    Renewal => "Renewal",
});

/// Where a registration stands in Microsoft's validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationStatus {
    Submitted,
    InReview,
    Approved,
    ActionRequired,
    Rejected,
    /// Recorded with no review: no registered solution is Azure IP co-sell (SPEC §7).
    Registered,
}

wire_names!(RegistrationStatus {
    Submitted => "Submitted",
    InReview => "InReview",
    Approved => "Approved",
    ActionRequired => "ActionRequired",
    Rejected => "Rejected",
    Registered => "Registered",
});

impl RegistrationStatus {
    pub fn text(self) -> Text {
        match self {
            RegistrationStatus::Submitted => Text::RegSubmitted,
            RegistrationStatus::InReview => Text::RegInReview,
            RegistrationStatus::Approved => Text::RegApproved,
            RegistrationStatus::ActionRequired => Text::RegActionRequired,
            RegistrationStatus::Rejected => Text::RegRejected,
            RegistrationStatus::Registered => Text::RegRegistered,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }

    /// Validation has ended: the lifecycle shows Closed.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RegistrationStatus::Approved
                | RegistrationStatus::Rejected
                | RegistrationStatus::Registered
        )
    }

    /// Waiting for a Microsoft seller's decision.
    pub fn awaits_validator(self) -> bool {
        matches!(
            self,
            RegistrationStatus::Submitted | RegistrationStatus::InReview
        )
    }
}

/// What the partner enters to register a won deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationForm {
    pub contract_type: ContractType,
    pub total_contract_value: f64,
    pub currency: String,
    pub solution_value: f64,
    #[serde(with = "crate::domain::support::instant::date")]
    pub signed_date: NaiveDate,
    #[serde(with = "crate::domain::support::instant::date")]
    pub contract_start_date: NaiveDate,
    #[serde(
        with = "crate::domain::support::instant::date_opt",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub contract_end_date: Option<NaiveDate>,
    pub evergreen: bool,
    pub contact_email: String,
}

json_record!(RegistrationForm {
    contract_type: "contractType" required,
    total_contract_value: "totalContractValue" required,
    currency: "currency" required,
    solution_value: "solutionValue" required,
    signed_date: "signedDate" required,
    contract_start_date: "contractStartDate" required,
    contract_end_date: "contractEndDate" omit,
    evergreen: "evergreen" required,
    contact_email: "contactEmail" required,
});

/// A submitted registration and Microsoft's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DealRegistration {
    pub form: RegistrationForm,
    pub status: RegistrationStatus,
    #[serde(with = "crate::domain::support::instant::utc")]
    pub submitted_date_time: DateTime<Utc>,
    #[serde(
        with = "crate::domain::support::instant::utc_opt",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub decided_date_time: Option<DateTime<Utc>>,
    /// What the validator asks to fix, or why it was rejected.
    #[serde(default)]
    pub validator_note: String,
}

json_record!(DealRegistration {
    form: "form" required,
    status: "status" required,
    submitted_date_time: "submittedDateTime" required,
    decided_date_time: "decidedDateTime" omit,
    validator_note: "validatorNote" default,
});
