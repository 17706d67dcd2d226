//! HTTP: the output folder's files, the live-reload script and its WebSocket.
//!
//! A request never leaves the output: the path is decoded, a `..` segment is refused, and
//! the file found must be a regular file inside the output. A folder URL gets its
//! `index.html` (never a listing); a missing file gets the site's `404.html` with status 404.
//! HTML pages get the live-reload script added as they are sent; the files on disk are what
//! `build` wrote.

use super::Shared;
use super::generation::{self, NOT_FOUND};
use super::live;
use crate::error::Error;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Where the live-reload script is served.
pub(crate) const SCRIPT_PATH: &str = "/__rosetta/live.js";
/// Where the live-reload WebSocket is.
pub(crate) const SOCKET_PATH: &str = "/__rosetta/live";

/// The live-reload script (see `live.js` beside this file).
const SCRIPT: &str = include_str!("live.js");

/// What every handler sees.
#[derive(Clone)]
pub(crate) struct App {
    pub(crate) shared: Arc<Shared>,
    /// The output folder, its links resolved: every file served is under it.
    root: Arc<PathBuf>,
    /// Becomes true when the server stops: open WebSockets close.
    pub(crate) stopping: watch::Receiver<bool>,
}

/// Serves until `signal` resolves, then stops: open WebSockets are closed and requests in
/// flight get a moment to finish.
pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    signal: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let (stop, stopping) = watch::channel(false);
    let root = canonical_output(&shared.out);
    let app = App {
        shared,
        root: Arc::new(root),
        stopping: stopping.clone(),
    };
    let router = Router::new()
        .route(SOCKET_PATH, get(live::socket))
        .route(SCRIPT_PATH, get(script))
        .fallback(file)
        .with_state(app);
    let mut stopped = stopping.clone();
    let server = axum::serve(listener, router).with_graceful_shutdown(async move {
        let _ = stopped.wait_for(|s| *s).await;
    });
    let mut server = tokio::spawn(server.into_future());
    tokio::select! {
        result = &mut server => {
            return match result {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(Error::Io(format!("the server stopped: {e}"))),
                Err(e) => Err(Error::Io(format!("the server stopped: {e}"))),
            };
        }
        () = signal => {}
    }
    let _ = stop.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
    Ok(())
}

/// The output folder with its links resolved (it may not exist yet: its parent is).
fn canonical_output(out: &Path) -> PathBuf {
    if let Ok(path) = out.canonicalize() {
        return path;
    }
    match (
        out.parent().and_then(|p| p.canonicalize().ok()),
        out.file_name(),
    ) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => out.to_path_buf(),
    }
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// Any other GET or HEAD: a file of the output.
async fn file(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD\n",
        )
            .into_response();
    }
    let Some(request) = RequestPath::parse(uri.path()) else {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "refused: the path leaves the site or is not a path\n",
        )
            .into_response();
    };
    let answer = tokio::task::spawn_blocking(move || find(&app, &request)).await;
    let response = match answer {
        Ok(answer) => answer.into_response(&uri),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if method == Method::HEAD {
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, Body::empty());
    }
    response
}

/// A request path, decoded and checked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RequestPath {
    /// The segments, decoded (no empty ones, no `.` or `..`).
    segments: Vec<String>,
    /// Whether it ends with `/` (a folder URL).
    folder: bool,
}

impl RequestPath {
    /// Decodes `/a%20b/c.html`; `None` for a path with a `..` segment (before or after
    /// decoding), a backslash, a NUL or bytes that are not UTF-8.
    pub(crate) fn parse(path: &str) -> Option<RequestPath> {
        let mut segments = Vec::new();
        for raw in path.split('/') {
            let segment = percent_encoding::percent_decode_str(raw)
                .decode_utf8()
                .ok()?
                .into_owned();
            if segment == ".." || segment.contains(['\\', '\0', '/']) {
                return None;
            }
            if segment.is_empty() || segment == "." {
                continue;
            }
            segments.push(segment);
        }
        let folder = path.ends_with('/') || segments.is_empty();
        Some(RequestPath { segments, folder })
    }

    /// The path relative to the output.
    fn rel(&self) -> String {
        self.segments.join("/")
    }
}

/// What a request gets.
enum Answer {
    /// A file's bytes.
    File {
        path: String,
        bytes: Vec<u8>,
        status: StatusCode,
    },
    /// A folder asked for without the final `/`: relative links need it.
    Redirect,
    /// Nothing to send at all (no `404.html` either).
    NotFound,
}

impl Answer {
    fn into_response(self, uri: &Uri) -> Response {
        match self {
            Answer::Redirect => {
                let mut location = format!("{}/", uri.path());
                if let Some(query) = uri.query() {
                    location.push('?');
                    location.push_str(query);
                }
                (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, location)],
                    "",
                )
                    .into_response()
            }
            Answer::NotFound => (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "not found\n",
            )
                .into_response(),
            Answer::File {
                path,
                bytes,
                status,
            } => {
                let mut response = Response::new(Body::from(bytes));
                *response.status_mut() = status;
                let headers = response.headers_mut();
                headers.insert(header::CONTENT_TYPE, content_type(&path));
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
                response
            }
        }
    }
}

