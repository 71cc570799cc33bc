//! Account names and passwords.

pub const MIN_PASSWORD_CHARS: usize = 10;
/// Bounds hashing work per login attempt.
pub const MAX_PASSWORD_CHARS: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error(
        "username must be 3-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"
    )]
    UsernameInvalid,
    #[error("password must be at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("password must be at most {MAX_PASSWORD_CHARS} characters")]
    PasswordTooLong,
    #[error("password must not equal the username")]
    PasswordIsUsername,
    #[error("name must be 1-200 printable characters")]
    NameInvalid,
}

impl AccountError {
    pub fn code(self) -> &'static str {
        match self {
            AccountError::UsernameInvalid => "username_invalid",
            AccountError::PasswordTooShort => "password_too_short",
            AccountError::PasswordTooLong => "password_too_long",
            AccountError::PasswordIsUsername => "password_is_username",
            AccountError::NameInvalid => "name_invalid",
        }
    }
}

/// A login name: lower-case, so that `Lurah.Poncosari` and `lurah.poncosari` are one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> Result<Username, AccountError> {
        let s = s.trim().to_ascii_lowercase();
        let ok = (3..=64).contains(&s.len())
            && s.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
            })
            && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
        if ok {
            Ok(Username(s))
        } else {
            Err(AccountError::UsernameInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks a new password against the policy.
pub fn check_password(password: &str, username: &Username) -> Result<(), AccountError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooShort);
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooLong);
    }
    if password.trim().eq_ignore_ascii_case(username.as_str()) {
        return Err(AccountError::PasswordIsUsername);
    }
    Ok(())
}

/// A person's display name.
pub fn check_name(name: &str) -> Result<String, AccountError> {
    let t = name.trim();
    if t.is_empty() || t.chars().count() > 200 || t.chars().any(char::is_control) {
        Err(AccountError::NameInvalid)
    } else {
        Ok(t.to_owned())
    }
}

/// The one key a login attempt is counted under: the username as the account look-up
/// reads it (trimmed of Unicode whitespace, lower-cased), so that no spelling of one
/// account escapes its counter (issue 21: padding with U+3000 gave each try a new one).
pub fn login_key(given: &str) -> String {
    match Username::parse(given) {
        Ok(u) => u.0,
        Err(_) => given.trim().to_lowercase(),
    }
}

/// Failed logins from one address against one account that are answered at once; each
/// one after them waits twice as long as the last, up to `LOGIN_DELAY_MAX_MS`.
pub const LOGIN_FREE_FAILURES: usize = 3;
pub const LOGIN_DELAY_MAX_MS: u64 = 4_000;

/// How long to hold the answer to a failed login, given the failures from that address
/// against that account in the last hour (this one included): slowing a guesser down
/// instead of locking the owner out.
pub fn login_delay_ms(failures: usize) -> u64 {
    if failures <= LOGIN_FREE_FAILURES {
        return 0;
    }
    let doublings = u32::try_from(failures - LOGIN_FREE_FAILURES - 1).unwrap_or(u32::MAX);
    250u64
        .checked_shl(doublings.min(16))
        .unwrap_or(LOGIN_DELAY_MAX_MS)
        .min(LOGIN_DELAY_MAX_MS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any two inputs that resolve to one account share one counter.
        #[test]
        fn every_spelling_of_an_account_shares_its_login_counter(
            name in "[a-z0-9][a-z0-9._-]{2,20}",
            pad_left in proptest::collection::vec(proptest::sample::select(vec![' ', '\t', '\n', '\u{3000}', '\u{00a0}', '\u{2003}', '\u{205f}', '\u{feff}']), 0..4),
            pad_right in proptest::collection::vec(proptest::sample::select(vec![' ', '\u{3000}', '\u{2028}', '\u{00a0}']), 0..4),
            upper in proptest::collection::vec(any::<bool>(), 21),
        ) {
            let cased: String = name
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, u)| if *u { c.to_ascii_uppercase() } else { c })
                .collect();
            let given = format!("{}{cased}{}", pad_left.iter().collect::<String>(), pad_right.iter().collect::<String>());
            let resolves = Username::parse(&given).ok();
            if let Some(u) = resolves {
                prop_assert_eq!(u.as_str(), name.as_str());
                prop_assert_eq!(login_key(&given), login_key(&name));
            } else {
                // U+FEFF is not whitespace: such an input finds no account at all.
                let bom = '\u{feff}';
                prop_assert!(pad_left.contains(&bom), "{:?}", given);
            }
        }
    }

    #[test]
    fn failed_logins_slow_down_instead_of_locking_out() {
        assert_eq!(login_delay_ms(1), 0);
        assert_eq!(login_delay_ms(3), 0);
        assert_eq!(login_delay_ms(4), 250);
        assert_eq!(login_delay_ms(5), 500);
        assert_eq!(login_delay_ms(8), 4_000);
        assert_eq!(login_delay_ms(1_000), 4_000);
    }

    #[test]
    fn usernames_are_normalised_and_checked() {
        assert_eq!(
            Username::parse(" Lurah.Poncosari ").unwrap().as_str(),
            "lurah.poncosari"
        );
        for bad in ["ab", "-lead", "with space", "ümlaut", &"x".repeat(65)] {
            assert_eq!(
                Username::parse(bad),
                Err(AccountError::UsernameInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn passwords_follow_the_policy() {
        let u = Username::parse("lurah.poncosari").unwrap();
        assert_eq!(
            check_password("short", &u),
            Err(AccountError::PasswordTooShort)
        );
        assert_eq!(
            check_password("Lurah.Poncosari", &u),
            Err(AccountError::PasswordIsUsername)
        );
        assert_eq!(
            check_password(&"x".repeat(129), &u),
            Err(AccountError::PasswordTooLong)
        );
        assert_eq!(check_password("ten chars!", &u), Ok(()));
        // Counted in characters, not bytes.
        assert_eq!(
            check_password("ééééééééé", &u),
            Err(AccountError::PasswordTooShort)
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(check_name("  Sri Rahayu ").unwrap(), "Sri Rahayu");
        assert_eq!(check_name(" "), Err(AccountError::NameInvalid));
        assert_eq!(check_name("a\u{0}b"), Err(AccountError::NameInvalid));
    }
}

/// An account as stored, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: uuid::Uuid,
    pub username: Username,
    pub name: String,
    pub role: crate::access::Role,
    pub territory: crate::access::Territory,
    pub wksbm_id: Option<uuid::Uuid>,
    pub jabatan: Option<crate::access::Jabatan>,
    pub personal_data_grant: bool,
    pub active: bool,
    pub deactivated_at: Option<chrono::DateTime<chrono::Utc>>,
    pub status_reason: Option<String>,
    /// Bumped on deactivation and password changes: tokens carrying an older one fail.
    pub token_version: i64,
    /// Bumped on every change; the ETag.
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl User {
    /// The actor this account acts as.
    pub fn actor(&self) -> crate::access::Actor {
        crate::access::Actor {
            user_id: self.id,
            role: self.role,
            territory: self.territory.clone(),
            wksbm_id: self.wksbm_id,
            jabatan: self.jabatan,
            personal_data_grant: self.personal_data_grant,
        }
    }
}
