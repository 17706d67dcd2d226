//! `json`: the one JSON document of the README ("Checking in CI"), `{version, diagnostics, summary}`.

use super::Summary;
use crate::diagnostic::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: &'a [Diagnostic],
    summary: &'a Summary,
}

/// The findings as the JSON document the README describes.
pub fn json(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let report = JsonReport {
        version: 1,
        diagnostics,
        summary,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|e| {
        // Serialising plain strings and numbers cannot fail; say so if it ever does.
        format!("{{\"version\": 1, \"error\": \"{e}\"}}")
    });
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::format::test_finding as finding;
    use std::collections::BTreeMap;

    #[test]
    fn json_has_the_documented_shape() {
        let d = finding("x", 1);
        let summary = Summary::new(
            std::slice::from_ref(&d),
            BTreeMap::from([("zh-tw".into(), 2)]),
        );
        let v: serde_json::Value = serde_json::from_str(&json(&[d], &summary)).unwrap_or_default();
        assert_eq!(v["version"], 1);
        assert_eq!(v["diagnostics"][0]["code"], "broken-link");
        assert_eq!(v["diagnostics"][0]["severity"], "error");
        assert_eq!(v["diagnostics"][0]["locale"], "zh-tw");
        assert_eq!(v["diagnostics"][0]["line"], 3);
        assert!(v["diagnostics"][0]["related"].is_array());
        assert!(v["diagnostics"][0].get("snippet").is_none());
        assert_eq!(v["summary"]["errors"], 1);
        assert_eq!(v["summary"]["pages"]["zh-tw"], 2);
    }
}
