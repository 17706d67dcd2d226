//! The DocFX extensions on the fixture `tests/sites/docfx-extensions`, in both of
//! its locales: what `check` reports, what the built pages hold, and, in Chromium, what a
//! reader can do with them (choose a pivot, switch tabs, open a lightbox, follow every link
//! of the Landing and Hub pages).

use crate::browser::{self, Served, Server};
use crate::harness::{TestSite, place, walk};
use scraper::{Html, Selector};
use std::sync::OnceLock;

const LOCALES: [&str; 2] = ["en-us", "es-es"];

/// The fixture, built once (without search) and served.
fn built() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| Served::build(TestSite::fixture("docfx-extensions"), &["--no-search"]))
}

fn served() -> &'static Server {
    &built().server
}

fn page(locale: &str, name: &str) -> Html {
    let path = built().public.join(format!("{locale}/docs/{name}.html"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Html::parse_document(&text)
}

fn select<'h>(html: &'h Html, css: &str) -> Vec<scraper::ElementRef<'h>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    html.select(&selector).collect()
}

#[test]
fn the_fixture_reports_only_its_one_deliberate_warning_per_locale() {
    let site = TestSite::fixture("docfx-extensions");
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let found: Vec<String> = diagnostics.iter().map(place).collect();
    assert_eq!(
        found,
        [
            "content/en-us/docs/details.md:28:11 invalid-note-section",
            "content/es-es/docs/details.md:28:11 invalid-note-section"
        ]
    );
    let pages = &run.json()["summary"]["pages"];
    assert_eq!(
        (pages["en-us"].as_u64(), pages["es-es"].as_u64()),
        (Some(10), Some(10))
    );
}

#[test]
fn no_dfm_syntax_reaches_a_reader_as_text() {
    for locale in LOCALES {
        for path in walk(&built().public.join(locale)) {
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let html = Html::parse_document(&std::fs::read_to_string(&path).unwrap_or_default());
            let text: String = select(&html, "article")
                .iter()
                .flat_map(|a| a.text())
                .collect();
            for syntax in [
                ":::",
                "#tab/",
                "[!code",
                "[!INCLUDE",
                "[!include",
                "zone-end",
            ] {
                assert!(
                    !text.contains(syntax),
                    "{} shows `{syntax}` to readers: {text}",
                    path.display()
                );
            }
        }
    }
}

// DocFX tests: RenderZoneTest.KitchenSink, TripleColonTest.
#[test]
fn zones_carry_their_pivots_and_titles_and_other_targets_are_left_out() {
    for locale in LOCALES {
        let html = page(locale, "zones");
        let pivots: Vec<&str> = select(&html, ".zone.has-pivot")
            .iter()
            .filter_map(|z| z.value().attr("data-pivot"))
            .collect();
        assert_eq!(
            pivots,
            ["windows", "macos linux", "v2", "windows"],
            "{locale}"
        );
        let groups: Vec<&str> = select(&html, ".pivot-group")
            .iter()
            .filter_map(|g| g.value().attr("data-pivot-group"))
            .collect();
        assert_eq!(groups, ["platform", "version"], "{locale}");
        let text: String = select(&html, "article")
            .iter()
            .flat_map(|a| a.text())
            .collect();
        assert!(!text.contains("PDF"), "{locale}: a pdf zone is shown");
        assert!(
            select(&html, "blockquote .zone").len() == 1,
            "{locale}: the quoted zone"
        );
    }
    // The prompts come from the locale's own definitions.
    let prompts: Vec<String> = select(&page("es-es", "zones"), ".pivot-prompt")
        .iter()
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(prompts, ["Elija una plataforma", "Elija una versión"]);
}

// DocFX tests: TabGroupTest.Test_General, Test_TabGroup_Combining.
#[test]
fn tab_groups_end_at_rules_and_list_items() {
    for locale in LOCALES {
        let html = page(locale, "tabs");
        let groups = select(&html, "[data-tab-group]");
        assert_eq!(groups.len(), 5, "{locale}");
        let panels: Vec<usize> = groups
            .iter()
            .map(|g| {
                g.select(&Selector::parse("section[role=tabpanel]").expect("css"))
                    .count()
            })
            .collect();
        assert_eq!(panels, [2, 2, 3, 2, 2], "{locale}");
        assert_eq!(
            select(&html, "li [data-tab-group]").len(),
            1,
            "{locale}: the group in a list item"
        );
        assert!(
            select(&html, "article hr").is_empty(),
            "{locale}: rules that end groups are left out"
        );
        // Without script, every panel shows.
        assert!(select(&html, "section[role=tabpanel][hidden]").is_empty());
    }
}

