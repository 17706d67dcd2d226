//! The built sites in headless Chromium, as a reader sees them: the real corpus, the
//! project's own guide, the seed article and the moved-translation fixture. Screenshots
//! go to `target/screenshots/`.

use crate::browser::{self, Served, Tab};
use crate::harness::{TestSite, corpus, project_root, shared};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub(super) fn served_corpus() -> Option<&'static Served> {
    static SITE: OnceLock<Option<Served>> = OnceLock::new();
    let corpus = corpus()?;
    SITE.get_or_init(|| Some(Served::build(TestSite::copy_of(&corpus), &[])))
        .as_ref()
}

pub(super) fn served_guide() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| Served::build(TestSite::project_guide(), &[]))
}

pub(super) fn served_fixture() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| Served::build(TestSite::fixture("moved-translation"), &[]))
}

/// The two seed translations, under different paths: they pair by `ms.assetid`.
fn served_seeds() -> Option<&'static Served> {
    static SITE: OnceLock<Option<Served>> = OnceLock::new();
    let seeds = shared()?.join("seeds");
    SITE.get_or_init(|| {
        let site = TestSite::with_seed_pair(&seeds);
        site.file(
            "content/zh-tw/lookout/TOC.md",
            "# [Lookout](troubleshoot.md)\n",
        );
        site.file(
            "content/es-es/lookout/TOC.md",
            "# [Lookout](solucionar-problemas.md)\n",
        );
        let run = site.build(&[]);
        // The seeds include a file that is not part of them: that finding is expected.
        assert_eq!(run.code, 0, "{}", run.stderr);
        Some(Served::build(site, &[]))
    })
    .as_ref()
}

pub(super) fn screenshot_dir() -> PathBuf {
    project_root().join("target/screenshots")
}

/// What the reader's page shows, gathered in one evaluation.
const FACTS: &str = r##"(() => {
  const article = document.querySelector("article.content");
  const headings = article ? [...article.querySelectorAll("h1,h2,h3,h4,h5,h6")] : [];
  const ids = headings.map(h => h.id);
  const current = document.querySelector("nav.site-nav a[aria-current='page']");
  const sw = [...document.querySelectorAll(".lang-switch a.lang-link")].map(a => [a.hreflang, a.href]);
  const unavailable = [...document.querySelectorAll(".lang-switch .lang-unavailable")].map(s => s.lang);
  return {
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    title: document.title,
    ids,
    missingIds: headings.filter(h => !h.id).length,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    current: current ? current.href : null,
    currentCount: document.querySelectorAll("nav.site-nav [aria-current='page']").length,
    switcher: sw,
    unavailable,
    target: document.querySelector(":target") ? document.querySelector(":target").id : null,
    here: location.href.split("#")[0],
  };
})()"##;

fn facts(tab: &Tab<'_>) -> Value {
    tab.eval(FACTS)
}

/// The front matter `title:` of a source file (unquoted), if any.
fn source_title(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().take(40).find(|l| l.starts_with("title:"))?;
    Some(line["title:".len()..].trim().trim_matches('"').to_owned())
}

