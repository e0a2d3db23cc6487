//! How the stores keep referrals, activity and notifications: in buckets, not one record
//! each.
//!
//! A browser reads 18,000 IndexedDB records in about 0.75 s, whatever their shape (objects,
//! strings or bytes); the same 28 MB in 64 records take about 0.1 s (end2end/bench/limits.md).
//! So each collection is kept in [`BUCKETS`] buckets, a record's bucket chosen by a hash of
//! its id, and a bucket is one UTF-8 byte string of lines `id TAB eTag TAB JSON LF` (the
//! JSON is the Referrals API shape; the eTag is empty for activity and notifications).
//!
//! A write reads the buckets an outcome touches, checks every referral's eTag against its
//! line, and writes those buckets back whole, all in one transaction. Both stores share
//! this code, so the in-memory twin behaves as IndexedDB does. A line that cannot be read is
//! counted at load and kept as it is by writes: Co-sell never destroys what it cannot read.

use std::borrow::Cow;

use crate::domain::support::json_reader::{from_json, ReadJson};
use crate::domain::support::json_writer::{write_json_into, WriteJson};

use super::StoreError;
use crate::domain::exchange::{check_write, Outcome};
use crate::domain::records::notification::Notification;

/// Buckets per collection. Part of the stored format: changing it needs a migration.
pub const BUCKETS: u32 = 64;

/// The collections kept in buckets (favorites stay one small record each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    Referrals,
    Activity,
    Notifications,
}

impl Collection {
    pub const ALL: [Collection; 3] = [
        Collection::Referrals,
        Collection::Activity,
        Collection::Notifications,
    ];
}

/// The bucket of a record: FNV-1a of its id. Part of the stored format.
pub fn bucket_of(id: &str) -> u32 {
    id_hash(id.as_bytes()) % BUCKETS
}

/// FNV-1a of an id: its bucket ([`bucket_of`]), and within a bucket the hash a write
/// compares before the id itself ([`Bucket::find`]).
fn id_hash(id: &[u8]) -> u32 {
    id.iter().fold(0x811c_9dc5, |hash: u32, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// One stored line: `raw` is the whole line without its LF, its id ends at `id_end` and its
/// eTag at `etag_end`; both are 0 for a line that is not in the format (kept as it is).
///
/// A stored line is read in place, not copied: a write reads every line of the buckets it
/// touches (a first sync's last write, 20,000 referrals) and rewrites only those it
/// changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line<'a> {
    raw: Cow<'a, [u8]>,
    id_end: usize,
    etag_end: usize,
}

impl<'a> Line<'a> {
    fn new(id: &str, etag: &str, json: &[u8]) -> Line<'a> {
        let mut raw = Vec::with_capacity(id.len() + etag.len() + json.len() + 2);
        raw.extend_from_slice(id.as_bytes());
        raw.push(b'\t');
        raw.extend_from_slice(etag.as_bytes());
        raw.push(b'\t');
        raw.extend_from_slice(json);
        Line {
            raw: Cow::Owned(raw),
            id_end: id.len(),
            etag_end: id.len() + 1 + etag.len(),
        }
    }

    /// The line of `value`, serialised into `scratch` (kept from line to line, so it grows
    /// once instead of once per record) and copied into a line of its exact size.
    fn of<T: WriteJson>(id: &str, etag: &str, value: &T, scratch: &mut String) -> Line<'a> {
        scratch.clear();
        write_json_into(value, scratch);
        Line::new(id, etag, scratch.as_bytes())
    }

    /// A line as stored.
    fn stored(raw: &'a [u8]) -> Line<'a> {
        let (id_end, etag_end) = match split(raw) {
            Some((id, etag, _)) => (id.len(), id.len() + 1 + etag.len()),
            None => (0, 0),
        };
        Line {
            raw: Cow::Borrowed(raw),
            id_end,
            etag_end,
        }
    }

    /// Empty for a line that is not in the format.
    fn id(&self) -> &[u8] {
        self.raw.get(..self.id_end).unwrap_or_default()
    }

    fn etag(&self) -> &str {
        let etag = self
            .raw
            .get(self.id_end + 1..self.etag_end)
            .unwrap_or_default();
        std::str::from_utf8(etag).unwrap_or_default()
    }

    fn json(&self) -> &[u8] {
        if self.id_end == 0 {
            return &[];
        }
        self.raw.get(self.etag_end + 1..).unwrap_or_default()
    }
}

