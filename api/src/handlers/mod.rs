//! One file per endpoint group. Handlers wire: parse, call the domain and persistence,
//! convert to DTOs. They decide nothing.

pub mod audit;
pub mod auth;
pub mod dana;
pub mod fallback;
pub mod fundraising;
pub mod health;
pub mod jejaring;
pub mod katalog;
pub mod laporan;
pub mod metrics;
pub mod padukuhan;
pub mod partner;
pub mod pengurus;
pub mod penyaluran;
pub mod ppks;
pub mod ppks_io;
pub mod ppks_rights;
pub mod ppks_rules;
pub mod ppks_xlsx;
pub mod psks;
pub mod rapat;
pub mod stempel;
pub mod tahapan;
pub mod users;
pub mod wilayah;
pub mod wksbm;
