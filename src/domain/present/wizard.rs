//! The create wizard's rules (SPEC §5): the draft as typed, its steps, the directory
//! searches, recent contacts, the duplicate check, the sharing preview. The wizard view only
//! renders these; what it creates is decided by `commands::decide`.

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::deal::commands::{validate_new_deal, NewDeal, PartnerInvitation, PartnerTarget};
use crate::domain::deal::rules::deal_type;
use crate::domain::deal::validation::{self as v, FieldError, MessageKey};
use crate::domain::exchange::Ctx;
use crate::domain::exchange::Exchange;
use crate::domain::records::directory::{Customer, Partner, ReferenceData, Role};
use crate::domain::records::referral::*;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Customer,
    Details,
    Team,
    Solutions,
    SalesType,
    Review,
}

wire_names!(Step {
    Customer => "Customer",
    Details => "Details",
    Team => "Team",
    Solutions => "Solutions",
    SalesType => "SalesType",
    Review => "Review",
});

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Customer,
        Step::Details,
        Step::Team,
        Step::Solutions,
        Step::SalesType,
        Step::Review,
    ];

    pub fn text(self) -> Text {
        match self {
            Step::Customer => Text::ColumnCustomer,
            Step::Details => Text::StepDealDetails,
            Step::Team => Text::StepTeam,
            Step::Solutions => Text::LabelSolutions,
            Step::SalesType => Text::StepSalesType,
            Step::Review => Text::StepReview,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Which step a field path belongs to.
    pub fn of_field(field: &str) -> Step {
        let head = field.split(['.', '[']).next().unwrap_or("");
        match head {
            "customer" | "contact" => Step::Customer,
            "name" | "location" | "value" | "currency" | "closeDate" | "forPartner" => {
                Step::Details
            }
            "team" => Step::Team,
            "solutions" | "assessmentLocation" => Step::Solutions,
            _ => Step::SalesType,
        }
    }
}

/// One P2P invitation as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InvitationDraft {
    pub partner_id: String,
    pub completion_date: String,
    pub value: String,
    pub currency: String,
    pub notes: String,
    pub team: Vec<Contact>,
    pub solution_ids: Vec<String>,
    pub help_type: Option<HelpType>,
}

impl InvitationDraft {
    /// A new invitation prefilled from its deal: completion date, currency and team, and
    /// general help asked of the partner.
    pub fn prefilled(close_date: String, currency: String, team: Vec<Contact>) -> Self {
        InvitationDraft {
            completion_date: close_date,
            currency,
            team,
            help_type: Some(HelpType::GeneralOrOther),
            ..InvitationDraft::default()
        }
    }

    /// Turns what was typed into a command's invitation; unparseable text becomes errors at
    /// `value` or `completionDate`.
    pub fn to_invitation(&self) -> (PartnerInvitation, Vec<FieldError>) {
        let mut errors = Vec::new();
        let value = v::parse_amount(&self.value).unwrap_or_else(|key| {
            errors.push(FieldError {
                field: "value".into(),
                key,
            });
            0.0
        });
        let date = parse_date(&self.completion_date).unwrap_or_else(|key| {
            errors.push(FieldError {
                field: "completionDate".into(),
                key,
            });
            DateTime::<Utc>::MIN_UTC
        });
        let invitation = PartnerInvitation {
            partner_id: self.partner_id.clone(),
            completion_date_time: date,
            deal_value: value,
            currency: self.currency.clone(),
            notes: self.notes.clone(),
            team: self.team.clone(),
            solution_ids: self.solution_ids.clone(),
            help_type: self.help_type.unwrap_or(HelpType::GeneralOrOther),
        };
        (invitation, errors)
    }
}

/// Everything typed in the wizard so far; saved as the user types.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Draft {
    pub step: Option<Step>,
    pub engagement_id: String,
    pub customer_location_query: String,
    pub customer_name_query: String,
    /// The chosen (or hand-entered) customer.
    pub customer: Option<Customer>,
    pub manual_customer: bool,
    pub contact: Contact,
    pub name: String,
    pub location: String,
    pub value: String,
    pub currency: String,
    pub close_date: String,
    pub crm_id: String,
    pub campaign_id: String,
    pub notes: String,
    pub team: Vec<Contact>,
    pub solution_ids: Vec<String>,
    pub assessment_location: String,
    pub help_type: Option<HelpType>,
    pub microsoft_may_view: Option<bool>,
    pub invitations: Vec<InvitationDraft>,
    /// Microsoft seller: the partner organisation and location the referral goes to.
    pub partner_organization: String,
    pub partner_location: String,
}

