//! Tests of the rule set, one per row of SPEC's tables, plus the boundaries.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::domain::deal::commands::*;
use crate::domain::deal::eligibility::{eligibility, Criterion};
use crate::domain::deal::rules::*;
use crate::domain::deal::validation::{FieldError, MessageKey};
use crate::domain::exchange::Ctx;
use crate::domain::exchange::{Exchange, Outcome};
use crate::domain::records::directory::{ReferenceData, User};
use crate::domain::records::notification::NotificationKind;
use crate::domain::records::referral::*;
use crate::domain::records::registration::{ContractType, RegistrationForm, RegistrationStatus};
use crate::domain::records::stage::SalesStage;
use crate::domain::support::locale::Locale;
use crate::domain::testing::directory;

pub(crate) struct World {
    pub data: ReferenceData,
    pub exchange: Exchange,
    pub now: DateTime<Utc>,
}

impl World {
    pub fn new() -> Self {
        World {
            data: directory(),
            exchange: Exchange::default(),
            now: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
        }
    }

    pub fn user(&self, id: &str) -> User {
        self.data
            .user(id)
            .unwrap_or_else(|| panic!("no user {id}"))
            .clone()
    }

    pub fn decide(&self, user: &str, cmd: &Command) -> Result<Outcome, CommandError> {
        let user = self.user(user);
        decide(
            cmd,
            Ctx {
                exchange: &self.exchange,
                directory: &self.data,
                user: &user,
                now: self.now,
            },
        )
    }

    pub fn run(&mut self, user: &str, cmd: Command) -> Result<Outcome, CommandError> {
        let outcome = self.decide(user, &cmd)?;
        self.exchange
            .apply(&outcome)
            .expect("a decided outcome applies");
        Ok(outcome)
    }

    pub fn copy(&self, engagement: &str, org: &str) -> Referral {
        self.exchange
            .engagement(engagement)
            .find(|r| r.organization_id == org)
            .unwrap_or_else(|| panic!("no {org} copy"))
            .clone()
    }

    pub fn allowed(&self, user: &str, r: &Referral) -> Vec<Action> {
        allowed_actions(&self.exchange, "msft", &self.user(user), r, self.now)
    }

    pub fn later(&mut self, d: Duration) {
        self.now += d;
    }
}

pub(crate) fn contact(name: &str, email: &str) -> Contact {
    Contact {
        name: name.into(),
        phone: "+49 89 1234567".into(),
        email: email.into(),
    }
}

pub(crate) fn new_deal(
    engagement: &str,
    help: HelpType,
    may_view: bool,
    now: DateTime<Utc>,
) -> NewDeal {
    NewDeal {
        engagement_id: engagement.into(),
        customer: CustomerProfile {
            name: "Adatum Corporation".into(),
            address: Address {
                address_line1: "Leopoldstraße 12".into(),
                city: "Munich".into(),
                state: String::new(),
                postal_code: "80802".into(),
                country: "DE".into(),
            },
            size: "10000+".into(),
            ids: CustomerIds {
                duns: Some("111111111".into()),
            },
            contact: Some(contact("Erika Mustermann", "erika@adatum.example")),
        },
        name: "Adatum fleet analytics".into(),
        location: "contoso-munich".into(),
        deal_value: 120_000.0,
        currency: "EUR".into(),
        closing_date_time: now + Duration::days(90),
        crm_id: "CRM-1".into(),
        campaign_id: String::new(),
        notes: "Joint pitch".into(),
        team: vec![contact(
            "Contoso Germany Seller",
            "contoso-de-seller@contoso.example",
        )],
        solution_ids: vec!["fleet".into()],
        help_type: help,
        microsoft_may_view: may_view,
        assessment_location: None,
        invitations: Vec::new(),
        for_partner: None,
    }
}

pub(crate) fn invitation(partner: &str, now: DateTime<Utc>) -> PartnerInvitation {
    PartnerInvitation {
        partner_id: partner.into(),
        completion_date_time: now + Duration::days(60),
        deal_value: 30_000.0,
        currency: "EUR".into(),
        notes: "Data platform part".into(),
        team: vec![contact("Lena Vogel", "lena@contoso.example")],
        solution_ids: vec!["data".into()],
        help_type: HelpType::ProofOfConceptOrDemo,
    }
}

fn create(w: &mut World, engagement: &str, help: HelpType, may_view: bool) -> Referral {
    let deal = new_deal(engagement, help, may_view, w.now);
    w.run("contoso-admin", Command::CreateDeal { deal })
        .expect("valid deal");
    w.copy(engagement, "contoso")
}

fn fields(err: CommandError) -> Vec<(String, MessageKey)> {
    match err {
        CommandError::Invalid(e) => e
            .into_iter()
            .map(|FieldError { field, key }| (field, key))
            .collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn refused(err: Result<Outcome, CommandError>) -> Refusal {
    match err {
        Err(CommandError::Refused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

// --- SPEC §3: deal types -------------------------------------------------------------

#[test]
fn deal_type_no_help_and_not_viewable_is_private() {
    assert_eq!(
        deal_type(HelpType::NoHelpRequired, false),
        SharingType::Private
    );
}

#[test]
fn deal_type_no_help_and_viewable_is_partner_led() {
    assert_eq!(
        deal_type(HelpType::NoHelpRequired, true),
        SharingType::PartnerLed
    );
}

#[test]
fn deal_type_any_help_is_co_sell() {
    for help in &HelpType::ALL[1..] {
        assert_eq!(deal_type(*help, false), SharingType::CoSell, "{help:?}");
        assert_eq!(deal_type(*help, true), SharingType::CoSell, "{help:?}");
    }
}

#[test]
fn creating_a_co_sell_deal_invites_microsoft_with_14_days_to_answer() {
    let mut w = World::new();
    let own = create(&mut w, "e1", HelpType::CustomerTechnicalArchitecture, false);
    assert_eq!(
        (own.status, own.substatus, own.sales_stage),
        (
            Status::Active,
            Substatus::Accepted,
            Some(SalesStage::Created)
        )
    );
    assert_eq!(own.direction, Direction::Outgoing);
    let ms = w.copy("e1", "msft");
    assert_eq!(
        (ms.substatus, ms.direction, ms.sharing),
        (
            Substatus::Received,
            Direction::Incoming,
            SharingType::CoSell
        )
    );
    assert_eq!(ms.expiration_date_time, Some(w.now + Duration::days(14)));
    assert_eq!(
        ms.invite_context.unwrap().invited_by.organization_id,
        "contoso"
    );
}

#[test]
fn creating_the_same_deal_twice_is_refused() {
    let mut w = World::new();
    create(&mut w, "once", HelpType::NoHelpRequired, false);
    let again = Command::CreateDeal {
        deal: new_deal("once", HelpType::NoHelpRequired, false, w.now),
    };
    assert_eq!(
        refused(w.decide("contoso-admin", &again)),
        Refusal::DealExists
    );
}

#[test]
fn a_private_deal_has_no_microsoft_copy_and_a_partner_led_deal_a_view_only_one() {
    let mut w = World::new();
    assert_eq!(
        create(&mut w, "p", HelpType::NoHelpRequired, false).sharing,
        SharingType::Private
    );
    assert_eq!(w.exchange.engagement("p").count(), 1);
    let out = w
        .run(
            "contoso-admin",
            Command::CreateDeal {
                deal: new_deal("l", HelpType::NoHelpRequired, true, w.now),
            },
        )
        .unwrap();
    assert!(
        out.notifications.is_empty(),
        "Microsoft is not asked to answer"
    );
    let view = w.copy("l", "msft");
    assert!(view.is_view_only());
    assert_eq!(
        (
            view.status,
            view.direction,
            view.expiration_date_time,
            view.accepted_date_time
        ),
        (Status::New, Direction::Incoming, None, None)
    );
    assert_eq!(view.sharing, SharingType::PartnerLed);
    let seller = w.user("msft-seller");
    assert!(
        crate::domain::deal::visibility::can_see(&seller, &view),
        "Microsoft sellers whose scope covers it see it"
    );
    assert_eq!(
        w.allowed("msft-seller", &view),
        [Action::AddSharedNote],
        "no Accept or Decline, nothing to do but write to the parties"
    );
    w.later(Duration::days(15));
    assert!(
        due_expiries(&w.exchange, w.now).is_empty(),
        "a view never expires"
    );
}

#[test]
fn a_microsoft_seller_creates_a_referral_that_arrives_in_the_partners_inbound() {
    let mut w = World::new();
    let mut deal = new_deal("m1", HelpType::GeneralOrOther, true, w.now);
    deal.location = "msft-global".into();
    deal.team = vec![contact("Microsoft Seller", "msft-seller@msft.example")];
    deal.solution_ids = vec!["azure".into()];
    deal.for_partner = Some(PartnerTarget {
        organization_id: "contoso".into(),
        location: "contoso-munich".into(),
    });
    w.run("msft-seller", Command::CreateDeal { deal }).unwrap();
    assert_eq!(w.copy("m1", "msft").direction, Direction::Outgoing);
    let partner = w.copy("m1", "contoso");
    assert_eq!(
        (
            partner.substatus,
            partner.location.as_str(),
            partner.sharing
        ),
        (Substatus::Received, "contoso-munich", SharingType::CoSell)
    );
}

// --- SPEC §3: upgrades ------------------------------------------------------------------

#[test]
fn upgrade_private_invite_microsoft_becomes_co_sell() {
    let mut w = World::new();
    let r = create(&mut w, "u1", HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::InviteMicrosoft {
            referral_id: r.id.clone(),
            help_type: HelpType::QuotesAndLicensing,
            contact: None,
        },
    )
    .unwrap();
    assert_eq!(w.copy("u1", "contoso").sharing, SharingType::CoSell);
    let ms = w.copy("u1", "msft");
    assert_eq!(
        (ms.substatus, ms.sharing),
        (Substatus::Received, SharingType::CoSell)
    );
}

#[test]
fn upgrade_private_microsoft_sellers_may_view_becomes_partner_led() {
    let mut w = World::new();
    let r = create(&mut w, "u2", HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::AllowMicrosoftView {
            referral_id: r.id.clone(),
        },
    )
    .unwrap();
    let r = w.copy("u2", "contoso");
    assert_eq!(r.sharing, SharingType::PartnerLed);
    assert!(r.consent.consent_to_share_referral_with_microsoft_sellers);
    let view = w.copy("u2", "msft");
    assert!(
        view.is_view_only(),
        "sellers may view, they are not invited"
    );
    assert_eq!(view.sharing, SharingType::PartnerLed);
}

#[test]
fn upgrade_partner_led_invite_microsoft_becomes_co_sell() {
    let mut w = World::new();
    let r = create(&mut w, "u3", HelpType::NoHelpRequired, true);
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::AllowMicrosoftView {
                referral_id: r.id.clone()
            }
        )),
        Refusal::UpgradeNotAllowed
    );
    w.run(
        "contoso-admin",
        Command::InviteMicrosoft {
            referral_id: r.id,
            help_type: HelpType::ProofOfConceptOrDemo,
            contact: None,
        },
    )
    .unwrap();
    assert_eq!(w.copy("u3", "contoso").sharing, SharingType::CoSell);
    let ms = w.copy("u3", "msft");
    assert_eq!(
        w.exchange.engagement("u3").count(),
        2,
        "the view became the invitation"
    );
    assert_eq!(ms.substatus, Substatus::Received);
    assert_eq!(ms.sharing, SharingType::CoSell);
    assert!(ms.expiration_date_time.is_some());
    assert_eq!(
        ms.invite_context.unwrap().help_type,
        HelpType::ProofOfConceptOrDemo
    );
}

#[test]
fn upgrade_co_sell_invite_partner_only_by_the_creating_company() {
    let mut w = World::new();
    let r = create(
        &mut w,
        "u4",
        HelpType::WorkloadSpecificValueProposition,
        false,
    );
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::InviteMicrosoft {
                referral_id: r.id.clone(),
                help_type: HelpType::GeneralOrOther,
                contact: None
            }
        )),
        Refusal::UpgradeNotAllowed
    );
    w.run(
        "contoso-admin",
        Command::InvitePartner {
            referral_id: r.id.clone(),
            invitation: invitation("fabrikam", w.now),
        },
    )
    .unwrap();
    let own = w.copy("u4", "contoso");
    assert_eq!((own.sharing, own.p2p), (SharingType::CoSell, true));
    assert!(w.copy("u4", "msft").p2p, "every open copy shows P2P");
    // Never from Inbound: Fabrikam accepts its copy and still cannot invite.
    let fab = w.copy("u4", "fabrikam");
    w.run(
        "fabrikam-admin",
        Command::Accept {
            referral_id: fab.id.clone(),
            details: details_of(&fab, w.now),
            team: vec![contact("Fab", "f@fabrikam.example")],
        },
    )
    .unwrap();
    let fab = w.copy("u4", "fabrikam");
    assert_eq!(
        refused(w.decide(
            "fabrikam-admin",
            &Command::InvitePartner {
                referral_id: fab.id,
                invitation: invitation("northwind", w.now)
            }
        )),
        Refusal::NotCreator
    );
}

