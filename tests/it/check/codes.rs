//! Every diagnostic code on a small site of its own, at its exact position.

use crate::harness::{TestSite, place, with_code};
use serde_json::Value;

/// The places of the findings with `code`, sorted.
fn found(site: &TestSite, code: &str) -> (Vec<String>, Vec<Value>) {
    let (run, diagnostics) = site.check_json(&[]);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    let of: Vec<Value> = with_code(&diagnostics, code).into_iter().cloned().collect();
    let mut places: Vec<String> = of.iter().map(place).collect();
    places.sort();
    (places, of)
}

fn one_locale() -> TestSite {
    let site = TestSite::new();
    site.file("content/en/b.md", "# B\n\n## <a name=\"there\"></a>There\n");
    site
}

#[test]
fn front_matter_that_does_not_parse_is_reported_at_its_line() {
    let site = one_locale();
    site.file(
        "content/en/a.md",
        "---\ntitle: ok\nkey: value: other\n---\n# A\n",
    );
    site.file("content/en/c.md", "---\n- a list\n---\n# C\n");
    let (places, d) = found(&site, "front-matter");
    assert_eq!(
        places,
        [
            "content/en/a.md:3:11 front-matter",
            "content/en/c.md:2:1 front-matter",
        ]
    );
    assert_eq!(d[0]["severity"], "error");
    assert!(d[1]["message"].as_str().unwrap_or("").contains("mapping"));
}

#[test]
fn a_missing_include_is_reported_at_the_directive() {
    let site = one_locale();
    site.file(
        "content/en/a.md",
        "# A\n\nText.\n\n  [!INCLUDE[x](includes/nope.md)]\n",
    );
    let (places, _) = found(&site, "include-not-found");
    assert_eq!(places, ["content/en/a.md:5:3 include-not-found"]);
}

#[test]
fn an_include_cycle_is_reported_where_it_closes_with_the_chain() {
    let site = one_locale();
    site.file("content/en/a.md", "# A\n\n[!INCLUDE[x](includes/x.md)]\n");
    site.file("content/en/includes/x.md", "X\n\n[!INCLUDE[y](y.md)]\n");
    site.file(
        "content/en/includes/y.md",
        "Y\n\nand [!INCLUDE[x](x.md)] inline\n",
    );
    let (places, d) = found(&site, "include-cycle");
    assert_eq!(places, ["content/en/includes/y.md:3:5 include-cycle"]);
    let message = d[0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("a.md → includes/x.md → includes/y.md → includes/x.md"),
        "{message}"
    );
}

#[test]
fn an_include_outside_the_locale_is_refused_at_the_directive() {
    let site = one_locale();
    site.file("content/secret.md", "secret\n");
    site.file("content/en/a.md", "# A\n\n[!INCLUDE[x](../secret.md)]\n");
    let (places, _) = found(&site, "include-outside-root");
    assert_eq!(places, ["content/en/a.md:3:1 include-outside-root"]);
}

