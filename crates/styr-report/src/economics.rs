//! Economic tables: driftredovisning, per verksamhet, eget kapital, nettokostnadsutveckling,
//! särskilda satsningar, extern finansiering, investeringar and provider counts. Amounts in tkr.

use styr_domain::economics::{EconomicFacts, EconomicLine, LineKind, Measure, MoneyUnit};
use styr_domain::format_sv::{amount, percent};
use styr_domain::{Amount, AmountError, Period, Plan};

use crate::{Cell, Table};

const TKR: MoneyUnit = MoneyUnit::Tkr;

/// Which items a table shows: those of an organisation node and everything under it, or all.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnitScope<'a> {
    units: Option<&'a std::collections::BTreeSet<String>>,
}

impl<'a> UnitScope<'a> {
    /// The nämnd as a whole: every item, with or without a node.
    pub fn all() -> UnitScope<'a> {
        UnitScope { units: None }
    }
    /// Items of these nodes (a node and its subtree).
    pub fn units(units: &'a std::collections::BTreeSet<String>) -> UnitScope<'a> {
        UnitScope { units: Some(units) }
    }
    pub fn includes(&self, org_unit: Option<&str>) -> bool {
        match self.units {
            None => true,
            Some(set) => org_unit.is_some_and(|u| set.contains(u)),
        }
    }
}

fn tkr(a: Amount) -> String {
    amount(a, TKR, 0)
}

fn opt_tkr(a: Option<Amount>) -> String {
    a.map(tkr).unwrap_or_default()
}

/// A stored amount of a line (for a total line, its published value), else the sum of its parts
/// (`None` when a part has none); [`AmountError::Overflow`] naming the line when the sum does not fit.
pub fn line_amount(facts: &EconomicFacts, line: &EconomicLine, measure: Measure, period: Period) -> Result<Option<Amount>, AmountError> {
    facts.line_value(&line.id, measure, period, "")
}

/// Adds `v` to `sum`, naming the column of `table` when it overflows.
fn add_to(sum: &mut Amount, v: Amount, table: &str, column: &str) -> Result<(), AmountError> {
    *sum = sum.try_add(v).map_err(|e| e.in_computing(format!("the sum of {column} in {table}")))?;
    Ok(())
}

/// The kind of a computed line is that of its parts.
fn kind_of(facts: &EconomicFacts, line: &EconomicLine) -> LineKind {
    match line.sum_of.first().and_then(|p| facts.lines.iter().find(|l| &l.id == p)) {
        Some(part) if !line.sum_of.is_empty() => kind_of(facts, part),
        _ => line.kind,
    }
}

fn lines_of<'a>(facts: &'a EconomicFacts, table: &'a str) -> impl Iterator<Item = &'a EconomicLine> + 'a {
    facts.lines.iter().filter(move |l| l.table == table)
}

/// What a table of typed figures shows: the year, the months the round covers (12 for helår), the
/// round whose forecast is shown and the round before it (for the prognosförändring).
#[derive(Debug, Clone, Copy)]
pub struct RoundView<'a> {
    pub year: i32,
    pub month: u32,
    /// The round id (forecasts, notes); empty for none.
    pub round: &'a str,
    pub previous_round: Option<&'a str>,
}

impl<'a> RoundView<'a> {
    /// The whole year without a round.
    pub fn year(year: i32) -> RoundView<'a> {
        RoundView { year, month: 12, round: "", previous_round: None }
    }
    fn period(&self, year: i32) -> Period {
        if self.month >= 12 { Period::Year(year) } else { Period::YearToDate { year, month: self.month } }
    }
    fn is_full_year(&self) -> bool {
        self.month >= 12
    }
    fn label(&self) -> String {
        if self.is_full_year() { "helår".into() } else { styr_economics::period_label(self.month) }
    }
}

