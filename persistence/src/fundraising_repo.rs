//! Fundraising records around the ledger: business units (usaha) and their summary,
//! donors' giving, the zakat legal basis, donor proposals (sent → pledged → received),
//! and jimpitan rounds (closed into `beras` and `umum` in one transaction).

use crate::entity::{buku_kas, jimpitan, partner, proposal, usaha, zakat_basis};
use crate::idempotency_repo::{Sealer, seal_with};
use crate::ledger_repo::{
    Line, ensure_funds, fund_in, money_wksbm, refused, standard_fund, write_line,
};
use crate::{Db, StoreError, audit_repo};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;
use wksbm_domain::audit::Entry;
use wksbm_domain::jimpitan::Line as JLine;
use wksbm_domain::money::{self, Direction, FundKind, LedgerEntry, Method, MoneyError};

fn invalid(code: &'static str, field: &'static str, message: &str) -> StoreError {
    StoreError::Invalid {
        code,
        field,
        message: message.into(),
    }
}

fn rule(code: &'static str, message: &str) -> StoreError {
    StoreError::Rule {
        code,
        message: message.into(),
    }
}

pub(crate) async fn usaha_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<(), StoreError> {
    usaha::Entity::find_by_id(id.to_string())
        .filter(usaha::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
        .map(|_| ())
        .ok_or_else(|| {
            invalid(
                "usaha_unknown",
                "usaha_id",
                "no business unit with this id in this WKSBM",
            )
        })
}

pub(crate) async fn donor_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<(), StoreError> {
    partner::Entity::find_by_id(id.to_string())
        .filter(partner::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(partner::Column::Register.eq("donatur"))
        .one(conn)
        .await?
        .map(|_| ())
        .ok_or_else(|| {
            invalid(
                "donor_unknown",
                "donor_id",
                "no donor with this id in this WKSBM",
            )
        })
}

// ---- zakat basis ---------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZakatBasis {
    pub kind: String,
    pub number: String,
    pub date: NaiveDate,
    pub issuer: String,
    pub recorded_by: Uuid,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

pub(crate) async fn has_zakat_basis<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
) -> Result<bool, StoreError> {
    Ok(zakat_basis::Entity::find_by_id(wksbm_id.to_string())
        .one(conn)
        .await?
        .is_some())
}

pub async fn zakat_basis(db: &Db, wksbm_id: Uuid) -> Result<Option<ZakatBasis>, StoreError> {
    Ok(zakat_basis::Entity::find_by_id(wksbm_id.to_string())
        .one(db.conn())
        .await?
        .map(|m| ZakatBasis {
            kind: m.kind,
            number: m.number,
            date: m.date,
            issuer: m.issuer,
            recorded_by: Uuid::parse_str(&m.recorded_by).unwrap_or_default(),
            recorded_at: m.created_at,
        }))
}

/// Records (or replaces) the legal basis; the WKSBM must be writable.
pub async fn set_zakat_basis(
    db: &Db,
    wksbm_id: Uuid,
    b: &ZakatBasis,
    audit: &Entry,
) -> Result<ZakatBasis, StoreError> {
    let (txn, w) = crate::wksbm_repo::lock(db, wksbm_id).await?;
    crate::wksbm_repo::writable(&w)?;
    zakat_basis::Entity::delete_by_id(wksbm_id.to_string())
        .exec(&txn)
        .await?;
    zakat_basis::Entity::insert(zakat_basis::ActiveModel {
        wksbm_id: Set(wksbm_id.to_string()),
        kind: Set(b.kind.clone()),
        number: Set(b.number.clone()),
        date: Set(b.date),
        issuer: Set(b.issuer.clone()),
        recorded_by: Set(b.recorded_by.to_string()),
        created_at: Set(b.recorded_at),
    })
    .exec(&txn)
    .await?;
    crate::wksbm_repo::finish(txn, wksbm_id, audit).await?;
    Ok(b.clone())
}

// ---- usaha ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usaha {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub name: String,
    pub kind: String,
    pub active: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Over the asked period: income and expense, reversals netted.
    pub income: i64,
    pub expense: i64,
}

