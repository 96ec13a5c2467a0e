//! Operational measures computed from the raw event exports of a care system: personalkontinuitet,
//! granted vs performed home-care time, lead times (utredningstid, verkställighetstid, väntetid and
//! the decisions not executed within three months) and occupancy (beläggning).
//!
//! Inputs are one file per table in a folder, CSV or Parquet, with the column schemas of
//! [`schema`]. [`load`] checks the schemas of all files before it reads a row, then reads every
//! row (a bad value is an error naming file, line or row, and column), then checks the rules
//! between columns; only then do the kernels in [`kernels`] run, each a pass over plain columns
//! with ids mapped to dense indices.

pub mod data;
pub mod error;
pub mod generate;
pub mod input;
pub mod kernels;
mod parquet_in;
pub mod schema;
pub mod time;

use std::path::Path;

pub use data::Inputs;
pub use error::{MeasureError, Result};
pub use input::Progress;

/// Reads every export in `dir`: all schemas first, then the rows, then the rules between columns.
pub fn load(dir: &Path, progress: &mut dyn Progress) -> Result<Inputs> {
    let files = input::discover(dir)?;
    let opened = files.iter().map(input::open).collect::<Result<Vec<_>>>()?;
    let mut dicts = input::Dictionaries::default();
    let tables = opened.into_iter().map(|o| input::read(o, &mut dicts, progress)).collect::<Result<Vec<_>>>()?;
    let formats: Vec<input::Format> = files.iter().map(|f| f.format).collect();
    Inputs::from_tables(tables, &formats, dicts)
}
