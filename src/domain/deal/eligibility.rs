//! Deal registration eligibility (SPEC §7): the four criteria, whether a deal meets each,
//! and so whether it may be registered (or would be, once won).

use crate::domain::exchange::Exchange;
use crate::domain::records::referral::{IncentiveProgram, Referral, SharingType, Substatus};
use crate::domain::records::registration::RegistrationStatus;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

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

impl RegistrationStatus {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::validation::MessageKey;
    use crate::domain::records::registration::*;
    use chrono::NaiveDate;

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
