//! Tables computed from the ledger (see `styr-economics`): driftredovisning per node and round,
//! per verksamhet, nettokostnadsutveckling and forecast proposals.

use styr_domain::economics::MoneyUnit;
use styr_domain::format_sv::{amount, number, percent};
use styr_domain::{Amount, AmountError};
use styr_economics::{ActivityRow, ForecastProposal, StatementRow};

use crate::{Cell, Table};

fn tkr(a: Amount) -> String {
    amount(a, MoneyUnit::Tkr, 0)
}

fn opt(a: Option<Amount>) -> String {
    a.map(tkr).unwrap_or_default()
}

fn pct(p: Option<f64>) -> String {
    p.map(|p| percent(p, 1)).unwrap_or_default()
}

pub use styr_economics::period_label;

/// Driftredovisning for a node and a round, with prognosförändring and the forecast's comment when
/// the previous round had a forecast. `comment_of` gives the comment of a row's forecast.
pub fn operating_statement(
    title: &str,
    rows: &[StatementRow],
    year: i32,
    month: u32,
    comment_of: impl Fn(&str) -> Option<String>,
) -> Result<Table, AmountError> {
    let period = period_label(month);
    let with_change = rows.iter().any(|r| r.previous_forecast.is_some());
    let mut header = vec![
        "Resultaträkning (tkr)".to_string(),
        "Budget helår".into(),
        format!("Utfall {period} {year}"),
        format!("Utfall {period} {}", year - 1),
        "Förändring mot föregående år".into(),
        "Prognos helår".into(),
        "Avvikelse prognos/budget".into(),
        "Avvikelse (%)".into(),
    ];
    if with_change {
        header.push("Prognosförändring".into());
        header.push("Kommentar".into());
    }
    let mut t = Table::new(title, header);
    for r in rows {
        let mut cells = vec![
            Cell::stored(&r.label),
            Cell::derived(tkr(r.budget)),
            Cell::derived(tkr(r.outcome)),
            Cell::derived(tkr(r.outcome_previous_year)),
            Cell::derived(tkr(r.change_from_previous_year()?)),
            Cell::stored(opt(r.forecast)),
            Cell::derived(opt(r.forecast_deviation)),
            Cell::derived(pct(r.forecast_deviation_percent)),
        ];
        if with_change {
            cells.push(Cell::derived(opt(r.forecast_change)));
            cells.push(Cell::stored(comment_of(&r.row_id).unwrap_or_default()));
        }
        t.push(cells);
    }
    Ok(t)
}

/// Net result per verksamhet (children of the node).
pub fn per_activity(title: &str, rows: &[ActivityRow], year: i32, month: u32) -> Result<Table, AmountError> {
    let period = period_label(month);
    let mut t = Table::new(
        title,
        vec![
            "Verksamhet, tkr".into(),
            "Budget helår".into(),
            format!("Utfall {period} {year}"),
            format!("Utfall {period} {}", year - 1),
            "Prognos helår".into(),
            "Avvikelse".into(),
            "Avvikelse (%)".into(),
        ],
    );
    let mut sums = [Amount::ZERO; 3];
    for r in rows {
        let values = [(r.budget, "budget"), (r.outcome, "outcome"), (r.outcome_previous_year, "outcome the year before")];
        for (sum, (v, column)) in sums.iter_mut().zip(values) {
            *sum = sum.try_add(v).map_err(|e| e.in_computing(format!("the sum of {column} in {title}")))?;
        }
        t.push(vec![
            Cell::stored(&r.name),
            Cell::derived(tkr(r.budget)),
            Cell::derived(tkr(r.outcome)),
            Cell::derived(tkr(r.outcome_previous_year)),
            Cell::stored(opt(r.forecast)),
            Cell::derived(opt(r.deviation)),
            Cell::derived(pct(r.deviation_percent)),
        ]);
    }
    t.push(vec![
        Cell::stored("Summa"),
        Cell::derived(tkr(sums[0])),
        Cell::derived(tkr(sums[1])),
        Cell::derived(tkr(sums[2])),
        Cell::empty(),
        Cell::empty(),
        Cell::empty(),
    ]);
    Ok(t)
}

/// Net cost per year (January through `month`) with the change in percent.
pub fn net_cost_development(title: &str, label: &str, years: &[(i32, Amount, Option<f64>)], month: u32) -> Result<Table, AmountError> {
    let mut header = vec!["Nettokostnadsutveckling, tkr".to_string()];
    header.extend(years.iter().map(|(y, _, _)| format!("{} {y}", period_label(month).replace('–', "-"))));
    let mut t = Table::new(title, header);
    let mut values = vec![Cell::stored(label)];
    for (_, a, _) in years {
        values.push(Cell::derived(tkr(a.try_neg()?)));
    }
    t.push(values);
    let mut change = vec![Cell::stored("Förändring i procent")];
    change.extend(years.iter().map(|(_, _, p)| Cell::derived(pct(*p))));
    t.push(change);
    Ok(t)
}

/// Forecast proposals beside the stored forecast of the round.
pub fn forecast_proposals(title: &str, proposals: &[ForecastProposal], stored: impl Fn(&str) -> Option<(Amount, Option<String>)>) -> Table {
    let mut t = Table::new(
        title,
        ["Rad", "Utfall hittills", "Metod", "Andel enligt profil", "Förslag helår", "Budget helår", "Beslutad prognos", "Kommentar"]
            .map(String::from)
            .to_vec(),
    );
    for p in proposals {
        let decided = stored(&p.row_id);
        t.push(vec![
            Cell::stored(&p.label),
            Cell::derived(tkr(p.year_to_date)),
            Cell::stored(p.method),
            Cell::derived(p.profile_share.map(|s| format!("{} %", number(s * 100.0, 1))).unwrap_or_default()),
            Cell::derived(tkr(p.amount)),
            Cell::derived(tkr(p.budget)),
            Cell::stored(decided.as_ref().map(|(a, _)| tkr(*a)).unwrap_or_default()),
            Cell::stored(decided.and_then(|(_, c)| c).unwrap_or_default()),
        ]);
    }
    t
}
