//! `sarif`: SARIF 2.1.0 (OASIS), the format code-scanning services read. One run, one rule
//! per diagnostic code, one result per finding with its related places; columns count
//! Unicode code points, as rosetta's do.

use super::from_base;
use crate::diagnostic::{Code, Diagnostic};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

/// Characters kept as they are in an artifact URI: RFC 3986 unreserved ones and `/`.
const URI_ESCAPE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The findings as a SARIF 2.1.0 log; `base` is the site seen from the current directory.
pub fn sarif(diagnostics: &[Diagnostic], base: &str) -> String {
    let rules: Vec<Value> = Code::ALL.iter().map(|&code| rule(code)).collect();
    let results: Vec<Value> = diagnostics.iter().map(|d| result(d, base)).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "rosetta",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|e| {
        // Serialising plain strings and numbers cannot fail; say so if it ever does.
        format!("{{\"version\": \"2.1.0\", \"error\": \"{e}\"}}")
    });
    text.push('\n');
    text
}

fn rule(code: Code) -> Value {
    json!({
        "id": code.as_str(),
        "shortDescription": { "text": code.description() },
        "help": { "text": code.help() },
        "defaultConfiguration": { "level": code.default_severity().as_str() },
    })
}

fn result(d: &Diagnostic, base: &str) -> Value {
    let rule_index = Code::ALL.iter().position(|&c| c == d.code).unwrap_or(0);
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": i,
                "physicalLocation": physical(base, &r.file, r.line, r.column),
                "message": { "text": r.message },
            })
        })
        .collect();
    json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": rule_index,
        "level": d.severity.as_str(),
        "message": { "text": d.message },
        "locations": [{ "physicalLocation": physical(base, &d.file, d.line, d.column) }],
        "relatedLocations": related,
    })
}

fn physical(base: &str, file: &str, line: u32, column: u32) -> Value {
    json!({
        "artifactLocation": { "uri": uri(&from_base(base, file)) },
        "region": { "startLine": line.max(1), "startColumn": column.max(1) },
    })
}

/// A path as a URI reference: relative paths stay relative, absolute ones become `file:`.
fn uri(path: &str) -> String {
    let encoded = utf8_percent_encode(path, URI_ESCAPE).to_string();
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Related};

    #[test]
    fn results_point_at_files_seen_from_the_current_directory() {
        let at = Location::new("content/zh-tw/設定 a.md".into(), 4, 2);
        let d = Diagnostic::new(Code::AnchorMismatch, Some("zh-tw"), &at, "m").with_related(
            Related::new(&Location::new("content/es-es/a.md".into(), 1, 1), "ref"),
        );
        let v: Value = serde_json::from_str(&sarif(&[d], "docs")).unwrap_or_default();
        let run = &v["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().map(Vec::len),
            Some(Code::ALL.len())
        );
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "anchor-mismatch");
        assert_eq!(
            run["tool"]["driver"]["rules"][r["ruleIndex"].as_u64().unwrap_or(99) as usize]["id"],
            "anchor-mismatch"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"],
            "docs/content/zh-tw/%E8%A8%AD%E5%AE%9A%20a.md"
        );
        assert_eq!(loc["region"]["startLine"], 4);
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "docs/content/es-es/a.md"
        );
        assert_eq!(uri("/tmp/x y.md"), "file:///tmp/x%20y.md");
    }
}
