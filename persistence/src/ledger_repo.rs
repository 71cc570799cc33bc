//! Funds and the ledger (buku kas). A posting runs in one write transaction: the fund's
//! balance moves by a conditional UPDATE (`balance + delta >= 0`), which on PostgreSQL
//! also takes the fund's row lock, so concurrent postings to one fund run one after the
//! other and none can overdraw it; SQLite's BEGIN IMMEDIATE serialises writers anyway.
//! Locks are always taken in the same order — a round's recipient, the round, the receipt
//! counter, funds (by id), the audit head — so two transactions never wait on each other
//! in a circle.

use crate::entity::{buku_kas, dana, penyaluran};
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError, audit_repo};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;
use wksbm_domain::audit::Entry;
use wksbm_domain::formation::Status;
use wksbm_domain::money::{
    self, Category, Direction, Fund, FundKind, LedgerEntry, Method, MoneyError, Posting,
    ReversalTarget, ZakatYear,
};
use wksbm_domain::penyaluran::{RoundError, RoundStatus};

fn corrupt(what: &str, id: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "stored money row {id} has an invalid {what}"
    )))
}

pub(crate) fn refused(e: MoneyError) -> StoreError {
    if e.conflict() {
        StoreError::Rule {
            code: e.code(),
            message: e.to_string(),
        }
    } else {
        StoreError::Invalid {
            code: e.code(),
            field: e.field(),
            message: e.to_string(),
        }
    }
}

fn opt_uuid(s: &Option<String>, what: &str, id: &str) -> Result<Option<Uuid>, StoreError> {
    s.as_deref()
        .map(Uuid::parse_str)
        .transpose()
        .map_err(|_| corrupt(what, id))
}

fn fund_to_domain(m: dana::Model) -> Result<Fund, StoreError> {
    Ok(Fund {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &m.id))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| corrupt("wksbm_id", &m.id))?,
        kind: FundKind::parse(&m.kind).ok_or_else(|| corrupt("kind", &m.id))?,
        donor_id: opt_uuid(&m.donor_id, "donor_id", &m.id)?,
        name: m.name,
        purpose: m.purpose,
        balance: m.balance,
        updated_at: m.updated_at,
    })
}

pub(crate) fn entry_to_domain(m: buku_kas::Model) -> Result<LedgerEntry, StoreError> {
    let id = m.id.clone();
    let u = |s: &Option<String>, w: &str| opt_uuid(s, w, &id);
    Ok(LedgerEntry {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &id))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| corrupt("wksbm_id", &id))?,
        fund_id: Uuid::parse_str(&m.fund_id).map_err(|_| corrupt("fund_id", &id))?,
        date: m.date,
        direction: Direction::parse(&m.direction).ok_or_else(|| corrupt("direction", &id))?,
        amount: m.amount,
        balance_after: m.balance_after,
        method: m
            .method
            .as_deref()
            .map(|s| Method::parse(s).ok_or_else(|| corrupt("method", &id)))
            .transpose()?,
        category: m
            .category
            .as_deref()
            .map(|s| Category::parse(s).ok_or_else(|| corrupt("category", &id)))
            .transpose()?,
        usaha_id: u(&m.usaha_id, "usaha_id")?,
        donor_id: u(&m.donor_id, "donor_id")?,
        description: m.description.clone(),
        receipt_no: m.receipt_no.clone(),
        reverses_id: u(&m.reverses_id, "reverses_id")?,
        pair_id: u(&m.pair_id, "pair_id")?,
        penyaluran_id: u(&m.penyaluran_id, "penyaluran_id")?,
        ppks_id: u(&m.ppks_id, "ppks_id")?,
        jimpitan_id: u(&m.jimpitan_id, "jimpitan_id")?,
        proposal_id: u(&m.proposal_id, "proposal_id")?,
        price_per_kg: m.price_per_kg,
        created_by: Uuid::parse_str(&m.created_by).map_err(|_| corrupt("created_by", &id))?,
        created_at: m.created_at,
    })
}

