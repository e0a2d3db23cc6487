//! Working an accepted deal: its details, team, solutions, sales stage, winning or losing it,
//! shared notes, and a user's favorites.

use crate::domain::deal::commands::builder::*;
use crate::domain::deal::commands::command::*;
use crate::domain::deal::commands::inputs::*;
use crate::domain::deal::rules::{early_win_needs_confirmation, Action, Refusal};
use crate::domain::deal::validation::{self as v, FieldError, MessageKey, Problems};
use crate::domain::deal::visibility::can_see;
use crate::domain::exchange::{Favorite, FavoriteChange};
use crate::domain::records::activity::ActivityAction;
use crate::domain::records::referral::*;
use crate::domain::records::stage::SalesStage;

pub(super) fn edit_details(
    out: &mut Builder,
    referral_id: &str,
    details: &DealDetailsInput,
    location: Option<&String>,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::Edit)?;
    let mut p = Problems::default();
    if location.is_some_and(|l| *l != r.location) {
        p.add("location", MessageKey::LocationImmutable);
    }
    validate_details(
        &mut p,
        details,
        ctx.now,
        details.closing_date_time != r.details.closing_date_time,
    );
    p.into_result()?;
    let mut new = r.clone();
    apply_details(&mut new, details);
    out.write(Some(r), new, ActivityAction::Edited);
    Ok(())
}

pub(super) fn add_team_member(
    out: &mut Builder,
    referral_id: &str,
    member: &Contact,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::AddTeamMember)?;
    v::new_team_member(member, &r.team)?;
    let mut new = r.clone();
    new.team.push(trimmed(member));
    out.write(Some(r), new, ActivityAction::TeamMemberAdded);
    Ok(())
}

pub(super) fn remove_team_member(
    out: &mut Builder,
    referral_id: &str,
    email: &str,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::RemoveTeamMember)?;
    if !r.has_team_member(email) {
        return Err(vec![FieldError {
            field: "team".into(),
            key: MessageKey::NotOnTeam,
        }]
        .into());
    }
    let mut new = r.clone();
    new.team.retain(|m| !m.email.eq_ignore_ascii_case(email));
    out.write(Some(r), new, ActivityAction::TeamMemberRemoved);
    Ok(())
}

pub(super) fn edit_solutions(
    out: &mut Builder,
    referral_id: &str,
    solution_ids: &[String],
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::EditSolutions)?;
    let mut p = Problems::default();
    let solutions = resolve_solutions(&mut p, ctx, "solutions", solution_ids, &r.organization_id);
    let now_assessment = solutions.iter().any(|s| s.kind == SolutionKind::Assessment);
    if p.is_empty() && now_assessment != r.is_solution_assessment() {
        p.add("solutions", MessageKey::AssessmentKindFixed);
    } else if p.is_empty()
        && now_assessment
        && solutions.iter().map(|s| &s.id).ne(r
            .details
            .requirements
            .solutions
            .iter()
            .map(|s| &s.id))
    {
        p.add("solutions", MessageKey::AssessmentSolutionFixed);
    }
    p.into_result()?;
    let mut new = r.clone();
    new.details.requirements.solutions = solutions;
    out.write(Some(r), new, ActivityAction::SolutionsEdited);
    Ok(())
}

pub(super) fn mark_stage(
    out: &mut Builder,
    referral_id: &str,
    stage: SalesStage,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::MarkStage(stage))?;
    let mut new = r.clone();
    new.sales_stage = Some(stage);
    out.write(Some(r), new, ActivityAction::StageMarked);
    Ok(())
}

pub(super) fn mark_won(
    out: &mut Builder,
    referral_id: &str,
    confirm_early: bool,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::MarkWon)?;
    if !confirm_early && early_win_needs_confirmation(ctx.exchange, ctx.vendor_id(), r, ctx.now) {
        return Err(Refusal::EarlyWinNeedsConfirmation.into());
    }
    let mut new = r.clone();
    new.status = Status::Closed;
    new.substatus = Substatus::Won;
    new.sales_stage = Some(SalesStage::Won);
    out.write(Some(r), new, ActivityAction::Won);
    Ok(())
}

pub(super) fn mark_lost(
    out: &mut Builder,
    referral_id: &str,
    reason: LossReason,
    notes: &str,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::MarkLost)?;
    let mut new = r.clone();
    new.status = Status::Closed;
    new.substatus = Substatus::Lost;
    closed_for(&mut new, ReasonCode::Lost(reason), notes);
    out.write(Some(r), new, ActivityAction::Lost);
    Ok(())
}

pub(super) fn add_shared_note(
    out: &mut Builder,
    referral_id: &str,
    text: &str,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::AddSharedNote)?;
    let text = text.trim();
    let mut p = Problems::default();
    p.check("text", v::required(text));
    p.into_result()?;
    out.share_note(r, text);
    Ok(())
}

pub(super) fn toggle_favorite(out: &mut Builder, referral_id: &str) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    if !can_see(ctx.user, r) {
        return Err(Refusal::NotVisible.into());
    }
    let favorite = Favorite {
        user_id: ctx.user.id.clone(),
        referral_id: referral_id.to_string(),
    };
    out.outcome
        .favorites
        .push(if ctx.exchange.is_favorite(&ctx.user.id, referral_id) {
            FavoriteChange::Remove(favorite)
        } else {
            FavoriteChange::Add(favorite)
        });
    Ok(())
}
