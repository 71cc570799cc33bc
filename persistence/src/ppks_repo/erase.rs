//! Erasure by anonymisation: the record's identity goes, and with it the person's name
//! from the free text the books hold about them (ledger descriptions, round reasons and
//! receivers), in one transaction. On PostgreSQL the touched tables are then vacuumed so
//! that dead row versions holding the old text become free space sooner.

use super::save_in;
use crate::entity::{buku_kas, penyaluran_penerima};
use crate::vault::Vault;
use crate::{Backend, Db, StoreError, audit_repo};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::ppks::Ppks;
use wksbm_domain::text::scrub_name;

/// Saves the anonymised record `a` (whose name was `old_name`) and scrubs that name from
/// the books' free text about it.
pub async fn anonymise(
    db: &Db,
    vault: &Vault,
    a: &Ppks,
    old_name: &str,
    expected_version: i64,
    audit: &AuditEntry,
) -> Result<Ppks, StoreError> {
    let txn = db.begin_write().await?;
    let saved = save_in(&txn, vault, a, expected_version).await?;
    scrub(&txn, a.id, old_name, &a.name).await?;
    audit_repo::append(&txn, audit).await?;
    txn.commit().await?;
    Ok(saved)
}

/// On PostgreSQL, vacuums the tables an erasure touched, so that the dead row versions
/// that still hold the old text become free space to be overwritten (it cannot run in a
/// transaction; callers run it after the answer). SQLite overwrites freed space at once
/// (`secure_delete`).
pub async fn vacuum_erased(db: &Db) -> Result<(), StoreError> {
    if db.backend() == Backend::Postgres {
        db.conn()
            .execute_unprepared("VACUUM ppks, buku_kas, penyaluran_penerima")
            .await?;
    }
    Ok(())
}

async fn scrub<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    name: &str,
    with: &str,
) -> Result<(), StoreError> {
    let key = id.to_string();
    for e in buku_kas::Entity::find()
        .filter(buku_kas::Column::PpksId.eq(key.as_str()))
        .all(conn)
        .await?
    {
        if let Some(text) = scrub_name(&e.description, name, with) {
            buku_kas::Entity::update_many()
                .col_expr(buku_kas::Column::Description, Expr::value(text))
                .filter(buku_kas::Column::Id.eq(e.id))
                .exec(conn)
                .await?;
        }
    }
    for r in penyaluran_penerima::Entity::find()
        .filter(penyaluran_penerima::Column::PpksId.eq(key.as_str()))
        .all(conn)
        .await?
    {
        let reason = scrub_name(&r.reason, name, with);
        let received = r
            .received_by
            .as_deref()
            .and_then(|t| scrub_name(t, name, with));
        if reason.is_none() && received.is_none() {
            continue;
        }
        let mut upd = penyaluran_penerima::Entity::update_many()
            .filter(penyaluran_penerima::Column::Id.eq(r.id));
        if let Some(t) = reason {
            upd = upd.col_expr(penyaluran_penerima::Column::Reason, Expr::value(t));
        }
        if let Some(t) = received {
            upd = upd.col_expr(penyaluran_penerima::Column::ReceivedBy, Expr::value(t));
        }
        upd.exec(conn).await?;
    }
    Ok(())
}
