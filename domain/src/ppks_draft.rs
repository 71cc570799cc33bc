//! A PPKS draft (a JSON body or an import row) checked into a record: every rule
//! checked, every broken one reported with its field and code, warnings kept apart.

use crate::nik::{Nik, NoKk, Sex};
use crate::padukuhan::Padukuhan;
use crate::ppks::{
    Basis, ConsentBy, LawfulBasis, Ppks, PpksError, Private, Verification, age, asnaf_code,
    check_basis, check_types, split_types, type_code,
};
use crate::wilayah::KodeWilayah;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// The fields of a person as given, before any rule.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub nik: String,
    pub no_kk: Option<String>,
    pub name: String,
    pub birth_place: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub types: Vec<String>,
    pub asnaf: Option<String>,
    pub needs: Option<String>,
    pub notes: Option<String>,
    pub basis: Option<LawfulBasis>,
    pub consent_proof: Option<String>,
    pub consent_by: Option<ConsentBy>,
    pub consent_name: Option<String>,
}

/// A broken rule or a warning: the field (or, for an import row, the column), the
/// rule's code and an English detail. The Indonesian message is [`message_id`] of the
/// code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: &'static str,
    pub code: &'static str,
    pub detail: String,
}

impl Issue {
    pub fn new(field: &'static str, code: &'static str, detail: impl Into<String>) -> Issue {
        Issue {
            field,
            code,
            detail: detail.into(),
        }
    }

    fn of(e: PpksError) -> Issue {
        Issue::new(e.field(), e.code(), e.to_string())
    }

    /// The Indonesian message of the rule.
    pub fn message_id(&self) -> &'static str {
        message_id(self.code)
    }
}

/// Indonesian text of each PPKS rule code.
pub fn message_id(code: &str) -> &'static str {
    match code {
        "nik_format" => "NIK harus 16 angka.",
        "nik_unknown_province" => "Dua angka pertama NIK bukan kode provinsi.",
        "nik_invalid_date" => {
            "Angka 7-12 NIK bukan tanggal lahir yang mungkin (tanggal 01-31, atau 41-71 untuk perempuan)."
        }
        "nik_serial_zero" => "Nomor urut NIK (4 angka terakhir) tidak boleh 0000.",
        "nik_birth_date_mismatch" => "Tanggal lahir tidak sama dengan yang tertulis di NIK.",
        "nik_sex_mismatch" => "Jenis kelamin tidak sama dengan yang tertulis di NIK.",
        "nik_kecamatan_unknown" => {
            "Kode kecamatan di NIK tidak ada di data wilayah (hanya peringatan)."
        }
        "kk_format" => "No. KK harus 16 angka.",
        "kk_unknown_province" => "Dua angka pertama No. KK bukan kode provinsi.",
        "kk_invalid_date" => "Angka 7-12 No. KK bukan tanggal terbit yang mungkin.",
        "kk_serial_zero" => "Nomor urut No. KK tidak boleh 0000.",
        "consent_incomplete" => "Dasar persetujuan memerlukan bukti persetujuan dan pemberinya.",
        "consent_guardian_required" => "Persetujuan untuk anak diberikan oleh orang tua atau wali.",
        "ppks_types_empty" => "Sedikitnya satu jenis PPKS.",
        "ppks_type_repeated" => "Jenis PPKS tercantum dua kali.",
        "ppks_type_unknown" => "Jenis PPKS tidak dikenal (lihat /api/v1/katalog/ppks).",
        "asnaf_unknown" => "Asnaf tidak dikenal (lihat /api/v1/katalog/asnaf).",
        "birth_date_future" => "Tanggal lahir tidak boleh di masa depan.",
        "lawful_basis_unknown" => "Dasar pemrosesan tidak dikenal.",
        "name_required" => "Nama wajib diisi.",
        "text_invalid" => "Teks memuat karakter kendali atau kosong.",
        "text_too_long" => "Teks terlalu panjang.",
        "rt_rw_invalid" => "RT/RW 1-3 angka.",
        "phone_invalid" => "Nomor telepon 6-15 angka, boleh diawali +.",
        "sex_invalid" => "Jenis kelamin L atau P.",
        "date_invalid" => "Tanggal harus berformat YYYY-MM-DD.",
        _ => "Data tidak valid.",
    }
}

