//! The register searched: by filters (the list), by NIK (duplicate checks) and by
//! household, every read through the territory filter.

use super::to_domain;
use crate::entity::ppks::{Column, Entity, Model};
use crate::vault::Vault;
use crate::{Db, StoreError, scope};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;
use wksbm_domain::access::Territory;
use wksbm_domain::ppks::Ppks;
use wksbm_domain::wilayah::KodeWilayah;

/// Filters of the register's search; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct PpksFilter {
    /// Folded (search_key) substring of the name.
    pub name: Option<String>,
    /// A NIK, matched exactly through its keyed hash.
    pub nik: Option<String>,
    /// A type code; `private_too` also matches people for whom it is private.
    pub type_code: Option<String>,
    pub private_too: bool,
    pub active: Option<bool>,
    pub verified: Option<bool>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub padukuhan_id: Option<Uuid>,
    pub wksbm_id: Option<Uuid>,
    /// A board member's own WKSBM: only people it registered, or that no WKSBM did.
    pub board_of: Option<Uuid>,
    /// A kalurahan or kapanewon code: people inside it.
    pub wilayah: Option<KodeWilayah>,
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// Where the records with these NIK are (any territory), by NIK: for duplicate checks.
pub async fn locate_niks(
    db: &Db,
    vault: &Vault,
    niks: &[&str],
) -> Result<std::collections::HashMap<String, (Uuid, Territory)>, StoreError> {
    let mut by_hash = std::collections::HashMap::new();
    for n in niks {
        by_hash.insert(vault.lookup_hash("nik", n), (*n).to_owned());
    }
    let mut out = std::collections::HashMap::new();
    let hashes: Vec<String> = by_hash.keys().cloned().collect();
    for chunk in hashes.chunks(500) {
        let rows = Entity::find()
            .select_only()
            .columns([
                Column::Id,
                Column::NikHash,
                Column::PadukuhanId,
                Column::KalurahanCode,
            ])
            .filter(Column::NikHash.is_in(chunk.iter().cloned()))
            .into_tuple::<(String, Option<String>, String, String)>()
            .all(db.conn())
            .await?;
        for (id, hash, pad, kal) in rows {
            let (Some(hash), Ok(id), Ok(pad), Ok(kal)) = (
                hash,
                Uuid::parse_str(&id),
                Uuid::parse_str(&pad),
                KodeWilayah::parse(&kal),
            ) else {
                continue;
            };
            if let Some(nik) = by_hash.get(&hash) {
                out.insert(
                    nik.clone(),
                    (
                        id,
                        Territory::Padukuhan {
                            kalurahan: kal,
                            id: pad,
                        },
                    ),
                );
            }
        }
    }
    Ok(out)
}

