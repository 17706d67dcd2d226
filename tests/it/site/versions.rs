//! Versions (DocFX monikers) in the reader's site, on the fixture `tests/sites/versions`
//! (both locales) and on the Visual Studio corpus: what the built pages hold (blocks with
//! their versions and titles, the picker, navigation and "on this page" entries with their
//! pages' versions, the search filter), and, in Chromium, what a reader does with them
//! (`?view=`, the picker, links, the language switcher, a page without JavaScript, the
//! fallback notice, search by version).

use crate::browser::{self, Served, Server, Tab};
use crate::harness::{TestSite, place, project_root, shared, walk};
use scraper::{Html, Selector};
use std::sync::OnceLock;

/// The fixture, built once with its search index, and served.
fn built() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = Served::build(TestSite::fixture("versions"), &[]);
        assert!(
            site.stderr.contains(": 0 errors, 0 warnings"),
            "{}",
            site.stderr
        );
        site
    })
}

fn served() -> &'static Server {
    &built().server
}

fn page(path: &str) -> Html {
    let file = built().public.join(path);
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    Html::parse_document(&text)
}

fn select<'h>(html: &'h Html, css: &str) -> Vec<scraper::ElementRef<'h>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    html.select(&selector).collect()
}

fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|e| e.value().attr(attr).unwrap_or("-").to_owned())
        .collect()
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

#[test]
fn the_fixture_checks_clean_and_no_moniker_syntax_reaches_a_reader() {
    let site = TestSite::fixture("versions");
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    for file in walk(&built().public) {
        if file.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(!html.contains(":::"), "{} shows `:::`", file.display());
            assert!(!html.contains("<!--xx"), "{}", file.display());
        }
    }
}

