//! The app's JSON reader against serde: every record the app reads, as serde writes it, reads
//! back the same; and with any one field taken out or set to `null`, the reader accepts what
//! serde accepts, gives the same value, and refuses what serde refuses. The `json_record!`
//! tables mirror the serde attributes, and these tests are what keeps them in step.

use std::collections::BTreeMap;
use std::fmt::Debug;

use chrono::{TimeZone, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::domain::deal::validation::{FieldError, MessageKey};
use crate::domain::exchange::{Favorite, FavoriteChange, Outcome, ReferralWrite, SetupWrite};
use crate::domain::records::activity::{ActivityAction, ActivityEntry, Actor, FieldChange};
use crate::domain::records::directory::tests::shipped;
use crate::domain::records::directory::{Customer, Organization, Partner, Rates, User};
use crate::domain::records::notification::{Notification, NotificationKind};
use crate::domain::records::org_setup::OrgSetup;
use crate::domain::records::referral::{ReasonCode, Referral, Solution};
use crate::domain::records::registration::{
    ContractType, DealRegistration, RegistrationForm, RegistrationStatus,
};
use crate::domain::support::json_reader::{from_json, ReadJson};
use crate::domain::transfer::demo;
use crate::sync::protocol::{
    MutationResult, MutationStatus, PullResponse, PushResponse, RefusedBecause,
};
use crate::sync::replica::{CopyState, Pending};

pub(super) fn at(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 30, 15).unwrap()
}

/// Demo deals: every deal type, status, stage and reason the generator makes.
pub(super) fn demo_referrals(n: usize) -> Vec<Referral> {
    let data = crate::domain::testing::directory();
    demo::generate(n, &data, at(20))
        .referrals
        .into_iter()
        .map(|w| w.referral)
        .collect()
}

/// A referral with every optional part there, a registration included.
pub(super) fn full_referral() -> Referral {
    let mut r = demo_referrals(40)
        .into_iter()
        .find(|r| r.invite_context.is_some() && r.customer_profile.contact.is_some())
        .expect("the demo has an invited co-sell deal");
    r.expiration_date_time = Some(at(30));
    r.status_reason_code = Some(ReasonCode::Expired);
    r.status_reason_notes = "Budget \"frozen\"\n— until Q3 😐".into();
    r.details.assessment_location = Some("contoso-munich".into());
    r.registration = Some(DealRegistration {
        form: RegistrationForm {
            contract_type: ContractType::Renewal,
            total_contract_value: 50_000.25,
            currency: "EUR".into(),
            solution_value: 1e4,
            signed_date: at(2).date_naive(),
            contract_start_date: at(3).date_naive(),
            contract_end_date: Some(at(28).date_naive()),
            evergreen: false,
            contact_email: "deals@example.com".into(),
        },
        status: RegistrationStatus::Approved,
        submitted_date_time: at(4),
        decided_date_time: Some(at(5)),
        validator_note: "ok".into(),
    });
    r
}

pub(super) fn notifications() -> Vec<Notification> {
    let kinds = [
        NotificationKind::NewInbound,
        NotificationKind::Accepted {
            by: "Fabrikam".into(),
        },
        NotificationKind::Declined {
            by: "Fabrikam".into(),
            reason: "No capacity".into(),
        },
        NotificationKind::Expired {
            by: "Northwind".into(),
        },
        NotificationKind::Registration {
            status: RegistrationStatus::Rejected,
        },
    ];
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Notification {
            id: format!("n-{i}"),
            user_id: (i % 2 == 0).then(|| "contoso-admin".into()),
            email: "a@contoso.example".into(),
            locale: "de".into(),
            referral_id: "r-1".into(),
            deal_name: "Adatum \\ migration".into(),
            at: at(6),
            kind,
            emailed: i % 2 == 1,
            read: i == 3,
        })
        .collect()
}

