//! The guards of accounts: an account loaded only inside the caller's territory and only
//! where the caller outranks it, the region an account may be given, and who grants the
//! personal-data right.

use crate::error::ApiError;
use crate::guards::decide;
use crate::i18n::Text;
use crate::state::AppState;
use uuid::Uuid;
use wksbm_domain::access::{Action, Actor, Role, check_assignment, may, may_manage};
use wksbm_domain::account::User;
use wksbm_domain::wilayah::KodeWilayah;
use wksbm_persistence::user_repo;

pub fn not_found(id: &str) -> ApiError {
    ApiError::not_found("Pengguna", "User", id)
}

/// A region the account is given: it must exist and pass the assignment rules.
pub fn assignment(
    state: &AppState,
    actor: &Actor,
    role: Role,
    code: &str,
) -> Result<KodeWilayah, ApiError> {
    let unknown = || {
        ApiError::field(
            "wilayah_code",
            "wilayah_unknown",
            Text::new(
                format!("wilayah {code} tidak dikenal"),
                format!("region {code} is unknown"),
            ),
        )
    };
    let kode = KodeWilayah::parse(code).map_err(|_| unknown())?;
    if state.wilayah.get(&kode).is_none() {
        return Err(unknown());
    }
    check_assignment(actor, role, &kode).map_err(|e| {
        let field = if matches!(
            e,
            wksbm_domain::access::AssignError::OutsideTerritory
                | wksbm_domain::access::AssignError::LevelMismatch
        ) {
            "wilayah_code"
        } else {
            "role"
        };
        ApiError::field(
            field,
            e.code(),
            Text::new(
                format!("peran {role} tidak boleh diberikan di {kode}"),
                e.to_string(),
            ),
        )
    })?;
    Ok(kode)
}

/// Only an administrator grants an `integrasi` account the personal-data right.
pub fn grant_check(actor: &Actor, role: Role, grant: Option<bool>) -> Result<(), ApiError> {
    if grant == Some(true) && (actor.role != Role::Admin || role != Role::Integrasi) {
        return Err(ApiError::field(
            "personal_data_grant",
            "field_not_settable",
            Text::new(
                "hanya administrator yang boleh memberi akun integrasi akses data pribadi",
                "only an administrator may grant an integrasi account access to personal data",
            ),
        ));
    }
    Ok(())
}

/// An account inside the caller's territory that the caller may read, or manage.
pub async fn load(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<User, ApiError> {
    let key = id.to_string();
    let user = user_repo::get(&state.db, &actor.territory, id)
        .await?
        .ok_or_else(|| not_found(&key))?;
    let decision = match action {
        Action::UserRead => may(actor, action, &user.territory),
        _ => may_manage(actor, action, user.id, user.role, &user.territory),
    };
    decide(decision, || not_found(&key))?;
    Ok(user)
}
