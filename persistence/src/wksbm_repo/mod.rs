//! WKSBM, their growth steps, legalisation, status and board seats. Every change runs in
//! one transaction that first bumps the WKSBM's version (on PostgreSQL that takes the
//! row lock, so two changes to one WKSBM run one after the other), then checks the
//! domain rule against the state it now holds.
//!
//! - this file: the WKSBM itself (created, read, listed, counted, its details changed)
//!   and the lock every change takes;
//! - `formation`: the growth steps, legalisation and status;
//! - `seats`: the board seats (pengurus) and their accounts.

mod formation;
mod seats;

pub use formation::{complete_step, legalise, set_status, steps};
pub(crate) use seats::active_seats;
pub use seats::{appoint, end_seat, link_account, seat_held, seats};

use crate::entity::wksbm;
use crate::{Db, StoreError, audit_repo, page, scope};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;
use wksbm_domain::access::Territory;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::formation::{FormationError, Sk, Stage, Status, Wksbm};
use wksbm_domain::wilayah::KodeWilayah;

pub(super) fn corrupt(what: &str, id: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "stored row {id} has an invalid {what}"
    )))
}

pub(super) fn rule(code: &'static str, message: String) -> StoreError {
    StoreError::Rule { code, message }
}

/// An SK is stored as three columns; it exists only when all three do.
pub(super) fn sk_of(
    number: &Option<String>,
    date: Option<chrono::NaiveDate>,
    signed_by: &Option<String>,
) -> Option<Sk> {
    match (number, date, signed_by) {
        (Some(n), Some(d), Some(s)) => Some(Sk {
            number: n.clone(),
            date: d,
            signed_by: s.clone(),
        }),
        _ => None,
    }
}

fn to_domain(m: wksbm::Model) -> Result<Wksbm, StoreError> {
    let sk = sk_of(&m.sk_number, m.sk_date, &m.sk_signed_by);
    Ok(Wksbm {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &m.id))?,
        padukuhan_id: Uuid::parse_str(&m.padukuhan_id)
            .map_err(|_| corrupt("padukuhan_id", &m.id))?,
        kalurahan: KodeWilayah::parse(&m.kalurahan_code)
            .map_err(|_| corrupt("kalurahan_code", &m.id))?,
        name: m.name.clone(),
        address: m.address.clone(),
        contact_phone: m.contact_phone.clone(),
        status: Status::parse(&m.status).ok_or_else(|| corrupt("status", &m.id))?,
        status_reason: m.status_reason.clone(),
        sk,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn in_scope(territory: &Territory) -> sea_orm::Condition {
    scope::condition(
        territory,
        wksbm::Column::KalurahanCode,
        Some(wksbm::Column::PadukuhanId),
    )
}

pub async fn insert(db: &Db, w: &Wksbm, audit: &AuditEntry) -> Result<Wksbm, StoreError> {
    let txn = db.begin_write().await?;
    wksbm::Entity::insert(wksbm::ActiveModel {
        id: Set(w.id.to_string()),
        padukuhan_id: Set(w.padukuhan_id.to_string()),
        kalurahan_code: Set(w.kalurahan.to_string()),
        name: Set(w.name.clone()),
        address: Set(w.address.clone()),
        contact_phone: Set(w.contact_phone.clone()),
        status: Set(w.status.as_str().to_owned()),
        status_reason: Set(None),
        sk_number: Set(None),
        sk_date: Set(None),
        sk_signed_by: Set(None),
        legalised_by: Set(None),
        version: Set(1),
        created_at: Set(w.created_at),
        updated_at: Set(w.updated_at),
    })
    .exec(&txn)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Conflict("wksbm_exists_in_padukuhan"),
        other => other,
    })?;
    audit_repo::append(&txn, audit).await?;
    let stored = wksbm::Entity::find_by_id(w.id.to_string())
        .one(&txn)
        .await?;
    txn.commit().await?;
    to_domain(stored.ok_or(StoreError::Stale)?)
}

pub async fn get(db: &Db, territory: &Territory, id: Uuid) -> Result<Option<Wksbm>, StoreError> {
    wksbm::Entity::find_by_id(id.to_string())
        .filter(in_scope(territory))
        .one(db.conn())
        .await?
        .map(to_domain)
        .transpose()
}

