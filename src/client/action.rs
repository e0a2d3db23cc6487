//! How one user action ended: saved, invalid with messages for its fields, or refused with
//! a reason. Every form and button of the app gets one of these three, never a sentinel.

use crate::domain::deal::commands::CommandError;
use crate::domain::deal::validation::{FieldError, MessageKey};
use crate::domain::exchange::{Conflict, Outcome};
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;
use crate::store::StoreError;

/// The end of one user action.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    /// Decided and written.
    Saved,
    /// The input breaks a rule: each message belongs next to its field. Nothing was written.
    Invalid(Vec<FieldError>),
    /// Not saved, for the reason given (the app shows it as a notice). Nothing was written.
    Refused(Refusal),
}

/// Why an action was not saved although its input was complete.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The rules do not allow it now (the deal moved on, the user may not, …).
    Rule(CommandError),
    /// The deal or set-up was changed elsewhere (another tab) since it was decided.
    Conflict(Conflict),
    /// The store could not write it (full disk, storage gone).
    Store(StoreError),
}

impl Done {
    /// The outcome to write, or how the action ended when the domain refused it.
    pub fn of_decision(decided: Result<Outcome, CommandError>) -> Result<Outcome, Done> {
        match decided {
            Ok(outcome) => Ok(outcome),
            Err(CommandError::Invalid(errors)) => Err(Done::Invalid(errors)),
            Err(e) => Err(Done::Refused(Refusal::Rule(e))),
        }
    }

    /// How the action ended once the store answered.
    pub fn of_write(written: Result<(), StoreError>) -> Done {
        match written {
            Ok(()) => Done::Saved,
            Err(StoreError::Conflict(c)) => Done::Refused(Refusal::Conflict(c)),
            Err(e) => Done::Refused(Refusal::Store(e)),
        }
    }

    pub fn is_saved(&self) -> bool {
        matches!(self, Done::Saved)
    }

    /// The messages a form shows: its fields' errors, or, when the deal changed elsewhere
    /// while the form was open, that message for the whole form.
    pub fn form_errors(&self) -> Vec<FieldError> {
        match self {
            Done::Invalid(errors) => errors.clone(),
            Done::Refused(Refusal::Conflict(
                Conflict::StaleReferral { .. } | Conflict::StaleSetup,
            )) => vec![FieldError {
                field: "form".into(),
                key: MessageKey::ChangedElsewhere,
            }],
            _ => Vec::new(),
        }
    }
}

impl Refusal {
    /// The notice for the user, in `locale`: what was not saved, and why.
    pub fn notice(&self, locale: Locale) -> String {
        match self {
            Refusal::Rule(e) => Text::NothingChanged.fill(locale, &[("why", e.message(locale))]),
            Refusal::Conflict(c) => Text::NothingSaved.fill(locale, &[("why", &c.message(locale))]),
            Refusal::Store(e) => Text::SaveFailed.fill(locale, &[("error", &e.to_string())]),
        }
    }

    /// The reason alone, for notices that name their own subject ("… was not changed: …").
    pub fn reason(&self, locale: Locale) -> String {
        match self {
            Refusal::Rule(CommandError::Invalid(errors)) => errors
                .iter()
                .map(|x| x.key.text().get(locale))
                .collect::<Vec<_>>()
                .join(" "),
            Refusal::Rule(e) => e.message(locale).to_string(),
            Refusal::Conflict(c) => c.message(locale),
            Refusal::Store(e) => e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::rules::Refusal as Rule;

    #[test]
    fn a_refusal_by_the_rules_and_invalid_input_are_told_apart() {
        let invalid = vec![FieldError {
            field: "details.dealValue".into(),
            key: MessageKey::Required,
        }];
        assert_eq!(
            Done::of_decision(Err(CommandError::Invalid(invalid.clone()))),
            Err(Done::Invalid(invalid.clone()))
        );
        let refused = Done::of_decision(Err(CommandError::UnknownReferral)).unwrap_err();
        assert!(refused.form_errors().is_empty());
        let Done::Refused(why) = refused else {
            panic!("an unknown referral is a refusal, not a field error")
        };
        assert!(why
            .notice(Locale::En)
            .contains(Text::UnknownReferral.get(Locale::En)));
        assert_eq!(Done::Invalid(invalid.clone()).form_errors(), invalid);
        let Err(Done::Refused(closed)) = Done::of_decision(Err(Rule::Terminal.into())) else {
            panic!("a closed deal is a refusal")
        };
        assert_eq!(
            closed.reason(Locale::De),
            Rule::Terminal.text().get(Locale::De)
        );
    }

    #[test]
    fn a_change_made_elsewhere_is_shown_in_the_form_and_a_full_disk_as_a_notice() {
        let stale = Done::of_write(Err(StoreError::Conflict(Conflict::StaleSetup)));
        assert_eq!(stale.form_errors()[0].key, MessageKey::ChangedElsewhere);
        let full = Done::of_write(Err(StoreError::QuotaExceeded));
        assert!(full.form_errors().is_empty());
        let Done::Refused(why) = full else {
            panic!("a full disk is a refusal")
        };
        assert!(why.notice(Locale::En).contains("storage is full"));
        assert!(Done::of_write(Ok(())).is_saved());
    }
}
