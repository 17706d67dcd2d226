//! Every row of the dialect table, on the fixture `tests/sites/dialect`, in both
//! of its locales.

use crate::harness::{TestSite, snapshot};
use scraper::{Html, Selector};

const LOCALES: [&str; 2] = ["zh-tw", "es-es"];

/// The fixture, built once per test.
fn built() -> TestSite {
    let site = TestSite::fixture("dialect");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site
}

fn page(site: &TestSite, locale: &str, name: &str) -> Html {
    Html::parse_document(&site.read(&format!("public/{locale}/docs/{name}.html")))
}

fn select<'h>(html: &'h Html, css: &str) -> Vec<scraper::ElementRef<'h>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    html.select(&selector).collect()
}

fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text().collect::<String>()
}

fn attr(html: &Html, css: &str, name: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .filter_map(|e| e.value().attr(name).map(str::to_owned))
        .collect()
}

#[test]
fn the_fixture_has_only_its_note_followed_by_text_in_either_locale() {
    let site = TestSite::fixture("dialect");
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    // `> [!NOTE] text` on one line (alerts.md): a plain blockquote and a warning.
    let found: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap_or(""),
                d["file"].as_str().unwrap_or(""),
                d["line"]
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "invalid-note-section content/es-es/docs/alerts.md:27",
            "invalid-note-section content/zh-tw/docs/alerts.md:27"
        ],
        "{diagnostics:#?}"
    );
    let summary = &run.json()["summary"]["pages"];
    assert_eq!(summary["zh-tw"], 12);
    assert_eq!(summary["es-es"], 12);
}

#[test]
fn front_matter_with_bom_and_crlf_gives_an_escaped_title_and_description() {
    let site = built();
    for locale in LOCALES {
        let raw = site.read(&format!("public/{locale}/docs/front-matter.html"));
        let html = Html::parse_document(&raw);
        let title = select(&html, "title").first().map(text).unwrap_or_default();
        assert!(
            title.starts_with("<script>alert("),
            "{locale}: title is the front matter's: {title}"
        );
        assert!(
            !raw.contains("<script>alert"),
            "{locale}: the title's markup is escaped"
        );
        assert!(
            title.contains("{{ page.title }}"),
            "{locale}: metadata is not evaluated as a template"
        );
        let description = attr(&html, "meta[name=description]", "content");
        assert_eq!(description.len(), 1);
        assert!(
            description[0].contains("<b>"),
            "{locale}: description kept as text"
        );
        assert!(
            !raw.contains("ms.assetid"),
            "{locale}: the front matter is not rendered"
        );
        assert_eq!(
            select(&html, "article h1").len(),
            1,
            "{locale}: the body starts after the front matter"
        );
    }
}

#[test]
fn explicit_anchors_become_ids_and_other_headings_get_slugs() {
    let site = built();
    let expected_slugs = [
        ("zh-tw", ["安裝公司入口網站應用程式", "附註", "附註-1"]),
        (
            "es-es",
            ["instale-la-aplicación-portal-de-empresa", "nota", "nota-1"],
        ),
    ];
    for (locale, slugs) in expected_slugs {
        let html = page(&site, locale, "anchors");
        let ids = attr(&html, "article h1, article h2, article h3", "id");
        let mut expected = vec!["sign-in", "profile"];
        expected.extend(slugs);
        expected.extend(["custom-id", "mixed-case--punctuation-v20"]);
        assert_eq!(ids, expected, "{locale}");
        // The empty anchor element inside a heading is dropped…
        assert!(select(&html, "h1 a, h2 a").is_empty(), "{locale}");
        // …and an anchor elsewhere is kept with an id.
        assert_eq!(
            attr(&html, "p a[id]", "id"),
            ["para-anchor", "named-only"],
            "{locale}"
        );
    }
}

