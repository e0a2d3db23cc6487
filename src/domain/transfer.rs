//! Moving deals in and out (SPEC §13): export of a list as CSV, modelled on Partner Center's
//! co-sell bulk export, or as JSON referral resources; import of either with a dry run that
//! reports every problem by row and column, then one all-or-nothing change.

use std::collections::HashMap;

use chrono::NaiveTime;
#[cfg(test)]
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::activity::{ActivityAction, Actor};
use super::commands::{written, Ctx};
use super::csv;
use super::exchange::Outcome;
use super::i18n::Text;
use super::ids::derive;
use super::instant;
use super::locale::Locale;
use super::model::{
    Consent, Contact, CustomerIds, CustomerProfile, Details, Direction, HelpType, Referral,
    Requirements, SharingType, SolutionKind, Status, Substatus,
};
use super::rules::stage_from_text_for;
use super::stage::SalesStage;
use super::validation::{self as v, MAX_SOLUTIONS, MAX_TEAM};

/// Files above this size are refused before they are read.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// At most this many deals in one file.
pub const MAX_ROWS: usize = 50_000;

/// The CSV columns, in order. Import needs the first four of [`REQUIRED`]; the others are
/// optional there (a CRM's file has no referral ID or eTag).
pub const COLUMNS: [&str; 21] = [
    "Referral ID",
    "Engagement ID",
    "Deal name",
    "Customer name",
    "DUNS",
    "Country",
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
pub struct Msg(Text, Vec<(&'static str, Arg)>);

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

fn plain(value: impl ToString) -> Arg {
    Arg::Plain(value.to_string())
}

impl Problem {
    fn new(row: usize, column: &str, message: impl Into<Msg>) -> Problem {
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

/// A file checked in full: the change to make, how many deals it creates and updates, or
/// every problem found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub outcome: Outcome,
    pub created: usize,
    pub updated: usize,
    pub problems: Vec<Problem>,
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
        } else if self.outcome.referrals.is_empty() {
            Text::ImportNoDeals.get(locale).to_string()
        } else {
            Text::ImportReady.fill(
                locale,
                &[
                    ("created", &self.created.to_string()),
                    ("updated", &self.updated.to_string()),
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
        r.customer_profile.address.country.clone(),
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

// ---------------------------------------------------------------------------------------
// Import: reading

/// A file of `bytes` is refused before it is read when it is too large.
pub fn size_problem(bytes: usize) -> Option<Problem> {
    (bytes > MAX_FILE_BYTES).then(|| {
        let mb = bytes as f64 / 1048576.0;
        Problem::whole(
            Text::FileTooBig,
            vec![
                (
                    "size",
                    plain(format!("{}.{}", mb as u64, ((mb * 10.0) as u64) % 10)),
                ),
                ("max", plain(MAX_FILE_BYTES / 1048576)),
            ],
        )
    })
}

/// What an import row asks for, before it is checked against the exchange.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    row: usize,
    referral: Referral,
    /// The columns the file gave (a CSV file may leave some out; JSON gives all).
    given: Vec<&'static str>,
    /// The sales stage as written, mapped once the deal's kind is known.
    stage_text: String,
}

/// Reads a file's bytes as CSV or JSON (by name, else by content) into rows, or the problems.
/// Problems of single cells come with the rows, so checking goes on and reports them all.
fn read(name: &str, bytes: &[u8], ctx: Ctx) -> Result<(Vec<Row>, Vec<Problem>), Vec<Problem>> {
    let whole = |text: Text, values| Err(vec![Problem::whole(text, values)]);
    if let Some(p) = size_problem(bytes.len()) {
        return Err(vec![p]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.strip_prefix('\u{feff}').unwrap_or(t),
        Err(e) => return whole(Text::NotUtf8, vec![("byte", plain(e.valid_up_to() + 1))]),
    };
    if text.trim().is_empty() {
        return whole(Text::FileEmpty, vec![]);
    }
    let lower = name.to_ascii_lowercase();
    let json = lower.ends_with(".json")
        || (!lower.ends_with(".csv") && text.trim_start().starts_with(['[', '{']));
    if json {
        read_json(text)
    } else if lower.ends_with(".csv")
        || text.lines().next().is_some_and(|h| h.contains("Deal name"))
    {
        read_csv(text, ctx)
    } else {
        whole(Text::NotCsvOrJson, vec![])
    }
}

fn read_json(text: &str) -> Result<(Vec<Row>, Vec<Problem>), Vec<Problem>> {
    let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).map_err(|e| {
        let text = if e.is_eof() {
            Text::JsonEndsEarly
        } else {
            Text::NotJsonArray
        };
        vec![Problem::whole(
            text,
            vec![
                ("line", plain(e.line())),
                ("column", plain(e.column())),
                ("error", plain(&e)),
            ],
        )]
    })?;
    if items.len() > MAX_ROWS {
        return Err(vec![Problem::whole(
            Text::TooManyRows,
            vec![("n", plain(items.len())), ("max", plain(MAX_ROWS))],
        )]);
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match Referral::deserialize(&mut serde_json::Deserializer::from_str(item.get())) {
            Ok(referral) => {
                let stage_text = referral
                    .sales_stage
                    .map(|s| s.label().to_string())
                    .unwrap_or_default();
                rows.push(Row {
                    row: i + 1,
                    referral,
                    given: COLUMNS.to_vec(),
                    stage_text,
                });
            }
            Err(e) => problems.push(Problem::new(
                i + 1,
                "",
                Msg(Text::NotAReferral, vec![("error", plain(&e))]),
            )),
        }
    }
    Ok((rows, problems))
}

/// RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks; lines end
/// with CRLF or LF. Each record comes with its first line's number.
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, Problem> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let (mut line, mut start) = (1, 1);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => {
                    if c == '\n' {
                        line += 1;
                    }
                    cell.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut cell));
                if !(record.len() == 1 && record[0].is_empty()) {
                    records.push((start, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                start = line;
            }
            _ => cell.push(c),
        }
        at_start = false;
    }
    if quoted {
        return Err(Problem::new(start, "", Text::CutOff));
    }
    if !at_start && !(record.is_empty() && cell.is_empty()) {
        record.push(cell);
        records.push((start, record));
    }
    Ok(records)
}

fn read_csv(text: &str, ctx: Ctx) -> Result<(Vec<Row>, Vec<Problem>), Vec<Problem>> {
    let records = parse_csv(text).map_err(|p| vec![p])?;
    let Some(((_, header), body)) = records.split_first() else {
        return Err(vec![Problem::whole(Text::FileEmpty, vec![])]);
    };
    let index: HashMap<&'static str, usize> = COLUMNS
        .iter()
        .filter_map(|c| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(c))
                .map(|i| (*c, i))
        })
        .collect();
    let missing: Vec<Problem> = REQUIRED
        .iter()
        .filter(|c| !index.contains_key(*c))
        .map(|c| Problem::new(1, c, Text::ColumnMissing))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    if body.len() > MAX_ROWS {
        return Err(vec![Problem::whole(
            Text::TooManyRows,
            vec![("n", plain(body.len())), ("max", plain(MAX_ROWS))],
        )]);
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (n, (_, cells)) in body.iter().enumerate() {
        let row = n + 2;
        if cells.len() != header.len() {
            problems.push(Problem::new(
                row,
                "",
                Msg(
                    Text::CellCount,
                    vec![("n", plain(cells.len())), ("header", plain(header.len()))],
                ),
            ));
            continue;
        }
        let get = Cells {
            index: &index,
            cells,
        };
        let mut p = Vec::new();
        let referral = csv_referral(row, &get, ctx, &mut p);
        problems.extend(p);
        let given = COLUMNS
            .iter()
            .copied()
            .filter(|c| index.contains_key(c))
            .collect();
        rows.push(Row {
            row,
            referral,
            given,
            stage_text: get.get("Sales stage").to_string(),
        });
    }
    Ok((rows, problems))
}

/// Undoes the export's formula guard: a cell written as `'=…` reads back as `=…`.
fn unformula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// One CSV row's cells by column name.
struct Cells<'a> {
    index: &'a HashMap<&'static str, usize>,
    cells: &'a [String],
}

impl<'a> Cells<'a> {
    /// The trimmed cell of `column`, or "" when the file has no such column.
    fn get(&self, column: &str) -> &'a str {
        self.index
            .get(column)
            .map(|i| unformula(self.cells[*i].trim()))
            .unwrap_or("")
    }
}

/// A referral from one CSV row; what cannot be read is a problem at its column.
fn csv_referral(row: usize, cells: &Cells, ctx: Ctx, p: &mut Vec<Problem>) -> Referral {
    let get = |c: &str| cells.get(c);
    let mut bad = |column: &str, message: Msg| p.push(Problem::new(row, column, message));
    let value = match v::parse_amount(get("Value")) {
        Ok(x) => x,
        Err(k) => {
            bad("Value", k.text().into());
            0.0
        }
    };
    let close = match super::format::parse_iso_date(get("Estimated close date")) {
        Some(d) => d.and_time(NaiveTime::MIN).and_utc(),
        None => {
            bad("Estimated close date", Text::DateFormat.into());
            ctx.now
        }
    };
    let mut instant_of = |column: &str| match get(column) {
        "" => ctx.now,
        t => instant::parse_rfc3339(t).unwrap_or_else(|| {
            bad(column, Text::DateTimeFormat.into());
            ctx.now
        }),
    };
    let created = instant_of("Created");
    let updated = instant_of("Updated");
    let team = get("Team")
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(contact_from_text)
        .collect();
    let kind = get("Deal type");
    let sharing = if kind.starts_with("Co-sell") {
        SharingType::CoSell
    } else if kind.starts_with("Partner-led") {
        SharingType::PartnerLed
    } else {
        SharingType::Private
    };
    let status = match get("Status") {
        "" => Status::Active,
        t => Status::from_wire_name(t).unwrap_or_else(|| {
            bad("Status", Text::StatusValues.into());
            Status::Active
        }),
    };
    let substatus = match get("Substatus") {
        "" => Substatus::Accepted,
        t => Substatus::from_wire_name(t).unwrap_or_else(|| {
            bad("Substatus", Text::SubstatusValues.into());
            Substatus::Accepted
        }),
    };
    let solutions = get("Solutions")
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter_map(|s| {
            let found = ctx
                .directory
                .solutions
                .iter()
                .find(|x| x.id == s || x.name.eq_ignore_ascii_case(s))
                .cloned();
            if found.is_none() {
                bad(
                    "Solutions",
                    Msg(Text::UnknownSolutionNamed, vec![("name", plain(s))]),
                );
            }
            found
        })
        .collect();
    let duns = get("DUNS");
    Referral {
        id: get("Referral ID").to_string(),
        engagement_id: get("Engagement ID").to_string(),
        organization_id: ctx.user.organization_id.clone(),
        name: get("Deal name").to_string(),
        external_reference_id: get("CRM ID").to_string(),
        marketing_campaign_id: get("Marketing campaign ID").to_string(),
        created_date_time: created,
        updated_date_time: updated,
        expiration_date_time: None,
        accepted_date_time: None,
        status,
        substatus,
        status_reason: String::new(),
        sharing,
        p2p: kind.contains("P2P"),
        qualification: String::new(),
        direction: Direction::Outgoing,
        location: String::new(),
        customer_profile: CustomerProfile {
            name: get("Customer name").to_string(),
            address: super::model::Address {
                country: get("Country").to_string(),
                ..Default::default()
            },
            size: String::new(),
            ids: CustomerIds {
                duns: (!duns.is_empty()).then(|| duns.to_string()),
            },
            contact: None,
        },
        consent: Consent {
            consent_to_share_referral_with_microsoft_sellers: sharing != SharingType::Private,
            consent_to_contact: false,
        },
        details: Details {
            deal_value: value,
            currency: get("Currency").to_string(),
            closing_date_time: close,
            notes: get("Notes").to_string(),
            requirements: Requirements { solutions },
            help_type: HelpType::NoHelpRequired,
            assessment_location: None,
        },
        team,
        invite_context: None,
        sales_stage: None,
        registration: None,
        e_tag: get("eTag").to_string(),
    }
}

/// "Name <email> phone" as the export writes a team member.
fn contact_from_text(text: &str) -> Contact {
    match (text.find('<'), text.find('>')) {
        (Some(a), Some(b)) if a < b => Contact {
            name: text[..a].trim().into(),
            email: text[a + 1..b].trim().into(),
            phone: text[b + 1..].trim().into(),
        },
        _ => Contact {
            name: String::new(),
            email: text.into(),
            phone: String::new(),
        },
    }
}

// ---------------------------------------------------------------------------------------
// Import: checking and planning

/// Reads and checks a whole file for the signed-in user's organisation: every row is either
/// part of the plan or reported. Nothing is written here; the caller saves `outcome` whole.
pub fn plan_import(name: &str, bytes: &[u8], ctx: Ctx) -> Plan {
    let (rows, problems) = match read(name, bytes, ctx) {
        Ok(read) => read,
        Err(problems) => {
            return Plan {
                problems,
                ..Plan::default()
            }
        }
    };
    let org = ctx.user.organization_id.as_str();
    let actor = Actor {
        user_id: Some(ctx.user.id.clone()),
        name: ctx.user.display_name.clone(),
        organization_id: org.to_string(),
    };
    let own: Vec<&Referral> = ctx
        .exchange
        .referrals()
        .filter(|r| r.organization_id == org)
        .collect();
    let mut plan = Plan {
        problems,
        ..Plan::default()
    };
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut seen_crm: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let n = row.row;
        let mut bad =
            |column: &str, message: Msg| plan.problems.push(Problem::new(n, column, message));
        let r = &row.referral;
        if !r.id.is_empty() {
            if let Some(first) = seen_ids.insert(r.id.clone(), n) {
                bad(
                    "Referral ID",
                    Msg(Text::SameReferralId, vec![("row", plain(first))]),
                );
                continue;
            }
        }
        if !r.external_reference_id.is_empty() {
            if let Some(first) = seen_crm.insert(r.external_reference_id.clone(), n) {
                bad("CRM ID", Msg(Text::SameCrmId, vec![("row", plain(first))]));
                continue;
            }
        }
        if r.organization_id != org {
            bad("", Text::OtherOrgDeal.into());
            continue;
        }
        let stored = own
            .iter()
            .find(|s| !r.id.is_empty() && s.id == r.id)
            .or_else(|| {
                own.iter().find(|s| {
                    !r.external_reference_id.is_empty()
                        && s.external_reference_id == r.external_reference_id
                })
            })
            .copied();
        if stored.is_none() && !r.id.is_empty() && ctx.exchange.referral(&r.id).is_some() {
            bad("Referral ID", Text::OtherOrgId.into());
            continue;
        }
        let before = plan.problems.len();
        let new = match stored {
            Some(old) => updated(&row, old, &mut plan.problems),
            None => created(&row, ctx, &mut plan.problems),
        };
        if plan.problems.len() > before {
            continue;
        }
        let tag = format!("import-{}", ctx.now.timestamp_millis());
        let (write, entry) = written(
            stored,
            new,
            ActivityAction::Imported,
            &actor,
            ctx.now,
            &tag,
            stored.is_none(),
        );
        plan.outcome.referrals.push(write);
        plan.outcome.activity.push(entry);
        if stored.is_some() {
            plan.updated += 1;
        } else {
            plan.created += 1;
        }
    }
    if !plan.problems.is_empty() {
        plan.outcome = Outcome::default();
        plan.created = 0;
        plan.updated = 0;
    }
    plan
}

