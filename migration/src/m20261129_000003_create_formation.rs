//! Formation: padukuhan (given ids by the system under their kalurahan), WKSBM (at most
//! one not dissolved per padukuhan), their completed growth steps, and board seats with
//! their history.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Wilayah {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Padukuhan {
    Table,
    Id,
    KalurahanCode,
    Name,
    NameKey,
    Dukuh,
    RwRt,
    Latitude,
    Longitude,
    Active,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Wksbm {
    Table,
    Id,
    PadukuhanId,
    KalurahanCode,
    Name,
    Address,
    ContactPhone,
    Status,
    StatusReason,
    SkNumber,
    SkDate,
    SkSignedBy,
    LegalisedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WksbmTahapan {
    Table,
    Id,
    WksbmId,
    Step,
    Date,
    Notes,
    EvidenceRef,
    DoneBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PengurusSeat {
    Table,
    Id,
    WksbmId,
    Position,
    HolderName,
    HolderKey,
    TermStart,
    TermEnd,
    SkReference,
    EndedAt,
    EndReason,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Padukuhan::Table)
                    .col(string_len(Padukuhan::Id, 36).primary_key())
                    .col(string_len(Padukuhan::KalurahanCode, 13))
                    .col(string_len(Padukuhan::Name, 100))
                    .col(string_len(Padukuhan::NameKey, 100))
                    .col(string_len_null(Padukuhan::Dukuh, 200))
                    .col(text(Padukuhan::RwRt))
                    .col(double_null(Padukuhan::Latitude))
                    .col(double_null(Padukuhan::Longitude))
                    .col(boolean(Padukuhan::Active).default(true))
                    .col(big_integer(Padukuhan::Version).default(1))
                    .col(timestamp_with_time_zone(Padukuhan::CreatedAt))
                    .col(timestamp_with_time_zone(Padukuhan::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_padukuhan_kalurahan")
                            .from(Padukuhan::Table, Padukuhan::KalurahanCode)
                            .to(Wilayah::Table, Wilayah::Code)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_padukuhan_name_in_kalurahan")
                    .table(Padukuhan::Table)
                    .col(Padukuhan::KalurahanCode)
                    .col(Padukuhan::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Wksbm::Table)
                    .col(string_len(Wksbm::Id, 36).primary_key())
                    .col(string_len(Wksbm::PadukuhanId, 36))
                    .col(string_len(Wksbm::KalurahanCode, 13))
                    .col(string_len(Wksbm::Name, 200))
                    .col(string_len_null(Wksbm::Address, 500))
                    .col(string_len_null(Wksbm::ContactPhone, 32))
                    .col(string_len(Wksbm::Status, 16))
                    .col(string_len_null(Wksbm::StatusReason, 500))
                    .col(string_len_null(Wksbm::SkNumber, 100))
                    .col(date_null(Wksbm::SkDate))
                    .col(string_len_null(Wksbm::SkSignedBy, 200))
                    .col(string_len_null(Wksbm::LegalisedBy, 36))
                    .col(big_integer(Wksbm::Version).default(1))
                    .col(timestamp_with_time_zone(Wksbm::CreatedAt))
                    .col(timestamp_with_time_zone(Wksbm::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wksbm_padukuhan")
                            .from(Wksbm::Table, Wksbm::PadukuhanId)
                            .to(Padukuhan::Table, Padukuhan::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // At most one WKSBM that is not dissolved per padukuhan, under any concurrency:
        // a partial unique index, the same SQL on PostgreSQL and SQLite.
        manager
            .get_connection()
            .execute_unprepared("CREATE UNIQUE INDEX ux_wksbm_live_per_padukuhan ON wksbm (padukuhan_id) WHERE status <> 'dibubarkan'")
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_wksbm_kalurahan")
                    .table(Wksbm::Table)
                    .col(Wksbm::KalurahanCode)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WksbmTahapan::Table)
                    .col(string_len(WksbmTahapan::Id, 36).primary_key())
                    .col(string_len(WksbmTahapan::WksbmId, 36))
                    .col(string_len(WksbmTahapan::Step, 32))
                    .col(date(WksbmTahapan::Date))
                    .col(text_null(WksbmTahapan::Notes))
                    .col(string_len_null(WksbmTahapan::EvidenceRef, 500))
                    .col(string_len(WksbmTahapan::DoneBy, 36))
                    .col(timestamp_with_time_zone(WksbmTahapan::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wksbm_tahapan_wksbm")
                            .from(WksbmTahapan::Table, WksbmTahapan::WksbmId)
                            .to(Wksbm::Table, Wksbm::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_wksbm_tahapan_step")
                    .table(WksbmTahapan::Table)
                    .col(WksbmTahapan::WksbmId)
                    .col(WksbmTahapan::Step)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PengurusSeat::Table)
                    .col(string_len(PengurusSeat::Id, 36).primary_key())
                    .col(string_len(PengurusSeat::WksbmId, 36))
                    .col(string_len(PengurusSeat::Position, 16))
                    .col(string_len(PengurusSeat::HolderName, 200))
                    .col(string_len(PengurusSeat::HolderKey, 200))
                    .col(date(PengurusSeat::TermStart))
                    .col(date(PengurusSeat::TermEnd))
                    .col(string_len_null(PengurusSeat::SkReference, 200))
                    .col(timestamp_with_time_zone_null(PengurusSeat::EndedAt))
                    .col(string_len_null(PengurusSeat::EndReason, 500))
                    .col(timestamp_with_time_zone(PengurusSeat::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pengurus_seat_wksbm")
                            .from(PengurusSeat::Table, PengurusSeat::WksbmId)
                            .to(Wksbm::Table, Wksbm::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_pengurus_seat_wksbm")
                    .table(PengurusSeat::Table)
                    .col(PengurusSeat::WksbmId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            PengurusSeat::Table.into_iden(),
            WksbmTahapan::Table.into_iden(),
            Wksbm::Table.into_iden(),
            Padukuhan::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
