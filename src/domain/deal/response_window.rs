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
}
