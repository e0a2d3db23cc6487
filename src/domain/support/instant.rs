//! Instants as RFC 3339 text ("2026-11-27T14:05:00Z"), written and read by hand.
//!
//! chrono's own serde support goes through its general format-string parser; these few
//! lines do the one format the Referrals API and the store use.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serializer};

use crate::domain::support::json_reader::{JsonReader, Read, ReadJson};
use crate::domain::support::json_writer::{JsonWriter, WriteJson};

/// "2026-11-27T14:05:00Z", with milliseconds, micro- or nanoseconds when there are any.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    Rfc3339::of(t).as_str().to_string()
}

/// An instant written as [`rfc3339`] writes it, on the stack: every stored and sent record
/// holds several, and a first sync or an import writes 20,000 records (the formatting
/// machinery and an allocation per instant were a tenth of writing a referral).
struct Rfc3339 {
    bytes: [u8; 40],
    len: usize,
}

impl Rfc3339 {
    fn of(t: DateTime<Utc>) -> Rfc3339 {
        let mut w = Rfc3339 {
            bytes: [0; 40],
            len: 0,
        };
        let year = t.year();
        if year < 0 {
            w.push(b'-');
        }
        w.digits(year.unsigned_abs(), 4);
        for (separator, n) in [
            (b'-', t.month()),
            (b'-', t.day()),
            (b'T', t.hour()),
            (b':', t.minute()),
            (b':', t.second()),
        ] {
            w.push(separator);
            w.digits(n, 2);
        }
        let nanos = t.nanosecond() % 1_000_000_000;
        if nanos > 0 {
            w.push(b'.');
            if nanos % 1_000_000 == 0 {
                w.digits(nanos / 1_000_000, 3);
            } else if nanos % 1000 == 0 {
                w.digits(nanos / 1000, 6);
            } else {
                w.digits(nanos, 9);
            }
        }
        w.push(b'Z');
        w
    }

    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// `n` in decimal, with leading zeros to `width` digits.
    fn digits(&mut self, n: u32, width: usize) {
        let mut tmp = [b'0'; 10];
        let (mut n, mut used) = (n, 0);
        while n > 0 || used == 0 {
            used += 1;
            tmp[10 - used] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        for &b in &tmp[10 - used.max(width).min(10)..] {
            self.push(b);
        }
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits and separators are pushed.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// Parses "2026-11-27T14:05:00Z", "2026-11-27t14:05:00.5+01:00" or with a space for `T`.
pub fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 2)?, num(8, 2)?)?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let mut at = 19;
    let mut nanos = 0u32;
    if sep(at, b".") {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 9 {
                nanos = nanos * 10 + u32::from(b[at] - b'0');
            }
            at += 1;
        }
        if at == start {
            return None;
        }
        nanos *= 10u32.pow(9u32.saturating_sub((at - start) as u32));
    }
    let offset_minutes: i64 = match b.get(at) {
        Some(b'Z' | b'z') if at + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if at + 6 == b.len() && sep(at + 3, b":") => {
            let minutes = i64::from(num(at + 1, 2)? * 60 + num(at + 4, 2)?);
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    let local = date.and_hms_nano_opt(hour, minute, second.min(59), nanos)?;
    Some(local.and_utc() - TimeDelta::minutes(offset_minutes))
}

/// Reads an instant from the text as the deserializer lends it: no copy of each instant of
/// the 20,000 records a first sync or a cold start reads.
struct InstantText;

impl serde::de::Visitor<'_> for InstantText {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an RFC 3339 date-time")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        parse_rfc3339(text)
            .ok_or_else(|| E::custom(format!("\"{text}\" is not an RFC 3339 date-time")))
    }
}

impl ReadJson for DateTime<Utc> {
    #[inline(never)]
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        let text = r.str()?;
        parse_rfc3339(&text).ok_or_else(|| r.fail("not an RFC 3339 date-time:", &text))
    }
}

/// As `utc` writes it: "2026-11-27T09:30:00Z", with fractions only when there are any.
impl WriteJson for DateTime<Utc> {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.string(Rfc3339::of(*self).as_str());
    }
}

/// As `date` writes it: "2026-11-27".
impl WriteJson for NaiveDate {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.string(&iso_date(*self));
    }
}

impl ReadJson for NaiveDate {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        let text = r.str()?;
        parse_iso_date(&text).ok_or_else(|| r.fail("not a date such as 2026-11-27:", &text))
    }
}

/// `#[serde(with = "crate::domain::support::instant::utc")]`
pub mod utc {
    use super::*;

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(Rfc3339::of(*t).as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(InstantText)
    }
}

/// `#[serde(with = "crate::domain::support::instant::utc_opt")]` for optional instants.
pub mod utc_opt {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(Rfc3339::of(*t).as_str()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        d.deserialize_option(OptionalInstantText)
    }

    struct OptionalInstantText;

    impl<'de> serde::de::Visitor<'de> for OptionalInstantText {
        type Value = Option<DateTime<Utc>>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 date-time or null")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(InstantText).map(Some)
        }
    }
}

