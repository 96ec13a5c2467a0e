//! `styr kolada …`: KPI search and fetch, sync into outcomes, offline import, request lists,
//! published values and staleness. The work is done by `styr_app::kolada`.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use styr_app::kolada::{self, SyncSummary, styr_kolada::Config};
use styr_domain::format_sv::number_trimmed;
use styr_store::{Actor, Store};

use crate::output::{print_table, say};

/// How to reach Kolada.
#[derive(Args, Clone, Debug)]
pub struct KoladaOpts {
    /// Kolada's API base URL.
    #[arg(long, env = "STYR_KOLADA_URL", default_value = "https://api.kolada.se/v3", global = true)]
    base_url: String,
    /// Seconds a request may take.
    #[arg(long, env = "STYR_KOLADA_TIMEOUT", default_value_t = 30.0, global = true)]
    timeout: f64,
    /// First wait before a retry, in milliseconds (doubles each time; `Retry-After` is honoured up to 60 s).
    #[arg(long, env = "STYR_KOLADA_BACKOFF_MS", default_value_t = 2000, global = true)]
    backoff_ms: u64,
    /// Least time between two requests, in milliseconds.
    #[arg(long, env = "STYR_KOLADA_INTERVAL_MS", default_value_t = 250, global = true)]
    interval_ms: u64,
    /// Keep every response in DIR with its URL and fetch time (importable with `styr kolada import DIR`).
    #[arg(long, env = "STYR_KOLADA_CACHE", global = true)]
    cache: Option<PathBuf>,
}

impl KoladaOpts {
    fn config(&self) -> Config {
        let backoff = Duration::from_millis(self.backoff_ms);
        Config {
            base_url: self.base_url.clone(),
            timeout: Duration::from_secs_f64(self.timeout.max(0.01)),
            backoff,
            max_wait: Duration::from_secs(60).max(backoff),
            min_interval: Duration::from_millis(self.interval_ms),
            cache_dir: self.cache.clone(),
            ..Config::default()
        }
    }
}

#[derive(Subcommand)]
pub enum KoladaCommand {
    /// Search Kolada's KPIs by title.
    #[command(after_help = "Exempel:\n  styr kolada search \"väntetid särskilt boende\"")]
    Search {
        /// Words of the KPI title to look for, e.g. "väntetid särskilt boende".
        text: String,
    },
    /// Print values straight from Kolada (nothing is stored).
    #[command(after_help = "Exempel:\n  styr kolada fetch --kpi U23401 --municipality 1489 --years 2019-2024")]
    Fetch {
        /// KPI ids, comma-separated.
        #[arg(long)]
        kpi: String,
        /// Municipality, region (00LL), Riket (0000) or group (G…) ids, comma-separated.
        #[arg(long)]
        municipality: String,
        /// Years, `2019-2024` or `2023`.
        #[arg(long)]
        years: String,
    },
    /// Fetch every Kolada-linked indicator of the plan for the municipality, Riket, the county and
    /// the committee's comparison group, and store them as outcomes with provenance.
    #[command(after_help = "Exempel:\n  styr kolada sync --year 2024 --committee 9998-sn")]
    Sync {
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Committee key such as `9998-sn`; needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Years to fetch (default: the plan year and the four before it).
        #[arg(long)]
        years: Option<String>,
    },
    /// Import saved Kolada responses (the API's JSON) from DIR; with --year, update the plan's
    /// outcomes as a sync would.
    #[command(after_help = "Exempel:\n  styr kolada import hamtat/ --year 2024 --committee 9998-sn")]
    Import {
        /// The folder of saved responses (files in the API's JSON format).
        dir: PathBuf,
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: Option<i32>,
        /// Committee key such as `9998-sn`; needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Years to fetch, e.g. 2019-2024 (default: the plan year and the four before it).
        #[arg(long)]
        years: Option<String>,
    },
    /// Print the URLs a sync would fetch, one a line, to fetch elsewhere and import.
    #[command(name = "export-requests", after_help = "Exempel:\n  styr kolada export-requests --year 2024 > urls.txt")]
    ExportRequests {
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Committee key such as `9998-sn`; needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Years to fetch, e.g. 2019-2024 (default: the plan year and the four before it).
        #[arg(long)]
        years: Option<String>,
    },
    /// Record the Kolada values a report of the round published (a later sync flags revisions).
    #[command(
        name = "mark-published",
        after_help = "Exempel:\n  styr kolada mark-published --year 2024 --round d2 --report \"Delårsrapport augusti 2024\""
    )]
    MarkPublished {
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Report round id, e.g. d2.
        #[arg(long)]
        round: String,
        /// Committee key such as `9998-sn`; needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// The report's name (default: the round's label).
        #[arg(long)]
        report: Option<String>,
    },
    /// Per Kolada-linked indicator: the last fetch and Kolada's next publication.
    #[command(after_help = "Exempel:\n  styr kolada status --year 2024")]
    Status {
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Committee key such as `9998-sn`; needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
    },
    /// Unit-level values (Kolada's OU data) of the plan's nodes that have a `kolada_ou`, per
    /// Kolada-linked indicator and year, as stored by the last sync or import.
    #[command(after_help = "Exempel:\n  styr kolada units --year 2024 --committee 9998-sn")]
    Units {
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Committee key such as `9998-sn`; needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
    },
    /// Set the committee's comparison group (a Kolada group id such as G37329), or clear it.
    #[command(after_help = "Exempel:\n  styr kolada group --year 2024 --committee 9998-sn G37329")]
    Group {
        /// The Kolada group id, e.g. G37329.
        group: Option<String>,
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Committee key such as `9998-sn`; needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Remove the comparison group.
        #[arg(long, conflicts_with = "group")]
        clear: bool,
    },
}