#[derive(Debug, Clone, Default)]
pub struct WksbmFilter {
    pub status: Option<Status>,
    /// Being formed with the next step in this stage.
    pub stage: Option<Stage>,
    /// A kapanewon or kalurahan code the WKSBM lies in.
    pub within: Option<KodeWilayah>,
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn list(
    db: &Db,
    territory: &Territory,
    f: &WksbmFilter,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Wksbm>, StoreError> {
    let mut q = wksbm::Entity::find().filter(in_scope(territory));
    if let Some(s) = f.status {
        q = q.filter(wksbm::Column::Status.eq(s.as_str()));
    }
    if let Some(stage) = f.stage {
        // The first three steps are the persiapan stage: fewer than three done means the
        // next one is still in it.
        let op = match stage {
            Stage::Persiapan => "<",
            Stage::Pelaksanaan => ">=",
        };
        q = q
            .filter(wksbm::Column::Status.eq(Status::Pembentukan.as_str()))
            .filter(Expr::cust(format!("{STEPS_DONE} {op} 3")));
    }
    if let Some(w) = &f.within {
        q = q.filter(scope::under(w, wksbm::Column::KalurahanCode));
    }
    if let Some(t) = f.updated_since {
        q = q.filter(wksbm::Column::UpdatedAt.gte(t));
    }
    page::after_id(db, q, wksbm::Column::Id, after, limit, to_domain).await
}

/// (kalurahan code, status, count) for every WKSBM in `territory` under `within`.
pub async fn counts(
    db: &Db,
    territory: &Territory,
    within: &KodeWilayah,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let rows: Vec<(String, String, i64)> = wksbm::Entity::find()
        .select_only()
        .column(wksbm::Column::KalurahanCode)
        .column(wksbm::Column::Status)
        .column_as(Expr::col(wksbm::Column::Id).count(), "n")
        .filter(in_scope(territory))
        .filter(scope::under(within, wksbm::Column::KalurahanCode))
        .group_by(wksbm::Column::KalurahanCode)
        .group_by(wksbm::Column::Status)
        .into_tuple()
        .all(db.conn())
        .await?;
    Ok(rows)
}

/// Steps done by the WKSBM of the current row, as SQL valid on both databases.
const STEPS_DONE: &str = "(SELECT COUNT(*) FROM wksbm_tahapan t WHERE t.wksbm_id = wksbm.id)";

/// (kalurahan code, stage, count) of the WKSBM being formed in `territory` under `within`.
pub async fn stage_counts(
    db: &Db,
    territory: &Territory,
    within: &KodeWilayah,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let stage = format!("CASE WHEN {STEPS_DONE} < 3 THEN 'persiapan' ELSE 'pelaksanaan' END");
    let rows: Vec<(String, String, i64)> = wksbm::Entity::find()
        .select_only()
        .column(wksbm::Column::KalurahanCode)
        .column_as(Expr::cust(stage.clone()), "stage")
        .column_as(Expr::col(wksbm::Column::Id).count(), "n")
        .filter(in_scope(territory))
        .filter(scope::under(within, wksbm::Column::KalurahanCode))
        .filter(wksbm::Column::Status.eq(Status::Pembentukan.as_str()))
        .group_by(wksbm::Column::KalurahanCode)
        .group_by(Expr::cust(stage))
        .into_tuple()
        .all(db.conn())
        .await?;
    Ok(rows)
}

/// Changes name, address or contact when the WKSBM is still at `expected_version`.
pub async fn update_details(
    db: &Db,
    id: Uuid,
    expected_version: i64,
    name: Option<String>,
    address: Option<String>,
    contact_phone: Option<String>,
    audit: &AuditEntry,
) -> Result<Wksbm, StoreError> {
    let (txn, w) = lock(db, id).await?;
    // `lock` bumped the version: the caller's must be the one before.
    if w.version != expected_version + 1 {
        return Err(StoreError::Stale);
    }
    writable(&w)?;
    let mut upd = wksbm::Entity::update_many().filter(wksbm::Column::Id.eq(id.to_string()));
    if let Some(n) = name {
        upd = upd.col_expr(wksbm::Column::Name, Expr::value(n));
    }
    if let Some(a) = address {
        upd = upd.col_expr(wksbm::Column::Address, Expr::value(a));
    }
    if let Some(c) = contact_phone {
        upd = upd.col_expr(wksbm::Column::ContactPhone, Expr::value(c));
    }
    upd.col_expr(wksbm::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .exec(&txn)
        .await?;
    finish(txn, id, audit).await
}

/// Opens a write transaction holding the WKSBM (version bumped, row locked) and returns
/// its state before the change.
pub(crate) async fn lock(db: &Db, id: Uuid) -> Result<(DatabaseTransaction, Wksbm), StoreError> {
    let txn = db.begin_write().await?;
    let bumped = wksbm::Entity::update_many()
        .col_expr(
            wksbm::Column::Version,
            Expr::col(wksbm::Column::Version).add(1),
        )
        .col_expr(wksbm::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(wksbm::Column::Id.eq(id.to_string()))
        .exec(&txn)
        .await?;
    if bumped.rows_affected != 1 {
        return Err(StoreError::Stale);
    }
    let row = wksbm::Entity::find_by_id(id.to_string())
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)?;
    Ok((txn, to_domain(row)?))
}

pub(crate) async fn finish(
    txn: DatabaseTransaction,
    id: Uuid,
    audit: &AuditEntry,
) -> Result<Wksbm, StoreError> {
    audit_repo::append(&txn, audit).await?;
    let row = wksbm::Entity::find_by_id(id.to_string())
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)?;
    txn.commit().await?;
    to_domain(row)
}

pub(crate) fn writable(w: &Wksbm) -> Result<(), StoreError> {
    if w.status.writable() {
        Ok(())
    } else {
        let e = FormationError::ReadOnly;
        Err(rule(e.code(), e.to_string()))
    }
}
