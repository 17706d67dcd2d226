//! The index stage: a static full-text index per locale, built in-process with Pagefind from
//! the rendered pages. The only user of `pagefind`; it runs it on a `tokio` runtime of its own.
//!
//! The render stage hands every page over as soon as it is written ([`Indexer::page`]), in
//! page order, to its locale's indexing thread, which runs beside the rendering. Each locale
//! has an index of its own (its language is the locale's, as `<html lang>` says), built by a
//! thread of its own and written to `_rosetta/search/<locale>/` in the staging output as
//! soon as the locale's last page is indexed. Pagefind adds the pages of one index one after
//! the other, so locales are indexed side by side, as many at a time as there are cores
//! (more would only add memory). Only `<article data-pagefind-body>` is indexed: navigation
//! and the rest of the page frame are not.

mod bundle;

use crate::error::Error;
use crate::output::Output;
use bundle::Listing;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::collections::VecDeque;
use std::fmt;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::{Scope, ScopedJoinHandle};
use std::time::Duration;

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

use crate::site::paths::bundle_dir;

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

/// Builds every locale's index again from pages already in the output folder `out_dir`
/// (`locales`: each locale's name and its pages' output paths, in page order), beside it,
/// and then puts the new `_rosetta/search/` in place of the old one: `rosetta serve`
/// refreshes its search this way, after its pages are written. The index is the one a
/// build of the same pages writes; the old index's files are reused as a build reuses them.
pub(crate) fn reindex(
    out_dir: &Path,
    site_root: &Path,
    locales: &[(String, Vec<String>)],
) -> Result<Summary, Error> {
    let out = Output::begin(out_dir, site_root)?;
    let summary = std::thread::scope(|scope| {
        let indexer = Indexer::start(scope, &out);
        for (name, pages) in locales {
            let feed = indexer.locale(name);
            for page in pages {
                let rel = format!("{name}/{page}");
                let html = fs::read_to_string(out_dir.join(&rel))
                    .map_err(|e| Error::Io(format!("search index: cannot read `{rel}`: {e}")))?;
                feed.page(&crate::site::paths::relative_url("", &rel), html);
            }
        }
        indexer.finish()
    })?;
    out.commit_folder(SEARCH_ROOT)?;
    Ok(summary)
}

/// The folder of every locale's index, in the output.
pub(crate) const SEARCH_ROOT: &str = "_rosetta/search";

/// A rendered page: its URL from the output root (`/zh-tw/a.html`) and its HTML.
struct Page {
    url: String,
    html: String,
}

