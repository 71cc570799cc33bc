//! Argon2id (OWASP: m = 19 MiB, t = 2, p = 1) on the blocking pool, at most
//! `concurrency` at once, each hash working in one of `concurrency` preallocated 19 MiB
//! buffers. Reusing the buffers keeps memory flat under a burst of logins: allocating
//! 19 MiB per attempt let the allocator's per-thread arenas grow to 850 MiB (measured,
//! BENCHMARKS.md).

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Failed(String),
}

fn failed(e: impl ToString) -> HashError {
    HashError::Failed(e.to_string())
}

type Buffers = Arc<Mutex<Vec<Vec<Block>>>>;

#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    buffers: Buffers,
    /// Verified against when the account does not exist, so that unknown users and
    /// wrong passwords take the same time.
    dummy: Arc<String>,
}

fn params() -> Result<Params, HashError> {
    Params::new(
        Params::DEFAULT_M_COST,
        Params::DEFAULT_T_COST,
        Params::DEFAULT_P_COST,
        Some(Params::DEFAULT_OUTPUT_LEN),
    )
    .map_err(failed)
}

/// The raw Argon2id output for `password` and `salt` under `params`, in `memory`.
fn compute(
    password: &[u8],
    salt: &[u8],
    params: &Params,
    memory: &mut Vec<Block>,
) -> Result<Output, HashError> {
    let needed = params.block_count();
    if memory.len() < needed {
        // A stored hash with a larger cost than today's default (after a change of
        // parameters): grow this buffer once.
        memory.resize(needed, Block::default());
    }
    let mut out = vec![0u8; params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password, salt, &mut out, &mut memory[..needed])
        .map_err(failed)?;
    Output::new(&out).map_err(failed)
}

fn hash_in(password: &str, memory: &mut Vec<Block>) -> Result<String, HashError> {
    let salt_bytes = super::random_bytes::<16>().map_err(failed)?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(failed)?;
    let params = params()?;
    let output = compute(password.as_bytes(), &salt_bytes, &params, memory)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(failed)?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

fn verify_in(password: &str, stored: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    if parsed.algorithm != Algorithm::Argon2id.ident() {
        return false;
    }
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    // `Output` compares in constant time.
    compute(password.as_bytes(), salt_bytes, &params, memory)
        .is_ok_and(|computed| computed == expected)
}

impl Hasher {
    pub fn new(concurrency: usize) -> Result<Self, HashError> {
        let n = concurrency.max(1);
        let blocks = params()?.block_count();
        let buffers: Buffers = Arc::new(Mutex::new(
            (0..n).map(|_| vec![Block::default(); blocks]).collect(),
        ));
        let dummy = {
            let mut mem = vec![Block::default(); blocks];
            hash_in("dummy password for timing", &mut mem)?
        };
        Ok(Hasher {
            permits: Arc::new(Semaphore::new(n)),
            buffers,
            dummy: Arc::new(dummy),
        })
    }

    /// Runs `f` with a permit and a buffer, on the blocking pool.
    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let _permit = self.permits.acquire().await.map_err(failed)?;
        let buffers = self.buffers.clone();
        tokio::task::spawn_blocking(move || {
            let mut memory = buffers
                .lock()
                .ok()
                .and_then(|mut b| b.pop())
                .unwrap_or_default();
            let out = f(&mut memory);
            if let Ok(mut b) = buffers.lock() {
                b.push(memory);
            }
            out
        })
        .await
        .map_err(failed)
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move |mem| hash_in(&password, mem)).await?
    }

    /// Verifies `password` against `hash`, or against the dummy hash when `None`
    /// (and then answers false).
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, HashError> {
        let known = hash.is_some();
        let target = hash.unwrap_or_else(|| self.dummy.as_ref().clone());
        let ok = self
            .run(move |mem| verify_in(&password, &target, mem))
            .await?;
        Ok(known && ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::PasswordVerifier;

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
        assert!(!h.verify("salah".into(), Some(hash.clone())).await.unwrap());
        assert!(
            !h.verify("dummy password for timing".into(), None)
                .await
                .unwrap(),
            "unknown accounts never pass"
        );
        // The reference implementation agrees: the buffers change nothing in the result.
        let parsed = PasswordHash::new(&hash).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"kata-sandi-panjang", &parsed)
                .is_ok()
        );
    }

    #[tokio::test]
    async fn hashes_made_by_the_reference_implementation_verify() {
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let stored = Argon2::default()
            .hash_password(b"kata-sandi-lama", &salt)
            .unwrap()
            .to_string();
        let h = Hasher::new(1).unwrap();
        assert!(
            h.verify("kata-sandi-lama".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !h.verify("kata-sandi-baru".into(), Some(stored))
                .await
                .unwrap()
        );
        assert!(
            !h.verify(
                "x".into(),
                Some("$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into())
            )
            .await
            .unwrap(),
            "only argon2id"
        );
    }
}
