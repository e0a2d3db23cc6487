//! An organisation's set-up as its admins manage it in Co-sell: its locations, users and own
//! solutions, stored over the shipped reference data (`data/*.json`), which stays the
//! starting point of a fresh browser.

use serde::{Deserialize, Serialize};

use crate::domain::records::directory::{Location, ReferenceData, User};
use crate::domain::records::referral::Solution;

/// An organisation's set-up as its admins manage it in Co-sell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgSetup {
    pub organization_id: String,
    pub locations: Vec<Location>,
    pub users: Vec<User>,
    /// The organisation's own co-sell solutions.
    pub solutions: Vec<Solution>,
    pub e_tag: String,
}

json_record!(OrgSetup {
    organization_id: "organizationId" required,
    locations: "locations" required,
    users: "users" required,
    solutions: "solutions" required,
    e_tag: "eTag" required,
});

impl OrgSetup {
    /// The set-up of `organization_id` as `directory` has it now.
    pub fn of(directory: &ReferenceData, organization_id: &str) -> Option<OrgSetup> {
        let org = directory.organization(organization_id)?;
        Some(OrgSetup {
            organization_id: org.id.clone(),
            locations: org.locations.clone(),
            users: directory
                .users
                .iter()
                .filter(|u| u.organization_id == org.id)
                .cloned()
                .collect(),
            solutions: own_solutions(directory, &org.id).cloned().collect(),
            e_tag: String::new(),
        })
    }
}

/// The solutions `organization_id` publishes.
pub fn own_solutions<'a>(
    directory: &'a ReferenceData,
    organization_id: &'a str,
) -> impl Iterator<Item = &'a Solution> + 'a {
    directory
        .solutions
        .iter()
        .filter(move |s| s.publisher_organization_id.as_deref() == Some(organization_id))
}

impl ReferenceData {
    /// The directory with each organisation's stored set-up in place of what the reference
    /// data ships for it. Users and solutions keep their places in the lists (the first
    /// user stays the one a fresh browser signs in as); a set-up of an unknown organisation,
    /// or one without locations, is ignored rather than trusted.
    pub fn with_setups<'a>(&self, setups: impl IntoIterator<Item = &'a OrgSetup>) -> ReferenceData {
        let mut data = self.clone();
        for setup in setups {
            let id = setup.organization_id.as_str();
            let Some(org) = data.organizations.iter_mut().find(|o| o.id == id) else {
                continue;
            };
            if setup.locations.is_empty() {
                continue;
            }
            org.locations = setup.locations.clone();
            let users = setup
                .users
                .iter()
                .filter(|u| u.organization_id == id)
                .cloned();
            replace_in_place(&mut data.users, |u| u.organization_id == id, users);
            let solutions = setup
                .solutions
                .iter()
                .filter(|s| s.publisher_organization_id.as_deref() == Some(id))
                .cloned();
            replace_in_place(
                &mut data.solutions,
                |s| s.publisher_organization_id.as_deref() == Some(id),
                solutions,
            );
        }
        data
    }
}

/// Replaces the items that match `old` with `new`, where the first of them was.
fn replace_in_place<T>(items: &mut Vec<T>, old: impl Fn(&T) -> bool, new: impl Iterator<Item = T>) {
    let at = items.iter().position(&old).unwrap_or(items.len());
    let before = items[..at].iter().filter(|x| !old(x)).count();
    items.retain(|x| !old(x));
    let tail = items.split_off(before);
    items.extend(new);
    items.extend(tail);
}
