//! The change history of stored objects, with the fields each change touched.

use serde::Serialize;
use styr_store::Store;
use styr_store::history::AuditEntry;

use crate::Result;

/// One field a change touched, with its value before and after, shortened for reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The newest `limit` changes of objects whose key starts with `key`, oldest first.
pub async fn history(store: &Store, key: &str, kind: Option<&str>, limit: i64) -> Result<Vec<AuditEntry>> {
    Ok(styr_store::history::history(store, kind, key, limit).await?)
}

/// The fields that differ between an entry's before and after values (the ordinal, a position in
/// a list, is left out: it moves whenever an earlier item is added).
pub fn changed_fields(entry: &AuditEntry) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let b = entry.before.as_ref().and_then(|v| v.as_object()).unwrap_or(&empty);
    let a = entry.after.as_ref().and_then(|v| v.as_object()).unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k) && *k != "ordinal")
        .map(|k| FieldChange { field: k.clone(), before: shown(b.get(k)), after: shown(a.get(k)) })
        .collect()
}

fn shown(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "–".to_string(),
        Some(serde_json::Value::String(s)) => {
            let one_line = s.trim().replace('\n', " ");
            if one_line.chars().count() > 80 { format!("{}…", one_line.chars().take(79).collect::<String>()) } else { one_line }
        }
        Some(v) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(before: serde_json::Value, after: serde_json::Value) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: String::new(),
            user: String::new(),
            object_kind: "indicator_targets".into(),
            object_key: "k".into(),
            action: "update".into(),
            revision: 2,
            before: Some(before),
            after: Some(after),
        }
    }

    #[test]
    fn only_changed_fields_are_listed_and_the_ordinal_is_not() {
        let e = entry(
            serde_json::json!({"value": 20.0, "ordinal": 1, "note": "a"}),
            serde_json::json!({"value": 18.5, "ordinal": 2, "note": "a"}),
        );
        assert_eq!(changed_fields(&e), [FieldChange { field: "value".into(), before: "20.0".into(), after: "18.5".into() }]);
    }

    #[test]
    fn a_missing_value_reads_as_a_dash_and_long_text_is_cut() {
        let long = "x".repeat(100);
        let e = entry(serde_json::json!({"comment": null}), serde_json::json!({"comment": long}));
        let c = &changed_fields(&e)[0];
        assert_eq!(c.before, "–");
        assert_eq!(c.after.chars().count(), 80);
        assert!(c.after.ends_with('…'));
    }
}