#[test]
fn includes_nested_deeper_than_32_stop_at_the_limit() {
    let site = one_locale();
    site.file("content/en/a.md", "# A\n\n[!INCLUDE[x](includes/i0.md)]\n");
    for i in 0..40 {
        site.file(
            &format!("content/en/includes/i{i}.md"),
            format!("Level {i}\n\n[!INCLUDE[x](i{}.md)]\n", i + 1),
        );
    }
    let (places, _) = found(&site, "include-limit");
    // the page's directive opens i0; the 32nd file (i31) cannot open a 33rd
    assert_eq!(places, ["content/en/includes/i31.md:3:1 include-limit"]);
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_still_checked() {
    let site = one_locale();
    site.file(
        "content/en/a.md",
        b"# A\n\nbad \xFF byte [x](nope.md)\n".as_slice(),
    );
    let (places, _) = found(&site, "invalid-utf8");
    assert_eq!(places, ["content/en/a.md:1:1 invalid-utf8"]);
    let (places, _) = found(&site, "broken-link");
    assert_eq!(places, ["content/en/a.md:3:12 broken-link"]);
}

#[test]
fn broken_links_point_at_the_bracket_or_the_tag() {
    let site = one_locale();
    site.file(
        "content/en/a.md",
        "# A\n\nSee [b](b.md) and [gone](gone.md).\n\n- item <a href=\"../en/nope.md\">x</a>\n\n`[code](nope.md)` <!-- [c](nope.md) -->\n\n[up](../../x.md) [inc](includes/i.md)\n",
    );
    site.file("content/en/includes/i.md", "text\n");
    let (places, _) = found(&site, "broken-link");
    assert_eq!(
        places,
        [
            "content/en/a.md:3:19 broken-link",
            "content/en/a.md:5:8 broken-link",
            "content/en/a.md:9:1 broken-link",
            "content/en/a.md:9:18 broken-link",
        ]
    );
}

#[test]
fn a_broken_link_in_a_nested_include_is_reported_once_at_the_include() {
    let site = one_locale();
    site.file(
        "content/en/a.md",
        "# A\n\n[!INCLUDE[o](includes/outer.md)]\n",
    );
    site.file(
        "content/en/c.md",
        "# C\n\nIntro\n\n[!INCLUDE[o](includes/outer.md)]\n",
    );
    site.file(
        "content/en/includes/outer.md",
        "Outer\n\n[!INCLUDE[i](inner.md)]\n",
    );
    site.file(
        "content/en/includes/inner.md",
        "Inner\n\nSee [x](../nope.md) and ![p](../media/none.png).\n",
    );
    let (places, d) = found(&site, "broken-link");
    assert_eq!(places, ["content/en/includes/inner.md:3:5 broken-link"]);
    let related: Vec<String> = d[0]["related"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| {
            format!(
                "{}:{}:{}",
                r["file"].as_str().unwrap_or(""),
                r["line"],
                r["column"]
            )
        })
        .collect();
    assert_eq!(
        related,
        [
            "content/en/a.md:3:1",
            "content/en/c.md:5:1",
            "content/en/includes/outer.md:3:1",
        ]
    );
    let (places, _) = found(&site, "missing-resource");
    assert_eq!(
        places,
        ["content/en/includes/inner.md:3:26 missing-resource"]
    );
}

#[test]
fn a_fragment_must_name_an_anchor_of_the_target_after_includes() {
    let site = one_locale();
    site.file(
        "content/en/includes/i.md",
        "## <a name=\"from-include\"></a>Inc\n",
    );
    site.file("content/en/c.md", "# C\n\n[!INCLUDE[i](includes/i.md)]\n");
    site.file(
        "content/en/a.md",
        "# A\n\n[ok](b.md#there) [inc](c.md#from-include) [self](#a)\n[bad](b.md#nowhere) and [self](#nope)\n",
    );
    let (places, d) = found(&site, "broken-anchor");
    assert_eq!(
        places,
        [
            "content/en/a.md:4:1 broken-anchor",
            "content/en/a.md:4:25 broken-anchor",
        ]
    );
    assert!(
        d.iter()
            .any(|d| d["message"].as_str().unwrap_or("").contains("#nowhere"))
    );
}

#[test]
fn missing_images_point_at_the_bracket_or_the_img_tag() {
    let site = one_locale();
    site.file("content/en/media/here.png", "png");
    site.file(
        "content/en/a.md",
        "# A\n\n![ok](media/here.png) ![no](media/no.png)\n\n<p><img src=\"media/none.png\"></p>\n",
    );
    let (places, _) = found(&site, "missing-resource");
    assert_eq!(
        places,
        [
            "content/en/a.md:3:24 missing-resource",
            "content/en/a.md:5:4 missing-resource",
        ]
    );
}

#[test]
fn a_docfx_json_that_does_not_parse_is_a_config_finding() {
    let site = one_locale();
    site.file(
        "content/en/docs/docfx.json",
        "{\n  \"build\": {\n    \"content\": [,]\n}\n",
    );
    site.file("content/en/docs/a.md", "# A\n");
    let (places, _) = found(&site, "config");
    assert_eq!(places, ["content/en/docs/docfx.json:3:17 config"]);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_cannot_be_read_is_an_io_finding() {
    use std::os::unix::ffi::OsStrExt;
    let site = one_locale();
    let name = std::ffi::OsStr::from_bytes(b"bad\xFFname.md");
    std::fs::write(site.path().join("content/en").join(name), "# x\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (places, _) = found(&site, "io");
    assert_eq!(places, ["content/en/bad\u{FFFD}name.md:1:1 io"]);
}

#[test]
fn two_sources_for_one_output_collide() {
    let site = one_locale();
    site.file("content/en/Guide.md", "# G\n");
    site.file("content/en/guide.md", "# g\n");
    let (places, d) = found(&site, "output-collision");
    assert_eq!(places, ["content/en/guide.md:1:1 output-collision"]);
    assert_eq!(d[0]["related"][0]["file"], "content/en/Guide.md");
}

#[test]
fn a_target_found_only_under_another_case_is_a_link_case_warning() {
    let site = one_locale();
    site.file("content/en/Media/Pic.png", "png");
    site.file("content/en/a.md", "# A\n\n[b](B.md) ![p](media/pic.PNG)\n");
    let (places, d) = found(&site, "link-case");
    assert_eq!(
        places,
        [
            "content/en/a.md:3:1 link-case",
            "content/en/a.md:3:12 link-case"
        ]
    );
    assert_eq!(d[0]["severity"], "warning");
    let (broken, _) = found(&site, "broken-link");
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn backslash_separators_are_read_as_slashes_with_a_warning() {
    let site = one_locale();
    site.file("content/en/media/p.png", "png");
    site.file("content/en/docs/a.md", "# A\n\n![p](..\\media\\p.png)\n");
    let (places, _) = found(&site, "link-backslash");
    assert_eq!(places, ["content/en/docs/a.md:3:2 link-backslash"]);
    let (missing, _) = found(&site, "missing-resource");
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn two_anchors_with_one_name_on_a_page_are_reported_at_the_second() {
    let site = one_locale();
    site.file(
        "content/en/a.md",
        "# A\n\n## <a name=\"x\"></a>One\n\n## <a name=\"x\"></a>Two\n",
    );
    let (places, _) = found(&site, "duplicate-anchor");
    assert_eq!(places, ["content/en/a.md:5:4 duplicate-anchor"]);
}

#[test]
fn moniker_errors_are_reported_where_they_are_written() {
    let site = TestSite::new();
    site.file(
        "rosetta.yaml",
        "monikers:\n  visual-studio: [vs-2017, vs-2019, vs-2022]\n",
    );
    site.file(
        "content/en/docs/a.md",
        "---\nmonikerRange: '>= vs-2019'\n---\n# A\n\n::: moniker range=\"vs-2017\"\nNo version of the page.\n::: moniker-end\n\n- Item\n\n  ::: moniker range=\">= vs-2019 ||\"\n  Does not parse.\n  ::: moniker-end\n\n::: moniker range=\"vs-2030\"\nUndefined.\n::: moniker-end\n::: moniker-end\n\n::: moniker range=\"vs-2022\"\nNot closed.\n",
    );
    site.file(
        "content/en/docs/b.md",
        "---\nmonikerRange: 'vs-2019 ||| vs-2022'\n---\n# B\n",
    );
    site.file(
        "content/en/docs/docfx.json",
        "{\"build\": {\"content\": [{\"files\": [\"**/*.md\"]}],\n  \"fileMetadata\": {\"monikerRange\": {\n  \"old/*.md\": \"vs-2016\"}}}}",
    );
    site.file("content/en/docs/old/c.md", "# C\n");
    let (places, found) = found(&site, "moniker-error");
    assert_eq!(
        places,
        [
            "content/en/docs/a.md:12:35 moniker-error",
            "content/en/docs/a.md:16:20 moniker-error",
            "content/en/docs/a.md:19:1 moniker-error",
            "content/en/docs/a.md:21:1 moniker-error",
            "content/en/docs/a.md:6:20 moniker-error",
            "content/en/docs/b.md:2:15 moniker-error",
            "content/en/docs/docfx.json:3:1 moniker-error",
        ]
    );
    let message = |file: &str, line: u64| -> String {
        found
            .iter()
            .find(|d| d["file"] == file && d["line"] == line)
            .and_then(|d| d["message"].as_str())
            .unwrap_or("")
            .to_owned()
    };
    assert!(
        message("content/en/docs/a.md", 6).starts_with(
            "No intersection between zone and file level monikers. The result of zone level range string 'vs-2017' is 'vs-2017', while file level monikers is 'vs-2019', 'vs-2022'."
        ),
        "DocFX's message"
    );
    assert!(
        message("content/en/docs/a.md", 12)
            .starts_with("Invalid moniker range: Expect a comparator set, but got ''.")
    );
    assert_eq!(
        message("content/en/docs/a.md", 16),
        "Invalid moniker range: 'vs-2030'. Moniker 'vs-2030' is not defined."
    );
    assert!(
        message("content/en/docs/a.md", 21)
            .starts_with("No \"::: moniker-end\" found for \"vs-2022\"")
    );
    assert!(message("content/en/docs/docfx.json", 3).contains("'vs-2016'"));
    assert!(found.iter().all(|d| d["severity"] == "error"));
}

// The Visual Studio documentation's docfx.json: `exclude_monikers` of the vs-2015 group's
// own version leaves its pages none; one finding at the rule, naming the pages.
#[test]
fn exclude_monikers_removes_versions_and_a_rule_that_leaves_none_is_one_finding() {
    let site = TestSite::new();
    site.file(
        "content/en/docs/docfx.json",
        r#"{"build": {
  "content": [
    {"files": ["**/*.md"], "src": "./vs-2015", "group": "old"},
    {"files": ["**/*.md"], "exclude": ["vs-2015/**"], "src": "./", "group": "new"}],
  "fileMetadata": {
    "exclude_monikers": {
      "vs-2015/**/*.md": ["vs-2015"],
      "a.md": "vs-2019"}},
  "groups": {"old": {"moniker_range": "vs-2015"}, "new": {"moniker_range": ">= vs-2017"}}}}"#,
    );
    site.file(
        "content/en/docs/a.md",
        "# A\n\n::: moniker range=\"vs-2019\"\nx\n::: moniker-end\n\n::: moniker range=\"vs-2017\"\ny\n::: moniker-end\n",
    );
    site.file("content/en/docs/vs-2015/a.md", "# A\n");
    site.file("content/en/docs/vs-2015/b.md", "# B\n");
    let (places, found) = found(&site, "moniker-error");
    assert_eq!(
        places,
        [
            "content/en/docs/a.md:3:20 moniker-error",
            "content/en/docs/docfx.json:7:1 moniker-error"
        ],
        "{found:#?}"
    );
    let rule = found
        .iter()
        .find(|d| d["file"] == "content/en/docs/docfx.json")
        .unwrap_or_else(|| panic!("the rule's finding"));
    let pages: Vec<&str> = rule["related"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["file"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        pages,
        [
            "content/en/docs/vs-2015/a.md",
            "content/en/docs/vs-2015/b.md"
        ]
    );
}
