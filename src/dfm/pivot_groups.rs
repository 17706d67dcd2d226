//! Pivot definitions: the `zone-pivot-groups.yml` file (`### YamlMime:ZonePivotGroups`) of
//! a locale, and the `zone_pivot_groups` a page names in its front matter. A page's pivot
//! selector shows each of its groups' prompt and pivot titles, in the page's language.

use super::yaml::{self, ValuePlaces, YamlError};
use serde::Serialize;

/// The file name DocFX looks for (the nearest one up the tree from a page).
pub(crate) const FILE_NAME: &str = "zone-pivot-groups.yml";

/// One pivot of a group.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct Pivot {
    /// Id used in `::: zone pivot="…"` and in `?pivots=` URLs.
    pub(crate) id: String,
    /// Shown in the selector (the id when the file gives none).
    pub(crate) title: String,
}

/// A group of pivots: one choice on a page.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct PivotGroup {
    /// Id named by `zone_pivot_groups`.
    pub(crate) id: String,
    /// The group's name.
    pub(crate) title: String,
    /// The question the selector asks (the title when the file gives none).
    pub(crate) prompt: String,
    /// The choices, in order (the first is the default).
    pub(crate) pivots: Vec<Pivot>,
}

/// A parsed `zone-pivot-groups.yml`: the groups it defines, and what is wrong in it
/// (entries without an id are left out, with a problem at their place).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PivotGroups {
    /// The groups, in file order.
    pub(crate) groups: Vec<PivotGroup>,
    /// Problems that did not stop the file from being read.
    pub(crate) problems: Vec<YamlError>,
}

impl PivotGroups {
    /// The group with this id.
    pub(crate) fn group(&self, id: &str) -> Option<&PivotGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The title of `pivot` in the first of `groups` that has it.
    pub(crate) fn pivot_title<'g>(groups: &[&'g PivotGroup], pivot: &str) -> Option<&'g str> {
        groups
            .iter()
            .flat_map(|g| g.pivots.iter())
            .find(|p| p.id == pivot)
            .map(|p| p.title.as_str())
    }
}

/// Parses a `zone-pivot-groups.yml`. A file that does not parse, is not a mapping, or has
/// no `groups` list is an error; entries that lack an id are problems.
pub(crate) fn parse(text: &str) -> Result<PivotGroups, YamlError> {
    if let Some(kind) = yaml::yaml_mime(text)
        && kind != "ZonePivotGroups"
    {
        return Err(YamlError::at(
            1,
            1,
            format!(
                "`### YamlMime:{kind}` is not pivot definitions (`### YamlMime:ZonePivotGroups`)"
            ),
        ));
    }
    let value = yaml::parse_value(text)?;
    let Some(root) = value.as_mapping() else {
        return Err(YamlError::at(
            1,
            1,
            "pivot definitions must be a mapping with `groups`",
        ));
    };
    let Some(serde_yaml::Value::Sequence(groups)) = root.get("groups") else {
        return Err(YamlError::at(
            1,
            1,
            "pivot definitions have no `groups` list",
        ));
    };
    let mut places = ValuePlaces::scan(text, &["id"]);
    let mut out = PivotGroups::default();
    for group in groups {
        let Some(group) = group.as_mapping() else {
            out.problems
                .push(YamlError::at(1, 1, "a pivot group is not a mapping"));
            continue;
        };
        let Some(id) = yaml::text_field(group, "id") else {
            let (line, column) = places.take("title", "");
            out.problems
                .push(YamlError::at(line, column, "a pivot group has no `id`"));
            continue;
        };
        let group_place = places.take("id", &id);
        let title = yaml::text_field(group, "title").unwrap_or_else(|| id.clone());
        let prompt = yaml::text_field(group, "prompt").unwrap_or_else(|| title.clone());
        let mut pivots = Vec::new();
        for pivot in yaml::seq_field(group, "pivots") {
            let Some(pivot_id) = pivot.as_mapping().and_then(|p| yaml::text_field(p, "id")) else {
                out.problems.push(YamlError::at(
                    group_place.0,
                    group_place.1,
                    format!("a pivot of group `{id}` has no `id`"),
                ));
                continue;
            };
            places.take("id", &pivot_id);
            let title = pivot
                .as_mapping()
                .and_then(|p| yaml::text_field(p, "title"))
                .unwrap_or_else(|| pivot_id.clone());
            pivots.push(Pivot {
                id: pivot_id,
                title,
            });
        }
        if pivots.is_empty() {
            out.problems.push(YamlError::at(
                group_place.0,
                group_place.1,
                format!("pivot group `{id}` has no pivots"),
            ));
        }
        out.groups.push(PivotGroup {
            id,
            title,
            prompt,
            pivots,
        });
    }
    Ok(out)
}

