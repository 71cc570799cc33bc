//! Checkpoints of the audit chain (issue 21): every `--audit-checkpoint-secs` the head
//! (last sequence number and hash) is signed with the access-token key as a compact JWS,
//! kept, logged at INFO and served at `GET /api/v1/audit/checkpoint`, so that someone
//! outside can keep it. `audit-verify` then finds a log cut short: rows deleted from its
//! end and its head rewound no longer reach the latest checkpoint. A checkpoint cannot be
//! used as an access token: its audience differs and it has none of a token's claims.

use crate::auth::keys::KeyRing;
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};
use wksbm_persistence::audit_checkpoint_repo::{self as repo, Checkpoint};
use wksbm_persistence::{Db, StoreError};

/// The audience of a checkpoint, never that of an access token.
pub const AUDIENCE: &str = "wksbm-audit-checkpoint";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: String,
    seq: i64,
    hash: String,
    iat: i64,
}

/// Signs and keeps a checkpoint of the head if the chain grew since the last one; the
/// error says what failed (the caller logs it and tries again at the next tick).
pub async fn take(db: &Db, keys: &KeyRing, issuer: &str) -> Result<Option<Checkpoint>, String> {
    let store = |e: StoreError| e.to_string();
    let (seq, hash) = repo::head(db).await.map_err(store)?;
    if seq == 0
        || repo::latest(db)
            .await
            .map_err(store)?
            .is_some_and(|c| c.seq >= seq)
    {
        return Ok(None);
    }
    let at = chrono::Utc::now();
    let claims = Claims {
        iss: issuer.to_owned(),
        aud: AUDIENCE.to_owned(),
        sub: "audit_log".to_owned(),
        seq,
        hash: hash.clone(),
        iat: at.timestamp(),
    };
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(keys.kid().to_owned());
    let token = jsonwebtoken::encode(&header, &claims, keys.signer())
        .map_err(|e| format!("signing an audit checkpoint: {e}"))?;
    let c = Checkpoint {
        seq,
        hash,
        at,
        token,
    };
    repo::save(db, &c).await.map_err(store)?;
    tracing::info!(seq = c.seq, hash = %c.hash, token = %c.token, "audit checkpoint");
    Ok(Some(c))
}

/// The `(seq, hash)` a checkpoint token states, if its signature verifies with `keys`.
pub fn verify(keys: &KeyRing, token: &str, issuer: &str) -> Option<(i64, String)> {
    let kid = jsonwebtoken::decode_header(token).ok()?.kid?;
    let mut v = Validation::new(Algorithm::EdDSA);
    v.set_audience(&[AUDIENCE]);
    v.set_issuer(&[issuer]);
    v.validate_exp = false;
    v.set_required_spec_claims(&["iss", "aud", "sub"]);
    let data = jsonwebtoken::decode::<Claims>(token, keys.verifier(&kid)?, &v).ok()?;
    Some((data.claims.seq, data.claims.hash))
}

/// Whether the chain (`rows` rows verified, intact) still reaches the latest checkpoint:
/// `None` when it does (or there is none), else what is wrong.
pub async fn check(
    db: &Db,
    keys: &KeyRing,
    issuer: &str,
    rows: u64,
) -> Result<Option<String>, StoreError> {
    let Some(c) = repo::latest(db).await? else {
        return Ok(None);
    };
    let Some((seq, hash)) = verify(keys, &c.token, issuer) else {
        return Ok(Some(format!(
            "checkpoint {} does not verify with the configured keys",
            c.seq
        )));
    };
    if seq != c.seq || hash != c.hash {
        return Ok(Some(format!(
            "checkpoint {} differs from what it signed",
            c.seq
        )));
    }
    if u64::try_from(seq).unwrap_or(u64::MAX) > rows {
        return Ok(Some(format!(
            "the log ends at row {rows} but was signed at row {seq}: rows were removed from its end"
        )));
    }
    if repo::row_hash(db, seq).await?.as_deref() != Some(hash.as_str()) {
        return Ok(Some(format!(
            "row {seq} no longer has the hash signed at checkpoint {seq}"
        )));
    }
    Ok(None)
}
