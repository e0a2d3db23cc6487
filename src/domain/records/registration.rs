//! Deal registration (SPEC §7): eligibility with its reasons, the form, and its validation.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::exchange::Exchange;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;
use crate::domain::records::referral::{IncentiveProgram, Referral, SharingType, Substatus};
use crate::domain::deal::validation::{self, FieldError, MessageKey, Problems};

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

    /// How a new registration of `referral` starts: Microsoft validates it only when a
    /// registered solution is Azure IP co-sell; Business Applications alone are Registered.
    pub fn first_for(referral: &Referral) -> RegistrationStatus {
        let validated = referral
            .details
            .requirements
            .solutions
            .iter()
            .any(|s| s.incentive_program == IncentiveProgram::AzureIpCoSell);
        if validated {
            RegistrationStatus::Submitted
        } else {
            RegistrationStatus::Registered
        }
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

impl RegistrationForm {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut p = Problems::default();
        p.check(
            "totalContractValue",
            validation::amount(self.total_contract_value),
        );
        p.check("solutionValue", validation::amount(self.solution_value));
        if self.solution_value > self.total_contract_value {
            p.add("solutionValue", MessageKey::SolutionValueAboveTotal);
        }
        p.check("currency", validation::currency(&self.currency));
        if self.contract_start_date < self.signed_date {
            p.add("contractStartDate", MessageKey::StartBeforeSigned);
        }
        match (self.contract_end_date, self.evergreen) {
            (Some(end), _) if end <= self.contract_start_date => {
                p.add("contractEndDate", MessageKey::EndBeforeStart)
            }
            (None, false) => p.add("contractEndDate", MessageKey::EndOrEvergreen),
            _ => {}
        }
        p.check("contactEmail", validation::email(&self.contact_email));
        p.into_result()
    }
}

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

/// One condition of registration eligibility (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criterion {
    /// Co-sell or Partner-led; never Private or a solution assessment.
    CoSellOrPartnerLed,
    /// At least one solution in an incentive program.
    IncentiveEligibleSolution,
    /// The deal is won.
    Won,
    /// For Co-sell: Microsoft accepted the invitation or marked the deal won.
    MicrosoftAccepted,
}

wire_names!(Criterion {
    CoSellOrPartnerLed => "CoSellOrPartnerLed",
    IncentiveEligibleSolution => "IncentiveEligibleSolution",
    Won => "Won",
    MicrosoftAccepted => "MicrosoftAccepted",
});

impl Criterion {
    pub const ALL: [Criterion; 4] = [
        Criterion::CoSellOrPartnerLed,
        Criterion::IncentiveEligibleSolution,
        Criterion::Won,
        Criterion::MicrosoftAccepted,
    ];

    pub fn text(self) -> Text {
        match self {
            Criterion::CoSellOrPartnerLed => Text::CriterionType,
            Criterion::IncentiveEligibleSolution => Text::CriterionIncentive,
            Criterion::Won => Text::CriterionWon,
            Criterion::MicrosoftAccepted => Text::CriterionMicrosoft,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

/// Each criterion and whether this deal meets it, for the eligibility explainer.
/// `vendor_id` is Microsoft's organisation id in the directory.
pub fn eligibility(
    exchange: &Exchange,
    vendor_id: &str,
    referral: &Referral,
) -> Vec<(Criterion, bool)> {
    let type_ok = matches!(
        referral.sharing,
        SharingType::CoSell | SharingType::PartnerLed
    ) && !referral.is_solution_assessment();
    let incentive = referral
        .details
        .requirements
        .solutions
        .iter()
        .any(|s| s.incentive_program.is_incentive_eligible());
    let won = referral.substatus == Substatus::Won;
    // Microsoft accepted at some point: its copy has an accepted time (set when its seller
    // accepted, when Microsoft created the deal, or marked it won), whatever its status now.
    let microsoft = referral.sharing != SharingType::CoSell
        || exchange
            .engagement(&referral.engagement_id)
            .any(|r| r.organization_id == vendor_id && r.accepted_date_time.is_some());
    vec![
        (Criterion::CoSellOrPartnerLed, type_ok),
        (Criterion::IncentiveEligibleSolution, incentive),
        (Criterion::Won, won),
        (Criterion::MicrosoftAccepted, microsoft),
    ]
}

/// Whether every criterion holds.
pub fn is_eligible(exchange: &Exchange, vendor_id: &str, referral: &Referral) -> bool {
    eligibility(exchange, vendor_id, referral)
        .iter()
        .all(|(_, met)| *met)
}

/// Whether the deal would be eligible once won: the 72-hour guard applies to these.
pub fn eligible_when_won(exchange: &Exchange, vendor_id: &str, referral: &Referral) -> bool {
    eligibility(exchange, vendor_id, referral)
        .iter()
        .all(|(c, met)| *c == Criterion::Won || *met)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_and_statuses_read_distinctly_and_validation_ends_with_approval_or_rejection() {
        let labels: std::collections::HashSet<&str> =
            Criterion::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(labels.len(), 4);
        use RegistrationStatus::*;
        let all = [Submitted, InReview, Approved, ActionRequired, Rejected];
        let labels: std::collections::HashSet<&str> = all.iter().map(|s| s.label()).collect();
        assert_eq!(labels.len(), 5);
        assert_eq!(
            all.iter()
                .filter(|s| s.is_final())
                .copied()
                .collect::<Vec<_>>(),
            [Approved, Rejected]
        );
        assert_eq!(
            all.iter()
                .filter(|s| s.awaits_validator())
                .copied()
                .collect::<Vec<_>>(),
            [Submitted, InReview]
        );
    }

    #[test]
    fn an_evergreen_contract_needs_no_end_date_but_an_end_date_must_follow_the_start() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let mut form = RegistrationForm {
            contract_type: ContractType::New,
            total_contract_value: 10.0,
            currency: "EUR".into(),
            solution_value: 10.0,
            signed_date: day,
            contract_start_date: day,
            contract_end_date: None,
            evergreen: true,
            contact_email: "a@b.example".into(),
        };
        assert_eq!(form.validate(), Ok(()));
        form.contract_end_date = Some(day);
        assert_eq!(
            form.validate().unwrap_err()[0].key,
            MessageKey::EndBeforeStart
        );
        form.contact_email = "nope".into();
        form.currency = "XXX".into();
        let keys: Vec<MessageKey> = form
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.key)
            .collect();
        assert_eq!(
            keys,
            [
                MessageKey::InvalidCurrency,
                MessageKey::EndBeforeStart,
                MessageKey::InvalidEmail
            ]
        );
    }
}
