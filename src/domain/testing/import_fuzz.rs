//! Mutation fuzzing of the whole import planner (issue #27), on stable Rust and without a
//! fuzzing engine: real exports of demo deals (CSV and JSON, the files users bring back) and
//! a CRM's file are cut, re-encoded, quoted, stretched, nested and duplicated by a seeded
//! generator, and every result goes through [`plan_import`] as a user's upload would.
//!
//! What must hold for every input: no panic; a plan with problems writes nothing; a plan
//! without problems applies to the exchange it was planned on; every problem is at a row the
//! file has and at a column the file names (or "" for the row or file as a whole), and reads
//! as a sentence in both languages. Inputs that broke one of these once are kept in
//! `fuzz_corpus/` and planned again by every `cargo test`.
//!
//! `COSELL_FUZZ_INPUTS` sets how many inputs a run tries (300 by default; `make
//! test` runs 1,000,000 in an optimised build with overflow checks) and `COSELL_FUZZ_SEED`
//! which ones, so a failure found once is found again.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::domain::deal::visibility::can_see;
use crate::domain::exchange::Ctx;
use crate::domain::records::directory::User;
use crate::domain::records::referral::Referral;
use crate::domain::support::locale::Locale;
use crate::domain::testing::rules_tests::World;
use crate::domain::transfer::demo;
use crate::domain::transfer::export::{export_csv, export_json, COLUMNS};
use crate::domain::transfer::import::plan_import;

/// xorshift64*: small, fast and the same everywhere, so a seed names its inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The largest input tried: room for a 600,000-character cell.
const MAX_INPUT: usize = 1 << 20;

/// One input: the file's name (its extension decides CSV or JSON) and its bytes.
#[derive(Clone)]
struct Input {
    name: String,
    bytes: Vec<u8>,
}

const CRM_FILE: &str =
    "Deal name,Customer name,DUNS,Value,Currency,Estimated close date,CRM ID,Solutions\n\
Fleet rollout,Tailspin Toys,222222222,1500,USD,2027-06-30,CRM-1,fleet\n\
\"Quoted, name\",Tailspin Toys,,\"2,500.50\",EUR,2027-07-01,CRM-2,\n";

/// Text that has broken parsers and layouts elsewhere: formulas, bidi and zero-width
/// characters, NUL, markup, extreme numbers and dates, separators.
const NASTY: &[&str] = &[
    "=1+1",
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-2+3",
    "'=HYPERLINK(\"http://x\")",
    "\u{202e}evil\u{202c}",
    "\u{200b}\u{200d}\u{feff}",
    "\u{0}",
    "<script>alert(1)</script>",
    "\"",
    "\"\"",
    ",",
    ";",
    "\r",
    "\n",
    "\r\n",
    "1e308",
    "1e309",
    "-0",
    "NaN",
    "inf",
    "99999999999999999999999",
    "0.0000000000000000001",
    "1,5",
    "1.234.567,89",
    "0000-01-01",
    "9999-12-31",
    "2027-02-30",
    "+275760-09-13",
    "2027-06-30T25:61:61Z",
    "null",
    "true",
    "[]",
    "{}",
    "Référence ü ß 日本 🎉",
    "a <b@c> +1",
    "<>",
    "fleet;fleet;;",
];

/// What a JSON value may be replaced with: every wrong type, and extremes.
const JSON_VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1e400",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "[1,2]",
    "{\"a\":{}}",
    "\"2027-02-30T00:00:00Z\"",
    "\"9999-12-31T23:59:59Z\"",
    "18446744073709551616",
];

/// The seeds: real exports of what the admin of Contoso sees (a few deals each, so a
/// million inputs stay quick), the CRM file, and the corpus of inputs that found bugs.
fn seeds(world: &World, user: &User) -> Vec<Input> {
    let visible: Vec<&Referral> = world
        .exchange
        .referrals()
        .filter(|r| can_see(user, r))
        .collect();
    let mut seeds = Vec::new();
    for chunk in visible.chunks(4).take(6) {
        seeds.push(Input {
            name: "export.csv".into(),
            bytes: export_csv(chunk).into_bytes(),
        });
        seeds.push(Input {
            name: "export.json".into(),
            bytes: export_json(chunk).into_bytes(),
        });
    }
    seeds.push(Input {
        name: "crm.csv".into(),
        bytes: CRM_FILE.as_bytes().to_vec(),
    });
    seeds.extend(corpus());
    seeds
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain/testing/fuzz_corpus")
}