/// The WKSBM money is written for (it must be `aktif`) and its padukuhan's name for the
/// receipt numbers.
pub(crate) async fn money_wksbm<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
) -> Result<String, StoreError> {
    let row = crate::raw::one(
        conn,
        "SELECT w.status, p.name FROM wksbm w JOIN padukuhan p ON p.id = w.padukuhan_id WHERE w.id = $1",
        vec![wksbm_id.to_string().into()],
    )
    .await?
    .ok_or(StoreError::Stale)?;
    check_active(&row.try_get_by_index::<String>(0)?)?;
    Ok(row.try_get_by_index(1)?)
}

/// Money moves only for an `aktif` WKSBM.
pub(crate) fn check_active(status: &str) -> Result<(), StoreError> {
    if Status::parse(status) == Some(Status::Aktif) {
        Ok(())
    } else {
        Err(StoreError::Rule {
            code: "wksbm_not_active",
            message: "money moves only for an aktif (legalised, not suspended or dissolved) WKSBM"
                .into(),
        })
    }
}

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
    audit: &Entry,
) -> Result<Fund, StoreError> {
    let txn = db.begin_write().await?;
    money_wksbm(&txn, wksbm_id).await?;
    ensure_funds(&txn, wksbm_id).await?;
    if let Some(d) = donor_id {
        crate::fundraising_repo::donor_in(&txn, wksbm_id, d).await?;
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

/// Moves a fund's balance by `delta` unless that would take it below zero; returns the
/// new balance.
async fn move_balance<C: ConnectionTrait>(
    conn: &C,
    fund_id: Uuid,
    delta: i64,
) -> Result<i64, StoreError> {
    let row = crate::raw::one(
        conn,
        "UPDATE dana SET balance = balance + $1, updated_at = $2 WHERE id = $3 AND balance + $1 >= 0 RETURNING balance",
        vec![delta.into(), chrono::Utc::now().into(), fund_id.to_string().into()],
    )
    .await?
    .ok_or_else(|| refused(MoneyError::InsufficientFunds))?;
    Ok(row.try_get_by_index(0)?)
}

/// The next receipt number of a WKSBM in `year` (an upsert: the row is created by the
/// first entry of the year and locked by every later one).
async fn next_receipt<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    year: i32,
) -> Result<i64, StoreError> {
    let row = crate::raw::one(
        conn,
        "INSERT INTO receipt_counter (wksbm_id, year, last) VALUES ($1, $2, 1) \
         ON CONFLICT (wksbm_id, year) DO UPDATE SET last = receipt_counter.last + 1 RETURNING last",
        vec![wksbm_id.to_string().into(), year.into()],
    )
    .await?
    .ok_or(StoreError::Stale)?;
    Ok(row.try_get_by_index(0)?)
}

/// One line to write: everything but the balance and the receipt number.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The entry's id, known before it is written (a payment links to it first).
    pub id: Uuid,
    pub fund_id: Uuid,
    pub wksbm_id: Uuid,
    pub date: NaiveDate,
    pub direction: Direction,
    pub amount: i64,
    pub method: Option<Method>,
    pub category: Option<Category>,
    pub usaha_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    pub description: String,
    pub reverses_id: Option<Uuid>,
    pub pair_id: Option<Uuid>,
    pub penyaluran_id: Option<Uuid>,
    pub ppks_id: Option<Uuid>,
    pub jimpitan_id: Option<Uuid>,
    pub proposal_id: Option<Uuid>,
    pub price_per_kg: Option<i64>,
    pub created_by: Uuid,
}

impl Line {
    pub(crate) fn new(
        fund: &Fund,
        date: NaiveDate,
        direction: Direction,
        amount: i64,
        description: String,
        created_by: Uuid,
    ) -> Line {
        Line {
            id: Uuid::now_v7(),
            fund_id: fund.id,
            wksbm_id: fund.wksbm_id,
            date,
            direction,
            amount,
            method: None,
            category: None,
            usaha_id: None,
            donor_id: None,
            description,
            reverses_id: None,
            pair_id: None,
            penyaluran_id: None,
            ppks_id: None,
            jimpitan_id: None,
            proposal_id: None,
            price_per_kg: None,
            created_by,
        }
    }
}

/// Moves the fund and appends the line with its receipt number.
pub(crate) async fn write_line<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    l: Line,
) -> Result<LedgerEntry, StoreError> {
    Ok(write_line_with(conn, padukuhan, l, Along::default())
        .await?
        .0)
}

