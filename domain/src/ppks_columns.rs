//! The columns of a PPKS register file (import and export): the canonical Indonesian
//! header of each, in export order, and the other spellings an import accepts; and how
//! an import's header and rows are read into drafts.

use crate::nik::Sex;
use crate::ppks::{ConsentBy, LawfulBasis};
use crate::ppks_draft::{Draft, Issue, is_phone_number};
use uuid::Uuid;

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

/// The canonical headers, as listed to someone who wrote an unknown one.
pub fn known() -> String {
    COLUMNS
        .iter()
        .map(|(c, _)| *c)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a header row cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// A column appears twice (the header as written).
    Repeated(String),
    /// A header names no known column: never ignored.
    Unknown(String),
    /// A required column (`nik`, `nama`) is missing.
    Missing(&'static str),
}

/// The column each header cell means (`None` for a blank header), in file order.
pub fn header(cells: &[String]) -> Result<Vec<Option<&'static str>>, HeaderError> {
    let mut columns = Vec::with_capacity(cells.len());
    for h in cells {
        match canonical(h) {
            Some(c) if columns.contains(&Some(c)) => return Err(HeaderError::Repeated(h.clone())),
            Some(c) => columns.push(Some(c)),
            None if h.trim().is_empty() => columns.push(None),
            None => return Err(HeaderError::Unknown(h.clone())),
        }
    }
    for needed in ["nik", "nama"] {
        if !columns.contains(&Some(needed)) {
            return Err(HeaderError::Missing(needed));
        }
    }
    Ok(columns)
}

/// A cell as written: trimmed, a defusing apostrophe removed, empty as `None`.
pub fn cell(v: &str) -> Option<String> {
    let v = v.trim();
    let v = match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(crate::csv::FORMULA_STARTS) => rest,
        _ => v,
    };
    (!v.is_empty()).then(|| v.to_owned())
}

fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(s, f).ok())
}

/// The column of a draft's field, for reporting a rule by the file's own name.
pub fn column_of(field: &str) -> &'static str {
    match field {
        "nik" => "nik",
        "no_kk" => "no_kk",
        "name" => "nama",
        "birth_date" => "tanggal_lahir",
        "sex" => "jenis_kelamin",
        "types" => "jenis_ppks",
        "asnaf" => "asnaf",
        "consent_proof" => "bukti_persetujuan",
        "consent_by" => "pemberi_persetujuan",
        _ => "nik",
    }
}

/// One row read by column: `get` gives a column's cell (see [`cell`]).
type Get<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Reads one row into a draft and the id it names; format problems of single cells are
/// issues named by their column.
pub fn draft_of_row(get: Get<'_>) -> (Draft, Option<Uuid>, Vec<Issue>) {
    let mut issues = Vec::new();
    let id = get("id").and_then(|v| match Uuid::parse_str(&v) {
        Ok(u) => Some(u),
        Err(_) => {
            issues.push(Issue::new("id", "id_invalid", "not a UUID"));
            None
        }
    });
    let name = text(get, "nama", 200, &mut issues);
    if name.is_none() && !issues.iter().any(|i| i.field == "nama") {
        issues.push(Issue::new("nama", "name_required", "a name is needed"));
    }
    let nik = get("nik").unwrap_or_default();
    if nik.is_empty() {
        issues.push(Issue::new("nik", "nik_format", "a NIK is needed"));
    }
    let (birth_date, sex, phone) = person_cells(get, &mut issues);
    let (basis, consent_by) = basis_cells(get, &mut issues);
    let draft = Draft {
        nik,
        no_kk: get("no_kk"),
        name: name.unwrap_or_default(),
        birth_place: text(get, "tempat_lahir", 100, &mut issues),
        birth_date,
        sex,
        rt: digits(get, "rt", &mut issues),
        rw: digits(get, "rw", &mut issues),
        address: text(get, "alamat", 500, &mut issues),
        phone,
        types: get("jenis_ppks").map(|v| types(&v)).unwrap_or_default(),
        asnaf: get("asnaf"),
        needs: text(get, "kebutuhan", 1000, &mut issues),
        notes: text(get, "catatan", 2000, &mut issues),
        basis,
        consent_proof: text(get, "bukti_persetujuan", 200, &mut issues),
        consent_by,
        consent_name: text(get, "nama_pemberi_persetujuan", 200, &mut issues),
    };
    (draft, id, issues)
}

