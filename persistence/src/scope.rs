//! The one territory filter: every query over data that belongs somewhere goes through
//! here, so that a caller never sees rows outside its territory (GUIDE.md section 3).

use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr};
use wksbm_domain::access::Territory;
use wksbm_domain::wilayah::KodeWilayah;

/// Rows whose region column lies in `territory`; with a padukuhan territory, rows whose
/// padukuhan column is that padukuhan (none when the table has no such column).
pub fn condition<C: ColumnTrait>(
    territory: &Territory,
    wilayah_col: C,
    padukuhan_col: Option<C>,
) -> Condition {
    match territory {
        Territory::Wilayah(code) => Condition::any()
            .add(wilayah_col.eq(code.as_str()))
            // Codes are digits and dots only: no LIKE wildcard can occur in them.
            .add(Expr::col(wilayah_col).like(LikeExpr::new(format!("{}.%", code.as_str())))),
        Territory::Padukuhan { id, .. } => match padukuhan_col {
            Some(col) => Condition::all().add(col.eq(id.to_string())),
            None => Condition::all().add(Expr::val(1).eq(0)),
        },
    }
}

/// Rows whose region column lies under `code` (a query's own region filter, on top of the
/// caller's territory).
pub fn under<C: ColumnTrait>(code: &KodeWilayah, wilayah_col: C) -> Condition {
    condition(&Territory::Wilayah(code.clone()), wilayah_col, None)
}

/// `%text%` for a LIKE that matches `text` literally anywhere: `\`, `%` and `_` are
/// escaped with `\` (the same on PostgreSQL and SQLite); every search uses it.
pub fn contains(text: &str) -> LikeExpr {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}