#[test]
fn blocks_carry_their_versions_and_titles_in_the_page_language() {
    let en = page("en-us/docs/install.html");
    assert_eq!(
        attrs(&en, "article .moniker", "data-moniker"),
        [
            "vs-2017",
            "vs-2019 vs-2022",
            "vs-2017",
            "vs-2022",
            "vs-2019",
            "vs-2017 vs-2019"
        ],
        "blocks in the page, a list item, a note and an include, within the page's versions (>= vs-2017)"
    );
    assert_eq!(
        texts(&en, "article .moniker-title")[1],
        "Visual Studio 2019, Visual Studio 2022"
    );
    let es = page("es-es/docs/install.html");
    assert_eq!(
        texts(&es, "article .moniker-title")[3],
        "Visual Studio 2022 (actual)",
        "the site's i18n/es-es.ftl names the version"
    );
    // "On this page" entries of headings in blocks carry the block's versions.
    assert_eq!(
        attrs(&en, ".on-this-page li", "data-moniker"),
        ["vs-2017", "vs-2019 vs-2022"]
    );
    // Navigation entries carry their pages' versions (a page in a content group has the
    // group's; front matter and fileMetadata narrow it), also in the shared TOC script.
    assert_eq!(
        attrs(&en, "nav.site-nav li", "data-moniker"),
        [
            "vs-2017 vs-2019 vs-2022",
            "vs-2017 vs-2019 vs-2022",
            "vs-2022",
            "vs-2017"
        ]
    );
    let script = std::fs::read_to_string(built().public.join("_rosetta/toc/en-us/docs/TOC.js"))
        .unwrap_or_default();
    assert!(
        script.contains(r#"["Only in 2022","docs/new-only.html",0,"vs-2022"]"#),
        "{script}"
    );
    // The search index files each page under its versions.
    assert_eq!(
        attrs(
            &en,
            "meta[data-pagefind-filter='version[content]']",
            "content"
        ),
        ["vs-2017", "vs-2019", "vs-2022"]
    );
    let old = page("en-us/docs/vs-2015/install.html");
    assert_eq!(
        attrs(
            &old,
            "meta[data-pagefind-filter='version[content]']",
            "content"
        ),
        ["vs-2015"]
    );
}

#[test]
fn the_picker_lists_the_page_versions_and_its_group_twins() {
    let en = page("en-us/docs/install.html");
    assert_eq!(
        attrs(&en, ".version-picker option", "value"),
        ["vs-2015", "vs-2017", "vs-2019", "vs-2022"]
    );
    assert_eq!(
        attrs(&en, ".version-picker option", "data-href"),
        ["vs-2015/install.html", "-", "-", "-"],
        "Visual Studio 2015 is the twin in the vs-2015 group"
    );
    assert_eq!(
        attrs(&en, ".version-picker option[selected]", "value"),
        ["vs-2022"],
        "default_moniker"
    );
    let old = page("en-us/docs/vs-2015/install.html");
    assert_eq!(
        attrs(&old, ".version-picker option", "data-href"),
        ["-", "../install.html", "../install.html", "../install.html"]
    );
    // A page of one version, without blocks, still shows where it stands.
    let only = page("en-us/docs/new-only.html");
    assert_eq!(attrs(&only, ".version-picker option", "value"), ["vs-2022"]);
}

// Landing and Hub pages (YAML) take their versions from `metadata.monikerRange`, as
// articles from front matter: the picker lists them, the search index files them under
// them, and a range that names no defined version is a finding at its place.
#[test]
fn landing_and_hub_pages_with_a_range_get_the_picker() {
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        "locales: [en-us]\nmonikers:\n  tools:\n    - {name: tools-1, title: Tools 1}\n    - {name: tools-2, title: Tools 2}\n    - {name: tools-3, title: Tools 3}\n",
    );
    site.file(
        "content/en-us/docs/docfx.json",
        r#"{ "build": { "content": [{ "files": ["**/*.md", "**/*.yml"] }] } }"#,
    );
    site.file(
        "content/en-us/docs/index.yml",
        "### YamlMime:Landing\ntitle: Harbour tools\nsummary: Every tool.\nmetadata:\n  title: Harbour tools\n  monikerRange: '>= tools-2'\nlandingContent:\n- title: Start\n  linkLists:\n  - linkListType: concept\n    links:\n    - text: Cranes\n      url: cranes.md\n",
    );
    site.file(
        "content/en-us/docs/hub.yml",
        "### YamlMime:Hub\ntitle: Tools hub\nmetadata:\n  title: Tools hub\n  monikerRange: 'tools-1 || tools-3'\nhighlightedContent:\n  items:\n  - title: Cranes\n    itemType: overview\n    url: cranes.md\n",
    );
    site.file(
        "content/en-us/docs/lost.yml",
        "### YamlMime:Hub\ntitle: Lost hub\nmetadata:\n  title: Lost hub\n  monikerRange: 'tools-9'\nhighlightedContent:\n  items:\n  - title: Cranes\n    itemType: overview\n    url: cranes.md\n",
    );
    site.file(
        "content/en-us/docs/cranes.md",
        "# Cranes\n\n::: moniker range=\"tools-1\"\nOld cranes.\n::: moniker-end\n",
    );
    let (_, diagnostics) = site.check_json(&[]);
    let found: Vec<String> = diagnostics.iter().map(place).collect();
    assert_eq!(
        found,
        ["content/en-us/docs/lost.yml:5:17 moniker-error"],
        "{diagnostics:#?}"
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = |file: &str| Html::parse_document(&site.read(&format!("public/en-us/docs/{file}")));
    let landing = page("index.html");
    assert_eq!(
        texts(&landing, ".version-picker option"),
        ["Tools 2", "Tools 3"]
    );
    assert_eq!(
        attrs(&landing, ".version-picker", "data-versions"),
        ["tools-2 tools-3"]
    );
    assert_eq!(texts(&landing, ".version-picker label"), ["Version"]);
    let hub = page("hub.html");
    assert_eq!(
        texts(&hub, ".version-picker option"),
        ["Tools 1", "Tools 3"]
    );
    // The picker comes before the title, as on an article.
    assert_eq!(
        select(&hub, "article > .version-picker + h1").len(),
        1,
        "{}",
        site.read("public/en-us/docs/hub.html")
    );
    assert_eq!(
        attrs(&hub, "meta[data-pagefind-filter^='version']", "content"),
        ["tools-1", "tools-3"]
    );
}

#[test]
fn a_site_without_monikers_has_no_picker_and_no_version_filter() {
    let site = TestSite::fixture("docfx-extensions");
    let run = site.build(&["--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in walk(&site.path().join("public")) {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(!html.contains("version-picker"), "{}", file.display());
        assert!(!html.contains("data-pagefind-filter"), "{}", file.display());
        assert!(!html.contains("data-moniker"), "{}", file.display());
    }
}

fn chromium() -> Option<&'static browser::Browser> {
    browser::browser()
}

/// The versions of the blocks the reader sees, `|`-separated.
const VISIBLE: &str = "[...document.querySelectorAll('article .moniker')].filter(b => b.offsetParent !== null).map(b => b.dataset.moniker).join('|')";

fn screenshot(tab: &Tab<'_>, name: &str) {
    tab.screenshot(&project_root().join("target/screenshots").join(name), true);
}

#[test]
fn view_in_the_address_shows_that_version_only() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    tab.navigate(&served().url("en-us/docs/install.html?view=vs-2017"));
    assert_eq!(tab.eval_string(VISIBLE), "vs-2017|vs-2017|vs-2017 vs-2019");
    // Titles give way to the choice; entries of other versions are hidden.
    assert_eq!(
        tab.eval_string("getComputedStyle(document.querySelector('.moniker-title')).display"),
        "none"
    );
    let visible_entries = "[...document.querySelectorAll('nav.site-nav li a, .on-this-page li a')].filter(a => a.offsetParent !== null).map(a => a.textContent).join('|')";
    assert_eq!(
        tab.eval_string(visible_entries),
        "Install|Other steps|Old tools|Installer of 2017"
    );
    assert_eq!(
        tab.eval_string("document.getElementById('version-select').value"),
        "vs-2017"
    );
    screenshot(&tab, "versions-view-vs-2017.png");
    // Without ?view= (and nothing remembered in a fresh tab's storage): the default.
    tab.eval("localStorage.clear()");
    tab.navigate(&served().url("en-us/docs/install.html"));
    assert_eq!(tab.eval_string(VISIBLE), "vs-2019 vs-2022|vs-2022");
    // Letter case does not matter.
    tab.navigate(&served().url("es-es/docs/install.html?view=VS-2019"));
    assert_eq!(
        tab.eval_string(VISIBLE),
        "vs-2019 vs-2022|vs-2019|vs-2017 vs-2019"
    );
    tab.eval("localStorage.clear()");
}

