//! sea-orm entities: private to this crate; repositories convert them to domain types.

pub mod wilayah;
