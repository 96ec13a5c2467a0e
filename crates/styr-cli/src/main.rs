//! `styr`: the command line of styr. It parses arguments, calls the use cases in `styr_app` and
//! prints what they return.

mod assess;
mod backup;
mod commands;
mod demo;
mod economics;
mod forecast;
mod import;
mod kolada;
mod measures;
mod output;
mod parts;
mod report;
mod web;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use styr_app::economics::FactsTable;

#[derive(Parser)]
#[command(
    name = "styr",
    version,
    about = "Planering och uppföljning för vård- och omsorgsnämnder",
    long_about = "\
styr holds a care committee's goals, indicators, assessments, uppdrag, internal control, economics and \
personnel figures, and reports on them.\n\nStart with `styr demo`, then `styr goals list --year 2023`."
)]
struct Cli {
    /// Database: a file path (SQLite, created when missing), a `sqlite:` URL or a `postgres://` URL.
    #[arg(long, global = true, env = "STYR_DATABASE", default_value = "styr.db")]
    database: String,
    /// Who is writing, for the change history (default: the OS user).
    #[arg(long, global = true, env = "STYR_USER")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Create or refresh the demo data: Huddinge 2023 and Helsingborg 2024 typed from their reports,
    /// and Demo kommun with a synthetic SIE ledger.
    #[command(after_help = "Exempel:\n  styr demo")]
    Demo,
    /// Import or export a plan file (goals, indicators, targets, uppdrag, risks, control points).
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr plan import demo/huddinge-2023-plan.yaml")]
    Plan(PlanCommand),
    /// Import or export what is written in a report round (assessments, uppdrag and risk status).
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr followup export --year 2023 --round helar --committee 0126-von")]
    Followup(FollowupCommand),
    /// Import indicator outcomes from CSV.
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr outcomes import demo/huddinge-2023-outcomes.csv --committee 0126-von")]
    Outcomes(OutcomesCommand),
    /// Economics: driftredovisning, per verksamhet, nettokostnad, investments, grants, volumes, forecasts.
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr economics drift --year 2023 --committee 0126-von")]
    Economics(EconomicsCommand),
    /// Ledger imports (SIE 4, CSV) and the account and cost-centre mapping.
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr ledger import huvudbok.se --committee 9999-von --dry-run")]
    Ledger(LedgerCommand),
    /// Personnel statistics.
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr personnel list --committee 0126-von")]
    Personnel(PersonnelCommand),
    /// Uppdrag under their group headings, with dates and the round's status.
    #[command(subcommand)]
    #[command(mut_subcommand("list", |c| c.after_help("Exempel:\n  styr commissions list --year 2025 --round t1 --committee 1489-son")))]
    Commissions(parts::RoundListing),
    /// Intern kontroll: risks, control points with frequencies and the round's results, summary.
    #[command(subcommand)]
    #[command(mut_subcommand("list", |c| c.after_help("Exempel:\n  styr control list --year 2025 --round t1 --committee 1489-son --format csv")))]
    Control(parts::RoundListing),
    /// The round's prose sections (sammanfattning, viktiga händelser, …).
    #[command(subcommand)]
    #[command(mut_subcommand("list", |c| c.after_help("Exempel:\n  styr sections list --year 2025 --round t1 --committee 1489-son --unit ao")))]
    Sections(parts::RoundListing),
    /// The round's footnotes and what they are attached to.
    #[command(subcommand)]
    #[command(mut_subcommand("list", |c| c.after_help("Exempel:\n  styr footnotes list --year 2025 --round t1 --committee 1489-son")))]
    Footnotes(parts::RoundListing),
    /// Nyckeltal tables of a year's plan.
    /// The plan's structure: signal scale, organisation tree, report rounds with their summary text.
    #[command(subcommand)]
    #[command(mut_subcommand("list", |c| c.after_help("Exempel:\n  styr structure list --year 2023 --committee 0126-von")))]
    Structure(parts::YearListing),
    #[command(subcommand)]
    #[command(mut_subcommand("list", |c| c.after_help("Exempel:\n  styr key-figures list --year 2024 --committee 1283-von")))]
    KeyFigures(parts::KeyFigureListing),
    /// The Agenda 2030 goals with their Swedish names and the nämndmål linked to them.
    #[command(subcommand)]
    #[command(mut_subcommand("list", |c| c.after_help("Exempel:\n  styr agenda2030 list --year 2023 --committee 0126-von")))]
    Agenda2030(parts::Agenda2030Listing),
    /// The plan's assessment rule: method, minimum share with an outcome, thresholds best level
    /// first; the default rule for the plan's scale when the plan states none (marked as such).
    #[command(subcommand)]
    #[command(mut_subcommand("list", |c| c.after_help("Exempel:\n  styr rules list --year 2023 --committee 0126-von")))]
    Rules(parts::YearListing),
    /// List nämndmål with their KF-mål and assessment.
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr goals list --year 2023")]
    Goals(GoalsCommand),
    /// List indicators with outcomes and targets.
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr indicators list --year 2023 --committee 0126-von")]
    Indicators(IndicatorsCommand),
    /// Per goal: the level proposed from the indicators beside the published assessment, the
    /// indicators behind it and consistency flags; then the samlad måluppfyllelse.
    #[command(after_help = "Exempel:\n  styr assess --year 2023 --committee 0126-von")]
    Assess {
        /// Budget year, e.g. 2023.
        #[arg(long)]
        year: i32,
        /// Report round id (default: the year's helår round, else its last round).
        #[arg(long)]
        round: Option<String>,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Output: a table for reading or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show the change history of objects whose key starts with KEY (e.g. `0126-von/2023/klimat`).
    #[command(after_help = "Exempel:\n  styr history 0126-von/2023/matsvinn --kind indicator_targets")]
    History {
        /// Key prefix: committee, then year, then the object's id, separated by `/`.
        key: String,
        /// Only objects of this kind (the table name, e.g. goals, indicator_targets, assessments).
        #[arg(long)]
        kind: Option<String>,
        /// Show at most this many of the newest changes.
        #[arg(long, default_value_t = 200)]
        limit: i64,
        /// Output: a table for reading or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write a backup of the whole database to FILE while others go on working: a SQLite file
    /// (`VACUUM INTO`) from SQLite, a portable dump (JSON lines) from PostgreSQL.
    ///
    /// Use it instead of copying `styr.db` while styr may be running: the newest writes can sit in
    /// `styr.db-wal` until the last process has closed the database.
    ///
    /// Example: `styr backup styr-2026-12-01.db`
    Backup {
        /// The backup file to write (it must not exist, unless --force).
        file: std::path::PathBuf,
        /// What to write.
        #[arg(long, value_enum, default_value_t)]
        format: backup::Format,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Restore the database from a backup (a SQLite file or a dump from `styr backup`), in one
    /// transaction. A backup from an older styr is upgraded; one from a newer styr is refused.
    ///
    /// Example: `styr --database ny.db restore styr-2026-12-01.db`
    Restore {
        /// The backup file to read.
        file: std::path::PathBuf,
        /// Replace the contents of a database that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Population by age and sex: fetch from SCB (PxWebApi v2) into CSV, store a CSV or spreadsheet
    /// (a commissioned projection) in the database, or check one and print it per age band.
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr population summary demo/exempelkommun-population.csv --region 9998")]
    Population(forecast::PopulationCommand),
    /// Usage rates, volume/cost/staff forecasts with scenarios, cost-change analysis and the volume
    /// budget, from a forecast model file and a population CSV.
    #[command(subcommand)]
    #[command(
        after_help = "Exempel:\n  styr forecast project --model demo/exempelkommun-forecast.yaml --population demo/exempelkommun-population.csv"
    )]
    Forecast(forecast::ForecastCommand),
    /// Resource allocation per unit: volumes × prices against each unit's cost, with what-if on prices.
    #[command(after_help = "Exempel:\n  styr allocation --model demo/exempelkommun-forecast.yaml --year 2024 --price sabo/2=3050")]
    Allocation(forecast::AllocationArgs),
    /// Operational measures from event exports: personalkontinuitet, beviljad vs utförd tid,
    /// utredningstid, verkställighetstid, väntetid, beläggning; synthetic exports.
    #[command(subcommand)]
    Measures(measures::MeasuresCommand),
    /// The round's report as one self-contained, accessible HTML file (PDF: not yet in this build),
    /// with an optional manifest for `styr report diff`.
    #[command(
        after_help = "Exempel:\n  styr report --year 2023 --committee 0126-von --format html -o vb2023.html\n  styr report --year 2024 --round d2 --committee 9998-sn --format html -o delar.html --manifest v1.json\n  styr report diff v1.json v2.json"
    )]
    Report(report::ReportArgs),
    /// Kolada: search KPIs, fetch values, sync the plan's Kolada-linked indicators (municipality,
    /// Riket, county, comparison group), offline import, published values and staleness.
    Kolada {
        #[command(flatten)]
        opts: kolada::KoladaOpts,
        #[command(subcommand)]
        command: kolada::KoladaCommand,
    },
    /// Serve the web application until Ctrl-C or SIGTERM; prints the address it listens on.
    #[command(after_help = "Exempel:\n  styr user add anna --role admin < lösenord.txt\n  styr serve --demo --bind 127.0.0.1:8080")]
    Serve {
        /// Load the demo data first.
        #[arg(long)]
        demo: bool,
        /// Address to listen on (port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
        /// The public origin (e.g. https://styr.kommun.se behind a TLS proxy): https makes cookies Secure.
        #[arg(long, env = "STYR_PUBLIC_ORIGIN")]
        public_origin: Option<String>,
    },
    /// Web accounts: create users and API tokens, bind goals to units.
    #[command(subcommand)]
    #[command(after_help = "Exempel:\n  styr user add anna --role admin")]
    User(web::UserCommand),
}

