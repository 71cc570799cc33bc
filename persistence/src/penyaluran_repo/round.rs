//! A round's life before payment: created as a draft with its first recipients, more
//! recipients added, submitted, approved against a meeting's decision, or cancelled.

use super::must_load;
use crate::dana_repo::{dana_wksbm, ensure_funds, fund_in};
use crate::entity::{penyaluran, penyaluran_penerima, ppks, rapat_keputusan};
use crate::error::round_err;
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError, audit_repo};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{self, DanaError};
use wksbm_domain::penyaluran::{self as rules, NewPenerima, Penyaluran, RoundError, RoundStatus};

/// Checks and adds recipients (each an active PPKS of this WKSBM, once per round, with
/// an asnaf when the fund is zakat, in the fund's unit).
async fn add<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    round_id: Uuid,
    fund: &dana::Fund,
    recipients: &[NewPenerima],
) -> Result<(), StoreError> {
    // A WKSBM serves the people of its padukuhan (also those registered under an earlier,
    // dissolved WKSBM there).
    let padukuhan: String = crate::entity::wksbm::Entity::find_by_id(wksbm_id.to_string())
        .select_only()
        .column(crate::entity::wksbm::Column::PadukuhanId)
        .into_tuple()
        .one(conn)
        .await?
        .ok_or(StoreError::Stale)?;
    let mut seen = std::collections::HashSet::new();
    for (i, r) in recipients.iter().enumerate() {
        let at = |code: &'static str, message: String| StoreError::Invalid {
            code,
            field: "recipients",
            message: format!("recipients[{i}]: {message}"),
        };
        dana::check_amount(r.amount, fund.kind.unit(), fund.kind)
            .map_err(|e| at(e.code(), e.to_string()))?;
        if !seen.insert(r.ppks_id) {
            let e = RoundError::RecipientRepeated;
            return Err(at(e.code(), e.to_string()));
        }
        let p = ppks::Entity::find_by_id(r.ppks_id.to_string())
            .one(conn)
            .await?
            .filter(|p| p.active && p.padukuhan_id == padukuhan);
        let Some(p) = p else {
            let e = RoundError::NotActivePpks;
            return Err(at(e.code(), e.to_string()));
        };
        if !rules::check_zakat_recipient(fund.kind, p.asnaf.as_deref()) {
            let e = DanaError::ZakatWithoutAsnaf;
            return Err(at(e.code(), e.to_string()));
        }
        insert_recipient(conn, round_id, r, &public_types(&p.types_index))
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => {
                    let e = RoundError::RecipientRepeated;
                    at(e.code(), e.to_string())
                }
                other => other,
            })?;
    }
    let n = i64::try_from(recipients.len()).unwrap_or(i64::MAX);
    penyaluran::Entity::update_many()
        .col_expr(
            penyaluran::Column::Waiting,
            Expr::col(penyaluran::Column::Waiting).add(n),
        )
        .filter(penyaluran::Column::Id.eq(round_id.to_string()))
        .exec(conn)
        .await?;
    Ok(())
}

/// The person's public PPKS types, in the order of the register's index; a sensitive
/// type (indexed by its keyed tag) leaves no trace (issue 21).
fn public_types(types_index: &str) -> Vec<String> {
    let mut types: Vec<String> = Vec::new();
    for t in types_index.split('|').filter(|t| t.starts_with("PPKS-")) {
        if !types.iter().any(|x| x == t) {
            types.push(t.to_owned());
        }
    }
    types
}

/// A recipient inserted waiting; a repeat in the round clashes on its unique index.
async fn insert_recipient<C: ConnectionTrait>(
    conn: &C,
    round_id: Uuid,
    r: &NewPenerima,
    types: &[String],
) -> Result<(), StoreError> {
    penyaluran_penerima::Entity::insert(penyaluran_penerima::ActiveModel {
        id: Set(Uuid::now_v7().to_string()),
        penyaluran_id: Set(round_id.to_string()),
        ppks_id: Set(r.ppks_id.to_string()),
        amount: Set(r.amount),
        reason: Set(r.reason.clone()),
        types: Set(serde_json::to_string(types).unwrap_or_else(|_| "[]".into())),
        status: Set("menunggu".into()),
        entry_id: Set(None),
        handover_date: Set(None),
        received_by: Set(None),
        relation: Set(None),
        photo_ref: Set(None),
        disbursed_at: Set(None),
        paid_asnaf: Set(None),
    })
    .exec(conn)
    .await?;
    Ok(())
}

