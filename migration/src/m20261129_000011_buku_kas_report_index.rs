//! A covering index for the period report on PostgreSQL: the report sums a WKSBM's
//! entries between two dates grouped by fund, direction, method and category, and with
//! these columns in the index it reads no table pages (an index-only scan). SQLite has no
//! INCLUDE; its (wksbm_id, date, id) index serves it there.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX ix_buku_kas_report ON buku_kas (wksbm_id, date) \
                 INCLUDE (fund_id, direction, method, category, reverses_id, amount)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP INDEX IF EXISTS ix_buku_kas_report")
                .await?;
        }
        Ok(())
    }
}
