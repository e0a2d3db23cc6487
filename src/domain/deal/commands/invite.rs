//! Inviting the other parties of an engagement: Microsoft, Microsoft sellers as viewers,
//! and other partners.

use std::collections::HashSet;

use crate::domain::deal::commands::builder::*;
use crate::domain::deal::commands::command::*;
use crate::domain::deal::commands::inputs::*;
use crate::domain::deal::rules::{Action, Refusal};
use crate::domain::deal::validation::{self as v, MessageKey, Problems};
use crate::domain::records::activity::ActivityAction;
use crate::domain::records::referral::*;

pub(super) fn invite_microsoft(
    out: &mut Builder,
    referral_id: &str,
    help_type: HelpType,
    contact: Option<&Contact>,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::InviteMicrosoft)?;
    let mut p = Problems::default();
    if help_type == HelpType::NoHelpRequired {
        p.add("helpType", MessageKey::HelpTypeRequired);
    }
    let contact = contact
        .cloned()
        .or_else(|| r.customer_profile.contact.clone());
    match &contact {
        Some(c) => v::contact(&mut p, "contact", c),
        None => p.add("contact.name", MessageKey::ContactRequiredForHelp),
    }
    p.into_result()?;
    // Microsoft may view the deal already: its view-only copy becomes the invitation.
    let vendor_copy = ctx
        .exchange
        .engagement(&r.engagement_id)
        .find(|x| x.organization_id == ctx.vendor_id());
    if vendor_copy.is_some_and(|v| !v.is_view_only()) {
        return Err(Refusal::UpgradeNotAllowed.into());
    }
    let mut new = r.clone();
    new.sharing = SharingType::CoSell;
    new.details.help_type = help_type;
    new.customer_profile.contact = contact;
    new.consent = Consent {
        consent_to_share_referral_with_microsoft_sellers: true,
        consent_to_contact: true,
    };
    let invited = out.received_copy(
        &new,
        ctx.vendor_id(),
        &ctx.directory.vendor().locations[0].id,
        invite(&new, ctx, help_type, &new.details.notes, Vec::new()),
        None,
    );
    out.upgrade_engagement(
        r,
        new,
        |x| {
            x.sharing = SharingType::CoSell;
            x.consent.consent_to_share_referral_with_microsoft_sellers = true;
        },
        ActivityAction::MicrosoftInvited,
        vendor_copy.map(|v| v.id.as_str()),
    );
    out.deliver_over(vendor_copy, invited);
    Ok(())
}

pub(super) fn allow_microsoft_view(
    out: &mut Builder,
    referral_id: &str,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::AllowMicrosoftView)?;
    out.upgrade_engagement(
        r,
        r.clone(),
        |x| {
            x.sharing = SharingType::PartnerLed;
            x.consent.consent_to_share_referral_with_microsoft_sellers = true;
        },
        ActivityAction::MicrosoftMayView,
        None,
    );
    let has_vendor_copy = ctx
        .exchange
        .engagement(&r.engagement_id)
        .any(|x| x.organization_id == ctx.vendor_id());
    if !has_vendor_copy {
        let mut from = r.clone();
        from.sharing = SharingType::PartnerLed;
        from.consent
            .consent_to_share_referral_with_microsoft_sellers = true;
        let view = out.view_copy(&from);
        out.write(None, view, ActivityAction::MicrosoftMayView);
    }
    Ok(())
}

pub(super) fn invite_partner(
    out: &mut Builder,
    referral_id: &str,
    invitation: &PartnerInvitation,
) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let r = ctx.referral(referral_id)?;
    ctx.check(r, Action::InvitePartner)?;
    let mut p = Problems::default();
    let taken: HashSet<String> = ctx
        .exchange
        .engagement(&r.engagement_id)
        .map(|x| x.organization_id.clone())
        .collect();
    validate_invitation(
        &mut p,
        ctx,
        "invitation",
        invitation,
        &r.organization_id,
        &taken,
    );
    p.into_result()?;
    let mut copy = r.clone();
    copy.p2p = true;
    let received = out.partner_copy(&copy, invitation);
    out.upgrade_engagement(
        r,
        copy,
        |x| x.p2p = true,
        ActivityAction::PartnerInvited,
        None,
    );
    out.deliver(received);
    Ok(())
}
