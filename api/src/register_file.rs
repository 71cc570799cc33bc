//! Reading an imported XLSX without trusting its sizes. A sheet's cells are streamed one
//! by one (calamine's dense `Range` would allocate rows × columns between the first and
//! the last cell: one cell at XFD1048576 asks for 17 billion); the archive's declared
//! uncompressed sizes are summed before anything is inflated (the zip reader stops any
//! part at its declared size); and the text kept from cells is counted, since one
//! shared string may be referenced by millions of cells.

use crate::error::ApiError;
use crate::i18n::Text;

/// The content types of register files.
pub const CSV: &str = "text/csv";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Most bytes the parts of an imported workbook may inflate to.
pub const MAX_INFLATED: u64 = 128 * 1024 * 1024;
/// Most columns a row may use (the import knows 19).
pub const MAX_COLUMNS: u32 = 64;
/// Most rows after the header (an export's 250,000 re-import).
pub const MAX_ROWS: u32 = 250_000;
/// Most characters in a cell (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;
/// Most bytes of cell text kept in all.
pub const MAX_TEXT: usize = 128 * 1024 * 1024;

/// Rows of the first sheet as (sheet row number, cells), from its first used row and
/// column on, the header first; rows with no cells are empty.
pub fn read_xlsx(body: &[u8]) -> Result<Vec<(usize, Vec<String>)>, ApiError> {
    use calamine::{DataRef, Reader, Xlsx, open_workbook_from_rs};
    let bad = || {
        ApiError::unprocessable(
            "xlsx_malformed",
            Text::new(
                "Berkas XLSX tidak dapat dibaca.",
                "The XLSX file cannot be read.",
            ),
        )
    };
    check_inflated_size(body)?;
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(body)).map_err(|_| bad())?;
    let first = wb.sheet_names().first().cloned().ok_or_else(bad)?;
    let mut reader = wb.worksheet_cells_reader(&first).map_err(|_| bad())?;
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let (mut top, mut left, mut kept) = (u32::MAX, u32::MAX, 0usize);
    while let Some(cell) = reader.next_cell().map_err(|_| bad())? {
        let (row, col) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                checked_text(s, &mut kept)?
            }
            DataRef::SharedString(s) => checked_text(s, &mut kept)?,
            DataRef::Int(i) => i.to_string(),
            // A NIK typed into a number cell arrives as a float: whole numbers are
            // written without a fraction.
            DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e17 => format!("{f:.0}"),
            DataRef::Float(f) => f.to_string(),
            DataRef::Bool(b) => b.to_string(),
            DataRef::DateTime(d) => d
                .as_datetime()
                .map(|t| t.date().to_string())
                .unwrap_or_default(),
            DataRef::Error(_) => "#ERROR".into(),
        };
        top = top.min(row);
        left = left.min(col);
        if col.saturating_sub(left) >= MAX_COLUMNS {
            return Err(too_large(&format!("more than {MAX_COLUMNS} columns")));
        }
        if row.saturating_sub(top) > MAX_ROWS {
            return Err(too_large(&format!("more than {MAX_ROWS} rows")));
        }
        cells.push((row, col, text));
    }
    // Cells should arrive in order, but nothing makes a file keep to it: a cell above or
    // left of the first one seen moves `top` or `left`, so both limits are checked again.
    if cells.iter().any(|(_, c, _)| c - left >= MAX_COLUMNS) {
        return Err(too_large(&format!("more than {MAX_COLUMNS} columns")));
    }
    let Some(bottom) = cells.iter().map(|(r, _, _)| *r).max() else {
        return Ok(Vec::new());
    };
    if bottom - top > MAX_ROWS {
        return Err(too_large(&format!("more than {MAX_ROWS} rows")));
    }
    let mut rows: Vec<(usize, Vec<String>)> = (top..=bottom)
        .map(|r| (r as usize + 1, Vec::new()))
        .collect();
    for (r, c, text) in cells {
        let row = &mut rows[(r - top) as usize].1;
        let at = (c - left) as usize;
        if row.len() <= at {
            row.resize(at + 1, String::new());
        }
        row[at] = text;
    }
    Ok(rows)
}