/// Finds what `request` shows, in the latest published state.
fn find(app: &App, request: &RequestPath) -> Answer {
    let generation = app.shared.generation();
    let out = &app.shared.out;
    let mut rel = request.rel();
    if request.folder {
        rel = if rel.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{rel}/index.html")
        };
    } else if is_folder(out, &rel) {
        return Answer::Redirect;
    }
    let found = match generation.held.get(&rel) {
        Some((bytes, _)) => Some(bytes.to_vec()),
        None => read_output(&app.root, out, &rel),
    };
    if let Some(bytes) = found {
        let bytes = if is_html(&rel) {
            with_script(&bytes, &rel, false)
        } else {
            bytes
        };
        return Answer::File {
            path: rel,
            bytes,
            status: StatusCode::OK,
        };
    }
    match read_output(&app.root, out, NOT_FOUND) {
        Some(bytes) => Answer::File {
            path: NOT_FOUND.to_owned(),
            bytes: with_script(&bytes, &rel, true),
            status: StatusCode::NOT_FOUND,
        },
        None => Answer::NotFound,
    }
}

fn is_folder(out: &Path, rel: &str) -> bool {
    !rel.is_empty() && std::fs::symlink_metadata(out.join(rel)).is_ok_and(|m| m.is_dir())
}

fn is_html(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// Reads the output's regular file at `rel`, if it is one inside the output. (The builder
/// replaces a file by renaming its new version over it: a read gets the old bytes or the new
/// ones.)
fn read_output(root: &Path, out: &Path, rel: &str) -> Option<Vec<u8>> {
    read_inside(root, &out.join(rel)).ok()
}

fn read_inside(root: &Path, path: &Path) -> std::io::Result<Vec<u8>> {
    let real = path.canonicalize()?;
    if !real.starts_with(root) || !std::fs::metadata(&real)?.is_file() {
        return Err(ErrorKind::PermissionDenied.into());
    }
    std::fs::read(real)
}

/// Adds the live-reload script to an HTML page, before its last `</body>` (else at the
/// end). `page` is the output path the tab asked for; the not-found page also gets
/// `<base href="/">`, so that its relative links work at any depth.
fn with_script(html: &[u8], page: &str, not_found: bool) -> Vec<u8> {
    let version = format!("{:016x}", generation::fingerprint(html));
    let tag = format!(
        "<script src=\"{SCRIPT_PATH}\" data-page=\"{}\" data-version=\"{version}\"></script>\n",
        escape_attribute(page)
    );
    let mut out = Vec::with_capacity(html.len() + tag.len() + 32);
    let lower = html.to_ascii_lowercase();
    let mut rest = html;
    if not_found && let Some(head) = find_bytes(&lower, b"<head>") {
        let end = head + b"<head>".len();
        out.extend_from_slice(&html[..end]);
        out.extend_from_slice(b"<base href=\"/\">");
        rest = &html[end..];
    }
    let offset = html.len() - rest.len();
    match rfind_bytes(&lower[offset..], b"</body>") {
        Some(at) => {
            out.extend_from_slice(&rest[..at]);
            out.extend_from_slice(tag.as_bytes());
            out.extend_from_slice(&rest[at..]);
        }
        None => {
            out.extend_from_slice(rest);
            out.extend_from_slice(tag.as_bytes());
        }
    }
    out
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn rfind_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(haystack, needle)
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The `Content-Type` of a file, by its extension; text in UTF-8.
pub(crate) fn content_type(path: &str) -> HeaderValue {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mime = match ext.as_str() {
        "js" | "mjs" => "text/javascript".to_owned(),
        "json" | "map" => "application/json".to_owned(),
        "wasm" => "application/wasm".to_owned(),
        "xml" => "application/xml".to_owned(),
        _ => mime_guess::from_ext(&ext)
            .first_raw()
            .unwrap_or("application/octet-stream")
            .to_owned(),
    };
    let text = mime.starts_with("text/")
        || matches!(
            mime.as_str(),
            "application/json" | "application/xml" | "image/svg+xml"
        );
    let value = if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime
    };
    HeaderValue::from_str(&value)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_output_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/es-es/../../x",
            "/%2e%2e/x",
            "/a/%2E%2E/%2e%2e/x",
            "/a%2f..%2fb",
            "/a\\..\\b",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(RequestPath::parse(bad), None, "{bad}");
        }
        let ok = RequestPath::parse("/es-es/a%20b/").unwrap_or_else(|| panic!("refused"));
        assert_eq!(ok.rel(), "es-es/a b");
        assert!(ok.folder);
        assert!(RequestPath::parse("/").is_some_and(|p| p.folder && p.rel().is_empty()));
    }

    #[test]
    fn content_types_follow_the_extension_and_text_is_utf8() {
        for (path, wanted) in [
            ("a.html", "text/html; charset=utf-8"),
            ("_rosetta/rosetta.css", "text/css; charset=utf-8"),
            ("_rosetta/rosetta.js", "text/javascript; charset=utf-8"),
            ("media/a.PNG", "image/png"),
            ("a.svg", "image/svg+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("x.wasm", "application/wasm"),
            ("x.pf_meta", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), wanted, "{path}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end_and_the_not_found_page_gets_a_base() {
        let page = with_script(
            b"<html><head></head><body>x</BODY></html>",
            "es-es/a\"b.html",
            false,
        );
        let page = String::from_utf8_lossy(&page);
        assert!(
            page.contains("x<script src=\"/__rosetta/live.js\" data-page=\"es-es/a&quot;b.html\""),
            "{page}"
        );
        assert!(page.ends_with("</script>\n</BODY></html>"), "{page}");
        let missing = with_script(
            b"<html><head><title>t</title></head><body></body></html>",
            "x/y.html",
            true,
        );
        let missing = String::from_utf8_lossy(&missing);
        assert!(
            missing.starts_with("<html><head><base href=\"/\"><title>"),
            "{missing}"
        );
        let bare = with_script(b"text", "a.html", false);
        assert!(String::from_utf8_lossy(&bare).starts_with("text<script"));
    }
}
