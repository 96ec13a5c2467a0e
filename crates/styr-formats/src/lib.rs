//! File formats styr reads and writes (see `docs/formats.md`): plan, follow-up, economics and
//! personnel YAML files and the outcomes CSV. Every reader checks the whole file before anything is
//! stored and names the file, line, column and field of the first problem it finds, in plain words.
//!
//! Every input is held to the [`limits`] (size, nesting) before or while it is parsed. Positions come
//! from the YAML parser (`serde-saphyr`), never from searching the text. The rules beyond syntax are
//! the domain's ([`styr_domain::validation`]): they return field paths, which the readers turn into
//! positions in the file.

mod csv_input;
pub mod economics_file;
pub mod error;
pub mod followup_file;
pub mod forecast_file;
pub mod ledger_csv;
pub mod ledger_mapping_file;
pub mod limits;
pub mod outcomes_csv;
pub mod personnel_file;
pub mod plan_file;
mod yaml;

pub use error::FormatError;
