//! WKSBM, their growth steps, legalisation, status and board seats. Every change runs in
//! one transaction that first bumps the WKSBM's version (on PostgreSQL that takes the
//! row lock, so two changes to one WKSBM run one after the other), then checks the
//! domain rule against the state it now holds.

use crate::entity::{pengurus_seat, wksbm, wksbm_tahapan};
use crate::{Db, StoreError, audit_repo, scope};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;
use wksbm_domain::access::Territory;
use wksbm_domain::audit::Entry;
use wksbm_domain::board::{self, ActiveSeat, Position, Seat};
use wksbm_domain::formation::{self, KeySeats, Sk, Status, Step, StepRecord, Wksbm};
use wksbm_domain::wilayah::KodeWilayah;

fn corrupt(what: &str, id: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "stored row {id} has an invalid {what}"
    )))
}

fn rule(code: &'static str, message: String) -> StoreError {
    StoreError::Rule { code, message }
}

fn to_domain(m: wksbm::Model) -> Result<Wksbm, StoreError> {
    let sk = match (&m.sk_number, m.sk_date, &m.sk_signed_by) {
        (Some(n), Some(d), Some(s)) => Some(Sk {
            number: n.clone(),
            date: d,
            signed_by: s.clone(),
        }),
        _ => None,
    };
    Ok(Wksbm {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &m.id))?,
        padukuhan_id: Uuid::parse_str(&m.padukuhan_id)
            .map_err(|_| corrupt("padukuhan_id", &m.id))?,
        kalurahan: KodeWilayah::parse(&m.kalurahan_code)
            .map_err(|_| corrupt("kalurahan_code", &m.id))?,
        name: m.name.clone(),
        address: m.address.clone(),
        contact_phone: m.contact_phone.clone(),
        status: Status::parse(&m.status).ok_or_else(|| corrupt("status", &m.id))?,
        status_reason: m.status_reason.clone(),
        sk,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn step_to_domain(m: wksbm_tahapan::Model) -> Result<StepRecord, StoreError> {
    Ok(StepRecord {
        step: Step::parse(&m.step).ok_or_else(|| corrupt("step", &m.id))?,
        date: m.date,
        notes: m.notes.clone(),
        evidence_ref: m.evidence_ref.clone(),
        done_by: Uuid::parse_str(&m.done_by).map_err(|_| corrupt("done_by", &m.id))?,
    })
}

fn seat_to_domain(m: pengurus_seat::Model) -> Result<Seat, StoreError> {
    Ok(Seat {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &m.id))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| corrupt("wksbm_id", &m.id))?,
        position: Position::parse(&m.position).ok_or_else(|| corrupt("position", &m.id))?,
        holder_name: m.holder_name.clone(),
        term_start: m.term_start,
        term_end: m.term_end,
        sk_reference: m.sk_reference.clone(),
        ended_at: m.ended_at,
        end_reason: m.end_reason.clone(),
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

fn in_scope(territory: &Territory) -> sea_orm::Condition {
    scope::condition(
        territory,
        wksbm::Column::KalurahanCode,
        Some(wksbm::Column::PadukuhanId),
    )
}

pub async fn insert(db: &Db, w: &Wksbm, audit: &Entry) -> Result<Wksbm, StoreError> {
    let txn = db.begin_write().await?;
    wksbm::Entity::insert(wksbm::ActiveModel {
        id: Set(w.id.to_string()),
        padukuhan_id: Set(w.padukuhan_id.to_string()),
        kalurahan_code: Set(w.kalurahan.to_string()),
        name: Set(w.name.clone()),
        address: Set(w.address.clone()),
        contact_phone: Set(w.contact_phone.clone()),
        status: Set(w.status.as_str().to_owned()),
        status_reason: Set(None),
        sk_number: Set(None),
        sk_date: Set(None),
        sk_signed_by: Set(None),
        legalised_by: Set(None),
        version: Set(1),
        created_at: Set(w.created_at),
        updated_at: Set(w.updated_at),
    })
    .exec(&txn)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Conflict("wksbm_exists_in_padukuhan"),
        other => other,
    })?;
    audit_repo::append(&txn, audit).await?;
    let stored = wksbm::Entity::find_by_id(w.id.to_string())
        .one(&txn)
        .await?;
    txn.commit().await?;
    to_domain(stored.ok_or(StoreError::Stale)?)
}

