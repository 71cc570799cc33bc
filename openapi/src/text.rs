//! Free text a person types (a name, an address, a reason): one type for every such field,
//! so that the schema's rule and the server's check are written once.

use crate::rules::printable_text;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

/// The schema's pattern: no control or invisible format characters (C0, DEL, C1, soft
/// hyphen, bidirectional marks, overrides and isolates, zero-width characters, the BOM,
/// interlinear annotation) and at least one visible character; `rules::hidden` is the
/// same set in Rust.
pub const PRINTABLE_PATTERN: &str = r"^[^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb][^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*$";

/// Text of 1 to `MAX` characters (Unicode scalar values) with at least one visible
/// character and no control characters. On the wire a plain JSON string.
///
/// In a request DTO it takes `#[validate(nested)]`: the field then gets the same field
/// errors as the schema's `minLength`/`maxLength` (`length`) and `pattern` (`printable`),
/// under the field's own name. In the schema it is inlined (`#[schema(inline)]`), or, when
/// optional, given with `#[schema(schema_with = Printable::<MAX>::nullable)]` so that it
/// reads `"type": ["string", "null"]` like any optional string. A field with a doc comment
/// spells its schema out instead (`value_type = String`, the lengths and
/// [`PRINTABLE_PATTERN`]): utoipa 6 drops the comment beside `schema_with` and, beside
/// `inline`, wraps it in an `allOf` with `"type": "object"` that no string matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Printable<const MAX: usize>(String);

impl<const MAX: usize> Printable<MAX> {
    /// The most characters the text may have.
    pub const MAX: usize = MAX;

    /// The text as typed (not trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }

    /// The rule's outcomes: `length` when outside 1..=MAX characters, `printable` when it
    /// has a control character or nothing visible. Both when both (as the schema's two
    /// keywords would say).
    pub fn errors(&self) -> Vec<ValidationError> {
        let mut out = Vec::new();
        if !(1..=MAX).contains(&self.0.chars().count()) {
            let mut e = ValidationError::new("length");
            e.add_param(Cow::Borrowed("min"), &1);
            e.add_param(Cow::Borrowed("max"), &MAX);
            out.push(e);
        }
        if let Err(e) = printable_text(&self.0) {
            out.push(e);
        }
        out
    }

    /// Whether the text keeps the rule.
    pub fn is_valid(&self) -> bool {
        self.errors().is_empty()
    }

    /// The schema of an optional field: a string or null, with the same rule.
    pub fn nullable() -> Schema {
        Self::object()
            .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
                Type::String,
                Type::Null,
            ]))
            .build()
            .into()
    }

    fn object() -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(MAX))
            .min_length(Some(1))
            .pattern(Some(PRINTABLE_PATTERN))
    }
}

impl<const MAX: usize> From<String> for Printable<MAX> {
    /// Wraps text as it is; the rule is checked by `validate`.
    fn from(s: String) -> Self {
        Printable(s)
    }
}

impl<const MAX: usize> From<&str> for Printable<MAX> {
    fn from(s: &str) -> Self {
        Printable(s.to_owned())
    }
}

impl<const MAX: usize> From<Printable<MAX>> for String {
    fn from(p: Printable<MAX>) -> Self {
        p.0
    }
}

impl<const MAX: usize> Deref for Printable<MAX> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> AsRef<str> for Printable<MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> fmt::Display for Printable<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MAX: usize> PartialEq<str> for Printable<MAX> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl<const MAX: usize> PartialEq<&str> for Printable<MAX> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// With `#[validate(nested)]` the errors land on the field itself, not below it:
/// validator's `merge_self` lifts an entry named `_tmp_validator` (the key its own
/// collections use) to the field (pinned by a test below).
impl<const MAX: usize> Validate for Printable<MAX> {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let errors = self.errors();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(HashMap::from([(
                Cow::Borrowed("_tmp_validator"),
                ValidationErrorsKind::Field(errors),
            )])))
        }
    }
}

impl<const MAX: usize> PartialSchema for Printable<MAX> {
    fn schema() -> RefOr<Schema> {
        Self::object().build().into()
    }
}

impl<const MAX: usize> ToSchema for Printable<MAX> {
    /// Only seen if a field forgets `inline`: then the spec grows a `Printable<MAX>`
    /// component, which the committed-spec test shows.
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("Printable{MAX}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Validate, Serialize, Deserialize, utoipa::ToSchema)]
    struct Body {
        #[schema(inline)]
        #[validate(nested)]
        name: Printable<5>,
        #[schema(schema_with = Printable::<5>::nullable)]
        #[validate(nested)]
        note: Option<Printable<5>>,
    }

    fn codes(name: &str, note: Option<&str>) -> Vec<(String, String)> {
        let body = Body {
            name: name.into(),
            note: note.map(Into::into),
        };
        let Err(errors) = body.validate() else {
            return Vec::new();
        };
        let mut out: Vec<(String, String)> = errors
            .field_errors()
            .into_iter()
            .flat_map(|(f, list)| {
                list.iter()
                    .map(move |e| (f.to_string(), e.code.to_string()))
            })
            .collect();
        out.sort();
        out
    }

    fn pair(f: &str, c: &str) -> (String, String) {
        (f.to_owned(), c.to_owned())
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(Printable::<5>::from("ééééé").is_valid());
        assert!(!Printable::<5>::from("éééééé").is_valid());
        assert_eq!(codes("abcdef", None), vec![pair("name", "length")]);
        assert_eq!(codes("Sri", Some("Pak")), vec![]);
    }

    #[test]
    fn control_characters_and_blank_text_are_refused() {
        assert_eq!(codes("a\tb", None), vec![pair("name", "printable")]);
        assert_eq!(codes("a\u{7f}", None), vec![pair("name", "printable")]);
        assert_eq!(codes("   ", None), vec![pair("name", "printable")]);
        assert_eq!(
            codes("", None),
            vec![pair("name", "length"), pair("name", "printable")]
        );
        assert_eq!(
            codes("ok", Some("\u{3000}")),
            vec![pair("note", "printable")]
        );
        assert!(
            Printable::<5>::from(" Sri ").is_valid(),
            "spaces around are kept"
        );
    }

    #[test]
    fn wire_form_is_a_plain_string() {
        let b: Body = serde_json::from_str(r#"{"name": "Sri", "note": null}"#).unwrap();
        assert_eq!(b.name, "Sri");
        assert!(b.note.is_none());
        assert_eq!(
            serde_json::to_value(&b).unwrap(),
            serde_json::json!({"name": "Sri", "note": null})
        );
        assert_eq!(b.name.len(), 3, "derefs to str");
        assert_eq!(b.name.into_inner(), "Sri");
    }

    #[test]
    fn schema_is_the_inline_string_rule() {
        let pattern = r"^[^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*[^\s\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb][^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]*$";
        assert_eq!(
            serde_json::to_value(<Body as PartialSchema>::schema()).unwrap(),
            serde_json::json!({
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "maxLength": 5, "minLength": 1, "pattern": pattern},
                    "note": {"type": ["string", "null"], "maxLength": 5, "minLength": 1, "pattern": pattern}
                }
            })
        );
        let mut refs = Vec::new();
        <Body as ToSchema>::schemas(&mut refs);
        assert!(refs.is_empty(), "inline: no component of its own");
    }
}
