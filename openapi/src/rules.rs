//! Field checks the schema states as patterns, done the same way on the server so that
//! what the specification accepts and what the server accepts never differ.

use validator::ValidationError;

/// Text with at least one visible character and no control characters (the schema's
/// pattern `^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$`).
pub fn printable_text(s: &str) -> Result<(), ValidationError> {
    let control = |c: char| (c as u32) < 0x20 || c as u32 == 0x7f;
    if s.chars().any(control) || !s.chars().any(|c| !pattern_space(c)) {
        Err(ValidationError::new("printable"))
    } else {
        Ok(())
    }
}

/// `\s` as the schema's patterns mean it (ECMAScript), which is not Rust's
/// `char::is_whitespace`: U+0085 is a space to Rust and not to ECMAScript, U+FEFF the
/// other way round (schemathesis found the first).
pub fn pattern_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
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
        assert!(printable_text("\u{85}").is_ok(), "not \\s in ECMAScript");
        assert!(printable_text("\u{feff}").is_err(), "\\s in ECMAScript");
        assert!(username_chars("Lurah.Poncosari").is_ok());
        assert!(username_chars(".lead").is_err());
        assert!(username_chars("ab").is_err());
    }
}