#[test]
fn upgrade_p2p_without_microsoft_invite_microsoft_becomes_co_sell() {
    let mut w = World::new();
    let mut deal = new_deal("u5", HelpType::NoHelpRequired, false, w.now);
    deal.invitations = vec![invitation("fabrikam", w.now)];
    w.run("contoso-admin", Command::CreateDeal { deal })
        .unwrap();
    let own = w.copy("u5", "contoso");
    assert_eq!((own.sharing, own.p2p), (SharingType::Private, true));
    assert_eq!(own.type_label(), "Private + P2P");
    w.run(
        "contoso-admin",
        Command::InviteMicrosoft {
            referral_id: own.id,
            help_type: HelpType::GeneralOrOther,
            contact: None,
        },
    )
    .unwrap();
    assert_eq!(w.copy("u5", "contoso").sharing, SharingType::CoSell);
    assert_eq!(w.copy("u5", "fabrikam").sharing, SharingType::CoSell);
}

#[test]
fn upgrade_p2p_without_microsoft_invite_partner_keeps_the_type() {
    let mut w = World::new();
    let r = create(&mut w, "u6", HelpType::NoHelpRequired, true);
    w.run(
        "contoso-admin",
        Command::InvitePartner {
            referral_id: r.id.clone(),
            invitation: invitation("fabrikam", w.now),
        },
    )
    .unwrap();
    w.run(
        "contoso-admin",
        Command::InvitePartner {
            referral_id: r.id,
            invitation: invitation("northwind", w.now),
        },
    )
    .unwrap();
    let own = w.copy("u6", "contoso");
    assert_eq!((own.sharing, own.p2p), (SharingType::PartnerLed, true));
    assert_eq!(
        w.exchange.engagement("u6").count(),
        4,
        "two partners and Microsoft's view"
    );
}

/// A Private deal of Contoso's that Fabrikam was invited to and accepted.
fn accepted_p2p(w: &mut World, engagement: &str) -> Referral {
    let r = create(w, engagement, HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::InvitePartner {
            referral_id: r.id,
            invitation: invitation("fabrikam", w.now),
        },
    )
    .unwrap();
    let f = w.copy(engagement, "fabrikam");
    w.run(
        "fabrikam-admin",
        Command::Accept {
            referral_id: f.id.clone(),
            details: details_of(&f, w.now),
            team: Vec::new(),
        },
    )
    .unwrap();
    w.copy(engagement, "fabrikam")
}

#[test]
fn an_invited_partner_may_invite_microsoft_on_its_p2p_copy() {
    let mut w = World::new();
    let f = accepted_p2p(&mut w, "pp");
    assert!(w
        .allowed("fabrikam-admin", &f)
        .contains(&Action::InviteMicrosoft));
    assert!(!w
        .allowed("fabrikam-admin", &f)
        .contains(&Action::InvitePartner));
    assert_eq!(
        refused(w.decide(
            "fabrikam-admin",
            &Command::InvitePartner {
                referral_id: f.id.clone(),
                invitation: invitation("northwind", w.now)
            }
        )),
        Refusal::NotCreator,
        "inviting further partners stays with the creator"
    );
    w.run(
        "fabrikam-admin",
        Command::InviteMicrosoft {
            referral_id: f.id.clone(),
            help_type: HelpType::QuotesAndLicensing,
            contact: None,
        },
    )
    .unwrap();
    let ms = w.copy("pp", "msft");
    assert_eq!(ms.substatus, Substatus::Received);
    assert_eq!(
        ms.invite_context.unwrap().invited_by.organization_id,
        "fabrikam"
    );
    assert_eq!(
        w.copy("pp", "contoso").sharing,
        SharingType::CoSell,
        "every open copy is Co-sell now"
    );
}

#[test]
fn an_invited_partner_may_let_microsoft_sellers_view() {
    let mut w = World::new();
    let f = accepted_p2p(&mut w, "pv");
    w.run(
        "fabrikam-admin",
        Command::AllowMicrosoftView {
            referral_id: f.id.clone(),
        },
    )
    .unwrap();
    assert!(w.copy("pv", "msft").is_view_only());
    assert_eq!(w.copy("pv", "contoso").sharing, SharingType::PartnerLed);
}

#[test]
fn upgrades_are_refused_once_the_deal_is_closed() {
    let mut w = World::new();
    let r = create(&mut w, "u7", HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::MarkLost {
            referral_id: r.id.clone(),
            reason: LossReason::Competitor,
            notes: String::new(),
        },
    )
    .unwrap();
    for cmd in [
        Command::AllowMicrosoftView {
            referral_id: r.id.clone(),
        },
        Command::InviteMicrosoft {
            referral_id: r.id.clone(),
            help_type: HelpType::GeneralOrOther,
            contact: None,
        },
        Command::InvitePartner {
            referral_id: r.id.clone(),
            invitation: invitation("fabrikam", w.now),
        },
    ] {
        assert_eq!(refused(w.decide("contoso-admin", &cmd)), Refusal::Terminal);
    }
}

pub(crate) fn details_of(r: &Referral, now: DateTime<Utc>) -> DealDetailsInput {
    DealDetailsInput {
        name: r.name.clone(),
        deal_value: r.details.deal_value,
        currency: r.details.currency.clone(),
        closing_date_time: r.details.closing_date_time.max(now),
        notes: r.details.notes.clone(),
        crm_id: r.external_reference_id.clone(),
        campaign_id: r.marketing_campaign_id.clone(),
    }
}

