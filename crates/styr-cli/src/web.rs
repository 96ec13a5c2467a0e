//! `styr serve` and `styr user …`: the web server and its accounts.

use std::io::Read as _;

use anyhow::{Context as _, Result, bail};
use clap::Subcommand;
use styr_app::accounts::{NewUser, Role};
use styr_app::{Actor, Store};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from STYR_PASSWORD or, without it, from stdin.
    #[command(after_help = "Exempel:\n  echo 'ett långt lösenord' | styr user add anna --role admin\n  \
                            STYR_PASSWORD=… styr user add eva --role skribent --unit 0126-von/aldre")]
    Add {
        /// Username: 1–64 of a–z, 0–9, `.`, `_`, `-`.
        username: String,
        /// admin, controller, skribent or lasare.
        #[arg(long)]
        role: String,
        /// The name shown in the app (default: the username).
        #[arg(long, default_value = "")]
        name: String,
        /// An organisation node a skribent writes for, as COMMITTEE/UNIT (repeatable).
        #[arg(long = "unit")]
        units: Vec<String>,
    },
    /// Create an API token for an account (printed once; only its hash is stored).
    #[command(after_help = "Exempel:\n  styr user token anna --label skript")]
    Token {
        /// The account.
        username: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        label: String,
    },
    /// Set the organisation unit that answers for a goal (its skribenter write the assessment).
    #[command(after_help = "Exempel:\n  styr user assign-goal --year 2023 --committee 0126-von --goal trygg-aldre --unit aldre")]
    AssignGoal {
        /// Budget year.
        #[arg(long)]
        year: i32,
        /// Committee key such as `0126-von`.
        #[arg(long)]
        committee: Option<String>,
        /// The goal's id.
        #[arg(long)]
        goal: String,
        /// The organisation unit's id.
        #[arg(long)]
        unit: String,
    },
    /// Name the account that enters an indicator's outcomes (shown on the overview with staleness).
    #[command(
        after_help = "Exempel:\n  styr user assign-indicator --year 2023 --committee 0126-von --indicator brukarbedomning --user eva"
    )]
    AssignIndicator {
        /// Budget year.
        #[arg(long)]
        year: i32,
        /// Committee key such as `0126-von`.
        #[arg(long)]
        committee: Option<String>,
        /// The indicator's id.
        #[arg(long)]
        indicator: String,
        /// The owning account's username.
        #[arg(long)]
        user: String,
    },
}

pub async fn user(store: &Store, actor: &Actor, cmd: UserCommand) -> Result<()> {
    match cmd {
        UserCommand::Add { username, role, name, units } => {
            let role = Role::parse(&role).with_context(|| format!("--role `{role}`: one of admin, controller, skribent, lasare"))?;
            let units = units
                .iter()
                .map(|u| {
                    u.split_once('/')
                        .map(|(c, n)| (c.to_string(), n.to_string()))
                        .with_context(|| format!("--unit `{u}`: write COMMITTEE/UNIT"))
                })
                .collect::<Result<Vec<_>>>()?;
            let password = match std::env::var("STYR_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    let mut s = String::new();
                    std::io::stdin().read_to_string(&mut s).context("reading the password from stdin")?;
                    s.trim_end_matches(['\n', '\r']).to_string()
                }
            };
            styr_app::accounts::add_user(store, &NewUser { username: username.clone(), display_name: name, role, password, units }).await?;
            println!("Kontot {username} ({}) är skapat.", role.label());
            Ok(())
        }
        UserCommand::Token { username, label } => {
            println!("{}", styr_app::accounts::create_api_token(store, &username, &label).await?);
            Ok(())
        }
        UserCommand::AssignGoal { year, committee, goal, unit } => {
            let (_, plan) = styr_app::listing::plan(store, year, committee.as_deref()).await?;
            styr_app::workflow::set_goal_unit(store, actor, &plan, &goal, &unit).await?;
            println!("Målet {goal} besvaras av {unit}.");
            Ok(())
        }
        UserCommand::AssignIndicator { year, committee, indicator, user } => {
            let (_, plan) = styr_app::listing::plan(store, year, committee.as_deref()).await?;
            styr_app::workflow::set_indicator_owner(store, actor, &plan, &indicator, &user).await?;
            println!("Indikatorn {indicator} ägs av {user}.");
            Ok(())
        }
    }
}

pub async fn serve(store: &Store, actor: &Actor, demo: bool, bind: &str, public_origin: Option<&str>) -> Result<()> {
    if let Some(o) = public_origin
        && !(o.starts_with("https://") || o.starts_with("http://"))
    {
        bail!("--public-origin `{o}`: write the origin as https://host");
    }
    let filter = tracing_subscriber::EnvFilter::try_from_env("STYR_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().json().with_env_filter(filter).with_writer(std::io::stderr).try_init();
    if demo {
        let c = styr_app::demo::load(store, actor).await?;
        eprintln!("Demodata: {} nya, {} ändrade, {} borttagna", c.inserted, c.updated, c.deleted);
    }
    let config = styr_web::Config::for_origin(public_origin);
    styr_web::serve(store.clone(), config, bind, |addr| {
        // The first line on stdout is the address, so scripts and tests can read the port.
        println!("http://{addr}");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
    })
    .await
}
