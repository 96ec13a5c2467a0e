//! `styr measures compute|generate`: operational measures from event exports.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use styr_app::measures::kernels::continuity::ContinuityOptions;
use styr_app::measures::kernels::granted::{largest_gaps, totals};
use styr_app::measures::kernels::staffing::{Span, Staffing};
use styr_app::measures::{self, MeasureMapping, MeasuresReport, Progress, Scale, time};
use styr_app::{Actor, Store};
use styr_domain::format_sv::{number, percent};

use crate::output::{print_table, say};

#[derive(Subcommand)]
pub enum MeasuresCommand {
    /// Compute every measure whose exports are in the folder, over a date range.
    #[command(after_help = "Exempel:\n  styr measures compute --input exports/ --from 2025-01-01 --to 2025-12-31\n  \
        styr measures compute --input exports/ --from 2025-01-01 --to 2025-08-31 --store-as-outcomes \\\n      \
        --indicator sjukfranvaro=sjukfranvaro --indicator personalkontinuitet=personalkontinuitet --committee 9998-sn")]
    Compute {
        /// Folder with visits, decisions, stays, places, staff, time_reports as .csv or .parquet.
        #[arg(long)]
        input: PathBuf,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        to: String,
        /// Personalkontinuitet: days of the window with both a morning and an evening visit for a
        /// client to count (national definition 14; 0 counts every client with a visit).
        #[arg(long, default_value_t = 14)]
        continuity_min_days: u32,
        /// Personalkontinuitet: the morning interval, HH:MM-HH:MM (start inclusive, end exclusive).
        #[arg(long, default_value = "07:00-10:00")]
        continuity_morning: String,
        /// Personalkontinuitet: the evening interval.
        #[arg(long, default_value = "19:00-22:00")]
        continuity_evening: String,
        /// Also write each result as CSV into this folder (comma-separated, `.` decimals, for programs).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Store the measures named by --indicator as outcomes of the plan's indicators (own
        /// values, for the range's period: a year, a year to date or a month), each with its
        /// definition and input files recorded. Nothing is stored if any measure or indicator is unknown.
        #[arg(long)]
        store_as_outcomes: bool,
        /// MEASURE=INDICATOR, once per measure to store (e.g. sjukfranvaro=sjukfranvaro); the
        /// measures: personalkontinuitet, personalkontinuitet_over_15, personalkontinuitet_over_20,
        /// utford_andel_av_beviljad, utredningstid, verkstallighetstid, vantetid,
        /// ej_verkstallda_3_manader, belaggning, timanstalldas_andel, sjukfranvaro.
        #[arg(long = "indicator", requires = "store_as_outcomes")]
        indicators: Vec<String>,
        /// The plan year whose indicators get the outcomes (default: the year of --from).
        #[arg(long, requires = "store_as_outcomes")]
        year: Option<i32>,
        /// The committee (needed when the database holds more than one).
        #[arg(long, requires = "store_as_outcomes")]
        committee: Option<String>,
    },
    /// Write synthetic exports (deterministic for a seed).
    #[command(after_help = "Exempel:\n  styr measures generate --scale municipality --out exports/")]
    Generate {
        /// small (120 clients, 8 weeks), municipality (3 000 clients, a year, ≈3,8 M visits),
        /// national (205 000 clients, a year, ≈262 M visits, ≈16 GB of CSV, written streamed).
        #[arg(long, default_value = "small")]
        scale: String,
        /// The folder to write visits.csv, decisions.csv, stays.csv, places.csv, staff.csv and
        /// time_reports.csv into.
        #[arg(long)]
        out: PathBuf,
        /// The same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn parse_day(s: &str, what: &str) -> Result<i32> {
    time::parse_date(s.as_bytes()).with_context(|| format!("{what} {s:?} is not a date YYYY-MM-DD"))
}

fn parse_interval(s: &str, what: &str) -> Result<(u32, u32)> {
    let minute = |t: &str| -> Option<u32> {
        let (h, m) = t.split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
    };
    match s.split_once('-').and_then(|(a, b)| Some((minute(a)?, minute(b)?))) {
        Some((a, b)) if a < b => Ok((a, b)),
        _ => bail!("{what} {s:?} is not an interval HH:MM-HH:MM"),
    }
}

/// The progress bar over the input's bytes, shown only for large inputs.
struct Bar(Option<ProgressBar>);

impl Progress for Bar {
    fn advance(&mut self, bytes: u64) {
        if let Some(b) = &self.0 {
            b.inc(bytes);
        }
    }
}

fn input_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map(|r| r.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()).unwrap_or(0)
}

