//! Full-text search in the built site: one index per locale, a search page in the locale's
//! language, results that point at sections, any base path, nothing asked of the network
//! beyond loopback. The browser tests build the real corpus, the project's own guide and
//! the seed article, serve them under `/docs/` and search them in headless Chromium.
//! Screenshots go to `target/screenshots/`.

use crate::browser::{self, Server, Tab};
use crate::harness::{TestSite, corpus, project_root, shared, snapshot, walk};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use regex::Regex;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The path the sites are served under, as if the site lived at `https://host/docs/`.
const BASE: &str = "docs";

/// A site built into `www/docs/` and served from `www/`.
struct Served {
    site: TestSite,
    server: Server,
}

impl Served {
    fn build(site: TestSite) -> Served {
        let out = format!("www/{BASE}");
        let run = site.build(&["--out", &out]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr.contains("search: "),
            "the summary reports the index:\n{}",
            run.stderr
        );
        let server = browser::serve(site.path().join("www"));
        Served { site, server }
    }

    /// The output folder.
    fn public(&self) -> PathBuf {
        self.site.path().join("www").join(BASE)
    }

    /// The URL of an output path.
    fn url(&self, path: &str) -> String {
        self.server.url(&format!("{BASE}/{path}"))
    }

    /// An output file as text.
    fn read(&self, path: &str) -> String {
        let file = self.public().join(path);
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()))
    }

    /// Every HTML file of a locale, as text.
    fn pages_of(&self, locale: &str) -> Vec<(PathBuf, String)> {
        walk(&self.public().join(locale))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                (p, text)
            })
            .collect()
    }
}

/// One result as the search page shows it.
#[derive(Debug)]
struct Hit {
    url: String,
    title: String,
    /// The section links under it (`page#anchor`).
    sections: Vec<String>,
}

/// What the search page shows after a query.
struct Results {
    status: String,
    hits: Vec<Hit>,
}

/// Opens `<locale>/search.html?q=…` and waits for the results.
fn search(tab: &Tab<'_>, site: &Served, locale: &str, query: &str) -> Results {
    let q = utf8_percent_encode(query, NON_ALPHANUMERIC);
    tab.navigate(&site.url(&format!("{locale}/search.html?q={q}")));
    read_results(tab)
}

fn read_results(tab: &Tab<'_>) -> Results {
    tab.wait_for(
        "['done', 'failed'].includes(document.getElementById('search-page')?.dataset.state)",
    );
    let value = tab.eval(
        r#"(() => ({
          state: document.getElementById('search-page').dataset.state,
          status: document.querySelector('.search-status').textContent,
          hits: [...document.querySelectorAll('.search-result')].map(li => ({
            url: li.querySelector('a.search-result-title').href,
            title: li.querySelector('a.search-result-title').textContent,
            sections: [...li.querySelectorAll('a.search-section')].map(a => a.href),
          })),
        }))()"#,
    );
    assert_eq!(value["state"], "done", "the search failed: {value}");
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let hits = value["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .map(|h| Hit {
                    url: text(&h["url"]),
                    title: text(&h["title"]),
                    sections: h["sections"]
                        .as_array()
                        .map(|s| s.iter().map(text).collect())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    Results {
        status: text(&value["status"]),
        hits,
    }
}

