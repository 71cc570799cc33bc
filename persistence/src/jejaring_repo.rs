//! PSKS, donors and partners. Writes lock the WKSBM row and refuse a suspended or
//! dissolved one; reads go through the territory filter.

use crate::entity::partner::{ActiveModel, Column, Entity, Model};
use crate::{Db, StoreError, audit_repo, page, scope, wksbm_repo};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use wksbm_domain::access::Territory;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::jejaring::{Partner, Register};
use wksbm_domain::text::search_key;
use wksbm_domain::wilayah::KodeWilayah;

#[derive(Debug, Clone, Default)]
pub struct PartnerFilter {
    pub wksbm_id: Option<Uuid>,
    /// Folded substring of the name.
    pub name: Option<String>,
    pub kind: Option<String>,
    pub active: Option<bool>,
    pub wilayah: Option<KodeWilayah>,
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

fn to_domain(m: Model) -> Result<Partner, StoreError> {
    let bad = |what: &str| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "stored partner {} has an invalid {what}",
            m.id
        )))
    };
    let uuid = |s: &str, what: &str| Uuid::parse_str(s).map_err(|_| bad(what));
    Ok(Partner {
        id: uuid(&m.id, "id")?,
        register: Register::parse(&m.register).ok_or_else(|| bad("register"))?,
        wksbm_id: uuid(&m.wksbm_id, "wksbm_id")?,
        padukuhan_id: uuid(&m.padukuhan_id, "padukuhan_id")?,
        kalurahan: KodeWilayah::parse(&m.kalurahan_code).map_err(|_| bad("kalurahan"))?,
        kind: m.kind.clone(),
        name: m.name.clone(),
        form: m.form.clone(),
        within_area: m.within_area,
        contact_person: m.contact_person.clone(),
        phone: m.phone.clone(),
        email: m.email.clone(),
        address: m.address.clone(),
        services: serde_json::from_str(&m.services).map_err(|_| bad("services"))?,
        capacity: m.capacity,
        mou_number: m.mou_number.clone(),
        mou_start: m.mou_start,
        mou_end: m.mou_end,
        notes: m.notes.clone(),
        active: m.active,
        status_reason: m.status_reason.clone(),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn to_active(p: &Partner) -> ActiveModel {
    ActiveModel {
        id: Set(p.id.to_string()),
        register: Set(p.register.as_str().to_owned()),
        wksbm_id: Set(p.wksbm_id.to_string()),
        padukuhan_id: Set(p.padukuhan_id.to_string()),
        kalurahan_code: Set(p.kalurahan.to_string()),
        kind: Set(p.kind.clone()),
        name: Set(p.name.clone()),
        name_key: Set(search_key(&p.name)),
        form: Set(p.form.clone()),
        within_area: Set(p.within_area),
        contact_person: Set(p.contact_person.clone()),
        phone: Set(p.phone.clone()),
        email: Set(p.email.clone()),
        address: Set(p.address.clone()),
        services: Set(serde_json::to_string(&p.services).unwrap_or_else(|_| "[]".into())),
        capacity: Set(p.capacity),
        mou_number: Set(p.mou_number.clone()),
        mou_start: Set(p.mou_start),
        mou_end: Set(p.mou_end),
        notes: Set(p.notes.clone()),
        active: Set(p.active),
        status_reason: Set(p.status_reason.clone()),
        version: Set(p.version),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
    }
}

async fn fetch<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Partner, StoreError> {
    to_domain(
        Entity::find_by_id(id.to_string())
            .one(conn)
            .await?
            .ok_or(StoreError::Stale)?,
    )
}

/// Adds `p` to its WKSBM's register (the WKSBM must be writable).
pub async fn insert(db: &Db, p: &Partner, audit: &AuditEntry) -> Result<Partner, StoreError> {
    let (txn, w) = wksbm_repo::lock(db, p.wksbm_id).await?;
    wksbm_repo::writable(&w)?;
    Entity::insert(to_active(p)).exec(&txn).await?;
    audit_repo::append(&txn, audit).await?;
    let saved = fetch(&txn, p.id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The caller's territory, on this table's columns.
fn in_scope(territory: &Territory) -> Condition {
    scope::condition(territory, Column::KalurahanCode, Some(Column::PadukuhanId))
}

pub async fn get(
    db: &Db,
    territory: &Territory,
    register: Register,
    id: Uuid,
) -> Result<Option<Partner>, StoreError> {
    Entity::find_by_id(id.to_string())
        .filter(Column::Register.eq(register.as_str()))
        .filter(in_scope(territory))
        .one(db.conn())
        .await?
        .map(to_domain)
        .transpose()
}

/// Entries of `register` inside `territory` matching `f`, by id, after `after`; up to
/// `limit + 1`.
pub async fn list(
    db: &Db,
    territory: &Territory,
    register: Register,
    f: &PartnerFilter,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Partner>, StoreError> {
    let mut q = Entity::find()
        .filter(Column::Register.eq(register.as_str()))
        .filter(in_scope(territory));
    if let Some(w) = f.wksbm_id {
        q = q.filter(Column::WksbmId.eq(w.to_string()));
    }
    if let Some(name) = f.name.as_deref().filter(|n| !n.is_empty()) {
        q = q.filter(Expr::col(Column::NameKey).like(scope::contains(name)));
    }
    if let Some(k) = &f.kind {
        q = q.filter(Column::Kind.eq(k.as_str()));
    }
    if let Some(a) = f.active {
        q = q.filter(Column::Active.eq(a));
    }
    if let Some(w) = &f.wilayah {
        q = q.filter(scope::under(w, Column::KalurahanCode));
    }
    if let Some(t) = f.updated_since {
        q = q.filter(Column::UpdatedAt.gte(t));
    }
    page::after_id(db, q, Column::Id, after, limit, to_domain).await
}

/// Writes the whole entry when it is still at `expected_version`.
pub async fn update(
    db: &Db,
    p: &Partner,
    expected_version: i64,
    audit: &AuditEntry,
) -> Result<Partner, StoreError> {
    let (txn, w) = wksbm_repo::lock(db, p.wksbm_id).await?;
    wksbm_repo::writable(&w)?;
    let mut am = to_active(p);
    am.id = sea_orm::ActiveValue::NotSet;
    am.created_at = sea_orm::ActiveValue::NotSet;
    am.version = Set(expected_version + 1);
    am.updated_at = Set(chrono::Utc::now());
    let res = Entity::update_many()
        .set(am)
        .filter(Column::Id.eq(p.id.to_string()))
        .filter(Column::Version.eq(expected_version))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(StoreError::Stale);
    }
    audit_repo::append(&txn, audit).await?;
    let saved = fetch(&txn, p.id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deactivates with a reason; 409 `already_inactive` the second time.
pub async fn deactivate(
    db: &Db,
    p: &Partner,
    reason: &str,
    audit: &AuditEntry,
) -> Result<Partner, StoreError> {
    let (txn, w) = wksbm_repo::lock(db, p.wksbm_id).await?;
    wksbm_repo::writable(&w)?;
    let res = Entity::update_many()
        .col_expr(Column::Active, Expr::value(false))
        .col_expr(Column::StatusReason, Expr::value(reason.to_owned()))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .col_expr(Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(Column::Id.eq(p.id.to_string()))
        .filter(Column::Active.eq(true))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(StoreError::Rule {
            code: "already_inactive",
            message: "already inactive".into(),
        });
    }
    audit_repo::append(&txn, audit).await?;
    let saved = fetch(&txn, p.id).await?;
    txn.commit().await?;
    Ok(saved)
}
