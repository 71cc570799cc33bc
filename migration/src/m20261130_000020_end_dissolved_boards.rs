//! Dissolving a WKSBM now ends its board: every seat, and the seats' accounts (issue 21).
//! A WKSBM dissolved before that kept live seats and accounts whose holders could still
//! log in and read; this ends them as a dissolution now would, with the same reason.
//! No audit row is written (the chain is the application's); the accounts' status
//! reason says why.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::prelude::ChronoDateTimeUtc;

#[derive(DeriveMigrationName)]
pub struct Migration;

const REASON: &str = "WKSBM dibubarkan";

fn dissolved_wksbm() -> SelectStatement {
    Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("wksbm"))
        .and_where(Expr::col(Alias::new("status")).eq("dibubarkan"))
        .to_owned()
}

/// The accounts of the live seats of dissolved WKSBM.
fn their_accounts() -> SelectStatement {
    Query::select()
        .column(Alias::new("account_id"))
        .from(Alias::new("pengurus_seat"))
        .and_where(Expr::col(Alias::new("wksbm_id")).in_subquery(dissolved_wksbm()))
        .and_where(Expr::col(Alias::new("ended_at")).is_null())
        .and_where(Expr::col(Alias::new("account_id")).is_not_null())
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let now: ChronoDateTimeUtc = chrono_now();
        let revoke = Query::update()
            .table(Alias::new("refresh_token"))
            .value(Alias::new("revoked_at"), now)
            .and_where(Expr::col(Alias::new("revoked_at")).is_null())
            .and_where(Expr::col(Alias::new("user_id")).in_subquery(their_accounts()))
            .to_owned();
        let deactivate = Query::update()
            .table(Alias::new("app_user"))
            .value(Alias::new("active"), false)
            .value(Alias::new("deactivated_at"), now)
            .value(Alias::new("deactivation_reason"), REASON)
            .value(
                Alias::new("token_version"),
                Expr::col(Alias::new("token_version")).add(1),
            )
            .value(
                Alias::new("version"),
                Expr::col(Alias::new("version")).add(1),
            )
            .value(Alias::new("updated_at"), now)
            .and_where(Expr::col(Alias::new("active")).eq(true))
            .and_where(Expr::col(Alias::new("id")).in_subquery(their_accounts()))
            .to_owned();
        let end_seats = Query::update()
            .table(Alias::new("pengurus_seat"))
            .value(Alias::new("ended_at"), now)
            .value(Alias::new("end_reason"), REASON)
            .and_where(Expr::col(Alias::new("ended_at")).is_null())
            .and_where(Expr::col(Alias::new("wksbm_id")).in_subquery(dissolved_wksbm()))
            .to_owned();
        // Tokens and accounts first: they are found through the seats still open.
        manager.exec_stmt(revoke).await?;
        manager.exec_stmt(deactivate).await?;
        manager.exec_stmt(end_seats).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Ending a board is not undone: the accounts stay ended, as after a dissolution.
        Ok(())
    }
}

fn chrono_now() -> ChronoDateTimeUtc {
    sea_orm_migration::sea_orm::prelude::ChronoUtc::now()
}