/// Creates a draft round with its first recipients.
pub async fn create(
    db: &Db,
    r: &Penyaluran,
    recipients: &[NewPenerima],
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, Penyaluran>>,
) -> Result<Penyaluran, StoreError> {
    let txn = db.begin_write().await?;
    dana_wksbm(&txn, r.wksbm_id).await?;
    ensure_funds(&txn, r.wksbm_id).await?;
    let fund = fund_in(&txn, r.wksbm_id, r.fund_id, "fund_id").await?;
    penyaluran::Entity::insert(penyaluran::ActiveModel {
        id: Set(r.id.to_string()),
        wksbm_id: Set(r.wksbm_id.to_string()),
        name: Set(r.name.clone()),
        tahap: Set(r.tahap),
        category: Set(r.category.clone()),
        fund_id: Set(r.fund_id.to_string()),
        planned_date: Set(r.planned_date),
        status: Set(RoundStatus::Draft.as_str().into()),
        waiting: Set(0),
        created_by: Set(r.created_by.to_string()),
        approved_by: Set(None),
        rapat_id: Set(None),
        decision_number: Set(None),
        status_reason: Set(None),
        version: Set(1),
        created_at: Set(r.created_at),
        updated_at: Set(r.created_at),
    })
    .exec(&txn)
    .await?;
    add(&txn, r.wksbm_id, r.id, &fund, recipients).await?;
    audit_repo::append(&txn, &audit.clone().resource(r.id)).await?;
    let saved = must_load(&txn, r.wksbm_id, r.id).await?;
    seal_with(&txn, sealer, &saved).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Moves the round's status from what `check` accepts, bumping its version.
async fn set_status<C: ConnectionTrait>(
    conn: &C,
    r: &Penyaluran,
    to: RoundStatus,
    extra: impl FnOnce(
        sea_orm::UpdateMany<penyaluran::Entity>,
    ) -> sea_orm::UpdateMany<penyaluran::Entity>,
) -> Result<(), StoreError> {
    let q = penyaluran::Entity::update_many()
        .col_expr(penyaluran::Column::Status, Expr::value(to.as_str()))
        .col_expr(penyaluran::Column::Version, Expr::value(r.version + 1))
        .col_expr(
            penyaluran::Column::UpdatedAt,
            Expr::value(chrono::Utc::now()),
        )
        .filter(penyaluran::Column::Id.eq(r.id.to_string()))
        .filter(penyaluran::Column::Version.eq(r.version));
    if extra(q).exec(conn).await?.rows_affected != 1 {
        // Another change (or a payment) came first: the caller sent no If-Match, so
        // this is a conflict to retry, not a failed precondition.
        return Err(StoreError::Rule {
            code: "round_changed",
            message: "the round changed meanwhile; read it again".into(),
        });
    }
    Ok(())
}

/// Adds recipients to a draft.
pub async fn add_recipients(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    recipients: &[NewPenerima],
    audit: &AuditEntry,
) -> Result<Penyaluran, StoreError> {
    let txn = db.begin_write().await?;
    dana_wksbm(&txn, wksbm_id).await?;
    let r = must_load(&txn, wksbm_id, id).await?;
    rules::check_recipients_change(r.status).map_err(round_err)?;
    let fund = fund_in(&txn, wksbm_id, r.fund_id, "fund_id").await?;
    set_status(&txn, &r, r.status, |q| q).await?;
    add(&txn, wksbm_id, id, &fund, recipients).await?;
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    let saved = must_load(&txn, wksbm_id, id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// What a state change asks for.
pub enum Change {
    Submit,
    Approve {
        approver: Uuid,
        rapat_id: Uuid,
        decision_number: i32,
    },
    Cancel {
        reason: String,
    },
}

pub async fn change(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    c: Change,
    audit: &AuditEntry,
) -> Result<Penyaluran, StoreError> {
    let txn = db.begin_write().await?;
    dana_wksbm(&txn, wksbm_id).await?;
    let r = must_load(&txn, wksbm_id, id).await?;
    match c {
        Change::Submit => {
            rules::check_submit(r.status, r.recipients.len()).map_err(round_err)?;
            set_status(&txn, &r, RoundStatus::Diajukan, |q| q).await?;
        }
        Change::Approve {
            approver,
            rapat_id,
            decision_number,
        } => {
            rules::check_approve(r.status, r.created_by, approver).map_err(round_err)?;
            let found = rapat_keputusan::Entity::find()
                .filter(rapat_keputusan::Column::RapatId.eq(rapat_id.to_string()))
                .filter(rapat_keputusan::Column::WksbmId.eq(wksbm_id.to_string()))
                .filter(rapat_keputusan::Column::Number.eq(decision_number))
                .filter(rapat_keputusan::Column::Outcome.eq("disetujui"))
                .count(&txn)
                .await?;
            if found == 0 {
                return Err(round_err(RoundError::DecisionUnknown));
            }
            set_status(&txn, &r, RoundStatus::Disetujui, |q| {
                q.col_expr(
                    penyaluran::Column::ApprovedBy,
                    Expr::value(approver.to_string()),
                )
                .col_expr(
                    penyaluran::Column::RapatId,
                    Expr::value(rapat_id.to_string()),
                )
                .col_expr(
                    penyaluran::Column::DecisionNumber,
                    Expr::value(decision_number),
                )
            })
            .await?;
        }
        Change::Cancel { reason } => {
            let paid = r.recipients.iter().filter(|p| p.disbursed()).count();
            rules::check_cancel(r.status, paid).map_err(round_err)?;
            set_status(&txn, &r, RoundStatus::Dibatalkan, |q| {
                q.col_expr(penyaluran::Column::StatusReason, Expr::value(reason))
            })
            .await?;
        }
    }
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    let saved = must_load(&txn, wksbm_id, id).await?;
    txn.commit().await?;
    Ok(saved)
}
