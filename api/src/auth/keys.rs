//! Ed25519 signing keys: loaded from PKCS#8 PEM files (the first signs, every one
//! verifies, so an old key keeps verifying until it is removed from the list), or
//! generated once into the data directory when none is configured.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, spki::der::pem::LineEnding};
use jsonwebtoken::{DecodingKey, EncodingKey};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use wksbm_openapi::auth::{Jwk, Jwks};

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{path}: {reason}")]
    File { path: PathBuf, reason: String },
    #[error("no randomness from the operating system: {0}")]
    Random(String),
}

pub struct KeyRing {
    kid: String,
    signer: EncodingKey,
    verifiers: HashMap<String, DecodingKey>,
    jwks: Jwks,
}

/// RFC 7638 thumbprint of an Ed25519 public key: a stable `kid`.
fn thumbprint(x: &str) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

fn file_err(path: &Path, reason: impl ToString) -> KeyError {
    KeyError::File {
        path: path.to_owned(),
        reason: reason.to_string(),
    }
}

impl KeyRing {
    /// Loads `files`, or the generated key in `data_dir` when the list is empty.
    pub fn load(files: &[PathBuf], data_dir: &Path) -> Result<KeyRing, KeyError> {
        let keys: Vec<SigningKey> = if files.is_empty() {
            vec![generated(data_dir)?]
        } else {
            files
                .iter()
                .map(|p| {
                    let pem = std::fs::read_to_string(p).map_err(|e| file_err(p, e))?;
                    SigningKey::from_pkcs8_pem(&pem).map_err(|e| {
                        file_err(p, format!("not an Ed25519 PKCS#8 PEM private key: {e}"))
                    })
                })
                .collect::<Result<_, _>>()?
        };
        Self::from_keys(&keys)
    }

    pub fn from_keys(keys: &[SigningKey]) -> Result<KeyRing, KeyError> {
        let mut verifiers = HashMap::new();
        let mut jwks = Vec::new();
        let mut first: Option<(String, EncodingKey)> = None;
        for k in keys {
            let public = k.verifying_key().to_bytes();
            let x = URL_SAFE_NO_PAD.encode(public);
            let kid = thumbprint(&x);
            if first.is_none() {
                let der = k
                    .to_pkcs8_der()
                    .map_err(|e| KeyError::Random(e.to_string()))?;
                first = Some((kid.clone(), EncodingKey::from_ed_der(der.as_bytes())));
            }
            verifiers.insert(kid.clone(), DecodingKey::from_ed_der(&public));
            jwks.push(Jwk {
                kty: "OKP".into(),
                crv: "Ed25519".into(),
                alg: "EdDSA".into(),
                use_: "sig".into(),
                kid,
                x,
            });
        }
        let (kid, signer) = first.ok_or_else(|| KeyError::Random("no signing key".into()))?;
        Ok(KeyRing {
            kid,
            signer,
            verifiers,
            jwks: Jwks { keys: jwks },
        })
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn signer(&self) -> &EncodingKey {
        &self.signer
    }

    pub fn verifier(&self, kid: &str) -> Option<&DecodingKey> {
        self.verifiers.get(kid)
    }

    pub fn jwks(&self) -> &Jwks {
        &self.jwks
    }
}

/// A fresh random key.
pub fn generate_key() -> Result<SigningKey, KeyError> {
    let seed = super::random_bytes::<32>().map_err(|e| KeyError::Random(e.to_string()))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// The key in `data_dir/jwt-ed25519.pem`, created on first use (owner-only permissions).
fn generated(data_dir: &Path) -> Result<SigningKey, KeyError> {
    let path = data_dir.join("jwt-ed25519.pem");
    if path.exists() {
        let pem = std::fs::read_to_string(&path).map_err(|e| file_err(&path, e))?;
        return SigningKey::from_pkcs8_pem(&pem).map_err(|e| file_err(&path, e));
    }
    std::fs::create_dir_all(data_dir).map_err(|e| file_err(data_dir, e))?;
    let key = generate_key()?;
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| file_err(&path, e))?;
    write_private(&path, pem.as_bytes()).map_err(|e| file_err(&path, e))?;
    tracing::warn!(
        path = %path.display(),
        "no WKSBM_JWT_KEY_FILES configured: generated a signing key; configure key files in production"
    );
    Ok(key)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_key_persists_and_rotation_keeps_old_kids() {
        let dir = std::env::temp_dir().join(format!("wksbm-keys-{}", uuid::Uuid::now_v7()));
        let a = KeyRing::load(&[], &dir).unwrap();
        let again = KeyRing::load(&[], &dir).unwrap();
        assert_eq!(a.kid(), again.kid(), "the generated key is reused");

        let new_key = generate_key().unwrap();
        let old_pem = std::fs::read_to_string(dir.join("jwt-ed25519.pem")).unwrap();
        let old_key = SigningKey::from_pkcs8_pem(&old_pem).unwrap();
        let ring = KeyRing::from_keys(&[new_key, old_key]).unwrap();
        assert_ne!(ring.kid(), a.kid(), "the first key signs");
        assert!(
            ring.verifier(a.kid()).is_some(),
            "the old key still verifies"
        );
        assert_eq!(ring.jwks().keys.len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_bad_key_file_is_named() {
        let dir = std::env::temp_dir().join(format!("wksbm-keys-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("bad.pem");
        std::fs::write(&f, "not a key").unwrap();
        let e = KeyRing::load(std::slice::from_ref(&f), &dir)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("bad.pem"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
