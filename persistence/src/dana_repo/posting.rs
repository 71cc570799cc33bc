//! A plain income or expense.

use super::funds::fund_in;
use super::links::{donor_in, has_zakat_basis, usaha_in};
use super::new_entry::{Along, NewEntry};
use super::rows::dana_wksbm;
use super::writer::write_line_with;
use crate::error::refused;
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError};
use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{self, DanaError, LedgerEntry, Method, Posting};

/// Checks a business unit or donor named by a posting belongs to the WKSBM.
async fn check_links<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    p: &Posting,
) -> Result<(), StoreError> {
    if let Some(u) = p.usaha_id {
        usaha_in(conn, wksbm_id, u).await?;
    }
    if let Some(d) = p.donor_id {
        donor_in(conn, wksbm_id, d).await?;
    }
    Ok(())
}

/// Posts a plain income or expense.
pub async fn post(
    db: &Db,
    wksbm_id: Uuid,
    p: &Posting,
    actor: Uuid,
    today: NaiveDate,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, LedgerEntry>>,
) -> Result<LedgerEntry, StoreError> {
    let txn = db.begin_write().await?;
    let padukuhan = dana_wksbm(&txn, wksbm_id).await?;
    let fund = fund_in(&txn, wksbm_id, p.fund_id, "fund_id").await?;
    dana::check_posting(p, fund.kind, today).map_err(refused)?;
    if p.method == Some(Method::ZakatMaal) && !has_zakat_basis(&txn, wksbm_id).await? {
        return Err(refused(DanaError::ZakatBasisMissing));
    }
    check_links(&txn, wksbm_id, p).await?;
    let mut line = NewEntry::new(
        &fund,
        p.date,
        p.direction,
        p.amount,
        p.description.clone(),
        actor,
    );
    line.method = p.method;
    line.category = p.category;
    line.usaha_id = p.usaha_id;
    line.donor_id = p.donor_id;
    let audit = audit.clone().resource(line.id);
    let along = Along {
        round: None,
        audit: Some(&audit),
    };
    let (e, _) = write_line_with(&txn, &padukuhan, line, along).await?;
    seal_with(&txn, sealer, &e).await?;
    txn.commit().await?;
    Ok(e)
}
