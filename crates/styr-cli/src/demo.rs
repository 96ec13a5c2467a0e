//! `styr demo`: load the demo data and show the goal table.

use crate::output::say;
use anyhow::Result;
use styr_app::{Actor, Store};

pub async fn run(store: &Store, actor: &Actor) -> Result<()> {
    let changes = styr_app::demo::load(store, actor).await?;
    // The total only: the demo's change set per kind is some thirty lines no one needs here.
    say!(
        "Demodata (Huddinge 2023, Helsingborg 2024, Demo kommun 2025, Exempelkommun 2024): {} nya, {} ändrade, {} borttagna",
        changes.inserted,
        changes.updated,
        changes.deleted
    );
    say!();
    crate::commands::goals_list(store, 2023, Some(styr_app::demo::HUDDINGE.into()), None, crate::Format::Table).await
}
