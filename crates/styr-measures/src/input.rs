//! Reading the exports into columns, after the schemas of all files have been checked.
//!
//! Ids are mapped to dense indices (`u32`) through one dictionary per [`Entity`], shared by all
//! tables, so the kernels index arrays instead of hashing. Missing values: [`NONE_ID`] for ids and
//! codes, [`NONE_INT`] for integers, dates and timestamps, NaN for numbers.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};

use crate::error::{MeasureError, Result};
use crate::schema::{ColumnDef, Entity, Kind, TABLES, TableDef};
use crate::{parquet_in, time};

pub const NONE_ID: u32 = u32::MAX;
pub const NONE_INT: i64 = i64::MIN;

/// Multiplicative hashing for integer keys (the std SipHash costs more than the kernels).
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_i64(&mut self, i: i64) {
        self.0 = (i as u64 ^ 0x5bd1_e995).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
}

/// The external ids of one entity, in the order first seen.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    index: HashMap<i64, u32, BuildHasherDefault<IdHasher>>,
    pub ids: Vec<i64>,
}

impl Dictionary {
    pub fn intern(&mut self, id: i64) -> u32 {
        let next = self.ids.len() as u32;
        let ix = *self.index.entry(id).or_insert(next);
        if ix == next {
            self.ids.push(id);
        }
        ix
    }
    pub fn get(&self, id: i64) -> Option<u32> {
        self.index.get(&id).copied()
    }
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[derive(Debug, Default, Clone)]
pub struct Dictionaries {
    pub client: Dictionary,
    pub staff: Dictionary,
    pub unit: Dictionary,
    pub boende: Dictionary,
    pub decision: Dictionary,
}

impl Dictionaries {
    pub fn of(&mut self, e: Entity) -> &mut Dictionary {
        match e {
            Entity::Client => &mut self.client,
            Entity::Staff => &mut self.staff,
            Entity::Unit => &mut self.unit,
            Entity::Boende => &mut self.boende,
            Entity::Decision => &mut self.decision,
        }
    }
}

/// One column's values.
#[derive(Debug, Clone)]
pub enum Column {
    /// Dense ids and code indices (into the code list of the column's [`Kind::Code`]).
    U32(Vec<u32>),
    /// Integers, dates (day numbers) and timestamps (seconds).
    I64(Vec<i64>),
    F64(Vec<f64>),
}

impl Column {
    pub fn for_kind(kind: Kind, capacity: usize) -> Column {
        match kind {
            Kind::Id(_) | Kind::Code(_) => Column::U32(Vec::with_capacity(capacity)),
            Kind::Int | Kind::Date | Kind::Timestamp => Column::I64(Vec::with_capacity(capacity)),
            Kind::Float => Column::F64(Vec::with_capacity(capacity)),
        }
    }
    pub fn u32(&self) -> &[u32] {
        match self {
            Column::U32(v) => v,
            _ => panic!("not an id column"),
        }
    }
    pub fn i64(&self) -> &[i64] {
        match self {
            Column::I64(v) => v,
            _ => panic!("not an integer column"),
        }
    }
    pub fn f64(&self) -> &[f64] {
        match self {
            Column::F64(v) => v,
            _ => panic!("not a number column"),
        }
    }
    pub fn len(&self) -> usize {
        match self {
            Column::U32(v) => v.len(),
            Column::I64(v) => v.len(),
            Column::F64(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A table read from one file: its columns in the order of the [`TableDef`].
#[derive(Debug, Clone)]
pub struct Table {
    pub def: TableDef,
    pub file: PathBuf,
    pub columns: Vec<Column>,
}

impl Table {
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }
    pub fn col(&self, name: &str) -> &Column {
        &self.columns[self.def.index(name)]
    }
}

/// The file format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Parquet,
}

/// An input file found in the folder, with its size (for the progress bar) and format.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub def: TableDef,
    pub path: PathBuf,
    pub format: Format,
    pub bytes: u64,
}

/// The tables present in `dir` (`<table>.csv` or `<table>.parquet`; both at once is refused).
pub fn discover(dir: &Path) -> Result<Vec<InputFile>> {
    if !dir.is_dir() {
        return Err(MeasureError::Invalid(format!("{}: not a folder", dir.display())));
    }
    let mut found = Vec::new();
    for def in TABLES {
        let candidates: Vec<(PathBuf, Format)> = [("csv", Format::Csv), ("parquet", Format::Parquet)]
            .into_iter()
            .map(|(ext, f)| (dir.join(format!("{}.{ext}", def.name)), f))
            .filter(|(p, _)| p.is_file())
            .collect();
        match candidates.as_slice() {
            [] => {}
            [(path, format)] => {
                let bytes = std::fs::metadata(path).map_err(|e| MeasureError::Io { file: path.clone(), source: e })?.len();
                found.push(InputFile { def: *def, path: path.clone(), format: *format, bytes });
            }
            _ => {
                return Err(MeasureError::Invalid(format!("{}: both {}.csv and {}.parquet; keep one", dir.display(), def.name, def.name)));
            }
        }
    }
    if found.is_empty() {
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        return Err(MeasureError::Invalid(format!(
            "{}: no input files (expected one or more of {} as .csv or .parquet)",
            dir.display(),
            names.join(", ")
        )));
    }
    Ok(found)
}

/// Progress while reading: called with the bytes (CSV) or rows (Parquet, scaled to bytes) done.
pub trait Progress {
    fn advance(&mut self, bytes: u64);
}

impl Progress for () {
    fn advance(&mut self, _: u64) {}
}

/// A file whose schema was checked, ready to be read.
pub enum Opened {
    Csv { file: InputFile, reader: csv::Reader<File>, positions: Vec<Option<usize>> },
    Parquet { file: InputFile, reader: parquet_in::Checked },
}

/// Checks one file's schema (the CSV header, the Parquet schema) without reading its rows.
pub fn open(file: &InputFile) -> Result<Opened> {
    match file.format {
        Format::Csv => {
            let f = File::open(&file.path).map_err(|e| MeasureError::Io { file: file.path.clone(), source: e })?;
            let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(f);
            let header = reader.byte_headers().map_err(|e| csv_error(&file.path, e))?.clone();
            let names: Vec<&[u8]> = header.iter().map(|h| h.strip_prefix(b"\xef\xbb\xbf").unwrap_or(h)).collect();
            let mut positions = Vec::new();
            for c in file.def.columns {
                let at = names.iter().position(|h| h.trim_ascii() == c.name.as_bytes());
                if at.is_none() && c.required {
                    return Err(MeasureError::Schema {
                        file: file.path.clone(),
                        message: format!("no column {} (a {} file needs {})", c.name, file.def.name, required_names(&file.def)),
                    });
                }
                positions.push(at);
            }
            Ok(Opened::Csv { file: file.clone(), reader, positions })
        }
        Format::Parquet => Ok(Opened::Parquet { file: file.clone(), reader: parquet_in::check(file)? }),
    }
}

pub fn required_names(def: &TableDef) -> String {
    def.columns.iter().filter(|c| c.required).map(|c| c.name).collect::<Vec<_>>().join(", ")
}

fn csv_error(path: &Path, e: csv::Error) -> MeasureError {
    let message = match e.position() {
        Some(p) => format!("line {}: {e}", p.line()),
        None => e.to_string(),
    };
    MeasureError::Format { file: path.to_path_buf(), message }
}

/// Reads an opened file's rows.
pub fn read(opened: Opened, dicts: &mut Dictionaries, progress: &mut dyn Progress) -> Result<Table> {
    match opened {
        Opened::Csv { file, reader, positions } => read_csv(file, reader, &positions, dicts, progress),
        Opened::Parquet { file, reader } => parquet_in::read(file, reader, dicts, progress),
    }
}

/// A bad value at a row: the error for the file, place and column.
pub struct At<'a> {
    pub file: &'a Path,
    pub place: &'static str,
    pub number: u64,
}

impl At<'_> {
    pub fn error(&self, column: &ColumnDef, message: String) -> MeasureError {
        MeasureError::Value {
            file: self.file.to_path_buf(),
            place: self.place,
            number: self.number,
            column: column.name.to_string(),
            message,
        }
    }
}

