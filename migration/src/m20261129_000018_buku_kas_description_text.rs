//! A ledger description without the 500-character limit on PostgreSQL (SQLite never
//! enforced it): a reversed payment's description keeps the reason (up to 300
//! characters) and the handover it clears (receiver, relation, photo reference: up to
//! 800 more). Requests still limit the descriptions people type to 500. `varchar` to
//! `text` rewrites nothing on PostgreSQL.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("ALTER TABLE buku_kas ALTER COLUMN description TYPE text")
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE buku_kas ALTER COLUMN description TYPE varchar(500)",
                )
                .await?;
        }
        Ok(())
    }
}
