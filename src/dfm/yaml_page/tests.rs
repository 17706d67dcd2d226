//! Unit tests of the YAML pages: kinds, models and the places of their URLs.

use super::*;

const LANDING: &str = "### YamlMime:Landing\ntitle: Instrucciones para desarrolladores\nsummary: Aprenda a usar los recursos.\nmetadata:\n  title: Instrucciones\n  ms.topic: landing-page\nlandingContent:\n- title: Protección de aplicaciones\n  linkLists:\n  - linkListType: overview\n    links:\n    - text: Introducción al SDK\n      url: app-sdk.md\n  - linkListType: how-to-guide\n    links:\n    - text: SDK en iOS\n      url: app-sdk-ios.md\n    - text: Referencia\n      url: https://docs.microsoft.com/graph/api/resources/intune-graph-overview?view=graph-rest-beta\n";

#[test]
fn kinds_from_the_first_line() {
    assert_eq!(page_kind(LANDING), Some(YamlPageKind::Landing));
    assert_eq!(
        page_kind("### YamlMime:Hub\ntitle: x\n"),
        Some(YamlPageKind::Hub)
    );
    assert_eq!(
        page_kind("### YamlMime:YamlDocument\ndocumentType: LandingData\n"),
        Some(YamlPageKind::LandingData)
    );
    assert_eq!(
        page_kind("### YamlMime:YamlDocument\ndocumentType: Other\n"),
        None
    );
    assert_eq!(
        page_kind("### YamlMime:ZonePivotGroups\ngroups: []\n"),
        None
    );
    assert_eq!(page_kind("- name: TOC\n"), None);
    assert_eq!(YamlPageKind::Hub.template(), "hub.html");
}

#[test]
fn landing_pages_with_every_url_placed() {
    let mut page = parse(LANDING).expect("a Landing page");
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    assert_eq!(page.title, "Instrucciones para desarrolladores");
    assert_eq!(
        page.summary.as_deref(),
        Some("Aprenda a usar los recursos.")
    );
    assert_eq!(page.metadata["ms.topic"], "landing-page");
    let urls: Vec<(String, u32, u32)> = page
        .urls_mut()
        .into_iter()
        .map(|(u, _)| (u.value.clone(), u.line, u.column))
        .collect();
    assert_eq!(urls[0], ("app-sdk.md".into(), 13, 12));
    assert_eq!(urls[1], ("app-sdk-ios.md".into(), 17, 12));
    assert_eq!(urls.len(), 3);
    // The pass rewrites URLs in place; templates see the values.
    for (url, _) in page.urls_mut() {
        url.value = url.value.replace(".md", ".html");
    }
    let json = serde_json::to_value(&page).expect("json");
    assert_eq!(
        json["content"]["landingContent"][0]["linkLists"][0]["links"][0]["url"],
        "app-sdk.html"
    );
}

#[test]
fn hub_pages() {
    let text = "### YamlMime:Hub\ntitle: Documentación de Microsoft Intune\nsummary: Documentación oficial\nmetadata:\n  ms.topic: hub-page\nhighlightedContent:\n  items:\n  - title: ¿Qué es Intune?\n    itemType: overview\n    url: ./fundamentals/what-is-intune.md\nconceptualContent:\n  items:\n  - title: Planeamiento\n    links:\n    - url: ./fundamentals/planning-guide.md\n      itemType: concept\n      text: Guía de planeamiento\n    footerLink:\n      text: Más información\n      url: ./fundamentals/index.yml\nadditionalContent:\n  sections:\n  - title: Recursos de la comunidad\n    items:\n    - title: '#<a name=\"intune-on-twitter\"></a>Intune en Twitter'\n      summary: Mantenerse al día\n      url: https://twitter.com/hashtag/msintune\n  footer: ¿Tiene comentarios? [Consulte este recurso](use-docs.md).\n";
    let mut page = parse(text).expect("a Hub page");
    assert!(page.problems.is_empty(), "{:?}", page.problems);
    assert!(page.duplicate_keys.is_empty());
    let YamlContent::Hub(hub) = &page.content else {
        panic!("a hub");
    };
    assert_eq!(
        hub.additional_sections[0].items[0].title,
        "#Intune en Twitter"
    );
    let footer = hub.footer.clone().expect("a footer");
    assert_eq!((footer.line, footer.column), (28, 11));
    let urls: Vec<String> = page
        .urls_mut()
        .into_iter()
        .map(|(u, _)| u.value.clone())
        .collect();
    assert_eq!(
        urls,
        [
            "./fundamentals/what-is-intune.md",
            "./fundamentals/planning-guide.md",
            "./fundamentals/index.yml",
            "https://twitter.com/hashtag/msintune"
        ]
    );
    assert_eq!(page.rich_text_mut().len(), 1);
}

