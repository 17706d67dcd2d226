use super::*;

#[test]
fn linked_files_the_new_index_does_not_list_as_before_are_outdated() {
    let listing = |files: &[(&str, &str)]| Listing {
        files: files
            .iter()
            .map(|(p, d)| (p.to_string(), d.to_string()))
            .collect(),
        pages: 0,
    };
    let old = listing(&[
        ("index/a_1.pf_index", "a\0f"),
        ("index/a_2.pf_index", "g\0m"),
        ("fragment/a_3.pf_fragment", "12"),
        ("fragment/a_4.pf_fragment", "7"),
    ]);
    let new = listing(&[
        ("index/a_1.pf_index", "a\0f"),
        ("index/a_2.pf_index", "g\0k"),
        ("fragment/a_4.pf_fragment", "7"),
        ("fragment/a_5.pf_fragment", "3"),
    ]);
    let linked: Vec<String> = old.files.keys().cloned().collect();
    assert_eq!(
        outdated(&linked, &old, &new),
        [
            ("fragment/a_3.pf_fragment", false),
            ("index/a_2.pf_index", true)
        ]
    );
}

#[test]
fn only_the_head_and_the_indexed_element_are_handed_to_pagefind() {
    let page = |nav: &str, after: &str| {
        format!(
            "<!DOCTYPE html><html lang=\"es-es\"><head><title>T</title>\
                 <meta data-pagefind-meta=\"title[content]\" content=\"T\"></head>\
                 <BODY class=\"x\"><nav>{nav}</nav><main><article class=\"content\" \
                 data-pagefind-body><h1>T</h1><article>inner</article><p>text</p></article>\
                 </main>{after}<footer>pie</footer></body></html>"
        )
    };
    let plain = page("<a href=\"a.html\">Menu</a>", "");
    assert_eq!(
        indexed_html(plain),
        "<!DOCTYPE html><html lang=\"es-es\"><head><title>T</title>\
             <meta data-pagefind-meta=\"title[content]\" content=\"T\"></head>\
             <BODY class=\"x\"><article class=\"content\" data-pagefind-body><h1>T</h1>\
             <article>inner</article><p>text</p></article></body></html>"
    );
    // Anything outside that Pagefind reads keeps the whole page.
    for (nav, after) in [
        ("<span data-pagefind-filter=\"v\">1</span>", ""),
        ("<h1>Site</h1>", ""),
        ("", "<img src=\"logo.png\">"),
        ("", "<div data-pagefind-body>more</div>"),
    ] {
        let whole = page(nav, after);
        assert_eq!(indexed_html(whole.clone()), whole);
    }
    // <h1> in text or <img in an attribute value is not a tag: the page is still cut.
    assert!(indexed_html(page("<h10>x</h10><b>&lt;img</b>", "")).len() < page("", "").len());
    let no_body = "<html><body><p>x</p></body></html>".to_owned();
    assert_eq!(indexed_html(no_body.clone()), no_body);
}

#[test]
fn a_locale_is_indexed_in_parts_of_at_most_a_thousand_pages() {
    assert_eq!(parts_of(0), 1);
    assert_eq!(parts_of(PART_PAGES), 1);
    assert_eq!(parts_of(PART_PAGES + 1), 2);
    assert_eq!(parts_of(10 * PART_PAGES), 10);
    assert_eq!(part_dir("zh-tw", 0), "_rosetta/search/zh-tw");
    assert_eq!(part_dir("zh-tw", 2), "_rosetta/search/zh-tw.3");
    assert_eq!(parts_list("zh-tw", 1), "[]\n");
    assert_eq!(
        parts_list("zh-tw", 3),
        "[\"../zh-tw.2/\",\"../zh-tw.3/\"]\n"
    );
}

#[test]
fn the_summary_names_pages_per_locale_and_the_size() {
    let summary = Summary {
        pages: BTreeMap::from([("es-es".into(), 113), ("zh-tw".into(), 112)]),
        bytes: 710 * 1024 - 5,
    };
    assert_eq!(
        summary.to_string(),
        "search: es-es 113 pages, zh-tw 112 pages, index 710 KiB"
    );
    let big = Summary {
        pages: BTreeMap::new(),
        bytes: 25 * 1024 * 1024 + 512 * 1024,
    };
    assert_eq!(big.to_string(), "search: index 25.5 MiB");
}
