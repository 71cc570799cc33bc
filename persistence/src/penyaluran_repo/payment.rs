//! One recipient of an approved round paid, in one transaction: the payment's read, the
//! recipient's claim (the guard against paying twice), the ledger entry posted with the
//! round's count and the audit record, the per-person cap checked, and the round closed
//! by its last payment.

use super::bad;
use crate::dana_repo::{Along, NewEntry, check_active, standard_fund, write_line_with};
use crate::entity::{buku_kas, penyaluran, penyaluran_penerima};
use crate::error::{refused, round_err};
use crate::idempotency_repo::{Sealer, seal_with};
use crate::{Db, StoreError};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{self, Category, DanaError, Direction};
use wksbm_domain::penyaluran::{
    self as rules, Cap, Disbursed, Handover, Payment, Penerima, RoundError, RoundStatus,
};

/// Pays one recipient of an approved round.
#[allow(clippy::too_many_arguments)]
pub async fn disburse(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    recipient_id: Uuid,
    h: &Handover,
    actor: Uuid,
    cap: Option<Cap>,
    today: NaiveDate,
    audit: &AuditEntry,
    sealer: Option<&Sealer<'_, Disbursed>>,
) -> Result<Disbursed, StoreError> {
    dana::check_date(h.date, today).map_err(refused)?;
    let txn = db.begin_write().await?;
    let days = cap.map_or(30, |c| c.days);
    let since = h.date - chrono::Days::new(u64::from(days.saturating_sub(1)));
    let read = read(&txn, wksbm_id, id, recipient_id, (since, h.date)).await?;
    rules::check_disburse(read.status, read.disbursed).map_err(round_err)?;
    if !read.person_active {
        return Err(StoreError::Rule {
            code: "ppks_inactive",
            message: "the person is no longer active in the register".into(),
        });
    }
    // Checked again here, not only when the person joined the round: an asnaf cleared
    // after approval must not let zakat out (issue 21).
    if !rules::check_zakat_recipient(read.fund.kind, read.asnaf.as_deref()) {
        let e = DanaError::ZakatWithoutAsnaf;
        return Err(StoreError::Rule {
            code: e.code(),
            message: e.to_string(),
        });
    }
    let mut l = NewEntry::new(
        &read.fund,
        h.date,
        Direction::Keluar,
        read.rec.amount,
        format!("Penyaluran {}: {}", read.round_name, read.rec.reason),
        actor,
    );
    l.category = Some(Category::Penyaluran);
    l.penyaluran_id = Some(id);
    l.ppks_id = Some(read.rec.ppks_id);
    let entry_id = l.id;
    let disbursed_at = chrono::Utc::now();
    claim(
        &txn,
        recipient_id,
        entry_id,
        h,
        read.asnaf.as_deref(),
        disbursed_at,
    )
    .await?;
    // The round (one fewer waiting, still approved), the entry and the audit record.
    // From here the WKSBM's receipt counter and the audit head are locked: its payments
    // run one after the other whatever their fund, so the cap below sees every earlier
    // payment to the person (tests/api/dana_cap.rs).
    let audit = audit.clone().resource(recipient_id);
    let along = Along {
        round: Some(id),
        audit: Some(&audit),
    };
    let (entry, left) = write_line_with(&txn, &read.padukuhan, l, along).await?;
    let left = left.ok_or(StoreError::Stale)?;
    if let Some(c) = cap
        && read.fund.kind.unit() == dana::Unit::Rupiah
    {
        check_cap(&txn, wksbm_id, &read.rec, (since, h.date), c).await?;
    }
    let status = close_if_last(&txn, id, left, read.status).await?;
    let recipient = Penerima {
        payment: Some(Payment {
            entry_id,
            handover: h.clone(),
            // As stored: to the microsecond.
            at: chrono::DateTime::from_timestamp_micros(disbursed_at.timestamp_micros())
                .unwrap_or(disbursed_at),
            asnaf: read.asnaf.clone(),
        }),
        ..read.rec
    };
    let paid = Disbursed {
        round_status: status,
        recipient,
        entry,
        elsewhere: read.elsewhere,
    };
    seal_with(&txn, sealer, &paid).await?;
    txn.commit().await?;
    Ok(paid)
}

