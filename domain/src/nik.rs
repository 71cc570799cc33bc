//! NIK and No. KK (DOMAIN.md "NIK and No. KK"): parsed once, each broken rule its own
//! code. The century of a NIK's year is ambiguous: a date is impossible only when it is
//! impossible in both the 1900s and the 2000s.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Written by hand rather than with `str_enum!`: its `parse` reads what people type
/// (Indonesian and English words, any case), and the PPKS import relies on `Sex::parse`
/// meaning that, where `str_enum!`'s `parse` takes the stored spelling only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    L,
    P,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::L => "l",
            Sex::P => "p",
        }
    }
    pub fn parse(s: &str) -> Option<Sex> {
        match s.trim().to_ascii_lowercase().as_str() {
            "l" | "laki-laki" | "laki" | "m" | "male" => Some(Sex::L),
            "p" | "perempuan" | "f" | "female" | "w" | "wanita" => Some(Sex::P),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    #[error("a NIK is 16 digits")]
    Format,
    #[error("the first two digits are not a province code")]
    UnknownProvince,
    #[error("digits 7-12 are not a birth date (day 01-31, or 41-71 for women) in either century")]
    InvalidDate,
    #[error("the serial (last four digits) cannot be 0000")]
    SerialZero,
    #[error("the birth date does not match the one encoded in the NIK")]
    BirthDateMismatch,
    #[error("the sex does not match the one encoded in the NIK")]
    SexMismatch,
}

impl NikError {
    pub fn code(self) -> &'static str {
        match self {
            NikError::Format => "nik_format",
            NikError::UnknownProvince => "nik_unknown_province",
            NikError::InvalidDate => "nik_invalid_date",
            NikError::SerialZero => "nik_serial_zero",
            NikError::BirthDateMismatch => "nik_birth_date_mismatch",
            NikError::SexMismatch => "nik_sex_mismatch",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KkError {
    #[error("a No. KK is 16 digits")]
    Format,
    #[error("the first two digits are not a province code")]
    UnknownProvince,
    #[error("digits 7-12 are not an issue date (ddmmyy) in either century")]
    InvalidDate,
    #[error("the serial (last four digits) cannot be 0000")]
    SerialZero,
}

impl KkError {
    pub fn code(self) -> &'static str {
        match self {
            KkError::Format => "kk_format",
            KkError::UnknownProvince => "kk_unknown_province",
            KkError::InvalidDate => "kk_invalid_date",
            KkError::SerialZero => "kk_serial_zero",
        }
    }
}

fn sixteen_digits(s: &str) -> Option<&str> {
    let s = s.trim();
    (s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

fn two(s: &str, at: usize) -> u32 {
    // Callers pass digit-only strings, so the slice always parses.
    s[at..at + 2].parse().unwrap_or(0)
}

/// The dates `day.month.yy` can be: in the 1900s and the 2000s, whichever exist.
fn candidates(day: u32, month: u32, yy: u32) -> Vec<NaiveDate> {
    [1900, 2000]
        .iter()
        .filter_map(|c| NaiveDate::from_ymd_opt((c + yy) as i32, month, day))
        .collect()
}

/// A valid NIK. The string is the 16 digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Nik(String);

impl fmt::Debug for Nik {
    // A NIK is personal data: debug output shows it masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl Nik {
    pub fn parse(s: &str) -> Result<Nik, NikError> {
        let s = sixteen_digits(s).ok_or(NikError::Format)?;
        if crate::provinsi::name_of(&s[..2]).is_none() {
            return Err(NikError::UnknownProvince);
        }
        let (day, month, yy) = (two(s, 6), two(s, 8), two(s, 10));
        let day = if day > 40 { day - 40 } else { day };
        if candidates(day, month, yy).is_empty() {
            return Err(NikError::InvalidDate);
        }
        if &s[12..] == "0000" {
            return Err(NikError::SerialZero);
        }
        Ok(Nik(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 6 and last 4 digits, the rest as `*`.
    pub fn masked(&self) -> String {
        mask16(&self.0)
    }

    /// The kecamatan of first registration as a wilayah code `PP.RR.SS`.
    pub fn kecamatan_code(&self) -> String {
        format!("{}.{}.{}", &self.0[..2], &self.0[2..4], &self.0[4..6])
    }

    pub fn sex(&self) -> Sex {
        if two(&self.0, 6) > 40 { Sex::P } else { Sex::L }
    }

    fn parts(&self) -> (u32, u32, u32) {
        let day = two(&self.0, 6);
        (
            if day > 40 { day - 40 } else { day },
            two(&self.0, 8),
            two(&self.0, 10),
        )
    }

    /// The birth date: the latest of the two centuries that is not after `today`.
    pub fn birth_date(&self, today: NaiveDate) -> NaiveDate {
        let (d, m, yy) = self.parts();
        let all = candidates(d, m, yy);
        all.iter()
            .rev()
            .find(|c| **c <= today)
            .or(all.first())
            .copied()
            .unwrap_or(today)
    }

    /// Checks what a person entered against what the NIK encodes.
    pub fn check(&self, birth_date: Option<NaiveDate>, sex: Option<Sex>) -> Result<(), NikError> {
        if let Some(b) = birth_date {
            let (d, m, yy) = self.parts();
            if b.day() != d || b.month() != m || (b.year() % 100) as u32 != yy {
                return Err(NikError::BirthDateMismatch);
            }
        }
        if sex.is_some_and(|s| s != self.sex()) {
            return Err(NikError::SexMismatch);
        }
        Ok(())
    }
}

/// A valid No. KK.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NoKk(String);

impl fmt::Debug for NoKk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NoKk({})", self.masked())
    }
}

impl NoKk {
    pub fn parse(s: &str) -> Result<NoKk, KkError> {
        let s = sixteen_digits(s).ok_or(KkError::Format)?;
        if crate::provinsi::name_of(&s[..2]).is_none() {
            return Err(KkError::UnknownProvince);
        }
        if candidates(two(s, 6), two(s, 8), two(s, 10)).is_empty() {
            return Err(KkError::InvalidDate);
        }
        if &s[12..] == "0000" {
            return Err(KkError::SerialZero);
        }
        Ok(NoKk(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn masked(&self) -> String {
        mask16(&self.0)
    }
}

/// First 6 and last 4 characters of a 16-character number, the middle as `*`.
pub fn mask16(s: &str) -> String {
    if s.len() != 16 || !s.is_ascii() {
        return "*".repeat(s.chars().count());
    }
    format!("{}******{}", &s[..6], &s[12..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn each_rule_has_its_own_code() {
        assert_eq!(Nik::parse("340201").unwrap_err(), NikError::Format);
        assert_eq!(
            Nik::parse("34020112059000a1").unwrap_err(),
            NikError::Format
        );
        assert_eq!(
            Nik::parse("9902011205900001").unwrap_err(),
            NikError::UnknownProvince
        );
        assert_eq!(
            Nik::parse("3402013205900001").unwrap_err(),
            NikError::InvalidDate,
            "day 32"
        );
        assert_eq!(
            Nik::parse("3402017205900001").unwrap_err(),
            NikError::InvalidDate,
            "day 72 (32 for a woman)"
        );
        assert_eq!(
            Nik::parse("3402011213900001").unwrap_err(),
            NikError::InvalidDate,
            "month 13"
        );
        assert_eq!(
            Nik::parse("3402011205900000").unwrap_err(),
            NikError::SerialZero
        );
        let codes: std::collections::HashSet<_> = [
            NikError::Format,
            NikError::UnknownProvince,
            NikError::InvalidDate,
            NikError::SerialZero,
            NikError::BirthDateMismatch,
            NikError::SexMismatch,
        ]
        .iter()
        .map(|e| e.code())
        .collect();
        assert_eq!(codes.len(), 6);
    }

    #[test]
    fn women_add_forty_to_the_day() {
        let man = Nik::parse("3402011205900001").unwrap();
        assert_eq!(man.sex(), Sex::L);
        let woman = Nik::parse("3402015205900001").unwrap();
        assert_eq!(woman.sex(), Sex::P);
        let today = d(2026, 11, 29);
        assert_eq!(woman.birth_date(today), d(1990, 5, 12));
        assert!(Nik::parse("3402014101900001").is_ok(), "day 41");
        assert!(Nik::parse("3402017101900001").is_ok(), "day 71");
        assert_eq!(
            Nik::parse("3402014001900001").unwrap_err(),
            NikError::InvalidDate,
            "day 40 is neither"
        );
        assert_eq!(
            Nik::parse("3402010001900001").unwrap_err(),
            NikError::InvalidDate,
            "day 00"
        );
    }

    #[test]
    fn the_twenty_ninth_of_february_needs_a_leap_year_in_some_century() {
        // yy = 00: 2000 is a leap year, 1900 is not; the date exists.
        let n = Nik::parse("3402012902000001").unwrap();
        assert_eq!(n.birth_date(d(2026, 1, 1)), d(2000, 2, 29));
        assert!(Nik::parse("3402016902040001").is_ok(), "a woman, 2004");
        assert_eq!(
            Nik::parse("3402012902010001").unwrap_err(),
            NikError::InvalidDate,
            "neither 1901 nor 2001 is a leap year"
        );
    }

    #[test]
    fn the_century_is_the_latest_not_in_the_future() {
        let today = d(2026, 11, 29);
        let n = Nik::parse("3402011205250001").unwrap();
        assert_eq!(n.birth_date(today), d(2025, 5, 12));
        let n = Nik::parse("3402011205300001").unwrap();
        assert_eq!(n.birth_date(today), d(1930, 5, 12));
    }

    #[test]
    fn entered_birth_date_and_sex_are_checked() {
        let n = Nik::parse("3402015205900001").unwrap();
        assert_eq!(n.check(Some(d(1990, 5, 12)), Some(Sex::P)), Ok(()));
        assert_eq!(
            n.check(Some(d(1990, 5, 13)), None),
            Err(NikError::BirthDateMismatch)
        );
        assert_eq!(n.check(None, Some(Sex::L)), Err(NikError::SexMismatch));
    }

    #[test]
    fn masking_keeps_six_and_four() {
        let n = Nik::parse("3402015205900123").unwrap();
        assert_eq!(n.masked(), "340201******0123");
        assert_eq!(format!("{n:?}"), "Nik(340201******0123)");
        assert_eq!(n.kecamatan_code(), "34.02.01");
    }

    #[test]
    fn kk_rules() {
        assert!(NoKk::parse("3402011012150003").is_ok());
        assert_eq!(NoKk::parse("12").unwrap_err(), KkError::Format);
        assert_eq!(
            NoKk::parse("0002011012150003").unwrap_err(),
            KkError::UnknownProvince
        );
        assert_eq!(
            NoKk::parse("3402015012150003").unwrap_err(),
            KkError::InvalidDate,
            "no +40 in a KK"
        );
        assert_eq!(
            NoKk::parse("3402011012150000").unwrap_err(),
            KkError::SerialZero
        );
    }

    proptest! {
        #[test]
        fn every_real_date_and_serial_parses_and_round_trips(
            days in 0i64..(365 * 110),
            woman in any::<bool>(),
            serial in 1u32..=9999,
        ) {
            let born = d(1920, 1, 1) + chrono::Duration::days(days);
            let day = born.day() + if woman { 40 } else { 0 };
            let s = format!("340201{:02}{:02}{:02}{:04}", day, born.month(), born.year() % 100, serial);
            let n = Nik::parse(&s).unwrap();
            prop_assert_eq!(n.sex(), if woman { Sex::P } else { Sex::L });
            prop_assert_eq!(n.birth_date(born), born);
            prop_assert_eq!(n.check(Some(born), Some(n.sex())), Ok(()));
            prop_assert_eq!(n.masked().len(), 16);
        }

        #[test]
        fn no_input_panics_and_only_sixteen_digits_pass(s in "\\PC{0,20}") {
            if let Ok(n) = Nik::parse(&s) {
                prop_assert_eq!(n.as_str().len(), 16);
            }
            let _ = NoKk::parse(&s);
        }

        #[test]
        fn serial_zero_is_always_refused(days in 0i64..40000) {
            let born = d(1920, 1, 1) + chrono::Duration::days(days);
            let s = format!("340201{:02}{:02}{:02}0000", born.day(), born.month(), born.year() % 100);
            prop_assert_eq!(Nik::parse(&s).unwrap_err(), NikError::SerialZero);
        }
    }
}
