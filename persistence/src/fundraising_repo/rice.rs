//! Rice sold from `beras` into `umum` (penjualan beras).

use crate::dana_repo::{NewEntry, dana_wksbm, ensure_funds, standard_fund, write_line};
use crate::error::refused;
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError, audit_repo};
use chrono::NaiveDate;
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{self, Direction, FundKind, LedgerEntry, Method};

/// Sells rice from `beras` into `umum` at `price_per_kg` (one pair of entries).
#[allow(clippy::too_many_arguments)]
pub async fn sell_rice(
    db: &Db,
    wksbm_id: Uuid,
    grams: i64,
    price_per_kg: i64,
    date: NaiveDate,
    buyer: &str,
    actor: Uuid,
    today: NaiveDate,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, Vec<LedgerEntry>>>,
) -> Result<Vec<LedgerEntry>, StoreError> {
    dana::check_amount(grams, dana::Unit::Gram, FundKind::Beras).map_err(refused)?;
    dana::check_date(date, today).map_err(refused)?;
    let rupiah = dana::rice_sale_rupiah(grams, price_per_kg).map_err(refused)?;
    let txn = db.begin_write().await?;
    let padukuhan = dana_wksbm(&txn, wksbm_id).await?;
    ensure_funds(&txn, wksbm_id).await?;
    let beras = standard_fund(&txn, wksbm_id, FundKind::Beras).await?;
    let umum = standard_fund(&txn, wksbm_id, FundKind::Umum).await?;
    let pair = Uuid::now_v7();
    let desc = format!("Penjualan beras {grams} g @ Rp{price_per_kg}/kg kepada {buyer}");
    let mut out = NewEntry::new(&beras, date, Direction::Keluar, grams, desc.clone(), actor);
    out.category = Some(dana::Category::PenjualanBeras);
    out.pair_id = Some(pair);
    out.price_per_kg = Some(price_per_kg);
    let mut inc = NewEntry::new(&umum, date, Direction::Masuk, rupiah, desc, actor);
    inc.method = Some(Method::PenjualanBeras);
    inc.pair_id = Some(pair);
    inc.price_per_kg = Some(price_per_kg);
    let mut legs = vec![out, inc];
    legs.sort_by_key(|l| l.fund_id);
    let mut entries = Vec::new();
    for l in legs {
        entries.push(write_line(&txn, &padukuhan, l).await?);
    }
    entries.sort_by_key(|e| e.direction != Direction::Keluar);
    audit_repo::append(&txn, &audit.clone().resource(pair)).await?;
    seal_with(&txn, sealer, &entries).await?;
    txn.commit().await?;
    Ok(entries)
}
