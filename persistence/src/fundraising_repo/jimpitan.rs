//! Jimpitan rounds: counted, then closed in public into `beras` and `umum` in one
//! transaction; a reversed closing opens the round again.

use super::rule;
use crate::dana_repo::{NewEntry, dana_wksbm, ensure_funds, standard_fund, write_line};
use crate::entity::jimpitan;
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError, audit_repo, page};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{Direction, FundKind, LedgerEntry, Method};
use wksbm_domain::jimpitan::Jimpitan;

fn to_domain(m: jimpitan::Model) -> Result<Jimpitan, StoreError> {
    let bad = |w: &str| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "jimpitan {} has an invalid {w}",
            m.id
        )))
    };
    Ok(Jimpitan {
        id: Uuid::parse_str(&m.id).map_err(|_| bad("id"))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| bad("wksbm_id"))?,
        date: m.date,
        rt: m.rt.clone(),
        collectors: serde_json::from_str(&m.collectors).map_err(|_| bad("collectors"))?,
        lines: serde_json::from_str(&m.lines).map_err(|_| bad("lines"))?,
        total_grams: m.total_grams,
        total_rupiah: m.total_rupiah,
        closed: m.status == "ditutup",
        witnesses: m
            .witnesses
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|_| bad("witnesses"))?
            .unwrap_or_default(),
        created_by: Uuid::parse_str(&m.created_by).map_err(|_| bad("created_by"))?,
        created_at: m.created_at,
        closed_at: m.closed_at,
    })
}

pub async fn create_jimpitan(
    db: &Db,
    r: &Jimpitan,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, Jimpitan>>,
) -> Result<Jimpitan, StoreError> {
    let txn = db.begin_write().await?;
    dana_wksbm(&txn, r.wksbm_id).await?;
    jimpitan::Entity::insert(jimpitan::ActiveModel {
        id: Set(r.id.to_string()),
        wksbm_id: Set(r.wksbm_id.to_string()),
        date: Set(r.date),
        rt: Set(r.rt.clone()),
        collectors: Set(serde_json::to_string(&r.collectors).unwrap_or_else(|_| "[]".into())),
        lines: Set(serde_json::to_string(&r.lines).unwrap_or_else(|_| "[]".into())),
        total_grams: Set(r.total_grams),
        total_rupiah: Set(r.total_rupiah),
        status: Set("terbuka".into()),
        witnesses: Set(None),
        created_by: Set(r.created_by.to_string()),
        created_at: Set(r.created_at),
        closed_at: Set(None),
    })
    .exec(&txn)
    .await?;
    audit_repo::append(&txn, &audit.clone().resource(r.id)).await?;
    let saved = jimpitan_in(&txn, r.wksbm_id, r.id).await?;
    seal_with(&txn, sealer, &saved).await?;
    txn.commit().await?;
    Ok(saved)
}

async fn jimpitan_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Jimpitan, StoreError> {
    jimpitan::Entity::find_by_id(id.to_string())
        .filter(jimpitan::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
        .ok_or(StoreError::Stale)
        .and_then(to_domain)
}

pub async fn get_jimpitan(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Option<Jimpitan>, StoreError> {
    match jimpitan_in(db.conn(), wksbm_id, id).await {
        Ok(r) => Ok(Some(r)),
        Err(StoreError::Stale) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn list_jimpitan(
    db: &Db,
    wksbm_id: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Jimpitan>, StoreError> {
    let q = jimpitan::Entity::find().filter(jimpitan::Column::WksbmId.eq(wksbm_id.to_string()));
    page::after_id(db, q, jimpitan::Column::Id, after, limit, to_domain).await
}

/// Closes a round in public: its rice goes into `beras` and its coins into `umum`, and
/// the round is closed, in one transaction (once).
pub async fn close_jimpitan(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    witnesses: &[String],
    actor: Uuid,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, Jimpitan>>,
) -> Result<Jimpitan, StoreError> {
    let txn = db.begin_write().await?;
    let padukuhan = dana_wksbm(&txn, wksbm_id).await?;
    ensure_funds(&txn, wksbm_id).await?;
    let res = jimpitan::Entity::update_many()
        .col_expr(jimpitan::Column::Status, Expr::value("ditutup"))
        .col_expr(
            jimpitan::Column::Witnesses,
            Expr::value(serde_json::to_string(witnesses).unwrap_or_else(|_| "[]".into())),
        )
        .col_expr(jimpitan::Column::ClosedAt, Expr::value(chrono::Utc::now()))
        .filter(jimpitan::Column::Id.eq(id.to_string()))
        .filter(jimpitan::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(jimpitan::Column::Status.eq("terbuka"))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        jimpitan_in(&txn, wksbm_id, id).await?;
        return Err(rule("jimpitan_closed", "this round is already closed"));
    }
    let r = jimpitan_in(&txn, wksbm_id, id).await?;
    let pair = Uuid::now_v7();
    let desc = format!("Jimpitan RT {} {}", r.rt, r.date);
    let mut legs = Vec::new();
    for (kind, amount) in [
        (FundKind::Beras, r.total_grams),
        (FundKind::Umum, r.total_rupiah),
    ] {
        if amount > 0 {
            let fund = standard_fund(&txn, wksbm_id, kind).await?;
            let mut l = NewEntry::new(&fund, r.date, Direction::Masuk, amount, desc.clone(), actor);
            l.method = Some(Method::Jimpitan);
            l.jimpitan_id = Some(id);
            l.pair_id = Some(pair);
            legs.push(l);
        }
    }
    legs.sort_by_key(|l| l.fund_id);
    for l in legs {
        write_line(&txn, &padukuhan, l).await?;
    }
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    seal_with(&txn, sealer, &r).await?;
    txn.commit().await?;
    Ok(r)
}

/// A reversed closing: the round is open again, to be counted and closed anew (runs in
/// the reversal's transaction, after the reversal's entries).
pub(crate) async fn reopen_jimpitan<C: ConnectionTrait>(
    conn: &C,
    leg: &LedgerEntry,
) -> Result<(), StoreError> {
    if let Some(j) = leg.jimpitan_id {
        jimpitan::Entity::update_many()
            .col_expr(jimpitan::Column::Status, Expr::value("terbuka"))
            .col_expr(
                jimpitan::Column::ClosedAt,
                Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
            )
            .filter(jimpitan::Column::Id.eq(j.to_string()))
            .exec(conn)
            .await?;
    }
    Ok(())
}
