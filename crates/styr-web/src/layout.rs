//! The page shell: language, skip link, header with the signed-in user, the round's navigation,
//! main landmark.

use maud::{DOCTYPE, Markup, html};
use styr_app::accounts::User;

pub fn page(title: &str, user: Option<(&User, &str)>, content: Markup) -> axum::response::Html<String> {
    axum::response::Html(
        html! {
            (DOCTYPE)
            html lang="sv" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " – styr" }
                    link rel="stylesheet" href="/static/styr.css";
                }
                body {
                    a.skip href="#innehall" { "Hoppa till innehållet" }
                    header.site {
                        a href="/" { strong { "styr" } }
                        @if let Some((u, csrf)) = user {
                            span {
                                (u.display_name) " (" (u.role.label()) ") "
                                form method="post" action="/logout" {
                                    input type="hidden" name="csrf" value=(csrf);
                                    button type="submit" { "Logga ut" }
                                }
                            }
                        }
                    }
                    main id="innehall" { (content) }
                }
            }
        }
        .into_string(),
    )
}

/// The pages of one round, as (path below the round, label).
const ROUND_PAGES: [(&str, &str); 7] = [
    ("", "Översikt"),
    ("/ekonomi", "Ekonomi"),
    ("/uppdrag", "Uppdrag"),
    ("/intern-kontroll", "Intern kontroll"),
    ("/texter", "Texter"),
    ("/arbetsflode", "Arbetsflöde"),
    ("/rapport", "Rapport"),
];

/// The navigation between a round's pages; `current` is the path below the round (`""` for the
/// overview, `None` on a page of its own such as a goal).
pub fn round_nav(base: &str, current: Option<&str>) -> Markup {
    html! {
        nav.round aria-label="Omgångens sidor" {
            ul {
                @for (path, label) in ROUND_PAGES {
                    li {
                        @if current == Some(path) {
                            a href=(format!("{base}{path}")) aria-current="page" { (label) }
                        } @else {
                            a href=(format!("{base}{path}")) { (label) }
                        }
                    }
                }
            }
        }
    }
}
