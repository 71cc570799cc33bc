//! PPKS, the people a WKSBM serves (book 8): their types, lawful basis, status, and
//! which parts of a record are specific personal data (UU 27/2022, UU 11/2012).

use crate::katalog;
use crate::nik::{Nik, NoKk, Sex};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Types whose mere mention is health or criminal data: ABH, TS, BWBLP, ODHA, NAPZA,
/// trafficking, KTK.
pub const SENSITIVE_TYPES: [&str; 7] = [
    "PPKS-03", "PPKS-10", "PPKS-15", "PPKS-16", "PPKS-17", "PPKS-18", "PPKS-19",
];

/// Under this age every type is sensitive (children's data).
pub const ADULT_AGE: u32 = 18;

pub fn is_sensitive_type(code: &str) -> bool {
    SENSITIVE_TYPES.contains(&code)
}

/// The catalog code for a type given by code, abbreviation, name or alias (either
/// spelling of "telantar"), case-insensitive.
pub fn type_code(given: &str) -> Option<&'static str> {
    let g = given.trim();
    let norm = |s: &str| s.to_lowercase().replace("terlantar", "telantar");
    let ng = norm(g);
    katalog::PPKS
        .iter()
        .find(|i| {
            i.code.eq_ignore_ascii_case(g)
                || i.abbreviation.is_some_and(|a| a.eq_ignore_ascii_case(g))
                || norm(i.name) == ng
                || i.aliases.iter().any(|a| norm(a) == ng)
        })
        .map(|i| i.code)
}

pub fn asnaf_code(given: &str) -> Option<&'static str> {
    katalog::Katalog::Asnaf.find(given.trim()).map(|i| i.code)
}

/// Age in whole years on `today`.
/// The five-year band of an age (`"35-39"`; `"75+"` from 75), the age a limited view
/// shows: with the NIK masked, an exact age would narrow its hidden birth date to a year.
pub fn age_band(age: u32) -> String {
    if age >= 75 {
        return "75+".to_owned();
    }
    let low = age / 5 * 5;
    format!("{low}-{}", low + 4)
}

pub fn age(birth: NaiveDate, today: NaiveDate) -> u32 {
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum LawfulBasis {
        Persetujuan = "persetujuan",
        KewajibanHukum = "kewajiban_hukum",
        TugasPublik = "tugas_publik",
    }
}

crate::str_enum! {
    /// Who gave consent, relative to the person.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ConsentBy {
        DiriSendiri = "diri_sendiri",
        OrangTua = "orang_tua",
        Wali = "wali",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    pub basis: LawfulBasis,
    pub consent_proof: Option<String>,
    pub consent_by: Option<ConsentBy>,
    pub consent_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PpksError {
    #[error("consent as the basis needs a proof reference and who consented")]
    ConsentIncomplete,
    #[error("a child's consent is given by a parent or guardian")]
    ConsentGuardianRequired,
    #[error("at least one PPKS type is needed")]
    TypesEmpty,
    #[error("a PPKS type is listed twice")]
    TypeRepeated,
    #[error("a birth date cannot be in the future")]
    BirthDateFuture,
    #[error("a reason is needed to deactivate")]
    ReasonRequired,
}

impl PpksError {
    pub fn code(self) -> &'static str {
        match self {
            PpksError::ConsentIncomplete => "consent_incomplete",
            PpksError::ConsentGuardianRequired => "consent_guardian_required",
            PpksError::TypesEmpty => "ppks_types_empty",
            PpksError::TypeRepeated => "ppks_type_repeated",
            PpksError::BirthDateFuture => "birth_date_future",
            PpksError::ReasonRequired => "reason_required",
        }
    }
    /// The request field the rule is about.
    pub fn field(self) -> &'static str {
        match self {
            PpksError::ConsentIncomplete => "consent_proof",
            PpksError::ConsentGuardianRequired => "consent_by",
            PpksError::TypesEmpty | PpksError::TypeRepeated => "types",
            PpksError::BirthDateFuture => "birth_date",
            PpksError::ReasonRequired => "reason",
        }
    }
}

