//! Writes the JSON the app stores and sends, without serde's derived writers.
//!
//! Why: as for reading (`json_reader.rs`), serde derives a writer per type and
//! serde_json instantiates it per output; the records the app writes at start (referrals,
//! activity, notifications, set-ups, the sync's outbox and pushes) were about 25 KB of code
//! in the first module. Here one writer, not generic, appends to a `String`, and each record
//! writes its fields from the same `json_record!` table it is read by. The output is byte
//! for byte what serde_json writes for the same value with the type's serde attributes (the
//! server reads it with serde, and tests compare the two for every type).

use std::collections::BTreeMap;

/// A type written as JSON.
pub trait WriteJson {
    fn write_json(&self, w: &mut JsonWriter<'_>);
}

/// `value` as compact JSON.
pub fn to_json<T: WriteJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    write_json_into(value, &mut out);
    out
}

/// Appends `value` as compact JSON to `out` (a buffer reused from record to record).
pub fn write_json_into<T: WriteJson + ?Sized>(value: &T, out: &mut String) {
    value.write_json(&mut JsonWriter {
        out: Out::Text(out),
    });
}

/// The leaves of `value` as JSON would show them, in field order: each scalar with its
/// dotted path (`("details.dealValue", "120000.0")`), `null` as an empty text, and a list
/// as one leaf, its items' `name` leaves (or all their texts) joined with ", ". A field
/// the JSON leaves out has no leaf. This is the activity diff's view of a record; it is
/// taken from the same writes as the JSON, without writing the text.
pub fn leaves<T: WriteJson + ?Sized>(value: &T) -> Vec<(String, String)> {
    let mut leaves = Leaves::default();
    value.write_json(&mut JsonWriter {
        out: Out::Leaves(&mut leaves),
    });
    leaves.out
}

/// Writes JSON: as text to a string, or as the leaves of [`leaves`]. In text, objects and
/// arrays need no state of their own: a comma goes before a key or an item unless the last
/// character written opened them.
pub struct JsonWriter<'a> {
    out: Out<'a>,
}

