//! Checkpoints of the audit chain's head: what was signed, kept for `audit-verify` and for
//! whoever anchors them outside.

use crate::entity::{audit_checkpoint, audit_head, audit_log};
use crate::{Db, StoreError};
use sea_orm::{ActiveValue::Set, EntityTrait, QueryOrder};

/// A signed statement that the chain had `seq` rows ending in `hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The compact JWS (EdDSA, the token key's `kid`) over `seq` and `hash`.
    pub token: String,
}

/// The chain's head: its last sequence number and hash (0 and zeros when empty).
pub async fn head(db: &Db) -> Result<(i64, String), StoreError> {
    Ok(audit_head::Entity::find_by_id(1)
        .one(db.conn())
        .await?
        .map_or((0, "0".repeat(64)), |h| (h.last_seq, h.last_hash)))
}

/// The newest checkpoint, if any.
pub async fn latest(db: &Db) -> Result<Option<Checkpoint>, StoreError> {
    Ok(audit_checkpoint::Entity::find()
        .order_by_desc(audit_checkpoint::Column::Seq)
        .one(db.conn())
        .await?
        .map(|m| Checkpoint {
            seq: m.seq,
            hash: m.hash,
            at: m.at,
            token: m.token,
        }))
}

/// Keeps a checkpoint (a second one for the same head is ignored).
pub async fn save(db: &Db, c: &Checkpoint) -> Result<(), StoreError> {
    let res = audit_checkpoint::Entity::insert(audit_checkpoint::ActiveModel {
        seq: Set(c.seq),
        hash: Set(c.hash.clone()),
        at: Set(c.at),
        token: Set(c.token.clone()),
    })
    .exec_without_returning(db.conn())
    .await;
    match res.map_err(StoreError::from) {
        Ok(_) | Err(StoreError::Conflict(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The stored hash of row `seq`, if the row exists.
pub async fn row_hash(db: &Db, seq: i64) -> Result<Option<String>, StoreError> {
    Ok(audit_log::Entity::find_by_id(seq)
        .one(db.conn())
        .await?
        .map(|m| m.hash))
}