/// The inputs that found bugs, kept as regression tests.
fn corpus() -> Vec<Input> {
    let mut files: Vec<Input> = std::fs::read_dir(corpus_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| {
            Some(Input {
                name: e.file_name().to_string_lossy().into_owned(),
                bytes: std::fs::read(e.path()).ok()?,
            })
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

/// Positions just after a separator (a cell's start), or anywhere when there is none.
fn cell_start(rng: &mut Rng, bytes: &[u8]) -> usize {
    let starts: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b',' | b'\n' | b':'))
        .map(|(i, _)| i + 1)
        .collect();
    if starts.is_empty() {
        rng.below(bytes.len() + 1)
    } else {
        *rng.pick(&starts)
    }
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|b| *b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// One mutation of `input`; `other` is a second seed to splice with.
fn mutate(rng: &mut Rng, input: &mut Input, other: &Input) {
    let b = &mut input.bytes;
    match rng.below(20) {
        // Cut off anywhere (a download that stopped).
        0 => b.truncate(rng.below(b.len() + 1)),
        // A byte changed, or a few.
        1 => {
            for _ in 0..=rng.below(4) {
                if !b.is_empty() {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
            }
        }
        // A byte order mark, UTF-8's or UTF-16's.
        2 => {
            const BOMS: [&[u8]; 3] = [&[0xef, 0xbb, 0xbf], &[0xff, 0xfe], &[0xfe, 0xff]];
            let bom = *rng.pick(&BOMS);
            b.splice(0..0, bom.iter().copied());
        }
        // Saved in another encoding: UTF-16LE, or Latin-1 (what a spreadsheet may write).
        3 => {
            let text = String::from_utf8_lossy(b).into_owned();
            *b = if rng.chance(2) {
                text.encode_utf16().flat_map(u16::to_le_bytes).collect()
            } else {
                text.chars()
                    .map(|c| {
                        if (c as u32) < 256 {
                            c as u32 as u8
                        } else {
                            b'?'
                        }
                    })
                    .collect()
            };
        }
        // A stray or doubled quote.
        4 => {
            let i = rng.below(b.len() + 1);
            b.insert(i, b'"');
        }
        // A huge cell.
        5 => {
            let n = if rng.chance(50) {
                600_000
            } else {
                2_000 + rng.below(20_000)
            };
            let i = cell_start(rng, b);
            let filler = if rng.chance(2) { b'x' } else { b' ' };
            b.splice(i..i, std::iter::repeat_n(filler, n));
        }
        // A nasty text at a cell's start.
        6 | 7 => {
            let i = cell_start(rng, b);
            let t = rng.pick(NASTY).as_bytes();
            b.splice(i..i, t.iter().copied());
        }
        // A cell replaced by a nasty text (or a JSON value by a wrong type).
        8 => {
            let i = cell_start(rng, b);
            let end = b[i..]
                .iter()
                .position(|c| matches!(c, b',' | b'\n' | b'}' | b']'))
                .map_or(b.len(), |e| i + e);
            let t = if input.name.ends_with(".json") {
                rng.pick(JSON_VALUES)
            } else {
                rng.pick(NASTY)
            };
            b.splice(i..end, t.bytes());
        }
        // Deeply nested JSON.
        9 => {
            let depth = 1 + rng.below(3_000);
            let (open, close) = if rng.chance(2) {
                ("[", "]")
            } else {
                ("{\"a\":", "}")
            };
            let mut nested = open.repeat(depth).into_bytes();
            if rng.chance(2) {
                nested.extend_from_slice(b"1");
                nested.extend(close.repeat(depth).bytes());
            }
            let i = cell_start(rng, b);
            b.splice(i..i, nested);
        }
        // A line duplicated (the same IDs twice), removed or moved.
        10..=12 => {
            let mut ls = lines(b);
            if !ls.is_empty() {
                let i = rng.below(ls.len());
                match rng.below(3) {
                    0 => {
                        let l = ls[i].clone();
                        ls.insert(rng.below(ls.len() + 1), l);
                    }
                    1 => {
                        ls.remove(i);
                    }
                    _ => {
                        let j = rng.below(ls.len());
                        ls.swap(i, j);
                    }
                }
                *b = ls.concat();
            }
        }
        // The header's cells changed: one removed, doubled, or renamed in other case.
        13 => {
            let mut ls = lines(b);
            if let Some(header) = ls.first_mut() {
                let text = String::from_utf8_lossy(header).into_owned();
                let mut cells: Vec<String> = text.trim_end().split(',').map(String::from).collect();
                let i = rng.below(cells.len());
                match rng.below(3) {
                    0 => {
                        cells.remove(i);
                    }
                    1 => {
                        let c = cells[i].clone();
                        cells.insert(i, c);
                    }
                    _ => cells[i] = cells[i].to_uppercase(),
                }
                *header = format!("{}\n", cells.join(",")).into_bytes();
                *b = ls.concat();
            }
        }
        // Line ends changed: CRLF, lone CR, or none at the end.
        14 => {
            let text = String::from_utf8_lossy(b).into_owned();
            *b = match rng.below(3) {
                0 => text.replace('\n', "\r\n"),
                1 => text.replace('\n', "\r"),
                _ => text.trim_end().to_string(),
            }
            .into_bytes();
        }
        // Another name: a CSV called .json, a file without extension, upper case.
        15 => {
            input.name = rng
                .pick(&["f.csv", "f.json", "f.txt", "f", "F.CSV", "F.JSON", ".json"])
                .to_string();
        }
        // Spliced with another seed.
        16 => {
            let cut = rng.below(b.len() + 1);
            let from = rng.below(other.bytes.len() + 1);
            b.truncate(cut);
            b.extend_from_slice(&other.bytes[from..]);
        }
        // A separator inserted or deleted.
        17 => {
            if !b.is_empty() && rng.chance(2) {
                let i = rng.below(b.len());
                b.remove(i);
            } else {
                let i = rng.below(b.len() + 1);
                b.insert(i, *rng.pick(b",;\n\t\"{}[]:"));
            }
        }
        // Many rows: the seed's last line repeated (a JSON export is one line: its end).
        18 => {
            if let Some(last) = lines(b).last().cloned() {
                let last = &last[last.len().saturating_sub(2_000)..];
                for _ in 0..rng.below(200) {
                    b.extend_from_slice(last);
                }
            }
        }
        // Empty, or only white space.
        _ => {
            const EMPTY: [&[u8]; 6] = [b"", b"\n\n", b"   ", b"\xef\xbb\xbf", b"[]", b"{}"];
            *b = rng.pick(&EMPTY).to_vec();
        }
    }
}

/// The columns an input names: the cells of a CSV header, and the fields written in a JSON
/// file (the export's columns are always known).
struct Named {
    header: Vec<String>,
    text: String,
    /// A file named .csv is read as CSV only: its problems name its own columns, never a
    /// field of the JSON resource.
    csv: bool,
}

impl Named {
    fn of(input: &Input) -> Named {
        let text = String::from_utf8_lossy(&input.bytes).into_owned();
        let header = text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap_or("")
            .split(',')
            .map(|c| c.trim().trim_matches('"').to_string())
            .collect();
        let csv = input.name.to_ascii_lowercase().ends_with(".csv");
        Named { header, text, csv }
    }

    fn has(&self, column: &str, fields: &BTreeSet<String>) -> bool {
        self.header
            .iter()
            .map(String::as_str)
            .chain(COLUMNS)
            .any(|c| c.eq_ignore_ascii_case(column))
            || (!self.csv && fields.contains(column))
            || self.text.contains(&format!("\"{column}\""))
    }
}

/// Every field name of the referral resource (at any depth), as an export writes them: a
/// JSON file's problem may name a field the file left out.
fn referral_fields(world: &World) -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, into: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    into.insert(k.clone());
                    walk(v, into);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, into)),
            _ => {}
        }
    }
    let all: Vec<&Referral> = world.exchange.referrals().collect();
    let mut fields = BTreeSet::new();
    if let Ok(v) = serde_json::from_str(&export_json(&all)) {
        walk(&v, &mut fields);
    }
    fields
}