/// The indexed part of a page: its `<article data-pagefind-body>`.
fn article(html: &str) -> &str {
    let start = html
        .find("data-pagefind-body>")
        .unwrap_or_else(|| panic!("no indexed article in:\n{html}"));
    let end = html[start..]
        .find("</article>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// What one locale's search must show: `query` finds `target` among the first three
/// results, and every result is a page of `locale`.
struct Expect<'a> {
    locale: &'a str,
    query: &'a str,
    target: &'a str,
    /// The status line, e.g. `「…」的搜尋結果：N 筆`.
    status: &'a str,
}

/// Runs the query and checks the results; returns them.
fn expect(tab: &Tab<'_>, site: &Served, e: &Expect<'_>) -> Results {
    let results = search(tab, site, e.locale, e.query);
    let status = Regex::new(e.status).unwrap_or_else(|err| panic!("{err}"));
    assert!(
        status.is_match(&results.status),
        "status `{}` does not read like `{}`",
        results.status,
        e.status
    );
    let own = site.url(&format!("{}/", e.locale));
    for hit in &results.hits {
        assert!(
            hit.url.starts_with(&own),
            "`{}` in {}: a result from another locale: {}",
            e.query,
            e.locale,
            hit.url
        );
        for section in &hit.sections {
            assert!(
                section.starts_with(&hit.url),
                "{section} is not on {}",
                hit.url
            );
        }
    }
    let wanted = site.url(&format!("{}/{}", e.locale, e.target));
    let first: Vec<&str> = results
        .hits
        .iter()
        .take(3)
        .map(|h| h.url.as_str())
        .collect();
    assert!(
        first.contains(&wanted.as_str()),
        "`{}` in {}: {wanted} is not among the first three: {:#?}",
        e.query,
        e.locale,
        results.hits
    );
    results
}

/// Searches `query` in `locale` and follows the first section result (`page#anchor`): the
/// page it opens has an element with that id in its article.
fn follow_a_section(tab: &Tab<'_>, site: &Served, locale: &str, query: &str) {
    let results = search(tab, site, locale, query);
    let section = results
        .hits
        .iter()
        .flat_map(|h| &h.sections)
        .next()
        .unwrap_or_else(|| {
            panic!(
                "`{query}` in {locale}: no section among {:#?}",
                results.hits
            )
        })
        .clone();
    // Click it, as a reader does.
    tab.eval("document.querySelector('a.search-section').click()");
    tab.wait_for(&format!(
        "location.href === {}",
        Value::String(section.clone())
    ));
    tab.wait_for("document.readyState === 'complete'");
    let landed = tab.eval(
        "(() => { const id = decodeURIComponent(location.hash.slice(1)); const el = document.getElementById(id); return { found: !!el, inArticle: !!(el && el.closest('article.content')), target: document.querySelector(':target') === el }; })()",
    );
    assert_eq!(landed["found"], true, "{section}: no element with that id");
    assert_eq!(
        landed["inArticle"], true,
        "{section}: not a section of the article"
    );
    assert_eq!(
        landed["target"], true,
        "{section}: the element is not the :target"
    );
}

/// Every request of the tab went to the loopback server.
fn only_loopback(tab: &Tab<'_>, site: &Served) {
    let requests = tab.requests();
    let origin = site.server.origin();
    let off: Vec<&String> = requests
        .iter()
        .filter(|r| !r.starts_with(&origin) && !r.starts_with("data:"))
        .collect();
    assert!(off.is_empty(), "requests off loopback: {off:#?}");
    for part in [
        "pagefind.js",
        "pagefind-entry.json",
        ".pf_meta",
        ".pf_index",
    ] {
        assert!(
            requests.iter().any(|r| r.contains(part)),
            "the request log has no {part}: {requests:#?}"
        );
    }
}

fn screenshot(tab: &Tab<'_>, name: &str) {
    let path = project_root().join("target/screenshots").join(name);
    tab.screenshot(&path, false);
}

/// Asserts that `text` occurs in no page of `locale`.
fn absent_from_locale(site: &Served, locale: &str, text: &str) {
    for (path, html) in site.pages_of(locale) {
        assert!(
            !html.contains(text),
            "`{text}` occurs in {}: pick another query",
            path.display()
        );
    }
}

/// Asserts that the Spanish `query` is another inflection than the article's: the article
/// has `form` but not `query`.
fn other_inflection(site: &Served, page: &str, query: &str, form: &str) {
    let html = site.read(page);
    let text = article(&html).to_lowercase();
    assert!(
        !text.contains(&query.to_lowercase()),
        "{page} contains `{query}` itself"
    );
    assert!(text.contains(form), "{page} does not contain `{form}`");
}

#[test]
fn the_corpus_is_searched_per_locale_in_chinese_and_spanish() {
    let Some(corpus) = corpus() else { return };
    let Some(browser) = browser::browser() else {
        return;
    };
    let site = Served::build(TestSite::copy_of(&corpus));
    let zh_target = "intune-user-help/how-do-i-find-the-serial-number-on-my-device-ios.html";
    let es_target =
        "intune-user-help/enroll-your-device-with-telecom-expense-management-android.html";
    // 序號 ("serial number") is a word of the article's title and of no Spanish page.
    let zh_page = site.read(&format!("zh-tw/{zh_target}"));
    assert!(zh_page.contains("<title>如何在 iOS 裝置上尋找序號？"));
    absent_from_locale(&site, "es-es", "序號");
    // The article says "telecomunicaciones"; the query is the singular.
    other_inflection(
        &site,
        &format!("es-es/{es_target}"),
        "telecomunicación",
        "telecomunicaciones",
    );

    let tab = browser.tab();
    expect(
        &tab,
        &site,
        &Expect {
            locale: "zh-tw",
            query: "序號",
            target: zh_target,
            status: r"^「序號」的搜尋結果：\d+ 筆$",
        },
    );
    screenshot(&tab, "search-corpus-zh-tw.png");
    expect(
        &tab,
        &site,
        &Expect {
            locale: "es-es",
            query: "telecomunicación",
            target: es_target,
            status: r"^\d+ resultados? para «telecomunicación»$",
        },
    );
    screenshot(&tab, "search-corpus-es-es.png");
    // 電話號碼 and teléfono are in a section heading of that article.
    follow_a_section(&tab, &site, "zh-tw", "電話號碼");
    follow_a_section(&tab, &site, "es-es", "teléfono");
    only_loopback(&tab, &site);
}

#[test]
fn the_guide_is_searched_in_chinese_and_spanish() {
    let Some(browser) = browser::browser() else {
        return;
    };
    let site = Served::build(TestSite::project_guide());
    // 結構 ("structure") is in the title 網站結構 and in no Spanish page.
    assert!(
        site.read("zh-tw/guide/site-layout.html")
            .contains("<title>網站結構")
    );
    absent_from_locale(&site, "es-es", "結構");
    // The article says "búsqueda"; the query is the plural.
    other_inflection(&site, "es-es/guide/search.html", "búsquedas", "búsqueda");

    let tab = browser.tab();
    expect(
        &tab,
        &site,
        &Expect {
            locale: "zh-tw",
            query: "結構",
            target: "guide/site-layout.html",
            status: r"^「結構」的搜尋結果：\d+ 筆$",
        },
    );
    screenshot(&tab, "search-guide-zh-tw.png");
    expect(
        &tab,
        &site,
        &Expect {
            locale: "es-es",
            query: "búsquedas",
            target: "guide/search.html",
            status: r"^\d+ resultados? para «búsquedas»$",
        },
    );
    screenshot(&tab, "search-guide-es-es.png");
    // On a phone the results fit the screen.
    tab.resize(390, 800);
    let phone = search(&tab, &site, "zh-tw", "結構");
    assert!(!phone.hits.is_empty());
    assert_eq!(
        tab.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        Value::Bool(true),
        "the search page is wider than a phone"
    );
    screenshot(&tab, "search-guide-zh-tw-phone.png");
    tab.resize(1280, 800);
    follow_a_section(&tab, &site, "zh-tw", "結構");
    follow_a_section(&tab, &site, "es-es", "búsquedas");

    // The search box of an article leads to the search page of its locale.
    tab.navigate(&site.url("es-es/guide/dialect.html"));
    tab.eval(
        "(() => { const f = document.querySelector('form.rosetta-search'); f.q.value = 'búsquedas'; f.requestSubmit(); })()",
    );
    tab.wait_for("location.pathname.endsWith('/es-es/search.html')");
    let from_box = read_results(&tab);
    assert!(
        from_box
            .hits
            .iter()
            .any(|h| h.url == site.url("es-es/guide/search.html")),
        "{:#?}",
        from_box.hits
    );

    // Nothing matches: the locale's message.
    let none = search(&tab, &site, "zh-tw", "zzzqqxv");
    assert!(none.hits.is_empty());
    assert_eq!(
        none.status,
        "找不到「zzzqqxv」的相關結果。請試試其他字詞，或減少字詞。"
    );
    only_loopback(&tab, &site);
}

#[test]
fn the_seed_article_is_found_in_both_languages() {
    let Some(seeds) = shared().map(|s| s.join("seeds")) else {
        return;
    };
    let Some(browser) = browser::browser() else {
        return;
    };
    let site = TestSite::with_seed_pair(&seeds);
    let site = Served::build(site);
    assert!(
        site.read("zh-tw/lookout/troubleshoot.html")
            .contains("<title>Lookout 整合疑難排解")
    );
    absent_from_locale(&site, "es-es", "疑難排解");
    other_inflection(
        &site,
        "es-es/lookout/solucionar-problemas.html",
        "integraciones",
        "integración",
    );
    let tab = browser.tab();
    expect(
        &tab,
        &site,
        &Expect {
            locale: "zh-tw",
            query: "疑難排解",
            target: "lookout/troubleshoot.html",
            status: r"^「疑難排解」的搜尋結果：\d+ 筆$",
        },
    );
    expect(
        &tab,
        &site,
        &Expect {
            locale: "es-es",
            query: "integraciones",
            target: "lookout/solucionar-problemas.html",
            status: r"^\d+ resultados? para «integraciones»$",
        },
    );
    // The 403 section: 錯誤 and errores are in its heading.
    follow_a_section(&tab, &site, "zh-tw", "錯誤");
    follow_a_section(&tab, &site, "es-es", "errores");
    only_loopback(&tab, &site);
}

/// A small bilingual site: a page per locale, a TOC whose group title is in no page.
fn small_site() -> TestSite {
    let site = TestSite::new();
    site.file(
        "content/zh-tw/docs/TOC.md",
        "# 導覽專用群組\n## [安裝](install.md)\n",
    );
    site.file(
        "content/zh-tw/docs/install.md",
        "---\ntitle: 安裝應用程式\ndescription: 如何安裝\n---\n# 安裝應用程式\n\n## <a name=\"steps\"></a>步驟\n\n下載並安裝應用程式。\n",
    );
    site.file(
        "content/es-es/docs/TOC.md",
        "# Grupo solo de navegación\n## [Instalar](install.md)\n",
    );
    site.file(
        "content/es-es/docs/install.md",
        "---\ntitle: Instalar la aplicación\ndescription: Cómo instalar\n---\n# Instalar la aplicación\n\n## <a name=\"steps\"></a>Pasos\n\nDescargue e instale la aplicación.\n",
    );
    site
}

fn index_files(public: &Path) -> Vec<PathBuf> {
    walk(&public.join("_rosetta/search"))
}

#[test]
fn the_build_indexes_every_locale_and_reports_it() {
    let site = small_site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = Regex::new(r"; search: es-es 1 pages, zh-tw 1 pages, index \d+ KiB")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(summary.is_match(&run.stderr), "{}", run.stderr);
    let public = site.path().join("public");
    for locale in ["zh-tw", "es-es"] {
        let entry = site.read(&format!(
            "public/_rosetta/search/{locale}/pagefind-entry.json"
        ));
        let entry: Value = serde_json::from_str(&entry).unwrap_or_else(|e| panic!("{e}"));
        let languages = entry["languages"].as_object().cloned().unwrap_or_default();
        assert_eq!(
            languages.keys().collect::<Vec<_>>(),
            [locale],
            "one index, of the locale's language"
        );
        assert_eq!(languages[locale]["page_count"], 1);
        // The search runs in Pagefind's web worker, when the browser allows one.
        for file in ["pagefind.js", "pagefind-worker.js"] {
            assert!(site.exists(&format!("public/_rosetta/search/{locale}/{file}")));
        }
        let page = site.read(&format!("public/{locale}/search.html"));
        assert!(page.contains(&format!("<html lang=\"{locale}\"")));
        assert!(page.contains(&format!("data-bundle=\"../_rosetta/search/{locale}/\"")));
        let article = site.read(&format!("public/{locale}/docs/install.html"));
        assert!(article.contains("class=\"rosetta-search\""));
        assert!(article.contains("data-pagefind-meta=\"title[content]\""));
    }
    for unused in ["pagefind-ui.js", "pagefind-highlight.js"] {
        assert!(!site.exists(&format!("public/_rosetta/search/zh-tw/{unused}")));
    }
    // The same sources give the same index.
    let first: Vec<(PathBuf, Vec<u8>)> = index_files(&public)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p, bytes)
        })
        .collect();
    let again = site.build(&[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    for (path, bytes) in &first {
        assert_eq!(
            &std::fs::read(path).unwrap_or_default(),
            bytes,
            "{} differs between builds",
            path.display()
        );
    }
    assert_eq!(index_files(&public).len(), first.len());
}

#[test]
fn no_search_and_search_false_skip_the_index_and_the_search_box() {
    let site = small_site();
    let run = site.build(&["--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("search off (--no-search)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("search: "), "{}", run.stderr);
    let check = |site: &TestSite| {
        assert!(!site.exists("public/_rosetta/search"));
        for locale in ["zh-tw", "es-es"] {
            assert!(!site.exists(&format!("public/{locale}/search.html")));
            let page = site.read(&format!("public/{locale}/docs/install.html"));
            assert!(!page.contains("rosetta-search"), "{page}");
        }
    };
    check(&site);
    // A build with search, then one with `search: false`: the index does not linger.
    assert_eq!(site.build(&[]).code, 0);
    assert!(site.exists("public/_rosetta/search/zh-tw/pagefind.js"));
    site.file("rosetta.yaml", "search: false\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("search off (search: false)"),
        "{}",
        run.stderr
    );
    check(&site);
}

#[test]
fn navigation_and_page_chrome_are_not_indexed() {
    let Some(browser) = browser::browser() else {
        return;
    };
    let site = Served::build(small_site());
    let tab = browser.tab();
    // The TOC group title is on every page, in the navigation only.
    let nav_only = search(&tab, &site, "zh-tw", "導覽專用群組");
    assert!(nav_only.hits.is_empty(), "{:#?}", nav_only.hits);
    let nav_only = search(&tab, &site, "es-es", "navegación");
    assert!(nav_only.hits.is_empty(), "{:#?}", nav_only.hits);
    // The article's words are.
    let found = search(&tab, &site, "es-es", "descargar");
    assert_eq!(found.hits.len(), 1, "{:#?}", found.hits);
    assert_eq!(found.hits[0].title, "Instalar la aplicación");
    assert_eq!(found.hits[0].url, site.url("es-es/docs/install.html"));
    only_loopback(&tab, &site);
}

#[test]
fn a_source_at_the_search_page_path_is_reported_and_kept() {
    let site = small_site();
    site.file(
        "content/zh-tw/search.md",
        "---\ntitle: 我的搜尋頁\n---\n# 我的搜尋頁\n\n自己的內容。\n",
    );
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let collisions: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "output-collision")
        .collect();
    assert_eq!(collisions.len(), 1, "{diagnostics:#?}");
    assert_eq!(collisions[0]["file"], "content/zh-tw/search.md");
    assert!(
        collisions[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("search page")),
        "{}",
        collisions[0]
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[output-collision]"),
        "{}",
        run.stderr
    );
    assert!(site.read("public/zh-tw/search.html").contains("自己的內容"));
    assert!(
        site.read("public/es-es/search.html")
            .contains("id=\"search-page\"")
    );
    // Without search the path is free.
    site.file("rosetta.yaml", "search: false\n");
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        diagnostics.iter().all(|d| d["code"] != "output-collision"),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_locale_with_nothing_to_index_finds_nothing() {
    let Some(browser) = browser::browser() else {
        return;
    };
    let site = TestSite::new();
    site.file(
        "content/zh-tw/docs/a.md",
        "# 安裝\n\n下載並安裝應用程式。\n",
    );
    site.file("content/es-es/docs/a.md", "---\ntitle: Vacía\n---\n");
    let site = Served::build(site);
    let tab = browser.tab();
    let none = search(&tab, &site, "es-es", "instalar");
    assert!(none.hits.is_empty());
    assert!(
        none.status.starts_with("No hay resultados para «instalar»"),
        "{}",
        none.status
    );
    let found = search(&tab, &site, "zh-tw", "安裝");
    assert_eq!(found.hits.len(), 1, "{:#?}", found.hits);
}

/// Every file of the search index under `public` with its bytes.
fn index_snapshot(public: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    snapshot(&public.join("_rosetta/search"))
}

#[cfg(unix)]
#[test]
fn a_rebuild_reuses_the_unchanged_index_files_and_keeps_no_stale_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = small_site();
    assert_eq!(site.build(&[]).code, 0);
    let public = site.path().join("public");
    let hashed = |locale: &str| -> Vec<(PathBuf, u64)> {
        let dir = public.join("_rosetta/search").join(locale);
        walk(&dir)
            .into_iter()
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e != "js" && e != "json" && e != "pagefind")
            })
            .filter(|p| p.is_file())
            .map(|p| {
                let ino = std::fs::metadata(&p).map_or(0, |m| m.ino());
                (p, ino)
            })
            .collect()
    };
    let spanish = hashed("es-es");
    let chinese = hashed("zh-tw");
    assert!(
        spanish.len() >= 3,
        "a meta file, a fragment and a word index chunk: {spanish:?}"
    );

    // One locale's page changes: a word is added and one is gone.
    site.file(
        "content/zh-tw/docs/install.md",
        "---\ntitle: 安裝應用程式\ndescription: 如何安裝\n---\n# 安裝應用程式\n\n## <a name=\"steps\"></a>步驟\n\n下載並設定應用程式。\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(
        hashed("es-es"),
        spanish,
        "the unchanged locale's index files are the same files"
    );
    assert_ne!(hashed("zh-tw"), chinese);
    // The rebuilt index is exactly the one a build into an empty folder writes: the files
    // of the old content are gone.
    let fresh = site.path().join("fresh");
    let run = site.build(&["--out", &fresh.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(index_snapshot(&public), index_snapshot(&fresh));

    // An index file edited by hand in the output is not reused: the next build writes it.
    let (chunk, _) = hashed("zh-tw")
        .into_iter()
        .find(|(p, _)| p.extension().is_some_and(|e| e == "pf_index"))
        .unwrap_or_else(|| panic!("no word index chunk"));
    std::fs::write(&chunk, b"edited by hand").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(index_snapshot(&public), index_snapshot(&fresh));
}

/// A word of page `i` alone, none a prefix of another once stemmed: `aaabzonk` for page 1.
fn key(i: usize) -> String {
    let digits: String = format!("{i:04}")
        .bytes()
        .map(|d| char::from(b'a' + (d - b'0')))
        .collect();
    format!("{digits}zonk")
}

#[test]
fn a_large_locale_is_indexed_in_parts_and_searched_as_one() {
    let site = TestSite::new();
    let pages = 1_001;
    for i in 0..pages {
        site.file(
            &format!("content/es-es/p{i:04}.md"),
            format!("# Página {i}\n\nTexto compartido por todas. {}.\n", key(i)),
        );
    }
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("search: es-es 1001 pages"),
        "{}",
        run.stderr
    );
    // Two parts of about 500 pages; the second beside the first, without Pagefind's script.
    let parts = site.read("public/_rosetta/search/es-es/rosetta-parts.json");
    assert_eq!(parts.trim(), r#"["../es-es.2/"]"#);
    let mut counted = 0;
    for part in ["es-es", "es-es.2"] {
        let entry = site.read(&format!(
            "public/_rosetta/search/{part}/pagefind-entry.json"
        ));
        let entry: Value = serde_json::from_str(&entry).unwrap_or_else(|e| panic!("{e}"));
        let count = entry["languages"]["es-es"]["page_count"]
            .as_u64()
            .unwrap_or(0);
        assert!((500..=501).contains(&count), "{part}: {count} pages");
        counted += count;
    }
    assert_eq!(counted, 1001);
    assert!(site.exists("public/_rosetta/search/es-es/pagefind.js"));
    assert!(!site.exists("public/_rosetta/search/es-es.2/pagefind.js"));
    let Some(browser) = browser::browser() else {
        return;
    };
    let server = browser::serve(site.path().join("public"));
    let tab = browser.tab();
    let url = |q: &str| server.url(&format!("es-es/search.html?q={q}"));
    // A word of every page: the results of both parts, in one list.
    tab.navigate(&url("compartido"));
    let all = read_results(&tab);
    assert!(all.status.starts_with("1001 "), "{}", all.status);
    // A word of one page of each part.
    for i in [0, 1, 999, 1000] {
        tab.navigate(&url(&key(i)));
        let one = read_results(&tab);
        assert_eq!(one.hits.len(), 1, "page {i}: {}", one.status);
        assert!(one.hits[0].url.ends_with(&format!("/es-es/p{i:04}.html")));
    }
    // The header's box searches both parts too: page 1 is in the second.
    tab.navigate(&server.url("es-es/p0000.html"));
    tab.wait_for("document.readyState === 'complete'");
    tab.press("/", false, false);
    tab.wait_for("document.querySelector('.search-popup') !== null");
    tab.type_text(&key(1), std::time::Duration::from_millis(30));
    let hits = "[...document.querySelectorAll('.search-popup a.search-hit')].map(a => a.href)";
    tab.wait_for(&format!(
        "{hits}.some(h => h.endsWith('/es-es/p0001.html'))"
    ));
    assert_eq!(tab.eval(&format!("{hits}.length")), 1);
}
