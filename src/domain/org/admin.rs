//! Organisation administration (SPEC §1, issue #9): the MPN partner admin manages who works
//! on referrals (users, roles, location scopes), the organisation's business locations with
//! the address that receives inbound alerts, and its own co-sell solutions; every user
//! manages their own profile (language, email notifications).
//!
//! What an organisation's admin changed is its [`OrgSetup`]: stored in the exchange, it
//! replaces what the shipped reference data says of that organisation
//! ([`ReferenceData::with_setups`]). Each change is an [`AdminCommand`] decided here like
//! any other command: the same [`Ctx`], an [`Outcome`] with one activity entry, or a
//! [`CommandError`] that says what was refused and why.

use serde::{Deserialize, Serialize};

use crate::domain::deal::commands::CommandError;
use crate::domain::deal::rules::Refusal;
use crate::domain::deal::validation::{self as v, MessageKey, Problems};
use crate::domain::exchange::Ctx;
use crate::domain::exchange::{Outcome, SetupWrite};
use crate::domain::records::activity::{ActivityAction, ActivityEntry, Actor, FieldChange};
use crate::domain::records::directory::{
    is_country_code, Location, LocationScope, Organization, ReferenceData, Role, User,
};
use crate::domain::records::org_setup::OrgSetup;
use crate::domain::records::referral::{IncentiveProgram, Referral, Solution, SolutionKind};
use crate::domain::support::i18n::Text;
use crate::domain::support::ids::derive;

/// The role a user is given, as one choice (SPEC §1's combinations for a partner).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleChoice {
    PartnerAdminAndReferralAdmin,
    ReferralAdmin,
    ReferralUser,
    /// Manages users only; sees no deals.
    PartnerAdmin,
}

wire_names!(RoleChoice {
    PartnerAdminAndReferralAdmin => "PartnerAdminAndReferralAdmin",
    ReferralAdmin => "ReferralAdmin",
    ReferralUser => "ReferralUser",
    PartnerAdmin => "PartnerAdmin",
});

impl RoleChoice {
    pub const ALL: [RoleChoice; 4] = [
        RoleChoice::PartnerAdminAndReferralAdmin,
        RoleChoice::ReferralAdmin,
        RoleChoice::ReferralUser,
        RoleChoice::PartnerAdmin,
    ];

    pub fn roles(self) -> Vec<Role> {
        match self {
            RoleChoice::PartnerAdminAndReferralAdmin => {
                vec![Role::MpnPartnerAdmin, Role::ReferralAdmin]
            }
            RoleChoice::ReferralAdmin => vec![Role::ReferralAdmin],
            RoleChoice::ReferralUser => vec![Role::ReferralUser],
            RoleChoice::PartnerAdmin => vec![Role::MpnPartnerAdmin],
        }
    }

    /// The choice a user's roles are; `None` for roles a partner does not hand out (Microsoft seller).
    pub fn of(roles: &[Role]) -> Option<RoleChoice> {
        let has = |r| roles.contains(&r);
        match (
            has(Role::MpnPartnerAdmin),
            has(Role::ReferralAdmin),
            has(Role::ReferralUser),
        ) {
            (true, true, _) => Some(RoleChoice::PartnerAdminAndReferralAdmin),
            (true, false, false) => Some(RoleChoice::PartnerAdmin),
            (false, true, _) => Some(RoleChoice::ReferralAdmin),
            (false, false, true) => Some(RoleChoice::ReferralUser),
            _ => None,
        }
    }

    pub fn text(self) -> Text {
        match self {
            RoleChoice::PartnerAdminAndReferralAdmin => Text::RolePartnerAndReferralAdmin,
            RoleChoice::ReferralAdmin => Text::RoleReferralAdmin,
            RoleChoice::ReferralUser => Text::RoleReferralUser,
            RoleChoice::PartnerAdmin => Text::RoleMpnPartnerAdmin,
        }
    }
}

/// What the user editor holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserInput {
    pub display_name: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub locale: String,
    pub role: RoleChoice,
    pub location_scope: LocationScope,
}

/// What the location editor holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationInput {
    pub city: String,
    pub country: String,
    #[serde(default)]
    pub contact_email: String,
}

/// What the solution editor holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SolutionInput {
    pub name: String,
    pub incentive_program: IncentiveProgram,
}

json_record!(UserInput {
    display_name: "displayName" required,
    email: "email" required,
    phone: "phone" default,
    locale: "locale" required,
    role: "role" required,
    location_scope: "locationScope" required,
});

json_record!(LocationInput {
    city: "city" required,
    country: "country" required,
    contact_email: "contactEmail" default,
});

json_record!(SolutionInput {
    name: "name" required,
    incentive_program: "incentiveProgram" required,
});

/// A change to an organisation's set-up, or to one's own profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "command",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum AdminCommand {
    /// Adds a user (`user_id: None`) or changes one.
    SaveUser {
        user_id: Option<String>,
        input: UserInput,
    },
    /// Deactivates (or reactivates) a user: a deactivated user cannot sign in and gets no
    /// notifications, and keeps their history.
    SetUserActive {
        user_id: String,
        active: bool,
    },
    SaveLocation {
        location_id: Option<String>,
        input: LocationInput,
    },
    RemoveLocation {
        location_id: String,
    },
    SaveSolution {
        solution_id: Option<String>,
        input: SolutionInput,
    },
    /// The signed-in user's own language (for emails) and whether they get emails.
    UpdateProfile {
        locale: String,
        email_notifications: bool,
    },
}

