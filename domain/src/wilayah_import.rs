//! Validation of a wilayah CSV (`code,parent_code,level,name`) before anything is written.
//! An import is all or nothing: every bad row is reported with its line, and a file with
//! any bad row changes nothing.

use crate::csv;
use crate::wilayah::{KodeWilayah, Level, Wilayah};
use std::collections::HashSet;

pub const HEADER: [&str; 4] = ["code", "parent_code", "level", "name"];
pub const MAX_NAME_CHARS: usize = 200;

/// One problem in the file. `code` is a stable machine-readable rule name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub column: Option<&'static str>,
    pub code: &'static str,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(c) => write!(
                f,
                "line {}, column {c}: {} ({})",
                self.line, self.message, self.code
            ),
            None => write!(f, "line {}: {} ({})", self.line, self.message, self.code),
        }
    }
}

fn err(line: usize, column: Option<&'static str>, code: &'static str, message: String) -> RowError {
    RowError {
        line,
        column,
        code,
        message,
    }
}

/// Parses and checks the whole file. `exists` answers whether a code is already stored,
/// so that a kabupaten file may hang under a province that is not in the file.
pub fn parse(
    text: &str,
    exists: &dyn Fn(&KodeWilayah) -> bool,
) -> Result<Vec<Wilayah>, Vec<RowError>> {
    let records = csv::parse(text).map_err(|e| {
        let line = match e {
            csv::CsvError::UnclosedQuote { line } | csv::CsvError::StrayQuote { line } => line,
        };
        vec![err(line, None, "csv_malformed", e.to_string())]
    })?;
    let rows = rows_after_header(&records)?;
    let (out, seen, mut errors) = check_rows(rows);
    // Parents may come later in the file than their children; check once all are known.
    for (line, w) in &out {
        if let Some(parent) = &w.parent_code
            && !seen.contains(parent)
            && !exists(parent)
        {
            errors.push(err(
                *line,
                Some("parent_code"),
                "parent_unknown",
                format!("parent {parent} is neither in the file nor stored"),
            ));
        }
    }
    if errors.is_empty() {
        // Parents before children, so that a store with foreign keys can insert in order.
        let mut rows: Vec<Wilayah> = out.into_iter().map(|(_, w)| w).collect();
        rows.sort_by(|a, b| {
            a.code
                .depth()
                .cmp(&b.code.depth())
                .then_with(|| a.code.cmp(&b.code))
        });
        Ok(rows)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// The data rows, once the header is exactly [`HEADER`].
fn rows_after_header(records: &[csv::Record]) -> Result<&[csv::Record], Vec<RowError>> {
    let Some((header, rows)) = records.split_first() else {
        return Err(vec![err(
            1,
            None,
            "file_empty",
            "the file has no header and no rows".into(),
        )]);
    };
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|f| f.trim().to_ascii_lowercase())
        .collect();
    if names != HEADER {
        return Err(vec![err(
            header.line,
            None,
            "header_invalid",
            format!("the header must be exactly {}", HEADER.join(",")),
        )]);
    }
    Ok(rows)
}

/// Every row checked on its own and against repeated codes: the good rows with their
/// lines, the codes seen, and the problems.
type CheckedRows = (Vec<(usize, Wilayah)>, HashSet<KodeWilayah>, Vec<RowError>);

fn check_rows(rows: &[csv::Record]) -> CheckedRows {
    let mut errors = Vec::new();
    let mut out: Vec<(usize, Wilayah)> = Vec::with_capacity(rows.len());
    let mut seen: HashSet<KodeWilayah> = HashSet::new();
    for rec in rows {
        match parse_row(rec) {
            Ok(w) => {
                if !seen.insert(w.code.clone()) {
                    errors.push(err(
                        rec.line,
                        Some("code"),
                        "duplicate_code",
                        format!("{} appears more than once", w.code),
                    ));
                } else {
                    out.push((rec.line, w));
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    (out, seen, errors)
}

fn parse_row(rec: &csv::Record) -> Result<Wilayah, Vec<RowError>> {
    let line = rec.line;
    if rec.fields.len() != HEADER.len() {
        return Err(vec![err(
            line,
            None,
            "column_count",
            format!("expected 4 columns, found {}", rec.fields.len()),
        )]);
    }
    let [code, parent, level, name] = [0, 1, 2, 3].map(|i| rec.fields[i].trim());
    let mut errors = Vec::new();
    let code = check_code(line, code, &mut errors);
    let level = check_level(line, level, &mut errors);
    if let (Some(c), Some(l)) = (&code, level)
        && c.level() != l
    {
        errors.push(err(
            line,
            Some("level"),
            "level_mismatch",
            format!("{c} is a {} code, not {l}", c.level()),
        ));
    }
    if let Some(c) = &code {
        check_parent(line, c, parent, &mut errors);
    }
    check_name(line, name, &mut errors);
    match (code, errors.is_empty()) {
        (Some(code), true) => Ok(Wilayah {
            parent_code: code.parent(),
            level: code.level(),
            code,
            name: name.to_owned(),
        }),
        _ => Err(errors),
    }
}

fn check_code(line: usize, code: &str, errors: &mut Vec<RowError>) -> Option<KodeWilayah> {
    match KodeWilayah::parse(code) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.push(err(
                line,
                Some("code"),
                "code_invalid",
                format!("{code:?}: {e}"),
            ));
            None
        }
    }
}

fn check_level(line: usize, level: &str, errors: &mut Vec<RowError>) -> Option<Level> {
    let parsed = Level::parse_lenient(level);
    if parsed.is_none() {
        errors.push(err(
            line,
            Some("level"),
            "level_unknown",
            format!("{level:?} is not provinsi, kabupaten, kapanewon or kalurahan"),
        ));
    }
    parsed
}

/// The parent column must be the code's own parent (empty for a province).
fn check_parent(line: usize, code: &KodeWilayah, parent: &str, errors: &mut Vec<RowError>) {
    let expected = code.parent();
    let given = if parent.is_empty() {
        None
    } else {
        KodeWilayah::parse(parent).ok()
    };
    if given != expected || (given.is_none() && !parent.is_empty()) {
        let want = expected.map_or_else(|| "empty".to_owned(), |p| p.to_string());
        errors.push(err(
            line,
            Some("parent_code"),
            "parent_mismatch",
            format!("parent of {code} must be {want}, not {parent:?}"),
        ));
    }
}

fn check_name(line: usize, name: &str, errors: &mut Vec<RowError>) {
    if name.is_empty() {
        errors.push(err(
            line,
            Some("name"),
            "name_empty",
            "name is empty".into(),
        ));
    } else if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        errors.push(err(
            line,
            Some("name"),
            "name_invalid",
            format!("name must be 1-{MAX_NAME_CHARS} printable characters"),
        ));
    }
}

/// The parent codes a file names, so that the caller can ask its store which exist
/// before calling [`parse`]. Unreadable files give an empty list; `parse` reports them.
pub fn referenced_parents(text: &str) -> Vec<KodeWilayah> {
    let Ok(records) = csv::parse(text) else {
        return Vec::new();
    };
    let mut out: Vec<KodeWilayah> = records
        .iter()
        .skip(1)
        .filter_map(|r| r.fields.get(1))
        .filter_map(|p| KodeWilayah::parse(p.trim()).ok())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &KodeWilayah) -> bool {
        false
    }
    fn has_34(k: &KodeWilayah) -> bool {
        k.as_str() == "34"
    }
    fn codes(errors: &[RowError]) -> Vec<(usize, &'static str)> {
        errors.iter().map(|e| (e.line, e.code)).collect()
    }

    #[test]
    fn bundled_bantul_file_is_valid() {
        let text = include_str!("../../migration/seed/wilayah_bantul.csv");
        let rows = parse(text, &has_34).unwrap();
        assert_eq!(rows.len(), 93);
        assert_eq!(
            rows.iter().filter(|w| w.level == Level::Kapanewon).count(),
            17
        );
        assert_eq!(
            rows.iter().filter(|w| w.level == Level::Kalurahan).count(),
            75
        );
        assert!(
            rows.windows(2)
                .all(|w| w[0].code.depth() <= w[1].code.depth())
        );
    }

    #[test]
    fn parents_may_follow_children_and_aliases_map_to_levels() {
        let text = "code,parent_code,level,name\n33.01.01,33.01,kecamatan,Kedungreja\n33.01,33,kabupaten,Cilacap\n33,,provinsi,Jawa Tengah\n";
        let rows = parse(text, &none).unwrap();
        let order: Vec<&str> = rows.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(order, ["33", "33.01", "33.01.01"]);
        assert_eq!(rows[2].level, Level::Kapanewon);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let text = "code,parent_code,level,name\n\
            34.02.01,34.02,kapanewon,Ok\n\
            34.2,34,kabupaten,Bad code\n\
            34.02.02,34.02,kalurahan,Wrong level\n\
            34.02.03,34.01,kapanewon,Wrong parent\n\
            34.02.04,34.02,dusun,Unknown level\n\
            34.02.05,34.02,kapanewon,\n\
            34.02.01,34.02,kapanewon,Again\n\
            34.02.06,34.02,kapanewon\n\
            35.01,35,kabupaten,Orphan\n";
        let stored = |k: &KodeWilayah| matches!(k.as_str(), "34" | "34.02");
        let errors = parse(text, &stored).unwrap_err();
        assert_eq!(
            codes(&errors),
            [
                (3, "code_invalid"),
                (4, "level_mismatch"),
                (5, "parent_mismatch"),
                (6, "level_unknown"),
                (7, "name_empty"),
                (8, "duplicate_code"),
                (9, "column_count"),
                (10, "parent_unknown"),
            ]
        );
    }

    #[test]
    fn header_and_quoting_problems_are_named() {
        assert_eq!(codes(&parse("", &none).unwrap_err()), [(1, "file_empty")]);
        assert_eq!(
            codes(&parse("kode,induk,tingkat,nama\n", &none).unwrap_err()),
            [(1, "header_invalid")]
        );
        assert_eq!(
            codes(&parse("code,parent_code,level,name\n\"34,,provinsi,x\n", &none).unwrap_err()),
            [(2, "csv_malformed")]
        );
    }

    #[test]
    fn province_rows_take_no_parent() {
        let errors = parse("code,parent_code,level,name\n34,3,provinsi,DIY\n", &none).unwrap_err();
        assert_eq!(codes(&errors), [(2, "parent_mismatch")]);
        assert!(parse("code,parent_code,level,name\n34,,provinsi,DIY\n", &none).is_ok());
    }
}
