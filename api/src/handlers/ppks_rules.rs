//! Turning PPKS input (a JSON body or an import row) into a domain record: every rule
//! checked, every broken one reported with its field and code, warnings kept apart.

use crate::i18n::Text;
use crate::state::AppState;
use chrono::{NaiveDate, Utc};
use uuid::Uuid;
use wksbm_domain::nik::{Nik, NoKk, Sex};
use wksbm_domain::padukuhan::Padukuhan;
use wksbm_domain::ppks::{
    Basis, ConsentBy, LawfulBasis, Ppks, PpksError, Private, Verification, asnaf_code, check_basis,
    check_types, split_types, type_code,
};
use wksbm_domain::wilayah::KodeWilayah;

/// The fields of a person as given, before any rule.
#[derive(Debug, Clone, Default)]
pub struct Input {
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

/// A broken rule or a warning: the field, the code, the message in both languages.
#[derive(Debug, Clone)]
pub struct Issue {
    pub field: &'static str,
    pub code: &'static str,
    pub message: Text,
}

fn issue(field: &'static str, code: &'static str, id: &str, en: impl Into<String>) -> Issue {
    Issue {
        field,
        code,
        message: Text::new(id.to_owned(), en.into()),
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

/// What a checked input becomes: the record, and warnings that did not stop it.
pub struct Built {
    pub record: Ppks,
    pub warnings: Vec<Issue>,
}

/// Where the record goes and who writes it.
pub struct Placement<'a> {
    pub id: Uuid,
    pub padukuhan: &'a Padukuhan,
    pub wksbm_id: Option<Uuid>,
    pub by: Uuid,
}

/// Checks every rule of `input`; all broken rules are returned, not just the first.
/// `types_required` is false for imports, which need only NIK and name.
pub fn build(
    state: &AppState,
    input: &Input,
    at: &Placement<'_>,
    types_required: bool,
) -> Result<Built, Vec<Issue>> {
    let today = crate::clock::today();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let nik = match Nik::parse(&input.nik) {
        Ok(n) => Some(n),
        Err(e) => {
            errors.push(issue("nik", e.code(), message_id(e.code()), e.to_string()));
            None
        }
    };
    if let Some(n) = &nik {
        if let Err(e) = n.check(input.birth_date, input.sex) {
            let field = if e.code() == "nik_sex_mismatch" {
                "sex"
            } else {
                "birth_date"
            };
            errors.push(issue(field, e.code(), message_id(e.code()), e.to_string()));
        }
        let kec = n.kecamatan_code();
        let known = KodeWilayah::parse(&kec)
            .ok()
            .is_some_and(|k| state.wilayah.get(&k).is_some());
        if !known {
            warnings.push(issue(
                "nik",
                "nik_kecamatan_unknown",
                message_id("nik_kecamatan_unknown"),
                format!("kecamatan {kec} of the NIK is not in the reference data"),
            ));
        }
    }
    let no_kk = match input.no_kk.as_deref().map(NoKk::parse).transpose() {
        Ok(k) => k,
        Err(e) => {
            errors.push(issue(
                "no_kk",
                e.code(),
                message_id(e.code()),
                e.to_string(),
            ));
            None
        }
    };
    let birth_date = input
        .birth_date
        .or_else(|| nik.as_ref().map(|n| n.birth_date(today)));
    if birth_date.is_some_and(|b| b > today) {
        let e = PpksError::BirthDateFuture;
        errors.push(issue(
            e.field(),
            e.code(),
            message_id(e.code()),
            e.to_string(),
        ));
    }
    let mut codes = Vec::new();
    for t in &input.types {
        match type_code(t) {
            Some(c) => codes.push(c),
            None => errors.push(issue(
                "types",
                "ppks_type_unknown",
                message_id("ppks_type_unknown"),
                format!("unknown PPKS type {t:?}"),
            )),
        }
    }
    if let Err(e) = check_types(&codes, types_required) {
        errors.push(issue(
            e.field(),
            e.code(),
            message_id(e.code()),
            e.to_string(),
        ));
    }
    let asnaf = match input.asnaf.as_deref() {
        Some(a) => match asnaf_code(a) {
            Some(c) => Some(c.to_owned()),
            None => {
                errors.push(issue(
                    "asnaf",
                    "asnaf_unknown",
                    message_id("asnaf_unknown"),
                    format!("unknown asnaf {a:?}"),
                ));
                None
            }
        },
        None => None,
    };
    let basis = Basis {
        basis: input.basis.unwrap_or(LawfulBasis::TugasPublik),
        consent_proof: input.consent_proof.clone(),
        consent_by: input.consent_by,
        consent_name: input.consent_name.clone(),
    };
    if let Some(b) = birth_date
        && let Err(e) = check_basis(&basis, b, today)
    {
        errors.push(issue(
            e.field(),
            e.code(),
            message_id(e.code()),
            e.to_string(),
        ));
    }
    let (Some(nik), true) = (nik, errors.is_empty()) else {
        return Err(errors);
    };
    let child = birth_date.is_some_and(|b| wksbm_domain::ppks::age(b, today) < 18);
    let (public_types, sensitive_types) = split_types(&codes, child);
    let now = Utc::now();
    Ok(Built {
        record: Ppks {
            id: at.id,
            padukuhan_id: at.padukuhan.id,
            kalurahan: at.padukuhan.kalurahan.clone(),
            wksbm_id: at.wksbm_id,
            private: Some(Private {
                nik: nik.as_str().to_owned(),
                no_kk: no_kk.map(|k| k.as_str().to_owned()),
                phone: input.phone.clone(),
                sensitive_types,
            }),
            name: input.name.trim().to_owned(),
            birth_place: input.birth_place.clone(),
            birth_date,
            sex: Some(input.sex.unwrap_or_else(|| nik.sex())),
            rt: input.rt.clone(),
            rw: input.rw.clone(),
            address: input.address.clone(),
            public_types,
            asnaf,
            needs: input.needs.clone(),
            notes: input.notes.clone(),
            basis,
            verification: Verification {
                verified: false,
                by: None,
                by_role: None,
                at: None,
            },
            active: true,
            inactive_reason: None,
            inactive_date: None,
            inactive_note: None,
            anonymised_at: None,
            version: 1,
            created_by: at.by,
            created_at: now,
            updated_at: now,
        },
        warnings,
    })
}
