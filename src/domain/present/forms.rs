//! The forms behind the deal page's actions (SPEC §6, §7), as data.
//!
//! Each action that needs input is a [`Form`]: its dialog name, submit button, fields and
//! their first values. [`command`] turns what was typed into the [`Command`] to decide, or
//! into field errors for text that does not parse. The page renders every form with one
//! component, so a new action adds rules here, not view code.

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::deal::commands::{Command, DealDetailsInput};
use crate::domain::deal::rules::Action;
use crate::domain::deal::validation::{self as v, FieldError, MessageKey, Problems};
use crate::domain::present::format;
use crate::domain::present::wizard::parse_date;
use crate::domain::records::directory::{ReferenceData, User};
use crate::domain::records::referral::{
    Contact, DeclineReason, HelpType, LossReason, Referral, SolutionKind,
};
use crate::domain::records::registration::{ContractType, RegistrationForm};
use crate::domain::support::i18n::Text;
use crate::domain::support::instant::iso_date;
use crate::domain::support::locale::Locale;

/// How a field is entered.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text,
    Email,
    Phone,
    Date,
    Money,
    LongText,
    Check,
    /// One of (value, label).
    Select(Vec<(String, String)>),
    /// Any of (value, label); the value is the chosen values joined by commas.
    Multi(Vec<(String, String)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field's path in the command's validation errors.
    pub path: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub hint: &'static str,
}

/// The text of each field, by path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values(pub Vec<(&'static str, String)>);

impl Values {
    pub fn get(&self, path: &str) -> &str {
        self.0
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn set(&mut self, path: &'static str, value: String) {
        match self.0.iter_mut().find(|(p, _)| *p == path) {
            Some(slot) => slot.1 = value,
            None => self.0.push((path, value)),
        }
    }

    fn checked(&self, path: &str) -> bool {
        self.get(path) == "true"
    }
}

/// A dialog for one action.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub action: Action,
    /// The dialog's name, after the action.
    pub title: String,
    /// The submit button: **Confirm**, except where the reference has its own word.
    pub submit: &'static str,
    /// A sentence above the fields (what will happen), or empty.
    pub intro: String,
    pub fields: Vec<Field>,
    pub values: Values,
    /// Closes or ends something: the submit button is styled as a warning.
    pub danger: bool,
    /// The cancel button: **Cancel**, or **Register later** for the form a win opens.
    pub cancel: &'static str,
}

/// The registration form a win opens at once (SPEC §7): **Register later** closes it.
pub fn registration_after_win(
    referral: &Referral,
    directory: &ReferenceData,
    user: &User,
    now: DateTime<Utc>,
    locale: Locale,
) -> Option<Form> {
    form(
        Action::Register,
        referral,
        directory,
        user,
        now,
        false,
        locale,
    )
    .map(|f| Form {
        cancel: Text::RegisterLater.get(locale),
        ..f
    })
}

fn field(path: &'static str, label: &'static str, kind: Kind, required: bool) -> Field {
    Field {
        path,
        label,
        kind,
        required,
        hint: "",
    }
}

/// Options whose value is the English text (what the command reads) and whose label is in
/// `locale`.
fn options(locale: Locale, texts: impl IntoIterator<Item = Text>) -> Vec<(String, String)> {
    texts
        .into_iter()
        .map(|t| (t.get(Locale::En).to_string(), t.get(locale).to_string()))
        .collect()
}

fn details_fields(locale: Locale) -> Vec<Field> {
    let t = |x: Text| x.get(locale);
    vec![
        field("name", t(Text::ColumnDealName), Kind::Text, true),
        field("value", t(Text::LabelEstimatedValue), Kind::Money, true),
        field("currency", t(Text::LabelCurrency), Kind::Text, true),
        field("closeDate", t(Text::LabelCloseDate), Kind::Date, true),
        field("crmId", t(Text::LabelCrmId), Kind::Text, false),
        field("campaignId", t(Text::LabelCampaignId), Kind::Text, false),
        field("notes", t(Text::LabelNotes), Kind::LongText, false),
    ]
}

