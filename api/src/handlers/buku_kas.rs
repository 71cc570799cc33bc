//! `/wksbm/{id}/buku-kas`: the cash book: post, list (with running balances per fund), read, and reverse an entry.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::{readable, writable};
use crate::i18n::Text;
use crate::idempotency::{entries_created, entry_created, post_once};
use crate::pagination::{self, PageRequest};
use crate::state::AppState;
use crate::validation;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::dana::Posting;
use wksbm_openapi::dana::IdempotencyKeyHeader;
use wksbm_openapi::dana::{Entry, EntryList, EntryPage, EntryQuery, EntryRequest, ReversalRequest};
use wksbm_openapi::page::PageParams;
use wksbm_openapi::responses::{ListErrors, ReadErrors, WriteErrors};
use wksbm_persistence::dana_repo::{self, LedgerFilter};

const LIST: &str = "buku-kas";

/// Post an income or an expense
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. An income (`masuk`) names its method, an
/// expense (`keluar`) its category (422 `entry_kind_missing`, `method_fund_mismatch`,
/// `reserved_for_workflow`); amounts are positive whole rupiah, grams for `beras` (422
/// `amount_not_positive`, `unit_mismatch`); the date is not in the future nor too old (422
/// `date_in_future`, `date_too_old`).
///
/// A fund never goes below zero (409 `insufficient_funds`, nothing posted), at any date of the
/// book: an expense dated before entries already in it is refused when the running balance
/// would go below zero at one of them (409 `insufficient_funds_on_later_date`); zakat needs a
/// recorded basis (409 `zakat_basis_missing`) and is not spent as a plain expense (422
/// `zakat_plain_expense`); an unknown fund, donor or business unit is 422 `fund_unknown`,
/// `donor_unknown`, `usaha_unknown`. Posting needs an `aktif` WKSBM (409 `wksbm_not_active`).
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "dana",
    operation_id = "createBukuKas",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = EntryRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The posted entry", body = Entry, headers(("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/buku-kas")]
pub async fn create_entry(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<EntryRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let b = &*body;
    let p = Posting {
        fund_id: b.fund_id,
        date: b.date,
        direction: b.direction.into(),
        amount: b.amount,
        unit: b.unit.into(),
        method: b.method.map(Into::into),
        category: b.category.map(Into::into),
        usaha_id: b.usaha_id,
        donor_id: b.donor_id,
        description: b.description.trim().to_owned(),
    };
    post_once(
        &state,
        &req,
        &auth,
        (&w, "buku_kas.create"),
        b,
        &entry_created,
        |write| async move {
            dana_repo::post(
                write.db,
                write.wksbm_id,
                &p,
                write.user,
                write.today,
                &write.record,
                write.sealer.as_ref(),
            )
            .await
        },
    )
    .await
}

/// List the cash book
///
/// Caller: admin, dinsos, kapanewon and kalurahan within their territory, the board of this
/// WKSBM (403 for another WKSBM's board), integrasi only with the personal-data grant. Outside
/// the territory 404 `not_found`. Entries in date order, filtered by direction, method,
/// category, donor, business unit and period (400 `period_reversed` when `from` is after `to`).
/// With `dana`, one fund's book with the running balance and the balances at the start and end
/// of the period (404 for an unknown fund); `donor_id` gives a donor's giving history.
///
/// Cursor pages: `page_size` 1-200 (default 50), `page_token` from `next_page_token` (400
/// `query_invalid` / `page_token_invalid` when malformed), a `Link: rel="next"` header.
#[utoipa::path(
    tag = "dana",
    operation_id = "listBukuKas",
    params(("id" = Uuid, Path, description = "WKSBM id"), EntryQuery, PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = EntryPage),
        ListErrors
    )
)]
#[get("/wksbm/{id}/buku-kas")]
pub async fn list_entries(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    q: web::Query<EntryQuery>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let w = readable(&state, &auth.actor, id.into_inner()).await?;
    let page = PageRequest::parse_with(LIST, &page, entry_key)?;
    check_period(&q)?;
    let fund = match q.dana {
        // The cash book of a fund that is not there is not found, like the fund.
        Some(f) => Some(
            dana_repo::fund(&state.db, w.id, f)
                .await?
                .ok_or_else(|| ApiError::not_found("Dana", "Fund", &f.to_string()))?,
        ),
        None => None,
    };
    let rows = dana_repo::list(&state.db, w.id, &filter_of(&q), page.after, page.limit()).await?;
    let paged = page.split(rows, |e| format!("{}/{}", e.date, e.id));
    let mut items: Vec<Entry> = paged.rows.iter().map(Entry::from).collect();
    let (opening, closing) = match &fund {
        Some(f) => {
            let (open, close) = balances(&state, f, &q, page.after, &mut items).await?;
            (Some(open), Some(close))
        }
        None => (None, None),
    };
    Ok(
        pagination::page_response(&req, paged.next.as_deref()).json(EntryPage {
            fund_id: fund.map(|f| f.id),
            opening,
            closing,
            items,
            next_page_token: paged.next,
        }),
    )
}

/// A cash-book page token's key: the date and id of the last entry shown.
fn entry_key(raw: &str) -> Option<(chrono::NaiveDate, Uuid)> {
    let (d, i) = raw.split_once('/')?;
    Some((d.parse().ok()?, Uuid::parse_str(i).ok()?))
}

