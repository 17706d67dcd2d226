//! Mangled input never makes rosetta panic or run away: each case gives findings, builds the
//! rest, and finishes within 10 s and 1 GiB (peak resident memory of the process itself).

use crate::harness::TestSite;
use serde_json::Value;
use std::io::Read;
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(10);
const MEMORY_LIMIT_KIB: i64 = 1024 * 1024;

struct Measured {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    max_rss_kib: i64,
}

/// Runs rosetta on a site, measuring the child alone (wait4), killing it at the time limit.
#[cfg(unix)]
#[allow(clippy::zombie_processes)] // reaped with wait4, which also gives its resource usage
fn measured(site: &TestSite, args: &[&str]) -> Measured {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rosetta"))
        .args(args)
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let mut out = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut err = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waiting on our own child's pid with valid pointers.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4 failed");
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("rosetta {args:?} ran past {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    let exit = std::process::ExitStatus::from_raw(status);
    Measured {
        code: exit.code().unwrap_or(-1),
        stdout,
        stderr,
        elapsed,
        max_rss_kib: usage.ru_maxrss,
    }
}

/// Builds and checks a mangled site; returns the check's diagnostics.
fn survives(site: &TestSite, case: &str) -> Vec<Value> {
    for args in [
        &["build", ".", "--no-search"][..],
        &["check", ".", "--format", "json"][..],
    ] {
        let m = measured(site, args);
        assert!(
            !m.stderr.contains("panicked"),
            "{case}: {args:?} panicked:\n{}",
            m.stderr
        );
        assert!(
            m.code == 0 || m.code == 1,
            "{case}: {args:?} exit {}:\n{}",
            m.code,
            m.stderr
        );
        assert!(
            m.elapsed < TIME_LIMIT,
            "{case}: {args:?} took {:?}",
            m.elapsed
        );
        assert!(
            m.max_rss_kib < MEMORY_LIMIT_KIB,
            "{case}: {args:?} peak RSS {} KiB",
            m.max_rss_kib
        );
        if args[0] == "check" {
            let json: Value =
                serde_json::from_str(&m.stdout).unwrap_or_else(|e| panic!("{case}: {e}"));
            return json["diagnostics"].as_array().cloned().unwrap_or_default();
        }
    }
    Vec::new()
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut c: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect();
    c.sort();
    c.dedup();
    c
}

/// A deterministic byte stream (xorshift).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

fn with_good_page(site: &TestSite) {
    site.file("content/es-es/good.md", "# Bien\n\nTexto.\n");
}

#[test]
fn truncated_front_matter() {
    let site = TestSite::new();
    with_good_page(&site);
    site.file(
        "content/es-es/a.md",
        "---\ntitle: \"unterminated\nms.assetid: 1",
    );
    site.file("content/es-es/b.md", "---\r\ntitle: x\r\n");
    let d = survives(&site, "truncated front matter");
    assert_eq!(codes(&d), ["front-matter"]);
    assert_eq!(d.len(), 2);
    assert!(site.exists("public/es-es/good.html") && site.exists("public/es-es/a.html"));
}

#[test]
fn random_bytes_and_invalid_utf8() {
    let site = TestSite::new();
    with_good_page(&site);
    site.file(
        "content/es-es/random.md",
        noise(1 << 20, 0x9E37_79B9_7F4A_7C15),
    );
    site.file(
        "content/es-es/latin1.md",
        b"# Caf\xe9\n\n\xe1rbol [x](y.md)\n".as_slice(),
    );
    site.file("content/es-es/includes/bad.md", noise(4096, 7));
    site.file(
        "content/es-es/uses-bad.md",
        "# U\n\n[!INCLUDE[b](includes/bad.md)]\n",
    );
    let d = survives(&site, "random bytes");
    assert!(
        codes(&d).contains(&"invalid-utf8".to_owned()),
        "{:?}",
        codes(&d)
    );
    let invalid: Vec<&str> = d
        .iter()
        .filter(|x| x["code"] == "invalid-utf8")
        .filter_map(|x| x["file"].as_str())
        .collect();
    assert_eq!(
        invalid,
        [
            "content/es-es/includes/bad.md",
            "content/es-es/latin1.md",
            "content/es-es/random.md"
        ]
    );
    assert!(site.exists("public/es-es/random.html") && site.exists("public/es-es/uses-bad.html"));
}

#[test]
fn a_ten_megabyte_single_line() {
    let site = TestSite::new();
    with_good_page(&site);
    let mut line = String::with_capacity(10 << 20);
    let mut i = 0;
    while line.len() < 10 << 20 {
        if i % 200 == 0 {
            line.push_str("[roto](falta.md) ");
        } else {
            line.push_str("palabra **negrita** `código` ");
        }
        i += 1;
    }
    line.push('\n');
    site.file("content/es-es/long.md", line);
    let d = survives(&site, "10 MB line");
    assert_eq!(codes(&d), ["broken-link"]);
    assert!(d.len() > 1000, "{} findings", d.len());
    let last = d
        .iter()
        .filter_map(|x| x["column"].as_u64())
        .max()
        .unwrap_or(0);
    assert!(
        last > 9_000_000,
        "columns are counted on the long line: {last}"
    );
}

#[test]
fn a_thousand_nested_blockquotes_and_lists() {
    let site = TestSite::new();
    with_good_page(&site);
    site.file(
        "content/es-es/quotes.md",
        format!("{} [!NOTE]\n{} deep\n", ">".repeat(1000), ">".repeat(1000)),
    );
    let mut list = String::new();
    for depth in 0..1000 {
        list.push_str(&"  ".repeat(depth));
        list.push_str("- item\n");
    }
    site.file("content/es-es/lists.md", list);
    let d = survives(&site, "deep nesting");
    assert!(d.is_empty(), "{d:?}");
    assert!(site.read("public/es-es/quotes.html").contains("deep"));
    assert!(site.read("public/es-es/lists.html").matches("<li>").count() >= 100);
}

#[test]
fn an_include_fan_out_of_ten_files_each_including_the_next_twice() {
    let site = TestSite::new();
    with_good_page(&site);
    site.file(
        "content/es-es/fan.md",
        "# Fan\n\n[!INCLUDE[f](includes/f0.md)]\n",
    );
    for i in 0..10 {
        site.file(
            &format!("content/es-es/includes/f{i}.md"),
            format!(
                "nivel {i}\n\n[!INCLUDE[n](f{n}.md)]\n\n[!INCLUDE[n](f{n}.md)]\n",
                n = i + 1
            ),
        );
    }
    site.file(
        "content/es-es/includes/f10.md",
        format!("hoja {}\n", "x".repeat(10_000)),
    );
    let d = survives(&site, "include fan-out");
    // 2^10 copies of a 10 kB leaf is 10 MB: under the 16 MiB limit, no finding.
    assert!(d.is_empty(), "{d:?}");
    let html = site.read("public/es-es/fan.html");
    assert_eq!(html.matches("hoja ").count(), 1024);
}

#[test]
fn an_include_fan_out_past_16_mib_stops_with_a_finding() {
    let site = TestSite::new();
    site.file(
        "content/es-es/fan.md",
        "# Fan\n\n[!INCLUDE[f](includes/f0.md)]\n",
    );
    for i in 0..16 {
        site.file(
            &format!("content/es-es/includes/f{i}.md"),
            format!(
                "[!INCLUDE[n](f{n}.md)]\n\n[!INCLUDE[n](f{n}.md)]\n",
                n = i + 1
            ),
        );
    }
    site.file(
        "content/es-es/includes/f16.md",
        format!("hoja {}\n", "x".repeat(1000)),
    );
    let d = survives(&site, "include fan-out past the limit");
    assert_eq!(codes(&d), ["include-limit"]);
    assert!(d[0]["message"].as_str().unwrap_or("").contains("16 MiB"));
}

// The DocFX extensions.

#[test]
fn unclosed_extension_blocks_are_findings_at_their_lines() {
    let site = TestSite::new();
    with_good_page(&site);
    site.file(
        "content/es-es/zone-pivot-groups.yml",
        "### YamlMime:ZonePivotGroups\ngroups:\n- id: g\n  title: G\n  pivots:\n  - id: a\n    title: A\n",
    );
    site.file(
        "content/es-es/a.md",
        "---\nzone_pivot_groups: g\n---\n# A\n\n::: zone pivot=\"a\"\nTexto.\n\n> ::: zone pivot=\"a\"\n> citado\n\n:::row:::\n:::column:::\nTexto.\n\n:::image type=\"complex\" source=\"nada.png\" alt-text=\"x\":::\nsin fin\n\n# [Pestaña](#tab/a)\n\nsin regla\n",
    );
    let d = survives(&site, "unclosed blocks");
    let zone_errors: Vec<(u64, u64)> = d
        .iter()
        .filter(|d| d["code"] == "zone-error")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(zone_errors, [(6, 1), (9, 3), (12, 1), (13, 1)], "{d:#?}");
    let html = site.read("public/es-es/a.html");
    assert_eq!(
        html.matches("<div").count(),
        html.matches("</div>").count(),
        "{html}"
    );
    assert_eq!(
        html.matches("<section").count(),
        html.matches("</section>").count(),
        "{html}"
    );
    assert!(!html.contains(":::"), "{html}");
}

#[test]
fn a_thousand_nested_zones_and_rows() {
    let site = TestSite::new();
    with_good_page(&site);
    let mut zones = String::from("# Zonas\n\n");
    for _ in 0..1000 {
        zones.push_str("::: zone target=\"docs\"\n");
    }
    zones.push_str("dentro\n");
    for _ in 0..1000 {
        zones.push_str("::: zone-end\n");
    }
    site.file("content/es-es/zones.md", &zones);
    let mut rows = String::from("# Filas\n\n");
    for _ in 0..1000 {
        rows.push_str(":::row:::\n");
    }
    rows.push_str("dentro\n");
    for _ in 0..1000 {
        rows.push_str(":::row-end:::\n");
    }
    site.file("content/es-es/rows.md", &rows);
    let d = survives(&site, "nested zones and rows");
    let zone_errors = d.iter().filter(|d| d["code"] == "zone-error").count();
    // 999 nested zones, and one finding where rows pass the depth limit.
    assert_eq!(zone_errors, 999 + 1);
    let html = site.read("public/es-es/rows.html");
    assert_eq!(html.matches("<section class=\"row\">").count(), 32);
    assert!(html.contains("dentro"));
}

#[test]
fn snippets_past_the_end_and_a_hundred_megabyte_snippet_file() {
    let site = TestSite::new();
    with_good_page(&site);
    site.file("content/es-es/code/small.cs", "int a;\nint b;\n");
    let big = site.path().join("content/es-es/code/big.cs");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&big).unwrap_or_else(|e| panic!("create: {e}"));
        let line = "x".repeat(1023) + "\n";
        for _ in 0..100 * 1024 {
            f.write_all(line.as_bytes())
                .unwrap_or_else(|e| panic!("write: {e}"));
        }
    }
    site.file(
        "content/es-es/a.md",
        "# Código\n\n[!code-csharp[a](code/small.cs#L5-L9)]\n\n[!code-csharp[b](code/big.cs#L1-L2)]\n\n[!code-csharp[c](code/big.cs#L200000)]\n",
    );
    let d = survives(&site, "snippets");
    let places: Vec<String> = d
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap_or(""),
                d["line"],
                d["column"]
            )
        })
        .collect();
    assert!(
        places.contains(&"snippet-not-found 3:1".to_owned()),
        "{places:?}"
    );
    assert!(
        places.contains(&"include-limit 5:1".to_owned()),
        "{places:?}"
    );
    assert!(
        places.contains(&"snippet-not-found 7:1".to_owned()),
        "{places:?}"
    );
}

