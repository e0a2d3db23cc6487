//! Organisations, users, roles and the reference data shipped in `public/data/` (SPEC §1, §10).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::domain::records::referral::{Address, IncentiveProgram, Solution, SolutionKind};
use crate::domain::support::json_reader::{from_json, JsonReader, Read, ReadJson};
use crate::domain::support::json_writer::{JsonWriter, WriteJson};
use crate::domain::support::locale::Locale;

/// A business (MPN) location of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub id: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Receives the alerts for inbound referrals at this location (SPEC §8).
    #[serde(default)]
    pub contact_email: String,
}

json_record!(Location {
    id: "id" required,
    city: "city" required,
    country: "country" required,
    contact_email: "contactEmail" default,
});

impl Location {
    /// "Munich, Germany"-style label.
    pub fn label(&self) -> String {
        self.label_in(Locale::En)
    }

    pub fn label_in(&self, locale: Locale) -> String {
        if self.country == "ZZ" {
            return country_name_in(locale, "ZZ").to_string();
        }
        format!("{}, {}", self.city, country_name_in(locale, &self.country))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub locations: Vec<Location>,
    /// May create solution assessment deals.
    #[serde(default)]
    pub vetted_for_assessments: bool,
    /// The vendor (Microsoft): its sellers answer co-sell invitations.
    #[serde(default)]
    pub is_vendor: bool,
}

json_record!(Organization {
    id: "id" required,
    name: "name" required,
    locations: "locations" required,
    vetted_for_assessments: "vettedForAssessments" default,
    is_vendor: "isVendor" default,
});

/// A role a user holds in their organisation (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Manages users; sees no deals without a referral role.
    MpnPartnerAdmin,
    ReferralAdmin,
    ReferralUser,
    MicrosoftSeller,
}

wire_names!(Role {
    MpnPartnerAdmin => "MpnPartnerAdmin",
    ReferralAdmin => "ReferralAdmin",
    ReferralUser => "ReferralUser",
    MicrosoftSeller => "MicrosoftSeller",
});

impl Role {
    pub fn text(self) -> crate::domain::support::i18n::Text {
        use crate::domain::support::i18n::Text;
        match self {
            Role::MpnPartnerAdmin => Text::RoleMpnPartnerAdmin,
            Role::ReferralAdmin => Text::RoleReferralAdmin,
            Role::ReferralUser => Text::RoleReferralUser,
            Role::MicrosoftSeller => Text::RoleMicrosoftSeller,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(crate::domain::support::locale::Locale::En)
    }
}

/// Which of the organisation's locations a user works for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ScopeRecord", into = "ScopeRecord")]
pub enum LocationScope {
    Global,
    Locations(Vec<String>),
}

/// The stored form, `{"kind": "Global"}` or `{"kind": "Locations", "locations": [...]}`,
/// read as a plain struct: a tagged enum would pull serde's buffering machinery (a large
/// share of the wasm) into the app.
#[derive(Serialize, Deserialize)]
struct ScopeRecord {
    kind: ScopeKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    locations: Vec<String>,
}

json_record!(ScopeRecord {
    kind: "kind" required,
    locations: "locations" omit,
});

impl WriteJson for LocationScope {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        ScopeRecord::from(self.clone()).write_json(w);
    }
}

impl ReadJson for LocationScope {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        ScopeRecord::read_json(r).map(Self::from)
    }
}

#[derive(Clone, Copy)]
enum ScopeKind {
    Global,
    Locations,
}

wire_names!(ScopeKind {
    Global => "Global",
    Locations => "Locations",
});

impl From<ScopeRecord> for LocationScope {
    fn from(r: ScopeRecord) -> Self {
        match r.kind {
            ScopeKind::Global => LocationScope::Global,
            ScopeKind::Locations => LocationScope::Locations(r.locations),
        }
    }
}

impl From<LocationScope> for ScopeRecord {
    fn from(s: LocationScope) -> Self {
        match s {
            LocationScope::Global => ScopeRecord {
                kind: ScopeKind::Global,
                locations: Vec::new(),
            },
            LocationScope::Locations(locations) => ScopeRecord {
                kind: ScopeKind::Locations,
                locations,
            },
        }
    }
}

