//! `styr demo`: load the demo data and show the goal table.

use crate::output::say;
use anyhow::Result;
use styr_app::{Actor, Store};

pub async fn run(store: &Store, actor: &Actor) -> Result<()> {
    let changes = styr_app::demo::load(store, actor).await?;
    crate::import::report("Demodata (Huddinge 2023, Helsingborg 2024, Demo kommun 2025, Exempelkommun 2024)", changes);
    say!();
    crate::commands::goals_list(store, 2023, Some(styr_app::demo::HUDDINGE.into()), None, crate::Format::Table).await
}