#[test]
fn the_picker_changes_the_version_and_the_address_and_links_and_languages_keep_it() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    tab.navigate(&served().url("en-us/docs/install.html"));
    tab.eval("localStorage.clear()");
    tab.navigate(&served().url("en-us/docs/install.html"));
    tab.eval(
        "(() => { const s = document.getElementById('version-select'); s.value = 'vs-2019'; s.dispatchEvent(new Event('change')); })()",
    );
    assert_eq!(
        tab.eval_string(VISIBLE),
        "vs-2019 vs-2022|vs-2019|vs-2017 vs-2019"
    );
    assert_eq!(tab.eval_string("location.search"), "?view=vs-2019");
    // A link in the article to another page.
    tab.eval("document.querySelector('article a[href=\"other.html\"]').click()");
    tab.wait_for("location.pathname.endsWith('/en-us/docs/other.html') && document.readyState === 'complete'");
    assert_eq!(tab.eval_string("location.search"), "?view=vs-2019");
    tab.wait_for("document.documentElement.classList.contains('versions-active')");
    assert_eq!(tab.eval_string(VISIBLE), "vs-2019 vs-2022");
    // The language switcher.
    tab.eval("document.querySelector('a.lang-link[hreflang=\"es-es\"]').click()");
    tab.wait_for("location.pathname.endsWith('/es-es/docs/other.html') && document.readyState === 'complete'");
    assert_eq!(tab.eval_string("location.search"), "?view=vs-2019");
    tab.wait_for("document.documentElement.classList.contains('versions-active')");
    assert_eq!(tab.eval_string(VISIBLE), "vs-2019 vs-2022");
    // A navigation entry (the tree the TOC script builds).
    tab.wait_for("document.querySelectorAll('nav.site-nav ul.nav-tree li').length >= 4");
    tab.eval("[...document.querySelectorAll('nav.site-nav a')].find(a => a.textContent === 'Instalar').click()");
    tab.wait_for("location.pathname.endsWith('/es-es/docs/install.html') && document.readyState === 'complete'");
    assert_eq!(tab.eval_string("location.search"), "?view=vs-2019");
    // The version of a twin: the picker goes to the vs-2015 page.
    tab.wait_for("!document.getElementById('version-select').disabled");
    tab.eval(
        "(() => { const s = document.getElementById('version-select'); s.value = 'vs-2015'; s.dispatchEvent(new Event('change')); })()",
    );
    tab.wait_for("location.pathname.endsWith('/es-es/docs/vs-2015/install.html') && document.readyState === 'complete'");
    assert_eq!(tab.eval_string("location.search"), "?view=vs-2015");
    screenshot(&tab, "versions-twin-vs-2015.png");
    // An address that asks for a twin's version goes to the twin.
    tab.navigate(&served().url("en-us/docs/install.html?view=vs-2015"));
    tab.wait_for("location.pathname.endsWith('/en-us/docs/vs-2015/install.html')");
    tab.eval("localStorage.clear()");
}

