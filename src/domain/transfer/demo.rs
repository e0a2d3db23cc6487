//! Deterministic demo deals (SPEC §12): `?demo=N` and **Load demo deals** build the same
//! N deals for the same N and clock, across every organisation, status, type and stage,
//! with inbound and outbound referrals linked by engagement.

use chrono::{DateTime, Duration, Utc};

use crate::domain::deal::response_window::RESPONSE_DAYS;
use crate::domain::exchange::{Outcome, ReferralWrite};
use crate::domain::records::directory::{Customer, ReferenceData, Role};
use crate::domain::records::referral::*;
use crate::domain::records::stage::SalesStage;
use crate::domain::support::ids::{IdSource, SeededIds};
use crate::domain::support::locale::Locale;

const PROJECTS: [&str; 12] = [
    "Azure migration",
    "Dynamics 365 Sales rollout",
    "Fleet analytics pilot",
    "Data platform modernisation",
    "Field service expansion",
    "Copilot adoption",
    "Security hardening",
    "Contact centre renewal",
    "SAP on Azure",
    "Power Platform CoE",
    "Supply chain visibility",
    "Hybrid cloud landing zone",
];

const CONTACTS: [(&str, &str); 10] = [
    ("Lena Vogel", "+49 89 5550 1201"),
    ("Jonas Weber", "+49 89 5550 1202"),
    ("Mia Schneider", "+49 89 5550 1203"),
    ("Ethan Brooks", "+1 206 555 0141"),
    ("Olivia Chen", "+1 206 555 0142"),
    ("Noah Patel", "+1 425 555 0143"),
    ("Amelia Clarke", "+44 20 7946 0151"),
    ("Harry Evans", "+44 20 7946 0152"),
    ("Sofia Rossi", "+1 425 555 0144"),
    ("Lucas Martin", "+49 89 5550 1204"),
];

const LOSS_REASONS: [LossReason; 3] = [
    LossReason::Competitor,
    LossReason::NoBudget,
    LossReason::NeedChanged,
];
const DECLINE_REASONS: [DeclineReason; 4] = [
    DeclineReason::CustomerUnresponsive,
    DeclineReason::NotACustomer,
    DeclineReason::ProposedTimelineTooShort,
    DeclineReason::ProjectBudgetInsufficient,
];

/// The parts of one deal that every party's copy shares.
struct Plan {
    engagement_id: String,
    name: String,
    customer: CustomerProfile,
    details: Details,
    created: DateTime<Utc>,
}

/// One party's part in a planned deal.
struct Part<'a> {
    org: &'a str,
    location: &'a str,
    direction: Direction,
    substatus: Substatus,
    stage: Option<SalesStage>,
    invited_by: Option<&'a str>,
}

/// Builds `n` demo deals for `now` as one outcome of new referrals.
pub fn generate(n: usize, data: &ReferenceData, now: DateTime<Utc>) -> Outcome {
    let mut referrals = Vec::with_capacity(n * 2);
    for i in 0..n {
        let mut rng = SeededIds::new(0x00C0_5E11 ^ (i as u64).wrapping_mul(0x9E37_79B9));
        deal(i, &mut rng, data, now, &mut referrals);
    }
    Outcome {
        referrals: referrals
            .into_iter()
            .map(|referral| ReferralWrite {
                referral,
                expected_etag: None,
            })
            .collect(),
        ..Outcome::default()
    }
}

