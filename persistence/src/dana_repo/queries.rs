//! The ledger read back: entries, a fund's running balance, a period's sums, the
//! reconciliation sum and a zakat year's figures.

use super::rows::{corrupt, entry_to_domain};
use crate::entity::buku_kas;
use crate::{Db, StoreError};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;
use wksbm_domain::dana::{Category, Direction, LedgerEntry, Method, ZakatYear};

/// Zakat received and already moved to amil in `year`, reversals netted.
pub(super) async fn zakat_year<C: ConnectionTrait>(
    conn: &C,
    zakat_fund: Uuid,
    year: i32,
) -> Result<ZakatYear, StoreError> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(StoreError::Stale)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(StoreError::Stale)?;
    let sum = |col: buku_kas::Column, value: &'static str| {
        buku_kas::Entity::find()
            .select_only()
            .column_as(signed_sum(), "total")
            .filter(buku_kas::Column::FundId.eq(zakat_fund.to_string()))
            .filter(buku_kas::Column::Date.between(from, to))
            .filter(col.eq(value))
            .into_tuple::<Option<i64>>()
    };
    let received = sum(buku_kas::Column::Method, Method::ZakatMaal.as_str())
        .one(conn)
        .await?
        .flatten()
        .unwrap_or(0);
    // Out of the zakat fund is negative in the signed sum.
    let moved = sum(buku_kas::Column::Category, Category::Transfer.as_str())
        .one(conn)
        .await?
        .flatten()
        .unwrap_or(0);
    Ok(ZakatYear {
        received,
        to_amil: -moved,
    })
}

fn signed_sum() -> Expr {
    Expr::cust(
        "CAST(COALESCE(SUM(CASE WHEN direction = 'masuk' THEN amount ELSE -amount END), 0) AS BIGINT)",
    )
}

