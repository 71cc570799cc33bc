//! The audit head keeps the hash before its last one, so that PostgreSQL can move the
//! head, hash the new record and insert it in one statement (`RETURNING` gives only the
//! new values): one round trip instead of three while holding the lock every audited
//! write waits for. SQLite keeps the three statements and leaves the column as is.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("audit_head"))
                    .add_column(string_len(Alias::new("prev_hash"), 64).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("audit_head"))
                    .drop_column(Alias::new("prev_hash"))
                    .to_owned(),
            )
            .await
    }
}
