//! The end every id-ordered list shares: one page after a cursor.

use crate::{Db, StoreError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select};
use uuid::Uuid;

/// The rows of `q` after the id `after`, in `id` order, up to `limit + 1` (the extra row
/// tells the caller a next page exists), as domain values.
pub(crate) async fn after_id<E, T>(
    db: &Db,
    q: Select<E>,
    id: E::Column,
    after: Option<Uuid>,
    limit: u64,
    to_domain: impl Fn(E::Model) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError>
where
    E: EntityTrait,
{
    q.order_by_asc(id)
        .apply_if(after, |q, a| q.filter(id.gt(a.to_string())))
        .limit(limit + 1)
        .all(db.conn())
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}