impl LocationScope {
    pub fn covers(&self, location_id: &str) -> bool {
        match self {
            LocationScope::Global => true,
            LocationScope::Locations(ids) => ids.iter().any(|id| id == location_id),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub display_name: String,
    pub organization_id: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub roles: Vec<Role>,
    pub location_scope: LocationScope,
    #[serde(default = "default_locale")]
    pub locale: String,
    #[serde(default)]
    pub disable_notifications: bool,
    /// A deactivated user cannot sign in and gets no notifications; their history stays.
    #[serde(default = "active_by_default")]
    pub active: bool,
}

json_record!(User {
    id: "id" required,
    display_name: "displayName" required,
    organization_id: "organizationId" required,
    email: "email" required,
    phone: "phone" default,
    roles: "roles" required,
    location_scope: "locationScope" required,
    locale: "locale" or(default_locale()),
    disable_notifications: "disableNotifications" default,
    active: "active" or(active_by_default()),
});

fn default_locale() -> String {
    "en".to_string()
}

fn active_by_default() -> bool {
    true
}

impl User {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A company in the customer directory (the wizard's type-ahead).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub name: String,
    pub address: Address,
    pub size: String,
    pub duns: String,
}

json_record!(Customer {
    name: "name" required,
    address: "address" required,
    size: "size" required,
    duns: "duns" required,
});

/// A co-sell partner in the partner directory (P2P invitations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub city: String,
    pub country: String,
}

json_record!(Partner {
    id: "id" required,
    name: "name" required,
    city: "city" required,
    country: "country" required,
});

/// Exchange rates into a base currency, for the pipeline forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rates {
    pub base: String,
    /// The day the rates were taken.
    #[serde(default)]
    pub as_of: String,
    /// Units of `base` per one unit of each currency.
    pub rates: std::collections::BTreeMap<String, f64>,
}

json_record!(Rates {
    base: "base" required,
    as_of: "asOf" default,
    rates: "rates" required,
});

/// Everything loaded from `public/data/` at start.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceData {
    pub organizations: Vec<Organization>,
    pub users: Vec<User>,
    pub customers: Vec<Customer>,
    pub partners: Vec<Partner>,
    pub solutions: Vec<Solution>,
    pub rates: Rates,
}

/// The reference data files, in the order they are loaded.
pub const REFERENCE_FILES: [&str; 6] = [
    "organizations.json",
    "users.json",
    "customers.json",
    "partners.json",
    "solutions.json",
    "rates.json",
];

/// What is wrong with one reference data file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {problem}")]
pub struct ReferenceDataError {
    pub file: String,
    pub problem: String,
}

impl ReferenceDataError {
    fn new(file: &str, problem: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            problem: problem.into(),
        }
    }
}

fn parse<T: ReadJson>(file: &str, text: &str) -> Result<T, ReferenceDataError> {
    from_json(text).map_err(|e| ReferenceDataError::new(file, e.to_string()))
}

