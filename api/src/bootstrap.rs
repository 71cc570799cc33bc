//! The first administrator: created when the database has no accounts, with the password
//! from `WKSBM_ADMIN_PASSWORD` or a random one printed once to the log.

use crate::auth::password::Hasher;
use crate::auth::random_bytes;
use crate::config::Settings;
use crate::start_error::StartError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use uuid::Uuid;
use wksbm_domain::access::{Role, Territory};
use wksbm_domain::account::{Username, check_password};
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::wilayah::KodeWilayah;
use wksbm_persistence::Db;
use wksbm_persistence::user_repo::{self, NewUser};

pub const ADMIN_USERNAME: &str = "admin";

pub async fn ensure_admin(db: &Db, hasher: &Hasher, s: &Settings) -> Result<(), StartError> {
    if user_repo::count(db).await? > 0 {
        return Ok(());
    }
    let bad = |m: String| StartError::Bootstrap(m);
    let username = Username::parse(ADMIN_USERNAME).map_err(|e| bad(e.to_string()))?;
    let region = KodeWilayah::parse(&s.admin_wilayah)
        .map_err(|e| bad(format!("WKSBM_ADMIN_WILAYAH: {e}")))?;
    let (password, generated) = match &s.admin_password {
        Some(p) => {
            check_password(p, &username)
                .map_err(|e| bad(format!("invalid setting WKSBM_ADMIN_PASSWORD: {e}")))?;
            (p.clone(), false)
        }
        None => (
            URL_SAFE_NO_PAD.encode(random_bytes::<18>().map_err(|e| bad(e.to_string()))?),
            true,
        ),
    };
    let hash = hasher
        .hash(password.clone())
        .await
        .map_err(|e| bad(e.to_string()))?;
    let id = Uuid::now_v7();
    let new = NewUser {
        id,
        username,
        name: "Administrator".into(),
        role: Role::Admin,
        territory: Territory::Wilayah(region.clone()),
        wksbm_id: None,
        jabatan: None,
        personal_data_grant: false,
    };
    let entry = AuditEntry::system("user.bootstrap", "user", region)
        .resource(id)
        .fields(&["username", "role", "wilayah_code", "password"]);
    user_repo::insert(db, &new, hash, &entry).await?;
    if generated {
        // Printed once, on purpose: there is no other way to learn it.
        tracing::warn!(username = ADMIN_USERNAME, password = %password, "created the first administrator with a random password; change it now");
    } else {
        tracing::info!(
            username = ADMIN_USERNAME,
            "created the first administrator from WKSBM_ADMIN_PASSWORD"
        );
    }
    Ok(())
}
