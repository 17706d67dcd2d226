//! Other sites' xref maps, loaded before the analyse pass: where they are named (`xref:`
//! in rosetta.yaml, for every locale; `build.xref` in a docfx.json, for its locale), where
//! they come from (a file, or an http(s) URL through the download cache beside
//! rosetta.yaml, see `cache.rs`; `--offline` reads the cache only), and the `xref-map`
//! warning for a map that cannot be had.
//!
//! Each map is read once however many locales name it, and shared. While a map that a
//! locale names is missing, a cross reference of that locale that resolves nowhere may be
//! in it: such references are counted in the map's one warning rather than reported one by
//! one (`Page::unresolved_xrefs`).
//!
//! A map read once is taken back by the next load while its file (or its cached download,
//! still fresh) is unchanged and the map is still held (`serve` holds the last build's
//! until the next full rebuild is done): a rebuild does not read and parse a map of
//! hundreds of thousands of uids again. Only a weak reference is kept here, so a build
//! that lets its maps go frees them.

mod cache;
mod fetch;

use crate::dfm::xrefmap::{self, XrefMap};
use crate::diagnostic::{Code, Diagnostic, Location, Related};
use crate::site::Site;
use crate::site::shard::{Part, Shard};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::SystemTime;

/// The maps of one locale.
#[derive(Clone, Debug, Default)]
pub(crate) struct LocaleMaps {
    /// In order: rosetta.yaml's, then the locale's docfx.json files'.
    pub(crate) maps: Vec<Arc<XrefMap>>,
    /// Whether a map the locale names could not be had.
    pub(crate) incomplete: bool,
}

/// Every map of the site, per locale, and what could not be had.
#[derive(Debug, Default)]
pub(crate) struct XrefMaps {
    locales: Vec<LocaleMaps>,
    missing: Vec<Missing>,
    /// Other findings: a copy that could not be refreshed or kept.
    findings: Vec<Diagnostic>,
}

/// A map that cannot be had.
#[derive(Debug)]
struct Missing {
    /// As first named.
    name: String,
    reason: String,
    /// Where it is named: the first place, then the others.
    places: Vec<(Option<String>, Location)>,
    /// The locales that name it.
    locales: Vec<usize>,
}

/// Where a map comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Origin {
    Url(String),
    File(PathBuf),
    /// Neither (another scheme): why.
    Refused(String),
}

/// One naming of a map.
struct Naming {
    name: String,
    origin: Origin,
    locale: Option<String>,
    at: Location,
    /// The locales it serves.
    serves: Vec<usize>,
}

impl XrefMaps {
    /// The maps of locale `l`.
    pub(crate) fn of_locale(&self, l: usize) -> LocaleMaps {
        self.locales.get(l).cloned().unwrap_or_default()
    }

    /// The findings of the maps: one `xref-map` warning per map that cannot be had, with the
    /// number of cross references left unresolved in the locales it serves
    /// (`unresolved[l]`), and the warnings about cached copies.
    pub(crate) fn findings(&self, unresolved: &[usize]) -> Vec<Diagnostic> {
        let mut out = self.findings.clone();
        for missing in &self.missing {
            let count: usize = missing
                .locales
                .iter()
                .filter_map(|&l| unresolved.get(l))
                .sum();
            let counted = match count {
                0 => "no cross reference is left unresolved by its absence".to_owned(),
                1 => "1 cross reference that resolves nowhere is counted here instead of an `xref-not-found` finding".to_owned(),
                n => format!(
                    "{n} cross references that resolve nowhere are counted here instead of one `xref-not-found` finding each"
                ),
            };
            let Some(((locale, at), others)) = missing.places.split_first() else {
                continue;
            };
            let mut d = Diagnostic::new(
                Code::XrefMap,
                locale.as_deref(),
                at,
                format!(
                    "xref map `{}` cannot be had: {}; {counted}",
                    missing.name, missing.reason
                ),
            );
            for (_, place) in others {
                d.related.push(Related::new(place, "also named here"));
            }
            out.push(d);
        }
        out
    }
}

/// One map as loaded: the map or why it cannot be had, and notes for the user.
type Loaded = (Result<Arc<XrefMap>, String>, Vec<String>);