/// One row's figures for a round, each `None` when neither stored nor computable (missing is not
/// zero). The flag says whether the value was stored (typed or published) rather than computed.
struct RowFigures {
    budget_year: Option<(Amount, bool)>,
    budget_period: Option<(Amount, bool)>,
    outcome: Option<(Amount, bool)>,
    deviation: Option<(Amount, bool)>,
    deviation_percent: Option<f64>,
    outcome_previous: Option<(Amount, bool)>,
    forecast: Option<(Amount, bool)>,
    forecast_deviation: Option<(Amount, bool)>,
    forecast_deviation_percent: Option<(f64, bool)>,
    forecast_change: Option<(Amount, bool)>,
    comment: Option<String>,
    actions: Vec<String>,
}

fn share(deviation: Amount, budget: Amount) -> Option<f64> {
    (budget != Amount::ZERO).then(|| deviation.ore() as f64 / budget.ore().unsigned_abs() as f64 * 100.0)
}

fn row_figures(facts: &EconomicFacts, line: &EconomicLine, view: &RoundView<'_>) -> Result<RowFigures, AmountError> {
    let id = line.id.as_str();
    let stored =
        |m: Measure, p: Period, r: &str| facts.amounts.iter().any(|a| a.line == id && a.measure == m && a.period == p && a.round == r);
    let value = |m: Measure, p: Period, r: &str| -> Result<Option<(Amount, bool)>, AmountError> {
        Ok(facts.line_value(id, m, p, r)?.map(|a| (a, stored(m, p, r))))
    };
    let kind = kind_of(facts, line);
    let named = |what: &str| format!("the {what} of {}", line.label);
    let deviate = |b: Option<(Amount, bool)>, o: Option<(Amount, bool)>, what: &str| -> Result<Option<(Amount, bool)>, AmountError> {
        b.zip(o).map(|((b, _), (o, _))| kind.deviation(b, o).map(|d| (d, false))).transpose().map_err(|e| e.in_computing(named(what)))
    };
    let (year, period) = (Period::Year(view.year), view.period(view.year));
    let budget_year = value(Measure::Budget, year, "")?;
    let budget_period = if view.is_full_year() { None } else { value(Measure::Budget, period, "")? };
    let budget_for_period = if view.is_full_year() { budget_year } else { budget_period };
    let outcome = value(Measure::Outcome, period, "")?;
    let deviation = match value(Measure::Deviation, period, "")? {
        Some(d) => Some(d),
        None => deviate(budget_for_period, outcome, "deviation")?,
    };
    let deviation_percent = deviation.zip(budget_for_period).and_then(|((d, _), (b, _))| share(d, b));
    let outcome_previous = value(Measure::Outcome, view.period(view.year - 1), "")?;
    let (mut forecast, mut forecast_deviation, mut forecast_change, mut forecast_deviation_percent) = (None, None, None, None);
    let (mut comment, mut actions) = (None, Vec::new());
    if !view.round.is_empty() {
        let r = view.round;
        forecast = value(Measure::Forecast, year, r)?;
        forecast_deviation = match value(Measure::ForecastDeviation, year, r)? {
            Some(d) => Some(d),
            None => deviate(budget_year, forecast, "forecast deviation")?,
        };
        let note = facts.notes.iter().find(|n| n.line == id && n.year == view.year && n.round == r);
        forecast_deviation_percent = match note.and_then(|n| n.forecast_deviation_percent) {
            Some(p) => Some((p, true)),
            None => forecast_deviation.zip(budget_year).and_then(|((d, _), (b, _))| share(d, b)).map(|p| (p, false)),
        };
        forecast_change = match value(Measure::ForecastChange, year, r)? {
            Some(c) => Some(c),
            None => {
                let before = match view.previous_round {
                    Some(p) => value(Measure::Forecast, year, p)?,
                    None => None,
                };
                // Positive when the forecast got better, as a deviation: kind.deviation(before, now).
                forecast
                    .zip(before)
                    .map(|((f, _), (b, _))| kind.deviation(b, f).map(|c| (c, false)))
                    .transpose()
                    .map_err(|e| e.in_computing(named("prognosförändring")))?
            }
        };
        comment = note.and_then(|n| n.comment.clone());
    }
    for a in facts.actions.iter().filter(|a| a.year == view.year && a.line.as_deref() == Some(id)) {
        actions.push(a.title.clone());
    }
    Ok(RowFigures {
        budget_year,
        budget_period,
        outcome,
        deviation,
        deviation_percent,
        outcome_previous,
        forecast,
        forecast_deviation,
        forecast_deviation_percent,
        forecast_change,
        comment,
        actions,
    })
}