/// Checks one input: `Ok` with the first problem's opening words (`None` for a plan
/// accepted whole), or `Err` with what went wrong.
fn check(
    world: &World,
    fields: &BTreeSet<String>,
    user: &User,
    input: &Input,
) -> Result<Option<String>, String> {
    let ctx = Ctx {
        exchange: &world.exchange,
        directory: &world.data,
        user,
        now: world.now,
    };
    let plan = catch_unwind(AssertUnwindSafe(|| {
        plan_import(&input.name, &input.bytes, ctx)
    }))
    .map_err(|e| {
        let what = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("panic: {what}")
    })?;
    if !plan.problems.is_empty() {
        if !plan.outcome.is_empty() || plan.created + plan.updated > 0 {
            return Err("a plan with problems would write".into());
        }
    } else if !plan.outcome.is_empty() {
        let mut exchange = world.exchange.clone();
        exchange
            .apply(&plan.outcome)
            .map_err(|e| format!("a plan without problems does not apply: {e:?}"))?;
    }
    // Rows: a CSV record starts on a line, a JSON deal is one of the array's values.
    let newlines = input
        .bytes
        .iter()
        .filter(|b| matches!(b, b'\n' | b'\r'))
        .count();
    let values = input.bytes.iter().filter(|b| **b == b',').count();
    let last_row = newlines.max(values) + 2;
    let mut named: Option<Named> = None;
    for p in &plan.problems {
        if p.row > last_row {
            return Err(format!("problem at row {} of a file of {last_row}", p.row));
        }
        if !p.column.is_empty()
            && !named
                .get_or_insert_with(|| Named::of(input))
                .has(&p.column, fields)
        {
            return Err(format!("problem at unknown column {:?}", p.column));
        }
        for locale in [Locale::En, Locale::De] {
            let m = p.message(locale);
            if m.trim().is_empty() || m.contains("{n}") || m.contains("{error}") {
                return Err(format!("unreadable message {m:?}"));
            }
        }
    }
    Ok(plan
        .problems
        .first()
        .map(|p| p.message(Locale::En).chars().take(24).collect()))
}

