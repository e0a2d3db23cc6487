//! The app's JSON writer against serde: every record and message the app writes comes out
//! byte for byte as serde_json writes it with the type's serde attributes, so the server
//! (which reads with serde) and stored data see no difference. The `json_record!` and
//! `write_tagged!` tables mirror the serde attributes, and these tests keep them in step;
//! the property test (`properties.rs`) does the same for every random command and outcome.

use std::fmt::Debug;

use serde::Serialize;

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
use crate::domain::support::json_writer::{to_json, WriteJson};
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