/// A cell of an amount: stored when typed or published, derived when computed; blank when missing.
fn money_cell(v: Option<(Amount, bool)>) -> Cell {
    match v {
        Some((a, true)) => Cell::stored(tkr(a)),
        Some((a, false)) => Cell::derived(tkr(a)),
        None => Cell::empty(),
    }
}

fn percent_cell(v: Option<(f64, bool)>) -> Cell {
    match v {
        Some((p, true)) => Cell::stored(percent(p, 1)),
        Some((p, false)) => Cell::derived(percent(p, 1)),
        None => Cell::empty(),
    }
}

/// A table whose columns are kept only when some row has a value in them, so that a report that
/// does not print a column (budget for the period, forecast …) is not given an empty one.
fn sparse_table(title: &str, header: Vec<String>, rows: Vec<Vec<Cell>>) -> Table {
    // Without rows every column is kept, so that an empty table still says what it would hold.
    let keep: Vec<bool> = (0..header.len()).map(|c| c == 0 || rows.is_empty() || rows.iter().any(|r| !r[c].text.is_empty())).collect();
    let pick = |v: Vec<Cell>| v.into_iter().zip(&keep).filter(|(_, k)| **k).map(|(c, _)| c).collect::<Vec<_>>();
    let header = header.into_iter().zip(&keep).filter(|(_, k)| **k).map(|(h, _)| h).collect();
    let mut t = Table::new(title, header);
    for r in rows {
        t.push(pick(r));
    }
    t
}

/// Headers and cells of a row's figures; `period_percent` adds the deviation for the period in percent.
fn figure_columns(view: &RoundView<'_>, period_percent: bool) -> Vec<String> {
    let p = view.label();
    let mut h = vec!["Budget helår".to_string(), format!("Budget {p}")];
    if view.is_full_year() {
        h.extend(["Utfall helår".to_string(), "Avvikelse helår".into()]);
    } else {
        h.extend([format!("Utfall {p} {}", view.year), format!("Avvikelse {p}")]);
    }
    if period_percent {
        h.push("Avvikelse (%)".into());
    }
    h.push(if view.is_full_year() { "Perioden föregående år".into() } else { format!("Utfall {p} {}", view.year - 1) });
    h.extend(
        ["Prognos helår", "Avvikelse prognos/budget", "Avvikelse prognos/budget (%)", "Prognosförändring", "Kommentar", "Åtgärder"]
            .map(String::from),
    );
    h
}

fn figure_cells(f: RowFigures, period_percent: bool) -> Vec<Cell> {
    let mut c = vec![money_cell(f.budget_year), money_cell(f.budget_period), money_cell(f.outcome), money_cell(f.deviation)];
    if period_percent {
        c.push(Cell::derived(f.deviation_percent.map(|p| percent(p, 1)).unwrap_or_default()));
    }
    c.push(money_cell(f.outcome_previous));
    c.push(money_cell(f.forecast));
    c.push(money_cell(f.forecast_deviation));
    c.push(percent_cell(f.forecast_deviation_percent));
    c.push(money_cell(f.forecast_change));
    c.push(Cell::stored(f.comment.unwrap_or_default()));
    c.push(Cell::stored(f.actions.join("; ")));
    c
}

/// Driftredovisning by cost type of the whole nämnd for `year`: budget, outcome, deviation and the
/// previous year's outcome (the published table's columns).
pub fn operating_statement(facts: &EconomicFacts, table: &str, year: i32) -> Result<Table, AmountError> {
    let lines: Vec<&EconomicLine> = lines_of(facts, table).filter(|l| l.org_unit.is_none()).collect();
    typed_statement(facts, "Driftredovisning", &lines, &RoundView::year(year))
}