/// What the statement that writes a line also does (on PostgreSQL in that statement, so
/// that the locks every posting of a WKSBM waits for are held one round trip each).
#[derive(Default)]
pub(crate) struct Along<'a> {
    /// A distribution round paid from: one fewer waiting, refused unless `disetujui`;
    /// its row is locked before the receipt counter.
    pub round: Option<Uuid>,
    /// The audit record of the write: the head is locked last.
    pub audit: Option<&'a Entry>,
}

/// [`write_line`] with what goes along; returns the round's count of those still
/// waiting when a round was given.
pub(crate) async fn write_line_with<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    l: Line,
    along: Along<'_>,
) -> Result<(LedgerEntry, Option<i64>), StoreError> {
    // The receipt counter first, then the fund: every posting of a WKSBM takes them in
    // that order (a transfer's second leg finds the counter already held), so no two
    // transactions wait on each other in a circle.
    let created_at = chrono::Utc::now();
    let (balance_after, receipt_no, waiting) =
        if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
            write_postgres(conn, padukuhan, &l, created_at, &along).await?
        } else {
            let waiting = match along.round {
                Some(r) => Some(round_paid(conn, r).await?),
                None => None,
            };
            let (balance, receipt) = write_sqlite(conn, padukuhan, &l, created_at).await?;
            if let Some(a) = along.audit {
                audit_repo::append(conn, a).await?;
            }
            (balance, receipt, waiting)
        };
    let id = l.id;
    // What was written, without reading it back (timestamps as the database keeps them:
    // microseconds).
    let entry = LedgerEntry {
        id,
        wksbm_id: l.wksbm_id,
        fund_id: l.fund_id,
        date: l.date,
        direction: l.direction,
        amount: l.amount,
        balance_after,
        method: l.method,
        category: l.category,
        usaha_id: l.usaha_id,
        donor_id: l.donor_id,
        description: l.description,
        receipt_no,
        reverses_id: l.reverses_id,
        pair_id: l.pair_id,
        penyaluran_id: l.penyaluran_id,
        ppks_id: l.ppks_id,
        jimpitan_id: l.jimpitan_id,
        proposal_id: l.proposal_id,
        price_per_kg: l.price_per_kg,
        created_by: l.created_by,
        created_at: chrono::DateTime::from_timestamp_micros(created_at.timestamp_micros())
            .unwrap_or(created_at),
    };
    Ok((entry, waiting))
}

/// One fewer waiting in an approved round; the count left.
async fn round_paid<C: ConnectionTrait>(conn: &C, round: Uuid) -> Result<i64, StoreError> {
    Ok(crate::raw::one(
        conn,
        "UPDATE penyaluran SET waiting = waiting - 1, version = version + 1, updated_at = $2 \
         WHERE id = $1 AND status = 'disetujui' RETURNING waiting",
        vec![round.to_string().into(), chrono::Utc::now().into()],
    )
    .await?
    // Cancelled (or finished) since it was read: nothing is paid.
    .ok_or_else(|| crate::penyaluran_repo::round_err(RoundError::NotApproved))?
    .try_get_by_index::<i64>(0)?)
}

/// Only the one-reversal-per-entry index can clash when an entry is inserted.
fn reversal_clash(e: sea_orm::DbErr) -> StoreError {
    match StoreError::from(e) {
        StoreError::Conflict(_) => refused(MoneyError::AlreadyReversed),
        other => other,
    }
}

