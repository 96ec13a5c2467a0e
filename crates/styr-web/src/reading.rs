//! The round's reading pages: economics with drill-down through the organisation tree, uppdrag,
//! intern kontroll, the prose sections, and the report preview (the report's HTML as
//! `styr_render` writes it).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use sha2::Digest as _;
use styr_app::select::Selection;
use styr_domain::org::OrgUnit;

use crate::auth;
use crate::layout::round_nav;
use crate::pages::{RoundPath, load_plan, round_base, shell, table};
use crate::{AppState, WebError};

#[derive(serde::Deserialize)]
pub struct UnitPath {
    committee: String,
    year: i32,
    round: String,
    unit: String,
}

fn selection(plan: &styr_domain::Plan, p: &RoundPath, unit: Option<&str>) -> Selection {
    Selection { committee: Some(plan.committee_key()), year: p.year, round: Some(p.round.clone()), unit: unit.map(str::to_string) }
}

/// The driftredovisning of the whole nämnd.
pub async fn economics(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<RoundPath>) -> Result<Html<String>, WebError> {
    economics_of(&state, &headers, p, None).await
}

/// The driftredovisning of one node of the organisation tree.
pub async fn economics_unit(State(state): State<AppState>, headers: HeaderMap, Path(u): Path<UnitPath>) -> Result<Html<String>, WebError> {
    let p = RoundPath { committee: u.committee, year: u.year, round: u.round };
    economics_of(&state, &headers, p, Some(u.unit)).await
}

/// The chain of units from the root down to `id` (empty when `id` is not in the tree).
fn path_to<'a>(roots: &'a [OrgUnit], id: &str) -> Vec<&'a OrgUnit> {
    for u in roots {
        if u.id == id {
            return vec![u];
        }
        let mut below = path_to(&u.children, id);
        if !below.is_empty() {
            below.insert(0, u);
            return below;
        }
    }
    Vec::new()
}

async fn economics_of(state: &AppState, headers: &HeaderMap, p: RoundPath, unit: Option<String>) -> Result<Html<String>, WebError> {
    let s = auth::require(state, headers).await?;
    let plan = load_plan(state, &p.committee, p.year, &p.round).await?;
    let base = round_base(&p);
    let root = plan.organisation.first().ok_or_else(|| WebError::NotFound(format!("en organisation i planen för {}", p.committee)))?;
    let id = unit.clone().unwrap_or_else(|| root.id.clone());
    let chain = path_to(&plan.organisation, &id);
    let Some(current) = chain.last().copied() else {
        return Err(WebError::NotFound(format!("enheten {id} i organisationen")));
    };
    let drift = styr_app::economics::drift(&state.store, &selection(&plan, &p, Some(&id))).await;
    let title = format!("Ekonomi: {}", current.name);
    Ok(shell(
        &s,
        &title,
        html! {
            (round_nav(&base, if unit.is_none() { Some("/ekonomi") } else { None }))
            nav.crumbs aria-label="Organisationen" {
                ol { @for (i, u) in chain.iter().enumerate() {
                    li { @if i + 1 == chain.len() { span aria-current="page" { (u.name) } } @else { a href=(format!("{base}/ekonomi/{}", u.id)) { (u.name) } } }
                } }
            }
            h1 { (title) }
            @match &drift {
                Ok(e) => { (table(&e.table)) @for w in &e.warnings { p.error { (w) } } }
                Err(styr_app::AppError::NotFound(_)) => p.muted { "Ingen ekonomisk redovisning för " (current.name) " i omgången." },
                Err(e) => p.error role="alert" { "Ekonomin kunde inte visas: " (e) },
            }
            @if !current.children.is_empty() {
                h2 { "Enheter under " (current.name) }
                ul.units { @for c in &current.children {
                    li { a href=(format!("{base}/ekonomi/{}", c.id)) { (c.name) } @if !c.children.is_empty() { span.muted { " (" (c.children.len()) " enheter)" } } }
                } }
            }
        },
    ))
}

/// The plan's uppdrag with the round's status.
pub async fn commissions(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<RoundPath>) -> Result<Html<String>, WebError> {
    let s = auth::require(&state, &headers).await?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let tables = styr_app::report_parts::commissions(&state.store, &selection(&plan, &p, None)).await?;
    let base = round_base(&p);
    Ok(shell(
        &s,
        "Uppdrag",
        html! {
            (round_nav(&base, Some("/uppdrag")))
            h1 { "Uppdrag" }
            @if tables.iter().all(|t| t.rows.is_empty()) { p.muted { "Planen har inga uppdrag." } }
            @for t in tables.iter().filter(|t| !t.rows.is_empty()) { (table(t)) }
        },
    ))
}

