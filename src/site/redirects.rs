//! Redirections of moved pages: `.openpublishing.redirection.json` at the site root or at a
//! locale root (`redirections: [{source_path | source_path_from_root, redirect_url,
//! redirect_document_id}]`), and front matter `redirect_url` on a page.
//!
//! Redirections are site-wide: a path redirected in one file is redirected in every locale
//! (the translations of one repository carry copies of the source's file). Every chain is
//! followed once, when the site is discovered: a target that does not exist, a loop, or a
//! chain longer than [`MAX_HOPS`] is a `broken-redirect` finding at the redirection.

use super::Locale;
use super::paths::{self, FileKind, Lookup};
use crate::diagnostic::{Code, Diagnostic, Location, line_column};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The redirection file's name, at the site root or a locale root.
pub(crate) const FILE_NAME: &str = ".openpublishing.redirection.json";

/// A chain may have at most this many redirections.
pub(crate) const MAX_HOPS: usize = 16;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RedirectionFile {
    redirections: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    source_path: Option<String>,
    #[serde(default)]
    source_path_from_root: Option<String>,
    redirect_url: String,
    #[serde(default)]
    #[allow(dead_code)]
    redirect_document_id: Option<bool>,
}

/// Where a redirection leads, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Destination {
    /// A path of the locale (normalised, locale-relative; extension as written).
    Path(String),
    /// An absolute URL, or a site-absolute path outside the locale's top folders: kept.
    Url(String),
}

/// One redirection.
#[derive(Clone, Debug)]
pub(crate) struct Redirect {
    /// The redirected path, locale-relative (real letter case of the writer).
    pub(crate) from: String,
    pub(crate) to: Destination,
    /// Where `redirect_url` is written.
    pub(crate) at: Location,
    /// The locale whose file holds it (`None`: the site root's file).
    pub(crate) locale: Option<usize>,
}

/// Where a chain of redirections ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Final {
    /// A page of the locale: its path (real letter case).
    Page(String),
    /// An absolute URL.
    Url(String),
    /// The chain is broken (reported as `broken-redirect`).
    Broken,
}

/// Every redirection of the site.
#[derive(Debug, Default)]
pub(crate) struct Redirects {
    entries: Vec<Redirect>,
    /// Lower-cased redirected path → the first entry that redirects it.
    by_path: HashMap<String, usize>,
    /// Per entry: where its chain ends (after [`Redirects::finish`]).
    finals: Vec<Final>,
}

impl Redirects {
    /// Reads the redirection files of the site root and of each locale root.
    pub(crate) fn load(root: &Path, locales: &[Locale], findings: &mut Vec<Diagnostic>) -> Self {
        let mut redirects = Redirects::default();
        let mut files: Vec<(std::path::PathBuf, Arc<str>, Option<usize>)> =
            vec![(root.join(FILE_NAME), FILE_NAME.into(), None)];
        for (l, locale) in locales.iter().enumerate() {
            files.push((
                locale.dir.join(FILE_NAME),
                locale.site_path(FILE_NAME),
                Some(l),
            ));
        }
        for (disk, site_path, locale) in files {
            let Ok(text) = std::fs::read_to_string(&disk) else {
                continue;
            };
            let name = locale.map(|l| locales[l].name.as_str());
            redirects.read_file(&text, site_path, locale, name, locales, findings);
        }
        redirects
    }

