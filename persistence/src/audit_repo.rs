//! The audit log: append-only, each row carrying the hash of the one before, so that an
//! edited or deleted row breaks the chain. Appends happen inside the transaction of the
//! write they record.

use crate::entity::{audit_head, audit_log};
use crate::{Db, StoreError, scope};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use wksbm_domain::access::Territory;
use wksbm_domain::audit::{AuditEntry, Record, chain_input, chain_middle};
use wksbm_domain::wilayah::KodeWilayah;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hash(input: &str) -> String {
    hex(&Sha256::digest(input.as_bytes()))
}

pub fn hash_bytes(input: &[u8]) -> String {
    hex(&Sha256::digest(input))
}

/// Appends `entry` to the chain. Call inside a write transaction: the head row update
/// takes the lock that keeps concurrent appends in one line.
pub async fn append<C: ConnectionTrait>(conn: &C, entry: &AuditEntry) -> Result<(), StoreError> {
    if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
        return append_postgres(conn, entry).await;
    }
    // The UPDATE locks the head row (PostgreSQL) and returns it in the same round trip;
    // SQLite's BEGIN IMMEDIATE already serialises writers.
    let head = crate::raw::one(
        conn,
        "UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq, last_hash",
        vec![],
    )
    .await?
    .ok_or_else(|| StoreError::Db(sea_orm::DbErr::Custom("audit head row missing".into())))?;
    let seq: i64 = head.try_get_by_index(0)?;
    let last_hash: String = head.try_get_by_index(1)?;
    let id = Uuid::now_v7();
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let h = hash(&chain_input(seq, &id, &at, entry, &last_hash));
    audit_log::Entity::insert(audit_log::ActiveModel {
        seq: Set(seq),
        id: Set(id.to_string()),
        at: Set(at),
        actor_id: Set(entry.actor_id.map(|a| a.to_string())),
        actor_role: Set(entry.actor_role.clone()),
        actor_scope: Set(entry.actor_scope.clone()),
        action: Set(entry.action.to_string()),
        resource_type: Set(entry.resource_type.to_string()),
        resource_id: Set(entry.resource_id.clone()),
        territory: Set(entry.territory.to_string()),
        request_id: Set(entry.request_id.clone()),
        changed_fields: Set(
            serde_json::to_string(&entry.changed_fields).unwrap_or_else(|_| "[]".into())
        ),
        prev_hash: Set(last_hash.clone()),
        hash: Set(h.clone()),
    })
    .exec(conn)
    .await?;
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::LastHash, Expr::value(h))
        .filter(audit_head::Column::Id.eq(1))
        .exec(conn)
        .await?;
    Ok(())
}

/// [`append`] in one statement on PostgreSQL: every audited write waits for the head's
/// lock, so its hold is one round trip, not three.
async fn append_postgres<C: ConnectionTrait>(
    conn: &C,
    entry: &AuditEntry,
) -> Result<(), StoreError> {
    let mut params = crate::raw::Params::default();
    let ctes = postgres_ctes(entry, None, &mut params);
    crate::raw::one(
        conn,
        &format!("WITH {ctes} SELECT seq FROM a"),
        params.into_values(),
    )
    .await?
    .ok_or_else(|| StoreError::Db(sea_orm::DbErr::Custom("audit head row missing".into())))?;
    Ok(())
}