// --- SPEC §6: lifecycle, response window -------------------------------------------------

fn received(w: &mut World) -> Referral {
    create(w, "r", HelpType::CustomerTechnicalArchitecture, false);
    w.copy("r", "msft")
}

#[test]
fn accepting_one_second_before_14_days_works_and_notifies_the_sender() {
    let mut w = World::new();
    let ms = received(&mut w);
    w.later(Duration::days(14) - Duration::seconds(1));
    assert!(w.allowed("msft-seller", &ms).contains(&Action::Accept));
    assert_eq!(
        refused(w.decide(
            "msft-seller",
            &Command::Expire {
                referral_id: ms.id.clone()
            }
        )),
        Refusal::ResponseWindowOpen
    );
    let out = w
        .run(
            "msft-seller",
            Command::Accept {
                referral_id: ms.id.clone(),
                details: details_of(&ms, w.now),
                team: vec![contact("Microsoft Seller", "msft-seller@msft.example")],
            },
        )
        .unwrap();
    let ms = w.copy("r", "msft");
    assert_eq!(
        (ms.status, ms.substatus, ms.sales_stage),
        (
            Status::Active,
            Substatus::Accepted,
            Some(SalesStage::Accepted)
        )
    );
    assert!(out
        .notifications
        .iter()
        .any(|n| n.user_id.as_deref() == Some("contoso-admin")
            && n.kind
                == NotificationKind::Accepted {
                    by: "Microsoft".into()
                }));
}

#[test]
fn at_exactly_14_days_the_referral_expires_and_can_no_longer_be_answered() {
    let mut w = World::new();
    let ms = received(&mut w);
    w.later(Duration::days(14));
    assert_eq!(
        refused(w.decide(
            "msft-seller",
            &Command::Decline {
                referral_id: ms.id.clone(),
                reason: DeclineReason::Other,
                notes: String::new()
            }
        )),
        Refusal::ResponseWindowClosed
    );
    assert_eq!(
        due_expiries(&w.exchange, w.now),
        vec![Command::Expire {
            referral_id: ms.id.clone()
        }]
    );
    let out = w
        .run(
            "contoso-admin",
            Command::Expire {
                referral_id: ms.id.clone(),
            },
        )
        .unwrap();
    assert_eq!(w.copy("r", "msft").substatus, Substatus::Expired);
    assert_eq!(
        out.activity[0].actor.user_id, None,
        "expiry is the system's"
    );
    assert!(out.notifications.iter().any(|n| n.kind
        == NotificationKind::Expired {
            by: "Microsoft".into()
        }
        && n.user_id.as_deref() == Some("contoso-admin")));
}

#[test]
fn expire_due_expires_every_waiting_referral_past_its_window_at_once() {
    let mut w = World::new();
    create(&mut w, "x1", HelpType::GeneralOrOther, false);
    w.later(Duration::days(1));
    create(&mut w, "x2", HelpType::GeneralOrOther, false);
    w.later(Duration::days(13));
    let user = w.user("fabrikam-admin");
    let out = expire_due(Ctx {
        exchange: &w.exchange,
        directory: &w.data,
        user: &user,
        now: w.now,
    });
    assert_eq!(out.referrals.len(), 1, "only the first is 14 days old");
    w.exchange.apply(&out).unwrap();
    assert_eq!(w.copy("x1", "msft").substatus, Substatus::Expired);
    assert_eq!(w.copy("x2", "msft").substatus, Substatus::Received);
}

#[test]
fn one_second_after_14_days_the_referral_is_due_to_expire() {
    let mut w = World::new();
    let ms = received(&mut w);
    w.later(Duration::days(14) + Duration::seconds(1));
    assert_eq!(
        refused(w.decide(
            "msft-seller",
            &Command::Accept {
                referral_id: ms.id.clone(),
                details: details_of(&ms, w.now),
                team: vec![]
            }
        )),
        Refusal::ResponseWindowClosed
    );
    assert!(w
        .decide("msft-seller", &Command::Expire { referral_id: ms.id })
        .is_ok());
}

#[test]
fn every_decline_reason_closes_the_referral_and_tells_the_sender_why() {
    for reason in DeclineReason::ALL {
        let mut w = World::new();
        let ms = received(&mut w);
        let out = w
            .run(
                "msft-seller",
                Command::Decline {
                    referral_id: ms.id.clone(),
                    reason,
                    notes: "see call".into(),
                },
            )
            .unwrap();
        let ms = w.copy("r", "msft");
        assert_eq!(
            (ms.status, ms.substatus),
            (Status::Closed, Substatus::Declined)
        );
        assert_eq!(ms.status_reason, format!("{}: see call", reason.label()));
        assert!(out.notifications.iter().any(|n| matches!(&n.kind, NotificationKind::Declined { reason: r, .. } if r == reason.label())));
    }
    assert_eq!(DeclineReason::ALL.len(), 8);
}

#[test]
fn a_received_referral_cannot_be_worked_before_it_is_accepted() {
    let mut w = World::new();
    let ms = received(&mut w);
    assert_eq!(
        w.allowed("msft-seller", &ms),
        vec![Action::Accept, Action::Decline]
    );
    assert_eq!(
        refused(w.decide(
            "msft-seller",
            &Command::MarkStage {
                referral_id: ms.id,
                stage: SalesStage::Qualified
            }
        )),
        Refusal::NotAccepted
    );
}

// --- SPEC §6: sales stages ---------------------------------------------------------------

#[test]
fn sales_stage_created_is_where_an_outbound_deal_starts_at_10_percent() {
    let mut w = World::new();
    let r = create(&mut w, "s", HelpType::NoHelpRequired, false);
    assert_eq!(
        r.sales_stage.map(|s| (s, s.percent())),
        Some((SalesStage::Created, 10))
    );
}

#[test]
fn sales_stage_accepted_is_where_an_inbound_deal_starts_at_10_percent() {
    assert_eq!(SalesStage::Accepted.percent(), 10);
    assert_eq!(
        stage_for_percent(10, Direction::Incoming, false),
        SalesStage::Accepted
    );
}

#[test]
fn sales_stages_qualified_developed_proposed_negotiated_move_forward_only_and_may_be_skipped() {
    let mut w = World::new();
    let r = create(&mut w, "s", HelpType::NoHelpRequired, false);
    for (stage, pct) in [(SalesStage::Qualified, 20), (SalesStage::Proposed, 60)] {
        w.run(
            "contoso-admin",
            Command::MarkStage {
                referral_id: r.id.clone(),
                stage,
            },
        )
        .unwrap();
        assert_eq!(w.copy("s", "contoso").sales_stage.unwrap().percent(), pct);
    }
    for back in [
        SalesStage::Qualified,
        SalesStage::Developed,
        SalesStage::Proposed,
    ] {
        assert_eq!(
            refused(w.decide(
                "contoso-admin",
                &Command::MarkStage {
                    referral_id: r.id.clone(),
                    stage: back
                }
            )),
            Refusal::StageNotForward
        );
    }
    w.run(
        "contoso-admin",
        Command::MarkStage {
            referral_id: r.id.clone(),
            stage: SalesStage::Negotiated,
        },
    )
    .unwrap();
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::MarkStage {
                referral_id: r.id.clone(),
                stage: SalesStage::AssessmentPlanned
            }
        )),
        Refusal::WrongStageKind
    );
}

#[test]
fn sales_stage_won_is_100_percent_and_closes_the_deal() {
    let mut w = World::new();
    let r = create(&mut w, "s", HelpType::NoHelpRequired, true);
    w.later(Duration::hours(80));
    w.run(
        "contoso-admin",
        Command::MarkWon {
            referral_id: r.id.clone(),
            confirm_early: false,
        },
    )
    .unwrap();
    let r = w.copy("s", "contoso");
    assert_eq!(
        (r.status, r.substatus, r.sales_stage.map(|s| s.percent())),
        (Status::Closed, Substatus::Won, Some(100))
    );
}

fn assessment_deal(w: &mut World) -> Referral {
    let mut deal = new_deal("sa", HelpType::NoHelpRequired, true, w.now);
    deal.solution_ids = vec!["migration-assessment".into()];
    deal.assessment_location = Some("contoso-munich".into());
    w.run("contoso-admin", Command::CreateDeal { deal })
        .unwrap();
    w.copy("sa", "contoso")
}

#[test]
fn a_solution_assessment_keeps_its_assessment_solution() {
    let mut w = World::new();
    let r = assessment_deal(&mut w);
    let edit = |ids: &[&str]| Command::EditSolutions {
        referral_id: r.id.clone(),
        solution_ids: ids.iter().map(|s| s.to_string()).collect(),
    };
    match w.decide("contoso-admin", &edit(&["security-assessment"])) {
        Err(CommandError::Invalid(e)) => assert_eq!(e[0].key, MessageKey::AssessmentSolutionFixed),
        other => panic!("swapping the assessment must be refused: {other:?}"),
    }
    match w.decide("contoso-admin", &edit(&["azure"])) {
        Err(CommandError::Invalid(e)) => assert_eq!(e[0].key, MessageKey::AssessmentKindFixed),
        other => panic!("{other:?}"),
    }
    assert!(
        w.decide("contoso-admin", &edit(&["migration-assessment"]))
            .is_ok(),
        "the same one is no change of kind"
    );
}