#[test]
fn every_corpus_page_has_its_language_title_ids_switcher_and_fits_a_phone() {
    let (Some(site), Some(corpus)) = (served_corpus(), corpus()) else {
        return;
    };
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    tab.resize(390, 844);
    let toc: Vec<String> = ["zh-tw", "es-es"]
        .iter()
        .map(|l| {
            std::fs::read_to_string(corpus.join(format!("content/{l}/intune-user-help/TOC.md")))
                .unwrap_or_default()
        })
        .collect();
    let mut checked = 0;
    for (l, (locale, other)) in [("zh-tw", "es-es"), ("es-es", "zh-tw")]
        .into_iter()
        .enumerate()
    {
        for page in site.pages(locale) {
            let rel = page
                .strip_prefix(&format!("{locale}/"))
                .unwrap_or(&page)
                .to_owned();
            let source = corpus
                .join("content")
                .join(locale)
                .join(rel.replace(".html", ".md"));
            // Open at the first section that has an id, as a reader following a link would.
            let html = std::fs::read_to_string(site.public.join(&page)).unwrap_or_default();
            let anchor = html
                .split("<h2 id=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .filter(|id| *id != "on-this-page-title")
                .map(str::to_owned);
            let url = site.server.url(&page);
            let url_with_anchor = match &anchor {
                Some(a) => format!("{url}#{a}"),
                None => url.clone(),
            };
            tab.navigate(&url_with_anchor);
            let f = facts(&tab);
            assert_eq!(f["lang"], locale, "{page}");
            let title = f["title"].as_str().unwrap_or_default();
            match source_title(&source) {
                Some(t) => assert_eq!(title, t, "{page}: <title>"),
                None => assert!(!title.is_empty(), "{page}: empty <title>"),
            }
            assert_eq!(f["missingIds"], 0, "{page}: a heading without id");
            let ids: Vec<&str> = f["ids"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(
                unique.len(),
                ids.len(),
                "{page}: duplicate heading ids {ids:?}"
            );
            assert!(
                f["scrollWidth"].as_i64() <= f["innerWidth"].as_i64(),
                "{page} scrolls sideways at 390 px: {} > {}",
                f["scrollWidth"],
                f["innerWidth"]
            );
            if let Some(a) = &anchor {
                assert_eq!(
                    f["target"].as_str(),
                    Some(a.as_str()),
                    "{page}#{a} is not a target"
                );
            }
            // The switcher goes to the same article in the other language, same section.
            let expected = site.server.url(&format!("{other}/{rel}"))
                + &anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default();
            if rel != "index.html" {
                assert_eq!(
                    f["switcher"],
                    serde_json::json!([[other, expected]]),
                    "{page}: switcher"
                );
            }
            // The current entry is marked when the TOC lists the page.
            let file = rel.rsplit('/').next().unwrap_or("").replace(".html", ".md");
            // (letter case aside: the TOC links one page as `iOS`, the file says `ios`)
            if toc[l]
                .to_lowercase()
                .contains(&format!("]({})", file.to_lowercase()))
            {
                assert_eq!(
                    f["current"].as_str(),
                    Some(url.as_str()),
                    "{page}: current nav entry"
                );
                assert_eq!(f["currentCount"], 1, "{page}");
            } else {
                assert_eq!(
                    f["current"],
                    Value::Null,
                    "{page}: nothing is marked outside the TOC"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        2 * 115,
        "every article, home page and search page of both locales"
    );
}

#[test]
fn chinese_text_is_drawn_with_a_cjk_font_and_spanish_with_a_latin_one() {
    let Some(site) = served_corpus() else { return };
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    tab.navigate(
        &site
            .server
            .url("zh-tw/intune-user-help/use-managed-devices-to-get-work-done.html"),
    );
    let zh = tab.fonts_used("article.content h1");
    assert!(
        zh.iter()
            .any(|f| f.contains("CJK TC") || f.ends_with(" TC") || f.contains("JhengHei")),
        "zh-tw heading drawn with {zh:?}"
    );
    tab.navigate(
        &site
            .server
            .url("es-es/intune-user-help/use-managed-devices-to-get-work-done.html"),
    );
    let es = tab.fonts_used("article.content p");
    assert!(
        !es.is_empty() && es.iter().all(|f| !f.contains("CJK")),
        "es-es text drawn with {es:?}"
    );
}

#[test]
fn the_guide_reads_well_on_desktop_and_phone() {
    let site = served_guide();
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    let shots = screenshot_dir();
    for (width, height) in [(1280, 900), (390, 844)] {
        tab.resize(width, height);
        for locale in ["en-us", "es-es", "zh-tw"] {
            for page in site.pages(locale) {
                tab.navigate(&site.server.url(&page));
                let f = facts(&tab);
                assert_eq!(f["lang"], locale, "{page}");
                assert!(
                    f["scrollWidth"].as_i64() <= f["innerWidth"].as_i64(),
                    "{page} at {width}px: {f}"
                );
                if page.contains("/guide/") {
                    assert_eq!(
                        f["current"].as_str(),
                        f["here"].as_str(),
                        "{page}: current nav entry"
                    );
                    assert_eq!(f["currentCount"], 1, "{page}");
                    assert_eq!(
                        f["switcher"].as_array().map(Vec::len),
                        Some(2),
                        "{page}: {f}"
                    );
                }
            }
            let page = format!("{locale}/guide/dialect.html");
            tab.navigate(&site.server.url(&page));
            tab.screenshot(&shots.join(format!("guide-{locale}-{width}.png")), false);
        }
    }
}

#[test]
fn the_seed_article_pairs_across_paths_and_keeps_the_section() {
    let Some(site) = served_seeds() else { return };
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    let shots = screenshot_dir();
    let zh = "zh-tw/lookout/troubleshoot.html";
    let es = "es-es/lookout/solucionar-problemas.html";
    tab.navigate(&format!(
        "{}#device-reported-as-disconnected",
        site.server.url(zh)
    ));
    let f = facts(&tab);
    assert_eq!(
        f["switcher"],
        serde_json::json!([[
            "es-es",
            format!("{}#device-reported-as-disconnected", site.server.url(es))
        ]])
    );
    for (width, height) in [(1280, 900), (390, 844)] {
        tab.resize(width, height);
        for (locale, page) in [("zh-tw", zh), ("es-es", es)] {
            tab.navigate(&site.server.url(page));
            let f = facts(&tab);
            assert!(
                f["scrollWidth"].as_i64() <= f["innerWidth"].as_i64(),
                "{page} at {width}px"
            );
            tab.screenshot(&shots.join(format!("seed-{locale}-{width}.png")), false);
            tab.screenshot(&shots.join(format!("seed-{locale}-{width}-full.png")), true);
        }
    }
}

#[test]
fn the_switcher_follows_the_anchor_to_a_moved_page_and_shows_missing_translations() {
    let site = served_fixture();
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    let en = site.server.url("en-us/docs/install-the-app.html");
    let es = site.server.url("es-es/docs/instalar-la-aplicacion.html");
    tab.navigate(&format!("{en}#first-run"));
    let f = facts(&tab);
    assert_eq!(
        f["switcher"],
        serde_json::json!([["es-es", format!("{es}#first-run")]])
    );
    assert_eq!(
        f["current"].as_str(),
        Some(en.as_str()),
        "current entry marked in the full tree"
    );
    // The anchor follows the reader within the page.
    tab.eval("new Promise(r => { addEventListener('hashchange', () => setTimeout(r, 0), {once: true}); location.hash = 'download'; })");
    assert_eq!(facts(&tab)["switcher"][0][1], format!("{es}#download"));
    // Following the link lands on the same section in Spanish.
    let href = facts(&tab)["switcher"][0][1]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    tab.navigate(&href);
    let f = facts(&tab);
    assert_eq!(
        (f["lang"].as_str(), f["target"].as_str()),
        (Some("es-es"), Some("download"))
    );
    // A page missing in Spanish: Spanish is shown as unavailable, with no link.
    tab.navigate(&site.server.url("en-us/docs/only-in-english.html#why"));
    let f = facts(&tab);
    assert_eq!(f["switcher"], serde_json::json!([]));
    assert_eq!(f["unavailable"], serde_json::json!(["es-es"]));
    // The full tree from the shared file: every entry, folding buttons, current one marked.
    let tree = tab.eval("[...document.querySelectorAll('nav.site-nav li')].map(li => li.querySelector('a,span').textContent)");
    assert_eq!(
        tree,
        serde_json::json!([
            "Overview",
            "Setting up",
            "Install the app",
            "Only in English"
        ])
    );
    assert_eq!(
        tab.eval("document.querySelectorAll('nav.site-nav button.nav-expand').length"),
        1
    );
}

#[test]
fn the_root_page_sends_readers_to_their_preferred_language() {
    let site = served_fixture();
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    for (accept, expected) in [("es-ES,es;q=0.9", "es-es"), ("en-GB,en;q=0.9", "en-us")] {
        let ua = tab.eval_string("navigator.userAgent");
        tab.call(
            "Emulation.setUserAgentOverride",
            serde_json::json!({"userAgent": ua, "acceptLanguage": accept}),
        );
        tab.navigate_until(
            &site.server.url(""),
            "location.pathname !== '/' && document.readyState === 'complete'",
        );
        let landed = tab.eval_string("location.pathname");
        assert_eq!(
            landed,
            format!("/{expected}/index.html"),
            "Accept-Language {accept}"
        );
    }
    // A language the site does not have: the chooser stays, listing every locale.
    tab.call("Emulation.setUserAgentOverride", serde_json::json!({"userAgent": tab.eval_string("navigator.userAgent"), "acceptLanguage": "fr-FR"}));
    tab.navigate(&site.server.url("index.html"));
    assert_eq!(
        tab.eval("document.querySelectorAll('a[data-lang]').length"),
        2
    );
    // Every request of these pages stayed on the loopback server (`data:` URLs, such as the
    // theme's icons, are no requests to anywhere).
    let origin = site.server.origin();
    for url in tab.requests() {
        if url.starts_with("data:") {
            continue;
        }
        assert!(url.starts_with(&origin), "request left the site: {url}");
    }
}
