//! The date of a fund's latest entry, kept on the fund's row (issue 21): an outflow dated
//! before it must keep the running balance non-negative at every later entry, and the
//! balance update tells the writer whether there are any later entries without another
//! query (the money path holds the fund's lock meanwhile).

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
                    .table(Alias::new("dana"))
                    .add_column(date_null(Alias::new("latest_date")))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE dana SET latest_date = \
                 (SELECT MAX(b.date) FROM buku_kas b WHERE b.fund_id = dana.id)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("dana"))
                    .drop_column(Alias::new("latest_date"))
                    .to_owned(),
            )
            .await
    }
}
