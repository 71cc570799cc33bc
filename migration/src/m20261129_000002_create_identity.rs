//! Identity: user accounts, refresh tokens (stored hashed, grouped in families for reuse
//! detection) and the append-only, hash-chained audit log with its head row.

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
enum AppUser {
    Table,
    Id,
    Username,
    PasswordHash,
    Name,
    Role,
    WilayahCode,
    PadukuhanId,
    WksbmId,
    Jabatan,
    PersonalDataGrant,
    Active,
    DeactivatedAt,
    DeactivationReason,
    TokenVersion,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RefreshToken {
    Table,
    Id,
    TokenHash,
    FamilyId,
    UserId,
    ExpiresAt,
    CreatedAt,
    UsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Seq,
    Id,
    At,
    ActorId,
    ActorRole,
    ActorScope,
    Action,
    ResourceType,
    ResourceId,
    Territory,
    RequestId,
    ChangedFields,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    Id,
    LastSeq,
    LastHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(string_len(AppUser::Id, 36).primary_key())
                    .col(string_len_uniq(AppUser::Username, 64))
                    .col(string_len(AppUser::PasswordHash, 255))
                    .col(string_len(AppUser::Name, 200))
                    .col(string_len(AppUser::Role, 16))
                    .col(string_len(AppUser::WilayahCode, 13))
                    .col(string_len_null(AppUser::PadukuhanId, 36))
                    .col(string_len_null(AppUser::WksbmId, 36))
                    .col(string_len_null(AppUser::Jabatan, 16))
                    .col(boolean(AppUser::PersonalDataGrant).default(false))
                    .col(boolean(AppUser::Active).default(true))
                    .col(timestamp_with_time_zone_null(AppUser::DeactivatedAt))
                    .col(string_len_null(AppUser::DeactivationReason, 500))
                    .col(big_integer(AppUser::TokenVersion).default(0))
                    .col(big_integer(AppUser::Version).default(1))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .col(timestamp_with_time_zone(AppUser::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_app_user_wilayah")
                            .from(AppUser::Table, AppUser::WilayahCode)
                            .to(Wilayah::Table, Wilayah::Code)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_app_user_wilayah_code")
                    .table(AppUser::Table)
                    .col(AppUser::WilayahCode)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshToken::Table)
                    .col(string_len(RefreshToken::Id, 36).primary_key())
                    .col(string_len_uniq(RefreshToken::TokenHash, 64))
                    .col(string_len(RefreshToken::FamilyId, 36))
                    .col(string_len(RefreshToken::UserId, 36))
                    .col(timestamp_with_time_zone(RefreshToken::ExpiresAt))
                    .col(timestamp_with_time_zone(RefreshToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(RefreshToken::UsedAt))
                    .col(timestamp_with_time_zone_null(RefreshToken::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refresh_token_user")
                            .from(RefreshToken::Table, RefreshToken::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_refresh_token_family")
                    .table(RefreshToken::Table)
                    .col(RefreshToken::FamilyId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_integer(AuditLog::Seq).primary_key())
                    .col(string_len_uniq(AuditLog::Id, 36))
                    // Text, not a timestamp type: the hash covers the exact stored bytes.
                    .col(string_len(AuditLog::At, 40))
                    .col(string_len_null(AuditLog::ActorId, 36))
                    .col(string_len(AuditLog::ActorRole, 16))
                    .col(string_len(AuditLog::ActorScope, 40))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::ResourceType, 32))
                    .col(string_len_null(AuditLog::ResourceId, 64))
                    .col(string_len(AuditLog::Territory, 13))
                    .col(string_len(AuditLog::RequestId, 128))
                    .col(text(AuditLog::ChangedFields))
                    .col(string_len(AuditLog::PrevHash, 64))
                    .col(string_len(AuditLog::Hash, 64))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_audit_log_territory", AuditLog::Territory),
            ("ix_audit_log_resource", AuditLog::ResourceId),
            ("ix_audit_log_actor", AuditLog::ActorId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditLog::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AuditHead::Table)
                    .col(integer(AuditHead::Id).primary_key())
                    .col(big_integer(AuditHead::LastSeq))
                    .col(string_len(AuditHead::LastHash, 64))
                    .to_owned(),
            )
            .await?;
        let genesis = Query::insert()
            .into_table(AuditHead::Table)
            .columns([AuditHead::Id, AuditHead::LastSeq, AuditHead::LastHash])
            .values_panic([1.into(), 0i64.into(), "0".repeat(64).into()])
            .to_owned();
        manager.exec_stmt(genesis).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditHead::Table.into_iden(),
            AuditLog::Table.into_iden(),
            RefreshToken::Table.into_iden(),
            AppUser::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
