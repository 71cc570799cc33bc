//! Writing a line: the fund's balance moves, the WKSBM's receipt counter counts on, and
//! the entry is appended with its receipt number, in the caller's transaction. On SQLite
//! step by step (its writers are serial); on PostgreSQL in one statement
//! (`postgres`).

use super::new_entry::{Along, NewEntry};
use super::postgres::write_postgres;
use crate::entity::buku_kas;
use crate::error::{refused, round_err};
use crate::{StoreError, audit_repo};
use chrono::Datelike;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;
use wksbm_domain::dana::{self, DanaError, LedgerEntry};
use wksbm_domain::penyaluran::RoundError;

/// Moves a fund's balance by `delta` unless that would take it below zero, and keeps the
/// fund's latest entry date; returns the new balance and whether the fund holds entries
/// dated after `date` (read from the locked row, so no other posting can change it).
async fn move_balance<C: ConnectionTrait>(
    conn: &C,
    fund_id: Uuid,
    delta: i64,
    date: chrono::NaiveDate,
) -> Result<(i64, bool), StoreError> {
    let row = crate::raw::one(
        conn,
        "UPDATE dana SET balance = balance + $1, updated_at = $2, \
         latest_date = CASE WHEN latest_date IS NULL OR latest_date < $4 THEN $4 ELSE latest_date END \
         WHERE id = $3 AND balance + $1 >= 0 RETURNING balance, latest_date > $4",
        vec![
            delta.into(),
            chrono::Utc::now().into(),
            fund_id.to_string().into(),
            date.into(),
        ],
    )
    .await?
    .ok_or_else(|| refused(DanaError::InsufficientFunds))?;
    Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?))
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

/// Moves the fund and appends the line with its receipt number.
pub(crate) async fn write_line<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    l: NewEntry,
) -> Result<LedgerEntry, StoreError> {
    Ok(write_line_with(conn, padukuhan, l, Along::default())
        .await?
        .0)
}

/// [`write_line`] with what goes along; returns the round's count of those still
/// waiting when a round was given.
pub(crate) async fn write_line_with<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    l: NewEntry,
    along: Along<'_>,
) -> Result<(LedgerEntry, Option<i64>), StoreError> {
    // The receipt counter first, then the fund: every posting of a WKSBM takes them in
    // that order (a transfer's second leg finds the counter already held), so no two
    // transactions wait on each other in a circle.
    let created_at = chrono::Utc::now();
    let (balance_after, receipt_no, waiting, later) =
        if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
            write_postgres(conn, padukuhan, &l, created_at, &along).await?
        } else {
            let waiting = match along.round {
                Some(r) => Some(round_paid(conn, r).await?),
                None => None,
            };
            let (balance, receipt, later) = write_sqlite(conn, padukuhan, &l, created_at).await?;
            if let Some(a) = along.audit {
                audit_repo::append(conn, a).await?;
            }
            (balance, receipt, waiting, later)
        };
    // Only an outflow dated before entries already in the book can overdraw the past.
    if later && l.direction == dana::Direction::Keluar {
        check_later(conn, &l, balance_after).await?;
    }
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

/// The balance rule at every date: an outflow dated before entries already in the book
/// must not take the running balance below zero at any of them. Read with the fund's
/// row locked by this transaction's balance move; an entry dated today usually finds
/// nothing after it.
async fn check_later<C: ConnectionTrait>(
    conn: &C,
    l: &NewEntry,
    balance_after: i64,
) -> Result<(), StoreError> {
    let rows = crate::raw::all(
        conn,
        "SELECT direction, amount FROM buku_kas WHERE fund_id = $1 AND date > $2 \
         ORDER BY date, id",
        vec![l.fund_id.to_string().into(), l.date.into()],
    )
    .await?;
    let mut later = Vec::with_capacity(rows.len());
    for r in rows {
        let dir: String = r.try_get_by_index(0)?;
        let amount: i64 = r.try_get_by_index(1)?;
        later.push(if dir == "masuk" { amount } else { -amount });
    }
    dana::check_later_entries(balance_after, &later).map_err(refused)
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
    .ok_or_else(|| round_err(RoundError::NotApproved))?
    .try_get_by_index::<i64>(0)?)
}

/// Only the one-reversal-per-entry index can clash when an entry is inserted.
pub(super) fn reversal_clash(e: sea_orm::DbErr) -> StoreError {
    match StoreError::from(e) {
        StoreError::Conflict(_) => refused(DanaError::AlreadyReversed),
        other => other,
    }
}

/// SQLite: the same three steps one by one (its writers are serial: BEGIN IMMEDIATE).
async fn write_sqlite<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    l: &NewEntry,
    created_at: chrono::DateTime<chrono::Utc>,
) -> Result<(i64, String, bool), StoreError> {
    let seq = next_receipt(conn, l.wksbm_id, l.date.year()).await?;
    let (balance_after, later) =
        move_balance(conn, l.fund_id, l.direction.signed(l.amount), l.date).await?;
    let id = l.id;
    let s = |u: Option<Uuid>| u.map(|v| v.to_string());
    let receipt_no = dana::receipt_number(seq, l.direction, padukuhan, l.date);
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
    Ok((balance_after, receipt_no, later))
}
