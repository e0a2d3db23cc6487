//! Field validation (SPEC §5, §7): typed, field-addressed errors with message keys, so the
//! UI shows each error next to its field in the user's language.

use crate::domain::records::registration::RegistrationForm;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::records::referral::Contact;

/// At most this many team members and solutions per deal (SPEC §2).
pub const MAX_TEAM: usize = 50;
pub const MAX_SOLUTIONS: usize = 50;
/// The longest free text (a deal's name and notes, the customer's name and address, a shared
/// note, the names in an organisation's set-up): a pasted megabyte is refused at its field
/// rather than stored, synced and exported.
pub const MAX_TEXT: usize = 2000;

/// What is wrong with a field, as a key the UI translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKey {
    Required,
    InvalidEmail,
    InvalidPhone,
    NegativeValue,
    TooManyDecimals,
    NotANumber,
    InvalidCurrency,
    DateInPast,
    InvalidDate,
    InvalidDuns,
    TooManyTeamMembers,
    TooManySolutions,
    AtLeastOneTeamMember,
    AtLeastOneSolution,
    UnknownSolution,
    DuplicateSolution,
    AssessmentNeedsExactlyOne,
    AssessmentExcludesOtherSolutions,
    AssessmentLocationRequired,
    AssessmentsNotAllowed,
    UnknownLocation,
    LocationImmutable,
    UnknownPartner,
    CannotInviteOwnOrganization,
    PartnerAlreadyInvited,
    ContactRequiredForHelp,
    StartBeforeSigned,
    EndBeforeStart,
    EndOrEvergreen,
    SolutionValueAboveTotal,
    UnknownOrganization,
    AlreadyOnTeam,
    NotOnTeam,
    AssessmentKindFixed,
    /// A solution assessment keeps the assessment it was created for.
    AssessmentSolutionFixed,
    HelpTypeRequired,
    /// The deal changed in another tab or window while the form was open.
    ChangedElsewhere,
    EmailTaken,
    AtLeastOneLocation,
    InvalidCountry,
    LocationExists,
    SolutionExists,
    /// A text beyond its limit (a shared note).
    TooLong,
}

wire_names!(MessageKey {
    Required => "required",
    InvalidEmail => "invalidEmail",
    InvalidPhone => "invalidPhone",
    NegativeValue => "negativeValue",
    TooManyDecimals => "tooManyDecimals",
    NotANumber => "notANumber",
    InvalidCurrency => "invalidCurrency",
    DateInPast => "dateInPast",
    InvalidDate => "invalidDate",
    InvalidDuns => "invalidDuns",
    TooManyTeamMembers => "tooManyTeamMembers",
    TooManySolutions => "tooManySolutions",
    AtLeastOneTeamMember => "atLeastOneTeamMember",
    AtLeastOneSolution => "atLeastOneSolution",
    UnknownSolution => "unknownSolution",
    DuplicateSolution => "duplicateSolution",
    AssessmentNeedsExactlyOne => "assessmentNeedsExactlyOne",
    AssessmentExcludesOtherSolutions => "assessmentExcludesOtherSolutions",
    AssessmentLocationRequired => "assessmentLocationRequired",
    AssessmentsNotAllowed => "assessmentsNotAllowed",
    UnknownLocation => "unknownLocation",
    LocationImmutable => "locationImmutable",
    UnknownPartner => "unknownPartner",
    CannotInviteOwnOrganization => "cannotInviteOwnOrganization",
    PartnerAlreadyInvited => "partnerAlreadyInvited",
    ContactRequiredForHelp => "contactRequiredForHelp",
    StartBeforeSigned => "startBeforeSigned",
    EndBeforeStart => "endBeforeStart",
    EndOrEvergreen => "endOrEvergreen",
    SolutionValueAboveTotal => "solutionValueAboveTotal",
    UnknownOrganization => "unknownOrganization",
    AlreadyOnTeam => "alreadyOnTeam",
    NotOnTeam => "notOnTeam",
    AssessmentKindFixed => "assessmentKindFixed",
    AssessmentSolutionFixed => "assessmentSolutionFixed",
    HelpTypeRequired => "helpTypeRequired",
    ChangedElsewhere => "changedElsewhere",
    EmailTaken => "emailTaken",
    AtLeastOneLocation => "atLeastOneLocation",
    InvalidCountry => "invalidCountry",
    LocationExists => "locationExists",
    SolutionExists => "solutionExists",
    TooLong => "tooLong",
});

