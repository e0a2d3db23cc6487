//! Why a deal was closed, in the reader's language (SPEC §6): the reason code with the
//! user's notes; a record stored before reasons had codes shows its stored text, translated
//! when it is one of Co-sell's own reasons.

use crate::domain::deal::response_window::RESPONSE_DAYS;
use crate::domain::records::referral::{DeclineReason, LossReason, ReasonCode, Referral};
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

impl Referral {
    /// Why the deal was closed, in `locale`, with the user's notes; `None` when it was not.
    /// Records stored before reasons had codes show their stored text.
    pub fn reason_in(&self, locale: Locale) -> Option<String> {
        match self.status_reason_code {
            Some(code) if self.status_reason_notes.trim().is_empty() => Some(code.text_in(locale)),
            Some(code) => Some(format!(
                "{}: {}",
                code.text_in(locale),
                self.status_reason_notes.trim()
            )),
            None if self.status_reason.is_empty() => None,
            None => Some(stored_reason_in(locale, &self.status_reason)),
        }
    }
}

impl ReasonCode {
    /// The reason in `locale`.
    pub fn text_in(self, locale: Locale) -> String {
        match self {
            ReasonCode::Declined(r) => r.text().get(locale).to_string(),
            ReasonCode::Lost(r) => r.text().get(locale).to_string(),
            ReasonCode::Expired => {
                Text::ExpiredReason.fill(locale, &[("days", &RESPONSE_DAYS.to_string())])
            }
        }
    }
}

/// A stored reason ("Customer unresponsive: budget moved to 2028") in `locale`: a reason the
/// forms offer (or the expiry's) is stored in English and shown translated; notes stay as typed.
fn stored_reason_in(locale: Locale, stored: &str) -> String {
    let (reason, notes) = match stored.split_once(": ") {
        Some((r, n)) => (r, Some(n)),
        None => (stored, None),
    };
    let expired = Text::ExpiredReason.fill(Locale::En, &[("days", &RESPONSE_DAYS.to_string())]);
    let known = if reason == expired {
        Some(Text::ExpiredReason.fill(locale, &[("days", &RESPONSE_DAYS.to_string())]))
    } else {
        DeclineReason::ALL
            .map(DeclineReason::text)
            .into_iter()
            .chain(LossReason::ALL.map(LossReason::text))
            .find(|t| t.get(Locale::En) == reason)
            .map(|t| t.get(locale).to_string())
    };
    match (known, notes) {
        (Some(r), Some(n)) => format!("{r}: {n}"),
        (Some(r), None) => r,
        (None, _) => stored.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_reasons_are_shown_in_the_readers_language_with_their_notes_as_typed() {
        assert_eq!(
            stored_reason_in(Locale::De, "Customer unresponsive: budget moved to 2028"),
            "Kunde reagiert nicht: budget moved to 2028"
        );
        assert_eq!(stored_reason_in(Locale::De, "No budget"), "Kein Budget");
        assert_eq!(
            stored_reason_in(Locale::De, "No answer within 14 days"),
            "Keine Antwort innerhalb von 14 Tagen"
        );
        assert_eq!(
            stored_reason_in(Locale::En, "No answer within 14 days"),
            "No answer within 14 days"
        );
        assert_eq!(
            stored_reason_in(Locale::De, "Went with a local reseller"),
            "Went with a local reseller",
            "free text stays"
        );
    }
}
