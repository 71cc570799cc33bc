//! Business units (usaha) and their income and expense over a period.

use super::rule;
use crate::dana_repo::{dana_wksbm, standard_fund};
use crate::entity::{buku_kas, usaha};
use crate::{Db, StoreError, audit_repo};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::FundKind;
use wksbm_domain::fundraising::Usaha;

pub async fn create_usaha(
    db: &Db,
    wksbm_id: Uuid,
    name: &str,
    kind: &str,
    audit: &AuditEntry,
) -> Result<Usaha, StoreError> {
    let txn = db.begin_write().await?;
    dana_wksbm(&txn, wksbm_id).await?;
    let id = Uuid::now_v7();
    let now = chrono::Utc::now();
    usaha::Entity::insert(usaha::ActiveModel {
        id: Set(id.to_string()),
        wksbm_id: Set(wksbm_id.to_string()),
        name: Set(name.to_owned()),
        kind: Set(kind.to_owned()),
        active: Set(true),
        created_at: Set(now),
    })
    .exec(&txn)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => rule(
            "usaha_name_taken",
            "this WKSBM already has a business unit with this name",
        ),
        other => other,
    })?;
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    txn.commit().await?;
    Ok(Usaha {
        id,
        wksbm_id,
        name: name.to_owned(),
        kind: kind.to_owned(),
        active: true,
        created_at: now,
        income: 0,
        expense: 0,
    })
}

/// Every business unit of a WKSBM with its income and expense between `from` and `to`.
pub async fn usaha_summary(
    db: &Db,
    wksbm_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Usaha>, StoreError> {
    let units = usaha::Entity::find()
        .filter(usaha::Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_asc(usaha::Column::Name)
        .all(db.conn())
        .await?;
    let beras_id = match standard_fund(db.conn(), wksbm_id, FundKind::Beras).await {
        Ok(f) => f.id.to_string(),
        // Not legalised yet: no funds, so no entries either.
        Err(StoreError::Stale) => String::new(),
        Err(e) => return Err(e),
    };
    let reversal = || Expr::cust("CASE WHEN reverses_id IS NULL THEN 0 ELSE 1 END");
    let sums: Vec<(Option<String>, String, i32, Option<i64>)> = buku_kas::Entity::find()
        .select_only()
        .column(buku_kas::Column::UsahaId)
        .column(buku_kas::Column::Direction)
        .column_as(reversal(), "reversal")
        .column_as(Expr::cust("CAST(SUM(amount) AS BIGINT)"), "total")
        .filter(buku_kas::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(buku_kas::Column::UsahaId.is_not_null())
        // Rupiah only: a unit's rice (grams) is not added to its money.
        .filter(buku_kas::Column::FundId.ne(beras_id.clone()))
        .filter(buku_kas::Column::Date.between(from, to))
        .group_by(buku_kas::Column::UsahaId)
        .group_by(buku_kas::Column::Direction)
        .group_by(reversal())
        .into_tuple()
        .all(db.conn())
        .await?;
    Ok(units
        .into_iter()
        .map(|u| {
            let (mut income, mut expense) = (0i64, 0i64);
            for (id, dir, rev, total) in &sums {
                if id.as_deref() != Some(u.id.as_str()) {
                    continue;
                }
                let t = total.unwrap_or(0);
                match (dir.as_str(), *rev != 0) {
                    ("masuk", false) => income += t,
                    ("keluar", true) => income -= t,
                    ("keluar", false) => expense += t,
                    _ => expense -= t,
                }
            }
            Usaha {
                id: Uuid::parse_str(&u.id).unwrap_or_default(),
                wksbm_id,
                name: u.name,
                kind: u.kind,
                active: u.active,
                created_at: u.created_at,
                income,
                expense,
            }
        })
        .collect())
}