#[test]
fn a_page_opened_for_a_version_it_lacks_shows_its_newest_with_a_notice() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    tab.navigate(&served().url("es-es/docs/new-only.html?view=vs-2017"));
    assert_eq!(
        tab.eval_string("location.search"),
        "?view=vs-2022&viewFallbackFrom=vs-2017"
    );
    assert_eq!(
        tab.eval_string("document.querySelector('.version-fallback:not([hidden])')?.textContent"),
        "Esta página no está disponible para Visual Studio 2017. Se muestra para Visual Studio 2022 (actual)."
    );
    screenshot(&tab, "versions-fallback.png");
    tab.eval("localStorage.clear()");
}

#[test]
fn without_javascript_every_block_shows_with_its_title() {
    let Some(browser) = chromium() else {
        return;
    };
    // The page as a browser without JavaScript has it: the same HTML, no script run.
    let html =
        std::fs::read_to_string(built().public.join("en-us/docs/install.html")).unwrap_or_default();
    let scripts = regex::Regex::new(r"(?s)<script\b.*?</script>").unwrap_or_else(|e| panic!("{e}"));
    let without = scripts.replace_all(&html, "");
    assert!(!without.contains("<script"));
    std::fs::write(
        built().public.join("en-us/docs/install-no-script.html"),
        without.as_bytes(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let tab = browser.tab();
    tab.navigate(&served().url("en-us/docs/install-no-script.html?view=vs-2017"));
    let shown = tab.eval(
        "[...document.querySelectorAll('article .moniker')].map(b => [b.offsetParent !== null, getComputedStyle(b.querySelector('.moniker-title')).display !== 'none', b.querySelector('.moniker-title').textContent])",
    );
    let shown = shown.as_array().cloned().unwrap_or_default();
    assert_eq!(shown.len(), 6);
    for block in &shown {
        assert_eq!(
            (&block[0], &block[1]),
            (&true.into(), &true.into()),
            "{block}"
        );
    }
    assert_eq!(shown[0][2], "Visual Studio 2017");
    // Every "on this page" entry too; the picker is there, inert.
    assert_eq!(
        tab.eval_string("String([...document.querySelectorAll('.on-this-page li')].filter(li => li.offsetParent !== null).length)"),
        "2"
    );
    assert_eq!(
        tab.eval("document.getElementById('version-select').disabled"),
        true
    );
    screenshot(&tab, "versions-no-script.png");
}

// A note, a list item or a tab whose only content is a block of another version is
// hidden with it, rather than shown as an empty box (`frames.md`); it comes back with a
// version it has content for.
#[test]
fn a_note_list_item_or_tab_holding_only_another_version_is_hidden_with_it() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    // What shows: the list's items, the tabs, whether the tip shows, the panel shown.
    const FRAMES: &str = "JSON.stringify([\
      [...document.querySelectorAll('article ol > li')].filter(li => li.offsetParent !== null).map(li => li.textContent.trim().split('\\n').pop()),\
      [...document.querySelectorAll('article [role=tab]')].filter(t => t.offsetParent !== null).map(t => t.textContent),\
      document.querySelector('article .alert').offsetParent !== null,\
      [...document.querySelectorAll('article [role=tabpanel]')].filter(p => p.offsetParent !== null).map(p => p.dataset.tab)])";
    for (locale, view, expected) in [
        (
            "en-us",
            "vs-2017",
            r#"[["Open the tools.","Choose the ibex workload.","Close the tools."],["Otter"],false,["otter"]]"#,
        ),
        (
            "en-us",
            "vs-2022",
            r#"[["Open the tools.","Close the tools."],["Lynx","Otter"],true,["lynx"]]"#,
        ),
        (
            "es-es",
            "vs-2019",
            r#"[["Abra las herramientas.","Cierre las herramientas."],["Nutria"],false,["otter"]]"#,
        ),
    ] {
        tab.navigate(&served().url(&format!("{locale}/docs/frames.html?view={view}")));
        tab.wait_for("document.documentElement.classList.contains('versions-active')");
        assert_eq!(tab.eval_string(FRAMES), expected, "{locale} {view}");
    }
    screenshot(&tab, "versions-frames-es-es-vs-2019.png");
    // The picker brings them back for a version they hold something for.
    tab.eval(
        "(() => { const s = document.getElementById('version-select'); s.value = 'vs-2022'; s.dispatchEvent(new Event('change')); })()",
    );
    assert_eq!(
        tab.eval_string(FRAMES),
        r#"[["Abra las herramientas.","Cierre las herramientas."],["Lince","Nutria"],true,["otter"]]"#
    );
    tab.eval("localStorage.clear()");
}

#[test]
fn the_search_page_filters_by_the_version_in_its_address() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    let found = |query: &str| -> Vec<String> {
        tab.navigate(&served().url(&format!("en-us/search.html?{query}")));
        tab.wait_for(
            "['done', 'failed'].includes(document.getElementById('search-page')?.dataset.state)",
        );
        let urls = tab.eval(
            "[...document.querySelectorAll('a.search-result-title')].map(a => new URL(a.href).pathname)",
        );
        let mut urls: Vec<String> = urls
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|u| u.as_str().map(str::to_owned))
            .collect();
        urls.sort();
        urls
    };
    assert_eq!(
        found("q=installer"),
        [
            "/en-us/docs/install.html",
            "/en-us/docs/vs-2015/install.html"
        ]
    );
    assert_eq!(
        found("q=installer&view=vs-2015"),
        ["/en-us/docs/vs-2015/install.html"]
    );
    assert_eq!(
        found("q=installer&view=vs-2019"),
        ["/en-us/docs/install.html"]
    );
    assert_eq!(found("q=walrus&view=vs-2017"), Vec::<String>::new());
    assert_eq!(
        found("q=walrus&view=vs-2022"),
        ["/en-us/docs/new-only.html"]
    );
    // The header's search box of a page read for a version searches that version.
    tab.navigate(&served().url("en-us/docs/vs-2015/install.html?view=vs-2015"));
    tab.eval(
        "(() => { const f = document.querySelector('form.rosetta-search'); f.q.value = 'installer'; f.requestSubmit(); })()",
    );
    tab.wait_for("location.pathname.endsWith('/en-us/search.html') && document.getElementById('search-page')?.dataset.state === 'done'");
    assert!(
        tab.eval_string("location.search").contains("view=vs-2015"),
        "{}",
        tab.eval_string("location.search")
    );
    // A result (and its sections) opens for the version searched, whatever the letter case
    // of the address.
    tab.navigate(&served().url("en-us/search.html?q=installer&view=VS-2019"));
    tab.wait_for("document.getElementById('search-page')?.dataset.state === 'done'");
    assert_eq!(
        tab.eval_string(
            "[...new Set([...document.querySelectorAll('#search-page a.search-result-title, #search-page a.search-section')].map(a => a.classList[0] + ' ' + new URL(a.href).pathname.split('/').pop() + new URL(a.href).search))].sort().join('|')"
        ),
        "search-result-title install.html?view=vs-2019|search-section install.html?view=vs-2019"
    );
    tab.eval("localStorage.clear()");
}