    fn read_file(
        &mut self,
        text: &str,
        site_path: Arc<str>,
        locale: Option<usize>,
        locale_name: Option<&str>,
        locales: &[Locale],
        findings: &mut Vec<Diagnostic>,
    ) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: RedirectionFile = match serde_json::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                let at = Location::new(site_path, e.line().max(1) as u32, e.column().max(1) as u32);
                findings.push(Diagnostic::new(
                    Code::Config,
                    locale_name,
                    &at,
                    format!("{FILE_NAME}: {message}"),
                ));
                return;
            }
        };
        // Entries in order, each located at its `redirect_url` value.
        let mut offsets = text.match_indices("\"redirect_url\"").map(|(i, key)| {
            let after = &text[i + key.len()..];
            let value = after.find('"').map_or(0, |v| v + 1);
            i + key.len() + value
        });
        for entry in file.redirections {
            let offset = offsets.next().unwrap_or(0);
            let (line, column) = line_column(text, offset);
            let at = Location::new(site_path.clone(), line, column);
            let written = entry
                .source_path
                .or(entry.source_path_from_root)
                .unwrap_or_default();
            let from = written.replace('\\', "/");
            let Some(from) =
                paths::normalize("", from.trim_start_matches('/')).filter(|p| !p.is_empty())
            else {
                findings.push(Diagnostic::new(
                    Code::Config,
                    locale_name,
                    &at,
                    format!(
                        "{FILE_NAME}: the redirected path `{written}` is empty or leaves the locale folder; the redirection is ignored"
                    ),
                ));
                continue;
            };
            let to = destination(&entry.redirect_url, paths::parent(&from), locale, locales);
            self.add(Redirect {
                from,
                to,
                at,
                locale,
            });
        }
    }

    /// Adds a redirection (the first one of a path wins).
    pub(crate) fn add(&mut self, redirect: Redirect) {
        self.by_path
            .entry(redirect.from.to_lowercase())
            .or_insert(self.entries.len());
        self.entries.push(redirect);
    }

    /// Follows every chain once; `reference` is the locale whose pages targets of the
    /// site-root file must exist in. Broken chains are findings at their redirection.
    pub(crate) fn finish(
        &mut self,
        locales: &[Locale],
        reference: usize,
        findings: &mut Vec<Diagnostic>,
    ) {
        self.finals = (0..self.entries.len())
            .map(|i| self.follow_from(i, locales, reference, findings))
            .collect();
    }

    fn follow_from(
        &self,
        start: usize,
        locales: &[Locale],
        reference: usize,
        findings: &mut Vec<Diagnostic>,
    ) -> Final {
        let first = &self.entries[start];
        let locale = first.locale.unwrap_or(reference);
        if locale >= locales.len() {
            return Final::Broken;
        }
        // A target is a page of the redirection's locale, else of the reference (source).
        let page_at = |candidate: &str| {
            [locale, reference]
                .into_iter()
                .find_map(|l| match locales[l].files.find(candidate) {
                    Lookup::Found {
                        kind: FileKind::Page,
                        ..
                    } => Some(candidate.to_owned()),
                    _ => None,
                })
        };
        let mut seen = vec![start];
        let mut current = start;
        let broken = |message: String, findings: &mut Vec<Diagnostic>| {
            let name = first.locale.map(|l| locales[l].name.as_str());
            findings.push(Diagnostic::new(
                Code::BrokenRedirect,
                name,
                &first.at,
                message,
            ));
            Final::Broken
        };
        loop {
            let entry = &self.entries[current];
            let target = match &entry.to {
                Destination::Url(url) => return Final::Url(url.clone()),
                Destination::Path(p) => p,
            };
            let page = page_variants(target)
                .into_iter()
                .find_map(|candidate| page_at(&candidate));
            if let Some(path) = page {
                return Final::Page(path);
            }
            let next = page_variants(target)
                .into_iter()
                .find_map(|candidate| self.by_path.get(&candidate.to_lowercase()).copied());
            let Some(next) = next else {
                return broken(
                    format!(
                        "redirection of `{}` leads to `{target}`, which is not a page ({})",
                        first.from,
                        locales[locale].site_path(target)
                    ),
                    findings,
                );
            };
            if seen.contains(&next) {
                let chain: Vec<&str> = seen
                    .iter()
                    .map(|&i| self.entries[i].from.as_str())
                    .chain([self.entries[next].from.as_str()])
                    .collect();
                return broken(
                    format!("redirections loop: {}", chain.join(" → ")),
                    findings,
                );
            }
            if seen.len() >= MAX_HOPS {
                return broken(
                    format!(
                        "the redirection of `{}` goes through more than {MAX_HOPS} redirections",
                        first.from
                    ),
                    findings,
                );
            }
            seen.push(next);
            current = next;
        }
    }

    /// Where a redirected path leads (any letter case), when it is redirected.
    pub(crate) fn follow(&self, path: &str) -> Option<(&Redirect, &Final)> {
        let i = *self.by_path.get(&path.to_lowercase())?;
        Some((
            &self.entries[i],
            self.finals.get(i).unwrap_or(&Final::Broken),
        ))
    }

    /// Every redirected path with where it leads (the first redirection of each path).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Redirect, &Final)> {
        self.entries
            .iter()
            .zip(self.finals.iter())
            .enumerate()
            .filter(|(i, (r, _))| self.by_path.get(&r.from.to_lowercase()) == Some(i))
            .map(|(_, pair)| pair)
    }
}