/// Checks what every deal must satisfy (SPEC §2 and §5).
fn check_fields(row: &Row, problems: &mut Vec<Problem>) {
    let n = row.row;
    let r = &row.referral;
    let mut bad = |column: &str, message: Msg| problems.push(Problem::new(n, column, message));
    if r.name.trim().is_empty() {
        bad("Deal name", v::MessageKey::Required.text().into());
    }
    if let Err(k) = v::amount(r.details.deal_value) {
        bad("Value", k.text().into());
    }
    if let Err(k) = v::currency(&r.details.currency) {
        bad("Currency", k.text().into());
    }
    if let Some(duns) = &r.customer_profile.ids.duns {
        if let Err(k) = v::duns(duns) {
            bad("DUNS", k.text().into());
        }
    }
    let country = &r.customer_profile.address.country;
    if !country.is_empty() && !super::directory::is_country_code(country) {
        bad("Country", Text::CountryFormat.into());
    }
    if r.team.len() > MAX_TEAM {
        bad("Team", v::MessageKey::TooManyTeamMembers.text().into());
    }
    for m in &r.team {
        if let Err(k) = v::email(&m.email) {
            bad(
                "Team",
                Msg(
                    Text::WithEmail,
                    vec![("problem", Arg::Word(k.text())), ("email", plain(&m.email))],
                ),
            );
        }
    }
    if r.details.requirements.solutions.len() > MAX_SOLUTIONS {
        bad("Solutions", v::MessageKey::TooManySolutions.text().into());
    }
    let terminal = matches!(
        r.substatus,
        Substatus::Won | Substatus::Lost | Substatus::Declined | Substatus::Expired
    );
    let fits = match r.status {
        Status::New => matches!(r.substatus, Substatus::Pending | Substatus::Received),
        Status::Active => r.substatus == Substatus::Accepted,
        Status::Closed => terminal,
    };
    if !fits {
        bad(
            "Substatus",
            Msg(
                Text::SubstatusMismatch,
                vec![
                    ("substatus", plain(r.substatus.wire_name())),
                    ("status", plain(r.status.wire_name())),
                ],
            ),
        );
    }
}

