//! Stamp images: every upload is kept; the newest is the WKSBM's current stamp.

use crate::entity::wksbm_stamp::{ActiveModel, Column, Entity};
use crate::wksbm_repo::{finish, lock, writable};
use crate::{Db, StoreError};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;

/// The current stamp: media type, bytes and their SHA-256 (hex).
pub struct Stamp {
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

pub async fn store(
    db: &Db,
    wksbm_id: Uuid,
    content_type: &str,
    bytes: Vec<u8>,
    uploaded_by: Uuid,
    audit: &AuditEntry,
) -> Result<String, StoreError> {
    let (txn, w) = lock(db, wksbm_id).await?;
    writable(&w)?;
    let sha = crate::audit_repo::hash_bytes(&bytes);
    Entity::insert(ActiveModel {
        id: Set(Uuid::now_v7().to_string()),
        wksbm_id: Set(wksbm_id.to_string()),
        content_type: Set(content_type.to_owned()),
        bytes: Set(bytes),
        sha256: Set(sha.clone()),
        uploaded_by: Set(uploaded_by.to_string()),
        uploaded_at: Set(chrono::Utc::now()),
    })
    .exec(&txn)
    .await?;
    finish(txn, wksbm_id, audit).await?;
    Ok(sha)
}

pub async fn current(db: &Db, wksbm_id: Uuid) -> Result<Option<Stamp>, StoreError> {
    Ok(Entity::find()
        .filter(Column::WksbmId.eq(wksbm_id.to_string()))
        .order_by_desc(Column::Id)
        .one(db.conn())
        .await?
        .map(|m| Stamp {
            content_type: m.content_type,
            bytes: m.bytes,
            sha256: m.sha256,
        }))
}
