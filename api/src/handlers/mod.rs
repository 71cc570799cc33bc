//! One module per path noun, each with its own `configure`. Handlers wire: parse, call the domain and persistence,
//! convert to DTOs. They decide nothing.

pub mod audit;
pub mod auth;
pub mod buku_kas;
pub mod dana;
pub mod dasar_zakat;
pub mod donatur;
pub mod fallback;
pub mod health;
pub mod jimpitan;
pub mod katalog;
pub mod laporan;
pub mod metrics;
pub mod mitra;
pub mod padukuhan;
pub mod partner;
pub mod pengesahan;
pub mod pengurus;
pub mod penjualan_beras;
pub mod penyaluran;
pub mod ppks;
pub mod ppks_ekspor;
pub mod ppks_impor;
pub mod ppks_rights;
pub mod ppks_rules;
pub mod ppks_xlsx;
pub mod proposal;
pub mod psks;
pub mod rapat;
pub mod stempel;
pub mod tahapan;
pub mod transfer_dana;
pub mod usaha;
pub mod users;
pub mod wilayah;
pub mod wksbm;
