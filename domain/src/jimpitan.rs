//! Jimpitan (DOMAIN.md): a round of collection (date, RT, collectors) with one line per
//! household; closing the round posts its rice to `beras` and its coins to `umum`.

use serde::{Deserialize, Serialize};

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Given {
        Memberi = "memberi",
        Tidak = "tidak",
        Dibebaskan = "dibebaskan",
    }
}

/// One household's line in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// A house label, or the masked No. KK.
    pub household: String,
    pub given: Given,
    pub grams: i64,
    pub rupiah: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("a household that gave needs grams or rupiah above zero")]
    NothingGiven,
    #[error("a household that did not give (or is exempt) has no amount")]
    AmountWithoutGiving,
    #[error("a household appears twice in the round")]
    HouseholdRepeated,
    #[error("an amount is negative or above 10^13")]
    AmountRange,
}

impl LineError {
    pub fn code(self) -> &'static str {
        match self {
            LineError::NothingGiven => "jimpitan_nothing_given",
            LineError::AmountWithoutGiving => "jimpitan_amount_without_giving",
            LineError::HouseholdRepeated => "jimpitan_household_repeated",
            LineError::AmountRange => "amount_too_large",
        }
    }
}

/// Checks every line; returns the round's totals (grams, rupiah) or the first bad line.
pub fn totals(lines: &[Line]) -> Result<(i64, i64), (usize, LineError)> {
    let mut seen = std::collections::HashSet::new();
    let (mut g, mut r) = (0i64, 0i64);
    for (i, l) in lines.iter().enumerate() {
        if !(0..=crate::money::MAX_AMOUNT).contains(&l.grams)
            || !(0..=crate::money::MAX_AMOUNT).contains(&l.rupiah)
        {
            return Err((i, LineError::AmountRange));
        }
        match l.given {
            Given::Memberi if l.grams == 0 && l.rupiah == 0 => {
                return Err((i, LineError::NothingGiven));
            }
            Given::Tidak | Given::Dibebaskan if l.grams != 0 || l.rupiah != 0 => {
                return Err((i, LineError::AmountWithoutGiving));
            }
            _ => {}
        }
        if !seen.insert(crate::text::search_key(&l.household)) {
            return Err((i, LineError::HouseholdRepeated));
        }
        g = g.checked_add(l.grams).ok_or((i, LineError::AmountRange))?;
        r = r.checked_add(l.rupiah).ok_or((i, LineError::AmountRange))?;
    }
    if g > crate::money::MAX_AMOUNT || r > crate::money::MAX_AMOUNT {
        return Err((lines.len().saturating_sub(1), LineError::AmountRange));
    }
    Ok((g, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(h: &str, given: Given, grams: i64, rupiah: i64) -> Line {
        Line {
            household: h.into(),
            given,
            grams,
            rupiah,
        }
    }

    #[test]
    fn totals_and_line_rules() {
        let ok = [
            line("RT01-1", Given::Memberi, 200, 0),
            line("RT01-2", Given::Memberi, 150, 500),
            line("RT01-3", Given::Dibebaskan, 0, 0),
            line("RT01-4", Given::Tidak, 0, 0),
        ];
        assert_eq!(totals(&ok), Ok((350, 500)));
        assert_eq!(
            totals(&[line("a", Given::Memberi, 0, 0)]),
            Err((0, LineError::NothingGiven))
        );
        assert_eq!(
            totals(&[line("a", Given::Tidak, 5, 0)]),
            Err((0, LineError::AmountWithoutGiving))
        );
        assert_eq!(
            totals(&[
                line("a", Given::Memberi, 5, 0),
                line("A", Given::Memberi, 5, 0)
            ]),
            Err((1, LineError::HouseholdRepeated))
        );
        assert_eq!(
            totals(&[line("a", Given::Memberi, -5, 0)]),
            Err((0, LineError::AmountRange))
        );
    }
}
