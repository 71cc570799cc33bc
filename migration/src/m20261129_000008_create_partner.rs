//! PSKS, donors and partner organisations (books 9-11) in one table: `register` says
//! which; each register uses its own columns. Rows carry the WKSBM's padukuhan and
//! kalurahan so the one scope filter applies.

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
enum Partner {
    Table,
    Id,
    Register,
    WksbmId,
    PadukuhanId,
    KalurahanCode,
    Kind,
    Name,
    NameKey,
    Form,
    WithinArea,
    ContactPerson,
    Phone,
    Email,
    Address,
    Services,
    Capacity,
    MouNumber,
    MouStart,
    MouEnd,
    Notes,
    Active,
    DeactivationReason,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Partner::Table)
                    .col(string_len(Partner::Id, 36).primary_key())
                    .col(string_len(Partner::Register, 10))
                    .col(string_len(Partner::WksbmId, 36))
                    .col(string_len(Partner::PadukuhanId, 36))
                    .col(string_len(Partner::KalurahanCode, 13))
                    .col(string_len(Partner::Kind, 20))
                    .col(string_len(Partner::Name, 200))
                    .col(string_len(Partner::NameKey, 200))
                    .col(string_len_null(Partner::Form, 20))
                    .col(boolean_null(Partner::WithinArea))
                    .col(string_len_null(Partner::ContactPerson, 200))
                    .col(string_len_null(Partner::Phone, 20))
                    .col(string_len_null(Partner::Email, 254))
                    .col(string_len_null(Partner::Address, 500))
                    .col(text(Partner::Services))
                    .col(big_integer_null(Partner::Capacity))
                    .col(string_len_null(Partner::MouNumber, 100))
                    .col(date_null(Partner::MouStart))
                    .col(date_null(Partner::MouEnd))
                    .col(text_null(Partner::Notes))
                    .col(boolean(Partner::Active).default(true))
                    .col(string_len_null(Partner::DeactivationReason, 500))
                    .col(big_integer(Partner::Version).default(1))
                    .col(timestamp_with_time_zone(Partner::CreatedAt))
                    .col(timestamp_with_time_zone(Partner::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_partner_wksbm")
                            .from(Partner::Table, Partner::WksbmId)
                            .to(Wksbm::Table, Wksbm::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_partner_register_wksbm")
                    .table(Partner::Table)
                    .col(Partner::Register)
                    .col(Partner::WksbmId)
                    .col(Partner::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_partner_register_kalurahan")
                    .table(Partner::Table)
                    .col(Partner::Register)
                    .col(Partner::KalurahanCode)
                    .col(Partner::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Partner::Table).to_owned())
            .await
    }
}