/// `from` and `to` are real dates in order.
fn check_period(q: &EntryQuery) -> Result<(), ApiError> {
    crate::validation::query_dates(&[("from", q.from), ("to", q.to)])?;
    if let (Some(f), Some(t)) = (q.from, q.to)
        && f > t
    {
        return Err(ApiError::query(
            "from",
            "period_reversed",
            Text::new("from setelah to.", "from is after to."),
        ));
    }
    Ok(())
}

fn filter_of(q: &EntryQuery) -> LedgerFilter {
    LedgerFilter {
        fund_id: q.dana,
        direction: q.direction.map(Into::into),
        method: q.method.map(Into::into),
        category: q.category.map(Into::into),
        donor_id: q.donor_id,
        usaha_id: q.usaha_id,
        from: q.from,
        to: q.to,
    }
}

/// A fund's opening and closing balance for the period, and the running balance of each
/// entry on the page when no filter but the period leaves entries out.
async fn balances(
    state: &AppState,
    f: &wksbm_domain::dana::Fund,
    q: &EntryQuery,
    after: Option<(chrono::NaiveDate, Uuid)>,
    items: &mut [Entry],
) -> Result<(i64, i64), ApiError> {
    let open = match q.from {
        Some(start) => dana_repo::balance_at(&state.db, f.id, start, None).await?,
        None => 0,
    };
    // The running balance starts from what precedes the page inside the period; it is the
    // fund's own only when no other filter leaves entries out.
    let whole = q.direction.is_none()
        && q.method.is_none()
        && q.category.is_none()
        && q.donor_id.is_none()
        && q.usaha_id.is_none();
    if whole {
        let mut running = match after {
            Some((d, i)) if q.from.is_none_or(|s| d >= s) => {
                dana_repo::balance_at(&state.db, f.id, d, Some(i)).await?
            }
            _ => open,
        };
        for e in items.iter_mut() {
            running += wksbm_domain::dana::Direction::from(e.direction).signed(e.amount);
            e.running_balance = Some(running);
        }
    }
    let close = match q.to.and_then(|t| t.checked_add_days(chrono::Days::new(1))) {
        Some(next_day) => dana_repo::balance_at(&state.db, f.id, next_day, None).await?,
        None => f.balance,
    };
    Ok((open, close))
}

/// Get one cash book entry
///
/// Caller: admin, dinsos, kapanewon and kalurahan within their territory, the board of this
/// WKSBM (403 for another WKSBM's board), integrasi only with the personal-data grant. Outside
/// the territory 404 `not_found`.
#[utoipa::path(
    tag = "dana",
    operation_id = "getBukuKas",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("buku_kas_id" = Uuid, Path, description = "Cash-book entry id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The entry", body = Entry),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/buku-kas/{buku_kas_id}")]
pub async fn get_entry(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, entry) = path.into_inner();
    let w = readable(&state, &auth.actor, id).await?;
    let e = dana_repo::entry(&state.db, w.id, entry)
        .await?
        .ok_or_else(|| ApiError::not_found("Catatan kas", "Ledger entry", &entry.to_string()))?;
    Ok(HttpResponse::Ok().json(Entry::from(&e)))
}

/// Reverse a cash book entry
///
/// Caller: the bendahara of this WKSBM, or its ketua while no bendahara serves (403
/// `bendahara_keeps_books` when one does); any other role or jabatan 403 `forbidden`; a WKSBM
/// outside the caller's territory 404 `not_found`. Posts one entry in the opposite direction
/// that references it (both legs of a transfer or rice sale). A reversal is not reversed (422
/// `reversal_of_reversal`); an entry is reversed once (409 `already_reversed`); a reversal is
/// not dated before the entry (422 `reversal_before_entry`), and one that takes money out
/// keeps the balance rule at every later date (409 `insufficient_funds_on_later_date`).
///
/// A reversed distribution payment puts its recipient back to `menunggu` (the handover record
/// is cleared) and a `selesai` round back to `disetujui`, so the right person can be paid; 409
/// `round_changed` if the round moved meanwhile.
///
/// Accepts `Idempotency-Key`: the same key with the same body replays the first answer, another
/// body is 422 `idempotency_key_reused`, a first request still running 409
/// `idempotency_key_in_flight`.
#[utoipa::path(
    tag = "dana",
    operation_id = "reverseBukuKas",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        ("buku_kas_id" = Uuid, Path, description = "Cash-book entry id"),
        IdempotencyKeyHeader
    ),
    request_body = ReversalRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The reversing entries", body = EntryList),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/buku-kas/{buku_kas_id}/balikkan")]
pub async fn reverse(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<ReversalRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, entry_id) = path.into_inner();
    let w = writable(&state, &auth.actor, id).await?;
    validation::check(&*body)?;
    if dana_repo::entry(&state.db, w.id, entry_id).await?.is_none() {
        return Err(ApiError::not_found(
            "Catatan kas",
            "Ledger entry",
            &entry_id.to_string(),
        ));
    }
    let b = &*body;
    post_once(
        &state,
        &req,
        &auth,
        (&w, "buku_kas.reverse"),
        b,
        &entries_created,
        |write| async move {
            wksbm_persistence::correction::reverse(
                write.db,
                write.wksbm_id,
                entry_id,
                b.date,
                b.reason.trim(),
                write.user,
                write.today,
                &write.record,
                write.sealer.as_ref(),
            )
            .await
        },
    )
    .await
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_entries)
        .service(create_entry)
        .service(get_entry)
        .service(reverse);
}