/// "2026-11-27".
pub fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `#[serde(with = "crate::domain::support::instant::date")]` for calendar dates ("2026-11-27").
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&iso_date(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        parse_iso_date(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("\"{text}\" is not a date such as 2026-11-27"))
        })
    }
}

/// `#[serde(with = "crate::domain::support::instant::date_opt")]` for optional calendar dates.
pub mod date_opt {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&iso_date(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => parse_iso_date(&text).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!("\"{text}\" is not a date such as 2026-11-27"))
            }),
        }
    }
}

/// Parses "2026-11-27" (the value of a date input).
pub fn parse_iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_what_chrono_writes_and_reads() {
        let samples = [
            "2026-11-27T14:05:00Z",
            "2026-02-28T23:59:59.500Z",
            "1999-12-31T00:00:00.123456Z",
            "2030-06-01T12:00:00.000000001Z",
        ];
        for s in samples {
            let chrono_reads = DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
            assert_eq!(parse_rfc3339(s), Some(chrono_reads), "{s}");
            assert_eq!(
                rfc3339(chrono_reads),
                serde_json::to_value(chrono_reads)
                    .unwrap()
                    .as_str()
                    .unwrap(),
                "{s}"
            );
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// Written as chrono writes it (seconds, then milli-, micro- or nanoseconds as
        /// needed), for any instant of years 0 to 9999, and read back the same.
        #[test]
        fn any_instant_is_written_as_chrono_writes_it_and_read_back(
            seconds in -62_167_219_200i64..253_402_300_800,
            nanos in proptest::prop_oneof![
                proptest::strategy::Just(0u32),
                (1u32..1000).prop_map(|ms| ms * 1_000_000),
                (1u32..1_000_000).prop_map(|us| us * 1000),
                0u32..1_000_000_000,
            ],
        ) {
            let t = DateTime::from_timestamp(seconds, nanos).unwrap();
            let written = rfc3339(t);
            proptest::prop_assert_eq!(
                &written,
                &t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
            );
            proptest::prop_assert_eq!(parse_rfc3339(&written), Some(t));
        }
    }

    #[test]
    fn reads_offsets_lower_case_and_a_space() {
        let utc = parse_rfc3339("2026-11-27T13:05:00Z").unwrap();
        assert_eq!(parse_rfc3339("2026-11-27T14:05:00+01:00"), Some(utc));
        assert_eq!(parse_rfc3339("2026-11-27t08:35:00-04:30"), Some(utc));
        assert_eq!(parse_rfc3339("2026-11-27 13:05:00z"), Some(utc));
    }

    #[test]
    fn refuses_what_is_not_an_instant() {
        for bad in [
            "",
            "2026-11-27",
            "2026-11-27T14:05Z",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-27T14:05:00",
            "2026-11-27T14:05:00.Z",
            "2026-11-27T14:05:00+0100",
            "2026-11-27T14:05:00Zjunk",
            "２026-11-27T14:05:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_round_trip_as_chrono_writes_them() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct T {
            #[serde(with = "date")]
            on: NaiveDate,
            #[serde(with = "date_opt", default)]
            until: Option<NaiveDate>,
        }
        let on = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        let t = T {
            on,
            until: Some(on),
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!(r#"{{"on":"{on}","until":"{on}"}}"#));
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), t);
        assert!(serde_json::from_str::<T>(r#"{"on":"2027-02-30"}"#).is_err());
    }

    #[test]
    fn fields_round_trip_through_serde() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct T {
            #[serde(with = "utc")]
            at: DateTime<Utc>,
            #[serde(with = "utc_opt", default)]
            until: Option<DateTime<Utc>>,
        }
        let t = T {
            at: parse_rfc3339("2026-11-27T14:05:00Z").unwrap(),
            until: None,
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"at":"2026-11-27T14:05:00Z","until":null}"#);
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), t);
        assert_eq!(
            serde_json::from_str::<T>(r#"{"at":"2026-11-27T14:05:00Z"}"#).unwrap(),
            t
        );
        assert!(serde_json::from_str::<T>(r#"{"at":"yesterday"}"#)
            .unwrap_err()
            .to_string()
            .contains("RFC 3339"));
        // The instants are read from the text serde lends, and from the text it unescapes.
        let later = T {
            until: parse_rfc3339("2026-12-01T08:00:00.250Z"),
            ..t
        };
        let json = serde_json::to_string(&later).unwrap();
        assert_eq!(
            json,
            r#"{"at":"2026-11-27T14:05:00Z","until":"2026-12-01T08:00:00.250Z"}"#
        );
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), later);
        let escaped =
            r#"{"at":"2026-11-27T14:05:00\u005a","until":"2026-12-01T08:00:00.250\u005A"}"#;
        assert_eq!(serde_json::from_str::<T>(escaped).unwrap(), later);
        for bad in [
            r#"{"at":"2026-11-27T14:05:00Z","until":"soon"}"#,
            r#"{"at":"2026-11-27T14:05:00Z","until":7}"#,
            r#"{"at":1764252300}"#,
        ] {
            let error = serde_json::from_str::<T>(bad).unwrap_err().to_string();
            assert!(error.contains("RFC 3339"), "{bad}: {error}");
        }
    }
}
