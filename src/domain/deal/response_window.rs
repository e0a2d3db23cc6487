//! The response window (SPEC §4): a received referral is answered within 14 days of its
//! arrival, or the system expires it. How long is left, and when it is due, are decided
//! here only; the Expire command (`deal::commands`) applies it.

use chrono::{DateTime, Duration, Utc};

use crate::domain::records::referral::Referral;

/// Inbound and Outbound referrals get 14 days to be answered (SPEC §3).
pub const RESPONSE_DAYS: i64 = 14;

/// Time left to accept or decline a Received referral; `None` for any other state.
/// Zero once the window has passed (the deal is due to expire).
pub fn time_left(r: &Referral, now: DateTime<Utc>) -> Option<Duration> {
    if !r.awaits_answer() {
        return None;
    }
    let deadline = r
        .expiration_date_time
        .unwrap_or(r.created_date_time + Duration::days(RESPONSE_DAYS));
    Some((deadline - now).max(Duration::zero()))
}

/// Whether the window of `r` has passed at `now`: it is due to expire.
pub fn is_due(r: &Referral, now: DateTime<Utc>) -> bool {
    time_left(r, now).is_some_and(|left| left <= Duration::zero())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::referral::Substatus;
    use crate::domain::testing::referral_at;

    #[test]
    fn a_received_referral_is_due_once_its_fourteen_days_have_passed() {
        let mut r = referral_at("contoso", "contoso-de", &[]);
        let arrived = r.created_date_time;
        r.substatus = Substatus::Received;
        r.expiration_date_time = None;
        let deadline = arrived + Duration::days(RESPONSE_DAYS);
        assert_eq!(time_left(&r, arrived), Some(Duration::days(14)));
        assert!(!is_due(&r, deadline - Duration::minutes(1)));
        assert!(is_due(&r, deadline));
        r.expiration_date_time = Some(arrived + Duration::days(2));
        assert!(
            is_due(&r, arrived + Duration::days(2)),
            "a stored expiry wins"
        );
        r.substatus = Substatus::Accepted;
        assert!(!is_due(&r, deadline), "an answered referral has no window");
    }

    /// The window is 14 × 24 hours of real time, whatever the reader's clock does: across
    /// the DST changes of Europe, North America and New Zealand, and at the far ends of the
    /// time zones, the deadline falls on the exact second 336 hours after arrival.
    #[test]
    fn the_window_ends_on_the_exact_second_across_daylight_saving_changes() {
        use chrono::TimeZone;
        let arrivals = [
            // The last second before, and the first after, each change (as UTC instants).
            "2026-03-29T00:59:59Z", // Europe: 02:00 CET → 03:00 CEST
            "2026-03-29T01:00:00Z",
            "2026-10-25T00:59:59Z", // Europe: 03:00 CEST → 02:00 CET
            "2026-03-08T06:59:59Z", // New York: 02:00 EST → 03:00 EDT
            "2026-11-01T06:00:00Z", // New York: 02:00 EDT → 01:00 EST
            "2026-04-04T13:59:59Z", // Auckland: 03:00 NZDT → 02:00 NZST
            "2026-12-31T10:00:00Z", // midnight in Kiritimati (UTC+14)
            "2027-01-01T12:00:00Z", // midnight on Baker Island (UTC-12)
        ];
        for at in arrivals {
            let arrived = chrono::DateTime::parse_from_rfc3339(at)
                .expect("an instant")
                .with_timezone(&Utc);
            let mut r = referral_at("contoso", "contoso-de", &[]);
            r.created_date_time = arrived;
            r.substatus = Substatus::Received;
            r.expiration_date_time = None;
            let deadline = Utc
                .timestamp_opt(arrived.timestamp() + 336 * 3600, 0)
                .single()
                .expect("a deadline");
            let before = deadline - Duration::seconds(1);
            assert_eq!(time_left(&r, before), Some(Duration::seconds(1)), "{at}");
            assert!(!is_due(&r, before), "{at}: one second before, still open");
            assert!(is_due(&r, deadline), "{at}: due on the second");
        }
    }
}
