//! Fundraising (`/api/v1/wksbm/{id}/…`): the zakat legal basis, business units, donor
//! proposals, jimpitan rounds and rice sales.

use crate::auth::extract::AuthUser;
use crate::clock::today;
use crate::error::{ApiError, FieldErr};
use crate::guards::own_wksbm;
use crate::guards::{audit, readable, reportable, writable};
use crate::i18n::Text;
use crate::idempotency::{entries_created, entry_created, once, rendered};
use crate::pagination::PageRequest;
use crate::state::AppState;
use crate::validation;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::Datelike;
use uuid::Uuid;
use wksbm_domain::access::Action;
use wksbm_domain::jimpitan::{self, Given};
use wksbm_openapi::fundraising::{
    CloseJimpitanRequest, Given as GivenDto, Jimpitan, JimpitanLine, JimpitanRequest,
    PledgeRequest, Proposal, ProposalRequest, ReceiveRequest, RiceSaleRequest, Usaha, UsahaList,
    UsahaQuery, UsahaRequest, ZakatBasis, ZakatBasisRequest,
};
use wksbm_openapi::money::IdempotencyKeyHeader;
use wksbm_openapi::money::{Entry, EntryList};
use wksbm_openapi::page::{Page, PageParams};
use wksbm_openapi::responses::{ListErrors, ReadErrors, WriteErrors};
use wksbm_openapi::text::Printable;
use wksbm_persistence::fundraising_repo::{self as repo, Round};

fn names(field: &str, list: &[Printable<200>]) -> Result<Vec<String>, ApiError> {
    let bad: Vec<FieldErr> = list
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.is_valid())
        .map(|(i, _)| FieldErr {
            field: format!("{field}[{i}]"),
            code: "printable",
            message: Text::new(
                "harus berisi teks yang dapat dicetak (1-200)",
                "must contain printable text (1-200)",
            ),
        })
        .collect();
    if bad.is_empty() {
        Ok(list.iter().map(|n| n.trim().to_owned()).collect())
    } else {
        Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Text::new("Ada isian yang tidak valid.", "Some fields are invalid."),
        )
        .with_errors(bad))
    }
}

fn basis_dto(b: &repo::ZakatBasis) -> ZakatBasis {
    ZakatBasis {
        kind: b.kind.clone(),
        number: b.number.clone(),
        date: b.date,
        issuer: b.issuer.clone(),
        recorded_by: b.recorded_by,
        recorded_at: b.recorded_at,
    }
}

/// The WKSBM's legal basis for collecting zakat (UU 23/2011), if recorded.
#[utoipa::path(
    tag = "dana",
    operation_id = "getDasarZakat",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The basis", body = ZakatBasis),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/dasar-zakat")]
pub async fn get_basis(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let w = reportable(&state, &auth.actor, id.into_inner()).await?;
    let b = repo::zakat_basis(&state.db, w.id)
        .await?
        .ok_or_else(|| ApiError::not_found("Dasar zakat", "Zakat basis", &w.id.to_string()))?;
    Ok(HttpResponse::Ok().json(basis_dto(&b)))
}

