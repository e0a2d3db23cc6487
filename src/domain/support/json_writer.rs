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
    value.write_json(&mut JsonWriter { out });
}

/// Appends JSON to a string. Objects and arrays need no state of their own: a comma goes
/// before a key or an item unless the last character written opened them.
pub struct JsonWriter<'a> {
    out: &'a mut String,
}

impl JsonWriter<'_> {
    pub fn open_object(&mut self) {
        self.out.push('{');
    }

    pub fn close_object(&mut self) {
        self.out.push('}');
    }

    /// Starts a field: `quoted` is the key already quoted with its colon (`"name":`), as
    /// `json_record!` writes it at compile time.
    pub fn key(&mut self, quoted: &str) {
        self.separate(b'{');
        self.out.push_str(quoted);
    }

    /// Starts a field whose key is only known at run time (a map's).
    pub fn key_str(&mut self, key: &str) {
        self.separate(b'{');
        self.string(key);
        self.out.push(':');
    }

    /// Writes `raw` as it is: a name or text known to need no escape, already quoted.
    pub fn raw(&mut self, raw: &str) {
        self.out.push_str(raw);
    }

    fn separate(&mut self, open: u8) {
        if self.out.as_bytes().last() != Some(&open) {
            self.out.push(',');
        }
    }

    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// A string, escaped as serde_json escapes it: quotes, backslashes and control
    /// characters, nothing else.
    pub fn string(&mut self, text: &str) {
        self.out.push('"');
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
            self.out.push_str(&text[start..i]);
            start = i + 1;
            match escape {
                "" => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.out.push_str("\\u00");
                    self.out.push(HEX[usize::from(b >> 4)] as char);
                    self.out.push(HEX[usize::from(b & 0xf)] as char);
                }
                _ => self.out.push_str(escape),
            }
        }
        self.out.push_str(&text[start..]);
        self.out.push('"');
    }

    pub fn bool(&mut self, value: bool) {
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// A number as serde_json writes it (the shortest text that reads back the same, and
    /// `null` for what JSON cannot hold).
    pub fn f64(&mut self, value: f64) {
        match value.is_finite() {
            true => self.out.push_str(zmij::Buffer::new().format_finite(value)),
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
        for &d in &digits[at..] {
            self.out.push(d as char);
        }
    }

    pub fn i64(&mut self, value: i64) {
        if value < 0 {
            self.out.push('-');
        }
        self.u64(value.unsigned_abs());
    }

    /// An array of `items`.
    pub fn array<T: WriteJson>(&mut self, items: &[T]) {
        self.out.push('[');
        for item in items {
            self.separate(b'[');
            item.write_json(self);
        }
        self.out.push(']');
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
                        w.raw(concat!("\"", $tag, "\":\"", $wire, "\""));
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