#[test]
fn a_tab_group_with_no_tabs_and_broken_yaml_pages() {
    let site = TestSite::new();
    with_good_page(&site);
    site.file(
        "content/es-es/a.md",
        "# [](#tab/)\n\n# [Vacía](#tab/a b)\n\n---\n\n# [Sola](#tab/a)\n",
    );
    site.file(
        "content/es-es/docfx.json",
        r#"{ "build": { "content": [{ "files": ["**/*.md", "**/*.yml"] }] } }"#,
    );
    site.file(
        "content/es-es/index.yml",
        "### YamlMime:Landing\ntitle: [sin cerrar\n",
    );
    site.file(
        "content/es-es/hub.yml",
        "### YamlMime:Hub\nsummary: sin título\n",
    );
    let d = survives(&site, "tabs and yaml pages");
    let yaml: Vec<(String, u64)> = d
        .iter()
        .filter(|d| d["code"] == "yaml-page")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(yaml.len(), 2, "{d:#?}");
    assert!(
        yaml.iter()
            .any(|(f, l)| f.ends_with("index.yml") && *l >= 2),
        "{yaml:?}"
    );
    let html = site.read("public/es-es/a.html");
    assert_eq!(html.matches("role=\"tabpanel\"").count(), 1, "{html}");
}