/// Reads a `redirect_url`: an absolute URL is kept; a site-absolute path whose first
/// segment is a top folder of the file's locale (or of any locale, for the site root's
/// file) is a path of the locale; a relative one resolves from the redirected path's folder.
pub(crate) fn destination(
    url: &str,
    from_dir: &str,
    locale: Option<usize>,
    locales: &[Locale],
) -> Destination {
    let url = url.trim();
    let (path, _) = url.split_once(['?', '#']).unwrap_or((url, ""));
    let is_top_folder = |segment: &str| {
        let candidates: Vec<&Locale> = match locale {
            Some(l) => locales.get(l).into_iter().collect(),
            None => locales.iter().collect(),
        };
        candidates.iter().any(|l| {
            matches!(
                l.files.find(segment),
                Lookup::Found {
                    kind: FileKind::Folder,
                    ..
                }
            )
        })
    };
    if let Some(rest) = path.strip_prefix('/').filter(|r| !r.starts_with('/')) {
        let first = rest.split('/').next().unwrap_or("");
        if !first.is_empty()
            && is_top_folder(first)
            && let Some(p) = paths::normalize("", rest)
        {
            return Destination::Path(p);
        }
        return Destination::Url(url.to_owned());
    }
    if path.contains(':') || path.starts_with("//") || path.is_empty() {
        return Destination::Url(url.to_owned());
    }
    match paths::normalize(from_dir, path) {
        Some(p) => Destination::Path(p),
        None => Destination::Url(url.to_owned()),
    }
}

