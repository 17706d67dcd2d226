use super::*;

fn spec(uid: &str, name: &str, href: &str) -> XrefSpec {
    XrefSpec {
        uid: uid.into(),
        name: Some(name.into()),
        href: Some(href.into()),
        ..XrefSpec::default()
    }
}

fn read(text: &str) -> Result<XrefMap, MapError> {
    parse(text.as_bytes().to_vec())
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
    let map = read(&text).expect("a map");
    assert_eq!(map.specs().count(), 2);
    assert_eq!(
        map.get("zeta").and_then(|s| s.name),
        Some("Zeta: \"quoted\"".to_owned())
    );
    assert_eq!(map.get("ALPHA").map(|s| s.uid), Some("alpha".to_owned()));
    assert_eq!(map.get("beta"), None);
    assert_eq!(
        map.base_url.as_deref(),
        Some("https://docs.example.org/es-es/")
    );
}

// The format DocFX writes for API references.
#[test]
fn reads_docfx_yaml_maps() {
    let text = "### YamlMime:XRefMap\nsorted: true\nreferences:\n- uid: System.String\n  name: String\n  href: api/System.String.html\n  commentId: T:System.String\n  fullName: System.String\n  nameWithType: String\n- name: no uid\n";
    let map = read(text).expect("a map");
    let s = map.get("System.String").expect("the entry");
    assert_eq!(s.href.as_deref(), Some("api/System.String.html"));
    assert_eq!(s.display(Some("fullName")), "System.String");
    assert_eq!(map.specs().count(), 1);
    assert!(read("references: [").is_err());
    assert!(read("### YamlMime:Landing\ntitle: x\n").is_err());
    assert!(read("- a\n").is_err());
    assert!(read("title: no references\n").is_err());
}

// DocFX's test data `xrefmap.json`, and the shape of Microsoft Learn's
// `.xrefmap.json`: other keys, non-string values and escaped strings.
#[test]
fn reads_json_maps() {
    let map = read(
            "\u{feff}{\n  \"references\": [\n    {\n      \"fullName\": \"str\",\n      \"href\": \"https://docs.python.org/3.5/library/stdtypes.html#str\",\n      \"name\": \"str\",\n      \"uid\": \"str\"\n    }\n  ]\n}\n",
        )
        .expect("a map");
    let s = map.get("str").expect("the entry");
    assert_eq!(
        s.href.as_deref(),
        Some("https://docs.python.org/3.5/library/stdtypes.html#str")
    );
    let map = read(
            r#"{"redirections": [{"uidPrefix": "A.", "href": "x"}], "sorted": false,
               "references": [
                 {"uid": "System.Collections.Generic.List`1", "name": "List\u003CT\u003E",
                  "href": "https://learn.microsoft.com/dotnet/api/system.collections.generic.list-1",
                  "monikers": ["net-8.0"], "isSpec": "True", "tags": null, "commentId": 7},
                 {"uid": "System.Console.WriteLine*", "name": "WriteLine",
                  "nameWithType": "Console.WriteLine", "fullName": "System.Console.WriteLine"},
                 {"name": "no uid"}, 3, null, ["odd"]
               ]}"#,
        )
        .expect("a map");
    assert_eq!(map.specs().count(), 2);
    let list = map
        .get("system.collections.generic.list`1")
        .expect("any case");
    assert_eq!(list.name.as_deref(), Some("List<T>"));
    let write_line = map.get("System.Console.WriteLine*").expect("overloads");
    assert_eq!(
        write_line.display(Some("nameWithType")),
        "Console.WriteLine"
    );
}

#[test]
fn what_is_not_a_map_says_why() {
    for bad in [
        "<!DOCTYPE html><html><body>Not found</body></html>",
        "{\"references\": [",
        "{\"title\": \"no references\"}",
        "[1, 2]",
        "",
    ] {
        let err = read(bad).expect_err(bad);
        assert!(err.message.contains("map"), "{bad}: {}", err.message);
    }
    let mut huge = b"references:\n".to_vec();
    huge.resize(MAX_YAML_BYTES + 1, b' ');
    let err = parse(huge).expect_err("too large");
    assert!(err.message.contains("64 MiB"), "{}", err.message);
    let err = parse(vec![0xff, 0xfe, 0x00]).expect_err("binary");
    assert!(err.message.contains("UTF-8"), "{}", err.message);
    let err = read("{\n\"references\": [}\n").expect_err("bad JSON");
    assert_eq!(err.line, 2);
}

#[test]
fn unsorted_maps_and_twice_given_uids() {
    let map = read(
        r#"{"references": [{"uid": "b", "name": "B"}, {"uid": "a", "name": "first"},
               {"uid": "a", "name": "second"}, {"uid": "C"}]}"#,
    )
    .expect("a map");
    let uids: Vec<String> = map.specs().map(|s| s.uid).collect();
    assert_eq!(uids, ["b", "a", "C"]);
    assert_eq!(map.get("a").and_then(|s| s.name).as_deref(), Some("first"));
    assert_eq!(map.get("c").map(|s| s.uid).as_deref(), Some("C"));
    assert_eq!(map.get("B").map(|s| s.uid).as_deref(), Some("b"));
}
