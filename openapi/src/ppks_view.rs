//! The two views of a PPKS record: the full one (full NIK, No. KK, phone, birth date,
//! every type) for those the policy allows, and a limited one, uniform whatever it
//! withholds, for everyone else who may read; and the summary a list shows.

use crate::ppks::{
    ConsentBy, InactiveReason, LawfulBasis, PpksStatus, Sex, VerificationStatus, Warning,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use wksbm_domain::nik::mask16;
use wksbm_domain::ppks::{Ppks as DomPpks, age, age_band};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Verification {
    pub status: VerificationStatus,
    pub by: Option<Uuid>,
    /// `kalurahan` or `dinsos`.
    pub by_role: Option<String>,
    pub at: Option<DateTime<Utc>>,
}

/// A person. `full_view` says which view this is. The limited view has one shape whatever
/// the person's record holds: the NIK and No. KK masked (first 6 and last 4 digits), the
/// age as a five-year `age_band` only, and birth place and date, phone, needs, notes,
/// consent name, sensitive types and all of a child's types withheld (`null`, or absent
/// from `types`). Nothing in it says whether anything was withheld.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5b0-7c1e-7000-8000-0000000000a1", "padukuhan_id": "0193a5b0-7c1e-7000-8000-000000000001",
    "kalurahan_code": "34.02.01.2001", "wksbm_id": null, "full_view": false,
    "nik": "340201******0001", "no_kk": "340201******0003", "name": "Sri Lestari", "sex": "p",
    "age": null, "age_band": "35-39", "birth_place": null, "birth_date": null, "rt": "03", "rw": "01",
    "address": "Kuwaru RT 03", "phone": null, "types": ["PPKS-23", "PPKS-24"],
    "asnaf": "miskin", "needs": null, "notes": null,
    "lawful_basis": "persetujuan", "consent_proof": "Formulir persetujuan No. 12/2026",
    "consent_by": "diri_sendiri", "consent_name": null,
    "verification": {"status": "belum", "by": null, "by_role": null, "at": null},
    "status": "aktif", "status_reason": null, "status_date": null, "status_note": null,
    "anonymised_at": null, "version": 1,
    "created_at": "2026-11-29T08:00:00Z", "updated_at": "2026-11-29T08:00:00Z"
}))]
pub struct Ppks {
    pub id: Uuid,
    pub padukuhan_id: Uuid,
    pub kalurahan_code: String,
    pub wksbm_id: Option<Uuid>,
    pub full_view: bool,
    /// Full or masked; `null` once anonymised.
    pub nik: Option<String>,
    pub no_kk: Option<String>,
    pub name: String,
    pub sex: Option<Sex>,
    /// Whole years, in the full view only.
    pub age: Option<u32>,
    /// Five-year band (`35-39`, `75+`), in both views.
    pub age_band: Option<String>,
    pub birth_place: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub types: Vec<String>,
    pub asnaf: Option<String>,
    pub needs: Option<String>,
    pub notes: Option<String>,
    pub lawful_basis: LawfulBasis,
    pub consent_proof: Option<String>,
    pub consent_by: Option<ConsentBy>,
    pub consent_name: Option<String>,
    pub verification: Verification,
    pub status: PpksStatus,
    pub status_reason: Option<InactiveReason>,
    pub status_date: Option<NaiveDate>,
    pub status_note: Option<String>,
    pub anonymised_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Warnings about the data just written (e.g. `nik_kecamatan_unknown`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Ppks {
    /// The record as `full` (the policy's answer) allows on `today`.
    pub fn view(p: &DomPpks, full: bool, today: NaiveDate) -> Ppks {
        let private = p.private.as_ref();
        let shown = |s: &str| {
            if full { s.to_owned() } else { mask16(s) }
        };
        let types = if full {
            p.all_types()
        } else {
            p.public_types.clone()
        };
        Ppks {
            id: p.id,
            padukuhan_id: p.padukuhan_id,
            kalurahan_code: p.kalurahan.to_string(),
            wksbm_id: p.wksbm_id,
            full_view: full,
            nik: private.map(|x| shown(&x.nik)),
            no_kk: private.and_then(|x| x.no_kk.as_deref().map(shown)),
            name: p.name.clone(),
            sex: p.sex.map(Into::into),
            age: p.birth_date.filter(|_| full).map(|b| age(b, today)),
            age_band: p.birth_date.map(|b| age_band(age(b, today))),
            birth_place: if full { p.birth_place.clone() } else { None },
            birth_date: if full { p.birth_date } else { None },
            rt: p.rt.clone(),
            rw: p.rw.clone(),
            address: p.address.clone(),
            phone: if full {
                private.and_then(|x| x.phone.clone())
            } else {
                None
            },
            types,
            asnaf: p.asnaf.clone(),
            // Needs may describe health: the full view only, as in the export.
            needs: if full { p.needs.clone() } else { None },
            notes: if full { p.notes.clone() } else { None },
            lawful_basis: p.basis.basis.into(),
            consent_proof: p.basis.consent_proof.clone(),
            consent_by: p.basis.consent_by.map(Into::into),
            consent_name: if full {
                p.basis.consent_name.clone()
            } else {
                None
            },
            verification: Verification {
                status: if p.verification.verified {
                    VerificationStatus::Terverifikasi
                } else {
                    VerificationStatus::Belum
                },
                by: p.verification.by,
                by_role: p.verification.by_role.clone(),
                at: p.verification.at,
            },
            status: if p.active {
                PpksStatus::Aktif
            } else {
                PpksStatus::Nonaktif
            },
            status_reason: p.status_reason.map(Into::into),
            status_date: p.status_date,
            status_note: p.status_note.clone(),
            anonymised_at: p.anonymised_at,
            version: p.version,
            created_at: p.created_at,
            updated_at: p.updated_at,
            warnings: Vec::new(),
        }
    }
}

/// A person in a list: the NIK always masked, only non-sensitive types.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PpksSummary {
    pub id: Uuid,
    pub padukuhan_id: Uuid,
    pub kalurahan_code: String,
    pub wksbm_id: Option<Uuid>,
    pub nik: Option<String>,
    pub name: String,
    pub sex: Option<Sex>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub types: Vec<String>,
    pub status: PpksStatus,
    pub verification: VerificationStatus,
    pub updated_at: DateTime<Utc>,
}

impl From<&DomPpks> for PpksSummary {
    fn from(p: &DomPpks) -> Self {
        PpksSummary {
            id: p.id,
            padukuhan_id: p.padukuhan_id,
            kalurahan_code: p.kalurahan.to_string(),
            wksbm_id: p.wksbm_id,
            nik: p.private.as_ref().map(|x| mask16(&x.nik)),
            name: p.name.clone(),
            sex: p.sex.map(Into::into),
            rt: p.rt.clone(),
            rw: p.rw.clone(),
            types: p.public_types.clone(),
            status: if p.active {
                PpksStatus::Aktif
            } else {
                PpksStatus::Nonaktif
            },
            verification: if p.verification.verified {
                VerificationStatus::Terverifikasi
            } else {
                VerificationStatus::Belum
            },
            updated_at: p.updated_at,
        }
    }
}
