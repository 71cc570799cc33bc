//! `Idempotency-Key` (GUIDE.md section 2): a key is claimed in its own short transaction,
//! then sealed with the response inside the transaction that moves the money, so a
//! committed write and its stored response are never apart. A retry with the same key
//! and body gets the stored response; a different body is refused; while the first is
//! still running, 409. A claim whose request never committed (the process died) is taken
//! over after `ABANDONED_AFTER`; the seal checks the claim token, so the older request,
//! if it is somehow still alive, rolls back instead of writing twice.

use crate::entity::idempotency_key::{ActiveModel, Column, Entity};
use crate::{Db, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// Keys are kept at least this long (GUIDE.md: 24 hours).
pub const KEPT_FOR: chrono::Duration = chrono::Duration::hours(24);
/// A claim this old without a response belongs to a request that died before commit.
pub const ABANDONED_AFTER: chrono::Duration = chrono::Duration::seconds(60);

/// The answer to replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Go ahead; seal with this token.
    Fresh(Seal),
    Replay(Rendered),
    /// The key was used with another request body.
    Mismatch,
    /// The first request with this key has not finished.
    Running,
}

/// Who holds a key, to seal it with the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    pub user: Uuid,
    pub key: String,
    pub token: Uuid,
}

/// A seal and how to render the result being committed.
pub struct Sealer<'a, T> {
    pub seal: Seal,
    pub render: &'a (dyn Fn(&T) -> Rendered + Sync),
}

pub async fn claim(db: &Db, user: Uuid, key: &str, hash: &str) -> Result<Claim, StoreError> {
    // Two tries: on PostgreSQL a concurrent first use of the same key makes our insert
    // fail on the primary key; the second look then sees that row.
    for _ in 0..2 {
        match try_claim(db, user, key, hash).await {
            Err(StoreError::Conflict(_)) => continue,
            other => return other,
        }
    }
    Ok(Claim::Running)
}

async fn try_claim(db: &Db, user: Uuid, key: &str, hash: &str) -> Result<Claim, StoreError> {
    let txn = db.begin_write().await?;
    let now = chrono::Utc::now();
    let token = Uuid::now_v7();
    let fresh = Claim::Fresh(Seal {
        user,
        key: key.to_owned(),
        token,
    });
    let found = Entity::find_by_id((user.to_string(), key.to_owned()))
        .one(&txn)
        .await?;
    let outcome = match found {
        None => {
            Entity::insert(ActiveModel {
                user_id: Set(user.to_string()),
                key: Set(key.to_owned()),
                request_hash: Set(hash.to_owned()),
                claim: Set(token.to_string()),
                state: Set("running".into()),
                status: Set(None),
                body: Set(None),
                location: Set(None),
                created_at: Set(now),
            })
            .exec(&txn)
            .await?;
            fresh
        }
        Some(r)
            if r.created_at < now - KEPT_FOR
                || (r.state == "running" && r.created_at < now - ABANDONED_AFTER) =>
        {
            // Expired, or abandoned by a request that never committed: start again — but
            // only if the row is still exactly what was read (same claim, state and time),
            // so a request that sealed it meanwhile is never overwritten.
            let taken = Entity::update_many()
                .col_expr(Column::RequestHash, Expr::value(hash.to_owned()))
                .col_expr(Column::Claim, Expr::value(token.to_string()))
                .col_expr(Column::State, Expr::value("running"))
                .col_expr(Column::Status, Expr::value(Option::<i32>::None))
                .col_expr(Column::Body, Expr::value(Option::<String>::None))
                .col_expr(Column::Location, Expr::value(Option::<String>::None))
                .col_expr(Column::CreatedAt, Expr::value(now))
                .filter(Column::UserId.eq(user.to_string()))
                .filter(Column::Key.eq(key))
                .filter(Column::Claim.eq(r.claim.clone()))
                .filter(Column::State.eq(r.state.clone()))
                .filter(Column::CreatedAt.eq(r.created_at))
                .exec(&txn)
                .await?;
            if taken.rows_affected == 1 {
                fresh
            } else {
                Claim::Running
            }
        }
        Some(r) if r.request_hash != hash => Claim::Mismatch,
        Some(r) if r.state == "done" => Claim::Replay(Rendered {
            status: r.status.and_then(|s| u16::try_from(s).ok()).unwrap_or(200),
            body: r.body.unwrap_or_default(),
            location: r.location,
        }),
        Some(_) => Claim::Running,
    };
    txn.commit().await?;
    Ok(outcome)
}

/// Stores the response with the key, inside the transaction that made it. Fails (and so
/// rolls the write back) when the claim was taken over meanwhile.
pub async fn seal_in<C: ConnectionTrait>(
    conn: &C,
    seal: &Seal,
    r: &Rendered,
) -> Result<(), StoreError> {
    let res = Entity::update_many()
        .col_expr(Column::State, Expr::value("done"))
        .col_expr(Column::Status, Expr::value(i32::from(r.status)))
        .col_expr(Column::Body, Expr::value(r.body.clone()))
        .col_expr(Column::Location, Expr::value(r.location.clone()))
        .filter(Column::UserId.eq(seal.user.to_string()))
        .filter(Column::Key.eq(seal.key.as_str()))
        .filter(Column::Claim.eq(seal.token.to_string()))
        .filter(Column::State.eq("running"))
        .exec(conn)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::Rule {
            code: "idempotency_key_in_use",
            message: "this Idempotency-Key was taken over by a later request".into(),
        })
    }
}

/// Seals `value` when a sealer is given.
pub async fn seal_with<C: ConnectionTrait, T>(
    conn: &C,
    sealer: Option<&Sealer<'_, T>>,
    value: &T,
) -> Result<(), StoreError> {
    match sealer {
        Some(s) => seal_in(conn, &s.seal, &(s.render)(value)).await,
        None => Ok(()),
    }
}

/// Gives the key back when the request failed without writing anything, so that a retry
/// runs afresh.
pub async fn release(db: &Db, seal: &Seal) -> Result<(), StoreError> {
    Entity::delete_many()
        .filter(Column::UserId.eq(seal.user.to_string()))
        .filter(Column::Key.eq(seal.key.as_str()))
        .filter(Column::Claim.eq(seal.token.to_string()))
        .filter(Column::State.eq("running"))
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Deletes keys older than `KEPT_FOR` (run by `wksbm-api purge`).
pub async fn purge(db: &Db) -> Result<u64, StoreError> {
    let cutoff = chrono::Utc::now() - KEPT_FOR;
    Ok(Entity::delete_many()
        .filter(Column::CreatedAt.lt(cutoff))
        .exec(db.conn())
        .await?
        .rows_affected)
}
