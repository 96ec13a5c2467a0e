//! Parquet input through the low-level column readers (no arrow): each column chunk is decoded
//! straight into styr's columns.

use std::fs::File;

use parquet::basic::{ConvertedType, LogicalType, TimeUnit, Type as Physical};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::{ByteArray, DataType};
use parquet::file::reader::{FileReader, SerializedFileReader};

use crate::error::{MeasureError, Result};
use crate::input::{At, Column, Dictionaries, InputFile, NONE_ID, NONE_INT, Progress, Table, required_names};
use crate::schema::{ColumnDef, Kind};

/// A Parquet file whose schema matched its table: the reader and, per table column, its leaf index.
pub struct Checked {
    reader: SerializedFileReader<File>,
    leaves: Vec<Option<(usize, Decode)>>,
}

/// How a leaf's stored values become styr's.
#[derive(Debug, Clone, Copy)]
enum Decode {
    Int32,
    Int64,
    /// INT64 timestamps: the divisor to seconds.
    Timestamp(i64),
    Float,
    Double,
    Text,
}

fn schema_error(file: &InputFile, message: String) -> MeasureError {
    MeasureError::Schema { file: file.path.clone(), message }
}

pub fn check(file: &InputFile) -> Result<Checked> {
    let f = File::open(&file.path).map_err(|e| MeasureError::Io { file: file.path.clone(), source: e })?;
    let reader = SerializedFileReader::new(f)
        .map_err(|e| MeasureError::Format { file: file.path.clone(), message: format!("not a readable Parquet file: {e}") })?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let mut leaves = Vec::new();
    for c in file.def.columns {
        let at = (0..schema.num_columns()).find(|&i| schema.column(i).path().parts() == [c.name.to_string()]);
        let Some(i) = at else {
            if c.required {
                return Err(schema_error(
                    file,
                    format!("no column {} (a {} file needs {})", c.name, file.def.name, required_names(&file.def)),
                ));
            }
            leaves.push(None);
            continue;
        };
        let d = schema.column(i);
        if d.max_rep_level() > 0 {
            return Err(schema_error(file, format!("column {} is repeated; a single value per row is needed", c.name)));
        }
        // Writers that set only the legacy converted type (DuckDB for DATE, older writers for
        // timestamps) mean the same.
        let converted = match d.converted_type() {
            ConvertedType::DATE => Some(LogicalType::Date),
            ConvertedType::TIMESTAMP_MILLIS => Some(LogicalType::timestamp(false, TimeUnit::MILLIS)),
            ConvertedType::TIMESTAMP_MICROS => Some(LogicalType::timestamp(false, TimeUnit::MICROS)),
            _ => None,
        };
        let logical = d.logical_type_ref().or(converted.as_ref());
        let decode = match (c.kind, d.physical_type(), logical) {
            (Kind::Id(_) | Kind::Int, Physical::INT32, None | Some(LogicalType::Integer(_))) => Some(Decode::Int32),
            (Kind::Id(_) | Kind::Int, Physical::INT64, None | Some(LogicalType::Integer(_))) => Some(Decode::Int64),
            (Kind::Float, Physical::DOUBLE, _) => Some(Decode::Double),
            (Kind::Float, Physical::FLOAT, _) => Some(Decode::Float),
            (Kind::Float, Physical::INT32, None | Some(LogicalType::Integer(_))) => Some(Decode::Int32),
            (Kind::Float, Physical::INT64, None | Some(LogicalType::Integer(_))) => Some(Decode::Int64),
            (Kind::Date, Physical::INT32, Some(LogicalType::Date)) => Some(Decode::Int32),
            (Kind::Timestamp, Physical::INT64, Some(LogicalType::Timestamp(t))) => Some(Decode::Timestamp(match t.unit {
                TimeUnit::MILLIS => 1_000,
                TimeUnit::MICROS => 1_000_000,
                TimeUnit::NANOS => 1_000_000_000,
            })),
            (Kind::Code(_), Physical::BYTE_ARRAY, _) => Some(Decode::Text),
            _ => None,
        };
        let Some(decode) = decode else {
            let stored = match logical {
                Some(l) => format!("{} ({l:?})", d.physical_type()),
                None => d.physical_type().to_string(),
            };
            return Err(schema_error(file, format!("column {} is {stored}; expected {}", c.name, c.kind.describe())));
        };
        leaves.push(Some((i, decode)));
    }
    Ok(Checked { reader, leaves })
}

