//! A commissioned projection delivered as a spreadsheet (`.xlsx`, `.xls`, `.ods`): the first sheet
//! (or a named one) with the same columns as the CSV, `region`, `år`, `ålder`, `kön`, `antal`, in a
//! header row at the top. Errors name the file, sheet, row and column.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use crate::Record;
use crate::csvfile::{Columns, CsvError};

/// Reads the records of `sheet` (default: the first sheet) of a workbook's bytes.
pub fn read(bytes: &[u8], file: &str, sheet: Option<&str>) -> Result<Vec<Record>, CsvError> {
    let read_err = |message: String| CsvError::Read { file: file.to_string(), message };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| read_err(format!("not a readable spreadsheet: {e}")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| read_err(format!("no sheet named `{s}` (the workbook has {})", names.join(", "))))?,
        None => names.first().cloned().ok_or_else(|| read_err("the workbook has no sheet".to_string()))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| read_err(format!("sheet `{name}`: {e}")))?;
    let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().ok_or_else(|| read_err(format!("sheet `{name}` is empty")))?.iter().map(cell_text).collect();
    let where_ = format!("{file} (blad {name})");
    let columns = Columns::find(&header.iter().map(String::as_str).collect::<Vec<_>>(), &where_)?;
    let mut out = Vec::new();
    for (i, cells) in rows.enumerate() {
        let mut row: Vec<String> = cells.iter().map(cell_text).collect();
        if row.iter().all(String::is_empty) {
            continue;
        }
        // A spreadsheet keeps a municipality code typed as a number without its leading zero (126
        // for 0126); codes are four digits.
        if let Some(Data::Float(_) | Data::Int(_)) = cells.get(columns.region())
            && let Some(code) = row.get_mut(columns.region())
            && code.len() < 4
        {
            *code = format!("{code:0>4}");
        }
        let number = first_row + i as u64 + 2;
        if let Some(r) = columns.record(|c| row.get(c).map_or("", String::as_str), &where_, number)? {
            out.push(r);
        }
    }
    Ok(out)
}

/// A cell as the text the CSV reader would see: whole numbers without a decimal part.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use styr_forecast::Sex;

    fn workbook(rows: &[&[&str]]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("Prognos").unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell.parse::<f64>() {
                    Ok(n) if r > 0 => sheet.write_number(r as u32, c as u16, n).map(|_| ()),
                    _ => sheet.write_string(r as u32, c as u16, *cell).map(|_| ()),
                }
                .unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn reads_a_commissioned_projection_from_a_workbook() {
        let bytes = workbook(&[
            &["Kommun", "År", "Ålder", "Kön", "Antal"],
            &["0126", "2030", "80", "k", "1204"],
            &["0126", "2030", "100+", "m", "3.5"],
            &["0126", "2031", "80", "k", ""],
        ]);
        let r = read(&bytes, "prognos.xlsx", None).unwrap();
        assert_eq!(r.len(), 2, "a blank count is missing, not 0");
        assert_eq!((r[0].region.as_str(), r[0].year, r[0].age, r[0].sex, r[0].persons), ("0126", 2030, 80, Sex::Female, 1204.0));
        assert_eq!((r[1].age, r[1].sex, r[1].persons), (100, Sex::Male, 3.5));
        assert_eq!(read(&bytes, "prognos.xlsx", Some("Prognos")).unwrap(), r);
    }

    #[test]
    fn errors_name_file_sheet_row_and_column() {
        let bytes =
            workbook(&[&["region", "år", "ålder", "kön", "antal"], &["0126", "2030", "80", "k", "10"], &["0126", "2030", "80", "x", "1"]]);
        let e = read(&bytes, "p.xlsx", None).unwrap_err().to_string();
        assert_eq!(e, "p.xlsx (blad Prognos), row 3, column kön: `x`: expected m/k (or 1/2)");
        let e = read(&bytes, "p.xlsx", Some("Blad1")).unwrap_err().to_string();
        assert!(e.contains("no sheet named `Blad1`") && e.contains("Prognos"), "{e}");
        let e = read(b"PK\x03\x04 truncated", "p.xlsx", None).unwrap_err().to_string();
        assert!(e.starts_with("p.xlsx: not a readable spreadsheet"), "{e}");
        let e = read(&workbook(&[&["region", "år", "kön", "antal"]]), "p.xlsx", None).unwrap_err().to_string();
        assert!(e.contains("`ålder`"), "{e}");
    }
}
