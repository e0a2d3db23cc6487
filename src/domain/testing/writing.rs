//! The app's JSON writer against serde: every record and message the app writes comes out
//! byte for byte as serde_json writes it with the type's serde attributes, so the server
//! (which reads with serde) and stored data see no difference. The `json_record!` and
//! `write_tagged!` tables mirror the serde attributes, and these tests keep them in step;
//! the property test (`properties.rs`) does the same for every random command and outcome.

use std::collections::BTreeMap;
use std::fmt::Debug;

use serde::Serialize;
use serde_json::Value;

use super::reading::{
    activity, at, copy_state, demo_referrals, full_referral, notifications, outcome, pull, push,
    setups,
};
use crate::domain::deal::commands::{Command, DealDetailsInput, NewDeal, PartnerTarget};
use crate::domain::org::admin::{
    AdminCommand, LocationInput, RoleChoice, SolutionInput, UserInput,
};
use crate::domain::present::embed::HostEvent;
use crate::domain::records::directory::LocationScope;
use crate::domain::records::referral::{Contact, HelpType, IncentiveProgram, Referral};
use crate::domain::support::json_writer::{leaves, to_json, WriteJson};
use crate::domain::transfer::demo;
use crate::sync::change::Change;
use crate::sync::protocol::{Mutation, PullResponse, Seen};
use crate::sync::replica::CopyState;

fn writes_as_serde<T: WriteJson + Serialize + Debug>(value: &T) {
    assert_eq!(
        to_json(value),
        serde_json::to_string(value).unwrap(),
        "{value:?}"
    );
}

/// Texts that need escaping, in every string of a referral.
fn awkward_referral() -> Referral {
    let mut r = full_referral();
    r.name = "Quote \" backslash \\ line\nbreak\ttab \u{1} ümlaut 🙂".into();
    r.status_reason_notes = "</script>\r\n".into();
    r.customer_profile.address.city = "\u{7f}\u{2028}".into();
    r.details.deal_value = 0.1 + 0.2;
    r
}

#[test]
fn every_record_the_app_writes_is_written_as_serde_writes_it() {
    for r in demo_referrals(300) {
        writes_as_serde(&r);
    }
    writes_as_serde(&full_referral());
    writes_as_serde(&awkward_referral());
    writes_as_serde(&activity());
    writes_as_serde(&notifications());
    writes_as_serde(&setups());
    writes_as_serde(&outcome());
    writes_as_serde(&copy_state());
    writes_as_serde(&CopyState::default());
    writes_as_serde(&pull());
    writes_as_serde(&PullResponse::default());
    writes_as_serde(&push());
    let deals = demo_referrals(40);
    let exported: Vec<&Referral> = deals.iter().collect();
    assert_eq!(
        crate::domain::transfer::export::export_json(&exported),
        serde_json::to_string(&exported).unwrap()
    );
}

fn new_deal() -> NewDeal {
    let r = full_referral();
    NewDeal {
        engagement_id: "eng-9".into(),
        customer: r.customer_profile.clone(),
        name: r.name.clone(),
        location: "contoso-munich".into(),
        deal_value: 125_000.5,
        currency: "EUR".into(),
        closing_date_time: at(20),
        crm_id: "CRM-1".into(),
        campaign_id: String::new(),
        notes: "Note".into(),
        team: r.team.clone(),
        solution_ids: vec!["s-1".into(), "s-2".into()],
        help_type: HelpType::CustomerTechnicalArchitecture,
        microsoft_may_view: true,
        assessment_location: Some("contoso-berlin".into()),
        invitations: vec![],
        for_partner: Some(PartnerTarget {
            organization_id: "fabrikam".into(),
            location: "fabrikam-vienna".into(),
        }),
    }
}

fn details() -> DealDetailsInput {
    DealDetailsInput {
        name: "Renamed".into(),
        deal_value: 3.0,
        currency: "USD".into(),
        closing_date_time: at(21),
        notes: String::new(),
        crm_id: "C".into(),
        campaign_id: "K".into(),
    }
}

fn contact() -> Contact {
    full_referral().team[0].clone()
}

#[test]
fn every_change_the_app_pushes_is_written_as_serde_writes_it() {
    let commands = vec![
        Command::CreateDeal { deal: new_deal() },
        Command::Accept {
            referral_id: "r-1".into(),
            details: details(),
            team: vec![contact()],
        },
        Command::EditDetails {
            referral_id: "r-1".into(),
            details: details(),
            location: None,
        },
        Command::InviteMicrosoft {
            referral_id: "r-1".into(),
            help_type: HelpType::GeneralOrOther,
            contact: Some(contact()),
        },
        Command::MarkWon {
            referral_id: "r-1".into(),
            confirm_early: true,
        },
        Command::ToggleFavorite {
            referral_id: "r-1".into(),
        },
    ];
    let admin = vec![
        AdminCommand::SaveUser {
            user_id: None,
            input: UserInput {
                display_name: "Lena".into(),
                email: "lena@contoso.example".into(),
                phone: String::new(),
                locale: "de".into(),
                role: RoleChoice::ReferralAdmin,
                location_scope: LocationScope::Locations(vec!["contoso-munich".into()]),
            },
        },
        AdminCommand::SetUserActive {
            user_id: "u-1".into(),
            active: false,
        },
        AdminCommand::SaveLocation {
            location_id: Some("l-1".into()),
            input: LocationInput {
                city: "Graz".into(),
                country: "AT".into(),
                contact_email: String::new(),
            },
        },
        AdminCommand::RemoveLocation {
            location_id: "l-1".into(),
        },
        AdminCommand::SaveSolution {
            solution_id: None,
            input: SolutionInput {
                name: "Copilot rollout".into(),
                incentive_program: IncentiveProgram::AzureIpCoSell,
            },
        },
        AdminCommand::UpdateProfile {
            locale: "en".into(),
            email_notifications: true,
        },
    ];
    let mut changes: Vec<Change> = commands
        .iter()
        .map(|c| Change::Deal { command: c.clone() })
        .collect();
    changes.push(Change::Answers {
        commands: commands.clone(),
    });
    changes.push(Change::Batch { commands: vec![] });
    changes.extend(admin.into_iter().map(|command| Change::Admin { command }));
    changes.push(Change::ReadNotifications {
        ids: vec!["n-1".into(), "n-\"2\"".into()],
    });
    for (id, change) in changes.into_iter().enumerate() {
        writes_as_serde(&Mutation {
            id: id as u64,
            change,
            seen: vec![Seen {
                referral_id: "r-1".into(),
                e_tag: "e-1".into(),
            }],
        });
    }
}

