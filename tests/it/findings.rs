//! Findings of the build with their exact positions, and that the rest of the site is still
//! built when a page has them.

use crate::harness::{TestSite, places, with_code};
use serde_json::Value;
use std::time::{Duration, Instant};

const FM: &str = "---\ntitle: t\n---\n";

fn two_locales(site: &TestSite, rel: &str, zh: &str, es: &str) {
    site.file(&format!("content/zh-tw/{rel}"), zh);
    site.file(&format!("content/es-es/{rel}"), es);
}

fn messages(diagnostics: &[Value], code: &str) -> Vec<String> {
    with_code(diagnostics, code)
        .iter()
        .map(|d| d["message"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn include_cycle_and_missing_include_are_reported_at_the_directive_and_the_site_still_builds() {
    let site = TestSite::new();
    for (locale, word) in [("zh-tw", "文字"), ("es-es", "texto")] {
        site.file(&format!("content/{locale}/a.md"), format!("{FM}# A\n\n{word}\n\n[!INCLUDE[b](includes/b.md)]\n\nx [!INCLUDE[gone](includes/gone.md)] y\n"));
        site.file(
            &format!("content/{locale}/includes/b.md"),
            format!("{word} b\n\n  [!include[c](c.md)]\n"),
        );
        site.file(
            &format!("content/{locale}/includes/c.md"),
            format!("{word} c\n\n[!INCLUDE[b](b.md)]\n"),
        );
        site.file(
            &format!("content/{locale}/ok.md"),
            format!("{FM}# OK {word}\n"),
        );
    }
    let run = site.build(&[]);
    assert_eq!(
        run.code, 0,
        "build exits 0 without --strict:\n{}",
        run.stderr
    );
    for locale in ["zh-tw", "es-es"] {
        assert!(
            site.read(&format!("public/{locale}/ok.html"))
                .contains("OK"),
            "{locale}: other pages are built"
        );
        let a = site.read(&format!("public/{locale}/a.html"));
        assert!(
            a.contains(" b") && a.contains(" c"),
            "{locale}: the includes before the cycle are expanded"
        );
    }
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        places(&diagnostics),
        [
            "content/es-es/a.md:10:3 include-not-found",
            "content/es-es/includes/c.md:3:1 include-cycle",
            "content/zh-tw/a.md:10:3 include-not-found",
            "content/zh-tw/includes/c.md:3:1 include-cycle",
        ]
    );
    let cycle = with_code(&diagnostics, "include-cycle")[0];
    assert_eq!(
        cycle["message"],
        "include cycle: a.md → includes/b.md → includes/c.md → includes/b.md"
    );
    let related: Vec<String> = cycle["related"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|x| {
                    format!(
                        "{}:{}:{}",
                        x["file"].as_str().unwrap_or(""),
                        x["line"],
                        x["column"]
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        related,
        ["content/es-es/a.md:8:1", "content/es-es/includes/b.md:3:3"],
        "the include chain"
    );
    assert!(run.stdout.contains("does not exist"));
}

#[cfg(unix)]
#[test]
fn an_include_outside_the_locale_is_refused_without_being_opened() {
    // The site sits two folders deep so that ../../../../ from content/zh-tw lands on a FIFO
    // in the temporary root: opening it would block forever.
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fifo = root.path().join("fifo.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(made, "mkfifo failed");
    let site_dir = root.path().join("x/site");
    std::fs::create_dir_all(site_dir.join("content/zh-tw")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        site_dir.join("content/zh-tw/a.md"),
        "# A\n\n[!INCLUDE[f](../../../../fifo.md)]\n\n![x](../../../../fifo.md)\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // A FIFO inside the content is not a page and is never opened either.
    let inner = site_dir.join("content/zh-tw/pipe.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&inner)
            .status()
            .is_ok_and(|s| s.success())
    );
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rosetta"))
        .args(["check", ".", "--format", "json"])
        .current_dir(&site_dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    loop {
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("rosetta hung on an include outside the locale");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let diagnostics = json["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        places(&diagnostics),
        [
            "content/zh-tw/a.md:3:1 include-outside-root",
            "content/zh-tw/a.md:5:2 broken-link"
        ]
    );
    assert_eq!(json["summary"]["pages"]["zh-tw"], 1);
}

#[test]
fn include_nesting_deeper_than_32_stops_with_a_finding() {
    let site = TestSite::new();
    site.file(
        "content/es-es/page.md",
        "# P\n\n[!INCLUDE[x](includes/i0.md)]\n",
    );
    for i in 0..40 {
        site.file(
            &format!("content/es-es/includes/i{i}.md"),
            format!("nivel {i}\n\n[!INCLUDE[x](i{}.md)]\n", i + 1),
        );
    }
    site.file("content/es-es/includes/i40.md", "fondo\n");
    let (_, diagnostics) = site.check_json(&[]);
    assert_eq!(
        places(&diagnostics),
        ["content/es-es/includes/i31.md:3:1 include-limit"]
    );
    assert!(messages(&diagnostics, "include-limit")[0].contains("deeper than 32"));
    let related = diagnostics[0]["related"]
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);
    assert_eq!(related, 32, "the whole chain is listed");
}

#[test]
fn broken_links_and_missing_images_in_a_nested_include_are_reported_once_where_they_are_written() {
    let site = TestSite::new();
    for page in ["one.md", "sub/two.md"] {
        let prefix = if page.contains('/') { "../" } else { "" };
        site.file(
            &format!("content/zh-tw/{page}"),
            format!("{FM}# 頁\n\n[!INCLUDE[o]({prefix}includes/outer.md)]\n"),
        );
    }
    site.file(
        "content/zh-tw/includes/outer.md",
        "外層\n\n[!INCLUDE[i](deep/inner.md)]\n",
    );
    site.file(
        "content/zh-tw/includes/deep/inner.md",
        "內層 [斷](../../nope.md) 與 ![圖](../../media/none.png)\n",
    );
    let (_, diagnostics) = site.check_json(&[]);
    assert_eq!(
        places(&diagnostics),
        [
            "content/zh-tw/includes/deep/inner.md:1:26 missing-resource",
            "content/zh-tw/includes/deep/inner.md:1:4 broken-link"
        ]
    );
    let related: Vec<String> = diagnostics[0]["related"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|x| format!("{}:{}", x["file"].as_str().unwrap_or(""), x["line"]))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        related,
        [
            "content/zh-tw/includes/outer.md:3",
            "content/zh-tw/one.md:6",
            "content/zh-tw/sub/two.md:6"
        ],
        "both including pages and the include in between"
    );
}

#[test]
fn letter_case_and_backslash_links_resolve_with_warnings() {
    let site = TestSite::new();
    let body = "# T\n\n[a](troubleshoot/Page.MD#top) ![i](..\\docs\\Media\\Pic.png)\n";
    two_locales(&site, "docs/index.md", body, body);
    for locale in ["zh-tw", "es-es"] {
        site.file(
            &format!("content/{locale}/docs/Troubleshoot/page.md"),
            "# <a name=\"top\"></a>Top\n",
        );
        site.file(
            &format!("content/{locale}/docs/media/pic.png"),
            [137u8, 80, 78, 71],
        );
    }
    let run = site.build(&[]);
    assert_eq!(run.code, 0);
    let (_, diagnostics) = site.check_json(&[]);
    assert_eq!(
        places(&diagnostics),
        [
            "content/es-es/docs/index.md:3:1 link-case",
            "content/es-es/docs/index.md:3:32 link-backslash",
            "content/es-es/docs/index.md:3:32 link-case",
            "content/zh-tw/docs/index.md:3:1 link-case",
            "content/zh-tw/docs/index.md:3:32 link-backslash",
            "content/zh-tw/docs/index.md:3:32 link-case",
        ]
    );
    assert!(
        messages(&diagnostics, "link-case")[0].contains("docs/Troubleshoot/page.md"),
        "names the real file"
    );
    let html = site.read("public/zh-tw/docs/index.html");
    assert!(
        html.contains("href=\"Troubleshoot/page.html#top\""),
        "{html}"
    );
    assert!(html.contains("src=\"media/pic.png\""), "{html}");
    assert!(
        site.exists("public/zh-tw/docs/media/pic.png")
            && site.exists("public/zh-tw/docs/Troubleshoot/page.html")
    );
}

#[test]
fn a_link_to_an_include_file_or_outside_the_locale_is_broken() {
    let site = TestSite::new();
    site.file(
        "content/es-es/a.md",
        "# A\n\n[inc](includes/x.md) [fuera](../zh-tw/b.md) [roto](falta.md)\n",
    );
    site.file("content/es-es/includes/x.md", "x\n");
    site.file("content/zh-tw/b.md", "# B\n");
    let (_, diagnostics) = site.check_json(&["--locale", "es-es"]);
    // a.md also lacks a zh-tw translation (missing-translation), which is beside the point
    let broken: Vec<Value> = with_code(&diagnostics, "broken-link")
        .into_iter()
        .cloned()
        .collect();
    assert_eq!(
        places(&broken),
        [
            "content/es-es/a.md:3:1 broken-link",
            "content/es-es/a.md:3:22 broken-link",
            "content/es-es/a.md:3:45 broken-link"
        ]
    );
}

#[test]
fn malformed_front_matter_is_reported_at_its_line_and_the_page_still_builds() {
    let site = TestSite::new();
    site.file(
        "content/zh-tw/bad.md",
        "---\ntitle: ok\nlist: [unclosed\n---\n# 標題\n\n內文\n",
    );
    site.file("content/zh-tw/scalar.md", "---\njust a string\n---\n# S\n");
    site.file("content/zh-tw/open.md", "---\ntitle: never closed\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0);
    let html = site.read("public/zh-tw/bad.html");
    assert!(
        html.contains("<title>標題</title>"),
        "the first H1 is the title without metadata"
    );
    assert!(html.contains("內文"));
    assert!(site.exists("public/zh-tw/open.html"));
    let (_, diagnostics) = site.check_json(&[]);
    let found = places(&diagnostics);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].starts_with("content/zh-tw/bad.md:") && found[0].ends_with("front-matter"),
        "{found:?}"
    );
    let line: u64 = diagnostics
        .iter()
        .find(|d| d["file"] == "content/zh-tw/bad.md")
        .map_or(0, |d| d["line"].as_u64().unwrap_or(0));
    assert!(
        (3..=4).contains(&line),
        "the YAML error's line in the file: {line}"
    );
    assert!(found.contains(&"content/zh-tw/open.md:1:1 front-matter".to_owned()));
    assert!(
        found.contains(&"content/zh-tw/scalar.md:1:1 front-matter".to_owned())
            || found
                .iter()
                .any(|f| f.starts_with("content/zh-tw/scalar.md"))
    );
}

#[test]
fn invalid_utf8_is_reported_and_the_page_built_lossily() {
    let site = TestSite::new();
    site.file(
        "content/es-es/bin.md",
        b"# Caf\xE9\n\nok \xFF\xFE text\n".as_slice(),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0);
    assert!(site.read("public/es-es/bin.html").contains("text"));
    let (_, diagnostics) = site.check_json(&[]);
    assert_eq!(
        places(&diagnostics),
        ["content/es-es/bin.md:1:1 invalid-utf8"]
    );
    assert!(messages(&diagnostics, "invalid-utf8")[0].contains("line 1, column 6"));
}

#[test]
fn a_bad_rosetta_yaml_is_a_configuration_error_naming_key_and_line() {
    let site = TestSite::new();
    site.file("rosetta.yaml", "title: x\nsearh: false\n");
    site.file("content/es-es/a.md", "# A\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("rosetta.yaml:2:") && run.stderr.contains("searh"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public"), "nothing is written");
    let run = crate::harness::rosetta(site.path(), &["check", "."]);
    assert_eq!(run.code, 2);
}

#[test]
fn a_bad_docfx_json_is_a_config_finding_and_the_default_globs_apply() {
    let site = TestSite::new();
    site.file(
        "content/es-es/d/docfx.json",
        "{ \"build\": {\n  \"content\": [ { \"files\": [\"**/*.md\" } ]\n} }\n",
    );
    site.file("content/es-es/d/a.md", "# A\n");
    let (_, diagnostics) = site.check_json(&[]);
    let found = places(&diagnostics);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("content/es-es/d/docfx.json:2:") && found[0].ends_with(" config"),
        "{found:?}"
    );
    assert_eq!(site.build(&[]).code, 0);
    assert!(site.exists("public/es-es/d/a.html"));
}

#[test]
fn two_sources_for_one_output_collide() {
    let site = TestSite::new();
    site.file("content/es-es/a.md", "# A\n");
    site.file("content/es-es/a.html", "<p>raw</p>\n");
    site.file("content/es-es/B.md", "# B\n");
    site.file("content/es-es/b.md", "# b\n");
    let (_, diagnostics) = site.check_json(&[]);
    assert_eq!(
        places(&diagnostics),
        [
            "content/es-es/a.md:1:1 output-collision",
            "content/es-es/b.md:1:1 output-collision"
        ]
    );
}

#[test]
fn missing_site_and_unknown_flags_exit_2() {
    let site = TestSite::new();
    assert_eq!(
        crate::harness::rosetta(site.path(), &["build", "nowhere"]).code,
        2
    );
    assert_eq!(
        crate::harness::rosetta(site.path(), &["build", "--frobnicate"]).code,
        2
    );
    let run = crate::harness::rosetta(site.path(), &["check", "."]);
    assert_eq!(run.code, 2, "a folder without content/");
    assert!(run.stderr.contains("content/"));
}

#[test]
fn strict_build_exits_1_on_errors_and_still_writes_the_site() {
    let site = TestSite::new();
    site.file("content/es-es/a.md", "# A\n\n[roto](falta.md)\n");
    let run = site.build(&["--strict"]);
    assert_eq!(run.code, 1);
    assert!(site.exists("public/es-es/a.html"));
    assert!(run.stderr.contains("error[broken-link]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/es-es/a.md:3:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn quiet_prints_findings_only_and_verbose_adds_stage_timings() {
    let site = TestSite::new();
    site.file("content/es-es/a.md", "# A\n\n[roto](falta.md)\n");
    let normal = site.build(&[]);
    assert!(
        normal
            .stderr
            .contains("built 1 pages (es-es 1): 1 errors, 0 warnings")
    );
    assert!(!normal.stderr.contains("stages:"), "{}", normal.stderr);

    let quiet = site.build(&["-q"]);
    assert!(
        quiet.stderr.contains("error[broken-link]"),
        "{}",
        quiet.stderr
    );
    assert!(!quiet.stderr.contains("built "), "{}", quiet.stderr);

    let verbose = site.build(&["-v"]);
    let stages = verbose
        .stderr
        .lines()
        .find(|l| l.starts_with("stages: "))
        .unwrap_or_else(|| panic!("no stage timings:\n{}", verbose.stderr));
    for stage in ["discover", "analyse", "check", "render", "commit"] {
        assert!(stages.contains(&format!("{stage} ")), "{stages}");
    }
    assert!(
        verbose.stderr.contains("built 1 pages"),
        "{}",
        verbose.stderr
    );
    assert_eq!(site.build(&["-q", "-v"]).code, 2, "-q and -v conflict");
}
