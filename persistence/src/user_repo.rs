//! Accounts. Every read a caller makes goes through the territory filter; writes are
//! conditional on the version the caller read, and carry their audit entry.

use crate::entity::app_user::{ActiveModel, Column, Entity, Model};
use crate::entity::refresh_token;
use crate::{Db, StoreError, audit_repo, page, scope};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;
use wksbm_domain::access::{Jabatan, Role, Territory};
use wksbm_domain::account::{User, Username};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::wilayah::KodeWilayah;

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: Uuid,
    pub username: Username,
    pub name: String,
    pub role: Role,
    pub territory: Territory,
    pub wksbm_id: Option<Uuid>,
    pub jabatan: Option<Jabatan>,
    pub personal_data_grant: bool,
}

/// Fields a PATCH may change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub name: Option<String>,
    pub role: Option<Role>,
    pub wilayah: Option<KodeWilayah>,
    pub personal_data_grant: Option<bool>,
}

/// Filters of `GET /users`.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub q: Option<String>,
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
}

fn to_domain(m: Model) -> Result<User, StoreError> {
    let bad = |what: &str| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "stored user {} has an invalid {what}",
            m.id
        )))
    };
    let code = KodeWilayah::parse(&m.wilayah_code).map_err(|_| bad("wilayah_code"))?;
    let territory = match &m.padukuhan_id {
        Some(p) => Territory::Padukuhan {
            kalurahan: code,
            id: Uuid::parse_str(p).map_err(|_| bad("padukuhan_id"))?,
        },
        None => Territory::Wilayah(code),
    };
    let parse_uuid = |v: &Option<String>, what: &str| -> Result<Option<Uuid>, StoreError> {
        v.as_deref()
            .map(|s| Uuid::parse_str(s).map_err(|_| bad(what)))
            .transpose()
    };
    Ok(User {
        id: Uuid::parse_str(&m.id).map_err(|_| bad("id"))?,
        username: Username::parse(&m.username).map_err(|_| bad("username"))?,
        name: m.name.clone(),
        role: Role::parse(&m.role).ok_or_else(|| bad("role"))?,
        territory,
        wksbm_id: parse_uuid(&m.wksbm_id, "wksbm_id")?,
        jabatan: m
            .jabatan
            .as_deref()
            .map(|j| Jabatan::parse(j).ok_or_else(|| bad("jabatan")))
            .transpose()?,
        personal_data_grant: m.personal_data_grant,
        active: m.active,
        deactivated_at: m.deactivated_at,
        status_reason: m.status_reason.clone(),
        token_version: m.token_version,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn username_taken(e: StoreError) -> StoreError {
    match e {
        StoreError::Conflict(_) => StoreError::Conflict("username_taken"),
        other => other,
    }
}

pub async fn count(db: &Db) -> Result<u64, StoreError> {
    Ok(Entity::find().count(db.conn()).await?)
}

/// Inserts an account inside the caller's transaction.
pub(crate) async fn insert_in<C: ConnectionTrait>(
    conn: &C,
    u: &NewUser,
    password_hash: String,
) -> Result<(), StoreError> {
    let now = chrono::Utc::now();
    let model = ActiveModel {
        id: Set(u.id.to_string()),
        username: Set(u.username.as_str().to_owned()),
        password_hash: Set(password_hash),
        name: Set(u.name.clone()),
        role: Set(u.role.as_str().to_owned()),
        wilayah_code: Set(u.territory.wilayah().to_string()),
        padukuhan_id: Set(u.territory.padukuhan_id().map(|p| p.to_string())),
        wksbm_id: Set(u.wksbm_id.map(|w| w.to_string())),
        jabatan: Set(u.jabatan.map(|j| j.as_str().to_owned())),
        personal_data_grant: Set(u.personal_data_grant),
        active: Set(true),
        deactivated_at: Set(None),
        status_reason: Set(None),
        token_version: Set(0),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        password_reset_by: Set(None),
    };
    Entity::insert(model)
        .exec(conn)
        .await
        .map_err(|e| username_taken(e.into()))?;
    Ok(())
}

pub(crate) async fn get_in<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<User, StoreError> {
    to_domain(
        Entity::find_by_id(id.to_string())
            .one(conn)
            .await?
            .ok_or(StoreError::Stale)?,
    )
}

/// Creates an account and records `audit` in the same transaction.
pub async fn insert(
    db: &Db,
    u: &NewUser,
    password_hash: String,
    audit: &AuditEntry,
) -> Result<User, StoreError> {
    let txn = db.begin_write().await?;
    insert_in(&txn, u, password_hash).await?;
    audit_repo::append(&txn, audit).await?;
    let user = get_in(&txn, u.id).await?;
    txn.commit().await?;
    Ok(user)
}

/// Deactivates the active accounts among `ids` and revokes their refresh tokens, inside
/// the caller's transaction (a board seat that ends takes its account with it).
pub(crate) async fn deactivate_in<C: ConnectionTrait>(
    conn: &C,
    ids: &[String],
    reason: &str,
) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let now = chrono::Utc::now();
    Entity::update_many()
        .col_expr(Column::Active, Expr::value(false))
        .col_expr(Column::DeactivatedAt, Expr::value(now))
        .col_expr(Column::StatusReason, Expr::value(reason.to_owned()))
        .col_expr(Column::TokenVersion, Expr::col(Column::TokenVersion).add(1))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.is_in(ids.iter().map(String::as_str)))
        .filter(Column::Active.eq(true))
        .exec(conn)
        .await?;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.is_in(ids.iter().map(String::as_str)))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The account and its password hash, for login. Not territory-filtered: the caller is
