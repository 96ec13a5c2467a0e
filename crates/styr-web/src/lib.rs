//! styr's web application: an axum server with server-rendered pages in Swedish (maud), accounts
//! with roles, sessions with CSRF tokens, the review workflow and a JSON API under `/api/v1`.
//! Every use case goes through `styr_app`; this crate translates requests and renders pages.
//!
//! - [`auth`]: sessions, CSRF, login rate limit, API tokens;
//! - [`pages`]: the HTML pages;
//! - [`api`]: the JSON API and its OpenAPI document;
//! - [`security`]: the security headers of every response.

pub mod api;
pub mod auth;
mod error;
mod layout;
pub mod pages;
pub mod reading;
pub mod security;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use styr_app::Store;

pub use error::WebError;

/// How the server is reached.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Mark cookies `Secure` (and name the session cookie `__Host-…`): set when the server is
    /// reached over https (behind a TLS proxy), from `--public-origin https://…`. Plain
    /// http://127.0.0.1, as in the tests, needs it off or browsers drop the cookie.
    pub secure_cookies: bool,
}

impl Config {
    /// The configuration for a public origin such as `https://styr.kommun.se`.
    pub fn for_origin(origin: Option<&str>) -> Config {
        Config { secure_cookies: origin.is_some_and(|o| o.starts_with("https://")) }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub limiter: Arc<auth::LoginLimiter>,
}

/// The whole application as a router (tests drive it directly).
pub fn router(store: Store, config: Config) -> Router {
    let state = AppState { store, config: Arc::new(config), limiter: Arc::new(auth::LoginLimiter::default()) };
    let round = "/n/{committee}/{year}/{round}";
    Router::new()
        .route("/", get(pages::home))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/logout", post(pages::logout))
        .route("/static/styr.css", get(pages::stylesheet))
        .route(round, get(pages::overview))
        .route(&format!("{round}/mal/{{goal}}"), get(pages::goal))
        .route(&format!("{round}/mal/{{goal}}/bedomning"), get(pages::edit_goal).post(pages::save_goal))
        .route(&format!("{round}/mal/{{goal}}/status"), post(pages::goal_status))
        .route(&format!("{round}/mal/{{goal}}/kommentar"), post(pages::comment_goal))
        .route(&format!("{round}/ekonomi"), get(reading::economics))
        .route(&format!("{round}/ekonomi/{{unit}}"), get(reading::economics_unit))
        .route(&format!("{round}/uppdrag"), get(reading::commissions))
        .route(&format!("{round}/intern-kontroll"), get(reading::internal_control))
        .route(&format!("{round}/texter"), get(reading::sections))
        .route(&format!("{round}/rapport"), get(reading::report_preview))
        .route(&format!("{round}/arbetsflode"), get(pages::workflow).post(pages::workflow_transition))
        .route(&format!("{round}/undantag"), post(pages::waive))
        .nest("/api/v1", api::router())
        .layer(axum::middleware::from_fn(security::headers))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(tower_http::trace::DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

/// Serves the application on `bind` until Ctrl-C or SIGTERM, then finishes the requests under way.
/// `on_bound` gets the address actually bound (port 0 picks a free port).
pub async fn serve(store: Store, config: Config, bind: &str, on_bound: impl FnOnce(SocketAddr)) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await.map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
    on_bound(listener.local_addr()?);
    axum::serve(listener, router(store, config)).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing the requests under way");
}
