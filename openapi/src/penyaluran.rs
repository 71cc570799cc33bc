//! Distribution rounds (penyaluran) on the wire.

use crate::dana::Entry;
use crate::text::Printable;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};
use wksbm_domain::penyaluran as dom;

wksbm_domain::str_enum! {
    #[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
    pub enum RoundCategory {
        #[serde(rename = "pencegahan")]
        Pencegahan = "pencegahan",
        #[serde(rename = "penanganan.rehabilitasi_sosial")]
        RehabilitasiSosial = "penanganan.rehabilitasi_sosial",
        #[serde(rename = "penanganan.perlindungan_sosial")]
        PerlindunganSosial = "penanganan.perlindungan_sosial",
        #[serde(rename = "penanganan.pemberdayaan_sosial")]
        PemberdayaanSosial = "penanganan.pemberdayaan_sosial",
        #[serde(rename = "penanganan.jaminan_sosial")]
        JaminanSosial = "penanganan.jaminan_sosial",
        #[serde(rename = "rujukan")]
        Rujukan = "rujukan",
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Draft,
    Diajukan,
    Disetujui,
    Selesai,
    Dibatalkan,
}

impl From<wksbm_domain::penyaluran::RoundStatus> for RoundStatus {
    fn from(s: wksbm_domain::penyaluran::RoundStatus) -> Self {
        use wksbm_domain::penyaluran::RoundStatus as D;
        match s {
            D::Draft => RoundStatus::Draft,
            D::Diajukan => RoundStatus::Diajukan,
            D::Disetujui => RoundStatus::Disetujui,
            D::Selesai => RoundStatus::Selesai,
            D::Dibatalkan => RoundStatus::Dibatalkan,
        }
    }
}

impl From<RoundStatus> for wksbm_domain::penyaluran::RoundStatus {
    fn from(s: RoundStatus) -> Self {
        use wksbm_domain::penyaluran::RoundStatus as D;
        match s {
            RoundStatus::Draft => D::Draft,
            RoundStatus::Diajukan => D::Diajukan,
            RoundStatus::Disetujui => D::Disetujui,
            RoundStatus::Selesai => D::Selesai,
            RoundStatus::Dibatalkan => D::Dibatalkan,
        }
    }
}

/// A recipient: an active PPKS of this WKSBM, once per round.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RecipientRequest {
    pub ppks_id: Uuid,
    /// Rupiah, or grams when the round pays from `beras`: 1 to 10^13.
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount: i64,
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<500>,
}

impl From<&RecipientRequest> for dom::NewPenerima {
    fn from(r: &RecipientRequest) -> Self {
        dom::NewPenerima {
            ppks_id: r.ppks_id,
            amount: r.amount,
            reason: r.reason.trim().to_owned(),
        }
    }
}

fn tahap_range(t: i32) -> Result<(), ValidationError> {
    if (1..=99).contains(&t) {
        Ok(())
    } else {
        Err(ValidationError::new("range"))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Bantuan sembako Desember", "tahap": 1, "category": "penanganan.perlindungan_sosial", "fund_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "planned_date": "2026-12-05", "recipients": [{"ppks_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d60", "amount": 150000, "reason": "Lansia tinggal sendiri"}]}))]
pub struct RoundRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    #[schema(minimum = 1, maximum = 99)]
    #[validate(custom(function = "tahap_range"))]
    pub tahap: i32,
    pub category: RoundCategory,
    pub fund_id: Uuid,
    pub planned_date: chrono::NaiveDate,
    #[schema(max_items = 1000)]
    #[validate(length(max = 1000), nested)]
    #[serde(default)]
    pub recipients: Vec<RecipientRequest>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RecipientsRequest {
    #[schema(min_items = 1, max_items = 1000)]
    #[validate(length(min = 1, max = 1000), nested)]
    pub recipients: Vec<RecipientRequest>,
}

/// The ketua's approval, citing an approved decision of a meeting of this WKSBM.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ApproveRequest {
    pub rapat_id: Uuid,
    #[schema(minimum = 1, maximum = 1000)]
    #[validate(range(min = 1, max = 1000))]
    pub decision_number: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<500>,
}

/// The handover: when, who received (and how they relate to the person, if not the
/// person), an optional photo reference.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"date": "2026-12-05", "received_by": "Ngatiyem", "relation": null, "photo_ref": "foto/penyaluran/2026-12-05-01.jpg"}))]
pub struct DisburseRequest {
    pub date: chrono::NaiveDate,
    #[schema(inline)]
    #[validate(nested)]
    pub received_by: Printable<200>,
    #[schema(schema_with = Printable::<100>::nullable)]
    #[validate(nested)]
    pub relation: Option<Printable<100>>,
    #[schema(schema_with = Printable::<500>::nullable)]
    #[validate(nested)]
    pub photo_ref: Option<Printable<500>>,
}

