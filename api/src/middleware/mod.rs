//! Cross-cutting layers, outermost first: request id and access log, metrics, problem
//! rendering, CORS.

pub mod metrics;
pub mod problem;
pub mod request_id;