/// The `WITH` parts that append `entry` on PostgreSQL: `h` moves the head and hashes the
/// new record from it (`chain_input` rebuilt around `chain_middle`; sequence numbers and
/// hex hashes are ASCII, so characters are bytes), `a` inserts the record and returns
/// its `seq`. With `after` (a part of the same statement that returns one row) the head
/// is locked only once that part has run: the caller's locks come first, the head's last.
pub(crate) fn postgres_ctes(
    entry: &AuditEntry,
    after: Option<&str>,
    p: &mut crate::raw::Params,
) -> String {
    let id = Uuid::now_v7();
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let middle = p.bind(chain_middle(&id, &at, entry));
    let from = after.map(|a| format!(" FROM {a}")).unwrap_or_default();
    let changed = serde_json::to_string(&entry.changed_fields).unwrap_or_else(|_| "[]".into());
    format!(
        "h AS (UPDATE audit_head SET last_seq = audit_head.last_seq + 1, \
           prev_hash = audit_head.last_hash, last_hash = encode(sha256(convert_to( \
             length((audit_head.last_seq + 1)::text)::text || ':' \
             || (audit_head.last_seq + 1)::text || ';' || {middle} \
             || length(audit_head.last_hash)::text || ':' || audit_head.last_hash || ';', \
           'UTF8')), 'hex'){from} \
         WHERE audit_head.id = 1 RETURNING audit_head.last_seq, audit_head.prev_hash, \
           audit_head.last_hash), \
         a AS (INSERT INTO audit_log (seq, id, at, actor_id, actor_role, actor_scope, action, \
           resource_type, resource_id, territory, request_id, changed_fields, prev_hash, hash) \
         SELECT h.last_seq, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, h.prev_hash, h.last_hash \
         FROM h RETURNING seq)",
        p.bind(id.to_string()),
        p.bind(at),
        p.bind(entry.actor_id.map(|a| a.to_string())),
        p.bind(entry.actor_role.clone()),
        p.bind(entry.actor_scope.clone()),
        p.bind(entry.action.to_string()),
        p.bind(entry.resource_type.to_string()),
        p.bind(entry.resource_id.clone()),
        p.bind(entry.territory.to_string()),
        p.bind(entry.request_id.clone()),
        p.bind(changed),
    )
}

/// Appends `entries` in order inside the caller's write transaction, reading and moving
/// the head once (bulk imports write one entry per record).
pub async fn append_many<C: ConnectionTrait>(
    conn: &C,
    entries: &[AuditEntry],
) -> Result<(), StoreError> {
    let Ok(n) = i64::try_from(entries.len()) else {
        return Err(StoreError::Db(sea_orm::DbErr::Custom(
            "too many audit entries".into(),
        )));
    };
    if n == 0 {
        return Ok(());
    }
    audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::LastSeq,
            Expr::col(audit_head::Column::LastSeq).add(n),
        )
        .filter(audit_head::Column::Id.eq(1))
        .exec(conn)
        .await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(conn)
        .await?
        .ok_or_else(|| StoreError::Db(sea_orm::DbErr::Custom("audit head row missing".into())))?;
    let mut prev = head.last_hash.clone();
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let mut rows = Vec::with_capacity(entries.len());
    for (seq, entry) in (head.last_seq - n + 1..).zip(entries) {
        let id = Uuid::now_v7();
        let h = hash(&chain_input(seq, &id, &at, entry, &prev));
        rows.push(audit_log::ActiveModel {
            seq: Set(seq),
            id: Set(id.to_string()),
            at: Set(at.clone()),
            actor_id: Set(entry.actor_id.map(|a| a.to_string())),
            actor_role: Set(entry.actor_role.clone()),
            actor_scope: Set(entry.actor_scope.clone()),
            action: Set(entry.action.to_string()),
            resource_type: Set(entry.resource_type.to_string()),
            resource_id: Set(entry.resource_id.clone()),
            territory: Set(entry.territory.to_string()),
            request_id: Set(entry.request_id.clone()),
            changed_fields: Set(
                serde_json::to_string(&entry.changed_fields).unwrap_or_else(|_| "[]".into())
            ),
            prev_hash: Set(prev.clone()),
            hash: Set(h.clone()),
        });
        prev = h;
    }
    for chunk in rows.chunks(500) {
        audit_log::Entity::insert_many(chunk.to_vec())
            .exec(conn)
            .await?;
    }
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::LastHash, Expr::value(prev))
        .filter(audit_head::Column::Id.eq(1))
        .exec(conn)
        .await?;
    Ok(())
}

/// Appends in a transaction of its own (for events with no other write).
pub async fn append_alone(db: &Db, entry: &AuditEntry) -> Result<(), StoreError> {
    let txn = db.begin_write().await?;
    append(&txn, entry).await?;
    txn.commit().await?;
    Ok(())
}