#[test]
fn block_inline_and_nested_includes_render_in_place() {
    let site = built();
    for locale in LOCALES {
        let html = page(&site, locale, "includes");
        let raw = site.read(&format!("public/{locale}/docs/includes.html"));
        assert!(
            !raw.contains("ignored include front matter"),
            "{locale}: include front matter stripped"
        );
        // A block include at the top level, in a list item and in a blockquote.
        assert_eq!(
            select(&html, "article > div.alert.note").len(),
            1,
            "{locale}: top-level block include"
        );
        assert_eq!(
            select(&html, "article > ol > li > div.alert.note").len(),
            1,
            "{locale}: block include stays in its list item"
        );
        assert_eq!(
            select(&html, "article > ol > li > ul > li").len(),
            2,
            "{locale}: the include's list stays in the item"
        );
        assert_eq!(
            select(&html, "article > ol > li").len(),
            2,
            "{locale}: the list is not split by the include"
        );
        assert_eq!(
            select(&html, "article > blockquote > div.alert.note").len(),
            1,
            "{locale}: block include in a blockquote"
        );
        // An inline include renders inline, inside its paragraph.
        let inline = select(&html, "article > p")
            .into_iter()
            .map(|p| text(&p))
            .find(|t| {
                t.contains(if locale == "zh-tw" {
                    "這句話"
                } else {
                    "Esta frase"
                })
            })
            .unwrap_or_default();
        let expected = if locale == "zh-tw" {
            "這句話 這是內嵌包含的內容 結束。"
        } else {
            "Esta frase este es el contenido incluido en línea fin."
        };
        assert_eq!(inline, expected, "{locale}");
        // A nested include's link and image are rewritten to work from the including page.
        assert!(
            attr(&html, "article a", "href").contains(&"anchors.html#sign-in".to_owned()),
            "{locale}"
        );
        assert_eq!(
            attr(&html, "article img", "src"),
            ["media/pic.png"],
            "{locale}"
        );
        assert!(
            !raw.contains("[!INCLUDE") && !raw.contains("[!include"),
            "{locale}: no directive left"
        );
    }
}

#[test]
fn alerts_in_any_letter_case_get_localized_labels() {
    let site = built();
    let labels = [
        ("zh-tw", ["附註", "提示", "重要", "注意", "警告", "附註"]),
        (
            "es-es",
            [
                "Nota",
                "Sugerencia",
                "Importante",
                "Precaución",
                "Advertencia",
                "Nota",
            ],
        ),
    ];
    for (locale, expected) in labels {
        let html = page(&site, locale, "alerts");
        let classes = attr(&html, "div.alert", "class");
        assert_eq!(
            classes,
            [
                "alert note",
                "alert tip",
                "alert important",
                "alert caution",
                "alert warning",
                "alert note"
            ],
            "{locale}"
        );
        let shown: Vec<String> = select(&html, "div.alert > p.alert-title")
            .iter()
            .map(text)
            .collect();
        assert_eq!(shown, expected, "{locale}");
        // A marker on a later line closes the quote before it; text after a marker on its
        // line, or an unknown kind, leaves a plain blockquote.
        let quotes: Vec<String> = select(&html, "article > blockquote")
            .iter()
            .map(text)
            .collect();
        assert_eq!(quotes.len(), 3, "{locale}: {quotes:?}");
        assert!(
            quotes[1].contains("[!NOTE]") && quotes[2].contains("[!UNKNOWN]"),
            "{locale}: {quotes:?}"
        );
    }
}

#[test]
fn div_markers_open_one_div_each_and_video_becomes_an_iframe() {
    let site = built();
    for locale in LOCALES {
        let html = page(&site, locale, "div");
        assert_eq!(
            select(&html, "div.op_single_selector > ul > li > a").len(),
            2,
            "{locale}"
        );
        let buttons = select(&html, "div.nextstepaction");
        assert_eq!(
            buttons.len(),
            2,
            "{locale}: two markers in one blockquote open two divs"
        );
        assert_eq!(
            attr(&html, "div.nextstepaction a", "href"),
            ["anchors.html#sign-in", "anchors.html#profile"],
            "{locale}"
        );
        assert!(select(&html, "article blockquote").is_empty(), "{locale}");
        let video = page(&site, locale, "video");
        assert_eq!(
            attr(&video, "div.video > iframe", "src"),
            ["https://www.youtube.com/embed/abc123"],
            "{locale}"
        );
    }
}

#[test]
fn md_links_become_page_urls_keeping_fragment_and_query() {
    let site = built();
    for locale in LOCALES {
        let html = page(&site, locale, "links");
        assert_eq!(
            attr(&html, "article a", "href"),
            [
                "anchors.html#sign-in",
                "#links-section",
                "sub/page.html#sub-top",
                "http://example.org/a.md",
                "anchors.html?view=1#profile",
                // site-absolute, its first segment a top folder of the locale: the page
                "anchors.html",
                "mailto:a@example.org",
                "alerts.html#alerts",
            ],
            "{locale}"
        );
        let sub = page(&site, locale, "sub/page");
        assert_eq!(
            attr(&sub, "article a", "href"),
            ["../links.html#links"],
            "{locale}"
        );
        assert_eq!(
            attr(&sub, "article img", "src"),
            ["../media/pic.png"],
            "{locale}"
        );
    }
}