fn deal(
    i: usize,
    rng: &mut SeededIds,
    data: &ReferenceData,
    now: DateTime<Utc>,
    out: &mut Vec<Referral>,
) {
    use Direction::{Incoming as In, Outgoing as Out};
    use Substatus::*;
    let contoso_loc = if rng.chance(60) {
        "contoso-munich"
    } else {
        "contoso-seattle"
    };
    let worked = *rng.pick(&SalesStage::STANDARD[1..6]);
    let part = |org, location, direction, substatus, stage, invited_by| Part {
        org,
        location,
        direction,
        substatus,
        stage,
        invited_by,
    };
    // Sixteen scenarios, so that the first sixteen deals cover every status, type and stage.
    let (sharing, p2p, assessment, parts): (SharingType, bool, bool, Vec<Part>) = match i % 16 {
        0 => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part("contoso", contoso_loc, Out, Accepted, Some(worked), None),
                part(
                    "msft",
                    "msft-global",
                    In,
                    Accepted,
                    Some(SalesStage::Accepted),
                    Some("contoso"),
                ),
            ],
        ),
        1 => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part(
                    "msft",
                    "msft-global",
                    Out,
                    Accepted,
                    Some(SalesStage::Created),
                    None,
                ),
                part("contoso", contoso_loc, In, Received, None, Some("msft")),
            ],
        ),
        2 => (
            SharingType::Private,
            false,
            false,
            vec![part(
                "contoso",
                contoso_loc,
                Out,
                Accepted,
                Some(worked),
                None,
            )],
        ),
        3 => (
            SharingType::PartnerLed,
            true,
            false,
            vec![
                part(
                    "fabrikam",
                    "fabrikam-redmond",
                    Out,
                    Accepted,
                    Some(SalesStage::Qualified),
                    None,
                ),
                part(
                    "contoso",
                    contoso_loc,
                    In,
                    if rng.chance(50) { Received } else { Accepted },
                    None,
                    Some("fabrikam"),
                ),
            ],
        ),
        4 => (
            SharingType::PartnerLed,
            false,
            false,
            vec![part(
                "contoso",
                contoso_loc,
                Out,
                Won,
                Some(SalesStage::Won),
                None,
            )],
        ),
        5 => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part(
                    "msft",
                    "msft-global",
                    Out,
                    Accepted,
                    Some(SalesStage::Created),
                    None,
                ),
                part(
                    "contoso",
                    contoso_loc,
                    In,
                    Accepted,
                    Some(worked),
                    Some("msft"),
                ),
            ],
        ),
        6 => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part(
                    "contoso",
                    contoso_loc,
                    Out,
                    Accepted,
                    Some(SalesStage::Created),
                    None,
                ),
                part("msft", "msft-global", In, Received, None, Some("contoso")),
            ],
        ),
        7 => {
            let stage = *rng.pick(&SalesStage::ASSESSMENT[..4]);
            (
                SharingType::PartnerLed,
                false,
                true,
                vec![part(
                    "contoso",
                    contoso_loc,
                    Out,
                    Accepted,
                    Some(stage),
                    None,
                )],
            )
        }
        8 => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part(
                    "msft",
                    "msft-global",
                    Out,
                    Accepted,
                    Some(SalesStage::Created),
                    None,
                ),
                part("contoso", contoso_loc, In, Declined, None, Some("msft")),
            ],
        ),
        9 => (
            SharingType::CoSell,
            true,
            false,
            vec![
                part("contoso", contoso_loc, Out, Accepted, Some(worked), None),
                part(
                    "msft",
                    "msft-global",
                    In,
                    Accepted,
                    Some(SalesStage::Accepted),
                    Some("contoso"),
                ),
                part(
                    "northwind",
                    "northwind-london",
                    In,
                    if rng.chance(50) { Received } else { Accepted },
                    None,
                    Some("contoso"),
                ),
            ],
        ),
        10 => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part(
                    "msft",
                    "msft-global",
                    Out,
                    Accepted,
                    Some(SalesStage::Created),
                    None,
                ),
                part("contoso", contoso_loc, In, Expired, None, Some("msft")),
            ],
        ),
        11 => (
            SharingType::Private,
            false,
            false,
            vec![part("contoso", contoso_loc, Out, Lost, Some(worked), None)],
        ),
        12 => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part(
                    "fabrikam",
                    "fabrikam-redmond",
                    Out,
                    Accepted,
                    Some(worked),
                    None,
                ),
                part(
                    "msft",
                    "msft-global",
                    In,
                    Accepted,
                    Some(SalesStage::Accepted),
                    Some("fabrikam"),
                ),
            ],
        ),
        13 => (
            SharingType::Private,
            true,
            false,
            vec![
                part(
                    "northwind",
                    "northwind-london",
                    Out,
                    Accepted,
                    Some(SalesStage::Developed),
                    None,
                ),
                part(
                    "fabrikam",
                    "fabrikam-redmond",
                    In,
                    Received,
                    None,
                    Some("northwind"),
                ),
            ],
        ),
        14 => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part(
                    "msft",
                    "msft-global",
                    Out,
                    Accepted,
                    Some(SalesStage::Created),
                    None,
                ),
                part(
                    "fabrikam",
                    "fabrikam-redmond",
                    In,
                    if rng.chance(50) { Received } else { Won },
                    None,
                    Some("msft"),
                ),
            ],
        ),
        _ => (
            SharingType::CoSell,
            false,
            false,
            vec![
                part(
                    "msft",
                    "msft-global",
                    Out,
                    Accepted,
                    Some(SalesStage::Created),
                    None,
                ),
                part(
                    "northwind",
                    "northwind-london",
                    In,
                    Accepted,
                    Some(worked),
                    Some("msft"),
                ),
            ],
        ),
    };

    // Received deals arrived within the response window; expired ones well before it.
    let waits = parts.iter().any(|p| p.substatus == Received);
    let expired = parts.iter().any(|p| p.substatus == Expired);
    let age = if waits {
        Duration::hours(rng.between(2, RESPONSE_DAYS * 24 - 6))
    } else if expired {
        Duration::days(rng.between(RESPONSE_DAYS + 1, 60))
    } else {
        Duration::hours(rng.between(30, 150 * 24))
    };
    let created = now - age;
    let creator_loc = parts[0].location;
    let plan = plan(
        rng,
        data,
        created,
        creator_loc,
        sharing,
        assessment,
        parts[0].org,
    );

    for p in &parts {
        out.push(party(rng, data, &plan, p, sharing, p2p, now));
    }
    // Microsoft sellers may view a Partner-led deal: its view-only copy (SPEC §3).
    if sharing == SharingType::PartnerLed && !parts.iter().any(|p| p.org == "msft") {
        let view = Part {
            org: "msft",
            location: "msft-global",
            direction: Direction::Incoming,
            substatus: Pending,
            stage: None,
            invited_by: Some(parts[0].org),
        };
        out.push(party(rng, data, &plan, &view, sharing, p2p, now));
    }
}