/// Appends one CSV field (`None` when the column is absent, empty when missing) to its column.
fn push_text(col: &mut Column, def: &ColumnDef, raw: Option<&[u8]>, dicts: &mut Dictionaries, at: &At) -> Result<()> {
    let raw = raw.map(<[u8]>::trim_ascii).filter(|r| !r.is_empty());
    let Some(raw) = raw else {
        if def.required {
            return Err(at.error(def, "missing value".into()));
        }
        match col {
            Column::U32(v) => v.push(NONE_ID),
            Column::I64(v) => v.push(NONE_INT),
            Column::F64(v) => v.push(f64::NAN),
        }
        return Ok(());
    };
    let bad = || at.error(def, format!("{:?} is not {}", String::from_utf8_lossy(raw), def.kind.describe()));
    match (def.kind, col) {
        (Kind::Id(e), Column::U32(v)) => v.push(dicts.of(e).intern(parse_int(raw).ok_or_else(bad)?)),
        (Kind::Code(codes), Column::U32(v)) => v.push(codes.iter().position(|c| c.as_bytes() == raw).ok_or_else(bad)? as u32),
        (Kind::Int, Column::I64(v)) => v.push(parse_int(raw).ok_or_else(bad)?),
        (Kind::Date, Column::I64(v)) => v.push(i64::from(time::parse_date(raw).ok_or_else(bad)?)),
        (Kind::Timestamp, Column::I64(v)) => v.push(time::parse_timestamp(raw).ok_or_else(bad)?),
        (Kind::Float, Column::F64(v)) => {
            let x: f64 = std::str::from_utf8(raw).ok().and_then(|s| s.parse().ok()).filter(|x: &f64| x.is_finite()).ok_or_else(bad)?;
            v.push(x);
        }
        _ => unreachable!("columns are made for their kind"),
    }
    Ok(())
}

pub fn parse_int(raw: &[u8]) -> Option<i64> {
    let (neg, digits) = match raw.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, raw),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = digits.iter().fold(0i64, |a, &c| a * 10 + i64::from(c - b'0'));
    Some(if neg { -v } else { v })
}

fn read_csv(
    file: InputFile,
    mut reader: csv::Reader<File>,
    positions: &[Option<usize>],
    dicts: &mut Dictionaries,
    progress: &mut dyn Progress,
) -> Result<Table> {
    let estimate = (file.bytes / 40) as usize;
    let mut columns: Vec<Column> = file.def.columns.iter().map(|c| Column::for_kind(c.kind, estimate)).collect();
    let mut record = csv::ByteRecord::new();
    let mut last_reported = 0u64;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(&file.path, e)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        let at = At { file: &file.path, place: "line", number: line };
        for ((def, col), pos) in file.def.columns.iter().zip(columns.iter_mut()).zip(positions) {
            let raw = pos.map(|p| record.get(p).unwrap_or(b""));
            push_text(col, def, raw, dicts, &at)?;
        }
        let done = record.position().map_or(0, csv::Position::byte);
        if done - last_reported > 1 << 20 {
            progress.advance(done - last_reported);
            last_reported = done;
        }
    }
    progress.advance(file.bytes.saturating_sub(last_reported));
    Ok(Table { def: file.def, file: file.path, columns })
}
