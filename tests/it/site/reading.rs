//! What readers use besides the article, in Chromium: the colour scheme (system, light,
//! dark) on every page from its first frame, breadcrumbs, the navigation filter, search as
//! you type, the source page's article in place of a translation, print, and axe-core's
//! accessibility checks in both schemes; and, in the HTML, the last-updated date (git, else
//! `ms.date`) and the edit link. Screenshots go to `target/screenshots/`.

use super::reader::{screenshot_dir, served_corpus, served_guide};
use crate::browser::{self, Served, Tab};
use crate::harness::{TestSite, corpus, git_on, project_root};
use crate::source::served_loc2020;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

/// Records, in every document the tab opens, the colour scheme chosen on `<html>` when the
/// `<body>` starts (before any script of the page but those in `<head>` ran) and the body's
/// background in the first frame.
const RECORDER: &str = r#"(() => {
  const seen = () => {
    if (window.__atBody !== undefined || !document.body) return false;
    window.__atBody = document.documentElement.getAttribute("data-theme") || "";
    return true;
  };
  new MutationObserver((_, o) => { if (seen()) o.disconnect(); })
    .observe(document, {childList: true, subtree: true});
  const frame = () => {
    if (document.body) window.__firstFrame = getComputedStyle(document.body).backgroundColor;
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()"#;

const LIGHT: &str = "rgb(255, 255, 255)";
const DARK: &str = "rgb(13, 17, 23)";

/// A UI string of the embedded theme (`i18n/<locale>.ftl`), as written.
fn ui_string(locale: &str, key: &str) -> String {
    let text = std::fs::read_to_string(project_root().join(format!("i18n/{locale}.ftl")))
        .unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no {key} in {locale}"))
        .to_owned()
}

/// Nothing is kept: no scheme set on the page and none stored, so the system decides.
fn assert_follows_the_system(tab: &Tab) {
    assert_eq!(
        tab.eval("document.documentElement.hasAttribute('data-theme')"),
        false
    );
    assert_eq!(
        tab.eval("localStorage.getItem('rosetta-theme')"),
        Value::Null
    );
}

/// Opens `url` and returns (the scheme chosen when the body started, the first frame's
/// background, the background now).
fn open_and_record(tab: &Tab<'_>, url: &str) -> (String, String, String) {
    tab.navigate(url);
    tab.wait_for("window.__firstFrame !== undefined && window.__atBody !== undefined");
    (
        tab.eval_string("window.__atBody"),
        tab.eval_string("window.__firstFrame"),
        tab.eval_string("getComputedStyle(document.body).backgroundColor"),
    )
}

fn triple(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.to_owned(), b.to_owned(), c.to_owned())
}

#[test]
fn the_colour_scheme_follows_the_system_and_the_toggle_on_every_page_from_the_first_frame() {
    let site = served_guide();
    let Some(browser) = browser::browser() else {
        return;
    };
    // A server of its own: the choice is kept per origin, so other tests' pages keep theirs.
    let server = browser::serve(&site.public);
    let tab = browser.tab();
    tab.on_new_document(RECORDER);
    let shots = screenshot_dir();
    let background = "getComputedStyle(document.body).backgroundColor";
    let label = "document.querySelector('.theme-toggle').getAttribute('aria-label')";

    // No choice: the system's scheme, and a change of it applies at once.
    tab.emulate_media("screen", "dark");
    let dialect = server.url("en-us/guide/dialect.html");
    assert_eq!(open_and_record(&tab, &dialect), triple("", DARK, DARK));
    assert_eq!(tab.eval_string(label), ui_string("en-us", "theme-system"));
    tab.emulate_media("screen", "light");
    assert_eq!(tab.eval_string(background), LIGHT);

    // Every click shows the other scheme. With the system dark: light, kept on the next
    // page (another language) from its first frame.
    tab.emulate_media("screen", "dark");
    tab.click(".theme-toggle", false);
    assert_eq!(
        tab.eval_string("document.documentElement.dataset.theme"),
        "light"
    );
    assert_eq!(tab.eval_string(background), LIGHT);
    assert_eq!(tab.eval_string(label), ui_string("en-us", "theme-light"));
    assert_eq!(
        open_and_record(&tab, &server.url("zh-tw/guide/dialect.html")),
        triple("light", LIGHT, LIGHT)
    );
    assert_eq!(tab.eval_string(label), ui_string("zh-tw", "theme-light"));
    tab.screenshot(&shots.join("scheme-zh-tw-light.png"), false);

    // The next click shows dark, the system's own: that is following the system again
    // (nothing kept), not a choice of dark that a further click would have to undo.
    tab.click(".theme-toggle", false);
    assert_eq!(tab.eval_string(background), DARK);
    assert_follows_the_system(&tab);
    assert_eq!(tab.eval_string(label), ui_string("zh-tw", "theme-system"));

    // With the system light: dark, kept on every page though the system is light.
    tab.emulate_media("screen", "light");
    assert_eq!(tab.eval_string(background), LIGHT);
    tab.click(".theme-toggle", false);
    assert_eq!(tab.eval_string(background), DARK);
    for page in [
        "es-es/guide/dialect.html",
        "zh-tw/guide/dialect.html",
        "es-es/index.html",
    ] {
        assert_eq!(
            open_and_record(&tab, &server.url(page)),
            triple("dark", DARK, DARK),
            "{page}"
        );
    }
    assert_eq!(tab.eval_string(label), ui_string("es-es", "theme-dark"));
    tab.navigate(&server.url("es-es/guide/dialect.html"));
    tab.screenshot(&shots.join("scheme-es-es-dark.png"), false);
    tab.navigate(&server.url("zh-tw/guide/dialect.html"));
    tab.screenshot(&shots.join("scheme-zh-tw-dark.png"), false);
    tab.resize(390, 844);
    tab.screenshot(&shots.join("scheme-zh-tw-dark-390.png"), false);
    tab.resize(1280, 800);

    // Then light, the system's again: nothing kept, the system decides.
    tab.click(".theme-toggle", false);
    assert_eq!(tab.eval_string(background), LIGHT);
    assert_follows_the_system(&tab);
    tab.emulate_media("screen", "dark");
    assert_eq!(
        open_and_record(&tab, &server.url("es-es/guide/dialect.html")),
        triple("", DARK, DARK)
    );
    tab.emulate_media("screen", "light");
    tab.screenshot(&shots.join("scheme-es-es-light.png"), false);
}

