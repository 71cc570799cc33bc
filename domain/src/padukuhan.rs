//! Padukuhan (dusun): hamlets of a kalurahan. They have no Kemendagri code, so the
//! system gives them ids under their kalurahan.

use crate::access::Territory;
use crate::wilayah::KodeWilayah;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One RW with its RTs, as numbers written the local way ("01", "002").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RwRt {
    pub rw: String,
    pub rt: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PadukuhanError {
    #[error("RW and RT numbers are 1-3 digits")]
    NumberInvalid,
    #[error("an RW or an RT within one RW appears twice")]
    Duplicate,
    #[error("latitude must be -90..90 and longitude -180..180, both or neither")]
    LocationInvalid,
}

impl PadukuhanError {
    pub fn code(self) -> &'static str {
        match self {
            PadukuhanError::NumberInvalid => "rw_rt_invalid",
            PadukuhanError::Duplicate => "rw_rt_duplicate",
            PadukuhanError::LocationInvalid => "location_invalid",
        }
    }
}

fn number_ok(s: &str) -> bool {
    (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Checks the RW/RT list: numbers of 1-3 digits, no RW twice, no RT twice in an RW.
pub fn check_rw_rt(list: &[RwRt]) -> Result<(), PadukuhanError> {
    let mut rws = std::collections::HashSet::new();
    for r in list {
        if !number_ok(&r.rw) || !r.rt.iter().all(|t| number_ok(t)) {
            return Err(PadukuhanError::NumberInvalid);
        }
        // "01" and "1" are the same RW.
        let key = |s: &str| s.trim_start_matches('0').to_owned();
        if !rws.insert(key(&r.rw)) {
            return Err(PadukuhanError::Duplicate);
        }
        let mut rts = std::collections::HashSet::new();
        if !r.rt.iter().all(|t| rts.insert(key(t))) {
            return Err(PadukuhanError::Duplicate);
        }
    }
    Ok(())
}

pub fn check_location(lat: Option<f64>, lon: Option<f64>) -> Result<(), PadukuhanError> {
    match (lat, lon) {
        (None, None) => Ok(()),
        (Some(a), Some(o)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&o) => {
            Ok(())
        }
        _ => Err(PadukuhanError::LocationInvalid),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Padukuhan {
    pub id: Uuid,
    pub kalurahan: KodeWilayah,
    pub name: String,
    pub dukuh: Option<String>,
    pub rw_rt: Vec<RwRt>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub active: bool,
    pub status_reason: Option<String>,
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl Padukuhan {
    pub fn territory(&self) -> Territory {
        Territory::Padukuhan {
            kalurahan: self.kalurahan.clone(),
            id: self.id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rw(n: &str, rts: &[&str]) -> RwRt {
        RwRt {
            rw: n.into(),
            rt: rts.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn rw_rt_rules() {
        assert_eq!(
            check_rw_rt(&[rw("01", &["01", "02"]), rw("2", &["1"])]),
            Ok(())
        );
        assert_eq!(
            check_rw_rt(&[rw("01", &["01"]), rw("1", &["02"])]),
            Err(PadukuhanError::Duplicate)
        );
        assert_eq!(
            check_rw_rt(&[rw("01", &["01", "001"])]),
            Err(PadukuhanError::Duplicate)
        );
        assert_eq!(
            check_rw_rt(&[rw("A1", &[])]),
            Err(PadukuhanError::NumberInvalid)
        );
        assert_eq!(
            check_rw_rt(&[rw("0001", &[])]),
            Err(PadukuhanError::NumberInvalid)
        );
    }

    #[test]
    fn location_is_both_or_neither_and_in_range() {
        assert!(check_location(Some(-7.98), Some(110.33)).is_ok());
        assert!(check_location(None, None).is_ok());
        assert!(check_location(Some(-7.98), None).is_err());
        assert!(check_location(Some(-91.0), Some(110.0)).is_err());
    }
}