pub async fn run(store: &Store, actor: &Actor, command: MeasuresCommand) -> Result<()> {
    match command {
        MeasuresCommand::Compute {
            input,
            from,
            to,
            continuity_min_days,
            continuity_morning,
            continuity_evening,
            out,
            store_as_outcomes,
            indicators,
            year,
            committee,
        } => {
            let (from, to) = (parse_day(&from, "--from")?, parse_day(&to, "--to")?);
            let mapping = indicators.iter().map(|s| MeasureMapping::parse(s)).collect::<Result<Vec<_>, _>>()?;
            if store_as_outcomes {
                // Refuse a range that has no period before reading gigabytes of exports.
                measures::period_of_range(from, to)?;
            }
            let options = ContinuityOptions {
                min_days: continuity_min_days,
                morning: parse_interval(&continuity_morning, "--continuity-morning")?,
                evening: parse_interval(&continuity_evening, "--continuity-evening")?,
                ..ContinuityOptions::default()
            };
            let bytes = input_bytes(&input);
            let bar = (bytes > 64 << 20).then(|| {
                let b = ProgressBar::new(bytes);
                b.set_style(ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta}").expect("a valid template"));
                b
            });
            let mut bar = Bar(bar);
            let report = measures::compute(&input, from, to, &options, &mut bar)?;
            if let Some(b) = bar.0 {
                b.finish_and_clear();
            }
            print_report(&report);
            if let Some(dir) = out {
                write_csv(&dir, &report)?;
                say!("Resultaten skrivna som CSV i {}", dir.display());
            }
            if store_as_outcomes {
                let stored = measures::store_as_outcomes(store, &report, &mapping, year, committee.as_deref(), actor).await?;
                say!("\nSparat som utfall för {} ({}):", stored.committee, stored.period.label_sv());
                let rows: Vec<Vec<String>> = stored
                    .outcomes
                    .iter()
                    .map(|o| vec![o.indicator.clone(), o.gender.as_str().to_string(), o.value.map_or_else(|| "–".into(), |v| number(v, 1))])
                    .collect();
                print_table(&["Indikator", "Kön", "Värde"], &rows, 100);
                say!("{} nya, {} ändrade", stored.changes.inserted, stored.changes.updated);
            }
            Ok(())
        }
        MeasuresCommand::Generate { scale, out, seed } => {
            let scale = Scale::parse(&scale).with_context(|| format!("--scale {scale:?}: small, municipality or national"))?;
            let days = u64::from(scale.days());
            let bar = (scale != Scale::Small).then(|| ProgressBar::new(days));
            let summary = measures::generate(&out, scale, seed, &mut |d| {
                if let Some(b) = &bar {
                    b.set_position(u64::from(d));
                }
            })?;
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            say!(
                "{}: {} besök, {} beslut, {} vistelser, {} anställda, {} tidrapporter",
                out.display(),
                number(summary.visits as f64, 0),
                number(summary.decisions as f64, 0),
                number(summary.stays as f64, 0),
                number(summary.staff as f64, 0),
                number(summary.time_reports as f64, 0)
            );
            Ok(())
        }
    }
}

fn unit_name(u: Option<i64>) -> String {
    u.map_or_else(|| "Totalt".to_string(), |u| u.to_string())
}

