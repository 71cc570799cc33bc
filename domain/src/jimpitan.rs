//! Jimpitan (DOMAIN.md): a round of collection (date, RT, collectors) with one line per
//! household; closing the round posts its rice to `beras` and its coins to `umum`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
pub struct JimpitanLine {
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
pub fn totals(lines: &[JimpitanLine]) -> Result<(i64, i64), (usize, LineError)> {
    let mut seen = std::collections::HashSet::new();
    let (mut g, mut r) = (0i64, 0i64);
    for (i, l) in lines.iter().enumerate() {
        if !(0..=crate::dana::MAX_AMOUNT).contains(&l.grams)
            || !(0..=crate::dana::MAX_AMOUNT).contains(&l.rupiah)
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
    if g > crate::dana::MAX_AMOUNT || r > crate::dana::MAX_AMOUNT {
        return Err((lines.len().saturating_sub(1), LineError::AmountRange));
    }
    Ok((g, r))
}

/// A house label as stored: one that is a 16-digit No. KK is masked (personal data);
/// any other is trimmed.
pub fn household_label(label: &str) -> String {
    let t = label.trim();
    if t.len() == 16 && t.bytes().all(|b| b.is_ascii_digit()) {
        format!("KK {}", crate::nik::mask16(t))
    } else {
        t.to_owned()
    }
}

/// A jimpitan round: counted (open), then closed in public before witnesses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jimpitan {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub date: NaiveDate,
    /// The RT, three digits.
    pub rt: String,
    pub collectors: Vec<String>,
    pub lines: Vec<JimpitanLine>,
    pub total_grams: i64,
    pub total_rupiah: i64,
    pub closed: bool,
    /// Who witnessed the public count (empty while open).
    pub witnesses: Vec<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// What a new round is asked with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJimpitan {
    pub wksbm_id: Uuid,
    pub date: NaiveDate,
    pub rt: String,
    pub collectors: Vec<String>,
    pub lines: Vec<JimpitanLine>,
    pub created_by: Uuid,
}

impl Jimpitan {
    /// An open round with its totals, or the first bad line.
    pub fn open(
        new: NewJimpitan,
        id: Uuid,
        created_at: DateTime<Utc>,
    ) -> Result<Jimpitan, (usize, LineError)> {
        let (total_grams, total_rupiah) = totals(&new.lines)?;
        Ok(Jimpitan {
            id,
            wksbm_id: new.wksbm_id,
            date: new.date,
            rt: new.rt,
            collectors: new.collectors,
            lines: new.lines,
            total_grams,
            total_rupiah,
            closed: false,
            witnesses: Vec::new(),
            created_by: new.created_by,
            created_at,
            closed_at: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(h: &str, given: Given, grams: i64, rupiah: i64) -> JimpitanLine {
        JimpitanLine {
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

    #[test]
    fn a_no_kk_as_house_label_is_masked() {
        assert_eq!(household_label(" Rumah Bu Sri "), "Rumah Bu Sri");
        assert_eq!(household_label("3402011234567890"), "KK 340201******7890");
        assert_eq!(household_label("340201123456789"), "340201123456789");
    }

    #[test]
    fn a_new_round_is_open_with_its_totals() {
        let new = |lines: Vec<JimpitanLine>| NewJimpitan {
            wksbm_id: Uuid::nil(),
            date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            rt: "003".into(),
            collectors: vec!["Pak Wagiman".into()],
            lines,
            created_by: Uuid::nil(),
        };
        let lines = vec![
            line("RT03-1", Given::Memberi, 250, 0),
            line("RT03-2", Given::Memberi, 0, 1000),
        ];
        let j = Jimpitan::open(new(lines), Uuid::nil(), Utc::now()).unwrap();
        assert_eq!((j.total_grams, j.total_rupiah), (250, 1000));
        assert!(!j.closed && j.witnesses.is_empty() && j.closed_at.is_none());
        assert_eq!(
            Jimpitan::open(
                new(vec![line("a", Given::Tidak, 1, 0)]),
                Uuid::nil(),
                Utc::now()
            ),
            Err((0, LineError::AmountWithoutGiving))
        );
    }
}
