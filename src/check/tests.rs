//! Unit tests of the check stage: a small site is written to a temporary folder, discovered
//! and analysed as `rosetta check` does, and [`run`] reports its cross-page findings (only
//! those: the analyse pass's own are not in the list). Each finding is compared by its
//! code and place, and by what its message and related places tell the writer.

use super::*;
use crate::analyse::{Analysed, analyse_site};
use crate::diagnostic::Code;
use crate::progress::Progress;

/// The site of `files` (site-relative path, text), analysed.
fn analysed(files: &[(&str, &str)]) -> (tempfile::TempDir, Analysed) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, text).expect("a file");
    }
    let mut findings = Vec::new();
    let site = Site::discover(dir.path(), &mut findings).expect("a site");
    let shard = crate::site::shard::Shard::whole(&site);
    let analysed = analyse_site(site, findings, &shard, false, true, &Progress::new(false));
    (dir, analysed)
}

/// The cross-page findings of the site of `files`, in the order the stage makes them.
fn check(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let (_dir, analysed) = analysed(files);
    let input = Input {
        site: &analysed.site,
        locales: &analysed.locales,
        pairing: &analysed.pairing,
        shard: &analysed.shard,
        search: analysed.site.config.search,
    };
    let mut findings = Vec::new();
    run(&input, None, &mut findings);
    findings
}

/// `code file:line:column` of each finding.
fn places(findings: &[Diagnostic]) -> Vec<String> {
    findings
        .iter()
        .map(|d| format!("{} {}:{}:{}", d.code, d.file, d.line, d.column))
        .collect()
}

/// The findings of one code.
fn of(findings: &[Diagnostic], code: Code) -> Vec<&Diagnostic> {
    findings.iter().filter(|d| d.code == code).collect()
}

const ONE_LOCALE: (&str, &str) = ("rosetta.yaml", "locales: [en-us]\n");
const TWO_LOCALES: (&str, &str) = ("rosetta.yaml", "locales: [en-us, es-es]\n");
const WITH_SOURCE: (&str, &str) = (
    "rosetta.yaml",
    "locales: [en-us, es-es]\nsource_locale: en-us\n",
);

// broken-anchor

#[test]
fn a_fragment_that_names_no_id_of_its_target_is_reported_at_the_link() {
    let findings = check(&[
        ONE_LOCALE,
        (
            "content/en-us/a.md",
            "# A\n\nSee [b](b.md#nowhere) and [b](b.md#setup).\n",
        ),
        ("content/en-us/b.md", "# B\n\n## Setup\n"),
    ]);
    assert_eq!(places(&findings), ["broken-anchor content/en-us/a.md:3:5"]);
    assert!(
        findings[0]
            .message
            .contains("`#nowhere` does not exist on `content/en-us/b.md`"),
        "{}",
        findings[0].message
    );
}

#[test]
fn explicit_anchors_ids_and_same_page_fragments_are_ids_too() {
    let findings = check(&[
        ONE_LOCALE,
        (
            "content/en-us/a.md",
            "# A\n\n[1](b.md#old-name) [2](b.md#box) [3](#a) [4](#gone)\n",
        ),
        (
            "content/en-us/b.md",
            "# B\n\n<a name=\"old-name\"></a>\n\n<div id=\"box\">x</div>\n",
        ),
    ]);
    assert_eq!(places(&findings), ["broken-anchor content/en-us/a.md:3:42"]);
}

// DocFX's tab links: `#tab/id` selects a tab, on the page or another.
#[test]
fn tab_links_are_checked_against_the_tab_ids_of_their_target() {
    let tabs = "# Tabs\n\n# [Windows](#tab/windows)\n\nRun it.\n\n# <a name=\"on-linux\"></a>[Linux](#tab/linux)\n\nUse it.\n\n---\n\nSee [Linux](#tab/linux), [Linux steps](#on-linux) and [macOS](#tab/macos).\n";
    let findings = check(&[
        ONE_LOCALE,
        ("content/en-us/tabs.md", tabs),
        (
            "content/en-us/a.md",
            "# A\n\n[1](tabs.md#tab/windows) [2](tabs.md#tab/windows/linux) [3](tabs.md#tab/mac) [4](tabs.md#windows)\n",
        ),
    ]);
    assert_eq!(
        places(&findings),
        [
            "broken-anchor content/en-us/a.md:3:57",
            "broken-anchor content/en-us/a.md:3:78",
            "broken-anchor content/en-us/tabs.md:13:55"
        ]
    );
    assert!(
        findings[0]
            .message
            .contains("tab `mac` (`#tab/mac`) does not exist on `content/en-us/tabs.md`"),
        "{}",
        findings[0].message
    );
    // A tab id is no anchor: `#windows` names nothing.
    assert!(findings[1].message.contains("anchor `#windows`"));
    assert!(findings[2].message.contains("tab `macos`"));
}

