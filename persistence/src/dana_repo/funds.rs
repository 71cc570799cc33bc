//! The funds (dana) of a WKSBM: the standard ones, opened with legalisation, and the
//! `terikat` ones opened for a donor's purpose.

use super::links::donor_in;
use super::rows::{dana_wksbm, fund_to_domain};
use crate::entity::dana;
use crate::{Db, StoreError, audit_repo};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{Fund, FundKind};

/// Opens the standard funds a WKSBM lacks (at legalisation, and for WKSBM legalised
/// before funds existed).
pub(crate) async fn ensure_funds<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
) -> Result<(), StoreError> {
    let have: Vec<String> = dana::Entity::find()
        .select_only()
        .column(dana::Column::Kind)
        .filter(dana::Column::WksbmId.eq(wksbm_id.to_string()))
        .into_tuple()
        .all(conn)
        .await?;
    let now = chrono::Utc::now();
    for kind in FundKind::STANDARD {
        if have.iter().any(|k| k == kind.as_str()) {
            continue;
        }
        dana::Entity::insert(dana::ActiveModel {
            id: Set(Uuid::now_v7().to_string()),
            wksbm_id: Set(wksbm_id.to_string()),
            kind: Set(kind.as_str().into()),
            name: Set(kind.as_str().into()),
            purpose: Set(None),
            donor_id: Set(None),
            unit: Set(kind.unit().as_str().into()),
            balance: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            latest_date: Set(None),
        })
        .exec(conn)
        .await?;
    }
    Ok(())
}

/// Funds of a WKSBM, the standard ones first. Opens missing standard funds for a
/// legalised WKSBM (one write, the first time).
pub async fn funds(db: &Db, wksbm_id: Uuid, legalised: bool) -> Result<Vec<Fund>, StoreError> {
    let mut rows = dana::Entity::find()
        .filter(dana::Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_asc(dana::Column::CreatedAt)
        .order_by_asc(dana::Column::Id)
        .all(db.conn())
        .await?;
    if legalised && rows.iter().filter(|r| r.kind != "terikat").count() < FundKind::STANDARD.len() {
        let txn = db.begin_write().await?;
        match ensure_funds(&txn, wksbm_id).await {
            // Another first read opened them at the same moment: read theirs.
            Err(StoreError::Conflict(_)) => txn.rollback().await?,
            other => {
                other?;
                txn.commit().await?;
            }
        }
        rows = dana::Entity::find()
            .filter(dana::Column::WksbmId.eq(wksbm_id.to_string()))
            .order_by_asc(dana::Column::CreatedAt)
            .order_by_asc(dana::Column::Id)
            .all(db.conn())
            .await?;
    }
    rows.into_iter().map(fund_to_domain).collect()
}

pub async fn fund(db: &Db, wksbm_id: Uuid, id: Uuid) -> Result<Option<Fund>, StoreError> {
    fund_opt(db.conn(), wksbm_id, id).await
}

async fn fund_opt<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Option<Fund>, StoreError> {
    dana::Entity::find_by_id(id.to_string())
        .filter(dana::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
        .map(fund_to_domain)
        .transpose()
}

pub(crate) async fn fund_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
    field: &'static str,
) -> Result<Fund, StoreError> {
    fund_opt(conn, wksbm_id, id)
        .await?
        .ok_or_else(|| StoreError::Invalid {
            code: "fund_unknown",
            field,
            message: "no fund with this id in this WKSBM".into(),
        })
}

/// The standard fund of `kind` of a WKSBM (jimpitan and rice sales post to them).
pub(crate) async fn standard_fund<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    kind: FundKind,
) -> Result<Fund, StoreError> {
    dana::Entity::find()
        .filter(dana::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(dana::Column::Kind.eq(kind.as_str()))
        .one(conn)
        .await?
        .ok_or(StoreError::Stale)
        .and_then(fund_to_domain)
}

/// Opens a `terikat` fund for a donor's purpose.
pub async fn open_restricted(
    db: &Db,
    wksbm_id: Uuid,
    name: &str,
    purpose: &str,
    donor_id: Option<Uuid>,
    audit: &AuditEntry,
) -> Result<Fund, StoreError> {
    let txn = db.begin_write().await?;
    dana_wksbm(&txn, wksbm_id).await?;
    ensure_funds(&txn, wksbm_id).await?;
    if let Some(d) = donor_id {
        donor_in(&txn, wksbm_id, d).await?;
    }
    let id = Uuid::now_v7();
    let now = chrono::Utc::now();
    dana::Entity::insert(dana::ActiveModel {
        id: Set(id.to_string()),
        wksbm_id: Set(wksbm_id.to_string()),
        kind: Set(FundKind::Terikat.as_str().into()),
        name: Set(name.to_owned()),
        purpose: Set(Some(purpose.to_owned())),
        donor_id: Set(donor_id.map(|d| d.to_string())),
        unit: Set(FundKind::Terikat.unit().as_str().into()),
        balance: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        latest_date: Set(None),
    })
    .exec(&txn)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Rule {
            code: "fund_name_taken",
            message: "this WKSBM already has a fund with this name".into(),
        },
        other => other,
    })?;
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    let f = fund_in(&txn, wksbm_id, id, "id").await?;
    txn.commit().await?;
    Ok(f)
}