pub(super) fn activity() -> Vec<ActivityEntry> {
    vec![ActivityEntry {
        id: "a-1".into(),
        referral_id: "r-1".into(),
        engagement_id: "e-1".into(),
        organization_id: "contoso".into(),
        at: at(7),
        actor: Actor {
            user_id: None,
            name: "System".into(),
            organization_id: "contoso".into(),
        },
        action: ActivityAction::UserEdited,
        changes: vec![FieldChange {
            field: "details.dealValue".into(),
            old: "1".into(),
            new: "2".into(),
        }],
        subject: Some("Anna".into()),
        note: Some("shared note".into()),
    }]
}

pub(super) fn setups() -> Vec<OrgSetup> {
    let data = crate::domain::testing::directory();
    data.organizations
        .iter()
        .filter_map(|o| OrgSetup::of(&data, &o.id))
        .collect()
}

pub(super) fn favorite() -> Favorite {
    Favorite {
        user_id: "contoso-admin".into(),
        referral_id: "r-1".into(),
    }
}

pub(super) fn pull() -> PullResponse {
    PullResponse {
        cursor: "c-9".into(),
        last_mutation_id: 12,
        reset: true,
        referrals: vec![full_referral()],
        removed: vec!["r-gone".into()],
        parties: demo_referrals(2),
        activity: activity(),
        notifications: notifications(),
        favorites: Some(vec![favorite()]),
        setups: setups(),
        more: true,
    }
}

pub(super) fn outcome() -> Outcome {
    Outcome {
        referrals: vec![ReferralWrite {
            referral: full_referral(),
            expected_etag: Some("e-1".into()),
        }],
        favorites: vec![
            FavoriteChange::Add(favorite()),
            FavoriteChange::Remove(favorite()),
        ],
        activity: activity(),
        notifications: notifications(),
        read_notifications: vec!["n-1".into()],
        setups: setups()
            .into_iter()
            .map(|setup| SetupWrite {
                setup,
                expected_etag: None,
            })
            .collect(),
    }
}

pub(super) fn copy_state() -> CopyState {
    CopyState {
        user_id: "contoso-admin".into(),
        client_id: "client-1".into(),
        cursor: Some("c-3".into()),
        next_id: 4,
        outbox: vec![Pending {
            id: 3,
            at: at(8),
            mutation: r#"{"id":3,"change":{"kind":"deal"}}"#.into(),
            outcome: outcome(),
        }],
        last_sync: Some(at(9)),
    }
}

pub(super) fn push() -> PushResponse {
    PushResponse {
        last_mutation_id: 7,
        results: vec![
            MutationResult {
                id: 6,
                status: MutationStatus::Applied,
                error: None,
                e_tags: BTreeMap::from([("r-1".into(), "e-2".into())]),
            },
            MutationResult {
                id: 7,
                status: MutationStatus::Refused,
                error: Some(RefusedBecause {
                    kind: "invalid".into(),
                    message: "Check the form".into(),
                    index: 2,
                    fields: vec![FieldError {
                        field: "team[1].email".into(),
                        key: MessageKey::ALL[0],
                    }],
                }),
                e_tags: BTreeMap::new(),
            },
        ],
    }
}

/// What the reader makes of `text`, next to what serde makes of it.
fn both<T: ReadJson + DeserializeOwned>(text: &str) -> (Option<T>, Option<T>) {
    (from_json(text).ok(), serde_json::from_str(text).ok())
}

fn reads_back<T: ReadJson + DeserializeOwned + Serialize + PartialEq + Debug>(value: &T) {
    let text = serde_json::to_string(value).unwrap();
    assert_eq!(from_json::<T>(&text).as_ref(), Ok(value));
    let pretty = serde_json::to_string_pretty(value).unwrap();
    assert_eq!(from_json::<T>(&pretty).as_ref(), Ok(value));
}

