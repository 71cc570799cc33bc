//! Register import and export on the wire: the per-row report of an import.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// The padukuhan every imported person belongs to.
    pub padukuhan_id: Uuid,
    /// Check every row and report, writing nothing (default true).
    pub dry_run: Option<bool>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// A new person (created, or would be on a dry run).
    Baru,
    /// Already registered in the caller's territory: left as is.
    Sudah,
    /// The row breaks a rule: nothing of the file is written.
    Salah,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RowIssue {
    /// The column as named in the file's header.
    pub column: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportRow {
    /// The line (CSV) or row (XLSX) number in the file, the header being 1.
    pub line: usize,
    pub outcome: RowOutcome,
    /// The id of the new or existing record.
    pub id: Option<Uuid>,
    pub errors: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"dry_run": true, "committed": false, "rows": 2, "new": 1, "existing": 1, "invalid": 0, "report": []}))]
pub struct ImportReport {
    pub dry_run: bool,
    /// True when the rows were written (never when any row is invalid).
    pub committed: bool,
    pub rows: usize,
    pub new: usize,
    pub existing: usize,
    pub invalid: usize,
    pub report: Vec<ImportRow>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    #[default]
    Csv,
    Xlsx,
}

/// A binary file (an XLSX workbook).
#[derive(Debug, Clone, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBytes(pub Vec<u8>);
