//! Funds, the cash book, transfers, reversals and the period report on the wire. Amounts
//! are integers: whole rupiah, or grams for the `beras` fund.

use crate::text::Printable;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;
use wksbm_domain::dana::{self, Fund as DomFund, LedgerEntry};

/// Wire enums with the domain's spellings, converted through `as_str`/`parse`.
macro_rules! wire_enum {
    ($name:ident, $dom:path, { $($variant:ident),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }
        impl From<$name> for $dom {
            fn from(v: $name) -> Self {
                match v { $($name::$variant => <$dom>::$variant),+ }
            }
        }
        impl From<$dom> for $name {
            fn from(v: $dom) -> Self {
                match v { $(<$dom>::$variant => $name::$variant),+ }
            }
        }
    };
}

wire_enum!(FundKind, dana::FundKind, { Umum, Zakat, Amil, InfakSedekah, Beras, Terikat });
wire_enum!(Unit, dana::Unit, { Rupiah, Gram });
wire_enum!(Direction, dana::Direction, { Masuk, Keluar });
wire_enum!(Method, dana::Method, {
    Usaha, ProposalDonatur, KerjaSama, ZakatMaal, BarangBekas, Jimpitan, Lainnya, Transfer, PenjualanBeras
});
wire_enum!(Category, dana::Category, { Operasional, Kegiatan, Penyaluran, Transfer, PenjualanBeras });