/// `id`, `eTag` and the JSON of a line, or `None` when it is not in the format.
fn split(line: &[u8]) -> Option<(&str, &str, &[u8])> {
    let first = line.iter().position(|&b| b == b'\t')?;
    let second = first + 1 + line[first + 1..].iter().position(|&b| b == b'\t')?;
    let id = std::str::from_utf8(&line[..first]).ok()?;
    let etag = std::str::from_utf8(&line[first + 1..second]).ok()?;
    (!id.is_empty()).then_some((id, etag, &line[second + 1..]))
}

/// The non-empty lines of `bytes`. A write splits every bucket it touches (a first sync's
/// writes, 60 MB in all), so the line feeds are found eight bytes at a time.
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < bytes.len() {
            let end = next_line_feed(bytes, start).unwrap_or(bytes.len());
            let line = &bytes[start..end];
            start = end + 1;
            if !line.is_empty() {
                return Some(line);
            }
        }
        None
    })
}

/// The first LF at or after `from`: whole words without one are skipped (a byte of the word
/// XOR LF is zero exactly where the word holds an LF).
fn next_line_feed(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const LFS: u64 = u64::from_le_bytes([b'\n'; 8]);
    let mut at = from;
    while let Some(Ok(word)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
        let x = u64::from_le_bytes(word) ^ LFS;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter().position(|&b| b == b'\n').map(|i| at + i)
}

/// A bucket's lines, in stored order, with a hash of each line's id: a write looks up every
/// record it writes among the bucket's lines (a first sync's last write, 20,000 among
/// 40,000), and comparing hashes first keeps that from comparing ids byte by byte.
#[derive(Debug, Default)]
struct Bucket<'a> {
    lines: Vec<Line<'a>>,
    hashes: Vec<u32>,
}

impl<'a> Bucket<'a> {
    fn decode(bytes: &'a [u8]) -> Bucket<'a> {
        let mut bucket = Bucket::default();
        for line in lines(bytes) {
            bucket.push(Line::stored(line));
        }
        bucket
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.lines.iter().map(|l| l.raw.len() + 1).sum());
        for line in &self.lines {
            out.extend_from_slice(&line.raw);
            out.push(b'\n');
        }
        out
    }

    fn push(&mut self, line: Line<'a>) {
        self.hashes.push(id_hash(line.id()));
        self.lines.push(line);
    }

    /// The line of `id`; never a line that is not in the format (its id is empty).
    fn find(&self, id: &str) -> Option<usize> {
        let id = id.as_bytes();
        if id.is_empty() {
            return None;
        }
        let hash = id_hash(id);
        let mut at = 0;
        while let Some(i) = self.hashes.get(at..)?.iter().position(|&h| h == hash) {
            if self.lines[at + i].id() == id {
                return Some(at + i);
            }
            at += i + 1;
        }
        None
    }

    /// Puts `line` where `find` found its id, or appends it.
    fn put_at(&mut self, found: Option<usize>, line: Line<'a>) {
        match found {
            Some(i) => self.lines[i] = line,
            None => self.push(line),
        }
    }

    /// Replaces the line of the same id, or appends it.
    fn put(&mut self, line: Line<'a>) {
        let found = std::str::from_utf8(line.id())
            .ok()
            .and_then(|id| self.find(id));
        self.put_at(found, line);
    }
}

