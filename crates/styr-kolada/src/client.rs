//! The blocking client: pagination, retries, pacing, timeouts and the on-disk cache.

use std::io::Read as _;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

use crate::error::{KoladaError, Result};
use crate::model::{DataRow, Kpi, Municipality, MunicipalityGroup, Ou, Page};
use crate::urls::{self, ValueQuery};

/// How the client talks to Kolada. [`Config::default`] is polite to the production API.
#[derive(Debug, Clone)]
pub struct Config {
    /// e.g. `https://api.kolada.se/v3`; tests point it at a server on loopback.
    pub base_url: String,
    /// For the whole request, connect to last byte.
    pub timeout: Duration,
    /// Attempts after the first on 429, 5xx and timeouts.
    pub retries: u32,
    /// The first backoff; it doubles on each retry.
    pub backoff: Duration,
    /// The longest the client waits before a retry, also when `Retry-After` asks for more.
    pub max_wait: Duration,
    /// The least time between the starts of two requests.
    pub min_interval: Duration,
    /// Where each response is written with its URL and fetch time (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
    /// The largest page accepted.
    pub max_body: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: crate::DEFAULT_BASE_URL.to_string(),
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_secs(2),
            max_wait: Duration::from_secs(60),
            min_interval: Duration::from_millis(250),
            cache_dir: None,
            max_body: 256 << 20,
        }
    }
}

/// Items of one request (all its pages) with the time the first page was fetched.
#[derive(Debug, Clone)]
pub struct Fetched<T> {
    pub items: Vec<T>,
    pub fetched_at: DateTime<Utc>,
    /// Every page's URL, in order.
    pub urls: Vec<String>,
}

/// A retry the client made: the status (0 for a timeout) and how long the server asked it to wait.
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    pub url: String,
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub waited: Duration,
}

pub struct Client {
    cfg: Config,
    agent: ureq::Agent,
    last_start: Mutex<Option<Instant>>,
    retries: Mutex<Vec<Retry>>,
}

/// The most pages one request may have (at 5000 per page, 50 million items).
const MAX_PAGES: usize = 10_000;