#[derive(Subcommand)]
enum PlanCommand {
    /// Import a plan file; replaces the committee's plan for that year, in one transaction.
    #[command(after_help = "Exempel:\n  styr plan import plan.yaml --dry-run")]
    Import {
        /// The file to import.
        file: std::path::PathBuf,
        #[command(flatten)]
        flags: import::Flags,
    },
    /// Print a committee's plan for a year as a plan file.
    #[command(after_help = "Exempel:\n  styr plan export --year 2023 --committee 0126-von > plan.yaml")]
    Export {
        /// Budget year, e.g. 2023.
        #[arg(long)]
        year: i32,
        /// Committee key such as `0126-von`; needed when more than one committee has a plan that year.
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
    },
    /// List the stored plans.
    #[command(after_help = "Exempel:\n  styr plan list")]
    List,
}

#[derive(Subcommand)]
enum FollowupCommand {
    /// Import a follow-up file for one report round; replaces what was written for that round.
    #[command(after_help = "Exempel:\n  styr followup import demo/huddinge-2023-followup.yaml")]
    Import {
        /// The file to import.
        file: std::path::PathBuf,
        #[command(flatten)]
        flags: import::Flags,
    },
    /// Print what is written for a round as a follow-up file.
    #[command(after_help = "Exempel:\n  styr followup export --year 2023 --round helar --committee 0126-von > uppfoljning.yaml")]
    Export {
        /// Budget year, e.g. 2023.
        #[arg(long)]
        year: i32,
        /// Report round id, e.g. `d2` or `helar`.
        #[arg(long)]
        round: String,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
    },
}