enum Out<'a> {
    Text(&'a mut String),
    Leaves(&'a mut Leaves),
}

#[derive(Default)]
struct Leaves {
    out: Vec<(String, String)>,
    /// The path of the object being written, and of those around it.
    prefix: String,
    outer: Vec<String>,
    /// The path of the field whose value comes next.
    field: Option<String>,
}

impl Leaves {
    /// The path the next value is at: its field's, or the object's (a list item's own).
    fn path(&mut self) -> String {
        self.field.take().unwrap_or_else(|| self.prefix.clone())
    }

    fn leaf(&mut self, text: String) {
        let path = self.path();
        self.out.push((path, text));
    }

    fn key(&mut self, key: &str) {
        // Not `format!`: a new deal's history entry names each of its fields.
        let mut path = String::with_capacity(self.prefix.len() + 1 + key.len());
        if !self.prefix.is_empty() {
            path.push_str(&self.prefix);
            path.push('.');
        }
        path.push_str(key);
        self.field = Some(path);
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

impl JsonWriter<'_> {
    pub fn open_object(&mut self) {
        match &mut self.out {
            Out::Text(out) => out.push('{'),
            Out::Leaves(l) => {
                let path = l.path();
                let outer = std::mem::replace(&mut l.prefix, path);
                l.outer.push(outer);
            }
        }
    }

    pub fn close_object(&mut self) {
        match &mut self.out {
            Out::Text(out) => out.push('}'),
            Out::Leaves(l) => l.prefix = l.outer.pop().unwrap_or_default(),
        }
    }

    /// Starts a field: `quoted` is the key already quoted with its colon (`"name":`), as
    /// `json_record!` writes it at compile time.
    pub fn key(&mut self, quoted: &str) {
        match &mut self.out {
            Out::Text(out) => {
                separate(out, b'{');
                out.push_str(quoted);
            }
            Out::Leaves(l) => l.key(quoted.get(1..quoted.len() - 2).unwrap_or_default()),
        }
    }

    /// Starts a field whose key is only known at run time (a map's).
    pub fn key_str(&mut self, key: &str) {
        match &mut self.out {
            Out::Text(out) => {
                separate(out, b'{');
                self.string(key);
                self.punct(":");
            }
            Out::Leaves(l) => l.key(key),
        }
    }

    /// A scalar's JSON text as it is, which is also its leaf's text.
    fn scalar(&mut self, text: &str) {
        match &mut self.out {
            Out::Text(out) => out.push_str(text),
            Out::Leaves(l) => l.leaf(text.to_string()),
        }
    }

    pub fn null(&mut self) {
        match &mut self.out {
            Out::Text(out) => out.push_str("null"),
            Out::Leaves(l) => l.leaf(String::new()),
        }
    }

    /// A string, escaped as serde_json escapes it: quotes, backslashes and control
    /// characters, nothing else.
    pub fn string(&mut self, text: &str) {
        let out = match &mut self.out {
            Out::Text(out) => out,
            Out::Leaves(l) => return l.leaf(text.to_string()),
        };
        out.push('"');
        let bytes = text.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            out.push_str(&text[start..i]);
            start = i + 1;
            match escape {
                "" => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(HEX[usize::from(b >> 4)] as char);
                    out.push(HEX[usize::from(b & 0xf)] as char);
                }
                _ => out.push_str(escape),
            }
        }
        out.push_str(&text[start..]);
        out.push('"');
    }

    pub fn bool(&mut self, value: bool) {
        self.scalar(if value { "true" } else { "false" });
    }

    /// A number as serde_json writes it (the shortest text that reads back the same, and
    /// `null` for what JSON cannot hold).
    pub fn f64(&mut self, value: f64) {
        match value.is_finite() {
            true => self.scalar(zmij::Buffer::new().format_finite(value)),
            false => self.null(),
        }
    }

    pub fn u64(&mut self, value: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = value;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        // ASCII digits.
        self.scalar(std::str::from_utf8(&digits[at..]).unwrap_or_default());
    }

    pub fn i64(&mut self, value: i64) {
        match value < 0 {
            true => {
                let mut text = String::from("-");
                write_json_into(&value.unsigned_abs(), &mut text);
                self.scalar(&text);
            }
            false => self.u64(value.unsigned_abs()),
        }
    }

    /// An array of `items`.
    pub fn array<T: WriteJson>(&mut self, items: &[T]) {
        if let Out::Leaves(l) = &mut self.out {
            let texts: Vec<String> = items.iter().map(|item| item_text(leaves(item))).collect();
            return l.leaf(texts.join(", "));
        }
        self.punct("[");
        for item in items {
            if let Out::Text(out) = &mut self.out {
                separate(out, b'[');
            }
            item.write_json(self);
        }
        self.punct("]");
    }

    /// Text between values: written in text, nothing in leaves.
    fn punct(&mut self, text: &str) {
        if let Out::Text(out) = &mut self.out {
            out.push_str(text);
        }
    }
}

fn separate(out: &mut String, open: u8) {
    if out.as_bytes().last() != Some(&open) {
        out.push(',');
    }
}

/// Whether a field with `skip_serializing_if` is left out: `None`, an empty text or list,
/// `false`.
pub trait Omitted {
    fn omitted(&self) -> bool;
}

impl<T> Omitted for Option<T> {
    fn omitted(&self) -> bool {
        self.is_none()
    }
}

impl Omitted for String {
    fn omitted(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Omitted for Vec<T> {
    fn omitted(&self) -> bool {
        self.is_empty()
    }
}

impl<K, V> Omitted for BTreeMap<K, V> {
    fn omitted(&self) -> bool {
        self.is_empty()
    }
}

impl Omitted for bool {
    fn omitted(&self) -> bool {
        !*self
    }
}

impl WriteJson for str {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.string(self);
    }
}

impl WriteJson for String {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.string(self);
    }
}

impl WriteJson for bool {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.bool(*self);
    }
}

