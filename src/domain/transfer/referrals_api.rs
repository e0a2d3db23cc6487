//! The Referrals API's requests, in the domain's terms (issue #24; Partner Center's
//! `/v1.0/engagements/referrals`): an OData query (`$filter`, `$orderby`, `$top`,
//! `$skiptoken`) over the referrals a caller may see, and a JSON Patch of a referral as the
//! commands that make that change, and a new referral `POST`ed in the resource's shape as the
//! wizard's create command. The server only moves the data: which requests a partner's CRM
//! may send, and what each one means, is decided here.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use crate::domain::deal::commands::{Command, DealDetailsInput, NewDeal};
use crate::domain::records::referral::{Consent, Contact, CustomerProfile, HelpType, Referral};

/// The largest page; also the page when `$top` is absent.
pub const MAX_TOP: usize = 100;

/// Fields `$filter` compares with `eq`, by their API names.
const EQ_FIELDS: [&str; 6] = [
    "status",
    "substatus",
    "direction",
    "type",
    "engagementId",
    "externalReferenceId",
];
/// Fields `$filter` and `$orderby` compare as instants.
const TIME_FIELDS: [&str; 2] = ["updatedDateTime", "createdDateTime"];

#[derive(Debug, Clone, PartialEq)]
enum Condition {
    Eq(&'static str, String),
    Time(&'static str, Cmp, DateTime<Utc>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cmp {
    Gt,
    Ge,
    Lt,
    Le,
}

/// A parsed list request.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    conditions: Vec<Condition>,
    order: Option<(&'static str, bool)>,
    pub top: usize,
    pub skip: usize,
}

fn literal(text: &str) -> String {
    let t = text.trim();
    t.strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .unwrap_or(t)
        .replace("''", "'")
}

fn instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(&literal(text))
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("{text} is not a date and time (RFC 3339, e.g. 2026-12-01T00:00:00Z)"))
}

fn condition(text: &str) -> Result<Condition, String> {
    let mut parts = text.trim().splitn(3, ' ');
    let (field, op, value) = match (parts.next(), parts.next(), parts.next()) {
        (Some(f), Some(o), Some(v)) => (f, o, v),
        _ => return Err(format!("\"{text}\" is not a condition (field op value)")),
    };
    if let Some(f) = EQ_FIELDS.iter().find(|f| **f == field) {
        return match op {
            "eq" => Ok(Condition::Eq(f, literal(value))),
            _ => Err(format!("{field} can only be compared with eq")),
        };
    }
    if let Some(f) = TIME_FIELDS.iter().find(|f| **f == field) {
        let cmp = match op {
            "gt" => Cmp::Gt,
            "ge" => Cmp::Ge,
            "lt" => Cmp::Lt,
            "le" => Cmp::Le,
            _ => return Err(format!("{field} is compared with gt, ge, lt or le")),
        };
        return Ok(Condition::Time(f, cmp, instant(value)?));
    }
    Err(format!(
        "$filter cannot use {field}; it can use {} and {}",
        EQ_FIELDS.join(", "),
        TIME_FIELDS.join(", ")
    ))
}

/// Parses a list request's query options; the message says what is wrong.
pub fn parse_query(
    filter: Option<&str>,
    orderby: Option<&str>,
    top: Option<&str>,
    skiptoken: Option<&str>,
) -> Result<ListQuery, String> {
    let conditions = match filter.map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => f
            .split(" and ")
            .map(condition)
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let order = match orderby.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) => {
            let mut words = o.split_whitespace();
            let field = words.next().unwrap_or_default();
            let Some(f) = TIME_FIELDS.iter().find(|f| **f == field) else {
                return Err(format!("$orderby can use {}", TIME_FIELDS.join(" or ")));
            };
            let descending = match words.next() {
                None | Some("asc") => false,
                Some("desc") => true,
                Some(other) => {
                    return Err(format!("$orderby direction {other} is not asc or desc"))
                }
            };
            Some((*f, descending))
        }
        None => None,
    };
    let top = match top {
        Some(t) => match t.trim().parse::<usize>() {
            Ok(n) if (1..=MAX_TOP).contains(&n) => n,
            _ => return Err(format!("$top must be a number from 1 to {MAX_TOP}")),
        },
        None => MAX_TOP,
    };
    let skip = match skiptoken {
        Some(s) => s
            .trim()
            .parse::<usize>()
            .map_err(|_| "$skiptoken is not one this server gave".to_string())?,
        None => 0,
    };
    Ok(ListQuery {
        conditions,
        order,
        top,
        skip,
    })
}

fn time_of(r: &Referral, field: &str) -> DateTime<Utc> {
    match field {
        "createdDateTime" => r.created_date_time,
        _ => r.updated_date_time,
    }
}