fn details_values(r: &Referral) -> Values {
    Values(vec![
        ("name", r.name.clone()),
        ("value", money_text(r.details.deal_value)),
        ("currency", r.details.currency.clone()),
        ("closeDate", format::date(r.details.closing_date_time)),
        // Not a field: the stored instant, kept when the date is left as it was.
        (
            "closeDateAt",
            crate::domain::support::instant::rfc3339(r.details.closing_date_time),
        ),
        ("crmId", r.external_reference_id.clone()),
        ("campaignId", r.marketing_campaign_id.clone()),
        ("notes", r.details.notes.clone()),
    ])
}

fn contact_fields(locale: Locale, prefix: &'static [&'static str; 3]) -> Vec<Field> {
    vec![
        field(prefix[0], Text::LabelName.get(locale), Kind::Text, true),
        field(prefix[1], Text::LabelPhone.get(locale), Kind::Phone, true),
        field(prefix[2], Text::LabelEmail.get(locale), Kind::Email, true),
    ]
}

const TEAM_0: [&str; 3] = ["team[0].name", "team[0].phone", "team[0].email"];
const MEMBER: [&str; 3] = ["member.name", "member.phone", "member.email"];
const CONTACT: [&str; 3] = ["contact.name", "contact.phone", "contact.email"];

fn money_text(value: f64) -> String {
    let cents = (value * 100.0).round() as i64;
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, cents % 100)
    }
}

fn today(now: DateTime<Utc>) -> String {
    format::date(now)
}

/// The solutions `referral`'s organisation may attach on the deal page: the assessments for a
/// solution assessment, every other solution otherwise (the kind is fixed at creation).
pub fn solution_options(data: &ReferenceData, referral: &Referral) -> Vec<(String, String)> {
    let assessment = referral.is_solution_assessment();
    data.solutions
        .iter()
        .filter(|s| (s.kind == SolutionKind::Assessment) == assessment)
        .map(|s| (s.id.clone(), format!("{} ({})", s.name, s.publisher)))
        .collect()
}

