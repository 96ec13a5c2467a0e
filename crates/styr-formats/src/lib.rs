//! File formats styr reads and writes (see `docs/formats.md`): plan, follow-up, economics and
//! personnel YAML files and the outcomes CSV. Every reader checks the whole file before anything is
//! stored and names the file, line and field of the first problem it finds.

mod csv_input;
pub mod economics_file;
pub mod error;
pub mod followup_file;
pub mod ledger_csv;
pub mod ledger_mapping_file;
pub mod limits;
pub mod outcomes_csv;
pub mod personnel_file;
pub mod plan_file;
mod yaml;

pub use error::FormatError;
