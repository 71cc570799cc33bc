//! The territory tree held in memory. It is reference data: read on every request that
//! names a region, changed only by imports. Reads come from this snapshot; a refresher
//! reloads it when the stored table changes (an import from another process shows up
//! within the refresh interval; one in this process can call `reload` at once).

use crate::entity::wilayah::{Column, Entity};
use crate::wilayah_repo::{self, WilayahFilter};
use crate::{Db, StoreError};
use sea_orm::prelude::DateTimeUtc;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{EntityTrait, QuerySelect};
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use wksbm_domain::text::search_key;
use wksbm_domain::wilayah::{KodeWilayah, Wilayah};

/// What identifies a version of the table: row count and the latest change.
type Stamp = (i64, Option<DateTimeUtc>);

struct Snapshot {
    stamp: Stamp,
    /// Ordered by code, as lists are served; each with its folded name for `q`.
    rows: BTreeMap<KodeWilayah, (Wilayah, String)>,
}

pub struct WilayahCache {
    current: RwLock<Arc<Snapshot>>,
}

async fn stamp(db: &Db) -> Result<Stamp, StoreError> {
    let row: Option<Stamp> = Entity::find()
        .select_only()
        .column_as(Expr::from(Func::count(Expr::col(Column::Code))), "n")
        .column_as(Expr::from(Func::max(Expr::col(Column::UpdatedAt))), "m")
        .into_tuple()
        .one(db.conn())
        .await?;
    Ok(row.unwrap_or((0, None)))
}

async fn snapshot(db: &Db) -> Result<Snapshot, StoreError> {
    let stamp = stamp(db).await?;
    let rows = wilayah_repo::all(db)
        .await?
        .into_iter()
        .map(|w| {
            let key = search_key(&w.name);
            (w.code.clone(), (w, key))
        })
        .collect();
    Ok(Snapshot { stamp, rows })
}

impl WilayahCache {
    pub async fn load(db: &Db) -> Result<Self, StoreError> {
        Ok(WilayahCache {
            current: RwLock::new(Arc::new(snapshot(db).await?)),
        })
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reloads the whole tree now.
    pub async fn reload(&self, db: &Db) -> Result<(), StoreError> {
        let fresh = Arc::new(snapshot(db).await?);
        match self.current.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }

    /// Reloads when the stored table differs from the snapshot; true when it did.
    pub async fn refresh_if_changed(&self, db: &Db) -> Result<bool, StoreError> {
        if stamp(db).await? == self.snapshot().stamp {
            return Ok(false);
        }
        self.reload(db).await?;
        Ok(true)
    }

    /// A region and its ancestors from the province down.
    pub fn get(&self, code: &KodeWilayah) -> Option<(Wilayah, Vec<Wilayah>)> {
        let snap = self.snapshot();
        let (w, _) = snap.rows.get(code)?;
        let ancestors = code
            .ancestors()
            .iter()
            .filter_map(|a| snap.rows.get(a).map(|(w, _)| w.clone()))
            .collect();
        Some((w.clone(), ancestors))
    }

    /// One page ordered by code after `after`, up to `limit + 1` rows (the extra one
    /// tells the caller there is a next page).
    pub fn list(
        &self,
        f: &WilayahFilter,
        after: Option<&KodeWilayah>,
        limit: usize,
    ) -> Vec<Wilayah> {
        use std::ops::Bound::{Excluded, Unbounded};
        let snap = self.snapshot();
        let q = f.q.as_deref().map(search_key).filter(|k| !k.is_empty());
        let start = after.map_or(Unbounded, Excluded);
        snap.rows
            .range((start, Unbounded))
            .map(|(_, row)| row)
            .filter(|(w, key)| {
                f.parent
                    .as_ref()
                    .is_none_or(|p| w.parent_code.as_ref() == Some(p))
                    && f.within
                        .as_ref()
                        .is_none_or(|a| w.code != *a && w.code.is_within(a))
                    && f.level.is_none_or(|l| w.level == l)
                    && q.as_ref().is_none_or(|q| key.contains(q.as_str()))
            })
            .take(limit + 1)
            .map(|(w, _)| w.clone())
            .collect()
    }
}
