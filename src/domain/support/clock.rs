//! The app's clock. `?now=<RFC 3339>` sets a simulated time for a tab (SPEC §12); it keeps
//! ticking from there, so countdowns move as they would for real.

use chrono::{DateTime, Duration, Utc};

/// The difference between the simulated and the real time, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClockOffset(pub i64);

impl ClockOffset {
    /// The offset that makes `real` read as `simulated`.
    pub fn simulating(simulated: DateTime<Utc>, real: DateTime<Utc>) -> Self {
        ClockOffset((simulated - real).num_milliseconds())
    }

    /// The app's time for the real time `real`.
    pub fn now(self, real: DateTime<Utc>) -> DateTime<Utc> {
        real + Duration::milliseconds(self.0)
    }

    pub fn is_simulated(self) -> bool {
        self.0 != 0
    }
}

/// Parses the value of `?now=`; `None` when it is not an RFC 3339 instant (the app says so
/// with `Text::NowParamInvalid` and uses the real time).
pub fn parse_now(value: &str) -> Option<DateTime<Utc>> {
    crate::domain::support::instant::parse_rfc3339(value.trim())
}

/// The largest exchange `?demo=` builds.
pub const MAX_DEMO_DEALS: usize = 100_000;

/// Parses the value of `?demo=`: a whole number from 1 to [`MAX_DEMO_DEALS`].
pub fn parse_demo_count(value: &str) -> Option<usize> {
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=MAX_DEMO_DEALS).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_simulated_clock_keeps_ticking_from_the_given_instant() {
        let real = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
        let simulated = parse_now("2027-01-15T09:00:00+01:00").unwrap();
        let offset = ClockOffset::simulating(simulated, real);
        assert!(offset.is_simulated());
        assert_eq!(
            offset.now(real),
            Utc.with_ymd_and_hms(2027, 1, 15, 8, 0, 0).unwrap()
        );
        assert_eq!(
            offset.now(real + Duration::hours(1)),
            Utc.with_ymd_and_hms(2027, 1, 15, 9, 0, 0).unwrap()
        );
    }

    #[test]
    fn bad_hook_values_are_explained() {
        assert!(parse_now("tomorrow").is_none());
        assert_eq!(parse_demo_count("25"), Some(25));
        assert!(parse_demo_count("0").is_none());
        assert!(parse_demo_count("lots").is_none());
        assert!(parse_demo_count("1000000").is_none());
    }
}
