//! The real data: the 113-article user-help corpus in zh-tw and es-es, and the seed article.
//! The expectations are computed here from the sources, independently of rosetta's code.

use crate::harness::{TestSite, corpus, rosetta, shared, walk};
use percent_encoding::percent_decode_str;
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const LOCALES: [&str; 2] = ["zh-tw", "es-es"];

/// The corpus built once for all tests of this module, with its check report.
struct Built {
    out: PathBuf,
    source: PathBuf,
    diagnostics: Vec<Value>,
    _dir: tempfile::TempDir,
}

fn built() -> Option<&'static Built> {
    static BUILT: OnceLock<Option<Built>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let source = corpus()?;
            let dir = tempfile::tempdir().ok()?;
            let out = dir.path().join("uh");
            let out_arg = out.to_string_lossy().into_owned();
            let src_arg = source.to_string_lossy().into_owned();
            let run = rosetta(
                dir.path(),
                &["build", &src_arg, "--out", &out_arg, "--no-search"],
            );
            assert_eq!(run.code, 0, "{}", run.stderr);
            let check = rosetta(dir.path(), &["check", &src_arg, "--format", "json"]);
            let diagnostics = check.json()["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            Some(Built {
                out,
                source,
                diagnostics,
                _dir: dir,
            })
        })
        .as_ref()
}