/// What a run found: inputs tried, plans accepted, problems by kind, failures.
#[derive(Default)]
struct Tally {
    tried: usize,
    accepted: usize,
    reported: BTreeMap<String, usize>,
    failures: Vec<(Input, String)>,
}

fn run(world: &World, user: &User, seeds: &[Input], seed: u64, inputs: usize) -> Tally {
    let fields = referral_fields(world);
    let mut rng = Rng(seed | 1);
    let mut tally = Tally::default();
    for _ in 0..inputs {
        let mut input = rng.pick(seeds).clone();
        let other = rng.pick(seeds).clone();
        for _ in 0..=rng.below(4) {
            mutate(&mut rng, &mut input, &other);
            // Larger files only take longer to plan the same way (the 20 MB limit has its
            // own test); past this size a file is cut, as a download that stopped would be.
            input.bytes.truncate(MAX_INPUT);
        }
        tally.tried += 1;
        let r = check(world, &fields, user, &input);
        match r {
            Ok(None) => tally.accepted += 1,
            Ok(Some(first_words)) => *tally.reported.entry(first_words).or_default() += 1,
            Err(why) => {
                if tally.failures.len() < 20 {
                    tally.failures.push((input, why));
                }
            }
        }
    }
    tally
}

fn demo_world() -> World {
    let mut w = World::new();
    let outcome = demo::generate(40, &w.data, w.now);
    w.exchange.apply(&outcome).expect("demo deals apply");
    w
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutated_exports_are_planned_or_reported_never_half_written() {
    let inputs = env_number("COSELL_FUZZ_INPUTS", 300) as usize;
    let seed = env_number("COSELL_FUZZ_SEED", 0x00c0_5e11);
    let world = demo_world();
    let user = world.user("contoso-admin");
    let seeds = seeds(&world, &user);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4);
    let started = Instant::now();
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (world, user, seeds) = (&world, &user, &seeds);
                let share = inputs / threads + usize::from(t < inputs % threads);
                s.spawn(move || {
                    run(
                        world,
                        user,
                        seeds,
                        seed.wrapping_add(t as u64 * 7919),
                        share,
                    )
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a fuzz thread ends"))
            .collect()
    });
    let mut all = Tally::default();
    for t in tallies {
        all.tried += t.tried;
        all.accepted += t.accepted;
        for (k, v) in t.reported {
            *all.reported.entry(k).or_default() += v;
        }
        all.failures.extend(t.failures);
    }
    println!(
        "fuzzed import: {} inputs from {} seeds (seed {seed:#x}, {threads} threads) in {:.1} s: \
         {} planned whole, {} reported, {} kinds of first problem, {} failures",
        all.tried,
        seeds.len(),
        started.elapsed().as_secs_f64(),
        all.accepted,
        all.tried - all.accepted - all.failures.len(),
        all.reported.len(),
        all.failures.len()
    );
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    for (i, (input, why)) in all.failures.iter().enumerate() {
        let ext = Path::new(&input.name)
            .extension()
            .map_or("bin".to_string(), |e| e.to_string_lossy().to_lowercase());
        let path = out.join(format!("import-{seed:x}-{i}.{ext}"));
        let _ = std::fs::create_dir_all(&out);
        let _ = std::fs::write(&path, &input.bytes);
        println!("  {why}: {} ({:?})", path.display(), input.name);
    }
    assert!(
        all.failures.is_empty(),
        "{} inputs broke the import; they are in target/fuzz-failures (move them into \
         src/domain/testing/fuzz_corpus/ once fixed)",
        all.failures.len()
    );
    assert!(all.tried >= inputs);
}

#[test]
fn every_input_that_once_found_a_bug_is_planned_or_reported() {
    let world = demo_world();
    let user = world.user("contoso-admin");
    let fields = referral_fields(&world);
    for input in corpus() {
        if let Err(why) = check(&world, &fields, &user, &input) {
            panic!("{}: {why}", input.name);
        }
    }
}
