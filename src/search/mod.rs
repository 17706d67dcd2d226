//! The index stage: a static full-text index per locale, built in-process with Pagefind from
//! the rendered pages. The only user of `pagefind` and `tokio`.
//!
//! The render stage hands every page over as soon as it is written ([`Indexer::page`]), in
//! page order, to one indexing thread that runs beside the rendering; a bounded queue keeps
//! only a few pages' HTML in memory. Each locale has an index of its own (its language is
//! the locale's, as `<html lang>` says), written to `_rosetta/search/<locale>/` in the
//! staging output as soon as the locale's last page is indexed, before the next locale's
//! index grows. Only `<article data-pagefind-body>` is indexed: navigation and the rest of
//! the page frame are not.

use crate::Error;
use crate::output::Output;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

/// Pages waiting for the indexing thread: enough to keep it busy, few enough to keep memory
/// flat however large the site.
const QUEUE: usize = 64;

/// Files of Pagefind's bundle that rosetta's own search page does not use.
const UNUSED: [&str; 7] = [
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// The folder of a locale's index, relative to the output root (no trailing `/`).
pub fn bundle_dir(locale: &str) -> String {
    format!("_rosetta/search/{locale}")
}

/// The search page of a locale, relative to the locale's output folder.
pub const SEARCH_PAGE: &str = "search.html";

/// What the indexes hold, for the summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Pages in each locale's index.
    pub pages: BTreeMap<String, usize>,
    /// Bytes written under `_rosetta/search/`.
    pub bytes: u64,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("search: ")?;
        for (locale, pages) in &self.pages {
            write!(f, "{locale} {pages} pages, ")?;
        }
        let kib = self.bytes.div_ceil(1024);
        if kib >= 10 * 1024 {
            write!(f, "index {:.1} MiB", self.bytes as f64 / (1024.0 * 1024.0))
        } else {
            write!(f, "index {kib} KiB")
        }
    }
}

enum Job {
    /// The pages that follow belong to this locale.
    Locale(String),
    /// A rendered page: its URL from the output root (`/zh-tw/a.html`) and its HTML.
    Page { url: String, html: String },
    /// Every page has been handed over.
    Finish,
}

/// The indexing thread, fed by the render stage.
pub struct Indexer<'scope> {
    jobs: Option<SyncSender<Job>>,
    worker: Option<ScopedJoinHandle<'scope, Result<Summary, Error>>>,
}

impl<'scope> Indexer<'scope> {
    /// Starts the indexing thread, which writes each locale's index into `out`.
    pub fn start<'env>(scope: &'scope Scope<'scope, 'env>, out: &'env Output) -> Indexer<'scope> {
        let (jobs, queue) = sync_channel(QUEUE);
        let worker = scope.spawn(move || index(queue, out));
        Indexer {
            jobs: Some(jobs),
            worker: Some(worker),
        }
    }

    /// Starts the index of a locale: the pages handed over next are in it.
    pub fn locale(&self, name: &str) {
        self.send(Job::Locale(name.to_owned()));
    }

    /// Hands over a rendered page; `url` is its path from the output root, percent-encoded
    /// (`zh-tw/a.html`). Blocks while the queue is full.
    pub fn page(&self, url: &str, html: String) {
        self.send(Job::Page {
            url: format!("/{}", url.trim_start_matches('/')),
            html,
        });
    }

    fn send(&self, job: Job) {
        // A send fails only when the thread has stopped on an error: `finish` reports it.
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// Waits until every index is written.
    pub fn finish(mut self) -> Result<Summary, Error> {
        self.send(Job::Finish);
        self.jobs = None;
        match self.worker.take().map(ScopedJoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(panic)) => {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("unknown failure");
                Err(Error::Io(format!("search index failed: {message}")))
            }
            None => Ok(Summary::default()),
        }
    }
}

impl Drop for Indexer<'_> {
    /// An indexer dropped without `finish` (the build failed): stop the thread, discard its
    /// work.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// The indexing thread: one Pagefind index at a time, on a runtime of its own.
