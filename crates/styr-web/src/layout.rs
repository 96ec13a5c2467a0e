//! The page shell: language, skip link, header with the signed-in user, main landmark.

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