impl MessageKey {
    /// Every key: each needs a message in every language.
    pub const ALL: [MessageKey; 42] = [
        MessageKey::EmailTaken,
        MessageKey::AtLeastOneLocation,
        MessageKey::InvalidCountry,
        MessageKey::LocationExists,
        MessageKey::SolutionExists,
        MessageKey::Required,
        MessageKey::InvalidEmail,
        MessageKey::InvalidPhone,
        MessageKey::NegativeValue,
        MessageKey::TooManyDecimals,
        MessageKey::NotANumber,
        MessageKey::InvalidCurrency,
        MessageKey::DateInPast,
        MessageKey::InvalidDuns,
        MessageKey::TooManyTeamMembers,
        MessageKey::TooManySolutions,
        MessageKey::AtLeastOneTeamMember,
        MessageKey::AtLeastOneSolution,
        MessageKey::UnknownSolution,
        MessageKey::DuplicateSolution,
        MessageKey::AssessmentNeedsExactlyOne,
        MessageKey::AssessmentExcludesOtherSolutions,
        MessageKey::AssessmentLocationRequired,
        MessageKey::AssessmentsNotAllowed,
        MessageKey::UnknownLocation,
        MessageKey::LocationImmutable,
        MessageKey::UnknownPartner,
        MessageKey::CannotInviteOwnOrganization,
        MessageKey::PartnerAlreadyInvited,
        MessageKey::ContactRequiredForHelp,
        MessageKey::StartBeforeSigned,
        MessageKey::EndBeforeStart,
        MessageKey::EndOrEvergreen,
        MessageKey::SolutionValueAboveTotal,
        MessageKey::UnknownOrganization,
        MessageKey::AlreadyOnTeam,
        MessageKey::NotOnTeam,
        MessageKey::AssessmentKindFixed,
        MessageKey::AssessmentSolutionFixed,
        MessageKey::HelpTypeRequired,
        MessageKey::ChangedElsewhere,
        MessageKey::TooLong,
    ];

    /// The message in `locale`.
    pub fn text(self) -> crate::domain::support::i18n::Text {
        use crate::domain::support::i18n::Text;
        use MessageKey::*;
        match self {
            Required => Text::ErrRequired,
            InvalidEmail => Text::ErrInvalidEmail,
            InvalidPhone => Text::ErrInvalidPhone,
            NegativeValue => Text::ErrNegativeValue,
            TooManyDecimals => Text::ErrTooManyDecimals,
            NotANumber => Text::ErrNotANumber,
            InvalidCurrency => Text::ErrInvalidCurrency,
            DateInPast => Text::ErrDateInPast,
            InvalidDate => Text::ErrInvalidDate,
            InvalidDuns => Text::ErrInvalidDuns,
            TooManyTeamMembers => Text::ErrTooManyTeamMembers,
            TooManySolutions => Text::ErrTooManySolutions,
            AtLeastOneTeamMember => Text::ErrAtLeastOneTeamMember,
            AtLeastOneSolution => Text::ErrAtLeastOneSolution,
            UnknownSolution => Text::ErrUnknownSolution,
            DuplicateSolution => Text::ErrDuplicateSolution,
            AssessmentNeedsExactlyOne => Text::ErrAssessmentNeedsExactlyOne,
            AssessmentExcludesOtherSolutions => Text::ErrAssessmentExcludesOtherSolutions,
            AssessmentLocationRequired => Text::ErrAssessmentLocationRequired,
            AssessmentsNotAllowed => Text::ErrAssessmentsNotAllowed,
            UnknownLocation => Text::ErrUnknownLocation,
            LocationImmutable => Text::ErrLocationImmutable,
            UnknownPartner => Text::ErrUnknownPartner,
            CannotInviteOwnOrganization => Text::ErrCannotInviteOwnOrganization,
            PartnerAlreadyInvited => Text::ErrPartnerAlreadyInvited,
            ContactRequiredForHelp => Text::ErrContactRequiredForHelp,
            StartBeforeSigned => Text::ErrStartBeforeSigned,
            EndBeforeStart => Text::ErrEndBeforeStart,
            EndOrEvergreen => Text::ErrEndOrEvergreen,
            SolutionValueAboveTotal => Text::ErrSolutionValueAboveTotal,
            UnknownOrganization => Text::ErrUnknownOrganization,
            AlreadyOnTeam => Text::ErrAlreadyOnTeam,
            NotOnTeam => Text::ErrNotOnTeam,
            AssessmentKindFixed => Text::ErrAssessmentKindFixed,
            AssessmentSolutionFixed => Text::ErrAssessmentSolutionFixed,
            HelpTypeRequired => Text::ErrHelpTypeRequired,
            ChangedElsewhere => Text::ErrChangedElsewhere,
            EmailTaken => Text::ErrEmailTaken,
            AtLeastOneLocation => Text::ErrAtLeastOneLocation,
            InvalidCountry => Text::ErrInvalidCountry,
            LocationExists => Text::ErrLocationExists,
            SolutionExists => Text::ErrSolutionExists,
            TooLong => Text::ErrTooLong,
        }
    }