/// The Visual Studio documentation (vs2021 corpus), with its monikers' titles defined.
fn served_corpus() -> Option<&'static (TestSite, Server)> {
    static SITE: OnceLock<Option<(TestSite, Server)>> = OnceLock::new();
    let corpus = shared()?.join("corpus/vs2021");
    SITE.get_or_init(|| {
        let site = TestSite::copy_of(&corpus);
        site.file(
            "rosetta.yaml",
            "title: Visual Studio\nlocales: [zh-tw, es-es, pl-pl]\nmonikers:\n  visual-studio:\n    - {name: vs-2015, title: Visual Studio 2015}\n    - {name: vs-2017, title: Visual Studio 2017}\n    - {name: vs-2019, title: Visual Studio 2019}\n    - {name: vs-2022, title: Visual Studio 2022}\n",
        );
        let run = site.build(&["--no-search"]);
        assert!(
            !run.stderr.contains("moniker-"),
            "the corpus has no moniker finding:\n{}",
            run.stderr
        );
        let server = browser::serve(site.path().join("public"));
        Some((site, server))
    })
    .as_ref()
}

#[test]
fn no_moniker_syntax_reaches_a_reader_of_the_visual_studio_documentation() {
    let Some((site, _)) = served_corpus() else {
        return;
    };
    let mut blocks = 0;
    for locale in ["zh-tw", "es-es", "pl-pl"] {
        for file in walk(&site.path().join("public").join(locale)) {
            if file.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let html = std::fs::read_to_string(&file).unwrap_or_default();
            for bad in ["::: moniker", ":::moniker", "moniker-end", "<!--xx"] {
                assert!(!html.contains(bad), "{} shows `{bad}`", file.display());
            }
            blocks += html.matches("class=\"moniker\"").count();
        }
    }
    // 307, 307 and 305 blocks in the sources, some in include files used by several pages.
    assert!(blocks > 900, "{blocks} blocks");
}