#[test]
fn solution_assessment_stages_are_marked_in_order_and_won_needs_all_of_them() {
    let mut w = World::new();
    let r = assessment_deal(&mut w);
    assert_eq!(r.type_label(), "Solution assessment");
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::MarkWon {
                referral_id: r.id.clone(),
                confirm_early: true
            }
        )),
        Refusal::AssessmentIncomplete
    );
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::MarkStage {
                referral_id: r.id.clone(),
                stage: SalesStage::DataCollected
            }
        )),
        Refusal::StageNotNext
    );
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::MarkStage {
                referral_id: r.id.clone(),
                stage: SalesStage::Qualified
            }
        )),
        Refusal::WrongStageKind
    );
    for (stage, pct) in [
        (SalesStage::AssessmentPlanned, 20),
        (SalesStage::DataCollected, 40),
        (SalesStage::AnalysisDone, 60),
        (SalesStage::ReportDelivered, 80),
    ] {
        let current = w.copy("sa", "contoso");
        assert!(!w
            .allowed("contoso-admin", &current)
            .contains(&Action::MarkWon));
        w.run(
            "contoso-admin",
            Command::MarkStage {
                referral_id: r.id.clone(),
                stage,
            },
        )
        .unwrap();
        assert_eq!(w.copy("sa", "contoso").sales_stage.unwrap().percent(), pct);
    }
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::MarkStage {
                referral_id: r.id.clone(),
                stage: SalesStage::AnalysisDone
            }
        )),
        Refusal::StageNotForward
    );
    w.run(
        "contoso-admin",
        Command::MarkWon {
            referral_id: r.id,
            confirm_early: false,
        },
    )
    .unwrap();
    assert_eq!(w.copy("sa", "contoso").substatus, Substatus::Won);
}

#[test]
fn closed_deals_refuse_every_action() {
    let mut w = World::new();
    let r = create(&mut w, "c", HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::MarkLost {
            referral_id: r.id.clone(),
            reason: LossReason::NoBudget,
            notes: String::new(),
        },
    )
    .unwrap();
    let r = w.copy("c", "contoso");
    assert!(w.allowed("contoso-admin", &r).is_empty());
    let d = details_of(&r, w.now);
    for cmd in [
        Command::EditDetails {
            referral_id: r.id.clone(),
            details: d.clone(),
            location: None,
        },
        Command::AddTeamMember {
            referral_id: r.id.clone(),
            member: contact("New", "new@contoso.example"),
        },
        Command::EditSolutions {
            referral_id: r.id.clone(),
            solution_ids: vec!["azure".into()],
        },
        Command::MarkStage {
            referral_id: r.id.clone(),
            stage: SalesStage::Qualified,
        },
        Command::MarkWon {
            referral_id: r.id.clone(),
            confirm_early: true,
        },
        Command::MarkLost {
            referral_id: r.id.clone(),
            reason: LossReason::Other,
            notes: String::new(),
        },
    ] {
        assert_eq!(
            refused(w.decide("contoso-admin", &cmd)),
            Refusal::Terminal,
            "{cmd:?}"
        );
    }
}

// --- SPEC §6: stage mapping ----------------------------------------------------------------

#[test]
fn stage_mapping_takes_the_highest_standard_stage_at_or_below_the_percentage() {
    let out = Direction::Outgoing;
    for (pct, stage) in [
        (0, SalesStage::Created),
        (10, SalesStage::Created),
        (19, SalesStage::Created),
        (20, SalesStage::Qualified),
        (39, SalesStage::Qualified),
        (40, SalesStage::Developed),
        (65, SalesStage::Proposed),
        (80, SalesStage::Negotiated),
        (99, SalesStage::Negotiated),
        (100, SalesStage::Negotiated),
    ] {
        assert_eq!(stage_for_percent(pct, out, false), stage, "{pct}%");
    }
    assert_eq!(
        stage_for_percent(100, out, true),
        SalesStage::Won,
        "100 only by an explicit Won"
    );
    assert_eq!(stage_from_text("won", out), Some(SalesStage::Won));
    assert_eq!(stage_from_text("Proposed", out), Some(SalesStage::Proposed));
    assert_eq!(stage_from_text("45%", out), Some(SalesStage::Developed));
    assert_eq!(stage_from_text("150", out), None);
    assert_eq!(stage_from_text("soon", out), None);
    // A solution assessment's percentages map to its own stages.
    assert_eq!(
        stage_from_text_for("45%", out, true),
        Some(SalesStage::DataCollected)
    );
    assert_eq!(
        stage_from_text_for("5", out, true),
        Some(SalesStage::AssessmentPlanned)
    );
    assert_eq!(
        stage_from_text_for("100", out, true),
        Some(SalesStage::ReportDelivered),
        "100 only by name"
    );
}

// --- SPEC §7: registration ---------------------------------------------------------------

fn form(now: DateTime<Utc>) -> RegistrationForm {
    let today = now.date_naive();
    RegistrationForm {
        contract_type: ContractType::New,
        total_contract_value: 100_000.0,
        currency: "EUR".into(),
        solution_value: 60_000.0,
        signed_date: today,
        contract_start_date: today,
        contract_end_date: Some(today + Duration::days(365)),
        evergreen: false,
        contact_email: "deals@contoso.example".into(),
    }
}

/// A Co-sell deal with an Azure IP co-sell solution that Microsoft accepted.
fn eligible_co_sell(w: &mut World) -> Referral {
    let r = create(w, "g", HelpType::CustomerTechnicalArchitecture, false);
    let ms = w.copy("g", "msft");
    w.run(
        "msft-seller",
        Command::Accept {
            referral_id: ms.id.clone(),
            details: details_of(&ms, w.now),
            team: vec![contact("MS", "msft-seller@msft.example")],
        },
    )
    .unwrap();
    r
}

fn criteria(w: &World, r: &Referral) -> Vec<(Criterion, bool)> {
    eligibility(
        &w.exchange,
        "msft",
        &w.exchange.referral(&r.id).unwrap().clone(),
    )
}

#[test]
fn eligibility_needs_co_sell_or_partner_led() {
    let mut w = World::new();
    let r = create(&mut w, "p", HelpType::NoHelpRequired, false);
    assert!(
        criteria(&w, &r).contains(&(Criterion::CoSellOrPartnerLed, false)),
        "Private"
    );
    let sa = assessment_deal(&mut w);
    assert!(
        criteria(&w, &sa).contains(&(Criterion::CoSellOrPartnerLed, false)),
        "solution assessment"
    );
    let l = create(&mut w, "l", HelpType::NoHelpRequired, true);
    assert!(criteria(&w, &l).contains(&(Criterion::CoSellOrPartnerLed, true)));
}

#[test]
fn eligibility_needs_an_incentive_eligible_solution() {
    let mut w = World::new();
    let r = eligible_co_sell(&mut w);
    assert!(criteria(&w, &r).contains(&(Criterion::IncentiveEligibleSolution, true)));
    w.run(
        "contoso-admin",
        Command::EditSolutions {
            referral_id: r.id.clone(),
            solution_ids: vec!["azure".into()],
        },
    )
    .unwrap();
    assert!(criteria(&w, &r).contains(&(Criterion::IncentiveEligibleSolution, false)));
}

#[test]
fn eligibility_needs_the_deal_won() {
    let mut w = World::new();
    let r = eligible_co_sell(&mut w);
    assert!(criteria(&w, &r).contains(&(Criterion::Won, false)));
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::Register {
                referral_id: r.id.clone(),
                form: form(w.now)
            }
        )),
        Refusal::NotEligible
    );
    w.run(
        "contoso-admin",
        Command::MarkWon {
            referral_id: r.id.clone(),
            confirm_early: true,
        },
    )
    .unwrap();
    assert!(criteria(&w, &r).iter().all(|(_, met)| *met));
}

#[test]
fn eligibility_of_co_sell_needs_microsoft_to_have_accepted() {
    let mut w = World::new();
    let r = create(&mut w, "g", HelpType::CustomerTechnicalArchitecture, false);
    assert!(
        criteria(&w, &r).contains(&(Criterion::MicrosoftAccepted, false)),
        "still Received"
    );
    let ms = w.copy("g", "msft");
    w.run(
        "msft-seller",
        Command::Decline {
            referral_id: ms.id,
            reason: DeclineReason::CustomerNeedNotMet,
            notes: String::new(),
        },
    )
    .unwrap();
    assert!(
        criteria(&w, &r).contains(&(Criterion::MicrosoftAccepted, false)),
        "declined"
    );
    let l = create(&mut w, "l", HelpType::NoHelpRequired, true);
    assert!(
        criteria(&w, &l).contains(&(Criterion::MicrosoftAccepted, true)),
        "not needed for Partner-led"
    );
}

#[test]
fn the_72_hour_guard_asks_for_confirmation_one_second_before_72_hours() {
    let mut w = World::new();
    let r = eligible_co_sell(&mut w);
    w.later(Duration::hours(72) - Duration::seconds(1));
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::MarkWon {
                referral_id: r.id.clone(),
                confirm_early: false
            }
        )),
        Refusal::EarlyWinNeedsConfirmation
    );
    assert!(w
        .decide(
            "contoso-admin",
            &Command::MarkWon {
                referral_id: r.id,
                confirm_early: true
            }
        )
        .is_ok());
}

