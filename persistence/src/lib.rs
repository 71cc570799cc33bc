//! Storage: sea-orm entities kept private, repositories that take and return domain
//! types, connection set-up for SQLite and PostgreSQL, and the reference-data sync.

pub mod audit_checkpoint_repo;
pub mod audit_repo;
pub mod audit_writer;
pub mod correction;
pub mod dana_repo;
mod db;
mod entity;
mod error;
pub mod fundraising_repo;
pub mod idempotency_repo;
pub mod jejaring_repo;
pub mod padukuhan_repo;
mod page;
pub mod penyaluran_repo;
pub mod ppks_repo;
pub mod rapat_repo;
mod raw;
pub mod reference;
mod scope;
pub mod stempel_repo;
pub mod token_repo;
pub mod user_repo;
pub mod vault;
pub mod wilayah_cache;
pub mod wilayah_repo;
pub mod wksbm_repo;

pub use db::{Backend, Db, DbSettings, PoolStats};
pub use error::StoreError;