#[test]
fn a_visual_studio_page_read_for_2017_in_chromium() {
    let Some((_, server)) = served_corpus() else {
        return;
    };
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    tab.navigate(
        &server
            .url("zh-tw/docs/python/installing-python-support-in-visual-studio.html?view=vs-2017"),
    );
    let versions = tab.eval_string(
        "[...new Set([...document.querySelectorAll('article .moniker')].filter(b => b.offsetParent !== null).map(b => b.dataset.moniker))].join('|')",
    );
    assert_eq!(versions, "vs-2017");
    let hidden = tab.eval_string(
        "String([...document.querySelectorAll('article .moniker')].filter(b => b.offsetParent === null).length)",
    );
    assert!(hidden.parse::<usize>().unwrap_or(0) > 0);
    screenshot(&tab, "versions-vs2021-zh-tw-vs-2017.png");
    tab.eval(
        "(() => { const s = document.getElementById('version-select'); s.value = 'vs-2022'; s.dispatchEvent(new Event('change')); })()",
    );
    screenshot(&tab, "versions-vs2021-zh-tw-vs-2022.png");
    tab.eval("localStorage.clear()");
}

#[test]
fn the_guide_shows_versions_in_every_locale() {
    let site = TestSite::project_guide();
    let run = site.build(&["--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(": 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    for locale in ["en-us", "es-es", "zh-tw"] {
        let html = std::fs::read_to_string(
            site.path()
                .join(format!("public/{locale}/guide/versions.html")),
        )
        .unwrap_or_default();
        let doc = Html::parse_document(&html);
        assert_eq!(
            attrs(&doc, "article .moniker", "data-moniker"),
            ["app-1", "app-2 app-3", "app-1 app-2", "app-3"],
            "{locale}"
        );
        assert_eq!(
            attrs(&doc, ".version-picker option", "value"),
            ["app-1", "app-2", "app-3"]
        );
        for file in walk(&site.path().join("public").join(locale)) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(!text.contains("::: moniker"), "{}", file.display());
            assert!(!text.contains("moniker-end"), "{}", file.display());
        }
    }
}

#[test]
fn the_picker_blocks_and_notice_pass_axe_in_both_schemes() {
    let Some(axe) = browser::axe_script() else {
        return;
    };
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    let mut problems = Vec::new();
    for scheme in ["light", "dark"] {
        tab.emulate_media("screen", scheme);
        for page in [
            "en-us/docs/install.html?view=vs-2019",
            "es-es/docs/new-only.html?view=vs-2017",
        ] {
            tab.navigate(&served().url(page));
            for problem in tab.axe(axe) {
                problems.push(format!("{scheme} {page}: {problem}"));
            }
        }
        // As without JavaScript: every block under its title.
        tab.navigate(&served().url("en-us/docs/install.html"));
        tab.eval("document.documentElement.classList.remove('versions-active')");
        for problem in tab.axe(axe) {
            problems.push(format!("{scheme} titles shown: {problem}"));
        }
        tab.screenshot(
            &project_root().join(format!("target/screenshots/versions-titles-{scheme}.png")),
            false,
        );
    }
    tab.eval("localStorage.clear()");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