/// Every object of `v` by its path (the root is the empty path).
fn object_paths(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        Value::Object(map) => {
            out.push(path.clone());
            for (k, child) in map {
                path.push(Step::Key(k.clone()));
                object_paths(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(Step::Index(i));
                object_paths(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn object_at<'v>(v: &'v mut Value, path: &[Step]) -> &'v mut serde_json::Map<String, Value> {
    let mut v = v;
    for step in path {
        v = match step {
            Step::Key(k) => &mut v[k.as_str()],
            Step::Index(i) => &mut v[*i],
        };
    }
    v.as_object_mut().unwrap()
}

/// Takes out each field of every object in `value`'s JSON, and sets each to `null`, one at a
/// time: the reader and serde agree on every variant. Returns how many were tried.
fn agrees_field_by_field<T>(value: &T) -> usize
where
    T: ReadJson + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let json = serde_json::to_value(value).unwrap();
    let mut paths = Vec::new();
    object_paths(&json, &mut Vec::new(), &mut paths);
    let mut tried = 0;
    for path in paths {
        let keys: Vec<String> = object_at(&mut json.clone(), &path)
            .keys()
            .cloned()
            .collect();
        for key in keys {
            for null in [false, true] {
                let mut variant = json.clone();
                let object = object_at(&mut variant, &path);
                match null {
                    true => object.insert(key.clone(), Value::Null),
                    false => object.remove(&key),
                };
                let text = variant.to_string();
                let (read, serde) = both::<T>(&text);
                assert_eq!(read, serde, "{path:?} {key} (null: {null}) in {text}");
                tried += 1;
            }
        }
    }
    tried
}

#[test]
fn every_record_the_app_reads_reads_back_as_serde_wrote_it() {
    for r in demo_referrals(300) {
        reads_back(&r);
    }
    reads_back(&full_referral());
    reads_back(&pull());
    reads_back(&push());
    reads_back(&copy_state());
    reads_back(&CopyState::default());
    reads_back(&PullResponse::default());
}

#[test]
fn a_field_taken_out_or_null_is_read_as_serde_reads_it() {
    let tried = agrees_field_by_field(&pull())
        + agrees_field_by_field(&push())
        + agrees_field_by_field(&copy_state());
    // A sanity floor: the samples hold every record with its optional parts.
    assert!(tried > 1_000, "{tried}");
}

fn agrees_on_file<T>(text: &str) -> usize
where
    T: ReadJson + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let (read, serde) = both::<Vec<T>>(text);
    assert!(serde.is_some());
    assert_eq!(read, serde);
    // Each shape once is enough: the files' records differ in values, not in fields.
    let first = &serde.unwrap()[0];
    agrees_field_by_field(first)
}

#[test]
fn the_shipped_reference_data_reads_as_serde_reads_it() {
    let files: BTreeMap<&str, String> = shipped().into_iter().collect();
    agrees_on_file::<Organization>(&files["organizations.json"]);
    agrees_on_file::<User>(&files["users.json"]);
    agrees_on_file::<Customer>(&files["customers.json"]);
    agrees_on_file::<Partner>(&files["partners.json"]);
    agrees_on_file::<Solution>(&files["solutions.json"]);
    let (read, serde) = both::<Rates>(&files["rates.json"]);
    assert!(serde.is_some());
    assert_eq!(read, serde);
    agrees_field_by_field(&serde.unwrap());
}

#[test]
fn text_that_is_not_json_is_refused_by_both() {
    let good = serde_json::to_string(&full_referral()).unwrap();
    // Every cut of a record is refused, as serde refuses it.
    for end in (0..good.len()).filter(|&i| good.is_char_boundary(i)) {
        let (read, serde) = both::<Referral>(&good[..end]);
        assert!(read.is_none() && serde.is_none(), "{}", &good[..end]);
    }
    for bad in [
        format!("{good} x"),
        good.replace("\"dealValue\":", "\"dealValue\":\"1\","),
        good.replace("\"status\":\"", "\"status\":\"Nonsense"),
        good.replacen(':', ":{", 1),
        format!("[{good}]"),
    ] {
        let (read, serde) = both::<Referral>(&bad);
        assert!(read.is_none() && serde.is_none(), "{bad}");
    }
}