/// Parses a `YYYY-MM-DD` date as midnight UTC.
pub fn parse_date(text: &str) -> Result<DateTime<Utc>, MessageKey> {
    let t = text.trim();
    v::required(t)?;
    let day = crate::domain::support::instant::parse_iso_date(t).ok_or(MessageKey::Required)?;
    Ok(Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists")))
}

impl Draft {
    /// The deal type the two answers give so far.
    pub fn sharing(&self) -> SharingType {
        deal_type(
            self.help_type.unwrap_or(HelpType::NoHelpRequired),
            self.microsoft_may_view.unwrap_or(false),
        )
    }

    /// Turns what was typed into a command's deal; unparseable text becomes field errors.
    pub fn to_new_deal(&self) -> (NewDeal, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut err = |field: &str, key| {
            errors.push(FieldError {
                field: field.into(),
                key,
            })
        };
        let value = match v::parse_amount(&self.value) {
            Ok(x) => x,
            Err(k) => {
                err("value", k);
                0.0
            }
        };
        let close = match parse_date(&self.close_date) {
            Ok(d) => d,
            Err(k) => {
                err("closeDate", k);
                DateTime::<Utc>::MIN_UTC
            }
        };
        let mut invitations = Vec::new();
        for (i, inv) in self.invitations.iter().enumerate() {
            let (invitation, problems) = inv.to_invitation();
            for e in problems {
                err(&format!("invitations[{i}].{}", e.field), e.key);
            }
            invitations.push(invitation);
        }
        let customer = self.customer.clone().unwrap_or(Customer {
            name: String::new(),
            address: Address::default(),
            size: String::new(),
            duns: String::new(),
        });
        let contact = &self.contact;
        let deal = NewDeal {
            engagement_id: self.engagement_id.clone(),
            customer: CustomerProfile {
                name: customer.name.trim().to_string(),
                address: customer.address.clone(),
                size: customer.size.clone(),
                ids: CustomerIds {
                    duns: Some(customer.duns.trim().to_string()).filter(|d| !d.is_empty()),
                },
                contact: Some(contact.clone()).filter(|c| {
                    !(c.name.trim().is_empty()
                        && c.phone.trim().is_empty()
                        && c.email.trim().is_empty())
                }),
            },
            name: self.name.clone(),
            location: self.location.clone(),
            deal_value: value,
            currency: self.currency.trim().to_ascii_uppercase(),
            closing_date_time: close,
            crm_id: self.crm_id.clone(),
            campaign_id: self.campaign_id.clone(),
            notes: self.notes.clone(),
            team: self.team.clone(),
            solution_ids: self.solution_ids.clone(),
            help_type: self.help_type.unwrap_or(HelpType::NoHelpRequired),
            microsoft_may_view: self.microsoft_may_view.unwrap_or(false),
            assessment_location: Some(self.assessment_location.clone()).filter(|l| !l.is_empty()),
            invitations,
            for_partner: Some(PartnerTarget {
                organization_id: self.partner_organization.clone(),
                location: self.partner_location.clone(),
            })
            .filter(|t| !t.organization_id.is_empty()),
        };
        (deal, errors)
    }

    /// Every problem of the draft, by field.
    pub fn problems(&self, ctx: Ctx) -> Vec<FieldError> {
        let (deal, mut errors) = self.to_new_deal();
        if self.customer.is_none() {
            errors.push(FieldError {
                field: "customer.name".into(),
                key: MessageKey::Required,
            });
        }
        if ctx.user.has_role(Role::MicrosoftSeller) && self.help_type.is_none() {
            errors.push(FieldError {
                field: "helpType".into(),
                key: MessageKey::HelpTypeRequired,
            });
        }
        if !ctx.user.has_role(Role::MicrosoftSeller)
            && self.microsoft_may_view.is_none()
            && self.help_type.unwrap_or(HelpType::NoHelpRequired) == HelpType::NoHelpRequired
        {
            errors.push(FieldError {
                field: "microsoftMayView".into(),
                key: MessageKey::Required,
            });
        }
        if let Err(more) = validate_new_deal(&deal, ctx) {
            for e in more {
                // Parse errors already speak for these fields; with no customer chosen yet,
                // "choose one" is the only customer problem worth saying.
                let unchosen = self.customer.is_none() && e.field.starts_with("customer.");
                if !unchosen && !errors.iter().any(|x| x.field == e.field) {
                    errors.push(e);
                }
            }
        }
        errors
    }

    /// The problems that keep `step` from going on. The contact becomes mandatory only with
    /// the help question; its error is then shown there.
    pub fn step_problems(&self, step: Step, ctx: Ctx) -> Vec<FieldError> {
        let all = self.problems(ctx);
        let mut out: Vec<FieldError> = all
            .iter()
            .filter(|e| {
                Step::of_field(&e.field) == step && e.key != MessageKey::ContactRequiredForHelp
            })
            .cloned()
            .collect();
        if step == Step::SalesType
            && all
                .iter()
                .any(|e| e.key == MessageKey::ContactRequiredForHelp)
        {
            out.push(FieldError {
                field: "helpType".into(),
                key: MessageKey::ContactRequiredForHelp,
            });
        }
        if step == Step::Review {
            out = all;
        }
        out
    }

    /// A private deal with an incentive-eligible solution cannot be registered later.
    pub fn private_incentive_warning(&self, directory: &ReferenceData) -> bool {
        self.sharing() == SharingType::Private
            && self.solution_ids.iter().any(|id| {
                directory
                    .solutions
                    .iter()
                    .any(|s| &s.id == id && s.incentive_program.is_incentive_eligible())
            })
    }
}

/// One sentence on what the deal type means.
pub fn type_explanation(locale: Locale, sharing: SharingType, p2p: bool) -> String {
    let base = match sharing {
        SharingType::Private => Text::ExplainPrivate,
        SharingType::PartnerLed => Text::ExplainPartnerLed,
        SharingType::CoSell => Text::ExplainCoSell,
    }
    .get(locale);
    if p2p {
        format!("{base}{}", Text::ExplainP2p.get(locale))
    } else {
        base.to_string()
    }
}

/// Customers matching the typed location and name, best first (SPEC §5 step 1).
pub fn search_customers<'a>(
    directory: &'a ReferenceData,
    location: &str,
    name: &str,
    limit: usize,
) -> Vec<&'a Customer> {
    let (loc, name) = (
        crate::domain::support::fold::fold(location.trim()),
        crate::domain::support::fold::fold(name.trim()),
    );
    if name.is_empty() && loc.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, &Customer)> = directory
        .customers
        .iter()
        .filter_map(|c| {
            let n = crate::domain::support::fold::fold(&c.name);
            let name_score = if name.is_empty() {
                1
            } else if n == name {
                4
            } else if n.starts_with(&name) {
                3
            } else if n.split_whitespace().any(|w| w.starts_with(&name)) {
                2
            } else if n.contains(&name) {
                1
            } else {
                return None;
            };
            let place = format!(
                "{} {} {}",
                c.address.city,
                crate::domain::records::directory::country_name(&c.address.country),
                c.address.country
            );
            let place = crate::domain::support::fold::fold(&place);
            if !loc.is_empty() && !place.contains(&loc) {
                return None;
            }
            Some((name_score, c))
        })
        .collect();
    crate::domain::support::order::sort_by(&mut scored, |a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.name.cmp(&b.1.name))
            .then_with(|| a.1.address.city.cmp(&b.1.address.city))
            .then_with(|| a.1.duns.cmp(&b.1.duns))
    });
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// Co-sell partners matching `query`, without the own organisation or those already chosen.
pub fn search_partners<'a>(
    directory: &'a ReferenceData,
    query: &str,
    own_org: &str,
    exclude: &[String],
    limit: usize,
) -> Vec<&'a Partner> {
    let q = crate::domain::support::fold::fold(query.trim());
    let mut out: Vec<(u8, &Partner)> = directory
        .partners
        .iter()
        .filter(|p| p.id != own_org && !exclude.contains(&p.id))
        .filter_map(|p| {
            let n = crate::domain::support::fold::fold(&p.name);
            let score = if q.is_empty() {
                0
            } else if n.starts_with(&q) {
                2
            } else if n.contains(&q) {
                1
            } else {
                return None;
            };
            Some((score, p))
        })
        .collect();
    crate::domain::support::order::sort_by(&mut out, |a, b| {
        b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name))
    });
    out.into_iter().take(limit).map(|(_, p)| p).collect()
}