const BATCH: usize = 64 * 1024;

/// A column chunk's values and, for a nullable column, the definition level of each row.
type Chunk<V> = (Vec<V>, Option<Vec<i16>>);

/// Reads a whole column chunk: the values and, for nullable columns, which rows have one.
fn read_chunk<T: DataType>(mut r: ColumnReaderImpl<T>, nullable: bool, rows: usize) -> parquet::errors::Result<Chunk<T::T>>
where
    T::T: Clone,
{
    let mut values = Vec::with_capacity(rows);
    let mut defs = nullable.then(|| Vec::with_capacity(rows));
    let mut done = 0;
    while done < rows {
        let (records, _, _) = r.read_records(BATCH.min(rows - done), defs.as_mut(), None, &mut values)?;
        if records == 0 {
            break;
        }
        done += records;
    }
    Ok((values, defs))
}

/// Spreads the dense values over the rows, with `none` where a row has no value.
fn spread<V: Copy>(values: Vec<V>, defs: Option<Vec<i16>>, none: V, out: &mut Vec<V>) -> Option<usize> {
    match defs {
        None => {
            out.extend_from_slice(&values);
            None
        }
        Some(defs) => {
            let mut it = values.into_iter();
            let mut first_null = None;
            for (row, d) in defs.iter().enumerate() {
                if *d > 0 {
                    out.push(it.next().unwrap_or(none));
                } else {
                    first_null.get_or_insert(row);
                    out.push(none);
                }
            }
            first_null
        }
    }
}

pub fn read(file: InputFile, checked: Checked, dicts: &mut Dictionaries, progress: &mut dyn Progress) -> Result<Table> {
    let meta = checked.reader.metadata();
    let total_rows = meta.file_metadata().num_rows().max(0) as usize;
    let mut columns: Vec<Column> = file.def.columns.iter().map(|c| Column::for_kind(c.kind, total_rows)).collect();
    let fmt = |e: parquet::errors::ParquetError| MeasureError::Format { file: file.path.clone(), message: e.to_string() };
    let mut row_base = 0usize;
    for g in 0..meta.num_row_groups() {
        let group = checked.reader.get_row_group(g).map_err(fmt)?;
        let rows = meta.row_group(g).num_rows().max(0) as usize;
        for (ci, def) in file.def.columns.iter().enumerate() {
            let col = &mut columns[ci];
            let Some((leaf, decode)) = checked.leaves[ci] else {
                fill_missing(col, rows);
                continue;
            };
            let nullable = meta.row_group(g).column(leaf).column_descr().max_def_level() > 0;
            let reader = group.get_column_reader(leaf).map_err(fmt)?;
            let before = col.len();
            let first_null = decode_into(reader, decode, nullable, rows, def, col, dicts, &file, row_base).map_err(fmt)??;
            if col.len() - before != rows {
                return Err(MeasureError::Format {
                    file: file.path.clone(),
                    message: format!("row group {g}: column {} has {} values for {rows} rows", def.name, col.len() - before),
                });
            }
            if let (Some(r), true) = (first_null, def.required) {
                let at = At { file: &file.path, place: "row", number: (row_base + r + 1) as u64 };
                return Err(at.error(def, "missing value".into()));
            }
        }
        row_base += rows;
        progress.advance((file.bytes as f64 * rows as f64 / total_rows.max(1) as f64) as u64);
    }
    Ok(Table { def: file.def, file: file.path, columns })
}

fn fill_missing(col: &mut Column, rows: usize) {
    match col {
        Column::U32(v) => v.resize(v.len() + rows, NONE_ID),
        Column::I64(v) => v.resize(v.len() + rows, NONE_INT),
        Column::F64(v) => v.resize(v.len() + rows, f64::NAN),
    }
}

