//! The manifest of a build: every number and text of the report with its place (chapter, the
//! heading above, table, row, column), and the diff of two drafts' manifests by chapter.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::doc::{Block, Document};

/// One number or text and where the report prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub chapter: String,
    /// `Mål 1 › Indikatorer › Andel nöjda › 2023`, `Sammanfattning › text`.
    pub place: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub title: String,
    pub entries: Vec<Entry>,
}

pub const FORMAT: &str = "styr-report-manifest/1";

/// A manifest that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}: not a report manifest ({FORMAT}): {message}")]
pub struct ManifestError {
    pub file: String,
    pub message: String,
}

impl Manifest {
    pub fn of(doc: &Document) -> Manifest {
        let mut entries = Vec::new();
        for c in &doc.chapters {
            let mut heading = String::new();
            let mut push = |place: String, value: &str| {
                if !value.trim().is_empty() {
                    entries.push(Entry { chapter: c.title.clone(), place, value: value.to_string() });
                }
            };
            let under = |h: &str, s: &str| if h.is_empty() { s.to_string() } else { format!("{h} › {s}") };
            for b in &c.blocks {
                match b {
                    Block::Heading { text, .. } => heading = text.clone(),
                    Block::Text { markdown } => push(under(&heading, "text"), markdown),
                    Block::Labelled { label, markdown } => push(under(&heading, label), markdown),
                    Block::Signal { label, signal } => push(under(&heading, label), &signal.label),
                    Block::Chart(ch) => push(under(&heading, &format!("diagram {}", ch.caption)), &ch.alt),
                    Block::Table(t) => {
                        for (r, row) in t.rows.iter().enumerate() {
                            let row_name = row
                                .first()
                                .map(|x| x.text.as_str())
                                .filter(|s| !s.is_empty())
                                .map(str::to_string)
                                .unwrap_or_else(|| format!("rad {}", r + 1));
                            for (i, cell) in row.iter().enumerate().skip(1) {
                                let col = t.header.get(i).cloned().unwrap_or_default();
                                let text = cell.signal.as_ref().map(|s| s.label.as_str()).unwrap_or(&cell.text);
                                push(under(&heading, &format!("{} › {row_name} › {col}", t.caption)), text);
                            }
                        }
                        for (i, n) in t.footnotes.iter().enumerate() {
                            push(under(&heading, &format!("{} › fotnot {}", t.caption, i + 1)), n);
                        }
                    }
                }
            }
        }
        Manifest { format: FORMAT.into(), title: doc.title.clone(), entries }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn from_json(text: &str, file: &str) -> Result<Manifest, ManifestError> {
        let m: Manifest = serde_json::from_str(text).map_err(|e| ManifestError { file: file.into(), message: e.to_string() })?;
        if m.format != FORMAT {
            return Err(ManifestError { file: file.into(), message: format!("format `{}`", m.format) });
        }
        Ok(m)
    }
}

/// A change between two drafts at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub place: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The changes of a draft against an older one, by chapter in the newer draft's order. A place
/// printed twice with the same name is compared occurrence by occurrence.
pub fn diff(old: &Manifest, new: &Manifest) -> Vec<(String, Vec<Change>)> {
    fn keyed(m: &Manifest) -> BTreeMap<(String, String, usize), String> {
        let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
        m.entries
            .iter()
            .map(|e| {
                let n = seen.entry((e.chapter.clone(), e.place.clone())).or_default();
                *n += 1;
                ((e.chapter.clone(), e.place.clone(), *n), e.value.clone())
            })
            .collect()
    }
    let (a, b) = (keyed(old), keyed(new));
    let mut order: Vec<String> = Vec::new();
    for e in new.entries.iter().chain(&old.entries) {
        if !order.contains(&e.chapter) {
            order.push(e.chapter.clone());
        }
    }
    let place_order = |m: &Manifest, ch: &str, place: &str| m.entries.iter().position(|e| e.chapter == ch && e.place == place);
    order
        .into_iter()
        .filter_map(|ch| {
            let mut changes: Vec<(usize, Change)> = Vec::new();
            for (k, v) in a.iter().filter(|(k, _)| k.0 == ch) {
                match b.get(k) {
                    Some(w) if w == v => {}
                    w => changes.push((0, Change { place: k.1.clone(), old: Some(v.clone()), new: w.cloned() })),
                }
            }
            for (k, w) in b.iter().filter(|(k, _)| k.0 == ch && !a.contains_key(*k)) {
                changes.push((0, Change { place: k.1.clone(), old: None, new: Some(w.clone()) }));
            }
            for c in &mut changes {
                c.0 = place_order(new, &ch, &c.1.place).or_else(|| place_order(old, &ch, &c.1.place)).unwrap_or(usize::MAX);
            }
            changes.sort_by_key(|c| c.0);
            (!changes.is_empty()).then(|| (ch, changes.into_iter().map(|c| c.1).collect()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(entries: &[(&str, &str, &str)]) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            title: "t".into(),
            entries: entries.iter().map(|(c, p, v)| Entry { chapter: c.to_string(), place: p.to_string(), value: v.to_string() }).collect(),
        }
    }

    #[test]
    fn diff_names_changed_added_and_removed_by_chapter() {
        let old = m(&[("Ekonomi", "Drift › Summa › Utfall", "-3 593"), ("Mål", "Mål 1 › Bedömning", "Delvis"), ("Mål", "x", "1")]);
        let new = m(&[("Ekonomi", "Drift › Summa › Utfall", "-3 593"), ("Mål", "Mål 1 › Bedömning", "Uppfyllt"), ("Personal", "p", "2")]);
        let d = diff(&old, &new);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].0, "Mål");
        assert_eq!(d[0].1[0], Change { place: "Mål 1 › Bedömning".into(), old: Some("Delvis".into()), new: Some("Uppfyllt".into()) });
        assert_eq!(d[0].1[1], Change { place: "x".into(), old: Some("1".into()), new: None });
        assert_eq!(d[1].0, "Personal");
        assert!(diff(&new, &new).is_empty());
    }
}
