//! Property tests: long random sequences of commands by random users at random times, and
//! the invariants of the rule set after every decision.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

use chrono::Duration;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::domain::deal::commands::*;
use crate::domain::deal::visibility::can_see;
use crate::domain::exchange::{Ctx, Outcome};
use crate::domain::records::directory::User;
use crate::domain::records::referral::*;
use crate::domain::records::registration::{ContractType, RegistrationForm};
use crate::domain::records::stage::SalesStage;
use crate::domain::testing::rules_tests::{contact, details_of, invitation, new_deal, World};

/// Users of every role and scope in the test directory (also the lists' property test).
pub(crate) const USERS: [&str; 5] = [
    "contoso-admin",
    "contoso-de-seller",
    "fabrikam-admin",
    "northwind-admin",
    "msft-seller",
];

/// One random step: which command, by whom, on which deal, with what, after how long.
#[derive(Debug, Clone)]
struct Op {
    kind: u8,
    user: usize,
    target: usize,
    pick: u64,
    hours: i64,
}

fn op() -> impl Strategy<Value = Op> {
    (
        0u8..22,
        0..USERS.len(),
        any::<usize>(),
        any::<u64>(),
        0i64..60,
    )
        .prop_map(|(kind, user, target, pick, hours)| Op {
            kind,
            user,
            target,
            pick,
            hours,
        })
}

fn form(w: &World) -> RegistrationForm {
    let today = w.now.date_naive();
    RegistrationForm {
        contract_type: ContractType::Renewal,
        total_contract_value: 50_000.0,
        currency: "USD".into(),
        solution_value: 20_000.0,
        signed_date: today,
        contract_start_date: today,
        contract_end_date: None,
        evergreen: true,
        contact_email: "deals@example.com".into(),
    }
}

/// Builds the command an op stands for in the current state.
fn command(w: &World, user: &User, op: &Op, n: usize) -> Command {
    let visible: Vec<&Referral> = w
        .exchange
        .referrals()
        .filter(|r| can_see(user, r))
        .collect();
    let registered: Vec<&Referral> = w
        .exchange
        .referrals()
        .filter(|r| r.registration.is_some())
        .collect();
    let any: Vec<&Referral> = w.exchange.referrals().collect();
    let pool = if (16..20).contains(&op.kind) && !registered.is_empty() {
        &registered
    } else if visible.is_empty() {
        &any
    } else {
        &visible
    };
    let Some(r) = (!pool.is_empty()).then(|| pool[op.target % pool.len()]) else {
        return Command::CreateDeal {
            deal: new_deal(&format!("e{n}"), HelpType::GeneralOrOther, true, w.now),
        };
    };
    let id = r.id.clone();
    let me = contact(&user.display_name, &user.email);
    let p = op.pick;
    match op.kind {
        0 => {
            let help = HelpType::ALL[(p % 7) as usize];
            let mut deal = new_deal(&format!("e{n}"), help, p & 8 == 0, w.now);
            deal.location = w
                .data
                .organization(&user.organization_id)
                .map(|o| {
                    o.locations[(p as usize >> 4) % o.locations.len()]
                        .id
                        .clone()
                })
                .unwrap_or_default();
            deal.team = vec![me];
            if p & 16 == 0 {
                deal.invitations.push(invitation(
                    ["fabrikam", "northwind", "contoso"][(p >> 5) as usize % 3],
                    w.now,
                ));
            }
            if p & 128 == 0 {
                deal.solution_ids = vec!["migration-assessment".into()];
                deal.assessment_location = Some(deal.location.clone());
            }
            if user.organization_id == "msft" {
                deal.for_partner = Some(PartnerTarget {
                    organization_id: "contoso".into(),
                    location: "contoso-munich".into(),
                });
            }
            Command::CreateDeal { deal }
        }
        1 => Command::Accept {
            referral_id: id,
            details: details_of(r, w.now),
            team: vec![me],
        },
        2 => Command::Decline {
            referral_id: id,
            reason: DeclineReason::ALL[(p % 8) as usize],
            notes: String::new(),
        },
        3 => Command::Expire { referral_id: id },
        4 => {
            let mut d = details_of(r, w.now);
            d.deal_value = (p % 1_000_000) as f64;
            Command::EditDetails {
                referral_id: id,
                details: d,
                location: (p & 1 == 0).then(|| "contoso-seattle".into()),
            }
        }
        5 => Command::AddTeamMember {
            referral_id: id,
            member: if p & 1 == 0 {
                me
            } else {
                contact("Guest", &format!("g{}@x.example", p % 100))
            },
        },
        6 => Command::RemoveTeamMember {
            referral_id: id.clone(),
            email: r
                .team
                .get((p as usize) % r.team.len().max(1))
                .map(|m| m.email.clone())
                .unwrap_or_default(),
        },
        7 => Command::EditSolutions {
            referral_id: id,
            solution_ids: vec![["fleet", "azure", "data", "migration-assessment"]
                [(p % 4) as usize]
                .into()],
        },
        8 => Command::InviteMicrosoft {
            referral_id: id,
            help_type: HelpType::ALL[(p % 7) as usize],
            contact: None,
        },
        9 => Command::AllowMicrosoftView { referral_id: id },
        10 => Command::InvitePartner {
            referral_id: id,
            invitation: invitation(
                ["fabrikam", "northwind", "contoso"][(p % 3) as usize],
                w.now,
            ),
        },
        11 => {
            let all: Vec<SalesStage> = SalesStage::STANDARD
                .iter()
                .chain(SalesStage::ASSESSMENT.iter())
                .copied()
                .collect();
            Command::MarkStage {
                referral_id: id,
                stage: all[(p as usize) % all.len()],
            }
        }
        12 => Command::MarkWon {
            referral_id: id,
            confirm_early: p & 1 == 0,
        },
        13 => Command::MarkLost {
            referral_id: id,
            reason: LossReason::Competitor,
            notes: String::new(),
        },
        14 => Command::Register {
            referral_id: id,
            form: form(w),
        },
        15 => Command::Resubmit {
            referral_id: id,
            form: form(w),
        },
        16 => Command::StartReview { referral_id: id },
        17 => Command::ApproveRegistration { referral_id: id },
        18 => Command::RequestAction {
            referral_id: id,
            note: "Add the order".into(),
        },
        19 => Command::RejectRegistration {
            referral_id: id,
            note: "Not eligible".into(),
        },
        20 => Command::AddSharedNote {
            referral_id: id,
            text: ["", "Call with the customer on Monday", "  "][(p % 3) as usize].into(),
        },
        _ => Command::ToggleFavorite { referral_id: id },
    }
}

