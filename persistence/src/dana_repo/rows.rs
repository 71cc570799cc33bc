//! Stored rows turned into domain types, and the WKSBM money is written for.

use crate::StoreError;
use crate::entity::{buku_kas, dana};
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use wksbm_domain::dana::{Category, Direction, Fund, FundKind, LedgerEntry, Method};
use wksbm_domain::formation::Status;

pub(super) fn corrupt(what: &str, id: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "stored money row {id} has an invalid {what}"
    )))
}

fn opt_uuid(s: &Option<String>, what: &str, id: &str) -> Result<Option<Uuid>, StoreError> {
    s.as_deref()
        .map(Uuid::parse_str)
        .transpose()
        .map_err(|_| corrupt(what, id))
}

pub(super) fn fund_to_domain(m: dana::Model) -> Result<Fund, StoreError> {
    Ok(Fund {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &m.id))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| corrupt("wksbm_id", &m.id))?,
        kind: FundKind::parse(&m.kind).ok_or_else(|| corrupt("kind", &m.id))?,
        donor_id: opt_uuid(&m.donor_id, "donor_id", &m.id)?,
        name: m.name,
        purpose: m.purpose,
        balance: m.balance,
        updated_at: m.updated_at,
    })
}

pub(super) fn entry_to_domain(m: buku_kas::Model) -> Result<LedgerEntry, StoreError> {
    let id = m.id.clone();
    let u = |s: &Option<String>, w: &str| opt_uuid(s, w, &id);
    Ok(LedgerEntry {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &id))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| corrupt("wksbm_id", &id))?,
        fund_id: Uuid::parse_str(&m.fund_id).map_err(|_| corrupt("fund_id", &id))?,
        date: m.date,
        direction: Direction::parse(&m.direction).ok_or_else(|| corrupt("direction", &id))?,
        amount: m.amount,
        balance_after: m.balance_after,
        method: m
            .method
            .as_deref()
            .map(|s| Method::parse(s).ok_or_else(|| corrupt("method", &id)))
            .transpose()?,
        category: m
            .category
            .as_deref()
            .map(|s| Category::parse(s).ok_or_else(|| corrupt("category", &id)))
            .transpose()?,
        usaha_id: u(&m.usaha_id, "usaha_id")?,
        donor_id: u(&m.donor_id, "donor_id")?,
        description: m.description.clone(),
        receipt_no: m.receipt_no.clone(),
        reverses_id: u(&m.reverses_id, "reverses_id")?,
        pair_id: u(&m.pair_id, "pair_id")?,
        penyaluran_id: u(&m.penyaluran_id, "penyaluran_id")?,
        ppks_id: u(&m.ppks_id, "ppks_id")?,
        jimpitan_id: u(&m.jimpitan_id, "jimpitan_id")?,
        proposal_id: u(&m.proposal_id, "proposal_id")?,
        price_per_kg: m.price_per_kg,
        created_by: Uuid::parse_str(&m.created_by).map_err(|_| corrupt("created_by", &id))?,
        created_at: m.created_at,
    })
}

/// The WKSBM money is written for (it must be `aktif`) and its padukuhan's name for the
/// receipt numbers.
pub(crate) async fn dana_wksbm<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
) -> Result<String, StoreError> {
    let row = crate::raw::one(
        conn,
        "SELECT w.status, p.name FROM wksbm w JOIN padukuhan p ON p.id = w.padukuhan_id WHERE w.id = $1",
        vec![wksbm_id.to_string().into()],
    )
    .await?
    .ok_or(StoreError::Stale)?;
    check_active(&row.try_get_by_index::<String>(0)?)?;
    Ok(row.try_get_by_index(1)?)
}

/// Money moves only for an `aktif` WKSBM.
pub(crate) fn check_active(status: &str) -> Result<(), StoreError> {
    if Status::parse(status) == Some(Status::Aktif) {
        Ok(())
    } else {
        Err(StoreError::Rule {
            code: "wksbm_not_active",
            message: "money moves only for an aktif (legalised, not suspended or dissolved) WKSBM"
                .into(),
        })
    }
}
