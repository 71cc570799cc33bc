//! A round's entries by date: the report adds up a period's distributions from the ledger
//! (payments less their reversals), reaching them from the WKSBM's rounds.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_buku_kas_penyaluran")
                    .table(Alias::new("buku_kas"))
                    .col(Alias::new("penyaluran_id"))
                    .col(Alias::new("date"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_buku_kas_penyaluran")
                    .table(Alias::new("buku_kas"))
                    .to_owned(),
            )
            .await
    }
}
