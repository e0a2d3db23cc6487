//! The wizard's draft as one line of text for the browser's local storage, and back.
//!
//! The draft is written on every keystroke and read once; a hand-written codec keeps serde's
//! per-struct deserializers for it out of the wasm. Fields are `key=value` records separated
//! by control characters that typing cannot produce (they are removed from values).

use crate::domain::present::wizard::{Draft, InvitationDraft, Step};
use crate::domain::records::directory::Customer;
use crate::domain::records::referral::{Address, Contact, HelpType};

const FIELD: char = '\u{1e}';
const KEY: char = '\u{1f}';

struct Writer(String);

impl Writer {
    fn put(&mut self, key: &str, value: &str) {
        if !value.is_empty() {
            self.0.push_str(key);
            self.0.push(KEY);
            self.0
                .extend(value.chars().filter(|c| *c != FIELD && *c != KEY));
            self.0.push(FIELD);
        }
    }

    fn contacts(&mut self, prefix: &str, list: &[Contact]) {
        self.put(&format!("{prefix}#"), &list.len().to_string());
        for (i, c) in list.iter().enumerate() {
            self.put(&format!("{prefix}{i}.name"), &c.name);
            self.put(&format!("{prefix}{i}.phone"), &c.phone);
            self.put(&format!("{prefix}{i}.email"), &c.email);
        }
    }
}

struct Reader<'a>(Vec<(&'a str, &'a str)>);

impl Reader<'_> {
    fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    }

    fn count(&self, key: &str) -> usize {
        self.get(key).parse::<usize>().unwrap_or(0).min(100)
    }

    fn contacts(&self, prefix: &str) -> Vec<Contact> {
        (0..self.count(&format!("{prefix}#")))
            .map(|i| Contact {
                name: self.get(&format!("{prefix}{i}.name")),
                phone: self.get(&format!("{prefix}{i}.phone")),
                email: self.get(&format!("{prefix}{i}.email")),
            })
            .collect()
    }

    fn list(&self, key: &str) -> Vec<String> {
        self.get(key)
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }
}

/// The draft as text.
pub fn encode(d: &Draft) -> String {
    let mut w = Writer(String::from("v1"));
    w.0.push(FIELD);
    w.put("step", d.step.map(Step::wire_name).unwrap_or(""));
    w.put("engagement", &d.engagement_id);
    w.put("qLocation", &d.customer_location_query);
    w.put("qName", &d.customer_name_query);
    if let Some(c) = &d.customer {
        w.put("customer", "1");
        w.put("customer.name", &c.name);
        w.put("customer.line1", &c.address.address_line1);
        w.put("customer.city", &c.address.city);
        w.put("customer.state", &c.address.state);
        w.put("customer.postal", &c.address.postal_code);
        w.put("customer.country", &c.address.country);
        w.put("customer.size", &c.size);
        w.put("customer.duns", &c.duns);
    }
    w.put("manual", if d.manual_customer { "1" } else { "" });
    w.contacts("contact", std::slice::from_ref(&d.contact));
    for (key, value) in [
        ("name", &d.name),
        ("location", &d.location),
        ("value", &d.value),
        ("currency", &d.currency),
        ("closeDate", &d.close_date),
        ("crmId", &d.crm_id),
        ("campaignId", &d.campaign_id),
        ("notes", &d.notes),
        ("assessmentLocation", &d.assessment_location),
        ("partnerOrganization", &d.partner_organization),
        ("partnerLocation", &d.partner_location),
    ] {
        w.put(key, value);
    }
    w.contacts("team", &d.team);
    w.put("solutions", &d.solution_ids.join(","));
    w.put("help", d.help_type.map(HelpType::wire_name).unwrap_or(""));
    w.put(
        "mayView",
        match d.microsoft_may_view {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        },
    );
    w.put("inv#", &d.invitations.len().to_string());
    for (i, inv) in d.invitations.iter().enumerate() {
        let p = format!("inv{i}.");
        w.put(&format!("{p}partner"), &inv.partner_id);
        w.put(&format!("{p}date"), &inv.completion_date);
        w.put(&format!("{p}value"), &inv.value);
        w.put(&format!("{p}currency"), &inv.currency);
        w.put(&format!("{p}notes"), &inv.notes);
        w.contacts(&format!("{p}team"), &inv.team);
        w.put(&format!("{p}solutions"), &inv.solution_ids.join(","));
        w.put(
            &format!("{p}help"),
            inv.help_type.map(HelpType::wire_name).unwrap_or(""),
        );
    }
    w.0
}

