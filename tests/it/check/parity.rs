//! Translation parity on small two-locale sites: each code at its position, with the
//! reference file in `related`.

use crate::harness::{TestSite, place, with_code};
use serde_json::Value;

fn page(asset_id: &str, body: &str) -> String {
    format!("---\ntitle: t\nms.assetid: {asset_id}\n---\n{body}")
}

/// A site whose reference locale (es-es, first in order) and zh-tw agree.
fn twins() -> TestSite {
    let site = TestSite::new();
    for locale in ["es-es", "zh-tw"] {
        site.file(
            &format!("content/{locale}/docs/a.md"),
            page(
                "id-a",
                "# <a name=\"top\"></a>A\n\n## <a name=\"one\"></a>One\n\n## <a name=\"two\"></a>Two\n\n![p](media/p.png) [b](b.md)\n",
            ),
        );
        site.file(
            &format!("content/{locale}/docs/b.md"),
            page("id-b", "# B\n"),
        );
        site.file(&format!("content/{locale}/docs/media/p.png"), "png");
    }
    site
}

fn parity(site: &TestSite) -> Vec<Value> {
    let (run, diagnostics) = site.check_json(&[]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    diagnostics
        .into_iter()
        .filter(|d| {
            [
                "assetid-mismatch",
                "anchor-mismatch",
                "missing-translation",
                "duplicate-assetid",
                "missing-assetid",
                "structure-mismatch",
                "moniker-mismatch",
            ]
            .iter()
            .any(|c| d["code"] == *c)
        })
        .collect()
}

#[test]
fn agreeing_translations_have_no_parity_findings() {
    let site = twins();
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 0, "{diagnostics:?}");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn a_different_asset_id_is_reported_on_the_translation_at_its_line() {
    let site = twins();
    site.file("content/zh-tw/docs/b.md", page("id-other", "# B\n"));
    let found = parity(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        place(&found[0]),
        "content/zh-tw/docs/b.md:3:1 assetid-mismatch"
    );
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(found[0]["related"][0]["file"], "content/es-es/docs/b.md");
    assert_eq!(found[0]["related"][0]["line"], 3);
}

#[test]
fn anchor_drift_names_what_each_side_lacks_at_the_first_difference() {
    let site = twins();
    site.file(
        "content/zh-tw/docs/a.md",
        page(
            "id-a",
            "# <a name=\"top\"></a>A\n\n## <a name=\"uno\"></a>One\n\n## Two\n\n![p](media/p.png) [b](b.md)\n",
        ),
    );
    let found = parity(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        place(&found[0]),
        "content/zh-tw/docs/a.md:7:4 anchor-mismatch"
    );
    let message = found[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("this translation lacks `one`, `two`")
            && message.contains("the reference lacks `uno`"),
        "{message}"
    );
    let related = &found[0]["related"][0];
    assert_eq!(related["file"], "content/es-es/docs/a.md");
    assert_eq!(
        (related["line"].as_u64(), related["column"].as_u64()),
        (Some(7), Some(4))
    );
}

#[test]
fn anchors_from_include_files_are_not_compared() {
    let site = twins();
    site.file(
        "content/es-es/docs/includes/i.md",
        "<a name=\"inc-es\"></a>x\n",
    );
    site.file(
        "content/zh-tw/docs/includes/i.md",
        "<a name=\"inc-zh\"></a>x\n",
    );
    for locale in ["es-es", "zh-tw"] {
        site.file(
            &format!("content/{locale}/docs/b.md"),
            page("id-b", "# B\n\n[!INCLUDE[i](includes/i.md)]\n"),
        );
    }
    assert!(parity(&site).is_empty());
}

#[test]
fn a_page_missing_in_a_locale_is_reported_on_the_reference_or_on_the_pages_that_exist() {
    let site = twins();
    site.file("content/es-es/docs/only-es.md", page("id-es", "# E\n"));
    site.file("content/zh-tw/docs/only-zh.md", page("id-zh", "# Z\n"));
    let found = parity(&site);
    let places: Vec<String> = found.iter().map(place).collect();
    assert_eq!(
        places,
        [
            "content/es-es/docs/only-es.md:1:1 missing-translation",
            "content/zh-tw/docs/only-zh.md:1:1 missing-translation",
        ]
    );
    assert!(found[0]["message"].as_str().unwrap_or("").contains("zh-tw"));
    assert!(found[1]["message"].as_str().unwrap_or("").contains("es-es"));
    assert_eq!(found[0]["severity"], "warning");
}

#[test]
fn a_page_moved_in_one_locale_pairs_by_asset_id() {
    let site = twins();
    let text = site.read("content/zh-tw/docs/b.md");
    std::fs::remove_file(site.path().join("content/zh-tw/docs/b.md")).unwrap_or_default();
    site.file("content/zh-tw/docs/b-moved.md", text);
    site.file(
        "content/zh-tw/docs/a.md",
        site.read("content/zh-tw/docs/a.md")
            .replace("(b.md)", "(b-moved.md)"),
    );
    assert!(parity(&site).is_empty(), "{:?}", parity(&site));
}

#[test]
fn duplicate_asset_ids_are_reported_on_every_page_concerned() {
    let site = twins();
    site.file("content/es-es/docs/b.md", page("id-a", "# B\n"));
    let found = parity(&site);
    let places: Vec<String> = found.iter().map(place).collect();
    assert_eq!(
        places,
        [
            "content/es-es/docs/a.md:3:1 duplicate-assetid",
            "content/es-es/docs/b.md:3:1 duplicate-assetid",
            // es-es is the reference: zh-tw's b.md now differs from it
            "content/zh-tw/docs/b.md:3:1 assetid-mismatch",
        ]
    );
    assert_eq!(found[0]["related"][0]["file"], "content/es-es/docs/b.md");
}

#[test]
fn a_page_without_asset_id_is_a_warning_only_when_no_translation_has_its_path() {
    let site = twins();
    // Paired by path with es-es's b.md: the asset ID is not needed to pair it.
    site.file("content/zh-tw/docs/b.md", "---\ntitle: t\n---\n# B\n");
    assert!(parity(&site).is_empty(), "{:#?}", parity(&site));
    // At a path no other locale has, the asset ID would be its only way to pair.
    site.file(
        "content/zh-tw/docs/moved.md",
        "---\ntitle: t\n---\n# Moved\n",
    );
    let found = parity(&site);
    let places: Vec<String> = found.iter().map(place).collect();
    assert_eq!(
        places,
        [
            "content/zh-tw/docs/moved.md:1:1 missing-assetid",
            "content/zh-tw/docs/moved.md:1:1 missing-translation"
        ]
    );
    assert_eq!(found[0]["severity"], "warning");
}

#[test]
fn structure_drift_names_the_includes_images_and_links_that_differ() {
    let site = twins();
    site.file("content/zh-tw/docs/media/q.png", "png");
    site.file(
        "content/zh-tw/docs/a.md",
        page(
            "id-a",
            "# <a name=\"top\"></a>A\n\n## <a name=\"one\"></a>One\n\n## <a name=\"two\"></a>Two\n\n![p](media/q.png)\n",
        ),
    );
    let found = parity(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        place(&found[0]),
        "content/zh-tw/docs/a.md:1:1 structure-mismatch"
    );
    let message = found[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("only the reference shows `docs/media/p.png` and links `docs/b.md`")
            && message.contains("only this translation shows `docs/media/q.png`"),
        "{message}"
    );
    assert_eq!(found[0]["related"][0]["file"], "content/es-es/docs/a.md");
}

#[test]
fn the_reference_locale_comes_from_rosetta_yaml() {
    let site = twins();
    site.file("rosetta.yaml", "reference_locale: zh-tw\n");
    site.file("content/zh-tw/docs/b.md", page("id-other", "# B\n"));
    let found = parity(&site);
    let places: Vec<String> = found.iter().map(place).collect();
    assert_eq!(places, ["content/es-es/docs/b.md:3:1 assetid-mismatch"]);
    assert!(
        with_code(&found, "assetid-mismatch")[0]["related"][0]["file"] == "content/zh-tw/docs/b.md"
    );
}

#[test]
fn a_link_broken_by_a_missing_translation_is_not_also_structure_drift() {
    let site = twins();
    std::fs::remove_file(site.path().join("content/zh-tw/docs/b.md")).unwrap_or_default();
    let (_, diagnostics) = site.check_json(&[]);
    let places: Vec<String> = diagnostics.iter().map(place).collect();
    assert_eq!(
        places,
        [
            "content/es-es/docs/b.md:1:1 missing-translation",
            "content/zh-tw/docs/a.md:11:19 broken-link",
        ]
    );
}

#[test]
fn moniker_blocks_that_differ_from_the_reference_are_a_warning_at_the_first_difference() {
    let site = twins();
    for (locale, second) in [("es-es", ">=vs-2019"), ("zh-tw", ">= vs-2019")] {
        site.file(
            &format!("content/{locale}/docs/c.md"),
            page(
                "id-c",
                &format!("# C\n\n::: moniker range=\"vs-2017\"\nx\n::: moniker-end\n\n::: moniker range=\"{second}\"\ny\n::: moniker-end\n"),
            ),
        );
    }
    assert!(
        parity(&site).is_empty(),
        "the same ranges, written with other spaces"
    );
    site.file(
        "content/zh-tw/docs/c.md",
        page(
            "id-c",
            "# C\n\n::: moniker range=\"vs-2017\"\nx\n::: moniker-end\n\n::: moniker range=\"vs-2019\"\ny\n::: moniker-end\n\n::: moniker range=\"vs-2022\"\nz\n::: moniker-end\n",
        ),
    );
    let found = parity(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        place(&found[0]),
        "content/zh-tw/docs/c.md:11:1 moniker-mismatch"
    );
    assert_eq!(found[0]["severity"], "warning");
    let message = found[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("block 2 is `vs-2019` here and `>=vs-2019` there")
            && message.contains("this translation has 3 blocks, the reference 2"),
        "{message}"
    );
    assert_eq!(found[0]["related"][0]["file"], "content/es-es/docs/c.md");
    assert_eq!(found[0]["related"][0]["line"], 11);
}
