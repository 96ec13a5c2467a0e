//! Municipality, committee (nämnd) and the förvaltning's organisation tree.

use serde::{Deserialize, Serialize};

use crate::{DomainError, invalid};

/// A 4-digit municipality code as used by SCB and Kolada (`0126` Huddinge, `0000` Riket).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(try_from = "String", into = "String")]
pub struct MunicipalityCode(String);

impl MunicipalityCode {
    pub const RIKET: &'static str = "0000";
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MunicipalityCode {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, DomainError> {
        if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
            Ok(Self(s))
        } else {
            Err(invalid("municipality code", s, "four digits, e.g. \"0126\""))
        }
    }
}

impl From<MunicipalityCode> for String {
    fn from(c: MunicipalityCode) -> String {
        c.0
    }
}

impl std::fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Municipality {
    pub code: MunicipalityCode,
    pub name: String,
}

/// A nämnd. `id` is local to the municipality (`von`); [`Committee::key`] is globally unique.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    pub id: String,
    pub name: String,
}

impl Committee {
    /// The storage key of a committee: municipality code and local id, e.g. `0126-von`.
    pub fn key(municipality: &MunicipalityCode, committee_id: &str) -> String {
        format!("{municipality}-{committee_id}")
    }
}

/// A committee's key, valid by construction: a municipality code, a dash and the committee's local
/// id (`0126-von`, `9998-sn`), as [`Committee::key`] writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CommitteeKey {
    municipality: MunicipalityCode,
    committee: String,
}

impl CommitteeKey {
    pub fn municipality(&self) -> &MunicipalityCode {
        &self.municipality
    }
    /// The committee's id within its municipality (`von`).
    pub fn committee(&self) -> &str {
        &self.committee
    }
}

impl std::str::FromStr for CommitteeKey {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        const EXPECTED: &str = "a municipality code, a dash and the nämnd's id, e.g. 0126-von";
        let (code, committee) = s.split_once('-').ok_or_else(|| invalid("committee key", s, EXPECTED))?;
        let municipality = MunicipalityCode::try_from(code.to_string()).map_err(|_| invalid("committee key", s, EXPECTED))?;
        if !crate::is_valid_id(committee) {
            return Err(invalid("committee key", s, EXPECTED));
        }
        Ok(CommitteeKey { municipality, committee: committee.to_string() })
    }
}

impl TryFrom<String> for CommitteeKey {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, DomainError> {
        s.parse()
    }
}

impl From<CommitteeKey> for String {
    fn from(k: CommitteeKey) -> String {
        k.to_string()
    }
}

impl std::fmt::Display for CommitteeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.municipality, self.committee)
    }
}

/// Who runs an operation: the municipality itself or an external provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Regi {
    Egen,
    Extern,
}

impl Regi {
    pub fn as_str(self) -> &'static str {
        match self {
            Regi::Egen => "egen",
            Regi::Extern => "extern",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "egen" => Some(Regi::Egen),
            "extern" => Some(Regi::Extern),
            _ => None,
        }
    }
    /// As a report heads a column: `Egen regi`, `Privata utförare`.
    pub fn label_sv(self) -> &'static str {
        match self {
            Regi::Egen => "Egen regi",
            Regi::Extern => "Privata utförare",
        }
    }
}

/// A node of the förvaltning tree: avdelning, verksamhetsområde, sektion, enhet … any depth.
/// `kind` is the municipality's own word for the level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgUnit {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regi: Option<Regi>,
    /// The unit in Kolada's unit-level data, when Kolada reports on it (`styr kolada sync` fetches
    /// its values for the plan's Kolada indicators).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kolada_ou: Option<crate::indicator::OuId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<OrgUnit>,
}

impl OrgUnit {
    /// Every node of the tree with its parent id, depth first.
    pub fn flatten(roots: &[OrgUnit]) -> Vec<(Option<&str>, &OrgUnit)> {
        fn walk<'a>(parent: Option<&'a str>, units: &'a [OrgUnit], out: &mut Vec<(Option<&'a str>, &'a OrgUnit)>) {
            for u in units {
                out.push((parent, u));
                walk(Some(&u.id), &u.children, out);
            }
        }
        let mut out = Vec::new();
        walk(None, roots, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_committee_key_is_a_municipality_code_a_dash_and_an_id() {
        let k: super::CommitteeKey = "0126-von".parse().unwrap();
        assert_eq!((k.municipality().as_str(), k.committee(), k.to_string().as_str()), ("0126", "von", "0126-von"));
        for bad in ["von", "126-von", "0126-", "0126-Von", "0126_von", "abcd-von"] {
            let e = bad.parse::<super::CommitteeKey>().unwrap_err().to_string();
            assert!(e.contains("committee key") && e.contains("0126-von"), "{bad}: {e}");
        }
    }
}
