//! Encryption at rest for personal data: AES-256-GCM with a random 96-bit nonce per
//! seal, the record id as associated data (a ciphertext moved to another row does not
//! open), and the key id stored beside it so keys can rotate. Look-ups use HMAC-SHA256
//! under a separate key that does not rotate with the encryption keys.

use crate::StoreError;
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::fmt;

/// A 256-bit key with its id. Debug output never shows the bytes.
#[derive(Clone)]
pub struct DataKey {
    pub id: String,
    pub bytes: [u8; 32],
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DataKey({}, <redacted>)", self.id)
    }
}

pub struct Vault {
    current: String,
    ciphers: HashMap<String, Aes256Gcm>,
    lookup: [u8; 32],
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Vault(current key {})", self.current)
    }
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "personal data cannot be decrypted: {what}"
    )))
}

impl Vault {
    /// `keys[0]` encrypts; all of them decrypt.
    pub fn new(keys: &[DataKey], lookup: [u8; 32]) -> Result<Vault, String> {
        let first = keys.first().ok_or("at least one data key is needed")?;
        let mut ciphers = HashMap::new();
        for k in keys {
            if k.id.is_empty() || k.id.len() > 32 {
                return Err(format!("data key id {:?} must be 1-32 characters", k.id));
            }
            let c = Aes256Gcm::new_from_slice(&k.bytes).map_err(|e| e.to_string())?;
            if ciphers.insert(k.id.clone(), c).is_some() {
                return Err(format!("data key id {} is given twice", k.id));
            }
        }
        Ok(Vault {
            current: first.id.clone(),
            ciphers,
            lookup,
        })
    }

    pub fn current_key_id(&self) -> &str {
        &self.current
    }

    /// Encrypts `plain` for the record `aad`; returns the key id and nonce ‖ ciphertext.
    pub fn seal(&self, plain: &[u8], aad: &[u8]) -> Result<(String, Vec<u8>), StoreError> {
        let cipher = self
            .ciphers
            .get(&self.current)
            .ok_or_else(|| corrupt("no current key"))?;
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ct = cipher
            .encrypt(&nonce, Payload { msg: plain, aad })
            .map_err(|_| corrupt("encryption failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        Ok((self.current.clone(), out))
    }

    pub fn open(&self, key_id: &str, blob: &[u8], aad: &[u8]) -> Result<Vec<u8>, StoreError> {
        let cipher = self
            .ciphers
            .get(key_id)
            .ok_or_else(|| corrupt(&format!("key {key_id} is not configured")))?;
        if blob.len() < 12 {
            return Err(corrupt("ciphertext too short"));
        }
        let (nonce, ct) = blob.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().map_err(|_| corrupt("bad nonce"))?;
        cipher
            .decrypt(&Nonce::from(nonce), Payload { msg: ct, aad })
            .map_err(|_| corrupt("authentication failed"))
    }

    /// A keyed hash of `value` in the namespace `kind` (hex, 64 characters).
    pub fn lookup_hash(&self, kind: &str, value: &str) -> String {
        // A key of any length is accepted by HMAC; this cannot fail.
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.lookup) else {
            return String::new();
        };
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The tag a private PPKS type is indexed by.
    pub fn type_tag(&self, code: &str) -> String {
        format!("h:{}", &self.lookup_hash("ppks_type", code)[..16])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault(keys: &[(&str, u8)]) -> Vault {
        let keys: Vec<_> = keys
            .iter()
            .map(|(id, b)| DataKey {
                id: (*id).into(),
                bytes: [*b; 32],
            })
            .collect();
        Vault::new(&keys, [9; 32]).unwrap()
    }

    #[test]
    fn seals_open_only_with_the_same_record_and_a_known_key() {
        let v = vault(&[("k1", 1)]);
        let (kid, blob) = v.seal(b"3402011205900001", b"rec-1").unwrap();
        assert_eq!(kid, "k1");
        assert!(!blob.windows(16).any(|w| w == b"3402011205900001"));
        assert_eq!(v.open("k1", &blob, b"rec-1").unwrap(), b"3402011205900001");
        assert!(
            v.open("k1", &blob, b"rec-2").is_err(),
            "moved to another row"
        );
        assert!(v.open("k0", &blob, b"rec-1").is_err());
        let (_, again) = v.seal(b"3402011205900001", b"rec-1").unwrap();
        assert_ne!(blob, again, "a fresh nonce each time");
    }

    #[test]
    fn rotation_reads_old_keys_and_writes_the_new_one() {
        let old = vault(&[("k1", 1)]);
        let (_, blob) = old.seal(b"x", b"r").unwrap();
        let new = vault(&[("k2", 2), ("k1", 1)]);
        assert_eq!(new.open("k1", &blob, b"r").unwrap(), b"x");
        assert_eq!(new.seal(b"x", b"r").unwrap().0, "k2");
        assert_eq!(
            old.lookup_hash("nik", "1"),
            new.lookup_hash("nik", "1"),
            "look-ups survive rotation"
        );
        assert_ne!(new.lookup_hash("nik", "1"), new.lookup_hash("kk", "1"));
        assert!(Vault::new(&[], [0; 32]).is_err());
    }
}
