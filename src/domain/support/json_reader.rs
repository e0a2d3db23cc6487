//! Reads the JSON the app stores and the server answers, without serde's derived readers.
//!
//! Why: serde derives a reader per type, and serde_json instantiates it once per shape it is
//! read in; for the records the app reads at start (referrals, activity, notifications,
//! set-ups, reference data, the sync's answers) that was about 36 KB of the first load's
//! 323 KB brotli (measured by replacing every read with nothing). Here one reader, not
//! generic, walks the text, and each type says in one `json_record!` line per field which
//! name it reads and what a missing field means: the same as its serde attributes, which
//! still write the JSON and read it on the server. Tests read what serde wrote, for every
//! type, and compare.
//!
//! What it accepts is JSON (RFC 8259) as serde_json does: unknown fields are skipped,
//! `null` is an absent optional value, a field given twice keeps its last value, and
//! nesting deeper than 128 is refused rather than overflowing the stack.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// Why a text could not be read, and where (as serde_json says it: line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for ReadError {}

/// A read that failed; the reader keeps why and where ([`from_json`] returns it). Being
/// empty, it costs nothing to pass up through the readers of nested records.
#[derive(Debug)]
pub struct Fail(());

pub type Read<T> = Result<T, Fail>;

/// A type read from JSON.
pub trait ReadJson: Sized {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self>;
}

/// Reads `text`, which must hold one value of `T` and nothing else but white space.
pub fn from_json<T: ReadJson>(text: &str) -> Result<T, ReadError> {
    let mut r = JsonReader::new(text);
    match T::read_json(&mut r).and_then(|value| r.end().map(|()| value)) {
        Ok(value) => Ok(value),
        Err(Fail(())) => Err(r
            .error
            .take()
            .unwrap_or_else(|| r.error_at("unreadable".into()))),
    }
}

/// Most arrays and objects one inside the other.
const MAX_DEPTH: usize = 128;

/// A position in a JSON text.
pub struct JsonReader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    error: Option<ReadError>,
}

