//! Import (SPEC §13): a CSV or JSON file becomes the commands a user would give by hand.
//!
//! Import writes nothing of its own. Each row is read, matched with a deal the user can see
//! (by referral ID, else CRM ID), and turned into commands: `CreateDeal`, `EditDetails`,
//! `AddTeamMember`/`RemoveTeamMember`, `EditSolutions`, `MarkStage`. They are decided in
//! order by the same [`decide`] as the wizard and the deal page, each on the state the
//! earlier ones left, and their outcomes are joined into one (all or nothing). Whatever a
//! command refuses is a problem of its row and column, in the rule's own words. Fields the
//! rules own (status, direction, registration, invitations, sharing) are never taken from a
//! file; bookkeeping columns of an export (Created, Updated …) are ignored with a note, so an
//! export re-imports cleanly and changes nothing.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveTime;
use serde::Deserialize;

use crate::domain::deal::commands::{decide, Command, CommandError, DealDetailsInput, NewDeal};
use crate::domain::deal::rules::{deal_type, stage_from_text_for};
use crate::domain::deal::validation::{self as v, FieldError};
use crate::domain::deal::visibility::{can_see, sees_no_deals};
use crate::domain::exchange::Ctx;
use crate::domain::exchange::OutcomeChain;
use crate::domain::records::directory::Role;
use crate::domain::records::referral::{
    deal_type_label_in, Consent, Contact, CustomerIds, CustomerProfile, Details, Direction,
    HelpType, Referral, Requirements, SharingType, SolutionKind, Status, Substatus,
};
use crate::domain::records::stage::SalesStage;
use crate::domain::support::i18n::Text;
use crate::domain::support::ids::derive;
use crate::domain::support::instant;
use crate::domain::support::locale::Locale;
use crate::domain::transfer::export::{COLUMNS, REQUIRED};
use crate::domain::transfer::report::{plain, Arg, Msg, Plan, Problem};

/// Files above this size are refused before they are read.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// At most this many deals in one file.
pub const MAX_ROWS: usize = 50_000;

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

// ---------------------------------------------------------------------------------------
// Reading

/// What an import row asks for, before it is matched with the exchange.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    row: usize,
    /// The deal as the file gives it; a CSV file's absent columns keep their defaults.
    referral: Referral,
    /// The columns the file has (JSON has all).
    given: Vec<&'static str>,
    /// Status and substatus, when the file gives them (a CSV cell may be empty).
    status: Option<Status>,
    substatus: Option<Substatus>,
    /// The sales stage as written, mapped once the deal's kind is known.
    stage_text: String,
    /// The deal type as written ("Partner-led", "Co-sell + P2P" …).
    type_text: String,
    /// The location as written: an id or a city of the organisation.
    location_text: String,
    /// Columns Co-sell keeps itself, as written (Created, Updated …): ignored with a note.
    bookkeeping: Vec<(&'static str, String)>,
    json: bool,
}

impl Row {
    fn has(&self, column: &str) -> bool {
        self.given.contains(&column)
    }
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
            Ok(referral) => rows.push(json_row(i + 1, referral)),
            Err(e) => problems.push(Problem::new(
                i + 1,
                "",
                Msg(Text::NotAReferral, vec![("error", plain(&e))]),
            )),
        }
    }
    Ok((rows, problems))
}