fn to_record(m: audit_log::Model) -> Result<Record, StoreError> {
    let bad = |what: &str| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "audit row {} has an invalid {what}",
            m.seq
        )))
    };
    let territory = KodeWilayah::parse(&m.territory).map_err(|_| bad("territory"))?;
    let actor_id = match &m.actor_id {
        Some(a) => Some(Uuid::parse_str(a).map_err(|_| bad("actor_id"))?),
        None => None,
    };
    let changed_fields: Vec<String> =
        serde_json::from_str(&m.changed_fields).map_err(|_| bad("changed_fields"))?;
    Ok(Record {
        seq: m.seq,
        id: Uuid::parse_str(&m.id).map_err(|_| bad("id"))?,
        at: m.at.clone(),
        entry: AuditEntry {
            actor_id,
            actor_role: m.actor_role.clone(),
            actor_scope: m.actor_scope.clone(),
            action: m.action.clone().into(),
            resource_type: m.resource_type.clone().into(),
            resource_id: m.resource_id.clone(),
            territory,
            request_id: m.request_id.clone(),
            changed_fields,
        },
        prev_hash: m.prev_hash.clone(),
        hash: m.hash.clone(),
    })
}

/// Filters of `GET /audit`.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_id: Option<Uuid>,
    pub action: Option<String>,
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub since: Option<String>,
}

/// Newest first, in the caller's territory, before `before_seq`; up to `limit + 1`.
pub async fn list(
    db: &Db,
    territory: &Territory,
    f: &AuditFilter,
    before_seq: Option<i64>,
    limit: u64,
) -> Result<Vec<Record>, StoreError> {
    // No stored text holds a NUL, and PostgreSQL refuses one in a query: nothing matches.
    let texts = [&f.action, &f.resource_type, &f.resource_id, &f.since];
    if texts
        .iter()
        .any(|t| t.as_deref().is_some_and(|v| v.contains('\0')))
    {
        return Ok(Vec::new());
    }
    let mut q = audit_log::Entity::find()
        .filter(scope::condition(
            territory,
            audit_log::Column::Territory,
            None,
        ))
        .order_by_desc(audit_log::Column::Seq);
    if let Some(a) = f.actor_id {
        q = q.filter(audit_log::Column::ActorId.eq(a.to_string()));
    }
    if let Some(a) = &f.action {
        q = q.filter(audit_log::Column::Action.eq(a.as_str()));
    }
    if let Some(t) = &f.resource_type {
        q = q.filter(audit_log::Column::ResourceType.eq(t.as_str()));
    }
    if let Some(r) = &f.resource_id {
        q = q.filter(audit_log::Column::ResourceId.eq(r.as_str()));
    }
    if let Some(s) = &f.since {
        q = q.filter(audit_log::Column::At.gte(s.as_str()));
    }
    if let Some(b) = before_seq {
        q = q.filter(audit_log::Column::Seq.lt(b));
    }
    let rows = q.limit(limit + 1).all(db.conn()).await?;
    rows.into_iter().map(to_record).collect()
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub rows: u64,
    /// The first row whose hash, link or sequence does not hold, with the reason.
    pub broken: Option<(i64, &'static str)>,
}

/// Recomputes every hash in order and checks each link and the head.
pub async fn verify(db: &Db) -> Result<VerifyReport, StoreError> {
    const PAGE: u64 = 1000;
    let mut prev = "0".repeat(64);
    let mut expected_seq = 1;
    let mut rows = 0;
    loop {
        let page = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(PAGE)
            .all(db.conn())
            .await?;
        let n = page.len() as u64;
        for m in page {
            let broken = |why| {
                Ok(VerifyReport {
                    rows,
                    broken: Some((m.seq, why)),
                })
            };
            if m.seq != expected_seq {
                return broken("a row is missing before this one");
            }
            if m.prev_hash != prev {
                return broken("prev_hash does not match the previous row");
            }
            let seq = m.seq;
            let stored = m.hash.clone();
            let record = to_record(m)?;
            if hash(&chain_input(
                seq,
                &record.id,
                &record.at,
                &record.entry,
                &prev,
            )) != stored
            {
                return Ok(VerifyReport {
                    rows,
                    broken: Some((seq, "the row's content does not match its hash")),
                });
            }
            prev = stored;
            expected_seq += 1;
            rows += 1;
        }
        if n < PAGE {
            break;
        }
    }
    let head = audit_head::Entity::find_by_id(1).one(db.conn()).await?;
    match head {
        Some(h) if h.last_seq == expected_seq - 1 && h.last_hash == prev => {
            Ok(VerifyReport { rows, broken: None })
        }
        _ => Ok(VerifyReport {
            rows,
            broken: Some((
                expected_seq - 1,
                "rows after this one were removed or the head was edited",
            )),
        }),
    }
}
