//! The Indonesian message of a domain rule, found by the rule's code. Each rule enum
//! knows its own codes; this is the one place that asks all of them, so that no rule
//! module has to import another to answer for it.

use crate::dana::DanaError;
use crate::penyaluran::RoundError;

/// The Indonesian message of a money or distribution rule by its code.
pub fn message_id(code: &str) -> Option<&'static str> {
    DanaError::message_id_of(code).or_else(|| RoundError::message_id_of(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_distribution_codes_both_have_messages() {
        for e in DanaError::ALL {
            assert_eq!(message_id(e.code()), Some(e.message_id()));
        }
        for e in RoundError::ALL {
            assert!(message_id(e.code()).is_some(), "{}", e.code());
        }
        assert_eq!(
            message_id("cap_exceeded"),
            Some(RoundError::CapExceeded.message_id())
        );
        assert_eq!(message_id("no_such_rule"), None);
    }
}