/// Record the legal basis for collecting zakat maal: UPZ of BAZNAS, or a KUA/BAZNAS
/// decree (kalurahan, admin, or the ketua). Zakat income is refused until it exists.
#[utoipa::path(
    tag = "dana",
    operation_id = "setDasarZakat",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = ZakatBasisRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The basis", body = ZakatBasis),
        WriteErrors
    )
)]
#[put("/wksbm/{id}/dasar-zakat")]
pub async fn set_basis(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<ZakatBasisRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = own_wksbm(&state, &auth.actor, id.into_inner(), Action::ZakatBasis).await?;
    validation::check(&*body)?;
    if body.date > today() + chrono::Days::new(1) || chrono::Datelike::year(&body.date) < 1945 {
        return Err(ApiError::field(
            "date",
            "date_out_of_range",
            Text::new(
                "Tanggal keputusan antara 1945 dan besok.",
                "The decree's date is between 1945 and tomorrow.",
            ),
        ));
    }
    let b = repo::ZakatBasis {
        kind: body.kind.as_str().to_owned(),
        number: body.number.trim().to_owned(),
        date: body.date,
        issuer: body.issuer.trim().to_owned(),
        recorded_by: auth.actor.user_id,
        recorded_at: chrono::Utc::now(),
    };
    let saved = repo::set_zakat_basis(
        &state.db,
        w.id,
        &b,
        &audit(&auth.actor, "zakat.basis", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Ok().json(basis_dto(&saved)))
}

fn usaha_dto(u: &repo::Usaha) -> Usaha {
    Usaha {
        id: u.id,
        name: u.name.clone(),
        kind: u.kind.clone(),
        active: u.active,
        income: u.income,
        expense: u.expense,
        net: u.income - u.expense,
        created_at: u.created_at,
    }
}

/// Business units with their income, expense and net over a period (default: this year).
#[utoipa::path(
    tag = "dana",
    operation_id = "listUsaha",
    params(("id" = Uuid, Path, description = "WKSBM id"), UsahaQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every unit", body = UsahaList),
        ListErrors
    )
)]
#[get("/wksbm/{id}/usaha")]
pub async fn list_usaha(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    q: web::Query<UsahaQuery>,
) -> Result<HttpResponse, ApiError> {
    let w = readable(&state, &auth.actor, id.into_inner()).await?;
    crate::validation::query_dates(&[("from", q.from), ("to", q.to)])?;
    let t = today();
    let from = q
        .from
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(t.year(), 1, 1).unwrap_or(t));
    let to = q.to.unwrap_or(t);
    let units = repo::usaha_summary(&state.db, w.id, from, to).await?;
    Ok(HttpResponse::Ok().json(UsahaList {
        items: units.iter().map(usaha_dto).collect(),
    }))
}

/// Open a business unit (persewaan tenda, warung, catering, …).
#[utoipa::path(
    tag = "dana",
    operation_id = "createUsaha",
    params(("id" = Uuid, Path, description = "WKSBM id")),
    request_body = UsahaRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The unit", body = Usaha),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/usaha")]
pub async fn create_usaha(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<UsahaRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let u = repo::create_usaha(
        &state.db,
        w.id,
        body.name.trim(),
        body.kind.trim(),
        &audit(&auth.actor, "usaha.create", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Created().json(usaha_dto(&u)))
}

fn proposal_dto(p: &repo::Proposal) -> Proposal {
    Proposal {
        id: p.id,
        donor_id: p.donor_id,
        title: p.title.clone(),
        requested: p.requested,
        pledged: p.pledged,
        status: p.status.clone(),
        sent_date: p.sent_date,
        pledged_date: p.pledged_date,
        entry_id: p.entry_id,
        created_at: p.created_at,
    }
}

/// Donor proposals of a WKSBM.
#[utoipa::path(
    tag = "dana",
    operation_id = "listProposal",
    params(("id" = Uuid, Path, description = "WKSBM id"), PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<Proposal>),
        ListErrors
    )
)]
#[get("/wksbm/{id}/proposal")]
pub async fn list_proposals(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let w = readable(&state, &auth.actor, id.into_inner()).await?;
    let page = PageRequest::<Uuid>::parse("proposal", &page)?;
    let rows = repo::proposals(&state.db, w.id, page.after, page.limit()).await?;
    Ok(page.respond(&req, rows, |p| p.id.to_string(), proposal_dto))
}

/// Record a proposal sent to a donor of this WKSBM (status `dikirim`). Accepts
/// `Idempotency-Key`.
#[utoipa::path(
    tag = "dana",
    operation_id = "createProposal",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = ProposalRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The proposal", body = Proposal, headers(("Location" = String))),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/proposal")]