/// Loads every map the site names for the locales `shard` analyses (a locale it only
/// lists resolves no cross reference); `offline` reads downloaded maps from the cache only.
pub(crate) fn load(site: &Site, shard: &Shard, offline: bool) -> XrefMaps {
    let namings: Vec<Naming> = namings(site)
        .into_iter()
        .filter_map(|mut naming| {
            naming.serves.retain(|&l| shard.part(l) != Part::Listed);
            (!naming.serves.is_empty()).then_some(naming)
        })
        .collect();
    let mut maps = XrefMaps {
        locales: vec![LocaleMaps::default(); site.locales.len()],
        ..XrefMaps::default()
    };
    if namings.is_empty() {
        return maps;
    }
    // Each origin once, in the order first named; downloads side by side.
    let mut origins: Vec<Origin> = Vec::new();
    for naming in &namings {
        if !origins.contains(&naming.origin) {
            origins.push(naming.origin.clone());
        }
    }
    let limits = fetch::Limits::from_env();
    let cache = cache::Cache::new(&site.root);
    let loaded: Vec<Loaded> = std::thread::scope(|scope| {
        let handles: Vec<_> = origins
            .iter()
            .map(|origin| {
                let cache = &cache;
                scope.spawn(move || {
                    if let Some(map) = Memo::reuse(origin, cache, offline) {
                        return (Ok(map), Vec::new());
                    }
                    let mut notes = Vec::new();
                    let before = Memo::file(origin, cache).and_then(|f| Stamp::of(&f));
                    let map = load_one(origin, cache, offline, limits, &mut notes).map(Arc::new);
                    if let Ok(map) = &map {
                        Memo::keep(origin, cache, map, before);
                    }
                    (map, notes)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| (Err("reading it failed".to_owned()), Vec::new()))
            })
            .collect()
    });
    for (origin, (map, notes)) in origins.iter().zip(loaded) {
        let named: Vec<&Naming> = namings.iter().filter(|n| &n.origin == origin).collect();
        let Some(first) = named.first() else {
            continue;
        };
        for note in notes {
            maps.findings.push(Diagnostic::new(
                Code::XrefMap,
                first.locale.as_deref(),
                &first.at,
                format!("xref map `{}`: {note}", first.name),
            ));
        }
        let mut served: Vec<usize> = named.iter().flat_map(|n| n.serves.clone()).collect();
        served.sort_unstable();
        served.dedup();
        match map {
            Ok(map) => {
                for &l in &served {
                    maps.locales[l].maps.push(map.clone());
                }
            }
            Err(reason) => {
                for &l in &served {
                    maps.locales[l].incomplete = true;
                }
                maps.missing.push(Missing {
                    name: first.name.clone(),
                    reason,
                    places: named
                        .iter()
                        .map(|n| (n.locale.clone(), n.at.clone()))
                        .collect(),
                    locales: served,
                });
            }
        }
    }
    maps
}

/// What identifies the contents of a file without reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
        })
    }
}

/// The maps read in this process: each origin with the stamp of the file it was read from
/// (the map file, or the cached download of a URL) and the map, while someone holds it.
struct Memo;

static MEMO: Mutex<Vec<(Origin, Stamp, Weak<XrefMap>)>> = Mutex::new(Vec::new());

impl Memo {
    /// The file a map of `origin` is read from, if any.
    fn file(origin: &Origin, cache: &cache::Cache) -> Option<PathBuf> {
        match origin {
            Origin::File(path) => Some(path.clone()),
            Origin::Url(url) => Some(cache.copy_path(url)),
            Origin::Refused(_) => None,
        }
    }

    /// The map of `origin` read before, when its file is unchanged, it is still held, and
    /// (for a URL) its cached copy would be used without asking the server.
    fn reuse(origin: &Origin, cache: &cache::Cache, offline: bool) -> Option<Arc<XrefMap>> {
        let file = Self::file(origin, cache)?;
        let stamp = Stamp::of(&file)?;
        if matches!(origin, Origin::Url(_)) && !offline {
            let age = SystemTime::now()
                .duration_since(stamp.modified)
                .unwrap_or_default();
            if age >= cache::FRESH {
                return None;
            }
        }
        let memo = MEMO.lock().ok()?;
        memo.iter()
            .find(|(o, s, _)| o == origin && *s == stamp)
            .and_then(|(_, _, map)| map.upgrade())
    }

    /// Remembers the map just read from `origin`'s file. A local file whose stamp changed
    /// while it was read (`before`: its stamp then) may have been read half written: it is
    /// not remembered, so the next rebuild reads it again. (A download is written to the
    /// cache by rosetta itself, whole.)
    fn keep(origin: &Origin, cache: &cache::Cache, map: &Arc<XrefMap>, before: Option<Stamp>) {
        let Some(stamp) = Self::file(origin, cache).and_then(|f| Stamp::of(&f)) else {
            return;
        };
        if matches!(origin, Origin::File(_)) && before.as_ref() != Some(&stamp) {
            return;
        }
        let Ok(mut memo) = MEMO.lock() else {
            return;
        };
        memo.retain(|(o, _, m)| o != origin && m.strong_count() > 0);
        memo.push((origin.clone(), stamp, Arc::downgrade(map)));
    }
}