write_tagged!(AdminCommand, "command" {
    SaveUser "saveUser" { user_id: "userId", input: "input" },
    SetUserActive "setUserActive" { user_id: "userId", active: "active" },
    SaveLocation "saveLocation" { location_id: "locationId", input: "input" },
    RemoveLocation "removeLocation" { location_id: "locationId" },
    SaveSolution "saveSolution" { solution_id: "solutionId", input: "input" },
    UpdateProfile "updateProfile" { locale: "locale", email_notifications: "emailNotifications" },
});

/// The languages a user's emails can be written in.
pub const LOCALES: [&str; 2] = ["en", "de"];

/// Whether `user` may change their organisation's set-up (users, locations, solutions).
pub fn may_administer(user: &User) -> bool {
    user.active && user.has_role(Role::MpnPartnerAdmin)
}

/// The user an API token acts as (issue #24): a named integration of the token's
/// organisation that sees every deal of it, as a global referral admin does, and appears by
/// its name in the deals' activity. It can sign in nowhere and gets no notifications.
pub fn integration_user(token_id: &str, name: &str, organization_id: &str) -> User {
    User {
        id: format!("token:{token_id}"),
        display_name: format!("{name} (API)"),
        organization_id: organization_id.to_string(),
        email: String::new(),
        phone: String::new(),
        roles: vec![Role::ReferralAdmin],
        location_scope: crate::domain::records::directory::LocationScope::Global,
        locale: "en".into(),
        disable_notifications: true,
        active: true,
    }
}

/// Whether `user` may open the Organisation page (partner admins; referral admins read it).
pub fn may_view_organisation(user: &User) -> bool {
    user.active && (user.has_role(Role::MpnPartnerAdmin) || user.has_role(Role::ReferralAdmin))
}

/// Decides `command` for `ctx.user` in `ctx.user`'s organisation.
pub fn decide_admin(command: &AdminCommand, ctx: Ctx) -> Result<Outcome, CommandError> {
    let org_id = ctx.user.organization_id.as_str();
    let org = ctx
        .directory
        .organization(org_id)
        .ok_or(Refusal::NotPartnerAdmin)?;
    let mut setup = OrgSetup::of(ctx.directory, org_id).ok_or(Refusal::NotPartnerAdmin)?;
    let stored_etag = ctx.exchange.setup(org_id).map(|s| s.e_tag.clone());
    if !matches!(command, AdminCommand::UpdateProfile { .. }) && !may_administer(ctx.user) {
        return Err(Refusal::NotPartnerAdmin.into());
    }
    let (action, subject, changes) = match command {
        AdminCommand::SaveUser { user_id, input } => {
            save_user(&mut setup, ctx, org, user_id.as_deref(), input)?
        }
        AdminCommand::SetUserActive { user_id, active } => {
            set_active(&mut setup, ctx, user_id, *active)?
        }
        AdminCommand::SaveLocation { location_id, input } => {
            save_location(&mut setup, org, location_id.as_deref(), input)?
        }
        AdminCommand::RemoveLocation { location_id } => {
            remove_location(&mut setup, ctx, location_id)?
        }
        AdminCommand::SaveSolution { solution_id, input } => {
            save_solution(&mut setup, org, solution_id.as_deref(), input)?
        }
        AdminCommand::UpdateProfile {
            locale,
            email_notifications,
        } => update_profile(&mut setup, ctx, locale, *email_notifications)?,
    };
    let previous = stored_etag.clone().unwrap_or_default();
    let at = crate::domain::support::instant::rfc3339(ctx.now);
    setup.e_tag = derive(&["setup", org_id, &previous, &at, &subject])[..16].to_string();
    let entry = ActivityEntry {
        id: derive(&["setup-activity", org_id, &setup.e_tag]),
        referral_id: String::new(),
        engagement_id: String::new(),
        organization_id: org_id.to_string(),
        at: ctx.now,
        actor: Actor {
            user_id: Some(ctx.user.id.clone()),
            name: ctx.user.display_name.clone(),
            organization_id: org_id.to_string(),
        },
        action,
        changes,
        subject: Some(subject),
        note: None,
    };
    Ok(Outcome {
        setups: vec![SetupWrite {
            setup,
            expected_etag: stored_etag,
        }],
        activity: vec![entry],
        ..Outcome::default()
    })
}

type Decided = (ActivityAction, String, Vec<FieldChange>);

fn change(field: &str, old: impl Into<String>, new: impl Into<String>) -> Option<FieldChange> {
    let (old, new) = (old.into(), new.into());
    (old != new).then(|| FieldChange {
        field: field.to_string(),
        old,
        new,
    })
}

/// A scope as it is stored in a change: "global" or the location ids.
fn scope_text(scope: &LocationScope) -> String {
    match scope {
        LocationScope::Global => "global".into(),
        LocationScope::Locations(ids) => ids.join(", "),
    }
}

fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Active MPN partner admins of the set-up other than `except`.
fn other_partner_admins(setup: &OrgSetup, except: &str) -> usize {
    setup
        .users
        .iter()
        .filter(|u| u.id != except && may_administer(u))
        .count()
}