impl ReferenceData {
    /// Parses the six files (text by file name, in `REFERENCE_FILES` order) and checks
    /// that they fit together. The first problem found is reported with its file.
    pub fn parse(texts: &[(&str, String)]) -> Result<ReferenceData, ReferenceDataError> {
        let text = |name: &str| -> Result<&str, ReferenceDataError> {
            texts
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.as_str())
                .ok_or_else(|| ReferenceDataError::new(name, "the file is missing"))
        };
        let data = ReferenceData {
            organizations: parse("organizations.json", text("organizations.json")?)?,
            users: parse("users.json", text("users.json")?)?,
            customers: parse("customers.json", text("customers.json")?)?,
            partners: parse("partners.json", text("partners.json")?)?,
            solutions: parse("solutions.json", text("solutions.json")?)?,
            rates: parse("rates.json", text("rates.json")?)?,
        };
        data.validate()?;
        Ok(data)
    }

    /// Checks the relations and formats the product relies on.
    pub fn validate(&self) -> Result<(), ReferenceDataError> {
        let orgs = "organizations.json";
        if self.organizations.is_empty() {
            return Err(ReferenceDataError::new(orgs, "no organisations are listed"));
        }
        unique(
            orgs,
            self.organizations.iter().map(|o| o.id.as_str()),
            "organisation id",
        )?;
        if self.organizations.iter().filter(|o| o.is_vendor).count() != 1 {
            return Err(ReferenceDataError::new(
                orgs,
                "exactly one organisation must be the vendor (isVendor)",
            ));
        }
        for org in &self.organizations {
            if org.locations.is_empty() {
                return Err(ReferenceDataError::new(
                    orgs,
                    format!("organisation \"{}\" has no location", org.id),
                ));
            }
            unique(
                orgs,
                org.locations.iter().map(|l| l.id.as_str()),
                "location id",
            )?;
            for loc in &org.locations {
                check_country(orgs, &loc.country)?;
            }
        }

        let users = "users.json";
        if self.users.is_empty() {
            return Err(ReferenceDataError::new(users, "no users are listed"));
        }
        unique(users, self.users.iter().map(|u| u.id.as_str()), "user id")?;
        for user in &self.users {
            let Some(org) = self.organization(&user.organization_id) else {
                return Err(ReferenceDataError::new(
                    users,
                    format!(
                        "user \"{}\" belongs to unknown organisation \"{}\"",
                        user.id, user.organization_id
                    ),
                ));
            };
            if let LocationScope::Locations(ids) = &user.location_scope {
                if ids.is_empty() {
                    return Err(ReferenceDataError::new(
                        users,
                        format!("user \"{}\" has an empty location scope", user.id),
                    ));
                }
                if let Some(bad) = ids
                    .iter()
                    .find(|id| !org.locations.iter().any(|l| &l.id == *id))
                {
                    return Err(ReferenceDataError::new(
                        users,
                        format!(
                            "user \"{}\" is scoped to \"{bad}\", which is not a location of {}",
                            user.id, org.name
                        ),
                    ));
                }
            }
            if !user.email.contains('@') {
                return Err(ReferenceDataError::new(
                    users,
                    format!("user \"{}\" has no valid email", user.id),
                ));
            }
        }

        let customers = "customers.json";
        if self.customers.is_empty() {
            return Err(ReferenceDataError::new(
                customers,
                "no customers are listed",
            ));
        }
        unique(
            customers,
            self.customers.iter().map(|c| c.duns.as_str()),
            "DUNS number",
        )?;
        for c in &self.customers {
            if c.duns.len() != 9 || !c.duns.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ReferenceDataError::new(
                    customers,
                    format!(
                        "customer \"{}\" has DUNS \"{}\"; a DUNS number has 9 digits",
                        c.name, c.duns
                    ),
                ));
            }
            check_country(customers, &c.address.country)?;
        }

        let partners = "partners.json";
        unique(
            partners,
            self.partners.iter().map(|p| p.id.as_str()),
            "partner id",
        )?;

        let solutions = "solutions.json";
        unique(
            solutions,
            self.solutions.iter().map(|s| s.id.as_str()),
            "solution id",
        )?;
        for s in &self.solutions {
            if s.kind == SolutionKind::Assessment && s.incentive_program != IncentiveProgram::None {
                return Err(ReferenceDataError::new(
                    solutions,
                    format!(
                        "assessment \"{}\" cannot carry an incentive program",
                        s.name
                    ),
                ));
            }
        }

        let rates = "rates.json";
        check_currency(rates, &self.rates.base)?;
        for (code, rate) in &self.rates.rates {
            check_currency(rates, code)?;
            if !(rate.is_finite() && *rate > 0.0) {
                return Err(ReferenceDataError::new(
                    rates,
                    format!("the rate for {code} must be a positive number"),
                ));
            }
        }
        Ok(())
    }

    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.organizations.iter().find(|o| o.id == id)
    }

    /// A party's display name: the organisation's, else the directory partner's (one not
    /// in the exchange), else its id.
    pub fn party_name(&self, id: &str) -> String {
        self.organization(id)
            .map(|o| o.name.clone())
            .or_else(|| {
                self.partners
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.name.clone())
            })
            .unwrap_or_else(|| id.to_string())
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// The users who may sign in.
    pub fn active_users(&self) -> impl Iterator<Item = &User> {
        self.users.iter().filter(|u| u.active)
    }

    /// The active user an identity provider's claim names: an email address (it holds an
    /// `@`) matches a user's email in any case; any other value (an object id, a subject)
    /// matches a user's id. Nobody when the claim is empty or the user is deactivated.
    pub fn user_by_identity(&self, claim: &str) -> Option<&User> {
        let claim = claim.trim();
        if claim.is_empty() {
            return None;
        }
        self.active_users().find(|u| {
            if claim.contains('@') {
                u.email.eq_ignore_ascii_case(claim)
            } else {
                u.id == claim
            }
        })
    }

    /// `id` if that user may sign in, else the first who may (a fresh browser's user).
    pub fn signed_in(&self, id: &str) -> &User {
        self.user(id)
            .filter(|u| u.active)
            .or_else(|| self.active_users().next())
            .unwrap_or(&self.users[0])
    }

    /// The vendor organisation (Microsoft).
    pub fn vendor(&self) -> &Organization {
        self.organizations
            .iter()
            .find(|o| o.is_vendor)
            .expect("validated: one vendor")
    }

    /// The location label for a location id of an organisation, or the id itself.
    pub fn location_label(&self, organization_id: &str, location_id: &str) -> String {
        self.location_label_in(Locale::En, organization_id, location_id)
    }

    pub fn location_label_in(
        &self,
        locale: Locale,
        organization_id: &str,
        location_id: &str,
    ) -> String {
        self.organization(organization_id)
            .and_then(|o| o.locations.iter().find(|l| l.id == location_id))
            .map(|l| l.label_in(locale))
            .unwrap_or_else(|| location_id.to_string())
    }
}