#[test]
fn toc_entries_to_a_tab_are_checked_against_tab_ids() {
    let findings = check(&[
        ONE_LOCALE,
        (
            "content/en-us/toc.yml",
            "- name: Linux\n  href: tabs.md#tab/linux\n- name: Mac\n  href: tabs.md#tab/mac\n",
        ),
        (
            "content/en-us/tabs.md",
            "# Tabs\n\n# [Windows](#tab/windows)\n\nA\n\n# [Linux](#tab/linux)\n\nB\n",
        ),
    ]);
    assert_eq!(
        places(&findings),
        ["broken-anchor content/en-us/toc.yml:4:9"]
    );
}

#[test]
fn a_target_includes_count_for_its_ids() {
    let findings = check(&[
        ONE_LOCALE,
        ("content/en-us/a.md", "# A\n\n[b](b.md#from-include)\n"),
        (
            "content/en-us/b.md",
            "# B\n\n[!INCLUDE[i](includes/i.md)]\n",
        ),
        ("content/en-us/includes/i.md", "## From include\n"),
    ]);
    assert_eq!(places(&findings), Vec::<String>::new());
}

#[test]
fn a_broken_fragment_in_an_include_names_the_including_page() {
    let findings = check(&[
        ONE_LOCALE,
        (
            "content/en-us/a.md",
            "# A\n\n[!INCLUDE[i](includes/i.md)]\n",
        ),
        ("content/en-us/b.md", "# B\n"),
        ("content/en-us/includes/i.md", "[b](../b.md#nothing)\n"),
    ]);
    assert_eq!(
        places(&findings),
        ["broken-anchor content/en-us/includes/i.md:1:1"]
    );
    assert!(
        findings[0]
            .related
            .iter()
            .any(|r| &*r.file == "content/en-us/a.md"),
        "{:?}",
        findings[0].related
    );
}

#[test]
fn a_link_into_the_source_locale_is_checked_against_the_source_page() {
    let findings = check(&[
        WITH_SOURCE,
        ("content/en-us/a.md", "# A\n"),
        ("content/en-us/only.md", "# Only\n\n## Here\n"),
        (
            "content/es-es/a.md",
            "# A\n\n[1](only.md#here) [2](only.md#not-here)\n",
        ),
    ]);
    let broken = of(&findings, Code::BrokenAnchor);
    assert_eq!(
        places(&broken.into_iter().cloned().collect::<Vec<_>>()),
        ["broken-anchor content/es-es/a.md:3:19"]
    );
}

// output-collision

#[test]
fn two_sources_of_one_output_collide_without_letter_case() {
    let findings = check(&[
        ONE_LOCALE,
        ("content/en-us/Guide.md", "# Guide\n"),
        ("content/en-us/guide.md", "# guide\n"),
    ]);
    assert_eq!(
        places(&findings),
        ["output-collision content/en-us/guide.md:1:1"]
    );
    assert!(findings[0].message.contains("`en-us/guide.html`"));
    assert_eq!(&*findings[0].related[0].file, "content/en-us/Guide.md");
}

#[test]
fn a_page_and_a_resource_of_one_output_collide() {
    let findings = check(&[
        ONE_LOCALE,
        ("content/en-us/a.md", "# A\n"),
        ("content/en-us/a.html", "<p>a</p>\n"),
    ]);
    assert_eq!(
        places(&findings),
        ["output-collision content/en-us/a.md:1:1"]
    );
}

