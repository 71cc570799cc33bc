//! A WKSBM's reversed distribution payments: the report adds the standing payments of a
//! period from the recipients and corrects them by these few reversals (by the entries'
//! dates), which a partial index finds without reading the rest of the ledger.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The same statement on PostgreSQL and SQLite (both index part of a table).
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX ix_buku_kas_payment_reversals ON buku_kas (wksbm_id) \
                 WHERE penyaluran_id IS NOT NULL AND reverses_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_buku_kas_payment_reversals")
                    .table(Alias::new("buku_kas"))
                    .to_owned(),
            )
            .await
    }
}
