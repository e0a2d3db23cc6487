//! Display formats shared by every screen.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};

use crate::domain::support::i18n::Text;
use crate::domain::support::instant::parse_iso_date;
use crate::domain::support::locale::Locale;

/// "EUR 1,250,000" or "USD 99.50": the amount with thousands separators.
pub fn money(value: f64, currency: &str) -> String {
    money_in(Locale::En, value, currency)
}

/// The amount as the locale writes it: "EUR 1,250,000.50" in English, "1.250.000,50 EUR" in
/// German (whole amounts without cents in both).
pub fn money_in(locale: Locale, value: f64, currency: &str) -> String {
    let (group, decimal) = locale.separators();
    let cents = (value * 100.0).round() as i64;
    let (whole, frac) = (cents / 100, (cents % 100).abs());
    let digits = whole.abs().to_string();
    let mut amount = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if cents < 0 {
        amount.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            amount.push(group);
        }
        amount.push(ch);
    }
    if frac != 0 {
        amount.push(decimal);
        amount.push_str(&format!("{frac:02}"));
    }
    match locale {
        Locale::En => format!("{currency} {amount}"),
        Locale::De => format!("{amount} {currency}"),
    }
}

/// "25 %": a share rounded to a whole percent (no float formatting in the wasm).
pub fn percent(value: f64) -> String {
    format!("{} %", value.round() as i64)
}

/// A duration in hours as a person says it: "45 min", "10 h", "2 days 4 h".
pub fn hours(h: f64) -> String {
    hours_in(Locale::En, h)
}

/// [`hours`] in `locale` ("2 Tage 4 Std.").
pub fn hours_in(locale: Locale, h: f64) -> String {
    use crate::domain::support::i18n::Text;
    let minutes = (h * 60.0).round() as i64;
    let (d, h) = (
        (minutes / (24 * 60)).to_string(),
        ((minutes / 60) % 24).to_string(),
    );
    match (minutes / (24 * 60), (minutes / 60) % 24) {
        (0, 0) => Text::LeftMinutes.fill(locale, &[("m", &minutes.to_string())]),
        (0, _) => Text::WholeHours.fill(locale, &[("h", &h)]),
        (1, _) => Text::LeftOneDay.fill(locale, &[("h", &h)]),
        _ => Text::LeftDays.fill(locale, &[("d", &d), ("h", &h)]),
    }
}

// Formatted by hand rather than with chrono's strftime, which would add its whole
// format-string machinery to the wasm for two fixed formats.

/// "2026-11-27": dates in ISO form, unambiguous across locales.
pub fn date(t: DateTime<Utc>) -> String {
    date_in(Locale::En, t)
}

/// "2026-11-27 14:05 UTC".
pub fn date_time(t: DateTime<Utc>) -> String {
    date_time_in(Locale::En, t)
}

/// A date as the locale writes it: "2026-11-27" (ISO) in English, "27.11.2026" in German.
pub fn date_in(locale: Locale, t: DateTime<Utc>) -> String {
    match locale {
        Locale::En => format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()),
        Locale::De => format!("{:02}.{:02}.{:04}", t.day(), t.month(), t.year()),
    }
}

/// "2026-11-27 14:05 UTC" / "27.11.2026, 14:05 UTC".
pub fn date_time_in(locale: Locale, t: DateTime<Utc>) -> String {
    let sep = if locale == Locale::De { ", " } else { " " };
    format!(
        "{}{sep}{:02}:{:02} UTC",
        date_in(locale, t),
        t.hour(),
        t.minute()
    )
}

/// The value of a date input ("2027-01-06") as `locale` writes dates ("06.01.2027"); other
/// text unchanged.
pub fn day_in(locale: Locale, text: &str) -> String {
    match parse_iso_date(text) {
        Some(day) => date_in(locale, day.and_time(chrono::NaiveTime::MIN).and_utc()),
        None => text.to_string(),
    }
}

/// "13 days 4 h", "5 h 12 min", "Due now".
pub fn time_left_label(left: Duration) -> String {
    time_left_label_in(Locale::En, left)
}

/// "2 days 4 h" / "2 Tage 4 Std.".
pub fn time_left_label_in(locale: Locale, left: Duration) -> String {
    let minutes = left.num_minutes();
    if minutes <= 0 {
        return Text::DueNow.get(locale).to_string();
    }
    let (days, hours, mins) = (minutes / (24 * 60), (minutes / 60) % 24, minutes % 60);
    let (d, h, m) = (days.to_string(), hours.to_string(), mins.to_string());
    let values = [("d", d.as_str()), ("h", h.as_str()), ("m", m.as_str())];
    match days {
        0 if hours == 0 => Text::LeftMinutes.fill(locale, &values),
        0 => Text::LeftHours.fill(locale, &values),
        1 => Text::LeftOneDay.fill(locale, &values),
        _ => Text::LeftDays.fill(locale, &values),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_amounts_and_dates_use_german_separators_and_order() {
        use chrono::TimeZone;
        assert_eq!(money_in(Locale::De, 1_250_000.0, "EUR"), "1.250.000 EUR");
        assert_eq!(money_in(Locale::De, 99.5, "USD"), "99,50 USD");
        assert_eq!(money_in(Locale::De, -1234.05, "EUR"), "-1.234,05 EUR");
        assert_eq!(money_in(Locale::En, -1234.05, "EUR"), "EUR -1,234.05");
        let t = Utc.with_ymd_and_hms(2027, 1, 6, 9, 5, 0).unwrap();
        assert_eq!(date_in(Locale::De, t), "06.01.2027");
        assert_eq!(date_time_in(Locale::De, t), "06.01.2027, 09:05 UTC");
        assert_eq!(date_time(t), "2027-01-06 09:05 UTC");
        assert_eq!(day_in(Locale::De, "2027-01-06"), "06.01.2027");
        assert_eq!(day_in(Locale::En, "2027-01-06"), "2027-01-06");
        assert_eq!(day_in(Locale::De, "soon"), "soon");
        assert_eq!(hours_in(Locale::De, 52.0), "2 Tage 4 Std.");
        assert_eq!(hours_in(Locale::En, 0.75), "45 min");
    }

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
        assert_eq!(
            parse_iso_date("2026-02-28"),
            chrono::NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        for bad in ["2026-02-30", "26-02-28", "2026-2-28", "soon", ""] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
