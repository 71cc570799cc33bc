//! The period report of a WKSBM (`/api/v1/wksbm/{id}/laporan`): per fund opening,
//! income by method, expense by category and closing; distributions by category and by
//! PPKS type; the ISAK 35 split of net assets.

use crate::auth::extract::AuthUser;
use crate::error::ApiError;
use crate::guards::reportable;
use crate::i18n::Text;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use std::collections::BTreeMap;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use wksbm_domain::dana::Unit;
use wksbm_domain::report::{self, FundLine};
use wksbm_openapi::dana::{FundReport, NetAssets, NetClass, PeriodQuery, Report, Tally};
use wksbm_openapi::responses::ListErrors;
use wksbm_persistence::{dana_repo, penyaluran_repo};

fn class(c: report::NetClass) -> NetClass {
    NetClass {
        opening: c.opening,
        increase: c.increase,
        decrease: c.decrease,
        closing: c.closing,
    }
}

/// Get a WKSBM's financial report for a period
///
/// Caller: every role within its territory (figures only, no names); a board member only for
/// its own WKSBM. Outside the territory 404 `not_found`. Every figure comes from the ledger:
/// opening + income − expense = closing for each fund, with income by method, expense by
/// category and distributions paid. The period is at most ten years with `from` not after `to`
/// (400 `period_invalid`).
///
/// Example: `GET /api/v1/wksbm/{id}/laporan?from=2026-01-01&to=2026-12-31`.
#[utoipa::path(
    tag = "dana",
    operation_id = "getLaporan",
    params(("id" = Uuid, Path, description = "WKSBM id"), PeriodQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report", body = Report),
        ListErrors
    )
)]
#[get("/wksbm/{id}/laporan")]
pub async fn get_report(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    q: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let w = reportable(&state, &auth.actor, id.into_inner()).await?;
    crate::validation::query_dates(&[("from", Some(q.from)), ("to", Some(q.to))])?;
    if q.from > q.to || (q.to - q.from).num_days() > 3660 {
        return Err(ApiError::query(
            "from",
            "period_invalid",
            Text::new(
                "Periode harus from ≤ to dan paling lama sepuluh tahun.",
                "The period needs from ≤ to and at most ten years.",
            ),
        ));
    }
    let funds = dana_repo::funds(&state.db, w.id, w.sk.is_some()).await?;
    let sums = dana_repo::period_sums(&state.db, w.id, q.from, q.to).await?;
    let lines = fund_lines(funds, &sums);
    let net = report::net_assets(&lines.iter().map(|(f, l)| (f.kind, l)).collect::<Vec<_>>());
    let units: BTreeMap<Uuid, Unit> = lines.iter().map(|(f, _)| (f.id, f.kind.unit())).collect();
    let paid = penyaluran_repo::paid_totals(&state.db, w.id, q.from, q.to).await?;
    let (by_category, by_type) = distributions(&paid, &units);
    let body = Report {
        wksbm_id: w.id,
        from: q.from,
        to: q.to,
        funds: lines
            .iter()
            .map(|(f, l)| FundReport {
                fund_id: f.id,
                kind: f.kind.into(),
                name: f.name.clone(),
                unit: f.kind.unit().into(),
                opening: l.opening,
                income: l.income.clone(),
                expense: l.expense.clone(),
                closing: l.closing,
            })
            .collect(),
        distribution_by_category: by_category,
        distribution_by_type: by_type,
        net_assets: NetAssets {
            without_restriction: class(net.without_restriction),
            with_restriction: class(net.with_restriction),
            total_closing: net.without_restriction.closing + net.with_restriction.closing,
            rice_grams: net.rice_grams_closing,
        },
    };
    Ok(HttpResponse::Ok().json(body))
}

/// Registers this module's routes (and their documentation) under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_report);
}

/// Each fund with its opening balance and its period's movements added up.
fn fund_lines(
    funds: Vec<wksbm_domain::dana::Fund>,
    sums: &dana_repo::PeriodSums,
) -> Vec<(wksbm_domain::dana::Fund, FundLine)> {
    funds
        .into_iter()
        .map(|f| {
            let opening = sums
                .opening
                .iter()
                .find(|(id, _)| *id == f.id)
                .map_or(0, |(_, v)| *v);
            let moves: Vec<_> = sums
                .groups
                .iter()
                .filter(|(id, _)| *id == f.id)
                .map(|(_, m)| m.clone())
                .collect();
            let line = report::fund_line(opening, &moves);
            (f, line)
        })
        .collect()
}

/// What was distributed, by category and by PPKS type: recipients, rupiah and grams.
fn distributions(
    paid: &[penyaluran_repo::PaidGroup],
    units: &BTreeMap<Uuid, Unit>,
) -> (BTreeMap<String, Tally>, BTreeMap<String, Tally>) {
    let mut by_category: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_type: BTreeMap<String, Tally> = BTreeMap::new();
    for g in paid {
        let gram = units.get(&g.fund_id) == Some(&Unit::Gram);
        let add = |t: &mut Tally| {
            t.recipients += g.recipients;
            if gram {
                t.grams += g.amount;
            } else {
                t.rupiah += g.amount;
            }
        };
        add(by_category.entry(g.category.clone()).or_default());
        for t in &g.types {
            add(by_type.entry(t.clone()).or_default());
        }
    }
    (by_category, by_type)
}
