//! A small RFC 4180 reader: enough for reference-data and register imports, and strict
//! about what it cannot read (an unclosed quote is an error, never a silent merge).

/// One record with the 1-based line on which it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("line {line}: a quoted field is never closed")]
    UnclosedQuote { line: usize },
    #[error("line {line}: a quote inside an unquoted field")]
    StrayQuote { line: usize },
}

/// Splits `text` into records. Blank lines are skipped; a leading UTF-8 BOM is ignored;
/// `\r\n` and `\n` both end a record.
pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut in_quotes = false;
    let mut quoted_field = false;
    let mut chars = text.chars().peekable();

    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !quoted_field => {
                in_quotes = true;
                quoted_field = true;
            }
            '"' => return Err(CsvError::StrayQuote { line }),
            ',' => {
                fields.push(std::mem::take(&mut field));
                quoted_field = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                push_record(&mut records, start_line, std::mem::take(&mut fields));
                quoted_field = false;
                line += 1;
                start_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(CsvError::UnclosedQuote { line: start_line });
    }
    if !field.is_empty() || !fields.is_empty() || quoted_field {
        fields.push(field);
        push_record(&mut records, start_line, fields);
    }
    Ok(records)
}

fn push_record(records: &mut Vec<Record>, line: usize, fields: Vec<String>) {
    let blank = fields.len() == 1 && fields[0].is_empty();
    if !blank {
        records.push(Record { line, fields });
    }
}

/// The first characters a spreadsheet may read as the start of a formula: `= + - @`, their
/// full-width forms (which some spreadsheets fold to ASCII), and a tab or carriage return,
/// which some programs skip first.
pub const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}', '\t', '\r',
];

/// A cell a spreadsheet will not run as a formula: text starting with one of
/// [`FORMULA_STARTS`] gets a leading apostrophe.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// One CSV record (RFC 4180 quoting, `\r\n` ending) with every cell defused.
pub fn write_record(out: &mut String, cells: &[&str]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = defuse(cell);
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        parse(text).unwrap().into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn reads_plain_and_quoted_fields() {
        assert_eq!(
            fields("a,b\n\"x, y\",\"say \"\"hi\"\"\"\r\n"),
            vec![vec!["a", "b"], vec!["x, y", "say \"hi\""]]
        );
    }

    #[test]
    fn keeps_line_numbers_across_blank_lines_and_embedded_newlines() {
        let recs = parse("\u{feff}h\n\n\"two\nlines\"\nlast").unwrap();
        let lines: Vec<usize> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 3, 5]);
        assert_eq!(recs[0].fields, ["h"]);
    }

    #[test]
    fn empty_trailing_field_is_kept() {
        assert_eq!(fields("a,\n"), vec![vec!["a", ""]]);
    }

    #[test]
    fn malformed_quotes_are_errors() {
        assert_eq!(parse("a\n\"open"), Err(CsvError::UnclosedQuote { line: 2 }));
        assert_eq!(parse("ab\"c"), Err(CsvError::StrayQuote { line: 1 }));
    }

    #[test]
    fn formulas_are_defused_and_written_cells_read_back() {
        assert_eq!(defuse("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(defuse("+62"), "'+62");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("@x"), "'@x");
        assert_eq!(defuse("Budi"), "Budi");
        for full_width in ["\u{ff1d}SUM(A1)", "\u{ff0b}62", "\u{ff0d}1", "\u{ff20}x"] {
            assert_eq!(
                defuse(full_width),
                format!("'{full_width}"),
                "{full_width:?}"
            );
            assert_eq!(
                crate::ppks_columns::cell(&defuse(full_width)).as_deref(),
                Some(full_width)
            );
        }
        let mut out = String::new();
        write_record(&mut out, &["a,b", "say \"hi\"", "=1+1", "line\nbreak"]);
        let back = parse(&out).unwrap();
        assert_eq!(
            back[0].fields,
            vec!["a,b", "say \"hi\"", "'=1+1", "line\nbreak"]
        );
    }
}