/// How long `rosetta check` may take on a page of 20,000 repeated constructs: a linear pass
/// takes a few tenths of a second even in a debug build, the quadratic one this guards
/// against took 19 s in a release build.
const LINEAR_LIMIT: Duration = Duration::from_secs(5);

/// Checks a site, asserting it finishes within `LINEAR_LIMIT`; returns its diagnostics.
fn checked_linearly(site: &TestSite, case: &str) -> Vec<Value> {
    let m = measured(site, &["check", ".", "--format", "json"]);
    assert!(
        m.code == 0 || m.code == 1,
        "{case}: exit {}:\n{}",
        m.code,
        m.stderr
    );
    assert!(
        m.elapsed < LINEAR_LIMIT,
        "{case}: check took {:?} (20,000 repetitions should cost linear time)",
        m.elapsed
    );
    let json: Value = serde_json::from_str(&m.stdout).unwrap_or_else(|e| panic!("{case}: {e}"));
    json["diagnostics"].as_array().cloned().unwrap_or_default()
}

const REPEATS: usize = 20_000;

#[test]
fn twenty_thousand_headings_of_one_text_cost_linear_time() {
    let site = TestSite::new();
    let mut page = String::from("# Título\n\n");
    for _ in 0..REPEATS {
        page.push_str("## Igual\n\nTexto.\n\n");
    }
    // The last heading's id is the last number: every id is unique.
    page.push_str(&format!("[Última](#igual-{})\n", REPEATS - 1));
    site.file("content/es-es/igual.md", &page);
    let d = checked_linearly(&site, "20,000 equal headings");
    assert_eq!(codes(&d), Vec::<String>::new(), "{d:?}");
    let m = measured(&site, &["build", ".", "--no-search"]);
    assert_eq!(m.code, 0, "{}", m.stderr);
    let html = site.read("public/es-es/igual.html");
    assert!(html.contains("id=\"igual\""));
    assert!(html.contains(&format!("id=\"igual-{}\"", REPEATS - 1)));
}

