//! sea-orm entities: private to this crate; repositories convert them to domain types.

pub mod app_user;
pub mod audit_checkpoint;
pub mod audit_head;
pub mod audit_log;
pub mod buku_kas;
pub mod dana;
pub mod idempotency_key;
pub mod jimpitan;
pub mod padukuhan;
pub mod partner;
pub mod pengurus_seat;
pub mod penyaluran;
pub mod penyaluran_penerima;
pub mod ppks;
pub mod proposal;
pub mod rapat;
pub mod rapat_keputusan;
pub mod refresh_token;
pub mod usaha;
pub mod wilayah;
pub mod wksbm;
pub mod wksbm_stamp;
pub mod wksbm_tahapan;
pub mod zakat_basis;