/// Every record of `bucket` that decodes as `T`; the others are counted in `unreadable`.
///
/// This is most of a cold start's work (28 MB for 10,000 deals): the bucket's UTF-8 is
/// checked once, so the reader does not check each string again, and lines are found with
/// `str::find` (a word at a time) rather than byte by byte.
pub fn decode_bucket<T: ReadJson>(bucket: &[u8], out: &mut Vec<T>, unreadable: &mut usize) {
    match std::str::from_utf8(bucket) {
        Ok(text) => decode_lines(text, out, unreadable),
        // Damaged bytes somewhere: they cost only the records they are in.
        Err(_) => {
            for line in lines(bucket) {
                match std::str::from_utf8(line) {
                    Ok(line) => decode_lines(line, out, unreadable),
                    Err(_) => *unreadable += 1,
                }
            }
        }
    }
}

fn decode_lines<T: ReadJson>(text: &str, out: &mut Vec<T>, unreadable: &mut usize) {
    for line in text.split('\n').filter(|line| !line.is_empty()) {
        let record = split(line.as_bytes())
            .and_then(|(id, etag, _)| from_json(&line[id.len() + etag.len() + 2..]).ok());
        match record {
            Some(record) => out.push(record),
            None => *unreadable += 1,
        }
    }
}

/// The buckets `outcome` writes, each once, in order.
pub fn touched(outcome: &Outcome) -> Vec<(Collection, u32)> {
    // A flag per bucket of each collection: no sort needed (nor its code in the wasm).
    let mut flags = vec![false; Collection::ALL.len() * BUCKETS as usize];
    let mut mark = |collection: Collection, id: &str| {
        flags[collection as usize * BUCKETS as usize + bucket_of(id) as usize] = true
    };
    outcome
        .referrals
        .iter()
        .for_each(|w| mark(Collection::Referrals, &w.referral.id));
    outcome
        .activity
        .iter()
        .for_each(|a| mark(Collection::Activity, &a.id));
    outcome
        .notifications
        .iter()
        .for_each(|n| mark(Collection::Notifications, &n.id));
    outcome
        .read_notifications
        .iter()
        .for_each(|id| mark(Collection::Notifications, id));
    let slots = flags.iter().enumerate().filter(|(_, &on)| on);
    slots
        .map(|(i, _)| {
            (
                Collection::ALL[i / BUCKETS as usize],
                (i % BUCKETS as usize) as u32,
            )
        })
        .collect()
}

/// The new contents of the buckets `touched(outcome)` names, given their stored contents
/// (`None`: not stored yet), in the same order. Refuses the whole outcome when a referral's
/// eTag moved or a new record's id is taken, so nothing of it is written.
pub fn write(outcome: &Outcome, stored: Vec<Option<Vec<u8>>>) -> Result<Vec<Vec<u8>>, StoreError> {
    let keys = touched(outcome);
    if keys.len() != stored.len() {
        return Err(StoreError::Write(format!(
            "expected {} buckets, read {}",
            keys.len(),
            stored.len()
        )));
    }
    let mut buckets: Vec<Bucket> = stored
        .iter()
        .map(|bytes| bytes.as_deref().map(Bucket::decode).unwrap_or_default())
        .collect();
    // Every bucket an outcome's record lives in was read: `touched` names them all. Where
    // each is in `buckets`, by collection and bucket number.
    let mut slots = vec![0; Collection::ALL.len() * BUCKETS as usize];
    for (i, (collection, bucket)) in keys.iter().enumerate() {
        slots[*collection as usize * BUCKETS as usize + *bucket as usize] = i;
    }
    let slot = |collection: Collection, id: &str| {
        slots[collection as usize * BUCKETS as usize + bucket_of(id) as usize]
    };

    let mut scratch = String::new();
    for write in &outcome.referrals {
        let r = &write.referral;
        let b = &mut buckets[slot(Collection::Referrals, &r.id)];
        let found = b.find(&r.id);
        check_write(write, found.map(|i| b.lines[i].etag()))?;
        b.put_at(found, Line::of(&r.id, &r.e_tag, r, &mut scratch));
    }
    for entry in &outcome.activity {
        let b = &mut buckets[slot(Collection::Activity, &entry.id)];
        if b.find(&entry.id).is_some() {
            return Err(StoreError::Write(format!(
                "activity entry {} exists already",
                entry.id
            )));
        }
        b.push(Line::of(&entry.id, "", entry, &mut scratch));
    }
    for n in &outcome.notifications {
        buckets[slot(Collection::Notifications, &n.id)].put(Line::of(&n.id, "", n, &mut scratch));
    }
    for id in &outcome.read_notifications {
        let b = &mut buckets[slot(Collection::Notifications, id)];
        // A notification that is gone or unreadable stays as it is.
        let Some(i) = b.find(id) else { continue };
        let Ok(mut n) = std::str::from_utf8(b.lines[i].json())
            .map_err(|_| ())
            .and_then(|json| from_json::<Notification>(json).map_err(|_| ()))
        else {
            continue;
        };
        n.read = true;
        b.put_at(Some(i), Line::of(id, "", &n, &mut scratch));
    }
    Ok(buckets.iter().map(Bucket::encode).collect())
}