/// The title of a TOC.md line (`## [Title](file.md)` or `# Title`) and its level.
fn toc_line(line: &str) -> Option<(usize, String, Option<String>)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    let rest = line.get(level..)?.trim();
    if level == 0 {
        return None;
    }
    match rest.strip_prefix('[').and_then(|r| r.split_once("](")) {
        Some((title, link)) => Some((
            level,
            title.to_owned(),
            Some(link.trim_end_matches(')').to_owned()),
        )),
        None => Some((level, rest.to_owned(), None)),
    }
}

/// The ancestors (titles, outermost first) of the entry linking `file` in a TOC.md.
fn toc_ancestors(toc: &str, file: &str) -> Vec<String> {
    let lines: Vec<(usize, String, Option<String>)> = toc.lines().filter_map(toc_line).collect();
    let at = lines
        .iter()
        .position(|(_, _, link)| link.as_deref() == Some(file))
        .unwrap_or_else(|| panic!("{file} is not in the TOC"));
    let mut level = lines[at].0;
    let mut out = Vec::new();
    for (l, title, _) in lines[..at].iter().rev() {
        if *l < level {
            out.push(title.clone());
            level = *l;
        }
    }
    out.reverse();
    out
}

#[test]
fn breadcrumbs_name_the_toc_path_from_the_home_page_with_structured_data() {
    let (Some(site), Some(corpus)) = (served_corpus(), corpus()) else {
        return;
    };
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    for locale in ["zh-tw", "es-es"] {
        let toc = std::fs::read_to_string(
            corpus.join(format!("content/{locale}/intune-user-help/TOC.md")),
        )
        .unwrap_or_default();
        for file in [
            "troubleshoot-your-device-windows.md",
            "using-your-windows-device-with-intune.md",
            "use-managed-devices-to-get-work-done.md",
        ] {
            let page = format!("{locale}/intune-user-help/{}", file.replace(".md", ".html"));
            tab.navigate(&site.server.url(&page));
            tab.wait_for("document.querySelectorAll('nav.site-nav button.nav-expand').length > 0");
            let mut expected = vec![ui_string(locale, "home")];
            expected.extend(toc_ancestors(&toc, file));
            let crumbs = tab.eval(
                "[...document.querySelectorAll('main nav.breadcrumbs li')].map(li => [li.textContent, li.querySelector('a') ? li.querySelector('a').href : null])",
            );
            let titles: Vec<&str> = crumbs
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c[0].as_str())
                .collect();
            assert_eq!(titles, expected, "{page}");
            // Above the title.
            assert_eq!(
                tab.eval("document.querySelector('nav.breadcrumbs').compareDocumentPosition(document.querySelector('article h1')) & Node.DOCUMENT_POSITION_FOLLOWING"),
                4
            );
            // Home leads home; the TOC group has no page; an entry leads to its page.
            assert_eq!(
                crumbs[0][1].as_str(),
                Some(site.server.url(&format!("{locale}/index.html")).as_str())
            );
            // The same path as the navigation tree's current entry's ancestors.
            let tree = tab.eval(
                "(() => { const out = []; let li = document.querySelector('nav.site-nav a[aria-current=page]').closest('li'); \
                 while ((li = li.parentElement.closest('li'))) out.unshift(li.querySelector(':scope > .nav-item > a, :scope > .nav-item > span').textContent); return out; })()",
            );
            assert_eq!(tree, serde_json::json!(expected[1..]), "{page}");
            // BreadcrumbList: the crumbs that have a page, then the page itself.
            let ld: Value = serde_json::from_str(&tab.eval_string(
                "document.querySelector('script[type=\"application/ld+json\"]').textContent",
            ))
            .unwrap_or_else(|e| panic!("{page}: JSON-LD: {e}"));
            assert_eq!(ld["@type"], "BreadcrumbList");
            let items = ld["itemListElement"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let linked: Vec<&str> = crumbs
                .as_array()
                .into_iter()
                .flatten()
                .filter(|c| c[1].is_string())
                .filter_map(|c| c[0].as_str())
                .collect();
            let names: Vec<&str> = items.iter().filter_map(|i| i["name"].as_str()).collect();
            assert_eq!(names[..names.len() - 1], linked[..], "{page}");
            assert!(
                tab.eval_string("document.title")
                    .starts_with(names[names.len() - 1]),
                "{page}: {names:?}"
            );
            for (i, item) in items.iter().enumerate() {
                assert_eq!(item["position"], i + 1);
            }
        }
    }
}

