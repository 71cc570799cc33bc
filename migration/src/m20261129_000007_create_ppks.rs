//! The PPKS register (book 8). Identity and sensitive parts are one encrypted document
//! (`private_enc`, AES-256-GCM, key named by `key_id`); `nik_hash` and `kk_hash` are keyed
//! hashes for exact look-up; `types_index` holds public type codes and keyed tags of the
//! private ones, so a type filter needs no decryption.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Padukuhan {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Ppks {
    Table,
    Id,
    PadukuhanId,
    KalurahanCode,
    WksbmId,
    KeyId,
    PrivateEnc,
    NikHash,
    KkHash,
    Name,
    NameKey,
    BirthPlace,
    BirthDate,
    Sex,
    Rt,
    Rw,
    Address,
    TypesIndex,
    Asnaf,
    LawfulBasis,
    ConsentProof,
    ConsentBy,
    ConsentName,
    Verified,
    VerifiedBy,
    VerifiedRole,
    VerifiedAt,
    Active,
    InactiveReason,
    InactiveDate,
    InactiveNote,
    AnonymisedAt,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Ppks::Table)
                    .col(string_len(Ppks::Id, 36).primary_key())
                    .col(string_len(Ppks::PadukuhanId, 36))
                    .col(string_len(Ppks::KalurahanCode, 13))
                    .col(string_len_null(Ppks::WksbmId, 36))
                    .col(string_len_null(Ppks::KeyId, 32))
                    .col(blob_null(Ppks::PrivateEnc))
                    .col(string_len_null(Ppks::NikHash, 64))
                    .col(string_len_null(Ppks::KkHash, 64))
                    .col(string_len(Ppks::Name, 200))
                    .col(string_len(Ppks::NameKey, 200))
                    .col(string_len_null(Ppks::BirthPlace, 100))
                    .col(date_null(Ppks::BirthDate))
                    .col(string_len_null(Ppks::Sex, 1))
                    .col(string_len_null(Ppks::Rt, 3))
                    .col(string_len_null(Ppks::Rw, 3))
                    .col(string_len_null(Ppks::Address, 500))
                    .col(string_len(Ppks::TypesIndex, 1000))
                    .col(string_len_null(Ppks::Asnaf, 20))
                    .col(string_len(Ppks::LawfulBasis, 20))
                    .col(string_len_null(Ppks::ConsentProof, 200))
                    .col(string_len_null(Ppks::ConsentBy, 20))
                    .col(string_len_null(Ppks::ConsentName, 200))
                    .col(boolean(Ppks::Verified).default(false))
                    .col(string_len_null(Ppks::VerifiedBy, 36))
                    .col(string_len_null(Ppks::VerifiedRole, 20))
                    .col(timestamp_with_time_zone_null(Ppks::VerifiedAt))
                    .col(boolean(Ppks::Active).default(true))
                    .col(string_len_null(Ppks::InactiveReason, 20))
                    .col(date_null(Ppks::InactiveDate))
                    .col(string_len_null(Ppks::InactiveNote, 500))
                    .col(timestamp_with_time_zone_null(Ppks::AnonymisedAt))
                    .col(big_integer(Ppks::Version).default(1))
                    .col(string_len(Ppks::CreatedBy, 36))
                    .col(timestamp_with_time_zone(Ppks::CreatedAt))
                    .col(timestamp_with_time_zone(Ppks::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ppks_padukuhan")
                            .from(Ppks::Table, Ppks::PadukuhanId)
                            .to(Padukuhan::Table, Padukuhan::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // One person, one record: NULL (anonymised) does not collide on either database.
        manager
            .create_index(
                Index::create()
                    .name("ux_ppks_nik_hash")
                    .table(Ppks::Table)
                    .col(Ppks::NikHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("ix_ppks_kk_hash", vec![Ppks::KkHash]),
            ("ix_ppks_kalurahan_id", vec![Ppks::KalurahanCode, Ppks::Id]),
            ("ix_ppks_padukuhan_id", vec![Ppks::PadukuhanId, Ppks::Id]),
            ("ix_ppks_updated_at", vec![Ppks::UpdatedAt]),
            ("ix_ppks_name_key", vec![Ppks::NameKey]),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(Ppks::Table);
            for c in cols {
                idx.col(c);
            }
            manager.create_index(idx.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Ppks::Table).to_owned())
            .await
    }
}