impl Client {
    pub fn new(cfg: Config) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(cfg.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("styr/", env!("CARGO_PKG_VERSION"), " (+https://github.com/styr)"))
            .build()
            .into();
        Client { cfg, agent, last_start: Mutex::new(None), retries: Mutex::new(Vec::new()) }
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The retries made so far.
    pub fn retries(&self) -> Vec<Retry> {
        self.retries.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// KPI metadata by id; fails naming every id Kolada does not know.
    pub fn kpis(&self, ids: &[String]) -> Result<Fetched<Kpi>> {
        let fetched: Fetched<Kpi> = self.all(urls::by_ids(&self.cfg.base_url, "kpi", ids))?;
        let unknown: Vec<String> = ids.iter().filter(|id| !fetched.items.iter().any(|k| &k.id == *id)).cloned().collect();
        if !unknown.is_empty() {
            return Err(KoladaError::UnknownKpi { ids: unknown });
        }
        Ok(fetched)
    }

    /// KPIs whose title contains `title` (case-insensitive, Kolada's search).
    pub fn search_kpis(&self, title: &str) -> Result<Fetched<Kpi>> {
        self.all(vec![urls::search(&self.cfg.base_url, "kpi", title)])
    }

    pub fn municipalities(&self) -> Result<Fetched<Municipality>> {
        self.all(vec![format!("{}/municipality?per_page={}", self.base(), urls::PER_PAGE)])
    }

    /// Municipality groups whose title contains `title` (e.g. "Liknande kommuner äldreomsorg, Alingsås").
    pub fn municipality_groups(&self, title: &str) -> Result<Fetched<MunicipalityGroup>> {
        self.all(vec![urls::search(&self.cfg.base_url, "municipality_groups", title)])
    }

    /// The organisational units of a municipality.
    pub fn ous(&self, municipality: &str) -> Result<Fetched<Ou>> {
        self.all(vec![format!("{}/ou?municipality={}&per_page={}", self.base(), urls::encode(municipality), urls::PER_PAGE)])
    }

    /// Values of KPIs × areas × years (split into requests of at most 25 per list).
    pub fn values(&self, q: &ValueQuery) -> Result<Fetched<DataRow>> {
        self.all(q.urls(&self.cfg.base_url))
    }

    fn base(&self) -> &str {
        self.cfg.base_url.trim_end_matches('/')
    }

    /// Every item of every page of every URL.
    pub fn all<T: DeserializeOwned>(&self, first_pages: Vec<String>) -> Result<Fetched<T>> {
        let fetched_at = Utc::now();
        let mut out = Fetched { items: Vec::new(), fetched_at, urls: Vec::new() };
        for first in first_pages {
            let mut next = Some(first.clone());
            let mut pages = 0;
            while let Some(url) = next.take() {
                pages += 1;
                if pages > MAX_PAGES || out.urls.contains(&url) {
                    return Err(KoladaError::Pagination { url: first, pages });
                }
                let body = self.get(&url)?;
                let page: Page<T> = serde_json::from_slice(&body).map_err(|e| KoladaError::json(&url, &e))?;
                next = page.next().map(str::to_string);
                out.items.extend(page.values);
                out.urls.push(url);
            }
        }
        Ok(out)
    }

    /// One GET with pacing and retries; the body of a 2xx answer.
    pub fn get(&self, url: &str) -> Result<Vec<u8>> {
        let attempts = self.cfg.retries + 1;
        for attempt in 0..attempts {
            self.pace();
            let last = attempt + 1 == attempts;
            let backoff = self.cfg.backoff.saturating_mul(1 << attempt.min(16)).min(self.cfg.max_wait);
            match self.agent.get(url).call() {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    if (200..300).contains(&status) {
                        let body = read_body(resp.body_mut(), self.cfg.max_body).map_err(|e| self.transport_error(url, e, attempts))?;
                        self.save_to_cache(url, &body);
                        return Ok(body);
                    }
                    if status == 429 || status >= 500 {
                        if last {
                            return Err(KoladaError::GaveUp { url: url.to_string(), status, attempts });
                        }
                        let retry_after = resp
                            .headers()
                            .get("retry-after")
                            .and_then(|v| v.to_str().ok())
                            .and_then(|s| s.trim().parse::<u64>().ok())
                            .map(Duration::from_secs);
                        let wait = retry_after.map_or(backoff, |r| r.min(self.cfg.max_wait));
                        self.note_retry(url, status, retry_after, wait);
                        std::thread::sleep(wait);
                        continue;
                    }
                    let body = read_body(resp.body_mut(), 4096).unwrap_or_default();
                    let body: String = String::from_utf8_lossy(&body).chars().take(300).collect();
                    return Err(KoladaError::Status { url: url.to_string(), status, body });
                }
                Err(e) if is_timeout(&e) && !last => {
                    self.note_retry(url, 0, None, backoff);
                    std::thread::sleep(backoff);
                }
                Err(e) => return Err(self.transport_error(url, e, attempts)),
            }
        }
        unreachable!("the last attempt returns")
    }

    fn transport_error(&self, url: &str, e: ureq::Error, attempts: u32) -> KoladaError {
        if is_timeout(&e) {
            KoladaError::Timeout { url: url.to_string(), timeout: self.cfg.timeout, attempts, message: e.to_string() }
        } else {
            KoladaError::Transport { url: url.to_string(), message: e.to_string() }
        }
    }

    fn note_retry(&self, url: &str, status: u16, retry_after: Option<Duration>, waited: Duration) {
        if let Ok(mut r) = self.retries.lock() {
            r.push(Retry { url: url.to_string(), status, retry_after, waited });
        }
    }

    /// Waits until `min_interval` has passed since the last request began.
    fn pace(&self) {
        let Ok(mut last) = self.last_start.lock() else { return };
        if let Some(t) = *last {
            let since = t.elapsed();
            if since < self.cfg.min_interval {
                std::thread::sleep(self.cfg.min_interval - since);
            }
        }
        *last = Some(Instant::now());
    }

    /// Writes the body as `<key>.json` and its URL and fetch time as `<key>.url` (best effort: a
    /// cache that cannot be written must not fail a fetch).
    fn save_to_cache(&self, url: &str, body: &[u8]) {
        let Some(dir) = &self.cfg.cache_dir else { return };
        let key = crate::saved::cache_key(url);
        let _ = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(dir.join(format!("{key}.json")), body))
            .and_then(|()| std::fs::write(dir.join(format!("{key}.url")), format!("{url}\n{}\n", Utc::now().to_rfc3339())));
    }
}

fn read_body(body: &mut ureq::Body, limit: u64) -> Result<Vec<u8>, ureq::Error> {
    let mut out = Vec::new();
    body.with_config().limit(limit).reader().read_to_end(&mut out).map_err(ureq::Error::Io)?;
    Ok(out)
}

fn is_timeout(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Timeout(_) => true,
        ureq::Error::Io(io) => matches!(io.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock),
        _ => false,
    }
}