fn plan(
    rng: &mut SeededIds,
    data: &ReferenceData,
    created: DateTime<Utc>,
    creator_location: &str,
    sharing: SharingType,
    assessment: bool,
    creator: &str,
) -> Plan {
    let country = match creator_location {
        "contoso-munich" => "DE",
        "northwind-london" => "GB",
        _ => "US",
    };
    let local: Vec<&Customer> = data
        .customers
        .iter()
        .filter(|c| c.address.country == country)
        .collect();
    let customer = if local.is_empty() {
        rng.pick(&data.customers)
    } else {
        *rng.pick(&local)
    };
    let currency = crate::domain::records::directory::default_currency(country);
    let project = *rng.pick(&PROJECTS);
    let solutions = if assessment {
        let assessments: Vec<&Solution> = data
            .solutions
            .iter()
            .filter(|s| s.kind == SolutionKind::Assessment)
            .collect();
        if assessments.is_empty() {
            Vec::new()
        } else {
            vec![(*rng.pick(&assessments)).clone()]
        }
    } else {
        let own: Vec<&Solution> = data
            .solutions
            .iter()
            .filter(|s| {
                s.kind == SolutionKind::Partner
                    && s.publisher_organization_id.as_deref() == Some(creator)
            })
            .collect();
        let microsoft: Vec<&Solution> = data
            .solutions
            .iter()
            .filter(|s| s.kind == SolutionKind::Microsoft)
            .collect();
        let mut chosen = Vec::new();
        if !own.is_empty() {
            chosen.push((*rng.pick(&own)).clone());
        }
        if !microsoft.is_empty() && (chosen.is_empty() || rng.chance(60)) {
            chosen.push((*rng.pick(&microsoft)).clone());
        }
        chosen
    };
    let help_type = match sharing {
        SharingType::CoSell => *rng.pick(&HelpType::ALL[1..]),
        _ => HelpType::NoHelpRequired,
    };
    let value = (rng.between(10, 1800) * 500) as f64;
    let contact_name = rng.pick(&CONTACTS).0;
    Plan {
        engagement_id: rng.uuid(),
        name: format!("{} – {project}", customer.name),
        customer: CustomerProfile {
            name: customer.name.clone(),
            address: customer.address.clone(),
            size: customer.size.clone(),
            ids: CustomerIds {
                duns: Some(customer.duns.clone()),
            },
            contact: (sharing == SharingType::CoSell).then(|| Contact {
                name: format!("{contact_name} (customer)"),
                phone: "+1 555 0100".into(),
                email: format!(
                    "{}@customer.example",
                    contact_name.to_ascii_lowercase().replace(' ', ".")
                ),
            }),
        },
        details: Details {
            deal_value: value,
            currency: currency.into(),
            closing_date_time: created + Duration::days(rng.between(30, 200)),
            notes: String::new(),
            requirements: Requirements { solutions },
            help_type,
            assessment_location: assessment.then(|| creator_location.to_string()),
        },
        created,
    }
}

