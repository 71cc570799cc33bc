//! The asnaf a recipient was paid under, stored with the payment (issue 21): the person's
//! asnaf may change after the payment, the payment's stays what it was paid for.
//! Payments made before keep `NULL` (their asnaf was not recorded at the time).

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
                    .table(Alias::new("penyaluran_penerima"))
                    .add_column(string_null(Alias::new("paid_asnaf")))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("penyaluran_penerima"))
                    .drop_column(Alias::new("paid_asnaf"))
                    .to_owned(),
            )
            .await
    }
}
