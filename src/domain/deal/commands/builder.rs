//! Building an outcome: every referral write gets a fresh eTag and its activity entry,
//! copies for the other parties of the engagement, and the notifications a change sends.

use chrono::{DateTime, Duration, Utc};

use crate::domain::deal::commands::command::*;
use crate::domain::deal::commands::inputs::*;
use crate::domain::deal::engagement::shared_notes;
use crate::domain::deal::notify::recipients;
use crate::domain::deal::response_window::RESPONSE_DAYS;
use crate::domain::deal::rules::{self, Action, Refusal};
use crate::domain::deal::validation::Problems;
use crate::domain::exchange::{Ctx, Outcome, ReferralWrite};
use crate::domain::records::activity::{diff, ActivityAction, ActivityEntry, Actor};
use crate::domain::records::directory::ReferenceData;
use crate::domain::records::notification::{Notification, NotificationKind};
use crate::domain::records::referral::*;
use crate::domain::support::ids::derive;
use crate::domain::support::locale::Locale;

/// Builds an outcome: every referral write gets a new eTag and its activity entry.
/// `new` stamped as written at `now` by `actor` over `old` (if any): a fresh eTag, the update
/// time, the creation time for a new referral (unless `keep_created`), and its activity entry
/// with every changed field.
pub fn written(
    old: Option<&Referral>,
    mut new: Referral,
    action: ActivityAction,
    actor: &Actor,
    now: DateTime<Utc>,
    tag: &str,
    keep_created: bool,
) -> (ReferralWrite, ActivityEntry) {
    let at = now.timestamp_millis().to_string();
    new.updated_date_time = now;
    new.e_tag = derive(&[&new.id, old.map_or("", |o| o.e_tag.as_str()), &at, tag]);
    if old.is_none() && !keep_created {
        new.created_date_time = now;
    }
    let entry = ActivityEntry {
        id: derive(&[&new.id, &new.e_tag, "activity"]),
        referral_id: new.id.clone(),
        engagement_id: new.engagement_id.clone(),
        organization_id: new.organization_id.clone(),
        at: now,
        actor: actor.clone(),
        action,
        changes: diff(old, &new),
        subject: None,
        note: None,
    };
    (
        ReferralWrite {
            expected_etag: old.map(|o| o.e_tag.clone()),
            referral: new,
        },
        entry,
    )
}

pub(super) struct Builder<'a> {
    pub(super) ctx: Ctx<'a>,
    pub(super) actor: Actor,
    command_tag: String,
    pub(super) outcome: Outcome,
}

impl<'a> Builder<'a> {
    pub(super) fn new(ctx: Ctx<'a>, command: &Command) -> Self {
        let tag = format!("{:?}", std::mem::discriminant(command));
        Builder {
            ctx,
            actor: Actor {
                user_id: Some(ctx.user.id.clone()),
                name: ctx.user.display_name.clone(),
                organization_id: ctx.user.organization_id.clone(),
            },
            command_tag: tag,
            outcome: Outcome::default(),
        }
    }

    /// Writes `new` (over `old`, if any) with its activity entry.
    pub(super) fn write(&mut self, old: Option<&Referral>, new: Referral, action: ActivityAction) {
        let (write, entry) = written(
            old,
            new,
            action,
            &self.actor,
            self.ctx.now,
            &self.command_tag,
            false,
        );
        self.outcome.activity.push(entry);
        self.outcome.referrals.push(write);
    }

    /// A shared note on `r`'s engagement: an entry of its history that every party reads; no
    /// copy is written, so a note never conflicts with another party's change.
    pub(super) fn share_note(&mut self, r: &Referral, text: &str) {
        let earlier = shared_notes(self.ctx.exchange, &r.engagement_id).count();
        let at = self.ctx.now.timestamp_millis().to_string();
        self.outcome.activity.push(ActivityEntry {
            id: derive(&[&r.id, &at, &earlier.to_string(), text, "shared-note"]),
            referral_id: r.id.clone(),
            engagement_id: r.engagement_id.clone(),
            organization_id: r.organization_id.clone(),
            at: self.ctx.now,
            actor: self.actor.clone(),
            action: ActivityAction::SharedNoteAdded,
            changes: Vec::new(),
            subject: None,
            note: Some(text.to_string()),
        });
    }

