//! A board seat's SK in the same shape as the legalisation SK: number, date and signer
//! (it was one free-text reference). A seat recorded before this keeps its reference as
//! the number; its date becomes the term start and its signer `tidak tercatat` (not
//! recorded), which CHANGELOG.md states, so that no seat loses what it had.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const LEGACY_SIGNER: &str = "tidak tercatat";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let seat = Alias::new("pengurus_seat");
        manager
            .alter_table(
                Table::alter()
                    .table(seat.clone())
                    .rename_column(Alias::new("sk_reference"), Alias::new("sk_number"))
                    .to_owned(),
            )
            .await?;
        // SQLite alters one column per statement.
        for col in [
            date_null(Alias::new("sk_date")),
            string_null(Alias::new("sk_signed_by")),
        ] {
            let mut col = col;
            manager
                .alter_table(
                    Table::alter()
                        .table(seat.clone())
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "UPDATE pengurus_seat SET sk_date = term_start, sk_signed_by = '{LEGACY_SIGNER}' \
                 WHERE sk_number IS NOT NULL"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let seat = Alias::new("pengurus_seat");
        for col in ["sk_signed_by", "sk_date"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(seat.clone())
                        .drop_column(Alias::new(col))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(seat)
                    .rename_column(Alias::new("sk_number"), Alias::new("sk_reference"))
                    .to_owned(),
            )
            .await
    }
}
