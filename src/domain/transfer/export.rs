//! Moving deals in and out (SPEC §13): export of a list as CSV, modelled on Partner Center's
//! co-sell bulk export, or as JSON referral resources; and what import reports (its plan and
//! problems). Import itself, which turns a file into commands, is in `import`.

use crate::domain::exchange::Outcome;
use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;
use crate::domain::support::instant;
use crate::domain::support::locale::Locale;
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

/// One problem of an import: the row (1 is a CSV file's header, the first deal is row 2; a
/// JSON file's first deal is row 1; 0 is the file as a whole), the column and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: String,
    message: Msg,
}

/// What is wrong, as a text of the interface and its values, so the report is shown in the
/// interface's language (the columns are the file's, in English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg(pub Text, pub Vec<(&'static str, Arg)>);

/// A value in a message: text as it is (from the file, the browser), or a word of the interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Word(Text),
}

impl From<Text> for Msg {
    fn from(t: Text) -> Msg {
        Msg(t, Vec::new())
    }
}

pub(crate) fn plain(value: impl ToString) -> Arg {
    Arg::Plain(value.to_string())
}

impl Problem {
    pub(crate) fn new(row: usize, column: &str, message: impl Into<Msg>) -> Problem {
        Problem {
            row,
            column: column.to_string(),
            message: message.into(),
        }
    }

    /// A problem with the file as a whole: `text` with `values` in its placeholders.
    pub fn whole(text: Text, values: Vec<(&'static str, Arg)>) -> Problem {
        Problem::new(0, "", Msg(text, values))
    }

    pub fn message(&self, locale: Locale) -> String {
        let Msg(text, args) = &self.message;
        let values: Vec<(&str, String)> = args
            .iter()
            .map(|(k, a)| {
                (
                    *k,
                    match a {
                        Arg::Plain(s) => s.clone(),
                        Arg::Word(t) => t.get(locale).to_string(),
                    },
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        text.fill(locale, &refs)
    }
}

/// A file checked in full: the change to make, how many deals it creates, updates and finds
/// unchanged, or every problem found; and notes on columns Co-sell did not take.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub outcome: Outcome,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub problems: Vec<Problem>,
    /// Columns whose values were ignored (row 0, the column, why).
    pub notes: Vec<Problem>,
}

impl Plan {
    /// The file is right and holds deals: **Import** may write it.
    pub fn ready(&self) -> bool {
        self.problems.is_empty() && !self.outcome.referrals.is_empty()
    }

    /// What the dry run found, in a sentence.
    pub fn summary(&self, locale: Locale) -> String {
        if !self.problems.is_empty() {
            Text::ImportProblems.fill(locale, &[("n", &self.problems.len().to_string())])
        } else if self.outcome.referrals.is_empty() && self.unchanged > 0 {
            Text::ImportNothingToChange.fill(locale, &[("n", &self.unchanged.to_string())])
        } else if self.outcome.referrals.is_empty() {
            Text::ImportNoDeals.get(locale).to_string()
        } else {
            let text = if self.unchanged > 0 {
                Text::ImportReadyUnchanged
            } else {
                Text::ImportReady
            };
            text.fill(
                locale,
                &[
                    ("created", &self.created.to_string()),
                    ("updated", &self.updated.to_string()),
                    ("unchanged", &self.unchanged.to_string()),
                ],
            )
        }
    }
}

// ---------------------------------------------------------------------------------------
// Export

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
    serde_json::to_string(referrals).unwrap_or_else(|_| "[]".into())
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