/// Driftredovisning of typed figures for a round: every column a delårsrapport's resultaträkning
/// has (budget helår and for the period, utfall for the period and the same period last year,
/// avvikelse, prognos, avvikelse prognos/budget in tkr and %, prognosförändring, comment, åtgärder),
/// each shown when some row has a value. Stored values (a total line's published value, a typed
/// deviation) are printed as they are; the rest is computed, and what is missing stays blank.
pub fn typed_statement(facts: &EconomicFacts, title: &str, lines: &[&EconomicLine], view: &RoundView<'_>) -> Result<Table, AmountError> {
    let mut header = vec!["Resultaträkning (tkr)".to_string()];
    header.extend(figure_columns(view, false));
    let mut rows = Vec::new();
    for line in lines {
        let mut row = vec![Cell::stored(&line.label)];
        row.extend(figure_cells(row_figures(facts, line, view)?, false));
        rows.push(row);
    }
    Ok(sparse_table(title, header, rows))
}

/// Net cost per verksamhet with deviation in tkr and percent, and a Summa row.
pub fn per_activity(facts: &EconomicFacts, table: &str, year: i32) -> Result<Table, AmountError> {
    let lines: Vec<&EconomicLine> = lines_of(facts, table).collect();
    typed_per_activity(facts, "Ekonomi, drift per verksamhet", &lines, &RoundView::year(year))
}

/// Typed figures per verksamhet / avdelning / kostnadsställe for a round, with a Summa row computed
/// from the rows unless the rows hold a total line of their own. A Summa cell is blank when a row
/// lacks the value (missing is not zero).
pub fn typed_per_activity(facts: &EconomicFacts, title: &str, lines: &[&EconomicLine], view: &RoundView<'_>) -> Result<Table, AmountError> {
    let mut header = vec!["Verksamhet, tkr".to_string()];
    header.extend(figure_columns(view, true));
    let mut rows = Vec::new();
    let mut figures = Vec::new();
    for line in lines {
        let f = row_figures(facts, line, view)?;
        figures.push([f.budget_year, f.budget_period, f.outcome, f.outcome_previous, f.forecast]);
        let mut row = vec![Cell::stored(&line.label)];
        row.extend(figure_cells(f, true));
        rows.push(row);
    }
    if !lines.is_empty() && lines.iter().all(|l| l.sum_of.is_empty()) {
        // Each column's values (budget, budget for the period, outcome, last year, forecast) as
        // `[Option<Amount>; 5]` per row; a column's sum is blank when a row lacks the value.
        let column = |i: usize, name: &str| -> Result<Option<Amount>, AmountError> {
            let values: Option<Vec<Amount>> = figures.iter().map(|f: &[Option<(Amount, bool)>; 5]| f[i].map(|(a, _)| a)).collect();
            values.map(|v| Amount::try_sum(v).map_err(|e| e.in_computing(format!("the sum of {name} in {title}")))).transpose()
        };
        let budget = column(0, "budget")?;
        let budget_period = column(1, "budget for the period")?;
        let outcome = column(2, "outcome")?;
        let previous = column(3, "outcome the year before")?;
        let forecast = column(4, "forecast")?;
        let kind = lines.first().map(|l| kind_of(facts, l)).unwrap_or(LineKind::NetCost);
        let base = if view.is_full_year() { budget } else { budget_period };
        let dev = |b: Option<Amount>, o: Option<Amount>| {
            b.zip(o)
                .map(|(b, o)| kind.deviation(b, o))
                .transpose()
                .map_err(|e| e.in_computing(format!("the deviation of Summa in {title}")))
        };
        let deviation = dev(base, outcome)?;
        let forecast_deviation = dev(budget, forecast)?;
        let d = |a: Option<Amount>| money_cell(a.map(|a| (a, false)));
        let mut sum = vec![Cell::stored("Summa"), d(budget), d(budget_period), d(outcome), d(deviation)];
        sum.push(Cell::derived(deviation.zip(base).and_then(|(d, b)| share(d, b)).map(|p| percent(p, 1)).unwrap_or_default()));
        sum.extend([d(previous), d(forecast), d(forecast_deviation)]);
        sum.push(percent_cell(forecast_deviation.zip(budget).and_then(|(d, b)| share(d, b)).map(|p| (p, false))));
        sum.extend([Cell::empty(), Cell::empty(), Cell::empty()]);
        rows.push(sum);
    }
    Ok(sparse_table(title, header, rows))
}

