//! Access tokens: EdDSA JWTs with a `kid`, at most 15 minutes, validated strictly
//! (algorithm pinned, `exp`/`nbf`/`iss`/`aud`/`sub` required, leeway 30 s, a lifetime
//! `exp - iat` no longer than configured). Verified
//! tokens are remembered until they expire, so a client reusing its token costs one
//! signature check, not one per request.

use super::keys::KeyRing;
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{SystemTime, UNIX_EPOCH};
use uuid::Uuid;
use wksbm_domain::account::User;

pub const LEEWAY_SECS: u64 = 30;
const CACHE_CAPACITY: usize = 50_000;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub exp: u64,
    pub iat: u64,
    pub nbf: u64,
    pub jti: String,
    pub role: String,
    pub scope: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wksbm_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jabatan: Option<String>,
    /// The account's token version when issued; a later deactivation or password change
    /// bumps it and ends this token.
    pub ver: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token is malformed or its signature does not verify")]
    Invalid,
    #[error("the token was signed by an unknown key")]
    UnknownKey,
    #[error("the token has expired")]
    Expired,
    #[error("the token could not be signed")]
    Signing,
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

pub struct TokenService {
    keys: KeyRing,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl_secs: u64,
    verified: RwLock<HashMap<String, Claims>>,
}

impl TokenService {
    pub fn new(keys: KeyRing, issuer: &str, audience: &str, ttl_secs: u64) -> Self {
        let mut v = Validation::new(Algorithm::EdDSA);
        v.algorithms = vec![Algorithm::EdDSA];
        v.leeway = LEEWAY_SECS;
        v.validate_exp = true;
        v.validate_nbf = true;
        v.set_issuer(&[issuer]);
        v.set_audience(&[audience]);
        v.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        TokenService {
            keys,
            validation: v,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            ttl_secs,
            verified: RwLock::new(HashMap::new()),
        }
    }

    pub fn keys(&self) -> &KeyRing {
        &self.keys
    }

    /// The `iss` of every token (and of audit checkpoints).
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub fn ttl_secs(&self) -> u64 {
        self.ttl_secs
    }

    pub fn claims_for(&self, user: &User) -> Claims {
        let now = now_secs();
        Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: user.id.to_string(),
            exp: now + self.ttl_secs,
            iat: now,
            nbf: now,
            jti: Uuid::now_v7().to_string(),
            role: user.role.as_str().to_owned(),
            scope: user.territory.claim(),
            wksbm_id: user.wksbm_id.map(|w| w.to_string()),
            jabatan: user.jabatan.map(|j| j.as_str().to_owned()),
            ver: user.token_version,
        }
    }

    pub fn sign(&self, claims: &Claims) -> Result<String, TokenError> {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.keys.kid().to_owned());
        jsonwebtoken::encode(&header, claims, self.keys.signer()).map_err(|_| TokenError::Signing)
    }

    pub fn issue(&self, user: &User) -> Result<String, TokenError> {
        self.sign(&self.claims_for(user))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        let now = now_secs();
        if let Ok(cache) = self.verified.read()
            && let Some(c) = cache.get(token)
        {
            // The signature was checked when cached; time still has to be.
            if c.exp + LEEWAY_SECS < now {
                return Err(TokenError::Expired);
            }
            return Ok(c.clone());
        }
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Invalid)?;
        if header.alg != Algorithm::EdDSA {
            return Err(TokenError::Invalid);
        }
        let kid = header.kid.ok_or(TokenError::UnknownKey)?;
        let key = self.keys.verifier(&kid).ok_or(TokenError::UnknownKey)?;
        let data =
            jsonwebtoken::decode::<Claims>(token, key, &self.validation).map_err(|e| {
                match e.kind() {
                    jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                    _ => TokenError::Invalid,
                }
            })?;
        // A validly signed token that claims a longer life than this server gives, or that
        // was issued in the future, was not minted here: a leaked key must not make
        // year-long tokens (issue 21).
        let c = &data.claims;
        if c.exp.saturating_sub(c.iat) > self.ttl_secs || c.iat > now + LEEWAY_SECS {
            return Err(TokenError::Invalid);
        }
        if let Ok(mut cache) = self.verified.write() {
            if cache.len() >= CACHE_CAPACITY {
                cache.retain(|_, c| c.exp + LEEWAY_SECS >= now);
                if cache.len() >= CACHE_CAPACITY {
                    cache.clear();
                }
            }
            cache.insert(token.to_owned(), data.claims.clone());
        }
        Ok(data.claims)
    }
}