#[test]
fn twenty_thousand_zones_with_a_heading_each_cost_linear_time() {
    let site = TestSite::new();
    let mut page = String::from("# Zonas\n\n");
    for i in 0..REPEATS {
        page.push_str(&format!(
            "::: zone target=\"docs\"\n\n## Zona {i}\n\nTexto.\n\n::: zone-end\n\n"
        ));
    }
    page.push_str(&format!("[Última](#zona-{})\n", REPEATS - 1));
    site.file("content/es-es/zonas.md", &page);
    let d = checked_linearly(&site, "20,000 zones");
    assert_eq!(codes(&d), Vec::<String>::new(), "{d:?}");
}

#[test]
fn twenty_thousand_links_to_one_anchor_cost_linear_time() {
    let site = TestSite::new();
    // The anchor is the last of 20,000 ids on its page.
    let mut target = String::from("# Destino\n\n");
    for i in 0..REPEATS {
        target.push_str(&format!("## Sección {i}\n\n"));
    }
    site.file("content/es-es/destino.md", &target);
    let anchor = format!("sección-{}", REPEATS - 1);
    let mut page = String::from("# Enlaces\n\n");
    for _ in 0..REPEATS / 2 {
        page.push_str(&format!("[a](destino.md#{anchor}) "));
    }
    page.push_str("\n\n[x](destino.md#no-existe)\n");
    site.file("content/es-es/enlaces.md", &page);
    let mut same_page = target.clone();
    for _ in 0..REPEATS / 2 {
        same_page.push_str(&format!("[a](#{anchor}) "));
    }
    site.file("content/es-es/misma.md", &same_page);
    let d = checked_linearly(&site, "20,000 links to one anchor");
    // Only the one link to an id that does not exist is reported.
    assert_eq!(codes(&d), ["broken-anchor"], "{d:?}");
    assert_eq!(d.len(), 1);
}