/// Published totals among `lines` that differ from the sum of their parts by more than the parts'
/// rounding (half a tkr per summed row, the unit the tables print), in words.
pub fn total_warnings(facts: &EconomicFacts, lines: &[&EconomicLine]) -> Result<Vec<String>, AmountError> {
    Ok(facts.total_differences(TKR)?.into_iter().filter(|d| lines.iter().any(|l| l.id == d.line)).map(|d| d.describe()).collect())
}

/// Eget kapital for `year` and the year before.
pub fn equity(facts: &EconomicFacts, year: i32) -> Table {
    let mut t = Table::new("Eget kapital", ["", "Utfall helår", "Perioden föregående år"].map(String::from).to_vec());
    let this = facts.equity.iter().find(|e| e.year == year);
    let prev = facts.equity.iter().find(|e| e.year == year - 1);
    type Field = fn(&styr_domain::economics::Equity) -> Amount;
    let rows: [(&str, Field); 5] = [
        ("varav uttag Eget kapital", |e| e.withdrawal),
        ("Balansresultat/budgetavvikelse", |e| e.result),
        ("IB eget kapital", |e| e.ib),
        ("Resultatöverföring", |e| e.transfer),
        ("UB eget kapital", |e| e.ub),
    ];
    for (label, get) in rows {
        t.push(vec![Cell::stored(label), Cell::stored(opt_tkr(this.map(get))), Cell::stored(opt_tkr(prev.map(get)))]);
    }
    t
}

/// Nettokostnadsutveckling of one line over `years`, with the change in percent.
pub fn net_cost_development(facts: &EconomicFacts, line_id: &str, years: &[i32]) -> Option<Table> {
    let line = facts.lines.iter().find(|l| l.id == line_id)?;
    let mut header = vec!["Nettokostnadsutveckling, tkr".to_string()];
    header.extend(years.iter().map(|y| format!("jan-dec {y}")));
    let mut t = Table::new(format!("Nettokostnadsutveckling {}", line.label), header);
    // A computed line whose parts do not add up shows no value here.
    let values: Vec<Option<Amount>> =
        years.iter().map(|y| line_amount(facts, line, Measure::Outcome, Period::Year(*y)).ok().flatten()).collect();
    let mut row = vec![Cell::stored(&line.label)];
    row.extend(values.iter().map(|v| Cell::stored(opt_tkr(*v))));
    t.push(row);
    let mut change = vec![Cell::stored("Förändring i procent"), Cell::empty()];
    change.extend(values.windows(2).map(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) if a != Amount::ZERO => Cell::derived(percent((b.ore() as f64 - a.ore() as f64) / a.ore() as f64 * 100.0, 1)),
        _ => Cell::derived(""),
    }));
    t.push(change);
    Some(t)
}

/// Särskilda satsningar: budget and outcome.
pub fn targeted_funds(facts: &EconomicFacts, year: i32, scope: UnitScope<'_>) -> Table {
    let mut t = Table::new("Särskilda satsningar", ["Satsning", "Budget", "Utfall"].map(String::from).to_vec());
    for f in facts.targeted_funds.iter().filter(|f| f.year == year && scope.includes(f.org_unit.as_deref())) {
        t.push(vec![Cell::stored(&f.name), Cell::stored(tkr(f.budget)), Cell::stored(opt_tkr(f.outcome))]);
    }
    t
}

