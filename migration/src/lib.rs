//! Hand-written migrations, valid on PostgreSQL and SQLite, and the bundled seed files.
//! Each migration is one small file; never edit one that has shipped, add another.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_create_wilayah;
mod m20261129_000002_create_identity;
mod m20261129_000003_create_formation;
mod m20261129_000004_seat_account;
mod m20261129_000005_create_rapat;
mod m20261129_000006_stamp_and_deactivation;
mod m20261129_000007_create_ppks;
mod m20261129_000008_create_partner;
mod m20261129_000009_ppks_name_trigram;
mod m20261129_000010_create_money;
mod m20261129_000011_buku_kas_report_index;
mod m20261129_000012_audit_head_prev_hash;
mod m20261129_000013_ppks_name_parts;
mod m20261129_000014_buku_kas_ppks_wksbm;
mod m20261129_000015_buku_kas_daily;
mod m20261129_000016_payment_reversals;
mod m20261129_000017_rice_sale_price;
mod m20261129_000018_buku_kas_description_text;
mod m20261130_000019_seat_sk;
mod m20261130_000020_end_dissolved_boards;
mod m20261130_000021_payment_asnaf;
mod m20261130_000022_password_reset_by;
mod m20261130_000023_audit_checkpoint;
mod m20261130_000024_fund_latest_date;

/// The Kabupaten Bantul wilayah CSV (Kepmendagri 300.2.2-2138/2025), loaded at start-up.
pub const WILAYAH_BANTUL_CSV: &str = include_str!("../seed/wilayah_bantul.csv");

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_wilayah::Migration),
            Box::new(m20261129_000002_create_identity::Migration),
            Box::new(m20261129_000003_create_formation::Migration),
            Box::new(m20261129_000004_seat_account::Migration),
            Box::new(m20261129_000005_create_rapat::Migration),
            Box::new(m20261129_000006_stamp_and_deactivation::Migration),
            Box::new(m20261129_000007_create_ppks::Migration),
            Box::new(m20261129_000008_create_partner::Migration),
            Box::new(m20261129_000009_ppks_name_trigram::Migration),
            Box::new(m20261129_000010_create_money::Migration),
            Box::new(m20261129_000011_buku_kas_report_index::Migration),
            Box::new(m20261129_000012_audit_head_prev_hash::Migration),
            Box::new(m20261129_000013_ppks_name_parts::Migration),
            Box::new(m20261129_000014_buku_kas_ppks_wksbm::Migration),
            Box::new(m20261129_000015_buku_kas_daily::Migration),
            Box::new(m20261129_000016_payment_reversals::Migration),
            Box::new(m20261129_000017_rice_sale_price::Migration),
            Box::new(m20261129_000018_buku_kas_description_text::Migration),
            Box::new(m20261130_000019_seat_sk::Migration),
            Box::new(m20261130_000020_end_dissolved_boards::Migration),
            Box::new(m20261130_000021_payment_asnaf::Migration),
            Box::new(m20261130_000022_password_reset_by::Migration),
            Box::new(m20261130_000023_audit_checkpoint::Migration),
            Box::new(m20261130_000024_fund_latest_date::Migration),
        ]
    }
}