fn sharing_rank(s: SharingType) -> u8 {
    match s {
        SharingType::Private => 0,
        SharingType::PartnerLed => 1,
        SharingType::CoSell => 2,
    }
}

fn visible_sets(w: &World) -> BTreeMap<String, BTreeSet<String>> {
    w.data
        .users
        .iter()
        .map(|u| {
            (
                u.id.clone(),
                w.exchange
                    .referrals()
                    .filter(|r| can_see(u, r))
                    .map(|r| r.id.clone())
                    .collect(),
            )
        })
        .collect()
}

/// Checks every invariant of one decided command against the states before and after.
fn check_invariants(
    before: &World,
    after: &World,
    outcome: &Outcome,
    cmd: &Command,
) -> Result<(), TestCaseError> {
    for old in before.exchange.referrals() {
        let new = after
            .exchange
            .referral(&old.id)
            .expect("referrals are never deleted");
        match old.substatus {
            Substatus::Lost | Substatus::Declined | Substatus::Expired => {
                prop_assert_eq!(old, new, "a closed referral never changes")
            }
            Substatus::Won => {
                let mut a = old.clone();
                let mut b = new.clone();
                for x in [&mut a, &mut b] {
                    x.registration = None;
                    x.e_tag = String::new();
                    x.updated_date_time = old.updated_date_time;
                }
                prop_assert_eq!(a, b, "a won deal changes only by its registration");
            }
            _ => {}
        }
        prop_assert!(
            sharing_rank(new.sharing) >= sharing_rank(old.sharing),
            "the type only upgrades: {:?}",
            cmd
        );
        prop_assert!(new.p2p || !old.p2p, "P2P is never taken back");
        match (old.sales_stage, new.sales_stage) {
            (Some(a), Some(b)) => prop_assert!(
                b.percent() >= a.percent(),
                "stages never move backward: {:?} -> {:?}",
                a,
                b
            ),
            (Some(_), None) => prop_assert!(false, "a stage is never removed"),
            _ => {}
        }
    }
    // Visibility only widens by an explicit share: a new referral, or a team that now names the user.
    let (vb, va) = (visible_sets(before), visible_sets(after));
    let written: BTreeMap<&str, &Referral> = outcome
        .referrals
        .iter()
        .map(|w| (w.referral.id.as_str(), &w.referral))
        .collect();
    for user in &after.data.users {
        for id in va[&user.id].difference(&vb[&user.id]) {
            let created = before.exchange.referral(id).is_none();
            let named = written
                .get(id.as_str())
                .is_some_and(|r| r.has_team_member(&user.email));
            prop_assert!(
                created || named,
                "{} started to see {} without a share ({:?})",
                user.id,
                id,
                cmd
            );
        }
    }
    for n in &outcome.notifications {
        if let Some(uid) = &n.user_id {
            let user = after.data.user(uid).expect("notified users exist");
            let r = after
                .exchange
                .referral(&n.referral_id)
                .expect("notifications are about stored referrals");
            prop_assert!(
                can_see(user, r),
                "{} was told of a deal they may not see",
                uid
            );
        }
    }
    for w in &outcome.referrals {
        prop_assert!(
            outcome
                .activity
                .iter()
                .any(|a| a.referral_id == w.referral.id),
            "a change without an activity entry"
        );
    }
    Ok(())
}