impl WriteJson for f64 {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.f64(*self);
    }
}

impl WriteJson for u64 {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.u64(*self);
    }
}

impl WriteJson for usize {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.u64(*self as u64);
    }
}

impl WriteJson for i64 {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.i64(*self);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        (**self).write_json(w);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        match self {
            Some(value) => value.write_json(w),
            None => w.null(),
        }
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.array(self);
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.array(self);
    }
}

impl<T: WriteJson> WriteJson for BTreeMap<String, T> {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.open_object();
        for (key, value) in self {
            w.key_str(key);
            value.write_json(w);
        }
        w.close_object();
    }
}

/// Implements [`WriteJson`] for an enum that serde writes with an inner tag
/// (`#[serde(tag = "command")]`): `{"command": "accept", "referralId": …}`, each variant
/// with its wire name and its fields' JSON names, in declaration order. The app only
/// writes these (the server reads them).
macro_rules! write_tagged {
    ($ty:ident, $tag:literal {
        $($variant:ident $wire:literal { $($field:ident : $name:literal),* $(,)? }),+ $(,)?
    }) => {
        impl $crate::domain::support::json_writer::WriteJson for $ty {
            fn write_json(&self, w: &mut $crate::domain::support::json_writer::JsonWriter<'_>) {
                w.open_object();
                match self {
                    $($ty::$variant { $($field),* } => {
                        w.key(concat!("\"", $tag, "\":"));
                        w.string($wire);
                        $(
                            w.key(concat!("\"", $name, "\":"));
                            $crate::domain::support::json_writer::WriteJson::write_json($field, w);
                        )*
                    })+
                }
                w.close_object();
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_numbers_and_lists_are_written_as_serde_json_writes_them() {
        let texts = [
            "plain",
            "",
            "quote \" backslash \\ slash /",
            "lines\nand\ttabs\r\u{8}\u{c}",
            "control \u{1} \u{1f} \u{7f}",
            "umlauts äöü, emoji 🙂, \u{2028}",
        ];
        for text in texts {
            assert_eq!(
                to_json(text),
                serde_json::to_string(text).unwrap(),
                "{text:?}"
            );
        }
        let numbers = [
            0.0,
            -0.0,
            1.0,
            1.5,
            -2.25,
            120000.0,
            1e20,
            1e21,
            1.0e-7,
            0.1,
            1.0 / 3.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
        ];
        for n in numbers {
            assert_eq!(to_json(&n), serde_json::to_string(&n).unwrap(), "{n}");
        }
        for n in [0u64, 7, 10, 99, 12345, u64::MAX] {
            assert_eq!(to_json(&n), serde_json::to_string(&n).unwrap());
        }
        for n in [0i64, -1, -10, i64::MIN, i64::MAX] {
            assert_eq!(to_json(&n), serde_json::to_string(&n).unwrap());
        }
        let nested = vec![vec![], vec![Some(true), None], vec![Some(false)]];
        assert_eq!(to_json(&nested), serde_json::to_string(&nested).unwrap());
        let map = BTreeMap::from([
            ("a\"b".to_string(), vec!["x".to_string()]),
            ("c".to_string(), vec![]),
        ]);
        assert_eq!(to_json(&map), serde_json::to_string(&map).unwrap());
        assert_eq!(to_json(&BTreeMap::<String, u64>::new()), "{}");
    }

    #[derive(serde::Serialize)]
    #[serde(
        tag = "kind",
        rename_all = "camelCase",
        rename_all_fields = "camelCase"
    )]
    enum Sample {
        Empty {},
        Named { first_name: String, count: u64 },
    }

    write_tagged!(Sample, "kind" {
        Empty "empty" {},
        Named "named" { first_name: "firstName", count: "count" },
    });

    #[test]
    fn a_tagged_enum_writes_its_tag_first() {
        for value in [
            Sample::Empty {},
            Sample::Named {
                first_name: "Lena".into(),
                count: 3,
            },
        ] {
            assert_eq!(to_json(&value), serde_json::to_string(&value).unwrap());
        }
    }
}
