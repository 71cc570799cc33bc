//! Login attempt limits per account and per client address: sliding windows of one
//! minute and one hour, in memory (one server process; see the README).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);
/// Keys kept before idle ones are dropped, bounding memory under a spray of usernames.
const MAX_KEYS: usize = 100_000;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_minute: usize,
    pub per_hour: usize,
}

pub struct Limiter {
    limits: Limits,
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Limiter {
    pub fn new(limits: Limits) -> Self {
        Limiter {
            limits,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt for `key`; `Err(seconds)` when it is over a limit (the attempt
    /// is then not counted).
    pub fn attempt(&self, key: &str, now: Instant) -> Result<(), u64> {
        self.check(key, now)?;
        self.record(key, now);
        Ok(())
    }

    /// `Err(seconds)` when `key` is at a limit; records nothing.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), u64> {
        let Ok(mut map) = self.hits.lock() else {
            return Ok(());
        };
        let Some(q) = map.get_mut(key) else {
            return Ok(());
        };
        expire(q, now);
        let in_minute = q
            .iter()
            .rev()
            .take_while(|t| now.duration_since(**t) < MINUTE)
            .count();
        if in_minute >= self.limits.per_minute {
            let oldest = q[q.len() - in_minute];
            return Err(retry_after(MINUTE, now.duration_since(oldest)));
        }
        if q.len() >= self.limits.per_hour {
            let oldest = q[0];
            return Err(retry_after(HOUR, now.duration_since(oldest)));
        }
        Ok(())
    }

    /// Counts one event for `key`.
    pub fn record(&self, key: &str, now: Instant) {
        let Ok(mut map) = self.hits.lock() else {
            return;
        };
        if map.len() >= MAX_KEYS {
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < HOUR));
        }
        let q = map.entry(key.to_owned()).or_default();
        expire(q, now);
        q.push_back(now);
    }

    /// Events for `key` in the last hour.
    pub fn count(&self, key: &str, now: Instant) -> usize {
        let Ok(mut map) = self.hits.lock() else {
            return 0;
        };
        map.get_mut(key).map_or(0, |q| {
            expire(q, now);
            q.len()
        })
    }
}

fn expire(q: &mut VecDeque<Instant>, now: Instant) {
    while q.front().is_some_and(|t| now.duration_since(*t) >= HOUR) {
        q.pop_front();
    }
}

fn retry_after(window: Duration, elapsed: Duration) -> u64 {
    window.saturating_sub(elapsed).as_secs().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minute_and_hour_windows_with_retry_after() {
        let l = Limiter::new(Limits {
            per_minute: 3,
            per_hour: 5,
        });
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(l.attempt("a", t0 + Duration::from_secs(i)), Ok(()));
        }
        assert_eq!(l.attempt("a", t0 + Duration::from_secs(10)), Err(50));
        assert_eq!(l.attempt("b", t0), Ok(()), "keys are separate");
        assert_eq!(l.attempt("a", t0 + Duration::from_secs(61)), Ok(()));
        assert_eq!(l.attempt("a", t0 + Duration::from_secs(62)), Ok(()));
        let e = l.attempt("a", t0 + Duration::from_secs(200)).unwrap_err();
        assert_eq!(e, 3400, "the hour window counts from the first attempt");
        assert_eq!(l.attempt("a", t0 + Duration::from_secs(3601)), Ok(()));
    }
}