/// The form of `action` on `referral` in `locale`, or `None` when the action needs no input.
pub fn form(
    action: Action,
    referral: &Referral,
    data: &ReferenceData,
    user: &User,
    now: DateTime<Utc>,
    early_win: bool,
    locale: Locale,
) -> Option<Form> {
    let r = referral;
    let t = |x: Text| x.get(locale);
    let mut f = Form {
        action,
        title: action.label_in(locale),
        submit: t(Text::Confirm),
        intro: String::new(),
        fields: Vec::new(),
        values: Values::default(),
        danger: false,
        cancel: t(Text::Cancel),
    };
    match action {
        Action::Accept => {
            f.intro = t(Text::IntroAccept).into();
            f.fields = details_fields(locale);
            // Own contacts are optional (SPEC §6): cleared, the accepting user is the team.
            f.fields
                .extend(contact_fields(locale, &TEAM_0).into_iter().map(|x| Field {
                    required: false,
                    ..x
                }));
            f.values = details_values(r);
            f.values.0.extend([
                ("team[0].name", user.display_name.clone()),
                ("team[0].phone", user.phone.clone()),
                ("team[0].email", user.email.clone()),
            ]);
        }
        Action::Decline => {
            f.submit = t(Text::CloseDeal);
            f.danger = true;
            f.intro = t(Text::IntroDecline).into();
            f.fields = vec![
                field(
                    "reason",
                    t(Text::LabelReason),
                    Kind::Select(options(locale, DeclineReason::ALL.map(DeclineReason::text))),
                    true,
                ),
                field("notes", t(Text::LabelNotes), Kind::LongText, false),
            ];
        }
        Action::Edit => {
            f.submit = t(Text::Save);
            f.fields = details_fields(locale);
            f.values = details_values(r);
        }
        Action::AddTeamMember => {
            f.fields = contact_fields(locale, &MEMBER);
        }
        Action::EditSolutions => {
            f.fields = vec![field(
                "solutions",
                t(Text::LabelSolutions),
                Kind::Multi(solution_options(data, r)),
                true,
            )];
            f.values = Values(vec![(
                "solutions",
                r.details
                    .requirements
                    .solutions
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            )]);
        }
        Action::InviteMicrosoft => {
            f.intro = t(Text::IntroInviteMicrosoft).into();
            f.fields = vec![field(
                "helpType",
                t(Text::LabelHelpType),
                Kind::Select(options(locale, HelpType::ALL[1..].iter().map(|h| h.text()))),
                true,
            )];
            f.fields.extend([
                field("contact.name", t(Text::LabelContactName), Kind::Text, true),
                field(
                    "contact.phone",
                    t(Text::LabelContactPhone),
                    Kind::Phone,
                    true,
                ),
                field(
                    "contact.email",
                    t(Text::LabelContactEmail),
                    Kind::Email,
                    true,
                ),
            ]);
            let c = r.customer_profile.contact.clone().unwrap_or_default();
            f.values = Values(vec![
                ("contact.name", c.name),
                ("contact.phone", c.phone),
                ("contact.email", c.email),
            ]);
        }
        Action::AllowMicrosoftView => {
            f.intro = t(Text::IntroAllowView).into();
        }
        Action::MarkWon if early_win => {
            f.intro = t(Text::IntroEarlyWin).into();
        }
        Action::MarkLost => {
            f.danger = true;
            f.intro = t(Text::IntroLost).into();
            f.fields = vec![
                field(
                    "reason",
                    t(Text::LabelReason),
                    Kind::Select(options(locale, LossReason::ALL.map(LossReason::text))),
                    true,
                ),
                field("notes", t(Text::LabelNotes), Kind::LongText, false),
            ];
        }
        Action::Register | Action::Resubmit => {
            f.submit = t(Text::SubmitRegistration);
            f.intro = t(Text::RegisterWarning).into();
            f.fields = vec![
                field(
                    "contractType",
                    t(Text::LabelContractType),
                    Kind::Select(options(locale, [Text::ContractNew, Text::ContractRenewal])),
                    true,
                ),
                field(
                    "totalContractValue",
                    t(Text::LabelTotalContractValue),
                    Kind::Money,
                    true,
                ),
                field("currency", t(Text::LabelCurrency), Kind::Text, true),
                field(
                    "solutionValue",
                    t(Text::LabelSolutionValue),
                    Kind::Money,
                    true,
                ),
                field("signedDate", t(Text::LabelSignedDate), Kind::Date, true),
                field(
                    "contractStartDate",
                    t(Text::LabelContractStart),
                    Kind::Date,
                    true,
                ),
                Field {
                    hint: t(Text::HintEvergreen),
                    ..field(
                        "contractEndDate",
                        t(Text::LabelContractEnd),
                        Kind::Date,
                        false,
                    )
                },
                field("evergreen", t(Text::LabelEvergreen), Kind::Check, false),
                field(
                    "contactEmail",
                    t(Text::LabelRegistrationEmail),
                    Kind::Email,
                    true,
                ),
            ];
            f.values = match r.registration.as_ref().map(|x| &x.form) {
                Some(old) => Values(vec![
                    (
                        "contractType",
                        if old.contract_type == ContractType::New {
                            "New"
                        } else {
                            "Renewal"
                        }
                        .into(),
                    ),
                    ("totalContractValue", money_text(old.total_contract_value)),
                    ("currency", old.currency.clone()),
                    ("solutionValue", money_text(old.solution_value)),
                    ("signedDate", iso_date(old.signed_date)),
                    ("contractStartDate", iso_date(old.contract_start_date)),
                    (
                        "contractEndDate",
                        old.contract_end_date.map(iso_date).unwrap_or_default(),
                    ),
                    ("evergreen", old.evergreen.to_string()),
                    ("contactEmail", old.contact_email.clone()),
                ]),
                None => Values(vec![
                    ("contractType", "New".into()),
                    ("totalContractValue", money_text(r.details.deal_value)),
                    ("currency", r.details.currency.clone()),
                    ("solutionValue", money_text(r.details.deal_value)),
                    ("signedDate", today(now)),
                    ("contractStartDate", today(now)),
                    ("contactEmail", user.email.clone()),
                ]),
            };
            if let Some(note) = r
                .registration
                .as_ref()
                .map(|x| x.validator_note.clone())
                .filter(|n| !n.is_empty())
            {
                f.intro = Text::IntroMicrosoftAsked.fill(locale, &[("note", &note)]);
            }
        }
        Action::RequestAction => {
            f.intro = t(Text::IntroRequestAction).into();
            f.fields = vec![field(
                "note",
                t(Text::LabelErrorToFix),
                Kind::LongText,
                true,
            )];
        }
        Action::Reject => {
            f.danger = true;
            f.intro = t(Text::IntroReject).into();
            f.fields = vec![field(
                "note",
                t(Text::LabelRejectionReason),
                Kind::LongText,
                true,
            )];
        }
        Action::AddSharedNote => {
            f.intro = t(Text::IntroSharedNote).into();
            f.fields = vec![field("text", t(Text::SharedNote), Kind::LongText, true)];
        }
        _ => return None,
    }
    Some(f)
}