/// Everything in one statement. Each part reads the row of the one before (`FROM`), which
/// fixes the order of the locks: round, receipt counter, fund, audit head. No row back
/// means a part found nothing to change: the round no longer approved, or the fund
/// would go below zero.
async fn write_postgres<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    l: &Line,
    created_at: chrono::DateTime<chrono::Utc>,
    along: &Along<'_>,
) -> Result<(i64, String, Option<i64>), StoreError> {
    let mut p = crate::raw::Params::default();
    let s = |u: Option<Uuid>| sea_orm::Value::from(u.map(|v| v.to_string()));
    let at = p.bind(created_at);
    let round = along.round.map(|r| {
        format!(
            "r AS (UPDATE penyaluran SET waiting = waiting - 1, version = version + 1, \
               updated_at = {at} WHERE id = {} AND status = 'disetujui' RETURNING waiting), ",
            p.bind(r.to_string())
        )
    });
    let (wksbm, year, fund) = (
        p.bind(l.wksbm_id.to_string()),
        p.bind(l.date.year()),
        p.bind(l.fund_id.to_string()),
    );
    let delta = p.bind(l.direction.signed(l.amount));
    let counter_source = if round.is_some() {
        format!("SELECT {wksbm}, {year}, 1 FROM r")
    } else {
        format!("VALUES ({wksbm}, {year}, 1)")
    };
    let values = [
        p.bind(l.id.to_string()),
        p.bind(l.date),
        p.bind(l.direction.as_str()),
        p.bind(l.amount),
        p.bind(l.method.map(|m| m.as_str().to_owned())),
        p.bind(l.category.map(|c| c.as_str().to_owned())),
        p.bind(s(l.usaha_id)),
        p.bind(s(l.donor_id)),
        p.bind(l.description.clone()),
        p.bind(money::receipt_suffix(l.direction, padukuhan, l.date)),
        p.bind(s(l.reverses_id)),
        p.bind(s(l.pair_id)),
        p.bind(s(l.penyaluran_id)),
        p.bind(s(l.ppks_id)),
        p.bind(s(l.jimpitan_id)),
        p.bind(s(l.proposal_id)),
        p.bind(l.price_per_kg),
        p.bind(l.created_by.to_string()),
    ];
    let [
        id,
        date,
        dir,
        amount,
        method,
        category,
        usaha,
        donor,
        desc,
        suffix,
        reverses,
        pair,
        penyaluran,
        ppks,
        jimpitan,
        proposal,
        price,
        by,
    ] = values;
    let audit = along
        .audit
        .map(|a| format!(", {}", audit_repo::postgres_ctes(a, Some("e"), &mut p)));
    let sql = format!(
        "WITH {round}c AS (INSERT INTO receipt_counter (wksbm_id, year, last) {counter_source} \
           ON CONFLICT (wksbm_id, year) DO UPDATE SET last = receipt_counter.last + 1 \
           RETURNING last), \
         f AS (UPDATE dana SET balance = dana.balance + {delta}, updated_at = {at} FROM c \
           WHERE dana.id = {fund} AND dana.balance + {delta} >= 0 RETURNING dana.balance, c.last), \
         e AS (INSERT INTO buku_kas (id, wksbm_id, fund_id, date, direction, amount, \
           balance_after, method, category, usaha_id, donor_id, description, receipt_year, \
           receipt_seq, receipt_no, reverses_id, pair_id, penyaluran_id, ppks_id, jimpitan_id, \
           proposal_id, price_per_kg, created_by, created_at) \
         SELECT {id}, {wksbm}, {fund}, {date}, {dir}, {amount}, f.balance, {method}, {category}, \
           {usaha}, {donor}, {desc}, {year}, f.last, \
           lpad(f.last::text, greatest(3, length(f.last::text)), '0') || {suffix}, \
           {reverses}, {pair}, {penyaluran}, {ppks}, {jimpitan}, {proposal}, {price}, {by}, {at} FROM f \
         RETURNING balance_after, receipt_no){audit} \
         SELECT e.balance_after, e.receipt_no, {waiting} FROM e{round_from}{audit_from}",
        round = round.clone().unwrap_or_default(),
        audit = audit.clone().unwrap_or_default(),
        waiting = if round.is_some() {
            "r.waiting"
        } else {
            "NULL::bigint"
        },
        round_from = if round.is_some() { ", r" } else { "" },
        audit_from = if audit.is_some() { ", a" } else { "" },
    );
    let row = crate::raw::one(conn, &sql, p.into_values())
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => refused(MoneyError::AlreadyReversed),
            other => other,
        })?;
    let Some(row) = row else {
        // Which part found nothing (this statement's changes are undone with its
        // transaction, which the error ends).
        if let Some(r) = along.round {
            let status = penyaluran::Entity::find_by_id(r.to_string())
                .select_only()
                .column(penyaluran::Column::Status)
                .into_tuple::<String>()
                .one(conn)
                .await?;
            if status.as_deref() != Some(RoundStatus::Disetujui.as_str()) {
                return Err(crate::penyaluran_repo::round_err(RoundError::NotApproved));
            }
        }
        return Err(refused(MoneyError::InsufficientFunds));
    };
    Ok((
        row.try_get_by_index(0)?,
        row.try_get_by_index(1)?,
        row.try_get_by_index(2)?,
    ))
}

