//! Answering a received referral: accept, decline, or no answer within the response window
//! (`deal::response_window`), when the system expires it.

use chrono::{DateTime, Utc};

use crate::domain::deal::commands::builder::*;
use crate::domain::deal::commands::command::*;
use crate::domain::deal::commands::inputs::*;
use crate::domain::deal::response_window::is_due;
use crate::domain::deal::rules::Action;
use crate::domain::deal::validation::Problems;
use crate::domain::exchange::Exchange;
use crate::domain::records::activity::{ActivityAction, Actor};
use crate::domain::records::notification::NotificationKind;
use crate::domain::records::referral::*;
use crate::domain::records::stage::SalesStage;

/// Accepts a received referral; own contacts are optional.
pub(super) fn accept(
    out: &mut Builder,
    referral_id: &str,
    details: &DealDetailsInput,
    team: &[Contact],
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::Accept)?;
    let mut p = Problems::default();
    validate_details(&mut p, details, ctx.now, true);
    // Own contacts are optional: with none given the accepting user is the team.
    let team = if team.is_empty() {
        vec![ctx.user_contact()]
    } else {
        validate_team(&mut p, "team", team);
        team.iter().map(trimmed).collect()
    };
    p.into_result()?;
    let mut new = r.clone();
    apply_details(&mut new, details);
    new.team = team;
    new.status = Status::Active;
    new.substatus = Substatus::Accepted;
    new.accepted_date_time = Some(ctx.now);
    new.sales_stage = Some(SalesStage::Accepted);
    out.write(Some(r), new, ActivityAction::Accepted);
    out.notify_inviter(
        r,
        NotificationKind::Accepted {
            by: ctx.org_name(&r.organization_id),
        },
    );
    Ok(())
}

/// Declines a received referral with a reason.
pub(super) fn decline(
    out: &mut Builder,
    referral_id: &str,
    reason: DeclineReason,
    notes: &str,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::Decline)?;
    let mut new = r.clone();
    new.status = Status::Closed;
    new.substatus = Substatus::Declined;
    closed_for(&mut new, ReasonCode::Declined(reason), notes);
    out.write(Some(r), new, ActivityAction::Declined);
    out.notify_inviter(
        r,
        NotificationKind::Declined {
            by: ctx.org_name(&r.organization_id),
            reason: reason.label().into(),
        },
    );
    Ok(())
}

/// Expires a referral its owner did not answer in time; the system is the actor.
pub(super) fn expire(out: &mut Builder, referral_id: &str) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::Expire)?;
    out.actor = Actor {
        user_id: None,
        name: "Co-sell".into(),
        organization_id: r.organization_id.clone(),
    };
    let mut new = r.clone();
    new.status = Status::Closed;
    new.substatus = Substatus::Expired;
    closed_for(&mut new, ReasonCode::Expired, "");
    out.write(Some(r), new, ActivityAction::Expired);
    out.notify_inviter(
        r,
        NotificationKind::Expired {
            by: ctx.org_name(&r.organization_id),
        },
    );
    Ok(())
}

/// Every referral an expiry is due for at `now`, as the commands that expire them.
pub fn due_expiries(exchange: &Exchange, now: DateTime<Utc>) -> Vec<Command> {
    exchange
        .referrals()
        .filter(|r| is_due(r, now))
        .map(|r| Command::Expire {
            referral_id: r.id.clone(),
        })
        .collect()
}
