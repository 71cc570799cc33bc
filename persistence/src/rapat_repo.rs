//! Meetings of a WKSBM. Recording one locks the WKSBM (as every change to it does), so
//! the quorum is computed against the board as it stands when the minutes are written.

use crate::entity::{rapat, rapat_keputusan};
use crate::wksbm_repo::{active_seats, finish, lock, writable};
use crate::{Db, StoreError};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::rapat::{Attendee, Decision, Outcome, Quorum, Rapat};

fn corrupt(what: &str, id: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "stored meeting {id} has an invalid {what}"
    )))
}

fn to_domain(m: rapat::Model, decisions: Vec<rapat_keputusan::Model>) -> Result<Rapat, StoreError> {
    let attendees: Vec<Attendee> =
        serde_json::from_str(&m.attendees).map_err(|_| corrupt("attendees", &m.id))?;
    let mut ds = Vec::with_capacity(decisions.len());
    for d in decisions {
        ds.push((
            Uuid::parse_str(&d.id).map_err(|_| corrupt("decision id", &m.id))?,
            Decision {
                number: u32::try_from(d.number).map_err(|_| corrupt("decision number", &m.id))?,
                text: d.text,
                outcome: Outcome::parse(&d.outcome)
                    .ok_or_else(|| corrupt("decision outcome", &m.id))?,
            },
        ));
    }
    ds.sort_by_key(|(_, d)| d.number);
    Ok(Rapat {
        id: Uuid::parse_str(&m.id).map_err(|_| corrupt("id", &m.id))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| corrupt("wksbm_id", &m.id))?,
        date: m.date,
        place: m.place.clone(),
        agenda: m.agenda.clone(),
        minutes: m.minutes.clone(),
        attendees,
        quorum: Quorum {
            present: u32::try_from(m.quorum_present).unwrap_or(0),
            board_size: u32::try_from(m.board_size).unwrap_or(0),
            reached: m.quorum_reached,
        },
        decisions: ds,
        created_by: Uuid::parse_str(&m.created_by).map_err(|_| corrupt("created_by", &m.id))?,
        created_at: m.created_at,
    })
}

/// Records a meeting; the quorum in `r` is ignored and computed here.
pub async fn record(db: &Db, r: &Rapat, audit: &AuditEntry) -> Result<Rapat, StoreError> {
    let (txn, w) = lock(db, r.wksbm_id).await?;
    writable(&w)?;
    let board: Vec<Uuid> = active_seats(&txn, r.wksbm_id)
        .await?
        .iter()
        .filter_map(|s| Uuid::parse_str(&s.id).ok())
        .collect();
    let q = wksbm_domain::rapat::quorum(&board, &r.attendees).map_err(|e| StoreError::Invalid {
        code: e.code(),
        field: "attendees",
        message: e.to_string(),
    })?;
    rapat::Entity::insert(rapat::ActiveModel {
        id: Set(r.id.to_string()),
        wksbm_id: Set(r.wksbm_id.to_string()),
        date: Set(r.date),
        place: Set(r.place.clone()),
        agenda: Set(r.agenda.clone()),
        minutes: Set(r.minutes.clone()),
        attendees: Set(serde_json::to_string(&r.attendees).unwrap_or_else(|_| "[]".into())),
        quorum_present: Set(i32::try_from(q.present).unwrap_or(i32::MAX)),
        board_size: Set(i32::try_from(q.board_size).unwrap_or(i32::MAX)),
        quorum_reached: Set(q.reached),
        created_by: Set(r.created_by.to_string()),
        created_at: Set(r.created_at),
    })
    .exec(&txn)
    .await?;
    for (id, d) in &r.decisions {
        rapat_keputusan::Entity::insert(rapat_keputusan::ActiveModel {
            id: Set(id.to_string()),
            rapat_id: Set(r.id.to_string()),
            wksbm_id: Set(r.wksbm_id.to_string()),
            number: Set(i32::try_from(d.number).unwrap_or(i32::MAX)),
            text: Set(d.text.clone()),
            outcome: Set(d.outcome.as_str().to_owned()),
        })
        .exec(&txn)
        .await?;
    }
    let stored = rapat::Entity::find_by_id(r.id.to_string())
        .one(&txn)
        .await?
        .ok_or(StoreError::Stale)?;
    let decisions = rapat_keputusan::Entity::find()
        .filter(rapat_keputusan::Column::RapatId.eq(r.id.to_string()))
        .all(&txn)
        .await?;
    finish(txn, r.wksbm_id, audit).await?;
    to_domain(stored, decisions)
}

pub async fn get(db: &Db, wksbm_id: Uuid, id: Uuid) -> Result<Option<Rapat>, StoreError> {
    let Some(m) = rapat::Entity::find_by_id(id.to_string())
        .filter(rapat::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let decisions = rapat_keputusan::Entity::find()
        .filter(rapat_keputusan::Column::RapatId.eq(id.to_string()))
        .all(db.conn())
        .await?;
    Ok(Some(to_domain(m, decisions)?))
}

/// Meetings of one WKSBM, newest first (ids are time-ordered), before `before`.
pub async fn list(
    db: &Db,
    wksbm_id: Uuid,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Rapat>, StoreError> {
    let mut q = rapat::Entity::find()
        .filter(rapat::Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_desc(rapat::Column::Id);
    if let Some(b) = before {
        q = q.filter(rapat::Column::Id.lt(b.to_string()));
    }
    let rows = q.limit(limit + 1).all(db.conn()).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut decisions = if ids.is_empty() {
        Vec::new()
    } else {
        rapat_keputusan::Entity::find()
            .filter(rapat_keputusan::Column::RapatId.is_in(ids))
            .all(db.conn())
            .await?
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let (mine, rest): (Vec<_>, Vec<_>) =
            decisions.into_iter().partition(|d| d.rapat_id == r.id);
        decisions = rest;
        out.push(to_domain(r, mine)?);
    }
    Ok(out)
}