/// The navigation entries shown now (titles, in order).
fn shown_entries(tab: &Tab<'_>) -> Vec<String> {
    let shown = tab.eval(
        "[...document.querySelectorAll('nav.site-nav ul.nav-tree li')].filter(li => li.offsetParent !== null)\
         .map(li => li.querySelector(':scope > .nav-item > a, :scope > .nav-item > span').textContent)",
    );
    shown
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Types `text` into the navigation filter (replacing what is there) and waits for the tree
/// to follow.
fn filter(tab: &Tab<'_>, text: &str) {
    tab.eval("(() => { const i = document.querySelector('.nav-filter input'); i.focus(); i.select(); })()");
    tab.press("Backspace", false, false);
    tab.type_text(text, Duration::from_millis(30));
    tab.eval("new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))");
}

#[test]
fn the_navigation_filter_finds_entries_by_a_cjk_substring_and_an_unaccented_word() {
    let (Some(site), Some(corpus)) = (served_corpus(), corpus()) else {
        return;
    };
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    let shots = screenshot_dir();
    // (locale, what the reader types, the word as the titles write it)
    for (locale, typed, written) in [
        ("zh-tw", "常見問", "常見問"),
        ("es-es", "solucion", "Solución"),
    ] {
        let toc = std::fs::read_to_string(
            corpus.join(format!("content/{locale}/intune-user-help/TOC.md")),
        )
        .unwrap_or_default();
        let lines: Vec<(usize, String, Option<String>)> =
            toc.lines().filter_map(toc_line).collect();
        // What must show: every title with the word, and the ancestors of each.
        let mut wanted = BTreeSet::new();
        for (_, title, link) in &lines {
            if title.to_lowercase().contains(&written.to_lowercase()) {
                wanted.insert(title.clone());
                if let Some(link) = link {
                    wanted.extend(toc_ancestors(&toc, link));
                }
            }
        }
        assert!(wanted.len() >= 3, "{locale}: {wanted:?}");
        tab.navigate(&site.server.url(&format!(
            "{locale}/intune-user-help/use-managed-devices-to-get-work-done.html"
        )));
        tab.wait_for("document.querySelectorAll('nav.site-nav button.nav-expand').length > 0");
        let before = shown_entries(&tab);
        filter(&tab, typed);
        let shown: BTreeSet<String> = shown_entries(&tab).into_iter().collect();
        assert_eq!(shown, wanted, "{locale}: `{typed}`");
        assert_eq!(
            tab.eval_string("document.querySelector('.nav-filter-none').textContent"),
            ""
        );
        tab.screenshot(&shots.join(format!("nav-filter-{locale}.png")), false);
        // In capitals too.
        filter(&tab, &typed.to_uppercase());
        let upper: BTreeSet<String> = shown_entries(&tab).into_iter().collect();
        assert_eq!(upper, wanted, "{locale}: upper case");
        // Nothing matches: said so.
        filter(&tab, "zqxw");
        assert!(shown_entries(&tab).is_empty());
        assert_eq!(
            tab.eval_string("document.querySelector('.nav-filter-none').textContent"),
            ui_string(locale, "nav-filter-none")
        );
        // Emptied: the tree as it was.
        filter(&tab, "");
        assert_eq!(shown_entries(&tab), before, "{locale}: restored");
    }
}

/// Instruments the header's search box: the time of the last key and of the results shown
/// after it.
const TIMING: &str = r#"(() => {
  const form = document.querySelector("form.rosetta-search");
  window.__lastKey = null; window.__shown = null;
  form.querySelector("input").addEventListener("input", () => { window.__lastKey = performance.now(); window.__shown = null; });
  new MutationObserver(() => {
    const popup = form.querySelector(".search-popup");
    if (window.__shown === null && form.getAttribute("data-state") === "done" && popup && !popup.hidden)
      window.__shown = performance.now();
  }).observe(form, {attributes: true, childList: true, subtree: true});
})()"#;

/// The results under the search box: (href, title, section) each.
fn popup_results(tab: &Tab<'_>) -> Vec<(String, String, String)> {
    let found = tab.eval(
        "[...document.querySelectorAll('.search-popup a.search-hit')].map(a => [a.href, a.querySelector('.search-hit-title').textContent, (a.querySelector('.search-hit-section') || {}).textContent || ''])",
    );
    found
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let s = |i: usize| r[i].as_str().unwrap_or_default().to_owned();
            (s(0), s(1), s(2))
        })
        .collect()
}

