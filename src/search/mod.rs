//! The index stage: a static full-text index per locale, built in-process with Pagefind from
//! the rendered pages. The only user of `pagefind` and `tokio`.
//!
//! The render stage hands every page over as soon as it is written ([`Indexer::page`]), in
//! page order, to its locale's indexing thread, which runs beside the rendering. Each locale
//! has an index of its own (its language is the locale's, as `<html lang>` says), built by a
//! thread of its own and written to `_rosetta/search/<locale>/` in the staging output as
//! soon as the locale's last page is indexed. Pagefind adds the pages of one index one after
//! the other, so locales are indexed side by side, as many at a time as there are cores
//! (more would only add memory). Only `<article data-pagefind-body>` is indexed: navigation
//! and the rest of the page frame are not.

use crate::Error;
use crate::output::Output;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::collections::VecDeque;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::{Scope, ScopedJoinHandle};

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

/// A rendered page: its URL from the output root (`/zh-tw/a.html`) and its HTML.
struct Page {
    url: String,
    html: String,
}

/// The indexing threads, fed by the render stage: one per locale, up to one per core at a
/// time (Pagefind indexes the pages of one index one after the other).
pub struct Indexer<'scope, 'env> {
    scope: &'scope Scope<'scope, 'env>,
    out: &'env Output,
    /// How many locales are indexed at the same time.
    parallel: usize,
    /// Set when the build failed: the threads stop without writing.
    cancelled: Arc<AtomicBool>,
    state: Mutex<State<'scope>>,
}

struct State<'scope> {
    running: VecDeque<ScopedJoinHandle<'scope, Result<Summary, Error>>>,
    done: Vec<Result<Summary, Error>>,
}

impl<'scope, 'env> Indexer<'scope, 'env> {
    /// Prepares the indexing threads, which write each locale's index into `out`.
    pub fn start(scope: &'scope Scope<'scope, 'env>, out: &'env Output) -> Self {
        Indexer {
            scope,
            out,
            parallel: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cancelled: Arc::new(AtomicBool::new(false)),
            state: Mutex::new(State {
                running: VecDeque::new(),
                done: Vec::new(),
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State<'scope>> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many locales are indexed at the same time: the render stage hands their pages
    /// over side by side.
    pub fn parallel(&self) -> usize {
        self.parallel
    }

    /// Starts the index of a locale, fed through the returned handle; the index is built and
    /// written once the handle is dropped. Waits while as many locales as there are cores
    /// are still being indexed.
    pub fn locale(&self, name: &str) -> LocaleFeed {
        let mut state = self.state();
        while state.running.len() >= self.parallel {
            if let Some(oldest) = state.running.pop_front() {
                let result = join(oldest);
                state.done.push(result);
            }
        }
        let (pages, queue) = channel();
        let (name, out, cancelled) = (name.to_owned(), self.out, Arc::clone(&self.cancelled));
        let worker = self
            .scope
            .spawn(move || index_locale(name, queue, out, &cancelled));
        state.running.push_back(worker);
        LocaleFeed { pages }
    }

    /// Waits until every index is written.
    pub fn finish(self) -> Result<Summary, Error> {
        let mut state = self.state();
        while let Some(worker) = state.running.pop_front() {
            let result = join(worker);
            state.done.push(result);
        }
        let mut summary = Summary::default();
        for result in state.done.drain(..) {
            let one = result?;
            summary.pages.extend(one.pages);
            summary.bytes += one.bytes;
        }
        Ok(summary)
    }
}

impl Drop for Indexer<'_, '_> {
    /// An indexer dropped without `finish` (the build failed): stop the threads, discard
    /// their work.
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
        let mut state = self.state();
        while let Some(worker) = state.running.pop_front() {
            let _ = worker.join();
        }
    }
}

/// The queue of one locale's index.
pub struct LocaleFeed {
    pages: Sender<Page>,
}

impl LocaleFeed {
    /// Hands over a rendered page; `url` is its path from the output root, percent-encoded
    /// (`zh-tw/a.html`).
    pub fn page(&self, url: &str, html: String) {
        // A send fails only when the thread has stopped on an error: `finish` reports it.
        let _ = self.pages.send(Page {
            url: format!("/{}", url.trim_start_matches('/')),
            html,
        });
    }
}

fn join(worker: ScopedJoinHandle<'_, Result<Summary, Error>>) -> Result<Summary, Error> {
    worker.join().unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown failure");
        Err(Error::Io(format!("search index failed: {message}")))
    })
}

/// An indexing thread: the index of one locale, on a runtime of its own, written into the
/// output once the queue closes (unless the build was cancelled).
fn index_locale(
    name: String,
    queue: Receiver<Page>,
    out: &Output,
    cancelled: &AtomicBool,
) -> Result<Summary, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| Error::Io(format!("search index: cannot start: {e}")))?;
    let mut locale = LocaleIndex::new(name)?;
    for Page { url, html } in queue {
        if cancelled.load(Ordering::Relaxed) {
            return Ok(Summary::default());
        }
        runtime
            .block_on(locale.index.add_html_file(None, Some(url.clone()), html))
            .map_err(|e| Error::Io(format!("search index: cannot index {url}: {e}")))?;
    }
    if cancelled.load(Ordering::Relaxed) {
        return Ok(Summary::default());
    }
    let mut summary = Summary::default();
    locale.write(&runtime, out, &mut summary)?;
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