#[test]
fn the_72_hour_guard_is_over_at_exactly_72_hours_and_after() {
    for extra in [Duration::zero(), Duration::seconds(1)] {
        let mut w = World::new();
        let r = eligible_co_sell(&mut w);
        w.later(Duration::hours(72) + extra);
        assert!(w
            .decide(
                "contoso-admin",
                &Command::MarkWon {
                    referral_id: r.id,
                    confirm_early: false
                }
            )
            .is_ok());
    }
}

#[test]
fn the_72_hour_guard_does_not_apply_to_deals_that_cannot_be_registered() {
    let mut w = World::new();
    let r = create(&mut w, "p", HelpType::NoHelpRequired, false);
    assert!(w
        .decide(
            "contoso-admin",
            &Command::MarkWon {
                referral_id: r.id,
                confirm_early: false
            }
        )
        .is_ok());
}

#[test]
fn registration_is_submitted_validated_and_then_the_lifecycle_closes() {
    let mut w = World::new();
    let r = eligible_co_sell(&mut w);
    w.later(Duration::days(5));
    w.run(
        "contoso-admin",
        Command::MarkWon {
            referral_id: r.id.clone(),
            confirm_early: false,
        },
    )
    .unwrap();
    let won = w.copy("g", "contoso");
    assert!(lifecycle(&w.exchange, "msft", &won)
        .iter()
        .any(|s| s.label.get(Locale::En) == "Deal registration" && s.state == StepState::Current));
    assert_eq!(w.allowed("contoso-admin", &won), vec![Action::Register]);

    let mut bad = form(w.now);
    bad.contract_start_date = bad.signed_date - Duration::days(1);
    bad.contract_end_date = None;
    bad.solution_value = 200_000.0;
    let errors = fields(
        w.decide(
            "contoso-admin",
            &Command::Register {
                referral_id: r.id.clone(),
                form: bad,
            },
        )
        .unwrap_err(),
    );
    assert_eq!(
        errors,
        [
            (
                "solutionValue".to_string(),
                MessageKey::SolutionValueAboveTotal
            ),
            ("contractStartDate".into(), MessageKey::StartBeforeSigned),
            ("contractEndDate".into(), MessageKey::EndOrEvergreen)
        ]
    );

    w.run(
        "contoso-admin",
        Command::Register {
            referral_id: r.id.clone(),
            form: form(w.now),
        },
    )
    .unwrap();
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::ApproveRegistration {
                referral_id: r.id.clone()
            }
        )),
        Refusal::NotValidator
    );
    w.run(
        "msft-seller",
        Command::StartReview {
            referral_id: r.id.clone(),
        },
    )
    .unwrap();
    let out = w
        .run(
            "msft-seller",
            Command::RequestAction {
                referral_id: r.id.clone(),
                note: "Attach the signed order".into(),
            },
        )
        .unwrap();
    assert!(out.notifications.iter().any(|n| n.kind
        == NotificationKind::Registration {
            status: RegistrationStatus::ActionRequired
        }));
    assert_eq!(
        refused(w.decide(
            "msft-seller",
            &Command::ApproveRegistration {
                referral_id: r.id.clone()
            }
        )),
        Refusal::RegistrationState
    );
    w.run(
        "contoso-admin",
        Command::Resubmit {
            referral_id: r.id.clone(),
            form: form(w.now),
        },
    )
    .unwrap();
    w.run(
        "msft-seller",
        Command::ApproveRegistration {
            referral_id: r.id.clone(),
        },
    )
    .unwrap();
    let done = w.copy("g", "contoso");
    assert_eq!(
        done.registration.as_ref().unwrap().status,
        RegistrationStatus::Approved
    );
    let steps = lifecycle(&w.exchange, "msft", &done);
    assert_eq!(
        steps.last().unwrap().state,
        StepState::Current,
        "Closed once validation ends"
    );
    assert!(matches!(
        steps[steps.len() - 2].kind,
        StepKind::Registration(Some(RegistrationStatus::Approved))
    ));
}

#[test]
fn lifecycle_marks_done_current_and_next_stages() {
    let mut w = World::new();
    let r = create(&mut w, "s", HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::MarkStage {
            referral_id: r.id.clone(),
            stage: SalesStage::Developed,
        },
    )
    .unwrap();
    let steps = lifecycle(&w.exchange, "msft", &w.copy("s", "contoso"));
    let view: Vec<(&str, Option<u8>, StepState)> = steps
        .iter()
        .map(|s| (s.label.get(Locale::En), s.percent, s.state))
        .collect();
    assert_eq!(
        view,
        [
            ("Created", Some(10), StepState::Done),
            ("Qualified", Some(20), StepState::Done),
            ("Developed", Some(40), StepState::Current),
            ("Proposed", Some(60), StepState::Next),
            ("Negotiated", Some(80), StepState::Next),
            ("Won", Some(100), StepState::Next),
            ("Closed", None, StepState::Next),
        ]
    );
    let names: Vec<String> = steps
        .iter()
        .map(|s| s.label.get(Locale::En).to_string())
        .collect();
    let spoken = lifecycle_spoken_in(Locale::En, &steps, &names);
    assert_eq!(spoken[2], "stage 3 of 6, Developed, 40 percent, current");
    assert_eq!(spoken[0], "stage 1 of 6, Created, 10 percent, done");
    assert_eq!(spoken[6], "Closed, next");
    let german: Vec<String> = steps
        .iter()
        .map(|s| s.label.get(Locale::De).to_string())
        .collect();
    assert_eq!(
        lifecycle_spoken_in(Locale::De, &steps, &german)[2],
        "Phase 3 von 6, Entwickelt, 40 Prozent, aktuell"
    );
    let ms = w.exchange.referrals().find(|x| x.organization_id == "msft");
    assert!(ms.is_none());
    let mut w2 = World::new();
    let inbound = received(&mut w2);
    let steps = lifecycle(&w2.exchange, "msft", &inbound);
    assert_eq!(
        (steps[0].label.get(Locale::En), steps[0].state),
        ("Received", StepState::Current)
    );
}

// --- SPEC §5: validation ---------------------------------------------------------------

#[test]
fn every_missing_or_malformed_field_is_reported_at_its_field_and_nothing_is_created() {
    let w = World::new();
    let mut deal = new_deal("v", HelpType::ProofOfConceptOrDemo, false, w.now);
    deal.customer.name = " ".into();
    deal.customer.ids.duns = Some("12345".into());
    deal.customer.contact = None;
    deal.name = String::new();
    deal.location = "fabrikam-redmond".into();
    deal.deal_value = 10.005;
    deal.currency = "EURO".into();
    deal.closing_date_time = w.now - Duration::days(1);
    deal.team = vec![Contact {
        name: String::new(),
        phone: "12".into(),
        email: "nope".into(),
    }];
    deal.solution_ids = vec![];
    let errors = fields(
        w.decide("contoso-admin", &Command::CreateDeal { deal })
            .unwrap_err(),
    );
    for expected in [
        ("customer.name", MessageKey::Required),
        ("customer.duns", MessageKey::InvalidDuns),
        ("contact.email", MessageKey::ContactRequiredForHelp),
        ("name", MessageKey::Required),
        ("location", MessageKey::UnknownLocation),
        ("value", MessageKey::TooManyDecimals),
        ("currency", MessageKey::InvalidCurrency),
        ("closeDate", MessageKey::DateInPast),
        ("team[0].name", MessageKey::Required),
        ("team[0].phone", MessageKey::InvalidPhone),
        ("team[0].email", MessageKey::InvalidEmail),
        ("solutions", MessageKey::AtLeastOneSolution),
    ] {
        assert!(
            errors.contains(&(expected.0.to_string(), expected.1)),
            "missing {expected:?} in {errors:?}"
        );
    }
    assert!(w.exchange.is_empty());
}

#[test]
fn the_contact_is_optional_without_help_from_microsoft() {
    let mut w = World::new();
    let mut deal = new_deal("v", HelpType::NoHelpRequired, false, w.now);
    deal.customer.contact = None;
    assert!(w.run("contoso-admin", Command::CreateDeal { deal }).is_ok());
}

#[test]
fn a_deal_takes_50_team_members_but_not_51() {
    let mut w = World::new();
    let team = |n: usize| {
        (0..n)
            .map(|i| contact(&format!("Member {i}"), &format!("m{i}@contoso.example")))
            .collect::<Vec<_>>()
    };
    let mut deal = new_deal("t", HelpType::NoHelpRequired, false, w.now);
    deal.team = team(51);
    assert!(fields(
        w.decide("contoso-admin", &Command::CreateDeal { deal: deal.clone() })
            .unwrap_err()
    )
    .contains(&("team".into(), MessageKey::TooManyTeamMembers)));
    deal.team = team(50);
    w.run("contoso-admin", Command::CreateDeal { deal })
        .unwrap();
    let r = w.copy("t", "contoso");
    let add = Command::AddTeamMember {
        referral_id: r.id.clone(),
        member: contact("One more", "more@contoso.example"),
    };
    assert!(fields(w.decide("contoso-admin", &add).unwrap_err())
        .contains(&("team".into(), MessageKey::TooManyTeamMembers)));
}