impl<'a> JsonReader<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            depth: 0,
            error: None,
        }
    }

    fn error_at(&self, message: String) -> ReadError {
        let before = &self.text.as_bytes()[..self.pos.min(self.text.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count();
        ReadError {
            message,
            line,
            column,
        }
    }

    /// Fails here: `what` went wrong, about `detail` (a field's name, a value) if not empty.
    #[inline(never)]
    pub fn fail(&mut self, what: &str, detail: &str) -> Fail {
        if self.error.is_none() {
            let message = match detail {
                "" => what.to_string(),
                _ => format!("{what} `{detail}`"),
            };
            self.error = Some(self.error_at(message));
        }
        Fail(())
    }

    /// The value of a field that must be there.
    pub fn required<T>(&mut self, value: Option<T>, field: &str) -> Read<T> {
        match value {
            Some(value) => Ok(value),
            None => Err(self.fail("missing field", field)),
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte that is not white space, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes().get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    fn expect(&mut self, wanted: u8, what: &str) -> Read<()> {
        if self.peek() == Some(wanted) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn unexpected(&mut self, what: &str) -> Fail {
        match self.peek() {
            None => self.fail("EOF while expecting", what),
            Some(_) => self.fail("expected", what),
        }
    }

    /// Only white space may follow.
    pub fn end(&mut self) -> Read<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.fail("trailing characters", "")),
        }
    }

    fn word(&mut self, word: &str) -> bool {
        let found = self.bytes()[self.pos..].starts_with(word.as_bytes());
        if found {
            self.pos += word.len();
        }
        found
    }

    /// Consumes a `null` if one is next.
    pub fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.word("null")
    }

    #[inline(never)]
    pub fn bool(&mut self) -> Read<bool> {
        self.peek();
        if self.word("true") {
            Ok(true)
        } else if self.word("false") {
            Ok(false)
        } else {
            Err(self.unexpected("boolean"))
        }
    }

    /// A string, borrowed from the text when it has no escapes.
    fn text(&mut self) -> Read<Cow<'a, str>> {
        self.expect(b'"', "string")?;
        let bytes = self.bytes();
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            let Some(&b) = bytes.get(self.pos) else {
                return Err(self.fail("EOF while parsing a string", ""));
            };
            match b {
                b'"' => {
                    let tail = &self.text[run..self.pos];
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    let escaped = self.escape()?;
                    s.push(escaped);
                    run = self.pos;
                }
                0..=0x1f => return Err(self.fail("control character in a string", "")),
                _ => self.pos += 1,
            }
        }
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Read<char> {
        let Some(&b) = self.bytes().get(self.pos) else {
            return Err(self.fail("EOF while parsing a string", ""));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    if !self.word("\\u") {
                        return Err(self.fail("lone leading surrogate in hex escape", ""));
                    }
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.fail("lone leading surrogate in hex escape", ""));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return Err(self.fail("invalid unicode code point", "")),
                }
            }
            _ => return Err(self.fail("invalid escape", "")),
        })
    }

    fn hex4(&mut self) -> Read<u32> {
        let digits = self.text.get(self.pos..self.pos + 4);
        match digits
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|d| u32::from_str_radix(d, 16).ok())
        {
            Some(code) => {
                self.pos += 4;
                Ok(code)
            }
            None => Err(self.fail("invalid escape", "")),
        }
    }

    #[inline(never)]
    pub fn string(&mut self) -> Read<String> {
        self.text().map(Cow::into_owned)
    }

    /// A string, without copying it when it has no escapes (for values parsed further).
    #[inline(never)]
    pub fn str(&mut self) -> Read<Cow<'a, str>> {
        self.text()
    }

    /// Which of `names` the next string is (an enum's variant by its wire name).
    #[inline(never)]
    pub fn variant(&mut self, names: &[&str]) -> Read<usize> {
        let text = self.text()?;
        match names.iter().position(|n| *n == text) {
            Some(i) => Ok(i),
            None => Err(self.fail("unknown variant", &text)),
        }
    }

    /// The text of a number, checked against JSON's grammar.
    fn number(&mut self) -> Read<&'a str> {
        self.peek();
        let bytes = self.bytes();
        let start = self.pos;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = start;
        if bytes.get(pos) == Some(&b'-') {
            pos += 1;
        }
        let int_start = pos;
        if !digits(&mut pos) || (bytes[int_start] == b'0' && pos > int_start + 1) {
            return Err(self.unexpected("number"));
        }
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            if !digits(&mut pos) {
                self.pos = pos;
                return Err(self.fail("invalid number", ""));
            }
        }
        if matches!(bytes.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(bytes.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            if !digits(&mut pos) {
                self.pos = pos;
                return Err(self.fail("invalid number", ""));
            }
        }
        self.pos = pos;
        Ok(&self.text[start..pos])
    }

    #[inline(never)]
    pub fn f64(&mut self) -> Read<f64> {
        let text = self.number()?;
        match super::decimal::parse_f64(text) {
            Some(v) => Ok(v),
            None => Err(self.fail("number out of range", text)),
        }
    }

    #[inline(never)]
    pub fn u64(&mut self) -> Read<u64> {
        let text = self.number()?;
        text.parse::<u64>()
            .map_err(|_| self.fail("expected a whole number, not", text))
    }

    #[inline(never)]
    pub fn i64(&mut self) -> Read<i64> {
        let text = self.number()?;
        text.parse::<i64>()
            .map_err(|_| self.fail("expected a whole number, not", text))
    }

    /// An object: `each` reads the value of every key (or skips it).
    pub fn object(&mut self, each: &mut dyn FnMut(&mut Self, &str) -> Read<()>) -> Read<()> {
        self.expect(b'{', "object")?;
        self.enter()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("key"));
            }
            let key = self.text()?;
            self.expect(b':', ":")?;
            each(self, &key)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected(", or }")),
            }
        }
    }

    /// An array: `each` reads every element.
    pub fn array(&mut self, each: &mut dyn FnMut(&mut Self) -> Read<()>) -> Read<()> {
        self.expect(b'[', "array")?;
        self.enter()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            each(self)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected(", or ]")),
            }
        }
    }

    fn enter(&mut self) -> Read<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded", ""));
        }
        Ok(())
    }

    /// Reads past any one value.
    pub fn skip(&mut self) -> Read<()> {
        match self.peek() {
            Some(b'{') => self.object(&mut |r, _| r.skip()),
            Some(b'[') => self.array(&mut |r| r.skip()),
            Some(b'"') => self.text().map(drop),
            Some(b't' | b'f') => self.bool().map(drop),
            Some(b'n') if self.null() => Ok(()),
            _ => self.number().map(drop),
        }
    }
}

