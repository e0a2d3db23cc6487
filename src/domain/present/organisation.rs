//! The Organisation page's model (SPEC §1, issue #9): each editor's fields and first values
//! and the admin command it makes back, and the page's words for roles, scopes, changes and
//! solution statuses. The rules it serves are `org::admin`.

use crate::domain::deal::validation::{MessageKey, Problems};
use crate::domain::org::admin::*;
use crate::domain::records::activity::FieldChange;
use crate::domain::records::directory::{LocationScope, Organization, ReferenceData, Role};
use crate::domain::records::org_setup::own_solutions;
use crate::domain::records::referral::IncentiveProgram;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

/// A user's roles for people, in `locale`: "MPN partner admin + Referral admin".
pub fn roles_label_in(locale: Locale, roles: &[Role]) -> String {
    match RoleChoice::of(roles) {
        Some(choice) => choice.text().get(locale).to_string(),
        None => roles
            .iter()
            .map(|r| r.text().get(locale))
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

/// A user's location scope for people: "Whole organisation" or the locations' names.
pub fn scope_label_in(locale: Locale, org: &Organization, scope: &LocationScope) -> String {
    match scope {
        LocationScope::Global => Text::WholeOrganisation.get(locale).to_string(),
        LocationScope::Locations(ids) => ids
            .iter()
            .map(|id| {
                org.locations
                    .iter()
                    .find(|l| &l.id == id)
                    .map(|l| l.label_in(locale))
                    .unwrap_or_else(|| id.clone())
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// One change of an organisation-wide activity entry, for people: the field's label and
/// the old and new values in `locale` (location ids as names, roles and programs translated).
pub fn change_line_in(locale: Locale, org: &Organization, change: &FieldChange) -> String {
    let scope = |v: &str| match v {
        "" => String::new(),
        "global" => Text::WholeOrganisation.get(locale).to_string(),
        ids => ids
            .split(", ")
            .map(|id| {
                org.locations
                    .iter()
                    .find(|l| l.id == id)
                    .map(|l| l.label_in(locale))
                    .unwrap_or_else(|| id.to_string())
            })
            .collect::<Vec<_>>()
            .join("; "),
    };
    let roles = |v: &str| {
        v.split(" + ")
            .map(|label| {
                [
                    Role::MpnPartnerAdmin,
                    Role::ReferralAdmin,
                    Role::ReferralUser,
                    Role::MicrosoftSeller,
                ]
                .into_iter()
                .find(|r| r.label() == label)
                .map(|r| r.text().get(locale))
                .unwrap_or(label)
            })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let program = |v: &str| {
        [
            IncentiveProgram::None,
            IncentiveProgram::AzureIpCoSell,
            IncentiveProgram::BusinessApplicationsPremium,
            IncentiveProgram::BusinessApplicationsStandard,
        ]
        .into_iter()
        .find(|p| p.label() == v)
        .map_or(v.to_string(), |p| p.text().get(locale).to_string())
    };
    let yes_no = |v: &str, yes: Text, no: Text| match v {
        "true" => yes.get(locale).to_string(),
        "false" => no.get(locale).to_string(),
        other => other.to_string(),
    };
    let language = |v: &str| Locale::from_tag(v).map_or(v.to_string(), |l| l.name().to_string());
    let (label, old, new) = match change.field.as_str() {
        "displayName" => (
            Text::LabelDisplayName,
            change.old.clone(),
            change.new.clone(),
        ),
        "email" => (Text::LabelEmail, change.old.clone(), change.new.clone()),
        "phone" => (Text::LabelPhone, change.old.clone(), change.new.clone()),
        "locale" => (
            Text::LabelEmailLanguage,
            language(&change.old),
            language(&change.new),
        ),
        "roles" => (Text::LabelRole, roles(&change.old), roles(&change.new)),
        "locationScope" => (
            Text::LabelLocationScope,
            scope(&change.old),
            scope(&change.new),
        ),
        "active" => (
            Text::ColumnState,
            yes_no(&change.old, Text::StateActive, Text::StateDeactivated),
            yes_no(&change.new, Text::StateActive, Text::StateDeactivated),
        ),
        "city" => (Text::LabelCity, change.old.clone(), change.new.clone()),
        "country" => (
            Text::LabelCountryCode,
            change.old.clone(),
            change.new.clone(),
        ),
        "contactEmail" => (
            Text::LabelAlertEmail,
            change.old.clone(),
            change.new.clone(),
        ),
        "location" => (Text::Location, change.old.clone(), change.new.clone()),
        "name" => (
            Text::LabelSolutionName,
            change.old.clone(),
            change.new.clone(),
        ),
        "incentiveProgram" => (
            Text::ColumnIncentive,
            program(&change.old),
            program(&change.new),
        ),
        "emailNotifications" => (
            Text::LabelEmailNotifications,
            yes_no(&change.old, Text::Yes, Text::No),
            yes_no(&change.new, Text::Yes, Text::No),
        ),
        _ => return format!("{}: {} → {}", change.field, change.old, change.new),
    };
    let shown = |v: String| if v.is_empty() { "—".to_string() } else { v };
    format!("{}: {} → {}", label.get(locale), shown(old), shown(new))
}

/// A solution's co-sell status, after its incentive program.
pub fn solution_status(program: IncentiveProgram) -> Text {
    match program {
        IncentiveProgram::None => Text::SolutionCoSellReady,
        IncentiveProgram::AzureIpCoSell => Text::SolutionAzureIpEligible,
        IncentiveProgram::BusinessApplicationsPremium
        | IncentiveProgram::BusinessApplicationsStandard => Text::SolutionBizAppsEligible,
    }
}

/// The editors of the Organisation page, as data for the app's one form dialog
/// (`domain::forms`' fields): what each shows and which command its values make.
use crate::domain::deal::validation::FieldError;
use crate::domain::present::forms::{Field, Kind, Values};

/// Which editor, and for what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editor {
    User(Option<String>),
    Location(Option<String>),
    Solution(Option<String>),
}

/// What a dialog shows: its name, fields and first values.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialog {
    pub title: String,
    pub fields: Vec<Field>,
    pub values: Values,
}

/// The value of the location scope's "whole organisation" choice.
pub const WHOLE: &str = "*";

fn field(path: &'static str, label: Text, kind: Kind, required: bool, locale: Locale) -> Field {
    Field {
        path,
        label: label.get(locale),
        kind,
        required,
        hint: "",
    }
}

/// The dialog of `editor` for `org` as `directory` has it now.
pub fn dialog(
    editor: &Editor,
    directory: &ReferenceData,
    org: &Organization,
    locale: Locale,
) -> Dialog {
    let t = |x: Text| x.get(locale).to_string();
    match editor {
        Editor::User(id) => {
            let user = id.as_deref().and_then(|id| directory.user(id));
            let scope_options = std::iter::once((WHOLE.to_string(), t(Text::WholeOrganisation)))
                .chain(
                    org.locations
                        .iter()
                        .map(|l| (l.id.clone(), l.label_in(locale))),
                )
                .collect();
            let roles = RoleChoice::ALL
                .iter()
                .map(|r| (r.wire_name().to_string(), t(r.text())))
                .collect();
            let languages = crate::domain::support::locale::Locale::ALL
                .iter()
                .map(|l| (l.tag().to_string(), l.name().to_string()))
                .collect();
            let values = match user {
                Some(u) => Values(vec![
                    ("displayName", u.display_name.clone()),
                    ("email", u.email.clone()),
                    ("phone", u.phone.clone()),
                    (
                        "role",
                        RoleChoice::of(&u.roles)
                            .map(|r| r.wire_name().to_string())
                            .unwrap_or_default(),
                    ),
                    (
                        "locationScope",
                        match &u.location_scope {
                            LocationScope::Global => WHOLE.to_string(),
                            LocationScope::Locations(ids) => ids.join(","),
                        },
                    ),
                    ("locale", u.locale.clone()),
                ]),
                None => Values(vec![
                    ("role", RoleChoice::ReferralUser.wire_name().to_string()),
                    ("locale", locale.tag().to_string()),
                ]),
            };
            Dialog {
                title: t(if user.is_some() {
                    Text::EditUser
                } else {
                    Text::AddUser
                }),
                fields: vec![
                    field(
                        "displayName",
                        Text::LabelDisplayName,
                        Kind::Text,
                        true,
                        locale,
                    ),
                    field("email", Text::LabelEmail, Kind::Email, true, locale),
                    field("phone", Text::LabelPhone, Kind::Phone, false, locale),
                    field("role", Text::LabelRole, Kind::Select(roles), true, locale),
                    field(
                        "locationScope",
                        Text::LabelLocationScope,
                        Kind::Multi(scope_options),
                        true,
                        locale,
                    ),
                    field(
                        "locale",
                        Text::LabelEmailLanguage,
                        Kind::Select(languages),
                        true,
                        locale,
                    ),
                ],
                values,
            }
        }
        Editor::Location(id) => {
            let location = id
                .as_deref()
                .and_then(|id| org.locations.iter().find(|l| l.id == id));
            let values = location
                .map(|l| {
                    Values(vec![
                        ("city", l.city.clone()),
                        ("country", l.country.clone()),
                        ("contactEmail", l.contact_email.clone()),
                    ])
                })
                .unwrap_or_default();
            let mut country = field("country", Text::LabelCountryCode, Kind::Text, true, locale);
            country.hint = Text::CountryCodeHint.get(locale);
            Dialog {
                title: t(if location.is_some() {
                    Text::EditLocation
                } else {
                    Text::AddLocation
                }),
                fields: vec![
                    field("city", Text::LabelCity, Kind::Text, true, locale),
                    country,
                    field(
                        "contactEmail",
                        Text::LabelAlertEmail,
                        Kind::Email,
                        false,
                        locale,
                    ),
                ],
                values,
            }
        }
        Editor::Solution(id) => {
            let solution = id
                .as_deref()
                .and_then(|id| own_solutions(directory, &org.id).find(|s| s.id == id));
            let programs = [
                IncentiveProgram::None,
                IncentiveProgram::AzureIpCoSell,
                IncentiveProgram::BusinessApplicationsPremium,
                IncentiveProgram::BusinessApplicationsStandard,
            ]
            .iter()
            .map(|p| {
                (
                    p.wire_name().to_string(),
                    format!("{} ({})", t(solution_status(*p)), t(p.text())),
                )
            })
            .collect();
            let values = match solution {
                Some(s) => Values(vec![
                    ("name", s.name.clone()),
                    (
                        "incentiveProgram",
                        s.incentive_program.wire_name().to_string(),
                    ),
                ]),
                None => Values(vec![(
                    "incentiveProgram",
                    IncentiveProgram::None.wire_name().to_string(),
                )]),
            };
            Dialog {
                title: t(if solution.is_some() {
                    Text::EditSolution
                } else {
                    Text::AddSolution
                }),
                fields: vec![
                    field("name", Text::LabelSolutionName, Kind::Text, true, locale),
                    field(
                        "incentiveProgram",
                        Text::LabelSolutionStatus,
                        Kind::Select(programs),
                        true,
                        locale,
                    ),
                ],
                values,
            }
        }
    }
}

/// The command the dialog's values make; a choice left empty is an error at its field.
pub fn command(editor: &Editor, values: &Values) -> Result<AdminCommand, Vec<FieldError>> {
    let text = |path: &str| values.get(path).to_string();
    let mut p = Problems::default();
    let command = match editor {
        Editor::User(id) => {
            let role = RoleChoice::from_wire_name(values.get("role"));
            if role.is_none() {
                p.add("role", MessageKey::Required);
            }
            let chosen: Vec<String> = values
                .get("locationScope")
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let location_scope = if chosen.iter().any(|c| c == WHOLE) {
                LocationScope::Global
            } else {
                LocationScope::Locations(chosen)
            };
            let input = UserInput {
                display_name: text("displayName"),
                email: text("email"),
                phone: text("phone"),
                locale: text("locale"),
                role: role.unwrap_or(RoleChoice::ReferralUser),
                location_scope,
            };
            AdminCommand::SaveUser {
                user_id: id.clone(),
                input,
            }
        }
        Editor::Location(id) => AdminCommand::SaveLocation {
            location_id: id.clone(),
            input: LocationInput {
                city: text("city"),
                country: text("country"),
                contact_email: text("contactEmail"),
            },
        },
        Editor::Solution(id) => {
            let program = IncentiveProgram::from_wire_name(values.get("incentiveProgram"));
            if program.is_none() {
                p.add("incentiveProgram", MessageKey::Required);
            }
            AdminCommand::SaveSolution {
                solution_id: id.clone(),
                input: SolutionInput {
                    name: text("name"),
                    incentive_program: program.unwrap_or(IncentiveProgram::None),
                },
            }
        }
    };
    p.into_result().map(|()| command)
}