    /// The English message.
    pub fn en(self) -> &'static str {
        self.text().get(crate::domain::support::locale::Locale::En)
    }
}

/// One field's problem. `field` is a path such as `team[1].email` or `invitations[0].partner`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub key: MessageKey,
}

json_record!(FieldError {
    field: "field" required,
    key: "key" required,
});

/// Collects the problems of a form.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: impl Into<String>, key: MessageKey) {
        self.0.push(FieldError {
            field: field.into(),
            key,
        });
    }

    pub fn check(&mut self, field: &str, result: Result<(), MessageKey>) {
        if let Err(key) = result {
            self.add(field, key);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// A person's name, phone and email, under `path` (`team[0]`, `member`, `contact`).
pub fn contact(p: &mut Problems, path: &str, c: &Contact) {
    p.check(&format!("{path}.name"), required(&c.name));
    p.check(&format!("{path}.phone"), phone(&c.phone));
    p.check(&format!("{path}.email"), email(&c.email));
}

/// Whether `member` can join `team`: a valid contact, not on it yet, and room for one more.
pub fn new_team_member(member: &Contact, team: &[Contact]) -> Result<(), Vec<FieldError>> {
    let mut p = Problems::default();
    contact(&mut p, "member", member);
    if team
        .iter()
        .any(|m| m.email.eq_ignore_ascii_case(member.email.trim()))
    {
        p.add("member.email", MessageKey::AlreadyOnTeam);
    }
    if team.len() >= MAX_TEAM {
        p.add("team", MessageKey::TooManyTeamMembers);
    }
    p.into_result()
}

pub fn required(value: &str) -> Result<(), MessageKey> {
    if value.trim().is_empty() {
        Err(MessageKey::Required)
    } else {
        at_most_max_text(value)
    }
}

/// Free text, given or not, of at most [`MAX_TEXT`] characters.
pub fn at_most_max_text(value: &str) -> Result<(), MessageKey> {
    if value.chars().count() > MAX_TEXT {
        Err(MessageKey::TooLong)
    } else {
        Ok(())
    }
}

/// A plausible email address: one `@`, a local part, a dotted domain, no spaces.
pub fn email(value: &str) -> Result<(), MessageKey> {
    let v = value.trim();
    required(v)?;
    let Some((local, domain)) = v.split_once('@') else {
        return Err(MessageKey::InvalidEmail);
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !v
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',');
    if ok {
        Ok(())
    } else {
        Err(MessageKey::InvalidEmail)
    }
}

/// A phone number: digits with optional leading `+`, spaces, dashes, dots, slashes and
/// parentheses; 6 to 20 digits.
pub fn phone(value: &str) -> Result<(), MessageKey> {
    let v = value.trim();
    required(v)?;
    let body = v.strip_prefix('+').unwrap_or(v);
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || " -./()".contains(c));
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if allowed && (6..=20).contains(&digits) {
        Ok(())
    } else {
        Err(MessageKey::InvalidPhone)
    }
}

/// The errors under `prefix` (e.g. `invitation.`), each named by its first field below it:
/// how a dialog that edits one part of a command shows the command's errors.
pub fn errors_under(errors: Vec<FieldError>, prefix: &str) -> Vec<FieldError> {
    errors
        .into_iter()
        .filter_map(|e| {
            let field = e.field.strip_prefix(prefix)?;
            Some(FieldError {
                field: field.split(['[', '.']).next().unwrap_or(field).to_string(),
                key: e.key,
            })
        })
        .collect()
}

/// A money amount: finite, at least 0, at most two decimals.
pub fn amount(value: f64) -> Result<(), MessageKey> {
    if !value.is_finite() {
        return Err(MessageKey::NotANumber);
    }
    if value < 0.0 {
        return Err(MessageKey::NegativeValue);
    }
    let cents = value * 100.0;
    if (cents - cents.round()).abs() > 1e-6 * cents.abs().max(1.0) {
        return Err(MessageKey::TooManyDecimals);
    }
    Ok(())
}

/// Parses what a user typed as an amount ("125000", "99.50", "1,250.5"), then checks it.
pub fn parse_amount(text: &str) -> Result<f64, MessageKey> {
    let t = text.trim().replace([',', ' ', '\u{a0}'], "");
    required(&t)?;
    if let Some((_, frac)) = t.split_once('.') {
        if frac.len() > 2 {
            return Err(MessageKey::TooManyDecimals);
        }
    }
    let value = match t.strip_prefix('-') {
        Some(rest) if parse_decimal(rest).is_some() => return Err(MessageKey::NegativeValue),
        _ => parse_decimal(&t).ok_or(MessageKey::NotANumber)?,
    };
    amount(value)?;
    Ok(value)
}

/// A plain decimal ("125000", "99.50", "+3", ".5"; no sign, exponent or separators) as the
/// nearest `f64` (`support::decimal`), or `None`. Up to 15 significant digits are taken;
/// more are refused.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let t = text.strip_prefix('+').unwrap_or(text);
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if (whole.is_empty() && frac.is_empty()) || frac.len() > 22 {
        return None;
    }
    let mut significant = 0;
    for c in whole.chars().chain(frac.chars()) {
        let d = c.to_digit(10)?;
        if significant == 0 && d == 0 {
            continue;
        }
        significant += 1;
        if significant > 15 {
            return None;
        }
    }
    crate::domain::support::decimal::parse_f64(t)
}