pub async fn create_usaha(
    db: &Db,
    wksbm_id: Uuid,
    name: &str,
    kind: &str,
    audit: &Entry,
) -> Result<Usaha, StoreError> {
    let txn = db.begin_write().await?;
    money_wksbm(&txn, wksbm_id).await?;
    let id = Uuid::now_v7();
    let now = chrono::Utc::now();
    usaha::Entity::insert(usaha::ActiveModel {
        id: Set(id.to_string()),
        wksbm_id: Set(wksbm_id.to_string()),
        name: Set(name.to_owned()),
        kind: Set(kind.to_owned()),
        active: Set(true),
        created_at: Set(now),
    })
    .exec(&txn)
    .await
    .map_err(|e| match StoreError::from(e) {
        StoreError::Conflict(_) => rule(
            "usaha_name_taken",
            "this WKSBM already has a business unit with this name",
        ),
        other => other,
    })?;
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    txn.commit().await?;
    Ok(Usaha {
        id,
        wksbm_id,
        name: name.to_owned(),
        kind: kind.to_owned(),
        active: true,
        created_at: now,
        income: 0,
        expense: 0,
    })
}

/// Every business unit of a WKSBM with its income and expense between `from` and `to`.
pub async fn usaha_summary(
    db: &Db,
    wksbm_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Usaha>, StoreError> {
    let units = usaha::Entity::find()
        .filter(usaha::Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_asc(usaha::Column::Name)
        .all(db.conn())
        .await?;
    let beras_id =
        match crate::ledger_repo::standard_fund(db.conn(), wksbm_id, FundKind::Beras).await {
            Ok(f) => f.id.to_string(),
            // Not legalised yet: no funds, so no entries either.
            Err(StoreError::Stale) => String::new(),
            Err(e) => return Err(e),
        };
    let reversal = || Expr::cust("CASE WHEN reverses_id IS NULL THEN 0 ELSE 1 END");
    let sums: Vec<(Option<String>, String, i32, Option<i64>)> = buku_kas::Entity::find()
        .select_only()
        .column(buku_kas::Column::UsahaId)
        .column(buku_kas::Column::Direction)
        .column_as(reversal(), "reversal")
        .column_as(Expr::cust("CAST(SUM(amount) AS BIGINT)"), "total")
        .filter(buku_kas::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(buku_kas::Column::UsahaId.is_not_null())
        // Rupiah only: a unit's rice (grams) is not added to its money.
        .filter(buku_kas::Column::FundId.ne(beras_id.clone()))
        .filter(buku_kas::Column::Date.between(from, to))
        .group_by(buku_kas::Column::UsahaId)
        .group_by(buku_kas::Column::Direction)
        .group_by(reversal())
        .into_tuple()
        .all(db.conn())
        .await?;
    Ok(units
        .into_iter()
        .map(|u| {
            let (mut income, mut expense) = (0i64, 0i64);
            for (id, dir, rev, total) in &sums {
                if id.as_deref() != Some(u.id.as_str()) {
                    continue;
                }
                let t = total.unwrap_or(0);
                match (dir.as_str(), *rev != 0) {
                    ("masuk", false) => income += t,
                    ("keluar", true) => income -= t,
                    ("keluar", false) => expense += t,
                    _ => expense -= t,
                }
            }
            Usaha {
                id: Uuid::parse_str(&u.id).unwrap_or_default(),
                wksbm_id,
                name: u.name,
                kind: u.kind,
                active: u.active,
                created_at: u.created_at,
                income,
                expense,
            }
        })
        .collect())
}

// ---- donor proposals -----------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub donor_id: Uuid,
    pub title: String,
    pub requested: i64,
    pub pledged: Option<i64>,
    pub status: String,
    pub sent_date: NaiveDate,
    pub pledged_date: Option<NaiveDate>,
    pub entry_id: Option<Uuid>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

fn proposal_to_domain(m: proposal::Model) -> Proposal {
    Proposal {
        id: Uuid::parse_str(&m.id).unwrap_or_default(),
        wksbm_id: Uuid::parse_str(&m.wksbm_id).unwrap_or_default(),
        donor_id: Uuid::parse_str(&m.donor_id).unwrap_or_default(),
        title: m.title,
        requested: m.requested,
        pledged: m.pledged,
        status: m.status,
        sent_date: m.sent_date,
        pledged_date: m.pledged_date,
        entry_id: m.entry_id.and_then(|e| Uuid::parse_str(&e).ok()),
        created_at: m.created_at,
    }
}

pub async fn create_proposal(
    db: &Db,
    p: &Proposal,
    audit: &Entry,
    sealer: Option<&Sealer<'_, Proposal>>,
) -> Result<Proposal, StoreError> {
    let txn = db.begin_write().await?;
    money_wksbm(&txn, p.wksbm_id).await?;
    donor_in(&txn, p.wksbm_id, p.donor_id).await?;
    proposal::Entity::insert(proposal::ActiveModel {
        id: Set(p.id.to_string()),
        wksbm_id: Set(p.wksbm_id.to_string()),
        donor_id: Set(p.donor_id.to_string()),
        title: Set(p.title.clone()),
        requested: Set(p.requested),
        pledged: Set(None),
        status: Set("dikirim".into()),
        sent_date: Set(p.sent_date),
        pledged_date: Set(None),
        entry_id: Set(None),
        version: Set(1),
        created_at: Set(p.created_at),
        updated_at: Set(p.created_at),
    })
    .exec(&txn)
    .await?;
    audit_repo::append(&txn, &audit.clone().resource(p.id)).await?;
    let saved = proposal_get_in(&txn, p.wksbm_id, p.id).await?;
    seal_with(&txn, sealer, &saved).await?;
    txn.commit().await?;
    Ok(saved)
}

async fn proposal_get_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Proposal, StoreError> {
    proposal::Entity::find_by_id(id.to_string())
        .filter(proposal::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
        .map(proposal_to_domain)
        .ok_or(StoreError::Stale)
}

pub async fn proposal(db: &Db, wksbm_id: Uuid, id: Uuid) -> Result<Option<Proposal>, StoreError> {
    match proposal_get_in(db.conn(), wksbm_id, id).await {
        Ok(p) => Ok(Some(p)),
        Err(StoreError::Stale) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn proposals(
    db: &Db,
    wksbm_id: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Proposal>, StoreError> {
    let mut q = proposal::Entity::find()
        .filter(proposal::Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_asc(proposal::Column::Id);
    if let Some(a) = after {
        q = q.filter(proposal::Column::Id.gt(a.to_string()));
    }
    Ok(q.limit(limit + 1)
        .all(db.conn())
        .await?
        .into_iter()
        .map(proposal_to_domain)
        .collect())
}

/// Records the donor's pledge (a sent proposal only).
pub async fn pledge(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    amount: i64,
    date: NaiveDate,
    audit: &Entry,
) -> Result<Proposal, StoreError> {
    let txn = db.begin_write().await?;
    money_wksbm(&txn, wksbm_id).await?;
    let res = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value("dijanjikan"))
        .col_expr(proposal::Column::Pledged, Expr::value(amount))
        .col_expr(proposal::Column::PledgedDate, Expr::value(date))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(proposal::Column::Id.eq(id.to_string()))
        .filter(proposal::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(proposal::Column::Status.eq("dikirim"))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(rule("proposal_not_sent", "only a sent proposal is pledged"));
    }
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    let saved = proposal_get_in(&txn, wksbm_id, id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Receives a pledged proposal: posts the income (`proposal_donatur`, with the donor)
/// into `fund_id` and marks the proposal received, in one transaction.
#[allow(clippy::too_many_arguments)]
pub async fn receive(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    fund_id: Uuid,
    amount: i64,
    date: NaiveDate,
    actor: Uuid,
    today: NaiveDate,
    audit: &Entry,
    sealer: Option<&Sealer<'_, LedgerEntry>>,
) -> Result<LedgerEntry, StoreError> {
    let txn = db.begin_write().await?;
    let padukuhan = money_wksbm(&txn, wksbm_id).await?;
    ensure_funds(&txn, wksbm_id).await?;
    let p = proposal_get_in(&txn, wksbm_id, id).await?;
    let fund = fund_in(&txn, wksbm_id, fund_id, "fund_id").await?;
    money::check_amount(amount, money::Unit::Rupiah, fund.kind).map_err(refused)?;
    money::check_date(date, today).map_err(refused)?;
    if matches!(
        fund.kind,
        FundKind::Zakat | FundKind::Amil | FundKind::Beras
    ) {
        return Err(refused(MoneyError::MethodFundMismatch));
    }
    let res = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value("diterima"))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(proposal::Column::Id.eq(id.to_string()))
        .filter(proposal::Column::Status.eq("dijanjikan"))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(rule(
            "proposal_not_pledged",
            "only a pledged proposal is received (once)",
        ));
    }
    let mut l = Line::new(
        &fund,
        date,
        Direction::Masuk,
        amount,
        format!("Proposal: {}", p.title),
        actor,
    );
    l.method = Some(Method::ProposalDonatur);
    l.donor_id = Some(p.donor_id);
    l.proposal_id = Some(id);
    let e = write_line(&txn, &padukuhan, l).await?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::EntryId, Expr::value(e.id.to_string()))
        .filter(proposal::Column::Id.eq(id.to_string()))
        .exec(&txn)
        .await?;
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    seal_with(&txn, sealer, &e).await?;
    txn.commit().await?;
    Ok(e)
}

// ---- jimpitan ------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub date: NaiveDate,
    pub rt: String,
    pub collectors: Vec<String>,
    pub lines: Vec<JLine>,
    pub total_grams: i64,
    pub total_rupiah: i64,
    pub closed: bool,
    pub witnesses: Vec<String>,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub closed_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn round_to_domain(m: jimpitan::Model) -> Result<Round, StoreError> {
    let bad = |w: &str| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "jimpitan {} has an invalid {w}",
            m.id
        )))
    };
    Ok(Round {
        id: Uuid::parse_str(&m.id).map_err(|_| bad("id"))?,
        wksbm_id: Uuid::parse_str(&m.wksbm_id).map_err(|_| bad("wksbm_id"))?,
        date: m.date,
        rt: m.rt.clone(),
        collectors: serde_json::from_str(&m.collectors).map_err(|_| bad("collectors"))?,
        lines: serde_json::from_str(&m.lines).map_err(|_| bad("lines"))?,
        total_grams: m.total_grams,
        total_rupiah: m.total_rupiah,
        closed: m.status == "ditutup",
        witnesses: m
            .witnesses
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|_| bad("witnesses"))?
            .unwrap_or_default(),
        created_by: Uuid::parse_str(&m.created_by).map_err(|_| bad("created_by"))?,
        created_at: m.created_at,
        closed_at: m.closed_at,
    })
}

pub async fn create_round(
    db: &Db,
    r: &Round,
    audit: &Entry,
    sealer: Option<&Sealer<'_, Round>>,
) -> Result<Round, StoreError> {
    let txn = db.begin_write().await?;
    money_wksbm(&txn, r.wksbm_id).await?;
    jimpitan::Entity::insert(jimpitan::ActiveModel {
        id: Set(r.id.to_string()),
        wksbm_id: Set(r.wksbm_id.to_string()),
        date: Set(r.date),
        rt: Set(r.rt.clone()),
        collectors: Set(serde_json::to_string(&r.collectors).unwrap_or_else(|_| "[]".into())),
        lines: Set(serde_json::to_string(&r.lines).unwrap_or_else(|_| "[]".into())),
        total_grams: Set(r.total_grams),
        total_rupiah: Set(r.total_rupiah),
        status: Set("terbuka".into()),
        witnesses: Set(None),
        created_by: Set(r.created_by.to_string()),
        created_at: Set(r.created_at),
        closed_at: Set(None),
    })
    .exec(&txn)
    .await?;
    audit_repo::append(&txn, &audit.clone().resource(r.id)).await?;
    let saved = round_in(&txn, r.wksbm_id, r.id).await?;
    seal_with(&txn, sealer, &saved).await?;
    txn.commit().await?;
    Ok(saved)
}

async fn round_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<Round, StoreError> {
    jimpitan::Entity::find_by_id(id.to_string())
        .filter(jimpitan::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
        .ok_or(StoreError::Stale)
        .and_then(round_to_domain)
}

pub async fn round(db: &Db, wksbm_id: Uuid, id: Uuid) -> Result<Option<Round>, StoreError> {
    match round_in(db.conn(), wksbm_id, id).await {
        Ok(r) => Ok(Some(r)),
        Err(StoreError::Stale) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn rounds(
    db: &Db,
    wksbm_id: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Round>, StoreError> {
    let mut q = jimpitan::Entity::find()
        .filter(jimpitan::Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_asc(jimpitan::Column::Id);
    if let Some(a) = after {
        q = q.filter(jimpitan::Column::Id.gt(a.to_string()));
    }
    q.limit(limit + 1)
        .all(db.conn())
        .await?
        .into_iter()
        .map(round_to_domain)
        .collect()
}

/// Closes a round in public: its rice goes into `beras` and its coins into `umum`, and
/// the round is closed, in one transaction (once).
pub async fn close_round(
    db: &Db,
    wksbm_id: Uuid,
    id: Uuid,
    witnesses: &[String],
    actor: Uuid,
    audit: &Entry,
    sealer: Option<&Sealer<'_, Round>>,
) -> Result<Round, StoreError> {
    let txn = db.begin_write().await?;
    let padukuhan = money_wksbm(&txn, wksbm_id).await?;
    ensure_funds(&txn, wksbm_id).await?;
    let res = jimpitan::Entity::update_many()
        .col_expr(jimpitan::Column::Status, Expr::value("ditutup"))
        .col_expr(
            jimpitan::Column::Witnesses,
            Expr::value(serde_json::to_string(witnesses).unwrap_or_else(|_| "[]".into())),
        )
        .col_expr(jimpitan::Column::ClosedAt, Expr::value(chrono::Utc::now()))
        .filter(jimpitan::Column::Id.eq(id.to_string()))
        .filter(jimpitan::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(jimpitan::Column::Status.eq("terbuka"))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        round_in(&txn, wksbm_id, id).await?;
        return Err(rule("jimpitan_closed", "this round is already closed"));
    }
    let r = round_in(&txn, wksbm_id, id).await?;
    let pair = Uuid::now_v7();
    let desc = format!("Jimpitan RT {} {}", r.rt, r.date);
    let mut legs = Vec::new();
    for (kind, amount) in [
        (FundKind::Beras, r.total_grams),
        (FundKind::Umum, r.total_rupiah),
    ] {
        if amount > 0 {
            let fund = standard_fund(&txn, wksbm_id, kind).await?;
            let mut l = Line::new(&fund, r.date, Direction::Masuk, amount, desc.clone(), actor);
            l.method = Some(Method::Jimpitan);
            l.jimpitan_id = Some(id);
            l.pair_id = Some(pair);
            legs.push(l);
        }
    }
    legs.sort_by_key(|l| l.fund_id);
    for l in legs {
        write_line(&txn, &padukuhan, l).await?;
    }
    audit_repo::append(&txn, &audit.clone().resource(id)).await?;
    seal_with(&txn, sealer, &r).await?;
    txn.commit().await?;
    Ok(r)
}

/// Sells rice from `beras` into `umum` at `price_per_kg` (one pair of entries).
#[allow(clippy::too_many_arguments)]
pub async fn sell_rice(
    db: &Db,
    wksbm_id: Uuid,
    grams: i64,
    price_per_kg: i64,
    date: NaiveDate,
    buyer: &str,
    actor: Uuid,
    today: NaiveDate,
    audit: &Entry,
    sealer: Option<&Sealer<'_, Vec<LedgerEntry>>>,
) -> Result<Vec<LedgerEntry>, StoreError> {
    money::check_amount(grams, money::Unit::Gram, FundKind::Beras).map_err(refused)?;
    money::check_date(date, today).map_err(refused)?;
    let rupiah = money::rice_sale_rupiah(grams, price_per_kg).map_err(refused)?;
    let txn = db.begin_write().await?;
    let padukuhan = money_wksbm(&txn, wksbm_id).await?;
    ensure_funds(&txn, wksbm_id).await?;
    let beras = standard_fund(&txn, wksbm_id, FundKind::Beras).await?;
    let umum = standard_fund(&txn, wksbm_id, FundKind::Umum).await?;
    let pair = Uuid::now_v7();
    let desc = format!("Penjualan beras {grams} g @ Rp{price_per_kg}/kg kepada {buyer}");
    let mut out = Line::new(&beras, date, Direction::Keluar, grams, desc.clone(), actor);
    out.category = Some(money::Category::PenjualanBeras);
    out.pair_id = Some(pair);
    out.price_per_kg = Some(price_per_kg);
    let mut inc = Line::new(&umum, date, Direction::Masuk, rupiah, desc, actor);
    inc.method = Some(Method::PenjualanBeras);
    inc.pair_id = Some(pair);
    inc.price_per_kg = Some(price_per_kg);
    let mut legs = vec![out, inc];
    legs.sort_by_key(|l| l.fund_id);
    let mut entries = Vec::new();
    for l in legs {
        entries.push(write_line(&txn, &padukuhan, l).await?);
    }
    entries.sort_by_key(|e| e.direction != Direction::Keluar);
    audit_repo::append(&txn, &audit.clone().resource(pair)).await?;
    seal_with(&txn, sealer, &entries).await?;
    txn.commit().await?;
    Ok(entries)
}