#[test]
fn a_deal_takes_at_most_50_solutions() {
    let w = World::new();
    let mut deal = new_deal("t", HelpType::NoHelpRequired, false, w.now);
    deal.solution_ids = (0..51).map(|i| format!("s{i}")).collect();
    assert!(fields(
        w.decide("contoso-admin", &Command::CreateDeal { deal })
            .unwrap_err()
    )
    .contains(&("solutions".into(), MessageKey::TooManySolutions)));
}

#[test]
fn solution_assessments_take_exactly_one_assessment_nothing_else_and_an_assessment_location() {
    let mut w = World::new();
    let mut deal = new_deal("sa", HelpType::NoHelpRequired, false, w.now);
    deal.solution_ids = vec!["migration-assessment".into(), "azure".into()];
    let errors = fields(
        w.decide("contoso-admin", &Command::CreateDeal { deal: deal.clone() })
            .unwrap_err(),
    );
    assert!(errors.contains(&(
        "solutions".into(),
        MessageKey::AssessmentExcludesOtherSolutions
    )));
    assert!(errors.contains(&(
        "assessmentLocation".into(),
        MessageKey::AssessmentLocationRequired
    )));
    w.data.solutions.push(Solution {
        id: "security-assessment".into(),
        name: "Security assessment".into(),
        publisher: "Microsoft".into(),
        publisher_organization_id: None,
        kind: SolutionKind::Assessment,
        incentive_program: IncentiveProgram::None,
    });
    deal.solution_ids = vec!["migration-assessment".into(), "security-assessment".into()];
    deal.assessment_location = Some("contoso-seattle".into());
    assert_eq!(
        fields(
            w.decide("contoso-admin", &Command::CreateDeal { deal })
                .unwrap_err()
        ),
        [("solutions".into(), MessageKey::AssessmentNeedsExactlyOne)]
    );
}

#[test]
fn organisations_not_vetted_cannot_create_assessments() {
    let w = World::new();
    let mut deal = new_deal("sa", HelpType::NoHelpRequired, false, w.now);
    deal.location = "fabrikam-redmond".into();
    deal.solution_ids = vec!["migration-assessment".into()];
    deal.assessment_location = Some("fabrikam-redmond".into());
    assert!(fields(
        w.decide("fabrikam-admin", &Command::CreateDeal { deal })
            .unwrap_err()
    )
    .contains(&("solutions".into(), MessageKey::AssessmentsNotAllowed)));
}

#[test]
fn p2p_invitations_are_checked_field_by_field() {
    let w = World::new();
    let mut deal = new_deal("i", HelpType::NoHelpRequired, false, w.now);
    let mut own = invitation("contoso", w.now);
    own.completion_date_time = w.now - Duration::days(2);
    let mut unknown = invitation("nobody", w.now);
    unknown.team.clear();
    unknown.solution_ids.clear();
    deal.invitations = vec![
        own,
        unknown,
        invitation("fabrikam", w.now),
        invitation("fabrikam", w.now),
        invitation("msft", w.now),
    ];
    let errors = fields(
        w.decide("contoso-admin", &Command::CreateDeal { deal })
            .unwrap_err(),
    );
    for expected in [
        (
            "invitations[0].partner",
            MessageKey::CannotInviteOwnOrganization,
        ),
        ("invitations[0].completionDate", MessageKey::DateInPast),
        ("invitations[1].partner", MessageKey::UnknownPartner),
        ("invitations[1].team", MessageKey::AtLeastOneTeamMember),
        ("invitations[1].solutions", MessageKey::AtLeastOneSolution),
        ("invitations[3].partner", MessageKey::PartnerAlreadyInvited),
        ("invitations[4].partner", MessageKey::UnknownPartner),
    ] {
        assert!(
            errors.contains(&(expected.0.to_string(), expected.1)),
            "missing {expected:?} in {errors:?}"
        );
    }
    assert!(!errors.iter().any(|(f, _)| f.starts_with("invitations[2]")));
}

#[test]
fn the_location_is_fixed_after_creation() {
    let mut w = World::new();
    let r = create(&mut w, "loc", HelpType::NoHelpRequired, false);
    let edit = Command::EditDetails {
        referral_id: r.id.clone(),
        details: details_of(&r, w.now),
        location: Some("contoso-seattle".into()),
    };
    assert_eq!(
        fields(w.decide("contoso-admin", &edit).unwrap_err()),
        [("location".into(), MessageKey::LocationImmutable)]
    );
}

#[test]
fn the_inviter_cannot_change_the_invitees_date_and_value() {
    let mut w = World::new();
    let r = create(&mut w, "inv", HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::InvitePartner {
            referral_id: r.id,
            invitation: invitation("fabrikam", w.now),
        },
    )
    .unwrap();
    let fab = w.copy("inv", "fabrikam");
    let mut d = details_of(&fab, w.now);
    d.deal_value = 1.0;
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::EditDetails {
                referral_id: fab.id.clone(),
                details: d.clone(),
                location: None
            }
        )),
        Refusal::NotVisible
    );
    // The invitee may, once it accepted.
    w.run(
        "fabrikam-admin",
        Command::Accept {
            referral_id: fab.id.clone(),
            details: d.clone(),
            team: vec![contact("Fab", "f@fabrikam.example")],
        },
    )
    .unwrap();
    d.deal_value = 45_000.0;
    w.run(
        "fabrikam-admin",
        Command::EditDetails {
            referral_id: fab.id,
            details: d,
            location: None,
        },
    )
    .unwrap();
    assert_eq!(w.copy("inv", "fabrikam").details.deal_value, 45_000.0);
}

// --- SPEC §1 and §8: roles, notifications, activity ------------------------------------

#[test]
fn an_mpn_partner_admin_without_a_referral_role_cannot_create_deals() {
    let w = World::new();
    let mut admin = w.user("contoso-admin");
    admin.roles = vec![crate::domain::records::directory::Role::MpnPartnerAdmin];
    let deal = new_deal("x", HelpType::NoHelpRequired, false, w.now);
    let err = decide(
        &Command::CreateDeal { deal },
        Ctx {
            exchange: &w.exchange,
            directory: &w.data,
            user: &admin,
            now: w.now,
        },
    );
    assert_eq!(err, Err(CommandError::Refused(Refusal::NoReferralRole)));
}

#[test]
fn a_new_inbound_referral_notifies_admins_in_scope_and_the_team_in_their_locale() {
    let mut w = World::new();
    w.data
        .users
        .iter_mut()
        .find(|u| u.id == "contoso-de-seller")
        .unwrap()
        .locale = "de".into();
    let mut deal = new_deal("n", HelpType::GeneralOrOther, true, w.now);
    deal.location = "msft-global".into();
    deal.team = vec![contact("Microsoft Seller", "msft-seller@msft.example")];
    deal.solution_ids = vec!["azure".into()];
    deal.for_partner = Some(PartnerTarget {
        organization_id: "contoso".into(),
        location: "contoso-munich".into(),
    });
    let out = w.run("msft-seller", Command::CreateDeal { deal }).unwrap();
    let to: Vec<(Option<&str>, &str)> = out
        .notifications
        .iter()
        .map(|n| (n.user_id.as_deref(), n.locale.as_str()))
        .collect();
    assert_eq!(
        to,
        [(Some("contoso-admin"), "en")],
        "the seller is on no team of it yet"
    );
    assert!(out
        .notifications
        .iter()
        .all(|n| n.kind == NotificationKind::NewInbound));
}

#[test]
fn every_written_referral_has_an_activity_entry_naming_who_and_what() {
    let mut w = World::new();
    let r = create(&mut w, "a", HelpType::NoHelpRequired, false);
    let mut d = details_of(&r, w.now);
    d.deal_value = 150_000.0;
    let out = w
        .run(
            "contoso-admin",
            Command::EditDetails {
                referral_id: r.id.clone(),
                details: d,
                location: None,
            },
        )
        .unwrap();
    assert_eq!(out.activity.len(), 1);
    let entry = &out.activity[0];
    assert_eq!(
        (entry.actor.name.as_str(), entry.action),
        (
            "contoso-admin",
            crate::domain::records::activity::ActivityAction::Edited
        )
    );
    assert_eq!(entry.changes.len(), 1);
    assert_eq!(
        (
            entry.changes[0].field.as_str(),
            entry.changes[0].old.as_str(),
            entry.changes[0].new.as_str()
        ),
        ("details.dealValue", "120000.0", "150000.0")
    );
    assert_eq!(
        w.exchange.activity_of(&r.id).count(),
        2,
        "created, then edited"
    );
    let stored = w.copy("a", "contoso");
    assert_ne!(stored.e_tag, r.e_tag, "every write changes the eTag");
}

#[test]
fn a_stale_decision_is_refused_by_the_etag() {
    let mut w = World::new();
    let r = create(&mut w, "st", HelpType::NoHelpRequired, false);
    let first = w
        .decide(
            "contoso-admin",
            &Command::MarkStage {
                referral_id: r.id.clone(),
                stage: SalesStage::Qualified,
            },
        )
        .unwrap();
    let second = w
        .decide(
            "contoso-admin",
            &Command::MarkLost {
                referral_id: r.id,
                reason: LossReason::Other,
                notes: String::new(),
            },
        )
        .unwrap();
    w.exchange.apply(&first).unwrap();
    assert!(
        w.exchange.apply(&second).is_err(),
        "decided on the old version"
    );
}