/// Article sources of a locale: `.md` files that are not TOCs and not under `includes/`.
fn articles(locale_dir: &Path) -> Vec<String> {
    walk(locale_dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter_map(|p| {
            p.strip_prefix(locale_dir)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .filter(|r| {
            !r.split('/').any(|part| part == "includes") && !r.to_lowercase().ends_with("toc.md")
        })
        .collect()
}

fn html_path(md: &str) -> String {
    format!("{}.html", md.strip_suffix(".md").unwrap_or(md))
}

/// `<a name="…">` values of a source, read with a plain scan.
fn source_anchor_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("<a name=\"") {
        rest = &rest[i + 9..];
        if let Some(end) = rest.find('"') {
            names.push(rest[..end].to_owned());
        }
    }
    names
}

#[test]
fn every_article_of_each_locale_has_its_page() {
    let Some(b) = built() else { return };
    for locale in LOCALES {
        let list = articles(&b.source.join("content").join(locale));
        assert_eq!(list.len(), 113, "{locale}");
        for md in &list {
            let page = b.out.join(locale).join(html_path(md));
            assert!(page.is_file(), "{locale}: no page for {md}");
        }
    }
}

#[test]
fn every_source_anchor_is_an_element_id_in_its_page() {
    let Some(b) = built() else { return };
    let mut checked = 0;
    for locale in LOCALES {
        let dir = b.source.join("content").join(locale);
        for md in articles(&dir) {
            let text = std::fs::read_to_string(dir.join(&md)).unwrap_or_default();
            let html = std::fs::read_to_string(b.out.join(locale).join(html_path(&md)))
                .unwrap_or_default();
            let doc = Html::parse_document(&html);
            for name in source_anchor_names(&text) {
                let selector = Selector::parse(&format!("[id=\"{name}\"]"))
                    .unwrap_or_else(|e| panic!("{e:?}"));
                assert!(
                    doc.select(&selector).next().is_some(),
                    "{locale}/{md}: anchor {name} is not an id"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} anchors checked");
}

/// The text of a page's article, without code.
fn prose(doc: &Html) -> String {
    let article = Selector::parse("article").unwrap_or_else(|e| panic!("{e:?}"));
    let mut text = String::new();
    for node in doc.select(&article).flat_map(|a| a.descendants()) {
        if let Some(t) = node.value().as_text() {
            let in_code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.name() == "code" || e.name() == "pre")
            });
            if !in_code {
                text.push_str(t);
            }
        }
    }
    text
}

#[test]
fn no_page_shows_unrendered_dfm() {
    let Some(b) = built() else { return };
    let markers = [
        "[!include",
        "[!note]",
        "[!tip]",
        "[!important]",
        "[!caution]",
        "[!warning]",
        "[!div",
        "[!video",
    ];
    let mut pages = 0;
    for path in walk(&b.out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(&path).unwrap_or_default();
        let text = prose(&Html::parse_document(&html)).to_lowercase();
        for m in markers {
            assert!(!text.contains(m), "{} shows {m}", path.display());
        }
        pages += 1;
    }
    assert!(pages >= 226);
}

/// Whether a locale-relative path exists in the sources under any letter case.
fn exists_ignoring_case(locale_dir: &Path, rel: &str) -> bool {
    let wanted = rel.to_lowercase();
    walk(locale_dir).iter().any(|p| {
        p.strip_prefix(locale_dir)
            .is_ok_and(|r| r.to_string_lossy().to_lowercase() == wanted)
    })
}

#[test]
fn every_internal_href_and_src_resolves_except_targets_missing_from_the_sources() {
    let Some(b) = built() else { return };
    let refs = Selector::parse("a[href], img[src], link[href], script[src]")
        .unwrap_or_else(|e| panic!("{e:?}"));
    let mut resolved = 0;
    let mut missing: BTreeMap<String, usize> = BTreeMap::new();
    let mut fragments = 0;
    for path in walk(&b.out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let rel_page = path
            .strip_prefix(&b.out)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let doc = Html::parse_document(&std::fs::read_to_string(&path).unwrap_or_default());
        for el in doc.select(&refs) {
            let url = el
                .value()
                .attr("href")
                .or_else(|| el.value().attr("src"))
                .unwrap_or("");
            if url.is_empty()
                || url.starts_with('#')
                || url.starts_with("//")
                || url.contains(':')
                || url.starts_with('/')
            {
                continue;
            }
            let (path_part, fragment) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url, None),
            };
            let path_part = path_part.split('?').next().unwrap_or("");
            let decoded = percent_decode_str(path_part)
                .decode_utf8_lossy()
                .into_owned();
            let target = normalize(&format!("{}/{decoded}", parent(&rel_page)));
            let file = b.out.join(&target);
            if file.is_file() {
                resolved += 1;
                if let Some(id) = fragment.filter(|f| !f.is_empty()) {
                    let target_doc =
                        Html::parse_document(&std::fs::read_to_string(&file).unwrap_or_default());
                    let by_id = Selector::parse(&format!("[id=\"{id}\"]"))
                        .unwrap_or_else(|e| panic!("{e:?}"));
                    assert!(
                        target_doc.select(&by_id).next().is_some(),
                        "{rel_page}: {url} has no element #{id}"
                    );
                    fragments += 1;
                }
                continue;
            }
            // Not in the output: allowed only when the source is missing under any case.
            let (locale, rest) = target.split_once('/').unwrap_or(("", &target));
            let source_rel = if rest.ends_with(".html") {
                format!("{}.md", rest.trim_end_matches(".html"))
            } else {
                rest.to_owned()
            };
            let locale_dir = b.source.join("content").join(locale);
            assert!(
                !exists_ignoring_case(&locale_dir, &source_rel),
                "{rel_page}: {url} does not resolve, but {locale}/{source_rel} exists"
            );
            *missing.entry(locale.to_owned()).or_default() += 1;
        }
    }
    assert!(resolved > 700, "{resolved} references resolved");
    assert!(fragments > 0);
    // Each unresolved reference is a finding of the check.
    let reported: BTreeMap<String, usize> = b
        .diagnostics
        .iter()
        .filter(|d| d["code"] == "missing-resource" || d["code"] == "broken-link")
        .fold(BTreeMap::new(), |mut m, d| {
            *m.entry(d["locale"].as_str().unwrap_or("").to_owned())
                .or_default() += 1;
            m
        });
    assert_eq!(
        missing, reported,
        "unresolved references per locale = reported findings per locale"
    );
}