/// Risks, control points and the round's results of the internal control.
pub async fn internal_control(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(p): Path<RoundPath>,
) -> Result<Html<String>, WebError> {
    let s = auth::require(&state, &headers).await?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let tables = styr_app::report_parts::internal_control(&state.store, &selection(&plan, &p, None)).await?;
    let base = round_base(&p);
    Ok(shell(
        &s,
        "Intern kontroll",
        html! {
            (round_nav(&base, Some("/intern-kontroll")))
            h1 { "Intern kontroll" }
            @if tables.iter().all(|t| t.rows.is_empty()) { p.muted { "Planen har ingen intern kontroll." } }
            @for t in tables.iter().filter(|t| !t.rows.is_empty()) { (table(t)) }
        },
    ))
}

/// The round's prose sections in order.
pub async fn sections(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<RoundPath>) -> Result<Html<String>, WebError> {
    let s = auth::require(&state, &headers).await?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let t = styr_app::report_parts::sections(&state.store, &selection(&plan, &p, None)).await?;
    let col = |name: &str| t.header.iter().position(|h| h == name);
    let (title, unit, body) = (col("Rubrik"), col("Enhet"), col("Text"));
    let cell = |row: &[styr_report::table::Cell], i: Option<usize>| i.and_then(|i| row.get(i)).map(|c| c.text.clone()).unwrap_or_default();
    let base = round_base(&p);
    Ok(shell(
        &s,
        "Texter",
        html! {
            (round_nav(&base, Some("/texter")))
            h1 { "Texter" }
            @if t.rows.is_empty() { p.muted { "Omgången har inga texter ännu." } }
            @for row in &t.rows {
                section.prose {
                    h2 { (cell(row, title)) }
                    @let u = cell(row, unit);
                    @if !u.is_empty() && u != "–" { p.muted { (u) } }
                    p.pre { (cell(row, body)) }
                }
            }
        },
    ))
}

/// The report of the round as its HTML (the same bytes as `styr report --format html`), with a
/// Content-Security-Policy that allows exactly its own inline styles by hash and no scripts.
///
/// A PDF download (`{round}/rapport.pdf`) belongs here once `styr-pdf` has landed; it would call
/// the same `styr_app::report::document` and hand the document to `styr_pdf`, in the CLI's crate
/// or a separate service, so that typst stays out of this crate.
pub async fn report_preview(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<RoundPath>) -> Result<Response, WebError> {
    auth::require(&state, &headers).await?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let template = styr_render::template::Template::default();
    let doc = styr_app::report::document(&state.store, &selection(&plan, &p, None), &template, None).await?;
    let html = styr_render::html::render(&doc);
    let csp = report_csp(&html);
    let mut response = Html(html).into_response();
    let value = HeaderValue::from_str(&csp).map_err(|e| WebError::Internal(format!("report CSP: {e}")))?;
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    Ok(response)
}

/// The report's CSP: `<style>` elements and `style` attributes allowed by their SHA-256 hashes.
pub fn report_csp(html: &str) -> String {
    let mut hashes: Vec<String> = Vec::new();
    let mut add = |text: &str| {
        let h = format!("'sha256-{}'", base64(&sha2::Sha256::digest(text.as_bytes())));
        if !hashes.contains(&h) {
            hashes.push(h);
        }
    };
    let mut rest = html;
    while let Some(at) = rest.find("<style>") {
        let after = &rest[at + 7..];
        let Some(end) = after.find("</style>") else { break };
        add(&after[..end]);
        rest = &after[end..];
    }
    let mut attributes = false;
    let mut rest = html;
    while let Some(at) = rest.find(" style=\"") {
        let after = &rest[at + 8..];
        let Some(end) = after.find('"') else { break };
        add(&unescape(&after[..end]));
        attributes = true;
        rest = &after[end..];
    }
    let unsafe_hashes = if attributes { " 'unsafe-hashes'" } else { "" };
    format!(
        "default-src 'none'; style-src{unsafe_hashes} {}; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        hashes.join(" ")
    )
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_examples() {
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn the_report_csp_allows_its_own_styles_by_hash_and_nothing_inline() {
        let csp = report_csp("<style>p{color:red}</style><span style=\"background:#fff\"></span>");
        // sha256("p{color:red}") and sha256("background:#fff"), base64.
        let style = base64(&sha2::Sha256::digest(b"p{color:red}"));
        let attr = base64(&sha2::Sha256::digest(b"background:#fff"));
        assert!(csp.contains(&format!("'sha256-{style}'")) && csp.contains(&format!("'sha256-{attr}'")), "{csp}");
        assert!(csp.contains("'unsafe-hashes'") && !csp.contains("unsafe-inline") && !csp.contains("script-src"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}