fn focused(tab: &Tab<'_>) -> String {
    tab.eval_string(
        "(() => { const a = document.activeElement; return a.tagName + ' ' + (a.name || a.className) + ' ' + (a.href || ''); })()",
    )
}

#[test]
fn search_as_you_type_shows_results_under_the_box_and_works_from_the_keyboard() {
    let Some(site) = served_corpus() else { return };
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    let page = site
        .server
        .url("zh-tw/intune-user-help/use-managed-devices-to-get-work-done.html");
    tab.navigate(&page);
    tab.wait_for("document.readyState === 'complete'");
    std::thread::sleep(Duration::from_millis(300));
    // Nothing of the search is loaded with the page.
    let early: Vec<String> = tab
        .requests()
        .into_iter()
        .filter(|u| u.contains("/_rosetta/search") || u.contains("search-box.js"))
        .collect();
    assert!(
        early.is_empty(),
        "loaded before the box had focus: {early:?}"
    );
    // `/` focuses the box, which loads the locale's index (and only that locale's).
    tab.press("/", false, false);
    assert!(focused(&tab).starts_with("INPUT q"), "{}", focused(&tab));
    tab.wait_for("document.querySelector('.search-popup') !== null");
    tab.eval(TIMING);
    let index = site.server.url("_rosetta/search/zh-tw/pagefind.js");
    let started = std::time::Instant::now();
    while !tab.requests().contains(&index) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            tab.requests()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !tab.requests()
            .iter()
            .any(|u| u.contains("/_rosetta/search/es-es/")),
        "another locale's index"
    );
    // Typing as a reader does; one character is enough for CJK.
    let mut times = Vec::new();
    for query in ["裝置", "公司入口", "密碼", "應用程式"] {
        tab.eval("document.querySelector('form.rosetta-search input').value = ''");
        tab.type_text(query, Duration::from_millis(120));
        tab.wait_for("window.__shown !== null");
        let ms = tab
            .eval("window.__shown - window.__lastKey")
            .as_f64()
            .unwrap_or(f64::MAX);
        times.push(ms);
        let results = popup_results(&tab);
        assert!(!results.is_empty(), "{query}: no results");
        let prefix = site.server.url("zh-tw/");
        for (href, title, _) in &results {
            assert!(href.starts_with(&prefix), "{query}: {href} is not zh-tw");
            assert!(!title.is_empty(), "{query}: {href} has no title");
        }
        assert!(
            results
                .iter()
                .any(|(href, _, section)| href.contains('#') && !section.is_empty()),
            "{query}: no result names its section: {results:?}"
        );
        // Screen readers hear the count.
        let status = tab
            .eval_string("document.querySelector('form.rosetta-search [role=status]').textContent");
        assert!(status.contains(query), "{status}");
        assert!(status.chars().any(|c| c.is_ascii_digit()), "{status}");
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    eprintln!("search as you type: results {times:?} ms after the last key");
    assert!(
        median <= 300.0,
        "results came {times:?} ms after the last key"
    );
    assert!(times.iter().all(|t| *t < 1000.0), "{times:?}");
    tab.screenshot(
        &screenshot_dir().join("search-as-you-type-zh-tw.png"),
        false,
    );

    // Arrows move between the results, Escape closes, Enter opens.
    let results = popup_results(&tab);
    tab.press("ArrowDown", false, false);
    assert_eq!(focused(&tab), format!("A search-hit {}", results[0].0));
    tab.press("ArrowDown", false, false);
    assert_eq!(focused(&tab), format!("A search-hit {}", results[1].0));
    tab.press("ArrowUp", false, false);
    assert_eq!(focused(&tab), format!("A search-hit {}", results[0].0));
    tab.press("Escape", false, false);
    assert_eq!(
        tab.eval("document.querySelector('.search-popup').hidden"),
        true
    );
    assert!(focused(&tab).starts_with("INPUT q"));
    tab.press("ArrowDown", false, false);
    assert_eq!(
        tab.eval("document.querySelector('.search-popup').hidden"),
        false
    );
    assert_eq!(focused(&tab), format!("A search-hit {}", results[0].0));
    tab.press("Enter", false, false);
    tab.wait_for(&format!(
        "location.href === {} && document.readyState === 'complete'",
        serde_json::to_string(&results[0].0).unwrap_or_default()
    ));

    // Ctrl+K (⌘K) focuses the box from anywhere; Enter on the query opens the search page.
    tab.eval("document.activeElement.blur()");
    tab.press("k", true, false);
    assert!(focused(&tab).starts_with("INPUT q"));
    tab.eval("document.activeElement.blur()");
    tab.press("k", false, true);
    assert!(focused(&tab).starts_with("INPUT q"));
    tab.type_text("公司", Duration::from_millis(50));
    tab.press("Enter", false, false);
    tab.wait_for(
        "location.pathname.endsWith('/zh-tw/search.html') && document.readyState === 'complete'",
    );
    assert_eq!(
        tab.eval_string("new URLSearchParams(location.search).get('q')"),
        "公司"
    );
}

