//! Distribution rounds (penyaluran) and their recipients. Paying a recipient marks it
//! paid (a conditional UPDATE: twice is refused), posts the ledger entry from the round's
//! fund and records the handover, in one transaction; the round is `selesai` when its
//! last recipient is paid.
//!
//! The round, its recipients and their handovers are `wksbm_domain::penyaluran` types
//! (`Penyaluran`, `Penerima`, `Handover`).
//!
//! - this file: a round and its recipients read;
//! - `round`: a round created, its recipients added, its status changed;
//! - `payment`: one recipient paid;
//! - `reversal`: a payment reversed in the ledger, its recipient waiting again;
//! - `report`: the payments of a period, summed for the report.

mod payment;
mod report;
mod reversal;
mod round;

pub use payment::disburse;
pub use report::{PaidGroup, paid_totals};
pub(crate) use reversal::undo_payment;
pub use round::{Change, add_recipients, change, create};

use crate::entity::{penyaluran, penyaluran_penerima};
use crate::{Db, StoreError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;
use wksbm_domain::penyaluran::{Handover, Payment, Penerima, Penyaluran, RoundStatus};

pub(super) fn bad(what: &str, id: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "penyaluran {id} has an invalid {what}"
    )))
}

fn recipient_to_domain(m: penyaluran_penerima::Model) -> Result<Penerima, StoreError> {
    let payment = if m.status == "disalurkan" {
        let e = m.entry_id.as_deref().and_then(|e| Uuid::parse_str(e).ok());
        Some(Payment {
            entry_id: e.ok_or_else(|| bad("entry_id", &m.id))?,
            handover: Handover {
                date: m.handover_date.ok_or_else(|| bad("handover_date", &m.id))?,
                received_by: m
                    .received_by
                    .clone()
                    .ok_or_else(|| bad("received_by", &m.id))?,
                relation: m.relation.clone(),
                photo_ref: m.photo_ref.clone(),
            },
            at: m.disbursed_at.ok_or_else(|| bad("disbursed_at", &m.id))?,
            asnaf: m.paid_asnaf.clone(),
        })
    } else {
        None
    };
    Ok(Penerima {
        id: Uuid::parse_str(&m.id).map_err(|_| bad("id", &m.id))?,
        ppks_id: Uuid::parse_str(&m.ppks_id).map_err(|_| bad("ppks_id", &m.id))?,
        amount: m.amount,
        reason: m.reason.clone(),
        types: wksbm_domain::penyaluran::shown_types(
            serde_json::from_str(&m.types).map_err(|_| bad("types", &m.id))?,
        ),
        payment,
    })
}

async fn load<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Option<Penyaluran>, StoreError> {
    let Some(m) = penyaluran::Entity::find_by_id(id.to_string())
        .filter(penyaluran::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let recipients = penyaluran_penerima::Entity::find()
        .filter(penyaluran_penerima::Column::PenyaluranId.eq(m.id.clone()))
        .order_by_asc(penyaluran_penerima::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(recipient_to_domain)
        .collect::<Result<_, _>>()?;
    let u = |s: &Option<String>| s.as_deref().and_then(|v| Uuid::parse_str(v).ok());
    Ok(Some(Penyaluran {
        id: Uuid::parse_str(&m.id).map_err(|_| bad("id", &m.id))?,
        wksbm_id,
        name: m.name.clone(),
        tahap: m.tahap,
        category: m.category.clone(),
        fund_id: Uuid::parse_str(&m.fund_id).map_err(|_| bad("fund_id", &m.id))?,
        planned_date: m.planned_date,
        status: RoundStatus::parse(&m.status).ok_or_else(|| bad("status", &m.id))?,
        created_by: Uuid::parse_str(&m.created_by).map_err(|_| bad("created_by", &m.id))?,
        approved_by: u(&m.approved_by),
        rapat_id: u(&m.rapat_id),
        decision_number: m.decision_number,
        status_reason: m.status_reason.clone(),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
        recipients,
    }))
}

pub(super) async fn must_load<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Penyaluran, StoreError> {
    load(conn, wksbm_id, id).await?.ok_or(StoreError::Stale)
}

pub async fn get(db: &Db, wksbm_id: Uuid, id: Uuid) -> Result<Option<Penyaluran>, StoreError> {
    load(db.conn(), wksbm_id, id).await
}

/// Rounds of a WKSBM (without their recipients), by id after `after`; up to `limit + 1`.
pub async fn list(
    db: &Db,
    wksbm_id: Uuid,
    status: Option<RoundStatus>,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Penyaluran>, StoreError> {
    let mut q = penyaluran::Entity::find()
        .filter(penyaluran::Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_asc(penyaluran::Column::Id);
    if let Some(s) = status {
        q = q.filter(penyaluran::Column::Status.eq(s.as_str()));
    }
    if let Some(a) = after {
        q = q.filter(penyaluran::Column::Id.gt(a.to_string()));
    }
    let rows = q.limit(limit + 1).all(db.conn()).await?;
    let mut out = Vec::new();
    for m in rows {
        let id = Uuid::parse_str(&m.id).map_err(|_| bad("id", &m.id))?;
        let mut r = must_load(db.conn(), wksbm_id, id).await?;
        r.recipients.clear();
        out.push(r);
    }
    Ok(out)
}