fn unique<'a>(
    file: &str,
    ids: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<(), ReferenceDataError> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(ReferenceDataError::new(file, format!("an empty {what}")));
        }
        if !seen.insert(id) {
            return Err(ReferenceDataError::new(
                file,
                format!("{what} \"{id}\" appears twice"),
            ));
        }
    }
    Ok(())
}

/// An ISO 3166-1 alpha-2 code in form: two capital letters.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn check_country(file: &str, code: &str) -> Result<(), ReferenceDataError> {
    if is_country_code(code) {
        Ok(())
    } else {
        Err(ReferenceDataError::new(
            file,
            format!("\"{code}\" is not an ISO 3166 country code (two capital letters)"),
        ))
    }
}

fn check_currency(file: &str, code: &str) -> Result<(), ReferenceDataError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(ReferenceDataError::new(
            file,
            format!("\"{code}\" is not an ISO 4217 currency code (three capital letters)"),
        ))
    }
}

/// The currency a deal in this country is usually valued in.
pub fn default_currency(country: &str) -> &'static str {
    match country {
        "DE" | "FR" | "NL" | "AT" | "IE" | "ES" | "IT" | "BE" | "FI" => "EUR",
        "GB" => "GBP",
        "CH" => "CHF",
        "SE" => "SEK",
        "DK" => "DKK",
        "NO" => "NOK",
        "PL" => "PLN",
        "CA" => "CAD",
        "AU" => "AUD",
        "JP" => "JPY",
        "IN" => "INR",
        _ => "USD",
    }
}

/// English name of the countries the directory uses; the code itself otherwise.
pub fn country_name(code: &str) -> &str {
    country_name_in(Locale::En, code)
}

