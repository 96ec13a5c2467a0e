//! Who is asking: the session cookie (pages) or a bearer token (API); CSRF checks; the login
//! rate limit.
//!
//! The session cookie is HttpOnly and SameSite=Strict, `Secure` and named `__Host-styr_session`
//! when [`crate::Config::secure_cookies`] is set; a new session id is issued at every login. Every
//! form carries the session's CSRF token (the login form a token of its own, double-submitted in a
//! cookie) and a POST without the right one is refused.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, COOKIE};
use styr_app::accounts::User;

use crate::{AppState, WebError};

/// A signed-in user with the session's CSRF token.
#[derive(Debug, Clone)]
pub struct Signed {
    pub user: User,
    pub csrf: String,
    pub token: String,
}

pub fn session_cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies { "__Host-styr_session" } else { "styr_session" }
}

pub const LOGIN_COOKIE: &str = "styr_login";

/// A cookie's value from the request.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// A `Set-Cookie` value with the attributes every styr cookie has.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> String {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let age = max_age.map(|a| format!("; Max-Age={a}")).unwrap_or_default();
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{secure}{age}")
}

/// The signed-in user of a page request, if any.
pub async fn signed(state: &AppState, headers: &HeaderMap) -> Result<Option<Signed>, WebError> {
    let Some(token) = cookie(headers, session_cookie_name(state)) else { return Ok(None) };
    Ok(styr_app::accounts::session_user(&state.store, token).await?.map(|(user, csrf)| Signed { user, csrf, token: token.to_string() }))
}

/// The signed-in user, or the login page.
pub async fn require(state: &AppState, headers: &HeaderMap) -> Result<Signed, WebError> {
    signed(state, headers).await?.ok_or(WebError::Unauthenticated)
}

/// Refuses a form whose CSRF token is not the session's (compared in constant time).
pub fn check_csrf(expected: &str, form: &HashMap<String, String>) -> Result<(), WebError> {
    let given = form.get("csrf").map(String::as_str).unwrap_or("");
    if given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0 && !given.is_empty()
    {
        Ok(())
    } else {
        Err(WebError::Forbidden("formuläret saknar giltig CSRF-token; ladda om sidan och försök igen".into()))
    }
}

/// The user of an API request (`Authorization: Bearer TOKEN`), or a session cookie.
pub async fn api_user(state: &AppState, headers: &HeaderMap) -> Result<User, WebError> {
    if let Some(token) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")) {
        return styr_app::accounts::api_token_user(&state.store, token.trim()).await?.ok_or(WebError::Unauthenticated);
    }
    Err(WebError::Unauthenticated)
}

/// Failed logins per username: after [`LoginLimiter::MAX_FAILURES`] within
/// [`LoginLimiter::WINDOW`], further attempts (even with the right password) are refused until
/// the window has passed.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginLimiter {
    pub const MAX_FAILURES: u32 = 5;
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);

    pub fn allowed(&self, username: &str) -> bool {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.get(username).is_none_or(|(n, since)| *n < Self::MAX_FAILURES || since.elapsed() > Self::WINDOW)
    }

    pub fn failed(&self, username: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map.entry(username.to_string()).or_insert((0, Instant::now()));
        if entry.1.elapsed() > Self::WINDOW {
            *entry = (0, Instant::now());
        }
        entry.0 += 1;
    }

    pub fn succeeded(&self, username: &str) {
        self.failures.lock().unwrap_or_else(|e| e.into_inner()).remove(username);
    }
}
