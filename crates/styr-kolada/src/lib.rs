//! A client for the Kolada REST API v3 (<https://api.kolada.se/v3>), Sweden's database of
//! municipal key figures (KPIs).
//!
//! - [`model`]: the responses, deserialized leniently where the API's description is unsure
//!   (`next_url` or `next_page`, `auspice` or `auspices`, booleans as `0`/`1`, `period` as a number
//!   or a string, `null` values, `isdeleted` rows);
//! - [`Client`]: blocking HTTP (ureq with rustls): follows pagination, splits id lists into chunks
//!   of at most 25, retries 429 and 5xx with backoff honouring `Retry-After`, times out, keeps a
//!   polite pace between requests and writes every response to an on-disk cache with its fetch time;
//! - [`saved`]: offline mode: reads a directory of saved responses in the API's own JSON format
//!   (the cache directory is one) and lists the request URLs a person can fetch elsewhere.
//!
//! Every error names the URL or file, and for broken JSON the line and column.

pub mod client;
pub mod error;
pub mod fake_server;
pub mod model;
pub mod saved;
pub mod urls;

pub use client::{Client, Config, Fetched};
pub use error::KoladaError;
pub use model::{DataRow, DataValue, Kpi, Municipality, MunicipalityGroup, Ou, Page};

/// The chunk size of every comma-separated list in a v3 request path.
pub const MAX_LIST: usize = 25;

/// The production base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.kolada.se/v3";
