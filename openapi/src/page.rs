//! Cursor pagination on the wire (GUIDE.md section 2).

use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{IntoParams, ToSchema};

/// `page_size` and `page_token`, shared by every list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1-200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub page_size: Option<u32>,
    /// The `next_page_token` of the previous page; opaque.
    #[param(max_length = 512)]
    pub page_token: Option<String>,
}

/// One page of a list: the items, and the token of the next page (`null` on the last).
/// The same token is in the `Link: rel="next"` header.
///
/// On the wire each list has its schema `Page_<Item>`, whose `items` refer to the item's
/// own schema (utoipa's derive would inline the item into every page; see the impls).
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `page_token` for the next page; `null` when this is the last.
    pub next_page_token: Option<String>,
}

impl<T: ToSchema> Page<T> {
    /// The item's own example on a page with a next one, or an empty last page.
    fn example() -> serde_json::Value {
        let item = match T::schema() {
            RefOr::T(Schema::Object(o)) => o.example,
            _ => None,
        };
        match item {
            Some(i) => serde_json::json!({"items": [i], "next_page_token": "cGFnZTp2MTowMTkz"}),
            None => serde_json::json!({"items": [], "next_page_token": null}),
        }
    }

    #[allow(deprecated)] // `example` is what every other schema here carries
    fn page_schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some(
                "One page of a list: the items, and the token of the next page (`null` on the \
                 last). The same token is in the `Link: rel=\"next\"` header.",
            ))
            .property(
                "items",
                ArrayBuilder::new().items(Ref::from_schema_name(T::name())),
            )
            .required("items")
            .property(
                "next_page_token",
                ObjectBuilder::new()
                    .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                    .description(Some(
                        "Pass as `page_token` for the next page; `null` when this is the last.",
                    )),
            )
            .example(Some(Self::example()))
            .into()
    }
}

impl<T: ToSchema> ToSchema for Page<T> {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Page")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((T::name().into_owned(), T::schema()));
        T::schemas(schemas);
    }
}

// What `body = Page<Item>` in a path calls (and, through utoipa's blanket impl, the
// `PartialSchema`); the item schema it passes is inlined, so it is ignored in favour of a
// reference.
impl<T: ToSchema> utoipa::__dev::ComposeSchema for Page<T> {
    fn compose(_inlined: Vec<RefOr<Schema>>) -> RefOr<Schema> {
        Self::page_schema()
    }
}
