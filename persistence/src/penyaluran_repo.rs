//! Distribution rounds (penyaluran) and their recipients. Paying a recipient marks it
//! paid (a conditional UPDATE: twice is refused), posts the ledger entry from the round's
//! fund and records the handover, in one transaction; the round is `selesai` when its
//! last recipient is paid.

use crate::entity::{buku_kas, penyaluran, penyaluran_penerima, ppks, rapat_keputusan};
use crate::idempotency_repo::{Sealer, seal_with};
use crate::ledger_repo::{Line, fund_in, money_wksbm, refused, write_line_with};
use crate::{Db, StoreError, audit_repo};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;
use wksbm_domain::audit::Entry;
use wksbm_domain::money::{self, Category, Direction, LedgerEntry, MoneyError};
use wksbm_domain::penyaluran::{self as rules, RoundError, RoundStatus};

pub(crate) fn round_err(e: RoundError) -> StoreError {
    if e.conflict() {
        StoreError::Rule {
            code: e.code(),
            message: e.to_string(),
        }
    } else {
        StoreError::Invalid {
            code: e.code(),
            field: match e {
                RoundError::DecisionUnknown => "decision_number",
                _ => "recipients",
            },
            message: e.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub name: String,
    pub tahap: i32,
    pub category: String,
    pub fund_id: Uuid,
    pub planned_date: NaiveDate,
    pub status: RoundStatus,
    pub created_by: Uuid,
    pub approved_by: Option<Uuid>,
    pub rapat_id: Option<Uuid>,
    pub decision_number: Option<i32>,
    pub cancel_reason: Option<String>,
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub recipients: Vec<Recipient>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub id: Uuid,
    pub ppks_id: Uuid,
    pub amount: i64,
    pub reason: String,
    /// The person's public PPKS types when added; sensitive ones count as `dilindungi`.
    pub types: Vec<String>,
    pub disbursed: bool,
    pub entry_id: Option<Uuid>,
    pub handover_date: Option<NaiveDate>,
    pub received_by: Option<String>,
    pub relation: Option<String>,
    pub photo_ref: Option<String>,
    pub disbursed_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A recipient as asked for.
#[derive(Debug, Clone)]
pub struct NewRecipient {
    pub ppks_id: Uuid,
    pub amount: i64,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Handover {
    pub date: NaiveDate,
    pub received_by: String,
    pub relation: Option<String>,
    pub photo_ref: Option<String>,
}

/// A cap per person: at most `amount` rupiah in any `days` days.
#[derive(Debug, Clone, Copy)]
pub struct Cap {
    pub amount: i64,
    pub days: u32,
}

fn bad(what: &str, id: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "penyaluran {id} has an invalid {what}"
    )))
}

fn recipient_to_domain(m: penyaluran_penerima::Model) -> Result<Recipient, StoreError> {
    Ok(Recipient {
        id: Uuid::parse_str(&m.id).map_err(|_| bad("id", &m.id))?,
        ppks_id: Uuid::parse_str(&m.ppks_id).map_err(|_| bad("ppks_id", &m.id))?,
        amount: m.amount,
        reason: m.reason.clone(),
        types: serde_json::from_str(&m.types).map_err(|_| bad("types", &m.id))?,
        disbursed: m.status == "disalurkan",
        entry_id: m.entry_id.as_deref().and_then(|e| Uuid::parse_str(e).ok()),
        handover_date: m.handover_date,
        received_by: m.received_by.clone(),
        relation: m.relation.clone(),
        photo_ref: m.photo_ref.clone(),
        disbursed_at: m.disbursed_at,
    })
}

async fn load<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Option<Round>, StoreError> {
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
    Ok(Some(Round {
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
        cancel_reason: m.cancel_reason.clone(),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
        recipients,
    }))
}

async fn must_load<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Round, StoreError> {
    load(conn, wksbm_id, id).await?.ok_or(StoreError::Stale)
}

pub async fn get(db: &Db, wksbm_id: Uuid, id: Uuid) -> Result<Option<Round>, StoreError> {
    load(db.conn(), wksbm_id, id).await
}

/// Rounds of a WKSBM (without their recipients), by id after `after`; up to `limit + 1`.
pub async fn list(
    db: &Db,
    wksbm_id: Uuid,
    status: Option<RoundStatus>,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Round>, StoreError> {
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

/// Checks and adds recipients (each an active PPKS of this WKSBM, once per round, with
/// an asnaf when the fund is zakat, in the fund's unit).
async fn add<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    round_id: Uuid,
    fund: &money::Fund,
    recipients: &[NewRecipient],
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
        money::check_amount(r.amount, fund.kind.unit(), fund.kind)
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
            let e = MoneyError::ZakatWithoutAsnaf;
            return Err(at(e.code(), e.to_string()));
        }
        let mut types: Vec<String> = Vec::new();
        for t in p.types_index.split('|').filter(|t| !t.is_empty()) {
            let t = if t.starts_with("PPKS-") {
                t.to_owned()
            } else {
                "dilindungi".to_owned()
            };
            if !types.contains(&t) {
                types.push(t);
            }
        }
        penyaluran_penerima::Entity::insert(penyaluran_penerima::ActiveModel {
            id: Set(Uuid::now_v7().to_string()),
            penyaluran_id: Set(round_id.to_string()),
            ppks_id: Set(r.ppks_id.to_string()),
            amount: Set(r.amount),
            reason: Set(r.reason.clone()),
            types: Set(serde_json::to_string(&types).unwrap_or_else(|_| "[]".into())),
            status: Set("menunggu".into()),
            entry_id: Set(None),
            handover_date: Set(None),
            received_by: Set(None),
            relation: Set(None),
            photo_ref: Set(None),
            disbursed_at: Set(None),
        })
        .exec(conn)
        .await
        .map_err(|e| match StoreError::from(e) {
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

/// Creates a draft round with its first recipients.
pub async fn create(
    db: &Db,
    r: &Round,
    recipients: &[NewRecipient],
    audit: &Entry,
    sealer: Option<&Sealer<'_, Round>>,
) -> Result<Round, StoreError> {
    let txn = db.begin_write().await?;
    money_wksbm(&txn, r.wksbm_id).await?;
    crate::ledger_repo::ensure_funds(&txn, r.wksbm_id).await?;
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
        cancel_reason: Set(None),
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
    r: &Round,
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
    recipients: &[NewRecipient],
    audit: &Entry,
) -> Result<Round, StoreError> {
    let txn = db.begin_write().await?;
    money_wksbm(&txn, wksbm_id).await?;
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
    audit: &Entry,
) -> Result<Round, StoreError> {
    let txn = db.begin_write().await?;
    money_wksbm(&txn, wksbm_id).await?;
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
            let paid = r.recipients.iter().filter(|p| p.disbursed).count();
            rules::check_cancel(r.status, paid).map_err(round_err)?;
            set_status(&txn, &r, RoundStatus::Dibatalkan, |q| {
                q.col_expr(penyaluran::Column::CancelReason, Expr::value(reason))
            })
            .await?;
        }
    }
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    let saved = must_load(&txn, wksbm_id, id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The result of paying one recipient.
#[derive(Debug, Clone)]
pub struct Paid {
    pub round_status: RoundStatus,
    pub recipient: Recipient,
    pub entry: LedgerEntry,
    /// How many times the person received from another WKSBM in the cap period.
    pub elsewhere: u64,
}

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
    audit: &Entry,
    sealer: Option<&Sealer<'_, Paid>>,
) -> Result<Paid, StoreError> {
    money::check_date(h.date, today).map_err(refused)?;
    let txn = db.begin_write().await?;
    let days = cap.map_or(30, |c| c.days);
    let since = h.date - chrono::Days::new(u64::from(days.saturating_sub(1)));
    // One read for the round, this recipient (a round may have a thousand), the person,
    // the fund, how often the person received from another WKSBM in the period (ids
    // below and above this one: two ranges of the (ppks_id, wksbm_id, date) index that
    // skip this WKSBM's own payments; a payment since reversed does not count, whatever
    // the reversal's date), and the WKSBM's status and padukuhan (for the receipt
    // number).
    let row = crate::raw::one(
        &txn,
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
         w.status, pd.name \
         FROM penyaluran r JOIN penyaluran_penerima p ON p.penyaluran_id = r.id \
         JOIN dana d ON d.id = r.fund_id JOIN ppks k ON k.id = p.ppks_id \
         JOIN wksbm w ON w.id = r.wksbm_id JOIN padukuhan pd ON pd.id = w.padukuhan_id \
         WHERE r.id = $1 AND r.wksbm_id = $2 AND p.id = $3",
        vec![
            id.to_string().into(),
            wksbm_id.to_string().into(),
            recipient_id.to_string().into(),
            since.into(),
            h.date.into(),
        ],
    )
    .await?
    .ok_or(StoreError::Missing("Penerima", "Recipient"))?;
    let text = |i: usize| -> Result<String, StoreError> { Ok(row.try_get_by_index::<String>(i)?) };
    crate::ledger_repo::check_active(&text(11)?)?;
    let padukuhan = text(12)?;
    let status = RoundStatus::parse(&text(0)?).ok_or_else(|| bad("status", &id.to_string()))?;
    let round_name = text(1)?;
    let fund = money::Fund {
        id: Uuid::parse_str(&text(2)?).map_err(|_| bad("fund_id", &id.to_string()))?,
        wksbm_id,
        kind: money::FundKind::parse(&text(3)?).ok_or_else(|| bad("fund kind", &id.to_string()))?,
        name: String::new(),
        purpose: None,
        donor_id: None,
        balance: 0,
        updated_at: chrono::Utc::now(),
    };
    let rec = Recipient {
        id: recipient_id,
        ppks_id: Uuid::parse_str(&text(4)?).map_err(|_| bad("ppks_id", &id.to_string()))?,
        amount: row.try_get_by_index::<i64>(5)?,
        reason: text(6)?,
        types: serde_json::from_str(&text(7)?).map_err(|_| bad("types", &id.to_string()))?,
        disbursed: text(8)? == "disalurkan",
        entry_id: None,
        handover_date: None,
        received_by: None,
        relation: None,
        photo_ref: None,
        disbursed_at: None,
    };
    rules::check_disburse(status, rec.disbursed).map_err(round_err)?;
    if !row.try_get_by_index::<bool>(9)? {
        return Err(StoreError::Rule {
            code: "ppks_inactive",
            message: "the person is no longer active in the register".into(),
        });
    }
    let elsewhere = u64::try_from(row.try_get_by_index::<i64>(10)?).unwrap_or(0);
    let mut l = Line::new(
        &fund,
        h.date,
        Direction::Keluar,
        rec.amount,
        format!("Penyaluran {round_name}: {}", rec.reason),
        actor,
    );
    l.category = Some(Category::Penyaluran);
    l.penyaluran_id = Some(id);
    l.ppks_id = Some(rec.ppks_id);
    let entry_id = l.id;
    let disbursed_at = chrono::Utc::now();
    // The conditional UPDATE is the guard against paying twice at the same moment.
    let res = penyaluran_penerima::Entity::update_many()
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
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(round_err(RoundError::AlreadyDisbursed));
    }
    // The round (one fewer waiting, still approved), the entry and the audit record.
    // From here the WKSBM's receipt counter and the audit head are locked: its payments
    // run one after the other whatever their fund, so the cap below sees every earlier
    // payment to the person (tests/api/money_cap.rs).
    let audit = audit.clone().resource(recipient_id);
    let along = crate::ledger_repo::Along {
        round: Some(id),
        audit: Some(&audit),
    };
    let (entry, left) = write_line_with(&txn, &padukuhan, l, along).await?;
    let left = left.ok_or(StoreError::Stale)?;
    if let Some(c) = cap
        && fund.kind.unit() == money::Unit::Rupiah
    {
        // Rupiah only: rice paid from `beras` is grams and does not count against the cap.
        let beras =
            crate::ledger_repo::standard_fund(&txn, wksbm_id, money::FundKind::Beras).await?;
        let received_here = buku_kas::Entity::find()
            .filter(buku_kas::Column::FundId.ne(beras.id.to_string()))
            .filter(buku_kas::Column::PpksId.eq(rec.ppks_id.to_string()))
            .filter(buku_kas::Column::Category.eq(Category::Penyaluran.as_str()))
            .filter(buku_kas::Column::Date.between(since, h.date))
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
            .one(&txn)
            .await?;
        // This payment is already among them.
        let before = got.flatten().unwrap_or(0) - rec.amount;
        rules::check_cap(before, rec.amount, Some(c.amount)).map_err(round_err)?;
    }
    // The last payment closes the round.
    let status = if left == 0 {
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
            .exec(&txn)
            .await?;
        RoundStatus::Selesai
    } else {
        status
    };
    let recipient = Recipient {
        disbursed: true,
        entry_id: Some(entry_id),
        handover_date: Some(h.date),
        received_by: Some(h.received_by.clone()),
        relation: h.relation.clone(),
        photo_ref: h.photo_ref.clone(),
        disbursed_at: chrono::DateTime::from_timestamp_micros(disbursed_at.timestamp_micros()),
        ..rec
    };
    let paid = Paid {
        round_status: status,
        recipient,
        entry,
        elsewhere,
    };
    seal_with(&txn, sealer, &paid).await?;
    txn.commit().await?;
    Ok(paid)
}

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
            types: serde_json::from_str(&types).map_err(|_| bad("types", &fund))?,
            recipients: row.try_get_by_index(3)?,
            amount: row.try_get_by_index(4)?,
        })
    })
    .collect()
}