/// Extern finansiering: grant, cost, net, amount counted in the budget and the linked nämndmål.
pub fn grants(facts: &EconomicFacts, plan: &Plan, year: i32, scope: UnitScope<'_>) -> Result<Table, AmountError> {
    let mut t = Table::new(
        "Extern finansiering",
        ["Extern finansiering", "Bidrag (tkr)", "Kostnad (tkr)", "Netto", "Inräknat i budget", "Nämndmål"].map(String::from).to_vec(),
    );
    let (mut received, mut cost) = (Amount::ZERO, Amount::ZERO);
    for g in facts.grants.iter().filter(|g| g.year == year && scope.includes(g.org_unit.as_deref())) {
        add_to(&mut received, g.received, "extern finansiering", "bidrag")?;
        add_to(&mut cost, g.cost, "extern finansiering", "kostnad")?;
        let net = g.net().map_err(|e| e.in_computing(format!("the net of {}", g.name)))?;
        // A grant may serve a goal of any level (målområde, KF-mål or nämndmål).
        let goal = g.goal.as_deref().and_then(|id| plan.goal_node(id)).map(|n| n.title.to_string()).unwrap_or_default();
        t.push(vec![
            Cell::stored(&g.name),
            Cell::stored(tkr(g.received)),
            Cell::stored(tkr(g.cost)),
            Cell::derived(tkr(net)),
            Cell::stored(opt_tkr(g.in_budget)),
            Cell::stored(goal),
        ]);
    }
    t.push(vec![
        Cell::stored("Summa"),
        Cell::derived(tkr(received)),
        Cell::derived(tkr(cost)),
        Cell::derived(tkr(received.try_sub(cost).map_err(|e| e.in_computing("the net of extern finansiering"))?)),
        Cell::empty(),
        Cell::empty(),
    ]);
    Ok(t)
}

/// Investments per project, grouped under their category (reinvestering, nyinvestering, inventarier
/// …) when projects have one, with a sum per category and a Summa row: budget, utfall for a part of
/// the year (jan–aug) when given, utfall helår, prognos, the deviation (budget − forecast, or
/// budget − outcome without forecasts) and the comment. Columns without values are left out; a
/// missing value stays blank and makes its sums and deviation blank (missing is not zero).
pub fn investments(facts: &EconomicFacts, year: i32, scope: UnitScope<'_>) -> Result<Table, AmountError> {
    use styr_domain::economics::Investment;
    let projects: Vec<&Investment> = facts.investments.iter().filter(|i| i.year == year && scope.includes(i.org_unit.as_deref())).collect();
    let with_forecast = projects.iter().any(|i| i.forecast.is_some());
    let period = projects.iter().find_map(|i| i.period);
    let period_header = match period {
        Some(Period::YearToDate { month, .. }) if month < 12 => format!("Utfall {}", styr_economics::period_label(month)),
        _ => "Utfall perioden".to_string(),
    };
    let header = vec![
        "Investeringar, tkr".to_string(),
        "Budget helår".into(),
        period_header,
        "Utfall helår".into(),
        "Prognos helår".into(),
        if with_forecast { "Avvikelse prognos/budget".into() } else { "Avvikelse helår".into() },
        "Kommentar".into(),
    ];
    let deviation = |b: Option<Amount>, f: Option<Amount>, o: Option<Amount>| {
        let against = if with_forecast { f } else { o };
        b.zip(against).map(|(b, x)| b.try_sub(x)).transpose().map_err(|e| e.in_computing("a deviation in investeringar"))
    };
    // Sums of a group: each column blank when a project lacks the value.
    let sums = |group: &[&Investment], what: &str| -> Result<[Option<Amount>; 4], AmountError> {
        let sum = |get: fn(&Investment) -> Option<Amount>, column: &str| -> Result<Option<Amount>, AmountError> {
            let values: Option<Vec<Amount>> = group.iter().map(|i| get(i)).collect();
            values.map(|v| Amount::try_sum(v).map_err(|e| e.in_computing(format!("the sum of {column} in {what}")))).transpose()
        };
        Ok([
            sum(|i| i.budget, "budget")?,
            sum(|i| i.period_outcome, "utfall för perioden")?,
            sum(|i| i.outcome, "utfall")?,
            sum(|i| i.forecast, "prognos")?,
        ])
    };
    let opt = |a: Option<Amount>, stored: bool| if stored { Cell::stored(opt_tkr(a)) } else { Cell::derived(opt_tkr(a)) };
    let sum_row = |label: String, s: [Option<Amount>; 4]| -> Result<Vec<Cell>, AmountError> {
        Ok(vec![
            Cell::stored(label),
            opt(s[0], false),
            opt(s[1], false),
            opt(s[2], false),
            opt(s[3], false),
            opt(deviation(s[0], s[3], s[2])?, false),
            Cell::empty(),
        ])
    };
    let mut rows = Vec::new();
    let mut categories: Vec<Option<&str>> = Vec::new();
    for i in &projects {
        if !categories.contains(&i.category.as_deref()) {
            categories.push(i.category.as_deref());
        }
    }
    categories.sort_by_key(|c| c.is_some()); // projects without a category first
    for category in categories {
        let group: Vec<&Investment> = projects.iter().copied().filter(|i| i.category.as_deref() == category).collect();
        if let Some(c) = category {
            let mut heading = vec![Cell::stored(c)];
            heading.extend((0..6).map(|_| Cell::empty()));
            rows.push(heading);
        }
        for i in &group {
            let name = match &i.number {
                Some(n) => format!("{n} {}", i.name),
                None => i.name.clone(),
            };
            rows.push(vec![
                Cell::stored(name),
                opt(i.budget, true),
                opt(i.period_outcome, true),
                opt(i.outcome, true),
                opt(i.forecast, true),
                opt(deviation(i.budget, i.forecast, i.outcome)?, false),
                Cell::stored(i.comment.clone().unwrap_or_default()),
            ]);
        }
        if let Some(c) = category {
            rows.push(sum_row(format!("Summa {}", c.to_lowercase()), sums(&group, c)?)?);
        }
    }
    if !projects.is_empty() {
        rows.push(sum_row("Summa".into(), sums(&projects, "investeringar")?)?);
    }
    Ok(sparse_table("Investeringar", header, rows))
}