#[test]
fn host_events_are_written_as_serde_writes_them() {
    for event in [
        HostEvent::Ready,
        HostEvent::DealCreated {
            id: "r-1".into(),
            name: "A \"quoted\" deal".into(),
        },
        HostEvent::DealWon {
            id: "r-2".into(),
            name: String::new(),
        },
    ] {
        writes_as_serde(&event);
    }
}

// The leaves of a record (the activity diff), taken from the same writes.

struct Inner {
    deal_value: f64,
    when: Option<u64>,
}

json_record!(write Inner {
    deal_value: "dealValue" required,
    when: "when" required,
});

struct Person {
    name: String,
    email: String,
}

json_record!(write Person {
    name: "name" required,
    email: "email" required,
});

struct Outer {
    name: String,
    details: Inner,
    team: Vec<Person>,
    tags: Vec<String>,
    pairs: Vec<Vec<u64>>,
    map: BTreeMap<String, u64>,
    flag: bool,
    skipped: Option<String>,
}

json_record!(write Outer {
    name: "name" required,
    details: "details" required,
    team: "team" required,
    tags: "tags" required,
    pairs: "pairs" required,
    map: "map" required,
    flag: "flag" required,
    skipped: "skipped" omit,
});

#[test]
fn every_leaf_has_its_dotted_path_and_lists_show_names() {
    let v = Outer {
        name: "Deal \"one\"".into(),
        details: Inner {
            deal_value: 1.5,
            when: None,
        },
        team: vec![
            Person {
                name: "Lena".into(),
                email: "l@x".into(),
            },
            Person {
                name: "Jonas".into(),
                email: "j@x".into(),
            },
        ],
        tags: vec!["a".into(), "b".into()],
        pairs: vec![vec![1, 2], vec![]],
        map: BTreeMap::from([("k".to_string(), 7)]),
        flag: false,
        skipped: None,
    };
    let leaf = |p: &str, t: &str| (p.to_string(), t.to_string());
    assert_eq!(
        leaves(&v),
        [
            leaf("name", "Deal \"one\""),
            leaf("details.dealValue", "1.5"),
            leaf("details.when", ""),
            leaf("team", "Lena, Jonas"),
            leaf("tags", "a, b"),
            leaf("pairs", "1, 2, "),
            leaf("map.k", "7"),
            leaf("flag", "false"),
        ]
    );
}

/// The leaves as the serde value of the same record gives them (serde_json's map keeps
/// keys sorted, so the order is compared apart).
fn from_value(v: &Value, path: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(fields) => {
            for (k, v) in fields {
                from_value(
                    v,
                    if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    },
                    out,
                );
            }
        }
        Value::Array(items) => {
            let texts: Vec<String> = items
                .iter()
                .map(|item| {
                    let mut inner = Vec::new();
                    from_value(item, String::new(), &mut inner);
                    match inner.iter().find(|(k, _)| k == "name") {
                        Some((_, name)) => name.clone(),
                        None => inner
                            .iter()
                            .map(|(_, v)| v.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    }
                })
                .collect();
            out.push((path, texts.join(", ")));
        }
        Value::String(s) => out.push((path, s.clone())),
        Value::Null => out.push((path, String::new())),
        other => out.push((path, other.to_string())),
    }
}

#[test]
fn a_referral_flattens_to_what_its_serde_value_holds() {
    let data = crate::domain::testing::directory();
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 20, 9, 0, 0).unwrap();
    let mut referrals: Vec<Referral> = demo::generate(80, &data, now)
        .referrals
        .into_iter()
        .map(|w| w.referral)
        .collect();
    referrals.push(crate::domain::testing::referral_at(
        "contoso",
        "munich",
        &["a@x", "b@x"],
    ));
    for r in referrals {
        let mut mine = leaves(&r);
        let mut theirs = Vec::new();
        from_value(
            &serde_json::to_value(&r).unwrap(),
            String::new(),
            &mut theirs,
        );
        // Field order follows the record.
        let paths: Vec<&str> = mine.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths[..3], ["id", "engagementId", "organizationId"]);
        mine.sort();
        theirs.sort();
        assert_eq!(mine, theirs);
    }
}
