//! Schema-level checks of request bodies (lengths, patterns), as 422 with one entry per
//! field. Rules the schema cannot state come after, from the domain.

use crate::error::{ApiError, FieldErr};
use crate::i18n::Text;
use actix_web::http::StatusCode;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

fn collect(prefix: &str, errors: &ValidationErrors, out: &mut Vec<FieldErr>) {
    for (field, kind) in errors.errors() {
        let name = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let (id, en) = match e.code.as_ref() {
                        "length" => (
                            "panjang di luar batas yang diizinkan",
                            "length outside the allowed range",
                        ),
                        "printable" => (
                            "harus berisi teks yang dapat dicetak",
                            "must contain printable text",
                        ),
                        "username" => (
                            "hanya a-z, 0-9, '.', '_' atau '-', 3-64 karakter",
                            "only a-z, 0-9, '.', '_' or '-', 3-64 characters",
                        ),
                        _ => ("tidak valid", "invalid"),
                    };
                    out.push(FieldErr {
                        field: name.clone(),
                        code: match e.code.as_ref() {
                            "length" => "length",
                            "printable" => "printable",
                            "username" => "username_invalid",
                            _ => "invalid",
                        },
                        message: Text::new(id, en),
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(&name, inner, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(&format!("{name}[{i}]"), inner, out);
                }
            }
        }
    }
}

/// 422 `validation_failed` naming every field that breaks its schema rule.
pub fn check<T: Validate>(body: &T) -> Result<(), ApiError> {
    let Err(errors) = body.validate() else {
        return Ok(());
    };
    let mut fields = Vec::new();
    collect("", &errors, &mut fields);
    fields.sort_by(|a, b| a.field.cmp(&b.field));
    let n = fields.len();
    Err(ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
        Text::new(
            format!("Ada {n} isian yang tidak valid."),
            format!("{n} field(s) are invalid."),
        ),
    )
    .with_errors(fields))
}

/// 400 `query_invalid` naming every query parameter that breaks its schema rule.
pub fn check_query<T: Validate>(query: &T) -> Result<(), ApiError> {
    check(query).map_err(|mut e| {
        e.status = StatusCode::BAD_REQUEST;
        e.code = "query_invalid";
        e.detail = Box::new(Text::new(
            format!(
                "Parameter query tidak valid: {}.",
                e.errors
                    .iter()
                    .map(|f| f.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!(
                "Invalid query parameters: {}.",
                e.errors
                    .iter()
                    .map(|f| f.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
        e
    })
}

/// Dates in a query are years 1 to 9999 (what both databases store); 400 otherwise.
pub fn query_dates(dates: &[(&str, Option<chrono::NaiveDate>)]) -> Result<(), ApiError> {
    use chrono::Datelike;
    for (name, d) in dates {
        if let Some(d) = d
            && !(1..=9999).contains(&d.year())
        {
            return Err(ApiError::query(
                name,
                "date_out_of_range",
                Text::new("Tahun harus 1 sampai 9999.", "The year must be 1 to 9999."),
            ));
        }
    }
    Ok(())
}

/// A region code in a query parameter (any level), or 400 `kode_wilayah_invalid` naming
/// the parameter.
pub fn query_wilayah_code(
    field: &str,
    raw: &str,
) -> Result<wksbm_domain::wilayah::KodeWilayah, ApiError> {
    wksbm_domain::wilayah::KodeWilayah::parse(raw).map_err(|_| {
        ApiError::query(
            field,
            "kode_wilayah_invalid",
            Text::new(
                "harus berbentuk 34, 34.02, 34.02.01 atau 34.02.01.2001",
                "must look like 34, 34.02, 34.02.01 or 34.02.01.2001",
            ),
        )
    })
}

/// A money rule one field breaks, as 422 with the rule's own message.
fn dana_field(field: &str, e: wksbm_domain::dana::DanaError) -> ApiError {
    ApiError::field(field, e.code(), Text::new(e.message_id(), e.to_string()))
}

/// 422 unless `amount` is a valid rupiah amount of the general fund.
pub fn rupiah(field: &str, amount: i64) -> Result<(), ApiError> {
    use wksbm_domain::dana::{FundKind, Unit, check_amount};
    check_amount(amount, Unit::Rupiah, FundKind::Umum).map_err(|e| dana_field(field, e))
}

/// 422 unless `date` is a valid books date (not after today's local date).
pub fn books_date(field: &str, date: chrono::NaiveDate) -> Result<(), ApiError> {
    wksbm_domain::dana::check_date(date, crate::clock::today()).map_err(|e| dana_field(field, e))
}