fn print_report(r: &MeasuresReport) {
    if let Some(c) = &r.continuity {
        say!("Personalkontinuitet ({} fönster om 14 dagar)", c.windows);
        let rows: Vec<Vec<String>> = c
            .units
            .iter()
            .map(|u| {
                vec![
                    unit_name(u.unit_id),
                    number(u.client_windows as f64, 0),
                    number(u.mean_staff, 1),
                    percent(u.share_over_15 * 100.0, 1),
                    percent(u.share_over_20 * 100.0, 1),
                ]
            })
            .collect();
        print_table(&["Enhet", "Brukarfönster", "Medel personal", "> 15", "> 20"], &rows, 100);
    }
    if let Some(g) = &r.granted {
        say!("\nBeviljad och utförd tid (timmar)");
        let rows: Vec<Vec<String>> = totals(g)
            .iter()
            .map(|t| {
                vec![
                    unit_name(t.unit_id),
                    number(t.granted_hours, 0),
                    number(t.performed_hours, 0),
                    number(t.granted_hours - t.performed_hours, 0),
                    number(t.visits_without_end as f64, 0),
                ]
            })
            .collect();
        print_table(&["Enhet", "Beviljad", "Utförd", "Skillnad", "Besök utan sluttid"], &rows, 100);
        let gaps: Vec<Vec<String>> = largest_gaps(g, 10).iter().map(|(c, h)| vec![c.to_string(), number(*h, 1)]).collect();
        say!("\nStörst skillnad per brukare");
        print_table(&["Brukare", "Beviljad − utförd"], &gaps, 100);
    }
    for (m, rows) in &r.lead_times {
        say!("\n{} (dagar)", m.name());
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|l| vec![l.service.to_string(), number(l.decisions as f64, 0), number(l.mean_days, 1), number(l.median_days, 1)])
            .collect();
        print_table(&["Insats", "Beslut", "Medel", "Median"], &rows, 100);
    }
    if let Some(n) = &r.not_executed {
        say!("\nEj verkställda inom tre månader: {}", number(n.len() as f64, 0));
        let rows: Vec<Vec<String>> = n
            .iter()
            .take(20)
            .map(|e| {
                vec![
                    e.decision_id.to_string(),
                    e.service.to_string(),
                    time::format_date(e.decided),
                    e.executed.map_or_else(|| "–".into(), time::format_date),
                    number(e.days as f64, 0),
                ]
            })
            .collect();
        print_table(&["Beslut", "Insats", "Beslutat", "Verkställt", "Dagar"], &rows, 100);
    }
    if let Some(o) = &r.occupancy {
        say!("\nBeläggning");
        let rows: Vec<Vec<String>> = o
            .iter()
            .map(|b| {
                vec![
                    b.boende_id.to_string(),
                    b.month.to_string(),
                    number(b.occupied_nights as f64, 0),
                    b.place_nights.map_or_else(|| "–".into(), |p| number(p as f64, 0)),
                    b.occupancy.map_or_else(|| "–".into(), |x| percent(x * 100.0, 1)),
                ]
            })
            .collect();
        print_table(&["Boende", "Månad", "Belagda dygn", "Platsdygn", "Beläggning"], &rows, 100);
    }
    if let Some(s) = &r.staffing {
        print_staffing(s);
    }
    for n in &r.not_computed {
        say!("Inte beräknat: {n}");
    }
}

fn share_text(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |x| percent(x * 100.0, 1))
}

fn print_staffing(s: &Staffing) {
    say!("\nTimanställdas andel av arbetad tid");
    let rows: Vec<Vec<String>> = s
        .hourly_share
        .iter()
        .map(|h| {
            vec![
                h.month.to_string(),
                if h.span == Span::Month { "månad" } else { "hittills i år" }.to_string(),
                number(h.worked_hours, 0),
                number(h.hourly_worked_hours, 0),
                share_text(h.share()),
            ]
        })
        .collect();
    print_table(&["Månad", "Avser", "Arbetade timmar", "Av timanställda", "Andel"], &rows, 100);
    say!("\nSjukfrånvaro (andel av arbetad + sjuk tid; dag 1–14, 15–59, 60– av sjukperioden)");
    let name = |g: &str| match g {
        "all" => "alla".to_string(),
        "unknown" => "okänt".to_string(),
        "-29" => "–29".to_string(),
        "50-" => "50–".to_string(),
        "30-49" => "30–49".to_string(),
        other => other.to_string(),
    };
    let rows: Vec<Vec<String>> = s
        .sick_leave
        .iter()
        .filter(|r| r.gender == "all" || r.age_band == "all")
        .map(|r| {
            let of = |h: f64| share_text((r.hours > 0.0).then(|| h / r.hours));
            vec![
                r.month.to_string(),
                if r.span == Span::Month { "månad" } else { "hittills i år" }.to_string(),
                name(r.gender),
                name(r.age_band),
                share_text(r.rate()),
                of(r.sick_by_day[0]),
                of(r.sick_by_day[1]),
                of(r.sick_by_day[2]),
            ]
        })
        .collect();
    print_table(&["Månad", "Avser", "Kön", "Ålder", "Sjukfrånvaro", "Dag 1–14", "Dag 15–59", "Dag 60–"], &rows, 100);
}

