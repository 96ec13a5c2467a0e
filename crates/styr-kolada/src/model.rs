//! The responses of Kolada v3, deserialized leniently: unknown fields are ignored, everything but
//! the ids is optional, and fields whose form differs between descriptions accept every form seen.

use serde::{Deserialize, Deserializer};

/// One page of any list: the items in `values`, and the next page's URL in `next_url` (v3) or
/// `next_page` (v2 and some clients); `null`, `""` or absent ends the list.
#[derive(Debug, Clone, Deserialize)]
pub struct Page<T> {
    pub values: Vec<T>,
    #[serde(default)]
    next_url: Option<String>,
    #[serde(default)]
    next_page: Option<String>,
}

impl<T> Page<T> {
    /// The URL of the next page, if there is one.
    pub fn next(&self) -> Option<&str> {
        [&self.next_url, &self.next_page].into_iter().flatten().map(|s| s.trim()).find(|s| !s.is_empty())
    }
}

/// KPI metadata (`/kpi`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Kpi {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_divided_by_gender: Option<bool>,
    #[serde(default)]
    pub municipality_type: Option<String>,
    #[serde(default, alias = "auspices")]
    pub auspice: Option<String>,
    #[serde(default)]
    pub operating_area: Option<String>,
    #[serde(default)]
    pub perspective: Option<String>,
    /// Kolada's next preliminary publication, `YYYY-MM-DD`.
    #[serde(default)]
    pub prel_publication_date: Option<String>,
    /// Kolada's next publication, `YYYY-MM-DD`.
    #[serde(default)]
    pub publication_date: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub publ_period: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub has_ou_data: Option<bool>,
}

/// A municipality, a region (`00LL`) or Riket (`0000`) (`/municipality`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Municipality {
    pub id: String,
    pub title: String,
    /// `K` (kommun) or `L` (region).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

/// A municipality group (`/municipality_groups`), e.g. "Liknande kommuner äldreomsorg, …".
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MunicipalityGroup {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub members: Vec<Member>,
}

/// A member of a group: `member_id`/`member_title` in v3, `id`/`title` in the old description.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Member {
    #[serde(alias = "id")]
    pub member_id: String,
    #[serde(default, alias = "title")]
    pub member_title: Option<String>,
}

/// An organisational unit (`/ou`), e.g. one särskilt boende.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Ou {
    pub id: String,
    #[serde(default)]
    pub municipality: Option<String>,
    pub title: String,
}

/// One KPI × area × year of `/data` (area = `municipality`) or `/oudata` (area = `ou`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DataRow {
    pub kpi: String,
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub ou: Option<String>,
    #[serde(deserialize_with = "lenient_year")]
    pub period: i32,
    #[serde(default)]
    pub values: Vec<DataValue>,
}

impl DataRow {
    /// The municipality, region, Riket, group (`G…`) or unit (`V…`) the row is about.
    pub fn area(&self) -> &str {
        self.municipality.as_deref().or(self.ou.as_deref()).unwrap_or("")
    }
}

/// A value for one gender: `T` total, `K` kvinnor, `M` män.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DataValue {
    pub gender: String,
    /// For a group, how many members had a value.
    #[serde(default, deserialize_with = "lenient_count")]
    pub count: Option<i64>,
    #[serde(default)]
    pub status: Option<String>,
    /// `None`: Kolada has no value (never read as 0).
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default, alias = "is_deleted", deserialize_with = "lenient_flag")]
    pub isdeleted: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BoolOrInt {
    Bool(bool),
    Int(i64),
}

fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(Option::<BoolOrInt>::deserialize(d)?.map(|b| match b {
        BoolOrInt::Bool(b) => b,
        BoolOrInt::Int(i) => i != 0,
    }))
}

fn lenient_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(lenient_bool(d)?.unwrap_or(false))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StrOrNum {
    Int(i64),
    Float(f64),
    Str(String),
}

fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<StrOrNum>::deserialize(d)?.map(|v| match v {
        StrOrNum::Int(i) => i.to_string(),
        StrOrNum::Float(f) => f.to_string(),
        StrOrNum::Str(s) => s,
    }))
}

fn lenient_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<StrOrNum>::deserialize(d)?.and_then(|v| match v {
        StrOrNum::Int(i) => Some(i),
        StrOrNum::Float(f) => Some(f as i64),
        StrOrNum::Str(s) => s.trim().parse().ok(),
    }))
}

fn lenient_year<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    use serde::de::Error;
    match StrOrNum::deserialize(d)? {
        StrOrNum::Int(i) => i32::try_from(i).map_err(|_| D::Error::custom(format!("period {i} is not a year"))),
        StrOrNum::Str(s) => s.trim().parse().map_err(|_| D::Error::custom(format!("period {s:?} is not a year"))),
        StrOrNum::Float(f) => Err(D::Error::custom(format!("period {f} is not a year"))),
    }
}
