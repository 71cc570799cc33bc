//! The PPKS draft at the HTTP edge: a body read into a domain draft, checked by
//! `wksbm_domain::ppks_draft` with the server's clock and reference data, and the
//! domain's issues turned into a problem (422) or response warnings. No rule lives here.

use crate::error::{ApiError, FieldErr};
use crate::i18n::Text;
use crate::state::AppState;
use actix_web::HttpRequest;
use actix_web::http::header;
use wksbm_domain::ppks_draft::{self, Checked, Context, Draft, Issue, Placement};
use wksbm_domain::wilayah::KodeWilayah;
use wksbm_openapi::ppks::{PpksRequest, Warning};

/// Checks `draft` for `at` today, against the loaded reference data.
pub fn check(
    state: &AppState,
    draft: &Draft,
    at: &Placement<'_>,
    types_required: bool,
) -> Result<Checked, Vec<Issue>> {
    let known = |k: &KodeWilayah| state.wilayah.get(k).is_some();
    let cx = Context {
        today: crate::clock::today(),
        now: chrono::Utc::now(),
        known_kecamatan: &known,
    };
    ppks_draft::check(draft, at, types_required, &cx)
}

/// An issue's message in both languages.
pub fn text(i: &Issue) -> Text {
    Text::new(i.message_id(), i.detail.clone())
}

/// Issues as a 422 problem (the first names the code).
pub fn invalid(issues: Vec<Issue>) -> ApiError {
    let first = issues
        .first()
        .map(|i| i.code)
        .unwrap_or("validation_failed");
    let detail = Text::new(
        issues
            .iter()
            .map(|i| format!("{}: {}", i.field, i.message_id()))
            .collect::<Vec<_>>()
            .join("; "),
        issues
            .iter()
            .map(|i| format!("{}: {}", i.field, i.detail))
            .collect::<Vec<_>>()
            .join("; "),
    );
    ApiError::new(
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        first,
        detail,
    )
    .with_errors(
        issues
            .iter()
            .map(|i| FieldErr {
                field: i.field.to_owned(),
                code: i.code,
                message: text(i),
            })
            .collect(),
    )
}

/// Warnings in the response, in the caller's language.
pub fn warnings(issues: &[Issue], lang_en: bool) -> Vec<Warning> {
    issues
        .iter()
        .map(|i| Warning {
            field: i.field.to_owned(),
            code: i.code.to_owned(),
            message: if lang_en {
                i.detail.clone()
            } else {
                i.message_id().to_owned()
            },
        })
        .collect()
}

pub fn wants_english(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("en"))
}

/// The body of a create or correction as a draft (free text trimmed).
pub fn draft_of(b: &PpksRequest) -> Draft {
    fn t<S: AsRef<str>>(s: &Option<S>) -> Option<String> {
        s.as_ref().map(|v| v.as_ref().trim().to_owned())
    }
    Draft {
        nik: b.nik.clone(),
        no_kk: b.no_kk.clone(),
        name: b.name.clone().into(),
        birth_place: t(&b.birth_place),
        birth_date: b.birth_date,
        sex: b.sex.map(Into::into),
        rt: b.rt.clone(),
        rw: b.rw.clone(),
        address: t(&b.address),
        phone: b.phone.clone(),
        types: b.types.clone(),
        asnaf: b.asnaf.clone(),
        needs: t(&b.needs),
        notes: t(&b.notes),
        basis: Some(b.lawful_basis.into()),
        consent_proof: t(&b.consent_proof),
        consent_by: b.consent_by.map(Into::into),
        consent_name: t(&b.consent_name),
    }
}