    /// A Received copy of `from` for another organisation, with 14 days to answer.
    pub(super) fn received_copy(
        &self,
        from: &Referral,
        org: &str,
        location: &str,
        context: InviteContext,
        details: Option<Details>,
    ) -> Referral {
        let now = self.ctx.now;
        Referral {
            id: derive(&[&from.engagement_id, org]),
            organization_id: org.to_string(),
            direction: Direction::Incoming,
            location: location.to_string(),
            created_date_time: now,
            updated_date_time: now,
            expiration_date_time: Some(now + Duration::days(RESPONSE_DAYS)),
            accepted_date_time: None,
            status: Status::New,
            substatus: Substatus::Received,
            status_reason: String::new(),
            status_reason_code: None,
            status_reason_notes: String::new(),
            external_reference_id: String::new(),
            marketing_campaign_id: String::new(),
            team: Vec::new(),
            invite_context: Some(context),
            sales_stage: None,
            registration: None,
            details: details.unwrap_or_else(|| from.details.clone()),
            e_tag: String::new(),
            ..from.clone()
        }
    }

    /// Microsoft's view-only copy of a Partner-led deal (SPEC §3): its sellers see it, and
    /// are not asked to answer (Pending, no response window, no notification).
    pub(super) fn view_copy(&self, from: &Referral) -> Referral {
        let vendor = self.ctx.directory.vendor();
        let context = invite(
            from,
            self.ctx,
            HelpType::NoHelpRequired,
            &from.details.notes,
            Vec::new(),
        );
        Referral {
            expiration_date_time: None,
            substatus: Substatus::Pending,
            ..self.received_copy(from, &vendor.id, &vendor.locations[0].id, context, None)
        }
    }

    /// The invited partner's Received copy: the inviter's estimate for that partner's part.
    pub(super) fn partner_copy(&self, from: &Referral, inv: &PartnerInvitation) -> Referral {
        let ctx = self.ctx;
        let mut sp = Problems::default();
        let solutions = resolve_solutions(
            &mut sp,
            ctx,
            "solutions",
            &inv.solution_ids,
            &from.organization_id,
        );
        let details = Details {
            deal_value: inv.deal_value,
            currency: inv.currency.trim().to_string(),
            closing_date_time: inv.completion_date_time,
            notes: String::new(),
            requirements: Requirements { solutions },
            help_type: inv.help_type,
            assessment_location: None,
        };
        let location = partner_location(
            ctx.directory,
            &inv.partner_id,
            &from.customer_profile.address.country,
        );
        let context = invite(
            from,
            ctx,
            inv.help_type,
            &inv.notes,
            inv.team.iter().map(trimmed).collect(),
        );
        let mut copy = self.received_copy(from, &inv.partner_id, &location, context, Some(details));
        copy.p2p = true;
        copy
    }

    /// Writes a new Received referral and tells its organisation.
    pub(super) fn deliver(&mut self, received: Referral) {
        self.deliver_over(None, received);
    }

    /// As [`Builder::deliver`], replacing `old` (a view-only copy) when there is one.
    pub(super) fn deliver_over(&mut self, old: Option<&Referral>, received: Referral) {
        self.write(old, received, ActivityAction::Received);
        let written = self
            .outcome
            .referrals
            .last()
            .expect("just written")
            .referral
            .clone();
        self.notify(&written, NotificationKind::NewInbound, true);
    }

    /// Applies an upgrade to the acting party's referral and to every other party's copy
    /// that is still open (closed copies stay as they were), but `except` (written apart).
    pub(super) fn upgrade_engagement(
        &mut self,
        own: &Referral,
        mut new_own: Referral,
        change: impl Fn(&mut Referral),
        action: ActivityAction,
        except: Option<&str>,
    ) {
        change(&mut new_own);
        let others: Vec<Referral> = self
            .ctx
            .exchange
            .engagement(&own.engagement_id)
            .filter(|r| {
                r.id != own.id && !r.substatus.is_terminal() && Some(r.id.as_str()) != except
            })
            .cloned()
            .collect();
        self.write(Some(own), new_own, action);
        for other in others {
            let mut new = other.clone();
            change(&mut new);
            if new != other {
                self.write(Some(&other), new, action);
            }
        }
    }