#[derive(Subcommand)]
enum OutcomesCommand {
    /// Import outcomes (indicator, period, gender, value, status, municipality, note); all or nothing.
    #[command(after_help = "Exempel:\n  styr outcomes import utfall.csv --committee 0126-von --dry-run")]
    Import {
        /// The file to import.
        file: std::path::PathBuf,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        #[command(flatten)]
        flags: import::Flags,
    },
}

#[derive(Subcommand)]
enum EconomicsCommand {
    /// Import an economics facts file; replaces the committee's economic facts of the years the file holds.
    #[command(after_help = "Exempel:\n  styr economics import-facts demo/huddinge-2023-economics.yaml")]
    ImportFacts {
        /// The economics facts file (`styr-economics/1`).
        file: std::path::PathBuf,
        #[command(flatten)]
        flags: import::Flags,
    },
    /// Driftredovisning by cost type for a node and round: budget, outcome, previous year, forecast, deviation.
    #[command(after_help = "Exempel:\n  styr economics drift --year 2025 --round d2 --committee 9999-von --unit aldre")]
    Drift(economics::Selection),
    /// Net result per verksamhet (the node's children).
    #[command(after_help = "Exempel:\n  styr economics verksamhet --year 2025 --round d2 --committee 9999-von")]
    Verksamhet(economics::Selection),
    /// Nettokostnadsutveckling over three years with the change in percent.
    #[command(after_help = "Exempel:\n  styr economics nettokostnad --year 2025 --round d2 --committee 9999-von --format csv")]
    Nettokostnad(economics::Selection),
    /// Investments per project.
    #[command(after_help = "Exempel:\n  styr economics investeringar --year 2025 --committee 9999-von")]
    Investeringar(economics::Selection),
    /// Statsbidrag / extern finansiering.
    #[command(after_help = "Exempel:\n  styr economics bidrag --year 2023 --committee 0126-von")]
    Bidrag(economics::Selection),
    /// Volumes: åtagande, utfall, prognos.
    #[command(after_help = "Exempel:\n  styr economics volymer --year 2025 --round d2 --unit hemtjanst --committee 9999-von")]
    Volymer(economics::Selection),
    /// Särskilda satsningar.
    #[command(after_help = "Exempel:\n  styr economics satsningar --year 2023 --committee 0126-von")]
    Satsningar(economics::Selection),
    /// Eget kapital.
    #[command(after_help = "Exempel:\n  styr economics eget-kapital --year 2023 --committee 0126-von")]
    EgetKapital(economics::Selection),
    /// Åtgärdsplan: measures adopted where economics or a goal deviates, with effect and status in the round.
    #[command(after_help = "Exempel:\n  styr economics atgarder --year 2025 --round t2 --committee 1489-son --format csv")]
    Atgarder(economics::Selection),
    /// Forecast proposals per row from the year to date and earlier years' monthly profile.
    #[command(after_help = "Exempel:\n  styr economics prognos --year 2025 --round d2 --committee 9999-von --save")]
    Prognos {
        #[command(flatten)]
        selection: economics::Selection,
        /// Store the proposals as the round's forecast where none is decided yet.
        #[arg(long)]
        save: bool,
    },
    /// Set a row's full-year forecast by hand (overrides the proposal; needs a comment).
    #[command(
        after_help = "Exempel:\n  styr economics satt-prognos --year 2025 --round d2 --committee 9999-von --row personal --amount -412000 --comment \"Fler vikarier under sommaren\""
    )]
    SattPrognos {
        #[command(flatten)]
        selection: economics::Selection,
        /// Row id of the ledger mapping, e.g. `personal`.
        #[arg(long)]
        row: String,
        /// Full-year amount in tkr, report sign (costs negative).
        #[arg(long, allow_hyphen_values = true)]
        amount: f64,
        /// Why the forecast differs from the proposal (required; shown beside the row).
        #[arg(long)]
        comment: String,
    },
}

