//! The rules of wksbm, free of IO: value types parsed once, reference data, and the
//! policies later issues add. Nothing here knows about HTTP or databases.

pub mod access;
pub mod account;
pub mod audit;
pub mod board;
pub mod csv;
pub mod formation;
pub mod fundraising;
pub mod jimpitan;
pub mod katalog;
pub mod meeting;
pub mod messages;
pub mod money;
pub mod nik;
pub mod padukuhan;
pub mod page;
pub mod partner;
pub mod penyaluran;
pub mod ppks;
pub mod ppks_columns;
pub mod provinsi;
pub mod report;
pub mod stamp;
pub mod text;
pub mod wilayah;
pub mod wilayah_import;
pub mod wire_enum;
