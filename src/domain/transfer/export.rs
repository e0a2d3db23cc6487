//! Export (SPEC §13): a list as CSV, modelled on Partner Center's co-sell bulk export, or as
//! JSON referral resources. The CSV columns are also what import reads.

use crate::domain::records::referral::Referral;
use crate::domain::support::instant;
use crate::domain::transfer::csv;

/// The CSV columns, in order. Import needs the first four of [`REQUIRED`]; the others are
/// optional there (a CRM's file has no referral ID or eTag).
pub const COLUMNS: [&str; 25] = [
    "Referral ID",
    "Engagement ID",
    "Deal name",
    "Customer name",
    "DUNS",
    "Customer address",
    "Customer city",
    "Customer postal code",
    "Country",
    "Location",
    "Status",
    "Substatus",
    "Deal type",
    "Sales stage",
    "Value",
    "Currency",
    "Estimated close date",
    "CRM ID",
    "Marketing campaign ID",
    "Notes",
    "Team",
    "Solutions",
    "Created",
    "Updated",
    "eTag",
];

/// Columns an imported CSV file must have.
pub const REQUIRED: [&str; 4] = ["Deal name", "Value", "Currency", "Estimated close date"];

/// The CSV file of `referrals`: dates in UTC, RFC 4180 quoting, formula-like cells neutralised.
pub fn export_csv(referrals: &[&Referral]) -> String {
    let rows: Vec<Vec<String>> = referrals.iter().map(|r| csv_row(r)).collect();
    csv::write(&COLUMNS, &rows)
}

fn csv_row(r: &Referral) -> Vec<String> {
    let team = r
        .team
        .iter()
        .map(|c| {
            format!("{} <{}> {}", c.name, c.email, c.phone)
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("; ");
    let solutions = r
        .details
        .requirements
        .solutions
        .iter()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        r.id.clone(),
        r.engagement_id.clone(),
        r.name.clone(),
        r.customer_profile.name.clone(),
        r.customer_profile.ids.duns.clone().unwrap_or_default(),
        r.customer_profile.address.address_line1.clone(),
        r.customer_profile.address.city.clone(),
        r.customer_profile.address.postal_code.clone(),
        r.customer_profile.address.country.clone(),
        r.location.clone(),
        r.status.wire_name().to_string(),
        r.substatus.wire_name().to_string(),
        r.type_label(),
        r.sales_stage
            .map(|s| format!("{}%", s.percent()))
            .unwrap_or_default(),
        money(r.details.deal_value),
        r.details.currency.clone(),
        instant::iso_date(r.details.closing_date_time.date_naive()),
        r.external_reference_id.clone(),
        r.marketing_campaign_id.clone(),
        r.details.notes.clone(),
        team,
        solutions,
        instant::rfc3339(r.created_date_time),
        instant::rfc3339(r.updated_date_time),
        r.e_tag.clone(),
    ]
}

/// A value with at most two decimals, without exponent or grouping ("1234.5").
fn money(value: f64) -> String {
    let cents = (value * 100.0).round() as i64;
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, (cents % 100).abs())
    }
}

/// The JSON file of `referrals`: an array of referral resources (the Referrals API shape).
pub fn export_json(referrals: &[&Referral]) -> String {
    crate::domain::support::json_writer::to_json(referrals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_has_at_most_two_decimals_and_no_exponent() {
        assert_eq!(money(1234.5), "1234.50");
        assert_eq!(money(1e9), "1000000000");
        assert_eq!(money(0.07), "0.07");
    }

    #[test]
    fn a_formula_exports_neutralised() {
        let mut r = crate::domain::testing::referral_at("contoso", "contoso-munich", &[]);
        r.name = "=HYPERLINK(\"http://evil.example\",\"Click\")".into();
        let file = export_csv(&[&r]);
        assert!(
            file.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\""),
            "{file}"
        );
    }
}