fn amount(p: &mut Problems, path: &str, text: &str) -> f64 {
    v::parse_amount(text).unwrap_or_else(|k| {
        p.add(path, k);
        0.0
    })
}

fn date(p: &mut Problems, path: &str, text: &str) -> DateTime<Utc> {
    parse_date(text).unwrap_or_else(|k| {
        p.add(path, k);
        DateTime::<Utc>::MIN_UTC
    })
}

fn day(p: &mut Problems, path: &str, text: &str, required: bool) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        if required {
            p.add(path, MessageKey::Required);
        }
        return None;
    }
    let parsed = crate::domain::support::instant::parse_iso_date(text);
    if parsed.is_none() {
        p.add(path, MessageKey::InvalidDate);
    }
    parsed
}

fn contact(values: &Values, paths: &[&str; 3]) -> Contact {
    Contact {
        name: values.get(paths[0]).trim().into(),
        phone: values.get(paths[1]).trim().into(),
        email: values.get(paths[2]).trim().into(),
    }
}

fn details(p: &mut Problems, values: &Values) -> DealDetailsInput {
    DealDetailsInput {
        name: values.get("name").trim().into(),
        deal_value: amount(p, "value", values.get("value")),
        currency: values.get("currency").trim().to_ascii_uppercase(),
        closing_date_time: match crate::domain::support::instant::parse_rfc3339(
            values.get("closeDateAt"),
        ) {
            Some(at) if format::date(at) == values.get("closeDate").trim() => at,
            _ => date(p, "closeDate", values.get("closeDate")),
        },
        notes: values.get("notes").to_string(),
        crm_id: values.get("crmId").trim().into(),
        campaign_id: values.get("campaignId").trim().into(),
    }
}

