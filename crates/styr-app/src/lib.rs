//! The use cases of styr, called by the CLI and (coming) the web app alike. Each takes the store
//! and plain arguments and returns data; printing and rendering stay with the caller.
//!
//! - [`select`]: which committee, year, round and organisation node a request means;
//! - [`listing`]: plans, goals, indicators, plan and follow-up files;
//! - [`assess`]: assessment proposals and consistency checks for a round;
//! - [`economics`]: economics tables for any node and round, forecasts, personnel tables;
//! - [`forecast`]: population, usage rates, volume/cost/staff projections, cost-change analysis,
//!   volume budget and resource allocation (from a forecast model file and a population CSV);
//! - [`history`]: the change history with the fields that changed;
//! - [`report_parts`]: uppdrag, intern kontroll, prose sections, footnotes, nyckeltal, Agenda 2030;
//! - [`rules`]: the plan's assessment rule (or the default for its scale) and the ledger mapping;
//! - [`personnel`]: personnel listings and year comparisons;
//! - [`report`]: the whole report of a round as a document for the HTML and PDF renderers;
//! - [`import`]: import pipelines with a change set, `dry_run` and `prune` ([`ImportOptions`]);
//! - [`demo`]: the demo data;
//! - [`measures`]: operational measures computed from event exports, and synthetic exports.

pub mod accounts;
pub mod assess;
pub mod demo;
pub mod economics;
pub mod forecast;
pub mod history;
pub mod kolada;
pub mod listing;
pub mod measures;
pub mod personnel;
pub mod report;
pub mod report_parts;
pub mod rules;
pub mod select;
pub mod workflow;

pub use styr_formats as formats;
pub use styr_import as import;
pub use styr_import::ImportOptions;
pub use styr_store::{Actor, Changes, Store};

/// Why a use case could not be carried out; every message names what was asked for.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Import(#[from] styr_import::ImportError),
    #[error(transparent)]
    Store(#[from] styr_store::StoreError),
    #[error(transparent)]
    Analysis(#[from] styr_analysis::AnalysisError),
    /// An amount or a sum beyond what styr accepts.
    #[error(transparent)]
    Amount(#[from] styr_domain::economics::AmountError),
    /// An event export that cannot be read, or a measure that cannot be computed.
    #[error(transparent)]
    Measures(#[from] styr_measures::MeasureError),
    /// Something asked for does not exist (a round, a node, a row, a ledger).
    #[error("{0}")]
    NotFound(String),
    /// A request that cannot be carried out as given.
    #[error("{0}")]
    Invalid(String),
    /// The account may not do this (its role, or another unit's content).
    #[error("{0}")]
    Forbidden(String),
    /// The round is fastställd (or the transition is not allowed in its state); says why.
    #[error("{0}")]
    Locked(String),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