#[test]
fn a_source_at_the_search_page_collides_only_when_the_site_has_search() {
    let files = [
        ("content/en-us/a.md", "# A\n"),
        ("content/en-us/search.md", "# Search\n"),
    ];
    let with_search = check(&[&[ONE_LOCALE][..], &files].concat());
    assert_eq!(
        places(&with_search),
        ["output-collision content/en-us/search.md:1:1"]
    );
    assert!(
        with_search[0]
            .message
            .contains("the search page is not written")
    );
    let without = check(
        &[
            &[("rosetta.yaml", "locales: [en-us]\nsearch: false\n")][..],
            &files,
        ]
        .concat(),
    );
    assert_eq!(places(&without), Vec::<String>::new());
}

// TOC links

#[test]
fn toc_entries_to_nothing_or_to_an_include_are_broken_links() {
    let findings = check(&[
        ONE_LOCALE,
        (
            "content/en-us/TOC.md",
            "# [A](a.md)\n# [Gone](gone.md)\n# [Include](includes/i.md)\n",
        ),
        ("content/en-us/a.md", "# A\n"),
        ("content/en-us/includes/i.md", "Text.\n"),
    ]);
    assert_eq!(
        places(&findings),
        [
            "broken-link content/en-us/TOC.md:2:3",
            "broken-link content/en-us/TOC.md:3:3"
        ]
    );
    assert!(findings[0].message.contains("does not exist"));
    assert!(findings[1].message.contains("is not a page"));
}

#[test]
fn toc_entry_fragments_are_checked_against_the_page() {
    let findings = check(&[
        ONE_LOCALE,
        (
            "content/en-us/toc.yml",
            "- name: A\n  href: a.md#setup\n- name: A again\n  href: a.md#nothing\n",
        ),
        ("content/en-us/a.md", "# A\n\n## Setup\n"),
    ]);
    assert_eq!(
        places(
            &of(&findings, Code::BrokenAnchor)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        ),
        ["broken-anchor content/en-us/toc.yml:4:9"]
    );
}

#[test]
fn toc_entries_with_another_letter_case_or_backslashes_are_warned() {
    let findings = check(&[
        ONE_LOCALE,
        ("content/en-us/TOC.md", "# [A](A.md)\n# [B](sub\\b.md)\n"),
        ("content/en-us/a.md", "# A\n"),
        ("content/en-us/sub/b.md", "# B\n"),
    ]);
    assert_eq!(
        places(&findings),
        [
            "link-case content/en-us/TOC.md:1:3",
            "link-backslash content/en-us/TOC.md:2:3"
        ]
    );
}

#[test]
fn a_toc_entry_of_a_translation_may_lead_to_the_source_page() {
    let findings = check(&[
        WITH_SOURCE,
        ("content/en-us/a.md", "# A\n\n## Part\n"),
        ("content/en-us/b.md", "# B\n"),
        ("content/es-es/b.md", "# B\n"),
        (
            "content/es-es/TOC.md",
            "# [A](a.md#part)\n# [A](a.md#other)\n# [B](b.md)\n",
        ),
    ]);
    let toc: Vec<String> = places(&findings)
        .into_iter()
        .filter(|p| p.contains("TOC.md"))
        .collect();
    assert_eq!(toc, ["broken-anchor content/es-es/TOC.md:2:3"]);
}

// parity

#[test]
fn a_page_without_translation_is_reported_on_the_reference_page() {
    let findings = check(&[
        TWO_LOCALES,
        ("content/en-us/a.md", "# A\n"),
        ("content/en-us/b.md", "# B\n"),
        ("content/es-es/a.md", "# A\n"),
        ("content/es-es/c.md", "# C\n"),
    ]);
    assert_eq!(
        places(&findings),
        [
            "missing-translation content/en-us/b.md:1:1",
            "missing-translation content/es-es/c.md:1:1"
        ]
    );
    assert!(findings[0].message.ends_with("in es-es"));
    assert!(findings[1].message.ends_with("in en-us"));
}

#[test]
fn pages_at_other_paths_pair_by_asset_id() {
    let findings = check(&[
        TWO_LOCALES,
        ("content/en-us/a.md", "---\nms.assetid: one\n---\n# A\n"),
        (
            "content/es-es/moved/a.md",
            "---\nms.assetid: one\n---\n# A\n",
        ),
    ]);
    assert_eq!(places(&findings), Vec::<String>::new());
}