    /// Tells the organisation that invited `referral`'s party how it answered.
    pub(super) fn notify_inviter(&mut self, referral: &Referral, kind: NotificationKind) {
        let Some(ctx) = &referral.invite_context else {
            return;
        };
        let inviter = self
            .ctx
            .exchange
            .engagement(&referral.engagement_id)
            .find(|r| r.organization_id == ctx.invited_by.organization_id)
            .cloned();
        if let Some(inviter) = inviter {
            self.notify(&inviter, kind, false);
        }
    }

    pub(super) fn notify(
        &mut self,
        about: &Referral,
        kind: NotificationKind,
        include_location_contact: bool,
    ) {
        let now = self.ctx.now;
        let kind_tag = crate::domain::support::json_writer::to_json(&kind);
        for r in recipients(self.ctx.directory, about, include_location_contact) {
            self.outcome.notifications.push(Notification {
                id: derive(&[
                    &about.id,
                    &now.timestamp_millis().to_string(),
                    &kind_tag,
                    &r.email,
                ]),
                user_id: r.user_id,
                email: r.email,
                locale: r.locale,
                referral_id: about.id.clone(),
                deal_name: about.name.clone(),
                at: now,
                kind: kind.clone(),
                emailed: r.emailed,
                read: false,
            });
        }
    }
}

pub(super) fn invite(
    from: &Referral,
    ctx: Ctx,
    help_type: HelpType,
    notes: &str,
    contacts: Vec<Contact>,
) -> InviteContext {
    InviteContext {
        invited_by: InvitedBy {
            organization_id: from.organization_id.clone(),
            name: ctx.org_name(&from.organization_id),
        },
        notes: notes.to_string(),
        help_type,
        contacts,
    }
}

/// Where an invited partner receives the referral: its location in the customer's country,
/// else its first one; a directory partner outside the exchange gets its main office.
pub(super) fn partner_location(
    directory: &ReferenceData,
    partner_id: &str,
    country: &str,
) -> String {
    match directory.organization(partner_id) {
        Some(o) => o
            .locations
            .iter()
            .find(|l| l.country == country)
            .unwrap_or(&o.locations[0])
            .id
            .clone(),
        None => format!("{partner_id}-main"),
    }
}

/// Records why `r` closes: the code, the user's notes, and the API's English text.
pub(super) fn closed_for(r: &mut Referral, code: ReasonCode, notes: &str) {
    r.status_reason = with_notes(&code.text_in(Locale::En), notes);
    r.status_reason_code = Some(code);
    r.status_reason_notes = notes.trim().to_string();
}

pub(super) fn with_notes(reason: &str, notes: &str) -> String {
    if notes.trim().is_empty() {
        reason.to_string()
    } else {
        format!("{reason}: {}", notes.trim())
    }
}

pub(super) fn trimmed(c: &Contact) -> Contact {
    Contact {
        name: c.name.trim().into(),
        phone: c.phone.trim().into(),
        email: c.email.trim().into(),
    }
}

impl Ctx<'_> {
    pub(super) fn vendor_id(&self) -> &str {
        &self.directory.vendor().id
    }

    pub(super) fn referral(&self, id: &str) -> Result<&Referral, CommandError> {
        self.exchange
            .referral(id)
            .ok_or(CommandError::UnknownReferral)
    }

    pub(super) fn check(&self, referral: &Referral, action: Action) -> Result<(), Refusal> {
        rules::check(
            self.exchange,
            self.vendor_id(),
            self.user,
            referral,
            action,
            self.now,
        )
    }

    /// The signed-in user as a team member.
    pub(super) fn user_contact(&self) -> Contact {
        Contact {
            name: self.user.display_name.clone(),
            phone: self.user.phone.clone(),
            email: self.user.email.clone(),
        }
    }

    pub(super) fn org_name(&self, id: &str) -> String {
        self.directory.party_name(id)
    }
}