/// ISO 4217 codes of currencies in use.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP \
BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD \
HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL \
MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB \
RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS \
VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG";

pub fn currency(code: &str) -> Result<(), MessageKey> {
    let c = code.trim();
    if c.len() == 3 && ISO_4217.split_whitespace().any(|x| x == c) {
        Ok(())
    } else {
        Err(MessageKey::InvalidCurrency)
    }
}

/// A date on or after today (in UTC).
pub fn not_in_past(date: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), MessageKey> {
    if date.date_naive() < now.date_naive() {
        Err(MessageKey::DateInPast)
    } else {
        Ok(())
    }
}

/// A date (without time) on or after today.
pub fn day_not_in_past(date: NaiveDate, now: DateTime<Utc>) -> Result<(), MessageKey> {
    if date < now.date_naive() {
        Err(MessageKey::DateInPast)
    } else {
        Ok(())
    }
}

/// A DUNS number: exactly nine digits.
pub fn duns(value: &str) -> Result<(), MessageKey> {
    let v = value.trim();
    if v.len() == 9 && v.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(MessageKey::InvalidDuns)
    }
}

/// A registration form is complete and consistent before it is submitted.
impl RegistrationForm {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut p = Problems::default();
        p.check("totalContractValue", amount(self.total_contract_value));
        p.check("solutionValue", amount(self.solution_value));
        if self.solution_value > self.total_contract_value {
            p.add("solutionValue", MessageKey::SolutionValueAboveTotal);
        }
        p.check("currency", currency(&self.currency));
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
        p.check("contactEmail", email(&self.contact_email));
        p.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn emails() {
        for ok in ["a@b.co", "first.last+tag@sub.example.com"] {
            assert_eq!(email(ok), Ok(()), "{ok}");
        }
        assert_eq!(email(""), Err(MessageKey::Required));
        for bad in [
            "plain", "a@b", "@b.co", "a@@b.co", "a b@c.co", "a@.co", "a@b.co.", "<x>@b.co",
            "a@b..co",
        ] {
            assert_eq!(email(bad), Err(MessageKey::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for ok in ["+49 89 1234567", "(425) 555-0100", "0049/89.12345"] {
            assert_eq!(phone(ok), Ok(()), "{ok}");
        }
        assert_eq!(phone(" "), Err(MessageKey::Required));
        for bad in [
            "12345",
            "call me",
            "+49 89 12a4567",
            "123456789012345678901",
        ] {
            assert_eq!(phone(bad), Err(MessageKey::InvalidPhone), "{bad}");
        }
    }

    #[test]
    fn errors_under_a_prefix_are_named_by_their_first_field() {
        let e = |field: &str| FieldError {
            field: field.into(),
            key: MessageKey::Required,
        };
        let got = errors_under(
            vec![
                e("invitation.value"),
                e("invitation.team[0].email"),
                e("name"),
            ],
            "invitation.",
        );
        assert_eq!(got, vec![e("value"), e("team")]);
    }

    #[test]
    fn decimals_parse_to_the_same_f64_as_the_standard_parser() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let text = match seed % 4 {
                0 => format!("{}", seed % 1_000_000_000),
                1 => format!("{}.{:02}", seed % 100_000_000, seed % 100),
                2 => format!("{}.{}", seed % 1000, seed % 10_000_000),
                _ => format!(".{}", seed % 1000),
            };
            assert_eq!(
                parse_decimal(&text),
                Some(text.parse::<f64>().unwrap()),
                "{text}"
            );
        }
        for bad in [
            "",
            ".",
            "1.2.3",
            "1e5",
            "inf",
            "NaN",
            "-1",
            "1 000",
            "12a",
            "1234567890123456",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
        assert_eq!(parse_decimal("+7.5"), Some(7.5));
        assert_eq!(parse_decimal("000123.40"), Some(123.4));
    }

    #[test]
    fn amounts_are_not_negative_and_have_at_most_two_decimals() {
        assert_eq!(amount(0.0), Ok(()));
        assert_eq!(amount(1_250_000.5), Ok(()));
        assert_eq!(amount(99.99), Ok(()));
        assert_eq!(amount(-0.01), Err(MessageKey::NegativeValue));
        assert_eq!(amount(1.005), Err(MessageKey::TooManyDecimals));
        assert_eq!(amount(f64::NAN), Err(MessageKey::NotANumber));
        assert_eq!(parse_amount("1,250.50"), Ok(1250.5));
        assert_eq!(parse_amount("12.345"), Err(MessageKey::TooManyDecimals));
        assert_eq!(parse_amount("-5"), Err(MessageKey::NegativeValue));
        assert_eq!(parse_amount("lots"), Err(MessageKey::NotANumber));
        assert_eq!(parse_amount(""), Err(MessageKey::Required));
    }

    #[test]
    fn currencies_are_iso_4217() {
        assert_eq!(currency("EUR"), Ok(()));
        assert_eq!(currency("USD"), Ok(()));
        for bad in ["eur", "EURO", "XXX", "ABC", ""] {
            assert_eq!(currency(bad), Err(MessageKey::InvalidCurrency), "{bad}");
        }
    }

    #[test]
    fn dates_today_are_not_in_the_past() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 23, 59, 0).unwrap();
        assert_eq!(
            not_in_past(Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap(), now),
            Ok(())
        );
        assert_eq!(
            not_in_past(Utc.with_ymd_and_hms(2026, 11, 26, 23, 59, 59).unwrap(), now),
            Err(MessageKey::DateInPast)
        );
        assert_eq!(
            day_not_in_past(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now),
            Err(MessageKey::DateInPast)
        );
    }

