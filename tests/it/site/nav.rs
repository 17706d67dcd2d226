//! Navigation from TOC.md / toc.yml, and the findings of their links.

use super::nav_of;
use crate::harness::{TestSite, places, with_code};

/// A docset whose TOC.md has groups, nesting and a long list.
fn site_with_toc() -> TestSite {
    let site = TestSite::new();
    site.file(
        "content/en-us/docs/TOC.md",
        "# [Home](index.md)\n# Guides\n## [Install](guides/install.md)\n### [On Windows](guides/windows.md)\n#### [Troubleshoot Windows](guides/windows-trouble.md)\n### [On Mac](guides/mac.md)\n## [Configure](guides/configure.md)\n### [Proxy](guides/proxy.md)\n# [Reference](reference.md)\n",
    );
    for (path, title) in [
        ("index.md", "Home"),
        ("guides/install.md", "Install"),
        ("guides/windows.md", "On Windows"),
        ("guides/windows-trouble.md", "Troubleshoot Windows"),
        ("guides/mac.md", "On Mac"),
        ("guides/configure.md", "Configure"),
        ("guides/proxy.md", "Proxy"),
        ("reference.md", "Reference"),
        ("guides/unlisted.md", "Unlisted"),
    ] {
        site.file(
            &format!("content/en-us/docs/{path}"),
            format!("# {title}\n\nText.\n"),
        );
    }
    site
}

