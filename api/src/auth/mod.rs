//! Authentication: signing keys, access tokens, password hashing, login rate limits and
//! the extractor that turns a bearer token into an `Actor`.

pub mod extract;
pub mod keys;
pub mod login_limits;
pub mod password;
pub mod ratelimit;
pub mod tokens;
pub mod users_cache;

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut buf = [0u8; N];
    getrandom::getrandom(&mut buf)?;
    Ok(buf)
}