#[test]
fn letter_case_only_links_are_warnings_and_work() {
    let Some(b) = built() else { return };
    let case: Vec<&Value> = b
        .diagnostics
        .iter()
        .filter(|d| d["code"] == "link-case")
        .collect();
    assert!(!case.is_empty());
    let mut seen = HashSet::new();
    for d in &case {
        assert_eq!(d["severity"], "warning");
        let file = d["file"].as_str().unwrap_or("");
        seen.insert(file.to_owned());
    }
    // The links of those pages resolve: covered page by page by the test above; here the
    // pages exist. (A TOC's own letter-case link is reported on the TOC, not a page.)
    for file in seen
        .into_iter()
        .filter(|f| !f.to_ascii_lowercase().ends_with("/toc.md"))
    {
        let rel = file.trim_start_matches("content/");
        assert!(b.out.join(html_path(rel)).is_file(), "{file}");
    }
}

fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// 1-based line and column (in characters) of the first occurrence of `needle`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (i + 1, line[..byte].chars().count() + 1);
        }
    }
    panic!("{needle} not in text")
}

#[test]
fn the_seed_article_builds_and_its_missing_targets_are_reported_where_written() {
    let Some(shared) = shared() else { return };
    let site = TestSite::new();
    let seeds = [
        ("zh-tw", "000_6db2a556521a1ef9.txt"),
        ("es-es", "004_fa897be420cbd0ea.txt"),
    ];
    let mut expected = BTreeSet::new();
    for (locale, file) in seeds {
        let text = std::fs::read_to_string(shared.join("seeds").join(file))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains(&format!("ms.contentlocale: {locale}")));
        site.file(
            &format!("content/{locale}/Troubleshoot/troubleshoot-lookout-integration.md"),
            &text,
        );
        let at = |needle: &str, offset: usize, code: &str| {
            let (line, column) = position(&text, needle);
            format!(
                "content/{locale}/Troubleshoot/troubleshoot-lookout-integration.md:{line}:{} {code}",
                column + offset
            )
        };
        expected.insert(at("[!INCLUDE[classic-portal]", 0, "include-not-found"));
        expected.insert(
            at(
                "](../media/mtp/lookout-mtp-consent-not-accepted-error.png)",
                0,
                "missing-resource",
            )
            .replace(
                &format!(
                    ":{} missing-resource",
                    position(
                        &text,
                        "](../media/mtp/lookout-mtp-consent-not-accepted-error.png)"
                    )
                    .1
                ),
                &format!(":{} missing-resource", position(&text, "![").1 + 1),
            ),
        );
        let retire = text
            .lines()
            .position(|l| l.contains("mtp-retire-device-intune-console.png"))
            .map_or(0, |i| i + 1);
        expected.insert(format!("content/{locale}/Troubleshoot/troubleshoot-lookout-integration.md:{retire}:2 missing-resource"));
        let link_line = text
            .lines()
            .position(|l| l.contains("../deploy-use/set-up-your-subscription-with-lookout-mtp.md"))
            .map_or(0, |i| i + 1);
        let line_text = text.lines().nth(link_line - 1).unwrap_or("");
        let link_end = line_text.find("](../deploy-use/").unwrap_or(0);
        let link_start = line_text[..link_end].rfind('[').unwrap_or(0);
        let column = line_text[..link_start].chars().count() + 1;
        expected.insert(format!("content/{locale}/Troubleshoot/troubleshoot-lookout-integration.md:{link_line}:{column} broken-link"));
    }
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, diagnostics) = site.check_json(&[]);
    let found: BTreeSet<String> = diagnostics.iter().map(crate::harness::place).collect();
    assert_eq!(found, expected);
    for (locale, file) in seeds {
        let text = std::fs::read_to_string(shared.join("seeds").join(file)).unwrap_or_default();
        let html = site.read(&format!(
            "public/{locale}/Troubleshoot/troubleshoot-lookout-integration.html"
        ));
        let doc = Html::parse_document(&html);
        let names = source_anchor_names(&text);
        assert!(names.len() >= 10, "{locale}");
        for name in names {
            let selector =
                Selector::parse(&format!("[id=\"{name}\"]")).unwrap_or_else(|e| panic!("{e:?}"));
            assert!(doc.select(&selector).next().is_some(), "{locale}: {name}");
        }
    }
}