/// Volumes (kvantiteter): the previous year's utfall, åtagande, utfall, prognos and the deviation of
/// the forecast (or outcome) from åtagande, under the heading of their group (verksamhetsområde)
/// when they have one. For a round, each volume's figures of that round are shown, else its figures
/// for the whole year. A zero deviation prints `0`; a missing value stays blank.
pub fn volumes(facts: &EconomicFacts, year: i32, round: Option<&str>, scope: UnitScope<'_>) -> Table {
    let header =
        ["Volym", "Enhet", "Utfall föregående år", "Åtagande", "Utfall", "Prognos", "Avvikelse", "Kommentar"].map(String::from).to_vec();
    let show = |v: Option<f64>| v.map(|v| styr_domain::format_sv::number_trimmed(v + 0.0, 1)).unwrap_or_default();
    let of_year: Vec<_> = facts.volumes.iter().filter(|v| v.year == year && scope.includes(v.org_unit.as_deref())).collect();
    let mut shown: Vec<&styr_domain::economics::Volume> = Vec::new();
    for v in &of_year {
        if shown.iter().any(|s| s.id == v.id) {
            continue;
        }
        let for_round = round.and_then(|r| of_year.iter().find(|x| x.id == v.id && x.round == r));
        let whole_year = of_year.iter().find(|x| x.id == v.id && x.round.is_empty());
        if let Some(chosen) = for_round.or(whole_year) {
            shown.push(chosen);
        }
    }
    let mut groups: Vec<Option<&str>> = Vec::new();
    for v in &shown {
        if !groups.contains(&v.group.as_deref()) {
            groups.push(v.group.as_deref());
        }
    }
    groups.sort_by_key(|g| g.is_some());
    let mut rows = Vec::new();
    for g in groups {
        if let Some(g) = g {
            let mut heading = vec![Cell::stored(g)];
            heading.extend((0..7).map(|_| Cell::empty()));
            rows.push(heading);
        }
        for v in shown.iter().filter(|v| v.group.as_deref() == g) {
            let deviation = v.commitment.zip(v.forecast.or(v.outcome)).map(|(c, f)| f - c);
            rows.push(vec![
                Cell::stored(&v.name),
                Cell::stored(&v.unit),
                Cell::stored(show(v.previous_outcome)),
                Cell::stored(show(v.commitment)),
                Cell::stored(show(v.outcome)),
                Cell::stored(show(v.forecast)),
                Cell::derived(show(deviation)),
                Cell::stored(v.comment.clone().unwrap_or_default()),
            ]);
        }
    }
    sparse_table("Volymer", header, rows)
}