fn matches(r: &Referral, json: &Value, c: &Condition) -> bool {
    match c {
        Condition::Eq(field, want) => match &json[*field] {
            Value::String(s) => s == want,
            Value::Null => want.is_empty() || want == "null",
            other => serde_json::from_str::<Value>(want).is_ok_and(|w| &w == other),
        },
        Condition::Time(field, cmp, at) => {
            let t = time_of(r, field);
            match cmp {
                Cmp::Gt => t > *at,
                Cmp::Ge => t >= *at,
                Cmp::Lt => t < *at,
                Cmp::Le => t <= *at,
            }
        }
    }
}

/// One page of `visible` (the referrals the caller may see) as the query asks, and the skip
/// of the next page if there is one.
pub fn list<'a>(
    visible: impl Iterator<Item = &'a Referral>,
    q: &ListQuery,
) -> (Vec<&'a Referral>, Option<usize>) {
    let mut found: Vec<&Referral> = visible
        .filter(|r| {
            q.conditions.is_empty() || {
                let json = serde_json::to_value(r).unwrap_or_default();
                q.conditions.iter().all(|c| matches(r, &json, c))
            }
        })
        .collect();
    match q.order {
        Some((field, descending)) => found.sort_by(|a, b| {
            let order = time_of(a, field)
                .cmp(&time_of(b, field))
                .then_with(|| a.id.cmp(&b.id));
            if descending {
                order.reverse()
            } else {
                order
            }
        }),
        None => found.sort_by(|a, b| a.id.cmp(&b.id)),
    }
    let next = (found.len() > q.skip + q.top).then_some(q.skip + q.top);
    let page = found.into_iter().skip(q.skip).take(q.top).collect();
    (page, next)
}

/// One operation of a JSON Patch (RFC 6902); the API takes `replace` and `add`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PatchOp {
    pub op: String,
    pub path: String,
    #[serde(default)]
    pub value: Value,
}

fn text(v: &Value, path: &str) -> Result<String, String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{path} takes a text"))
}

fn parsed<T: serde::de::DeserializeOwned>(v: &Value, path: &str) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|_| format!("{path}: {v} is not a value it takes"))
}

/// The commands that make `patch` of `referral`, in the order they apply: details first,
/// then the sales stage, then an answer or a close. What no command can change (the
/// customer, the organisation, the eTag, …) is refused by its path.
pub fn patch_commands(referral: &Referral, patch: &[PatchOp]) -> Result<Vec<Command>, String> {
    let id = referral.id.clone();
    let mut details = DealDetailsInput {
        name: referral.name.clone(),
        deal_value: referral.details.deal_value,
        currency: referral.details.currency.clone(),
        closing_date_time: referral.details.closing_date_time,
        notes: referral.details.notes.clone(),
        crm_id: referral.external_reference_id.clone(),
        campaign_id: referral.marketing_campaign_id.clone(),
    };
    let mut details_changed = false;
    let (mut status, mut substatus, mut reason, mut notes, mut stage) =
        (None, None, None::<Value>, String::new(), None);
    for op in patch {
        if op.op != "replace" && op.op != "add" {
            return Err(format!(
                "{} {}: the API takes replace and add only",
                op.op, op.path
            ));
        }
        let v = &op.value;
        match op.path.as_str() {
            "/name" => details.name = text(v, &op.path)?,
            "/externalReferenceId" => details.crm_id = text(v, &op.path)?,
            "/marketingCampaignId" => details.campaign_id = text(v, &op.path)?,
            "/details/dealValue" => {
                details.deal_value = v
                    .as_f64()
                    .ok_or_else(|| format!("{} takes a number", op.path))?
            }
            "/details/currency" => details.currency = text(v, &op.path)?,
            "/details/closingDateTime" => details.closing_date_time = instant(&text(v, &op.path)?)?,
            "/details/notes" => details.notes = text(v, &op.path)?,
            "/salesStage" => {
                stage = Some(parsed(v, &op.path)?);
                continue;
            }
            "/status" => {
                status = Some(text(v, &op.path)?);
                continue;
            }
            "/substatus" => {
                substatus = Some(text(v, &op.path)?);
                continue;
            }
            "/statusReasonCode" => {
                reason = Some(v.clone());
                continue;
            }
            "/statusReasonNotes" => {
                notes = text(v, &op.path)?;
                continue;
            }
            other => return Err(format!("{other} cannot be changed through the API")),
        }
        details_changed = true;
    }
    let mut commands = Vec::new();
    if details_changed {
        commands.push(Command::EditDetails {
            referral_id: id.clone(),
            details: details.clone(),
            location: None,
        });
    }
    if let Some(stage) = stage {
        commands.push(Command::MarkStage {
            referral_id: id.clone(),
            stage,
        });
    }
    let reason_of = |what: &str| {
        reason
            .as_ref()
            .ok_or_else(|| format!("/statusReasonCode is required to mark a referral {what}"))
    };
    match (status.as_deref(), substatus.as_deref()) {
        (None, None) => {}
        (Some("Active") | None, Some("Accepted")) => commands.push(Command::Accept {
            referral_id: id,
            details,
            team: Vec::new(),
        }),
        (Some("Closed") | None, Some("Declined")) => commands.push(Command::Decline {
            referral_id: id,
            reason: parsed(reason_of("declined")?, "/statusReasonCode")?,
            notes,
        }),
        (Some("Closed") | None, Some("Won")) => commands.push(Command::MarkWon {
            referral_id: id,
            confirm_early: true,
        }),
        (Some("Closed") | None, Some("Lost")) => commands.push(Command::MarkLost {
            referral_id: id,
            reason: parsed(reason_of("lost")?, "/statusReasonCode")?,
            notes,
        }),
        (s, sub) => {
            return Err(format!(
                "status {} with substatus {} is not a change the API makes (Active/Accepted, Closed/Declined, Closed/Won, Closed/Lost)",
                s.unwrap_or("-"),
                sub.unwrap_or("-")
            ))
        }
    }
    if commands.is_empty() {
        return Err("the patch changes nothing".into());
    }
    Ok(commands)
}

