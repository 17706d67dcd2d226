use super::*;

/// A locale with a few files, and what resolves references against it.
struct Env {
    locales: Vec<crate::site::Locale>,
    redirects: crate::site::redirects::Redirects,
    xrefs: XrefIndex,
}

impl Env {
    fn new() -> Env {
        let mut idx = crate::site::paths::FileIndex::default();
        for (p, k) in [
            ("a.md", FileKind::Page),
            ("Sub", FileKind::Folder),
            ("Sub/b.md", FileKind::Page),
            ("Sub/toc.yml", FileKind::Toc),
            ("includes/i.md", FileKind::Markdown),
        ] {
            idx.insert(p.into(), k);
        }
        let locale = crate::site::Locale::in_memory(
            "en-us",
            "/nonexistent".into(),
            "content/en-us".into(),
            idx,
        );
        Env {
            locales: vec![locale],
            redirects: Default::default(),
            xrefs: XrefIndex::default(),
        }
    }

    /// With the uids of a page of the locale (`Sub/b.md`) and of another site's map.
    fn with_uids() -> Env {
        let mut env = Env::new();
        env.xrefs.own.insert(
            "docs.b".into(),
            crate::dfm::xref::XrefSpec {
                uid: "docs.b".into(),
                name: Some("Bee".into()),
                href: Some("Sub/b.html".into()),
                ..Default::default()
            },
        );
        let map = crate::dfm::xrefmap::parse(
                b"baseUrl: https://other.example/api/\nreferences:\n- uid: System.String\n  name: String\n  href: system.string.html\n".to_vec(),
            )
            .expect("a map");
        env.xrefs.maps.push(std::sync::Arc::new(map));
        env
    }

    /// Parses `source` as `load` does, with its findings.
    fn parse(&self, source: &SourceFile) -> (Vec<TocEntry>, Vec<Diagnostic>) {
        let resolver = self.resolver();
        let targets = Targets {
            resolver: &resolver,
            xrefs: &self.xrefs,
        };
        let mut findings = Vec::new();
        let entries = if source.is_yaml() {
            parse_yaml(source, &targets, "en-us", &mut findings)
        } else {
            parse_markdown(source, &targets, "en-us", &mut findings)
        };
        (entries, findings)
    }

    fn resolver(&self) -> Resolver<'_> {
        Resolver {
            locales: &self.locales,
            locale: 0,
            source: None,
            redirects: &self.redirects,
        }
    }
}

fn source(path: &str, text: &str) -> SourceFile {
    SourceFile::from_bytes(
        format!("content/en-us/{path}").into(),
        path.into(),
        (0, "en-us"),
        text.as_bytes(),
        &mut Vec::new(),
    )
}

fn outline(entries: &[TocEntry], depth: usize, out: &mut Vec<String>) {
    for e in entries {
        let link = e.link.as_ref().map_or(String::new(), |l| {
            format!(" -> {:?} @{}:{}", l.target, l.at.line, l.at.column)
        });
        out.push(format!(
            "{}{}{link}",
            "  ".repeat(depth),
            e.title.as_deref().unwrap_or("?")
        ));
        outline(&e.children, depth + 1, out);
    }
}

#[test]
fn markdown_headings_nest_by_level_and_groups_have_no_link() {
    let s = source(
        "TOC.md",
        "# Group\n## [A](a.md)\n### [B](sub/B.md#x)\n## [Gone](gone.md)\n# [Site](https://x.org)\n",
    );
    let mut out = Vec::new();
    outline(&Env::new().parse(&s).0, 0, &mut out);
    assert_eq!(
        out,
        [
            "Group",
            "  A -> Page { locale: 0, path: \"a.md\", case_fixed: false, redirected_from: None } @2:4",
            "    B -> Page { locale: 0, path: \"Sub/b.md\", case_fixed: true, redirected_from: None } @3:5",
            "  Gone -> Missing { path: \"gone.md\" } @4:4",
            "Site -> External @5:3",
        ]
    );
}

#[test]
fn yaml_items_nest_with_positions_of_their_hrefs() {
    let s = source(
        "toc.yml",
        "- name: A\n  href: a.md\n  items:\n    - name: B\n      href: gone.md\n- name: Sub\n  href: Sub/\n  topicHref: Sub/b.md\n",
    );
    let (entries, findings) = Env::new().parse(&s);
    assert!(findings.is_empty(), "{findings:?}");
    let mut out = Vec::new();
    outline(&entries, 0, &mut out);
    assert_eq!(
        out,
        [
            "A -> Page { locale: 0, path: \"a.md\", case_fixed: false, redirected_from: None } @2:9",
            "  B -> Missing { path: \"gone.md\" } @5:13",
            "Sub -> Page { locale: 0, path: \"Sub/b.md\", case_fixed: false, redirected_from: None } @8:14",
        ]
    );
    assert_eq!(entries[1].other_links.len(), 1, "the folder href is kept");
}

