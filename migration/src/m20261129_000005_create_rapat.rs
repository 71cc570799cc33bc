//! Meetings (buku notulensi rapat) and their numbered decisions, which later workflows
//! cite (a distribution is approved by a decision).

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
enum Rapat {
    Table,
    Id,
    WksbmId,
    Date,
    Place,
    Agenda,
    Minutes,
    Attendees,
    QuorumPresent,
    BoardSize,
    QuorumReached,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RapatKeputusan {
    Table,
    Id,
    RapatId,
    WksbmId,
    Number,
    Text,
    Outcome,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Rapat::Table)
                    .col(string_len(Rapat::Id, 36).primary_key())
                    .col(string_len(Rapat::WksbmId, 36))
                    .col(date(Rapat::Date))
                    .col(string_len(Rapat::Place, 200))
                    .col(text(Rapat::Agenda))
                    .col(text_null(Rapat::Minutes))
                    .col(text(Rapat::Attendees))
                    .col(integer(Rapat::QuorumPresent))
                    .col(integer(Rapat::BoardSize))
                    .col(boolean(Rapat::QuorumReached))
                    .col(string_len(Rapat::CreatedBy, 36))
                    .col(timestamp_with_time_zone(Rapat::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rapat_wksbm")
                            .from(Rapat::Table, Rapat::WksbmId)
                            .to(Wksbm::Table, Wksbm::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_rapat_wksbm")
                    .table(Rapat::Table)
                    .col(Rapat::WksbmId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RapatKeputusan::Table)
                    .col(string_len(RapatKeputusan::Id, 36).primary_key())
                    .col(string_len(RapatKeputusan::RapatId, 36))
                    .col(string_len(RapatKeputusan::WksbmId, 36))
                    .col(integer(RapatKeputusan::Number))
                    .col(text(RapatKeputusan::Text))
                    .col(string_len(RapatKeputusan::Outcome, 16))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rapat_keputusan_rapat")
                            .from(RapatKeputusan::Table, RapatKeputusan::RapatId)
                            .to(Rapat::Table, Rapat::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_rapat_keputusan_number")
                    .table(RapatKeputusan::Table)
                    .col(RapatKeputusan::RapatId)
                    .col(RapatKeputusan::Number)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RapatKeputusan::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Rapat::Table).to_owned())
            .await
    }
}
