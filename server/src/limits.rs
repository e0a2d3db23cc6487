//! Rate limits on sign-in and on API token use: at most `per_minute` requests per key (the
//! client's address for sign-in, the token for the API) in any minute, in memory. A request
//! over the limit gets 429 with `Retry-After`, and changes nothing.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimit {
    per_minute: usize,
    seen: Mutex<HashMap<String, Vec<Instant>>>,
}

impl RateLimit {
    pub fn new(per_minute: usize) -> Self {
        Self {
            per_minute: per_minute.max(1),
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request of `key` now: `Ok`, or how long until it would be allowed.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let window = Duration::from_secs(60);
        let Ok(mut seen) = self.seen.lock() else {
            return Ok(());
        };
        if seen.len() > 10_000 {
            // Forget keys that have been quiet for a minute, so the map stays small.
            seen.retain(|_, times| times.last().is_some_and(|t| now - *t < window));
        }
        let times = seen.entry(key.to_string()).or_default();
        times.retain(|t| now - *t < window);
        if times.len() >= self.per_minute {
            let oldest = times.first().copied().unwrap_or(now);
            return Err(window.saturating_sub(now - oldest));
        }
        times.push(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_over_its_limit_waits_and_others_do_not() {
        let limit = RateLimit::new(2);
        assert!(limit.check("a").is_ok());
        assert!(limit.check("a").is_ok());
        let wait = limit.check("a").unwrap_err();
        assert!(wait <= Duration::from_secs(60) && wait > Duration::from_secs(58));
        assert!(limit.check("b").is_ok());
    }
}