/// A small site whose pages carry a Pagefind `version` filter (as the versions of a site
/// do), through a theme that adds it: the search box filters by the page's `?view=`.
fn versioned_site() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::new();
        site.file("rosetta.yaml", "locales: [en-us]\n");
        let page = std::fs::read_to_string(project_root().join("themes/default/templates/page.html"))
            .unwrap_or_default()
            .replacen(
                "{% block meta %}",
                "{% block meta %}<meta data-pagefind-filter=\"version[content]\" content=\"{{ page.meta.version }}\">\n",
                1,
            );
        site.file("themes/default/templates/page.html", page);
        for (name, version) in [("old", "v1"), ("new", "v2")] {
            site.file(
                &format!("content/en-us/{name}.md"),
                format!("---\ntitle: Harbour {name}\nversion: {version}\n---\n# Harbour {name}\n\n## Lighthouse keeping\n\nThe lighthouse of the harbour, {name} edition.\n"),
            );
        }
        Served::build(site, &[])
    })
}

#[test]
fn search_as_you_type_keeps_to_the_version_in_the_address() {
    let site = versioned_site();
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    // The titles found, and the `view` each result opens with.
    let results = |view: &str| -> Vec<(String, String)> {
        tab.navigate(&site.server.url(&format!("en-us/old.html{view}")));
        tab.eval("document.querySelector('form.rosetta-search input').focus()");
        tab.wait_for("document.querySelector('.search-popup') !== null");
        tab.type_text("lighthouse", Duration::from_millis(20));
        tab.wait_for(
            "document.querySelector('form.rosetta-search').getAttribute('data-state') === 'done'",
        );
        let mut found: Vec<(String, String)> = popup_results(&tab)
            .into_iter()
            .map(|(href, title, _)| {
                let view = href
                    .split_once("view=")
                    .map(|(_, v)| v.split(['&', '#']).next().unwrap_or("").to_owned())
                    .unwrap_or_default();
                (title, view)
            })
            .collect();
        found.sort();
        found
    };
    let titles = |view: &str| -> Vec<String> { results(view).into_iter().map(|r| r.0).collect() };
    assert_eq!(titles(""), ["Harbour new", "Harbour old"]);
    assert_eq!(titles("?view=v1"), ["Harbour old"]);
    // The version's name in any letter case, as the search page and the picker read it;
    // a result opens for the version it was found in.
    assert_eq!(
        results("?view=V1"),
        [("Harbour old".to_owned(), "v1".to_owned())]
    );
    assert_eq!(
        results(""),
        [
            ("Harbour new".to_owned(), String::new()),
            ("Harbour old".to_owned(), String::new())
        ]
    );
    assert_eq!(
        results("?view=v2"),
        [("Harbour new".to_owned(), "v2".to_owned())]
    );
    // The full search page keeps the version too.
    assert!(
        tab.eval_string("document.querySelector('a.search-all').href")
            .contains("view=v2")
    );
    // A version chosen in the picker once the box has searched (the picker changes the
    // address in place) is the one its next query searches and opens.
    assert_eq!(titles("?view=v1"), ["Harbour old"]);
    tab.eval("history.replaceState(null, '', '?view=v2')");
    tab.eval(
        "(() => { const i = document.querySelector('form.rosetta-search input'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); })()",
    );
    tab.wait_for("!document.querySelector('form.rosetta-search').hasAttribute('data-state')");
    tab.type_text("lighthouse", Duration::from_millis(20));
    tab.wait_for(
        "document.querySelector('form.rosetta-search').getAttribute('data-state') === 'done'",
    );
    let found: Vec<(String, String)> = popup_results(&tab)
        .into_iter()
        .map(|(href, title, _)| (title, href))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Harbour new");
    assert!(found[0].1.contains("view=v2"), "{found:?}");
}

// "On this page" on a translation with changed sections: every entry has text, a changed
// section's dot stays on its entry's line (not on a line of its own, which reads as an
// empty entry), and an entry too long for the column wraps inside it.
#[test]
fn on_this_page_entries_keep_their_dot_on_their_line_and_long_ones_wrap() {
    let Some(site) = served_loc2020() else { return };
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    tab.resize(1280, 800);
    tab.navigate(
        &site
            .server
            .url("es-es/intune/remote-actions/device-management.html"),
    );
    let entries = tab.eval(
        "[...document.querySelectorAll('.on-this-page li')].map(li => { \
           const a = li.querySelector('a').getBoundingClientRect(); \
           const dot = li.querySelector('.stale-dot'); \
           const d = dot && dot.getBoundingClientRect(); \
           return [li.querySelector('a').textContent.trim(), !!dot, !d || (d.top < a.top + 0.75 * parseFloat(getComputedStyle(li.querySelector('a')).lineHeight) && d.bottom > a.top)]; })",
    );
    let entries = entries.as_array().cloned().unwrap_or_default();
    assert!(
        entries.iter().any(|e| e[1] == true),
        "no changed section: {entries:?}"
    );
    for e in &entries {
        assert_ne!(e[0], "", "{entries:?}");
        assert_eq!(
            e[2], true,
            "the dot is not on its entry's line: {entries:?}"
        );
    }
    tab.screenshot(
        &screenshot_dir().join("on-this-page-stale-es-es.png"),
        false,
    );
    // A heading of one long word (a path, a compound) and one of many words, in the
    // entry that has a dot: both wrap within the column.
    for text in [
        "Configuración/Dispositivos/Acciones-remotas/Restablecimiento-de-fábrica-completo",
        "Acciones de dispositivo disponibles en todos los sistemas operativos que Intune administra hoy",
    ] {
        let fits = tab.eval(&format!(
            "(() => {{ const a = document.querySelector('.on-this-page li.stale a'); a.textContent = {}; \
               const aside = document.querySelector('.on-this-page'); const ul = aside.querySelector('ul'); \
               const li = a.closest('li'); const dot = li.querySelector('.stale-dot').getBoundingClientRect(); \
               return [ul.scrollWidth <= ul.clientWidth, a.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(a).lineHeight), dot.right <= ul.getBoundingClientRect().right + 1]; }})()",
            serde_json::to_string(text).unwrap_or_default()
        ));
        assert_eq!(fits, serde_json::json!([true, true, true]), "{text}");
    }
}

