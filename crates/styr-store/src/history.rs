//! Reading the audit log: who changed what, when, with before and after values.

use sqlx::Row as _;

use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    /// The table the object lives in, e.g. `goals`, `indicator_targets`, `assessments`.
    pub object_kind: String,
    /// The object's key, e.g. `0126-von/2023/klimat`.
    pub object_key: String,
    pub action: String,
    pub revision: i64,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The newest `limit` audit entries whose object key starts with `key_prefix` (case-sensitive, the
/// same on SQLite and PostgreSQL) and, if given, of one kind; oldest first.
pub async fn history(store: &Store, kind: Option<&str>, key_prefix: &str, limit: i64) -> Result<Vec<AuditEntry>> {
    let sql = "SELECT id, at, user_name, object_kind, object_key, action, revision, before_json, after_json \
               FROM audit_log WHERE substr(object_key, 1, CAST($1 AS INTEGER)) = $2 AND ($3 = '' OR object_kind = $4) \
               ORDER BY id DESC LIMIT $5";
    let rows = sqlx::query(sql)
        .bind(key_prefix.chars().count() as i64)
        .bind(key_prefix.to_string())
        .bind(kind.unwrap_or_default().to_string())
        .bind(kind.unwrap_or_default().to_string())
        .bind(limit)
        .fetch_all(store.pool())
        .await?;
    rows.iter()
        .rev()
        .map(|r| {
            let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
            Ok(AuditEntry {
                id: r.try_get("id")?,
                at: r.try_get("at")?,
                user: r.try_get("user_name")?,
                object_kind: r.try_get("object_kind")?,
                object_key: r.try_get("object_key")?,
                action: r.try_get("action")?,
                revision: r.try_get("revision")?,
                before: json(r.try_get("before_json")?),
                after: json(r.try_get("after_json")?),
            })
        })
        .collect()
}
