//! Funds and the ledger (buku kas). A posting runs in one write transaction: the fund's
//! balance moves by a conditional UPDATE (`balance + delta >= 0`), which on PostgreSQL
//! also takes the fund's row lock, so concurrent postings to one fund run one after the
//! other and none can overdraw it; SQLite's BEGIN IMMEDIATE serialises writers anyway.
//! Locks are always taken in the same order — a round's recipient, the round, the receipt
//! counter, funds (by id), the audit head — so two transactions never wait on each other
//! in a circle.
//!
//! The workflows (fundraising, penyaluran, wksbm) use this module; it never uses them.
//! What a reversed entry's workflow goes back to is undone by the workflow; the
//! `correction` module composes this module's reversal with those undo steps. One part of
//! a workflow stays in the writer by design: a payment's round counts one fewer waiting
//! in the statement that posts it (`Along::round`, SQL on the `penyaluran` row, no
//! call into the workflow), so that the round is locked before the receipt counter and
//! held one round trip.
//!
//! - `funds`: the funds, opened with legalisation or for a donor's purpose;
//! - `links`: checks of what a posting names (business unit, donor, zakat basis);
//! - `writer`: a line written with its receipt number, on SQLite step by step and on
//!   PostgreSQL in one statement (`postgres`);
//! - `posting`, `transfer`, `reversal`: the three ways money moves;
//! - `queries`: entries, balances and sums read back.

mod funds;
mod links;
mod postgres;
mod posting;
mod queries;
pub(crate) mod reversal;
mod transfer;
mod writer;

pub(crate) use funds::{ensure_funds, fund_in, standard_fund};
pub use funds::{fund, funds, open_restricted};
pub(crate) use links::donor_in;
pub use posting::post;
pub use queries::{
    LedgerFilter, PeriodSums, balance_at, entries_sum, entry, list, period_sums, reversed_by,
};
pub use transfer::{Transfer, transfer};
pub(crate) use writer::{Along, Line, write_line, write_line_with};

use crate::StoreError;
use crate::entity::{buku_kas, dana};
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use wksbm_domain::formation::Status;
use wksbm_domain::money::{Category, Direction, Fund, FundKind, LedgerEntry, Method};

fn corrupt(what: &str, id: &str) -> StoreError {
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

fn fund_to_domain(m: dana::Model) -> Result<Fund, StoreError> {
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

pub(crate) fn entry_to_domain(m: buku_kas::Model) -> Result<LedgerEntry, StoreError> {
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
pub(crate) async fn money_wksbm<C: ConnectionTrait>(
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
