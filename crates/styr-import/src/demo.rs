//! The demo data in `demo/`, typed from published reports: Huddinge's verksamhetsberättelse 2023
//! (goals, indicators, assessments, uppdrag, risks, economics, personnel) and Helsingborg's
//! årsbokslut 2024 (goals and nyckeltal).

use styr_store::{Actor, Changes, Store};

use crate::Result;

pub const HUDDINGE: &str = "0126-von";
pub const HELSINGBORG: &str = "1283-von";

/// (file name, contents) of every demo file, in import order.
pub const PLANS: [(&str, &str); 2] = [
    ("demo/huddinge-2023-plan.yaml", include_str!("../../../demo/huddinge-2023-plan.yaml")),
    ("demo/helsingborg-2024-plan.yaml", include_str!("../../../demo/helsingborg-2024-plan.yaml")),
];
pub const FOLLOWUPS: [(&str, &str); 2] = [
    ("demo/huddinge-2023-followup.yaml", include_str!("../../../demo/huddinge-2023-followup.yaml")),
    ("demo/helsingborg-2024-followup.yaml", include_str!("../../../demo/helsingborg-2024-followup.yaml")),
];
pub const HUDDINGE_OUTCOMES: (&str, &str) =
    ("demo/huddinge-2023-outcomes.csv", include_str!("../../../demo/huddinge-2023-outcomes.csv"));
pub const HUDDINGE_ECONOMICS: (&str, &str) =
    ("demo/huddinge-2023-economics.yaml", include_str!("../../../demo/huddinge-2023-economics.yaml"));
pub const HUDDINGE_PERSONNEL: (&str, &str) =
    ("demo/huddinge-2023-personnel.yaml", include_str!("../../../demo/huddinge-2023-personnel.yaml"));

/// Creates or refreshes the demo data; running it again changes nothing.
pub async fn load(store: &Store, actor: &Actor) -> Result<Changes> {
    let mut total = Changes::default();
    for (name, text) in PLANS {
        total += crate::plan(store, actor, text, name).await?.2;
    }
    for (name, text) in FOLLOWUPS {
        total += crate::followup(store, actor, text, name).await?;
    }
    total += crate::outcomes(store, actor, HUDDINGE_OUTCOMES.1, HUDDINGE_OUTCOMES.0, Some(HUDDINGE)).await?;
    total += crate::economics(store, actor, HUDDINGE_ECONOMICS.1, HUDDINGE_ECONOMICS.0).await?;
    total += crate::personnel(store, actor, HUDDINGE_PERSONNEL.1, HUDDINGE_PERSONNEL.0).await?;
    Ok(total)
}