#[test]
fn commands_are_serializable_values() {
    let cmd = Command::ToggleFavorite {
        referral_id: "r1".into(),
    };
    let json = serde_json::to_string(&cmd).unwrap();
    assert_eq!(json, r#"{"command":"toggleFavorite","referralId":"r1"}"#);
    assert_eq!(serde_json::from_str::<Command>(&json).unwrap(), cmd);
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let create = Command::CreateDeal {
        deal: new_deal("e", HelpType::NoHelpRequired, true, now),
    };
    let back: Command = serde_json::from_str(&serde_json::to_string(&create).unwrap()).unwrap();
    assert_eq!(back, create);
}

#[test]
fn toggling_a_favorite_twice_adds_then_removes_and_is_per_user() {
    let mut w = World::new();
    let r = create(&mut w, "f", HelpType::NoHelpRequired, false);
    let toggle = Command::ToggleFavorite {
        referral_id: r.id.clone(),
    };
    w.run("contoso-admin", toggle.clone()).unwrap();
    assert!(w.exchange.is_favorite("contoso-admin", &r.id));
    assert!(!w.exchange.is_favorite("contoso-de-seller", &r.id));
    w.run("contoso-admin", toggle.clone()).unwrap();
    assert!(!w.exchange.is_favorite("contoso-admin", &r.id));
    assert_eq!(
        refused(w.decide("fabrikam-admin", &toggle)),
        Refusal::NotVisible
    );
    assert_eq!(
        w.decide(
            "contoso-admin",
            &Command::ToggleFavorite {
                referral_id: "nope".into()
            }
        ),
        Err(CommandError::UnknownReferral)
    );
}

// --- Inbound triage: several answers saved as one change ---------------------------------

#[test]
fn bulk_answers_are_decided_together_and_a_refusal_refuses_all() {
    let mut w = World::new();
    let mut deal = new_deal("eng-bulk", HelpType::NoHelpRequired, true, w.now);
    deal.invitations = vec![invitation("fabrikam", w.now)];
    w.run("contoso-admin", Command::CreateDeal { deal })
        .unwrap();
    let mut second = new_deal("eng-bulk-2", HelpType::NoHelpRequired, true, w.now);
    second.invitations = vec![invitation("fabrikam", w.now)];
    w.run("contoso-admin", Command::CreateDeal { deal: second })
        .unwrap();
    let (a, b) = (
        w.copy("eng-bulk", "fabrikam"),
        w.copy("eng-bulk-2", "fabrikam"),
    );
    let decline = |id: &str| Command::Decline {
        referral_id: id.into(),
        reason: DeclineReason::NotACustomer,
        notes: String::new(),
    };
    let user = w.user("fabrikam-admin");
    let ctx = Ctx {
        exchange: &w.exchange,
        directory: &w.data,
        user: &user,
        now: w.now,
    };

    let outcome = decide_all(&[decline(&a.id), decline(&b.id)], ctx).unwrap();
    assert_eq!(
        outcome
            .referrals
            .iter()
            .filter(|x| x.referral.substatus == Substatus::Declined)
            .count(),
        2
    );
    assert!(
        outcome
            .notifications
            .iter()
            .filter(|n| matches!(n.kind, NotificationKind::Declined { .. }))
            .count()
            >= 2
    );

    // The same deal twice: the second answer is refused, so nothing is decided.
    let (index, error) = decide_all(&[decline(&a.id), decline(&a.id)], ctx).unwrap_err();
    assert_eq!(index, 1);
    assert!(matches!(error, CommandError::Refused(_)));
}

// --- The article's points where the app differed (issue #20) ---------------------------------

/// Wins `r` as Contoso (confirming the 72-hour guard).
fn win(w: &mut World, r: &Referral) {
    w.run(
        "contoso-admin",
        Command::MarkWon {
            referral_id: r.id.clone(),
            confirm_early: true,
        },
    )
    .unwrap();
}

#[test]
fn a_business_applications_registration_is_recorded_without_review() {
    let mut w = World::new();
    let mut deal = new_deal("ba", HelpType::NoHelpRequired, true, w.now);
    deal.solution_ids = vec!["d365".into()];
    w.run("contoso-admin", Command::CreateDeal { deal })
        .unwrap();
    let r = w.copy("ba", "contoso");
    win(&mut w, &r);
    w.run(
        "contoso-admin",
        Command::Register {
            referral_id: r.id.clone(),
            form: form(w.now),
        },
    )
    .unwrap();
    let reg = w.copy("ba", "contoso").registration.expect("registered");
    assert_eq!(reg.status, RegistrationStatus::Registered);
    assert_eq!(reg.decided_date_time, Some(w.now));
    assert!(reg.status.is_final() && !reg.status.awaits_validator());
    assert_eq!(
        refused(w.decide(
            "msft-seller",
            &Command::StartReview {
                referral_id: r.id.clone()
            }
        )),
        Refusal::RegistrationState,
        "no review queue"
    );
}

#[test]
fn an_azure_ip_co_sell_registration_is_submitted_for_review() {
    let mut w = World::new();
    let r = eligible_co_sell(&mut w);
    win(&mut w, &r);
    w.run(
        "contoso-admin",
        Command::Register {
            referral_id: r.id.clone(),
            form: form(w.now),
        },
    )
    .unwrap();
    let reg = w.copy("g", "contoso").registration.unwrap();
    assert_eq!(
        (reg.status, reg.decided_date_time),
        (RegistrationStatus::Submitted, None)
    );
}

#[test]
fn microsoft_accepted_stays_true_when_its_copy_is_closed_later() {
    let mut w = World::new();
    let r = eligible_co_sell(&mut w);
    let ms = w.copy("g", "msft");
    w.run(
        "msft-seller",
        Command::MarkLost {
            referral_id: ms.id.clone(),
            reason: LossReason::Competitor,
            notes: String::new(),
        },
    )
    .unwrap();
    assert_eq!(w.copy("g", "msft").substatus, Substatus::Lost);
    assert!(criteria(&w, &r).contains(&(Criterion::MicrosoftAccepted, true)));
}

#[test]
fn only_partners_register_never_microsofts_copy() {
    let mut w = World::new();
    let r = eligible_co_sell(&mut w);
    let ms = w.copy("g", "msft");
    w.run(
        "msft-seller",
        Command::MarkWon {
            referral_id: ms.id.clone(),
            confirm_early: true,
        },
    )
    .unwrap();
    assert_eq!(
        refused(w.decide(
            "msft-seller",
            &Command::Register {
                referral_id: ms.id.clone(),
                form: form(w.now)
            }
        )),
        Refusal::OnlyPartnersRegister
    );
    win(&mut w, &r);
    assert!(w
        .decide(
            "contoso-admin",
            &Command::Register {
                referral_id: r.id.clone(),
                form: form(w.now)
            }
        )
        .is_ok());
}

#[test]
fn accepting_without_contacts_makes_the_accepting_user_the_team() {
    let mut w = World::new();
    let ms = received(&mut w);
    w.run(
        "msft-seller",
        Command::Accept {
            referral_id: ms.id.clone(),
            details: details_of(&ms, w.now),
            team: Vec::new(),
        },
    )
    .unwrap();
    let team = w.copy("r", "msft").team;
    assert_eq!(team.len(), 1);
    assert_eq!(team[0].email, "msft-seller@msft.example");
    assert_eq!(team[0].name, "msft-seller");
}

#[test]
fn reasons_are_stored_as_codes_and_shown_in_the_readers_language() {
    let mut w = World::new();
    let ms = received(&mut w);
    w.run(
        "msft-seller",
        Command::Decline {
            referral_id: ms.id.clone(),
            reason: DeclineReason::CustomerUnresponsive,
            notes: " budget moved to 2028 ".into(),
        },
    )
    .unwrap();
    let d = w.copy("r", "msft");
    assert_eq!(
        d.status_reason_code,
        Some(ReasonCode::Declined(DeclineReason::CustomerUnresponsive))
    );
    assert_eq!(
        d.status_reason, "Customer unresponsive: budget moved to 2028",
        "the API's text"
    );
    assert_eq!(
        d.reason_in(Locale::De).unwrap(),
        format!(
            "{}: budget moved to 2028",
            crate::domain::support::i18n::Text::DeclineUnresponsive.get(Locale::De)
        )
    );
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["statusReasonCode"], "Declined/CustomerUnresponsive");
    let back: Referral = serde_json::from_value(json).unwrap();
    assert_eq!(back.status_reason_code, d.status_reason_code);
    // A record stored before codes keeps its text.
    let mut old = d.clone();
    old.status_reason_code = None;
    old.status_reason_notes.clear();
    assert_eq!(
        old.reason_in(Locale::En).unwrap(),
        "Customer unresponsive: budget moved to 2028"
    );
    // An unknown code is a clear error, not a crash.
    let bad = serde_json::to_string(&d)
        .unwrap()
        .replace("Declined/CustomerUnresponsive", "Declined/Bored");
    assert!(serde_json::from_str::<Referral>(&bad).is_err());

    let r = create(&mut w, "lost", HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::MarkLost {
            referral_id: r.id.clone(),
            reason: LossReason::Timing,
            notes: String::new(),
        },
    )
    .unwrap();
    let lost = w.copy("lost", "contoso");
    assert_eq!(
        lost.status_reason_code,
        Some(ReasonCode::Lost(LossReason::Timing))
    );
    assert_eq!(lost.reason_in(Locale::En).unwrap(), "Timing");
}

