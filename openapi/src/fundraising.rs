//! Fundraising on the wire: zakat legal basis, business units, donor proposals, jimpitan
//! rounds and rice sales.

use crate::text::Printable;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};
use wksbm_domain::{fundraising as dom, jimpitan};

wksbm_domain::str_enum! {
    #[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
    #[serde(rename_all = "snake_case")]
    pub enum ZakatBasisKind {
        /// Unit Pengumpul Zakat of BAZNAS.
        UpzBaznas = "upz_baznas",
        /// A decree of the KUA.
        SkKua = "sk_kua",
        /// A decree of BAZNAS.
        SkBaznas = "sk_baznas",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "upz_baznas", "number": "12/BAZNAS-BTL/XI/2026", "date": "2026-11-01", "issuer": "BAZNAS Kabupaten Bantul"}))]
pub struct ZakatBasisRequest {
    pub kind: ZakatBasisKind,
    #[schema(inline)]
    #[validate(nested)]
    pub number: Printable<100>,
    pub date: chrono::NaiveDate,
    #[schema(inline)]
    #[validate(nested)]
    pub issuer: Printable<200>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"kind": "upz_baznas", "number": "12/BAZNAS-BTL/XI/2026", "date": "2026-11-01", "issuer": "BAZNAS Kabupaten Bantul", "recorded_by": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d61", "recorded_at": "2026-11-28T09:00:00Z"}))]
pub struct ZakatBasis {
    pub kind: String,
    pub number: String,
    pub date: chrono::NaiveDate,
    pub issuer: String,
    pub recorded_by: Uuid,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

impl From<&dom::ZakatBasis> for ZakatBasis {
    fn from(b: &dom::ZakatBasis) -> Self {
        ZakatBasis {
            kind: b.kind.clone(),
            number: b.number.clone(),
            date: b.date,
            issuer: b.issuer.clone(),
            recorded_by: b.recorded_by,
            recorded_at: b.recorded_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Persewaan Tenda", "kind": "persewaan"}))]
pub struct UsahaRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    #[schema(inline)]
    #[validate(nested)]
    pub kind: Printable<100>,
}

/// A business unit with its income and expense over the asked period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "name": "Persewaan Tenda", "kind": "persewaan", "active": true, "income": 1200000, "expense": 200000, "net": 1000000, "created_at": "2026-11-01T09:00:00Z"}))]
pub struct Usaha {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
    pub active: bool,
    pub income: i64,
    pub expense: i64,
    pub net: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&dom::Usaha> for Usaha {
    fn from(u: &dom::Usaha) -> Self {
        Usaha {
            id: u.id,
            name: u.name.clone(),
            kind: u.kind.clone(),
            active: u.active,
            income: u.income,
            expense: u.expense,
            net: u.net(),
            created_at: u.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"items": []}))]
pub struct UsahaList {
    pub items: Vec<Usaha>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsahaQuery {
    /// Summary from this day (default: 1 January of this year).
    pub from: Option<chrono::NaiveDate>,
    /// Summary through this day (default: today).
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"donor_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "title": "Bantuan sembako lansia", "requested": 5000000, "sent_date": "2026-11-10"}))]
pub struct ProposalRequest {
    pub donor_id: Uuid,
    #[schema(inline)]
    #[validate(nested)]
    pub title: Printable<200>,
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub requested: i64,
    pub sent_date: chrono::NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PledgeRequest {
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount: i64,
    pub date: chrono::NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReceiveRequest {
    /// `umum`, `infak_sedekah` or a `terikat` fund.
    pub fund_id: Uuid,
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount: i64,
    pub date: chrono::NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "donor_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5f", "title": "Bantuan sembako lansia", "requested": 5000000, "pledged": 3000000, "status": "dijanjikan", "sent_date": "2026-11-10", "pledged_date": "2026-11-15", "entry_id": null, "created_at": "2026-11-10T09:00:00Z"}))]
pub struct Proposal {
    pub id: Uuid,
    pub donor_id: Uuid,
    pub title: String,
    pub requested: i64,
    pub pledged: Option<i64>,
    /// `dikirim`, `dijanjikan` or `diterima`.
    pub status: String,
    pub sent_date: chrono::NaiveDate,
    pub pledged_date: Option<chrono::NaiveDate>,
    pub entry_id: Option<Uuid>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&dom::Proposal> for Proposal {
    fn from(p: &dom::Proposal) -> Self {
        Proposal {
            id: p.id,
            donor_id: p.donor_id,
            title: p.title.clone(),
            requested: p.requested,
            pledged: p.pledged,
            status: p.status.as_str().to_owned(),
            sent_date: p.sent_date,
            pledged_date: p.pledged_date,
            entry_id: p.entry_id,
            created_at: p.created_at,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Given {
    Memberi,
    Tidak,
    Dibebaskan,
}

impl From<Given> for jimpitan::Given {
    fn from(g: Given) -> Self {
        match g {
            Given::Memberi => jimpitan::Given::Memberi,
            Given::Tidak => jimpitan::Given::Tidak,
            Given::Dibebaskan => jimpitan::Given::Dibebaskan,
        }
    }
}

impl From<jimpitan::Given> for Given {
    fn from(g: jimpitan::Given) -> Self {
        match g {
            jimpitan::Given::Memberi => Given::Memberi,
            jimpitan::Given::Tidak => Given::Tidak,
            jimpitan::Given::Dibebaskan => Given::Dibebaskan,
        }
    }
}

fn rt_code(s: &str) -> Result<(), ValidationError> {
    if (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ValidationError::new("rt"))
    }
}

/// One household: a house label (or its No. KK, stored masked), what it gave.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct JimpitanLine {
    #[schema(inline)]
    #[validate(nested)]
    pub household: Printable<100>,
    pub given: Given,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10_000_000_000_000_i64)]
    pub grams: i64,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10_000_000_000_000_i64)]
    pub rupiah: i64,
}

impl From<&jimpitan::JimpitanLine> for JimpitanLine {
    fn from(l: &jimpitan::JimpitanLine) -> Self {
        JimpitanLine {
            household: l.household.clone().into(),
            given: l.given.into(),
            grams: l.grams,
            rupiah: l.rupiah,
        }
    }
}

/// A line as asked for; a house label that is a No. KK is stored masked.
impl From<&JimpitanLine> for jimpitan::JimpitanLine {
    fn from(l: &JimpitanLine) -> Self {
        jimpitan::JimpitanLine {
            household: jimpitan::household_label(&l.household),
            given: l.given.into(),
            grams: l.grams,
            rupiah: l.rupiah,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"date": "2026-11-28", "rt": "003", "collectors": ["Pak Wagiman", "Mas Joko"], "lines": [{"household": "Rumah Bu Sri", "given": "memberi", "grams": 250, "rupiah": 0}, {"household": "Rumah Mbah Karto", "given": "dibebaskan", "grams": 0, "rupiah": 0}]}))]
pub struct JimpitanRequest {
    pub date: chrono::NaiveDate,
    #[schema(pattern = r"^[0-9]{1,3}$")]
    #[validate(custom(function = "rt_code"))]
    pub rt: String,
    #[schema(inline, min_items = 1, max_items = 20)]
    #[validate(length(min = 1, max = 20))]
    pub collectors: Vec<Printable<200>>,
    #[schema(min_items = 1, max_items = 1000)]
    #[validate(length(min = 1, max = 1000), nested)]
    pub lines: Vec<JimpitanLine>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CloseJimpitanRequest {
    /// Who witnessed the public count.
    #[schema(inline, min_items = 1, max_items = 20)]
    #[validate(length(min = 1, max = 20))]
    pub witnesses: Vec<Printable<200>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "date": "2026-11-28", "rt": "003", "collectors": ["Pak Wagiman"], "lines": [{"household": "Rumah Bu Sri", "given": "memberi", "grams": 250, "rupiah": 0}], "total_grams": 250, "total_rupiah": 0, "status": "ditutup", "witnesses": ["Pak RT"], "created_at": "2026-11-28T20:00:00Z", "closed_at": "2026-11-28T21:00:00Z"}))]