#[test]
fn moniker_blocks_unclosed_nested_unparsable_and_empty_are_findings_at_their_lines() {
    let site = TestSite::new();
    with_good_page(&site);
    site.file(
        "rosetta.yaml",
        "monikers:\n  vs: [vs-2017, vs-2019, vs-2022]\n",
    );
    site.file(
        "content/es-es/a.md",
        "---\nmonikerRange: \">= vs-2019\"\n---\n# A\n\n> ::: moniker range=\"vs-2022\"\n> citado\n\n::: moniker range=\">\"\n::: moniker range=\"vs-2019\"\nanidado\n::: moniker-end\n::: moniker-end\n\n::: moniker range=\"\"\nrango vacío\n::: moniker-end\n\n::: moniker-end\n\n::: moniker range=\"vs-2017\"\nninguna versión de la página\n::: moniker-end\n\n- ::: moniker range=\"vs-2022\n  sin comillas\n\n::: moniker range=\"vs-2019\"\nabierto\n",
    );
    let d = survives(&site, "moniker blocks");
    let mut places: Vec<(u64, u64)> = d
        .iter()
        .filter(|d| d["code"] == "moniker-error")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    places.sort();
    // Unclosed in its quote (6), unparsable (9), nested (10), an empty range (15), an end
    // without a block (19), no version in common with the page (21), a missing quote and its
    // block unclosed in the list item (25), unclosed at the end (28).
    assert_eq!(
        places,
        [
            (6, 3),
            (9, 21),
            (10, 1),
            (15, 20),
            (19, 1),
            (21, 20),
            (25, 3),
            (25, 21),
            (28, 1)
        ],
        "{d:#?}"
    );
    let html = std::fs::read_to_string(site.path().join("public/es-es/a.html")).unwrap_or_default();
    assert!(!html.contains(":::"), "{html}");
    assert!(html.contains("sin comillas") && html.contains("abierto") && html.contains("citado"));
    assert_eq!(codes(&d), ["moniker-error"]);
}

#[test]
fn a_thousand_moniker_blocks_a_thousand_nested_and_a_ten_thousand_character_range() {
    let site = TestSite::new();
    with_good_page(&site);
    let mut many = String::from("# Muchos\n\n");
    for i in 0..1000 {
        let range = ["vs-2017", ">= vs-2019", "vs-2022 || vs-2017"][i % 3];
        many.push_str(&format!(
            "::: moniker range=\"{range}\"\nbloque {i}\n::: moniker-end\n\n"
        ));
    }
    site.file("content/es-es/many.md", &many);
    let mut nested = String::from("# Anidados\n\n");
    for _ in 0..1000 {
        nested.push_str("::: moniker range=\"vs-2019\"\n");
    }
    nested.push_str("dentro\n");
    for _ in 0..1000 {
        nested.push_str("::: moniker-end\n");
    }
    site.file("content/es-es/nested.md", &nested);
    let long = "vs-2017 || ".repeat(909) + "vs-2019";
    let broken = format!("{long} ) vs-2022");
    site.file(
        "content/es-es/long.md",
        format!(
            "# Largo\n\n::: moniker range=\"{long}\"\nlargo\n::: moniker-end\n\n::: moniker range=\"{broken}\"\nroto\n::: moniker-end\n\n::: moniker range=\"{}\"\nsin definir\n::: moniker-end\n",
            "x".repeat(10_000)
        ),
    );
    let d = survives(&site, "many moniker blocks");
    let on = |file: &str| -> Vec<&Value> {
        d.iter()
            .filter(|d| d["code"] == "moniker-error" && d["file"] == file)
            .collect()
    };
    assert!(on("content/es-es/many.md").is_empty());
    assert_eq!(
        on("content/es-es/nested.md").len(),
        999,
        "each nested block"
    );
    let long_findings = on("content/es-es/long.md");
    assert_eq!(long_findings.len(), 1, "{long_findings:#?}");
    assert_eq!(long_findings[0]["line"], 7);
    assert_eq!(long_findings[0]["column"], 20 + 10_007);
    assert!(long_findings[0]["message"].as_str().unwrap_or("").len() < 400);
    let html =
        std::fs::read_to_string(site.path().join("public/es-es/many.html")).unwrap_or_default();
    assert_eq!(html.matches("class=\"moniker\"").count(), 1000);
    assert!(!html.contains(":::"));
    let html =
        std::fs::read_to_string(site.path().join("public/es-es/long.html")).unwrap_or_default();
    assert!(
        html.contains("sin definir") && html.contains("roto"),
        "nothing is lost"
    );
}
