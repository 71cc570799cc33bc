//! Black-box tests over real HTTP: one binary, one module per area.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod audit;
mod auth;
mod dana;
mod dana_cap;
mod durability;
mod errors;
mod formation;
mod import;
mod jejaring;
mod katalog;
mod matrix;
mod ops;
mod oracles;
mod ppks;
mod ppks_io;
mod seed;
mod spec;
mod tokens;
mod users;
mod wilayah;
