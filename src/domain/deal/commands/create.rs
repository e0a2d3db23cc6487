//! Creating a deal (SPEC §5): the wizard's rules, then the deal with its invitations.

use std::collections::HashSet;

use crate::domain::deal::commands::builder::*;
use crate::domain::deal::commands::command::*;
use crate::domain::deal::commands::inputs::*;
use crate::domain::deal::rules::{deal_type, Refusal};
use crate::domain::deal::validation::{self as v, FieldError, MessageKey, Problems};
use crate::domain::deal::visibility::works_on_deals;
use crate::domain::exchange::Ctx;
use crate::domain::records::activity::ActivityAction;
use crate::domain::records::directory::Role;
use crate::domain::records::referral::*;
use crate::domain::records::stage::SalesStage;
use crate::domain::support::ids::derive;

/// Checks a new deal against every rule of SPEC §5. The wizard calls it to show errors by
/// field (`customer.*`, `contact.*`, `name`, `team[i].*`, `solutions`, `invitations[i].*`, …).
pub fn validate_new_deal(deal: &NewDeal, ctx: Ctx) -> Result<(), Vec<FieldError>> {
    let mut p = Problems::default();
    let c = &deal.customer;
    p.check("customer.name", v::required(&c.name));
    p.check(
        "customer.addressLine1",
        v::required(&c.address.address_line1),
    );
    p.check("customer.city", v::required(&c.address.city));
    if c.address.country.len() != 2 || !c.address.country.bytes().all(|b| b.is_ascii_uppercase()) {
        p.add("customer.country", MessageKey::Required);
    }
    if let Some(duns) = c.ids.duns.as_deref().filter(|d| !d.trim().is_empty()) {
        p.check("customer.duns", v::duns(duns));
    }
    let contact_given = c.contact.as_ref().is_some_and(|k| {
        !(k.name.trim().is_empty() && k.phone.trim().is_empty() && k.email.trim().is_empty())
    });
    let vendor_creates = ctx.user.has_role(Role::MicrosoftSeller);
    if contact_given {
        v::contact(&mut p, "contact", c.contact.as_ref().expect("given"));
    } else if deal.help_type != HelpType::NoHelpRequired && !vendor_creates {
        p.add("contact.name", MessageKey::ContactRequiredForHelp);
        p.add("contact.phone", MessageKey::ContactRequiredForHelp);
        p.add("contact.email", MessageKey::ContactRequiredForHelp);
    }
    p.check("name", v::required(&deal.name));
    p.check("notes", v::at_most_max_text(&deal.notes));
    let own_org = ctx.directory.organization(&ctx.user.organization_id);
    if !own_org.is_some_and(|o| o.locations.iter().any(|l| l.id == deal.location)) {
        p.add("location", MessageKey::UnknownLocation);
    }
    p.check("value", v::amount(deal.deal_value));
    p.check("currency", v::currency(&deal.currency));
    p.check("closeDate", v::not_in_past(deal.closing_date_time, ctx.now));
    validate_team(&mut p, "team", &deal.team);
    let solutions = resolve_solutions(
        &mut p,
        ctx,
        "solutions",
        &deal.solution_ids,
        &ctx.user.organization_id,
    );
    if solutions.iter().any(|s| s.kind == SolutionKind::Assessment) {
        match &deal.assessment_location {
            None => p.add("assessmentLocation", MessageKey::AssessmentLocationRequired),
            Some(l) if !own_org.is_some_and(|o| o.locations.iter().any(|x| &x.id == l)) => {
                p.add("assessmentLocation", MessageKey::UnknownLocation)
            }
            Some(_) => {}
        }
    }
    let mut taken: HashSet<String> = HashSet::from([ctx.user.organization_id.clone()]);
    for (i, inv) in deal.invitations.iter().enumerate() {
        validate_invitation(
            &mut p,
            ctx,
            &format!("invitations[{i}]"),
            inv,
            &ctx.user.organization_id,
            &taken,
        );
        taken.insert(inv.partner_id.clone());
    }
    match (&deal.for_partner, vendor_creates) {
        (Some(t), true) => match ctx
            .directory
            .organization(&t.organization_id)
            .filter(|o| !o.is_vendor)
        {
            None => p.add("forPartner.organization", MessageKey::UnknownOrganization),
            Some(o) if !o.locations.iter().any(|l| l.id == t.location) => {
                p.add("forPartner.location", MessageKey::UnknownLocation)
            }
            Some(_) => {}
        },
        (None, true) => p.add("forPartner.organization", MessageKey::Required),
        (Some(_), false) => p.add("forPartner.organization", MessageKey::UnknownOrganization),
        (None, false) => {}
    }
    p.into_result()
}