pub struct Jimpitan {
    pub id: Uuid,
    pub date: chrono::NaiveDate,
    pub rt: String,
    pub collectors: Vec<String>,
    pub lines: Vec<JimpitanLine>,
    pub total_grams: i64,
    pub total_rupiah: i64,
    /// `terbuka` until closed, then `ditutup`.
    pub status: String,
    pub witnesses: Vec<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub closed_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<&jimpitan::Jimpitan> for Jimpitan {
    fn from(r: &jimpitan::Jimpitan) -> Self {
        Jimpitan {
            id: r.id,
            date: r.date,
            rt: r.rt.clone(),
            collectors: r.collectors.clone(),
            lines: r.lines.iter().map(Into::into).collect(),
            total_grams: r.total_grams,
            total_rupiah: r.total_rupiah,
            status: if r.closed { "ditutup" } else { "terbuka" }.into(),
            witnesses: r.witnesses.clone(),
            created_at: r.created_at,
            closed_at: r.closed_at,
        }
    }
}

/// Sells rice: grams out of `beras`, rupiah (grams × price ÷ 1000, rounded) into `umum`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"date": "2026-11-28", "grams": 25000, "price_per_kg": 12500, "buyer": "Warung Bu Narti"}))]
pub struct RiceSaleRequest {
    pub date: chrono::NaiveDate,
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub grams: i64,
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub price_per_kg: i64,
    #[schema(inline)]
    #[validate(nested)]
    pub buyer: Printable<200>,
}