#[test]
fn p2p_partners_see_each_others_team_once_the_invitee_accepted() {
    use crate::domain::deal::engagement::other_parties;
    let mut w = World::new();
    let r = create(&mut w, "pt", HelpType::NoHelpRequired, false);
    w.run(
        "contoso-admin",
        Command::InvitePartner {
            referral_id: r.id.clone(),
            invitation: invitation("fabrikam", w.now),
        },
    )
    .unwrap();
    let team_seen = |w: &World, own: &str, of: &str| -> Vec<String> {
        let r = w.copy("pt", own);
        other_parties(&w.exchange, "msft", &r)
            .into_iter()
            .find(|p| p.organization_id == of)
            .map(|p| p.team.into_iter().map(|m| m.email).collect())
            .unwrap_or_default()
    };
    assert!(team_seen(&w, "contoso", "fabrikam").is_empty());
    assert!(
        team_seen(&w, "fabrikam", "contoso").is_empty(),
        "before accepting, the invitee has the invitation's contacts only"
    );
    let invited = w.copy("pt", "fabrikam").invite_context.unwrap();
    assert_eq!(invited.contacts[0].email, "lena@contoso.example");
    let f = w.copy("pt", "fabrikam");
    w.run(
        "fabrikam-admin",
        Command::Accept {
            referral_id: f.id.clone(),
            details: details_of(&f, w.now),
            team: vec![contact("Jonas Berg", "jonas@fabrikam.example")],
        },
    )
    .unwrap();
    assert_eq!(
        team_seen(&w, "contoso", "fabrikam"),
        ["jonas@fabrikam.example"]
    );
    assert_eq!(
        team_seen(&w, "fabrikam", "contoso"),
        ["contoso-de-seller@contoso.example"]
    );
    // Microsoft joins: its team is its own, and it sees no partner's team.
    w.run(
        "contoso-admin",
        Command::InviteMicrosoft {
            referral_id: r.id.clone(),
            help_type: HelpType::QuotesAndLicensing,
            contact: None,
        },
    )
    .unwrap();
    let ms = w.copy("pt", "msft");
    w.run(
        "msft-seller",
        Command::Accept {
            referral_id: ms.id.clone(),
            details: details_of(&ms, w.now),
            team: Vec::new(),
        },
    )
    .unwrap();
    assert!(team_seen(&w, "contoso", "msft").is_empty());
    assert!(team_seen(&w, "msft", "contoso").is_empty());
    assert!(team_seen(&w, "msft", "fabrikam").is_empty());
}

#[test]
fn two_partners_invited_by_a_third_do_not_see_each_others_team() {
    use crate::domain::deal::engagement::other_parties;
    let mut w = World::new();
    let r = create(&mut w, "tt", HelpType::NoHelpRequired, false);
    for partner in ["fabrikam", "northwind"] {
        w.run(
            "contoso-admin",
            Command::InvitePartner {
                referral_id: r.id.clone(),
                invitation: invitation(partner, w.now),
            },
        )
        .unwrap();
        let copy = w.copy("tt", partner);
        w.run(
            &format!("{partner}-admin"),
            Command::Accept {
                referral_id: copy.id.clone(),
                details: details_of(&copy, w.now),
                team: Vec::new(),
            },
        )
        .unwrap();
    }
    let f = w.copy("tt", "fabrikam");
    let parties = other_parties(&w.exchange, "msft", &f);
    let team_of = |org: &str| {
        parties
            .iter()
            .find(|p| p.organization_id == org)
            .map(|p| p.team.len())
    };
    assert_eq!(team_of("contoso"), Some(1));
    assert_eq!(team_of("northwind"), Some(0));
}

#[test]
fn a_shared_note_is_read_by_every_party_with_its_author_organisation_and_time() {
    use crate::domain::deal::engagement::shared_notes;
    use crate::domain::records::activity::ActivityAction;
    let mut w = World::new();
    let r = create(&mut w, "sn", HelpType::QuotesAndLicensing, false);
    let ms = w.copy("sn", "msft");
    // Microsoft has not answered yet: it answers first, then writes.
    assert_eq!(
        refused(w.decide(
            "msft-seller",
            &Command::AddSharedNote {
                referral_id: ms.id.clone(),
                text: "Question".into()
            }
        )),
        Refusal::NotAccepted
    );
    assert!(!w
        .allowed("msft-seller", &ms)
        .contains(&Action::AddSharedNote));
    assert!(w
        .allowed("contoso-admin", &r)
        .contains(&Action::AddSharedNote));
    let before = w.copy("sn", "contoso");
    let out = w
        .run(
            "contoso-admin",
            Command::AddSharedNote {
                referral_id: r.id.clone(),
                text: "  Customer prefers a workshop in January.  ".into(),
            },
        )
        .unwrap();
    assert!(
        out.referrals.is_empty(),
        "no copy is written: notes never conflict"
    );
    assert_eq!(w.copy("sn", "contoso"), before);
    let notes: Vec<_> = shared_notes(&w.exchange, "sn").cloned().collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].note.as_deref(),
        Some("Customer prefers a workshop in January.")
    );
    assert_eq!(notes[0].actor.organization_id, "contoso");
    assert_eq!(notes[0].actor.name, w.user("contoso-admin").display_name);
    assert_eq!(notes[0].at, w.now);
    assert_eq!(notes[0].action, ActivityAction::SharedNoteAdded);
    // Microsoft accepts and answers in the same place.
    w.run(
        "msft-seller",
        Command::Accept {
            referral_id: ms.id.clone(),
            details: details_of(&ms, w.now),
            team: Vec::new(),
        },
    )
    .unwrap();
    w.later(Duration::minutes(5));
    w.run(
        "msft-seller",
        Command::AddSharedNote {
            referral_id: ms.id.clone(),
            text: "Workshop booked for 12 January.".into(),
        },
    )
    .unwrap();
    let notes: Vec<_> = shared_notes(&w.exchange, "sn").collect();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].actor.organization_id, "msft");
    assert_ne!(notes[0].id, notes[1].id);
}

#[test]
fn a_shared_note_must_say_something_fit_the_limit_and_come_from_a_party() {
    let mut w = World::new();
    let r = create(&mut w, "sv", HelpType::NoHelpRequired, false);
    let note = |text: String| Command::AddSharedNote {
        referral_id: r.id.clone(),
        text,
    };
    assert_eq!(
        fields(w.decide("contoso-admin", &note("   ".into())).unwrap_err()),
        [("text".to_string(), MessageKey::Required)]
    );
    assert_eq!(
        fields(
            w.decide("contoso-admin", &note("x".repeat(2001)))
                .unwrap_err()
        ),
        [("text".to_string(), MessageKey::TooLong)]
    );
    assert!(w.decide("contoso-admin", &note("é".repeat(2000))).is_ok());
    // Another organisation cannot write on a deal it was never part of.
    assert_eq!(
        refused(w.decide("fabrikam-admin", &note("Hello".into()))),
        Refusal::NotVisible
    );
    // Microsoft's view of a Partner-led deal may write; a closed deal may not.
    let view = create(&mut w, "sw", HelpType::NoHelpRequired, true);
    let ms = w.copy("sw", "msft");
    assert!(ms.is_view_only());
    assert!(w
        .decide(
            "msft-seller",
            &Command::AddSharedNote {
                referral_id: ms.id.clone(),
                text: "Our account team knows the customer.".into()
            }
        )
        .is_ok());
    w.run(
        "contoso-admin",
        Command::MarkLost {
            referral_id: view.id.clone(),
            reason: LossReason::Competitor,
            notes: String::new(),
        },
    )
    .unwrap();
    assert_eq!(
        refused(w.decide(
            "contoso-admin",
            &Command::AddSharedNote {
                referral_id: view.id.clone(),
                text: "Late note".into()
            }
        )),
        Refusal::Terminal
    );
}

// --- Hostile input (#27) -------------------------------------------------------------

#[test]
fn a_megabyte_pasted_into_a_deal_name_or_notes_is_refused_at_its_field() {
    use crate::domain::deal::validation::MAX_TEXT;
    let mut w = World::new();
    let mega = "x".repeat(1 << 20);
    let mut deal = new_deal("e-long", HelpType::NoHelpRequired, false, w.now);
    deal.name = mega.clone();
    deal.notes = mega.clone();
    let refused = w.run("contoso-admin", Command::CreateDeal { deal: deal.clone() });
    let Err(CommandError::Invalid(errors)) = refused else {
        panic!("a megabyte name is refused: {refused:?}");
    };
    let at: Vec<(&str, MessageKey)> = errors.iter().map(|e| (e.field.as_str(), e.key)).collect();
    assert!(at.contains(&("name", MessageKey::TooLong)), "{at:?}");
    assert!(at.contains(&("notes", MessageKey::TooLong)), "{at:?}");
    assert_eq!(w.exchange.referrals().count(), 0, "nothing is written");
    // The longest text allowed is stored whole, counted in characters, not bytes.
    deal.name = "ü".repeat(MAX_TEXT);
    deal.notes = "\u{202e}".repeat(MAX_TEXT);
    w.run("contoso-admin", Command::CreateDeal { deal })
        .expect("2,000 characters fit");
}
