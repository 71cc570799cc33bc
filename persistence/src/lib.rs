//! Storage: sea-orm entities kept private, repositories that take and return domain
//! types, connection set-up for SQLite and PostgreSQL, and the reference-data sync.

mod db;
mod entity;
mod error;
pub mod reference;
pub mod wilayah_cache;
pub mod wilayah_repo;

pub use db::{Backend, Db, DbSettings, PoolStats};
pub use error::StoreError;