/// The stage a row gives, for a deal of its kind: a name, or a partner's own percentage
/// mapped to the highest stage at or below it (100 only by the name Won).
fn stage_of(row: &Row, problems: &mut Vec<Problem>) -> Option<SalesStage> {
    let text = row.stage_text.trim();
    if text.is_empty() {
        return None;
    }
    let assessment = row
        .referral
        .details
        .requirements
        .solutions
        .iter()
        .any(|s| s.kind == SolutionKind::Assessment);
    match stage_from_text_for(text, row.referral.direction, assessment) {
        Some(s) if s == SalesStage::Won || s.is_assessment() == assessment => Some(s),
        Some(s) => {
            let text = if assessment {
                Text::NotStageOfAssessment
            } else {
                Text::NotStageOfDeal
            };
            problems.push(Problem::new(
                row.row,
                "Sales stage",
                Msg(text, vec![("stage", Arg::Word(s.text()))]),
            ));
            None
        }
        None => {
            problems.push(Problem::new(row.row, "Sales stage", Text::StageFormat));
            None
        }
    }
}

fn created(row: &Row, ctx: Ctx, problems: &mut Vec<Problem>) -> Referral {
    check_fields(row, problems);
    let stage = stage_of(row, problems);
    let mut r = row.referral.clone();
    if r.customer_profile.name.trim().is_empty() {
        problems.push(Problem::new(
            row.row,
            "Customer name",
            v::MessageKey::Required.text(),
        ));
    }
    let org = ctx.directory.organization(&ctx.user.organization_id);
    let locations: Vec<&str> = org
        .map(|o| o.locations.iter().map(|l| l.id.as_str()).collect())
        .unwrap_or_default();
    if !locations.contains(&r.location.as_str()) {
        // A CSV row has no location: the user's own (the first their scope covers).
        r.location = locations
            .iter()
            .copied()
            .find(|l| ctx.user.location_scope.covers(l))
            .unwrap_or_default()
            .to_string();
    }
    if r.id.is_empty() {
        r.id = derive(&[
            &ctx.user.organization_id,
            &r.name,
            &r.external_reference_id,
            &row.row.to_string(),
            &ctx.now.timestamp_millis().to_string(),
            "import",
        ]);
    }
    if r.engagement_id.is_empty() {
        r.engagement_id = derive(&[&r.id, "engagement"]);
    }
    if r.team.is_empty() {
        r.team = vec![Contact {
            name: ctx.user.display_name.clone(),
            phone: ctx.user.phone.clone(),
            email: ctx.user.email.clone(),
        }];
    }
    if let Some(s) = stage {
        r.sales_stage = Some(s);
    } else if r.sales_stage.is_none() && r.status == Status::Active {
        r.sales_stage = Some(SalesStage::Accepted);
    }
    if r.substatus == Substatus::Won {
        r.sales_stage = Some(SalesStage::Won);
    }
    if r.substatus == Substatus::Received && r.expiration_date_time.is_none() {
        r.expiration_date_time =
            Some(r.created_date_time + chrono::Duration::days(super::listing::RESPONSE_DAYS));
    }
    r
}