/// SQLite: the same three steps one by one (its writers are serial: BEGIN IMMEDIATE).
async fn write_sqlite<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    l: &Line,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<(i64, String), StoreError> {
    let seq = next_receipt(conn, l.wksbm_id, l.date.year()).await?;
    let balance_after = move_balance(conn, l.fund_id, l.direction.signed(l.amount)).await?;
    let id = l.id;
    let s = |u: Option<Uuid>| u.map(|v| v.to_string());
    let receipt_no = money::receipt_number(seq, l.direction, padukuhan, l.date);
    buku_kas::Entity::insert(buku_kas::ActiveModel {
        id: Set(id.to_string()),
        wksbm_id: Set(l.wksbm_id.to_string()),
        fund_id: Set(l.fund_id.to_string()),
        date: Set(l.date),
        direction: Set(l.direction.as_str().into()),
        amount: Set(l.amount),
        balance_after: Set(balance_after),
        method: Set(l.method.map(|m| m.as_str().into())),
        category: Set(l.category.map(|c| c.as_str().into())),
        usaha_id: Set(s(l.usaha_id)),
        donor_id: Set(s(l.donor_id)),
        description: Set(l.description.clone()),
        receipt_year: Set(l.date.year()),
        receipt_seq: Set(seq),
        receipt_no: Set(receipt_no.clone()),
        reverses_id: Set(s(l.reverses_id)),
        pair_id: Set(s(l.pair_id)),
        penyaluran_id: Set(s(l.penyaluran_id)),
        ppks_id: Set(s(l.ppks_id)),
        jimpitan_id: Set(s(l.jimpitan_id)),
        proposal_id: Set(s(l.proposal_id)),
        price_per_kg: Set(l.price_per_kg),
        created_by: Set(l.created_by.to_string()),
        created_at: Set(created_at),
    })
    .exec_without_returning(conn)
    .await
    .map_err(reversal_clash)?;
    Ok((balance_after, receipt_no))
}

/// Checks a business unit or donor named by a posting belongs to the WKSBM.
async fn check_links<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    p: &Posting,
) -> Result<(), StoreError> {
    if let Some(u) = p.usaha_id {
        crate::fundraising_repo::usaha_in(conn, wksbm_id, u).await?;
    }
    if let Some(d) = p.donor_id {
        crate::fundraising_repo::donor_in(conn, wksbm_id, d).await?;
    }
    Ok(())
}

/// Posts a plain income or expense.
pub async fn post(
    db: &Db,
    wksbm_id: Uuid,
    p: &Posting,
    actor: Uuid,
    today: NaiveDate,
    audit: &Entry,
    sealer: Option<&Sealer<'_, LedgerEntry>>,
) -> Result<LedgerEntry, StoreError> {
    let txn = db.begin_write().await?;
    let padukuhan = money_wksbm(&txn, wksbm_id).await?;
    let fund = fund_in(&txn, wksbm_id, p.fund_id, "fund_id").await?;
    money::check_posting(p, fund.kind, today).map_err(refused)?;
    if p.method == Some(Method::ZakatMaal)
        && !crate::fundraising_repo::has_zakat_basis(&txn, wksbm_id).await?
    {
        return Err(refused(MoneyError::ZakatBasisMissing));
    }
    check_links(&txn, wksbm_id, p).await?;
    let mut line = Line::new(
        &fund,
        p.date,
        p.direction,
        p.amount,
        p.description.clone(),
        actor,
    );
    line.method = p.method;
    line.category = p.category;
    line.usaha_id = p.usaha_id;
    line.donor_id = p.donor_id;
    let audit = audit.clone().resource(line.id);
    let along = Along {
        round: None,
        audit: Some(&audit),
    };
    let (e, _) = write_line_with(&txn, &padukuhan, line, along).await?;
    seal_with(&txn, sealer, &e).await?;
    txn.commit().await?;
    Ok(e)
}

