//! Old data (issue #27): the records each schema version stored, written by that version's
//! own code (`old_data/`), are read by today's build as the upgrade leaves them, and every
//! field of every deal, favorite, activity entry, notification and set-up comes through.

use serde_json::Value;

use super::buckets::bucket_records;
use super::{decode_snapshot, Records, Snapshot};

const FIXTURES: [(u32, &str); 4] = [
    (1, include_str!("old_data/schema-v1.json")),
    (2, include_str!("old_data/schema-v2.json")),
    (3, include_str!("old_data/schema-v3.json")),
    (4, include_str!("old_data/schema-v4.json")),
];

fn items<'a>(fixture: &'a Value, collection: &str) -> &'a [Value] {
    fixture[collection].as_array().map_or(&[], Vec::as_slice)
}

/// The buckets of a collection as the upgrade to schema 3 writes them (or as versions 3 and
/// 4 wrote them): lines of id, eTag and the record's JSON.
fn bucketed(records: &[Value]) -> Vec<Vec<u8>> {
    let lines = records.iter().map(|r| {
        let field = |name: &str| r[name].as_str().unwrap_or_default().to_string();
        (field("id"), field("eTag"), r.to_string())
    });
    bucket_records(lines.collect::<Vec<_>>())
        .into_iter()
        .map(|(_, bytes)| bytes)
        .collect()
}

fn texts(records: &[Value]) -> Vec<String> {
    records.iter().map(Value::to_string).collect()
}

/// Every field the old record has, at any depth, differing in what today's build gives back
/// (a field added since is not a difference; one dropped or changed is).
fn differences(old: &Value, now: &Value, path: &str, out: &mut Vec<String>) {
    match (old, now) {
        (Value::Object(o), Value::Object(n)) => {
            for (k, v) in o {
                let here = format!("{path}.{k}");
                match n.get(k) {
                    Some(m) => differences(v, m, &here, out),
                    // Serialisers leave out empty and absent values; those read back alike.
                    None if v.is_null() || v == &Value::Array(vec![]) || v == "" => {}
                    None => out.push(format!("{here} is lost")),
                }
            }
        }
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                differences(a, b, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        _ if old == now => {}
        _ => out.push(format!("{path}: {old} became {now}")),
    }
}

fn compare<T: serde::Serialize>(
    version: u32,
    collection: &str,
    old: &[Value],
    now: &[T],
    key: impl Fn(&Value) -> String,
) {
    assert_eq!(
        old.len(),
        now.len(),
        "schema {version}: every record of {collection} is read"
    );
    let mut now: Vec<Value> = now
        .iter()
        .map(|r| serde_json::to_value(r).expect("a record serialises"))
        .collect();
    now.sort_by_key(&key);
    let mut old = old.to_vec();
    old.sort_by_key(&key);
    let mut found = Vec::new();
    for (o, n) in old.iter().zip(&now) {
        differences(o, n, &format!("{collection}[{}]", key(o)), &mut found);
    }
    assert_eq!(
        found,
        Vec::<String>::new(),
        "schema {version}: {collection} come through field by field"
    );
}

fn read(fixture: &Value) -> Snapshot {
    decode_snapshot(Records {
        referrals: bucketed(items(fixture, "referrals")),
        activity: bucketed(items(fixture, "activity")),
        notifications: bucketed(items(fixture, "notifications")),
        favorites: texts(items(fixture, "favorites")),
        setups: texts(items(fixture, "setups")),
    })
}

#[test]
fn every_stored_schema_version_is_read_whole_and_field_by_field() {
    let id = |v: &Value| v["id"].as_str().unwrap_or_default().to_string();
    for (version, text) in FIXTURES {
        let fixture: Value = serde_json::from_str(text).expect("a fixture is JSON");
        assert!(!items(&fixture, "referrals").is_empty());
        let snapshot = read(&fixture);
        assert_eq!(
            snapshot.unreadable, 0,
            "schema {version}: nothing unreadable"
        );
        compare(
            version,
            "referrals",
            items(&fixture, "referrals"),
            &snapshot.referrals,
            id,
        );
        compare(
            version,
            "activity",
            items(&fixture, "activity"),
            &snapshot.activity,
            id,
        );
        compare(
            version,
            "notifications",
            items(&fixture, "notifications"),
            &snapshot.notifications,
            id,
        );
        compare(
            version,
            "favorites",
            items(&fixture, "favorites"),
            &snapshot.favorites,
            |v| v.to_string(),
        );
        compare(
            version,
            "setups",
            items(&fixture, "setups"),
            &snapshot.setups,
            |v| v["organizationId"].to_string(),
        );
        // And the exchange they make is one the app can show.
        let exchange = snapshot.into_exchange();
        assert_eq!(
            exchange.referrals().count(),
            items(&fixture, "referrals").len()
        );
    }
}

#[test]
fn the_fixtures_hold_every_kind_of_record_their_version_stored() {
    let count = |text: &str, c: &str| -> usize {
        let v: Value = serde_json::from_str(text).expect("JSON");
        items(&v, c).len()
    };
    for (version, text) in FIXTURES {
        assert!(count(text, "referrals") > 0 && count(text, "favorites") > 0);
        if version >= 2 {
            assert!(count(text, "activity") > 0 && count(text, "notifications") > 0);
        }
        if version >= 4 {
            assert!(count(text, "setups") > 0);
        }
    }
}
