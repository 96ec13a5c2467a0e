//! Accounts, roles, sessions and API tokens for the web application (the CLI's `styr user add`
//! creates accounts through the same use case). Passwords are argon2id PHC strings; sessions and
//! tokens are random 256-bit secrets of which only the SHA-256 is stored.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use sha2::{Digest as _, Sha256};
use styr_store::Store;
use styr_store::accounts::{StoredSession, StoredUser};

use crate::{AppError, Result};

/// How long a session lasts without a new login.
pub const SESSION_HOURS: i64 = 12;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Users and plan, and everything a controller does.
    Admin,
    /// All content of every unit; approves.
    Controller,
    /// Writes assessments and texts for the organisation nodes bound to the account.
    Skribent,
    /// Reads only.
    Lasare,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Controller, Role::Skribent, Role::Lasare];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Controller => "controller",
            Role::Skribent => "skribent",
            Role::Lasare => "lasare",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The Swedish name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "administratör",
            Role::Controller => "controller",
            Role::Skribent => "skribent",
            Role::Lasare => "läsare",
        }
    }

    /// Admins and controllers write all content.
    pub fn writes_everything(self) -> bool {
        matches!(self, Role::Admin | Role::Controller)
    }
}

/// A signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The organisation nodes a skribent writes for, as (committee key, unit id).
    pub units: Vec<(String, String)>,
}

impl User {
    fn from_stored(u: StoredUser) -> Result<User> {
        let role =
            Role::parse(&u.role).ok_or_else(|| AppError::Invalid(format!("user {} has an unknown role `{}`", u.username, u.role)))?;
        Ok(User { username: u.username, display_name: u.display_name, role, units: u.units })
    }

    /// Whether the account may write content that the unit `unit` of `plan` answers for: admins and
    /// controllers always, a skribent when the unit is one of theirs or lies under one of theirs.
    pub fn writes_for(&self, plan: &styr_domain::Plan, unit: Option<&str>) -> bool {
        if self.role.writes_everything() {
            return true;
        }
        if self.role != Role::Skribent {
            return false;
        }
        let Some(unit) = unit else { return false };
        let key = plan.committee_key();
        let all = styr_domain::org::OrgUnit::flatten(&plan.organisation);
        self.units
            .iter()
            .filter(|(c, _)| *c == key)
            .any(|(_, bound)| all.iter().find(|(_, u)| u.id == *bound).is_some_and(|(_, u)| crate::select::subtree(u).contains(unit)))
    }
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
    pub units: Vec<(String, String)>,
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Creates an account; the username is 1–64 of `a–z 0–9 . _ -`, the password at least
/// [`MIN_PASSWORD_CHARS`] characters, and a skribent needs at least one unit.
pub async fn add_user(store: &Store, new: &NewUser) -> Result<()> {
    let valid_name = !new.username.is_empty()
        && new.username.len() <= 64
        && new.username.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if !valid_name {
        return Err(AppError::Invalid(format!("username `{}`: use 1–64 of a–z, 0–9, `.`, `_`, `-`", new.username)));
    }
    if new.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::Invalid(format!("password: at least {MIN_PASSWORD_CHARS} characters")));
    }
    if new.role == Role::Skribent && new.units.is_empty() {
        return Err(AppError::Invalid("a skribent needs at least one --unit COMMITTEE/UNIT".into()));
    }
    let stored = StoredUser {
        username: new.username.clone(),
        display_name: if new.display_name.is_empty() { new.username.clone() } else { new.display_name.clone() },
        role: new.role.as_str().into(),
        password_hash: hash_password(&new.password)?,
        units: new.units.clone(),
    };
    styr_store::accounts::insert_user(store, &stored).await?;
    Ok(())
}

fn hash_password(password: &str) -> Result<String> {
    Ok(Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| AppError::Invalid(format!("cannot hash the password: {e}")))?
        .to_string())
}

/// The account whose password this is; `None` for an unknown user or a wrong password (the
/// same work is done for both, so the answer's timing does not tell which).
pub async fn authenticate(store: &Store, username: &str, password: &str) -> Result<Option<User>> {
    let stored = styr_store::accounts::load_user(store, username).await?;
    let hash = match &stored {
        Some(u) => u.password_hash.clone(),
        None => dummy_hash().to_string(),
    };
    let ok = Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok();
    match stored {
        Some(u) if ok => Ok(Some(User::from_stored(u)?)),
        _ => Ok(None),
    }
}

fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no such user, no such password").unwrap_or_default())
}

/// A new session's secrets: the cookie value and the CSRF token its forms carry.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
}

/// A random 256-bit secret, hex-encoded.
pub fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Invalid(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Starts a session for `user` (a new secret every time, so a session id known before login is
/// worth nothing after it) and ends `previous`, the session the browser had, if any.
pub async fn start_session(store: &Store, user: &User, previous: Option<&str>) -> Result<NewSession> {
    let stamp = now().to_rfc3339();
    if let Some(old) = previous {
        styr_store::accounts::delete_session(store, &token_hash(old), &stamp).await?;
    }
    let session = NewSession { token: random_token()?, csrf: random_token()? };
    let expires_at = (now() + chrono::Duration::hours(SESSION_HOURS)).to_rfc3339();
    styr_store::accounts::insert_session(
        store,
        &token_hash(&session.token),
        &StoredSession { username: user.username.clone(), csrf: session.csrf.clone(), expires_at },
    )
    .await?;
    Ok(session)
}

/// The account and CSRF token of a live session.
pub async fn session_user(store: &Store, token: &str) -> Result<Option<(User, String)>> {
    let Some(s) = styr_store::accounts::load_session(store, &token_hash(token)).await? else { return Ok(None) };
    if s.expires_at < now().to_rfc3339() {
        return Ok(None);
    }
    let Some(u) = styr_store::accounts::load_user(store, &s.username).await? else { return Ok(None) };
    Ok(Some((User::from_stored(u)?, s.csrf)))
}

pub async fn end_session(store: &Store, token: &str) -> Result<()> {
    Ok(styr_store::accounts::delete_session(store, &token_hash(token), &now().to_rfc3339()).await?)
}

/// Creates an API token for a user; the token is shown once, only its hash is kept.
pub async fn create_api_token(store: &Store, username: &str, label: &str) -> Result<String> {
    if styr_store::accounts::load_user(store, username).await?.is_none() {
        return Err(AppError::NotFound(format!("no user `{username}`")));
    }
    let token = random_token()?;
    styr_store::accounts::insert_api_token(store, &token_hash(&token), username, label).await?;
    Ok(token)
}

/// The account an API token belongs to.
pub async fn api_token_user(store: &Store, token: &str) -> Result<Option<User>> {
    let Some(name) = styr_store::accounts::api_token_user(store, &token_hash(token)).await? else { return Ok(None) };
    match styr_store::accounts::load_user(store, &name).await? {
        Some(u) => Ok(Some(User::from_stored(u)?)),
        None => Ok(None),
    }
}