/// The indexing threads, fed by the render stage: one per locale, up to one per core at a
/// time (Pagefind indexes the pages of one index one after the other).
pub(crate) struct Indexer<'scope, 'env> {
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
    pub(crate) fn start(scope: &'scope Scope<'scope, 'env>, out: &'env Output) -> Self {
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
    pub(crate) fn parallel(&self) -> usize {
        self.parallel
    }

    /// Starts the index of a locale, fed through the returned handle; the index is built and
    /// written once the handle is dropped. Waits while as many locales as there are cores
    /// are still being indexed.
    pub(crate) fn locale(&self, name: &str) -> LocaleFeed {
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
    pub(crate) fn finish(self) -> Result<Summary, Error> {
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
pub(crate) struct LocaleFeed {
    pages: Sender<Page>,
}

impl LocaleFeed {
    /// Hands over a rendered page; `url` is its path from the output root, percent-encoded
    /// (`zh-tw/a.html`).
    pub(crate) fn page(&self, url: &str, html: String) {
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
        .enable_time()
        .max_blocking_threads(BLOCKING_THREADS)
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
    ///
    /// Pagefind names its index files after their content and gzips them at the highest
    /// level, most of the cost of writing an index. The files of the previous output's index
    /// are linked into the new folder first (when they still hold the content their name
    /// says); Pagefind does not write a file that exists, so only what changed is compressed.
    /// Linked files the new index does not list, or lists with another description, are
    /// removed afterwards (the latter written anew).
    fn write(
        mut self,
        runtime: &tokio::runtime::Runtime,
        out: &Output,
        summary: &mut Summary,
    ) -> Result<(), Error> {
        let rel = bundle_dir(&self.name);
        let dir = out.staging_dir(&rel);
        let name = self.name.clone();
        let io = |e: std::io::Error| {
            Error::Io(format!(
                "search index for {name}: cannot write `{}`: {e}",
                dir.display()
            ))
        };
        for sub in SUBFOLDERS {
            fs::create_dir_all(dir.join(sub)).map_err(io)?;
        }
        let previous = out
            .previous_dir(&rel)
            .and_then(|old| Some((Listing::read(&old)?, old)));
        let linked = match &previous {
            Some((listing, old)) => link_previous(listing, old, &dir),
            None => Vec::new(),
        };
        self.write_files(runtime, &dir)?;
        let listing = Listing::read(&dir).ok_or_else(|| {
            Error::Io(format!(
                "search index for {}: Pagefind wrote no readable index into `{}`",
                self.name,
                dir.display()
            ))
        })?;
        let mut rewrite = false;
        if let Some((old, _)) = &previous {
            for (path, listed) in outdated(&linked, old, &listing) {
                fs::remove_file(dir.join(path)).map_err(io)?;
                rewrite |= listed;
            }
        }
        if rewrite {
            self.write_files(runtime, &dir)?;
        }
        drop(self.index);
        remove_unused(&dir).map_err(io)?;
        summary.bytes += folder_size(&dir).map_err(io)?;
        summary.pages.insert(self.name, listing.pages);
        Ok(())
    }

    /// Lets Pagefind build the index and write the files that are not in `dir` yet.
    fn write_files(&mut self, runtime: &tokio::runtime::Runtime, dir: &Path) -> Result<(), Error> {
        let path = dir.to_str().ok_or_else(|| {
            Error::Io(format!(
                "search index: the output path `{}` is not valid UTF-8",
                dir.display()
            ))
        })?;
        // Pagefind retries a file it cannot create until it can: a bound, far above the
        // time of any real index, turns a folder that never becomes writable into an error.
        let write = self.index.write_files(Some(path.to_owned()));
        let written = runtime.block_on(async { tokio::time::timeout(WRITE_LIMIT, write).await });
        match written {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(Error::Io(format!("search index for {}: {e}", self.name))),
            Err(_) => Err(Error::Io(format!(
                "search index for {}: cannot write its files into `{}` (gave up after {} s)",
                self.name,
                dir.display(),
                WRITE_LIMIT.as_secs()
            ))),
        }
    }
}

/// Threads of a locale's runtime for Pagefind's file operations (tokio's default, 512, lets
/// Pagefind's writer start a thread for nearly every file of the index at once).
const BLOCKING_THREADS: usize = 4;

/// The folders of an index's content-hashed files.
const SUBFOLDERS: [&str; 3] = ["fragment", "index", "filter"];

/// How long Pagefind may take to write one index.
const WRITE_LIMIT: Duration = Duration::from_secs(600);

/// Links the content-hashed files the previous index lists from its folder `old` into `dir`,
/// those that still hold the content their names say; returns their paths in the folder.
/// A file that cannot be linked is left to be written.
fn link_previous(previous: &Listing, old: &Path, dir: &Path) -> Vec<String> {
    use rayon::prelude::*;
    previous
        .files
        .par_iter()
        .filter_map(|(path, _)| {
            let from = old.join(path);
            let linked = fs::symlink_metadata(&from).is_ok_and(|m| m.is_file())
                && bundle::holds_its_content(&from)
                && fs::hard_link(&from, dir.join(path)).is_ok();
            linked.then(|| path.clone())
        })
        .collect()
}

/// Of the files linked from the previous index (`old`), those that are not the new index's:
/// not listed by it (`false`), or listed with another description (`true`: the same name
/// for other content, to be written anew).
fn outdated<'a>(linked: &'a [String], old: &Listing, new: &Listing) -> Vec<(&'a str, bool)> {
    linked
        .iter()
        .filter_map(|path| match new.files.get(path) {
            None => Some((path.as_str(), false)),
            Some(now) if old.files.get(path) != Some(now) => Some((path.as_str(), true)),
            Some(_) => None,
        })
        .collect()
}

/// Removes what Pagefind writes and rosetta's search page does not load: its UI bundles,
/// the playground, and the generic module when the language has one of its own.
fn remove_unused(dir: &Path) -> std::io::Result<()> {
    for name in UNUSED {
        remove_if_present(&dir.join(name))?;
    }
    let playground = dir.join("playground");
    if playground.exists() {
        fs::remove_dir_all(&playground)?;
    }
    let has_own_wasm = fs::read_dir(dir)?.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.starts_with("wasm.") && name != "wasm.unknown.pagefind"
    });
    if has_own_wasm {
        remove_if_present(&dir.join("wasm.unknown.pagefind"))?;
    }
    for sub in SUBFOLDERS {
        // Empty (no filters, say): not part of the output.
        let _ = fs::remove_dir(dir.join(sub));
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The bytes of the files in a folder and its subfolders.
fn folder_size(dir: &Path) -> std::io::Result<u64> {
    let mut bytes = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        bytes += if meta.is_dir() {
            folder_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linked_files_the_new_index_does_not_list_as_before_are_outdated() {
        let listing = |files: &[(&str, &str)]| Listing {
            files: files
                .iter()
                .map(|(p, d)| (p.to_string(), d.to_string()))
                .collect(),
            pages: 0,
        };
        let old = listing(&[
            ("index/a_1.pf_index", "a\0f"),
            ("index/a_2.pf_index", "g\0m"),
            ("fragment/a_3.pf_fragment", "12"),
            ("fragment/a_4.pf_fragment", "7"),
        ]);
        let new = listing(&[
            ("index/a_1.pf_index", "a\0f"),
            ("index/a_2.pf_index", "g\0k"),
            ("fragment/a_4.pf_fragment", "7"),
            ("fragment/a_5.pf_fragment", "3"),
        ]);
        let linked: Vec<String> = old.files.keys().cloned().collect();
        assert_eq!(
            outdated(&linked, &old, &new),
            [
                ("fragment/a_3.pf_fragment", false),
                ("index/a_2.pf_index", true)
            ]
        );
    }

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
}