fn years(spec: &str) -> Result<(i32, i32)> {
    let parse =
        |s: &str| s.trim().parse::<i32>().map_err(|_| anyhow::anyhow!("--years: `{spec}` is not a year or a range such as 2019-2024"));
    let (a, b) = match spec.split_once('-') {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => (parse(spec)?, parse(spec)?),
    };
    if a > b || b - a > 100 {
        bail!("--years: `{spec}` is not a range from an earlier to a later year");
    }
    Ok((a, b))
}

fn list(s: &str) -> Vec<String> {
    s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect()
}

fn value(v: Option<f64>) -> String {
    v.map_or("–".to_string(), |v| number_trimmed(v, 2))
}

pub async fn run(store: &Store, actor: &Actor, opts: &KoladaOpts, cmd: KoladaCommand) -> Result<()> {
    let cfg = opts.config();
    match cmd {
        KoladaCommand::Search { text } => {
            let kpis = kolada::search(&cfg, &text).await?;
            let rows: Vec<Vec<String>> =
                kpis.iter().map(|k| vec![k.id.clone(), k.title.clone(), k.publication_date.clone().unwrap_or_default()]).collect();
            print_table(&["KPI", "Titel", "Nästa publicering"], &rows, 100);
            say!("{} träffar. Källa: Kolada", kpis.len());
        }
        KoladaCommand::Fetch { kpi, municipality, years: y } => {
            let (a, b) = years(&y)?;
            let rows = kolada::fetch(&cfg, list(&kpi), list(&municipality), (a..=b).collect()).await?;
            let mut out: Vec<Vec<String>> = Vec::new();
            for r in &rows {
                for v in r.values.iter().filter(|v| !v.isdeleted) {
                    out.push(vec![r.kpi.clone(), r.area().to_string(), r.period.to_string(), v.gender.clone(), value(v.value)]);
                }
            }
            out.sort();
            print_table(&["KPI", "Område", "År", "Kön", "Värde"], &out, 60);
            say!("Källa: Kolada");
        }
        KoladaCommand::Sync { year, committee, years: y } => {
            let range = y.as_deref().map(years).transpose()?;
            let scope = kolada::scope(store, year, committee.as_deref(), range).await?;
            let show = std::io::stderr().is_terminal();
            let summary = kolada::sync(store, &cfg, &scope, actor, move |done, total| {
                if show {
                    let filled = done * 30 / total.max(1);
                    let _ = write!(std::io::stderr(), "\r[{}{}] {done}/{total} anrop", "#".repeat(filled), " ".repeat(30 - filled));
                    if done == total {
                        let _ = writeln!(std::io::stderr());
                    }
                }
            })
            .await?;
            print_summary(&summary);
        }
        KoladaCommand::Import { dir, year, committee, years: y } => {
            let scope = match year {
                Some(year) => Some(kolada::scope(store, year, committee.as_deref(), y.as_deref().map(years).transpose()?).await?),
                None => None,
            };
            let summary = kolada::import_dir(store, &dir, scope.as_ref(), actor).await?;
            if scope.is_some() {
                print_summary(&summary);
            } else {
                say!("{} värden importerade från {} ({} borttagna rader hoppades över).", summary.values, dir.display(), summary.deleted);
            }
        }
        KoladaCommand::ExportRequests { year, committee, years: y } => {
            let scope = kolada::scope(store, year, committee.as_deref(), y.as_deref().map(years).transpose()?).await?;
            for url in kolada::request_urls(&cfg.base_url, &scope) {
                say!("{url}");
            }
        }
        KoladaCommand::MarkPublished { year, round, committee, report } => {
            let report = match report {
                Some(r) => r,
                None => {
                    let (_, plan) = styr_app::listing::plan(store, year, committee.as_deref()).await?;
                    plan.round(&round).map(|r| r.label.clone()).unwrap_or_else(|| round.clone())
                }
            };
            let n = kolada::record_published_values(store, year, committee.as_deref(), &round, &report, actor).await?;
            say!("{n} publicerade värden registrerade för {round} ({report}).");
        }
        KoladaCommand::Status { year, committee } => {
            let rows: Vec<Vec<String>> = kolada::staleness(store, year, committee.as_deref())
                .await?
                .into_iter()
                .map(|s| {
                    vec![
                        s.indicator,
                        s.kpi,
                        s.last_fetch.unwrap_or_else(|| "aldrig".into()),
                        s.publication_date.unwrap_or_else(|| "–".into()),
                        if s.newer_expected { "ja, nya värden väntas".into() } else { "nej".into() },
                    ]
                })
                .collect();
            print_table(&["Indikator", "KPI", "Senast hämtad", "Nästa publicering", "Vänta?"], &rows, 60);
        }
        KoladaCommand::Units { year, committee } => {
            let rows: Vec<Vec<String>> = kolada::unit_values(store, year, committee.as_deref())
                .await?
                .into_iter()
                .map(|u| vec![u.node_name, u.ou, u.indicator, u.kpi, u.year.to_string(), value(u.value)])
                .collect();
            if rows.is_empty() {
                say!("Inga värden per enhet: ge enheter i planen en `kolada_ou` och kör `styr kolada sync`.");
            } else {
                print_table(&["Enhet", "OU", "Indikator", "KPI", "År", "Värde"], &rows, 60);
                say!("Källa: Kolada");
            }
        }
        KoladaCommand::Group { group, year, committee, clear } => {
            if group.is_none() && !clear {
                bail!("give a group id (e.g. G37329) or --clear");
            }
            kolada::set_comparison_group(store, year, committee.as_deref(), group.as_deref(), actor).await?;
            say!("Jämförelsegrupp: {}", group.as_deref().unwrap_or("ingen"));
        }
    }
    Ok(())
}