/// The wizard's four solution groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SolutionGroup {
    Mine,
    Microsoft,
    ThirdParty,
    Assessments,
}

wire_names!(SolutionGroup {
    Mine => "Mine",
    Microsoft => "Microsoft",
    ThirdParty => "ThirdParty",
    Assessments => "Assessments",
});

impl SolutionGroup {
    pub fn text(self) -> Text {
        match self {
            SolutionGroup::Mine => Text::GroupMine,
            SolutionGroup::Microsoft => Text::GroupMicrosoft,
            SolutionGroup::ThirdParty => Text::GroupThirdParty,
            SolutionGroup::Assessments => Text::GroupAssessments,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

/// The solutions matching `query`, by group; assessments only for vetted organisations.
pub fn solution_groups<'a>(
    directory: &'a ReferenceData,
    org_id: &str,
    query: &str,
) -> Vec<(SolutionGroup, Vec<&'a Solution>)> {
    let q = crate::domain::support::fold::fold(query.trim());
    let vetted = directory
        .organization(org_id)
        .is_some_and(|o| o.vetted_for_assessments);
    let matches = |s: &&Solution| {
        q.is_empty()
            || crate::domain::support::fold::fold(&s.name).contains(&q)
            || crate::domain::support::fold::fold(&s.publisher).contains(&q)
    };
    let group = |g: SolutionGroup| -> Vec<&Solution> {
        directory
            .solutions
            .iter()
            .filter(|s| match g {
                SolutionGroup::Mine => {
                    s.kind == SolutionKind::Partner
                        && s.publisher_organization_id.as_deref() == Some(org_id)
                }
                SolutionGroup::Microsoft => s.kind == SolutionKind::Microsoft,
                SolutionGroup::ThirdParty => {
                    s.kind == SolutionKind::Partner
                        && s.publisher_organization_id.as_deref() != Some(org_id)
                }
                SolutionGroup::Assessments => s.kind == SolutionKind::Assessment,
            })
            .filter(matches)
            .collect()
    };
    let mut groups = vec![
        SolutionGroup::Mine,
        SolutionGroup::Microsoft,
        SolutionGroup::ThirdParty,
    ];
    if vetted {
        groups.push(SolutionGroup::Assessments);
    }
    groups.into_iter().map(|g| (g, group(g))).collect()
}

/// People from the organisation's earlier deals, most recent first, for one-click adding.
pub fn recent_contacts(exchange: &Exchange, org_id: &str, limit: usize) -> Vec<Contact> {
    let mut deals: Vec<&Referral> = exchange
        .referrals()
        .filter(|r| r.organization_id == org_id)
        .collect();
    crate::domain::support::order::sort_by(&mut deals, |a, b| {
        b.updated_date_time.cmp(&a.updated_date_time)
    });
    let mut out: Vec<Contact> = Vec::new();
    for m in deals.iter().flat_map(|r| r.team.iter()) {
        if !out.iter().any(|x| x.email.eq_ignore_ascii_case(&m.email)) {
            out.push(m.clone());
            if out.len() == limit {
                break;
            }
        }
    }
    out
}

/// An open deal of the organisation for the same DUNS (the duplicate check).
pub fn open_deal_for_duns<'a>(
    exchange: &'a Exchange,
    org_id: &str,
    duns: &str,
) -> Option<&'a Referral> {
    if duns.trim().is_empty() {
        return None;
    }
    exchange.referrals().find(|r| {
        r.organization_id == org_id
            && !r.substatus.is_terminal()
            && r.customer_profile.ids.duns.as_deref() == Some(duns)
    })
}