fn json_row(row: usize, referral: Referral) -> Row {
    let r = &referral;
    let bookkeeping = vec![
        ("createdDateTime", instant::rfc3339(r.created_date_time)),
        ("updatedDateTime", instant::rfc3339(r.updated_date_time)),
        (
            "acceptedDateTime",
            r.accepted_date_time
                .map(instant::rfc3339)
                .unwrap_or_default(),
        ),
        (
            "expirationDateTime",
            r.expiration_date_time
                .map(instant::rfc3339)
                .unwrap_or_default(),
        ),
        ("statusReason", r.status_reason.clone()),
        ("qualification", r.qualification.clone()),
    ];
    Row {
        row,
        given: COLUMNS.to_vec(),
        status: Some(r.status),
        substatus: Some(r.substatus),
        stage_text: r
            .sales_stage
            .map(|s| s.label().to_string())
            .unwrap_or_default(),
        type_text: r.type_label(),
        location_text: r.location.clone(),
        bookkeeping,
        json: true,
        referral,
    }
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
    if !(at_start || record.is_empty() && cell.is_empty()) {
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
    let given: Vec<&'static str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| index.contains_key(c))
        .collect();
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
        rows.push(csv_row(row, &get, given.clone(), ctx, &mut problems));
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

/// One CSV row; what cannot be read is a problem at its column.
fn csv_row(
    row: usize,
    cells: &Cells,
    given: Vec<&'static str>,
    ctx: Ctx,
    p: &mut Vec<Problem>,
) -> Row {
    let get = |c: &str| cells.get(c);
    let mut bad = |column: &str, message: Msg| p.push(Problem::new(row, column, message));
    let value = match v::parse_amount(get("Value")) {
        Ok(x) => x,
        Err(k) => {
            bad("Value", k.text().into());
            0.0
        }
    };
    let close = match crate::domain::support::instant::parse_iso_date(get("Estimated close date")) {
        Some(d) => d.and_time(NaiveTime::MIN).and_utc(),
        None => {
            bad("Estimated close date", Text::DateFormat.into());
            ctx.now
        }
    };
    let status = match get("Status") {
        "" => None,
        t => Status::from_wire_name(t).or_else(|| {
            bad("Status", Text::StatusValues.into());
            None
        }),
    };
    let substatus = match get("Substatus") {
        "" => None,
        t => Substatus::from_wire_name(t).or_else(|| {
            bad("Substatus", Text::SubstatusValues.into());
            None
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
    let team = get("Team")
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(contact_from_text)
        .collect();
    let duns = get("DUNS");
    let referral = Referral {
        id: get("Referral ID").to_string(),
        engagement_id: get("Engagement ID").to_string(),
        organization_id: ctx.user.organization_id.clone(),
        name: get("Deal name").to_string(),
        external_reference_id: get("CRM ID").to_string(),
        marketing_campaign_id: get("Marketing campaign ID").to_string(),
        created_date_time: ctx.now,
        updated_date_time: ctx.now,
        expiration_date_time: None,
        accepted_date_time: None,
        status: status.unwrap_or(Status::Active),
        substatus: substatus.unwrap_or(Substatus::Accepted),
        status_reason: String::new(),
        status_reason_code: None,
        status_reason_notes: String::new(),
        sharing: SharingType::Private,
        p2p: false,
        qualification: String::new(),
        direction: Direction::Outgoing,
        location: String::new(),
        customer_profile: CustomerProfile {
            name: get("Customer name").to_string(),
            address: crate::domain::records::referral::Address {
                address_line1: get("Customer address").to_string(),
                city: get("Customer city").to_string(),
                postal_code: get("Customer postal code").to_string(),
                country: get("Country").to_string(),
                ..Default::default()
            },
            size: String::new(),
            ids: CustomerIds {
                duns: (!duns.is_empty()).then(|| duns.to_string()),
            },
            contact: None,
        },
        consent: Consent::default(),
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
    };
    Row {
        row,
        referral,
        status,
        substatus,
        stage_text: get("Sales stage").to_string(),
        type_text: get("Deal type").to_string(),
        location_text: get("Location").to_string(),
        bookkeeping: ["Created", "Updated"]
            .into_iter()
            .filter(|c| given.contains(c))
            .map(|c| (c, get(c).to_string()))
            .collect(),
        given,
        json: false,
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
// Planning

/// One command of a row, and the column its refusal is reported at.
struct Step {
    column: &'static str,
    command: Command,
}

fn step(column: &'static str, command: Command) -> Step {
    Step { column, command }
}

/// The problems of one row, each (column, message) once. A column whose cell could not be
/// read already has its problem; what a command then says about it is left out.
struct RowProblems<'a> {
    row: usize,
    all: &'a mut Vec<Problem>,
    unreadable: &'a [String],
    found: bool,
}

impl RowProblems<'_> {
    fn add(&mut self, column: &str, message: impl Into<Msg>) {
        self.found = true;
        if self.unreadable.iter().any(|c| c == column) {
            return;
        }
        let p = Problem::new(self.row, column, message);
        if !self
            .all
            .iter()
            .rev()
            .take_while(|x| x.row == self.row)
            .any(|x| *x == p)
        {
            self.all.push(p);
        }
    }
}

/// Reads and checks a whole file for the signed-in user: every row becomes commands decided
/// as the user, or is reported. Nothing is written here; the caller saves `outcome` whole.
pub fn plan_import(name: &str, bytes: &[u8], ctx: Ctx) -> Plan {
    if sees_no_deals(ctx.user) {
        return Plan {
            problems: vec![Problem::whole(Text::NoReferralRole, vec![])],
            ..Plan::default()
        };
    }
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
    let visible: Vec<&Referral> = ctx
        .exchange
        .referrals()
        .filter(|r| can_see(ctx.user, r))
        .collect();
    let by_id: HashMap<&str, &Referral> = visible.iter().map(|r| (r.id.as_str(), *r)).collect();
    let by_crm: HashMap<&str, &Referral> = visible
        .iter()
        .filter(|r| !r.external_reference_id.is_empty())
        .map(|r| (r.external_reference_id.as_str(), *r))
        .collect();
    let mut unreadable: HashMap<usize, Vec<String>> = HashMap::new();
    for p in &problems {
        unreadable.entry(p.row).or_default().push(p.column.clone());
    }
    let mut plan = Plan {
        problems,
        ..Plan::default()
    };
    let mut ignored: BTreeSet<&'static str> = BTreeSet::new();
    let mut work = ctx.exchange.decision_copy();
    let mut chain = OutcomeChain::default();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut seen_crm: HashMap<String, usize> = HashMap::new();
    for row in &rows {
        let cells_bad = unreadable.get(&row.row).map(Vec::as_slice).unwrap_or(&[]);
        let mut p = RowProblems {
            row: row.row,
            all: &mut plan.problems,
            unreadable: cells_bad,
            found: false,
        };
        let r = &row.referral;
        if !r.id.is_empty() {
            if let Some(first) = seen_ids.insert(r.id.clone(), row.row) {
                p.add(
                    "Referral ID",
                    Msg(Text::SameReferralId, vec![("row", plain(first))]),
                );
                continue;
            }
        }
        if !r.external_reference_id.is_empty() {
            if let Some(first) = seen_crm.insert(r.external_reference_id.clone(), row.row) {
                p.add("CRM ID", Msg(Text::SameCrmId, vec![("row", plain(first))]));
                continue;
            }
        }
        if r.organization_id != org {
            p.add("", Text::OtherOrgDeal);
            continue;
        }
        let stored = if r.id.is_empty() {
            by_crm.get(r.external_reference_id.as_str()).copied()
        } else {
            by_id.get(r.id.as_str()).copied()
        };
        if stored.is_none() && !r.id.is_empty() {
            // The same answer for an unknown ID and for one the user may not see.
            p.add("Referral ID", Text::NoSuchReferral);
            continue;
        }
        let steps = match stored {
            Some(old) => {
                note_ignored(row, Some(old), &mut ignored);
                update_steps(row, old, ctx, &mut p)
            }
            None => {
                note_ignored(row, None, &mut ignored);
                create_steps(row, ctx, &mut p)
            }
        };
        if p.found {
            continue;
        }
        if steps.is_empty() {
            plan.unchanged += 1;
            continue;
        }
        let team = &row.referral.team;
        let mut decided = Vec::new();
        let mut commands = Vec::new();
        for s in &steps {
            let now = Ctx {
                exchange: &work,
                ..ctx
            };
            match decide(&s.command, now) {
                Ok(outcome) => {
                    // Decided on `work` itself, so it applies without conflict.
                    let _ = work.apply_decided(&outcome);
                    decided.push(outcome);
                    commands.push(s.command.clone());
                }
                Err(e) => {
                    report(&mut p, s, &e, team);
                    break;
                }
            }
        }
        if p.found || !cells_bad.is_empty() {
            continue;
        }
        for outcome in decided {
            chain.push(outcome);
        }
        plan.commands.extend(commands);
        if stored.is_some() {
            plan.updated += 1;
        } else {
            plan.created += 1;
        }
    }
    plan.notes = ignored
        .into_iter()
        .map(|column| Problem::new(0, column, Text::ImportIgnoredColumn))
        .collect();
    if plan.problems.is_empty() {
        plan.outcome = chain.into_outcome();
    } else {
        plan.created = 0;
        plan.updated = 0;
        plan.unchanged = 0;
        plan.commands.clear();
    }
    plan
}

/// Notes the bookkeeping columns whose values differ from what Co-sell keeps.
fn note_ignored(row: &Row, old: Option<&Referral>, ignored: &mut BTreeSet<&'static str>) {
    for (column, text) in &row.bookkeeping {
        let kept = match (old, *column) {
            (None, _) => String::new(),
            (Some(o), "Created" | "createdDateTime") => instant::rfc3339(o.created_date_time),
            (Some(o), "Updated" | "updatedDateTime") => instant::rfc3339(o.updated_date_time),
            (Some(o), "acceptedDateTime") => o
                .accepted_date_time
                .map(instant::rfc3339)
                .unwrap_or_default(),
            (Some(o), "expirationDateTime") => o
                .expiration_date_time
                .map(instant::rfc3339)
                .unwrap_or_default(),
            (Some(o), "statusReason") => o.status_reason.clone(),
            (Some(o), _) => o.qualification.clone(),
        };
        // A new deal's JSON bookkeeping is always filled in; only an update's can differ.
        let differs = if row.json && old.is_none() {
            false
        } else {
            text.trim() != kept.trim()
        };
        if differs {
            ignored.insert(column);
        }
    }
}

/// The deal type a text names, in either language: (sharing, P2P, solution assessment).
fn parse_type(text: &str) -> Option<(SharingType, bool, bool)> {
    let t = text.trim();
    for sharing in [
        SharingType::Private,
        SharingType::PartnerLed,
        SharingType::CoSell,
    ] {
        for p2p in [false, true] {
            for assessment in [false, true] {
                if [Locale::En, Locale::De].iter().any(|l| {
                    deal_type_label_in(*l, sharing, p2p, assessment).eq_ignore_ascii_case(t)
                }) {
                    return Some((sharing, p2p, assessment));
                }
            }
        }
    }
    None
}

/// The stage a row gives for a deal of its kind: a name, or a partner's own percentage
/// mapped to the highest stage at or below it (100 only by the name Won).
/// A percentage equal to the stored stage's (as an export writes it: "100%" for Won) is
/// that stage.
fn stage_of(
    row: &Row,
    direction: Direction,
    assessment: bool,
    stored: Option<SalesStage>,
    p: &mut RowProblems,
) -> Option<SalesStage> {
    let text = row.stage_text.trim();
    if text.is_empty() {
        return None;
    }
    let percent = v::parse_decimal(text.trim_end_matches('%').trim());
    if let Some(s) = stored.filter(|s| percent == Some(f64::from(s.percent()))) {
        return Some(s);
    }
    match stage_from_text_for(text, direction, assessment) {
        Some(s) if s == SalesStage::Won || s.is_assessment() == assessment => Some(s),
        Some(s) => {
            let t = if assessment {
                Text::NotStageOfAssessment
            } else {
                Text::NotStageOfDeal
            };
            p.add("Sales stage", Msg(t, vec![("stage", Arg::Word(s.text()))]));
            None
        }
        None => {
            p.add("Sales stage", Text::StageFormat);
            None
        }
    }
}

/// The organisation location a row names (id or city); `None` when it names none.
fn location_named<'a>(ctx: Ctx<'a>, text: &str) -> Option<&'a str> {
    let org = ctx.directory.organization(&ctx.user.organization_id)?;
    org.locations
        .iter()
        .find(|l| l.id == text.trim() || l.city.eq_ignore_ascii_case(text.trim()))
        .map(|l| l.id.as_str())
}

/// The customer of a new deal: the directory's profile when the DUNS number (or, with no
/// address given, the name) finds one, else the file's own data.
fn customer_for(r: &Referral, ctx: Ctx, p: &mut RowProblems) -> CustomerProfile {
    let c = &r.customer_profile;
    let profile = |d: &crate::domain::records::directory::Customer| CustomerProfile {
        name: d.name.clone(),
        address: d.address.clone(),
        size: d.size.clone(),
        ids: CustomerIds {
            duns: Some(d.duns.clone()),
        },
        contact: c.contact.clone(),
    };
    let customers = &ctx.directory.customers;
    if let Some(duns) = c.ids.duns.as_deref().filter(|d| !d.trim().is_empty()) {
        if let Some(d) = customers.iter().find(|d| d.duns == duns.trim()) {
            return profile(d);
        }
        return c.clone();
    }
    if !c.address.address_line1.trim().is_empty() || c.name.trim().is_empty() {
        return c.clone();
    }
    let country = c.address.country.trim();
    let named: Vec<_> = customers
        .iter()
        .filter(|d| {
            d.name.eq_ignore_ascii_case(c.name.trim())
                && (country.is_empty() || d.address.country.eq_ignore_ascii_case(country))
        })
        .collect();
    match named.as_slice() {
        [one] => profile(one),
        [] => c.clone(),
        many => {
            p.add(
                "DUNS",
                Msg(Text::CustomerAmbiguous, vec![("n", plain(many.len()))]),
            );
            c.clone()
        }
    }
}

/// The commands that create the deal a row describes, then move it to the file's stage.
fn create_steps(row: &Row, ctx: Ctx, p: &mut RowProblems) -> Vec<Step> {
    let r = &row.referral;
    if ctx.user.has_role(Role::MicrosoftSeller) {
        p.add("", Text::VendorCreatesInWizard);
        return Vec::new();
    }
    if row.status.is_some_and(|s| s != Status::Active)
        || row.substatus.is_some_and(|s| s != Substatus::Accepted)
    {
        p.add("Status", Text::NewDealStatus);
    }
    let (help_type, may_view) = if row.json {
        if r.direction != Direction::Outgoing {
            p.add("direction", Text::RuleOwnedField);
        }
        if r.registration.is_some() {
            p.add("registration", Text::RuleOwnedField);
        }
        if r.invite_context.is_some() {
            p.add("inviteContext", Text::RuleOwnedField);
        }
        if r.p2p {
            p.add("Deal type", Text::P2pOnPage);
        }
        let may_view = r.consent.consent_to_share_referral_with_microsoft_sellers;
        if deal_type(r.details.help_type, may_view) != r.sharing {
            p.add("type", Text::RuleOwnedField);
        }
        (r.details.help_type, may_view)
    } else {
        match row.type_text.trim() {
            "" => (HelpType::NoHelpRequired, false),
            t => match parse_type(t) {
                None => {
                    p.add("Deal type", Text::TypeValues);
                    (HelpType::NoHelpRequired, false)
                }
                Some((_, true, _)) => {
                    p.add("Deal type", Text::P2pOnPage);
                    (HelpType::NoHelpRequired, false)
                }
                Some((SharingType::CoSell, _, _)) => {
                    p.add("Deal type", Text::CoSellOnPage);
                    (HelpType::NoHelpRequired, false)
                }
                Some((sharing, _, _)) => {
                    (HelpType::NoHelpRequired, sharing == SharingType::PartnerLed)
                }
            },
        }
    };
    let location = match row.location_text.trim() {
        "" => ctx
            .directory
            .organization(&ctx.user.organization_id)
            .and_then(|o| {
                o.locations
                    .iter()
                    .find(|l| ctx.user.location_scope.covers(&l.id))
            })
            .map(|l| l.id.clone())
            .unwrap_or_default(),
        t => match location_named(ctx, t) {
            Some(id) => id.to_string(),
            None => {
                p.add("Location", v::MessageKey::UnknownLocation.text());
                String::new()
            }
        },
    };
    let customer = customer_for(r, ctx, p);
    let solutions = &r.details.requirements.solutions;
    let assessment = solutions.iter().any(|s| s.kind == SolutionKind::Assessment);
    let stage = stage_of(row, Direction::Outgoing, assessment, None, p);
    if stage == Some(SalesStage::Won) {
        p.add("Sales stage", Text::WinOnPage);
    }
    if p.found {
        return Vec::new();
    }
    let team = if r.team.is_empty() {
        vec![Contact {
            name: ctx.user.display_name.clone(),
            phone: ctx.user.phone.clone(),
            email: ctx.user.email.clone(),
        }]
    } else {
        r.team.clone()
    };
    let engagement_id = derive(&[
        &ctx.user.organization_id,
        &r.name,
        &r.external_reference_id,
        &row.row.to_string(),
        &ctx.now.timestamp_millis().to_string(),
        "import",
    ]);
    let referral_id = derive(&[&engagement_id, &ctx.user.organization_id]);
    let deal = NewDeal {
        engagement_id,
        customer,
        name: r.name.clone(),
        location: location.clone(),
        deal_value: r.details.deal_value,
        currency: r.details.currency.clone(),
        closing_date_time: r.details.closing_date_time,
        crm_id: r.external_reference_id.clone(),
        campaign_id: r.marketing_campaign_id.clone(),
        notes: r.details.notes.clone(),
        team,
        solution_ids: solutions.iter().map(|s| s.id.clone()).collect(),
        help_type,
        microsoft_may_view: may_view,
        assessment_location: assessment.then_some(location),
        invitations: Vec::new(),
        for_partner: None,
    };
    let mut steps = vec![step("", Command::CreateDeal { deal })];
    if let Some(stage) = stage.filter(|s| s.percent() > SalesStage::Created.percent()) {
        steps.push(step(
            "Sales stage",
            Command::MarkStage { referral_id, stage },
        ));
    }
    steps
}

/// The commands that bring a stored deal to what the row says; none when nothing differs.
fn update_steps(row: &Row, old: &Referral, ctx: Ctx, p: &mut RowProblems) -> Vec<Step> {
    let r = &row.referral;
    let id = || old.id.clone();
    if row.has("eTag") && !r.e_tag.is_empty() && r.e_tag != old.e_tag {
        p.add("eTag", Text::ImportStale);
        return Vec::new();
    }
    if row.status.is_some_and(|s| s != old.status)
        || row.substatus.is_some_and(|s| s != old.substatus)
    {
        let file = row.substatus.or(row.status.map(|s| match s {
            Status::New => Substatus::Pending,
            Status::Active => Substatus::Accepted,
            Status::Closed => old.substatus,
        }));
        p.add(
            "Status",
            Msg(
                Text::StatusUnchanged,
                vec![
                    ("file", plain(file.unwrap_or(old.substatus).wire_name())),
                    ("stored", plain(old.substatus.wire_name())),
                ],
            ),
        );
    }
    let type_text = row.type_text.trim();
    if !type_text.is_empty()
        && ![Locale::En, Locale::De]
            .iter()
            .any(|l| old.type_label_in(*l).eq_ignore_ascii_case(type_text))
    {
        p.add("Deal type", Text::RuleOwnedField);
    }
    if row.json {
        let owned = [
            ("direction", r.direction != old.direction),
            ("registration", r.registration != old.registration),
            ("inviteContext", r.invite_context != old.invite_context),
            ("type", r.sharing != old.sharing || r.p2p != old.p2p),
            ("consent", r.consent != old.consent),
            ("helpType", r.details.help_type != old.details.help_type),
        ];
        for (column, differs) in owned {
            if differs {
                p.add(column, Text::RuleOwnedField);
            }
        }
        if r.customer_profile != old.customer_profile {
            p.add("customerProfile", Text::CustomerFixed);
        }
        if r.details.assessment_location != old.details.assessment_location {
            p.add("Location", v::MessageKey::LocationImmutable.text());
        }
    } else {
        let c = &r.customer_profile;
        let o = &old.customer_profile;
        let cells = [
            ("Customer name", c.name.as_str(), o.name.as_str()),
            (
                "DUNS",
                c.ids.duns.as_deref().unwrap_or(""),
                o.ids.duns.as_deref().unwrap_or(""),
            ),
            (
                "Country",
                c.address.country.as_str(),
                o.address.country.as_str(),
            ),
            (
                "Customer address",
                c.address.address_line1.as_str(),
                o.address.address_line1.as_str(),
            ),
            (
                "Customer city",
                c.address.city.as_str(),
                o.address.city.as_str(),
            ),
            (
                "Customer postal code",
                c.address.postal_code.as_str(),
                o.address.postal_code.as_str(),
            ),
        ];
        for (column, file, stored) in cells {
            if !file.is_empty() && file.trim() != stored.trim() {
                p.add(column, Text::CustomerFixed);
            }
        }
    }
    let location = row.location_text.trim();
    if !location.is_empty() && location_named(ctx, location) != Some(old.location.as_str()) {
        p.add("Location", v::MessageKey::LocationImmutable.text());
    }
    let stage = stage_of(
        row,
        old.direction,
        old.is_solution_assessment(),
        old.sales_stage,
        p,
    );
    if stage == Some(SalesStage::Won) && old.substatus != Substatus::Won {
        p.add("Sales stage", Text::WinOnPage);
    }
    if p.found {
        return Vec::new();
    }
    let mut steps = Vec::new();
    if let Some(details) = edited_details(row, old) {
        steps.push(step(
            "",
            Command::EditDetails {
                referral_id: id(),
                details,
                location: None,
            },
        ));
    }
    steps.extend(team_steps(&r.team, old));
    let ids: Vec<String> = r
        .details
        .requirements
        .solutions
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let stored: BTreeSet<&str> = old
        .details
        .requirements
        .solutions
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    if !ids.is_empty() && ids.iter().map(String::as_str).collect::<BTreeSet<_>>() != stored {
        steps.push(step(
            "Solutions",
            Command::EditSolutions {
                referral_id: id(),
                solution_ids: ids,
            },
        ));
    }
    let current = old.sales_stage.unwrap_or(SalesStage::Created);
    if let Some(stage) = stage.filter(|s| *s != SalesStage::Won && s.percent() != current.percent())
    {
        steps.push(step(
            "Sales stage",
            Command::MarkStage {
                referral_id: id(),
                stage,
            },
        ));
    }
    steps
}

/// The details of `old` with what the row changes, or `None` when it changes none.
fn edited_details(row: &Row, old: &Referral) -> Option<DealDetailsInput> {
    let r = &row.referral;
    let mut d = DealDetailsInput {
        name: old.name.clone(),
        deal_value: old.details.deal_value,
        currency: old.details.currency.clone(),
        closing_date_time: old.details.closing_date_time,
        notes: old.details.notes.clone(),
        crm_id: old.external_reference_id.clone(),
        campaign_id: old.marketing_campaign_id.clone(),
    };
    let mut changed = false;
    let mut text = |column: &str, to: &mut String, from: &str| {
        if row.has(column) && to.trim() != from.trim() {
            *to = from.to_string();
            changed = true;
        }
    };
    text("Deal name", &mut d.name, &r.name);
    text("Currency", &mut d.currency, &r.details.currency);
    text("Notes", &mut d.notes, &r.details.notes);
    text("CRM ID", &mut d.crm_id, &r.external_reference_id);
    text(
        "Marketing campaign ID",
        &mut d.campaign_id,
        &r.marketing_campaign_id,
    );
    let cents = |x: f64| (x * 100.0).round() as i64;
    if row.has("Value") && cents(r.details.deal_value) != cents(old.details.deal_value) {
        d.deal_value = r.details.deal_value;
        changed = true;
    }
    let same_date = if row.json {
        r.details.closing_date_time == old.details.closing_date_time
    } else {
        r.details.closing_date_time.date_naive() == old.details.closing_date_time.date_naive()
    };
    if row.has("Estimated close date") && !same_date {
        d.closing_date_time = r.details.closing_date_time;
        changed = true;
    }
    changed.then_some(d)
}

/// Team changes by email: new members join and missing ones leave; a member whose name or
/// phone changed leaves and joins again. Removals wait until the team keeps someone.
fn team_steps(file: &[Contact], old: &Referral) -> Vec<Step> {
    if file.is_empty() {
        return Vec::new();
    }
    let same = |a: &Contact, b: &Contact| {
        a.email.trim().eq_ignore_ascii_case(b.email.trim())
            && a.name.trim() == b.name.trim()
            && a.phone.trim() == b.phone.trim()
    };
    let leave: Vec<&Contact> = old
        .team
        .iter()
        .filter(|m| !file.iter().any(|f| same(f, m)))
        .collect();
    let join: Vec<&Contact> = file
        .iter()
        .filter(|f| !old.team.iter().any(|m| same(f, m)))
        .collect();
    let remove = |m: &Contact| {
        step(
            "Team",
            Command::RemoveTeamMember {
                referral_id: old.id.clone(),
                email: m.email.clone(),
            },
        )
    };
    // Leave first (room for joiners), but keep one member until the others have joined.
    let first = leave.len().min(old.team.len().saturating_sub(1));
    let mut steps: Vec<Step> = leave[..first].iter().map(|m| remove(m)).collect();
    steps.extend(join.iter().map(|m| {
        step(
            "Team",
            Command::AddTeamMember {
                referral_id: old.id.clone(),
                member: (*m).clone(),
            },
        )
    }));
    steps.extend(leave[first..].iter().map(|m| remove(m)));
    steps
}

/// A command's refusal as problems of the row: field errors at the file's columns.
fn report(p: &mut RowProblems, s: &Step, e: &CommandError, team: &[Contact]) {
    match e {
        CommandError::UnknownReferral => p.add("Referral ID", Text::NoSuchReferral),
        CommandError::Refused(r) => p.add(s.column, r.text()),
        CommandError::Invalid(errors) => {
            for FieldError { field, key } in errors {
                let column = column_of(field, s.column);
                let team = match &s.command {
                    Command::CreateDeal { deal } => &deal.team,
                    _ => team,
                };
                let email = match (&s.command, field.strip_prefix("team[")) {
                    (Command::AddTeamMember { member, .. }, _) => Some(member.email.clone()),
                    (_, Some(rest)) => rest
                        .split(']')
                        .next()
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| team.get(i))
                        .map(|m| m.email.clone()),
                    _ => None,
                };
                match email {
                    Some(email) if column == "Team" => p.add(
                        column,
                        Msg(
                            Text::WithEmail,
                            vec![("problem", Arg::Word(key.text())), ("email", plain(email))],
                        ),
                    ),
                    _ => p.add(column, key.text()),
                }
            }
        }
    }
}

/// The file's column for a field of a command's form.
fn column_of(field: &str, default: &'static str) -> &'static str {
    let head = field.split(['[', '.']).next().unwrap_or("");
    match (head, field) {
        (_, "customer.name") => "Customer name",
        (_, "customer.addressLine1") => "Customer address",
        (_, "customer.city") => "Customer city",
        (_, "customer.country") => "Country",
        (_, "customer.duns") => "DUNS",
        ("contact", _) => "customerProfile.contact",
        ("name", _) => "Deal name",
        ("value", _) => "Value",
        ("currency", _) => "Currency",
        ("closeDate", _) => "Estimated close date",
        ("location" | "assessmentLocation", _) => "Location",
        ("team" | "member", _) => "Team",
        ("solutions", _) => "Solutions",
        ("helpType", _) => "Deal type",
        _ => default,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::rules::Refusal;
    use crate::domain::deal::validation::MessageKey;
    use crate::domain::exchange::Outcome;
    use crate::domain::lists::listing::{list, ListQuery, Tab};
    use crate::domain::records::directory::{LocationScope, User};
    use crate::domain::testing::rules_tests::{new_deal, World};
    use crate::domain::transfer::demo;
    use crate::domain::transfer::export::{export_csv, export_json};
    use proptest::prelude::*;

    /// A world with demo deals.
    fn demo_world() -> World {
        let mut w = World::new();
        let outcome = demo::generate(60, &w.data, w.now);
        w.exchange.apply(&outcome).unwrap();
        w
    }

    fn listed<'a>(w: &'a World, user: &str, tab: Tab) -> Vec<&'a Referral> {
        list(
            &w.exchange,
            &w.user(user),
            tab,
            &ListQuery::default(),
            w.now,
        )
    }

    fn plan_as(w: &World, user: &User, name: &str, text: &str) -> Plan {
        plan_import(
            name,
            text.as_bytes(),
            Ctx {
                exchange: &w.exchange,
                directory: &w.data,
                user,
                now: w.now,
            },
        )
    }

    fn plan(w: &World, name: &str, text: &str) -> Plan {
        plan_as(w, &w.user("contoso-admin"), name, text)
    }

    /// Where the problems are, and what the first one says.
    fn at(p: &Plan) -> Vec<(usize, &str)> {
        p.problems
            .iter()
            .map(|x| (x.row, x.column.as_str()))
            .collect()
    }

    fn says(p: &Plan, text: Text) -> bool {
        p.problems
            .iter()
            .any(|x| x.message(Locale::En) == text.get(Locale::En))
    }

    /// A CRM's row that creates a deal the rules accept.
    const CRM_HEADER: &str =
        "Deal name,Customer name,DUNS,Value,Currency,Estimated close date,CRM ID,Solutions";

    fn crm_row(name: &str, crm: &str) -> String {
        format!("{name},Tailspin Toys,222222222,1500,USD,2027-06-30,{crm},fleet")
    }

    fn open_deal(w: &World) -> Referral {
        listed(w, "contoso-admin", Tab::Outbound)
            .into_iter()
            .find(|r| {
                r.status == Status::Active
                    && r.sales_stage.is_some_and(|s| !s.is_assessment())
                    && !r.is_solution_assessment()
            })
            .expect("an open deal")
            .clone()
    }

    fn with_one_changed(r: &Referral, change: impl Fn(&mut serde_json::Value)) -> String {
        let mut value = serde_json::to_value(r).unwrap();
        change(&mut value);
        serde_json::to_string(&vec![value]).unwrap()
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
    fn an_export_reimports_cleanly_and_changes_nothing() {
        let w = demo_world();
        for tab in [Tab::Outbound, Tab::Inbound] {
            let deals = listed(&w, "contoso-admin", tab);
            assert!(deals.len() > 5, "{tab:?}");
            for (name, file) in [
                ("d.csv", export_csv(&deals)),
                ("d.json", export_json(&deals)),
            ] {
                let p = plan(&w, name, &file);
                assert_eq!(p.problems, vec![], "{name} {tab:?}");
                assert_eq!(
                    (p.created, p.updated, p.unchanged),
                    (0, 0, deals.len()),
                    "{name}"
                );
                assert!(
                    p.outcome.is_empty() && p.notes.is_empty(),
                    "{name}: {:?}",
                    p.notes
                );
                assert!(!p.ready());
                assert!(p.summary(Locale::En).contains("nothing to import"));
            }
        }
    }

    #[test]
    fn a_crm_file_creates_deals_through_the_wizards_rules() {
        let mut w = demo_world();
        let file = format!(
            "{CRM_HEADER}\n{}\n",
            crm_row("Tailspin rollout", "CRM-NEW-1")
        );
        let p = plan(&w, "crm.csv", &file);
        assert_eq!(p.problems, vec![]);
        assert_eq!((p.created, p.updated), (1, 0));
        w.exchange.apply(&p.outcome).unwrap();
        let r = w
            .exchange
            .referrals()
            .find(|r| r.external_reference_id == "CRM-NEW-1")
            .unwrap();
        assert_eq!(
            (r.status, r.substatus, r.sharing),
            (Status::Active, Substatus::Accepted, SharingType::Private)
        );
        assert_eq!(
            r.customer_profile.address.city, "Seattle",
            "the directory's customer, found by DUNS"
        );
        assert_eq!(
            r.team[0].email, "contoso-admin@contoso.example",
            "the importing user is the team"
        );
        assert_eq!(r.location, "contoso-munich", "the user's first location");
        assert!(w.exchange.activity_of(&r.id).count() >= 1);
        let again = plan(&w, "crm.csv", &file);
        assert_eq!(
            (again.created, again.updated, again.unchanged),
            (0, 0, 1),
            "the CRM ID finds it again"
        );
    }

    #[test]
    fn a_new_deal_gets_the_wizards_words_for_what_is_missing() {
        let w = World::new();
        let file =
            "Deal name,Customer name,DUNS,Value,Currency,Estimated close date,Team,Solutions\n\
                    No solution,Tailspin Toys,222222222,5,USD,2027-01-01,,\n\
                    Bare member,Tailspin Toys,222222222,5,USD,2027-01-01,ann@x.example,fleet\n\
                    Unknown customer,Nobody Ltd,,5,USD,2027-01-01,,fleet\n";
        let p = plan(&w, "n.csv", file);
        assert!(at(&p).contains(&(2, "Solutions")), "{:?}", p.problems);
        assert!(says(&p, MessageKey::AtLeastOneSolution.text()));
        let team = p
            .problems
            .iter()
            .find(|x| x.row == 3 && x.column == "Team")
            .expect("a team problem");
        assert!(
            team.message(Locale::En).contains("ann@x.example"),
            "{}",
            team.message(Locale::En)
        );
        assert!(
            at(&p).contains(&(4, "Customer address")) && at(&p).contains(&(4, "Customer city"))
        );
        assert!(p.outcome.is_empty());
    }

    #[test]
    fn a_new_deal_never_takes_its_status_or_type_from_a_file() {
        let w = World::new();
        let head = "Deal name,Customer name,DUNS,Value,Currency,Estimated close date,Solutions,Status,Substatus,Deal type";
        let row = |status: &str, sub: &str, kind: &str| {
            format!(
                "{head}\nA,Tailspin Toys,222222222,5,USD,2027-01-01,fleet,{status},{sub},{kind}\n"
            )
        };
        let p = plan(&w, "s.csv", &row("Closed", "Won", ""));
        assert_eq!(at(&p), vec![(2, "Status")]);
        assert!(says(&p, Text::NewDealStatus));
        let p = plan(&w, "s.csv", &row("", "", "Co-sell"));
        assert_eq!(at(&p), vec![(2, "Deal type")]);
        assert!(says(&p, Text::CoSellOnPage));
        let p = plan(&w, "s.csv", &row("", "", "Partner-led + P2P"));
        assert!(says(&p, Text::P2pOnPage));
        let p = plan(&w, "s.csv", &row("Active", "Accepted", "Partner-led"));
        assert_eq!(p.problems, vec![]);
        assert_eq!(
            p.outcome.referrals[0].referral.sharing,
            SharingType::PartnerLed
        );
    }

    #[test]
    fn json_cannot_bring_a_registration_a_direction_or_an_invitation() {
        let mut w = World::new();
        let mut deal = new_deal("e1", HelpType::NoHelpRequired, false, w.now);
        deal.crm_id = String::new();
        w.run("contoso-admin", Command::CreateDeal { deal })
            .unwrap();
        let r = w.copy("e1", "contoso");
        let blank = |v: &mut serde_json::Value| {
            v["id"] = "".into();
            v["eTag"] = "".into();
        };
        let file = with_one_changed(&r, |v| {
            blank(v);
            v["registration"] = serde_json::json!({"status": "Approved"});
        });
        let p = plan(&w, "r.json", &file);
        assert!(
            !p.problems.is_empty(),
            "a registration is not a referral field a file may set"
        );
        let mut registered = r.clone();
        registered.id.clear();
        registered.direction = Direction::Incoming;
        registered.invite_context = Some(crate::domain::records::referral::InviteContext {
            invited_by: crate::domain::records::referral::InvitedBy {
                organization_id: "msft".into(),
                name: "Microsoft".into(),
            },
            help_type: HelpType::NoHelpRequired,
            notes: String::new(),
            contacts: Vec::new(),
        });
        registered.status = Status::New;
        registered.substatus = Substatus::Received;
        let p = plan(
            &w,
            "r.json",
            &serde_json::to_string(&vec![&registered]).unwrap(),
        );
        let columns = at(&p);
        for c in ["direction", "inviteContext", "Status"] {
            assert!(columns.contains(&(1, c)), "{c}: {columns:?}");
        }
        assert!(p.outcome.is_empty());
        // The same rule-owned fields on an update of the stored deal.
        let p = plan(
            &w,
            "r.json",
            &with_one_changed(&r, |v| v["direction"] = "Incoming".into()),
        );
        assert_eq!(at(&p), vec![(1, "direction")]);
        assert!(says(&p, Text::RuleOwnedField));
        let p = plan(
            &w,
            "r.json",
            &with_one_changed(&r, |v| v["status"] = "Closed".into()),
        );
        assert_eq!(at(&p), vec![(1, "Status")]);
    }

    #[test]
    fn updates_go_through_the_deal_pages_commands() {
        let w = demo_world();
        let a = open_deal(&w);
        let file = format!(
            "Referral ID,Deal name,Value,Currency,Estimated close date,eTag\n{},Renamed,1000,EUR,2027-03-01,{}\n",
            a.id, a.e_tag
        );
        let p = plan(&w, "u.csv", &file);
        assert_eq!(p.problems, vec![]);
        assert_eq!((p.created, p.updated), (0, 1));
        let write = &p.outcome.referrals[0];
        assert_eq!(write.expected_etag.as_deref(), Some(a.e_tag.as_str()));
        assert_eq!(write.referral.name, "Renamed");
        assert_eq!(
            write.referral.customer_profile, a.customer_profile,
            "columns not in the file are kept"
        );
        assert!(p.outcome.activity.iter().any(|e| e.referral_id == a.id));

        let stale = format!("Referral ID,Deal name,Value,Currency,Estimated close date,eTag\n{},Renamed,1000,EUR,2027-03-01,stale\n", a.id);
        let p = plan(&w, "u.csv", &stale);
        assert_eq!(at(&p), vec![(2, "eTag")]);
        assert!(p.outcome.is_empty(), "one bad row: nothing is written");

        let customer = format!("Referral ID,Deal name,Value,Currency,Estimated close date,Customer name\n{},N,1,EUR,2027-03-01,Someone Else\n", a.id);
        assert!(says(&plan(&w, "c.csv", &customer), Text::CustomerFixed));
        let kind = format!("Referral ID,Deal name,Value,Currency,Estimated close date,Deal type\n{},N,1,EUR,2027-03-01,Co-sell\n", a.id);
        let p = plan(&w, "k.csv", &kind);
        if a.sharing != SharingType::CoSell {
            assert_eq!(at(&p), vec![(2, "Deal type")]);
        }
    }

    #[test]
    fn several_changes_of_one_deal_are_one_write() {
        let w = demo_world();
        let a = open_deal(&w);
        let members = "New Person <new@contoso.example> +49 89 1234567";
        let file = format!(
            "Referral ID,Deal name,Value,Currency,Estimated close date,Team,Sales stage\n{},Renamed,1000,EUR,2027-03-01,{members},Won\n",
            a.id
        );
        assert!(says(&plan(&w, "t.csv", &file), Text::WinOnPage));
        let file = file.replace(",Won\n", ",\n");
        let p = plan(&w, "t.csv", &file);
        assert_eq!(p.problems, vec![]);
        assert_eq!(
            p.outcome.referrals.len(),
            1,
            "edit, joins and leaves: one write of the deal"
        );
        let written = &p.outcome.referrals[0];
        assert_eq!(written.expected_etag.as_deref(), Some(a.e_tag.as_str()));
        assert_eq!(written.referral.team.len(), 1);
        assert_eq!(written.referral.team[0].email, "new@contoso.example");
        assert_eq!(written.referral.name, "Renamed");
        let mut after = w.exchange.clone();
        after.apply(&p.outcome).unwrap();
    }

    #[test]
    fn stages_map_from_a_partners_percentages_and_move_forward_only() {
        let w = demo_world();
        let a = listed(&w, "contoso-admin", Tab::Outbound)
            .into_iter()
            .find(|r| r.status == Status::Active && r.sales_stage == Some(SalesStage::Developed))
            .expect("a Developed deal")
            .clone();
        let file = |stage: &str| {
            format!(
                "Referral ID,Deal name,Value,Currency,Estimated close date,Sales stage\n{},{},{},{},{},{stage}\n",
                a.id,
                a.name.replace(',', " "),
                a.details.deal_value,
                a.details.currency,
                instant::iso_date(a.details.closing_date_time.date_naive())
            )
        };
        let stage = |p: Plan| p.outcome.referrals.last().map(|w| w.referral.sales_stage);
        assert_eq!(
            stage(plan(&w, "s.csv", &file("65%"))),
            Some(Some(SalesStage::Proposed))
        );
        assert_eq!(
            stage(plan(&w, "s.csv", &file("99"))),
            Some(Some(SalesStage::Negotiated)),
            "100 only by name"
        );
        let back = plan(&w, "s.csv", &file("20"));
        assert_eq!(at(&back), vec![(2, "Sales stage")]);
        assert!(
            says(&back, Refusal::StageNotForward.text()),
            "the deal page's words"
        );
        assert!(says(&plan(&w, "s.csv", &file("Won")), Text::WinOnPage));
        assert!(says(&plan(&w, "s.csv", &file("lots")), Text::StageFormat));
        assert!(plan(&w, "s.csv", &file("Data collected")).problems[0]
            .message(Locale::En)
            .contains("not a stage of this deal"));
    }

    #[test]
    fn an_unanswered_referral_is_answered_on_its_page_not_edited_by_a_file() {
        let w = demo_world();
        let received = listed(&w, "contoso-admin", Tab::Inbound)
            .into_iter()
            .find(|r| r.substatus == Substatus::Received)
            .expect("an inbound referral waiting for an answer")
            .clone();
        let file = with_one_changed(&received, |v| v["name"] = "Taken over".into());
        let p = plan(&w, "i.json", &file);
        assert!(says(&p, Refusal::NotAccepted.text()), "{:?}", p.problems);
        assert!(p.outcome.is_empty());
    }

    #[test]
    fn a_solution_assessment_keeps_its_assessment() {
        let mut w = World::new();
        let mut deal = new_deal("sa", HelpType::NoHelpRequired, false, w.now);
        deal.solution_ids = vec!["migration-assessment".into()];
        deal.assessment_location = Some("contoso-munich".into());
        w.run("contoso-admin", Command::CreateDeal { deal })
            .unwrap();
        let r = w.copy("sa", "contoso");
        let file = format!("Referral ID,Deal name,Value,Currency,Estimated close date,Solutions\n{},{},120000,EUR,2027-03-01,security-assessment\n", r.id, r.name);
        let p = plan(&w, "sa.csv", &file);
        assert_eq!(at(&p), vec![(2, "Solutions")]);
        assert!(says(&p, MessageKey::AssessmentSolutionFixed.text()));
    }

    #[test]
    fn a_referral_user_reaches_only_the_deals_they_can_see() {
        let w = demo_world();
        let seller = w.user("contoso-de-seller");
        let hidden = w
            .exchange
            .referrals()
            .find(|r| {
                r.organization_id == "contoso"
                    && !crate::domain::deal::visibility::can_see(&seller, r)
                    && !r.external_reference_id.is_empty()
            })
            .expect("a Contoso deal the seller cannot see")
            .clone();
        let by_id = format!("Referral ID,Deal name,Value,Currency,Estimated close date\n{},Mine now,1,EUR,2027-03-01\n", hidden.id);
        let unknown = "Referral ID,Deal name,Value,Currency,Estimated close date\nno-such-id,Mine now,1,EUR,2027-03-01\n";
        let (a, b) = (
            plan_as(&w, &seller, "h.csv", &by_id),
            plan_as(&w, &seller, "h.csv", unknown),
        );
        assert_eq!(at(&a), vec![(2, "Referral ID")]);
        assert_eq!(
            a.problems[0].message(Locale::En),
            b.problems[0].message(Locale::En),
            "hidden and unknown look the same"
        );
        let by_crm = format!(
            "{CRM_HEADER}\n{}\n",
            crm_row("Mine now", &hidden.external_reference_id)
        );
        let p = plan_as(&w, &seller, "h.csv", &by_crm);
        assert!(
            p.outcome
                .referrals
                .iter()
                .all(|x| x.referral.id != hidden.id),
            "a CRM ID never reaches a hidden deal"
        );
    }

    #[test]
    fn who_may_import() {
        let w = demo_world();
        let admin_only = crate::domain::testing::user(
            "contoso",
            &[Role::MpnPartnerAdmin],
            LocationScope::Global,
        );
        let file = format!("{CRM_HEADER}\n{}\n", crm_row("X", "CRM-X"));
        let p = plan_as(&w, &admin_only, "a.csv", &file);
        assert_eq!(at(&p), vec![(0, "")]);
        assert!(says(&p, Text::NoReferralRole));
        let p = plan_as(&w, &w.user("msft-seller"), "m.csv", &file);
        assert!(says(&p, Text::VendorCreatesInWizard));
        let p = plan_as(
            &w,
            &w.user("fabrikam-admin"),
            "f.json",
            &export_json(&[&open_deal(&w)]),
        );
        assert!(says(&p, Text::OtherOrgDeal));
    }

    #[test]
    fn a_customer_name_alone_must_name_one_customer() {
        let mut w = World::new();
        let mut twin = w.data.customers[0].clone();
        twin.duns = "444444444".into();
        w.data.customers.push(twin);
        let file = "Deal name,Customer name,Country,Value,Currency,Estimated close date,Solutions\nA,Adatum Corporation,DE,5,USD,2027-01-01,fleet\nB,Litware,,5,USD,2027-01-01,fleet\n";
        let p = plan(&w, "c.csv", file);
        assert_eq!(at(&p), vec![(2, "DUNS")]);
        assert!(p.problems[0].message(Locale::En).starts_with("2 customers"));
    }

    #[test]
    fn bookkeeping_columns_are_ignored_with_a_note() {
        let w = demo_world();
        let a = open_deal(&w);
        let file = export_csv(&[&a]).replace(
            &instant::rfc3339(a.created_date_time),
            "2020-01-01T00:00:00Z",
        );
        let p = plan(&w, "b.csv", &file);
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.unchanged, 1);
        assert_eq!(
            p.notes
                .iter()
                .map(|n| n.column.as_str())
                .collect::<Vec<_>>(),
            vec!["Created"]
        );
        assert!(p.notes[0].message(Locale::En).contains("not used"));
    }

    #[test]
    fn a_formula_imports_as_written() {
        let mut w = demo_world();
        let mut r = open_deal(&w);
        r.name = "=HYPERLINK(\"http://evil.example\",\"Click\")".into();
        let p = plan(&w, "x.csv", &export_csv(&[&r]));
        assert_eq!(p.problems, vec![]);
        w.exchange.apply(&p.outcome).unwrap();
        assert_eq!(w.exchange.referral(&r.id).unwrap().name, r.name);
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
        assert!(p
            .iter()
            .any(|x| (x.row, x.column.as_str()) == (3, "Referral ID")));
        let range = format!("{CRM_HEADER}\nA,Tailspin Toys,222222222,-5,EUR,2027-01-01,,fleet\nB,Tailspin Toys,222222222,1.234,EURO,2027-13-01,,fleet\n");
        let p = report("r.csv", range.as_bytes());
        let at: Vec<(usize, &str)> = p.iter().map(|x| (x.row, x.column.as_str())).collect();
        assert!(
            at.contains(&(2, "Value"))
                && at.contains(&(3, "Value"))
                && at.contains(&(3, "Currency"))
                && at.contains(&(3, "Estimated close date")),
            "{at:?}"
        );
        assert_eq!(
            at.iter()
                .filter(|x| **x == (3, "Estimated close date"))
                .count(),
            1,
            "an unreadable cell is reported once"
        );
    }

    #[test]
    fn ten_thousand_rows_import_in_one_plan() {
        let mut w = World::new();
        let mut text = format!("{CRM_HEADER}\n");
        for i in 0..10_000 {
            text.push_str(&crm_row(&format!("Deal {i}"), &format!("CRM-{i}")));
            text.push('\n');
        }
        let p = plan(&w, "big.csv", &text);
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.created, 10_000);
        w.exchange.apply(&p.outcome).unwrap();
        assert_eq!(w.exchange.referrals().count(), 10_000);
    }

    #[test]
    fn a_plan_is_whole_or_empty() {
        let w = demo_world();
        let file = format!(
            "{CRM_HEADER}\n{}\n{}\n",
            crm_row("Good", "CRM-G"),
            crm_row("", "CRM-B")
        );
        let p = plan(&w, "w.csv", &file);
        assert_eq!(at(&p), vec![(3, "Deal name")]);
        assert_eq!(p.outcome, Outcome::default());
        assert_eq!((p.created, p.updated), (0, 0));
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
                let line: Vec<String> = cells.iter().map(|c| crate::domain::transfer::csv::cell(c)).collect();
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
