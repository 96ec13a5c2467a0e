//! Forecast proposals: a full-year figure per row from the year-to-date outcome and the monthly
//! profile of earlier years.
//!
//! Method `seasonal_profile`: for each earlier year with a full-year outcome, the share of that year's
//! outcome booked by the end of the same month is computed (e.g. 0.62 through August when holiday pay
//! falls in the summer). The proposal is the year-to-date outcome divided by the mean share.
//! Method `linear` (no usable history): year to date × 12 / months. Method `outcome` (December): the
//! outcome itself. Method `budget` (nothing booked and no history): the budget.

use serde::Serialize;
use styr_domain::economics::Measure;
use styr_domain::{Amount, AmountError};

use crate::ledger_view::LedgerView;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastProposal {
    pub row_id: String,
    pub label: String,
    pub method: &'static str,
    pub year_to_date: Amount,
    pub through_month: u32,
    /// Mean share of the full year booked by `through_month` in the history years.
    pub profile_share: Option<f64>,
    /// The share per history year, e.g. [(2022, 0.641), (2023, 0.652)].
    pub history: Vec<(i32, f64)>,
    pub budget: Amount,
    pub amount: Amount,
}

impl ForecastProposal {
    /// A Swedish sentence that shows the method and its inputs.
    pub fn explanation(&self) -> String {
        use styr_domain::economics::MoneyUnit::Tkr;
        use styr_domain::format_sv::{amount, number};
        let ytd = amount(self.year_to_date, Tkr, 0);
        match self.method {
            "seasonal_profile" => {
                let years: Vec<String> = self.history.iter().map(|(y, s)| format!("{y}: {} %", number(s * 100.0, 1))).collect();
                format!(
                    "Utfall {} {ytd} tkr delat med andelen av helåret som bokförts till och med samma månad tidigare år ({}; snitt {} %) = {} tkr.",
                    period_label(self.through_month),
                    years.join(", "),
                    number(self.profile_share.unwrap_or_default() * 100.0, 1),
                    amount(self.amount, Tkr, 0)
                )
            }
            "linear" => format!(
                "Utfall {ytd} tkr för {} månader uppräknat till tolv månader = {} tkr (ingen historik).",
                self.through_month,
                amount(self.amount, Tkr, 0)
            ),
            "outcome" => format!("Helårsutfall {ytd} tkr."),
            _ => format!("Inget utfall och ingen historik: budget {} tkr.", amount(self.budget, Tkr, 0)),
        }
    }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

/// "jan–aug" for the months January through `month`.
pub fn period_label(month: u32) -> String {
    format!("jan–{}", MONTHS[(month.clamp(1, 12) - 1) as usize])
}

/// Proposes a full-year forecast per mapped row for `node`, using up to `history_years` earlier years.
/// A sum or proposal that does not fit in `i64` öre is an [`AmountError::Overflow`] naming it.
pub fn propose_forecast(
    view: &LedgerView<'_>,
    node: &str,
    year: i32,
    month: u32,
    history_years: usize,
) -> Result<Vec<ForecastProposal>, AmountError> {
    view.mapping()
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let ytd = view.sum(year, month, i, node, Measure::Outcome)?;
            let budget = view.sum(year, 12, i, node, Measure::Budget)?;
            let mut history: Vec<(i32, f64)> = Vec::new();
            for y in (1..=history_years as i32).rev().map(|back| year - back) {
                let full = view.sum(y, 12, i, node, Measure::Outcome)?;
                let part = view.sum(y, month, i, node, Measure::Outcome)?;
                let share = part.ore() as f64 / full.ore() as f64;
                // A share outside (0, 1.5] means the row changed sign or nature that year; skip it.
                if full != Amount::ZERO && share > 0.0 && share <= 1.5 {
                    history.push((y, share));
                }
            }
            let profile_share = (!history.is_empty()).then(|| history.iter().map(|(_, s)| s).sum::<f64>() / history.len() as f64);
            let proposal =
                |ore: f64| Amount::try_from_ore_f64(ore).map_err(|e| e.in_computing(format!("the forecast proposal for {}", r.label)));
            let (method, amount) = if month >= 12 {
                ("outcome", ytd)
            } else if let Some(share) = profile_share {
                ("seasonal_profile", proposal(ytd.ore() as f64 / share)?)
            } else if ytd != Amount::ZERO {
                ("linear", proposal(ytd.ore() as f64 * 12.0 / month.max(1) as f64)?)
            } else {
                ("budget", budget)
            };
            Ok(ForecastProposal {
                row_id: r.id.clone(),
                label: r.label.clone(),
                method,
                year_to_date: ytd,
                through_month: month,
                profile_share,
                history,
                budget,
                amount,
            })
        })
        .collect()
}
