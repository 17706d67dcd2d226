//! `xrefmap.yml`, the map of uids DocFX writes beside a site and reads from other sites:
//! `### YamlMime:XRefMap`, `sorted`, an optional `baseUrl`, and `references` (uid, name,
//! href, fullName, nameWithType, commentId). rosetta writes one per locale and reads the
//! maps that `xref:` in rosetta.yaml names.

use super::xref::XrefSpec;
use super::yaml::{self, YamlError};
use serde::Serialize;

/// The first line of the file.
pub(crate) const HEADER: &str = "### YamlMime:XRefMap";

/// A map of uids.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct XrefMap {
    /// Whether `references` is sorted by uid.
    pub(crate) sorted: bool,
    /// The URL relative `href`s resolve against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) base_url: Option<String>,
    /// The entries.
    pub(crate) references: Vec<XrefSpec>,
}

impl XrefMap {
    /// The entry for `uid` (exact match first, then ignoring letter case, as DocFX).
    pub(crate) fn get(&self, uid: &str) -> Option<&XrefSpec> {
        if self.sorted
            && let Ok(i) = self
                .references
                .binary_search_by(|r| r.uid.as_str().cmp(uid))
        {
            return self.references.get(i);
        }
        self.references.iter().find(|r| r.uid == uid).or_else(|| {
            self.references
                .iter()
                .find(|r| r.uid.eq_ignore_ascii_case(uid))
        })
    }
}

/// Parses an `xrefmap.yml`. Entries without a uid are left out.
pub(crate) fn parse(text: &str) -> Result<XrefMap, YamlError> {
    if let Some(kind) = yaml::yaml_mime(text)
        && kind != "XRefMap"
    {
        return Err(YamlError::at(
            1,
            1,
            format!("`### YamlMime:{kind}` is not an xref map (`{HEADER}`)"),
        ));
    }
    let value = yaml::parse_value(text)?;
    let Some(root) = value.as_mapping() else {
        return Err(YamlError::at(
            1,
            1,
            "an xref map must be a mapping with `references`",
        ));
    };
    let mut map = XrefMap {
        sorted: matches!(root.get("sorted"), Some(serde_yaml::Value::Bool(true))),
        base_url: yaml::text_field(root, "baseUrl"),
        references: Vec::new(),
    };
    for entry in yaml::seq_field(root, "references") {
        let Some(entry) = entry.as_mapping() else {
            continue;
        };
        let Some(uid) = yaml::text_field(entry, "uid") else {
            continue;
        };
        map.references.push(XrefSpec {
            uid,
            name: yaml::text_field(entry, "name"),
            href: yaml::text_field(entry, "href"),
            full_name: yaml::text_field(entry, "fullName"),
            name_with_type: yaml::text_field(entry, "nameWithType"),
            comment_id: yaml::text_field(entry, "commentId"),
        });
    }
    // Trust `sorted` only when it is so (binary search depends on it).
    map.sorted = map.references.windows(2).all(|w| w[0].uid <= w[1].uid);
    Ok(map)
}

/// Writes a map (references sorted by uid, so the file is the same from build to build).
pub(crate) fn write(references: &[XrefSpec], base_url: Option<&str>) -> String {
    let mut references = references.to_vec();
    references.sort_by(|a, b| a.uid.cmp(&b.uid));
    let map = XrefMap {
        sorted: true,
        base_url: base_url.map(str::to_owned),
        references,
    };
    let body = serde_yaml::to_string(&map).unwrap_or_default();
    format!("{HEADER}\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(uid: &str, name: &str, href: &str) -> XrefSpec {
        XrefSpec {
            uid: uid.into(),
            name: Some(name.into()),
            href: Some(href.into()),
            ..XrefSpec::default()
        }
    }

    #[test]
    fn written_maps_read_back() {
        let text = write(
            &[
                spec("zeta", "Zeta: \"quoted\"", "b/zeta.html"),
                spec("alpha", "Alpha", "a.html"),
            ],
            Some("https://docs.example.org/es-es/"),
        );
        assert!(text.starts_with("### YamlMime:XRefMap\nsorted: true\nbaseUrl: https://docs.example.org/es-es/\nreferences:\n- uid: alpha\n"), "{text}");
        let map = parse(&text).expect("a map");
        assert!(map.sorted);
        assert_eq!(map.references.len(), 2);
        assert_eq!(
            map.get("zeta").and_then(|s| s.name.as_deref()),
            Some("Zeta: \"quoted\"")
        );
        assert_eq!(map.get("ALPHA").map(|s| s.uid.as_str()), Some("alpha"));
        assert_eq!(map.get("beta"), None);
    }

    // The format DocFX writes for API references.
    #[test]
    fn reads_docfx_maps() {
        let text = "### YamlMime:XRefMap\nsorted: true\nreferences:\n- uid: System.String\n  name: String\n  href: api/System.String.html\n  commentId: T:System.String\n  fullName: System.String\n  nameWithType: String\n- name: no uid\n";
        let map = parse(text).expect("a map");
        let s = map.get("System.String").expect("the entry");
        assert_eq!(s.comment_id.as_deref(), Some("T:System.String"));
        assert_eq!(s.display(Some("fullName")), "System.String");
        assert_eq!(map.references.len(), 1);
        assert!(parse("references: [").is_err());
        assert!(parse("### YamlMime:Landing\ntitle: x\n").is_err());
        assert!(parse("- a\n").is_err());
    }
}
