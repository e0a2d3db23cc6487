//! Flattens a record into `(path, text)` leaves, e.g. `("details.dealValue", "120000.0")`,
//! for the activity diff. It walks the record's JSON, as [`WriteJson`] writes it, with the
//! app's reader: no tree of values and no serde serializer of its own in the wasm, and the
//! paths are the JSON names the Referrals API shows.

use super::json_reader::{JsonReader, Read};
use super::json_writer::{to_json, WriteJson};

/// The leaves of `value`, in field order. Lists are one leaf: their items' names (or
/// texts) joined with ", ". A field left out of the JSON (serde's `skip_serializing_if`)
/// has no leaf; `null` is an empty one.
pub fn flatten<T: WriteJson + ?Sized>(value: &T) -> Vec<(String, String)> {
    let json = to_json(value);
    let mut out = Vec::new();
    // What the writer wrote always reads; were it not to, the leaves so far are kept.
    let _ = leaves(&mut JsonReader::new(&json), String::new(), &mut out);
    out
}

fn leaves(r: &mut JsonReader<'_>, path: String, out: &mut Vec<(String, String)>) -> Read<()> {
    match r.peek() {
        Some(b'{') => r.object(&mut |r, key| leaves(r, child(&path, key), out)),
        Some(b'[') => {
            let mut items = Vec::new();
            r.array(&mut |r| {
                let mut inner = Vec::new();
                leaves(r, String::new(), &mut inner)?;
                items.push(item_text(inner));
                Ok(())
            })?;
            out.push((path, items.join(", ")));
            Ok(())
        }
        Some(b'"') => {
            let text = r.string()?;
            out.push((path, text));
            Ok(())
        }
        Some(b't' | b'f') => {
            let value = r.bool()?;
            out.push((path, value.to_string()));
            Ok(())
        }
        _ if r.null() => {
            out.push((path, String::new()));
            Ok(())
        }
        _ => {
            let number = r.number()?;
            out.push((path, number.to_string()));
            Ok(())
        }
    }
}

/// A list item as one text: its `name` leaf, or all its leaves joined with spaces.
fn item_text(leaves: Vec<(String, String)>) -> String {
    if let Some((_, name)) = leaves.iter().find(|(k, _)| k == "name") {
        return name.clone();
    }
    leaves
        .iter()
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        return key.to_string();
    }
    // Not `format!`: a new deal's history entry names each of its fields.
    let mut child = String::with_capacity(path.len() + 1 + key.len());
    child.push_str(path);
    child.push('.');
    child.push_str(key);
    child
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::referral::Referral;
    use crate::domain::transfer::demo;
    use serde_json::Value;
    use std::collections::BTreeMap;

    struct Inner {
        deal_value: f64,
        when: Option<u64>,
    }

    json_record!(write Inner {
        deal_value: "dealValue" required,
        when: "when" required,
    });

    struct Person {
        name: String,
        email: String,
    }

    json_record!(write Person {
        name: "name" required,
        email: "email" required,
    });

    struct Outer {
        name: String,
        details: Inner,
        team: Vec<Person>,
        tags: Vec<String>,
        pairs: Vec<Vec<u64>>,
        map: BTreeMap<String, u64>,
        flag: bool,
        skipped: Option<String>,
    }

    json_record!(write Outer {
        name: "name" required,
        details: "details" required,
        team: "team" required,
        tags: "tags" required,
        pairs: "pairs" required,
        map: "map" required,
        flag: "flag" required,
        skipped: "skipped" omit,
    });

    #[test]
    fn every_leaf_has_its_dotted_path_and_lists_show_names() {
        let v = Outer {
            name: "Deal \"one\"".into(),
            details: Inner {
                deal_value: 1.5,
                when: None,
            },
            team: vec![
                Person {
                    name: "Lena".into(),
                    email: "l@x".into(),
                },
                Person {
                    name: "Jonas".into(),
                    email: "j@x".into(),
                },
            ],
            tags: vec!["a".into(), "b".into()],
            pairs: vec![vec![1, 2], vec![]],
            map: BTreeMap::from([("k".to_string(), 7)]),
            flag: false,
            skipped: None,
        };
        let leaf = |p: &str, t: &str| (p.to_string(), t.to_string());
        assert_eq!(
            flatten(&v),
            [
                leaf("name", "Deal \"one\""),
                leaf("details.dealValue", "1.5"),
                leaf("details.when", ""),
                leaf("team", "Lena, Jonas"),
                leaf("tags", "a, b"),
                leaf("pairs", "1, 2, "),
                leaf("map.k", "7"),
                leaf("flag", "false"),
            ]
        );
    }

    /// The leaves as the serde value of the same record gives them (serde_json's map keeps
    /// keys sorted, so the order is compared apart).
    fn from_value(v: &Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(fields) => {
                for (k, v) in fields {
                    from_value(v, child(&path, k), out);
                }
            }
            Value::Array(items) => {
                let texts: Vec<String> = items
                    .iter()
                    .map(|item| {
                        let mut inner = Vec::new();
                        from_value(item, String::new(), &mut inner);
                        item_text(inner)
                    })
                    .collect();
                out.push((path, texts.join(", ")));
            }
            Value::String(s) => out.push((path, s.clone())),
            Value::Null => out.push((path, String::new())),
            other => out.push((path, other.to_string())),
        }
    }

    #[test]
    fn a_referral_flattens_to_what_its_serde_value_holds() {
        let data = crate::domain::testing::directory();
        let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 20, 9, 0, 0).unwrap();
        let mut referrals: Vec<Referral> = demo::generate(80, &data, now)
            .referrals
            .into_iter()
            .map(|w| w.referral)
            .collect();
        referrals.push(crate::domain::testing::referral_at(
            "contoso",
            "munich",
            &["a@x", "b@x"],
        ));
        for r in referrals {
            let mut mine = flatten(&r);
            let mut theirs = Vec::new();
            from_value(
                &serde_json::to_value(&r).unwrap(),
                String::new(),
                &mut theirs,
            );
            // Field order follows the record.
            let paths: Vec<&str> = mine.iter().map(|(p, _)| p.as_str()).collect();
            assert_eq!(paths[..3], ["id", "engagementId", "organizationId"]);
            mine.sort();
            theirs.sort();
            assert_eq!(mine, theirs);
        }
    }
}
