//! What a posting may name, checked against the WKSBM it is written for: a business
//! unit, a donor, and (for zakat maal) the recorded legal basis.

use crate::StoreError;
use crate::entity::{partner, usaha, zakat_basis};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

fn unknown(code: &'static str, field: &'static str, message: &str) -> StoreError {
    StoreError::Invalid {
        code,
        field,
        message: message.into(),
    }
}

pub(crate) async fn usaha_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<(), StoreError> {
    usaha::Entity::find_by_id(id.to_string())
        .filter(usaha::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
        .map(|_| ())
        .ok_or_else(|| {
            unknown(
                "usaha_unknown",
                "usaha_id",
                "no business unit with this id in this WKSBM",
            )
        })
}

pub(crate) async fn donor_in<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    id: Uuid,
) -> Result<(), StoreError> {
    partner::Entity::find_by_id(id.to_string())
        .filter(partner::Column::WksbmId.eq(wksbm_id.to_string()))
        .filter(partner::Column::Register.eq("donatur"))
        .one(conn)
        .await?
        .map(|_| ())
        .ok_or_else(|| {
            unknown(
                "donor_unknown",
                "donor_id",
                "no donor with this id in this WKSBM",
            )
        })
}

pub(crate) async fn has_zakat_basis<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
) -> Result<bool, StoreError> {
    Ok(zakat_basis::Entity::find_by_id(wksbm_id.to_string())
        .one(conn)
        .await?
        .is_some())
}
