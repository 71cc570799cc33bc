//! A board seat may be given a user account (role `pengurus`); ending the seat ends it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PengurusSeat {
    Table,
    AccountId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One ALTER per statement: SQLite cannot combine them.
        manager
            .alter_table(
                Table::alter()
                    .table(PengurusSeat::Table)
                    .add_column(string_len_null(PengurusSeat::AccountId, 36))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PengurusSeat::Table)
                    .drop_column(PengurusSeat::AccountId)
                    .to_owned(),
            )
            .await
    }
}
