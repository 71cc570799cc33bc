//! A rice sale's price per kilogram as a column of both its entries (it was only in the
//! description), so the books and integrations read it as a number.

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
                    .table(Alias::new("buku_kas"))
                    .add_column(big_integer_null(Alias::new("price_per_kg")))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("buku_kas"))
                    .drop_column(Alias::new("price_per_kg"))
                    .to_owned(),
            )
            .await
    }
}
