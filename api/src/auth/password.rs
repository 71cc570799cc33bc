//! Argon2id (OWASP: m = 19 MiB, t = 2, p = 1) on the blocking pool, at most
//! `concurrency` at once, so that a burst of logins cannot exhaust memory.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Failed(String),
}

#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// Verified against when the account does not exist, so that unknown users and
    /// wrong passwords take the same time.
    dummy: Arc<String>,
}

fn hash_now(password: &str) -> Result<String, HashError> {
    let salt_bytes = super::random_bytes::<16>().map_err(|e| HashError::Failed(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| HashError::Failed(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError::Failed(e.to_string()))
}

fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

impl Hasher {
    pub fn new(concurrency: usize) -> Result<Self, HashError> {
        Ok(Hasher {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            dummy: Arc::new(hash_now("dummy password for timing")?),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| HashError::Failed(e.to_string()))?;
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .map_err(|e| HashError::Failed(e.to_string()))?
    }

    /// Verifies `password` against `hash`, or against the dummy hash when `None`
    /// (and then answers false).
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| HashError::Failed(e.to_string()))?;
        let known = hash.is_some();
        let target = hash.unwrap_or_else(|| self.dummy.as_ref().clone());
        let ok = tokio::task::spawn_blocking(move || verify_now(&password, &target))
            .await
            .map_err(|e| HashError::Failed(e.to_string()))?;
        Ok(known && ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_are_argon2id_with_owasp_parameters() {
        let h = Hasher::new(2).unwrap();
        let hash = h.hash("kata-sandi-panjang".into()).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            h.verify("kata-sandi-panjang".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(!h.verify("salah".into(), Some(hash)).await.unwrap());
        assert!(
            !h.verify("dummy password for timing".into(), None)
                .await
                .unwrap(),
            "unknown accounts never pass"
        );
    }
}
