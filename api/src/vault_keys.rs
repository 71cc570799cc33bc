//! The personal-data vault's keys: from settings, or generated once into the data
//! directory (owner-only files) so a development server keeps reading its own data.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::path::Path;
use wksbm_persistence::vault::{DataKey, Vault};

fn decode32(what: &str, b64: &str) -> Result<[u8; 32], String> {
    let bytes = STANDARD
        .decode(b64.trim())
        .map_err(|_| format!("{what}: not base64"))?;
    bytes
        .try_into()
        .map_err(|_| format!("{what}: a key is 32 bytes"))
}

fn parse_key(spec: &str) -> Result<DataKey, String> {
    let (id, b64) = spec
        .split_once(':')
        .ok_or("data key: write it as id:base64")?;
    Ok(DataKey {
        id: id.trim().to_owned(),
        bytes: decode32(&format!("data key {}", id.trim()), b64)?,
    })
}

/// Reads `name` in `dir`, or writes `make()` there first.
fn file_or_new(
    dir: &Path,
    name: &str,
    make: impl FnOnce() -> Result<String, String>,
) -> Result<String, String> {
    let path = dir.join(name);
    if path.exists() {
        return std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let text = make()?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    use std::io::Write;
    opts.open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text)
}

fn random_b64() -> Result<String, String> {
    let bytes = crate::auth::random_bytes::<32>().map_err(|e| e.to_string())?;
    Ok(STANDARD.encode(bytes))
}

pub fn load(data_keys: &[String], lookup: Option<&str>, data_dir: &Path) -> Result<Vault, String> {
    let keys: Vec<DataKey> = if data_keys.is_empty() {
        let text = file_or_new(data_dir, "data-keys", || {
            Ok(format!("k1:{}\n", random_b64()?))
        })?;
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(parse_key)
            .collect::<Result<_, _>>()?
    } else {
        data_keys
            .iter()
            .map(|k| parse_key(k))
            .collect::<Result<_, _>>()?
    };
    let lookup = match lookup {
        Some(k) => decode32("lookup key", k)?,
        None => decode32(
            "lookup key",
            &file_or_new(data_dir, "lookup-key", random_b64)?,
        )?,
    };
    Vault::new(&keys, lookup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_or_name_the_problem() {
        let k = STANDARD.encode([7u8; 32]);
        let v = load(
            &[format!("k2:{k}"), format!("k1:{k}")],
            Some(&k),
            Path::new("/nonexistent"),
        )
        .unwrap();
        assert_eq!(v.current_key_id(), "k2");
        assert!(
            load(&["k1".into()], Some(&k), Path::new("/x"))
                .unwrap_err()
                .contains("id:base64")
        );
        assert!(
            load(&["k1:AAAA".into()], Some(&k), Path::new("/x"))
                .unwrap_err()
                .contains("32 bytes")
        );
    }

    #[test]
    fn generated_keys_are_kept() {
        let dir = std::env::temp_dir().join(format!("wksbm-vault-{}", uuid::Uuid::now_v7()));
        let a = load(&[], None, &dir).unwrap();
        let b = load(&[], None, &dir).unwrap();
        assert_eq!(a.lookup_hash("nik", "1"), b.lookup_hash("nik", "1"));
        let (kid, blob) = a.seal(b"x", b"r").unwrap();
        assert_eq!(b.open(&kid, &blob, b"r").unwrap(), b"x");
        let _ = std::fs::remove_dir_all(dir);
    }
}