pub async fn create_proposal(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<ProposalRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    wksbm_domain::money::check_amount(
        body.requested,
        wksbm_domain::money::Unit::Rupiah,
        wksbm_domain::money::FundKind::Umum,
    )
    .map_err(|e| {
        ApiError::field(
            "requested",
            e.code(),
            Text::new(e.message_id(), e.to_string()),
        )
    })?;
    wksbm_domain::money::check_date(body.sent_date, today()).map_err(|e| {
        ApiError::field(
            "sent_date",
            e.code(),
            Text::new(e.message_id(), e.to_string()),
        )
    })?;
    let now = chrono::Utc::now();
    let p = repo::Proposal {
        id: Uuid::now_v7(),
        wksbm_id: w.id,
        donor_id: body.donor_id,
        title: body.title.trim().to_owned(),
        requested: body.requested,
        pledged: None,
        status: "dikirim".into(),
        sent_date: body.sent_date,
        pledged_date: None,
        entry_id: None,
        created_at: now,
    };
    let entry = audit(&auth.actor, "proposal.create", &w, &req);
    let db = &state.db;
    let render = |p: &repo::Proposal| {
        rendered(
            201,
            &proposal_dto(p),
            Some(format!("/api/v1/wksbm/{}/proposal/{}", p.wksbm_id, p.id)),
        )
    };
    let b = &*body;
    once(&state, &req, &auth, b, &render, |sealer| async move {
        repo::create_proposal(db, &p, &entry, sealer.as_ref()).await
    })
    .await
}

async fn proposal_exists(state: &AppState, w: Uuid, pid: Uuid) -> Result<(), ApiError> {
    repo::proposal(&state.db, w, pid)
        .await?
        .map(|_| ())
        .ok_or_else(|| ApiError::not_found("Proposal", "Proposal", &pid.to_string()))
}

/// Record the donor's pledge on a sent proposal (`dijanjikan`).
#[utoipa::path(
    tag = "dana",
    operation_id = "pledgeProposal",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("proposal_id" = Uuid, Path, description = "Proposal id")),
    request_body = PledgeRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal", body = Proposal),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/proposal/{proposal_id}/janji")]
pub async fn pledge(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<PledgeRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, pid) = path.into_inner();
    let w = writable(&state, &auth.actor, id).await?;
    proposal_exists(&state, w.id, pid).await?;
    wksbm_domain::money::check_amount(
        body.amount,
        wksbm_domain::money::Unit::Rupiah,
        wksbm_domain::money::FundKind::Umum,
    )
    .map_err(|e| ApiError::field("amount", e.code(), Text::new(e.message_id(), e.to_string())))?;
    wksbm_domain::money::check_date(body.date, today())
        .map_err(|e| ApiError::field("date", e.code(), Text::new(e.message_id(), e.to_string())))?;
    let p = repo::pledge(
        &state.db,
        w.id,
        pid,
        body.amount,
        body.date,
        &audit(&auth.actor, "proposal.pledge", &w, &req),
    )
    .await?;
    Ok(HttpResponse::Ok().json(proposal_dto(&p)))
}

/// Receive a pledged proposal: the income (`proposal_donatur`, with the donor, so it
/// appears in the donor's giving history) is posted and the proposal is `diterima`.
/// Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "dana",
    operation_id = "receiveProposal",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        ("proposal_id" = Uuid, Path, description = "Proposal id"),
        IdempotencyKeyHeader
    ),
    request_body = ReceiveRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The income entry", body = Entry),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/proposal/{proposal_id}/terima")]
pub async fn receive(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<ReceiveRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, pid) = path.into_inner();
    let w = writable(&state, &auth.actor, id).await?;
    proposal_exists(&state, w.id, pid).await?;
    let b = &*body;
    let entry = audit(&auth.actor, "proposal.receive", &w, &req);
    let (db, user) = (&state.db, auth.actor.user_id);
    once(
        &state,
        &req,
        &auth,
        b,
        &entry_created,
        |sealer| async move {
            repo::receive(
                db,
                w.id,
                pid,
                b.fund_id,
                b.amount,
                b.date,
                user,
                today(),
                &entry,
                sealer.as_ref(),
            )
            .await
        },
    )
    .await
}

