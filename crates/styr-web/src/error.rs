//! Errors as HTTP answers: a page in Swedish for a browser, JSON for the API.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use styr_app::AppError;

#[derive(Debug)]
pub enum WebError {
    /// No session: the login page (pages) or 401 (API).
    Unauthenticated,
    Forbidden(String),
    NotFound(String),
    /// A fastställd round, or a transition its state does not allow.
    Locked(String),
    Invalid(String),
    TooManyAttempts,
    Internal(String),
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> WebError {
        match e {
            AppError::Forbidden(m) => WebError::Forbidden(m),
            AppError::Locked(m) => WebError::Locked(m),
            AppError::NotFound(m) => WebError::NotFound(m),
            AppError::Invalid(m) => WebError::Invalid(m),
            other => {
                let m = other.to_string();
                if m.contains("no plan") || m.contains("no committee") { WebError::NotFound(m) } else { WebError::Internal(m) }
            }
        }
    }
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Locked(_) => StatusCode::CONFLICT,
            WebError::Invalid(_) => StatusCode::BAD_REQUEST,
            WebError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> String {
        match self {
            WebError::Unauthenticated => "Logga in först.".into(),
            WebError::Forbidden(m) => format!("Åtkomst nekad: {m}"),
            WebError::NotFound(m) => format!("Finns inte: {m}"),
            WebError::Locked(m) | WebError::Invalid(m) => m.clone(),
            WebError::TooManyAttempts => "För många misslyckade inloggningar. Vänta en stund och försök igen.".into(),
            WebError::Internal(_) => "Ett internt fel inträffade.".into(),
        }
    }

    /// The answer for the JSON API.
    pub fn json(&self) -> Response {
        if let WebError::Internal(m) = self {
            tracing::error!(error = %m, "internal error");
        }
        (self.status(), axum::Json(serde_json::json!({ "error": self.message() }))).into_response()
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::Unauthenticated = self {
            return Redirect::to("/login").into_response();
        }
        if let WebError::Internal(m) = &self {
            tracing::error!(error = %m, "internal error");
        }
        let title = match self.status() {
            StatusCode::FORBIDDEN => "Åtkomst nekad",
            StatusCode::NOT_FOUND => "Sidan finns inte",
            StatusCode::CONFLICT => "Kan inte ändras",
            StatusCode::TOO_MANY_REQUESTS => "För många försök",
            StatusCode::BAD_REQUEST => "Felaktiga uppgifter",
            _ => "Fel",
        };
        let body = crate::layout::page(
            title,
            None,
            maud::html! {
                h1 { (title) }
                p.error role="alert" { (self.message()) }
                p { a href="/" { "Till startsidan" } }
            },
        );
        (self.status(), body).into_response()
    }
}