/// Buckets for records stored one each by schema version 2 (id, eTag, JSON), for the
/// migration: `(bucket, contents)` of every bucket that holds a record.
pub fn bucket_records(
    records: impl IntoIterator<Item = (String, String, String)>,
) -> Vec<(u32, Vec<u8>)> {
    let mut buckets: Vec<Bucket> = (0..BUCKETS).map(|_| Bucket::default()).collect();
    for (id, etag, json) in records {
        if id.is_empty() || id.contains(['\t', '\n']) || etag.contains(['\t', '\n']) {
            continue; // not a record Co-sell wrote; it would not be readable anyway
        }
        buckets[bucket_of(&id) as usize].put(Line::new(&id, &etag, json.as_bytes()));
    }
    (0..BUCKETS)
        .zip(buckets)
        .filter(|(_, b)| !b.lines.is_empty())
        .map(|(key, b)| (key, b.encode()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::ReferralWrite;
    use crate::domain::records::referral::Referral;
    use crate::domain::testing::referral_at;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn new_referral(id: &str) -> Referral {
        let mut r = referral_at("contoso", "contoso-munich", &[]);
        r.id = id.into();
        r
    }

    fn create(referrals: &[Referral]) -> Outcome {
        Outcome {
            referrals: referrals
                .iter()
                .map(|r| ReferralWrite {
                    referral: r.clone(),
                    expected_etag: None,
                })
                .collect(),
            ..Outcome::default()
        }
    }

    /// Applies `outcome` to `stored` (bucket contents by key) the way a store does.
    fn apply(
        stored: &mut BTreeMap<(Collection, u32), Vec<u8>>,
        outcome: &Outcome,
    ) -> Result<(), StoreError> {
        let keys = touched(outcome);
        let written = write(
            outcome,
            keys.iter().map(|k| stored.get(k).cloned()).collect(),
        )?;
        stored.extend(keys.into_iter().zip(written));
        Ok(())
    }

    fn referrals_in(stored: &BTreeMap<(Collection, u32), Vec<u8>>) -> (Vec<Referral>, usize) {
        let (mut out, mut unreadable): (Vec<Referral>, usize) = (Vec::new(), 0);
        for ((collection, _), bytes) in stored {
            if *collection == Collection::Referrals {
                decode_bucket(bytes, &mut out, &mut unreadable);
            }
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        (out, unreadable)
    }

    #[test]
    fn the_bucket_of_an_id_never_changes() {
        // The stored format depends on these values.
        assert_eq!(bucket_of(""), 0x811c_9dc5 % BUCKETS);
        assert_eq!(bucket_of("a"), 0xe40c_292c % BUCKETS);
        assert!((0..1000).all(|i| bucket_of(&format!("referral-{i}")) < BUCKETS));
        let used: std::collections::BTreeSet<u32> = (0..1000)
            .map(|i| bucket_of(&format!("{i:08x}-uuid")))
            .collect();
        assert_eq!(used.len(), BUCKETS as usize, "ids spread over every bucket");
    }

    #[test]
    fn referrals_written_in_buckets_load_again_and_a_change_replaces_its_line() {
        let mut stored = BTreeMap::new();
        let (a, b) = (new_referral("a"), new_referral("b"));
        apply(&mut stored, &create(&[a.clone(), b.clone()])).unwrap();
        assert_eq!(referrals_in(&stored), (vec![a.clone(), b.clone()], 0));

        let mut renamed = a.clone();
        renamed.name = "Renamed".into();
        renamed.e_tag = "e2".into();
        let change = Outcome {
            referrals: vec![ReferralWrite {
                referral: renamed.clone(),
                expected_etag: Some(a.e_tag.clone()),
            }],
            ..Outcome::default()
        };
        apply(&mut stored, &change).unwrap();
        assert_eq!(
            referrals_in(&stored),
            (vec![renamed, b], 0),
            "one line per referral"
        );
    }

    #[test]
    fn a_stale_or_duplicate_write_is_refused_whole() {
        let mut stored = BTreeMap::new();
        let a = new_referral("a");
        apply(&mut stored, &create(std::slice::from_ref(&a))).unwrap();
        let before = stored.clone();

        let mut stale = a.clone();
        stale.name = "Stale".into();
        let mut outcome = create(&[new_referral("c")]);
        outcome.referrals.push(ReferralWrite {
            referral: stale,
            expected_etag: Some("not-the-stored-etag".into()),
        });
        assert!(matches!(
            apply(&mut stored, &outcome),
            Err(StoreError::Conflict(_))
        ));
        assert!(
            matches!(
                apply(&mut stored, &create(&[a])),
                Err(StoreError::Conflict(_))
            ),
            "an id is created once"
        );
        assert_eq!(stored, before, "nothing of a refused outcome is written");
    }

    #[test]
    fn unreadable_lines_are_counted_and_kept_by_later_writes() {
        let a = new_referral("a");
        let key = (Collection::Referrals, bucket_of("a"));
        let mut stored = BTreeMap::new();
        stored.insert(
            key,
            b"garbage without tabs\nx\tetag\t{\"truncated\n".to_vec(),
        );
        apply(&mut stored, &create(std::slice::from_ref(&a))).unwrap();
        assert_eq!(referrals_in(&stored), (vec![a], 2));
        assert!(
            stored[&key].starts_with(b"garbage without tabs\n"),
            "kept as it was"
        );
    }

    #[test]
    fn damaged_bytes_cost_only_their_own_line() {
        let a = new_referral("a");
        let good = format!("a\t{}\t{}\n", a.e_tag, serde_json::to_string(&a).unwrap()).into_bytes();
        let mut bucket = b"b\te\t{\"name\": \"\xff\xfe\"}\n".to_vec();
        bucket.extend_from_slice(&good);
        bucket.extend_from_slice(b"c\te\t{} trailing\n");
        let (mut out, mut unreadable): (Vec<Referral>, usize) = (Vec::new(), 0);
        decode_bucket(&bucket, &mut out, &mut unreadable);
        assert_eq!((out, unreadable), (vec![a.clone()], 2));
        // The same good line without its final LF, after a line cut short.
        let mut bucket = b"x\te\t{\"id\":\n".to_vec();
        bucket.extend_from_slice(&good[..good.len() - 1]);
        let (mut out, mut unreadable): (Vec<Referral>, usize) = (Vec::new(), 0);
        decode_bucket(&bucket, &mut out, &mut unreadable);
        assert_eq!((out, unreadable), (vec![a], 1));
    }

    #[test]
    fn reading_a_notification_marks_only_it_and_a_missing_one_is_ignored() {
        use crate::domain::records::notification::NotificationKind;
        let n = |id: &str| Notification {
            id: id.into(),
            user_id: Some("u".into()),
            email: "u@example.com".into(),
            locale: "en".into(),
            referral_id: "r".into(),
            deal_name: "Deal".into(),
            at: crate::domain::testing::referral_at("contoso", "contoso-munich", &[])
                .created_date_time,
            kind: NotificationKind::NewInbound,
            emailed: true,
            read: false,
        };
        let mut stored = BTreeMap::new();
        apply(
            &mut stored,
            &Outcome {
                notifications: vec![n("n1"), n("n2")],
                ..Outcome::default()
            },
        )
        .unwrap();
        apply(
            &mut stored,
            &Outcome {
                read_notifications: vec!["n1".into(), "gone".into()],
                ..Outcome::default()
            },
        )
        .unwrap();
        let (mut all, mut unreadable) = (Vec::<Notification>::new(), 0);
        for bytes in stored.values() {
            decode_bucket(bytes, &mut all, &mut unreadable);
        }
        all.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(
            all.iter()
                .map(|n| (n.id.as_str(), n.read))
                .collect::<Vec<_>>(),
            [("n1", true), ("n2", false)]
        );
    }

    #[test]
    fn version_2_records_move_into_buckets() {
        let a = new_referral("a");
        let json = serde_json::to_string(&a).unwrap();
        let buckets = bucket_records([
            (a.id.clone(), a.e_tag.clone(), json),
            (String::new(), String::new(), "{}".into()),
            ("bad\tid".into(), String::new(), "{}".into()),
        ]);
        assert_eq!(buckets.len(), 1);
        let stored: BTreeMap<_, _> = buckets
            .into_iter()
            .map(|(k, v)| ((Collection::Referrals, k), v))
            .collect();
        assert_eq!(referrals_in(&stored), (vec![a.clone()], 0));
        // And the eTag came along: a write that saw it is accepted.
        let mut stored = stored;
        let change = Outcome {
            referrals: vec![ReferralWrite {
                referral: a.clone(),
                expected_etag: Some(a.e_tag.clone()),
            }],
            ..Outcome::default()
        };
        apply(&mut stored, &change).unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Line feeds anywhere in a word, several in one, none for longer than a word.
        #[test]
        fn lines_are_the_pieces_between_line_feeds(
            bytes in proptest::collection::vec(prop_oneof![Just(b'\n'), Just(b'\t'), Just(b'a'), Just(0x8a_u8), Just(0u8)], 0..80)
        ) {
            let expected: Vec<&[u8]> = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
            prop_assert_eq!(lines(&bytes).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn a_bucket_finds_each_id_and_never_a_line_out_of_format() {
        let mut text = String::from("not a line\n\t\t{}\n");
        let ids: Vec<String> = (0..500).map(|i| format!("id-{i}")).collect();
        for id in &ids {
            text.push_str(&format!("{id}\te-{id}\t{{}}\n"));
        }
        let mut bucket = Bucket::decode(text.as_bytes());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(bucket.find(id), Some(i + 2), "{id}");
        }
        assert_eq!(bucket.find("id-500"), None);
        assert_eq!(bucket.find(""), None);
        // A replaced line is found where it was, an added one at the end.
        bucket.put(Line::new("id-7", "e2", b"{}"));
        bucket.put(Line::new("id-500", "e1", b"{}"));
        assert_eq!(
            (bucket.find("id-7"), bucket.find("id-500")),
            (Some(9), Some(502))
        );
        assert_eq!(bucket.lines[9].etag(), "e2");
    }

    #[test]
    fn ids_of_the_same_hash_are_told_apart() {
        // Two ids whose hashes collide (found by the birthday bound: about 2^16 tries).
        let mut seen = std::collections::HashMap::new();
        let (first, second) = (0..1u64 << 20)
            .map(|i| format!("deal-{:x}", i.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
            .find_map(|id| {
                let hash = id_hash(id.as_bytes());
                seen.insert(hash, id.clone()).map(|other| (other, id))
            })
            .expect("a collision within 2^20 ids");
        let mut bucket = Bucket::default();
        bucket.put(Line::new(&first, "e1", b"{}"));
        bucket.put(Line::new(&second, "e2", b"{}"));
        assert_eq!(
            (bucket.find(&first), bucket.find(&second)),
            (Some(0), Some(1))
        );
    }
}