    #[test]
    fn duns_has_nine_digits() {
        assert_eq!(duns("123456789"), Ok(()));
        for bad in ["12345678", "1234567890", "12345678a", ""] {
            assert_eq!(duns(bad), Err(MessageKey::InvalidDuns), "{bad}");
        }
    }

    #[test]
    fn every_message_key_has_its_own_english_sentence() {
        let texts: std::collections::HashSet<&str> =
            MessageKey::ALL.iter().map(|k| k.en()).collect();
        assert_eq!(
            texts.len(),
            MessageKey::ALL.len(),
            "two keys share a message"
        );
        assert!(MessageKey::ALL.iter().all(|k| k.en().ends_with('.')));
    }

    #[test]
    fn a_new_team_member_is_a_valid_contact_not_yet_on_the_team() {
        let lena = Contact {
            name: "Lena".into(),
            phone: "+49 89 1234567".into(),
            email: "lena@x.example".into(),
        };
        assert_eq!(new_team_member(&lena, &[]), Ok(()));
        let mut again = lena.clone();
        again.email = " LENA@x.example".into();
        let keys: Vec<(String, MessageKey)> = new_team_member(&again, std::slice::from_ref(&lena))
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.key))
            .collect();
        assert_eq!(
            keys,
            [("member.email".to_string(), MessageKey::AlreadyOnTeam)]
        );
        let blank = Contact::default();
        assert_eq!(new_team_member(&blank, &[]).unwrap_err().len(), 3);
    }

    #[test]
    fn problems_collect_field_paths() {
        let mut p = Problems::default();
        p.check("team[0].email", email("x"));
        p.check("name", required("ok"));
        assert_eq!(
            p.into_result(),
            Err(vec![FieldError {
                field: "team[0].email".into(),
                key: MessageKey::InvalidEmail
            }])
        );
    }
}
