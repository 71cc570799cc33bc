//! The columns of a PPKS register file (import and export): the canonical Indonesian
//! header of each, in export order, and the other spellings an import accepts.

/// The columns, in export order: the canonical (Indonesian) header and the other
/// spellings an import accepts.
pub const COLUMNS: &[(&str, &[&str])] = &[
    ("id", &[]),
    ("nik", &[]),
    ("nama", &["name", "nama_lengkap"]),
    ("no_kk", &["nomor_kk", "kk", "no_kartu_keluarga"]),
    ("tempat_lahir", &["birth_place"]),
    ("tanggal_lahir", &["birth_date", "tgl_lahir"]),
    ("jenis_kelamin", &["sex", "jk", "l/p"]),
    ("rt", &[]),
    ("rw", &[]),
    ("alamat", &["address"]),
    ("telepon", &["phone", "no_hp", "hp", "no_telepon"]),
    ("jenis_ppks", &["types", "jenis", "ppks"]),
    ("asnaf", &[]),
    ("kebutuhan", &["needs"]),
    ("catatan", &["notes", "keterangan"]),
    ("dasar_pemrosesan", &["lawful_basis", "dasar_hukum"]),
    ("bukti_persetujuan", &["consent_proof"]),
    ("pemberi_persetujuan", &["consent_by"]),
    ("nama_pemberi_persetujuan", &["consent_name"]),
];

/// The canonical column a header means, ignoring case, a BOM, spaces, dots and dashes.
pub fn canonical(header: &str) -> Option<&'static str> {
    let h = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace([' ', '.', '-'], "_");
    COLUMNS
        .iter()
        .find(|(c, alts)| *c == h || alts.contains(&h.as_str()))
        .map(|(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_in_any_spelling_and_unknown_ones_are_not() {
        assert_eq!(canonical("\u{feff}Nama Lengkap"), Some("nama"));
        assert_eq!(canonical("No KK"), Some("no_kk"));
        assert_eq!(canonical("nomor-kk"), Some("no_kk"));
        assert_eq!(canonical("L/P"), Some("jenis_kelamin"));
        assert_eq!(canonical("tgl-lahir"), Some("tanggal_lahir"));
        assert_eq!(canonical("golongan_darah"), None);
        for (c, alts) in COLUMNS {
            assert_eq!(canonical(c), Some(*c));
            for a in *alts {
                assert_eq!(canonical(a), Some(*c));
            }
        }
    }
}
