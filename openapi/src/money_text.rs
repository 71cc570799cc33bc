//! A person's name inside a list (collectors, witnesses), checked like any text field.

use crate::rules::printable_text;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[schema(value_type = String, min_length = 1, max_length = 200, pattern = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$")]
pub struct Name(pub String);

impl Name {
    pub fn check(&self) -> bool {
        (1..=200).contains(&self.0.chars().count()) && printable_text(&self.0).is_ok()
    }
}