fn print_summary(s: &SyncSummary) {
    say!(
        "{}: {} indikatorer ({} KPI:er) för {}; {} värden från Kolada, {} utfall sparade.",
        s.committee,
        s.indicators,
        s.kpis,
        s.areas.join(", "),
        s.values,
        s.outcomes_stored
    );
    let new = s.changed.iter().filter(|c| c.is_new).count();
    say!("Sedan förra hämtningen: {new} nya, {} ändrade, {} oförändrade.", s.changed.len() - new, s.unchanged);
    if s.deleted > 0 {
        say!("{} rader som Kolada markerat som borttagna hoppades över.", s.deleted);
    }
    for c in s.changed.iter().filter(|c| !c.is_new) {
        say!("  ändrat: {} {} {} {}: {} → {}", c.indicator, c.period, c.gender, area(&c.comparison), value(c.old), value(c.new));
    }
    if !s.revised_after_publication.is_empty() {
        say!("Reviderade efter publicering ({}):", s.revised_after_publication.len());
        for r in &s.revised_after_publication {
            say!(
                "  REVIDERAT: {} {} {}: {} i {} ({}), i dag {}",
                r.indicator,
                r.period,
                area(&r.comparison),
                value(r.published),
                r.report,
                r.round,
                value(r.now)
            );
        }
    }
    say!("Källa: Kolada");
}

fn area(code: &str) -> String {
    if code.is_empty() { "egen kommun".into() } else { styr_domain::region::area_name(code).unwrap_or_else(|| code.to_string()) }
}