#[derive(Subcommand)]
enum LedgerCommand {
    /// Import a ledger: SIE 4 (`.se`, `.si`) or CSV (period, account, cost_centre, amount, measure).
    /// Every year in the file replaces that year's ledger in one transaction.
    #[command(after_help = "Exempel:\n  styr ledger import demo/demo-kommun-2025-aug.se --committee 9999-von --dry-run")]
    Import {
        /// The file to import.
        file: std::path::PathBuf,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        #[command(flatten)]
        flags: import::Flags,
        /// Allow a re-import that removes more than a tenth of a year's stored ledger rows.
        #[arg(long)]
        force: bool,
    },
    /// Import the ledger mapping: account ranges to report rows, cost centres to the organisation.
    #[command(after_help = "Exempel:\n  styr ledger mapping demo/demo-kommun-mapping.yaml")]
    Mapping {
        /// The mapping file (`styr-ledger-mapping/1`).
        file: std::path::PathBuf,
        #[command(flatten)]
        flags: import::Flags,
    },
    /// Show the stored ledger mapping: report rows with their account ranges, cost-centre rules
    /// with the organisation unit they map to.
    #[command(after_help = "Exempel:\n  styr ledger mapping-list --committee 9999-von")]
    MappingList {
        /// Committee key such as `9999-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Output: tables for reading, one JSON array of tables, or one CSV naming the table on every row.
        #[arg(long, value_enum, default_value_t)]
        format: economics::TableFormat,
    },
}