#[test]
fn resources_are_copied_including_referenced_files_no_glob_names() {
    let site = built();
    for locale in LOCALES {
        let html = page(&site, locale, "resources");
        assert_eq!(
            attr(&html, "article img", "src"),
            ["media/pic.png", "media/my%20pic.png", "media/pic.png"],
            "{locale}"
        );
        for file in ["media/pic.png", "media/my pic.png", "files/guide.pdf"] {
            assert!(
                site.exists(&format!("public/{locale}/docs/{file}")),
                "{locale}: {file} copied"
            );
        }
        assert!(
            !site.exists(&format!("public/{locale}/docs/docfx.json")),
            "{locale}: docfx.json is not a resource"
        );
        assert!(
            !site.exists(&format!("public/{locale}/docs/includes/block.html")),
            "{locale}: includes are not pages"
        );
    }
}

#[test]
fn raw_html_and_gfm_pass_through() {
    let site = built();
    for locale in LOCALES {
        let html = page(&site, locale, "html-gfm");
        assert_eq!(
            select(&html, "article div.custom-box > span").len(),
            1,
            "{locale}"
        );
        assert_eq!(select(&html, "article table th").len(), 2, "{locale}");
        assert_eq!(select(&html, "article del").len(), 1, "{locale}");
        assert_eq!(
            select(&html, "article input[type=checkbox][checked]").len(),
            1,
            "{locale}"
        );
        assert_eq!(
            select(&html, "article .footnote-definition").len(),
            1,
            "{locale}"
        );
    }
}

#[test]
fn template_syntax_in_content_is_printed_as_written() {
    let site = built();
    for locale in LOCALES {
        let html = page(&site, locale, "template-syntax");
        let body = select(&html, "article")
            .first()
            .map(text)
            .unwrap_or_default();
        assert!(
            body.contains("{{ page.title }} and {% if x %}y{% endif %} and {# c #}"),
            "{locale}: {body}"
        );
        assert!(body.contains("{{ x }}"), "{locale}");
    }
}

#[test]
fn directives_inside_code_are_never_expanded() {
    let site = built();
    for locale in LOCALES {
        let html = page(&site, locale, "code");
        let codes: Vec<String> = select(&html, "article code").iter().map(text).collect();
        assert!(codes[0].starts_with("[!INCLUDE["), "{locale}: {codes:?}");
        assert!(
            codes
                .iter()
                .filter(|c| c.contains("[!INCLUDE[x](includes/missing.md)]"))
                .count()
                == 3,
            "{locale}: {codes:?}"
        );
        assert!(select(&html, "article div.alert").is_empty(), "{locale}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = built();
    let b = built();
    let files = |site: &TestSite| snapshot(&site.path().join("public"));
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.len() > 30, "{} files", fa.len());
    assert_eq!(fa.len(), fb.len());
    for ((na, ba), (nb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(na, nb);
        assert!(ba == bb, "{na} differs between builds");
    }
}

#[test]
fn include_fine_points_follow_docfx() {
    let site = TestSite::new();
    let page = "Texto uno\n[!INCLUDE[b](includes/b.md)]\ntexto después\n\n\
                > cita\n> [!include+ [b](includes/b.md)]\n> [!TIP]\n> consejo\n\n\
                ver [!include-[x](includes/b.md)] y [!INCLUDE [y](includes/b\\_c.md)] también.\n";
    site.file("content/es-es/p.md", page);
    site.file("content/es-es/includes/b.md", "**B** contenido\n");
    site.file("content/es-es/includes/b_c.md", "*C*\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = Html::parse_document(&site.read("public/es-es/p.html"));
    let paragraphs: Vec<String> = select(&html, "article > p").iter().map(text).collect();
    assert_eq!(
        paragraphs,
        [
            "Texto uno",
            "B contenido",
            "texto después",
            "ver B contenido y C también."
        ],
        "an include line interrupts its paragraph; inline ones stay inline"
    );
    assert_eq!(
        select(&html, "article > blockquote > p")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["cita", "B contenido"]
    );
    assert_eq!(
        select(&html, "article > div.alert.tip > p:not(.alert-title)")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["consejo"]
    );
    let (_, diagnostics) = site.check_json(&[]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}
