//! The path of a value inside a domain object, as written in messages and used to find the value in
//! a file or a form.

use std::fmt;

/// One step of a [`FieldPath`]: a field or map key, or a position in a list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// A field name or a map key (`direction`, the year `2023` in `etappmal`).
    Key(String),
    /// A position in a list, from 0.
    Index(usize),
}

/// Where a value sits, e.g. `goal_areas[0].kf_goals[1].goals[1].indicators[3].direction`.
///
/// Built step by step with [`FieldPath::key`] and [`FieldPath::index`]; the empty path is the
/// object as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    /// The object as a whole.
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// This path followed by a field or map key.
    pub fn key(&self, name: impl fmt::Display) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Key(name.to_string()));
        p
    }

    /// This path followed by a list position.
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Index(i));
        p
    }

    /// A path from its written form (`a.b[2].c`); keys cannot contain `.` or `[`.
    pub fn parse(text: &str) -> Self {
        let mut p = FieldPath::root();
        for part in text.split('.').filter(|s| !s.is_empty()) {
            let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
            if !key.is_empty() {
                p.0.push(Segment::Key(key.to_string()));
            }
            for i in rest.split('[') {
                if let Ok(i) = i.trim_end_matches(']').parse() {
                    p.0.push(Segment::Index(i));
                }
            }
        }
        p
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path one step up; the root's parent is the root.
    pub fn parent(&self) -> FieldPath {
        FieldPath(self.0[..self.0.len().saturating_sub(1)].to_vec())
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Segment::Key(k) if i == 0 => f.write_str(k)?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_with_dots_and_brackets() {
        let p = FieldPath::root().key("goal_areas").index(0).key("kf_goals").index(1).key("direction");
        assert_eq!(p.to_string(), "goal_areas[0].kf_goals[1].direction");
        assert_eq!(FieldPath::parse("goal_areas[0].kf_goals[1].direction"), p);
        assert_eq!(FieldPath::root().key("targets").key("etappmal").key(2023).to_string(), "targets.etappmal.2023");
        assert_eq!(FieldPath::parse("a[1][2]").segments(), [Segment::Key("a".into()), Segment::Index(1), Segment::Index(2)]);
        assert_eq!(p.parent().to_string(), "goal_areas[0].kf_goals[1]");
        assert!(FieldPath::root().is_root() && FieldPath::parse("").is_root());
    }
}