/// The paths a reference to a page may mean, as a published URL names it: as written;
/// with `.md` or `.yml` (a Landing or Hub page) for an extension-less or `.html` path; the
/// folder's `index.md` or `index.yml`.
pub(crate) fn page_variants(path: &str) -> Vec<String> {
    let mut out = vec![path.to_owned()];
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    if let Some(stem) = lower
        .strip_suffix(".html")
        .map(|_| &path[..path.len() - ".html".len()])
    {
        out.push(format!("{stem}.md"));
        out.push(format!("{stem}.yml"));
    } else if !lower.ends_with(".md") && !lower.ends_with(".yml") {
        let trimmed = path.trim_end_matches('/');
        if !trimmed.is_empty() && !path.ends_with('/') {
            out.push(format!("{trimmed}.md"));
            out.push(format!("{trimmed}.yml"));
        }
        for index in ["index.md", "index.yml"] {
            out.push(if trimmed.is_empty() {
                index.to_owned()
            } else {
                format!("{trimmed}/{index}")
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::paths::FileIndex;

    fn locale(files: &[(&str, FileKind)]) -> Locale {
        let mut index = FileIndex::default();
        for (p, k) in files {
            index.insert((*p).to_owned(), *k);
        }
        Locale::in_memory(
            "zh-tw",
            "/nonexistent".into(),
            "content/zh-tw".into(),
            index,
        )
    }

    fn site() -> Vec<Locale> {
        vec![locale(&[
            ("intune", FileKind::Folder),
            ("intune/developer", FileKind::Folder),
            ("intune/developer/app-sdk.md", FileKind::Page),
        ])]
    }

    fn redirects(json: &str, findings: &mut Vec<Diagnostic>) -> Redirects {
        let locales = site();
        let mut r = Redirects::default();
        r.read_file(
            json,
            "content/zh-tw/.openpublishing.redirection.json".into(),
            Some(0),
            Some("zh-tw"),
            &locales,
            findings,
        );
        r.finish(&locales, 0, findings);
        r
    }

    #[test]
    fn a_site_absolute_target_without_extension_is_the_page() {
        let mut findings = Vec::new();
        let r = redirects(
            r#"{"redirections": [{"source_path": "intune/app-sdk.md", "redirect_url": "/intune/developer/app-sdk", "redirect_document_id": true}]}"#,
            &mut findings,
        );
        assert!(findings.is_empty(), "{findings:?}");
        let (entry, last) = r.follow("Intune/App-SDK.md").expect("redirected");
        assert_eq!(entry.from, "intune/app-sdk.md");
        assert_eq!(last, &Final::Page("intune/developer/app-sdk.md".into()));
        assert_eq!((entry.at.line, entry.at.column), (1, 73));
    }

    #[test]
    fn chains_are_followed_and_loops_and_missing_targets_reported() {
        let mut findings = Vec::new();
        let r = redirects(
            "{\"redirections\": [\n{\"source_path\": \"a.md\", \"redirect_url\": \"/intune/b\"},\n{\"source_path\": \"intune/b.md\", \"redirect_url\": \"/intune/developer/app-sdk\"},\n{\"source_path\": \"x.md\", \"redirect_url\": \"/intune/y\"},\n{\"source_path\": \"intune/y.md\", \"redirect_url\": \"/intune/x\"},\n{\"source_path\": \"intune/x.md\", \"redirect_url\": \"/intune/y\"},\n{\"source_path\": \"gone.md\", \"redirect_url\": \"/intune/nothing-here\"},\n{\"source_path\": \"out.md\", \"redirect_url\": \"https://example.org/x\"}\n]}",
            &mut findings,
        );
        assert_eq!(
            r.follow("a.md").map(|f| f.1.clone()),
            Some(Final::Page("intune/developer/app-sdk.md".into()))
        );
        assert_eq!(
            r.follow("out.md").map(|f| f.1.clone()),
            Some(Final::Url("https://example.org/x".into()))
        );
        assert_eq!(r.follow("x.md").map(|f| f.1.clone()), Some(Final::Broken));
        let messages: Vec<String> = findings
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.code, d.message))
            .collect();
        assert!(
            messages.iter().any(|m| m.starts_with(
                "5:broken-redirect redirections loop: intune/y.md → intune/x.md → intune/y.md"
            )),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.starts_with(
                "7:broken-redirect redirection of `gone.md` leads to `intune/nothing-here`"
            )),
            "{messages:?}"
        );
    }

    #[test]
    fn a_chain_longer_than_16_is_broken() {
        let mut findings = Vec::new();
        let entries: Vec<String> = (0..20)
            .map(|i| {
                format!(
                    "{{\"source_path\": \"intune/p{i}.md\", \"redirect_url\": \"/intune/p{}\"}}",
                    i + 1
                )
            })
            .collect();
        let json = format!("{{\"redirections\": [{}]}}", entries.join(",\n"));
        let r = redirects(&json, &mut findings);
        assert_eq!(
            r.follow("intune/p0.md").map(|f| f.1.clone()),
            Some(Final::Broken)
        );
        assert!(findings.iter().any(|d| d.message.contains("more than 16")));
    }

    #[test]
    fn a_file_that_is_not_json_or_has_unknown_keys_is_a_config_finding() {
        let mut findings = Vec::new();
        redirects(
            "{\"redirections\": [\n  {\"source_path\": \"a.md\", \"redirect_urll\": \"/x\"}\n]}",
            &mut findings,
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::Config);
        assert_eq!(findings[0].line, 2);
        let mut findings = Vec::new();
        redirects("{ not json", &mut findings);
        assert_eq!(findings[0].code, Code::Config);
    }

    #[test]
    fn a_redirection_leaving_the_locale_is_refused() {
        let mut findings = Vec::new();
        let r = redirects(
            r#"{"redirections": [{"source_path": "../../etc/passwd.md", "redirect_url": "/intune/developer/app-sdk"}]}"#,
            &mut findings,
        );
        assert!(r.follow("../../etc/passwd.md").is_none() && r.iter().next().is_none());
        assert_eq!(findings[0].code, Code::Config);
        assert!(findings[0].message.contains("leaves the locale folder"));
    }
}