/// The lawful basis rule: consent needs a proof and who gave it; for a child, a parent
/// or guardian.
pub fn check_basis(b: &Basis, birth: NaiveDate, today: NaiveDate) -> Result<(), PpksError> {
    if b.basis != LawfulBasis::Persetujuan {
        return Ok(());
    }
    let proof = b
        .consent_proof
        .as_deref()
        .is_some_and(|p| !p.trim().is_empty());
    let Some(by) = b.consent_by else {
        return Err(PpksError::ConsentIncomplete);
    };
    if !proof {
        return Err(PpksError::ConsentIncomplete);
    }
    if age(birth, today) < ADULT_AGE && by == ConsentBy::DiriSendiri {
        return Err(PpksError::ConsentGuardianRequired);
    }
    Ok(())
}

/// Types as given, each resolved once; order kept.
pub fn check_types(codes: &[&'static str], required: bool) -> Result<(), PpksError> {
    if required && codes.is_empty() {
        return Err(PpksError::TypesEmpty);
    }
    let mut seen = std::collections::HashSet::new();
    if !codes.iter().all(|c| seen.insert(*c)) {
        return Err(PpksError::TypeRepeated);
    }
    Ok(())
}

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum InactiveReason {
        Meninggal = "meninggal",
        Pindah = "pindah",
        SudahMampu = "sudah_mampu",
        Menolak = "menolak",
        TidakDitemukan = "tidak_ditemukan",
        Lainnya = "lainnya",
        /// Set by anonymisation (on request or at the end of retention).
        Dianonimkan = "dianonimkan",
    }
}

/// The identity and sensitive parts of a record: encrypted at rest as one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Private {
    pub nik: String,
    pub no_kk: Option<String>,
    pub phone: Option<String>,
    /// Sensitive types (or, for a child, every type).
    pub sensitive_types: Vec<String>,
}

