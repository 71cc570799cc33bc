//! Refresh tokens: stored as SHA-256 hashes, rotated on every use, grouped in families so
//! that presenting a used token revokes every token descended from the same login.

use crate::entity::refresh_token::{ActiveModel, Column, Entity};
use crate::{Db, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

pub enum Rotation {
    /// The presented token was valid; the new one replaces it in the same family.
    Rotated { user_id: Uuid, family_id: Uuid },
    /// The token had already been used: the family is now revoked.
    Reused { user_id: Uuid },
    /// Unknown, expired or revoked.
    Invalid,
}

pub async fn issue(
    db: &Db,
    user_id: Uuid,
    family_id: Uuid,
    token_hash: String,
    ttl: chrono::Duration,
) -> Result<(), StoreError> {
    let now = chrono::Utc::now();
    Entity::insert(ActiveModel {
        id: Set(Uuid::now_v7().to_string()),
        token_hash: Set(token_hash),
        family_id: Set(family_id.to_string()),
        user_id: Set(user_id.to_string()),
        expires_at: Set(now + ttl),
        created_at: Set(now),
        used_at: Set(None),
        revoked_at: Set(None),
    })
    .exec(db.conn())
    .await?;
    Ok(())
}

/// Uses `presented` once and stores `next` in its family, atomically: of two concurrent
/// uses of one token exactly one rotates and the other counts as reuse.
pub async fn rotate(
    db: &Db,
    presented: &str,
    next: String,
    ttl: chrono::Duration,
) -> Result<Rotation, StoreError> {
    let now = chrono::Utc::now();
    let txn = db.begin_write().await?;
    let used = Entity::update_many()
        .col_expr(Column::UsedAt, Expr::value(now))
        .filter(Column::TokenHash.eq(presented))
        .filter(Column::UsedAt.is_null())
        .filter(Column::RevokedAt.is_null())
        .filter(Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?
        .rows_affected;
    let Some(row) = Entity::find()
        .filter(Column::TokenHash.eq(presented))
        .one(&txn)
        .await?
    else {
        txn.commit().await?;
        return Ok(Rotation::Invalid);
    };
    let (Ok(user_id), Ok(family_id)) = (
        Uuid::parse_str(&row.user_id),
        Uuid::parse_str(&row.family_id),
    ) else {
        return Err(StoreError::Db(sea_orm::DbErr::Custom(
            "refresh token row has invalid ids".into(),
        )));
    };
    let outcome = if used == 1 {
        Entity::insert(ActiveModel {
            id: Set(Uuid::now_v7().to_string()),
            token_hash: Set(next),
            family_id: Set(row.family_id.clone()),
            user_id: Set(row.user_id.clone()),
            expires_at: Set(now + ttl),
            created_at: Set(now),
            used_at: Set(None),
            revoked_at: Set(None),
        })
        .exec(&txn)
        .await?;
        Rotation::Rotated { user_id, family_id }
    } else if row.used_at.is_some() && row.revoked_at.is_none() {
        revoke_family_in(&txn, &row.family_id, now).await?;
        Rotation::Reused { user_id }
    } else {
        Rotation::Invalid
    };
    txn.commit().await?;
    Ok(outcome)
}

async fn revoke_family_in<C: sea_orm::ConnectionTrait>(
    conn: &C,
    family: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .filter(Column::FamilyId.eq(family))
        .filter(Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Revokes every refresh token of `user_id` (each login's family).
pub async fn revoke_user(db: &Db, user_id: Uuid) -> Result<(), StoreError> {
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(chrono::Utc::now()))
        .filter(Column::UserId.eq(user_id.to_string()))
        .filter(Column::RevokedAt.is_null())
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Revokes the family of `token_hash` if it belongs to `user_id`; false when it does not.
pub async fn revoke_family_of(
    db: &Db,
    user_id: Uuid,
    token_hash: &str,
) -> Result<bool, StoreError> {
    let Some(row) = Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .filter(Column::UserId.eq(user_id.to_string()))
        .one(db.conn())
        .await?
    else {
        return Ok(false);
    };
    revoke_family_in(db.conn(), &row.family_id, chrono::Utc::now()).await?;
    Ok(true)
}
