//! The local date. Bantul is on WIB (UTC+7): birth dates, ages and posting dates are
//! local dates, not UTC ones.

use chrono::{NaiveDate, Utc};

/// Today in Bantul (WIB, UTC+7).
pub fn today() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(7)).date_naive()
}
