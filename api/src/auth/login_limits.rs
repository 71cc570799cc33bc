//! Brute-force protection for logins that does not lock the owner out (issue 21, item 5).
//!
//! Only failures count, under three keys: the address (every account behind it), the
//! account (every address), and the pair of both. An address at its limit, or a pair at
//! the account's limit, is refused (429). An account over its limit is refused only to
//! addresses that have already failed against it: the owner at a clean address still
//! gets in with the right password. Each failure beyond the first few from a pair is
//! answered more slowly. The trade-off: a guesser with many addresses gets one guess per
//! new address once the account is over its limit, each slowed down and audited; a guesser
//! behind the owner's own address (a shared village office) slows the owner down too.

use super::ratelimit::{Limiter, Limits};
use std::time::{Duration, Instant};
use wksbm_domain::account::{login_delay_ms, login_key};

pub struct LoginLimits {
    by_account: Limiter,
    by_address: Limiter,
    by_pair: Limiter,
}

/// The keys of one attempt.
pub struct Attempt {
    account: String,
    address: String,
    pair: String,
}

impl LoginLimits {
    pub fn new(account: Limits, address: Limits) -> Self {
        LoginLimits {
            by_account: Limiter::new(account),
            by_address: Limiter::new(address),
            by_pair: Limiter::new(account),
        }
    }

    /// May this attempt be checked? `Err(seconds)` to wait when not.
    pub fn before(&self, username: &str, address: &str, now: Instant) -> Result<Attempt, u64> {
        let account = login_key(username);
        let pair = format!("{account}\u{0}{address}");
        self.by_address.check(address, now)?;
        self.by_pair.check(&pair, now)?;
        if let Err(wait) = self.by_account.check(&account, now)
            && self.by_pair.count(&pair, now) > 0
        {
            return Err(wait);
        }
        Ok(Attempt {
            account,
            address: address.to_owned(),
            pair,
        })
    }

    /// Counts a failure; the answer is then held for the returned time.
    pub fn failed(&self, a: &Attempt, now: Instant) -> Duration {
        self.by_address.record(&a.address, now);
        self.by_account.record(&a.account, now);
        self.by_pair.record(&a.pair, now);
        Duration::from_millis(login_delay_ms(self.by_pair.count(&a.pair, now)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> LoginLimits {
        LoginLimits::new(
            Limits {
                per_minute: 3,
                per_hour: 10,
            },
            Limits {
                per_minute: 30,
                per_hour: 300,
            },
        )
    }

    #[test]
    fn the_owner_at_a_clean_address_is_not_locked_out() {
        let l = limits();
        let t = Instant::now();
        for _ in 0..3 {
            let a = l.before("budi", "10.0.0.66", t).unwrap();
            l.failed(&a, t);
        }
        assert!(
            l.before("budi", "10.0.0.66", t).is_err(),
            "the guesser waits"
        );
        assert!(
            l.before(" BUDI\u{3000}", "10.0.0.66", t).is_err(),
            "in any spelling"
        );
        assert!(
            l.before("budi", "10.0.0.7", t).is_ok(),
            "the owner elsewhere may try"
        );
        assert!(
            l.before("ani", "10.0.0.66", t).is_ok(),
            "other accounts from there too"
        );
    }

    #[test]
    fn an_account_over_its_limit_gives_each_new_address_one_try() {
        let l = limits();
        let t = Instant::now();
        for i in 0..3 {
            let a = l.before("budi", &format!("10.0.1.{i}"), t).unwrap();
            l.failed(&a, t);
        }
        let a = l.before("budi", "10.0.2.1", t).unwrap();
        l.failed(&a, t);
        assert!(l.before("budi", "10.0.2.1", t).is_err());
        assert!(l.before("budi", "10.0.1.0", t).is_err());
    }
}