/// Types in one cell, separated by `;` or `,`.
fn types(v: &str) -> Vec<String> {
    v.split([';', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Free text of at most `max` characters, without control or invisible format characters
/// (the same rule as every text field of the API).
fn text(get: Get<'_>, col: &'static str, max: usize, issues: &mut Vec<Issue>) -> Option<String> {
    let v = get(col)?;
    if v.chars().count() > max {
        issues.push(Issue::new(
            col,
            "text_too_long",
            format!("at most {max} characters"),
        ));
        None
    } else if v.chars().any(crate::text::hidden) {
        issues.push(Issue::new(
            col,
            "text_invalid",
            "control or invisible format characters",
        ));
        None
    } else {
        Some(v)
    }
}

/// An RT or RW number: 1-3 digits.
fn digits(get: Get<'_>, col: &'static str, issues: &mut Vec<Issue>) -> Option<String> {
    let v = get(col)?;
    if (1..=3).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) {
        Some(v)
    } else {
        issues.push(Issue::new(col, "rt_rw_invalid", "1-3 digits"));
        None
    }
}

/// Birth date, sex and phone (spaces and dashes removed).
fn person_cells(
    get: Get<'_>,
    issues: &mut Vec<Issue>,
) -> (Option<chrono::NaiveDate>, Option<Sex>, Option<String>) {
    let birth_date = get("tanggal_lahir").and_then(|v| {
        parse_date(&v).or_else(|| {
            issues.push(Issue::new("tanggal_lahir", "date_invalid", "YYYY-MM-DD"));
            None
        })
    });
    let sex = get("jenis_kelamin").and_then(|v| {
        Sex::parse(&v).or_else(|| {
            issues.push(Issue::new("jenis_kelamin", "sex_invalid", "L or P"));
            None
        })
    });
    let phone = get("telepon").and_then(|v| {
        let compact: String = v.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if is_phone_number(&compact) {
            Some(compact)
        } else {
            issues.push(Issue::new(
                "telepon",
                "phone_invalid",
                "6-15 digits, + allowed first",
            ));
            None
        }
    });
    (birth_date, sex, phone)
}

/// The lawful basis and who consented, by their stored names in any case.
fn basis_cells(get: Get<'_>, issues: &mut Vec<Issue>) -> (Option<LawfulBasis>, Option<ConsentBy>) {
    let basis = get("dasar_pemrosesan").and_then(|v| {
        LawfulBasis::parse(&v.to_lowercase()).or_else(|| {
            issues.push(Issue::new(
                "dasar_pemrosesan",
                "lawful_basis_unknown",
                "persetujuan, kewajiban_hukum or tugas_publik",
            ));
            None
        })
    });
    let consent_by = get("pemberi_persetujuan").and_then(|v| {
        ConsentBy::parse(&v.to_lowercase()).or_else(|| {
            issues.push(Issue::new(
                "pemberi_persetujuan",
                "consent_by_unknown",
                "diri_sendiri, orang_tua or wali",
            ));
            None
        })
    });
    (basis, consent_by)
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

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn a_header_needs_nik_and_nama_once_each_and_nothing_unknown() {
        assert_eq!(
            header(&cells(&["NIK", "Nama Lengkap", "", "jk"])),
            Ok(vec![Some("nik"), Some("nama"), None, Some("jenis_kelamin")])
        );
        assert_eq!(
            header(&cells(&["nik", "nama", "name"])),
            Err(HeaderError::Repeated("name".into()))
        );
        assert_eq!(
            header(&cells(&["nik", "nama", "golongan_darah"])),
            Err(HeaderError::Unknown("golongan_darah".into()))
        );
        assert_eq!(header(&cells(&["nik"])), Err(HeaderError::Missing("nama")));
        assert!(known().starts_with("id, nik, nama"));
    }

    #[test]
    fn cells_are_trimmed_and_defused_formulas_restored() {
        assert_eq!(cell("  x "), Some("x".into()));
        assert_eq!(cell("'=1+1"), Some("=1+1".into()));
        assert_eq!(cell("'abc"), Some("'abc".into()));
        assert_eq!(cell("   "), None);
    }

    fn row(pairs: &[(&str, &str)]) -> (Draft, Option<Uuid>, Vec<Issue>) {
        let get = |c: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == c)
                .and_then(|(_, v)| cell(v))
        };
        draft_of_row(&get)
    }

    #[test]
    fn a_row_becomes_a_draft_with_its_cells_read_the_local_way() {
        let (d, id, issues) = row(&[
            ("nik", "3402015205900001"),
            ("nama", "Sri"),
            ("tanggal_lahir", "12/05/1990"),
            ("jenis_kelamin", "Perempuan"),
            ("telepon", "0812 3456-789"),
            ("jenis_ppks", "PPKS-24; lansia,"),
            ("dasar_pemrosesan", "Persetujuan"),
        ]);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(id, None);
        assert_eq!(d.birth_date, chrono::NaiveDate::from_ymd_opt(1990, 5, 12));
        assert_eq!(d.sex, Some(Sex::P));
        assert_eq!(d.phone.as_deref(), Some("08123456789"));
        assert_eq!(d.types, vec!["PPKS-24", "lansia"]);
        assert_eq!(d.basis, Some(LawfulBasis::Persetujuan));
    }

    #[test]
    fn each_bad_cell_is_an_issue_of_its_column() {
        let long = "x".repeat(201);
        let (_, _, issues) = row(&[
            ("id", "nope"),
            ("nama", &long),
            ("tanggal_lahir", "1990-13-01"),
            ("jenis_kelamin", "x"),
            ("telepon", "12"),
            ("dasar_pemrosesan", "x"),
            ("pemberi_persetujuan", "x"),
            ("rt", "1234"),
        ]);
        let got: Vec<_> = issues.iter().map(|i| (i.field, i.code)).collect();
        assert_eq!(
            got,
            vec![
                ("id", "id_invalid"),
                ("nama", "text_too_long"),
                ("nik", "nik_format"),
                ("tanggal_lahir", "date_invalid"),
                ("jenis_kelamin", "sex_invalid"),
                ("telepon", "phone_invalid"),
                ("dasar_pemrosesan", "lawful_basis_unknown"),
                ("pemberi_persetujuan", "consent_by_unknown"),
                ("rt", "rt_rw_invalid"),
            ]
        );
        let (_, _, issues) = row(&[("nik", "1")]);
        assert_eq!(issues[0].code, "name_required");
        assert_eq!(column_of("birth_date"), "tanggal_lahir");
    }
}