impl From<&DisburseRequest> for dom::Handover {
    fn from(b: &DisburseRequest) -> Self {
        dom::Handover {
            date: b.date,
            received_by: b.received_by.trim().to_owned(),
            relation: b.relation.as_ref().map(|s| s.trim().to_owned()),
            photo_ref: b.photo_ref.clone().map(Into::into),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Recipient {
    pub id: Uuid,
    pub ppks_id: Uuid,
    pub amount: i64,
    pub reason: String,
    pub types: Vec<String>,
    /// `menunggu` or `disalurkan`.
    pub status: String,
    pub entry_id: Option<Uuid>,
    pub handover_date: Option<chrono::NaiveDate>,
    pub received_by: Option<String>,
    pub relation: Option<String>,
    pub photo_ref: Option<String>,
    pub disbursed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The asnaf the person was paid under, as it was at the payment.
    pub paid_asnaf: Option<String>,
}

impl From<&dom::Penerima> for Recipient {
    fn from(r: &dom::Penerima) -> Self {
        let paid = r.payment.as_ref();
        let handover = paid.map(|p| &p.handover);
        Recipient {
            id: r.id,
            ppks_id: r.ppks_id,
            amount: r.amount,
            reason: r.reason.clone(),
            types: r.types.clone(),
            status: if r.disbursed() {
                "disalurkan"
            } else {
                "menunggu"
            }
            .into(),
            entry_id: paid.map(|p| p.entry_id),
            handover_date: handover.map(|h| h.date),
            received_by: handover.map(|h| h.received_by.clone()),
            relation: handover.and_then(|h| h.relation.clone()),
            photo_ref: handover.and_then(|h| h.photo_ref.clone()),
            disbursed_at: paid.map(|p| p.at),
            paid_asnaf: paid.and_then(|p| p.asnaf.clone()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "wksbm_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5f", "name": "Bantuan sembako Desember", "tahap": 1, "category": "penanganan.perlindungan_sosial", "fund_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d60", "planned_date": "2026-12-05", "status": "disetujui", "created_by": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d61", "approved_by": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d62", "rapat_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d63", "decision_number": 1, "status_reason": null, "created_at": "2026-11-28T09:00:00Z", "updated_at": "2026-11-29T09:00:00Z", "recipients": []}))]
pub struct Round {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub name: String,
    pub tahap: i32,
    pub category: String,
    pub fund_id: Uuid,
    pub planned_date: chrono::NaiveDate,
    pub status: RoundStatus,
    pub created_by: Uuid,
    pub approved_by: Option<Uuid>,
    pub rapat_id: Option<Uuid>,
    pub decision_number: Option<i32>,
    pub status_reason: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Empty in lists; every recipient in the detail view.
    pub recipients: Vec<Recipient>,
}

impl From<&dom::Penyaluran> for Round {
    fn from(r: &dom::Penyaluran) -> Self {
        Round {
            id: r.id,
            wksbm_id: r.wksbm_id,
            name: r.name.clone(),
            tahap: r.tahap,
            category: r.category.clone(),
            fund_id: r.fund_id,
            planned_date: r.planned_date,
            status: r.status.into(),
            created_by: r.created_by,
            approved_by: r.approved_by,
            rapat_id: r.rapat_id,
            decision_number: r.decision_number,
            status_reason: r.status_reason.clone(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            recipients: r.recipients.iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    pub status: Option<RoundStatus>,
}

/// A warning that does not stop the payment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Warning {
    pub code: String,
    pub message: String,
}

/// One recipient paid: the round as it now stands, the recipient, the ledger entry.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"round_status": "disetujui", "recipient": {"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "ppks_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5f", "amount": 150000, "reason": "Lansia tinggal sendiri", "types": ["PPKS-08"], "status": "disalurkan", "entry_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d60", "handover_date": "2026-12-05", "received_by": "Ngatiyem", "relation": null, "photo_ref": null, "disbursed_at": "2026-12-05T09:00:00Z"}, "entry": {"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d60", "fund_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d61", "date": "2026-12-05", "direction": "keluar", "amount": 150000, "balance_after": 850000, "running_balance": null, "method": null, "category": "penyaluran", "usaha_id": null, "donor_id": null, "description": "Penyaluran Bantuan sembako Desember: Lansia tinggal sendiri", "receipt_no": "012/BKK/WKSBM-KUWARU/XII/2026", "reverses_id": null, "pair_id": null, "penyaluran_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d62", "ppks_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5f", "jimpitan_id": null, "proposal_id": null, "price_per_kg": null, "created_by": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d63", "created_at": "2026-12-05T09:00:00Z"}, "warnings": []}))]
pub struct Disbursed {
    pub round_status: RoundStatus,
    pub recipient: Recipient,
    pub entry: Entry,
    pub warnings: Vec<Warning>,
}

/// The payment with a `received_elsewhere` warning when the person received from
/// another WKSBM in the cap period.
impl From<&dom::Disbursed> for Disbursed {
    fn from(p: &dom::Disbursed) -> Self {
        let mut warnings = Vec::new();
        if p.elsewhere > 0 {
            warnings.push(Warning {
                code: "received_elsewhere".into(),
                message: format!(
                    "This person received {} payment(s) from another WKSBM in the period.",
                    p.elsewhere
                ),
            });
        }
        Disbursed {
            round_status: p.round_status.into(),
            recipient: (&p.recipient).into(),
            entry: Entry::from(&p.entry),
            warnings,
        }
    }
}
