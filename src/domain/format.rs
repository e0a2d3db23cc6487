//! Display formats shared by every screen.

use chrono::{DateTime, Datelike, Timelike, Utc};

/// "EUR 1,250,000" or "USD 99.50": the amount with thousands separators.
pub fn money(value: f64, currency: &str) -> String {
    let cents = (value * 100.0).round() as i64;
    let (whole, frac) = (cents / 100, (cents % 100).abs());
    let digits = whole.abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if cents < 0 { "-" } else { "" };
    if frac == 0 {
        format!("{currency} {sign}{grouped}")
    } else {
        format!("{currency} {sign}{grouped}.{frac:02}")
    }
}

/// "25 %": a share rounded to a whole percent (no float formatting in the wasm).
pub fn percent(value: f64) -> String {
    format!("{} %", value.round() as i64)
}

/// A duration in hours as a person says it: "45 min", "10 h", "2 days 4 h".
pub fn hours(h: f64) -> String {
    let minutes = (h * 60.0).round() as i64;
    match (minutes / (24 * 60), (minutes / 60) % 24) {
        (0, 0) => format!("{minutes} min"),
        (0, h) => format!("{h} h"),
        (1, h) => format!("1 day {h} h"),
        (d, h) => format!("{d} days {h} h"),
    }
}

// Formatted by hand rather than with chrono's strftime, which would add its whole
// format-string machinery to the wasm for two fixed formats.

/// "2026-11-27": dates in ISO form, unambiguous across locales.
pub fn date(t: DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day())
}

/// "2026-11-27 14:05 UTC".
pub fn date_time(t: DateTime<Utc>) -> String {
    format!("{} {:02}:{:02} UTC", date(t), t.hour(), t.minute())
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
    fn money_groups_thousands_and_keeps_cents() {
        assert_eq!(money(1_250_000.0, "EUR"), "EUR 1,250,000");
        assert_eq!(money(99.5, "USD"), "USD 99.50");
        assert_eq!(money(0.0, "GBP"), "GBP 0");
        assert_eq!(money(999.0, "EUR"), "EUR 999");
        assert_eq!(money(1000.0, "EUR"), "EUR 1,000");
        assert_eq!(money(-1234.5, "EUR"), "EUR -1,234.50");
    }

    #[test]
    fn shares_and_durations_read_as_people_say_them() {
        assert_eq!(percent(25.0), "25 %");
        assert_eq!(percent(33.333), "33 %");
        assert_eq!(hours(0.75), "45 min");
        assert_eq!(hours(10.0), "10 h");
        assert_eq!(hours(28.0), "1 day 4 h");
        assert_eq!(hours(52.4), "2 days 4 h");
    }

    #[test]
    fn dates_are_iso_and_times_say_utc() {
        use chrono::TimeZone;
        let t = Utc.with_ymd_and_hms(2026, 11, 27, 14, 5, 9).unwrap();
        assert_eq!(date(t), "2026-11-27");
        assert_eq!(date_time(t), "2026-11-27 14:05 UTC");
        assert_eq!(parse_iso_date("2026-02-28"), chrono::NaiveDate::from_ymd_opt(2026, 2, 28));
        for bad in ["2026-02-30", "26-02-28", "2026-2-28", "soon", ""] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
