//! The rules of wksbm, free of IO: value types parsed once, reference data, and the
//! policies later issues add. Nothing here knows about HTTP or databases.

pub mod access;
pub mod account;
pub mod audit;
pub mod csv;
pub mod dana;
pub mod formation;
pub mod fundraising;
pub mod jejaring;
pub mod jimpitan;
pub mod katalog;
pub mod messages;
pub mod nik;
pub mod padukuhan;
pub mod page;
pub mod pengurus;
pub mod penyaluran;
pub mod ppks;
pub mod ppks_columns;
pub mod ppks_draft;
pub mod provinsi;
pub mod rapat;
pub mod report;
pub mod stempel;
pub mod text;
pub mod wilayah;
pub mod wilayah_import;
pub mod wire_enum;