/// Åtgärdsplan: each åtgärd with the unit responsible, what it answers (a line with its deviation
/// in the round, or a goal), the expected effect this year and next, and its status and comment in
/// the round (blank when the round has none: an earlier round's status is not assumed).
/// `assessment_of` gives a goal's assessment in the round, printed beside an åtgärd that answers a goal.
pub fn actions(
    facts: &EconomicFacts,
    plan: &Plan,
    view: &RoundView<'_>,
    scope: UnitScope<'_>,
    assessment_of: &dyn Fn(&str) -> Option<String>,
) -> Result<Table, AmountError> {
    let header = [
        "Åtgärd",
        "Ansvarig enhet",
        "Avser",
        "Avvikelse prognos/budget",
        "Bedömning",
        "Effekt i år (tkr)",
        "Effekt nästa år (tkr)",
        "Status",
        "Kommentar",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    let units = styr_domain::org::OrgUnit::flatten(&plan.organisation);
    for a in facts.actions.iter().filter(|a| a.year == view.year && scope.includes(a.org_unit.as_deref())) {
        let unit = a
            .org_unit
            .as_deref()
            .map(|u| units.iter().find(|(_, o)| o.id == u).map(|(_, o)| o.name.clone()).unwrap_or_else(|| u.to_string()));
        let line = a.line.as_deref().and_then(|l| facts.lines.iter().find(|x| x.id == l));
        let goal = a.goal.as_deref().map(|g| plan.goal_node(g).map(|x| x.title.to_string()).unwrap_or_else(|| g.to_string()));
        let answers = match (line, goal) {
            (Some(l), Some(g)) => format!("{}; {g}", l.label),
            (Some(l), None) => l.label.clone(),
            (None, Some(g)) => g,
            (None, None) => String::new(),
        };
        let deviation = match line {
            Some(l) => {
                let f = row_figures(facts, l, view)?;
                f.forecast_deviation.or(f.deviation)
            }
            None => None,
        };
        let f = a.followups.iter().find(|f| f.round == view.round);
        rows.push(vec![
            Cell::stored(&a.title),
            Cell::stored(unit.unwrap_or_default()),
            Cell::stored(answers),
            money_cell(deviation),
            Cell::stored(a.goal.as_deref().and_then(assessment_of).unwrap_or_default()),
            Cell::stored(opt_tkr(a.effect_this_year)),
            Cell::stored(opt_tkr(a.effect_next_year)),
            Cell::stored(f.and_then(|f| f.status).map(|s| s.label()).unwrap_or_default()),
            Cell::stored(f.and_then(|f| f.comment.clone()).unwrap_or_default()),
        ]);
    }
    Ok(sparse_table("Åtgärdsplan", header, rows))
}

/// Providers per service, private and own regi, at each date.
pub fn providers(facts: &EconomicFacts) -> Table {
    let mut dates: Vec<_> = facts.providers.iter().map(|p| p.date).collect();
    dates.sort_unstable();
    dates.dedup();
    let mut header = vec!["Tjänst".to_string()];
    for d in &dates {
        header.push(format!("Privata {d}"));
        header.push(format!("Egen regi {d}"));
    }
    let mut t = Table::new("Utförare inom valfrihetssystem", header);
    let mut services: Vec<(&str, &str)> = Vec::new();
    for p in &facts.providers {
        if !services.contains(&(p.area.as_str(), p.service.as_str())) {
            services.push((&p.area, &p.service));
        }
    }
    for (area, service) in services {
        let mut row = vec![Cell::stored(service)];
        for d in &dates {
            let p = facts.providers.iter().find(|p| p.area == area && p.service == service && p.date == *d);
            row.push(Cell::stored(p.map(|p| p.private.to_string()).unwrap_or_default()));
            row.push(Cell::stored(p.map(|p| p.own.to_string()).unwrap_or_default()));
        }
        t.push(row);
    }
    t
}