/// What the payment's one read finds.
struct PaymentRead {
    status: RoundStatus,
    round_name: String,
    /// The round's fund (its id and kind; the balance is not read).
    fund: dana::Fund,
    /// The recipient as it waits (its payment is not read).
    rec: Penerima,
    /// Whether it is already paid.
    disbursed: bool,
    person_active: bool,
    /// How often the person received from another WKSBM in the cap period.
    elsewhere: u64,
    /// The WKSBM's padukuhan, for the receipt number.
    padukuhan: String,
    /// The person's asnaf now: checked and stored with the payment.
    asnaf: Option<String>,
}

/// One read for the round, this recipient (a round may have a thousand), the person,
/// the fund, how often the person received from another WKSBM in `period` (ids below
/// and above this one: two ranges of the (ppks_id, wksbm_id, date) index that skip this
/// WKSBM's own payments; a payment since reversed does not count, whatever the
/// reversal's date), and the WKSBM's status (it must be `aktif`) and padukuhan.
async fn read<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
    recipient_id: Uuid,
    period: (NaiveDate, NaiveDate),
) -> Result<PaymentRead, StoreError> {
    let row = crate::raw::one(
        conn,
        "SELECT r.status, r.name, r.fund_id, d.kind, p.ppks_id, p.amount, p.reason, p.types, \
         p.status, k.active, \
         (SELECT COUNT(*) FROM buku_kas b WHERE b.ppks_id = p.ppks_id \
          AND b.category = 'penyaluran' AND b.direction = 'keluar' \
          AND b.date BETWEEN $4 AND $5 AND b.wksbm_id < $2 \
          AND NOT EXISTS (SELECT 1 FROM buku_kas v WHERE v.reverses_id = b.id)) \
         + (SELECT COUNT(*) FROM buku_kas b WHERE b.ppks_id = p.ppks_id \
          AND b.category = 'penyaluran' AND b.direction = 'keluar' \
          AND b.date BETWEEN $4 AND $5 AND b.wksbm_id > $2 \
          AND NOT EXISTS (SELECT 1 FROM buku_kas v WHERE v.reverses_id = b.id)), \
         w.status, pd.name, k.asnaf \
         FROM penyaluran r JOIN penyaluran_penerima p ON p.penyaluran_id = r.id \
         JOIN dana d ON d.id = r.fund_id JOIN ppks k ON k.id = p.ppks_id \
         JOIN wksbm w ON w.id = r.wksbm_id JOIN padukuhan pd ON pd.id = w.padukuhan_id \
         WHERE r.id = $1 AND r.wksbm_id = $2 AND p.id = $3",
        vec![
            id.to_string().into(),
            wksbm_id.to_string().into(),
            recipient_id.to_string().into(),
            period.0.into(),
            period.1.into(),
        ],
    )
    .await?
    .ok_or(StoreError::Missing("Penerima", "Recipient"))?;
    let text = |i: usize| -> Result<String, StoreError> { Ok(row.try_get_by_index::<String>(i)?) };
    check_active(&text(11)?)?;
    let padukuhan = text(12)?;
    let status = RoundStatus::parse(&text(0)?).ok_or_else(|| bad("status", &id.to_string()))?;
    let round_name = text(1)?;
    let fund = dana::Fund {
        id: Uuid::parse_str(&text(2)?).map_err(|_| bad("fund_id", &id.to_string()))?,
        wksbm_id,
        kind: dana::FundKind::parse(&text(3)?).ok_or_else(|| bad("fund kind", &id.to_string()))?,
        name: String::new(),
        purpose: None,
        donor_id: None,
        balance: 0,
        updated_at: chrono::Utc::now(),
    };
    let rec = Penerima {
        id: recipient_id,
        ppks_id: Uuid::parse_str(&text(4)?).map_err(|_| bad("ppks_id", &id.to_string()))?,
        amount: row.try_get_by_index::<i64>(5)?,
        reason: text(6)?,
        types: serde_json::from_str(&text(7)?).map_err(|_| bad("types", &id.to_string()))?,
        payment: None,
    };
    Ok(PaymentRead {
        status,
        round_name,
        fund,
        rec,
        disbursed: text(8)? == "disalurkan",
        person_active: row.try_get_by_index::<bool>(9)?,
        elsewhere: u64::try_from(row.try_get_by_index::<i64>(10)?).unwrap_or(0),
        padukuhan,
        asnaf: row.try_get_by_index::<Option<String>>(13)?,
    })
}