impl ReadJson for String {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        r.string()
    }
}

impl ReadJson for bool {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        r.bool()
    }
}

impl ReadJson for f64 {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        r.f64()
    }
}

impl ReadJson for u64 {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        r.u64()
    }
}

impl ReadJson for i64 {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        r.i64()
    }
}

impl ReadJson for usize {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        let n = r.u64()?;
        usize::try_from(n).map_err(|_| r.fail("number out of range", ""))
    }
}

impl<T: ReadJson> ReadJson for Option<T> {
    #[inline(never)]
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        if r.null() {
            Ok(None)
        } else {
            T::read_json(r).map(Some)
        }
    }
}

impl<T: ReadJson> ReadJson for Vec<T> {
    #[inline(never)]
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        let mut items = Vec::new();
        r.array(&mut |r| {
            items.push(T::read_json(r)?);
            Ok(())
        })?;
        Ok(items)
    }
}

impl<T: ReadJson> ReadJson for BTreeMap<String, T> {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        let mut map = BTreeMap::new();
        r.object(&mut |r, key| {
            map.insert(key.to_string(), T::read_json(r)?);
            Ok(())
        })?;
        Ok(map)
    }
}

/// Implements [`ReadJson`] and [`WriteJson`](super::json_writer::WriteJson) for a struct
/// with named fields: each field with its JSON name and what an absent one means when read:
/// `required`, `default` (its `Default`), `omit` (its `Default`, and left out when written
/// while empty, as serde's `skip_serializing_if`) or `or(value)`. Fields are written in the
/// table's order, which is the struct's. It mirrors the struct's serde attributes; tests
/// read what serde wrote and compare what serde writes (`testing/reading.rs`,
/// `testing/writing.rs`).
macro_rules! json_record {
    ($ty:ident { $($field:ident : $name:literal $mode:ident $(($default:expr))?),+ $(,)? }) => {
        impl $crate::domain::support::json_reader::ReadJson for $ty {
            fn read_json(
                r: &mut $crate::domain::support::json_reader::JsonReader<'_>,
            ) -> $crate::domain::support::json_reader::Read<Self> {
                $(let mut $field = None;)+
                r.object(&mut |r, key| {
                    match key {
                        $($name => $field = Some(
                            $crate::domain::support::json_reader::ReadJson::read_json(r)?
                        ),)+
                        _ => r.skip()?,
                    }
                    Ok(())
                })?;
                Ok($ty {
                    $($field: json_record!(@take r, $field, $name, $mode $(($default))?),)+
                })
            }
        }

        json_record!(write $ty { $($field: $name $mode),+ });
    };
    // Only written: a message the app sends and never reads (the server reads it with serde).
    (write $ty:ident { $($field:ident : $name:literal $mode:ident $(($default:expr))?),+ $(,)? }) => {
        impl $crate::domain::support::json_writer::WriteJson for $ty {
            fn write_json(&self, w: &mut $crate::domain::support::json_writer::JsonWriter<'_>) {
                w.open_object();
                $(json_record!(@put w, self.$field, $name, $mode);)+
                w.close_object();
            }
        }
    };
    (@take $r:ident, $f:ident, $name:literal, required) => {
        $r.required($f, $name)?
    };
    (@take $r:ident, $f:ident, $name:literal, default) => {
        $f.unwrap_or_default()
    };
    (@take $r:ident, $f:ident, $name:literal, omit) => {
        $f.unwrap_or_default()
    };
    (@take $r:ident, $f:ident, $name:literal, or($default:expr)) => {
        $f.unwrap_or_else(|| $default)
    };
    (@put $w:ident, $value:expr, $name:literal, omit) => {
        if !$crate::domain::support::json_writer::Omitted::omitted(&$value) {
            $w.key(concat!("\"", $name, "\":"));
            $crate::domain::support::json_writer::WriteJson::write_json(&$value, $w);
        }
    };
    (@put $w:ident, $value:expr, $name:literal, $mode:ident) => {
        $w.key(concat!("\"", $name, "\":"));
        $crate::domain::support::json_writer::WriteJson::write_json(&$value, $w);
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: ReadJson>(text: &str) -> Result<T, ReadError> {
        from_json(text)
    }

    #[test]
    fn strings_read_their_escapes_as_serde_json_does() {
        for text in [
            r#""plain""#,
            r#""tab\there \"quoted\" back\\slash \/ \b\f\n\r""#,
            r#""M\u00fcnchen \u20ac \ud83d\ude00""#,
            "\"ünïcödé 😀\"",
            r#""""#,
        ] {
            let want: String = serde_json::from_str(text).unwrap();
            assert_eq!(read::<String>(text).unwrap(), want, "{text}");
        }
        for bad in [
            r#""open"#,
            "\"control \u{1} char\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\ud83d alone""#,
            r#""\ud83d\u0041""#,
            "plain",
        ] {
            assert!(serde_json::from_str::<String>(bad).is_err(), "{bad}");
            assert!(read::<String>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_follow_json_grammar() {
        for text in ["0", "12", "-3.25", "1e3", "2.5E-2", "1234567.89", "-0"] {
            let want: f64 = serde_json::from_str(text).unwrap();
            assert_eq!(read::<f64>(text).unwrap(), want, "{text}");
        }
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "NaN", "1e999"] {
            assert!(read::<f64>(bad).is_err(), "{bad}");
        }
        assert_eq!(read::<u64>("18446744073709551615").unwrap(), u64::MAX);
        for bad in ["-1", "1.5", "1e3", "18446744073709551616", "\"1\""] {
            assert!(serde_json::from_str::<u64>(bad).is_err(), "{bad}");
            assert!(read::<u64>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn containers_and_null_read_as_serde_reads_them() {
        let text = r#" { "a" : [ 1.5 , 2 ] , "b" : [ ] , "c" : null } "#;
        let want: BTreeMap<String, Option<Vec<f64>>> = serde_json::from_str(text).unwrap();
        assert_eq!(
            read::<BTreeMap<String, Option<Vec<f64>>>>(text).unwrap(),
            want
        );
        assert_eq!(
            read::<Vec<bool>>("[true,false]").unwrap(),
            vec![true, false]
        );
        for bad in [
            "[1,]",
            "[1 2]",
            "{\"a\":1,}",
            "{a:1}",
            "[",
            "{\"a\"}",
            "[1] x",
        ] {
            assert!(read::<Vec<f64>>(bad).is_err(), "{bad}");
            assert!(read::<BTreeMap<String, f64>>(bad).is_err(), "{bad}");
        }
    }

    #[derive(Debug, PartialEq, Default)]
    struct Sample {
        name: String,
        count: u64,
        note: String,
        tags: Option<Vec<String>>,
        active: bool,
    }

    json_record!(Sample {
        name: "name" required,
        count: "count" required,
        note: "note" default,
        tags: "tags" default,
        active: "active" or(true),
    });

    #[test]
    fn a_struct_skips_unknown_fields_and_fills_absent_ones() {
        let text = r#"{"extra": {"deep": [1, {"x": null}], "s": "\"}"}, "count": 7,
            "name": "Contoso", "tags": null}"#;
        assert_eq!(
            read::<Sample>(text).unwrap(),
            Sample {
                name: "Contoso".into(),
                count: 7,
                active: true,
                ..Sample::default()
            }
        );
        let error = read::<Sample>("{\n  \"count\": 1\n}").unwrap_err();
        assert_eq!(error.to_string(), "missing field `name` at line 3 column 1");
        let error = read::<Sample>(r#"{"name": 5, "count": 1}"#).unwrap_err();
        assert_eq!(error.message, "expected `string`");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read::<Vec<f64>>(&deep).is_err());
        let mut r = JsonReader::new(&deep);
        assert!(r.skip().is_err());
    }
}
