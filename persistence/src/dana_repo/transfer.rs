//! Money moved between two funds of a WKSBM: one pair of entries, out and in.

use super::funds::fund_in;
use super::new_entry::NewEntry;
use super::queries::zakat_year;
use super::rows::dana_wksbm;
use super::writer::write_line;
use crate::error::refused;
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError, audit_repo};
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{self, Category, Direction, FundKind, LedgerEntry, Method, ZakatYear};

/// A transfer between two funds of a WKSBM.
#[derive(Debug, Clone)]
pub struct Transfer {
    pub from: Uuid,
    pub to: Uuid,
    pub amount: i64,
    pub unit: dana::Unit,
    pub date: NaiveDate,
    pub description: String,
}

/// Moves money between two funds as one pair of entries (out, in).
pub async fn transfer(
    db: &Db,
    wksbm_id: Uuid,
    t: &Transfer,
    actor: Uuid,
    today: NaiveDate,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, Vec<LedgerEntry>>>,
) -> Result<Vec<LedgerEntry>, StoreError> {
    let txn = db.begin_write().await?;
    let padukuhan = dana_wksbm(&txn, wksbm_id).await?;
    let from = fund_in(&txn, wksbm_id, t.from, "from_fund_id").await?;
    let to = fund_in(&txn, wksbm_id, t.to, "to_fund_id").await?;
    dana::check_amount(t.amount, t.unit, from.kind).map_err(refused)?;
    dana::check_date(t.date, today).map_err(refused)?;
    dana::check_transfer(
        from.kind,
        to.kind,
        from.id == to.id,
        t.amount,
        ZakatYear {
            received: i64::MAX,
            to_amil: 0,
        },
    )
    .map_err(refused)?;
    let pair = Uuid::now_v7();
    let mut out = NewEntry::new(
        &from,
        t.date,
        Direction::Keluar,
        t.amount,
        t.description.clone(),
        actor,
    );
    out.category = Some(Category::Transfer);
    out.pair_id = Some(pair);
    let mut inc = NewEntry::new(
        &to,
        t.date,
        Direction::Masuk,
        t.amount,
        t.description.clone(),
        actor,
    );
    inc.method = Some(Method::Transfer);
    inc.pair_id = Some(pair);
    // Lock order: the fund with the lower id first.
    let (first, second) = if from.id < to.id {
        (out, inc)
    } else {
        (inc, out)
    };
    let is_out_first = first.direction == Direction::Keluar;
    let a = write_line(&txn, &padukuhan, first).await?;
    let b = write_line(&txn, &padukuhan, second).await?;
    if from.kind == FundKind::Zakat {
        // Checked after the zakat fund is locked, so concurrent transfers see each other.
        let year = zakat_year(&txn, from.id, t.date.year()).await?;
        let before = ZakatYear {
            received: year.received,
            to_amil: year.to_amil - t.amount,
        };
        dana::check_transfer(from.kind, to.kind, false, t.amount, before).map_err(refused)?;
    }
    let entries = if is_out_first { vec![a, b] } else { vec![b, a] };
    audit_repo::append(&txn, &audit.clone().resource(pair)).await?;
    seal_with(&txn, sealer, &entries).await?;
    txn.commit().await?;
    Ok(entries)
}
