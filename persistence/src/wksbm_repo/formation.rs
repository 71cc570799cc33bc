//! A WKSBM's growth: its steps (tahapan) in order, legalisation (pengesahan) with the
//! decree and the funds it opens, and its status afterwards (suspended, reactivated,
//! dissolved).

use super::seats::active_seats;
use super::{corrupt, finish, lock, rule};
use crate::entity::{wksbm, wksbm_tahapan};
use crate::{Db, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::formation::{self, KeySeats, Sk, Status, Step, StepRecord, Wksbm};
use wksbm_domain::pengurus::Position;

fn step_to_domain(m: wksbm_tahapan::Model) -> Result<StepRecord, StoreError> {
    Ok(StepRecord {
        step: Step::parse(&m.step).ok_or_else(|| corrupt("step", &m.id))?,
        date: m.date,
        notes: m.notes.clone(),
        evidence_ref: m.evidence_ref.clone(),
        done_by: Uuid::parse_str(&m.done_by).map_err(|_| corrupt("done_by", &m.id))?,
    })
}

pub async fn steps(db: &Db, wksbm_id: Uuid) -> Result<Vec<StepRecord>, StoreError> {
    steps_in(db.conn(), wksbm_id).await
}

async fn steps_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
) -> Result<Vec<StepRecord>, StoreError> {
    let rows = wksbm_tahapan::Entity::find()
        .filter(wksbm_tahapan::Column::WksbmId.eq(wksbm_id.to_string()))
        .all(conn)
        .await?;
    let mut out: Vec<StepRecord> = rows
        .into_iter()
        .map(step_to_domain)
        .collect::<Result<_, _>>()?;
    out.sort_by_key(|r| r.step);
    Ok(out)
}

async fn insert_step<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    r: &StepRecord,
) -> Result<(), StoreError> {
    wksbm_tahapan::Entity::insert(wksbm_tahapan::ActiveModel {
        id: Set(Uuid::now_v7().to_string()),
        wksbm_id: Set(wksbm_id.to_string()),
        step: Set(r.step.as_str().to_owned()),
        date: Set(r.date),
        notes: Set(r.notes.clone()),
        evidence_ref: Set(r.evidence_ref.clone()),
        done_by: Set(r.done_by.to_string()),
        created_at: Set(chrono::Utc::now()),
    })
    .exec(conn)
    .await?;
    Ok(())
}

/// Completes a growth step, in order.
pub async fn complete_step(
    db: &Db,
    id: Uuid,
    record: &StepRecord,
    audit: &AuditEntry,
) -> Result<Wksbm, StoreError> {
    let (txn, w) = lock(db, id).await?;
    let done: Vec<Step> = steps_in(&txn, id)
        .await?
        .into_iter()
        .map(|r| r.step)
        .collect();
    formation::check_step(w.status, &done, record.step)
        .map_err(|e| rule(e.code(), e.to_string()))?;
    insert_step(&txn, id, record).await?;
    finish(txn, id, audit).await
}

/// Legalises: the five steps and the board are checked, the pengesahan step recorded,
/// the decree stored and the WKSBM made `aktif`, in one transaction.
pub async fn legalise(
    db: &Db,
    id: Uuid,
    sk: &Sk,
    record: &StepRecord,
    audit: &AuditEntry,
) -> Result<Wksbm, StoreError> {
    let (txn, w) = lock(db, id).await?;
    let done: Vec<Step> = steps_in(&txn, id)
        .await?
        .into_iter()
        .map(|r| r.step)
        .collect();
    let seats = active_seats(&txn, id).await?;
    let holder = |p: Position| {
        seats
            .iter()
            .find(|s| s.position == p.as_str())
            .map(|s| s.holder_key.clone())
    };
    let key = KeySeats {
        ketua: holder(Position::Ketua),
        sekretaris: holder(Position::Sekretaris),
        bendahara: holder(Position::Bendahara),
    };
    formation::check_legalisation(w.status, &done, &key)
        .map_err(|e| rule(e.code(), e.to_string()))?;
    insert_step(&txn, id, record).await?;
    // The funds of issue 6 open with legalisation.
    crate::dana_repo::ensure_funds(&txn, id).await?;
    wksbm::Entity::update_many()
        .col_expr(wksbm::Column::Status, Expr::value(Status::Aktif.as_str()))
        .col_expr(wksbm::Column::SkNumber, Expr::value(sk.number.clone()))
        .col_expr(wksbm::Column::SkDate, Expr::value(sk.date))
        .col_expr(wksbm::Column::SkSignedBy, Expr::value(sk.signed_by.clone()))
        .col_expr(
            wksbm::Column::LegalisedBy,
            Expr::value(record.done_by.to_string()),
        )
        .filter(wksbm::Column::Id.eq(id.to_string()))
        .exec(&txn)
        .await?;
    finish(txn, id, audit).await
}

/// Suspends, reactivates or dissolves, with a reason.
pub async fn set_status(
    db: &Db,
    id: Uuid,
    to: Status,
    reason: &str,
    audit: &AuditEntry,
) -> Result<(Wksbm, Vec<Uuid>), StoreError> {
    let (txn, w) = lock(db, id).await?;
    formation::transition(w.status, to).map_err(|e| rule(e.code(), e.to_string()))?;
    wksbm::Entity::update_many()
        .col_expr(wksbm::Column::Status, Expr::value(to.as_str()))
        .col_expr(wksbm::Column::StatusReason, Expr::value(reason.to_owned()))
        .filter(wksbm::Column::Id.eq(id.to_string()))
        .exec(&txn)
        .await?;
    let ended = if to.ends_board() {
        super::seats::end_board(&txn, id).await?
    } else {
        Vec::new()
    };
    Ok((finish(txn, id, audit).await?, ended))
}