/// The definitions file nearest to a page (locale-relative path, `/` separators): in the
/// page's folder or the closest folder above it, within the locale. `exists` says whether a
/// locale-relative path is a file.
pub(crate) fn nearest_definitions(page: &str, exists: impl Fn(&str) -> bool) -> Option<String> {
    let mut dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    loop {
        let candidate = if dir.is_empty() {
            FILE_NAME.to_owned()
        } else {
            format!("{dir}/{FILE_NAME}")
        };
        if exists(&candidate) {
            return Some(candidate);
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
}

/// The group ids a page names: `zone_pivot_groups: a, b` (or a YAML list).
pub(crate) fn page_groups(value: &serde_json::Value) -> Vec<String> {
    let items: Vec<String> = match value {
        serde_json::Value::String(s) => s.split(',').map(str::to_owned).collect(),
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    items
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Byte offset of the `key:` line in a page's front matter (for a finding about that key).
pub(crate) fn front_matter_key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if index == 0 {
            if trimmed != "---" {
                return None;
            }
        } else if trimmed == "---" || trimmed == "..." {
            return None;
        } else if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPANISH: &str = "### YamlMime:ZonePivotGroups\ngroups:\n- id: windows-mdm-versions\n  title: Versiones de línea base\n  prompt: Elegir una versión\n  pivots:\n  - id: mdm-may-2019\n    title: Mayo de 2019\n  - id: mdm-preview\n    title: Versión preliminar\nmetadata:\n  ms.contentlocale: es-ES\n";

    #[test]
    fn reads_groups_with_prompts_and_titles() {
        let defs = parse(SPANISH).expect("definitions");
        assert!(defs.problems.is_empty(), "{:?}", defs.problems);
        let group = defs.group("windows-mdm-versions").expect("the group");
        assert_eq!(group.prompt, "Elegir una versión");
        let titles: Vec<&str> = group.pivots.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Mayo de 2019", "Versión preliminar"]);
        assert_eq!(
            PivotGroups::pivot_title(&[group], "mdm-preview"),
            Some("Versión preliminar")
        );
        assert_eq!(PivotGroups::pivot_title(&[group], "other"), None);
    }

    #[test]
    fn missing_ids_and_bad_files_are_reported_with_places() {
        let defs = parse("groups:\n- id: g\n  pivots:\n  - title: No id\n- title: x\n")
            .expect("definitions");
        assert_eq!(defs.groups.len(), 1);
        assert_eq!(defs.groups[0].title, "g");
        let lines: Vec<u32> = defs.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 2, 1], "{:?}", defs.problems);
        assert!(parse("groups: [unclosed\n").expect_err("bad YAML").line >= 1);
        assert!(parse("### YamlMime:Landing\ntitle: x\n").is_err());
        assert!(parse("metadata: {}\n").is_err());
    }

    #[test]
    fn the_nearest_definitions_up_the_tree() {
        let files = ["intune/zone-pivot-groups.yml", "zone-pivot-groups.yml"];
        let exists = |p: &str| files.contains(&p);
        assert_eq!(
            nearest_definitions("intune/protect/a.md", exists).as_deref(),
            Some("intune/zone-pivot-groups.yml")
        );
        assert_eq!(
            nearest_definitions("other/a.md", exists).as_deref(),
            Some("zone-pivot-groups.yml")
        );
        assert_eq!(nearest_definitions("a.md", |_| false), None);
    }

    #[test]
    fn a_page_names_its_groups_as_a_list_or_with_commas() {
        let v = serde_json::json!("security-baseline-settings-one, windows-mdm-versions");
        assert_eq!(
            page_groups(&v),
            ["security-baseline-settings-one", "windows-mdm-versions"]
        );
        assert_eq!(page_groups(&serde_json::json!(["a", "b"])), ["a", "b"]);
        assert!(page_groups(&serde_json::json!(3)).is_empty());
        let text = "---\ntitle: x\nzone_pivot_groups: a\n---\nzone_pivot_groups: no\n";
        assert_eq!(front_matter_key_offset(text, "zone_pivot_groups"), Some(13));
        assert_eq!(front_matter_key_offset("# x\n", "zone_pivot_groups"), None);
    }
}
