//! SCB's PxWebApi v2: `POST {base}/tables/{table}/data?lang=sv&outputFormat=json-stat2` with a
//! selection body. The base URL is configuration (SCB moved it between beta and release).

use serde::Serialize;

use crate::Record;
use crate::jsonstat::{self, JsonStatError};

/// SCB's PxWebApi v2 base as of 2026.
pub const SCB_BASE: &str = "https://api.scb.se/OV0104/v2beta/api/v2";
/// Population 31 december by region, age, sex (BE0101N1 = folkmängd).
pub const TAB_POPULATION: &str = "TAB638";
/// SCB's regional projection by region, sex, age, year (000004LG = folkmängd).
pub const TAB_PROJECTION: &str = "TAB698";

/// At most this many values per request (SCB answers 403 above it); callers split by year.
pub const MAX_VALUES: usize = 100_000;

#[derive(Debug, thiserror::Error)]
pub enum PxWebError {
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error(transparent)]
    Decode(#[from] JsonStatError),
    #[error("the selection asks for {0} values; PxWebApi answers at most {MAX_VALUES} per call")]
    TooLarge(usize),
}

/// What to ask for: regions (municipality codes), years, and the table's content code.
#[derive(Debug, Clone)]
pub struct Query {
    pub table: String,
    pub content: String,
    pub regions: Vec<String>,
    pub years: Vec<i32>,
}

impl Query {
    pub fn population(regions: Vec<String>, years: Vec<i32>) -> Query {
        Query { table: TAB_POPULATION.into(), content: "BE0101N1".into(), regions, years }
    }
    pub fn projection(regions: Vec<String>, years: Vec<i32>) -> Query {
        Query { table: TAB_PROJECTION.into(), content: "000004LG".into(), regions, years }
    }
    fn values(&self) -> usize {
        self.regions.len() * self.years.len() * 101 * 2
    }
    fn body(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Sel<'a> {
            variable_code: &'a str,
            value_codes: Vec<String>,
        }
        let selection = [
            Sel { variable_code: "Region", value_codes: self.regions.clone() },
            Sel { variable_code: "Kon", value_codes: vec!["1".into(), "2".into()] },
            Sel { variable_code: "Alder", value_codes: (0..100).map(|a| a.to_string()).chain(["100+".to_string()]).collect() },
            Sel { variable_code: "ContentsCode", value_codes: vec![self.content.clone()] },
            Sel { variable_code: "Tid", value_codes: self.years.iter().map(|y| y.to_string()).collect() },
        ];
        #[derive(Serialize)]
        struct Body<'a> {
            selection: [Sel<'a>; 5],
        }
        serde_json::to_string(&Body { selection }).expect("a selection serializes")
    }
}

/// A blocking client for one PxWebApi v2 server.
pub struct Client {
    base: String,
    agent: ureq::Agent,
}

impl Client {
    pub fn new(base: &str) -> Client {
        let agent = ureq::Agent::config_builder().timeout_global(Some(std::time::Duration::from_secs(60))).build().into();
        Client { base: base.trim_end_matches('/').to_string(), agent }
    }

    /// The records of `query`, one call per year when all years at once would exceed the limit.
    pub fn fetch(&self, query: &Query) -> Result<Vec<Record>, PxWebError> {
        if query.values() <= MAX_VALUES {
            return self.fetch_one(query);
        }
        let mut out = Vec::new();
        for &year in &query.years {
            let one = Query { years: vec![year], ..query.clone() };
            if one.values() > MAX_VALUES {
                return Err(PxWebError::TooLarge(one.values()));
            }
            out.extend(self.fetch_one(&one)?);
        }
        Ok(out)
    }

    fn fetch_one(&self, query: &Query) -> Result<Vec<Record>, PxWebError> {
        let url = format!("{}/tables/{}/data?lang=sv&outputFormat=json-stat2", self.base, query.table);
        let http = |e: ureq::Error| PxWebError::Http { url: url.clone(), message: e.to_string() };
        let mut response = self.agent.post(&url).content_type("application/json").send(query.body()).map_err(http)?;
        let body = response.body_mut().with_config().limit(64 * 1024 * 1024).read_to_string().map_err(http)?;
        Ok(jsonstat::decode(&body, &url)?)
    }
}
