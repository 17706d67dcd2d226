//! Downloads over HTTP(S), the one place rosetta speaks to the network (`ureq`, with rustls
//! and the Mozilla root certificates, stays here). Every download has a time limit and a
//! size cap: a server that does not answer, or a body larger than the cap, is an error
//! after a bounded wait and a bounded amount of memory.

use std::time::Duration;

/// How long to wait and how much to take.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The longest wait for a connection, for the answer, and for each read of the body;
    /// a whole download takes at most ten times as long.
    pub(crate) timeout: Duration,
    /// The largest body accepted, in bytes.
    pub(crate) max_bytes: u64,
}

/// The variable that sets [`Limits::timeout`], in seconds (fractions allowed).
pub(crate) const TIMEOUT_VAR: &str = "ROSETTA_XREF_TIMEOUT";
/// The variable that sets [`Limits::max_bytes`].
pub(crate) const MAX_BYTES_VAR: &str = "ROSETTA_XREF_MAX_BYTES";

impl Limits {
    /// 30 seconds and 256 MiB (the .NET API map is about 140 MB), unless
    /// `ROSETTA_XREF_TIMEOUT` or `ROSETTA_XREF_MAX_BYTES` say otherwise.
    pub(crate) fn from_env() -> Limits {
        let timeout = std::env::var(TIMEOUT_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(Duration::from_secs(30), Duration::from_secs_f64);
        let max_bytes = std::env::var(MAX_BYTES_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|&b| b > 0)
            .unwrap_or(256 * 1024 * 1024);
        Limits { timeout, max_bytes }
    }
}

/// What a server said about its copy, to ask next time whether it changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Validators {
    /// `ETag`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) etag: Option<String>,
    /// `Last-Modified`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) last_modified: Option<String>,
}

/// What a download gave.
pub(crate) enum Fetched {
    /// The body, and what identifies this copy.
    Body(Vec<u8>, Validators),
    /// The copy the request named (by its validators) is still current.
    NotModified,
}

/// Gets `url`; with `known`, asks the server to answer "not modified" when its copy is
/// the same. The error says why, in a few words.
pub(crate) fn get(
    url: &str,
    known: Option<&Validators>,
    limits: Limits,
) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .user_agent(concat!("rosetta/", env!("CARGO_PKG_VERSION")))
        .timeout_resolve(Some(limits.timeout))
        .timeout_connect(Some(limits.timeout))
        .timeout_send_request(Some(limits.timeout))
        .timeout_recv_response(Some(limits.timeout))
        .timeout_per_read(Some(limits.timeout))
        .timeout_global(Some(limits.timeout * 10))
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(known) = known {
        if let Some(etag) = &known.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &known.last_modified {
            request = request.header("If-Modified-Since", date);
        }
    }
    let seconds = limits.timeout.as_secs_f64();
    let mut response = request.call().map_err(|e| describe(e, seconds, limits))?;
    let status = response.status();
    if status.as_u16() == 304 && known.is_some() {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        return Err(format!(
            "HTTP {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_owned());
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    if let Some(length) = response.body().content_length()
        && length > limits.max_bytes
    {
        return Err(format!(
            "{} is larger than the {} cap",
            size(length),
            size(limits.max_bytes)
        ));
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| describe(e, seconds, limits))?;
    Ok(Fetched::Body(bytes, validators))
}

/// A download error in a few words.
fn describe(error: ureq::Error, seconds: f64, limits: Limits) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("no answer within {seconds} s"),
        ureq::Error::BodyExceedsLimit(_) => {
            format!("the map is larger than the {} cap", size(limits.max_bytes))
        }
        ureq::Error::StatusCode(code) => format!("HTTP {code}"),
        other => other.to_string(),
    }
}

/// A byte count for people.
pub(crate) fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}