/// The name of a country the directory uses, in `locale`; the code itself otherwise.
pub fn country_name_in(locale: Locale, code: &str) -> &str {
    const NAMES: &[(&str, &str, &str)] = &[
        ("DE", "Germany", "Deutschland"),
        ("US", "United States", "Vereinigte Staaten"),
        ("GB", "United Kingdom", "Vereinigtes Königreich"),
        ("FR", "France", "Frankreich"),
        ("NL", "Netherlands", "Niederlande"),
        ("AT", "Austria", "Österreich"),
        ("CH", "Switzerland", "Schweiz"),
        ("IE", "Ireland", "Irland"),
        ("SE", "Sweden", "Schweden"),
        ("ES", "Spain", "Spanien"),
        ("IT", "Italy", "Italien"),
        ("CA", "Canada", "Kanada"),
        ("AU", "Australia", "Australien"),
        ("JP", "Japan", "Japan"),
        ("IN", "India", "Indien"),
        ("DK", "Denmark", "Dänemark"),
        ("PL", "Poland", "Polen"),
        ("BE", "Belgium", "Belgien"),
        ("NO", "Norway", "Norwegen"),
        ("FI", "Finland", "Finnland"),
        ("SG", "Singapore", "Singapur"),
        ("BR", "Brazil", "Brasilien"),
        ("ZZ", "Global", "Weltweit"),
    ];
    match NAMES.iter().find(|(c, _, _)| *c == code) {
        Some((_, en, de)) => match locale {
            Locale::En => en,
            Locale::De => de,
        },
        None => code,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The files shipped in `public/data/`.
    pub(crate) fn shipped() -> Vec<(&'static str, String)> {
        vec![
            (
                "organizations.json",
                include_str!("../../../public/data/organizations.json").to_string(),
            ),
            (
                "users.json",
                include_str!("../../../public/data/users.json").to_string(),
            ),
            (
                "customers.json",
                include_str!("../../../public/data/customers.json").to_string(),
            ),
            (
                "partners.json",
                include_str!("../../../public/data/partners.json").to_string(),
            ),
            (
                "solutions.json",
                include_str!("../../../public/data/solutions.json").to_string(),
            ),
            (
                "rates.json",
                include_str!("../../../public/data/rates.json").to_string(),
            ),
        ]
    }

    fn with(
        file: &'static str,
        edit: impl Fn(&mut serde_json::Value),
    ) -> Vec<(&'static str, String)> {
        shipped()
            .into_iter()
            .map(|(name, text)| {
                if name != file {
                    return (name, text);
                }
                let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
                edit(&mut v);
                (name, v.to_string())
            })
            .collect()
    }

    #[test]
    fn an_identity_claim_finds_an_active_user_by_email_in_any_case_or_by_id() {
        let data = ReferenceData::parse(&shipped()).expect("shipped data is valid");
        let by_email = data
            .user_by_identity(" Admin@CONTOSO.example ")
            .map(|u| u.id.as_str());
        let admin = data
            .users
            .iter()
            .find(|u| u.email == "admin@contoso.example")
            .map(|u| u.id.as_str());
        assert!(by_email.is_some());
        assert_eq!(by_email, admin);
        let id = admin.unwrap_or_default().to_string();
        assert_eq!(
            data.user_by_identity(&id).map(|u| u.id.as_str()),
            Some(id.as_str())
        );
        assert_eq!(data.user_by_identity("nobody@contoso.example"), None);
        assert_eq!(data.user_by_identity(""), None);
        // An id is not matched as an email, nor an email as an id.
        assert_eq!(data.user_by_identity("admin"), None);
        let deactivated = with("users.json", |v| {
            for u in v.as_array_mut().unwrap() {
                if u["email"] == "admin@contoso.example" {
                    u["active"] = serde_json::Value::Bool(false);
                }
            }
        });
        let data = ReferenceData::parse(&deactivated).expect("valid");
        assert_eq!(data.user_by_identity("admin@contoso.example"), None);
    }

    #[test]
    fn the_shipped_reference_data_is_valid_and_holds_what_the_spec_names() {
        let data = ReferenceData::parse(&shipped()).expect("shipped data is valid");
        let names: Vec<&str> = data.users.iter().map(|u| u.display_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Contoso Admin",
                "Contoso Germany Admin",
                "Contoso Germany Seller",
                "Fabrikam Admin",
                "Northwind Admin",
                "Microsoft Seller"
            ]
        );
        assert!(data.customers.len() >= 200);
        let adatum: Vec<&Customer> = data
            .customers
            .iter()
            .filter(|c| c.name == "Adatum Corporation" && c.address.city == "Munich")
            .collect();
        assert_eq!(adatum.len(), 3, "three Adatum entities in Munich");
        assert!(data
            .customers
            .iter()
            .any(|c| c.name == "Tailspin Toys" && c.address.city == "Seattle"));
        let org_ids: Vec<&str> = data.organizations.iter().map(|o| o.id.as_str()).collect();
        assert!(
            data.partners
                .iter()
                .filter(|p| !org_ids.contains(&p.id.as_str()))
                .count()
                >= 50
        );
        for (name, program) in [
            ("Contoso Fleet Analytics", IncentiveProgram::AzureIpCoSell),
            (
                "Contoso Field Service Kit",
                IncentiveProgram::BusinessApplicationsPremium,
            ),
            ("Contoso Migration Services", IncentiveProgram::None),
            ("Fabrikam Data Platform", IncentiveProgram::None),
        ] {
            assert!(
                data.solutions
                    .iter()
                    .any(|s| s.name == name && s.incentive_program == program),
                "{name}"
            );
        }
        for name in [
            "Azure",
            "Dynamics 365 Sales",
            "Azure migration assessment",
            "Security assessment",
        ] {
            assert!(data.solutions.iter().any(|s| s.name == name), "{name}");
        }
        assert!(data.organization("contoso").unwrap().vetted_for_assessments);
        assert_eq!(data.vendor().name, "Microsoft");
    }

    #[test]
    fn locations_and_roles_read_as_people_say_them() {
        let data = ReferenceData::parse(&shipped()).unwrap();
        assert_eq!(
            data.location_label("contoso", "contoso-munich"),
            "Munich, Germany"
        );
        assert_eq!(
            data.location_label("contoso", "contoso-seattle"),
            "Seattle, United States"
        );
        assert_eq!(data.location_label("msft", "msft-global"), "Global");
        assert_eq!(data.location_label("contoso", "elsewhere"), "elsewhere");
        for c in &data.customers {
            assert_ne!(
                country_name(&c.address.country),
                c.address.country,
                "no English name for {}",
                c.address.country
            );
        }
        let roles = [
            Role::MpnPartnerAdmin,
            Role::ReferralAdmin,
            Role::ReferralUser,
            Role::MicrosoftSeller,
        ];
        let labels: HashSet<&str> = roles.iter().map(|r| r.label()).collect();
        assert_eq!(labels.len(), 4);
        assert!(LocationScope::Global.covers("anywhere"));
        assert!(data.user("contoso-admin").is_some() && data.user("nobody").is_none());
    }

    #[test]
    fn location_scopes_keep_their_stored_form() {
        let scoped = LocationScope::Locations(vec!["contoso-munich".into()]);
        let json = serde_json::to_string(&scoped).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"Locations","locations":["contoso-munich"]}"#
        );
        assert_eq!(
            serde_json::from_str::<LocationScope>(&json).unwrap(),
            scoped
        );
        assert_eq!(
            serde_json::to_string(&LocationScope::Global).unwrap(),
            r#"{"kind":"Global"}"#
        );
        assert!(serde_json::from_str::<LocationScope>(r#"{"kind":"Everywhere"}"#).is_err());
    }

    #[test]
    fn malformed_json_names_the_file_and_the_place() {
        let mut files = shipped();
        files[2].1 = "[{\"name\": \"Broken\",".into();
        let err = ReferenceData::parse(&files).unwrap_err();
        assert_eq!(err.file, "customers.json");
        assert!(err.problem.contains("line 1"), "{}", err.problem);
    }

    #[test]
    fn broken_relations_and_formats_are_reported_with_their_file() {
        let err = ReferenceData::parse(&with("users.json", |v| {
            v[0]["organizationId"] = "nowhere".into()
        }))
        .unwrap_err();
        assert_eq!(err.file, "users.json");
        assert!(err.problem.contains("unknown organisation"));

        let err = ReferenceData::parse(&with("users.json", |v| {
            v[1]["locationScope"] =
                serde_json::json!({"kind": "Locations", "locations": ["fabrikam-redmond"]})
        }))
        .unwrap_err();
        assert!(
            err.problem.contains("not a location of Contoso Ltd"),
            "{}",
            err.problem
        );

        let err = ReferenceData::parse(&with("customers.json", |v| v[0]["duns"] = "12345".into()))
            .unwrap_err();
        assert_eq!(err.file, "customers.json");
        assert!(err.problem.contains("9 digits"));

        let err = ReferenceData::parse(&with("customers.json", |v| {
            v[1]["duns"] = v[0]["duns"].clone()
        }))
        .unwrap_err();
        assert!(err.problem.contains("appears twice"));

        let err = ReferenceData::parse(&with("rates.json", |v| v["rates"]["EUR"] = (-1.0).into()))
            .unwrap_err();
        assert_eq!(err.file, "rates.json");

        let err = ReferenceData::parse(&with("organizations.json", |v| {
            v[3]["isVendor"] = false.into()
        }))
        .unwrap_err();
        assert!(err.problem.contains("vendor"));

        let mut files = shipped();
        files.retain(|(n, _)| *n != "partners.json");
        assert_eq!(
            ReferenceData::parse(&files).unwrap_err().file,
            "partners.json"
        );
    }

    #[test]
    fn demo_deals_from_the_shipped_data_give_the_munich_seller_only_munich_deals_on_their_team() {
        use crate::domain::deal::visibility::can_see;
        use crate::domain::exchange::Exchange;
        use chrono::TimeZone;
        let data = ReferenceData::parse(&shipped()).unwrap();
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 27, 12, 0, 0)
            .unwrap();
        let mut exchange = Exchange::default();
        exchange
            .apply(&crate::domain::transfer::demo::generate(64, &data, now))
            .unwrap();
        let seller = data
            .users
            .iter()
            .find(|u| u.display_name == "Contoso Germany Seller")
            .unwrap();
        let seen: Vec<_> = exchange
            .referrals()
            .filter(|r| can_see(seller, r))
            .collect();
        assert!(!seen.is_empty());
        assert!(seen
            .iter()
            .all(|r| r.location == "contoso-munich" && r.has_team_member(&seller.email)));
        let admin = data
            .users
            .iter()
            .find(|u| u.display_name == "Contoso Admin")
            .unwrap();
        assert!(exchange.referrals().filter(|r| can_see(admin, r)).count() > seen.len());
    }
}
