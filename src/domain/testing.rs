//! Builders shared by the host tests.

use chrono::{TimeZone, Utc};

use super::directory::{LocationScope, Role, User};
use super::model::*;
use super::stage::SalesStage;

pub fn user(org: &str, roles: &[Role], scope: LocationScope) -> User {
    User {
        id: format!("{org}-user"),
        display_name: format!("{org} user"),
        organization_id: org.to_string(),
        email: format!("user@{org}.example"),
        phone: "+49 89 1234567".into(),
        roles: roles.to_vec(),
        location_scope: scope,
        locale: "en".into(),
        disable_notifications: false,
    }
}

/// An accepted outbound referral of `org` at `location` with the given team emails.
pub fn referral_at(org: &str, location: &str, team: &[&str]) -> Referral {
    let t = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    Referral {
        id: format!("ref-{org}-{location}"),
        engagement_id: "eng-1".into(),
        organization_id: org.to_string(),
        name: "Adatum Azure migration".into(),
        external_reference_id: String::new(),
        marketing_campaign_id: String::new(),
        created_date_time: t,
        updated_date_time: t,
        expiration_date_time: None,
        accepted_date_time: Some(t),
        status: Status::Active,
        substatus: Substatus::Accepted,
        status_reason: String::new(),
        sharing: SharingType::PartnerLed,
        p2p: false,
        qualification: String::new(),
        direction: Direction::Outgoing,
        location: location.to_string(),
        customer_profile: CustomerProfile {
            name: "Adatum Corporation".into(),
            address: Address {
                address_line1: "Leopoldstraße 1".into(),
                city: "Munich".into(),
                state: String::new(),
                postal_code: "80802".into(),
                country: "DE".into(),
            },
            size: "1000-9999".into(),
            ids: CustomerIds { duns: Some("123456789".into()) },
            contact: None,
        },
        consent: Consent::default(),
        details: Details {
            deal_value: 100_000.0,
            currency: "EUR".into(),
            closing_date_time: Utc.with_ymd_and_hms(2027, 3, 31, 0, 0, 0).unwrap(),
            notes: String::new(),
            requirements: Requirements::default(),
            help_type: HelpType::NoHelpRequired,
        },
        team: team
            .iter()
            .map(|e| Contact { name: "Team member".into(), phone: "+49 1".into(), email: e.to_string() })
            .collect(),
        invite_context: None,
        sales_stage: Some(SalesStage::Created),
        e_tag: "etag-1".into(),
    }
}