/// not yet anyone.
pub async fn find_for_login(
    db: &Db,
    username: &Username,
) -> Result<Option<(User, String)>, StoreError> {
    match Entity::find()
        .filter(Column::Username.eq(username.as_str()))
        .one(db.conn())
        .await?
    {
        Some(m) => {
            let hash = m.password_hash.clone();
            Ok(Some((to_domain(m)?, hash)))
        }
        None => Ok(None),
    }
}

/// The account behind a token, by id. Not territory-filtered: this is the caller itself.
pub async fn get_self(db: &Db, id: Uuid) -> Result<Option<(User, String)>, StoreError> {
    match Entity::find_by_id(id.to_string()).one(db.conn()).await? {
        Some(m) => {
            let hash = m.password_hash.clone();
            Ok(Some((to_domain(m)?, hash)))
        }
        None => Ok(None),
    }
}

/// The caller's territory, on this table's columns.
fn in_scope(territory: &Territory) -> Condition {
    scope::condition(territory, Column::WilayahCode, Some(Column::PadukuhanId))
}

/// An account inside `territory`, or `None` (outside and absent look the same).
pub async fn get(db: &Db, territory: &Territory, id: Uuid) -> Result<Option<User>, StoreError> {
    Entity::find_by_id(id.to_string())
        .filter(in_scope(territory))
        .one(db.conn())
        .await?
        .map(to_domain)
        .transpose()
}

/// One page in id order (ids are time-ordered UUID v7) after `after`; up to `limit + 1`.
pub async fn list(
    db: &Db,
    territory: &Territory,
    f: &UserFilter,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<User>, StoreError> {
    // No stored text holds a NUL, and PostgreSQL refuses one in a query: nothing matches.
    if f.q.as_deref().is_some_and(|q| q.contains('\0')) {
        return Ok(Vec::new());
    }
    let mut q = Entity::find().filter(in_scope(territory));
    if let Some(r) = f.role {
        q = q.filter(Column::Role.eq(r.as_str()));
    }
    if let Some(a) = f.active {
        q = q.filter(Column::Active.eq(a));
    }
    if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let lower = text.to_lowercase();
        let pattern = || scope::contains(&lower);
        q = q.filter(
            Condition::any()
                .add(Expr::col(Column::Username).like(pattern()))
                .add(Expr::expr(Func::lower(Expr::col(Column::Name))).like(pattern())),
        );
    }
    if let Some(t) = f.updated_since {
        q = q.filter(Column::UpdatedAt.gte(t));
    }
    page::after_id(db, q, Column::Id, after, limit, to_domain).await
}

/// What a conditional write does to the row besides bumping its version.
enum Write {
    Changes(UserChanges),
    Deactivate {
        reason: String,
    },
    /// A new password; `reset_by` the other account that set it, `None` for the holder.
    Password {
        hash: String,
        reset_by: Option<Uuid>,
    },
}

