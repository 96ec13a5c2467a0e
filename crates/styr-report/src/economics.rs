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

/// A stored amount of a line, or the sum of its parts for a computed line (`None` when a part has
/// none); [`AmountError::Overflow`] naming the line when the sum does not fit.
pub fn line_amount(facts: &EconomicFacts, line: &EconomicLine, measure: Measure, period: Period) -> Result<Option<Amount>, AmountError> {
    if line.sum_of.is_empty() {
        return Ok(facts.amounts.iter().find(|a| a.line == line.id && a.measure == measure && a.period == period).map(|a| a.amount));
    }
    let mut total = Amount::ZERO;
    for part in &line.sum_of {
        let Some(l) = facts.lines.iter().find(|l| &l.id == part) else { return Ok(None) };
        let Some(a) = line_amount(facts, l, measure, period)? else { return Ok(None) };
        total = total.try_add(a).map_err(|e| e.in_computing(format!("the {} of {} for {period}", measure.as_str(), line.label)))?;
    }
    Ok(Some(total))
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

/// Driftredovisning by cost type: budget, outcome, deviation for `year` and the previous year's outcome.
pub fn operating_statement(facts: &EconomicFacts, table: &str, year: i32) -> Result<Table, AmountError> {
    let mut t = Table::new(
        "Driftredovisning",
        ["Resultaträkning (tkr)", "Budget helår", "Utfall helår", "Avvikelse helår", "Perioden föregående år"].map(String::from).to_vec(),
    );
    for line in lines_of(facts, table) {
        let computed = !line.sum_of.is_empty();
        let budget = line_amount(facts, line, Measure::Budget, Period::Year(year))?;
        let outcome = line_amount(facts, line, Measure::Outcome, Period::Year(year))?;
        let previous = line_amount(facts, line, Measure::Outcome, Period::Year(year - 1))?;
        let deviation = budget
            .zip(outcome)
            .map(|(b, o)| kind_of(facts, line).deviation(b, o))
            .transpose()
            .map_err(|e| e.in_computing(format!("the deviation of {}", line.label)))?;
        let cell = |s: String| if computed { Cell::derived(s) } else { Cell::stored(s) };
        t.push(vec![
            Cell::stored(&line.label),
            cell(opt_tkr(budget)),
            cell(opt_tkr(outcome)),
            Cell::derived(opt_tkr(deviation)),
            cell(opt_tkr(previous)),
        ]);
    }
    Ok(t)
}

/// The deviation as a share of the budget's size, so that better than budget is positive whatever
/// the sign convention of the table.
fn deviation_percent(deviation: Amount, budget: Amount) -> String {
    if budget == Amount::ZERO {
        return String::new();
    }
    percent(deviation.ore() as f64 / budget.ore().unsigned_abs() as f64 * 100.0, 1)
}

/// Net cost per verksamhet with deviation in tkr and percent, and a Summa row.
pub fn per_activity(facts: &EconomicFacts, table: &str, year: i32) -> Result<Table, AmountError> {
    let mut t = Table::new(
        "Ekonomi, drift per verksamhet",
        ["Verksamhet, tkr", "Budget helår", "Utfall helår", "Avvikelse helår", "Avvikelse (%)", "Perioden föregående år"]
            .map(String::from)
            .to_vec(),
    );
    let mut sums = [Amount::ZERO; 3];
    for line in lines_of(facts, table) {
        let get = |m, y| line_amount(facts, line, m, Period::Year(y)).map(Option::unwrap_or_default);
        let (b, o, p) = (get(Measure::Budget, year)?, get(Measure::Outcome, year)?, get(Measure::Outcome, year - 1)?);
        let dev = line.kind.deviation(b, o).map_err(|e| e.in_computing(format!("the deviation of {}", line.label)))?;
        if line.sum_of.is_empty() {
            let title = "drift per verksamhet";
            add_to(&mut sums[0], b, title, "budget")?;
            add_to(&mut sums[1], o, title, "outcome")?;
            add_to(&mut sums[2], p, title, "outcome the year before")?;
        }
        t.push(vec![
            Cell::stored(&line.label),
            Cell::stored(tkr(b)),
            Cell::stored(tkr(o)),
            Cell::derived(tkr(dev)),
            Cell::derived(deviation_percent(dev, b)),
            Cell::stored(tkr(p)),
        ]);
    }
    let kind = lines_of(facts, table).next().map(|l| l.kind).unwrap_or(LineKind::NetCost);
    let dev = kind.deviation(sums[0], sums[1]).map_err(|e| e.in_computing("the deviation of Summa in drift per verksamhet"))?;
    t.push(vec![
        Cell::stored("Summa"),
        Cell::derived(tkr(sums[0])),
        Cell::derived(tkr(sums[1])),
        Cell::derived(tkr(dev)),
        Cell::derived(deviation_percent(dev, sums[0])),
        Cell::derived(tkr(sums[2])),
    ]);
    Ok(t)
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
        let goal = g.goal.as_deref().and_then(|id| plan.goal(id)).map(|g| g.goal.title.clone()).unwrap_or_default();
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

/// Investments per project: budget, outcome, the forecast when any project has one, and the deviation
/// (budget − forecast, or budget − outcome without forecasts), with a Summa row.
pub fn investments(facts: &EconomicFacts, year: i32, scope: UnitScope<'_>) -> Result<Table, AmountError> {
    let projects: Vec<_> = facts.investments.iter().filter(|i| i.year == year && scope.includes(i.org_unit.as_deref())).collect();
    let with_forecast = projects.iter().any(|i| i.forecast.is_some());
    let mut header = vec!["Investeringar, tkr".to_string(), "Budget helår".into(), "Utfall helår".into()];
    if with_forecast {
        header.push("Prognos helår".into());
        header.push("Avvikelse prognos/budget".into());
    } else {
        header.push("Avvikelse helår".into());
    }
    let mut t = Table::new("Investeringar", header);
    let mut sums = [Amount::ZERO; 3];
    for i in projects {
        let (b, o) = (i.budget.unwrap_or_default(), i.outcome.unwrap_or_default());
        let f = i.forecast.unwrap_or(o);
        for (sum, (v, column)) in sums.iter_mut().zip([(b, "budget"), (o, "outcome"), (f, "forecast")]) {
            add_to(sum, v, "investeringar", column)?;
        }
        let deviation = |b: Amount, x: Amount| b.try_sub(x).map_err(|e| e.in_computing("a deviation in investeringar"));
        let name = match &i.number {
            Some(n) => format!("{n} {}", i.name),
            None => i.name.clone(),
        };
        let mut row = vec![Cell::stored(name), Cell::stored(tkr(b)), Cell::stored(tkr(o))];
        if with_forecast {
            row.push(Cell::stored(opt_tkr(i.forecast)));
        }
        row.push(Cell::derived(tkr(deviation(b, if with_forecast { f } else { o })?)));
        t.push(row);
    }
    let mut total = vec![Cell::stored("Summa"), Cell::derived(tkr(sums[0])), Cell::derived(tkr(sums[1]))];
    let deviation = |x: Amount| sums[0].try_sub(x).map_err(|e| e.in_computing("the deviation of Summa in investeringar"));
    if with_forecast {
        total.push(Cell::derived(tkr(sums[2])));
        total.push(Cell::derived(tkr(deviation(sums[2])?)));
    } else {
        total.push(Cell::derived(tkr(deviation(sums[1])?)));
    }
    t.push(total);
    Ok(t)
}

/// Volumes: åtagande, utfall, prognos and the deviation of the forecast (or outcome) from åtagande.
/// For a round, each volume's figures of that round are shown, else its figures for the whole year.
pub fn volumes(facts: &EconomicFacts, year: i32, round: Option<&str>, scope: UnitScope<'_>) -> Table {
    let mut t = Table::new("Volymer", ["Volym", "Enhet", "Åtagande", "Utfall", "Prognos", "Avvikelse"].map(String::from).to_vec());
    let show = |v: Option<f64>| v.map(|v| styr_domain::format_sv::number_trimmed(v, 1)).unwrap_or_default();
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
    for v in shown {
        let deviation = v.commitment.zip(v.forecast.or(v.outcome)).map(|(c, f)| f - c);
        t.push(vec![
            Cell::stored(&v.name),
            Cell::stored(&v.unit),
            Cell::stored(show(v.commitment)),
            Cell::stored(show(v.outcome)),
            Cell::stored(show(v.forecast)),
            Cell::derived(show(deviation)),
        ]);
    }
    t
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
