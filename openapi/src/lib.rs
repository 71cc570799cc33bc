//! The wire contract: request and response DTOs, the problem type, reusable error
//! responses and the base `ApiDoc`. The API crate adds the paths; the assembled spec is
//! committed as `openapi/openapi.json`.

pub mod audit;
pub mod auth;
pub mod doc;
pub mod formation;
pub mod fundraising;
pub mod health;
pub mod katalog;
pub mod money;
pub mod page;
pub mod partner;
pub mod penyaluran;
pub mod ppks;
pub mod ppks_io;
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