/// People inside `territory` matching `f`, by id, after `after`; up to `limit + 1`.
pub async fn list(
    db: &Db,
    vault: &Vault,
    territory: &Territory,
    f: &PpksFilter,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Ppks>, StoreError> {
    let pattern = f
        .name
        .as_deref()
        .filter(|n| !n.is_empty())
        .map(scope::contains);
    let postgres = db.backend() == crate::Backend::Postgres;
    let q = filtered(
        vault,
        territory,
        f,
        pattern.clone().filter(|_| !postgres),
        after,
    )
    .limit(limit + 1);
    let rows = match pattern.filter(|_| postgres) {
        Some(p) => fenced_by_name(db, q, f, p).await?,
        None => q.all(db.conn()).await?,
    };
    rows.into_iter().map(|m| to_domain(vault, m)).collect()
}

/// The list's query with every filter but a name matched on PostgreSQL (`like_name` is
/// the name pattern to match here, on SQLite).
fn filtered(
    vault: &Vault,
    territory: &Territory,
    f: &PpksFilter,
    like_name: Option<LikeExpr>,
    after: Option<Uuid>,
) -> sea_orm::Select<Entity> {
    let mut q = Entity::find()
        .filter(scope::condition(
            territory,
            Column::KalurahanCode,
            Some(Column::PadukuhanId),
        ))
        .order_by_asc(Column::Id);
    if let Some(p) = like_name {
        q = q.filter(Expr::col(Column::NameKey).like(p));
    }
    if let Some(nik) = &f.nik {
        q = q.filter(Column::NikHash.eq(vault.lookup_hash("nik", nik)));
    }
    if let Some(t) = &f.type_code {
        let mut c = Condition::any().add(Expr::col(Column::TypesIndex).like(format!("%|{t}|%")));
        if f.private_too {
            c = c.add(Expr::col(Column::TypesIndex).like(format!("%|{}|%", vault.type_tag(t))));
        }
        q = q.filter(c);
    }
    if let Some(a) = f.active {
        q = q.filter(Column::Active.eq(a));
    }
    if let Some(v) = f.verified {
        q = q.filter(Column::Verified.eq(v));
    }
    if let Some(rt) = &f.rt {
        q = q.filter(Column::Rt.eq(rt.as_str()));
    }
    if let Some(rw) = &f.rw {
        q = q.filter(Column::Rw.eq(rw.as_str()));
    }
    if let Some(p) = f.padukuhan_id {
        q = q.filter(Column::PadukuhanId.eq(p.to_string()));
    }
    if let Some(own) = f.board_of {
        q = q.filter(
            sea_orm::Condition::any()
                .add(Column::WksbmId.is_null())
                .add(Column::WksbmId.eq(own.to_string())),
        );
    }
    if let Some(w) = f.wksbm_id {
        q = q.filter(Column::WksbmId.eq(w.to_string()));
    }
    if let Some(w) = &f.wilayah {
        q = q.filter(scope::under(w, Column::KalurahanCode));
    }
    if let Some(t) = f.updated_since {
        q = q.filter(Column::UpdatedAt.gte(t));
    }
    if let Some(a) = after {
        q = q.filter(Column::Id.gt(a.to_string()));
    }
    q
}

/// On PostgreSQL the name match is a MATERIALIZED CTE named like the table, which the
/// rest of the query then reads: a cached generic plan of the plain query walked the
/// primary key for ORDER BY … LIMIT (90-104 ms for a rare name); the fence makes every
/// plan, generic ones included, use the name-parts index (migration 13), and saves
/// planning each call.
async fn fenced_by_name(
    db: &Db,
    q: sea_orm::Select<Entity>,
    f: &PpksFilter,
    p: LikeExpr,
) -> Result<Vec<Model>, StoreError> {
    use sea_orm::sea_query::{Alias, Asterisk, CommonTableExpression, Query, WithClause};
    let mut inner = Query::select();
    inner
        .column(Asterisk)
        .from(Entity)
        .and_where(Expr::col((Entity, Column::NameKey)).like(p));
    let parts = f
        .name
        .as_deref()
        .and_then(wksbm_domain::text::name_parts_query);
    if let Some(parts) = parts {
        inner.and_where(Expr::cust_with_values(
            "wksbm_name_parts(name_key) @@ CAST($1 AS tsquery)",
            [parts],
        ));
    }
    let cte = CommonTableExpression::new()
        .query(inner)
        .table_name(Alias::new("ppks"))
        .materialized(true)
        .to_owned();
    let stmt = sea_orm::QueryTrait::into_query(q).with(WithClause::new().cte(cte).to_owned());
    let built = db.conn().get_database_backend().build(&stmt);
    Ok(Entity::find().from_raw_sql(built).all(db.conn()).await?)
}

/// The members of a household (same No. KK) inside `territory`.
pub async fn household(
    db: &Db,
    vault: &Vault,
    territory: &Territory,
    no_kk: &str,
) -> Result<Vec<Ppks>, StoreError> {
    Entity::find()
        .filter(Column::KkHash.eq(vault.lookup_hash("kk", no_kk)))
        .filter(scope::condition(
            territory,
            Column::KalurahanCode,
            Some(Column::PadukuhanId),
        ))
        .order_by_asc(Column::Id)
        .limit(500)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|m| to_domain(vault, m))
        .collect()
}