#[test]
fn landing_data_documents() {
    let text = "### YamlMime:YamlDocument\ndocumentType: LandingData\ntitle: SQL Server MLS\nmetadata:\n  ms.topic: landing-page\nabstract:\n  description: Machine learning <br/>in SQL Server.\n  aside:\n    image:\n      alt: a chart\n      src: media/index/value.png\n    title: Execute R\n    href: https://www.youtube.com/watch?v=x\nsections:\n- items:\n  - type: list\n    style: cards\n    className: cardsM\n    items:\n    - href: what-is.md\n      html: <p>Open-source R.</p>\n      image:\n        src: /media/index/placeholder.svg\n      title: R\n- title: Quickstarts\n  items:\n  - type: paragraph\n    text: 'Embed analytics.'\n  - type: video\n";
    let mut page = parse(text).expect("a LandingData page");
    assert_eq!(
        page.summary.as_deref(),
        Some("Machine learning in SQL Server.")
    );
    assert_eq!(page.problems.len(), 1, "{:?}", page.problems);
    let kinds: Vec<(String, UrlKind)> = page
        .urls_mut()
        .into_iter()
        .map(|(u, k)| (u.value.clone(), k))
        .collect();
    assert_eq!(
        kinds,
        [
            ("https://www.youtube.com/watch?v=x".into(), UrlKind::Link),
            ("media/index/value.png".into(), UrlKind::Image),
            ("what-is.md".into(), UrlKind::Link),
            ("/media/index/placeholder.svg".into(), UrlKind::Image),
        ]
    );
    let rich: Vec<bool> = page
        .rich_text_mut()
        .into_iter()
        .map(|(_, html)| html)
        .collect();
    assert_eq!(rich, [false, true, false]);
}

#[test]
fn broken_pages_are_errors_with_places() {
    let err = parse("### YamlMime:Landing\ntitle: [unclosed\n").expect_err("bad YAML");
    assert!(err.line >= 2, "{err:?}");
    let err = parse("### YamlMime:Landing\nsummary: no title\n").expect_err("no title");
    assert!(err.message.contains("`title`"), "{err:?}");
    let err = parse("### YamlMime:Landing\ntitle: x\nsummary: y\n").expect_err("no content");
    assert!(err.message.contains("landingContent"), "{err:?}");
    let err = parse("### YamlMime:Hub\ntitle: x\n").expect_err("no content");
    assert!(err.message.contains("highlightedContent"), "{err:?}");
    assert!(parse("title: x\n").is_err());
    // A link without a URL is a problem at its text; the rest of the page stands.
    let page = parse("### YamlMime:Landing\ntitle: x\nlandingContent:\n- title: c\n  linkLists:\n  - linkListType: overview\n    links:\n    - text: No URL\n    - text: Ok\n      url: ok.md\n")
        .expect("a page");
    assert_eq!(page.problems.len(), 1);
    assert_eq!((page.problems[0].line, page.problems[0].column), (8, 13));
    let YamlContent::Landing { landing_content } = &page.content else {
        panic!("landing");
    };
    assert_eq!(landing_content[0].link_lists[0].links.len(), 1);
}

// The English Intune hub of January 2020 gives a link's `text` twice.
#[test]
fn a_key_given_twice_is_a_warning_not_an_error() {
    let text = "### YamlMime:Hub\ntitle: Intune\nconceptualContent:\n  items:\n    - title: Remotely manage devices\n      links:\n        - url: ./remote-actions/device-management.md\n          itemType: concept\n          text: Device management overview\n          text: Device management capabilities\n";
    let mut page = parse(text).expect("a Hub page");
    assert_eq!(page.duplicate_keys, [("text".to_owned(), 10)]);
    let YamlContent::Hub(hub) = &page.content else {
        panic!("a hub");
    };
    let card = &hub.conceptual_content.as_ref().expect("concepts").items[0];
    assert_eq!(card.links[0].text, "Device management capabilities");
    assert_eq!(page.urls_mut()[0].0.line, 7);
}
