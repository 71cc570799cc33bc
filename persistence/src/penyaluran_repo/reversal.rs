//! A distribution payment reversed in the ledger: its recipient waits again (the
//! handover record is cleared from it and kept in the reversal entry's description) and
//! its round counts one more waiting, approved again if it had finished. Runs inside the
//! reversal's transaction, before its entry is written: recipient, then round, then
//! counter and fund, the order a payment takes them in.

use crate::StoreError;
use crate::entity::{penyaluran, penyaluran_penerima};
use crate::error::round_err;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use wksbm_domain::dana::LedgerEntry;
use wksbm_domain::penyaluran::{self as rules, RoundStatus};

/// Returns the handover that is cleared, as words for the reversal's description (who
/// received, their relation, when, the photo reference); `None` for any other entry.
pub(crate) async fn undo_payment<C: ConnectionTrait>(
    conn: &C,
    paid: &LedgerEntry,
) -> Result<Option<String>, StoreError> {
    let Some(round) = paid.penyaluran_id else {
        return Ok(None);
    };
    let before = penyaluran_penerima::Entity::find()
        .filter(penyaluran_penerima::Column::PenyaluranId.eq(round.to_string()))
        .filter(penyaluran_penerima::Column::EntryId.eq(paid.id.to_string()))
        .one(conn)
        .await?
        .ok_or_else(changed)?;
    let none = Option::<String>::None;
    let waits = penyaluran_penerima::Entity::update_many()
        .col_expr(penyaluran_penerima::Column::Status, Expr::value("menunggu"))
        .col_expr(
            penyaluran_penerima::Column::EntryId,
            Expr::value(none.clone()),
        )
        .col_expr(
            penyaluran_penerima::Column::HandoverDate,
            Expr::value(Option::<chrono::NaiveDate>::None),
        )
        .col_expr(
            penyaluran_penerima::Column::ReceivedBy,
            Expr::value(none.clone()),
        )
        .col_expr(
            penyaluran_penerima::Column::Relation,
            Expr::value(none.clone()),
        )
        .col_expr(
            penyaluran_penerima::Column::PhotoRef,
            Expr::value(none.clone()),
        )
        .col_expr(penyaluran_penerima::Column::PaidAsnaf, Expr::value(none))
        .col_expr(
            penyaluran_penerima::Column::DisbursedAt,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .filter(penyaluran_penerima::Column::PenyaluranId.eq(round.to_string()))
        .filter(penyaluran_penerima::Column::EntryId.eq(paid.id.to_string()))
        .filter(penyaluran_penerima::Column::Status.eq("disalurkan"))
        .exec(conn)
        .await?;
    if waits.rows_affected != 1 {
        return Err(changed());
    }
    let status: Option<String> = penyaluran::Entity::find_by_id(round.to_string())
        .select_only()
        .column(penyaluran::Column::Status)
        .into_tuple()
        .one(conn)
        .await?;
    let status = status.ok_or_else(changed)?;
    let was = RoundStatus::parse(&status).ok_or_else(changed)?;
    let now = rules::status_after_reversal(was).map_err(round_err)?;
    // Guarded by the status read: a last payment finishing the round in between makes
    // this a conflict to retry, never a finished round with someone waiting.
    let res = penyaluran::Entity::update_many()
        .col_expr(penyaluran::Column::Status, Expr::value(now.as_str()))
        .col_expr(
            penyaluran::Column::Waiting,
            Expr::col(penyaluran::Column::Waiting).add(1),
        )
        .col_expr(
            penyaluran::Column::Version,
            Expr::col(penyaluran::Column::Version).add(1),
        )
        .col_expr(
            penyaluran::Column::UpdatedAt,
            Expr::value(chrono::Utc::now()),
        )
        .filter(penyaluran::Column::Id.eq(round.to_string()))
        .filter(penyaluran::Column::Status.eq(status))
        .exec(conn)
        .await?;
    if res.rows_affected != 1 {
        return Err(changed());
    }
    Ok(Some(handover_words(&before)))
}

fn handover_words(p: &penyaluran_penerima::Model) -> String {
    let mut w = format!(
        "serah terima semula {} kepada {}",
        p.handover_date.map(|d| d.to_string()).unwrap_or_default(),
        p.received_by.as_deref().unwrap_or("-")
    );
    if let Some(r) = &p.relation {
        w.push_str(&format!(" ({r})"));
    }
    if let Some(f) = &p.photo_ref {
        w.push_str(&format!(", foto {f}"));
    }
    w
}

fn changed() -> StoreError {
    StoreError::Rule {
        code: "round_changed",
        message: "the round or its recipient changed meanwhile; read it again".into(),
    }
}