/// What one other party will see of the deal.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub party: String,
    pub facts: Vec<(String, String)>,
}

/// Exactly what Microsoft (when invited) and each invited partner will see (SPEC §5 step 6),
/// in the words of `locale`.
pub fn sharing_preview(
    draft: &Draft,
    directory: &ReferenceData,
    own_org: &str,
    locale: Locale,
) -> Vec<Preview> {
    let t = |x: Text| x.get(locale).to_string();
    let money = |value: f64, currency: &str| {
        crate::domain::present::format::money_in(locale, value, currency)
    };
    let (deal, _) = draft.to_new_deal();
    let own_name = directory
        .organization(own_org)
        .map(|o| o.name.clone())
        .unwrap_or_default();
    let solutions = |ids: &[String]| {
        ids.iter()
            .filter_map(|id| directory.solutions.iter().find(|s| &s.id == id))
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    let sharing = draft.sharing();
    if sharing == SharingType::CoSell && deal.for_partner.is_none() {
        let mut facts = vec![
            (t(Text::LabelInvitedBy), own_name.clone()),
            (t(Text::ColumnCustomer), deal.customer.name.clone()),
            (t(Text::ColumnDealName), deal.name.clone()),
            (
                t(Text::LabelEstimatedValue),
                money(deal.deal_value, &deal.currency),
            ),
            (
                t(Text::LabelCloseDate),
                crate::domain::present::format::day_in(locale, &draft.close_date),
            ),
            (t(Text::LabelHelpRequested), t(deal.help_type.text())),
            (t(Text::LabelSolutions), solutions(&deal.solution_ids)),
            (t(Text::LabelNotes), deal.notes.clone()),
        ];
        if let Some(c) = &deal.customer.contact {
            facts.push((
                t(Text::LabelCustomerContact),
                format!("{} · {} · {}", c.name, c.email, c.phone),
            ));
        }
        out.push(Preview {
            party: directory.vendor().name.clone(),
            facts,
        });
    } else if sharing == SharingType::PartnerLed {
        out.push(Preview {
            party: Text::PreviewViewOnly.fill(locale, &[("vendor", &directory.vendor().name)]),
            facts: vec![
                (t(Text::ColumnCustomer), deal.customer.name.clone()),
                (t(Text::ColumnDealName), deal.name.clone()),
                (
                    t(Text::LabelEstimatedValue),
                    money(deal.deal_value, &deal.currency),
                ),
            ],
        });
    }
    for inv in &draft.invitations {
        let name = directory.party_name(&inv.partner_id);
        let value = v::parse_amount(&inv.value)
            .map(|x| money(x, &inv.currency))
            .unwrap_or_default();
        out.push(Preview {
            party: name,
            facts: vec![
                (t(Text::LabelInvitedBy), own_name.clone()),
                (t(Text::ColumnCustomer), deal.customer.name.clone()),
                (t(Text::ColumnDealName), deal.name.clone()),
                (t(Text::PreviewYourValue), value),
                (
                    t(Text::PreviewCompletion),
                    crate::domain::present::format::day_in(locale, &inv.completion_date),
                ),
                (
                    t(Text::PreviewHelpFromYou),
                    t(inv.help_type.unwrap_or(HelpType::GeneralOrOther).text()),
                ),
                (t(Text::PreviewYourSolutions), solutions(&inv.solution_ids)),
                (t(Text::PreviewNotesForYou), inv.notes.clone()),
                (
                    Text::PreviewContactsAt.fill(locale, &[("org", &own_name)]),
                    inv.team
                        .iter()
                        .map(|m| m.name.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::commands::{decide, Command};
    use crate::domain::testing::rules_tests::{contact, World};

    fn shipped() -> ReferenceData {
        let files = [
            (
                "organizations.json",
                include_str!("../../../public/data/organizations.json"),
            ),
            (
                "users.json",
                include_str!("../../../public/data/users.json"),
            ),
            (
                "customers.json",
                include_str!("../../../public/data/customers.json"),
            ),
            (
                "partners.json",
                include_str!("../../../public/data/partners.json"),
            ),
            (
                "solutions.json",
                include_str!("../../../public/data/solutions.json"),
            ),
            (
                "rates.json",
                include_str!("../../../public/data/rates.json"),
            ),
        ];
        ReferenceData::parse(&files.map(|(n, t)| (n, t.to_string()))).unwrap()
    }

    fn filled(w: &World) -> Draft {
        let customer = w.data.customers[0].clone();
        Draft {
            engagement_id: "wiz".into(),
            customer: Some(customer),
            contact: Contact::default(),
            name: "Fleet pilot".into(),
            location: "contoso-munich".into(),
            value: "25,000.50".into(),
            currency: "eur".into(),
            close_date: crate::domain::present::format::date(w.now + chrono::Duration::days(30)),
            team: vec![contact("Lena", "lena@contoso.example")],
            solution_ids: vec!["fleet".into()],
            help_type: Some(HelpType::NoHelpRequired),
            microsoft_may_view: Some(false),
            ..Draft::default()
        }
    }

    #[test]
    fn customer_search_ranks_by_match_and_tells_same_named_entities_apart_by_duns() {
        let data = shipped();
        let hits = search_customers(&data, "Munich", "adatum", 10);
        assert!(hits.len() >= 3);
        let adatum: Vec<&&Customer> = hits
            .iter()
            .filter(|c| c.name == "Adatum Corporation")
            .collect();
        assert_eq!(adatum.len(), 3);
        let duns: std::collections::HashSet<&str> =
            adatum.iter().map(|c| c.duns.as_str()).collect();
        assert_eq!(duns.len(), 3);
        assert_eq!(
            hits[0].name, "Adatum Corporation",
            "a name prefix ranks first"
        );
        assert!(hits.iter().all(|c| c.address.city == "Munich"));
        let tailspin = search_customers(&data, "united states", "tail", 5);
        assert_eq!(tailspin[0].name, "Tailspin Toys");
        assert!(search_customers(&data, "", "", 5).is_empty());
        assert!(search_customers(&data, "Atlantis", "adatum", 5).is_empty());
    }

    #[test]
    fn partner_search_leaves_out_the_own_organisation_and_partners_already_invited() {
        let data = shipped();
        let all = search_partners(&data, "", "contoso", &["fabrikam".to_string()], 100);
        assert!(!all.iter().any(|p| p.id == "contoso" || p.id == "fabrikam"));
        assert!(all.iter().any(|p| p.id == "northwind"));
        let hits = search_partners(&data, "north", "contoso", &[], 5);
        assert_eq!(hits[0].name, "Northwind Traders");
    }

    #[test]
    fn solution_groups_offer_assessments_to_vetted_organisations_only() {
        let data = shipped();
        let contoso = solution_groups(&data, "contoso", "");
        assert_eq!(
            contoso.iter().map(|(g, _)| *g).collect::<Vec<_>>(),
            [
                SolutionGroup::Mine,
                SolutionGroup::Microsoft,
                SolutionGroup::ThirdParty,
                SolutionGroup::Assessments
            ]
        );
        assert!(contoso[0].1.iter().all(|s| s.publisher == "Contoso Ltd"));
        assert!(contoso[2]
            .1
            .iter()
            .any(|s| s.name == "Fabrikam Data Platform"));
        let fabrikam = solution_groups(&data, "fabrikam", "");
        assert!(!fabrikam
            .iter()
            .any(|(g, _)| *g == SolutionGroup::Assessments));
        let found = solution_groups(&data, "contoso", "fleet");
        assert_eq!(found.iter().map(|(_, s)| s.len()).sum::<usize>(), 1);
    }

    #[test]
    fn a_filled_draft_becomes_a_deal_and_each_step_shows_only_its_own_problems() {
        let w = World::new();
        let user = w.user("contoso-admin");
        let ctx = Ctx {
            exchange: &w.exchange,
            directory: &w.data,
            user: &user,
            now: w.now,
        };
        let draft = filled(&w);
        assert_eq!(draft.problems(ctx), vec![]);
        let (deal, errors) = draft.to_new_deal();
        assert!(errors.is_empty());
        assert_eq!((deal.deal_value, deal.currency.as_str()), (25_000.5, "EUR"));
        let out = decide(&Command::CreateDeal { deal }, ctx).unwrap();
        assert_eq!(out.referrals.len(), 1);

        let mut bad = draft.clone();
        bad.value = "12.345".into();
        bad.team.clear();
        bad.close_date = "someday".into();
        assert_eq!(bad.step_problems(Step::Customer, ctx), vec![]);
        let details: Vec<String> = bad
            .step_problems(Step::Details, ctx)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(details, ["value", "closeDate"]);
        assert_eq!(
            bad.step_problems(Step::Team, ctx)[0].key,
            MessageKey::AtLeastOneTeamMember
        );
        assert_eq!(bad.step_problems(Step::Review, ctx).len(), 3);
        let empty = Draft {
            engagement_id: "e".into(),
            ..Draft::default()
        };
        let customer: Vec<String> = empty
            .step_problems(Step::Customer, ctx)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            customer,
            ["customer.name"],
            "only the choice is asked for, not the address fields of a hand entry"
        );
    }

    #[test]
    fn the_contact_is_asked_for_at_the_help_question() {
        let w = World::new();
        let user = w.user("contoso-admin");
        let ctx = Ctx {
            exchange: &w.exchange,
            directory: &w.data,
            user: &user,
            now: w.now,
        };
        let mut draft = filled(&w);
        draft.help_type = Some(HelpType::QuotesAndLicensing);
        assert_eq!(
            draft.step_problems(Step::Customer, ctx),
            vec![],
            "optional while no help is asked"
        );
        assert_eq!(
            draft.step_problems(Step::SalesType, ctx),
            vec![FieldError {
                field: "helpType".into(),
                key: MessageKey::ContactRequiredForHelp
            }]
        );
        draft.contact = contact("Erika", "erika@adatum.example");
        assert_eq!(draft.step_problems(Step::SalesType, ctx), vec![]);
        draft.help_type = Some(HelpType::NoHelpRequired);
        draft.microsoft_may_view = None;
        assert_eq!(
            draft.step_problems(Step::SalesType, ctx)[0].field,
            "microsoftMayView"
        );
    }

    #[test]
    fn a_private_deal_with_an_incentive_solution_warns() {
        let w = World::new();
        let mut draft = filled(&w);
        assert!(
            draft.private_incentive_warning(&w.data),
            "fleet is Azure IP co-sell"
        );
        draft.microsoft_may_view = Some(true);
        assert!(!draft.private_incentive_warning(&w.data));
        draft.microsoft_may_view = Some(false);
        draft.solution_ids = vec!["azure".into()];
        assert!(!draft.private_incentive_warning(&w.data));
        assert!(type_explanation(Locale::En, SharingType::CoSell, true).contains("14 days"));
    }

    #[test]
    fn the_preview_shows_microsoft_and_each_partner_what_they_will_see() {
        let w = World::new();
        let mut draft = filled(&w);
        draft.help_type = Some(HelpType::ProofOfConceptOrDemo);
        draft.invitations.push(InvitationDraft {
            partner_id: "fabrikam".into(),
            completion_date: draft.close_date.clone(),
            value: "5000".into(),
            currency: "EUR".into(),
            notes: "<b>data</b>".into(),
            team: vec![contact("Lena", "lena@contoso.example")],
            solution_ids: vec!["data".into()],
            help_type: Some(HelpType::GeneralOrOther),
        });
        let preview = sharing_preview(&draft, &w.data, "contoso", Locale::En);
        assert_eq!(
            preview.iter().map(|p| p.party.as_str()).collect::<Vec<_>>(),
            ["Microsoft", "Fabrikam Inc"]
        );
        let fab = &preview[1].facts;
        assert!(fab.contains(&("Your part's estimated value".into(), "EUR 5,000".into())));
        assert!(fab.contains(&("Notes for you".into(), "<b>data</b>".into())));
        assert!(
            !fab.iter().any(|(_, v)| v.contains("25,000")),
            "a partner does not see the whole deal's value"
        );
    }

    #[test]
    fn recent_contacts_and_the_duplicate_check_read_the_organisations_deals() {
        let mut w = World::new();
        let user = w.user("contoso-admin");
        let draft = filled(&w);
        let duns = draft.customer.as_ref().unwrap().duns.clone();
        let ctx = Ctx {
            exchange: &w.exchange,
            directory: &w.data,
            user: &user,
            now: w.now,
        };
        let (deal, _) = draft.to_new_deal();
        let out = decide(&Command::CreateDeal { deal }, ctx).unwrap();
        w.exchange.apply(&out).unwrap();
        assert_eq!(
            recent_contacts(&w.exchange, "contoso", 5),
            vec![contact("Lena", "lena@contoso.example")]
        );
        assert!(recent_contacts(&w.exchange, "fabrikam", 5).is_empty());
        assert!(open_deal_for_duns(&w.exchange, "contoso", &duns).is_some());
        assert!(open_deal_for_duns(&w.exchange, "fabrikam", &duns).is_none());
        assert!(open_deal_for_duns(&w.exchange, "contoso", "").is_none());
    }
}
