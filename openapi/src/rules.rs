//! Field checks the schema states as patterns, done the same way on the server so that
//! what the specification accepts and what the server accepts never differ.

use validator::ValidationError;

/// Text with at least one visible character and no control characters (the schema's
/// pattern `^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$`).
pub fn printable_text(s: &str) -> Result<(), ValidationError> {
    let control = |c: char| (c as u32) < 0x20 || c as u32 == 0x7f;
    if s.chars().any(control) || !s.chars().any(|c| !c.is_whitespace()) {
        Err(ValidationError::new("printable"))
    } else {
        Ok(())
    }
}

/// `^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$`.
pub fn username_chars(s: &str) -> Result<(), ValidationError> {
    let ok = (3..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("username"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_and_username_rules() {
        assert!(printable_text(" Sri ").is_ok());
        assert!(printable_text("   ").is_err());
        assert!(printable_text("a\tb").is_err());
        assert!(username_chars("Lurah.Poncosari").is_ok());
        assert!(username_chars(".lead").is_err());
        assert!(username_chars("ab").is_err());
    }
}
