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
use wksbm_domain::pengurus::{Position, keeps_books};
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

/// 409 `keeps_books_password` when `user` holds a seat that keeps the books: another
/// account resetting its password could then post money as the holder (issue 21).
pub async fn not_keeping_books(state: &AppState, user: &User) -> Result<(), ApiError> {
    let (Role::Pengurus, Some(wksbm)) = (user.role, user.wksbm_id) else {
        return Ok(());
    };
    let seats = wksbm_persistence::wksbm_repo::seats(&state.db, wksbm).await?;
    let live = || seats.iter().filter(|s| s.ended_at.is_none());
    let bendahara_serves = live().any(|s| s.position == Position::Bendahara);
    let holds = live()
        .filter(|s| s.account_id == Some(user.id))
        .any(|s| keeps_books(s.position, bendahara_serves));
    if holds {
        return Err(ApiError::conflict(
            "keeps_books_password",
            Text::new(
                "Akun ini memegang buku kas WKSBM; kata sandinya tidak dapat disetel orang lain. \
                 Akhiri jabatannya lalu angkat kembali dengan akun baru.",
                "This account keeps the WKSBM's books; nobody else may set its password. \
                 End the seat and appoint the holder again with a new account.",
            ),
        ));
    }
    Ok(())
}