/// A referral `POST`ed to the API: the fields of the resource a partner sets when sharing a
/// deal (those Co-sell sets, such as `id`, `status` or `eTag`, are refused by name).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewReferral {
    name: String,
    #[serde(default)]
    engagement_id: Option<String>,
    #[serde(default)]
    external_reference_id: String,
    #[serde(default)]
    marketing_campaign_id: String,
    location: String,
    customer_profile: CustomerProfile,
    #[serde(default)]
    consent: Consent,
    details: NewDetails,
    #[serde(default)]
    team: Vec<Contact>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewDetails {
    deal_value: f64,
    currency: String,
    #[serde(with = "crate::domain::support::instant::utc")]
    closing_date_time: DateTime<Utc>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    requirements: NewRequirements,
    #[serde(default)]
    help_type: Option<HelpType>,
    #[serde(default)]
    assessment_location: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewRequirements {
    #[serde(default)]
    solutions: Vec<SolutionRef>,
}

/// A solution by its id (the rest of a solution, when sent, is the directory's to say).
#[derive(Deserialize)]
struct SolutionRef {
    id: String,
}

/// The create command of a referral `POST`ed as `body`: its `engagementId`, else
/// `engagement_id` (a fresh one the caller made). Whether the deal is valid is the
/// command's to decide, with the wizard's messages; this only reads the shape.
pub fn create_command(body: &Value, engagement_id: &str) -> Result<Command, String> {
    let new: NewReferral = serde_json::from_value(body.clone())
        .map_err(|e| format!("the body is not a new referral: {e}"))?;
    Ok(Command::CreateDeal {
        deal: NewDeal {
            engagement_id: new
                .engagement_id
                .filter(|e| !e.trim().is_empty())
                .unwrap_or_else(|| engagement_id.to_string()),
            customer: new.customer_profile,
            name: new.name,
            location: new.location,
            deal_value: new.details.deal_value,
            currency: new.details.currency,
            closing_date_time: new.details.closing_date_time,
            crm_id: new.external_reference_id,
            campaign_id: new.marketing_campaign_id,
            notes: new.details.notes,
            team: new.team,
            solution_ids: new
                .details
                .requirements
                .solutions
                .into_iter()
                .map(|s| s.id)
                .collect(),
            help_type: new.details.help_type.unwrap_or(HelpType::NoHelpRequired),
            microsoft_may_view: new.consent.consent_to_share_referral_with_microsoft_sellers,
            assessment_location: new.details.assessment_location,
            invitations: Vec::new(),
            for_partner: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::referral::Substatus;

    fn posted() -> Value {
        serde_json::json!({
            "name": "Adatum fleet analytics",
            "externalReferenceId": "CRM-42",
            "location": "contoso-munich",
            "customerProfile": {
                "name": "Adatum Corporation",
                "address": { "addressLine1": "Leopoldstraße 12", "city": "Munich", "state": "",
                             "postalCode": "80802", "country": "DE" },
                "size": "10000+", "ids": { "duns": "111111111" }
            },
            "consent": { "consentToShareReferralWithMicrosoftSellers": true, "consentToContact": true },
            "details": {
                "dealValue": 120000, "currency": "EUR", "closingDateTime": "2027-03-01T00:00:00Z",
                "requirements": { "solutions": [ { "id": "contoso-fleet-analytics", "name": "ignored" } ] },
                "helpType": "ProofOfConceptOrDemo"
            },
            "team": [ { "name": "Lena Vogel", "phone": "+49 89 555 0100", "email": "lena@contoso.example" } ]
        })
    }

    #[test]
    fn a_posted_referral_is_the_wizards_create_command() {
        let Ok(Command::CreateDeal { deal }) = create_command(&posted(), "e-fresh") else {
            panic!("a create command");
        };
        assert_eq!(deal.engagement_id, "e-fresh");
        assert_eq!(deal.crm_id, "CRM-42");
        assert_eq!(deal.solution_ids, ["contoso-fleet-analytics"]);
        assert_eq!(deal.help_type, HelpType::ProofOfConceptOrDemo);
        assert!(deal.microsoft_may_view);
        assert_eq!(deal.team.len(), 1);
        assert_eq!(deal.deal_value, 120_000.0);

        let mut own = posted();
        own["engagementId"] = "e-crm".into();
        let Ok(Command::CreateDeal { deal }) = create_command(&own, "e-fresh") else {
            panic!("a create command");
        };
        assert_eq!(
            deal.engagement_id, "e-crm",
            "the caller's engagement id is kept"
        );
    }

    #[test]
    fn what_co_sell_sets_or_a_wrong_shape_is_refused_by_name() {
        let mut with_status = posted();
        with_status["status"] = "Closed".into();
        let why = create_command(&with_status, "e").err().unwrap_or_default();
        assert!(why.contains("status"), "{why}");
        let mut no_name = posted();
        no_name.as_object_mut().map(|m| m.remove("name"));
        let why = create_command(&no_name, "e").err().unwrap_or_default();
        assert!(why.contains("name"), "{why}");
        let mut wrong = posted();
        wrong["details"]["dealValue"] = "a lot".into();
        assert!(create_command(&wrong, "e").is_err());
    }
    use crate::domain::records::stage::SalesStage;
    use crate::domain::testing::referral_at;
    use chrono::Duration;

    fn op(path: &str, value: Value) -> PatchOp {
        PatchOp {
            op: "replace".into(),
            path: path.into(),
            value,
        }
    }

    #[test]
    fn a_filter_and_an_order_page_through_what_the_caller_sees() {
        let mut all = Vec::new();
        for i in 0..5 {
            let mut r = referral_at("contoso", "contoso-munich", &[]);
            r.id = format!("r{i}");
            r.updated_date_time += Duration::hours(i);
            if i == 4 {
                r.substatus = Substatus::Received;
            }
            all.push(r);
        }
        let q = parse_query(
            Some("substatus eq 'Accepted' and updatedDateTime ge 2026-11-01T10:00:00Z"),
            Some("updatedDateTime desc"),
            Some("2"),
            None,
        )
        .unwrap();
        let (page, next) = list(all.iter(), &q);
        assert_eq!(
            page.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["r3", "r2"]
        );
        assert_eq!(next, Some(2));
        let q = parse_query(None, None, Some("2"), Some("4")).unwrap();
        let (page, next) = list(all.iter(), &q);
        assert_eq!(page.len(), 1);
        assert_eq!(next, None);
    }

    #[test]
    fn a_query_the_api_does_not_know_is_refused_with_why() {
        assert!(parse_query(Some("name eq 'x'"), None, None, None)
            .unwrap_err()
            .contains("cannot use name"));
        assert!(parse_query(None, None, Some("500"), None).is_err());
        assert!(parse_query(None, Some("name asc"), None, None).is_err());
        assert!(parse_query(Some("updatedDateTime gt yesterday"), None, None, None).is_err());
    }

    #[test]
    fn a_patch_becomes_the_commands_that_make_it() {
        let r = referral_at("contoso", "contoso-munich", &[]);
        let commands = patch_commands(
            &r,
            &[
                op("/details/dealValue", 5000.0.into()),
                op("/salesStage", "Qualified".into()),
            ],
        )
        .unwrap();
        assert!(
            matches!(&commands[0], Command::EditDetails { details, .. } if details.deal_value == 5000.0)
        );
        assert!(matches!(
            commands[1],
            Command::MarkStage {
                stage: SalesStage::Qualified,
                ..
            }
        ));
        let lost = patch_commands(
            &r,
            &[
                op("/status", "Closed".into()),
                op("/substatus", "Lost".into()),
            ],
        );
        assert!(lost.unwrap_err().contains("statusReasonCode"));
        assert!(
            patch_commands(&r, &[op("/organizationId", "fabrikam".into())])
                .unwrap_err()
                .contains("cannot be changed")
        );
        let remove = PatchOp {
            op: "remove".into(),
            path: "/name".into(),
            value: Value::Null,
        };
        assert!(patch_commands(&r, &[remove]).is_err());
    }
}
