//! The territory tree: reads for the API and the idempotent upsert behind imports.

use crate::entity::wilayah::{ActiveModel, Column, Entity, Model};
use crate::{Db, StoreError};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};
use wksbm_domain::text::search_key;
use wksbm_domain::wilayah::{KodeWilayah, Level, Wilayah};

/// Filters of `GET /wilayah`; all optional, combined with AND. `q` matches the folded
/// name (case and accents ignored).
#[derive(Debug, Clone, Default)]
pub struct WilayahFilter {
    pub parent: Option<KodeWilayah>,
    /// Everything below this code, at any depth.
    pub within: Option<KodeWilayah>,
    pub level: Option<Level>,
    pub q: Option<String>,
}

/// What an import changed. A second import of the same file reports only `unchanged`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
}

const CHUNK: usize = 500;

fn to_domain(m: Model) -> Result<Wilayah, StoreError> {
    let bad = |what: &str| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "stored wilayah {} has an invalid {what}",
            m.code
        )))
    };
    let code = KodeWilayah::parse(&m.code).map_err(|_| bad("code"))?;
    let level = Level::parse(&m.level).ok_or_else(|| bad("level"))?;
    let parent_code = match &m.parent_code {
        Some(p) => Some(KodeWilayah::parse(p).map_err(|_| bad("parent_code"))?),
        None => None,
    };
    Ok(Wilayah {
        code,
        parent_code,
        level,
        name: m.name,
    })
}

/// The whole table in code order (the cache's source).
pub async fn all(db: &Db) -> Result<Vec<Wilayah>, StoreError> {
    let rows = Entity::find()
        .order_by_asc(Column::Code)
        .all(db.conn())
        .await?;
    rows.into_iter().map(to_domain).collect()
}

/// The stored rows among `codes`, in code order.
pub async fn get_many(db: &Db, codes: &[KodeWilayah]) -> Result<Vec<Wilayah>, StoreError> {
    let mut out = Vec::with_capacity(codes.len());
    for chunk in codes.chunks(CHUNK) {
        let keys: Vec<&str> = chunk.iter().map(KodeWilayah::as_str).collect();
        let rows = Entity::find()
            .filter(Column::Code.is_in(keys))
            .order_by_asc(Column::Code)
            .all(db.conn())
            .await?;
        for m in rows {
            out.push(to_domain(m)?);
        }
    }
    Ok(out)
}

/// Which of `codes` are stored.
pub async fn existing(db: &Db, codes: &[KodeWilayah]) -> Result<HashSet<KodeWilayah>, StoreError> {
    Ok(get_many(db, codes)
        .await?
        .into_iter()
        .map(|w| w.code)
        .collect())
}

/// Inserts new rows and updates changed ones in one write transaction. `rows` must list
/// parents before children (as `wilayah_import::parse` returns them).
pub async fn upsert(db: &Db, rows: &[Wilayah]) -> Result<ImportReport, StoreError> {
    let txn = db.begin_write().await?;
    let report = upsert_in(&txn, rows).await?;
    txn.commit().await?;
    Ok(report)
}

async fn upsert_in<C: ConnectionTrait>(
    conn: &C,
    rows: &[Wilayah],
) -> Result<ImportReport, StoreError> {
    let now = chrono::Utc::now();
    let mut report = ImportReport::default();
    for chunk in rows.chunks(CHUNK) {
        let keys: Vec<&str> = chunk.iter().map(|w| w.code.as_str()).collect();
        let stored: HashMap<String, Model> = Entity::find()
            .filter(Column::Code.is_in(keys))
            .all(conn)
            .await?
            .into_iter()
            .map(|m| (m.code.clone(), m))
            .collect();
        let mut fresh = Vec::new();
        for w in chunk {
            let parent = w.parent_code.as_ref().map(|p| p.as_str().to_owned());
            match stored.get(w.code.as_str()) {
                None => fresh.push(ActiveModel {
                    code: Set(w.code.as_str().to_owned()),
                    parent_code: Set(parent),
                    level: Set(w.level.as_str().to_owned()),
                    name: Set(w.name.clone()),
                    name_search: Set(search_key(&w.name)),
                    created_at: Set(now),
                    updated_at: Set(now),
                }),
                Some(m)
                    if m.name == w.name
                        && m.level == w.level.as_str()
                        && m.parent_code == parent =>
                {
                    report.unchanged += 1;
                }
                Some(m) => {
                    let mut am: ActiveModel = m.clone().into();
                    am.parent_code = Set(parent);
                    am.level = Set(w.level.as_str().to_owned());
                    am.name = Set(w.name.clone());
                    am.name_search = Set(search_key(&w.name));
                    am.updated_at = Set(now);
                    Entity::update(am).exec(conn).await?;
                    report.updated += 1;
                }
            }
        }
        if !fresh.is_empty() {
            report.inserted += fresh.len();
            Entity::insert_many(fresh).exec(conn).await?;
        }
    }
    Ok(report)
}
