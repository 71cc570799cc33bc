//! Kemendagri region codes and the levels of the territory tree.

use serde::{Deserialize, Serialize};
use std::fmt;

crate::str_enum! {
    /// A level of the territory tree, from the top. DIY names are canonical; the national
    /// names (kota, kecamatan, kemantren, desa, kelurahan) are aliases that
    /// `parse_lenient` accepts, so that other kabupaten load the same way. `parse` takes
    /// only the canonical names: what the API accepts as a filter.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Level {
        Provinsi = "provinsi",
        Kabupaten = "kabupaten" | "kota",
        Kapanewon = "kapanewon" | "kecamatan" | "kemantren",
        Kalurahan = "kalurahan" | "desa" | "kelurahan",
    }
}

impl Level {
    fn depth(self) -> usize {
        match self {
            Level::Provinsi => 1,
            Level::Kabupaten => 2,
            Level::Kapanewon => 3,
            Level::Kalurahan => 4,
        }
    }
}

/// Why a string is not a region code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KodeError {
    #[error("region code must look like 34, 34.02, 34.02.01 or 34.02.01.2001")]
    Format,
}

/// A Kemendagri region code: `PP`, `PP.KK`, `PP.KK.CC` or `PP.KK.CC.DDDD`, digits only.
/// Its shape fixes its level, and its prefix is its parent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KodeWilayah(String);

impl KodeWilayah {
    pub fn parse(s: &str) -> Result<Self, KodeError> {
        let parts: Vec<&str> = s.split('.').collect();
        let widths: &[usize] = &[2, 2, 2, 4];
        if parts.is_empty() || parts.len() > widths.len() {
            return Err(KodeError::Format);
        }
        for (part, width) in parts.iter().zip(widths) {
            if part.len() != *width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(KodeError::Format);
            }
        }
        Ok(KodeWilayah(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> Level {
        match self.0.split('.').count() {
            1 => Level::Provinsi,
            2 => Level::Kabupaten,
            3 => Level::Kapanewon,
            _ => Level::Kalurahan,
        }
    }

    /// The code one level up; `None` for a province.
    pub fn parent(&self) -> Option<KodeWilayah> {
        self.0
            .rfind('.')
            .map(|i| KodeWilayah(self.0[..i].to_owned()))
    }

    /// Every code above this one, from the province down.
    pub fn ancestors(&self) -> Vec<KodeWilayah> {
        let mut out = Vec::new();
        let mut cur = self.parent();
        while let Some(code) = cur {
            cur = code.parent();
            out.push(code);
        }
        out.reverse();
        out
    }

    /// True when `self` lies inside `other` or is `other`.
    pub fn is_within(&self, other: &KodeWilayah) -> bool {
        self == other
            || (self.0.len() > other.0.len()
                && self.0.starts_with(&other.0)
                && self.0.as_bytes().get(other.0.len()) == Some(&b'.'))
    }

    pub fn depth(&self) -> usize {
        self.level().depth()
    }
}

impl fmt::Display for KodeWilayah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One node of the tree as stored and served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wilayah {
    pub code: KodeWilayah,
    pub parent_code: Option<KodeWilayah>,
    pub level: Level,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_each_level() {
        let cases = [
            ("34", Level::Provinsi),
            ("34.02", Level::Kabupaten),
            ("34.02.01", Level::Kapanewon),
            ("34.02.01.2001", Level::Kalurahan),
        ];
        for (s, level) in cases {
            assert_eq!(KodeWilayah::parse(s).map(|k| k.level()), Ok(level), "{s}");
        }
    }

    #[test]
    fn rejects_malformed_codes() {
        for s in [
            "",
            "3",
            "340",
            "34.2",
            "34.02.1",
            "34.02.01.201",
            "34.02.01.2001.1",
            "3a",
            "34..02",
            "34.02.",
            ".34",
            " 34",
            "٣٤",
        ] {
            assert_eq!(KodeWilayah::parse(s), Err(KodeError::Format), "{s:?}");
        }
    }

    #[test]
    fn ancestors_run_from_the_province_down() {
        let k = KodeWilayah::parse("34.02.01.2001").unwrap();
        let names: Vec<String> = k.ancestors().iter().map(|a| a.to_string()).collect();
        assert_eq!(names, ["34", "34.02", "34.02.01"]);
        assert_eq!(KodeWilayah::parse("34").unwrap().parent(), None);
    }

    #[test]
    fn containment_respects_segment_boundaries() {
        let kab = KodeWilayah::parse("34.02").unwrap();
        let inside = KodeWilayah::parse("34.02.01.2001").unwrap();
        let other = KodeWilayah::parse("34.03.01").unwrap();
        assert!(inside.is_within(&kab));
        assert!(kab.is_within(&kab));
        assert!(!other.is_within(&kab));
        assert!(!kab.is_within(&inside));
    }

    #[test]
    fn level_aliases_are_accepted_for_import_only() {
        assert_eq!(Level::parse_lenient("Kecamatan"), Some(Level::Kapanewon));
        assert_eq!(Level::parse_lenient("desa"), Some(Level::Kalurahan));
        assert_eq!(Level::parse_lenient("kota"), Some(Level::Kabupaten));
        assert_eq!(Level::parse_lenient(" KALURAHAN "), Some(Level::Kalurahan));
        assert_eq!(Level::parse("desa"), None);
        assert_eq!(Level::parse("kalurahan"), Some(Level::Kalurahan));
        assert_eq!(Level::parse_lenient("dusun"), None);
    }

    proptest! {
        #[test]
        fn every_valid_code_round_trips_and_its_parent_contains_it(
            p in 10u32..100, k in 0u32..100, c in 0u32..100, d in 0u32..10000, depth in 1usize..=4
        ) {
            let parts = [format!("{p:02}"), format!("{k:02}"), format!("{c:02}"), format!("{d:04}")];
            let s = parts[..depth].join(".");
            let code = KodeWilayah::parse(&s).unwrap();
            prop_assert_eq!(code.as_str(), s.as_str());
            prop_assert_eq!(code.depth(), depth);
            prop_assert_eq!(code.ancestors().len(), depth - 1);
            if let Some(parent) = code.parent() {
                prop_assert!(code.is_within(&parent));
                prop_assert!(!parent.is_within(&code));
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = KodeWilayah::parse(&s);
        }
    }
}
