//! The wksbm HTTP server: configuration, the actix-web application, handlers and the
//! `wksbm-api` command line.

pub mod audit_checkpoint;
pub mod auth;
pub mod bootstrap;
pub mod cli;
pub mod clock;
pub mod config;
pub mod error;
pub mod guards;
pub mod handlers;
pub mod i18n;
pub mod idempotency;
pub mod middleware;
pub mod pagination;
pub mod ppks_draft;
pub mod precondition;
pub mod register_file;
pub mod registers;
pub mod routes;
pub mod seed;
pub mod seed_demo;
pub mod start_error;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod validation;
pub mod vault_keys;

pub use config::{Cli, Settings};
pub use startup::Application;
