//! Signed checkpoints of the audit chain's head (issue 21): deleting the last rows and
//! rewinding the head passed `audit-verify`; a checkpoint (its sequence number and hash,
//! signed with the token key) is published in the log and at `/api/v1/audit/checkpoint`
//! for anchoring outside, and `audit-verify` checks the chain against the latest one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("audit_checkpoint"))
                    .col(big_integer(Alias::new("seq")).primary_key())
                    .col(string(Alias::new("hash")))
                    .col(timestamp_with_time_zone(Alias::new("at")))
                    .col(text(Alias::new("token")))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new("audit_checkpoint"))
                    .to_owned(),
            )
            .await
    }
}
