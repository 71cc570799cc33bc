//! Field checks the schema states as patterns, done the same way on the server so that
//! what the specification accepts and what the server accepts never differ.

use validator::ValidationError;

/// Text with at least one visible character and no control or invisible format character
/// (the schema's pattern, `text::PRINTABLE_PATTERN`): one rule for every free-text field.
pub fn printable_text(s: &str) -> Result<(), ValidationError> {
    if s.chars().any(hidden) || !s.chars().any(|c| !pattern_space(c)) {
        Err(ValidationError::new("printable"))
    } else {
        Ok(())
    }
}

/// One rule for every text field, wherever it arrives (JSON or an imported file).
pub use wksbm_domain::text::hidden;

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

    /// The schema's pattern and `hidden` exclude exactly the same characters, so that a
    /// client validating against the spec and the server never disagree.
    #[test]
    fn the_schema_pattern_and_the_rule_agree_on_every_bmp_character() {
        let pattern = crate::text::PRINTABLE_PATTERN;
        let class = &pattern[3..pattern.find("]*").unwrap()];
        let re = regex::Regex::new(&format!("^[{class}]$")).unwrap();
        for c in (0u32..=0xffff).filter_map(char::from_u32) {
            assert_eq!(hidden(c), re.is_match(&c.to_string()), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn printable_and_username_rules() {
        assert!(printable_text(" Sri ").is_ok());
        assert!(printable_text("   ").is_err());
        assert!(printable_text("a\tb").is_err());
        assert!(printable_text("\u{85}").is_err(), "a C1 control");
        assert!(
            printable_text("\u{feff}").is_err(),
            "\\s in ECMAScript, and the BOM"
        );
        for trick in [
            "Sri\u{202e}ihsaR",
            "Bu\u{200b}di",
            "\u{2066}Ani\u{2069}",
            "x\u{ad}y",
            "a\u{9b}b",
        ] {
            assert!(printable_text(trick).is_err(), "{trick:?}");
        }
        assert!(printable_text("Sri Rahayu, S.Pd. (RT 03) — Kuwaru").is_ok());
        assert!(username_chars("Lurah.Poncosari").is_ok());
        assert!(username_chars(".lead").is_err());
        assert!(username_chars("ab").is_err());
    }
}