/// A fund with its balance (rupiah, or grams for `beras`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "kind": "umum", "name": "umum", "purpose": null, "donor_id": null, "unit": "rupiah", "balance": 1250000, "updated_at": "2026-11-28T09:00:00Z"}))]
pub struct Fund {
    pub id: Uuid,
    pub kind: FundKind,
    pub name: String,
    pub purpose: Option<String>,
    pub donor_id: Option<Uuid>,
    pub unit: Unit,
    pub balance: i64,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<&DomFund> for Fund {
    fn from(f: &DomFund) -> Self {
        Fund {
            id: f.id,
            kind: f.kind.into(),
            name: f.name.clone(),
            purpose: f.purpose.clone(),
            donor_id: f.donor_id,
            unit: f.kind.unit().into(),
            balance: f.balance,
            updated_at: f.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"items": [{"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "kind": "beras", "name": "beras", "purpose": null, "donor_id": null, "unit": "gram", "balance": 45000, "updated_at": "2026-11-28T09:00:00Z"}]}))]
pub struct FundList {
    pub items: Vec<Fund>,
}

/// Opens a `terikat` fund for a donor's purpose.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Beasiswa Yatim 2026", "purpose": "Biaya sekolah anak yatim", "donor_id": null}))]
pub struct OpenFundRequest {
    #[schema(inline)]
    #[validate(nested)]
    pub name: Printable<200>,
    #[schema(inline)]
    #[validate(nested)]
    pub purpose: Printable<500>,
    pub donor_id: Option<Uuid>,
}

/// An income (`masuk`, with `method`) or an expense (`keluar`, with `category`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"fund_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "date": "2026-11-28", "direction": "masuk", "amount": 250000, "unit": "rupiah", "method": "barang_bekas", "description": "Penjualan barang bekas RT 03"}))]
pub struct EntryRequest {
    pub fund_id: Uuid,
    /// At most one day ahead.
    pub date: chrono::NaiveDate,
    pub direction: Direction,
    /// Whole rupiah, or grams for `beras`: 1 to 10^13.
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount: i64,
    /// Must match the fund: `gram` for `beras`, `rupiah` otherwise.
    pub unit: Unit,
    /// Income only. `transfer`, `penjualan_beras`, `jimpitan` and `proposal_donatur` are
    /// posted by their own endpoints.
    pub method: Option<Method>,
    /// Expense only. `penyaluran`, `transfer` and `penjualan_beras` are posted by their
    /// own endpoints.
    pub category: Option<Category>,
    pub usaha_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    #[schema(inline)]
    #[validate(nested)]
    pub description: Printable<500>,
}

/// A line of the cash book.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d60", "fund_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "date": "2026-11-28", "direction": "masuk", "amount": 250000, "balance_after": 1250000, "running_balance": null, "method": "barang_bekas", "category": null, "usaha_id": null, "donor_id": null, "description": "Penjualan barang bekas RT 03", "receipt_no": "007/KW/WKSBM-KUWARU/XI/2026", "reverses_id": null, "pair_id": null, "penyaluran_id": null, "ppks_id": null, "jimpitan_id": null, "proposal_id": null, "price_per_kg": null, "created_by": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d61", "created_at": "2026-11-28T09:00:00Z"}))]
pub struct Entry {
    pub id: Uuid,
    pub fund_id: Uuid,
    pub date: chrono::NaiveDate,
    pub direction: Direction,
    pub amount: i64,
    /// The fund's balance right after posting.
    pub balance_after: i64,
    /// In a cash book of one fund with no filter but the dates: the balance in date
    /// order after this line.
    pub running_balance: Option<i64>,
    pub method: Option<Method>,
    pub category: Option<Category>,
    pub usaha_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    pub description: String,
    pub receipt_no: String,
    pub reverses_id: Option<Uuid>,
    pub pair_id: Option<Uuid>,
    pub penyaluran_id: Option<Uuid>,
    pub ppks_id: Option<Uuid>,
    pub jimpitan_id: Option<Uuid>,
    pub proposal_id: Option<Uuid>,
    /// A rice sale's price per kilogram in rupiah, on both of its entries (and their
    /// reversals).
    #[schema(example = 12500)]
    pub price_per_kg: Option<i64>,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<&LedgerEntry> for Entry {
    fn from(e: &LedgerEntry) -> Self {
        Entry {
            id: e.id,
            fund_id: e.fund_id,
            date: e.date,
            direction: e.direction.into(),
            amount: e.amount,
            balance_after: e.balance_after,
            running_balance: None,
            method: e.method.map(Into::into),
            category: e.category.map(Into::into),
            usaha_id: e.usaha_id,
            donor_id: e.donor_id,
            description: e.description.clone(),
            receipt_no: e.receipt_no.clone(),
            reverses_id: e.reverses_id,
            pair_id: e.pair_id,
            penyaluran_id: e.penyaluran_id,
            ppks_id: e.ppks_id,
            jimpitan_id: e.jimpitan_id,
            proposal_id: e.proposal_id,
            price_per_kg: e.price_per_kg,
            created_by: e.created_by,
            created_at: e.created_at,
        }
    }
}

/// The entries one request posted (a transfer, a rice sale, a reversal of a pair).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"items": []}))]
pub struct EntryList {
    pub items: Vec<Entry>,
}

/// A page of the cash book. With `dana`, `opening` and `closing` are that fund's balance
/// before `from` and through `to`, and each line has its running balance.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"fund_id": null, "opening": null, "closing": null, "items": [], "next_page_token": null}))]
pub struct EntryPage {
    pub fund_id: Option<Uuid>,
    pub opening: Option<i64>,
    pub closing: Option<i64>,
    pub items: Vec<Entry>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct EntryQuery {
    /// One fund: its cash book with running balance, opening and closing.
    pub dana: Option<Uuid>,
    pub direction: Option<Direction>,
    pub method: Option<Method>,
    pub category: Option<Category>,
    /// A donor's giving history.
    pub donor_id: Option<Uuid>,
    pub usaha_id: Option<Uuid>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

/// Moves money between two funds of the WKSBM (zakat → amil at most 1/8 of the year's
/// zakat; a `terikat` fund never moves; rice is sold, not transferred).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"from_fund_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "to_fund_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5f", "amount": 50000, "unit": "rupiah", "date": "2026-11-28", "description": "Bagian amil November"}))]
pub struct TransferRequest {
    pub from_fund_id: Uuid,
    pub to_fund_id: Uuid,
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount: i64,
    pub unit: Unit,
    pub date: chrono::NaiveDate,
    #[schema(inline)]
    #[validate(nested)]
    pub description: Printable<500>,
}

/// Reverses an entry (both legs of a pair) with entries referencing it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"date": "2026-11-28", "reason": "Salah ketik jumlah"}))]
pub struct ReversalRequest {
    pub date: chrono::NaiveDate,
    #[schema(inline)]
    #[validate(nested)]
    pub reason: Printable<300>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// First day of the period.
    pub from: chrono::NaiveDate,
    /// Last day of the period (inclusive).
    pub to: chrono::NaiveDate,
}

/// One fund over the period: opening + income − expense = closing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FundReport {
    pub fund_id: Uuid,
    pub kind: FundKind,
    pub name: String,
    pub unit: Unit,
    pub opening: i64,
    /// By income method (reversals netted).
    pub income: BTreeMap<String, i64>,
    /// By expense category (reversals netted).
    pub expense: BTreeMap<String, i64>,
    pub closing: i64,
}

/// Count and amounts of payments in a group, from the ledger by the entries' dates: the
/// payments of the period less those reversed in it (a reversal in a later period than
/// its payment counts there, so a period can show a negative count).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
pub struct Tally {
    pub recipients: i64,
    pub rupiah: i64,
    pub grams: i64,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
pub struct NetClass {
    pub opening: i64,
    pub increase: i64,
    pub decrease: i64,
    pub closing: i64,
}

/// ISAK 35 statement of changes in net assets (rupiah funds): without restriction
/// (umum, infak/sedekah, amil) and with the giver's restriction (zakat, terikat).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
pub struct NetAssets {
    pub without_restriction: NetClass,
    pub with_restriction: NetClass,
    pub total_closing: i64,
    /// The rice stock at the end of the period, in grams.
    pub rice_grams: i64,
}

/// A period report of one WKSBM.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"wksbm_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5e", "from": "2026-11-01", "to": "2026-11-30", "funds": [{"fund_id": "01938f4e-7c1a-7b22-9d4e-3f1a2b3c4d5f", "kind": "umum", "name": "umum", "unit": "rupiah", "opening": 1000000, "income": {"jimpitan": 150000}, "expense": {"penyaluran": 400000}, "closing": 750000}], "distribution_by_category": {"pencegahan": {"recipients": 4, "rupiah": 400000, "grams": 0}}, "distribution_by_type": {"PPKS-08": {"recipients": 4, "rupiah": 400000, "grams": 0}}, "net_assets": {"without_restriction": {"opening": 1000000, "increase": 150000, "decrease": 400000, "closing": 750000}, "with_restriction": {"opening": 0, "increase": 0, "decrease": 0, "closing": 0}, "total_closing": 750000, "rice_grams": 45000}}))]
pub struct Report {
    pub wksbm_id: Uuid,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub funds: Vec<FundReport>,
    /// Payments by the round's category.
    pub distribution_by_category: BTreeMap<String, Tally>,
    /// Payments by public PPKS type (a person counts under each of their public types;
    /// sensitive types are not counted by type, so a recipient with none counts under
    /// no type: see `distribution_by_category` for every payment).
    pub distribution_by_type: BTreeMap<String, Tally>,
    pub net_assets: NetAssets,
}

/// The `Idempotency-Key` header of the POSTs a retry could repeat (GUIDE section 2),
/// documented once for every operation that takes it.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IdempotencyKeyHeader {
    /// Repeats with the same key and body replay the first answer (1-255 visible ASCII characters)
    #[param(rename = "Idempotency-Key", pattern = r"^[!-~]{1,255}$")]
    pub idempotency_key: Option<String>,
}