/// A phone number: 6-15 digits, a leading `+` allowed.
pub fn is_phone_number(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or(s);
    (6..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Where the record goes and who writes it.
pub struct Placement<'a> {
    pub id: Uuid,
    pub padukuhan: &'a Padukuhan,
    pub wksbm_id: Option<Uuid>,
    pub by: Uuid,
}

/// What the rules need besides the draft: the date, the time of writing, and whether a
/// kecamatan code is in the reference data.
pub struct Context<'k> {
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub known_kecamatan: &'k dyn Fn(&KodeWilayah) -> bool,
}

/// What a checked draft becomes: the record, and warnings that did not stop it.
#[derive(Debug)]
pub struct Checked {
    pub record: Ppks,
    pub warnings: Vec<Issue>,
}

/// The parts of a draft that passed their rules.
struct Parsed {
    nik: Nik,
    no_kk: Option<NoKk>,
    birth_date: Option<NaiveDate>,
    codes: Vec<&'static str>,
    asnaf: Option<String>,
    basis: Basis,
}

/// Checks every rule of `draft`; all broken rules are returned, not just the first.
/// `types_required` is false for imports, which need only NIK and name.
pub fn check(
    draft: &Draft,
    at: &Placement<'_>,
    types_required: bool,
    cx: &Context<'_>,
) -> Result<Checked, Vec<Issue>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let nik = check_nik(draft, cx, &mut errors, &mut warnings);
    let no_kk = match draft.no_kk.as_deref().map(NoKk::parse).transpose() {
        Ok(k) => k,
        Err(e) => {
            errors.push(Issue::new("no_kk", e.code(), e.to_string()));
            None
        }
    };
    let birth_date = draft
        .birth_date
        .or_else(|| nik.as_ref().map(|n| n.birth_date(cx.today)));
    if birth_date.is_some_and(|b| b > cx.today) {
        errors.push(Issue::of(PpksError::BirthDateFuture));
    }
    let codes = check_type_list(draft, types_required, &mut errors);
    let asnaf = check_asnaf(draft, &mut errors);
    let basis = Basis {
        basis: draft.basis.unwrap_or(LawfulBasis::TugasPublik),
        consent_proof: draft.consent_proof.clone(),
        consent_by: draft.consent_by,
        consent_name: draft.consent_name.clone(),
    };
    if let Some(b) = birth_date
        && let Err(e) = check_basis(&basis, b, cx.today)
    {
        errors.push(Issue::of(e));
    }
    let (Some(nik), true) = (nik, errors.is_empty()) else {
        return Err(errors);
    };
    let parsed = Parsed {
        nik,
        no_kk,
        birth_date,
        codes,
        asnaf,
        basis,
    };
    Ok(Checked {
        record: record(draft, at, parsed, cx),
        warnings,
    })
}

/// The NIK, checked against the birth date and sex given; an unknown kecamatan is a
/// warning.
fn check_nik(
    draft: &Draft,
    cx: &Context<'_>,
    errors: &mut Vec<Issue>,
    warnings: &mut Vec<Issue>,
) -> Option<Nik> {
    let n = match Nik::parse(&draft.nik) {
        Ok(n) => n,
        Err(e) => {
            errors.push(Issue::new("nik", e.code(), e.to_string()));
            return None;
        }
    };
    if let Err(e) = n.check(draft.birth_date, draft.sex) {
        let field = if e.code() == "nik_sex_mismatch" {
            "sex"
        } else {
            "birth_date"
        };
        errors.push(Issue::new(field, e.code(), e.to_string()));
    }
    let kec = n.kecamatan_code();
    let known = KodeWilayah::parse(&kec)
        .ok()
        .is_some_and(|k| (cx.known_kecamatan)(&k));
    if !known {
        warnings.push(Issue::new(
            "nik",
            "nik_kecamatan_unknown",
            format!("kecamatan {kec} of the NIK is not in the reference data"),
        ));
    }
    Some(n)
}