/// An update of a stored deal: its details, team, solutions and stage (forward only).
/// Status changes (won, lost, answers) are made on the deal page, where their rules run.
fn updated(row: &Row, old: &Referral, problems: &mut Vec<Problem>) -> Referral {
    let n = row.row;
    let r = &row.referral;
    let given = |c: &str| row.given.contains(&c);
    if old.status == Status::Closed {
        problems.push(Problem::new(n, "Status", Text::ImportReadOnly));
        return old.clone();
    }
    if given("eTag") && !r.e_tag.is_empty() && r.e_tag != old.e_tag {
        problems.push(Problem::new(n, "eTag", Text::ImportStale));
        return old.clone();
    }
    if (given("Status") && r.status != old.status)
        || (given("Substatus") && r.substatus != old.substatus)
    {
        problems.push(Problem::new(
            n,
            "Status",
            Msg(
                Text::StatusUnchanged,
                vec![
                    ("file", plain(r.substatus.wire_name())),
                    ("stored", plain(old.substatus.wire_name())),
                ],
            ),
        ));
    }
    check_fields(row, problems);
    let mut new = old.clone();
    new.name = r.name.clone();
    new.details.deal_value = r.details.deal_value;
    new.details.currency = r.details.currency.clone();
    new.details.closing_date_time = r.details.closing_date_time;
    for (column, to, from) in [
        ("Notes", &mut new.details.notes, &r.details.notes),
        (
            "CRM ID",
            &mut new.external_reference_id,
            &r.external_reference_id,
        ),
        (
            "Marketing campaign ID",
            &mut new.marketing_campaign_id,
            &r.marketing_campaign_id,
        ),
    ] {
        if given(column) {
            *to = from.clone();
        }
    }
    if given("Team") && !r.team.is_empty() {
        new.team = r.team.clone();
    }
    if given("Solutions") && !r.details.requirements.solutions.is_empty() {
        new.details.requirements.solutions = r.details.requirements.solutions.clone();
    }
    if let Some(stage) = stage_of(row, problems) {
        let was = old.sales_stage.map_or(0, SalesStage::percent);
        if stage == SalesStage::Won {
            problems.push(Problem::new(n, "Sales stage", Text::WinOnPage));
        } else if stage.percent() < was {
            problems.push(Problem::new(
                n,
                "Sales stage",
                Msg(Text::StagesForward, vec![("percent", plain(was))]),
            ));
        } else if stage.percent() > was {
            new.sales_stage = Some(stage);
        }
    }
    new
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo;
    use crate::domain::listing::{list, ListQuery, Tab};
    use crate::domain::rules_tests::World;
    use proptest::prelude::*;

    /// A world with demo deals, and Contoso Admin's Outbound list.
    fn demo_world() -> World {
        let mut w = World::new();
        let outcome = demo::generate(60, &w.data, w.now);
        w.exchange.apply(&outcome).unwrap();
        w
    }

    fn outbound(w: &World) -> Vec<&Referral> {
        list(
            &w.exchange,
            &w.user("contoso-admin"),
            Tab::Outbound,
            &ListQuery::default(),
            w.now,
        )
    }

    fn plan(w: &World, name: &str, text: &str) -> Plan {
        let user = w.user("contoso-admin");
        plan_import(
            name,
            text.as_bytes(),
            Ctx {
                exchange: &w.exchange,
                directory: &w.data,
                user: &user,
                now: w.now,
            },
        )
    }

    fn without_bookkeeping(mut r: Referral) -> Referral {
        r.e_tag.clear();
        r.updated_date_time = DateTime::<Utc>::MIN_UTC;
        r
    }

    #[test]
    fn csv_records_follow_rfc_4180() {
        let text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z";
        let records = parse_csv(text).unwrap();
        assert_eq!(
            records,
            vec![
                (1, vec!["a".into(), "b".into()]),
                (2, vec!["x, y".into(), "say \"hi\"".into()]),
                (3, vec!["two\nlines".into(), "z".into()])
            ]
        );
        assert_eq!(parse_csv("a,b\n\"cut off").unwrap_err().row, 2);
    }

    #[test]
    fn money_has_at_most_two_decimals_and_no_exponent() {
        assert_eq!(money(1234.5), "1234.50");
        assert_eq!(money(1e9), "1000000000");
        assert_eq!(money(0.07), "0.07");
    }

    #[test]
    fn json_round_trip_into_an_empty_exchange_gives_the_same_deals() {
        let w = demo_world();
        let deals = outbound(&w);
        assert!(deals.len() > 10);
        let file = export_json(&deals);
        let mut empty = World::new();
        empty.now = w.now;
        let p = plan(&empty, "deals.json", &file);
        assert_eq!(p.problems, vec![]);
        assert_eq!((p.created, p.updated), (deals.len(), 0));
        empty.exchange.apply(&p.outcome).unwrap();
        for d in &deals {
            let back = empty
                .exchange
                .referral(&d.id)
                .expect("imported under its own id")
                .clone();
            assert_eq!(without_bookkeeping(back), without_bookkeeping((*d).clone()));
        }
    }

    #[test]
    fn csv_round_trip_into_an_empty_exchange_exports_the_same_file() {
        let w = demo_world();
        let deals = outbound(&w);
        let file = export_csv(&deals);
        let mut empty = World::new();
        empty.now = w.now;
        let p = plan(&empty, "deals.csv", &file);
        assert_eq!(p.problems, vec![]);
        empty.exchange.apply(&p.outcome).unwrap();
        let again: Vec<Referral> = deals
            .iter()
            .map(|d| empty.exchange.referral(&d.id).unwrap().clone())
            .collect();
        let cut = |text: &str| {
            text.lines()
                .map(|l| l.rsplitn(3, ',').nth(2).unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        // Every column but Updated and eTag (the import is a new write) comes back the same.
        assert_eq!(
            cut(&export_csv(&again.iter().collect::<Vec<_>>())),
            cut(&file)
        );
    }

    #[test]
    fn a_formula_exports_neutralised_and_imports_as_written() {
        let mut w = demo_world();
        let mut r = outbound(&w)[0].clone();
        r.name = "=HYPERLINK(\"http://evil.example\",\"Click\")".into();
        let file = export_csv(&[&r]);
        assert!(
            file.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\""),
            "{file}"
        );
        let p = plan(&w, "x.csv", &file);
        assert_eq!(p.problems, vec![]);
        w.exchange.apply(&p.outcome).unwrap();
        assert_eq!(w.exchange.referral(&r.id).unwrap().name, r.name);
    }

    #[test]
    fn rows_update_by_id_or_crm_id_and_a_stale_etag_is_refused() {
        let w = demo_world();
        let open: Vec<&Referral> = outbound(&w)
            .into_iter()
            .filter(|r| {
                r.status == Status::Active && r.sales_stage.is_some_and(|s| !s.is_assessment())
            })
            .collect();
        let (a, b) = (open[0], open[1]);
        let header = "Referral ID,CRM ID,Deal name,Value,Currency,Estimated close date,Sales stage,eTag,Customer name";
        let ok = format!("{header}\n{},,Renamed,1000,EUR,2027-03-01,Negotiated,{},\n,{},Second,5,USD,2027-01-01,,,Tailspin Toys\n", a.id, a.e_tag, "CRM-NEW-1");
        let p = plan(&w, "u.csv", &ok);
        assert_eq!(p.problems, vec![]);
        assert_eq!((p.created, p.updated), (1, 1));
        let write = p
            .outcome
            .referrals
            .iter()
            .find(|x| x.referral.id == a.id)
            .unwrap();
        assert_eq!(write.expected_etag.as_deref(), Some(a.e_tag.as_str()));
        assert_eq!(
            (write.referral.name.as_str(), write.referral.sales_stage),
            ("Renamed", Some(SalesStage::Negotiated))
        );
        assert_eq!(
            write.referral.customer_profile, a.customer_profile,
            "columns not in the file are kept"
        );

        let stale = format!(
            "{header}\n{},,Renamed,1000,EUR,2027-03-01,,stale-etag,\n{},,B,1,EUR,2027-03-01,,{},\n",
            a.id, b.id, b.e_tag
        );
        let p = plan(&w, "u.csv", &stale);
        assert_eq!(p.problems.len(), 1);
        assert_eq!(
            (p.problems[0].row, p.problems[0].column.as_str()),
            (2, "eTag")
        );
        assert!(p.outcome.is_empty(), "one bad row: nothing is written");

        let crm = b.external_reference_id.clone();
        assert!(!crm.is_empty());
        let by_crm = format!(
            "CRM ID,Deal name,Value,Currency,Estimated close date\n{crm},By CRM,7,EUR,2027-05-05\n"
        );
        let p = plan(&w, "c.csv", &by_crm);
        assert_eq!((p.created, p.updated), (0, 1));
        assert_eq!(p.outcome.referrals[0].referral.id, b.id);
    }

    #[test]
    fn stages_map_from_a_partners_percentages_and_move_forward_only() {
        let w = demo_world();
        let a = outbound(&w)
            .into_iter()
            .find(|r| r.status == Status::Active && r.sales_stage == Some(SalesStage::Developed))
            .expect("a Developed deal")
            .clone();
        let file = |stage: &str| {
            format!("Referral ID,Deal name,Value,Currency,Estimated close date,Sales stage\n{},N,1,EUR,2027-01-01,{stage}\n", a.id)
        };
        let stage = |p: Plan| p.outcome.referrals[0].referral.sales_stage;
        assert_eq!(
            stage(plan(&w, "s.csv", &file("65%"))),
            Some(SalesStage::Proposed)
        );
        assert_eq!(
            stage(plan(&w, "s.csv", &file("99"))),
            Some(SalesStage::Negotiated),
            "100 only by name"
        );
        assert_eq!(
            plan(&w, "s.csv", &file("20")).problems[0].column,
            "Sales stage",
            "backwards is refused"
        );
        assert_eq!(
            plan(&w, "s.csv", &file("Won")).problems[0].column,
            "Sales stage"
        );
        assert_eq!(
            plan(&w, "s.csv", &file("lots")).problems[0].column,
            "Sales stage"
        );
        assert!(plan(&w, "s.csv", &file("Data collected")).problems[0]
            .message(Locale::En)
            .contains("not a stage of this deal"));
    }

    #[test]
    fn bad_files_are_reported_whole_and_nothing_is_planned() {
        let w = demo_world();
        let report = |name: &str, bytes: &[u8]| {
            let user = w.user("contoso-admin");
            let p = plan_import(
                name,
                bytes,
                Ctx {
                    exchange: &w.exchange,
                    directory: &w.data,
                    user: &user,
                    now: w.now,
                },
            );
            assert!(p.outcome.is_empty() && !p.problems.is_empty(), "{name}");
            p.problems
        };
        assert!(report("a.png", b"\x89PNG\r\n\x1a\n\0\0")[0]
            .message(Locale::En)
            .contains("UTF-8"));
        assert!(report("notes.txt", b"hello world")[0]
            .message(Locale::En)
            .contains("not a CSV or JSON"));
        assert_eq!(
            report("m.csv", b"Deal name,Value\nA,1\n")[0].column,
            "Currency"
        );
        assert!(report("t.json", b"[{\"id\": \"x\", \"name\": ")[0]
            .message(Locale::En)
            .contains("ends too early"));
        assert!(report(
            "t.csv",
            b"Deal name,Value,Currency,Estimated close date\nA,1,EUR,\"2027"
        )[0]
        .message(Locale::En)
        .contains("cut off"));
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(report("big.csv", &big)[0]
            .message(Locale::En)
            .contains("MB"));
        let dup = "Referral ID,Deal name,Value,Currency,Estimated close date,Customer name\nX1,A,1,EUR,2027-01-01,C\nX1,B,1,EUR,2027-01-01,C\n";
        let p = report("d.csv", dup.as_bytes());
        assert_eq!((p[0].row, p[0].column.as_str()), (3, "Referral ID"));
        let range = "Deal name,Value,Currency,Estimated close date,Customer name\nA,-5,EUR,2027-01-01,C\nB,1.234,EURO,2027-13-01,C\n";
        let p = report("r.csv", range.as_bytes());
        let at: Vec<(usize, &str)> = p.iter().map(|x| (x.row, x.column.as_str())).collect();
        assert!(
            at.contains(&(2, "Value"))
                && at.contains(&(3, "Value"))
                && at.contains(&(3, "Currency"))
                && at.contains(&(3, "Estimated close date")),
            "{at:?}"
        );
    }

    #[test]
    fn ten_thousand_rows_import_in_one_plan() {
        let mut w = World::new();
        let mut text =
            String::from("Deal name,Customer name,Value,Currency,Estimated close date,CRM ID\n");
        for i in 0..10_000 {
            text.push_str(&format!(
                "Deal {i},Customer {i},{i}.50,EUR,2027-02-01,CRM-{i}\n"
            ));
        }
        let p = plan(&w, "big.csv", &text);
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.created, 10_000);
        w.exchange.apply(&p.outcome).unwrap();
        assert_eq!(w.exchange.referrals().count(), 10_000);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_bytes_are_planned_or_reported_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), json in any::<bool>()) {
            let w = World::new();
            let name = if json { "f.json" } else { "f.csv" };
            let user = w.user("contoso-admin");
            let p = plan_import(name, &bytes, Ctx { exchange: &w.exchange, directory: &w.data, user: &user, now: w.now });
            prop_assert!(p.problems.is_empty() || p.outcome.is_empty());
        }

        #[test]
        fn every_row_is_accepted_or_reported(rows in proptest::collection::vec(proptest::collection::vec("[-a-zA-Z0-9 ,.\"=%;<>@]{0,12}", 5), 1..20)) {
            let w = World::new();
            let mut text = String::from("Deal name,Value,Currency,Estimated close date,Customer name\n");
            let n = rows.len();
            for cells in &rows {
                let line: Vec<String> = cells.iter().map(|c| crate::domain::csv::cell(c)).collect();
                text.push_str(&line.join(","));
                text.push('\n');
            }
            let p = plan(&w, "f.csv", &text);
            if p.problems.is_empty() {
                prop_assert_eq!(p.created, n);
            } else {
                prop_assert!(p.outcome.is_empty());
                prop_assert!(p.problems.iter().all(|x| x.row <= n + 1));
            }
        }
    }
}