/// Marks the recipient paid with its handover. The conditional UPDATE is the guard
/// against paying twice at the same moment.
async fn claim<C: ConnectionTrait>(
    conn: &C,
    recipient_id: Uuid,
    entry_id: Uuid,
    h: &Handover,
    asnaf: Option<&str>,
    disbursed_at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    let res = penyaluran_penerima::Entity::update_many()
        .col_expr(
            penyaluran_penerima::Column::PaidAsnaf,
            Expr::value(asnaf.map(str::to_owned)),
        )
        .col_expr(
            penyaluran_penerima::Column::Status,
            Expr::value("disalurkan"),
        )
        .col_expr(
            penyaluran_penerima::Column::EntryId,
            Expr::value(entry_id.to_string()),
        )
        .col_expr(
            penyaluran_penerima::Column::HandoverDate,
            Expr::value(h.date),
        )
        .col_expr(
            penyaluran_penerima::Column::ReceivedBy,
            Expr::value(h.received_by.clone()),
        )
        .col_expr(
            penyaluran_penerima::Column::Relation,
            Expr::value(h.relation.clone()),
        )
        .col_expr(
            penyaluran_penerima::Column::PhotoRef,
            Expr::value(h.photo_ref.clone()),
        )
        .col_expr(
            penyaluran_penerima::Column::DisbursedAt,
            Expr::value(disbursed_at),
        )
        .filter(penyaluran_penerima::Column::Id.eq(recipient_id.to_string()))
        .filter(penyaluran_penerima::Column::Status.eq("menunggu"))
        .exec(conn)
        .await?;
    if res.rows_affected != 1 {
        return Err(round_err(RoundError::AlreadyDisbursed));
    }
    Ok(())
}

/// The cap per person over `period`, counting this WKSBM's standing payments (this one
/// among them). Rupiah only: rice paid from `beras` is grams and does not count.
async fn check_cap<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    rec: &Penerima,
    period: (NaiveDate, NaiveDate),
    c: Cap,
) -> Result<(), StoreError> {
    let beras = standard_fund(conn, wksbm_id, dana::FundKind::Beras).await?;
    let received_here = buku_kas::Entity::find()
        .filter(buku_kas::Column::FundId.ne(beras.id.to_string()))
        .filter(buku_kas::Column::PpksId.eq(rec.ppks_id.to_string()))
        .filter(buku_kas::Column::Category.eq(Category::Penyaluran.as_str()))
        .filter(buku_kas::Column::Date.between(period.0, period.1))
        .filter(buku_kas::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(buku_kas::Column::Direction.eq(Direction::Keluar.as_str()))
        // Payments of the period that still stand: a reversal dated elsewhere must
        // not make room for more in this one.
        .filter(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM buku_kas v WHERE v.reverses_id = buku_kas.id)",
        ));
    let got: Option<Option<i64>> = received_here
        .select_only()
        .column_as(
            Expr::cust("CAST(COALESCE(SUM(amount), 0) AS BIGINT)"),
            "total",
        )
        .into_tuple()
        .one(conn)
        .await?;
    // This payment is already among them.
    let before = got.flatten().unwrap_or(0) - rec.amount;
    rules::check_cap(before, rec.amount, Some(c.amount)).map_err(round_err)
}

/// The last payment (none left waiting) closes the round; the round's status after.
async fn close_if_last<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    left: i64,
    status: RoundStatus,
) -> Result<RoundStatus, StoreError> {
    if left != 0 {
        return Ok(status);
    }
    penyaluran::Entity::update_many()
        .col_expr(
            penyaluran::Column::Status,
            Expr::value(RoundStatus::Selesai.as_str()),
        )
        .col_expr(
            penyaluran::Column::Version,
            Expr::col(penyaluran::Column::Version).add(1),
        )
        .filter(penyaluran::Column::Id.eq(id.to_string()))
        .exec(conn)
        .await?;
    Ok(RoundStatus::Selesai)
}