#[test]
fn random_command_sequences_keep_every_invariant() {
    let cases = 160;
    // A fixed seed: CI runs the same sequences every time, so a red run can be replayed.
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let (decided, refused, ran) = (Cell::new(0usize), Cell::new(0usize), Cell::new(0u32));
    runner
        .run(&prop::collection::vec(op(), 20..90), |ops| {
            ran.set(ran.get() + 1);
            let mut w = World::new();
            for (n, op) in ops.iter().enumerate() {
                w.later(Duration::hours(op.hours));
                let user = w.user(USERS[op.user]);
                let cmd = command(&w, &user, op, n);
                // The app writes every command as serde does (queued, then pushed).
                prop_assert_eq!(
                    crate::domain::support::json_writer::to_json(&cmd),
                    serde_json::to_string(&cmd).unwrap()
                );
                let before_state = w.exchange.clone();
                let result = w.decide(USERS[op.user], &cmd);
                // Imports and batches decide on a copy without most of the history.
                let copy = w.exchange.decision_copy();
                let on_copy = decide(
                    &cmd,
                    Ctx {
                        exchange: &copy,
                        directory: &w.data,
                        user: &user,
                        now: w.now,
                    },
                );
                prop_assert_eq!(
                    &result,
                    &on_copy,
                    "the decision copy holds all a decision reads: {:?}",
                    &cmd
                );
                match result {
                    Err(_) => {
                        refused.set(refused.get() + 1);
                        prop_assert_eq!(
                            &w.exchange,
                            &before_state,
                            "a refused command changes nothing"
                        );
                    }
                    Ok(outcome) => {
                        decided.set(decided.get() + 1);
                        let before = World {
                            data: w.data.clone(),
                            exchange: before_state,
                            now: w.now,
                        };
                        prop_assert!(
                            w.exchange.apply(&outcome).is_ok(),
                            "a decided outcome applies: {:?}",
                            cmd
                        );
                        check_invariants(&before, &w, &outcome, &cmd)?;
                        // The app writes every outcome as serde does, and reads it back.
                        let written = serde_json::to_string(&outcome).unwrap();
                        prop_assert_eq!(
                            crate::domain::support::json_writer::to_json(&outcome),
                            written.clone()
                        );
                        prop_assert_eq!(
                            crate::domain::support::json_reader::from_json::<Outcome>(&written),
                            Ok(outcome)
                        );
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    let (decided, refused, ran) = (decided.get(), refused.get(), ran.get());
    println!("property tests: {ran} random sequences, {} commands ({decided} decided, {refused} refused)", decided + refused);
    assert_eq!(ran, cases);
    assert!(
        decided > 1_000,
        "the sequences exercise the rules: {decided} decided"
    );
}
