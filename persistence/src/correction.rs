//! A ledger correction: an entry reversed together with what its workflow recorded, in
//! one transaction. The ledger never calls into the workflows; this module, above both,
//! composes the ledger's reversal with each workflow's undo step, in the lock order a
//! payment takes: the recipient and the round, then the receipt counter and the funds
//! (by id), then the workflow rows, then the audit head.

use crate::dana_repo::{dana_wksbm, reversal};
use crate::error::refused;
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError, audit_repo, fundraising_repo, penyaluran_repo};
use chrono::NaiveDate;
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{self, LedgerEntry};

/// Reverses an entry (and its pair, for a transfer or a rice sale) with entries in the
/// opposite direction that reference it; its workflow goes back to where it was before
/// the entry: a paid recipient waits again, a received proposal is pledged again, a
/// closed jimpitan round is open again (to be counted and closed anew).
#[allow(clippy::too_many_arguments)]
pub async fn reverse(
    db: &Db,
    wksbm_id: Uuid,
    entry_id: Uuid,
    date: NaiveDate,
    reason: &str,
    actor: Uuid,
    today: NaiveDate,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, Vec<LedgerEntry>>>,
) -> Result<Vec<LedgerEntry>, StoreError> {
    dana::check_date(date, today).map_err(refused)?;
    let txn = db.begin_write().await?;
    let padukuhan = dana_wksbm(&txn, wksbm_id).await?;
    let r = reversal::legs(&txn, wksbm_id, entry_id).await?;
    // A payment's recipient and round before its fund: the order a payment locks them.
    let handover = penyaluran_repo::undo_payment(&txn, &r.target).await?;
    let out = reversal::write_opposites(
        &txn,
        &padukuhan,
        wksbm_id,
        &r.legs,
        date,
        reason,
        handover.as_deref(),
        actor,
    )
    .await?;
    for leg in &r.legs {
        reversal::check_zakat_kept(&txn, leg).await?;
        fundraising_repo::undo_receipt(&txn, leg).await?;
        fundraising_repo::reopen_jimpitan(&txn, leg).await?;
    }
    audit_repo::append(&txn, &audit.clone().resource(entry_id)).await?;
    seal_with(&txn, sealer, &out).await?;
    txn.commit().await?;
    Ok(out)
}