/// Applies `write` when the row is still at `expected_version` (any version when
/// `None`), records `audit`, and returns the new state.
async fn write(
    db: &Db,
    id: Uuid,
    expected_version: Option<i64>,
    w: Write,
    audit: &AuditEntry,
) -> Result<User, StoreError> {
    let now = chrono::Utc::now();
    let txn = db.begin_write().await?;
    let mut upd = Entity::update_many()
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id.to_string()));
    if let Some(v) = expected_version {
        upd = upd.filter(Column::Version.eq(v));
    }
    // A new role, territory or grant changes what tokens would claim: end them, refresh
    // tokens included, or a refresh would bring the session back (issue 21, item 12).
    let ends_sessions = match &w {
        Write::Changes(c) => {
            c.role.is_some() || c.wilayah.is_some() || c.personal_data_grant.is_some()
        }
        _ => true,
    };
    match w {
        Write::Changes(c) => {
            if let Some(n) = c.name {
                upd = upd.col_expr(Column::Name, Expr::value(n));
            }
            if let Some(r) = c.role {
                upd = upd.col_expr(Column::Role, Expr::value(r.as_str()));
            }
            if let Some(k) = c.wilayah {
                upd = upd.col_expr(Column::WilayahCode, Expr::value(k.to_string()));
            }
            if let Some(g) = c.personal_data_grant {
                upd = upd.col_expr(Column::PersonalDataGrant, Expr::value(g));
            }
            if ends_sessions {
                upd = upd.col_expr(Column::TokenVersion, Expr::col(Column::TokenVersion).add(1));
            }
        }
        Write::Deactivate { reason } => {
            upd = upd
                .filter(Column::Active.eq(true))
                .col_expr(Column::Active, Expr::value(false))
                .col_expr(Column::DeactivatedAt, Expr::value(now))
                .col_expr(Column::StatusReason, Expr::value(reason))
                .col_expr(Column::TokenVersion, Expr::col(Column::TokenVersion).add(1));
        }
        Write::Password { hash, reset_by } => {
            upd = upd
                .col_expr(Column::PasswordHash, Expr::value(hash))
                .col_expr(
                    Column::PasswordResetBy,
                    Expr::value(reset_by.map(|u| u.to_string())),
                )
                .col_expr(Column::TokenVersion, Expr::col(Column::TokenVersion).add(1));
        }
    }
    if upd.exec(&txn).await?.rows_affected != 1 {
        return Err(StoreError::Stale);
    }
    if ends_sessions {
        // Refresh tokens too, or a refresh would mint a token with the new version.
        refresh_token::Entity::update_many()
            .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
            .filter(refresh_token::Column::UserId.eq(id.to_string()))
            .filter(refresh_token::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
    }
    audit_repo::append(&txn, audit).await?;
    let stored = Entity::find_by_id(id.to_string()).one(&txn).await?;
    txn.commit().await?;
    to_domain(stored.ok_or(StoreError::Stale)?)
}

pub async fn update(
    db: &Db,
    id: Uuid,
    expected_version: i64,
    changes: UserChanges,
    audit: &AuditEntry,
) -> Result<User, StoreError> {
    write(
        db,
        id,
        Some(expected_version),
        Write::Changes(changes),
        audit,
    )
    .await
}

/// Deactivates an active account; its tokens stop working at once (token version).
pub async fn deactivate(
    db: &Db,
    id: Uuid,
    expected_version: Option<i64>,
    reason: String,
    audit: &AuditEntry,
) -> Result<User, StoreError> {
    write(
        db,
        id,
        expected_version,
        Write::Deactivate { reason },
        audit,
    )
    .await
}

/// Sets a new password hash and ends the account's tokens; `reset_by` is the other
/// account that set it (`None` when the holder changed its own).
pub async fn set_password(
    db: &Db,
    id: Uuid,
    hash: String,
    reset_by: Option<Uuid>,
    audit: &AuditEntry,
) -> Result<User, StoreError> {
    write(db, id, None, Write::Password { hash, reset_by }, audit).await
}

/// Who reset this account's password, if it has not logged in since; clears it, so only
/// the first login after a reset is told.
pub async fn take_reset_by(db: &Db, id: Uuid) -> Result<Option<String>, StoreError> {
    let Some(m) = Entity::find_by_id(id.to_string()).one(db.conn()).await? else {
        return Ok(None);
    };
    let Some(by) = m.password_reset_by else {
        return Ok(None);
    };
    Entity::update_many()
        .col_expr(Column::PasswordResetBy, Expr::value(Option::<String>::None))
        .filter(Column::Id.eq(id.to_string()))
        .exec(db.conn())
        .await?;
    Ok(Some(by))
}
