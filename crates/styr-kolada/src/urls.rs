//! The request URLs: path form, every comma-separated list at most [`MAX_LIST`] items long.

use crate::MAX_LIST;

/// `per_page` on every list request: the API's maximum, to keep the number of requests down.
pub const PER_PAGE: u32 = 5000;

/// A value request: which KPIs for which areas (municipalities, regions, Riket, groups) and years.
#[derive(Debug, Clone, Default)]
pub struct ValueQuery {
    pub kpis: Vec<String>,
    pub areas: Vec<String>,
    pub years: Vec<i32>,
    /// Only values changed since this date (`YYYY-MM-DD`).
    pub from_date: Option<String>,
    /// Unit-level data (`/oudata`; `areas` are OU ids).
    pub units: bool,
}

impl ValueQuery {
    /// The URLs that together answer the query (first pages; later pages follow `next_url`).
    pub fn urls(&self, base: &str) -> Vec<String> {
        let (endpoint, dim) = if self.units { ("oudata", "ou") } else { ("data", "municipality") };
        let years: Vec<String> = self.years.iter().map(|y| y.to_string()).collect();
        let mut out = Vec::new();
        for k in self.kpis.chunks(MAX_LIST) {
            for a in self.areas.chunks(MAX_LIST) {
                for y in years.chunks(MAX_LIST) {
                    let mut url = format!(
                        "{}/{endpoint}/kpi/{}/{dim}/{}/year/{}?per_page={PER_PAGE}",
                        base.trim_end_matches('/'),
                        k.join(","),
                        a.join(","),
                        y.join(",")
                    );
                    if let Some(d) = &self.from_date {
                        url.push_str("&from_date=");
                        url.push_str(&encode(d));
                    }
                    out.push(url);
                }
            }
        }
        out
    }
}

/// The URLs of the metadata of `ids` of an entity (`kpi`, `municipality`, `ou` …).
pub fn by_ids(base: &str, entity: &str, ids: &[String]) -> Vec<String> {
    ids.chunks(MAX_LIST).map(|c| format!("{}/{entity}/{}?per_page={PER_PAGE}", base.trim_end_matches('/'), c.join(","))).collect()
}

/// The URL of an entity's title search.
pub fn search(base: &str, entity: &str, title: &str) -> String {
    format!("{}/{entity}?title={}&per_page={PER_PAGE}", base.trim_end_matches('/'), encode(title))
}

/// Percent-encodes a query value (UTF-8; å, ä, ö and spaces included).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_split_into_chunks_of_25() {
        let q = ValueQuery {
            kpis: (0..30).map(|i| format!("N{i:05}")).collect(),
            areas: vec!["1489".into(), "0000".into()],
            years: (2000..2027).collect(),
            ..Default::default()
        };
        let urls = q.urls("http://x/v3/");
        assert_eq!(urls.len(), 4, "2 KPI chunks × 1 area chunk × 2 year chunks");
        assert!(urls[0].starts_with("http://x/v3/data/kpi/N00000,"));
        assert_eq!(urls[0].split("/kpi/").nth(1).unwrap().split('/').next().unwrap().split(',').count(), 25);
        assert!(urls[3].contains("/year/2025,2026?per_page=5000"));
    }

    #[test]
    fn titles_are_percent_encoded() {
        assert_eq!(search("http://x/v3", "kpi", "väntetid boende"), "http://x/v3/kpi?title=v%C3%A4ntetid%20boende&per_page=5000");
    }
}
