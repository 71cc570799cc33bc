//! The board (pengurus): seats appointed, replaced and ended, and the accounts that go
//! with them.

use super::{corrupt, finish, lock, rule, writable};
use crate::entity::pengurus_seat;
use crate::{Db, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::pengurus::{ActiveSeat, Position, Seat};

fn seat_to_domain(m: pengurus_seat::Model) -> Result<Seat, StoreError> {
    Ok(Seat {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &m.id))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| corrupt("wksbm_id", &m.id))?,
        position: Position::parse(&m.position).ok_or_else(|| corrupt("position", &m.id))?,
        holder_name: m.holder_name.clone(),
        term_start: m.term_start,
        term_end: m.term_end,
        sk: super::sk_of(&m.sk_number, m.sk_date, &m.sk_signed_by),
        ended_at: m.ended_at,
        status_reason: m.status_reason.clone(),
        account_id: m
            .account_id
            .as_deref()
            .map(Uuid::parse_str)
            .transpose()
            .map_err(|_| corrupt("account_id", &m.id))?,
    })
}

/// Why an account ends with its seat.
const SEAT_ENDED: &str = "masa jabatan pengurus berakhir";

/// The accounts of seats about to end (so that they end with them).
fn accounts_of(seats: &[pengurus_seat::Model]) -> Vec<String> {
    seats.iter().filter_map(|s| s.account_id.clone()).collect()
}

fn ids(accounts: &[String]) -> Vec<Uuid> {
    accounts
        .iter()
        .filter_map(|a| Uuid::parse_str(a).ok())
        .collect()
}

/// Whether a seat of `position` is held now (the ketua posts money only while no
/// bendahara serves).
pub async fn seat_held(db: &Db, wksbm_id: Uuid, position: Position) -> Result<bool, StoreError> {
    Ok(active_seats(db.conn(), wksbm_id)
        .await?
        .iter()
        .any(|s| s.position == position.as_str()))
}