fn given(g: GivenDto) -> Given {
    match g {
        GivenDto::Memberi => Given::Memberi,
        GivenDto::Tidak => Given::Tidak,
        GivenDto::Dibebaskan => Given::Dibebaskan,
    }
}

fn given_dto(g: Given) -> GivenDto {
    match g {
        Given::Memberi => GivenDto::Memberi,
        Given::Tidak => GivenDto::Tidak,
        Given::Dibebaskan => GivenDto::Dibebaskan,
    }
}

fn round_dto(r: &Round) -> Jimpitan {
    Jimpitan {
        id: r.id,
        date: r.date,
        rt: r.rt.clone(),
        collectors: r.collectors.clone(),
        lines: r
            .lines
            .iter()
            .map(|l| JimpitanLine {
                household: l.household.clone().into(),
                given: given_dto(l.given),
                grams: l.grams,
                rupiah: l.rupiah,
            })
            .collect(),
        total_grams: r.total_grams,
        total_rupiah: r.total_rupiah,
        status: if r.closed { "ditutup" } else { "terbuka" }.into(),
        witnesses: r.witnesses.clone(),
        created_at: r.created_at,
        closed_at: r.closed_at,
    }
}

/// A house label that is a 16-digit No. KK is stored masked (personal data).
fn household(label: &str) -> String {
    let t = label.trim();
    if t.len() == 16 && t.bytes().all(|b| b.is_ascii_digit()) {
        format!("KK {}", wksbm_domain::nik::mask16(t))
    } else {
        t.to_owned()
    }
}

/// Record a jimpitan round: date, RT, collectors and one line per household. Accepts
/// `Idempotency-Key`.
#[utoipa::path(
    tag = "dana",
    operation_id = "createJimpitan",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = JimpitanRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The open round", body = Jimpitan),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/jimpitan")]
pub async fn create_jimpitan(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<JimpitanRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let collectors = names("collectors", &body.collectors)?;
    wksbm_domain::money::check_date(body.date, today())
        .map_err(|e| ApiError::field("date", e.code(), Text::new(e.message_id(), e.to_string())))?;
    let lines: Vec<jimpitan::Line> = body
        .lines
        .iter()
        .map(|l| jimpitan::Line {
            household: household(&l.household),
            given: given(l.given),
            grams: l.grams,
            rupiah: l.rupiah,
        })
        .collect();
    let (g, r) = jimpitan::totals(&lines).map_err(|(i, e)| {
        ApiError::field(
            &format!("lines[{i}]"),
            e.code(),
            Text::new("Baris jimpitan tidak valid.", e.to_string()),
        )
    })?;
    let round = Round {
        id: Uuid::now_v7(),
        wksbm_id: w.id,
        date: body.date,
        rt: format!("{:0>3}", body.rt),
        collectors,
        lines,
        total_grams: g,
        total_rupiah: r,
        closed: false,
        witnesses: Vec::new(),
        created_by: auth.actor.user_id,
        created_at: chrono::Utc::now(),
        closed_at: None,
    };
    let entry = audit(&auth.actor, "jimpitan.create", &w, &req);
    let db = &state.db;
    let render = |r: &Round| {
        rendered(
            201,
            &round_dto(r),
            Some(format!("/api/v1/wksbm/{}/jimpitan/{}", r.wksbm_id, r.id)),
        )
    };
    once(&state, &req, &auth, &*body, &render, |sealer| async move {
        repo::create_round(db, &round, &entry, sealer.as_ref()).await
    })
    .await
}

