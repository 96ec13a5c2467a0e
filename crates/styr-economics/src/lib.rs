//! Economic computations over the ledger: the driftredovisning of any node of the organisation tree
//! for any report round, per verksamhet, net-cost development, unmapped accounts, and forecast
//! proposals from the year-to-date outcome and the monthly profile of earlier years.
//!
//! Ledger amounts follow SIE: debit positive, credit negative (revenue negative, cost positive).
//! Report tables follow the reports: revenue positive, cost negative, so a positive deviation is
//! always better than budget.

pub mod forecast;
pub mod ledger_view;
pub mod statement;

pub use forecast::{ForecastProposal, period_label, propose_forecast};
pub use ledger_view::LedgerView;
pub use statement::{ActivityRow, StatementRow, net_cost_development, operating_statement, per_activity};
