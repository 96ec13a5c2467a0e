//! The tables of a committee report (målbedömning, indicator tables, uppdrag, risks, driftredovisning,
//! per verksamhet, nettokostnadsutveckling, investeringar, extern finansiering, personal, nyckeltal),
//! built from domain data with Swedish number formatting. Renderers (terminal, PDF, web) lay them out.

pub mod economics;
pub mod goals;
pub mod key_figures;
pub mod ledger;
pub mod personnel;
pub mod report_parts;
pub mod rules;
pub mod table;

pub use table::{Cell, Table, TableNote};
