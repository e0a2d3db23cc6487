//! Commands: every change a user makes, decided against the current state, the acting
//! user and the time (SPEC §14). Deciding never changes anything: it returns the outcome
//! to apply (referral writes across the engagement, activity entries, notifications) or a
//! typed error saying what was refused and why.
//!
//! [`decide`] hands each command to one function, in a file named for what the user does:
//! `create`, `answer`, `work`, `invite`, `register`. They share the outcome being built
//! (`builder`) and the checks of their input (`inputs`).

mod answer;
mod builder;
pub mod command;
mod create;
mod inputs;
mod invite;
mod register;
mod work;

pub use answer::due_expiries;
pub use builder::written;
pub use command::{
    Command, CommandError, DealDetailsInput, NewDeal, PartnerInvitation, PartnerTarget,
};
pub use create::validate_new_deal;

use crate::domain::deal::rules::Refusal;
use crate::domain::exchange::{Ctx, Outcome, OutcomeChain};

use builder::Builder;

/// Decides several answers as one change (bulk accept or decline of different referrals):
/// each touches only its own referral, so each is decided on the same exchange; any
/// refusal refuses all, naming which.
pub fn decide_all(commands: &[Command], ctx: Ctx) -> Result<Outcome, (usize, CommandError)> {
    let mut all = Outcome::default();
    let mut seen: Vec<&str> = Vec::new();
    for (i, command) in commands.iter().enumerate() {
        let Some(id) = command.answered_referral() else {
            return Err((i, CommandError::Refused(Refusal::NotReceived)));
        };
        if seen.contains(&id) {
            return Err((i, CommandError::Refused(Refusal::NotReceived)));
        }
        seen.push(id);
        all.extend(decide(command, ctx).map_err(|e| (i, e))?);
    }
    Ok(all)
}
/// Decides `commands` one after another, each on the state the earlier ones left, as one
/// outcome to apply whole (an import plan); the first refusal refuses all, naming which.
pub fn decide_in_order(commands: &[Command], ctx: Ctx) -> Result<Outcome, (usize, CommandError)> {
    let mut work = ctx.exchange.decision_copy();
    let mut chain = OutcomeChain::default();
    for (i, command) in commands.iter().enumerate() {
        let outcome = decide(
            command,
            Ctx {
                exchange: &work,
                ..ctx
            },
        )
        .map_err(|e| (i, e))?;
        // Decided on `work`, so it applies to it.
        let _ = work.apply_decided(&outcome);
        chain.push(outcome);
    }
    Ok(chain.into_outcome())
}

/// Decides `command` in `ctx`.
pub fn decide(command: &Command, ctx: Ctx) -> Result<Outcome, CommandError> {
    let mut out = Builder::new(ctx, command);
    let o = &mut out;
    match command {
        Command::CreateDeal { deal } => create::create_deal(o, deal),
        Command::Accept {
            referral_id,
            details,
            team,
        } => answer::accept(o, referral_id, details, team),
        Command::Decline {
            referral_id,
            reason,
            notes,
        } => answer::decline(o, referral_id, *reason, notes),
        Command::Expire { referral_id } => answer::expire(o, referral_id),
        Command::EditDetails {
            referral_id,
            details,
            location,
        } => work::edit_details(o, referral_id, details, location.as_ref()),
        Command::AddTeamMember {
            referral_id,
            member,
        } => work::add_team_member(o, referral_id, member),
        Command::RemoveTeamMember { referral_id, email } => {
            work::remove_team_member(o, referral_id, email)
        }
        Command::EditSolutions {
            referral_id,
            solution_ids,
        } => work::edit_solutions(o, referral_id, solution_ids),
        Command::MarkStage { referral_id, stage } => work::mark_stage(o, referral_id, *stage),
        Command::MarkWon {
            referral_id,
            confirm_early,
        } => work::mark_won(o, referral_id, *confirm_early),
        Command::MarkLost {
            referral_id,
            reason,
            notes,
        } => work::mark_lost(o, referral_id, *reason, notes),
        Command::AddSharedNote { referral_id, text } => work::add_shared_note(o, referral_id, text),
        Command::ToggleFavorite { referral_id } => work::toggle_favorite(o, referral_id),
        Command::InviteMicrosoft {
            referral_id,
            help_type,
            contact,
        } => invite::invite_microsoft(o, referral_id, *help_type, contact.as_ref()),
        Command::AllowMicrosoftView { referral_id } => invite::allow_microsoft_view(o, referral_id),
        Command::InvitePartner {
            referral_id,
            invitation,
        } => invite::invite_partner(o, referral_id, invitation),
        Command::Register { referral_id, form } => register::submit(o, referral_id, form, false),
        Command::Resubmit { referral_id, form } => register::submit(o, referral_id, form, true),
        Command::StartReview { referral_id } => {
            register::decide_registration(o, referral_id, register::START_REVIEW, "")
        }
        Command::ApproveRegistration { referral_id } => {
            register::decide_registration(o, referral_id, register::APPROVE, "")
        }
        Command::RequestAction { referral_id, note } => {
            register::decide_registration(o, referral_id, register::REQUEST_ACTION, note)
        }
        Command::RejectRegistration { referral_id, note } => {
            register::decide_registration(o, referral_id, register::REJECT, note)
        }
    }?;
    Ok(out.outcome)
}

/// One outcome that expires every referral due at `ctx.now` (run by the system when the app
/// starts and as its clock ticks).
pub fn expire_due(ctx: Ctx) -> Outcome {
    let mut all = Outcome::default();
    for command in due_expiries(ctx.exchange, ctx.now) {
        if let Ok(o) = decide(&command, ctx) {
            all.referrals.extend(o.referrals);
            all.activity.extend(o.activity);
            all.notifications.extend(o.notifications);
        }
    }
    all
}