pub async fn get(db: &Db, territory: &Territory, id: Uuid) -> Result<Option<Wksbm>, StoreError> {
    wksbm::Entity::find_by_id(id.to_string())
        .filter(in_scope(territory))
        .one(db.conn())
        .await?
        .map(to_domain)
        .transpose()
}

#[derive(Debug, Clone, Default)]
pub struct WksbmFilter {
    pub status: Option<Status>,
    /// Being formed with the next step in this stage.
    pub stage: Option<formation::Stage>,
    /// A kapanewon or kalurahan code the WKSBM lies in.
    pub within: Option<KodeWilayah>,
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn list(
    db: &Db,
    territory: &Territory,
    f: &WksbmFilter,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Wksbm>, StoreError> {
    let mut q = wksbm::Entity::find()
        .filter(in_scope(territory))
        .order_by_asc(wksbm::Column::Id);
    if let Some(s) = f.status {
        q = q.filter(wksbm::Column::Status.eq(s.as_str()));
    }
    if let Some(stage) = f.stage {
        // The first three steps are the persiapan stage: fewer than three done means the
        // next one is still in it.
        let op = match stage {
            formation::Stage::Persiapan => "<",
            formation::Stage::Pelaksanaan => ">=",
        };
        q = q
            .filter(wksbm::Column::Status.eq(Status::Pembentukan.as_str()))
            .filter(Expr::cust(format!("{STEPS_DONE} {op} 3")));
    }
    if let Some(w) = &f.within {
        q = q.filter(scope::condition(
            &Territory::Wilayah(w.clone()),
            wksbm::Column::KalurahanCode,
            None,
        ));
    }
    if let Some(t) = f.updated_since {
        q = q.filter(wksbm::Column::UpdatedAt.gte(t));
    }
    if let Some(a) = after {
        q = q.filter(wksbm::Column::Id.gt(a.to_string()));
    }
    q.limit(limit + 1)
        .all(db.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

/// (kalurahan code, status, count) for every WKSBM in `territory` under `within`.
pub async fn counts(
    db: &Db,
    territory: &Territory,
    within: &KodeWilayah,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let rows: Vec<(String, String, i64)> = wksbm::Entity::find()
        .select_only()
        .column(wksbm::Column::KalurahanCode)
        .column(wksbm::Column::Status)
        .column_as(Expr::col(wksbm::Column::Id).count(), "n")
        .filter(in_scope(territory))
        .filter(scope::condition(
            &Territory::Wilayah(within.clone()),
            wksbm::Column::KalurahanCode,
            None,
        ))
        .group_by(wksbm::Column::KalurahanCode)
        .group_by(wksbm::Column::Status)
        .into_tuple()
        .all(db.conn())
        .await?;
    Ok(rows)
}

/// Steps done by the WKSBM of the current row, as SQL valid on both databases.
const STEPS_DONE: &str = "(SELECT COUNT(*) FROM wksbm_tahapan t WHERE t.wksbm_id = wksbm.id)";

/// (kalurahan code, stage, count) of the WKSBM being formed in `territory` under `within`.
pub async fn stage_counts(
    db: &Db,
    territory: &Territory,
    within: &KodeWilayah,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    let stage = format!("CASE WHEN {STEPS_DONE} < 3 THEN 'persiapan' ELSE 'pelaksanaan' END");
    let rows: Vec<(String, String, i64)> = wksbm::Entity::find()
        .select_only()
        .column(wksbm::Column::KalurahanCode)
        .column_as(Expr::cust(stage.clone()), "stage")
        .column_as(Expr::col(wksbm::Column::Id).count(), "n")
        .filter(in_scope(territory))
        .filter(scope::condition(
            &Territory::Wilayah(within.clone()),
            wksbm::Column::KalurahanCode,
            None,
        ))
        .filter(wksbm::Column::Status.eq(Status::Pembentukan.as_str()))
        .group_by(wksbm::Column::KalurahanCode)
        .group_by(Expr::cust(stage))
        .into_tuple()
        .all(db.conn())
        .await?;
    Ok(rows)
}

/// Changes name, address or contact when the WKSBM is still at `expected_version`.
pub async fn update_details(
    db: &Db,
    id: Uuid,
    expected_version: i64,
    name: Option<String>,
    address: Option<String>,
    contact_phone: Option<String>,
    audit: &Entry,
) -> Result<Wksbm, StoreError> {
    let (txn, w) = lock(db, id).await?;
    // `lock` bumped the version: the caller's must be the one before.
    if w.version != expected_version + 1 {
        return Err(StoreError::Stale);
    }
    writable(&w)?;
    let mut upd = wksbm::Entity::update_many().filter(wksbm::Column::Id.eq(id.to_string()));
    if let Some(n) = name {
        upd = upd.col_expr(wksbm::Column::Name, Expr::value(n));
    }
    if let Some(a) = address {
        upd = upd.col_expr(wksbm::Column::Address, Expr::value(a));
    }
    if let Some(c) = contact_phone {
        upd = upd.col_expr(wksbm::Column::ContactPhone, Expr::value(c));
    }
    upd.col_expr(wksbm::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .exec(&txn)
        .await?;
    finish(txn, id, audit).await
}

pub async fn steps(db: &Db, wksbm_id: Uuid) -> Result<Vec<StepRecord>, StoreError> {
    steps_in(db.conn(), wksbm_id).await
}

async fn steps_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
) -> Result<Vec<StepRecord>, StoreError> {
    let rows = wksbm_tahapan::Entity::find()
        .filter(wksbm_tahapan::Column::WksbmId.eq(wksbm_id.to_string()))
        .all(conn)
        .await?;
    let mut out: Vec<StepRecord> = rows
        .into_iter()
        .map(step_to_domain)
        .collect::<Result<_, _>>()?;
    out.sort_by_key(|r| r.step);
    Ok(out)
}

/// Opens a write transaction holding the WKSBM (version bumped, row locked) and returns
/// its state before the change.
pub(crate) async fn lock(db: &Db, id: Uuid) -> Result<(DatabaseTransaction, Wksbm), StoreError> {
    let txn = db.begin_write().await?;
    let bumped = wksbm::Entity::update_many()
        .col_expr(
            wksbm::Column::Version,
            Expr::col(wksbm::Column::Version).add(1),
        )
        .col_expr(wksbm::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(wksbm::Column::Id.eq(id.to_string()))
        .exec(&txn)
        .await?;
    if bumped.rows_affected != 1 {
        return Err(StoreError::Stale);
    }
    let row = wksbm::Entity::find_by_id(id.to_string())
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)?;
    Ok((txn, to_domain(row)?))
}

pub(crate) async fn finish(
    txn: DatabaseTransaction,
    id: Uuid,
    audit: &Entry,
) -> Result<Wksbm, StoreError> {
    audit_repo::append(&txn, audit).await?;
    let row = wksbm::Entity::find_by_id(id.to_string())
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)?;
    txn.commit().await?;
    to_domain(row)
}

async fn insert_step<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    r: &StepRecord,
) -> Result<(), StoreError> {
    wksbm_tahapan::Entity::insert(wksbm_tahapan::ActiveModel {
        id: Set(Uuid::now_v7().to_string()),
        wksbm_id: Set(wksbm_id.to_string()),
        step: Set(r.step.as_str().to_owned()),
        date: Set(r.date),
        notes: Set(r.notes.clone()),
        evidence_ref: Set(r.evidence_ref.clone()),
        done_by: Set(r.done_by.to_string()),
        created_at: Set(chrono::Utc::now()),
    })
    .exec(conn)
    .await?;
    Ok(())
}

/// Completes a growth step, in order.
pub async fn complete_step(
    db: &Db,
    id: Uuid,
    record: &StepRecord,
    audit: &Entry,
) -> Result<Wksbm, StoreError> {
    let (txn, w) = lock(db, id).await?;
    let done: Vec<Step> = steps_in(&txn, id)
        .await?
        .into_iter()
        .map(|r| r.step)
        .collect();
    formation::check_step(w.status, &done, record.step)
        .map_err(|e| rule(e.code(), e.to_string()))?;
    insert_step(&txn, id, record).await?;
    finish(txn, id, audit).await
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

/// Legalises: the five steps and the board are checked, the pengesahan step recorded,
/// the decree stored and the WKSBM made `aktif`, in one transaction.
pub async fn legalise(
    db: &Db,
    id: Uuid,
    sk: &Sk,
    record: &StepRecord,
    audit: &Entry,
) -> Result<Wksbm, StoreError> {
    let (txn, w) = lock(db, id).await?;
    let done: Vec<Step> = steps_in(&txn, id)
        .await?
        .into_iter()
        .map(|r| r.step)
        .collect();
    let seats = active_seats(&txn, id).await?;
    let holder = |p: Position| {
        seats
            .iter()
            .find(|s| s.position == p.as_str())
            .map(|s| s.holder_key.clone())
    };
    let key = KeySeats {
        ketua: holder(Position::Ketua),
        sekretaris: holder(Position::Sekretaris),
        bendahara: holder(Position::Bendahara),
    };
    formation::check_legalisation(w.status, &done, &key)
        .map_err(|e| rule(e.code(), e.to_string()))?;
    insert_step(&txn, id, record).await?;
    // The funds of issue 6 open with legalisation.
    crate::ledger_repo::ensure_funds(&txn, id).await?;
    wksbm::Entity::update_many()
        .col_expr(wksbm::Column::Status, Expr::value(Status::Aktif.as_str()))
        .col_expr(wksbm::Column::SkNumber, Expr::value(sk.number.clone()))
        .col_expr(wksbm::Column::SkDate, Expr::value(sk.date))
        .col_expr(wksbm::Column::SkSignedBy, Expr::value(sk.signed_by.clone()))
        .col_expr(
            wksbm::Column::LegalisedBy,
            Expr::value(record.done_by.to_string()),
        )
        .filter(wksbm::Column::Id.eq(id.to_string()))
        .exec(&txn)
        .await?;
    finish(txn, id, audit).await
}

/// Suspends, reactivates or dissolves, with a reason.
pub async fn set_status(
    db: &Db,
    id: Uuid,
    to: Status,
    reason: &str,
    audit: &Entry,
) -> Result<Wksbm, StoreError> {
    let (txn, w) = lock(db, id).await?;
    formation::transition(w.status, to).map_err(|e| rule(e.code(), e.to_string()))?;
    wksbm::Entity::update_many()
        .col_expr(wksbm::Column::Status, Expr::value(to.as_str()))
        .col_expr(wksbm::Column::StatusReason, Expr::value(reason.to_owned()))
        .filter(wksbm::Column::Id.eq(id.to_string()))
        .exec(&txn)
        .await?;
    finish(txn, id, audit).await
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

pub(crate) fn writable(w: &Wksbm) -> Result<(), StoreError> {
    if w.status.writable() {
        Ok(())
    } else {
        let e = formation::FormationError::ReadOnly;
        Err(rule(e.code(), e.to_string()))
    }
}

/// Appoints `seat`; a single seat's current holder's term ends ("diganti"), and with it
/// that holder's account. Returns the seat and the accounts that ended.
pub async fn appoint(
    db: &Db,
    seat: &Seat,
    holder_key: &str,
    replace: bool,
    audit: &Entry,
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
    let replaces = board::check_appointment(&view, seat.position, holder_key, replace)
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
            .col_expr(pengurus_seat::Column::EndReason, Expr::value("diganti"))
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
        sk_reference: Set(seat.sk_reference.clone()),
        ended_at: Set(None),
        end_reason: Set(None),
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

/// Ends an active seat with a reason, and its account with it; `None` when there is no
/// such active seat.
pub async fn end_seat(
    db: &Db,
    wksbm_id: Uuid,
    seat_id: Uuid,
    reason: &str,
    audit: &Entry,
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
            pengurus_seat::Column::EndReason,
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
    audit: &Entry,
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