pub async fn entry(db: &Db, wksbm_id: Uuid, id: Uuid) -> Result<Option<LedgerEntry>, StoreError> {
    buku_kas::Entity::find_by_id(id.to_string())
        .filter(buku_kas::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(db.conn())
        .await?
        .map(entry_to_domain)
        .transpose()
}

/// The id of the entry that reverses `id`, if any.
pub async fn reversed_by(db: &Db, id: Uuid) -> Result<Option<Uuid>, StoreError> {
    let r: Option<String> = buku_kas::Entity::find()
        .select_only()
        .column(buku_kas::Column::Id)
        .filter(buku_kas::Column::ReversesId.eq(id.to_string()))
        .into_tuple()
        .one(db.conn())
        .await?;
    Ok(r.and_then(|s| Uuid::parse_str(&s).ok()))
}

#[derive(Debug, Clone, Default)]
pub struct LedgerFilter {
    pub fund_id: Option<Uuid>,
    pub direction: Option<Direction>,
    pub method: Option<Method>,
    pub category: Option<Category>,
    pub donor_id: Option<Uuid>,
    pub usaha_id: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

fn filtered(wksbm_id: Uuid, f: &LedgerFilter) -> sea_orm::Select<buku_kas::Entity> {
    let mut q = buku_kas::Entity::find().filter(buku_kas::Column::WksbmId.eq(wksbm_id.to_string()));
    if let Some(v) = f.fund_id {
        q = q.filter(buku_kas::Column::FundId.eq(v.to_string()));
    }
    if let Some(v) = f.direction {
        q = q.filter(buku_kas::Column::Direction.eq(v.as_str()));
    }
    if let Some(v) = f.method {
        q = q.filter(buku_kas::Column::Method.eq(v.as_str()));
    }
    if let Some(v) = f.category {
        q = q.filter(buku_kas::Column::Category.eq(v.as_str()));
    }
    if let Some(v) = f.donor_id {
        q = q.filter(buku_kas::Column::DonorId.eq(v.to_string()));
    }
    if let Some(v) = f.usaha_id {
        q = q.filter(buku_kas::Column::UsahaId.eq(v.to_string()));
    }
    if let Some(v) = f.from {
        q = q.filter(buku_kas::Column::Date.gte(v));
    }
    if let Some(v) = f.to {
        q = q.filter(buku_kas::Column::Date.lte(v));
    }
    q
}

fn after_cond(after: (NaiveDate, Uuid)) -> Condition {
    Condition::any()
        .add(buku_kas::Column::Date.gt(after.0))
        .add(
            Condition::all()
                .add(buku_kas::Column::Date.eq(after.0))
                .add(buku_kas::Column::Id.gt(after.1.to_string())),
        )
}

/// Entries in date order (then posting order), after the cursor; up to `limit + 1`.
pub async fn list(
    db: &Db,
    wksbm_id: Uuid,
    f: &LedgerFilter,
    after: Option<(NaiveDate, Uuid)>,
    limit: u64,
) -> Result<Vec<LedgerEntry>, StoreError> {
    let mut q = filtered(wksbm_id, f)
        .order_by_asc(buku_kas::Column::Date)
        .order_by_asc(buku_kas::Column::Id);
    if let Some(a) = after {
        q = q.filter(after_cond(a));
    }
    q.limit(limit + 1)
        .all(db.conn())
        .await?
        .into_iter()
        .map(entry_to_domain)
        .collect()
}

/// A fund's balance from its entries dated before `date`, plus those on `date` up to and
/// including entry `through` (the running balance in date order).
pub async fn balance_at(
    db: &Db,
    fund_id: Uuid,
    date: NaiveDate,
    through: Option<Uuid>,
) -> Result<i64, StoreError> {
    let mut cond = Condition::any().add(buku_kas::Column::Date.lt(date));
    if let Some(id) = through {
        cond = cond.add(
            Condition::all()
                .add(buku_kas::Column::Date.eq(date))
                .add(buku_kas::Column::Id.lte(id.to_string())),
        );
    }
    let v: Option<Option<i64>> = buku_kas::Entity::find()
        .select_only()
        .column_as(signed_sum(), "total")
        .filter(buku_kas::Column::FundId.eq(fund_id.to_string()))
        .filter(cond)
        .into_tuple()
        .one(db.conn())
        .await?;
    Ok(v.flatten().unwrap_or(0))
}

/// Sums for a period report: per fund the balance before `from`, and the period's
/// entries grouped by direction, method, category and whether they are reversals.
pub struct PeriodSums {
    pub opening: Vec<(Uuid, i64)>,
    pub groups: Vec<(Uuid, wksbm_domain::report::Movement)>,
}

pub async fn period_sums(
    db: &Db,
    wksbm_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<PeriodSums, StoreError> {
    // From the daily sums (migration 15), not the entries: a day's row per kind of
    // movement, however many entries the period holds.
    let conn = db.conn();
    let opening: Vec<(String, Option<i64>)> = crate::raw::all(
        conn,
        "SELECT fund_id, CAST(SUM(CASE WHEN direction = 'masuk' THEN total ELSE -total END) \
           AS BIGINT) FROM buku_kas_daily WHERE wksbm_id = $1 AND date < $2 GROUP BY fund_id",
        vec![wksbm_id.to_string().into(), from.into()],
    )
    .await?
    .into_iter()
    .map(|r| Ok((r.try_get_by_index(0)?, r.try_get_by_index(1)?)))
    .collect::<Result<_, StoreError>>()?;
    type Row = (
        String,
        String,
        Option<String>,
        Option<String>,
        i32,
        Option<i64>,
    );
    let rows: Vec<Row> = crate::raw::all(
        conn,
        "SELECT fund_id, direction, NULLIF(method, ''), NULLIF(category, ''), \
           CAST(reversal AS INTEGER), CAST(SUM(total) AS BIGINT) FROM buku_kas_daily \
         WHERE wksbm_id = $1 AND date BETWEEN $2 AND $3 \
         GROUP BY fund_id, direction, method, category, reversal",
        vec![wksbm_id.to_string().into(), from.into(), to.into()],
    )
    .await?
    .into_iter()
    .map(|r| {
        Ok((
            r.try_get_by_index(0)?,
            r.try_get_by_index(1)?,
            r.try_get_by_index(2)?,
            r.try_get_by_index(3)?,
            r.try_get_by_index(4)?,
            r.try_get_by_index(5)?,
        ))
    })
    .collect::<Result<_, StoreError>>()?;
    let fid = |s: &str| Uuid::parse_str(s).map_err(|_| corrupt("fund_id", s));
    Ok(PeriodSums {
        opening: opening
            .into_iter()
            .map(|(f, t)| Ok((fid(&f)?, t.unwrap_or(0))))
            .collect::<Result<_, StoreError>>()?,
        groups: rows
            .into_iter()
            .map(|(f, d, m, c, r, t)| {
                Ok((
                    fid(&f)?,
                    wksbm_domain::report::Movement {
                        direction: Direction::parse(&d).ok_or_else(|| corrupt("direction", &f))?,
                        method: m,
                        category: c,
                        reversal: r != 0,
                        amount: t.unwrap_or(0),
                    },
                ))
            })
            .collect::<Result<_, StoreError>>()?,
    })
}

/// The signed sum of every entry of a fund (the reconciliation check: equals its balance).
pub async fn entries_sum(db: &Db, fund_id: Uuid) -> Result<i64, StoreError> {
    let v: Option<Option<i64>> = buku_kas::Entity::find()
        .select_only()
        .column_as(signed_sum(), "total")
        .filter(buku_kas::Column::FundId.eq(fund_id.to_string()))
        .into_tuple()
        .one(db.conn())
        .await?;
    Ok(v.flatten().unwrap_or(0))
}