/// Jimpitan rounds of a WKSBM.
#[utoipa::path(
    tag = "dana",
    operation_id = "listJimpitan",
    params(("id" = Uuid, Path, description = "WKSBM id"), PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<Jimpitan>),
        ListErrors
    )
)]
#[get("/wksbm/{id}/jimpitan")]
pub async fn list_jimpitan(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let w = readable(&state, &auth.actor, id.into_inner()).await?;
    let page = PageRequest::<Uuid>::parse("jimpitan", &page)?;
    let rows = repo::rounds(&state.db, w.id, page.after, page.limit()).await?;
    Ok(page.respond(&req, rows, |r| r.id.to_string(), round_dto))
}

/// One jimpitan round.
#[utoipa::path(
    tag = "dana",
    operation_id = "getJimpitan",
    params(("id" = Uuid, Path, description = "WKSBM id"), ("jimpitan_id" = Uuid, Path, description = "Jimpitan round id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The round", body = Jimpitan),
        ReadErrors
    )
)]
#[get("/wksbm/{id}/jimpitan/{jimpitan_id}")]
pub async fn get_jimpitan(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, rid) = path.into_inner();
    let w = readable(&state, &auth.actor, id).await?;
    let r = repo::round(&state.db, w.id, rid)
        .await?
        .ok_or_else(|| ApiError::not_found("Jimpitan", "Jimpitan round", &rid.to_string()))?;
    Ok(HttpResponse::Ok().json(round_dto(&r)))
}

/// Close a round after the public count: its rice goes into `beras` and its coins into
/// `umum` in one transaction (once). Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "dana",
    operation_id = "closeJimpitan",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        ("jimpitan_id" = Uuid, Path, description = "Jimpitan round id"),
        IdempotencyKeyHeader
    ),
    request_body = CloseJimpitanRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The closed round", body = Jimpitan),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/jimpitan/{jimpitan_id}/tutup")]
pub async fn close_jimpitan(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: web::Json<CloseJimpitanRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, rid) = path.into_inner();
    let w = writable(&state, &auth.actor, id).await?;
    if repo::round(&state.db, w.id, rid).await?.is_none() {
        return Err(ApiError::not_found(
            "Jimpitan",
            "Jimpitan round",
            &rid.to_string(),
        ));
    }
    validation::check(&*body)?;
    let witnesses = names("witnesses", &body.witnesses)?;
    let entry = audit(&auth.actor, "jimpitan.close", &w, &req);
    let (db, user) = (&state.db, auth.actor.user_id);
    let render = |r: &Round| rendered(200, &round_dto(r), None);
    once(&state, &req, &auth, &*body, &render, |sealer| async move {
        repo::close_round(db, w.id, rid, &witnesses, user, &entry, sealer.as_ref()).await
    })
    .await
}

/// Sell rice: grams out of `beras`, rupiah (grams × price per kg ÷ 1000, rounded half
/// up) into `umum`, as one pair of entries. Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "dana",
    operation_id = "sellBeras",
    params(
        ("id" = Uuid, Path, description = "WKSBM id"),
        IdempotencyKeyHeader
    ),
    request_body = RiceSaleRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The two entries (beras out, umum in)", body = EntryList),
        WriteErrors
    )
)]
#[post("/wksbm/{id}/penjualan-beras")]
pub async fn sell_rice(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: web::Json<RiceSaleRequest>,
) -> Result<HttpResponse, ApiError> {
    let w = writable(&state, &auth.actor, id.into_inner()).await?;
    validation::check(&*body)?;
    let b = &*body;
    let entry = audit(&auth.actor, "beras.sell", &w, &req);
    let (db, user) = (&state.db, auth.actor.user_id);
    once(
        &state,
        &req,
        &auth,
        b,
        &entries_created,
        |sealer| async move {
            repo::sell_rice(
                db,
                w.id,
                b.grams,
                b.price_per_kg,
                b.date,
                b.buyer.trim(),
                user,
                today(),
                &entry,
                sealer.as_ref(),
            )
            .await
        },
    )
    .await
}