fn write_csv(dir: &Path, r: &MeasuresReport) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    let f = |v: f64| format!("{v}");
    let none = String::new;
    let write = |name: &str, header: &[&str], rows: Vec<Vec<String>>| -> Result<()> {
        let path = dir.join(format!("{name}.csv"));
        let mut w = csv::Writer::from_path(&path).with_context(|| path.display().to_string())?;
        w.write_record(header)?;
        for row in rows {
            w.write_record(row)?;
        }
        w.flush().with_context(|| path.display().to_string())?;
        Ok(())
    };
    if let Some(c) = &r.continuity {
        let rows = c
            .units
            .iter()
            .map(|u| {
                vec![
                    u.unit_id.map_or_else(none, |u| u.to_string()),
                    u.client_windows.to_string(),
                    f(u.mean_staff),
                    f(u.share_over_15),
                    f(u.share_over_20),
                ]
            })
            .collect();
        write("personalkontinuitet", &["unit_id", "client_windows", "mean_staff", "share_over_15", "share_over_20"], rows)?;
    }
    if let Some(g) = &r.granted {
        let rows = g
            .iter()
            .map(|x| {
                vec![
                    x.month.to_string(),
                    x.unit_id.map_or_else(none, |u| u.to_string()),
                    x.client_id.to_string(),
                    x.granted_hours.map_or_else(none, f),
                    f(x.performed_hours),
                    x.visits_without_end.to_string(),
                ]
            })
            .collect();
        write("beviljad_utford_tid", &["month", "unit_id", "client_id", "granted_hours", "performed_hours", "visits_without_end"], rows)?;
    }
    for (m, rows) in &r.lead_times {
        let rows = rows.iter().map(|l| vec![l.service.to_string(), l.decisions.to_string(), f(l.mean_days), f(l.median_days)]).collect();
        write(m.name(), &["service", "decisions", "mean_days", "median_days"], rows)?;
    }
    if let Some(n) = &r.not_executed {
        let rows = n
            .iter()
            .map(|e| {
                vec![
                    e.decision_id.to_string(),
                    e.client_id.to_string(),
                    e.service.to_string(),
                    time::format_date(e.decided),
                    e.executed.map_or_else(none, time::format_date),
                    e.days.to_string(),
                ]
            })
            .collect();
        write("ej_verkstallda_3_manader", &["decision_id", "client_id", "service", "decided", "executed", "days"], rows)?;
    }
    if let Some(o) = &r.occupancy {
        let rows = o
            .iter()
            .map(|b| {
                vec![
                    b.boende_id.to_string(),
                    b.month.to_string(),
                    b.occupied_nights.to_string(),
                    b.place_nights.map_or_else(none, |p| p.to_string()),
                    b.occupancy.map_or_else(none, f),
                ]
            })
            .collect();
        write("belaggning", &["boende_id", "month", "occupied_nights", "place_nights", "occupancy"], rows)?;
    }
    if let Some(s) = &r.staffing {
        let rows = s
            .hourly_share
            .iter()
            .map(|h| {
                vec![
                    h.month.to_string(),
                    h.span.name().to_string(),
                    f(h.worked_hours),
                    f(h.hourly_worked_hours),
                    h.share().map_or_else(none, f),
                ]
            })
            .collect();
        write("timanstalldas_andel", &["month", "span", "worked_hours", "hourly_worked_hours", "share"], rows)?;
        let rows = s
            .sick_leave
            .iter()
            .map(|x| {
                vec![
                    x.month.to_string(),
                    x.span.name().to_string(),
                    x.gender.to_string(),
                    x.age_band.to_string(),
                    f(x.hours),
                    f(x.sick_hours),
                    f(x.sick_by_day[0]),
                    f(x.sick_by_day[1]),
                    f(x.sick_by_day[2]),
                    x.rate().map_or_else(none, f),
                ]
            })
            .collect();
        let header = [
            "month",
            "span",
            "gender",
            "age_band",
            "hours",
            "sick_hours",
            "sick_hours_day_1_14",
            "sick_hours_day_15_59",
            "sick_hours_day_60_",
            "rate",
        ];
        write("sjukfranvaro", &header, rows)?;
    }
    Ok(())
}