/// The command `action` on `referral_id` asks for, built from what was typed. Text that does
/// not parse (an amount, a date, a missing choice) comes back as errors at its field; the
/// rules themselves are `decide`'s.
pub fn command(
    action: Action,
    referral_id: &str,
    values: &Values,
) -> Result<Command, Vec<FieldError>> {
    let mut p = Problems::default();
    let id = referral_id.to_string();
    let command = match action {
        Action::Accept => Command::Accept {
            referral_id: id,
            details: details(&mut p, values),
            team: Some(contact(values, &TEAM_0))
                .filter(|c| !(c.name.is_empty() && c.phone.is_empty() && c.email.is_empty()))
                .into_iter()
                .collect(),
        },
        Action::Decline => {
            let reason = DeclineReason::ALL
                .into_iter()
                .find(|r| r.label() == values.get("reason"));
            if reason.is_none() {
                p.add("reason", MessageKey::Required);
            }
            Command::Decline {
                referral_id: id,
                reason: reason.unwrap_or(DeclineReason::Other),
                notes: values.get("notes").trim().into(),
            }
        }
        Action::Edit => Command::EditDetails {
            referral_id: id,
            details: details(&mut p, values),
            location: None,
        },
        Action::AddTeamMember => Command::AddTeamMember {
            referral_id: id,
            member: contact(values, &MEMBER),
        },
        Action::EditSolutions => Command::EditSolutions {
            referral_id: id,
            solution_ids: values
                .get("solutions")
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        },
        Action::InviteMicrosoft => {
            let help = HelpType::ALL[1..]
                .iter()
                .copied()
                .find(|h| h.label() == values.get("helpType"));
            if help.is_none() {
                p.add("helpType", MessageKey::HelpTypeRequired);
            }
            Command::InviteMicrosoft {
                referral_id: id,
                help_type: help.unwrap_or(HelpType::GeneralOrOther),
                contact: Some(contact(values, &CONTACT)),
            }
        }
        Action::AllowMicrosoftView => Command::AllowMicrosoftView { referral_id: id },
        Action::MarkStage(stage) => Command::MarkStage {
            referral_id: id,
            stage,
        },
        // Reached through the form only when the 72-hour question was asked and answered.
        Action::MarkWon => Command::MarkWon {
            referral_id: id,
            confirm_early: true,
        },
        Action::MarkLost => {
            let reason = LossReason::ALL
                .into_iter()
                .find(|r| r.label() == values.get("reason"));
            if reason.is_none() {
                p.add("reason", MessageKey::Required);
            }
            Command::MarkLost {
                referral_id: id,
                reason: reason.unwrap_or(LossReason::Other),
                notes: values.get("notes").trim().into(),
            }
        }
        Action::Register | Action::Resubmit => {
            let form = RegistrationForm {
                contract_type: if values.get("contractType") == "Renewal" {
                    ContractType::Renewal
                } else {
                    ContractType::New
                },
                total_contract_value: amount(
                    &mut p,
                    "totalContractValue",
                    values.get("totalContractValue"),
                ),
                currency: values.get("currency").trim().to_ascii_uppercase(),
                solution_value: amount(&mut p, "solutionValue", values.get("solutionValue")),
                signed_date: day(&mut p, "signedDate", values.get("signedDate"), true)
                    .unwrap_or_default(),
                contract_start_date: day(
                    &mut p,
                    "contractStartDate",
                    values.get("contractStartDate"),
                    true,
                )
                .unwrap_or_default(),
                contract_end_date: day(
                    &mut p,
                    "contractEndDate",
                    values.get("contractEndDate"),
                    false,
                ),
                evergreen: values.checked("evergreen"),
                contact_email: values.get("contactEmail").trim().into(),
            };
            if p.is_empty() {
                form.validate()?;
            }
            if action == Action::Register {
                Command::Register {
                    referral_id: id,
                    form,
                }
            } else {
                Command::Resubmit {
                    referral_id: id,
                    form,
                }
            }
        }
        Action::StartReview => Command::StartReview { referral_id: id },
        Action::Approve => Command::ApproveRegistration { referral_id: id },
        Action::RequestAction | Action::Reject => {
            let note = values.get("note").trim().to_string();
            if note.is_empty() {
                p.add("note", MessageKey::Required);
            }
            if action == Action::Reject {
                Command::RejectRegistration {
                    referral_id: id,
                    note,
                }
            } else {
                Command::RequestAction {
                    referral_id: id,
                    note,
                }
            }
        }
        Action::AddSharedNote => Command::AddSharedNote {
            referral_id: id,
            text: values.get("text").trim().into(),
        },
        Action::Expire => Command::Expire { referral_id: id },
        // Removing names its member and inviting a partner has its own dialog.
        Action::RemoveTeamMember | Action::InvitePartner => {
            p.add("", MessageKey::Required);
            Command::Expire { referral_id: id }
        }
    };
    p.into_result().map(|()| command)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::commands::{decide, CommandError};
    use crate::domain::deal::rules::allowed_actions;
    use crate::domain::exchange::Ctx;
    use crate::domain::records::referral::Substatus;
    use crate::domain::testing::rules_tests::{invitation, new_deal, World};

    /// Contoso's P2P deal with Fabrikam invited: Fabrikam's copy is Received.
    fn received(w: &mut World) -> Referral {
        let mut deal = new_deal("eng-f", HelpType::NoHelpRequired, true, w.now);
        deal.invitations = vec![invitation("fabrikam", w.now)];
        w.run("contoso-admin", Command::CreateDeal { deal })
            .unwrap();
        w.copy("eng-f", "fabrikam")
    }

    fn filled(form: &Form, extra: &[(&'static str, &str)]) -> Values {
        let mut values = form.values.clone();
        for (k, v) in extra {
            values.set(k, v.to_string());
        }
        values
    }

    #[test]
    fn every_allowed_action_has_a_form_or_runs_directly() {
        let mut w = World::new();
        let inbound = received(&mut w);
        let user = w.user("fabrikam-admin");
        let vendor = w.data.vendor().id.clone();
        for action in allowed_actions(&w.exchange, &vendor, &user, &inbound, w.now) {
            let form = form(action, &inbound, &w.data, &user, w.now, false, Locale::En);
            if let Some(f) = &form {
                assert!(!f.title.is_empty(), "{action:?}");
                for field in &f.fields {
                    assert!(
                        !field.label.is_empty() && !field.path.is_empty(),
                        "{action:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn accept_takes_no_contact_and_makes_the_user_the_team() {
        let mut w = World::new();
        let inbound = received(&mut w);
        let user = w.user("fabrikam-admin");
        let f = form(
            Action::Accept,
            &inbound,
            &w.data,
            &user,
            w.now,
            false,
            Locale::En,
        )
        .unwrap();
        assert!(f
            .fields
            .iter()
            .filter(|x| x.path.starts_with("team[0]"))
            .all(|x| !x.required));
        let cleared = filled(
            &f,
            &[
                ("team[0].name", ""),
                ("team[0].phone", ""),
                ("team[0].email", ""),
            ],
        );
        let Ok(Command::Accept { team, .. }) = command(Action::Accept, &inbound.id, &cleared)
        else {
            panic!("an accept command");
        };
        assert!(team.is_empty(), "no contact given");
    }

    #[test]
    fn accept_prefills_the_deal_and_the_user_and_decides() {
        let mut w = World::new();
        let inbound = received(&mut w);
        let user = w.user("fabrikam-admin");
        let f = form(
            Action::Accept,
            &inbound,
            &w.data,
            &user,
            w.now,
            false,
            Locale::En,
        )
        .unwrap();
        assert_eq!(f.values.get("name"), inbound.name);
        assert_eq!(f.values.get("team[0].email"), user.email);
        let cmd = command(
            Action::Accept,
            &inbound.id,
            &filled(&f, &[("team[0].phone", "+1 425 555 0100")]),
        )
        .unwrap();
        let outcome = decide(
            &cmd,
            Ctx {
                exchange: &w.exchange,
                directory: &w.data,
                user: &user,
                now: w.now,
            },
        )
        .unwrap();
        assert!(outcome
            .referrals
            .iter()
            .any(|x| x.referral.id == inbound.id && x.referral.substatus == Substatus::Accepted));
    }

    #[test]
    fn text_that_does_not_parse_is_an_error_at_its_field() {
        let mut w = World::new();
        let inbound = received(&mut w);
        let user = w.user("fabrikam-admin");
        let f = form(
            Action::Accept,
            &inbound,
            &w.data,
            &user,
            w.now,
            false,
            Locale::En,
        )
        .unwrap();
        let errors = command(
            Action::Accept,
            &inbound.id,
            &filled(&f, &[("value", "lots"), ("closeDate", "")]),
        )
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["value", "closeDate"]);
        let errors = command(Action::Decline, &inbound.id, &Values::default()).unwrap_err();
        assert_eq!(errors[0].field, "reason");
    }

    #[test]
    fn rule_errors_come_back_from_decide_at_the_form_paths() {
        let mut w = World::new();
        let inbound = received(&mut w);
        let user = w.user("fabrikam-admin");
        let f = form(
            Action::Accept,
            &inbound,
            &w.data,
            &user,
            w.now,
            false,
            Locale::En,
        )
        .unwrap();
        let cmd = command(
            Action::Accept,
            &inbound.id,
            &filled(&f, &[("name", " "), ("team[0].email", "nope")]),
        )
        .unwrap();
        let Err(CommandError::Invalid(errors)) = decide(
            &cmd,
            Ctx {
                exchange: &w.exchange,
                directory: &w.data,
                user: &user,
                now: w.now,
            },
        ) else {
            panic!("expected field errors");
        };
        let paths: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        for p in paths.iter() {
            assert!(
                f.fields.iter().any(|x| x.path == *p),
                "{p} is not a field of the Accept form"
            );
        }
        assert!(paths.contains(&"name") && paths.contains(&"team[0].email"));
    }

    #[test]
    fn the_registration_form_checks_dates_and_values() {
        let mut w = World::new();
        let inbound = received(&mut w);
        let user = w.user("fabrikam-admin");
        let f = form(
            Action::Register,
            &inbound,
            &w.data,
            &user,
            w.now,
            false,
            Locale::En,
        )
        .unwrap();
        assert_eq!(f.submit, "Submit registration");
        let errors = command(
            Action::Register,
            &inbound.id,
            &filled(&f, &[("contractEndDate", "")]),
        )
        .unwrap_err();
        assert_eq!(errors[0].field, "contractEndDate");
        let ok = command(
            Action::Register,
            &inbound.id,
            &filled(&f, &[("evergreen", "true")]),
        );
        assert!(matches!(ok, Ok(Command::Register { .. })));
        let errors = command(
            Action::Register,
            &inbound.id,
            &filled(&f, &[("evergreen", "true"), ("signedDate", "2026-13-40")]),
        )
        .unwrap_err();
        assert_eq!(errors[0].field, "signedDate");
        assert!(
            f.intro.contains("contract"),
            "the form warns before registering"
        );
        assert_eq!(f.cancel, "Cancel");
        let after_win =
            registration_after_win(&inbound, &w.data, &user, w.now, Locale::De).unwrap();
        assert_eq!(after_win.cancel, "Später registrieren");
        assert_eq!(
            after_win.fields.len(),
            form(
                Action::Register,
                &inbound,
                &w.data,
                &user,
                w.now,
                false,
                Locale::De
            )
            .unwrap()
            .fields
            .len()
        );
    }

    #[test]
    fn an_unchanged_close_date_keeps_its_instant_so_overdue_deals_stay_editable() {
        let mut w = World::new();
        let inbound = received(&mut w);
        let user = w.user("fabrikam-admin");
        let f = form(
            Action::Accept,
            &inbound,
            &w.data,
            &user,
            w.now,
            false,
            Locale::En,
        )
        .unwrap();
        let Ok(Command::Accept { details, .. }) = command(
            Action::Accept,
            &inbound.id,
            &filled(&f, &[("team[0].phone", "+1 425 555 0100")]),
        ) else {
            panic!("an accept command");
        };
        assert_eq!(details.closing_date_time, inbound.details.closing_date_time);
        let Ok(Command::Accept { details, .. }) = command(
            Action::Accept,
            &inbound.id,
            &filled(&f, &[("closeDate", "2030-01-02")]),
        ) else {
            panic!("an accept command");
        };
        assert_eq!(format::date(details.closing_date_time), "2030-01-02");
    }

    #[test]
    fn money_is_prefilled_without_float_noise() {
        assert_eq!(money_text(125_000.0), "125000");
        assert_eq!(money_text(99.5), "99.50");
    }
}
