//! Intern kontroll: risks with their measures, and control points.

use serde::{Deserialize, Serialize};

/// An audit (revision) or other external review a risk measure responds to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditReference {
    pub report: String,
    /// Diarienummer, e.g. VON-2022/897.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
}

/// Whether a risk was identified by the nämnd itself or comes from an audit recommendation.
/// Written `own` or `{ audit: { report, reference, background } }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RiskOrigin {
    Own(OwnMarker),
    Audit { audit: AuditReference },
}

/// The literal word `own`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnMarker {
    Own,
}

impl Default for RiskOrigin {
    fn default() -> Self {
        RiskOrigin::Own(OwnMarker::Own)
    }
}

impl RiskOrigin {
    pub fn is_own(&self) -> bool {
        matches!(self, RiskOrigin::Own(_))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Mål / process, e.g. "HR/Personal".
    pub process: String,
    pub risk: String,
    /// Riskåtgärd.
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
    #[serde(default, skip_serializing_if = "RiskOrigin::is_own")]
    pub origin: RiskOrigin,
}

/// How often a control point is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    #[serde(rename = "delår")]
    Interim,
    #[serde(rename = "årsbokslut")]
    Annual,
    #[serde(rename = "månad")]
    Monthly,
    #[serde(rename = "kvartal")]
    Quarterly,
    #[serde(rename = "tertial")]
    Tertial,
    #[serde(rename = "år")]
    Yearly,
}

impl Frequency {
    pub const ALL: [Frequency; 6] =
        [Frequency::Interim, Frequency::Annual, Frequency::Monthly, Frequency::Quarterly, Frequency::Tertial, Frequency::Yearly];
    pub fn key(self) -> &'static str {
        match self {
            Frequency::Interim => "delår",
            Frequency::Annual => "årsbokslut",
            Frequency::Monthly => "månad",
            Frequency::Quarterly => "kvartal",
            Frequency::Tertial => "tertial",
            Frequency::Yearly => "år",
        }
    }
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// The frequencies of a control point, at least one, e.g. delår and årsbokslut. Written as one
/// word (`frequency: delår`) or a list (`frequency: [delår, årsbokslut]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frequencies(Vec<Frequency>);

impl Frequencies {
    /// `None` when `list` is empty; a repeated frequency is kept once.
    pub fn new(list: Vec<Frequency>) -> Option<Self> {
        let mut out: Vec<Frequency> = Vec::new();
        for f in list {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        (!out.is_empty()).then_some(Frequencies(out))
    }
    pub fn one(f: Frequency) -> Self {
        Frequencies(vec![f])
    }
    pub fn as_slice(&self) -> &[Frequency] {
        &self.0
    }
    /// Stored form: keys joined with `,` (`delår,årsbokslut`).
    pub fn keys(&self) -> String {
        self.0.iter().map(|f| f.key()).collect::<Vec<_>>().join(",")
    }
    pub fn parse_keys(s: &str) -> Option<Self> {
        Self::new(s.split(',').map(Frequency::parse).collect::<Option<Vec<_>>>()?)
    }
    /// Whether a control point with these frequencies is checked in a round of `kind`: delår in a
    /// delårsrapport, årsbokslut and år in the årsbokslut, månad, kvartal and tertial in both; never
    /// in the plan round.
    pub fn due_in(&self, kind: crate::RoundKind) -> bool {
        use crate::RoundKind;
        self.0.iter().any(|f| match (f, kind) {
            (_, RoundKind::Plan) => false,
            (Frequency::Interim, RoundKind::Interim) => true,
            (Frequency::Annual | Frequency::Yearly, RoundKind::Annual) => true,
            (Frequency::Monthly | Frequency::Quarterly | Frequency::Tertial, _) => true,
            _ => false,
        })
    }
    /// As printed: `delår, årsbokslut`.
    pub fn label(&self) -> String {
        self.0.iter().map(|f| f.key()).collect::<Vec<_>>().join(", ")
    }
}

impl Serialize for Frequencies {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Frequencies {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Frequencies;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a frequency or a list of frequencies")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Frequencies, E> {
                Frequency::parse(v).map(Frequencies::one).ok_or_else(|| E::unknown_variant(v, FREQUENCY_KEYS))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Frequencies, A::Error> {
                let mut list = Vec::new();
                while let Some(f) = seq.next_element::<Frequency>()? {
                    list.push(f);
                }
                Frequencies::new(list).ok_or_else(|| serde::de::Error::invalid_length(0, &"at least one frequency"))
            }
        }
        d.deserialize_any(V)
    }
}

const FREQUENCY_KEYS: &[&str] = &["delår", "årsbokslut", "månad", "kvartal", "tertial", "år"];

/// A kontrollmoment: what is controlled, how often and how (e.g. journal review of a 15 % sample).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlPoint {
    pub id: String,
    pub process: String,
    pub what: String,
    /// One or several: `delår` or `[delår, årsbokslut]`.
    pub frequency: Frequencies,
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
    /// The risk (id in the plan's `risks`) this control point controls; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_keep_order_and_drop_repeats() {
        let f = Frequencies::new(vec![Frequency::Interim, Frequency::Annual, Frequency::Interim]).unwrap();
        assert_eq!(f.keys(), "delår,årsbokslut");
        assert_eq!(Frequencies::parse_keys("delår,årsbokslut"), Some(f));
        assert_eq!(Frequencies::parse_keys("delår,vecka"), None);
        assert!(Frequencies::new(vec![]).is_none());
    }

    #[test]
    fn a_control_point_is_due_in_the_rounds_its_frequencies_name() {
        use crate::RoundKind;
        let both = Frequencies::parse_keys("delår,årsbokslut").unwrap();
        assert!(both.due_in(RoundKind::Interim) && both.due_in(RoundKind::Annual) && !both.due_in(RoundKind::Plan));
        let annual = Frequencies::one(Frequency::Annual);
        assert!(!annual.due_in(RoundKind::Interim) && annual.due_in(RoundKind::Annual));
        assert!(Frequencies::one(Frequency::Tertial).due_in(RoundKind::Interim));
    }
}
