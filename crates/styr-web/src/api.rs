//! The JSON API under `/api/v1`: token auth (`Authorization: Bearer TOKEN`, from `styr user
//! token`), the same authorisation and locks as the pages, and its OpenAPI document.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use styr_app::workflow::{self, SaveOutcome};
use styr_domain::Assessment;

use crate::{AppState, WebError};

pub fn router() -> Router<AppState> {
    let goal = "/committees/{committee}/years/{year}/rounds/{round}";
    Router::new()
        .route("/openapi.json", get(openapi))
        .route(&format!("{goal}/status"), get(round_status))
        .route(&format!("{goal}/goals/{{goal}}/assessment"), get(get_assessment).put(put_assessment))
}

#[derive(Deserialize)]
pub struct GoalPath {
    committee: String,
    year: i32,
    round: String,
    goal: String,
}

#[derive(Deserialize)]
pub struct RoundPath {
    committee: String,
    year: i32,
    round: String,
}

/// An assessment as the API reads and writes it.
#[derive(Deserialize, serde::Serialize)]
pub struct AssessmentBody {
    pub level: Option<String>,
    #[serde(default)]
    pub motivation: String,
    #[serde(default)]
    pub analysis: String,
    #[serde(default)]
    pub work_done: String,
    /// The revision the edit started from (0 for a goal without an assessment).
    pub revision: i64,
}

fn answer(r: Result<Response, WebError>) -> Response {
    r.unwrap_or_else(|e| e.json())
}

async fn plan(state: &AppState, committee: &str, year: i32) -> Result<styr_domain::Plan, WebError> {
    Ok(styr_app::listing::plan(&state.store, year, Some(committee)).await?.1)
}

async fn round_status(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<RoundPath>) -> Response {
    answer(
        async {
            crate::auth::api_user(&state, &headers).await?;
            let plan = plan(&state, &p.committee, p.year).await?;
            if plan.round(&p.round).is_none() {
                return Err(WebError::NotFound(format!("round {}", p.round)));
            }
            let s = workflow::round_status(&state.store, &plan.committee_key(), p.year, &p.round).await?;
            Ok(Json(s).into_response())
        }
        .await,
    )
}

async fn get_assessment(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<GoalPath>) -> Response {
    answer(
        async {
            crate::auth::api_user(&state, &headers).await?;
            let plan = plan(&state, &p.committee, p.year).await?;
            if plan.goal_node(&p.goal).is_none() || plan.round(&p.round).is_none() {
                return Err(WebError::NotFound(format!("goal {} in round {}", p.goal, p.round)));
            }
            let (a, revision) = workflow::assessment_for_edit(&state.store, &plan.committee_key(), p.year, &p.round, &p.goal).await?;
            Ok(Json(AssessmentBody { level: a.level, motivation: a.motivation, analysis: a.analysis, work_done: a.work_done, revision })
                .into_response())
        }
        .await,
    )
}

async fn put_assessment(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<GoalPath>, body: axum::body::Bytes) -> Response {
    answer(
        async {
            let user = crate::auth::api_user(&state, &headers).await?;
            let b: AssessmentBody = serde_json::from_slice(&body).map_err(|e| WebError::Invalid(format!("request body: {e}")))?;
            let plan = plan(&state, &p.committee, p.year).await?;
            let edit =
                Assessment { goal: p.goal.clone(), level: b.level, motivation: b.motivation, analysis: b.analysis, work_done: b.work_done };
            let outcome = workflow::save_assessment(&state.store, &user, &plan, &p.round, &edit, b.revision).await?;
            let status = match outcome {
                SaveOutcome::Saved { .. } => axum::http::StatusCode::OK,
                SaveOutcome::Conflict { .. } => axum::http::StatusCode::CONFLICT,
            };
            Ok((status, Json(outcome)).into_response())
        }
        .await,
    )
}

async fn openapi() -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// The OpenAPI 3.1 document of the API (a test checks each path against the router).
pub const OPENAPI: &str = include_str!("openapi.json");