// DocFX tests: RowTest.RowTest_WithColumnsOtherContent, CodeSnippetTest.
#[test]
fn rows_columns_and_snippets() {
    for locale in LOCALES {
        let html = page(locale, "rows");
        assert_eq!(
            select(&html, "section.row > div.column").len(),
            2,
            "{locale}"
        );
        assert_eq!(
            select(&html, "section.row h3").len(),
            2,
            "{locale}: indented headings"
        );
        assert!(
            select(&html, "section.row pre").is_empty(),
            "{locale}: no code blocks"
        );
        let html = page(locale, "snippets");
        let snippets = select(&html, "pre.snippet code");
        assert_eq!(snippets.len(), 10, "{locale}");
        assert!(select(&html, "pre.snippet .hl-keyword, pre.snippet .hl-storage").len() > 10);
        assert_eq!(
            select(&html, "pre.snippet .line.highlighted").len(),
            1 + 3,
            "{locale}"
        );
    }
}

// DocFX test: ImageTest.ImageTestBlockGeneral, ComplexImageTestBlockGeneral.
#[test]
fn images_borders_lightboxes_and_long_descriptions() {
    for locale in LOCALES {
        let html = page(locale, "images");
        assert_eq!(select(&html, ".mx-imgBorder img").len(), 3, "{locale}");
        assert_eq!(
            select(&html, "a[href$='example-expanded.png#lightbox'] img").len(),
            1
        );
        assert_eq!(select(&html, "img[role=presentation]").len(), 2);
        let described = select(&html, "img[aria-describedby]");
        assert_eq!(described.len(), 1);
        let id = described[0].value().attr("aria-describedby").unwrap_or("");
        assert_eq!(select(&html, &format!("#{id}.visually-hidden")).len(), 1);
    }
}

fn chromium() -> Option<&'static browser::Browser> {
    browser::browser()
}

#[test]
fn a_pivot_choice_shows_its_zones_and_survives_navigation() {
    let Some(browser) = chromium() else {
        return;
    };
    let server = served();
    let tab = browser.tab();
    tab.navigate(&server.url("es-es/docs/zones.html"));
    let visible = "Array.from(document.querySelectorAll('.zone.has-pivot')).filter(z => !z.hidden).map(z => z.dataset.pivot).join('|')";
    // The first pivot of each group by default.
    assert_eq!(tab.eval_string(visible), "windows|windows");
    tab.eval("document.querySelector('a[data-pivot=linux]').click()");
    assert_eq!(tab.eval_string(visible), "macos linux");
    assert!(tab.eval_string("location.search").contains("pivots=linux"));
    assert_eq!(
        tab.eval_string("getComputedStyle(document.querySelector('.zone-title')).display"),
        "none"
    );
    // Another page, then back without the query: the choice is remembered.
    tab.navigate(&server.url("es-es/docs/tabs.html"));
    tab.navigate(&server.url("es-es/docs/zones.html"));
    assert_eq!(tab.eval_string(visible), "macos linux");
    // A link to the page carries the choice in its URL.
    tab.navigate(&server.url("es-es/docs/index.html"));
    tab.navigate(&server.url("es-es/docs/zones.html?pivots=windows,v1"));
    assert_eq!(tab.eval_string(visible), "windows|windows");
}