/// One person in the register, decrypted.
#[derive(Debug, Clone, PartialEq)]
pub struct Ppks {
    pub id: Uuid,
    pub padukuhan_id: Uuid,
    pub kalurahan: crate::wilayah::KodeWilayah,
    pub wksbm_id: Option<Uuid>,
    /// `None` once anonymised.
    pub private: Option<Private>,
    pub name: String,
    pub birth_place: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub address: Option<String>,
    /// Types that are not sensitive, for this person.
    pub public_types: Vec<String>,
    pub asnaf: Option<String>,
    pub needs: Option<String>,
    pub notes: Option<String>,
    pub basis: Basis,
    pub verification: Verification,
    pub active: bool,
    pub status_reason: Option<InactiveReason>,
    pub status_date: Option<NaiveDate>,
    pub status_note: Option<String>,
    pub anonymised_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i64,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub verified: bool,
    pub by: Option<Uuid>,
    pub by_role: Option<String>,
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Ppks {
    pub fn territory(&self) -> crate::access::Territory {
        crate::access::Territory::Padukuhan {
            kalurahan: self.kalurahan.clone(),
            id: self.padukuhan_id,
        }
    }
    pub fn is_child(&self, today: NaiveDate) -> bool {
        self.birth_date.is_some_and(|b| age(b, today) < ADULT_AGE)
    }
    /// Where the processing log of this record is read for its data subject: the whole
    /// province, whatever the reader's own reach (the rows read are this record's alone).
    pub fn log_territory(&self) -> crate::access::Territory {
        let province = crate::wilayah::KodeWilayah::parse(&self.kalurahan.as_str()[..2])
            .unwrap_or(self.kalurahan.clone());
        crate::access::Territory::Wilayah(province)
    }
    /// The No. KK recorded for the person (none once anonymised): it names the household.
    pub fn no_kk(&self) -> Option<&str> {
        self.private.as_ref().and_then(|x| x.no_kk.as_deref())
    }
    /// The record with identity erased: name becomes a pseudonym; NIK, No. KK, phone,
    /// birth place and date, address, needs, notes and sensitive types are removed; type
    /// codes, padukuhan and financial history stay for statistics and the books.
    pub fn anonymised(&self, today: NaiveDate, now: chrono::DateTime<chrono::Utc>) -> Ppks {
        let mut a = self.clone();
        a.private = None;
        a.name = pseudonym(self.id);
        a.birth_place = None;
        a.birth_date = None;
        a.rt = None;
        a.address = None;
        a.needs = None;
        a.notes = None;
        a.basis.consent_name = None;
        a.basis.consent_proof = None;
        a.active = false;
        a.status_reason = Some(InactiveReason::Dianonimkan);
        a.status_date = Some(today);
        a.anonymised_at = Some(now);
        a
    }
    /// Every type, the sensitive ones included (for those allowed to see them).
    pub fn all_types(&self) -> Vec<String> {
        let mut all = self.public_types.clone();
        if let Some(p) = &self.private {
            all.extend(p.sensitive_types.iter().cloned());
        }
        all.sort();
        all
    }
}

/// Splits a person's types into those shown to every reader and those kept private:
/// for a child, all of them are private.
pub fn split_types(types: &[&str], child: bool) -> (Vec<String>, Vec<String>) {
    let (private, public): (Vec<&str>, Vec<&str>) =
        types.iter().partition(|t| child || is_sensitive_type(t));
    (
        public.into_iter().map(str::to_owned).collect(),
        private.into_iter().map(str::to_owned).collect(),
    )
}

/// Identity fields of a new or corrected record, parsed.
pub struct Identity {
    pub nik: Nik,
    pub no_kk: Option<NoKk>,
}

/// The No. KK shown with a household: whole to those who may see the person's identity
/// (`full`), masked to everyone else.
pub fn household_no_kk(kk: &str, full: bool) -> String {
    if full {
        kk.to_owned()
    } else {
        crate::nik::mask16(kk)
    }
}

/// A pseudonym for an anonymised person: stable for the record, meaningless outside it.
pub fn pseudonym(id: Uuid) -> String {
    format!("Anonim-{}", &id.simple().to_string()[24..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn types_resolve_by_code_abbreviation_name_and_either_spelling() {
        assert_eq!(type_code("PPKS-16"), Some("PPKS-16"));
        assert_eq!(type_code("odha"), Some("PPKS-16"));
        assert_eq!(type_code("Anak Balita Terlantar"), Some("PPKS-01"));
        assert_eq!(type_code("fakir miskin"), Some("PPKS-24"));
        assert_eq!(type_code("PPKS-27"), None);
        assert!(is_sensitive_type("PPKS-16"));
        assert!(!is_sensitive_type("PPKS-24"));
    }

    #[test]
    fn a_child_needs_a_parent_or_guardian_to_consent() {
        let today = d(2026, 11, 29);
        let b = |by| Basis {
            basis: LawfulBasis::Persetujuan,
            consent_proof: Some("Surat 1".into()),
            consent_by: Some(by),
            consent_name: Some("Ibu".into()),
        };
        assert_eq!(
            check_basis(&b(ConsentBy::DiriSendiri), d(2015, 1, 1), today),
            Err(PpksError::ConsentGuardianRequired)
        );
        assert_eq!(
            check_basis(&b(ConsentBy::Wali), d(2015, 1, 1), today),
            Ok(())
        );
        assert_eq!(
            check_basis(&b(ConsentBy::DiriSendiri), d(2008, 11, 29), today),
            Ok(()),
            "eighteen today"
        );
        let mut no_proof = b(ConsentBy::DiriSendiri);
        no_proof.consent_proof = Some("  ".into());
        assert_eq!(
            check_basis(&no_proof, d(1990, 1, 1), today),
            Err(PpksError::ConsentIncomplete)
        );
        let public = Basis {
            basis: LawfulBasis::TugasPublik,
            consent_proof: None,
            consent_by: None,
            consent_name: None,
        };
        assert_eq!(check_basis(&public, d(2015, 1, 1), today), Ok(()));
    }

    #[test]
    fn sensitive_types_and_all_of_a_childs_are_private() {
        let (public, private) = split_types(&["PPKS-24", "PPKS-16"], false);
        assert_eq!(public, vec!["PPKS-24"]);
        assert_eq!(private, vec!["PPKS-16"]);
        let (public, private) = split_types(&["PPKS-24", "PPKS-02"], true);
        assert!(public.is_empty());
        assert_eq!(private.len(), 2);
    }

    #[test]
    fn types_are_required_once_each() {
        assert_eq!(check_types(&[], true), Err(PpksError::TypesEmpty));
        assert_eq!(check_types(&[], false), Ok(()));
        assert_eq!(
            check_types(&["PPKS-01", "PPKS-01"], true),
            Err(PpksError::TypeRepeated)
        );
    }

    fn person() -> Ppks {
        let now = chrono::Utc::now();
        Ppks {
            id: Uuid::now_v7(),
            padukuhan_id: Uuid::now_v7(),
            kalurahan: crate::wilayah::KodeWilayah::parse("34.02.01.2001").unwrap(),
            wksbm_id: None,
            private: Some(Private {
                nik: "3402015205900001".into(),
                no_kk: Some("3402011505100003".into()),
                phone: Some("0812345678".into()),
                sensitive_types: vec!["PPKS-16".into()],
            }),
            name: "Sri Lestari".into(),
            birth_place: Some("Bantul".into()),
            birth_date: Some(d(1990, 5, 12)),
            sex: Some(Sex::P),
            rt: Some("01".into()),
            rw: Some("02".into()),
            address: Some("Jalan 1".into()),
            public_types: vec!["PPKS-24".into()],
            asnaf: None,
            needs: Some("beras".into()),
            notes: Some("catatan".into()),
            basis: Basis {
                basis: LawfulBasis::Persetujuan,
                consent_proof: Some("Surat 1".into()),
                consent_by: Some(ConsentBy::DiriSendiri),
                consent_name: Some("Sri".into()),
            },
            verification: Verification {
                verified: true,
                by: None,
                by_role: None,
                at: None,
            },
            active: true,
            status_reason: None,
            status_date: None,
            status_note: None,
            anonymised_at: None,
            version: 3,
            created_by: Uuid::now_v7(),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn anonymising_erases_identity_and_keeps_what_statistics_need() {
        let p = person();
        let (today, now) = (d(2026, 11, 29), chrono::Utc::now());
        let a = p.anonymised(today, now);
        assert_eq!(a.name, pseudonym(p.id));
        assert_eq!(a.private, None);
        assert_eq!(a.no_kk(), None);
        assert_eq!(
            p.log_territory(),
            crate::access::Territory::Wilayah(crate::wilayah::KodeWilayah::parse("34").unwrap())
        );
        assert_eq!(
            (
                &a.birth_place,
                a.birth_date,
                &a.rt,
                &a.address,
                &a.needs,
                &a.notes
            ),
            (&None, None, &None, &None, &None, &None)
        );
        assert_eq!(
            (&a.basis.consent_name, &a.basis.consent_proof),
            (&None, &None)
        );
        assert!(!a.active);
        assert_eq!(a.status_reason, Some(InactiveReason::Dianonimkan));
        assert_eq!((a.status_date, a.anonymised_at), (Some(today), Some(now)));
        assert_eq!(
            (&a.public_types, a.padukuhan_id, &a.rw, a.version),
            (&p.public_types, p.padukuhan_id, &p.rw, p.version),
            "types, place and version stay"
        );
    }

    #[test]
    fn the_household_no_kk_is_masked_unless_the_reader_sees_identities() {
        let p = person();
        let kk = p.no_kk().unwrap();
        assert_eq!(household_no_kk(kk, true), kk);
        assert_eq!(household_no_kk(kk, false), "340201******0003");
    }

    proptest::proptest! {
        /// A reader without the full view never sees the middle six digits of a No. KK,
        /// and always sees where the household is (the first six) and the last four.
        #[test]
        fn a_masked_household_no_kk_hides_its_middle(kk in "[0-9]{16}") {
            let shown = household_no_kk(&kk, false);
            proptest::prop_assert_eq!(&shown[..6], &kk[..6]);
            proptest::prop_assert_eq!(&shown[6..12], "******");
            proptest::prop_assert_eq!(&shown[12..], &kk[12..]);
            proptest::prop_assert_eq!(household_no_kk(&kk, true), kk);
        }
    }

    #[test]
    fn an_age_band_is_five_years_and_open_from_75() {
        assert_eq!(age_band(0), "0-4");
        assert_eq!(age_band(4), "0-4");
        assert_eq!(age_band(36), "35-39");
        assert_eq!(age_band(74), "70-74");
        assert_eq!(age_band(75), "75+");
        assert_eq!(age_band(103), "75+");
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age(d(2008, 11, 30), d(2026, 11, 29)), 17);
        assert_eq!(age(d(2008, 11, 29), d(2026, 11, 29)), 18);
        assert!(pseudonym(Uuid::now_v7()).starts_with("Anonim-"));
    }
}