pub(super) fn create_deal(out: &mut Builder, deal: &NewDeal) -> Result<(), CommandError> {
    let ctx = out.ctx;
    let user = ctx.user;
    if !works_on_deals(user) {
        return Err(Refusal::NoReferralRole.into());
    }
    validate_new_deal(deal, ctx)?;
    if ctx
        .exchange
        .engagement(&deal.engagement_id)
        .next()
        .is_some()
    {
        return Err(Refusal::DealExists.into());
    }
    let vendor_creates = user.has_role(Role::MicrosoftSeller);
    let sharing = if vendor_creates {
        SharingType::CoSell
    } else {
        deal_type(deal.help_type, deal.microsoft_may_view)
    };
    let mut sp = Problems::default();
    let solutions = resolve_solutions(
        &mut sp,
        ctx,
        "solutions",
        &deal.solution_ids,
        &user.organization_id,
    );
    let mut customer = deal.customer.clone();
    if customer.contact.as_ref().is_some_and(|k| {
        k.name.trim().is_empty() && k.email.trim().is_empty() && k.phone.trim().is_empty()
    }) {
        customer.contact = None;
    }
    let own = Referral {
        id: derive(&[&deal.engagement_id, &user.organization_id]),
        engagement_id: deal.engagement_id.clone(),
        organization_id: user.organization_id.clone(),
        name: deal.name.trim().to_string(),
        external_reference_id: deal.crm_id.trim().to_string(),
        marketing_campaign_id: deal.campaign_id.trim().to_string(),
        created_date_time: ctx.now,
        updated_date_time: ctx.now,
        expiration_date_time: None,
        accepted_date_time: Some(ctx.now),
        status: Status::Active,
        substatus: Substatus::Accepted,
        status_reason: String::new(),
        status_reason_code: None,
        status_reason_notes: String::new(),
        sharing,
        p2p: !deal.invitations.is_empty(),
        qualification: "SalesQualified".into(),
        direction: Direction::Outgoing,
        location: deal.location.clone(),
        consent: Consent {
            consent_to_share_referral_with_microsoft_sellers: sharing != SharingType::Private,
            consent_to_contact: customer.contact.is_some(),
        },
        customer_profile: customer,
        details: Details {
            deal_value: deal.deal_value,
            currency: deal.currency.trim().to_string(),
            closing_date_time: deal.closing_date_time,
            notes: deal.notes.clone(),
            requirements: Requirements { solutions },
            help_type: deal.help_type,
            assessment_location: deal.assessment_location.clone(),
        },
        team: deal.team.iter().map(trimmed).collect(),
        invite_context: None,
        sales_stage: Some(SalesStage::Created),
        registration: None,
        e_tag: String::new(),
    };
    let mut received = Vec::new();
    if let Some(target) = &deal.for_partner {
        let context = invite(&own, ctx, deal.help_type, &deal.notes, own.team.clone());
        received.push(out.received_copy(
            &own,
            &target.organization_id,
            &target.location,
            context,
            None,
        ));
    } else if sharing == SharingType::CoSell {
        let vendor = ctx.directory.vendor();
        let context = invite(&own, ctx, deal.help_type, &deal.notes, Vec::new());
        received.push(out.received_copy(&own, &vendor.id, &vendor.locations[0].id, context, None));
    }
    for inv in &deal.invitations {
        received.push(out.partner_copy(&own, inv));
    }
    let view = (sharing == SharingType::PartnerLed && deal.for_partner.is_none())
        .then(|| out.view_copy(&own));
    out.write(None, own, ActivityAction::Created);
    for r in received {
        out.deliver(r);
    }
    if let Some(view) = view {
        out.write(None, view, ActivityAction::MicrosoftMayView);
    }
    Ok(())
}