/// The catalog codes of the types given; each unknown one is an issue.
fn check_type_list(draft: &Draft, required: bool, errors: &mut Vec<Issue>) -> Vec<&'static str> {
    let mut codes = Vec::new();
    for t in &draft.types {
        match type_code(t) {
            Some(c) => codes.push(c),
            None => errors.push(Issue::new(
                "types",
                "ppks_type_unknown",
                format!("unknown PPKS type {t:?}"),
            )),
        }
    }
    if let Err(e) = check_types(&codes, required) {
        errors.push(Issue::of(e));
    }
    codes
}

fn check_asnaf(draft: &Draft, errors: &mut Vec<Issue>) -> Option<String> {
    let a = draft.asnaf.as_deref()?;
    match asnaf_code(a) {
        Some(c) => Some(c.to_owned()),
        None => {
            errors.push(Issue::new(
                "asnaf",
                "asnaf_unknown",
                format!("unknown asnaf {a:?}"),
            ));
            None
        }
    }
}

/// The new record: unverified, active, version 1; a child's types all private.
fn record(draft: &Draft, at: &Placement<'_>, p: Parsed, cx: &Context<'_>) -> Ppks {
    let child = p.birth_date.is_some_and(|b| age(b, cx.today) < 18);
    let (public_types, sensitive_types) = split_types(&p.codes, child);
    Ppks {
        id: at.id,
        padukuhan_id: at.padukuhan.id,
        kalurahan: at.padukuhan.kalurahan.clone(),
        wksbm_id: at.wksbm_id,
        private: Some(Private {
            nik: p.nik.as_str().to_owned(),
            no_kk: p.no_kk.map(|k| k.as_str().to_owned()),
            phone: draft.phone.clone(),
            sensitive_types,
        }),
        name: draft.name.trim().to_owned(),
        birth_place: draft.birth_place.clone(),
        birth_date: p.birth_date,
        sex: Some(draft.sex.unwrap_or_else(|| p.nik.sex())),
        rt: draft.rt.clone(),
        rw: draft.rw.clone(),
        address: draft.address.clone(),
        public_types,
        asnaf: p.asnaf,
        needs: draft.needs.clone(),
        notes: draft.notes.clone(),
        basis: p.basis,
        verification: Verification {
            verified: false,
            by: None,
            by_role: None,
            at: None,
        },
        active: true,
        status_reason: None,
        status_date: None,
        status_note: None,
        anonymised_at: None,
        version: 1,
        created_by: at.by,
        created_at: cx.now,
        updated_at: cx.now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn padukuhan() -> Padukuhan {
        let now = Utc::now();
        Padukuhan {
            id: Uuid::now_v7(),
            kalurahan: KodeWilayah::parse("34.02.01.2001").unwrap(),
            name: "Dukuh".into(),
            dukuh: None,
            rw_rt: Vec::new(),
            latitude: None,
            longitude: None,
            active: true,
            status_reason: None,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    fn run(draft: &Draft, required: bool, known: bool) -> Result<Checked, Vec<Issue>> {
        let pad = padukuhan();
        let at = Placement {
            id: Uuid::now_v7(),
            padukuhan: &pad,
            wksbm_id: None,
            by: Uuid::now_v7(),
        };
        let known = move |_: &KodeWilayah| known;
        let cx = Context {
            today: d(2026, 11, 29),
            now: Utc::now(),
            known_kecamatan: &known,
        };
        check(draft, &at, required, &cx)
    }

    /// A woman born 12 May 1990 in 34.02.01.
    fn sri() -> Draft {
        Draft {
            nik: "3402015205900001".into(),
            name: " Sri Lestari ".into(),
            types: vec!["fakir miskin".into()],
            ..Draft::default()
        }
    }

    fn codes(r: Result<Checked, Vec<Issue>>) -> Vec<&'static str> {
        r.err().unwrap_or_default().iter().map(|i| i.code).collect()
    }

    #[test]
    fn a_valid_draft_becomes_an_unverified_active_record() {
        let c = run(&sri(), true, true).unwrap();
        assert!(c.warnings.is_empty());
        let r = c.record;
        assert_eq!(r.name, "Sri Lestari");
        assert_eq!(r.birth_date, Some(d(1990, 5, 12)), "read from the NIK");
        assert_eq!(r.sex, Some(Sex::P), "read from the NIK");
        assert_eq!(r.public_types, vec!["PPKS-24"]);
        assert_eq!(r.basis.basis, LawfulBasis::TugasPublik);
        assert!(r.active && !r.verification.verified);
        assert_eq!(r.version, 1);
    }

    #[test]
    fn an_unknown_kecamatan_is_a_warning_only() {
        let c = run(&sri(), true, false).unwrap();
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].code, "nik_kecamatan_unknown");
        assert_eq!(c.warnings[0].field, "nik");
    }

    #[test]
    fn every_broken_rule_is_reported_in_order() {
        let mut bad = sri();
        bad.sex = Some(Sex::L);
        bad.no_kk = Some("12".into());
        bad.types = vec!["PPKS-24".into(), "PPKS-24".into(), "nothing".into()];
        bad.asnaf = Some("nothing".into());
        bad.basis = Some(LawfulBasis::Persetujuan);
        let issues = run(&bad, true, true).unwrap_err();
        let got: Vec<_> = issues.iter().map(|i| (i.field, i.code)).collect();
        assert_eq!(
            got,
            vec![
                ("sex", "nik_sex_mismatch"),
                ("no_kk", "kk_format"),
                ("types", "ppks_type_unknown"),
                ("types", "ppks_type_repeated"),
                ("asnaf", "asnaf_unknown"),
                ("consent_proof", "consent_incomplete"),
            ]
        );
        assert!(issues.iter().all(|i| !i.message_id().is_empty()));
    }

    #[test]
    fn types_are_needed_except_on_import_and_a_future_birth_is_refused() {
        let mut none = sri();
        none.types.clear();
        assert_eq!(codes(run(&none, true, true)), vec!["ppks_types_empty"]);
        assert!(run(&none, false, true).is_ok());
        let mut future = sri();
        future.birth_date = Some(d(2030, 1, 1));
        let got = codes(run(&future, true, true));
        assert!(got.contains(&"birth_date_future"), "{got:?}");
        let mut bad_nik = sri();
        bad_nik.nik = "123".into();
        assert_eq!(codes(run(&bad_nik, true, true)), vec!["nik_format"]);
    }

    #[test]
    fn a_childs_types_are_all_private() {
        // Born 12 May 2015.
        let mut child = sri();
        child.nik = "3402015205150001".into();
        let r = run(&child, true, true).unwrap().record;
        assert!(r.public_types.is_empty());
        assert_eq!(r.private.unwrap().sensitive_types, vec!["PPKS-24"]);
    }

    #[test]
    fn phone_numbers() {
        assert!(is_phone_number("+62812345678"));
        assert!(is_phone_number("081234"));
        assert!(!is_phone_number("08123"));
        assert!(!is_phone_number("0812-3456"));
        assert!(!is_phone_number("+"));
    }

    proptest! {
        /// Whatever is typed, checking never panics, and a record comes out only with
        /// no error; its name is the one given, trimmed.
        #[test]
        fn any_draft_is_a_record_or_issues(
            nik in "[0-9]{0,17}",
            name in "\\PC{0,20}",
            types in proptest::collection::vec("[A-Za-z0-9 -]{0,12}", 0..4),
            required in any::<bool>(),
        ) {
            let draft = Draft { nik, name: name.clone(), types, ..Draft::default() };
            match run(&draft, required, true) {
                Ok(c) => prop_assert_eq!(c.record.name, name.trim()),
                Err(issues) => prop_assert!(!issues.is_empty()),
            }
        }
    }
}
