//! Padukuhan of a kalurahan. Reads go through the territory filter.

use crate::entity::padukuhan::{ActiveModel, Column, Entity, Model};
use crate::{Db, StoreError, audit_repo, page, scope};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use wksbm_domain::access::Territory;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::padukuhan::{Padukuhan, RwRt};
use wksbm_domain::text::search_key;
use wksbm_domain::wilayah::KodeWilayah;

fn to_domain(m: Model) -> Result<Padukuhan, StoreError> {
    let bad = |what: &str| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "stored padukuhan {} has an invalid {what}",
            m.id
        )))
    };
    Ok(Padukuhan {
        id: Uuid::parse_str(&m.id).map_err(|_| bad("id"))?,
        kalurahan: KodeWilayah::parse(&m.kalurahan_code).map_err(|_| bad("kalurahan_code"))?,
        name: m.name.clone(),
        dukuh: m.dukuh.clone(),
        rw_rt: serde_json::from_str::<Vec<RwRt>>(&m.rw_rt).map_err(|_| bad("rw_rt"))?,
        latitude: m.latitude,
        longitude: m.longitude,
        active: m.active,
        status_reason: m.status_reason.clone(),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn name_taken(e: StoreError) -> StoreError {
    match e {
        StoreError::Conflict(_) => StoreError::Conflict("padukuhan_name_taken"),
        other => other,
    }
}

pub async fn insert(db: &Db, p: &Padukuhan, audit: &AuditEntry) -> Result<Padukuhan, StoreError> {
    let txn = db.begin_write().await?;
    Entity::insert(ActiveModel {
        id: Set(p.id.to_string()),
        kalurahan_code: Set(p.kalurahan.to_string()),
        name: Set(p.name.clone()),
        name_key: Set(search_key(&p.name)),
        dukuh: Set(p.dukuh.clone()),
        rw_rt: Set(serde_json::to_string(&p.rw_rt).unwrap_or_else(|_| "[]".into())),
        latitude: Set(p.latitude),
        longitude: Set(p.longitude),
        active: Set(true),
        version: Set(1),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
        status_reason: Set(None),
    })
    .exec(&txn)
    .await
    .map_err(|e| name_taken(e.into()))?;
    audit_repo::append(&txn, audit).await?;
    let stored = Entity::find_by_id(p.id.to_string()).one(&txn).await?;
    txn.commit().await?;
    to_domain(stored.ok_or(StoreError::Stale)?)
}

/// The caller's territory, on this table's columns.
fn in_scope(territory: &Territory) -> Condition {
    scope::condition(territory, Column::KalurahanCode, Some(Column::Id))
}

/// One padukuhan of `kalurahan` inside `territory`.
pub async fn get(
    db: &Db,
    territory: &Territory,
    kalurahan: &KodeWilayah,
    id: Uuid,
) -> Result<Option<Padukuhan>, StoreError> {
    Entity::find_by_id(id.to_string())
        .filter(Column::KalurahanCode.eq(kalurahan.as_str()))
        .filter(in_scope(territory))
        .one(db.conn())
        .await?
        .map(to_domain)
        .transpose()
}

/// Any padukuhan by id inside `territory` (for creating a WKSBM).
pub async fn get_any(
    db: &Db,
    territory: &Territory,
    id: Uuid,
) -> Result<Option<Padukuhan>, StoreError> {
    Entity::find_by_id(id.to_string())
        .filter(in_scope(territory))
        .one(db.conn())
        .await?
        .map(to_domain)
        .transpose()
}

/// The padukuhan of `kalurahan` inside `territory`, by name, after `after`; up to `limit + 1`.
pub async fn list(
    db: &Db,
    territory: &Territory,
    kalurahan: &KodeWilayah,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Padukuhan>, StoreError> {
    let q = Entity::find()
        .filter(Column::KalurahanCode.eq(kalurahan.as_str()))
        .filter(in_scope(territory));
    page::after_id(db, q, Column::Id, after, limit, to_domain).await
}

/// Writes the changed fields when the row is still at `expected_version`.
pub async fn update(
    db: &Db,
    p: &Padukuhan,
    expected_version: i64,
    audit: &AuditEntry,
) -> Result<Padukuhan, StoreError> {
    let txn = db.begin_write().await?;
    let res = Entity::update_many()
        .col_expr(Column::Name, Expr::value(p.name.clone()))
        .col_expr(Column::NameKey, Expr::value(search_key(&p.name)))
        .col_expr(Column::Dukuh, Expr::value(p.dukuh.clone()))
        .col_expr(
            Column::RwRt,
            Expr::value(serde_json::to_string(&p.rw_rt).unwrap_or_else(|_| "[]".into())),
        )
        .col_expr(Column::Latitude, Expr::value(p.latitude))
        .col_expr(Column::Longitude, Expr::value(p.longitude))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .col_expr(Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(Column::Id.eq(p.id.to_string()))
        .filter(Column::Version.eq(expected_version))
        .exec(&txn)
        .await
        .map_err(|e| name_taken(e.into()))?;
    if res.rows_affected != 1 {
        return Err(StoreError::Stale);
    }
    audit_repo::append(&txn, audit).await?;
    let stored = Entity::find_by_id(p.id.to_string()).one(&txn).await?;
    txn.commit().await?;
    to_domain(stored.ok_or(StoreError::Stale)?)
}

/// Deactivates a padukuhan with a reason. Refused while it has a WKSBM that is not
/// dissolved (`padukuhan_has_wksbm`) or when it is already inactive.
pub async fn deactivate(
    db: &Db,
    id: Uuid,
    reason: &str,
    audit: &AuditEntry,
) -> Result<Padukuhan, StoreError> {
    use crate::entity::wksbm;
    let txn = db.begin_write().await?;
    let live = wksbm::Entity::find()
        .filter(wksbm::Column::PadukuhanId.eq(id.to_string()))
        .filter(wksbm::Column::Status.ne("dibubarkan"))
        .one(&txn)
        .await?;
    if live.is_some() {
        return Err(StoreError::Rule {
            code: "padukuhan_has_wksbm",
            message: "the padukuhan has a WKSBM that is not dissolved".into(),
        });
    }
    let res = Entity::update_many()
        .col_expr(Column::Active, Expr::value(false))
        .col_expr(Column::StatusReason, Expr::value(reason.to_owned()))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .col_expr(Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(Column::Id.eq(id.to_string()))
        .filter(Column::Active.eq(true))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(StoreError::Rule {
            code: "already_inactive",
            message: "the padukuhan is already inactive".into(),
        });
    }
    audit_repo::append(&txn, audit).await?;
    let stored = Entity::find_by_id(id.to_string()).one(&txn).await?;
    txn.commit().await?;
    to_domain(stored.ok_or(StoreError::Stale)?)
}
