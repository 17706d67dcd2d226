//! A source locale and its translations (`source_locale`): the ids readers land on, fallback
//! to the source's files, redirections, locales kept anywhere, `~/` and site-absolute links,
//! keys given twice, the machine-translation notice; the January 2020 repositories
//! (`../shared/corpus/loc2020`); redirect pages and borrowed images in Chromium.

use crate::browser::{self, Served};
use crate::harness::{TestSite, git, places, rosetta, shared, with_code};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture with an English source and its es-es and zh-tw translations.
fn fixture() -> TestSite {
    TestSite::fixture("source-translations")
}

#[test]
fn translations_are_checked_against_the_ids_readers_land_on() {
    let site = fixture();
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mismatch = with_code(&diagnostics, "anchor-mismatch");
    // es-es gives every heading the source's slug as `<a name>`; zh-tw lacks one.
    assert_eq!(
        places(
            &diagnostics
                .iter()
                .filter(|d| d["code"] == "anchor-mismatch")
                .cloned()
                .collect::<Vec<_>>()
        ),
        ["content/zh-tw/docs/start.md:18:1 anchor-mismatch"]
    );
    let d = mismatch[0];
    assert!(
        d["message"]
            .as_str()
            .is_some_and(|m| m.contains("`set-up-the-device`")),
        "{d}"
    );
    assert_eq!(d["related"][0]["file"], "content/en-us/docs/start.md");
    assert_eq!(d["related"][0]["line"], 15);
}

#[test]
fn targets_missing_in_a_translation_fall_back_to_the_source() {
    let site = fixture();
    let (run, diagnostics) = site.check_json(&[]);
    for code in [
        "missing-resource",
        "broken-link",
        "include-not-found",
        "broken-anchor",
    ] {
        assert!(
            with_code(&diagnostics, code).is_empty(),
            "{code}: {:?}",
            places(&diagnostics)
        );
    }
    let human = rosetta(site.path(), &["check", "."]);
    assert!(
        human
            .stderr
            .contains("fallbacks to en-us: es-es 3, zh-tw 2"),
        "{}",
        human.stderr
    );
    assert_eq!(run.json()["summary"]["errors"], 2, "{}", run.stdout);
}