/// The id, text and height in the window of the nearest heading above the window's top.
const SECTION_AT_TOP: &str = "(() => { const top = document.querySelector('.site-header').getBoundingClientRect().bottom + 8; \
  let found = null; for (const h of document.querySelectorAll('article h2[id], article h3[id]')) { const y = h.getBoundingClientRect().top; if (y > top) break; found = [h.id, h.textContent, Math.round(y)]; } return found; })()";

#[test]
fn a_translation_shows_its_source_article_in_place_and_back_at_the_same_section() {
    let Some(site) = served_loc2020() else { return };
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    let shots = screenshot_dir();
    // A machine-translated page and a stale one.
    for (page, section) in [
        (
            "zh-tw/intune/developer/app-sdk-android.html",
            "sdk-permissions",
        ),
        (
            "es-es/intune/remote-actions/device-management.html",
            "available-device-actions",
        ),
    ] {
        let locale = &page[..5];
        tab.navigate(&site.server.url(page));
        let english = site.server.url(&page.replacen(locale, "en-us", 1));
        // Without the script it is a link to the source page.
        assert_eq!(
            tab.eval_string("document.querySelector('a.source-toggle').href"),
            english
        );
        let translated_h1 = tab.eval_string("document.querySelector('article h1').textContent");
        let title = tab.eval_string("document.title");
        // From a section down the page: the toggle that floats at the bottom.
        tab.eval(&format!(
            "(() => {{ document.getElementById({id}).scrollIntoView(); window.scrollBy(0, -120); }})()",
            id = serde_json::to_string(section).unwrap_or_default()
        ));
        tab.wait_for("!document.querySelector('.source-float').hidden");
        let before = tab.eval(SECTION_AT_TOP);
        tab.click(".source-float", false);
        tab.wait_for("document.querySelector('.source-article') !== null");
        let after = tab.eval(SECTION_AT_TOP);
        assert_eq!(after[0], before[0], "{page}: the same section");
        assert!(
            (after[2].as_i64().unwrap_or(0) - before[2].as_i64().unwrap_or(0)).abs() <= 2,
            "{page}: {before} → {after}"
        );
        assert_eq!(
            tab.eval_string("document.querySelector('.source-article').lang"),
            "en-us"
        );
        assert_ne!(
            after[1], before[1],
            "{page}: the heading is the English one"
        );
        // The English page's own article, title included, and nothing of the translation.
        let source_h1 = tab.eval_string("document.querySelector('article h1').textContent");
        assert_ne!(source_h1, translated_h1);
        assert_eq!(
            tab.eval("document.querySelectorAll('article h1').length"),
            1
        );
        // Its links and images lead where they do on the English page.
        let broken = tab.eval(&format!(
            "[...document.querySelectorAll('.source-article a[href]:not([href^=\"#\"])')].map(a => a.href).filter(h => h.startsWith(location.origin) && !h.startsWith({}))",
            serde_json::to_string(&site.server.url("en-us/")).unwrap_or_default()
        ));
        assert_eq!(broken, serde_json::json!([]), "{page}");
        assert_eq!(
            tab.eval_string("document.querySelector('.source-float').textContent"),
            ui_string(locale, "source-hide")
        );
        assert_eq!(tab.eval_string("document.title"), title, "the page stays");
        tab.screenshot(&shots.join(format!("source-in-place-{locale}.png")), false);
        // And back.
        tab.click(".source-float", false);
        tab.wait_for("document.querySelector('.source-article') === null");
        let back = tab.eval(SECTION_AT_TOP);
        assert_eq!(back[0], before[0], "{page}: back at the section");
        assert_eq!(back[1], before[1], "{page}: in the translation");
        assert_eq!(
            tab.eval_string("document.querySelector('article h1').textContent"),
            translated_h1
        );
    }
    // A translation that is neither stale nor machine-translated has no toggle.
    tab.navigate(
        &site
            .server
            .url("zh-tw/intune/remote-actions/devices-wipe.html"),
    );
    assert_eq!(
        tab.eval("document.querySelector('.source-toggle') === null"),
        true
    );
}