#[test]
fn yaml_unknown_keys_and_syntax_errors_are_config_findings() {
    let s = source("toc.yml", "- name: A\n  hreff: a.md\n");
    let mut findings = Env::new().parse(&s).1;
    let s = source("toc.yml", "- name: [A\n");
    findings.extend(Env::new().parse(&s).1);
    let places: Vec<(Code, u32)> = findings.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(places.len(), 2, "{findings:?}");
    assert_eq!(places[0], (Code::Config, 2));
    assert!(
        findings[0].message.contains("hreff"),
        "{}",
        findings[0].message
    );
    assert_eq!(places[1].0, Code::Config);
}

// DocFX's TOC schema (`schemas/toc.schema.json`) and Learn's keys, as the Visual
// Studio documentation writes them.
#[test]
fn yaml_accepts_the_keys_of_docfx_toc_schema() {
    let s = source(
        "toc.yml",
        "$schema: https://example.org/toc.schema.json\norder: 10\nsplitItemsBy: name\nitems:\n- name: A\n  href: a.md\n  expanded: true\n  maintainContext: true\n  items:\n  - name: B\n    topicUid: docs.b\n    uid: docs.b\n    displayName: Bee\n    order: 100\n    type: Container\n    dropdown: false\n    landingPageType: Root\n    monikers: [vs-2019]\n    splitItemsBy: name\n    homepageUid: x\n    originalHref: a.md\n    includedFrom: other/toc.yml\n",
    );
    let (entries, findings) = Env::with_uids().parse(&s);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].children[0].title.as_deref(), Some("B"));
}

#[test]
fn yaml_may_be_a_mapping_with_items() {
    let s = source("toc.yml", "items:\n- name: A\n  href: a.md\n");
    let (entries, findings) = Env::new().parse(&s);
    assert!(findings.is_empty());
    assert_eq!(entries.len(), 1);
}

// DocFX's `TocResolver` and `TocDocumentProcessor.ResolveUid`: `topicUid` (else `uid`,
// else `homepageUid`) names the entry's page, which replaces `href`; the name comes from
// the uid when the entry has none.
#[test]
fn uids_lead_to_the_page_or_the_map_that_has_them() {
    let s = source(
        "toc.yml",
        "- name: By topic uid\n  topicUid: docs.b\n  href: a.md\n- uid: docs.b\n- href: xref:System.String\n- topicUid: System.String\n  items:\n  - name: Unknown\n    uid: no.such.uid\n",
    );
    let (entries, findings) = Env::with_uids().parse(&s);
    let mut out = Vec::new();
    outline(&entries, 0, &mut out);
    assert_eq!(
        out,
        [
            "By topic uid -> Page { locale: 0, path: \"Sub/b.md\", case_fixed: false, redirected_from: None } @2:13",
            "? -> Page { locale: 0, path: \"Sub/b.md\", case_fixed: false, redirected_from: None } @4:8",
            "? -> Xref { url: \"https://other.example/api/system.string.html\", name: \"String\" } @5:9",
            "? -> Xref { url: \"https://other.example/api/system.string.html\", name: \"String\" } @6:13",
            "  Unknown",
        ]
    );
    // The written href is still checked.
    assert_eq!(entries[0].other_links.len(), 1);
    let places: Vec<(Code, u32, u32)> = findings
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(places, [(Code::XrefNotFound, 9, 10)], "{findings:?}");
    assert!(findings[0].message.contains("no.such.uid"));
}

#[test]
fn markdown_toc_names_pages_by_xref_links_and_uid_headings() {
    let s = source(
        "TOC.md",
        "# @docs.b\n# [Strings](xref:System.String#remarks)\n# @someone else\n# [Gone](xref:gone.uid)\n",
    );
    let (entries, findings) = Env::with_uids().parse(&s);
    let mut out = Vec::new();
    outline(&entries, 0, &mut out);
    assert_eq!(
        out,
        [
            "? -> Page { locale: 0, path: \"Sub/b.md\", case_fixed: false, redirected_from: None } @1:3",
            "Strings -> Xref { url: \"https://other.example/api/system.string.html#remarks\", name: \"String\" } @2:3",
            "@someone else",
            "Gone -> UnknownUid @4:3",
        ]
    );
    let places: Vec<(Code, u32, u32)> = findings
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(places, [(Code::XrefNotFound, 4, 3)], "{findings:?}");
}