#[test]
fn a_translation_shows_the_source_image_and_links_to_source_pages() {
    let site = fixture();
    let run = site.build(&["--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let start = site.read("public/es-es/docs/start.html");
    assert!(
        start.contains(r#"src="../../en-us/docs/media/flow.png""#),
        "the image is the source's copy"
    );
    assert!(site.exists("public/en-us/docs/media/flow.png"));
    assert!(!site.exists("public/es-es/docs/media/flow.png"), "one copy");
    assert!(
        start.contains(r#"href="../../en-us/docs/only-source.html#not-translated-yet""#),
        "a page only the source has is reached as the source page"
    );
    assert!(
        start.contains("A note shared by every language"),
        "the source's include"
    );
    // The translation's navigation reaches the page only the source has.
    assert!(
        start.contains(r#"href="../../en-us/docs/only-source.html""#),
        "{start}"
    );
    // site-absolute and docset-relative links resolve to pages
    assert!(start.contains(r#"href="new-name.html#details""#));
    assert!(start.contains(r#"href="start.html#sign-in""#));
}

#[test]
fn links_to_moved_pages_follow_the_redirection() {
    let site = fixture();
    let (_, diagnostics) = site.check_json(&[]);
    let redirected: Vec<String> = with_code(&diagnostics, "link-redirected")
        .iter()
        .map(|d| crate::harness::place(d))
        .collect();
    assert_eq!(
        redirected,
        [
            "content/en-us/docs/TOC.md:4:3 link-redirected",
            "content/es-es/docs/TOC.md:4:3 link-redirected",
            "content/es-es/docs/start.md:20:10 link-redirected",
        ]
    );
    let broken = with_code(&diagnostics, "broken-redirect");
    assert_eq!(broken.len(), 1, "{:?}", places(&diagnostics));
    assert_eq!(
        crate::harness::place(broken[0]),
        "content/en-us/.openpublishing.redirection.json:10:24 broken-redirect"
    );
    site.build(&["--no-search"]);
    let start = site.read("public/es-es/docs/start.html");
    assert!(start.contains(r#"href="new-name.html#details""#));
}

#[test]
fn every_locale_gets_a_redirect_page_for_a_moved_path() {
    let site = fixture();
    site.build(&["--no-search"]);
    for locale in ["en-us", "es-es", "zh-tw"] {
        let html = site.read(&format!("public/{locale}/docs/old-name.html"));
        assert!(
            html.contains(&format!(r#"<html lang="{locale}""#)),
            "{html}"
        );
        assert!(html.contains(r#"content="0; url=new-name.html""#), "{html}");
        assert!(html.contains(r#"<link rel="canonical" href="new-name.html">"#));
        assert!(
            html.contains("location.hash"),
            "the script keeps the fragment"
        );
        assert!(
            html.contains(r#"<a href="new-name.html">"#),
            "a visible link"
        );
        let external = site.read(&format!("public/{locale}/docs/elsewhere.html"));
        assert!(external.contains("https://example.org/elsewhere"));
    }
    assert!(
        !site.exists("public/es-es/docs/gone.html"),
        "a broken redirection has no page"
    );
    // The language switcher goes to pages, not to redirect pages.
    let start = site.read("public/zh-tw/docs/new-name.html");
    assert!(!start.contains("old-name.html"));
}

#[test]
fn a_key_given_twice_is_a_warning_and_the_rest_of_the_metadata_is_kept() {
    let site = fixture();
    let (_, diagnostics) = site.check_json(&[]);
    let dup = with_code(&diagnostics, "duplicate-key");
    assert_eq!(dup.len(), 1);
    assert_eq!(
        crate::harness::place(dup[0]),
        "content/zh-tw/docs/start.md:6:1 duplicate-key"
    );
    assert!(with_code(&diagnostics, "front-matter").is_empty());
    assert!(
        with_code(&diagnostics, "assetid-mismatch").is_empty(),
        "the asset ID after the repeated key is read"
    );
}

#[test]
fn machine_translated_pages_carry_a_notice() {
    let site = fixture();
    site.build(&["--no-search"]);
    let mt = site.read("public/es-es/docs/start.html");
    assert!(
        mt.contains(r#"<p class="mt-notice""#) && mt.contains("traducido automáticamente"),
        "MTE75 is machine translation"
    );
    for human in [
        "public/es-es/docs/new-name.html",
        "public/zh-tw/docs/start.html",
    ] {
        assert!(!site.read(human).contains("mt-notice"), "{human}");
    }
}

#[test]
fn locales_may_live_anywhere_and_findings_name_files_from_the_site() {
    let site = TestSite::new();
    let fixture = fixture();
    crate::harness::copy_tree(
        &fixture.path().join("content/en-us"),
        &site.path().join("repos/Docs"),
    );
    crate::harness::copy_tree(
        &fixture.path().join("content/zh-tw"),
        &site.path().join("repos/Docs.zh-tw"),
    );
    site.file(
        "site/rosetta.yaml",
        "locales:\n  en-us: ../repos/Docs\n  zh-tw: ../repos/Docs.zh-tw\nsource_locale: en-us\n",
    );
    let run = rosetta(
        &site.path().join("site"),
        &["check", ".", "--format", "json"],
    );
    let diagnostics = run.json()["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        places(
            &with_code(&diagnostics, "anchor-mismatch")
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        ),
        ["../repos/Docs.zh-tw/docs/start.md:18:1 anchor-mismatch"]
    );
    assert_eq!(run.json()["summary"]["pages"]["zh-tw"], 2);
    // A symbolic link under content/ works the same.
    #[cfg(unix)]
    {
        let linked = TestSite::new();
        std::fs::create_dir_all(linked.path().join("content")).unwrap_or_else(|e| panic!("{e}"));
        for (locale, repo) in [("en-us", "Docs"), ("zh-tw", "Docs.zh-tw")] {
            std::os::unix::fs::symlink(
                site.path().join("repos").join(repo),
                linked.path().join("content").join(locale),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        linked.file("rosetta.yaml", "source_locale: en-us\n");
        let (run, diagnostics) = linked.check_json(&[]);
        assert_eq!(run.json()["summary"]["pages"]["en-us"], 3, "{}", run.stderr);
        assert_eq!(
            places(
                &with_code(&diagnostics, "anchor-mismatch")
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            ),
            ["content/zh-tw/docs/start.md:18:1 anchor-mismatch"]
        );
    }
}

#[test]
fn a_source_locale_the_site_does_not_have_is_a_configuration_error() {
    let site = TestSite::new();
    site.file("content/en-us/a.md", "# A\n")
        .file("content/zh-tw/a.md", "# A\n")
        .file("rosetta.yml", "title: Docs\nsource_locale: en\n");
    for command in ["check", "build", "status"] {
        let run = rosetta(site.path(), &[command, "."]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("rosetta.yml:2:1")
                && run.stderr.contains(
                    "source_locale `en` is not a locale of the site (its locales: en-us, zh-tw)"
                ),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn bad_redirection_files_are_findings_and_never_hang() {
    let site = fixture();
    site.file(
        "content/es-es/.openpublishing.redirection.json",
        "{\"redirections\": [\n  {\"source_path\": \"docs/a.md\", \"redirect_url\": \"/docs/b\", \"redirect_to\": 1}\n]}\n",
    );
    site.file(
        "content/zh-tw/.openpublishing.redirection.json",
        "{ not json\n",
    );
    site.file(
        ".openpublishing.redirection.json",
        "{\"redirections\": [\n{\"source_path\": \"../outside.md\", \"redirect_url\": \"/docs/new-name\"},\n{\"source_path\": \"docs/loop-a.md\", \"redirect_url\": \"/docs/loop-b\"},\n{\"source_path\": \"docs/loop-b.md\", \"redirect_url\": \"/docs/loop-a\"}\n]}\n",
    );
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let config: Vec<String> = with_code(&diagnostics, "config")
        .iter()
        .map(|d| crate::harness::place(d))
        .collect();
    assert_eq!(
        config,
        [
            // at the path that leaves the locale folder
            ".openpublishing.redirection.json:2:51 config",
            // at the unknown key
            "content/es-es/.openpublishing.redirection.json:2:71 config",
            "content/zh-tw/.openpublishing.redirection.json:1:3 config",
        ]
    );
    let loops: Vec<&Value> = with_code(&diagnostics, "broken-redirect")
        .into_iter()
        .filter(|d| d["message"].as_str().is_some_and(|m| m.contains("loop")))
        .collect();
    assert_eq!(loops.len(), 2, "{:?}", places(&diagnostics));
}

#[test]
fn peer_translations_are_compared_by_explicit_anchors_as_before() {
    let site = fixture();
    site.file(
        "rosetta.yaml",
        "locales: [en-us, es-es, zh-tw]\nreference_locale: en-us\n",
    );
    let (_, diagnostics) = site.check_json(&[]);
    // Without a source locale, the explicit anchors of the translations are compared with
    // the reference's (which has none): every translated page differs.
    assert_eq!(with_code(&diagnostics, "anchor-mismatch").len(), 4);
    assert!(
        !with_code(&diagnostics, "missing-resource").is_empty(),
        "no fallback"
    );
}

/// loc2020 made as its README says (a copy, with the English source cloned from its
/// bundle), once for every test that only reads it.
pub(crate) fn loc2020() -> Option<&'static Path> {
    static SITE: OnceLock<Option<TestSite>> = OnceLock::new();
    let corpus = loc2020_corpus()?;
    SITE.get_or_init(|| made_loc2020(&corpus))
        .as_ref()
        .map(TestSite::path)
}

/// A copy of loc2020 of the test's own (to change it), made as its README says.
fn fresh_loc2020() -> Option<TestSite> {
    made_loc2020(&loc2020_corpus()?)
}

/// loc2020 built once (without search) into a folder of its own, and served.
pub(crate) fn served_loc2020() -> Option<&'static Served> {
    static SITE: OnceLock<Option<Served>> = OnceLock::new();
    let dir = loc2020()?;
    SITE.get_or_init(|| {
        let out = TestSite::new();
        let public = out.path().join("public");
        let run = rosetta(
            dir,
            &[
                "build",
                ".",
                "--no-search",
                "--out",
                &public.to_string_lossy(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let server = browser::serve(&public);
        Some(Served::from_parts(out, public, server))
    })
    .as_ref()
}

/// The shared loc2020 corpus, or `None` after a notice.
fn loc2020_corpus() -> Option<PathBuf> {
    let corpus = shared()?.join("corpus/loc2020");
    if !corpus.join("source.bundle").is_file() {
        return crate::harness::missing("../shared/corpus/loc2020");
    }
    Some(corpus)
}

/// A copy of `corpus` with the English source cloned from its bundle into content/en-us.
fn made_loc2020(corpus: &Path) -> Option<TestSite> {
    let site = TestSite::copy_of(corpus);
    let bundle = site.path().join("source.bundle");
    let target = site.path().join("content/en-us");
    git(
        site.path(),
        &[
            "clone",
            "-q",
            &bundle.to_string_lossy(),
            &target.to_string_lossy(),
        ],
    )
    .map(|_| site)
}

/// In the IntuneDocs repositories, `/intune/index` is the Hub page `intune/index.yml`:
/// redirections and TOC entries name it without extension. loc2020 as shipped has no
/// redirection that ends at a YAML page; its docsets' index pages are Landing pages, so
/// the test adds, in every locale, what the full repositories have.
#[test]
fn loc2020_redirections_toc_entries_and_links_reach_yaml_pages_without_extension() {
    let Some(site) = fresh_loc2020() else { return };
    for locale in ["en-us", "zh-tw", "es-es"] {
        let redirections = format!("content/{locale}/.openpublishing.redirection.json");
        let text = site.read(&redirections);
        site.file(
            &redirections,
            text.replacen(
                "\"redirections\": [",
                "\"redirections\": [\n    {\"source_path\": \"intune/old-home.md\", \"redirect_url\": \"/intune/index\"},\n    {\"source_path\": \"intune/remote-actions/start.md\", \"redirect_url\": \"/intune/old-home\"},\n    {\"source_path\": \"intune/developer/start.md\", \"redirect_url\": \"index\"},",
                1,
            ),
        );
        let toc = format!("content/{locale}/intune/remote-actions/toc.yml");
        let text = site.read(&toc);
        site.file(
            &toc,
            format!("- name: Intune\n  href: /intune/index\n- name: Developer\n  href: ../developer/index\n{text}"),
        );
        let page = format!("content/{locale}/intune/remote-actions/device-sync.md");
        let text = site.read(&page);
        site.file(
            &page,
            format!("{text}\n[Intune](/intune/index), [Intune](../index) and [the old home](/intune/old-home).\n"),
        );
    }
    let (_, diagnostics) = site.check_json(&[]);
    // Findings about what the test added (the slice's other broken links, to docsets it
    // does not hold, stay).
    let about = |d: &&Value| {
        let file = d["file"].as_str().unwrap_or("");
        let message = d["message"].as_str().unwrap_or("");
        file.ends_with("remote-actions/toc.yml")
            || [
                "old-home",
                "index`",
                "developer/start",
                "remote-actions/start",
            ]
            .iter()
            .any(|w| message.contains(w))
    };
    for code in ["broken-redirect", "broken-link"] {
        let found: Vec<String> = with_code(&diagnostics, code)
            .into_iter()
            .filter(about)
            .map(crate::harness::place)
            .collect();
        assert!(found.is_empty(), "{code}: {found:#?}");
    }
    // The link to the redirected path follows it (one per locale).
    let redirected: Vec<String> = with_code(&diagnostics, "link-redirected")
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("old-home"))
        })
        .map(|d| crate::harness::place(d))
        .collect();
    assert_eq!(redirected.len(), 3, "{redirected:#?}");
    let run = site.build(&["--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for locale in ["en-us", "zh-tw", "es-es"] {
        // Every redirection whose chain ends at a YAML page has its redirect page.
        for (from, to) in [
            ("intune/old-home.html", "index.html"),
            ("intune/remote-actions/start.html", "../index.html"),
            ("intune/developer/start.html", "index.html"),
        ] {
            let html = site.read(&format!("public/{locale}/{from}"));
            assert!(
                html.contains(&format!("content=\"0; url={to}\"")),
                "{locale}/{from}: {html}"
            );
        }
        let page = site.read(&format!(
            "public/{locale}/intune/remote-actions/device-sync.html"
        ));
        assert!(page.contains("href=\"../index.html\""), "{page}");
    }
    // The TOC entries lead to the Hub and Landing pages.
    let toc = std::fs::read_dir(
        site.path()
            .join("public/_rosetta/toc/zh-tw/intune/remote-actions"),
    )
    .ok()
    .and_then(|mut d| d.next())
    .and_then(|e| e.ok())
    .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
    .unwrap_or_default();
    assert!(toc.contains("intune/index.html"), "{toc}");
    assert!(toc.contains("developer/index.html"), "{toc}");
}

#[test]
fn loc2020_translations_are_compared_with_their_source() {
    let Some(dir) = loc2020() else { return };
    let run = rosetta(dir, &["check", ".", "--format", "json"]);
    let diagnostics = run.json()["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for locale in ["zh-tw", "es-es"] {
        let of = |code: &str| -> Vec<&Value> {
            with_code(&diagnostics, code)
                .into_iter()
                .filter(|d| d["locale"] == locale)
                .collect()
        };
        // Every translated page carries the source's heading slugs as `<a name>`: only the
        // pages that really lack ids of their source are reported, nine per translation.
        // Six of them repeat one `<a name>` where the source has duplicate headings, whose
        // ids are `overview`, `overview-1`, … Pages whose missing ids are all in sections
        // the source added since the translation's version (custom-notifications,
        // troubleshoot-device-actions, and zh-tw's app-sdk-ios) are stale, not drifted.
        let mut mismatched: Vec<String> = of("anchor-mismatch")
            .iter()
            .filter_map(|d| {
                d["file"]
                    .as_str()?
                    .split("/intune/")
                    .nth(1)
                    .map(str::to_owned)
            })
            .collect();
        let expected = [
            "developer/app-sdk-android.md",
            "developer/app-sdk-xamarin.md",
            "developer/apps-prepare-mobile-application-management.md",
            "developer/intune-data-warehouse-collections.md",
            "developer/reports-changelog.md",
            "developer/reports-ref-application.md",
            "developer/reports-ref-devices.md",
            "remote-actions/device-activation-lock-bypass.md",
            "remote-actions/devices-wipe.md",
        ];
        mismatched.sort();
        let stale: Vec<&str> = of("stale-translation")
            .iter()
            .filter_map(|d| d["file"].as_str()?.split("/intune/").nth(1))
            .collect();
        for page in [
            "remote-actions/custom-notifications.md",
            "remote-actions/troubleshoot-device-actions.md",
        ] {
            assert!(
                stale.contains(&page),
                "{locale}: {page} is stale: {stale:?}"
            );
        }
        assert_eq!(mismatched, expected, "{locale}");
        // No image, include or page that exists in the source is reported missing.
        let source_dir = dir.join("content/en-us");
        for d in of("missing-resource").into_iter().chain(of("broken-link")) {
            let message = d["message"].as_str().unwrap_or("");
            let path = message
                .rsplit_once(&format!("content/{locale}/"))
                .map(|(_, p)| p.trim_end_matches(')'))
                .unwrap_or("");
            assert!(
                !path.is_empty() && !source_dir.join(path).exists(),
                "{locale}: reported although the source has it: {d}"
            );
        }
        // Links to redirected paths follow the redirection.
        assert!(!of("link-redirected").is_empty(), "{locale}");
    }
    assert!(
        run.stderr.is_empty() || !run.stderr.contains("panicked"),
        "{}",
        run.stderr
    );
}

#[test]
fn loc2020_redirect_pages_land_on_the_target_with_the_fragment_in_chromium() {
    let Some(site) = served_loc2020() else { return };
    let Some(browser) = browser::browser() else {
        return;
    };
    let (public, server) = (&site.public, &site.server);
    let tab = browser.tab();
    for locale in ["zh-tw", "es-es"] {
        // `intune/app-sdk.md` moved to `intune/developer/app-sdk.md`.
        assert!(
            public
                .join(format!("{locale}/intune/app-sdk.html"))
                .is_file()
        );
        tab.navigate_until(
            &server.url(&format!("{locale}/intune/app-sdk.html#anchor-kept")),
            "location.pathname.endsWith('/developer/app-sdk.html') && document.readyState === 'complete'",
        );
        assert_eq!(tab.eval_string("location.hash"), "#anchor-kept");
        assert_eq!(tab.eval_string("document.documentElement.lang"), locale);
        // The translation's images come from the source locale's copy, and load.
        tab.navigate(&server.url(&format!(
            "{locale}/intune/developer/app-sdk-get-started.html"
        )));
        tab.wait_for("document.readyState === 'complete'");
        let images = tab.eval(
            "Array.from(document.querySelectorAll('article img')).map(i => [i.getAttribute('src'), i.naturalWidth])",
        );
        let images = images.as_array().cloned().unwrap_or_default();
        assert!(!images.is_empty(), "{locale}");
        for image in images {
            assert!(
                image[0].as_str().is_some_and(|s| s.contains("/en-us/")),
                "{image}"
            );
            assert!(
                image[1].as_u64().is_some_and(|w| w > 0),
                "{image} did not load"
            );
        }
    }
}