/// Zakat received and already moved to amil in `year`, reversals netted.
async fn zakat_year<C: ConnectionTrait>(
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

/// A transfer between two funds of a WKSBM.
#[derive(Debug, Clone)]
pub struct Transfer {
    pub from: Uuid,
    pub to: Uuid,
    pub amount: i64,
    pub unit: money::Unit,
    pub date: NaiveDate,
    pub description: String,
}

/// Moves money between two funds as one pair of entries (out, in).
pub async fn transfer(
    db: &Db,
    wksbm_id: Uuid,
    t: &Transfer,
    actor: Uuid,
    today: NaiveDate,
    audit: &Entry,
    sealer: Option<&Sealer<'_, Vec<LedgerEntry>>>,
) -> Result<Vec<LedgerEntry>, StoreError> {
    let txn = db.begin_write().await?;
    let padukuhan = money_wksbm(&txn, wksbm_id).await?;
    let from = fund_in(&txn, wksbm_id, t.from, "from_fund_id").await?;
    let to = fund_in(&txn, wksbm_id, t.to, "to_fund_id").await?;
    money::check_amount(t.amount, t.unit, from.kind).map_err(refused)?;
    money::check_date(t.date, today).map_err(refused)?;
    money::check_transfer(
        from.kind,
        to.kind,
        from.id == to.id,
        t.amount,
        ZakatYear {
            received: i64::MAX,
            to_amil: 0,
        },
    )
    .map_err(refused)?;
    let pair = Uuid::now_v7();
    let mut out = Line::new(
        &from,
        t.date,
        Direction::Keluar,
        t.amount,
        t.description.clone(),
        actor,
    );
    out.category = Some(Category::Transfer);
    out.pair_id = Some(pair);
    let mut inc = Line::new(
        &to,
        t.date,
        Direction::Masuk,
        t.amount,
        t.description.clone(),
        actor,
    );
    inc.method = Some(Method::Transfer);
    inc.pair_id = Some(pair);
    // Lock order: the fund with the lower id first.
    let (first, second) = if from.id < to.id {
        (out, inc)
    } else {
        (inc, out)
    };
    let is_out_first = first.direction == Direction::Keluar;
    let a = write_line(&txn, &padukuhan, first).await?;
    let b = write_line(&txn, &padukuhan, second).await?;
    if from.kind == FundKind::Zakat {
        // Checked after the zakat fund is locked, so concurrent transfers see each other.
        let year = zakat_year(&txn, from.id, t.date.year()).await?;
        let before = ZakatYear {
            received: year.received,
            to_amil: year.to_amil - t.amount,
        };
        money::check_transfer(from.kind, to.kind, false, t.amount, before).map_err(refused)?;
    }
    let entries = if is_out_first { vec![a, b] } else { vec![b, a] };
    audit_repo::append(&txn, &audit.clone().resource(pair)).await?;
    seal_with(&txn, sealer, &entries).await?;
    txn.commit().await?;
    Ok(entries)
}

/// Reverses an entry (and its pair, for a transfer or a rice sale) with entries in the
/// opposite direction that reference it.
#[allow(clippy::too_many_arguments)]
pub async fn reverse(
    db: &Db,
    wksbm_id: Uuid,
    entry_id: Uuid,
    date: NaiveDate,
    reason: &str,
    actor: Uuid,
    today: NaiveDate,
    audit: &Entry,
    sealer: Option<&Sealer<'_, Vec<LedgerEntry>>>,
) -> Result<Vec<LedgerEntry>, StoreError> {
    money::check_date(date, today).map_err(refused)?;
    let txn = db.begin_write().await?;
    let padukuhan = money_wksbm(&txn, wksbm_id).await?;
    let target = buku_kas::Entity::find_by_id(entry_id.to_string())
        .filter(buku_kas::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)
        .and_then(entry_to_domain)?;
    let mut legs = vec![target.clone()];
    if let Some(pair) = target.pair_id {
        legs = buku_kas::Entity::find()
            .filter(buku_kas::Column::PairId.eq(pair.to_string()))
            .filter(buku_kas::Column::ReversesId.is_null())
            .order_by_asc(buku_kas::Column::FundId)
            .all(&txn)
            .await?
            .into_iter()
            .map(entry_to_domain)
            .collect::<Result<_, _>>()?;
    }
    let reversed = buku_kas::Entity::find()
        .filter(
            buku_kas::Column::ReversesId
                .is_in(legs.iter().map(|l| l.id.to_string()).collect::<Vec<_>>()),
        )
        .count_rows(&txn)
        .await?;
    money::check_reversal(ReversalTarget {
        is_reversal: target.reverses_id.is_some(),
        reversed: reversed > 0,
    })
    .map_err(refused)?;
    // A payment's recipient and round before its fund: the order a payment locks them.
    let handover = crate::payment_reversal::undo_payment(&txn, &target).await?;
    let pair = (legs.len() > 1).then(Uuid::now_v7);
    let mut out = Vec::new();
    // Legs are sorted by fund id: the lock order.
    legs.sort_by_key(|l| l.fund_id);
    for leg in &legs {
        let fund = fund_in(&txn, wksbm_id, leg.fund_id, "entry_id").await?;
        let mut l = Line::new(
            &fund,
            date,
            leg.direction.opposite(),
            leg.amount,
            match &handover {
                Some(h) => format!("Pembalikan {}: {reason}; {h}", leg.receipt_no),
                None => format!("Pembalikan {}: {reason}", leg.receipt_no),
            },
            actor,
        );
        l.method = leg.method;
        l.category = leg.category;
        l.usaha_id = leg.usaha_id;
        l.donor_id = leg.donor_id;
        l.reverses_id = Some(leg.id);
        l.pair_id = pair;
        l.jimpitan_id = leg.jimpitan_id;
        l.proposal_id = leg.proposal_id;
        l.price_per_kg = leg.price_per_kg;
        // A payment's reversal names its round and person: what they received is netted.
        l.penyaluran_id = leg.penyaluran_id;
        l.ppks_id = leg.ppks_id;
        out.push(write_line(&txn, &padukuhan, l).await?);
    }
    for leg in &legs {
        undo_workflow(&txn, leg).await?;
    }
    audit_repo::append(&txn, &audit.clone().resource(entry_id)).await?;
    seal_with(&txn, sealer, &out).await?;
    txn.commit().await?;
    Ok(out)
}

/// What a reversed entry's workflow goes back to: zakat income taken back must still
/// cover the amil share of its year; a received proposal is pledged again; a closed
/// jimpitan round is open again (to be counted and closed anew).
async fn undo_workflow<C: ConnectionTrait>(conn: &C, leg: &LedgerEntry) -> Result<(), StoreError> {
    if leg.method == Some(Method::ZakatMaal) {
        let year = zakat_year(conn, leg.fund_id, leg.date.year()).await?;
        if year.to_amil.saturating_mul(money::AMIL_SHARE_DENOMINATOR) > year.received {
            return Err(refused(MoneyError::AmilShareExceeded));
        }
    }
    if let Some(p) = leg.proposal_id {
        crate::entity::proposal::Entity::update_many()
            .col_expr(
                crate::entity::proposal::Column::Status,
                Expr::value("dijanjikan"),
            )
            .col_expr(
                crate::entity::proposal::Column::EntryId,
                Expr::value(Option::<String>::None),
            )
            .filter(crate::entity::proposal::Column::Id.eq(p.to_string()))
            .exec(conn)
            .await?;
    }
    if let Some(j) = leg.jimpitan_id {
        crate::entity::jimpitan::Entity::update_many()
            .col_expr(
                crate::entity::jimpitan::Column::Status,
                Expr::value("terbuka"),
            )
            .col_expr(
                crate::entity::jimpitan::Column::ClosedAt,
                Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
            )
            .filter(crate::entity::jimpitan::Column::Id.eq(j.to_string()))
            .exec(conn)
            .await?;
    }
    Ok(())
}

trait CountRows {
    async fn count_rows<C: ConnectionTrait>(self, conn: &C) -> Result<u64, StoreError>;
}

impl CountRows for sea_orm::Select<buku_kas::Entity> {
    async fn count_rows<C: ConnectionTrait>(self, conn: &C) -> Result<u64, StoreError> {
        use sea_orm::PaginatorTrait;
        Ok(self.count(conn).await?)
    }
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
