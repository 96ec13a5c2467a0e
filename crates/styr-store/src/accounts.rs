//! Web accounts, sessions and API tokens (migration 0010). Plain SQL without audit entries: the
//! audit log is readable by every controller and must not hold password hashes or session secrets.
//! Sessions and tokens are stored as the SHA-256 of their secret (the caller hashes).

use sqlx::Row as _;

use crate::{Result, Store, StoreError};

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUser {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    /// The organisation nodes the user writes for, as (committee key, unit id).
    pub units: Vec<(String, String)>,
}

/// Adds an account with its units in one transaction; refuses a username that exists.
pub async fn insert_user(store: &Store, user: &StoredUser) -> Result<()> {
    let mut tx = store.begin().await?;
    let exists: Option<String> =
        sqlx::query_scalar("SELECT username FROM users WHERE username = $1").bind(user.username.clone()).fetch_optional(&mut *tx).await?;
    if exists.is_some() {
        return Err(StoreError::Duplicate { table: "users", key: user.username.clone() });
    }
    sqlx::query("INSERT INTO users (username, display_name, role, password_hash, revision) VALUES ($1, $2, $3, $4, 1)")
        .bind(user.username.clone())
        .bind(user.display_name.clone())
        .bind(user.role.clone())
        .bind(user.password_hash.clone())
        .execute(&mut *tx)
        .await?;
    for (committee, unit) in &user.units {
        sqlx::query("INSERT INTO user_units (username, committee, unit_id, revision) VALUES ($1, $2, $3, 1)")
            .bind(user.username.clone())
            .bind(committee.clone())
            .bind(unit.clone())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Replaces an account's password hash.
pub async fn set_password_hash(store: &Store, username: &str, hash: &str) -> Result<()> {
    let done = sqlx::query("UPDATE users SET password_hash = $1, revision = revision + 1 WHERE username = $2")
        .bind(hash.to_string())
        .bind(username.to_string())
        .execute(store.pool())
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("user {username}")));
    }
    Ok(())
}

/// One account with its units, if it exists.
pub async fn load_user(store: &Store, username: &str) -> Result<Option<StoredUser>> {
    let row = sqlx::query("SELECT username, display_name, role, password_hash FROM users WHERE username = $1")
        .bind(username.to_string())
        .fetch_optional(store.pool())
        .await?;
    let Some(row) = row else { return Ok(None) };
    let units = sqlx::query("SELECT committee, unit_id FROM user_units WHERE username = $1 ORDER BY committee, unit_id")
        .bind(username.to_string())
        .fetch_all(store.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get("committee")?, r.try_get("unit_id")?)))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Some(StoredUser {
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: row.try_get("role")?,
        password_hash: row.try_get("password_hash")?,
        units,
    }))
}

/// Every username, sorted.
pub async fn usernames(store: &Store) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT username FROM users ORDER BY username").fetch_all(store.pool()).await?)
}

/// A stored session: whose it is, its CSRF token and when it expires (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub username: String,
    pub csrf: String,
    pub expires_at: String,
}

pub async fn insert_session(store: &Store, token_hash: &str, session: &StoredSession) -> Result<()> {
    sqlx::query("INSERT INTO sessions (token_hash, username, csrf, expires_at, revision) VALUES ($1, $2, $3, $4, 1)")
        .bind(token_hash.to_string())
        .bind(session.username.clone())
        .bind(session.csrf.clone())
        .bind(session.expires_at.clone())
        .execute(store.pool())
        .await?;
    Ok(())
}

pub async fn load_session(store: &Store, token_hash: &str) -> Result<Option<StoredSession>> {
    let row = sqlx::query("SELECT username, csrf, expires_at FROM sessions WHERE token_hash = $1")
        .bind(token_hash.to_string())
        .fetch_optional(store.pool())
        .await?;
    row.map(|r| Ok(StoredSession { username: r.try_get("username")?, csrf: r.try_get("csrf")?, expires_at: r.try_get("expires_at")? }))
        .transpose()
}

/// Removes a session (logout, or the old session at login) and every expired one.
pub async fn delete_session(store: &Store, token_hash: &str, now: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1 OR expires_at < $2")
        .bind(token_hash.to_string())
        .bind(now.to_string())
        .execute(store.pool())
        .await?;
    Ok(())
}

pub async fn insert_api_token(store: &Store, token_hash: &str, username: &str, label: &str) -> Result<()> {
    sqlx::query("INSERT INTO api_tokens (token_hash, username, label, revision) VALUES ($1, $2, $3, 1)")
        .bind(token_hash.to_string())
        .bind(username.to_string())
        .bind(label.to_string())
        .execute(store.pool())
        .await?;
    Ok(())
}

/// The username an API token belongs to.
pub async fn api_token_user(store: &Store, token_hash: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT username FROM api_tokens WHERE token_hash = $1")
        .bind(token_hash.to_string())
        .fetch_optional(store.pool())
        .await?)
}
