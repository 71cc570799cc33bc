//! The territory tree: provinsi → kabupaten → kapanewon → kalurahan, keyed by the
//! Kemendagri code. `name_search` holds the folded name so that `q` can match
//! case- and accent-insensitively with a plain LIKE on both databases.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Wilayah {
    Table,
    Code,
    ParentCode,
    Level,
    Name,
    NameSearch,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Wilayah::Table)
                    .col(string_len(Wilayah::Code, 13).primary_key())
                    .col(string_len_null(Wilayah::ParentCode, 13))
                    .col(string_len(Wilayah::Level, 16))
                    .col(string_len(Wilayah::Name, 200))
                    .col(string_len(Wilayah::NameSearch, 200))
                    .col(timestamp_with_time_zone(Wilayah::CreatedAt))
                    .col(timestamp_with_time_zone(Wilayah::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wilayah_parent")
                            .from(Wilayah::Table, Wilayah::ParentCode)
                            .to(Wilayah::Table, Wilayah::Code)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_wilayah_parent_code")
                    .table(Wilayah::Table)
                    .col(Wilayah::ParentCode)
                    .col(Wilayah::Code)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_wilayah_level_code")
                    .table(Wilayah::Table)
                    .col(Wilayah::Level)
                    .col(Wilayah::Code)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Wilayah::Table).to_owned())
            .await
    }
}
