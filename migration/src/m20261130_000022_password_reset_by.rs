//! Who last reset an account's password, until the account's first login after it
//! (issue 21): that login is then audited as `auth.login_after_reset` with the resetter,
//! so a reset someone else used to log in as the holder shows in the log.

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
                    .table(Alias::new("app_user"))
                    .add_column(string_null(Alias::new("password_reset_by")))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("app_user"))
                    .drop_column(Alias::new("password_reset_by"))
                    .to_owned(),
            )
            .await
    }
}