// A translation's `<a name>` before a tab link (as translations add to every heading)
// keeps the heading a tab; the anchor stays a target inside the tab's panel.
#[test]
fn a_tab_heading_with_an_explicit_anchor_is_a_tab_and_keeps_the_anchor() {
    for locale in LOCALES {
        let html = page(locale, "tabs");
        let groups = select(&html, "[data-tab-group]");
        let tabs: Vec<&str> = groups
            .last()
            .map(|g| {
                g.select(&Selector::parse("[role=tab]").expect("css"))
                    .filter_map(|t| t.value().attr("data-tab"))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(tabs, ["macos", "pc"], "{locale}");
        assert_eq!(
            select(&html, "section[role=tabpanel] a#mac").len(),
            1,
            "{locale}"
        );
        assert_eq!(
            select(&html, "section[role=tabpanel] a#pc").len(),
            1,
            "{locale}"
        );
    }
}

// Headings read as their rendered text in "on this page"; a heading of a zone for the
// PDF is not listed; the description shows a cross reference by its name.
#[test]
fn on_this_page_lists_rendered_headings_of_the_page_as_shown() {
    for (locale, included, description) in [
        (
            "en-us",
            "Works with an included phrase",
            "Details of DocFX, next to Tabs.",
        ),
        (
            "es-es",
            "Funciona con una frase incluida",
            "Detalles de DocFX, junto a Pestañas.",
        ),
    ] {
        let html = page(locale, "details");
        let listed: Vec<String> = select(&html, ".on-this-page a")
            .iter()
            .map(|a| a.text().collect::<String>().trim().to_owned())
            .collect();
        assert!(listed.iter().any(|t| t == included), "{locale}: {listed:?}");
        assert!(
            !listed.iter().any(|t| t.contains("[!")),
            "{locale}: {listed:?}"
        );
        let meta = select(&html, "meta[name=description]");
        assert_eq!(
            meta.first().and_then(|m| m.value().attr("content")),
            Some(description),
            "{locale}"
        );
        let zones = page(locale, "zones");
        let listed: Vec<String> = select(&zones, ".on-this-page a")
            .iter()
            .map(|a| a.text().collect::<String>())
            .collect();
        assert!(
            !listed.iter().any(|t| t.contains("PDF")),
            "{locale}: {listed:?}"
        );
    }
}

// A heading whose text renders empty (an image, an empty anchor) is a section but no entry of "on this page": an entry would be a link with nothing to
// read.
#[test]
fn a_heading_without_text_is_not_an_on_this_page_entry() {
    let site = TestSite::new();
    site.file("rosetta.yaml", "locales: [en-us]\n");
    site.file("content/en-us/pic.png", b"\x89PNG");
    site.file(
        "content/en-us/page.md",
        "# Page\n\n## ![](pic.png)\n\nA.\n\n## <a name=\"anchored\"></a>\n\nB.\n\n## Harbour tides\n\nD.\n\n### Cranes\n\nE.\n",
    );
    let run = site.build(&["--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = Html::parse_document(&site.read("public/en-us/page.html"));
    let listed: Vec<String> = select(&html, ".on-this-page li")
        .iter()
        .map(|li| li.text().collect::<String>().trim().to_owned())
        .collect();
    assert_eq!(listed, ["Harbour tides", "Cranes"], "{listed:?}");
}

// DocFX's tab links: `#tab/id` selects that tab, from the page itself or another page.
#[test]
fn a_tab_link_opens_its_tab_on_the_page_and_from_another_page() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    let shown = "Array.from(document.querySelectorAll('[data-tab-group]')).map(g => Array.from(g.querySelectorAll(':scope > section[role=tabpanel]')).filter(p => !p.hidden).map(p => p.dataset.tab).join()).join('|')";
    // From another page: the link in details.html opens the Linux tabs.
    tab.navigate(&served().url("es-es/docs/details.html"));
    tab.eval("document.querySelector(\"a[href='tabs.html#tab/linux']\").click()");
    tab.wait_for("location.pathname.endsWith('/tabs.html') && document.readyState === 'complete'");
    tab.wait_for("document.querySelector('#tab_1_linux') && document.querySelector('#tab_1_linux').getAttribute('aria-selected') === 'true'");
    assert!(
        tab.eval_string(shown).starts_with("linux|linux|"),
        "{}",
        tab.eval_string(shown)
    );
    // On the page: a link to `#tab/macos` selects it in the last group and scrolls there.
    tab.eval(
        "window.scrollTo(0, 0); document.querySelector(\"article a[href='#tab/macos']\").click()",
    );
    tab.wait_for("document.querySelector('[data-tab=pc]') && location.hash === '#tab/macos'");
    assert!(
        tab.eval_string(shown).ends_with("|macos"),
        "{}",
        tab.eval_string(shown)
    );
    // A link to an anchor inside a panel not shown shows that panel.
    tab.navigate(&served().url("es-es/docs/tabs.html#pc"));
    tab.wait_for("document.readyState === 'complete'");
    assert!(
        tab.eval_string(shown).ends_with("|pc"),
        "{}",
        tab.eval_string(shown)
    );
    tab.screenshot(
        &crate::harness::project_root().join("target/screenshots/docfx-tab-link-pc.png"),
        false,
    );
}

#[test]
fn tabs_switch_together_and_by_keyboard() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    tab.navigate(&served().url("en-us/docs/tabs.html"));
    let shown = "Array.from(document.querySelectorAll('[data-tab-group]')).slice(0, 2).map(g => Array.from(g.querySelectorAll('section[role=tabpanel]')).filter(p => !p.hidden).map(p => p.dataset.tab).join()).join('|')";
    assert_eq!(tab.eval_string(shown), "windows|windows");
    assert_eq!(
        tab.eval("document.querySelector('.tab-list').hidden"),
        false
    );
    tab.eval("document.querySelector('#tab_1_linux').click()");
    assert_eq!(tab.eval_string(shown), "linux|linux");
    assert_eq!(
        tab.eval_string("document.querySelector('#tab_2_linux').getAttribute('aria-selected')"),
        "true"
    );
    // Keyboard: from Linux, the right arrow wraps to Windows and moves the focus there.
    tab.eval("document.querySelector('#tab_2_linux').focus(); document.querySelector('#tab_2_linux').dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}))");
    assert_eq!(tab.eval_string(shown), "windows|windows");
    assert_eq!(
        tab.eval_string("document.activeElement.id"),
        "tab_2_windows"
    );
    // Dependent tabs: the .NET tab for the chosen platform shows.
    let dotnet = "Array.from(document.querySelectorAll('#tabgroup_3 .tab-list li')).filter(li => !li.hidden).map(li => li.firstChild.dataset.condition || li.firstChild.dataset.tab).join()";
    assert_eq!(tab.eval_string(dotnet), "windows,rest");
    tab.eval("document.querySelector('#tab_1_linux').click()");
    assert_eq!(tab.eval_string(dotnet), "linux,rest");
}

#[test]
fn a_lightbox_image_opens_over_the_page() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    tab.navigate(&served().url("es-es/docs/images.html"));
    tab.eval("document.querySelector(\"a[href$='#lightbox']\").click()");
    assert_eq!(
        tab.eval("document.querySelector('dialog.lightbox').open"),
        true
    );
    assert!(
        tab.eval_string("document.querySelector('dialog.lightbox img').src")
            .ends_with("media/example-expanded.png")
    );
    // The full-size image loads (waited for: it is fetched when the dialog opens).
    tab.wait_for(
        "document.querySelector('dialog.lightbox img').complete && document.querySelector('dialog.lightbox img').naturalWidth > 0",
    );
    assert!(tab.eval_string("location.href").ends_with("images.html"));
}

#[test]
fn every_link_of_the_landing_and_hub_pages_resolves() {
    let Some(browser) = chromium() else {
        return;
    };
    let tab = browser.tab();
    for locale in LOCALES {
        for name in ["index", "hub", "data"] {
            tab.navigate(&served().url(&format!("{locale}/docs/{name}.html")));
            let statuses = tab.eval_string(
                "Promise.all(Array.from(document.querySelectorAll('article a[href], article img[src]')).map(e => fetch(e.href || e.src).then(r => r.status + ' ' + (e.href || e.src)))).then(s => s.join('\\n'))",
            );
            assert!(!statuses.is_empty(), "{locale}/{name}: no links");
            for line in statuses.lines() {
                assert!(line.starts_with("200 "), "{locale}/{name}: {line}");
            }
        }
    }
}

#[test]
fn pages_pair_by_uid_and_a_uid_given_twice_is_a_finding() {
    let site = TestSite::new();
    site.file(
        "content/en-us/a.md",
        "---\nuid: shared.page\n---\n# A\n\nSee <xref:shared.page>.\n",
    );
    site.file(
        "content/es-es/b.md",
        "---\ntitle: B\nuid: shared.page\n---\n# B\n",
    );
    site.file(
        "content/es-es/c.md",
        "---\nuid: twice\n---\n# C\n\n<xref:nowhere>\n",
    );
    site.file(
        "content/es-es/d.md",
        "---\ntitle: D\nuid: twice\n---\n# D\n",
    );
    site.file("content/en-us/c.md", "# C\n");
    site.file("content/en-us/d.md", "# D\n");
    let (_, diagnostics) = site.check_json(&[]);
    let found: Vec<String> = diagnostics.iter().map(place).collect();
    assert!(
        found.contains(&"content/es-es/c.md:2:1 duplicate-uid".to_owned())
            && found.contains(&"content/es-es/d.md:3:1 duplicate-uid".to_owned()),
        "{found:#?}"
    );
    assert!(
        found.contains(&"content/es-es/c.md:6:1 xref-not-found".to_owned()),
        "{found:#?}"
    );
    // en-us/a.md pairs with a page of es-es by uid: it is not missing there.
    assert!(
        !found
            .iter()
            .any(|f| f.starts_with("content/en-us/a.md:") && f.ends_with(" missing-translation")),
        "{found:#?}"
    );
}

#[test]
fn toc_entries_by_uid_lead_to_their_pages_and_an_unknown_uid_is_a_finding() {
    let site = TestSite::new();
    site.file("rosetta.yaml", "locales: [en-us]\nxref: [api.yml]\n");
    site.file(
        "api.yml",
        "baseUrl: https://api.example.org/\nreferences:\n- uid: Harbour.Crane\n  name: Crane class\n  href: harbour.crane.html\n",
    );
    site.file(
        "content/en-us/docs/guide/tides.md",
        "---\nuid: docs.tides\ntitle: Tides\n---\n# Tides\n\nText.\n",
    );
    site.file(
        "content/en-us/docs/toc.yml",
        "- name: Tide tables\n  topicUid: docs.tides\n- uid: docs.tides\n- topicUid: Harbour.Crane\n- name: Cranes\n  href: xref:Harbour.Crane\n- name: Lost\n  uid: docs.lost\n- name: Gone\n  href: xref:gone.uid\n",
    );
    let (_, diagnostics) = site.check_json(&[]);
    let found: Vec<String> = diagnostics.iter().map(place).collect();
    assert_eq!(
        found,
        [
            "content/en-us/docs/toc.yml:8:8 xref-not-found",
            "content/en-us/docs/toc.yml:10:9 xref-not-found"
        ],
        "{diagnostics:#?}"
    );
    let run = site.build(&["--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(site.path().join("public/en-us/docs/guide/tides.html"))
        .unwrap_or_default();
    let doc = Html::parse_document(&html);
    let entries: Vec<(String, String)> = select(&doc, "nav.site-nav li a")
        .iter()
        .map(|a| {
            (
                a.text().collect::<String>().trim().to_owned(),
                a.value().attr("href").unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "Tide tables".to_owned(),
                "../../docs/guide/tides.html".to_owned()
            ),
            ("Tides".to_owned(), "../../docs/guide/tides.html".to_owned()),
            (
                "Crane class".to_owned(),
                "https://api.example.org/harbour.crane.html".to_owned()
            ),
            (
                "Cranes".to_owned(),
                "https://api.example.org/harbour.crane.html".to_owned()
            ),
        ],
        "{html}"
    );
    // An entry whose uid is found nowhere is text, not a link to `xref:…`.
    let texts: Vec<String> = select(&doc, "nav.site-nav li")
        .iter()
        .map(|li| li.text().collect::<String>().trim().to_owned())
        .collect();
    assert!(texts.iter().any(|t| t == "Gone"), "{texts:?}");
    assert!(!html.contains("href=\"xref:"), "{html}");
    // An entry by uid knows its page: the first marks it as the one shown.
    assert_eq!(
        select(&doc, "nav.site-nav a[aria-current='page']")
            .iter()
            .map(|a| a.text().collect::<String>())
            .collect::<Vec<_>>(),
        ["Tide tables"]
    );
}