/// Decodes one column chunk into `col`; the outer result is Parquet's, the inner a bad value.
#[allow(clippy::too_many_arguments)]
fn decode_into(
    reader: ColumnReader,
    decode: Decode,
    nullable: bool,
    rows: usize,
    def: &ColumnDef,
    col: &mut Column,
    dicts: &mut Dictionaries,
    file: &InputFile,
    row_base: usize,
) -> parquet::errors::Result<Result<Option<usize>>> {
    let ints: (Vec<i64>, Option<Vec<i16>>) = match (reader, decode) {
        (ColumnReader::Int32ColumnReader(r), Decode::Int32) => {
            let (v, d) = read_chunk(r, nullable, rows)?;
            (v.into_iter().map(i64::from).collect(), d)
        }
        (ColumnReader::Int64ColumnReader(r), Decode::Int64) => read_chunk(r, nullable, rows)?,
        (ColumnReader::Int64ColumnReader(r), Decode::Timestamp(div)) => {
            let (mut v, d) = read_chunk(r, nullable, rows)?;
            v.iter_mut().for_each(|x| *x = x.div_euclid(div));
            (v, d)
        }
        (ColumnReader::DoubleColumnReader(r), Decode::Double) => {
            let (v, d) = read_chunk(r, nullable, rows)?;
            return Ok(push_floats(v, d, def, col, file, row_base));
        }
        (ColumnReader::FloatColumnReader(r), Decode::Float) => {
            let (v, d) = read_chunk(r, nullable, rows)?;
            return Ok(push_floats(v.into_iter().map(f64::from).collect(), d, def, col, file, row_base));
        }
        (ColumnReader::ByteArrayColumnReader(r), Decode::Text) => {
            let (v, d) = read_chunk(r, nullable, rows)?;
            return Ok(push_codes(v, d, def, col, file, row_base));
        }
        _ => return Err(parquet::errors::ParquetError::General(format!("column {}: unexpected reader", def.name))),
    };
    let (values, defs) = ints;
    Ok(match (def.kind, col) {
        (Kind::Id(e), Column::U32(out)) => {
            let dict = dicts.of(e);
            let ids: Vec<u32> = values.into_iter().map(|v| dict.intern(v)).collect();
            Ok(spread(ids, defs, NONE_ID, out))
        }
        (Kind::Float, Column::F64(out)) => Ok(spread(values.into_iter().map(|v| v as f64).collect(), defs, f64::NAN, out)),
        (_, Column::I64(out)) => Ok(spread(values, defs, NONE_INT, out)),
        _ => unreachable!("columns are made for their kind"),
    })
}

fn push_floats(
    v: Vec<f64>,
    d: Option<Vec<i16>>,
    def: &ColumnDef,
    col: &mut Column,
    file: &InputFile,
    row_base: usize,
) -> Result<Option<usize>> {
    let Column::F64(out) = col else { unreachable!("a number column") };
    if let Some((i, x)) = v.iter().enumerate().find(|(_, x)| !x.is_finite()) {
        let at = At { file: &file.path, place: "row", number: (row_base + row_of(&d, i) + 1) as u64 };
        return Err(at.error(def, format!("{x} is not a finite number")));
    }
    Ok(spread(v, d, f64::NAN, out))
}

/// The row (in the chunk) of the `i`-th stored value.
fn row_of(defs: &Option<Vec<i16>>, i: usize) -> usize {
    match defs {
        Some(defs) => defs.iter().enumerate().filter(|(_, l)| **l > 0).nth(i).map_or(i, |(r, _)| r),
        None => i,
    }
}

fn push_codes(
    v: Vec<ByteArray>,
    d: Option<Vec<i16>>,
    def: &ColumnDef,
    col: &mut Column,
    file: &InputFile,
    row_base: usize,
) -> Result<Option<usize>> {
    let Kind::Code(codes) = def.kind else { unreachable!("a code column") };
    let Column::U32(out) = col else { unreachable!("a code column") };
    let mut ids = Vec::with_capacity(v.len());
    for (i, b) in v.iter().enumerate() {
        match codes.iter().position(|c| c.as_bytes() == b.data()) {
            Some(p) => ids.push(p as u32),
            None => {
                let at = At { file: &file.path, place: "row", number: (row_base + row_of(&d, i) + 1) as u64 };
                return Err(at.error(def, format!("{:?} is not {}", String::from_utf8_lossy(b.data()), def.kind.describe())));
            }
        }
    }
    Ok(spread(ids, d, NONE_ID, out))
}
