//! The provinces of Indonesia with their Kemendagri codes (Kepmendagri 300.2.2-2138/2025,
//! including the 2022 Papua split). The seed puts them at the top of the tree; the NIK
//! rules (a later issue) use them to reject an unknown province.

pub const PROVINSI: [(&str, &str); 38] = [
    ("11", "Aceh"),
    ("12", "Sumatera Utara"),
    ("13", "Sumatera Barat"),
    ("14", "Riau"),
    ("15", "Jambi"),
    ("16", "Sumatera Selatan"),
    ("17", "Bengkulu"),
    ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"),
    ("21", "Kepulauan Riau"),
    ("31", "Daerah Khusus Jakarta"),
    ("32", "Jawa Barat"),
    ("33", "Jawa Tengah"),
    ("34", "Daerah Istimewa Yogyakarta"),
    ("35", "Jawa Timur"),
    ("36", "Banten"),
    ("51", "Bali"),
    ("52", "Nusa Tenggara Barat"),
    ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"),
    ("62", "Kalimantan Tengah"),
    ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"),
    ("65", "Kalimantan Utara"),
    ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"),
    ("73", "Sulawesi Selatan"),
    ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"),
    ("76", "Sulawesi Barat"),
    ("81", "Maluku"),
    ("82", "Maluku Utara"),
    ("91", "Papua"),
    ("92", "Papua Barat"),
    ("93", "Papua Selatan"),
    ("94", "Papua Tengah"),
    ("95", "Papua Pegunungan"),
    ("96", "Papua Barat Daya"),
];

pub fn name_of(code: &str) -> Option<&'static str> {
    PROVINSI.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wilayah::{KodeWilayah, Level};

    #[test]
    fn every_code_is_a_unique_province_code() {
        let mut seen = std::collections::HashSet::new();
        for (code, _) in PROVINSI {
            assert_eq!(KodeWilayah::parse(code).unwrap().level(), Level::Provinsi);
            assert!(seen.insert(code), "duplicate {code}");
        }
        assert_eq!(name_of("34"), Some("Daerah Istimewa Yogyakarta"));
        assert_eq!(name_of("99"), None);
    }
}
