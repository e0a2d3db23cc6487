//! Builders shared by the host tests, and the tests of the whole rule set.

mod import_fuzz;
pub(crate) mod properties;
mod reading;
pub(crate) mod rules_tests;
mod writing;

use chrono::{TimeZone, Utc};

use std::collections::BTreeMap;

use crate::domain::records::directory::{
    Customer, Location, LocationScope, Organization, Rates, ReferenceData, Role, User,
};
use crate::domain::records::referral::*;
use crate::domain::records::stage::SalesStage;

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
        active: true,
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
        status_reason_code: None,
        status_reason_notes: String::new(),
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
            ids: CustomerIds {
                duns: Some("123456789".into()),
            },
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
            assessment_location: None,
        },
        team: team
            .iter()
            .map(|e| Contact {
                name: "Team member".into(),
                phone: "+49 1".into(),
                email: e.to_string(),
            })
            .collect(),
        invite_context: None,
        sales_stage: Some(SalesStage::Created),
        registration: None,
        e_tag: "etag-1".into(),
    }
}

fn loc(id: &str, city: &str, country: &str) -> Location {
    Location {
        id: id.into(),
        city: city.into(),
        country: country.into(),
        contact_email: String::new(),
    }
}

fn u(id: &str, org: &str, roles: &[Role], scope: LocationScope) -> User {
    User {
        id: id.into(),
        display_name: id.into(),
        organization_id: org.into(),
        email: format!("{id}@{org}.example"),
        phone: "+1 425 555 0100".into(),
        roles: roles.to_vec(),
        location_scope: scope,
        locale: "en".into(),
        disable_notifications: false,
        active: true,
    }
}

/// A small directory in the shape of `public/data/`.
pub fn directory() -> ReferenceData {
    let org = |id: &str, name: &str, locations, vendor| Organization {
        id: id.into(),
        name: name.into(),
        locations,
        vetted_for_assessments: id == "contoso",
        is_vendor: vendor,
    };
    let solution = |id: &str, org: Option<&str>, kind, incentive_program| Solution {
        id: id.into(),
        name: id.into(),
        publisher: org.unwrap_or("Microsoft").into(),
        publisher_organization_id: org.map(Into::into),
        kind,
        incentive_program,
    };
    let customer = |name: &str, city: &str, country: &str, duns: &str| Customer {
        name: name.into(),
        address: Address {
            address_line1: "1 Main St".into(),
            city: city.into(),
            state: String::new(),
            postal_code: "1".into(),
            country: country.into(),
        },
        size: "100-999".into(),
        duns: duns.into(),
    };
    ReferenceData {
        organizations: vec![
            org(
                "contoso",
                "Contoso Ltd",
                vec![
                    loc("contoso-munich", "Munich", "DE"),
                    loc("contoso-seattle", "Seattle", "US"),
                ],
                false,
            ),
            org(
                "fabrikam",
                "Fabrikam Inc",
                vec![loc("fabrikam-redmond", "Redmond", "US")],
                false,
            ),
            org(
                "northwind",
                "Northwind Traders",
                vec![loc("northwind-london", "London", "GB")],
                false,
            ),
            org(
                "msft",
                "Microsoft",
                vec![loc("msft-global", "Global", "ZZ")],
                true,
            ),
        ],
        users: vec![
            u(
                "contoso-admin",
                "contoso",
                &[Role::MpnPartnerAdmin, Role::ReferralAdmin],
                LocationScope::Global,
            ),
            u(
                "contoso-de-seller",
                "contoso",
                &[Role::ReferralUser],
                LocationScope::Locations(vec!["contoso-munich".into()]),
            ),
            u(
                "fabrikam-admin",
                "fabrikam",
                &[Role::ReferralAdmin],
                LocationScope::Global,
            ),
            u(
                "northwind-admin",
                "northwind",
                &[Role::ReferralAdmin],
                LocationScope::Global,
            ),
            u(
                "msft-seller",
                "msft",
                &[Role::MicrosoftSeller],
                LocationScope::Global,
            ),
        ],
        customers: vec![
            customer("Adatum Corporation", "Munich", "DE", "111111111"),
            customer("Tailspin Toys", "Seattle", "US", "222222222"),
            customer("Litware", "London", "GB", "333333333"),
        ],
        partners: vec![],
        solutions: vec![
            solution(
                "fleet",
                Some("contoso"),
                SolutionKind::Partner,
                IncentiveProgram::AzureIpCoSell,
            ),
            solution(
                "data",
                Some("fabrikam"),
                SolutionKind::Partner,
                IncentiveProgram::None,
            ),
            solution(
                "azure",
                None,
                SolutionKind::Microsoft,
                IncentiveProgram::None,
            ),
            solution(
                "migration-assessment",
                None,
                SolutionKind::Assessment,
                IncentiveProgram::None,
            ),
            solution(
                "d365",
                None,
                SolutionKind::Microsoft,
                IncentiveProgram::BusinessApplicationsPremium,
            ),
            solution(
                "security-assessment",
                None,
                SolutionKind::Assessment,
                IncentiveProgram::None,
            ),
        ],
        rates: Rates {
            base: "USD".into(),
            as_of: String::new(),
            rates: BTreeMap::from([("EUR".into(), 1.1)]),
        },
    }
}
