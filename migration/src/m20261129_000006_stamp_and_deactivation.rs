//! The stamp image of a WKSBM (every upload kept; the newest is current) and the reason
//! a padukuhan was deactivated.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Wksbm {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Padukuhan {
    Table,
    DeactivationReason,
}

#[derive(DeriveIden)]
enum WksbmStamp {
    Table,
    Id,
    WksbmId,
    ContentType,
    Bytes,
    Sha256,
    UploadedBy,
    UploadedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WksbmStamp::Table)
                    .col(string_len(WksbmStamp::Id, 36).primary_key())
                    .col(string_len(WksbmStamp::WksbmId, 36))
                    .col(string_len(WksbmStamp::ContentType, 32))
                    .col(blob(WksbmStamp::Bytes))
                    .col(string_len(WksbmStamp::Sha256, 64))
                    .col(string_len(WksbmStamp::UploadedBy, 36))
                    .col(timestamp_with_time_zone(WksbmStamp::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wksbm_stamp_wksbm")
                            .from(WksbmStamp::Table, WksbmStamp::WksbmId)
                            .to(Wksbm::Table, Wksbm::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_wksbm_stamp_wksbm")
                    .table(WksbmStamp::Table)
                    .col(WksbmStamp::WksbmId)
                    .col(WksbmStamp::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Padukuhan::Table)
                    .add_column(string_len_null(Padukuhan::DeactivationReason, 500))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Padukuhan::Table)
                    .drop_column(Padukuhan::DeactivationReason)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(WksbmStamp::Table).to_owned())
            .await
    }
}