/// The draft from text written by [`encode`], or `None` for anything else.
pub fn decode(text: &str) -> Option<Draft> {
    let mut records = text.split(FIELD);
    if records.next()? != "v1" {
        return None;
    }
    let r = Reader(records.filter_map(|f| f.split_once(KEY)).collect());
    let customer = (r.get("customer") == "1").then(|| Customer {
        name: r.get("customer.name"),
        address: Address {
            address_line1: r.get("customer.line1"),
            city: r.get("customer.city"),
            state: r.get("customer.state"),
            postal_code: r.get("customer.postal"),
            country: r.get("customer.country"),
        },
        size: r.get("customer.size"),
        duns: r.get("customer.duns"),
    });
    let invitations = (0..r.count("inv#"))
        .map(|i| {
            let p = format!("inv{i}.");
            InvitationDraft {
                partner_id: r.get(&format!("{p}partner")),
                completion_date: r.get(&format!("{p}date")),
                value: r.get(&format!("{p}value")),
                currency: r.get(&format!("{p}currency")),
                notes: r.get(&format!("{p}notes")),
                team: r.contacts(&format!("{p}team")),
                solution_ids: r.list(&format!("{p}solutions")),
                help_type: HelpType::from_wire_name(&r.get(&format!("{p}help"))),
            }
        })
        .collect();
    Some(Draft {
        step: Step::from_wire_name(&r.get("step")),
        engagement_id: r.get("engagement"),
        customer_location_query: r.get("qLocation"),
        customer_name_query: r.get("qName"),
        customer,
        manual_customer: r.get("manual") == "1",
        contact: r.contacts("contact").into_iter().next().unwrap_or_default(),
        name: r.get("name"),
        location: r.get("location"),
        value: r.get("value"),
        currency: r.get("currency"),
        close_date: r.get("closeDate"),
        crm_id: r.get("crmId"),
        campaign_id: r.get("campaignId"),
        notes: r.get("notes"),
        team: r.contacts("team"),
        solution_ids: r.list("solutions"),
        assessment_location: r.get("assessmentLocation"),
        help_type: HelpType::from_wire_name(&r.get("help")),
        microsoft_may_view: match r.get("mayView").as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        invitations,
        partner_organization: r.get("partnerOrganization"),
        partner_location: r.get("partnerLocation"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Draft {
        let c = |n: &str| Contact {
            name: format!("{n} Name"),
            phone: "+49 89 1".into(),
            email: format!("{n}@example.com"),
        };
        Draft {
            step: Some(Step::SalesType),
            engagement_id: "e-1".into(),
            customer_location_query: "München".into(),
            customer_name_query: "adatum".into(),
            customer: Some(Customer {
                name: "Adatum, \"the\" corp".into(),
                address: Address {
                    address_line1: "Leopoldstraße 12".into(),
                    city: "Munich".into(),
                    state: String::new(),
                    postal_code: "80802".into(),
                    country: "DE".into(),
                },
                size: "10000+".into(),
                duns: "111111111".into(),
            }),
            manual_customer: true,
            contact: c("contact"),
            name: "Deal = with <b>markup</b>\nand a line".into(),
            location: "contoso-munich".into(),
            value: "1,250.50".into(),
            currency: "EUR".into(),
            close_date: "2027-01-31".into(),
            crm_id: "CRM-1".into(),
            campaign_id: "C-9".into(),
            notes: "notes\u{1e}with\u{1f}controls".into(),
            team: vec![c("a"), c("b")],
            solution_ids: vec!["fleet".into(), "data".into()],
            assessment_location: "contoso-munich".into(),
            help_type: Some(HelpType::ProofOfConceptOrDemo),
            microsoft_may_view: Some(false),
            invitations: vec![InvitationDraft {
                partner_id: "fabrikam".into(),
                completion_date: "2027-02-01".into(),
                value: "30000".into(),
                currency: "USD".into(),
                notes: "part".into(),
                team: vec![c("x")],
                solution_ids: vec!["data".into()],
                help_type: Some(HelpType::GeneralOrOther),
            }],
            partner_organization: "northwind".into(),
            partner_location: "northwind-berlin".into(),
        }
    }

    #[test]
    fn a_draft_round_trips() {
        let mut d = full();
        let back = decode(&encode(&d)).unwrap();
        d.notes = "noteswithcontrols".into(); // the separators cannot be typed, so they are dropped
        assert_eq!(back, d);
        assert_eq!(
            decode(&encode(&Draft::default())).unwrap(),
            Draft::default()
        );
    }

    #[test]
    fn anything_else_is_no_draft() {
        assert_eq!(decode(""), None);
        assert_eq!(decode("{\"step\":\"customer\"}"), None);
        let truncated: String = encode(&full()).chars().take(40).collect();
        assert!(
            decode(&truncated).is_some(),
            "a cut record loses its tail, not the draft"
        );
    }
}
