//! Deal registration (SPEC §7): the partner submits or resubmits it, Microsoft's validator
//! reviews, approves, asks for a fix or rejects.

use crate::domain::deal::commands::builder::*;
use crate::domain::deal::commands::command::*;
use crate::domain::deal::rules::Action;
use crate::domain::deal::validation::{FieldError, MessageKey};
use crate::domain::records::activity::ActivityAction;
use crate::domain::records::notification::NotificationKind;
use crate::domain::records::registration::{
    DealRegistration, RegistrationForm, RegistrationStatus,
};

/// A validator's decision on a registration: the action it needs, the status it gives and
/// how the activity names it.
#[derive(Clone, Copy)]
pub(super) struct Decision {
    action: Action,
    status: RegistrationStatus,
    activity: ActivityAction,
}

pub(super) const START_REVIEW: Decision = Decision {
    action: Action::StartReview,
    status: RegistrationStatus::InReview,
    activity: ActivityAction::RegistrationInReview,
};
pub(super) const APPROVE: Decision = Decision {
    action: Action::Approve,
    status: RegistrationStatus::Approved,
    activity: ActivityAction::RegistrationApproved,
};
pub(super) const REQUEST_ACTION: Decision = Decision {
    action: Action::RequestAction,
    status: RegistrationStatus::ActionRequired,
    activity: ActivityAction::RegistrationActionRequired,
};
pub(super) const REJECT: Decision = Decision {
    action: Action::Reject,
    status: RegistrationStatus::Rejected,
    activity: ActivityAction::RegistrationRejected,
};

/// Submits (or, after Action required, resubmits) a won deal's registration.
pub(super) fn submit(
    out: &mut Builder,
    referral_id: &str,
    form: &RegistrationForm,
    resubmit: bool,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(
        r,
        if resubmit {
            Action::Resubmit
        } else {
            Action::Register
        },
    )?;
    form.validate()?;
    let mut new = r.clone();
    let status = RegistrationStatus::first_for(r);
    new.registration = Some(DealRegistration {
        form: form.clone(),
        status,
        submitted_date_time: ctx.now,
        decided_date_time: status.is_final().then_some(ctx.now),
        validator_note: String::new(),
    });
    let action = if resubmit {
        ActivityAction::RegistrationResubmitted
    } else {
        ActivityAction::RegistrationSubmitted
    };
    out.write(Some(r), new, action);
    Ok(())
}

/// A validator's decision; Action required and Reject need a note for the partner.
pub(super) fn decide_registration(
    out: &mut Builder,
    referral_id: &str,
    decision: Decision,
    note: &str,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    let Decision {
        action,
        status,
        activity,
    } = decision;
    ctx.check(r, action)?;
    if matches!(
        status,
        RegistrationStatus::ActionRequired | RegistrationStatus::Rejected
    ) && note.trim().is_empty()
    {
        return Err(vec![FieldError {
            field: "note".into(),
            key: MessageKey::Required,
        }]
        .into());
    }
    let mut new = r.clone();
    let registration = new
        .registration
        .as_mut()
        .expect("checked: a registration awaits a decision");
    registration.status = status;
    if status != RegistrationStatus::InReview {
        registration.decided_date_time = Some(ctx.now);
        registration.validator_note = note.trim().to_string();
    }
    out.write(Some(r), new.clone(), activity);
    if status != RegistrationStatus::InReview {
        out.notify(&new, NotificationKind::Registration { status }, false);
    }
    Ok(())
}