#[derive(Subcommand)]
enum PersonnelCommand {
    /// Import a personnel file; replaces the committee's personnel statistics of the years the file holds.
    #[command(after_help = "Exempel:\n  styr personnel import demo/huddinge-2023-personnel.yaml")]
    Import {
        /// The file to import.
        file: std::path::PathBuf,
        #[command(flatten)]
        flags: import::Flags,
    },
    /// Show the stored personnel statistics, measure by measure.
    #[command(after_help = "Exempel:\n  styr personnel list --committee 0126-von --format csv")]
    List {
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Output: a table for reading, JSON for programs, CSV (semicolon-separated) for spreadsheets.
        #[arg(long, value_enum, default_value_t)]
        format: economics::TableFormat,
    },
    /// Every statistic of a year beside the same statistic the year before, with the difference.
    #[command(after_help = "Exempel:\n  styr personnel compare --year 2023 --committee 0126-von")]
    Compare {
        /// The later of the two years, e.g. 2024 (compared with 2023).
        #[arg(long)]
        year: i32,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Output: a table for reading, JSON or CSV (`;`-separated).
        #[arg(long, value_enum, default_value_t)]
        format: economics::TableFormat,
    },
}

#[derive(Subcommand)]
enum GoalsCommand {
    /// Goals of a year (every nämndmål, and KF-mål or målområden followed directly) with their
    /// place in the hierarchy and the round's assessment.
    #[command(after_help = "Exempel:\n  styr goals list --year 2023 --committee 0126-von --format json")]
    List {
        /// Budget year, e.g. 2023.
        #[arg(long)]
        year: i32,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Report round id (default: the latest round with assessments).
        #[arg(long)]
        round: Option<String>,
        /// Output: a table for reading or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum IndicatorsCommand {
    /// Indicators of a year with the outcome columns of their tables, etappmål and målvärde, and
    /// the round's trend, judgement and values per regi where there are any.
    #[command(after_help = "Exempel:\n  styr indicators list --year 2023 --committee 0126-von")]
    List {
        /// Budget year, e.g. 2023.
        #[arg(long)]
        year: i32,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Report round id for trends and judgements (default: the latest followed-up round).
        #[arg(long)]
        round: Option<String>,
        /// Output: a table for reading or JSON for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The report's indicator tables, one per goal: outcome columns, etappmål, målvärde, and the
    /// round's trend and bedömning (columns only when some row has one) and footnotes.
    #[command(after_help = "Exempel:\n  styr indicators tables --year 2024 --round d2 --committee 9998-sn")]
    Tables {
        /// Budget year, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Committee key such as `9998-sn` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Report round id for trends, judgements and footnotes (default: the latest followed-up round).
        #[arg(long)]
        round: Option<String>,
        /// Output: tables for reading, one JSON array of tables, or one CSV naming the table on every row.
        #[arg(long, value_enum, default_value_t)]
        format: economics::TableFormat,
    },
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli).await {
        if let Some(io) = e.chain().find_map(|c| c.downcast_ref::<std::io::Error>()) {
            output::exit_on_write_error(io);
        }
        eprintln!("fel: {e:#}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<()> {
    let actor = styr_store::Actor::new(cli.user.clone().unwrap_or_else(os_user));
    let store = styr_store::Store::open(&cli.database).await.map_err(|e| anyhow::anyhow!("cannot open database {}: {e}", cli.database))?;
    let result = dispatch(store.clone(), actor, cli.command).await;
    // Also after a failed command: the checkpoint leaves every committed write in the database file.
    let closed = store.close().await.map_err(|e| anyhow::anyhow!("cannot close database {}: {e}", cli.database));
    result.and(closed)
}

async fn dispatch(store: styr_store::Store, actor: styr_store::Actor, command: Command) -> Result<()> {
    match command {
        Command::Demo => demo::run(&store, &actor).await,
        Command::Plan(PlanCommand::Import { file, flags }) => import::plan(&store, &actor, &file, flags.options()).await,
        Command::Plan(PlanCommand::Export { year, committee }) => commands::plan_export(&store, year, committee).await,
        Command::Plan(PlanCommand::List) => commands::plan_list(&store).await,
        Command::Followup(FollowupCommand::Import { file, flags }) => import::followup(&store, &actor, &file, flags.options()).await,
        Command::Followup(FollowupCommand::Export { year, round, committee }) => {
            commands::followup_export(&store, year, &round, committee).await
        }
        Command::Outcomes(OutcomesCommand::Import { file, committee, flags }) => {
            import::outcomes(&store, &actor, &file, committee, flags.options()).await
        }
        Command::Economics(EconomicsCommand::ImportFacts { file, flags }) => {
            import::economics(&store, &actor, &file, flags.options()).await
        }
        Command::Economics(EconomicsCommand::Drift(s)) => economics::drift(&store, &s).await,
        Command::Economics(EconomicsCommand::Verksamhet(s)) => economics::per_activity(&store, &s).await,
        Command::Economics(EconomicsCommand::Nettokostnad(s)) => economics::net_cost(&store, &s).await,
        Command::Economics(EconomicsCommand::Investeringar(s)) => economics::facts_table(&store, &s, FactsTable::Investments).await,
        Command::Economics(EconomicsCommand::Bidrag(s)) => economics::facts_table(&store, &s, FactsTable::Grants).await,
        Command::Economics(EconomicsCommand::Volymer(s)) => economics::facts_table(&store, &s, FactsTable::Volumes).await,
        Command::Economics(EconomicsCommand::Satsningar(s)) => economics::facts_table(&store, &s, FactsTable::TargetedFunds).await,
        Command::Economics(EconomicsCommand::EgetKapital(s)) => economics::facts_table(&store, &s, FactsTable::Equity).await,
        Command::Economics(EconomicsCommand::Atgarder(s)) => economics::facts_table(&store, &s, FactsTable::Actions).await,
        Command::Economics(EconomicsCommand::Prognos { selection, save }) => economics::forecast(&store, &actor, &selection, save).await,
        Command::Economics(EconomicsCommand::SattPrognos { selection, row, amount, comment }) => {
            economics::set_forecast(&store, &actor, &selection, &row, amount, &comment).await
        }
        Command::Ledger(LedgerCommand::Import { file, committee, flags, force }) => {
            import::ledger(&store, &actor, &file, committee, styr_app::ImportOptions { force, ..flags.options() }).await
        }
        Command::Ledger(LedgerCommand::Mapping { file, flags }) => import::ledger_mapping(&store, &actor, &file, flags.options()).await,
        Command::Ledger(LedgerCommand::MappingList { committee, format }) => {
            parts::ledger_mapping(&store, committee.as_deref(), format).await
        }
        Command::Personnel(PersonnelCommand::Import { file, flags }) => import::personnel(&store, &actor, &file, flags.options()).await,
        Command::Personnel(PersonnelCommand::List { committee, format }) => parts::personnel(&store, committee.as_deref(), format).await,
        Command::Personnel(PersonnelCommand::Compare { year, committee, format }) => {
            parts::personnel_compare(&store, committee.as_deref(), year, format).await
        }
        Command::Commissions(parts::RoundListing::List(s)) => parts::commissions(&store, &s).await,
        Command::Control(parts::RoundListing::List(s)) => parts::internal_control(&store, &s).await,
        Command::Sections(parts::RoundListing::List(s)) => parts::sections(&store, &s).await,
        Command::Footnotes(parts::RoundListing::List(s)) => parts::footnotes(&store, &s).await,
        Command::Structure(parts::YearListing::List { year, committee, format }) => {
            parts::structure(&store, year, committee.as_deref(), format).await
        }
        Command::KeyFigures(parts::KeyFigureListing::List { year, committee, round, format }) => {
            parts::key_figures(&store, year, committee.as_deref(), round.as_deref(), format).await
        }
        Command::Agenda2030(parts::Agenda2030Listing::List { year, committee, format }) => {
            parts::agenda2030(&store, year, committee.as_deref(), format).await
        }
        Command::Rules(parts::YearListing::List { year, committee, format }) => {
            parts::assessment_rule(&store, year, committee.as_deref(), format).await
        }
        Command::Goals(GoalsCommand::List { year, committee, round, format }) => {
            commands::goals_list(&store, year, committee, round, format).await
        }
        Command::Indicators(IndicatorsCommand::List { year, committee, round, format }) => {
            commands::indicators_list(&store, year, committee, round, format).await
        }
        Command::Indicators(IndicatorsCommand::Tables { year, committee, round, format }) => {
            parts::indicator_tables(&store, year, committee.as_deref(), round.as_deref(), format).await
        }
        Command::Assess { year, round, committee, format } => assess::run(&store, year, committee, round, format).await,
        Command::History { key, kind, limit, format } => commands::history(&store, &key, kind, limit, format).await,
        Command::Backup { file, format, force } => backup::backup(&store, &file, format, force).await,
        Command::Restore { file, force } => backup::restore(&store, &file, force).await,
        Command::Population(c) => forecast::population(&store, c).await,
        Command::Forecast(c) => forecast::run(&store, c).await,
        Command::Allocation(a) => forecast::allocation(a),
        Command::Measures(command) => measures::run(&store, &actor, command).await,
        Command::Report(args) => report::run(&store, args).await,
        Command::Kolada { opts, command } => kolada::run(&store, &actor, &opts, command).await,
        Command::Serve { demo, bind, public_origin } => web::serve(&store, &actor, demo, &bind, public_origin.as_deref()).await,
        Command::User(cmd) => web::user(&store, &actor, cmd).await,
    }
}

fn os_user() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "okänd".to_string())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every command a user can run, with its path (`styr economics drift`).
    fn leaves(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        let path = format!("{path} {}", cmd.get_name()).trim().to_string();
        if cmd.has_subcommands() {
            for sub in cmd.get_subcommands() {
                leaves(sub, path.clone(), out);
            }
        } else {
            out.push((path, cmd.clone()));
        }
    }

    #[test]
    fn every_command_has_an_example_and_every_argument_a_description() {
        let mut all = Vec::new();
        leaves(&super::Cli::command(), String::new(), &mut all);
        assert!(all.len() > 25, "{} commands", all.len());
        for (path, cmd) in &all {
            let help = cmd.get_after_help().map(|h| h.to_string()).unwrap_or_default();
            let long = cmd.get_long_about().or(cmd.get_about()).map(|h| h.to_string()).unwrap_or_default();
            assert!(help.contains("Exempel:") || long.contains("Example:"), "`{path} --help` has no example");
            for arg in cmd.get_arguments().filter(|a| !matches!(a.get_id().as_str(), "help" | "version")) {
                assert!(arg.get_help().is_some(), "`{path}`: argument `{}` has no description", arg.get_id());
            }
        }
    }
}