/// docfx-extensions (tabs, pivots, code, alerts, tables, Landing and Hub pages), built once.
fn served_extensions() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| Served::build(TestSite::fixture("docfx-extensions"), &[]))
}

#[test]
fn axe_finds_nothing_on_articles_landing_pages_and_search_in_both_schemes() {
    let Some(axe) = browser::axe_script() else {
        return;
    };
    let Some(browser) = browser::browser() else {
        return;
    };
    let mut pages: Vec<(&Served, String, &str)> = Vec::new();
    if let Some(corpus) = served_corpus() {
        pages.push((
            corpus,
            "zh-tw/intune-user-help/troubleshoot-your-device-windows.html".into(),
            "",
        ));
        pages.push((corpus, "es-es/search.html?q=dispositivo".into(), ""));
        // The results under the search box, open.
        pages.push((
            corpus,
            "es-es/intune-user-help/use-managed-devices-to-get-work-done.html".into(),
            "search",
        ));
        // The navigation filter that finds nothing.
        pages.push((
            corpus,
            "es-es/intune-user-help/use-managed-devices-to-get-work-done.html".into(),
            "filter",
        ));
    }
    if let Some(loc) = served_loc2020() {
        pages.push((loc, "zh-tw/intune/developer/index.html".into(), ""));
        pages.push((loc, "zh-tw/intune/index.html".into(), ""));
        pages.push((
            loc,
            "es-es/intune/remote-actions/device-management.html".into(),
            "",
        ));
        pages.push((
            loc,
            "zh-tw/intune/developer/app-sdk-ios.html".into(),
            "source",
        ));
    }
    let extensions = served_extensions();
    for page in ["tabs", "snippets", "zones", "hub", "index"] {
        pages.push((extensions, format!("en-us/docs/{page}.html"), ""));
    }
    let tab = browser.tab();
    let mut problems = Vec::new();
    for scheme in ["light", "dark"] {
        tab.emulate_media("screen", scheme);
        for (width, height) in [(1280, 800), (390, 844)] {
            tab.resize(width, height);
            for (site, page, state) in &pages {
                tab.navigate(&site.server.url(page));
                match *state {
                    "search" => {
                        tab.eval("document.querySelector('form.rosetta-search input').focus()");
                        tab.wait_for("document.querySelector('.search-popup') !== null");
                        tab.type_text("dispositivo", Duration::ZERO);
                        tab.wait_for("document.querySelector('form.rosetta-search').getAttribute('data-state') === 'done'");
                    }
                    "filter" if width > 900 => filter(&tab, "zqxw"),
                    "source" => {
                        tab.eval("document.querySelector('a.source-toggle').click()");
                        tab.wait_for("document.querySelector('.source-article') !== null");
                    }
                    _ => {}
                }
                if page.contains("search.html") {
                    tab.wait_for("document.getElementById('search-page').getAttribute('data-state') === 'done'");
                }
                for problem in tab.axe(axe) {
                    problems.push(format!("{scheme} {width}px {page} {state}: {problem}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn print_shows_the_article_alone_with_link_addresses_and_the_chosen_tab() {
    let site = served_extensions();
    let Some(browser) = browser::browser() else {
        return;
    };
    let tab = browser.tab();
    tab.emulate_media("screen", "dark");
    tab.navigate(&site.server.url("en-us/docs/tabs.html"));
    // The reader picks the second tab of the first group, then prints.
    tab.eval("document.querySelectorAll('[data-tab-group] [role=tab]')[1].click()");
    let chosen = tab.eval_string(
        "document.querySelectorAll('[data-tab-group] [role=tab]')[1].getAttribute('aria-controls')",
    );
    tab.eval("window.dispatchEvent(new Event('beforeprint'))");
    tab.emulate_media("print", "dark");
    let hidden = tab.eval(
        "['.site-header', '.site-nav', '.on-this-page', '.site-footer', '.breadcrumbs'].filter(s => document.querySelector(s)).map(s => getComputedStyle(document.querySelector(s)).display)",
    );
    assert!(
        hidden.as_array().into_iter().flatten().all(|d| d == "none"),
        "{hidden}"
    );
    // Dark ink on white whatever the screen's scheme.
    assert_eq!(
        tab.eval_string("getComputedStyle(document.body).backgroundColor"),
        LIGHT
    );
    assert_eq!(
        tab.eval_string("getComputedStyle(document.body).color"),
        "rgb(0, 0, 0)"
    );
    // The chosen panel prints, the others do not.
    let panels = tab.eval(&format!(
        "[...document.querySelectorAll('[data-tab-group]')[0].querySelectorAll(':scope > section[role=tabpanel]')].map(p => [p.id === {}, getComputedStyle(p).display !== 'none'])",
        serde_json::to_string(&chosen).unwrap_or_default()
    ));
    for panel in panels.as_array().into_iter().flatten() {
        assert_eq!(panel[0], panel[1], "{panels}");
    }
    // A link to another page prints its full address after its text.
    tab.emulate_media("screen", "dark");
    tab.navigate(&site.server.url("en-us/docs/rows.html"));
    tab.eval("window.dispatchEvent(new Event('beforeprint'))");
    tab.emulate_media("print", "dark");
    let links = tab.eval(
        "[...document.querySelectorAll('article a[href]:not([href^=\"#\"])')].map(a => [a.href, getComputedStyle(a, '::after').content])",
    );
    let links = links.as_array().cloned().unwrap_or_default();
    assert!(!links.is_empty(), "no link to print");
    for link in &links {
        let href = link[0].as_str().unwrap_or_default();
        assert_eq!(link[1], format!("\" ({href})\""), "{link}");
    }
    // On screen, nothing of it.
    tab.emulate_media("screen", "dark");
    assert_eq!(
        tab.eval_string(
            "getComputedStyle(document.querySelector('article a[data-url]'), '::after').content"
        ),
        "none"
    );
}

/// The text of the first element of `html` that matches `css`, and an attribute of it.
fn select(html: &str, css: &str, attr: &str) -> Option<(String, Option<String>)> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{e}"));
    document.select(&selector).next().map(|e| {
        (
            e.text().collect::<String>(),
            e.value().attr(attr).map(str::to_owned),
        )
    })
}

#[test]
fn pages_say_when_they_last_changed_in_git_else_ms_date_and_where_to_edit_them() {
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        "locales: [en-us, es-es, zh-tw]\nedit_url:\n  en-us: https://github.com/o/docs/blob/main/{path}\n  es-es: https://github.com/o/docs.{locale}/edit/live/{path}\n",
    );
    for locale in ["en-us", "es-es", "zh-tw"] {
        site.file(
            &format!("content/{locale}/guide/committed.md"),
            "---\ntitle: Committed\nms.date: 01/07/2020\n---\n# Committed\n",
        );
        site.file(
            &format!("content/{locale}/guide/new page.md"),
            "---\ntitle: New\nms.date: 12/31/2019\n---\n# New\n",
        );
        site.file(
            &format!("content/{locale}/guide/undated.md"),
            "---\ntitle: Undated\n---\n# Undated\n",
        );
    }
    let committed = |dir: &Path| {
        let date = "2021-03-04T10:00:00+00:00";
        git_on(dir, date, &["init", "-q"])?;
        git_on(dir, date, &["add", "content"])?;
        let mut reset = vec!["reset", "-q", "--"];
        let uncommitted = ["new page.md", "undated.md"].map(|name| {
            ["en-us", "es-es", "zh-tw"].map(|locale| format!("content/{locale}/guide/{name}"))
        });
        reset.extend(uncommitted.iter().flatten().map(String::as_str));
        git_on(dir, date, &reset)?;
        git_on(dir, date, &["commit", "-q", "-m", "first"])
    };
    if committed(site.path()).is_none() {
        return;
    }
    let run = site.build(&["--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |rel: &str| site.read(&format!("public/{rel}"));
    let updated = |rel: &str| select(&read(rel), "footer.page-meta time", "datetime");
    let edit = |rel: &str| select(&read(rel), "footer.page-meta a[rel=edit]", "href");
    // The commit's date, not the older ms.date; in each locale's format.
    for (locale, text) in [
        ("en-us", "March 4, 2021"),
        ("es-es", "4 de marzo de 2021"),
        ("zh-tw", "2021年3月4日"),
    ] {
        assert_eq!(
            updated(&format!("{locale}/guide/committed.html")),
            Some((text.to_owned(), Some("2021-03-04".to_owned()))),
            "{locale}"
        );
    }
    // Not committed: ms.date; neither: no date.
    assert_eq!(
        updated("es-es/guide/new page.html"),
        Some((
            "31 de diciembre de 2019".to_owned(),
            Some("2019-12-31".to_owned())
        ))
    );
    assert_eq!(updated("en-us/guide/undated.html"), None);
    // The edit link: one pattern per locale; none where the map has no pattern.
    assert_eq!(
        edit("en-us/guide/new page.html")
            .and_then(|e| e.1)
            .as_deref(),
        Some("https://github.com/o/docs/blob/main/guide/new%20page.md")
    );
    assert_eq!(
        edit("es-es/guide/committed.html"),
        Some((
            "Editar esta página".to_owned(),
            Some("https://github.com/o/docs.es-es/edit/live/guide/committed.md".to_owned())
        ))
    );
    assert_eq!(edit("zh-tw/guide/committed.html"), None);
    assert!(!read("zh-tw/guide/undated.html").contains("page-meta"));
    // The head gets no new stylesheet or blocking script: one small inline script (the
    // scheme) and the favicon, which a site replaces with its theme's file.
    let html = read("en-us/guide/committed.html");
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    assert_eq!(head.matches("<link rel=\"stylesheet\"").count(), 3);
    assert!(!head.contains("<script src"), "{head}");
    assert!(head.contains("<link rel=\"icon\" href=\"../../_rosetta/favicon.svg\""));
    assert!(site.exists("public/_rosetta/favicon.svg"));
}