fn index(queue: Receiver<Job>, out: &Output) -> Result<Summary, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| Error::Io(format!("search index: cannot start: {e}")))?;
    let mut summary = Summary::default();
    let mut current: Option<LocaleIndex> = None;
    // Ends early, without writing, when the render stage stops without `Finish`.
    for job in queue {
        match job {
            Job::Locale(name) => {
                if let Some(done) = current.take() {
                    done.write(&runtime, out, &mut summary)?;
                }
                current = Some(LocaleIndex::new(name)?);
            }
            Job::Page { url, html } => {
                if let Some(locale) = current.as_mut() {
                    runtime
                        .block_on(locale.index.add_html_file(None, Some(url.clone()), html))
                        .map_err(|e| Error::Io(format!("search index: cannot index {url}: {e}")))?;
                }
            }
            Job::Finish => {
                if let Some(done) = current.take() {
                    done.write(&runtime, out, &mut summary)?;
                }
                return Ok(summary);
            }
        }
    }
    Ok(summary)
}

/// The index of one locale while its pages come in.
struct LocaleIndex {
    name: String,
    index: PagefindIndex,
}

impl LocaleIndex {
    fn new(name: String) -> Result<LocaleIndex, Error> {
        // Pagefind resolves its (unused) paths against the working directory.
        std::env::current_dir().map_err(|e| {
            Error::Io(format!(
                "search index: the working directory is not available: {e}"
            ))
        })?;
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language(name.to_lowercase())
            .build();
        let index = PagefindIndex::new(Some(config))
            .map_err(|e| Error::Io(format!("search index for {name}: {e}")))?;
        Ok(LocaleIndex { name, index })
    }

    /// Builds the index and writes its files into the output.
    fn write(
        mut self,
        runtime: &tokio::runtime::Runtime,
        out: &Output,
        summary: &mut Summary,
    ) -> Result<(), Error> {
        let files = runtime
            .block_on(self.index.get_files())
            .map_err(|e| Error::Io(format!("search index for {}: {e}", self.name)))?;
        drop(self.index);
        let mut files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                (name, f.contents)
            })
            .filter(|(name, _)| {
                !UNUSED.contains(&name.as_str()) && !name.starts_with("playground/")
            })
            .collect();
        // The generic module is only loaded when the language has none of its own.
        let has_own_wasm = files
            .iter()
            .any(|(n, _)| n.starts_with("wasm.") && n != "wasm.unknown.pagefind");
        if has_own_wasm {
            files.retain(|(n, _)| n != "wasm.unknown.pagefind");
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let pages = files
            .iter()
            .find(|(n, _)| n == "pagefind-entry.json")
            .map_or(0, |(_, bytes)| page_count(bytes));
        let dir = bundle_dir(&self.name);
        let paths: Vec<String> = files.iter().map(|(n, _)| format!("{dir}/{n}")).collect();
        out.create_dirs(paths.iter().map(String::as_str))?;
        for (path, (_, bytes)) in paths.iter().zip(&files) {
            out.write(path, bytes)?;
            summary.bytes += bytes.len() as u64;
        }
        summary.pages.insert(self.name, pages);
        Ok(())
    }
}

/// The pages of every language in a `pagefind-entry.json`.
fn page_count(entry: &[u8]) -> usize {
    serde_json::from_slice::<serde_json::Value>(entry)
        .ok()
        .and_then(|v| {
            v.get("languages")?.as_object().map(|languages| {
                languages
                    .values()
                    .filter_map(|l| l.get("page_count")?.as_u64())
                    .sum::<u64>() as usize
            })
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_pages_per_locale_and_the_size() {
        let summary = Summary {
            pages: BTreeMap::from([("es-es".into(), 113), ("zh-tw".into(), 112)]),
            bytes: 710 * 1024 - 5,
        };
        assert_eq!(
            summary.to_string(),
            "search: es-es 113 pages, zh-tw 112 pages, index 710 KiB"
        );
        let big = Summary {
            pages: BTreeMap::new(),
            bytes: 25 * 1024 * 1024 + 512 * 1024,
        };
        assert_eq!(big.to_string(), "search: index 25.5 MiB");
    }

    #[test]
    fn page_count_reads_the_entry_file() {
        let entry = br#"{"version":"1.6.0","languages":{"es-es":{"hash":"x","wasm":"es-es","page_count":3}}}"#;
        assert_eq!(page_count(entry), 3);
        assert_eq!(page_count(b"not json"), 0);
    }
}