#[test]
fn a_different_asset_id_is_reported_at_the_translation_key() {
    let findings = check(&[
        TWO_LOCALES,
        (
            "content/en-us/a.md",
            "---\ntitle: A\nms.assetid: one\n---\n# A\n",
        ),
        (
            "content/es-es/a.md",
            "---\ntitle: A\nms.assetid: two\n---\n# A\n",
        ),
    ]);
    assert_eq!(
        places(&findings),
        ["assetid-mismatch content/es-es/a.md:3:1"]
    );
    assert_eq!(&*findings[0].related[0].file, "content/en-us/a.md");
    assert_eq!(findings[0].related[0].line, 3);
}

#[test]
fn a_shared_asset_id_is_reported_on_every_page_and_a_missing_one_when_others_have_one() {
    let findings = check(&[
        ONE_LOCALE,
        ("content/en-us/a.md", "---\nms.assetid: same\n---\n# A\n"),
        ("content/en-us/b.md", "---\nms.assetid: same\n---\n# B\n"),
        ("content/en-us/c.md", "# C\n"),
    ]);
    assert_eq!(
        places(&findings),
        [
            "duplicate-assetid content/en-us/a.md:2:1",
            "duplicate-assetid content/en-us/b.md:2:1",
            "missing-assetid content/en-us/c.md:1:1"
        ]
    );
    assert!(findings[2].message.contains("2 of the 3 pages"));
}

#[test]
fn a_page_without_asset_id_that_pairs_by_path_needs_none() {
    let findings = check(&[
        TWO_LOCALES,
        ("content/en-us/a.md", "---\nms.assetid: a\n---\n# A\n"),
        ("content/es-es/a.md", "---\nms.assetid: a\n---\n# A\n"),
        ("content/en-us/b.md", "# B\n"),
        ("content/es-es/B.md", "# B\n"),
        ("content/es-es/moved.md", "# Moved\n"),
    ]);
    // b.md pairs with es-es's B.md by path (letter case aside); moved.md pairs with
    // nothing: the asset ID would be its only way to pair.
    assert_eq!(
        places(
            &of(&findings, Code::MissingAssetid)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        ),
        ["missing-assetid content/es-es/moved.md:1:1"]
    );
}

#[test]
fn explicit_anchors_that_differ_are_reported_where_the_lists_part() {
    let findings = check(&[
        TWO_LOCALES,
        (
            "content/en-us/a.md",
            "# A\n\n<a name=\"one\"></a>\n\n<a name=\"two\"></a>\n",
        ),
        (
            "content/es-es/a.md",
            "# A\n\n<a name=\"one\"></a>\n\n<a name=\"dos\"></a>\n",
        ),
    ]);
    assert_eq!(
        places(&findings),
        ["anchor-mismatch content/es-es/a.md:5:1"]
    );
    let message = &findings[0].message;
    assert!(
        message.contains("this translation lacks `two`"),
        "{message}"
    );
    assert!(message.contains("the reference lacks `dos`"), "{message}");
}

#[test]
fn against_a_source_locale_the_heading_ids_readers_land_on_are_compared() {
    let findings = check(&[
        WITH_SOURCE,
        ("content/en-us/a.md", "# A\n\n## Install\n\n## Use\n"),
        ("content/es-es/a.md", "# A\n\n## Install\n\n## Usar\n"),
    ]);
    assert_eq!(
        places(&findings),
        ["anchor-mismatch content/es-es/a.md:5:1"]
    );
    assert!(
        findings[0].message.contains("`use`"),
        "{}",
        findings[0].message
    );
    assert_eq!(findings[0].related.len(), 1);
}

