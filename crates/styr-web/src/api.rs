//! The JSON API under `/api/v1`: token auth (`Authorization: Bearer TOKEN`, from `styr user
//! token`), the same authorisation and locks as the pages, and its OpenAPI document.

use axum::extract::rejection::PathRejection;
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
        .route(&format!("{goal}/goals"), get(list_goals))
        .route(&format!("{goal}/goals/{{goal}}/assessment"), get(get_assessment).put(put_assessment))
        .route(&format!("{goal}/goals/{{goal}}/review"), axum::routing::post(post_review))
        .route(&format!("{goal}/goals/{{goal}}/comments"), get(get_comments).post(post_comment))
        .fallback(not_found)
}

async fn not_found() -> Response {
    WebError::NotFound("no such API path; see /api/v1/openapi.json".into()).json()
}

/// A path whose parts do not parse (a year that is not a number) is a 404 in JSON, not axum's text.
fn path<T>(p: Result<Path<T>, PathRejection>) -> Result<T, WebError> {
    p.map(|Path(t)| t).map_err(|e| WebError::NotFound(format!("path: {e}")))
}

/// A JSON body, or a 400 in JSON naming what is wrong.
fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, WebError> {
    serde_json::from_slice(bytes).map_err(|e| WebError::Invalid(format!("request body: {e}")))
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

async fn round_status(State(state): State<AppState>, headers: HeaderMap, p: Result<Path<RoundPath>, PathRejection>) -> Response {
    answer(
        async {
            crate::auth::api_user(&state, &headers).await?;
            let p = path(p)?;
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

async fn get_assessment(State(state): State<AppState>, headers: HeaderMap, p: Result<Path<GoalPath>, PathRejection>) -> Response {
    answer(
        async {
            crate::auth::api_user(&state, &headers).await?;
            let p = path(p)?;
            let plan = goal_plan(&state, &p).await?;
            let (a, revision) = workflow::assessment_for_edit(&state.store, &plan.committee_key(), p.year, &p.round, &p.goal).await?;
            Ok(Json(AssessmentBody { level: a.level, motivation: a.motivation, analysis: a.analysis, work_done: a.work_done, revision })
                .into_response())
        }
        .await,
    )
}

async fn put_assessment(
    State(state): State<AppState>,
    headers: HeaderMap,
    p: Result<Path<GoalPath>, PathRejection>,
    bytes: axum::body::Bytes,
) -> Response {
    answer(
        async {
            let user = crate::auth::api_user(&state, &headers).await?;
            let p = path(p)?;
            let plan = plan(&state, &p.committee, p.year).await?;
            let b: AssessmentBody = body(&bytes)?;
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

/// A goal of the round with its assessed level and review state.
#[derive(serde::Serialize)]
pub struct GoalSummary {
    pub id: String,
    pub title: String,
    /// The assessed level's key; `None` when not assessed.
    pub level: Option<String>,
    /// The level the indicators propose.
    pub proposed_level: Option<String>,
    pub review: workflow::State,
}

async fn list_goals(State(state): State<AppState>, headers: HeaderMap, p: Result<Path<RoundPath>, PathRejection>) -> Response {
    answer(
        async {
            crate::auth::api_user(&state, &headers).await?;
            let p = path(p)?;
            let plan = plan(&state, &p.committee, p.year).await?;
            if plan.round(&p.round).is_none() {
                return Err(WebError::NotFound(format!("round {}", p.round)));
            }
            let key = plan.committee_key();
            let analysis = styr_app::assess::assess(&state.store, p.year, Some(&key), Some(&p.round)).await?;
            let states = workflow::section_states(&state.store, &key, p.year, &p.round).await?;
            let goals: Vec<GoalSummary> = analysis
                .goals
                .iter()
                .map(|g| GoalSummary {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    level: g.assessment.as_ref().map(|a| a.level.key.clone()),
                    proposed_level: g.proposal.level.as_ref().map(|l| l.key.clone()),
                    review: states.get(&workflow::section_of_goal(&g.id)).copied().unwrap_or(workflow::State::Utkast),
                })
                .collect();
            Ok(Json(goals).into_response())
        }
        .await,
    )
}

async fn goal_plan(state: &AppState, p: &GoalPath) -> Result<styr_domain::Plan, WebError> {
    let plan = plan(state, &p.committee, p.year).await?;
    if plan.goal_node(&p.goal).is_none() || plan.round(&p.round).is_none() {
        return Err(WebError::NotFound(format!("goal {} in round {}", p.goal, p.round)));
    }
    Ok(plan)
}

#[derive(Deserialize)]
pub struct ReviewBody {
    /// klar (submit for review), godkand (approve) or utkast (send back).
    pub to: String,
}

async fn post_review(
    State(state): State<AppState>,
    headers: HeaderMap,
    p: Result<Path<GoalPath>, PathRejection>,
    bytes: axum::body::Bytes,
) -> Response {
    answer(
        async {
            let user = crate::auth::api_user(&state, &headers).await?;
            let p = path(p)?;
            let plan = goal_plan(&state, &p).await?;
            let b: ReviewBody = body(&bytes)?;
            let to = workflow::State::parse(&b.to)
                .filter(|s| *s != workflow::State::Faststalld)
                .ok_or_else(|| WebError::Invalid(format!("to `{}`: klar, godkand or utkast", b.to)))?;
            workflow::set_goal_section(&state.store, &user, &plan, &p.round, &p.goal, to).await?;
            let now =
                workflow::section_state(&state.store, &plan.committee_key(), p.year, &p.round, &workflow::section_of_goal(&p.goal)).await?;
            Ok(Json(serde_json::json!({ "review": now })).into_response())
        }
        .await,
    )
}

async fn get_comments(State(state): State<AppState>, headers: HeaderMap, p: Result<Path<GoalPath>, PathRejection>) -> Response {
    answer(
        async {
            crate::auth::api_user(&state, &headers).await?;
            let p = path(p)?;
            let plan = goal_plan(&state, &p).await?;
            let c = workflow::comments(&state.store, &plan.committee_key(), p.year, &p.round, &workflow::section_of_goal(&p.goal)).await?;
            Ok(Json(c).into_response())
        }
        .await,
    )
}

#[derive(Deserialize)]
pub struct CommentBody {
    pub body: String,
}

async fn post_comment(
    State(state): State<AppState>,
    headers: HeaderMap,
    p: Result<Path<GoalPath>, PathRejection>,
    bytes: axum::body::Bytes,
) -> Response {
    answer(
        async {
            let user = crate::auth::api_user(&state, &headers).await?;
            let p = path(p)?;
            let plan = goal_plan(&state, &p).await?;
            let b: CommentBody = body(&bytes)?;
            let section = workflow::section_of_goal(&p.goal);
            let c = workflow::add_comment(&state.store, &user, &plan.committee_key(), p.year, &p.round, &section, &b.body).await?;
            Ok((axum::http::StatusCode::CREATED, Json(c)).into_response())
        }
        .await,
    )
}

async fn openapi() -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// The OpenAPI 3.1 document of the API (a test checks each path against the router).
pub const OPENAPI: &str = include_str!("openapi.json");
