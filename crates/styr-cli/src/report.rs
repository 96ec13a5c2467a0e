//! `styr report`: the round's report as PDF or HTML (and its manifest), and `styr report diff`
//! between two drafts' manifests.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use styr_app::Store;
use styr_render::manifest::{Manifest, diff};
use styr_render::template::Template;

use crate::output::say;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ReportFormat {
    Pdf,
    Html,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: Option<ReportCommand>,
    /// Budget year, e.g. 2023.
    #[arg(long)]
    pub year: Option<i32>,
    /// Report round id (default: the year's helår round, else its last round).
    #[arg(long)]
    pub round: Option<String>,
    /// Committee key such as `0126-von`; needed when more than one has a plan for the year.
    #[arg(long)]
    pub committee: Option<String>,
    /// Organisation node whose economics the report shows (default: the whole nämnd).
    #[arg(long)]
    pub unit: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: ReportFormat,
    /// The file to write.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Also write the manifest (every number and text with its place) for `styr report diff`.
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// A template file (YAML): chapters and their order, titles, logo, signal colours.
    #[arg(long)]
    pub template: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// What changed between two drafts, by chapter, from their manifests.
    #[command(
        after_help = "Exempel:\n  styr report --year 2023 --format html -o v1.html --manifest v1.json\n  styr report --year 2023 --format html -o v2.html --manifest v2.json\n  styr report diff v1.json v2.json"
    )]
    Diff {
        /// The manifest of the older draft.
        old: PathBuf,
        /// The manifest of the newer draft.
        new: PathBuf,
    },
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

pub async fn run(store: &Store, args: ReportArgs) -> Result<()> {
    if let Some(ReportCommand::Diff { old, new }) = &args.command {
        return print_diff(old, new);
    }
    let (Some(year), Some(output)) = (args.year, args.output.as_ref()) else {
        bail!("styr report needs --year and -o FILE (or the subcommand diff); see styr report --help");
    };
    let (template, logo) = match &args.template {
        Some(p) => {
            let t = Template::from_yaml(&read(p)?, &p.display().to_string())?;
            let logo = match &t.logo {
                Some(l) => Some(read(&p.parent().unwrap_or(Path::new(".")).join(l))?),
                None => None,
            };
            (t, logo)
        }
        None => (Template::default(), None),
    };
    let sel = styr_app::select::Selection { committee: args.committee.clone(), year, round: args.round.clone(), unit: args.unit.clone() };
    let doc = styr_app::report::document(store, &sel, &template, logo).await?;
    let bytes = match args.format {
        ReportFormat::Html => styr_render::html::render(&doc).into_bytes(),
        ReportFormat::Pdf => styr_pdf::render(&doc)?,
    };
    std::fs::write(output, &bytes).with_context(|| format!("cannot write {}", output.display()))?;
    if let Some(m) = &args.manifest {
        std::fs::write(m, Manifest::of(&doc).to_json()).with_context(|| format!("cannot write {}", m.display()))?;
    }
    say!("{}: {} ({} kapitel, {} byte)", output.display(), doc.title, doc.chapters.len(), bytes.len());
    Ok(())
}

fn print_diff(old: &Path, new: &Path) -> Result<()> {
    let a = Manifest::from_json(&read(old)?, &old.display().to_string())?;
    let b = Manifest::from_json(&read(new)?, &new.display().to_string())?;
    let changes = diff(&a, &b);
    if changes.is_empty() {
        say!("Inga ändringar.");
    }
    for (chapter, list) in changes {
        say!("## {chapter}");
        for c in list {
            match (c.old, c.new) {
                (Some(o), Some(n)) => say!("ändrad  {}: {o} → {n}", c.place),
                (None, Some(n)) => say!("ny      {}: {n}", c.place),
                (Some(o), None) => say!("borttagen {}: {o}", c.place),
                (None, None) => {}
            }
        }
        say!();
    }
    Ok(())
}
