//! `rosetta check` as CI runs it: formats, exit codes, filters, configuration, and that it
//! writes nothing.

use crate::harness::{self, TestSite, rosetta, walk};
use serde_json::Value;
use std::collections::BTreeSet;

/// A two-locale site with one error (a broken link) and one warning (a letter-case link)
/// in each locale, and a file name that needs escaping.
fn flawed() -> TestSite {
    let site = TestSite::new();
    for locale in ["es-es", "zh-tw"] {
        site.file(&format!("content/{locale}/b.md"), "# B\n");
        site.file(
            &format!("content/{locale}/we,ird:name.md"),
            "# W\n\nSee [x](100%.md) and [b](B.md).\n",
        );
    }
    site
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn json_has_exactly_the_documented_shape() {
    let site = flawed();
    site.file("content/es-es/includes/i.md", "[x](../nope.md)\n");
    site.file(
        "content/es-es/c.md",
        "# C\n\n[!INCLUDE[i](includes/i.md)]\n",
    );
    let (run, diagnostics) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let doc = run.json();
    assert_eq!(
        keys(&doc),
        BTreeSet::from(["version", "diagnostics", "summary"])
    );
    assert_eq!(doc["version"], 1);
    for d in &diagnostics {
        assert_eq!(
            keys(d),
            BTreeSet::from([
                "code", "severity", "locale", "file", "line", "column", "message", "related"
            ]),
            "{d}"
        );
        for r in d["related"].as_array().cloned().unwrap_or_default() {
            assert_eq!(
                keys(&r),
                BTreeSet::from(["file", "line", "column", "message"])
            );
        }
    }
    let included = diagnostics
        .iter()
        .find(|d| d["file"] == "content/es-es/includes/i.md")
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert_eq!(included["related"][0]["file"], "content/es-es/c.md");
    assert_eq!(
        keys(&doc["summary"]),
        BTreeSet::from(["errors", "warnings", "pages"])
    );
    assert_eq!(doc["summary"]["errors"], 3);
    // the two link-case warnings, and c.md exists in es-es only
    assert_eq!(doc["summary"]["warnings"], 3);
    assert_eq!(doc["summary"]["pages"]["zh-tw"], 2);
    // sorted by file, line, column, code, message
    let order: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // and byte-identical from run to run
    let again = harness::rosetta(site.path(), &["check", ".", "--format", "json"]);
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let site = flawed();
    let parent = site.path().parent().unwrap_or(site.path());
    let name = site
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    // Run from the folder above: paths must be relative to the current directory.
    let run = rosetta(parent, &["check", &name, "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: Value = run.json();
    let schema_text = std::fs::read_to_string(
        harness::project_root().join("tests/schemas/sarif-schema-2.1.0.json"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The official schema's `language` pattern has a stray `]` that a strict `regex` format
    // check refuses when the schema is compiled; rosetta writes no `language`, so the
    // pattern is replaced by what it means in memory (the vendored file stays as published).
    let broken_pattern = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    assert!(schema_text.contains(broken_pattern));
    let schema_text = schema_text.replace(broken_pattern, "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    let schema: Value = serde_json::from_str(&schema_text).unwrap_or_else(|e| panic!("{e}"));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // a document that breaks the schema is caught (the validator is not a no-op)
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    // and so is an artifact URI that is not a URI reference (formats are checked)
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        Value::from("a b%.md");
    assert!(!validator.is_valid(&broken));

    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rules.len(), 35, "one rule per code");
    assert!(
        rules
            .iter()
            .all(|r| r["shortDescription"]["text"].is_string() && r["help"]["text"].is_string())
    );
    let results = run0["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 4);
    let first = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        first["artifactLocation"]["uri"],
        format!("{name}/content/es-es/we%2Cird%3Aname.md")
    );
    assert_eq!(first["region"]["startLine"], 3);
    assert_eq!(first["region"]["startColumn"], 5);
    assert_eq!(results[0]["ruleId"], "broken-link");
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[1]["level"], "warning");
}

#[test]
fn github_annotations_are_well_formed_and_escaped() {
    let site = flawed();
    let parent = site.path().parent().unwrap_or(site.path());
    let name = site
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let run = rosetta(parent, &["check", &name, "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert_eq!(
        lines[0],
        format!(
            "::error file={name}/content/es-es/we%2Cird%3Aname.md,line=3,col=5,title=broken-link::link target `100%25.md` does not exist (content/es-es/100%25.md)"
        )
    );
    assert!(lines[1].starts_with(&format!(
        "::warning file={name}/content/es-es/we%2Cird%3Aname.md,line=3,col=22,title=link-case::"
    )));
    let command = regex_lite(&lines);
    assert!(command, "{lines:#?}");
}

/// Every line is `::error|warning file=…,line=N,col=N,title=…::message` with no raw `,`
/// or `:` inside a property and no raw newline anywhere.
fn regex_lite(lines: &[&str]) -> bool {
    lines.iter().all(|l| {
        let Some(rest) = l
            .strip_prefix("::error ")
            .or_else(|| l.strip_prefix("::warning "))
        else {
            return false;
        };
        let Some((props, _message)) = rest.split_once("::") else {
            return false;
        };
        let parts: Vec<&str> = props.split(',').collect();
        parts.len() == 4
            && parts[0].starts_with("file=")
            && parts[1]
                .strip_prefix("line=")
                .is_some_and(|n| n.parse::<u32>().is_ok())
            && parts[2]
                .strip_prefix("col=")
                .is_some_and(|n| n.parse::<u32>().is_ok())
            && parts[3].starts_with("title=")
            && !props.contains(':')
    })
}

#[test]
fn the_human_format_shows_the_line_a_caret_and_help_on_stderr() {
    let site = flawed();
    let run = rosetta(site.path(), &["check", "."]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    let expected = "error[broken-link]: link target `100%.md` does not exist (content/es-es/100%.md)\n --> content/es-es/we,ird:name.md:3:5\n  |\n3 | See [x](100%.md) and [b](B.md).\n  |     ^\n  = help: ";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\u{1b}'),
        "no colour when not on a terminal"
    );
    assert!(
        run.stderr
            .contains("checked 4 pages (es-es 2, zh-tw 2): 2 errors, 2 warnings")
    );
}

#[test]
fn build_prints_the_same_diagnostics_as_check() {
    let site = flawed();
    let check = rosetta(site.path(), &["check", "."]);
    let build = rosetta(site.path(), &["build", ".", "--no-search"]);
    let body = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.starts_with("checked ") && !l.starts_with("built "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(build.code, 0);
    assert_eq!(body(&check.stderr), body(&build.stderr));
}

#[test]
fn exit_codes_say_whether_errors_were_found() {
    let site = TestSite::new();
    site.file("content/en/a.md", "# A\n\n[b](B.md)\n");
    site.file("content/en/b.md", "# B\n");
    let (run, found) = site.check_json(&[]);
    assert_eq!((run.code, found.len()), (0, 1), "warnings alone exit 0");
    site.file("content/en/c.md", "[x](nope.md)\n");
    assert_eq!(site.check_json(&[]).0.code, 1);
    assert_eq!(rosetta(site.path(), &["check", "missing-dir"]).code, 2);
    assert_eq!(
        rosetta(site.path(), &["check", ".", "--locale", "xx"]).code,
        2
    );
    assert_eq!(
        rosetta(site.path(), &["check", ".", "--format", "xml"]).code,
        2
    );
    let out = site.path().join("no/such/dir/report.json");
    let run = rosetta(
        site.path(),
        &[
            "check",
            ".",
            "--format",
            "json",
            "--output",
            out.to_str().unwrap_or(""),
        ],
    );
    assert_eq!(run.code, 2, "unwritable --output");
    site.file("rosetta.yaml", "chekcs: {}\n");
    let run = rosetta(site.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("chekcs"), "{}", run.stderr);
}

#[test]
fn locale_filter_and_output_file() {
    let site = flawed();
    let report = site.path().join("report.json");
    let run = rosetta(
        site.path(),
        &[
            "check",
            ".",
            "--format",
            "json",
            "--locale",
            "zh-tw",
            "--output",
            report.to_str().unwrap_or(""),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    let doc: Value = serde_json::from_str(&site.read("report.json")).unwrap_or_default();
    let diagnostics = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(diagnostics.len(), 2);
    assert!(diagnostics.iter().all(|d| d["locale"] == "zh-tw"));
    assert_eq!(
        doc["summary"]["pages"].as_object().map(|o| o.len()),
        Some(1)
    );
    assert_eq!(doc["summary"]["errors"], 1);
}

#[test]
fn checks_and_ignore_in_rosetta_yaml_shape_the_report() {
    let site = flawed();
    site.file(
        "rosetta.yaml",
        "checks:\n  broken-link: warning\n  link-case: off\nignore:\n  - \"we,ird*.md\"\n",
    );
    let (run, found) = site.check_json(&[]);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(run.code, 0);
    site.file(
        "rosetta.yaml",
        "checks:\n  broken-link: warning\n  link-case: error\n",
    );
    let (run, found) = site.check_json(&[]);
    assert_eq!(run.code, 1);
    let severities: Vec<(&str, &str)> = found
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or(""),
                d["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        severities,
        [
            ("broken-link", "warning"),
            ("link-case", "error"),
            ("broken-link", "warning"),
            ("link-case", "error"),
        ]
    );
    assert_eq!(run.json()["summary"]["errors"], 2);
}

#[test]
fn check_writes_nothing() {
    let site = flawed();
    let before = walk(site.path());
    let run = rosetta(site.path(), &["check", "."]);
    assert_eq!(run.code, 1);
    let run = rosetta(site.path(), &["check", ".", "--format", "sarif"]);
    assert_eq!(run.code, 1);
    assert_eq!(walk(site.path()), before);
    assert!(!site.exists("public"));
}
