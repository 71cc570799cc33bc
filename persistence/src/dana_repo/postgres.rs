//! The PostgreSQL writer: a line in one statement, so that the locks every posting of a
//! WKSBM waits for are held one round trip each.

use super::new_entry::{Along, NewEntry};
use crate::entity::penyaluran;
use crate::error::{refused, round_err};
use crate::{StoreError, audit_repo};
use chrono::Datelike;
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
use uuid::Uuid;
use wksbm_domain::dana::{self, DanaError};
use wksbm_domain::penyaluran::{RoundError, RoundStatus};

/// Everything in one statement. Each part reads the row of the one before (`FROM`), which
/// fixes the order of the locks: round, receipt counter, fund, audit head. No row back
/// means a part found nothing to change: the round no longer approved, or the fund
/// would go below zero.
pub(super) async fn write_postgres<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    l: &NewEntry,
    created_at: chrono::DateTime<chrono::Utc>,
    along: &Along<'_>,
) -> Result<(i64, String, Option<i64>, bool), StoreError> {
    let mut p = crate::raw::Params::default();
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
    let day = p.bind(l.date);
    let counter_source = if round.is_some() {
        format!("SELECT {wksbm}, {year}, 1 FROM r")
    } else {
        format!("VALUES ({wksbm}, {year}, 1)")
    };
    let entry = entry_cte(&mut p, l, padukuhan, [&wksbm, &year, &fund, &at]);
    let audit = along
        .audit
        .map(|a| format!(", {}", audit_repo::postgres_ctes(a, Some("e"), &mut p)));
    let sql = format!(
        "WITH {round}c AS (INSERT INTO receipt_counter (wksbm_id, year, last) {counter_source} \
           ON CONFLICT (wksbm_id, year) DO UPDATE SET last = receipt_counter.last + 1 \
           RETURNING last), \
         f AS (UPDATE dana SET balance = dana.balance + {delta}, updated_at = {at}, \
           latest_date = GREATEST(COALESCE(dana.latest_date, {day}), {day}) FROM c \
           WHERE dana.id = {fund} AND dana.balance + {delta} >= 0 \
           RETURNING dana.balance, c.last, dana.latest_date > {day} AS later), \
         {entry}{audit} \
         SELECT e.balance_after, e.receipt_no, {waiting}, f.later FROM e, f{round_from}{audit_from}",
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
            StoreError::Conflict(_) => refused(DanaError::AlreadyReversed),
            other => other,
        })?;
    let Some(row) = row else {
        return Err(nothing_written(conn, along).await?);
    };
    Ok((
        row.try_get_by_index(0)?,
        row.try_get_by_index(1)?,
        row.try_get_by_index(2)?,
        row.try_get_by_index(3)?,
    ))
}

/// The entry's part `e`: inserted from the fund's new balance and the counter's number
/// (`f`); `shared` are the WKSBM, year, fund and time already bound.
fn entry_cte(
    p: &mut crate::raw::Params,
    l: &NewEntry,
    padukuhan: &str,
    shared: [&str; 4],
) -> String {
    let [wksbm, year, fund, at] = shared;
    let s = |u: Option<Uuid>| sea_orm::Value::from(u.map(|v| v.to_string()));
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
        p.bind(dana::receipt_suffix(l.direction, padukuhan, l.date)),
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
    format!(
        "e AS (INSERT INTO buku_kas (id, wksbm_id, fund_id, date, direction, amount, \
           balance_after, method, category, usaha_id, donor_id, description, receipt_year, \
           receipt_seq, receipt_no, reverses_id, pair_id, penyaluran_id, ppks_id, jimpitan_id, \
           proposal_id, price_per_kg, created_by, created_at) \
         SELECT {id}, {wksbm}, {fund}, {date}, {dir}, {amount}, f.balance, {method}, {category}, \
           {usaha}, {donor}, {desc}, {year}, f.last, \
           lpad(f.last::text, greatest(3, length(f.last::text)), '0') || {suffix}, \
           {reverses}, {pair}, {penyaluran}, {ppks}, {jimpitan}, {proposal}, {price}, {by}, {at} FROM f \
         RETURNING balance_after, receipt_no)"
    )
}

/// Which part found nothing (the statement's changes are undone with its transaction,
/// which the error ends): the round no longer approved, else the fund too low.
async fn nothing_written<C: ConnectionTrait>(
    conn: &C,
    along: &Along<'_>,
) -> Result<StoreError, StoreError> {
    if let Some(r) = along.round {
        let status = penyaluran::Entity::find_by_id(r.to_string())
            .select_only()
            .column(penyaluran::Column::Status)
            .into_tuple::<String>()
            .one(conn)
            .await?;
        if status.as_deref() != Some(RoundStatus::Disetujui.as_str()) {
            return Ok(round_err(RoundError::NotApproved));
        }
    }
    Ok(refused(DanaError::InsufficientFunds))
}