fn save_user(
    setup: &mut OrgSetup,
    ctx: Ctx,
    org: &Organization,
    user_id: Option<&str>,
    input: &UserInput,
) -> Result<Decided, CommandError> {
    let existing = match user_id {
        Some(id) => Some(
            setup
                .users
                .iter()
                .position(|u| u.id == id)
                .ok_or(Refusal::UnknownUser)?,
        ),
        None => None,
    };
    let mut p = Problems::default();
    p.check("displayName", v::required(&input.display_name));
    p.check("email", v::email(&input.email));
    let email = input.email.trim();
    // An email identifies a team member on deals: it belongs to one user of the directory.
    let taken = ctx
        .directory
        .users
        .iter()
        .any(|u| Some(u.id.as_str()) != user_id && u.email.eq_ignore_ascii_case(email));
    if taken && v::email(email).is_ok() {
        p.add("email", MessageKey::EmailTaken);
    }
    if !input.phone.trim().is_empty() {
        p.check("phone", v::phone(&input.phone));
    }
    if !LOCALES.contains(&input.locale.as_str()) {
        p.add("locale", MessageKey::Required);
    }
    if let LocationScope::Locations(ids) = &input.location_scope {
        if ids.is_empty() {
            p.add("locationScope", MessageKey::AtLeastOneLocation);
        } else if ids
            .iter()
            .any(|id| !org.locations.iter().any(|l| &l.id == id))
        {
            p.add("locationScope", MessageKey::UnknownLocation);
        }
    }
    p.into_result()?;
    let roles = input.role.roles();
    let mut user = match existing {
        Some(i) => setup.users[i].clone(),
        None => User {
            id: derive(&["user", &org.id, &email.to_ascii_lowercase()]),
            display_name: String::new(),
            organization_id: org.id.clone(),
            email: String::new(),
            phone: String::new(),
            roles: Vec::new(),
            location_scope: LocationScope::Global,
            locale: String::new(),
            disable_notifications: false,
            active: true,
        },
    };
    // The organisation keeps an MPN partner admin: the last one cannot give up the role.
    if may_administer(&user)
        && !roles.contains(&Role::MpnPartnerAdmin)
        && other_partner_admins(setup, &user.id) == 0
    {
        return Err(Refusal::LastPartnerAdmin.into());
    }
    let changes: Vec<FieldChange> = [
        change("displayName", &user.display_name, input.display_name.trim()),
        change("email", &user.email, email),
        change("phone", &user.phone, input.phone.trim()),
        change("locale", &user.locale, &input.locale),
        change("roles", roles_text(&user.roles), roles_text(&roles)),
        change(
            "locationScope",
            if existing.is_some() {
                scope_text(&user.location_scope)
            } else {
                String::new()
            },
            scope_text(&input.location_scope),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    user.display_name = input.display_name.trim().to_string();
    user.email = email.to_string();
    user.phone = input.phone.trim().to_string();
    user.locale = input.locale.clone();
    user.roles = roles;
    user.location_scope = input.location_scope.clone();
    let subject = user.display_name.clone();
    match existing {
        Some(i) => setup.users[i] = user,
        None => setup.users.push(user),
    }
    Ok((
        if existing.is_some() {
            ActivityAction::UserEdited
        } else {
            ActivityAction::UserAdded
        },
        subject,
        changes,
    ))
}

fn set_active(
    setup: &mut OrgSetup,
    ctx: Ctx,
    user_id: &str,
    active: bool,
) -> Result<Decided, CommandError> {
    let i = setup
        .users
        .iter()
        .position(|u| u.id == user_id)
        .ok_or(Refusal::UnknownUser)?;
    let user = &setup.users[i];
    if !active {
        if user.id == ctx.user.id {
            return Err(Refusal::CannotDeactivateSelf.into());
        }
        if may_administer(user) && other_partner_admins(setup, user_id) == 0 {
            return Err(Refusal::LastPartnerAdmin.into());
        }
    }
    let changes = change("active", user.active.to_string(), active.to_string())
        .into_iter()
        .collect();
    let subject = user.display_name.clone();
    setup.users[i].active = active;
    Ok((
        if active {
            ActivityAction::UserReactivated
        } else {
            ActivityAction::UserDeactivated
        },
        subject,
        changes,
    ))
}

fn save_location(
    setup: &mut OrgSetup,
    org: &Organization,
    location_id: Option<&str>,
    input: &LocationInput,
) -> Result<Decided, CommandError> {
    let existing = match location_id {
        Some(id) => Some(
            setup
                .locations
                .iter()
                .position(|l| l.id == id)
                .ok_or(Refusal::UnknownLocation)?,
        ),
        None => None,
    };
    let (city, country, contact) = (
        input.city.trim(),
        input.country.trim().to_ascii_uppercase(),
        input.contact_email.trim(),
    );
    let mut p = Problems::default();
    p.check("city", v::required(city));
    if !is_country_code(&country) {
        p.add("country", MessageKey::InvalidCountry);
    }
    if !contact.is_empty() {
        p.check("contactEmail", v::email(contact));
    }
    let same = |l: &Location| l.city.eq_ignore_ascii_case(city) && l.country == country;
    if !city.is_empty()
        && setup
            .locations
            .iter()
            .enumerate()
            .any(|(i, l)| Some(i) != existing && same(l))
    {
        p.add("city", MessageKey::LocationExists);
    }
    p.into_result()?;
    let mut location = match existing {
        Some(i) => setup.locations[i].clone(),
        None => Location {
            id: location_id_for(setup, &org.id, city),
            city: String::new(),
            country: String::new(),
            contact_email: String::new(),
        },
    };
    let changes = [
        change("city", &location.city, city),
        change("country", &location.country, country.as_str()),
        change("contactEmail", &location.contact_email, contact),
    ]
    .into_iter()
    .flatten()
    .collect();
    location.city = city.to_string();
    location.country = country;
    location.contact_email = contact.to_string();
    let subject = location.label();
    match existing {
        Some(i) => setup.locations[i] = location,
        None => setup.locations.push(location),
    }
    Ok((
        if existing.is_some() {
            ActivityAction::LocationEdited
        } else {
            ActivityAction::LocationAdded
        },
        subject,
        changes,
    ))
}

/// `contoso-hamburg`, or `contoso-hamburg-2` when that is taken.
fn location_id_for(setup: &OrgSetup, org_id: &str, city: &str) -> String {
    let slug: String = crate::domain::support::fold::fold(city)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let base = format!("{org_id}-{}", slug.trim_matches('-'));
    let mut id = base.clone();
    let mut n = 1;
    while setup.locations.iter().any(|l| l.id == id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// The organisation's deals at `location_id` (as the deal's location or its assessment location).
pub fn deals_at<'a>(
    ctx: &Ctx<'a>,
    organization_id: &'a str,
    location_id: &'a str,
) -> impl Iterator<Item = &'a Referral> + 'a {
    ctx.exchange.referrals().filter(move |r| {
        r.organization_id == organization_id
            && (r.location == location_id
                || r.details.assessment_location.as_deref() == Some(location_id))
    })
}

fn remove_location(
    setup: &mut OrgSetup,
    ctx: Ctx,
    location_id: &str,
) -> Result<Decided, CommandError> {
    let i = setup
        .locations
        .iter()
        .position(|l| l.id == location_id)
        .ok_or(Refusal::UnknownLocation)?;
    if setup.locations.len() == 1 {
        return Err(Refusal::LastLocation.into());
    }
    if deals_at(&ctx, &setup.organization_id, location_id)
        .next()
        .is_some()
    {
        return Err(Refusal::LocationInUse.into());
    }
    if setup.users.iter().any(|u| matches!(&u.location_scope, LocationScope::Locations(ids) if ids.iter().any(|id| id == location_id))) {
        return Err(Refusal::LocationInScope.into());
    }
    let removed = setup.locations.remove(i);
    let subject = removed.label();
    Ok((
        ActivityAction::LocationRemoved,
        subject.clone(),
        change("location", subject, "").into_iter().collect(),
    ))
}

fn save_solution(
    setup: &mut OrgSetup,
    org: &Organization,
    solution_id: Option<&str>,
    input: &SolutionInput,
) -> Result<Decided, CommandError> {
    let existing = match solution_id {
        Some(id) => Some(
            setup
                .solutions
                .iter()
                .position(|s| s.id == id)
                .ok_or(Refusal::UnknownSolution)?,
        ),
        None => None,
    };
    let name = input.name.trim();
    let mut p = Problems::default();
    p.check("name", v::required(name));
    if !name.is_empty()
        && setup
            .solutions
            .iter()
            .enumerate()
            .any(|(i, s)| Some(i) != existing && s.name.eq_ignore_ascii_case(name))
    {
        p.add("name", MessageKey::SolutionExists);
    }
    p.into_result()?;
    let mut solution = match existing {
        Some(i) => setup.solutions[i].clone(),
        None => Solution {
            id: derive(&["solution", &org.id, &name.to_ascii_lowercase()]),
            name: String::new(),
            publisher: org.name.clone(),
            publisher_organization_id: Some(org.id.clone()),
            kind: SolutionKind::Partner,
            incentive_program: IncentiveProgram::None,
        },
    };
    let changes = [
        change("name", &solution.name, name),
        change(
            "incentiveProgram",
            if existing.is_some() {
                solution.incentive_program.label()
            } else {
                ""
            },
            input.incentive_program.label(),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    solution.name = name.to_string();
    solution.incentive_program = input.incentive_program;
    let subject = solution.name.clone();
    match existing {
        Some(i) => setup.solutions[i] = solution,
        None => setup.solutions.push(solution),
    }
    Ok((
        if existing.is_some() {
            ActivityAction::SolutionEdited
        } else {
            ActivityAction::SolutionAdded
        },
        subject,
        changes,
    ))
}

fn update_profile(
    setup: &mut OrgSetup,
    ctx: Ctx,
    locale: &str,
    email_notifications: bool,
) -> Result<Decided, CommandError> {
    let i = setup
        .users
        .iter()
        .position(|u| u.id == ctx.user.id)
        .ok_or(Refusal::UnknownUser)?;
    if !LOCALES.contains(&locale) {
        return Err(CommandError::Invalid(vec![v::FieldError {
            field: "locale".into(),
            key: MessageKey::Required,
        }]));
    }
    let user = &mut setup.users[i];
    let changes = [
        change("locale", &user.locale, locale),
        change(
            "emailNotifications",
            (!user.disable_notifications).to_string(),
            email_notifications.to_string(),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    user.locale = locale.to_string();
    user.disable_notifications = !email_notifications;
    Ok((
        ActivityAction::ProfileEdited,
        user.display_name.clone(),
        changes,
    ))
}

/// The organisation's open deals whose every team member is a deactivated user: nobody
/// works them any more, so an admin should give them a new team.
pub fn deals_to_reassign<'a>(
    directory: &'a ReferenceData,
    exchange: &'a crate::domain::exchange::Exchange,
    organization_id: &'a str,
) -> Vec<&'a Referral> {
    let inactive: Vec<&str> = directory
        .users
        .iter()
        .filter(|u| u.organization_id == organization_id && !u.active)
        .map(|u| u.email.as_str())
        .collect();
    if inactive.is_empty() {
        return Vec::new();
    }
    exchange
        .referrals()
        .filter(|r| {
            r.organization_id == organization_id && !r.substatus.is_terminal() && !r.team.is_empty()
        })
        .filter(|r| {
            r.team
                .iter()
                .all(|m| inactive.iter().any(|e| e.eq_ignore_ascii_case(&m.email)))
        })
        .collect()
}

/// The deals `user` is on the team of and may see (their profile's list).
pub fn deals_on_team<'a>(
    exchange: &'a crate::domain::exchange::Exchange,
    user: &'a User,
) -> Vec<&'a Referral> {
    exchange
        .referrals()
        .filter(|r| {
            r.has_team_member(&user.email) && crate::domain::deal::visibility::can_see(user, r)
        })
        .collect()
}

/// The organisation-wide changes (not about a deal), newest first.
pub fn setup_activity<'a>(
    exchange: &'a crate::domain::exchange::Exchange,
    organization_id: &str,
) -> Vec<&'a ActivityEntry> {
    let mut out: Vec<&ActivityEntry> = exchange
        .activity()
        .iter()
        .filter(|a| a.referral_id.is_empty() && a.organization_id == organization_id)
        .collect();
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::Exchange;
    use crate::domain::present::organisation::*;
    use crate::domain::records::directory::tests::shipped;
    use crate::domain::records::org_setup::own_solutions;
    use crate::domain::support::locale::Locale;
    use chrono::{DateTime, TimeZone, Utc};

    fn data() -> ReferenceData {
        ReferenceData::parse(&shipped()).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    /// Decides `command` as `user_id` and applies it, returning the directory after it.
    fn run(
        data: &ReferenceData,
        exchange: &mut Exchange,
        user_id: &str,
        command: AdminCommand,
    ) -> Result<ReferenceData, CommandError> {
        let user = data.user(user_id).unwrap().clone();
        let outcome = decide_admin(
            &command,
            Ctx {
                exchange,
                directory: data,
                user: &user,
                now: now(),
            },
        )?;
        assert_eq!(outcome.activity.len(), 1, "one activity entry per change");
        exchange.apply(&outcome).unwrap();
        Ok(data.with_setups(exchange.setups()))
    }

    fn seller_input(data: &ReferenceData, scope: LocationScope) -> UserInput {
        let u = data.user("contoso-de-seller").unwrap();
        UserInput {
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            phone: u.phone.clone(),
            locale: u.locale.clone(),
            role: RoleChoice::ReferralUser,
            location_scope: scope,
        }
    }

    #[test]
    fn a_partner_admin_widens_a_sellers_scope_and_the_directory_follows() {
        let data = data();
        let mut x = Exchange::default();
        let scope =
            LocationScope::Locations(vec!["contoso-munich".into(), "contoso-seattle".into()]);
        let after = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveUser {
                user_id: Some("contoso-de-seller".into()),
                input: seller_input(&data, scope.clone()),
            },
        )
        .unwrap();
        assert_eq!(
            after.user("contoso-de-seller").unwrap().location_scope,
            scope
        );
        assert_eq!(
            after.users[0].id, data.users[0].id,
            "the first user stays first"
        );
        assert_eq!(after.users.len(), data.users.len());
        let entry = &x.activity()[0];
        assert_eq!(
            (entry.action, entry.subject.as_deref()),
            (ActivityAction::UserEdited, Some("Contoso Germany Seller"))
        );
        assert_eq!(
            entry.changes,
            vec![FieldChange {
                field: "locationScope".into(),
                old: "contoso-munich".into(),
                new: "contoso-munich, contoso-seattle".into()
            }]
        );
    }

    #[test]
    fn only_an_mpn_partner_admin_changes_the_set_up() {
        let data = data();
        let mut x = Exchange::default();
        for user in ["contoso-de-admin", "contoso-de-seller", "fabrikam-admin"] {
            let refused = run(
                &data,
                &mut x,
                user,
                AdminCommand::SetUserActive {
                    user_id: "contoso-de-seller".into(),
                    active: false,
                },
            );
            assert_eq!(
                refused.unwrap_err(),
                CommandError::Refused(Refusal::NotPartnerAdmin),
                "{user}"
            );
        }
        assert!(!may_administer(data.user("contoso-de-admin").unwrap()));
        assert!(may_view_organisation(
            data.user("contoso-de-admin").unwrap()
        ));
        assert!(!may_view_organisation(
            data.user("contoso-de-seller").unwrap()
        ));
    }

    #[test]
    fn the_last_mpn_partner_admin_keeps_the_role_and_cannot_be_deactivated() {
        let data = data();
        let mut x = Exchange::default();
        let me = data.user("contoso-admin").unwrap();
        let input = UserInput {
            display_name: me.display_name.clone(),
            email: me.email.clone(),
            phone: String::new(),
            locale: "en".into(),
            role: RoleChoice::ReferralAdmin,
            location_scope: LocationScope::Global,
        };
        let refused = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveUser {
                user_id: Some(me.id.clone()),
                input: input.clone(),
            },
        );
        assert_eq!(
            refused.unwrap_err(),
            CommandError::Refused(Refusal::LastPartnerAdmin)
        );
        let refused = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SetUserActive {
                user_id: me.id.clone(),
                active: false,
            },
        );
        assert_eq!(
            refused.unwrap_err(),
            CommandError::Refused(Refusal::CannotDeactivateSelf)
        );

        // With a second partner admin, the first may step down to referral admin.
        let second = UserInput {
            display_name: "Second Admin".into(),
            email: "second@contoso.example".into(),
            phone: String::new(),
            locale: "de".into(),
            role: RoleChoice::PartnerAdmin,
            location_scope: LocationScope::Global,
        };
        let data2 = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveUser {
                user_id: None,
                input: second,
            },
        )
        .unwrap();
        let after = run(
            &data2,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveUser {
                user_id: Some(me.id.clone()),
                input,
            },
        )
        .unwrap();
        assert_eq!(
            after.user("contoso-admin").unwrap().roles,
            vec![Role::ReferralAdmin]
        );
        // And now the second one is the last.
        let second_id = after
            .users
            .iter()
            .find(|u| u.email == "second@contoso.example")
            .unwrap()
            .id
            .clone();
        let last = after.user(&second_id).unwrap();
        let demote = UserInput {
            display_name: last.display_name.clone(),
            email: last.email.clone(),
            phone: String::new(),
            locale: "de".into(),
            role: RoleChoice::ReferralUser,
            location_scope: LocationScope::Global,
        };
        assert_eq!(
            run(
                &after,
                &mut x,
                &second_id,
                AdminCommand::SaveUser {
                    user_id: Some(second_id.clone()),
                    input: demote
                }
            )
            .unwrap_err(),
            CommandError::Refused(Refusal::LastPartnerAdmin)
        );
    }

    #[test]
    fn a_new_user_is_validated_field_by_field_and_an_email_belongs_to_one_user() {
        let data = data();
        let mut x = Exchange::default();
        let bad = UserInput {
            display_name: " ".into(),
            email: "de.admin@contoso.example".into(),
            phone: "call me".into(),
            locale: "fr".into(),
            role: RoleChoice::ReferralUser,
            location_scope: LocationScope::Locations(vec![]),
        };
        let Err(CommandError::Invalid(errors)) = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveUser {
                user_id: None,
                input: bad,
            },
        ) else {
            panic!("refused")
        };
        let fields: Vec<(&str, MessageKey)> =
            errors.iter().map(|e| (e.field.as_str(), e.key)).collect();
        assert_eq!(
            fields,
            [
                ("displayName", MessageKey::Required),
                ("email", MessageKey::EmailTaken),
                ("phone", MessageKey::InvalidPhone),
                ("locale", MessageKey::Required),
                ("locationScope", MessageKey::AtLeastOneLocation)
            ]
        );
        assert!(x.setups().next().is_none(), "nothing written");

        let foreign = UserInput {
            display_name: "New".into(),
            email: "new@contoso.example".into(),
            phone: String::new(),
            locale: "en".into(),
            role: RoleChoice::ReferralUser,
            location_scope: LocationScope::Locations(vec!["fabrikam-redmond".into()]),
        };
        let Err(CommandError::Invalid(errors)) = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveUser {
                user_id: None,
                input: foreign,
            },
        ) else {
            panic!("refused")
        };
        assert_eq!(errors[0].key, MessageKey::UnknownLocation);
    }

    #[test]
    fn a_deactivated_user_gets_no_notifications_keeps_history_and_leaves_deals_to_reassign() {
        use crate::domain::deal::notify::recipients;
        let data = data();
        let mut x = Exchange::default();
        x.apply(&crate::domain::transfer::demo::generate(64, &data, now()))
            .unwrap();
        let seller = data.user("contoso-de-seller").unwrap().clone();
        let on_team: Vec<&Referral> = x
            .referrals()
            .filter(|r| r.has_team_member(&seller.email) && r.location == "contoso-munich")
            .collect();
        let deal = on_team[0].clone();
        assert!(recipients(&data, &deal, false)
            .iter()
            .any(|r| r.email == seller.email));
        let after = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SetUserActive {
                user_id: seller.id.clone(),
                active: false,
            },
        )
        .unwrap();
        assert!(
            !after.user(&seller.id).unwrap().active,
            "kept, as deactivated"
        );
        assert!(!recipients(&after, &deal, false)
            .iter()
            .any(|r| r.email == seller.email));
        assert!(!after.active_users().any(|u| u.id == seller.id));

        // Open deals whose only team member was the seller are listed for reassignment.
        let lonely: Vec<&str> = x
            .referrals()
            .filter(|r| {
                r.organization_id == "contoso"
                    && !r.substatus.is_terminal()
                    && r.team.len() == 1
                    && r.team[0].email == seller.email
            })
            .map(|r| r.id.as_str())
            .collect();
        let listed: Vec<&str> = deals_to_reassign(&after, &x, "contoso")
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(listed, lonely);
        assert!(!listed.is_empty(), "the demo data has such deals");
        // Reactivated, nothing is left to reassign.
        let back = run(
            &after,
            &mut x,
            "contoso-admin",
            AdminCommand::SetUserActive {
                user_id: seller.id.clone(),
                active: true,
            },
        )
        .unwrap();
        assert!(deals_to_reassign(&back, &x, "contoso").is_empty());
    }

    #[test]
    fn locations_are_added_with_their_alert_address_and_removed_only_when_unused() {
        let data = data();
        let mut x = Exchange::default();
        let hamburg = LocationInput {
            city: "Hamburg".into(),
            country: "de".into(),
            contact_email: "hamburg@contoso.example".into(),
        };
        let after = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveLocation {
                location_id: None,
                input: hamburg.clone(),
            },
        )
        .unwrap();
        let org = after.organization("contoso").unwrap();
        let added = org.locations.iter().find(|l| l.city == "Hamburg").unwrap();
        assert_eq!(
            (
                added.id.as_str(),
                added.country.as_str(),
                added.contact_email.as_str()
            ),
            ("contoso-hamburg", "DE", "hamburg@contoso.example")
        );
        let Err(CommandError::Invalid(e)) = run(
            &after,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveLocation {
                location_id: None,
                input: hamburg,
            },
        ) else {
            panic!()
        };
        assert_eq!(e[0].key, MessageKey::LocationExists);
        let bad = LocationInput {
            city: String::new(),
            country: "Germany".into(),
            contact_email: "nope".into(),
        };
        let Err(CommandError::Invalid(e)) = run(
            &after,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveLocation {
                location_id: None,
                input: bad,
            },
        ) else {
            panic!()
        };
        assert_eq!(
            e.iter().map(|e| e.key).collect::<Vec<_>>(),
            [
                MessageKey::Required,
                MessageKey::InvalidCountry,
                MessageKey::InvalidEmail
            ]
        );

        // Munich has deals and a scoped user; Hamburg has neither.
        x.apply(&crate::domain::transfer::demo::generate(16, &after, now()))
            .unwrap();
        assert_eq!(
            run(
                &after,
                &mut x,
                "contoso-admin",
                AdminCommand::RemoveLocation {
                    location_id: "contoso-munich".into()
                }
            )
            .unwrap_err(),
            CommandError::Refused(Refusal::LocationInUse)
        );
        let gone = run(
            &after,
            &mut x,
            "contoso-admin",
            AdminCommand::RemoveLocation {
                location_id: "contoso-hamburg".into(),
            },
        )
        .unwrap();
        assert!(!gone
            .organization("contoso")
            .unwrap()
            .locations
            .iter()
            .any(|l| l.city == "Hamburg"));
    }

    #[test]
    fn a_location_in_a_users_scope_or_the_last_one_stays() {
        let data = data();
        let mut x = Exchange::default();
        // No deals yet: Munich is still in two users' scopes.
        assert_eq!(
            run(
                &data,
                &mut x,
                "contoso-admin",
                AdminCommand::RemoveLocation {
                    location_id: "contoso-munich".into()
                }
            )
            .unwrap_err(),
            CommandError::Refused(Refusal::LocationInScope)
        );
        let after = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::RemoveLocation {
                location_id: "contoso-seattle".into(),
            },
        )
        .unwrap();
        assert_eq!(
            run(
                &after,
                &mut x,
                "contoso-admin",
                AdminCommand::RemoveLocation {
                    location_id: "contoso-munich".into()
                }
            )
            .unwrap_err(),
            CommandError::Refused(Refusal::LastLocation)
        );
    }

    #[test]
    fn an_own_solution_is_added_and_its_status_follows_the_incentive_program() {
        let data = data();
        let mut x = Exchange::default();
        let input = SolutionInput {
            name: "Contoso Insight Hub".into(),
            incentive_program: IncentiveProgram::AzureIpCoSell,
        };
        let after = run(
            &data,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveSolution {
                solution_id: None,
                input: input.clone(),
            },
        )
        .unwrap();
        let added = after
            .solutions
            .iter()
            .find(|s| s.name == "Contoso Insight Hub")
            .unwrap();
        assert_eq!(
            (
                added.publisher.as_str(),
                added.publisher_organization_id.as_deref(),
                added.kind
            ),
            ("Contoso Ltd", Some("contoso"), SolutionKind::Partner)
        );
        assert_eq!(
            solution_status(added.incentive_program),
            Text::SolutionAzureIpEligible
        );
        assert_eq!(
            own_solutions(&after, "contoso").count(),
            own_solutions(&data, "contoso").count() + 1
        );
        let Err(CommandError::Invalid(e)) = run(
            &after,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveSolution {
                solution_id: None,
                input,
            },
        ) else {
            panic!()
        };
        assert_eq!(e[0].key, MessageKey::SolutionExists);
        // Marked co-sell ready later.
        let id = added.id.clone();
        let ready = run(
            &after,
            &mut x,
            "contoso-admin",
            AdminCommand::SaveSolution {
                solution_id: Some(id.clone()),
                input: SolutionInput {
                    name: "Contoso Insight Hub".into(),
                    incentive_program: IncentiveProgram::None,
                },
            },
        )
        .unwrap();
        assert_eq!(
            solution_status(
                ready
                    .solutions
                    .iter()
                    .find(|s| s.id == id)
                    .unwrap()
                    .incentive_program
            ),
            Text::SolutionCoSellReady
        );
    }

    #[test]
    fn every_user_edits_their_own_profile_and_a_stale_set_up_is_refused() {
        let data = data();
        let mut x = Exchange::default();
        let after = run(
            &data,
            &mut x,
            "contoso-de-seller",
            AdminCommand::UpdateProfile {
                locale: "en".into(),
                email_notifications: false,
            },
        )
        .unwrap();
        let me = after.user("contoso-de-seller").unwrap();
        assert_eq!((me.locale.as_str(), me.disable_notifications), ("en", true));

        // Decided on the set-up before that change: refused as a conflict.
        let user = data.user("contoso-admin").unwrap().clone();
        let stale = decide_admin(
            &AdminCommand::SetUserActive {
                user_id: "contoso-de-admin".into(),
                active: false,
            },
            Ctx {
                exchange: &Exchange::default(),
                directory: &data,
                user: &user,
                now: now(),
            },
        )
        .unwrap();
        assert!(x.apply(&stale).is_err());
    }

    #[test]
    fn a_set_up_from_storage_is_applied_defensively() {
        let data = data();
        let mut setup = OrgSetup::of(&data, "contoso").unwrap();
        setup.users.push(User {
            organization_id: "fabrikam".into(),
            ..data.users[0].clone()
        });
        let same = data.with_setups([&setup]);
        assert_eq!(
            same, data,
            "users of another organisation are not taken from a set-up"
        );
        setup.locations.clear();
        assert_eq!(
            data.with_setups([&setup]),
            data,
            "a set-up without locations is ignored"
        );
        assert!(RoleChoice::ALL
            .iter()
            .all(|c| RoleChoice::of(&c.roles()) == Some(*c)));
        assert_eq!(RoleChoice::of(&[Role::MicrosoftSeller]), None);
        assert_eq!(
            roles_label_in(Locale::En, &[Role::MicrosoftSeller]),
            "Microsoft seller"
        );
        assert_eq!(
            roles_label_in(Locale::De, &[Role::MpnPartnerAdmin, Role::ReferralAdmin]),
            "MPN-Partneradministrator + Empfehlungsadministrator"
        );
    }

    #[test]
    fn the_user_editor_shows_the_user_and_makes_the_command_back() {
        use crate::domain::present::organisation::{command, dialog, Editor, WHOLE};
        let data = data();
        let org = data.organization("contoso").unwrap();
        let editor = Editor::User(Some("contoso-de-seller".into()));
        let d = dialog(&editor, &data, org, Locale::En);
        assert_eq!(d.title, "Edit user");
        let labels: Vec<&str> = d.fields.iter().map(|f| f.label).collect();
        assert_eq!(
            labels,
            [
                "Display name",
                "Email",
                "Phone",
                "Role",
                "Location scope",
                "Language of emails"
            ]
        );
        assert_eq!(d.values.get("locationScope"), "contoso-munich");
        let mut values = d.values.clone();
        values.set("locationScope", "contoso-munich,contoso-seattle".into());
        let Ok(AdminCommand::SaveUser { user_id, input }) = command(&editor, &values) else {
            panic!()
        };
        assert_eq!(user_id.as_deref(), Some("contoso-de-seller"));
        assert_eq!(
            input.location_scope,
            LocationScope::Locations(vec!["contoso-munich".into(), "contoso-seattle".into()])
        );
        assert_eq!(input.role, RoleChoice::ReferralUser);
        values.set("locationScope", format!("contoso-munich,{WHOLE}"));
        values.set("role", String::new());
        let errors = command(&editor, &values).unwrap_err();
        assert_eq!(errors[0].field, "role");

        let added = dialog(&Editor::Solution(None), &data, org, Locale::De);
        assert_eq!(added.title, "Lösung hinzufügen");
        let mut v = added.values.clone();
        v.set("name", "Contoso Insight Hub".into());
        v.set("incentiveProgram", "AzureIpCoSell".into());
        assert_eq!(
            command(&Editor::Solution(None), &v).unwrap(),
            AdminCommand::SaveSolution {
                solution_id: None,
                input: SolutionInput {
                    name: "Contoso Insight Hub".into(),
                    incentive_program: IncentiveProgram::AzureIpCoSell
                }
            }
        );
        let location = dialog(
            &Editor::Location(Some("contoso-munich".into())),
            &data,
            org,
            Locale::En,
        );
        assert_eq!(
            (location.values.get("city"), location.values.get("country")),
            ("Munich", "DE")
        );
    }

    #[test]
    fn a_change_reads_in_the_readers_language_with_names_for_ids() {
        let data = data();
        let org = data.organization("contoso").unwrap();
        let scope = FieldChange {
            field: "locationScope".into(),
            old: "contoso-munich".into(),
            new: "contoso-munich, contoso-seattle".into(),
        };
        assert_eq!(
            change_line_in(Locale::En, org, &scope),
            "Location scope: Munich, Germany → Munich, Germany; Seattle, United States"
        );
        assert_eq!(change_line_in(Locale::De, org, &scope), "Standortbereich: Munich, Deutschland → Munich, Deutschland; Seattle, Vereinigte Staaten");
        let role = FieldChange {
            field: "roles".into(),
            old: String::new(),
            new: "MPN partner admin + Referral admin".into(),
        };
        assert_eq!(
            change_line_in(Locale::De, org, &role),
            "Rolle: — → MPN-Partneradministrator + Empfehlungsadministrator"
        );
        let active = FieldChange {
            field: "active".into(),
            old: "true".into(),
            new: "false".into(),
        };
        assert_eq!(
            change_line_in(Locale::En, org, &active),
            "State: Active → Deactivated"
        );
    }
}
