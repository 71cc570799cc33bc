//! Donor proposals: sent, pledged, then received as income in one transaction; a
//! reversed receipt makes the proposal pledged again.

use super::rule;
use crate::dana_repo::{NewEntry, dana_wksbm, donor_in, ensure_funds, fund_in, write_line};
use crate::entity::proposal;
use crate::error::refused;
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError, audit_repo, page};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{self, DanaError, Direction, FundKind, LedgerEntry, Method};
use wksbm_domain::fundraising::{Proposal, ProposalStatus};

fn proposal_to_domain(m: proposal::Model) -> Result<Proposal, StoreError> {
    let status = ProposalStatus::parse(&m.status).ok_or_else(|| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "proposal {} has an invalid status",
            m.id
        )))
    })?;
    Ok(Proposal {
        id: Uuid::parse_str(&m.id).unwrap_or_default(),
        wksbm_id: Uuid::parse_str(&m.wksbm_id).unwrap_or_default(),
        donor_id: Uuid::parse_str(&m.donor_id).unwrap_or_default(),
        title: m.title,
        requested: m.requested,
        pledged: m.pledged,
        status,
        sent_date: m.sent_date,
        pledged_date: m.pledged_date,
        entry_id: m.entry_id.and_then(|e| Uuid::parse_str(&e).ok()),
        created_at: m.created_at,
    })
}

pub async fn create_proposal(
    db: &Db,
    p: &Proposal,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, Proposal>>,
) -> Result<Proposal, StoreError> {
    let txn = db.begin_write().await?;
    dana_wksbm(&txn, p.wksbm_id).await?;
    donor_in(&txn, p.wksbm_id, p.donor_id).await?;
    proposal::Entity::insert(proposal::ActiveModel {
        id: Set(p.id.to_string()),
        wksbm_id: Set(p.wksbm_id.to_string()),
        donor_id: Set(p.donor_id.to_string()),
        title: Set(p.title.clone()),
        requested: Set(p.requested),
        pledged: Set(None),
        status: Set("dikirim".into()),
        sent_date: Set(p.sent_date),
        pledged_date: Set(None),
        entry_id: Set(None),
        version: Set(1),
        created_at: Set(p.created_at),
        updated_at: Set(p.created_at),
    })
    .exec(&txn)
    .await?;
    audit_repo::append(&txn, &audit.clone().resource(p.id)).await?;
    let saved = proposal_get_in(&txn, p.wksbm_id, p.id).await?;
    seal_with(&txn, sealer, &saved).await?;
    txn.commit().await?;
    Ok(saved)
}

async fn proposal_get_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Proposal, StoreError> {
    proposal::Entity::find_by_id(id.to_string())
        .filter(proposal::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
        .ok_or(StoreError::Stale)
        .and_then(proposal_to_domain)
}

pub async fn proposal(db: &Db, wksbm_id: Uuid, id: Uuid) -> Result<Option<Proposal>, StoreError> {
    match proposal_get_in(db.conn(), wksbm_id, id).await {
        Ok(p) => Ok(Some(p)),
        Err(StoreError::Stale) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn proposals(
    db: &Db,
    wksbm_id: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Proposal>, StoreError> {
    let q = proposal::Entity::find().filter(proposal::Column::WksbmId.eq(wksbm_id.to_string()));
    page::after_id(
        db,
        q,
        proposal::Column::Id,
        after,
        limit,
        proposal_to_domain,
    )
    .await
}

/// Records the donor's pledge (a sent proposal only).
pub async fn pledge(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    amount: i64,
    date: NaiveDate,
    audit: &AuditEntry,
) -> Result<Proposal, StoreError> {
    let txn = db.begin_write().await?;
    dana_wksbm(&txn, wksbm_id).await?;
    let res = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value("dijanjikan"))
        .col_expr(proposal::Column::Pledged, Expr::value(amount))
        .col_expr(proposal::Column::PledgedDate, Expr::value(date))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(proposal::Column::Id.eq(id.to_string()))
        .filter(proposal::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(proposal::Column::Status.eq("dikirim"))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(rule("proposal_not_sent", "only a sent proposal is pledged"));
    }
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    let saved = proposal_get_in(&txn, wksbm_id, id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Receives a pledged proposal: posts the income (`proposal_donatur`, with the donor)
/// into `fund_id` and marks the proposal received, in one transaction.
#[allow(clippy::too_many_arguments)]
pub async fn receive(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    fund_id: Uuid,
    amount: i64,
    date: NaiveDate,
    actor: Uuid,
    today: NaiveDate,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, LedgerEntry>>,
) -> Result<LedgerEntry, StoreError> {
    let txn = db.begin_write().await?;
    let padukuhan = dana_wksbm(&txn, wksbm_id).await?;
    ensure_funds(&txn, wksbm_id).await?;
    let p = proposal_get_in(&txn, wksbm_id, id).await?;
    let fund = fund_in(&txn, wksbm_id, fund_id, "fund_id").await?;
    dana::check_amount(amount, dana::Unit::Rupiah, fund.kind).map_err(refused)?;
    dana::check_date(date, today).map_err(refused)?;
    if matches!(
        fund.kind,
        FundKind::Zakat | FundKind::Amil | FundKind::Beras
    ) {
        return Err(refused(DanaError::MethodFundMismatch));
    }
    let res = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value("diterima"))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(proposal::Column::Id.eq(id.to_string()))
        .filter(proposal::Column::Status.eq("dijanjikan"))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(rule(
            "proposal_not_pledged",
            "only a pledged proposal is received (once)",
        ));
    }
    let mut l = NewEntry::new(
        &fund,
        date,
        Direction::Masuk,
        amount,
        format!("Proposal: {}", p.title),
        actor,
    );
    l.method = Some(Method::ProposalDonatur);
    l.donor_id = Some(p.donor_id);
    l.proposal_id = Some(id);
    let e = write_line(&txn, &padukuhan, l).await?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::EntryId, Expr::value(e.id.to_string()))
        .filter(proposal::Column::Id.eq(id.to_string()))
        .exec(&txn)
        .await?;
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    seal_with(&txn, sealer, &e).await?;
    txn.commit().await?;
    Ok(e)
}

/// A reversed receipt: its proposal is pledged again (runs in the reversal's
/// transaction, after the reversal's entries).
pub(crate) async fn undo_receipt<C: ConnectionTrait>(
    conn: &C,
    leg: &LedgerEntry,
) -> Result<(), StoreError> {
    if let Some(p) = leg.proposal_id {
        proposal::Entity::update_many()
            .col_expr(proposal::Column::Status, Expr::value("dijanjikan"))
            .col_expr(
                proposal::Column::EntryId,
                Expr::value(Option::<String>::None),
            )
            .filter(proposal::Column::Id.eq(p.to_string()))
            .exec(conn)
            .await?;
    }
    Ok(())
}