/// Every naming of a map: rosetta.yaml's entries (every locale), then each locale's
/// docfx.json entries.
fn namings(site: &Site) -> Vec<Naming> {
    let mut out = Vec::new();
    if !site.config.xref.is_empty() {
        let file = crate::site::config::file_name(&site.root).unwrap_or("rosetta.yaml");
        let text = std::fs::read_to_string(site.root.join(file)).unwrap_or_default();
        let mut from = text.find("xref").unwrap_or(0);
        for name in &site.config.xref {
            let at = text[from..].find(name.as_str()).map_or(from, |i| from + i);
            from = at;
            let (line, column) = crate::diagnostic::line_column(&text, at);
            out.push(Naming {
                name: name.clone(),
                origin: origin(name, &site.root),
                locale: None,
                at: Location::new(file.into(), line, column),
                serves: (0..site.locales.len()).collect(),
            });
        }
    }
    for (l, locale) in site.locales.iter().enumerate() {
        for named in &locale.xref_maps {
            let folder = locale.dir.join(crate::site::paths::parent(&named.file));
            out.push(Naming {
                name: named.name.clone(),
                origin: origin(&named.name, &folder),
                locale: Some(locale.name.clone()),
                at: Location::new(locale.site_path(&named.file), named.line, 1),
                serves: vec![l],
            });
        }
    }
    out
}

/// Where a name leads: an http(s) URL, or a file relative to `folder`.
fn origin(name: &str, folder: &Path) -> Origin {
    let name = name.trim();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Origin::Url(name.to_owned());
    }
    if let Some(path) = lower.strip_prefix("file://").map(|_| &name[7..]) {
        return Origin::File(PathBuf::from(path));
    }
    let scheme = name
        .split_once(':')
        .filter(|(s, _)| s.len() > 1 && s.chars().all(|c| c.is_ascii_alphabetic()));
    if let Some((scheme, _)) = scheme {
        return Origin::Refused(format!(
            "`{scheme}:` is not read (an xref map is a file or an http(s) URL)"
        ));
    }
    let path = folder.join(name.replace('\\', "/"));
    Origin::File(path.canonicalize().unwrap_or(path))
}

/// Reads one map; what went wrong, in a few words. `notes` gets what the user should know
/// although the map was had (a stale copy, a copy that could not be kept).
fn load_one(
    origin: &Origin,
    cache: &cache::Cache,
    offline: bool,
    limits: fetch::Limits,
    notes: &mut Vec<String>,
) -> Result<XrefMap, String> {
    match origin {
        Origin::Refused(why) => Err(why.clone()),
        Origin::File(path) => {
            let bytes = read_file(path, limits.max_bytes)?;
            xrefmap::parse(bytes).map_err(|e| format!("{} (line {})", e.message, e.line))
        }
        Origin::Url(url) => load_url(url, cache, offline, limits, notes),
    }
}

fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
    let length = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(length.min(max_bytes) as usize + 1);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "the map is larger than the {} cap",
            fetch::size(max_bytes)
        ));
    }
    Ok(bytes)
}

fn load_url(
    url: &str,
    cache: &cache::Cache,
    offline: bool,
    limits: fetch::Limits,
    notes: &mut Vec<String>,
) -> Result<XrefMap, String> {
    let cached = cache.read(url, limits.max_bytes);
    if offline {
        let copy = cached.ok_or_else(|| {
            format!(
                "it is not in the download cache ({}/) and --offline downloads nothing",
                cache::DIR
            )
        })?;
        return parse_url_map(copy.bytes, url);
    }
    let (cached, known) = match cached {
        // A fresh copy that reads is used as it is.
        Some(copy) if copy.age < cache::FRESH => match parse_url_map(copy.bytes, url) {
            Ok(map) => return Ok(map),
            Err(_) => (None, None),
        },
        Some(copy) => {
            let known = copy.validators.clone();
            (Some(copy), Some(known))
        }
        None => (None, None),
    };
    let fetched = fetch::get(url, known.as_ref(), limits).map(|fetched| match fetched {
        fetch::Fetched::NotModified => None,
        fetch::Fetched::Body(bytes, validators) => Some((bytes, validators)),
    });
    match (fetched, cached) {
        (Ok(None), Some(copy)) => {
            if let Err(e) = cache.touch(url) {
                notes.push(format!("the cached copy cannot be marked current: {e}"));
            }
            parse_url_map(copy.bytes, url)
        }
        (Ok(None), None) => Err("the server answered \"not modified\" to no question".into()),
        (Ok(Some((bytes, validators))), cached) => {
            // Kept beside the copy in place until it is known to read.
            let staged = cache.stage(url, &bytes);
            match parse_url_map(bytes, url) {
                Ok(map) => {
                    if let Err(e) = staged.and_then(|()| cache.commit(url, &validators)) {
                        cache.discard(url);
                        notes.push(format!(
                            "downloaded, but it cannot be kept in {}/ ({e}); it is downloaded again next time",
                            cache::DIR
                        ));
                    }
                    Ok(map)
                }
                Err(reason) => {
                    cache.discard(url);
                    stale_or(cached, url, reason, notes)
                }
            }
        }
        (Err(reason), cached) => stale_or(cached, url, reason, notes),
    }
}

