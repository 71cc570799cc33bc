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

#[cfg(test)]
mod tests {
    use super::*;

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