/// A cell's text, refused when the cell or all the text kept so far is too long.
fn checked_text(s: &str, kept: &mut usize) -> Result<String, ApiError> {
    if s.chars().count() > MAX_CELL_CHARS {
        return Err(too_large(&format!(
            "a cell longer than {MAX_CELL_CHARS} characters"
        )));
    }
    *kept = kept.saturating_add(s.len());
    if *kept > MAX_TEXT {
        return Err(too_large(&format!("more than {MAX_TEXT} bytes of text")));
    }
    Ok(s.to_owned())
}

/// Refuses an archive whose parts together would inflate past `MAX_INFLATED`.
fn check_inflated_size(body: &[u8]) -> Result<(), ApiError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body)).map_err(|_| {
        ApiError::unprocessable(
            "xlsx_malformed",
            Text::new(
                "Berkas XLSX tidak dapat dibaca.",
                "The XLSX file cannot be read.",
            ),
        )
    })?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map(|f| f.size()).unwrap_or(u64::MAX);
        total = total.saturating_add(size);
    }
    if total > MAX_INFLATED {
        return Err(too_large(&format!(
            "{total} bytes uncompressed (at most {MAX_INFLATED})"
        )));
    }
    Ok(())
}

fn too_large(what: &str) -> ApiError {
    ApiError::unprocessable(
        "xlsx_too_large",
        Text::new(
            format!("Berkas XLSX terlalu besar: {what}."),
            format!("The XLSX file is too large: {what}."),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    fn book(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (r, c, v) in cells {
            ws.write_string(*r, *c, *v).unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    fn code(e: ApiError) -> &'static str {
        e.code
    }

    #[test]
    fn rows_start_at_the_first_used_row_and_column() {
        let rows = read_xlsx(&book(&[(1, 1, "nik"), (1, 2, "nama"), (3, 2, "Sri")])).unwrap();
        assert_eq!(
            rows,
            vec![
                (2, vec!["nik".to_owned(), "nama".to_owned()]),
                (3, vec![]),
                (4, vec![String::new(), "Sri".to_owned()]),
            ]
        );
    }

    #[test]
    fn a_far_cell_is_refused_not_allocated() {
        let far = book(&[(0, 0, "nik"), (1_048_575, 16_383, "x")]);
        assert_eq!(code(read_xlsx(&far).unwrap_err()), "xlsx_too_large");
        let wide = book(&[(0, 0, "nik"), (0, 64, "x")]);
        assert_eq!(code(read_xlsx(&wide).unwrap_err()), "xlsx_too_large");
        let tall = book(&[(0, 0, "nik"), (MAX_ROWS + 1, 0, "x")]);
        assert_eq!(code(read_xlsx(&tall).unwrap_err()), "xlsx_too_large");
        let just = book(&[(0, 0, "nik"), (MAX_ROWS, 63, "x")]);
        assert_eq!(read_xlsx(&just).unwrap().len(), MAX_ROWS as usize + 1);
    }

    #[test]
    fn cells_out_of_order_and_long_text_are_refused() {
        // A far row first, then A1: `top` moves after the far row was accepted.
        let sheet = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row><row r="1"><c r="A1" t="inlineStr"><is><t>nik</t></is></c></row></sheetData></worksheet>"#;
        let err = read_xlsx(&with_sheet(sheet)).unwrap_err();
        assert_eq!(code(err), "xlsx_too_large");
        let long = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row></sheetData></worksheet>"#,
            "x".repeat(MAX_CELL_CHARS + 1)
        );
        assert_eq!(
            code(read_xlsx(&with_sheet(&long)).unwrap_err()),
            "xlsx_too_large"
        );
        let mut kept = MAX_TEXT - 1;
        assert!(checked_text("ab", &mut kept).is_err());
    }

    /// A minimal workbook around one sheet's XML, written by hand (a writer keeps
    /// cells in order).
    fn with_sheet(sheet: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let parts = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ];
        for (name, body) in parts {
            zip.start_file(name, opts).unwrap();
            std::io::Write::write_all(&mut zip, body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn an_archive_that_inflates_too_far_is_refused_before_reading() {
        // Zeros compress about a thousandfold: a small upload, a large inflation.
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..=(MAX_INFLATED / zeros.len() as u64) {
            std::io::Write::write_all(&mut zip, &zeros).unwrap();
        }
        let body = zip.finish().unwrap().into_inner();
        assert!(body.len() < 1024 * 1024, "{} bytes", body.len());
        assert_eq!(code(read_xlsx(&body).unwrap_err()), "xlsx_too_large");
    }
}
