//! Checks of a command's input shared by several commands: deal details, team members,
//! solutions and partner invitations, each error addressed to its field.

use chrono::{DateTime, Utc};
use std::collections::HashSet;

use crate::domain::deal::commands::command::*;
use crate::domain::deal::validation::{self as v, MessageKey, Problems, MAX_SOLUTIONS, MAX_TEAM};
use crate::domain::exchange::Ctx;
use crate::domain::records::referral::*;

pub(super) fn apply_details(r: &mut Referral, d: &DealDetailsInput) {
    r.name = d.name.trim().to_string();
    r.details.deal_value = d.deal_value;
    r.details.currency = d.currency.trim().to_string();
    r.details.closing_date_time = d.closing_date_time;
    r.details.notes = d.notes.clone();
    r.external_reference_id = d.crm_id.trim().to_string();
    r.marketing_campaign_id = d.campaign_id.trim().to_string();
}

pub(super) fn validate_details(
    p: &mut Problems,
    d: &DealDetailsInput,
    now: DateTime<Utc>,
    check_date: bool,
) {
    p.check("name", v::required(&d.name));
    p.check("notes", v::at_most_max_text(&d.notes));
    p.check("value", v::amount(d.deal_value));
    p.check("currency", v::currency(&d.currency));
    if check_date {
        p.check("closeDate", v::not_in_past(d.closing_date_time, now));
    }
}

pub(super) fn validate_team(p: &mut Problems, path: &str, team: &[Contact]) {
    if team.is_empty() {
        p.add(path, MessageKey::AtLeastOneTeamMember);
    }
    if team.len() > MAX_TEAM {
        p.add(path, MessageKey::TooManyTeamMembers);
    }
    let mut seen = HashSet::new();
    for (i, m) in team.iter().enumerate() {
        v::contact(p, &format!("{path}[{i}]"), m);
        if !m.email.trim().is_empty() && !seen.insert(m.email.trim().to_ascii_lowercase()) {
            p.add(format!("{path}[{i}].email"), MessageKey::AlreadyOnTeam);
        }
    }
}

/// Looks up solution ids and checks the solution rules, including those of assessments.
pub(super) fn resolve_solutions(
    p: &mut Problems,
    ctx: Ctx,
    path: &str,
    ids: &[String],
    org_id: &str,
) -> Vec<Solution> {
    if ids.is_empty() {
        p.add(path, MessageKey::AtLeastOneSolution);
    }
    if ids.len() > MAX_SOLUTIONS {
        p.add(path, MessageKey::TooManySolutions);
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if !seen.insert(id) {
            p.add(format!("{path}[{i}]"), MessageKey::DuplicateSolution);
            continue;
        }
        match ctx.directory.solutions.iter().find(|s| &s.id == id) {
            Some(s) => out.push(s.clone()),
            None => p.add(format!("{path}[{i}]"), MessageKey::UnknownSolution),
        }
    }
    let assessments = out
        .iter()
        .filter(|s| s.kind == SolutionKind::Assessment)
        .count();
    if assessments > 0 {
        let vetted = ctx
            .directory
            .organization(org_id)
            .is_some_and(|o| o.vetted_for_assessments);
        if !vetted {
            p.add(path, MessageKey::AssessmentsNotAllowed);
        } else if assessments > 1 {
            p.add(path, MessageKey::AssessmentNeedsExactlyOne);
        } else if out.len() > 1 {
            p.add(path, MessageKey::AssessmentExcludesOtherSolutions);
        }
    }
    out
}

pub(super) fn validate_invitation(
    p: &mut Problems,
    ctx: Ctx,
    path: &str,
    inv: &PartnerInvitation,
    inviter_org: &str,
    taken: &HashSet<String>,
) {
    let known = inv.partner_id != ctx.vendor_id()
        && (ctx
            .directory
            .partners
            .iter()
            .any(|x| x.id == inv.partner_id)
            || ctx
                .directory
                .organization(&inv.partner_id)
                .is_some_and(|o| !o.is_vendor));
    if inv.partner_id.trim().is_empty() {
        p.add(format!("{path}.partner"), MessageKey::Required);
    } else if inv.partner_id == inviter_org {
        p.add(
            format!("{path}.partner"),
            MessageKey::CannotInviteOwnOrganization,
        );
    } else if !known {
        p.add(format!("{path}.partner"), MessageKey::UnknownPartner);
    } else if taken.contains(&inv.partner_id) {
        p.add(format!("{path}.partner"), MessageKey::PartnerAlreadyInvited);
    }
    p.check(
        &format!("{path}.completionDate"),
        v::not_in_past(inv.completion_date_time, ctx.now),
    );
    p.check(&format!("{path}.value"), v::amount(inv.deal_value));
    p.check(&format!("{path}.currency"), v::currency(&inv.currency));
    validate_team(p, &format!("{path}.team"), &inv.team);
    let mut sp = Problems::default();
    let solutions = resolve_solutions(
        &mut sp,
        ctx,
        &format!("{path}.solutions"),
        &inv.solution_ids,
        inviter_org,
    );
    p.0.extend(sp.0);
    if solutions.iter().any(|s| s.kind == SolutionKind::Assessment) {
        p.add(
            format!("{path}.solutions"),
            MessageKey::AssessmentExcludesOtherSolutions,
        );
    }
}