pub(crate) async fn active_seats<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
) -> Result<Vec<pengurus_seat::Model>, StoreError> {
    Ok(pengurus_seat::Entity::find()
        .filter(pengurus_seat::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(pengurus_seat::Column::EndedAt.is_null())
        .all(conn)
        .await?)
}

/// Every seat, current and past, newest first.
pub async fn seats(db: &Db, wksbm_id: Uuid) -> Result<Vec<Seat>, StoreError> {
    pengurus_seat::Entity::find()
        .filter(pengurus_seat::Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_desc(pengurus_seat::Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(seat_to_domain)
        .collect()
}

/// Appoints `seat`; a single seat's current holder's term ends ("diganti"), and with it
/// that holder's account. Returns the seat and the accounts that ended.
pub async fn appoint(
    db: &Db,
    seat: &Seat,
    holder_key: &str,
    replace: bool,
    audit: &AuditEntry,
) -> Result<(Seat, Vec<Uuid>), StoreError> {
    let (txn, w) = lock(db, seat.wksbm_id).await?;
    writable(&w)?;
    let active = active_seats(&txn, seat.wksbm_id).await?;
    let view: Vec<ActiveSeat> = active
        .iter()
        .filter_map(|s| {
            Position::parse(&s.position).map(|p| ActiveSeat {
                position: p,
                person: s.holder_key.clone(),
            })
        })
        .collect();
    let replaces =
        wksbm_domain::pengurus::check_appointment(&view, seat.position, holder_key, replace)
            .map_err(|e| rule(e.code(), e.to_string()))?;
    let now = chrono::Utc::now();
    let mut ended_accounts = Vec::new();
    if replaces {
        let replaced: Vec<pengurus_seat::Model> = active
            .iter()
            .filter(|s| s.position == seat.position.as_str())
            .cloned()
            .collect();
        ended_accounts = accounts_of(&replaced);
        crate::user_repo::deactivate_in(&txn, &ended_accounts, SEAT_ENDED).await?;
        pengurus_seat::Entity::update_many()
            .col_expr(pengurus_seat::Column::EndedAt, Expr::value(now))
            .col_expr(pengurus_seat::Column::StatusReason, Expr::value("diganti"))
            .filter(pengurus_seat::Column::WksbmId.eq(seat.wksbm_id.to_string()))
            .filter(pengurus_seat::Column::Position.eq(seat.position.as_str()))
            .filter(pengurus_seat::Column::EndedAt.is_null())
            .exec(&txn)
            .await?;
    }
    pengurus_seat::Entity::insert(pengurus_seat::ActiveModel {
        id: Set(seat.id.to_string()),
        wksbm_id: Set(seat.wksbm_id.to_string()),
        position: Set(seat.position.as_str().to_owned()),
        holder_name: Set(seat.holder_name.clone()),
        holder_key: Set(holder_key.to_owned()),
        term_start: Set(seat.term_start),
        term_end: Set(seat.term_end),
        sk_number: Set(seat.sk.as_ref().map(|s| s.number.clone())),
        sk_date: Set(seat.sk.as_ref().map(|s| s.date)),
        sk_signed_by: Set(seat.sk.as_ref().map(|s| s.signed_by.clone())),
        ended_at: Set(None),
        status_reason: Set(None),
        created_at: Set(now),
        account_id: Set(None),
    })
    .exec(&txn)
    .await?;
    let stored = pengurus_seat::Entity::find_by_id(seat.id.to_string())
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)?;
    finish(txn, seat.wksbm_id, audit).await?;
    Ok((seat_to_domain(stored)?, ids(&ended_accounts)))
}

/// Why every seat ends when the WKSBM is dissolved.
const BOARD_DISSOLVED: &str = "WKSBM dibubarkan";

/// Ends every active seat of a WKSBM being dissolved, and their accounts, inside the
/// transaction that dissolves it; the ids of the accounts ended.
pub(super) async fn end_board<C: ConnectionTrait>(
    txn: &C,
    wksbm_id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    let current = active_seats(txn, wksbm_id).await?;
    let accounts = accounts_of(&current);
    crate::user_repo::deactivate_in(txn, &accounts, BOARD_DISSOLVED).await?;
    pengurus_seat::Entity::update_many()
        .col_expr(
            pengurus_seat::Column::EndedAt,
            Expr::value(chrono::Utc::now()),
        )
        .col_expr(
            pengurus_seat::Column::StatusReason,
            Expr::value(BOARD_DISSOLVED),
        )
        .filter(pengurus_seat::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(pengurus_seat::Column::EndedAt.is_null())
        .exec(txn)
        .await?;
    Ok(accounts
        .iter()
        .filter_map(|a| Uuid::parse_str(a).ok())
        .collect())
}

/// Ends an active seat with a reason, and its account with it; `None` when there is no
/// such active seat.
pub async fn end_seat(
    db: &Db,
    wksbm_id: Uuid,
    seat_id: Uuid,
    reason: &str,
    audit: &AuditEntry,
) -> Result<Option<Seat>, StoreError> {
    let (txn, w) = lock(db, wksbm_id).await?;
    writable(&w)?;
    let current = pengurus_seat::Entity::find_by_id(seat_id.to_string())
        .filter(pengurus_seat::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(pengurus_seat::Column::EndedAt.is_null())
        .all(&txn)
        .await?;
    crate::user_repo::deactivate_in(&txn, &accounts_of(&current), SEAT_ENDED).await?;
    let ended = pengurus_seat::Entity::update_many()
        .col_expr(
            pengurus_seat::Column::EndedAt,
            Expr::value(chrono::Utc::now()),
        )
        .col_expr(
            pengurus_seat::Column::StatusReason,
            Expr::value(reason.to_owned()),
        )
        .filter(pengurus_seat::Column::Id.eq(seat_id.to_string()))
        .filter(pengurus_seat::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(pengurus_seat::Column::EndedAt.is_null())
        .exec(&txn)
        .await?;
    if ended.rows_affected != 1 {
        return Ok(None);
    }
    let stored = pengurus_seat::Entity::find_by_id(seat_id.to_string())
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)?;
    finish(txn, wksbm_id, audit).await?;
    Ok(Some(seat_to_domain(stored)?))
}

/// Gives an active seat a `pengurus` account, in one transaction with the audit row.
/// `None` when there is no such active seat.
pub async fn link_account(
    db: &Db,
    wksbm_id: Uuid,
    seat_id: Uuid,
    account: &crate::user_repo::NewUser,
    password_hash: String,
    audit: &AuditEntry,
) -> Result<Option<(Seat, wksbm_domain::account::User)>, StoreError> {
    let (txn, w) = lock(db, wksbm_id).await?;
    writable(&w)?;
    let Some(seat) = pengurus_seat::Entity::find_by_id(seat_id.to_string())
        .filter(pengurus_seat::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(pengurus_seat::Column::EndedAt.is_null())
        .one(&txn)
        .await?
    else {
        return Ok(None);
    };
    if seat.account_id.is_some() {
        return Err(rule(
            "seat_has_account",
            "this seat already has an account".into(),
        ));
    }
    crate::user_repo::insert_in(&txn, account, password_hash).await?;
    pengurus_seat::Entity::update_many()
        .col_expr(
            pengurus_seat::Column::AccountId,
            Expr::value(account.id.to_string()),
        )
        .filter(pengurus_seat::Column::Id.eq(seat_id.to_string()))
        .exec(&txn)
        .await?;
    let user = crate::user_repo::get_in(&txn, account.id).await?;
    let stored = pengurus_seat::Entity::find_by_id(seat_id.to_string())
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)?;
    finish(txn, wksbm_id, audit).await?;
    Ok(Some((seat_to_domain(stored)?, user)))
}
