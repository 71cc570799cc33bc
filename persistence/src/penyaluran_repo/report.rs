//! The payments of a period, summed in the database for the report.

use super::bad;
use crate::{Db, StoreError};
use chrono::NaiveDate;
use uuid::Uuid;

/// Payments of a period for the report, added up in the database by the round's
/// category, its fund and the recipient's types (a report over thousands of payments
/// reads a few rows, not every recipient). By the ledger's dates, so the figures
/// reconcile with the books in every period: the standing payments of the period (a
/// paid recipient's handover date is its entry's date), plus payments of the period
/// that were reversed since, less reversals of the period (the reversed ones are few:
/// migration 16's partial index finds them).
#[derive(Debug, Clone)]
pub struct PaidGroup {
    pub category: String,
    pub fund_id: Uuid,
    pub types: Vec<String>,
    pub recipients: i64,
    pub amount: i64,
}

pub async fn paid_totals(
    db: &Db,
    wksbm_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PaidGroup>, StoreError> {
    crate::raw::all(
        db.conn(),
        "SELECT category, fund_id, types, CAST(SUM(n) AS BIGINT), CAST(SUM(amount) AS BIGINT) \
         FROM (SELECT r.category, r.fund_id, p.types, COUNT(*) AS n, SUM(p.amount) AS amount \
          FROM penyaluran_penerima p JOIN penyaluran r ON r.id = p.penyaluran_id \
          WHERE r.wksbm_id = $1 AND p.status = 'disalurkan' \
          AND p.handover_date BETWEEN $2 AND $3 \
          GROUP BY r.category, r.fund_id, p.types \
         UNION ALL \
          SELECT r.category, r.fund_id, p.types, \
          SUM(CASE WHEN o.date BETWEEN $2 AND $3 THEN 1 ELSE 0 END \
           - CASE WHEN v.date BETWEEN $2 AND $3 THEN 1 ELSE 0 END), \
          SUM(CASE WHEN o.date BETWEEN $2 AND $3 THEN o.amount ELSE 0 END \
           - CASE WHEN v.date BETWEEN $2 AND $3 THEN v.amount ELSE 0 END) \
          FROM buku_kas v JOIN buku_kas o ON o.id = v.reverses_id \
          JOIN penyaluran r ON r.id = v.penyaluran_id \
          JOIN penyaluran_penerima p ON p.penyaluran_id = v.penyaluran_id AND p.ppks_id = v.ppks_id \
          WHERE v.wksbm_id = $1 AND v.penyaluran_id IS NOT NULL AND v.reverses_id IS NOT NULL \
          GROUP BY r.category, r.fund_id, p.types) t \
         GROUP BY category, fund_id, types HAVING SUM(n) <> 0 OR SUM(amount) <> 0",
        vec![wksbm_id.to_string().into(), from.into(), to.into()],
    )
    .await?
    .into_iter()
    .map(|row| {
        let fund: String = row.try_get_by_index(1)?;
        let types: String = row.try_get_by_index(2)?;
        Ok(PaidGroup {
            category: row.try_get_by_index(0)?,
            fund_id: Uuid::parse_str(&fund).map_err(|_| bad("fund_id", &fund))?,
            types: wksbm_domain::penyaluran::shown_types(
                serde_json::from_str(&types).map_err(|_| bad("types", &fund))?,
            ),
            recipients: row.try_get_by_index(3)?,
            amount: row.try_get_by_index(4)?,
        })
    })
    .collect()
}