fn party(
    rng: &mut SeededIds,
    data: &ReferenceData,
    plan: &Plan,
    p: &Part,
    sharing: SharingType,
    p2p: bool,
    now: DateTime<Utc>,
) -> Referral {
    let created = plan.created
        + if p.direction == Direction::Incoming {
            Duration::minutes(5)
        } else {
            Duration::zero()
        };
    let answered = created + Duration::hours(rng.between(1, 96));
    let answered = answered.min(now);
    let updated = match p.substatus {
        Substatus::Received | Substatus::Pending => created,
        Substatus::Expired => created + Duration::days(RESPONSE_DAYS),
        _ => (answered + Duration::hours(rng.between(0, 24 * 20))).min(now),
    };
    let mut details = plan.details.clone();
    // Each party keeps its own value and date; invitees estimate a little differently.
    if p.direction == Direction::Incoming
        && !matches!(p.substatus, Substatus::Received | Substatus::Pending)
    {
        details.deal_value =
            (details.deal_value * (0.8 + rng.below(40) as f64 / 100.0) / 100.0).round() * 100.0;
    }
    if matches!(p.substatus, Substatus::Won | Substatus::Lost) {
        details.closing_date_time = updated;
    }
    let reason = match p.substatus {
        Substatus::Lost => Some(ReasonCode::Lost(*rng.pick(&LOSS_REASONS))),
        Substatus::Declined => Some(ReasonCode::Declined(*rng.pick(&DECLINE_REASONS))),
        Substatus::Expired => Some(ReasonCode::Expired),
        _ => None,
    };
    Referral {
        id: rng.uuid(),
        engagement_id: plan.engagement_id.clone(),
        organization_id: p.org.to_string(),
        name: plan.name.clone(),
        external_reference_id: if rng.chance(50) {
            format!("CRM-{:06}", rng.below(1_000_000))
        } else {
            String::new()
        },
        marketing_campaign_id: String::new(),
        created_date_time: created,
        updated_date_time: updated,
        expiration_date_time: (p.direction == Direction::Incoming
            && p.substatus != Substatus::Pending)
            .then(|| created + Duration::days(RESPONSE_DAYS)),
        accepted_date_time: matches!(
            p.substatus,
            Substatus::Accepted | Substatus::Won | Substatus::Lost
        )
        .then_some(if p.direction == Direction::Incoming {
            answered
        } else {
            created
        }),
        status: p.substatus.status(),
        substatus: p.substatus,
        status_reason: reason.map(|r| r.text_in(Locale::En)).unwrap_or_default(),
        status_reason_code: reason,
        status_reason_notes: String::new(),
        sharing,
        p2p,
        qualification: "SalesQualified".into(),
        direction: p.direction,
        location: p.location.to_string(),
        customer_profile: plan.customer.clone(),
        consent: Consent {
            consent_to_share_referral_with_microsoft_sellers: sharing != SharingType::Private,
            consent_to_contact: plan.customer.contact.is_some(),
        },
        details,
        team: team(rng, data, p),
        invite_context: p.invited_by.map(|org| InviteContext {
            invited_by: InvitedBy {
                organization_id: org.to_string(),
                name: data
                    .organization(org)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| org.to_string()),
            },
            notes: "Customer asked for a joint proposal; see the requirements attached.".into(),
            help_type: plan.details.help_type,
            contacts: Vec::new(),
        }),
        sales_stage: p.stage,
        registration: None,
        e_tag: rng.etag(),
    }
}