#[test]
fn a_translation_that_includes_shows_or_links_other_things_differs_in_structure() {
    let findings = check(&[
        TWO_LOCALES,
        (
            "content/en-us/a.md",
            "# A\n\n[!INCLUDE[i](includes/i.md)]\n\n![p](p.png)\n\n[b](b.md)\n",
        ),
        ("content/en-us/b.md", "# B\n"),
        ("content/en-us/p.png", "png"),
        ("content/en-us/includes/i.md", "I.\n"),
        ("content/es-es/a.md", "# A\n\n[c](c.md)\n"),
        ("content/es-es/b.md", "# B\n"),
        ("content/es-es/c.md", "# C\n"),
    ]);
    let structure = of(&findings, Code::StructureMismatch);
    assert_eq!(structure.len(), 1, "{:?}", places(&findings));
    let message = &structure[0].message;
    assert!(
        message.contains(
            "only the reference includes `includes/i.md` and shows `p.png` and links `b.md`"
        ),
        "{message}"
    );
    assert!(
        message.contains("only this translation links `c.md`"),
        "{message}"
    );
}

#[test]
fn a_link_to_a_moved_page_is_the_same_structure() {
    let findings = check(&[
        TWO_LOCALES,
        (
            "content/en-us/a.md",
            "---\nms.assetid: a\n---\n# A\n\n[b](b.md)\n",
        ),
        ("content/en-us/b.md", "---\nms.assetid: b\n---\n# B\n"),
        (
            "content/es-es/a.md",
            "---\nms.assetid: a\n---\n# A\n\n[b](nuevo/b.md)\n",
        ),
        ("content/es-es/nuevo/b.md", "---\nms.assetid: b\n---\n# B\n"),
    ]);
    assert_eq!(places(&findings), Vec::<String>::new());
}

/// What the checks read of an analysed site (without search pages).
fn input_of(analysed: &Analysed) -> Input<'_> {
    Input {
        site: &analysed.site,
        locales: &analysed.locales,
        pairing: &analysed.pairing,
        shard: &analysed.shard,
        search: false,
    }
}

#[test]
fn the_memo_makes_again_only_what_the_pages_analysed_again_touch() {
    let (_dir, mut analysed) = analysed(&[
        TWO_LOCALES,
        (
            "content/en-us/a.md",
            "---\nms.assetid: one\n---\n# A\n\n## Setup\n",
        ),
        ("content/es-es/a.md", "---\nms.assetid: two\n---\n# A\n"),
        (
            "content/es-es/b.md",
            "---\nms.assetid: b\n---\n# B\n\n[a](a.md#setup)\n",
        ),
    ]);
    let mut memo = Memo::new(&input_of(&analysed), None);
    let all = |memo: &Memo| places(&memo.findings().cloned().collect::<Vec<_>>());
    let mut first = all(&memo);
    first.sort();
    assert_eq!(
        first,
        [
            "assetid-mismatch content/es-es/a.md:2:1",
            "broken-anchor content/es-es/b.md:6:1",
            "missing-translation content/es-es/b.md:1:1",
        ]
    );
    // The translation is fixed, and gains the section b links to.
    let page = &mut analysed.locales[1].pages[0];
    std::sync::Arc::make_mut(&mut page.front_matter).asset_id = Some("one".into());
    page.anchors.push(crate::page::Anchor {
        id: "setup".into(),
        kind: crate::page::AnchorKind::Heading,
        at: crate::diagnostic::Location::new("content/es-es/a.md".into(), 6, 1),
        from_include: false,
    });
    // Told of nothing, the memo keeps what it found.
    let replaced = memo.update(&input_of(&analysed), None, &Changes::default());
    assert!(replaced.old.is_empty() && replaced.new.is_empty());
    assert_eq!(all(&memo).len(), 3);
    // Told that the page changed (and its ids): its article is compared again and b's link
    // into it is checked again; b's missing translation stays.
    let changes = Changes {
        pages: vec![(1, 0)],
        ids: vec![(1, 0)],
        ..Changes::default()
    };
    let replaced = memo.update(&input_of(&analysed), None, &changes);
    let mut old = places(&replaced.old);
    old.sort();
    assert_eq!(
        old,
        [
            "assetid-mismatch content/es-es/a.md:2:1",
            "broken-anchor content/es-es/b.md:6:1",
        ]
    );
    assert!(replaced.new.is_empty(), "{:?}", replaced.new);
    assert_eq!(all(&memo), ["missing-translation content/es-es/b.md:1:1"]);
    // What the memo holds is what a new one finds.
    let fresh = Memo::new(&input_of(&analysed), None);
    assert_eq!(all(&fresh), all(&memo));
}