/// The older cached copy when there is one (with a note saying why it is used), else the
/// reason the map cannot be had.
fn stale_or(
    cached: Option<cache::Cached>,
    url: &str,
    reason: String,
    notes: &mut Vec<String>,
) -> Result<XrefMap, String> {
    let Some(copy) = cached else {
        return Err(reason);
    };
    let age = cache::age(copy.age);
    let map = parse_url_map(copy.bytes, url).map_err(|_| reason.clone())?;
    notes.push(format!(
        "it cannot be downloaded again ({reason}); the copy cached {age} ago is used"
    ));
    Ok(map)
}

/// Reads a downloaded map; without a `baseUrl`, relative hrefs resolve against the URL's
/// folder, as DocFX does.
fn parse_url_map(bytes: Vec<u8>, url: &str) -> Result<XrefMap, String> {
    let mut map = xrefmap::parse(bytes).map_err(|e| format!("{} (line {})", e.message, e.line))?;
    if map.base_url.is_none() {
        let path_end = url.find(['?', '#']).unwrap_or(url.len());
        let folder = url[..path_end].rfind('/').map_or(url, |i| &url[..=i]);
        map.base_url = Some(folder.to_owned());
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_urls_files_or_refused() {
        let folder = Path::new("/nonexistent/site");
        assert_eq!(
            origin(
                "https://learn.microsoft.com/en-us/dotnet/.xrefmap.json",
                folder
            ),
            Origin::Url("https://learn.microsoft.com/en-us/dotnet/.xrefmap.json".into())
        );
        assert_eq!(
            origin("HTTP://example.org/x.yml", folder),
            Origin::Url("HTTP://example.org/x.yml".into())
        );
        assert_eq!(
            origin("../api/xrefmap.yml", folder),
            Origin::File(PathBuf::from("/nonexistent/site/../api/xrefmap.yml"))
        );
        assert!(matches!(
            origin("ftp://example.org/x.yml", folder),
            Origin::Refused(_)
        ));
    }

    // `serve` rebuilds the whole site after some edits: a map whose file did not change is
    // not read again while the previous build's maps are held; an edited one is.
    #[test]
    fn a_map_still_held_is_taken_back_until_its_file_changes() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("a folder");
            }
            std::fs::write(path, text).expect("a file");
        };
        write("rosetta.yaml", "locales: [en-us]\nxref: [api.yml]\n");
        write("content/en-us/a.md", "# A\n");
        write(
            "api.yml",
            "references:\n- uid: Harbour.Crane\n  href: https://api.example.org/crane.html\n",
        );
        let mut findings = Vec::new();
        let site = Site::discover(root, &mut findings).expect("a site");
        let shard = Shard::whole(&site);
        let map = |maps: &XrefMaps| maps.of_locale(0).maps[0].clone();

        let first = load(&site, &shard, true);
        let second = load(&site, &shard, true);
        assert!(Arc::ptr_eq(&map(&first), &map(&second)));

        // Edited (another length, so the stamp differs even within the clock's resolution).
        write(
            "api.yml",
            "references:\n- uid: Harbour.Crane\n  href: https://api.example.org/crane.html\n- uid: Harbour.Tide\n  href: https://api.example.org/tide.html\n",
        );
        let third = load(&site, &shard, true);
        assert!(!Arc::ptr_eq(&map(&second), &map(&third)));
        assert!(map(&third).get("Harbour.Tide").is_some());
        assert!(map(&second).get("Harbour.Tide").is_none());

        // Nothing holds the maps any more: they are freed, not kept for ever.
        let held = |origin: &Origin| match origin {
            Origin::File(path) => path.starts_with(root),
            _ => false,
        };
        let still_held = || -> usize {
            let memo = MEMO.lock().expect("the memo");
            memo.iter()
                .filter(|(o, _, m)| held(o) && m.upgrade().is_some())
                .count()
        };
        assert_eq!(still_held(), 1);
        drop((first, second, third));
        assert_eq!(still_held(), 0);
        let fourth = load(&site, &shard, true);
        assert!(map(&fourth).get("Harbour.Tide").is_some());
    }

    #[test]
    fn a_downloaded_map_without_base_url_resolves_against_its_folder() {
        let map = parse_url_map(
            b"{\"references\": [{\"uid\": \"a\", \"href\": \"api/a.html\"}]}".to_vec(),
            "https://docs.example.org/en-us/dotnet/.xrefmap.json?v=2",
        )
        .expect("a map");
        assert_eq!(
            map.base_url.as_deref(),
            Some("https://docs.example.org/en-us/dotnet/")
        );
    }
}