/// The team of one party: some of its users who work deals, and an outside contact.
fn team(rng: &mut SeededIds, data: &ReferenceData, p: &Part) -> Vec<Contact> {
    if matches!(p.substatus, Substatus::Received | Substatus::Pending) {
        return Vec::new();
    }
    let mut members: Vec<Contact> = data
        .users
        .iter()
        .filter(|u| u.organization_id == p.org)
        .filter(|u| {
            u.has_role(Role::ReferralUser)
                || u.has_role(Role::MicrosoftSeller)
                || u.has_role(Role::ReferralAdmin)
        })
        .filter(|u| {
            // Mostly people whose scope covers the deal; now and then someone from elsewhere.
            let picked = rng.chance(55);
            picked && (u.location_scope.covers(p.location) || rng.chance(30))
        })
        .map(|u| Contact {
            name: u.display_name.clone(),
            phone: u.phone.clone(),
            email: u.email.clone(),
        })
        .collect();
    if members.is_empty() || rng.chance(50) {
        let (name, phone) = *rng.pick(&CONTACTS);
        members.push(Contact {
            name: name.to_string(),
            phone: phone.to_string(),
            email: format!(
                "{}@{}.example",
                name.to_ascii_lowercase().replace(' ', "."),
                p.org
            ),
        });
    }
    members
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::visibility::can_see;
    use crate::domain::exchange::Exchange;
    use crate::domain::testing::directory;
    use chrono::TimeZone;
    use std::collections::{HashMap, HashSet};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap()
    }

    #[test]
    fn the_same_count_and_clock_give_the_same_deals() {
        let data = directory();
        assert_eq!(generate(40, &data, now()), generate(40, &data, now()));
        let ten = generate(10, &data, now());
        let twenty = generate(20, &data, now());
        assert_eq!(
            ten.referrals[..],
            twenty.referrals[..ten.referrals.len()],
            "deal i does not depend on N"
        );
    }

    #[test]
    fn sixteen_deals_cover_every_status_type_and_stage_and_apply_cleanly() {
        let data = directory();
        let outcome = generate(16, &data, now());
        let mut exchange = Exchange::default();
        exchange.apply(&outcome).expect("ids are unique");
        let rs: Vec<&Referral> = exchange.referrals().collect();
        let substatuses: HashSet<Substatus> = rs.iter().map(|r| r.substatus).collect();
        for s in [
            Substatus::Received,
            Substatus::Accepted,
            Substatus::Won,
            Substatus::Lost,
            Substatus::Declined,
            Substatus::Expired,
        ] {
            assert!(substatuses.contains(&s), "missing {s:?}");
        }
        for t in TypeFilter::ALL {
            assert!(rs.iter().any(|r| t.matches(r)), "missing type {t:?}");
        }
        assert!(rs
            .iter()
            .any(|r| r.sales_stage.is_some_and(|s| s.is_assessment())));
        for r in &rs {
            assert_eq!(
                r.status,
                r.substatus.status(),
                "status agrees with substatus"
            );
            if r.substatus == Substatus::Received {
                assert!(
                    r.expiration_date_time.unwrap() > now(),
                    "waiting deals are inside their window"
                );
            }
            if r.substatus == Substatus::Expired {
                assert!(r.expiration_date_time.unwrap() < now());
            }
            assert!(r.created_date_time <= now() && r.updated_date_time <= now());
        }
    }

    #[test]
    fn engagements_link_an_outgoing_referral_with_the_invited_parties() {
        let data = directory();
        let outcome = generate(32, &data, now());
        let mut by_engagement: HashMap<&str, Vec<&Referral>> = HashMap::new();
        for w in &outcome.referrals {
            by_engagement
                .entry(w.referral.engagement_id.as_str())
                .or_default()
                .push(&w.referral);
        }
        assert_eq!(by_engagement.len(), 32, "one engagement per deal");
        for parties in by_engagement.values() {
            assert_eq!(
                parties
                    .iter()
                    .filter(|r| r.direction == Direction::Outgoing)
                    .count(),
                1
            );
            for invitee in parties
                .iter()
                .filter(|r| r.direction == Direction::Incoming)
            {
                let inviter = &invitee
                    .invite_context
                    .as_ref()
                    .expect("invitees know who invited them")
                    .invited_by;
                assert!(parties
                    .iter()
                    .any(|r| r.organization_id == inviter.organization_id));
            }
            let orgs: HashSet<&str> = parties.iter().map(|r| r.organization_id.as_str()).collect();
            assert_eq!(orgs.len(), parties.len(), "one referral per organisation");
        }
    }

    #[test]
    fn every_demo_user_with_a_referral_role_has_deals_and_the_munich_seller_sees_a_strict_subset() {
        let data = directory();
        let mut exchange = Exchange::default();
        exchange.apply(&generate(64, &data, now())).unwrap();
        let seen = |id: &str| {
            exchange
                .referrals()
                .filter(|r| can_see(data.user(id).unwrap(), r))
                .count()
        };
        for id in [
            "contoso-admin",
            "contoso-de-seller",
            "fabrikam-admin",
            "northwind-admin",
            "msft-seller",
        ] {
            assert!(seen(id) > 0, "{id} sees no demo deal");
        }
        let contoso_munich = exchange
            .referrals()
            .filter(|r| r.location == "contoso-munich")
            .count();
        assert!(
            seen("contoso-de-seller") < contoso_munich,
            "the seller sees only deals they are on the team of"
        );
        let seller = data.user("contoso-de-seller").unwrap();
        assert!(
            exchange.referrals().any(|r| r.location == "contoso-seattle" && r.has_team_member(&seller.email)),
            "the demo has a Seattle deal with the Munich seller on the team, to show the scope rule"
        );
    }
}
