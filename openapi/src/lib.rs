//! The wire contract: request and response DTOs, the problem type, reusable error
//! responses and the base `ApiDoc`. The API crate adds the paths; the assembled spec is
//! committed as `openapi/openapi.json`.

pub mod audit;
pub mod auth;
pub mod dana;
pub mod doc;
pub mod formation;
pub mod fundraising;
pub mod health;
pub mod jejaring;
pub mod katalog;
pub mod padukuhan;
pub mod page;
pub mod pengurus;
pub mod penyaluran;
pub mod ppks;
pub mod ppks_io;
pub mod ppks_rights;
pub mod ppks_view;
pub mod problem;
pub mod rapat;
pub mod responses;
pub mod rules;
pub mod text;
pub mod users;
pub mod wilayah;

pub use doc::ApiDoc;
pub use problem::{FieldError, Problem};

/// The media type of every error body (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

#[cfg(test)]
mod tests {
    use serde::{Serialize, de::DeserializeOwned};

    /// Each variant is written on the wire as its `as_str` and read back from it.
    fn wire_is_as_str<T>(all: &[T], as_str: fn(T) -> &'static str)
    where
        T: Copy + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned,
    {
        for v in all {
            let json = serde_json::Value::String(as_str(*v).to_owned());
            assert_eq!(serde_json::to_value(v).ok(), Some(json.clone()));
            assert_eq!(serde_json::from_value::<T>(json).ok(), Some(*v));
        }
    }

    #[test]
    fn string_enums_write_their_as_str() {
        use crate::{fundraising::ZakatBasisKind, jejaring, penyaluran::RoundCategory};
        wire_is_as_str(&ZakatBasisKind::ALL, ZakatBasisKind::as_str);
        wire_is_as_str(&RoundCategory::ALL, RoundCategory::as_str);
        wire_is_as_str(&jejaring::PsksForm::ALL, jejaring::PsksForm::as_str);
        wire_is_as_str(&jejaring::DonaturKind::ALL, jejaring::DonaturKind::as_str);
        wire_is_as_str(&jejaring::MitraKind::ALL, jejaring::MitraKind::as_str);
    }
}