#[test]
fn a_page_shows_the_top_level_its_ancestors_with_their_siblings_and_its_children() {
    let site = site_with_toc();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("public/en-us/docs/guides/windows.html");
    let nav = nav_of(&html);
    // Top level, the current entry's ancestors and their siblings, its children.
    for shown in [
        "Home",
        "Guides",
        "Reference",
        "Install",
        "Configure",
        "On Mac",
        "Troubleshoot Windows",
    ] {
        assert!(
            nav.contains(&format!(">{shown}<")),
            "{shown} missing from {nav}"
        );
    }
    // The children of a sibling branch are not in the page.
    assert!(!nav.contains(">Proxy<"), "{nav}");
    assert!(
        nav.contains(
            r#"<a href="../../docs/guides/windows.html" aria-current="page">On Windows</a>"#
        ),
        "current entry not marked: {nav}"
    );
    assert_eq!(nav.matches("aria-current").count(), 1);
    assert!(
        nav.contains(r#"<span class="nav-group">Guides</span>"#),
        "group title: {nav}"
    );
    // The full tree is one shared file per TOC.
    let tree = site.read("public/_rosetta/toc/en-us/docs/TOC.js");
    assert!(
        tree.contains("\"Proxy\",\"docs/guides/proxy.html\""),
        "{tree}"
    );
    assert!(html.contains(r#"data-toc="../../../_rosetta/toc/en-us/docs/TOC.js""#));
}

#[test]
fn a_page_outside_the_toc_shows_its_top_level_with_nothing_marked() {
    let site = site_with_toc();
    site.build(&[]);
    let html = site.read("public/en-us/docs/guides/unlisted.html");
    let nav = nav_of(&html);
    for shown in ["Home", "Guides", "Reference"] {
        assert!(
            nav.contains(&format!(">{shown}<")),
            "{shown} missing: {nav}"
        );
    }
    assert!(!nav.contains(">Install<"), "{nav}");
    assert!(!nav.contains("aria-current"), "{nav}");
    // The generated home page lists the whole TOC and the unlisted page.
    let home = site.read("public/en-us/index.html");
    assert!(
        home.contains(">Proxy<") && home.contains(">Unlisted<"),
        "{home}"
    );
}

#[test]
fn toc_yml_nests_items_and_takes_topic_href_for_folders() {
    let site = TestSite::new();
    site.file(
        "content/en-us/toc.yml",
        "- name: Start\n  href: start.md\n- name: Area\n  href: area/\n  topicHref: area/overview.md\n  items:\n    - name: Deep\n      href: area/deep.md\n",
    );
    site.file("content/en-us/start.md", "# Start\n");
    site.file("content/en-us/area/overview.md", "# Area overview\n");
    site.file("content/en-us/area/deep.md", "# Deep\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let nav = site.read("public/en-us/area/deep.html");
    let nav = nav_of(&nav);
    assert!(
        nav.contains(r#"<a href="../area/overview.html">Area</a>"#),
        "{nav}"
    );
    assert!(nav.contains(r#"aria-current="page">Deep</a>"#), "{nav}");
    assert!(
        run.stderr.contains(": 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn toc_links_to_missing_pages_are_broken_links_in_build_and_check_alike() {
    let site = TestSite::new();
    site.file("content/en-us/a/TOC.md", "# Guide\n## [Here](here.md)\n## [Gone](gone.md)\n##  [Sub gone](sub/Gone.md#x)\n## [Include](includes/snippet.md)\n## [Bad anchor](here.md#nowhere)\n");
    site.file("content/en-us/a/here.md", "# Here\n");
    site.file("content/en-us/a/includes/snippet.md", "Text.\n");
    site.file(
        "content/en-us/b/toc.yml",
        "- name: Fine\n  href: fine.md\n- name: Missing\n  items:\n    - name: Deeper\n      href:   ../a/missing.md\n",
    );
    site.file("content/en-us/b/fine.md", "# Fine\n");
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let broken: Vec<_> = with_code(&diagnostics, "broken-link")
        .into_iter()
        .cloned()
        .collect();
    assert_eq!(
        places(&broken),
        [
            "content/en-us/a/TOC.md:3:4 broken-link",
            "content/en-us/a/TOC.md:4:5 broken-link",
            "content/en-us/a/TOC.md:5:4 broken-link",
            "content/en-us/b/toc.yml:6:15 broken-link",
        ]
    );
    let anchors: Vec<_> = with_code(&diagnostics, "broken-anchor")
        .into_iter()
        .cloned()
        .collect();
    assert_eq!(
        places(&anchors),
        ["content/en-us/a/TOC.md:6:4 broken-anchor"]
    );
    // `build` reports the same findings, human-readable, and still writes the site.
    let build = site.build(&[]);
    assert_eq!(build.code, 0);
    for place in [
        "content/en-us/a/TOC.md:3:4",
        "content/en-us/a/TOC.md:4:5",
        "content/en-us/a/TOC.md:5:4",
        "content/en-us/a/TOC.md:6:4",
        "content/en-us/b/toc.yml:6:15",
    ] {
        assert!(
            build.stderr.contains(place),
            "{place} not in:\n{}",
            build.stderr
        );
    }
    let nav = site.read("public/en-us/a/here.html");
    assert!(
        nav_of(&nav).contains(r#"<span class="nav-group">Gone</span>"#),
        "a missing page is not linked"
    );
}

#[test]
fn a_toc_link_in_another_letter_case_warns_and_links_the_real_file() {
    let site = TestSite::new();
    site.file("content/en-us/TOC.md", "# [Setup](Troubleshoot/Setup.md)\n");
    site.file("content/en-us/troubleshoot/setup.md", "# Setup\n");
    let (_, diagnostics) = site.check_json(&[]);
    assert_eq!(places(&diagnostics), ["content/en-us/TOC.md:1:3 link-case"]);
    site.build(&[]);
    let html = site.read("public/en-us/troubleshoot/setup.html");
    assert!(
        nav_of(&html)
            .contains(r#"<a href="../troubleshoot/setup.html" aria-current="page">Setup</a>"#),
        "{}",
        nav_of(&html)
    );
}

#[test]
fn a_toc_yml_with_an_unknown_key_or_bad_yaml_is_a_config_finding() {
    let site = TestSite::new();
    site.file("content/en-us/a/toc.yml", "- name: A\n  hre: a.md\n");
    site.file("content/en-us/a/a.md", "# A\n");
    site.file("content/en-us/b/toc.yml", "- name: [B\n");
    site.file("content/en-us/b/b.md", "# B\n");
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let config = with_code(&diagnostics, "config");
    assert_eq!(config.len(), 2, "{diagnostics:?}");
    assert_eq!(config[0]["file"], "content/en-us/a/toc.yml");
    assert_eq!(config[0]["line"], 2);
    assert!(
        config[0]["message"].as_str().unwrap_or("").contains("hre"),
        "{:?}",
        config[0]
    );
    assert_eq!(config[1]["file"], "content/en-us/b/toc.yml");
}

/// A page's size must not grow with the TOC: 1000 pages in one flat TOC (the worst case
/// for "the TOC's top level"), median page under 60 KB.
#[test]
fn the_median_page_stays_small_with_a_1000_entry_toc() {
    let site = TestSite::new();
    let mut toc = String::new();
    for i in 0..1000 {
        let path = format!("topics/page-{i:04}.md");
        toc.push_str(&format!(
            "# [Topic number {i} with a realistic title length](topics/page-{i:04}.md)\n"
        ));
        site.file(
            &format!("content/en-us/docs/{path}"),
            format!("# Topic {i}\n\n## Section one\n\nSome text for the page.\n\n## Section two\n\nMore text.\n"),
        );
    }
    site.file("content/en-us/docs/TOC.md", toc);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut sizes: Vec<u64> = (0..1000)
        .map(|i| {
            std::fs::metadata(
                site.path()
                    .join(format!("public/en-us/docs/topics/page-{i:04}.html")),
            )
            .map(|m| m.len())
            .unwrap_or(u64::MAX)
        })
        .collect();
    sizes.sort();
    let median = sizes[500];
    eprintln!("median page: {median} bytes, largest {}", sizes[999]);
    assert!(median < 60 * 1024, "median page is {median} bytes");
    // Every entry stays reachable: the shared tree has all of them, and the middle page's
    // navigation shows its own entry.
    let tree = site.read("public/_rosetta/toc/en-us/docs/TOC.js");
    assert_eq!(tree.matches("topics/page-").count(), 1000);
    let middle = site.read("public/en-us/docs/topics/page-0500.html");
    assert!(
        nav_of(&middle).contains("aria-current=\"page\">Topic number 500 "),
        "{}",
        nav_of(&middle)
    );
}
