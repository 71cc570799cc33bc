//! Cursor pagination on the wire (GUIDE.md section 2).

use serde::Deserialize;
use utoipa::IntoParams;

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
