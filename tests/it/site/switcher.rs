//! The language switcher, hreflang alternates, canonical URLs and the sitemap.

use super::{attrs, resolve};
use crate::harness::{TestSite, corpus, walk};
use std::collections::{BTreeMap, BTreeSet};

const ALTERNATE: &str = r#"<link rel="alternate"[^>]*>"#;

/// `hreflang → href` of a page's alternates.
fn alternates(html: &str) -> BTreeMap<String, String> {
    attrs(html, ALTERNATE, "hreflang")
        .into_iter()
        .zip(attrs(html, ALTERNATE, "href"))
        .collect()
}

#[test]
fn the_switcher_pairs_moved_pages_by_asset_id_and_marks_missing_translations() {
    let site = TestSite::fixture("moved-translation");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let en = site.read("public/en-us/docs/install-the-app.html");
    let links = attrs(&en, r#"<a class="lang-link"[^>]*>"#, "href");
    assert_eq!(links, ["../../es-es/docs/instalar-la-aplicacion.html"]);
    let es = site.read("public/es-es/docs/instalar-la-aplicacion.html");
    assert_eq!(
        attrs(&es, r#"<a class="lang-link"[^>]*>"#, "href"),
        ["../../en-us/docs/install-the-app.html"]
    );
    // A page without a Spanish version: Spanish is shown, unavailable, without a link.
    let only = site.read("public/en-us/docs/only-in-english.html");
    assert!(attrs(&only, r#"<a class="lang-link"[^>]*>"#, "href").is_empty());
    assert!(
        only.contains(r#"<span class="lang-unavailable" lang="es-es" aria-disabled="true">Español <small lang="en-us">(not translated)</small></span>"#),
        "{only}"
    );
    assert_eq!(
        alternates(&only).keys().cloned().collect::<Vec<_>>(),
        ["en-us", "x-default"],
        "no hreflang for a translation that does not exist"
    );
}

/// Every page of the corpus: each hreflang alternate exists and points back.
fn assert_alternates_point_both_ways(public: &std::path::Path, base: Option<&str>) -> usize {
    let pages: Vec<String> = walk(public)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|p| {
            Some(
                p.strip_prefix(public)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/"),
            )
        })
        .filter(|p| p.contains('/')) // the chooser and 404 pages at the root are not articles
        .collect();
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap_or_default();
    let target_of = |from: &str, href: &str| -> String {
        match base {
            Some(base) => href
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("{from}: `{href}` is not under {base}"))
                .to_owned(),
            None => {
                resolve(from, href).unwrap_or_else(|| panic!("{from}: `{href}` leaves the site"))
            }
        }
    };
    for page in &pages {
        let html = read(page);
        let locale = page.split('/').next().unwrap_or("");
        let alts = alternates(&html);
        assert!(
            alts.contains_key(locale),
            "{page} lacks its own hreflang: {alts:?}"
        );
        assert!(
            html.contains(&format!("<html lang=\"{locale}\"")),
            "{page}: wrong <html lang>"
        );
        for (lang, href) in alts.iter().filter(|(l, _)| *l != "x-default") {
            let target = target_of(page, href);
            assert!(
                target.starts_with(&format!("{lang}/")),
                "{page}: {lang} → {target}"
            );
            let back = alternates(&read(&target));
            let back_href = back
                .get(locale)
                .unwrap_or_else(|| panic!("{target} has no {locale} alternate back to {page}"));
            assert_eq!(
                &target_of(&target, back_href),
                page,
                "{target} points elsewhere"
            );
        }
        match base {
            Some(base) => assert_eq!(
                attrs(&html, r#"<link rel="canonical"[^>]*>"#, "href"),
                [format!("{base}{page}")]
            ),
            None => assert!(!html.contains("rel=\"canonical\""), "{page}"),
        }
    }
    pages.len()
}

#[test]
fn hreflang_alternates_point_both_ways_on_every_corpus_page() {
    let Some(corpus) = corpus() else { return };
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let public = out.path().join("public");
    let run = crate::harness::rosetta(
        out.path(),
        &[
            "build",
            &corpus.to_string_lossy(),
            "--out",
            &public.to_string_lossy(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("no base_url"),
        "the summary notes the missing base URL"
    );
    assert!(
        !public.join("sitemap.xml").exists(),
        "no sitemap without an absolute base URL"
    );
    let checked = assert_alternates_point_both_ways(&public, None);
    assert_eq!(
        checked,
        113 * 2 + 2 + 2,
        "every article, both home pages and both search pages"
    );
}

#[test]
fn with_an_absolute_base_url_the_sitemap_lists_every_page_with_its_alternates() {
    let Some(corpus) = corpus() else { return };
    let base = "https://docs.example.org/help/";
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let public = out.path().join("public");
    let run = crate::harness::rosetta(
        out.path(),
        &[
            "build",
            &corpus.to_string_lossy(),
            "--out",
            &public.to_string_lossy(),
            "--base-url",
            base,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("no base_url"), "{}", run.stderr);
    assert_alternates_point_both_ways(&public, Some(base));
    let xml = std::fs::read_to_string(public.join("sitemap.xml")).unwrap_or_default();
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("sitemap.xml does not parse: {e}"));
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xhtml = "http://www.w3.org/1999/xhtml";
    let mut listed = BTreeSet::new();
    for url in doc.descendants().filter(|n| n.has_tag_name((sm, "url"))) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name((sm, "loc")))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned();
        let rel = loc
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{loc} not under {base}"));
        let html =
            std::fs::read_to_string(public.join(rel)).unwrap_or_else(|e| panic!("{loc}: {e}"));
        let mut in_sitemap: BTreeMap<String, String> = url
            .children()
            .filter(|n| n.has_tag_name((xhtml, "link")) && n.attribute("rel") == Some("alternate"))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap_or("").to_owned(),
                    n.attribute("href").unwrap_or("").to_owned(),
                )
            })
            .collect();
        let mut in_page = alternates(&html);
        in_page.remove("x-default");
        in_sitemap.remove("x-default");
        assert_eq!(in_sitemap, in_page, "{loc}: sitemap and page disagree");
        assert_eq!(in_sitemap.len(), 2, "{loc}: both locales");
        listed.insert(rel.to_owned());
    }
    let pages: BTreeSet<String> = walk(&public)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|p| {
            Some(
                p.strip_prefix(&public)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/"),
            )
        })
        .filter(|p| p.contains('/'))
        // The search pages are not content: no sitemap entry (they say noindex).
        .filter(|p| !p.ends_with("/search.html"))
        .collect();
    assert_eq!(listed, pages, "the sitemap lists every page, once");
    // The root page (the language chooser) names each locale's home page by its full
    // address too (search engines ignore relative hreflang links); its own links stay
    // relative, so that the output works from any folder.
    let chooser = std::fs::read_to_string(public.join("index.html")).unwrap_or_default();
    let homes: Vec<String> = alternates(&chooser).into_values().collect();
    assert_eq!(
        homes,
        [
            format!("{base}es-es/index.html"),
            format!("{base}zh-tw/index.html")
        ],
        "{chooser}"
    );
    assert!(chooser.contains("href=\"es-es/index.html\""), "{chooser}");
}

#[test]
fn a_base_url_that_is_not_absolute_gives_no_sitemap_and_a_note() {
    let site = TestSite::fixture("moved-translation");
    let run = site.build(&["--base-url", "/docs/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("is not an absolute http(s) URL"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public/sitemap.xml"));
    let run = site.build(&["--base-url", "docs.example.org"]);
    assert_eq!(
        run.code, 2,
        "a base URL that is neither absolute nor a path: {}",
        run.stderr
    );
}
