//! `styr demo`: the demo data shipped in `demo/`, typed from published reports.

use anyhow::Result;
use styr_store::{Actor, Changes, Store};

use crate::import;

pub const HUDDINGE_PLAN: &str = include_str!("../../../demo/huddinge-2023-plan.yaml");
pub const HUDDINGE_FOLLOWUP: &str = include_str!("../../../demo/huddinge-2023-followup.yaml");
pub const HUDDINGE_OUTCOMES: &str = include_str!("../../../demo/huddinge-2023-outcomes.csv");
pub const HUDDINGE_ECONOMICS: &str = include_str!("../../../demo/huddinge-2023-economics.yaml");
pub const HUDDINGE_PERSONNEL: &str = include_str!("../../../demo/huddinge-2023-personnel.yaml");
pub const HELSINGBORG_PLAN: &str = include_str!("../../../demo/helsingborg-2024-plan.yaml");
pub const HELSINGBORG_FOLLOWUP: &str = include_str!("../../../demo/helsingborg-2024-followup.yaml");

pub async fn run(store: &Store, actor: &Actor) -> Result<()> {
    let mut total = Changes::default();
    total += import::plan_text(store, actor, HUDDINGE_PLAN, "demo/huddinge-2023-plan.yaml").await?.2;
    total += import::plan_text(store, actor, HELSINGBORG_PLAN, "demo/helsingborg-2024-plan.yaml").await?.2;
    total += import::followup_text(store, actor, HUDDINGE_FOLLOWUP, "demo/huddinge-2023-followup.yaml").await?;
    total += import::followup_text(store, actor, HELSINGBORG_FOLLOWUP, "demo/helsingborg-2024-followup.yaml").await?;
    total +=
        import::outcomes_text(store, actor, HUDDINGE_OUTCOMES, "demo/huddinge-2023-outcomes.csv", Some("0126-von")).await?;
    total += import::economics_text(store, actor, HUDDINGE_ECONOMICS, "demo/huddinge-2023-economics.yaml").await?;
    total += import::personnel_text(store, actor, HUDDINGE_PERSONNEL, "demo/huddinge-2023-personnel.yaml").await?;
    import::report("Demodata (Huddinge 2023, Helsingborg 2024)", total);
    println!();
    crate::commands::goals_list(store, 2023, Some("0126-von".into()), None, crate::Format::Table).await
}
