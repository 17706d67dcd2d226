//! YAML pages: `### YamlMime:Landing`, `### YamlMime:Hub` and `### YamlMime:YamlDocument`
//! with `documentType: LandingData` (the `index.yml` home pages of Microsoft's docsets).
//! Each is read into a typed model for its theme template (`landing.html`, `hub.html`);
//! every URL in it keeps its place in the file (line, column) so that link findings point
//! at it, and the pass rewrites URLs in place ([`YamlPage::urls_mut`]) before rendering.
//! A file that does not parse or lacks what its kind needs is a `yaml-page` finding.
#![cfg_attr(not(test), allow(dead_code))]

use super::yaml::{self, ValuePlaces, YamlError};
use serde::ser::{Serialize, Serializer};
use serde_yaml::{Mapping, Value};

/// The kinds of YAML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum YamlPageKind {
    /// `### YamlMime:Landing`: cards of link lists.
    Landing,
    /// `### YamlMime:Hub`: a docset's hub (highlighted content, concept cards, tools…).
    Hub,
    /// `### YamlMime:YamlDocument` with `documentType: LandingData`: the older landing
    /// page (abstract, sections of paragraphs and lists).
    LandingData,
}

impl YamlPageKind {
    /// The theme template that renders the kind.
    pub(crate) fn template(self) -> &'static str {
        match self {
            YamlPageKind::Landing | YamlPageKind::LandingData => "landing.html",
            YamlPageKind::Hub => "hub.html",
        }
    }
}

/// The kind of YAML page `text` is, from its first line (and `documentType`); `None` for
/// any other file (a TOC, pivot definitions, data).
pub(crate) fn page_kind(text: &str) -> Option<YamlPageKind> {
    match yaml::yaml_mime(text)? {
        "Landing" => Some(YamlPageKind::Landing),
        "Hub" => Some(YamlPageKind::Hub),
        "YamlDocument" => text
            .lines()
            .any(|l| {
                l.strip_prefix("documentType:")
                    .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == "LandingData")
            })
            .then_some(YamlPageKind::LandingData),
        _ => None,
    }
}

/// A value and its place in the file (1-based line and column). Templates see the value
/// only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Located<T> {
    /// The value.
    pub(crate) value: T,
    /// 1-based line.
    pub(crate) line: u32,
    /// 1-based column (Unicode scalar values).
    pub(crate) column: u32,
}

impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// What a URL of a YAML page points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UrlKind {
    /// A page or file to go to (`url`, `href`).
    Link,
    /// An image to show (`imageSrc`, `image.src`).
    Image,
}

/// A link: text and URL.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Link {
    /// The text shown.
    pub(crate) text: String,
    /// Where it goes.
    pub(crate) url: Located<String>,
    /// `itemType` / `linkListType` of Microsoft's schemas (`overview`, `how-to-guide`…),
    /// for an icon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) item_type: Option<String>,
}

/// A card of a Landing page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LandingCard {
    /// The card's title.
    pub(crate) title: String,
    /// Lists of links, each of a type.
    pub(crate) link_lists: Vec<LinkList>,
}

/// A list of links of one type (`overview`, `concept`, `how-to-guide`…).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LinkList {
    /// `linkListType`.
    pub(crate) link_list_type: String,
    /// The links.
    pub(crate) links: Vec<Link>,
}

/// An item of a Hub's highlighted content or tools: a title that links.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct HubItem {
    /// The title shown.
    pub(crate) title: String,
    /// Where it goes.
    pub(crate) url: Located<String>,
    /// `itemType`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) item_type: Option<String>,
    /// `imageSrc` (tools, product directory).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) image_src: Option<Located<String>>,
    /// `summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<String>,
}

/// A card of a Hub's conceptual content or additional content: a title, links, maybe a
/// summary, a URL and a footer link.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct HubCard {
    /// The card's title.
    pub(crate) title: String,
    /// `summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<String>,
    /// `url` of a card that links as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<Located<String>>,
    /// `imageSrc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) image_src: Option<Located<String>>,
    /// The links.
    pub(crate) links: Vec<Link>,
    /// `footerLink` ("See more").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) footer_link: Option<Link>,
}

/// A titled part of a Hub holding cards (conceptual content, tools, product directory,
/// a section of additional content).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct HubSection {
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    /// `summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<String>,
    /// `items`.
    pub(crate) items: Vec<HubCard>,
}

/// The content of a Hub page.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Hub {
    /// `brand` (a colour name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) brand: Option<String>,
    /// `highlightedContent.items`.
    pub(crate) highlighted_content: Vec<HubItem>,
    /// `conceptualContent`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) conceptual_content: Option<HubSection>,
    /// `tools`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tools: Option<HubSection>,
    /// `productDirectory`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) product_directory: Option<HubSection>,
    /// `additionalContent.sections`.
    pub(crate) additional_sections: Vec<HubSection>,
    /// `additionalContent.footer`: Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) footer: Option<Located<String>>,
}

/// An image of a LandingData page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct DataImage {
    /// `src`.
    pub(crate) src: Located<String>,
    /// `alt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) alt: Option<String>,
}

/// An entry of a LandingData list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct DataListItem {
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    /// `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) text: Option<String>,
    /// `html`: raw HTML written by the author (as raw HTML in Markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) html: Option<Located<String>>,
    /// `href`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) href: Option<Located<String>>,
    /// `image`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) image: Option<DataImage>,
}

/// An item of a LandingData section.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum DataItem {
    /// `type: paragraph` (and `type: markdown`): Markdown text.
    Paragraph {
        /// The Markdown.
        text: Located<String>,
    },
    /// `type: list`: entries in a style (`cards`, `unordered`, `ordered`, `icon48`…).
    List {
        /// `style`.
        style: String,
        /// `className`.
        #[serde(skip_serializing_if = "Option::is_none", rename = "className")]
        class_name: Option<String>,
        /// The entries.
        items: Vec<DataListItem>,
    },
}

/// A section of a LandingData page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct DataSection {
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    /// `items`.
    pub(crate) items: Vec<DataItem>,
}

/// The content of a LandingData page.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct LandingData {
    /// `abstract.description`: Markdown (with inline HTML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<Located<String>>,
    /// `abstract.aside`: a link, maybe with an image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) aside: Option<DataListItem>,
    /// `sections`.
    pub(crate) sections: Vec<DataSection>,
}

/// The kind-specific content.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub(crate) enum YamlContent {
    /// `landingContent`.
    Landing {
        /// The cards.
        #[serde(rename = "landingContent")]
        landing_content: Vec<LandingCard>,
    },
    /// A Hub.
    Hub(Hub),
    /// A LandingData document.
    LandingData(LandingData),
}

/// A parsed YAML page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct YamlPage {
    /// The kind.
    pub(crate) kind: YamlPageKind,
    /// `title`: the page's heading (and `<title>` unless `metadata.title` says otherwise).
    pub(crate) title: String,
    /// `summary` (Landing, Hub) or `abstract.description` as text: shown under the title,
    /// indexed for search, the meta description by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<String>,
    /// `metadata`, as front matter is (`ms.assetid`, `ms.topic`, `title`, `description`…).
    pub(crate) metadata: serde_json::Map<String, serde_json::Value>,
    /// The content.
    pub(crate) content: YamlContent,
    /// Problems that did not stop the page (an entry without `url`…), each a `yaml-page`
    /// finding.
    #[serde(skip)]
    pub(crate) problems: Vec<YamlError>,
    /// Keys given twice in one mapping, with the line of the repeat (the last value wins;
    /// each a `duplicate-key` warning).
    #[serde(skip)]
    pub(crate) duplicate_keys: Vec<(String, u32)>,
}

impl YamlPage {
    /// Every URL of the page, in document order, with what it points at: the pass checks
    /// each (with its place) and writes the resolved URL back.
    pub(crate) fn urls_mut(&mut self) -> Vec<(&mut Located<String>, UrlKind)> {
        let mut out: Vec<(&mut Located<String>, UrlKind)> = Vec::new();
        fn links<'a>(out: &mut Vec<(&'a mut Located<String>, UrlKind)>, links: &'a mut [Link]) {
            out.extend(links.iter_mut().map(|l| (&mut l.url, UrlKind::Link)));
        }
        fn card<'a>(out: &mut Vec<(&'a mut Located<String>, UrlKind)>, card: &'a mut HubCard) {
            if let Some(url) = &mut card.url {
                out.push((url, UrlKind::Link));
            }
            if let Some(src) = &mut card.image_src {
                out.push((src, UrlKind::Image));
            }
            links(out, &mut card.links);
            if let Some(footer) = &mut card.footer_link {
                out.push((&mut footer.url, UrlKind::Link));
            }
        }
        fn data_item<'a>(
            out: &mut Vec<(&'a mut Located<String>, UrlKind)>,
            item: &'a mut DataListItem,
        ) {
            if let Some(href) = &mut item.href {
                out.push((href, UrlKind::Link));
            }
            if let Some(image) = &mut item.image {
                out.push((&mut image.src, UrlKind::Image));
            }
        }
        match &mut self.content {
            YamlContent::Landing { landing_content } => {
                for c in landing_content {
                    for list in &mut c.link_lists {
                        links(&mut out, &mut list.links);
                    }
                }
            }
            YamlContent::Hub(hub) => {
                for item in &mut hub.highlighted_content {
                    out.push((&mut item.url, UrlKind::Link));
                }
                for section in [
                    &mut hub.conceptual_content,
                    &mut hub.tools,
                    &mut hub.product_directory,
                ]
                .into_iter()
                .flatten()
                .chain(hub.additional_sections.iter_mut())
                {
                    for c in &mut section.items {
                        card(&mut out, c);
                    }
                }
            }
            YamlContent::LandingData(data) => {
                if let Some(aside) = &mut data.aside {
                    data_item(&mut out, aside);
                }
                for section in &mut data.sections {
                    for item in &mut section.items {
                        if let DataItem::List { items, .. } = item {
                            for entry in items {
                                data_item(&mut out, entry);
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// The Markdown fields (a Hub's footer, LandingData paragraphs and description) and the
    /// raw HTML fields (LandingData `html`), which the pass renders (and whose links it
    /// checks) as inline content; `true` marks raw HTML.
    pub(crate) fn rich_text_mut(&mut self) -> Vec<(&mut Located<String>, bool)> {
        let mut out = Vec::new();
        match &mut self.content {
            YamlContent::Landing { .. } => {}
            YamlContent::Hub(hub) => {
                if let Some(footer) = &mut hub.footer {
                    out.push((footer, false));
                }
            }
            YamlContent::LandingData(data) => {
                if let Some(d) = &mut data.description {
                    out.push((d, false));
                }
                for section in &mut data.sections {
                    for item in &mut section.items {
                        match item {
                            DataItem::Paragraph { text } => out.push((text, false)),
                            DataItem::List { items, .. } => {
                                for entry in items {
                                    if let Some(html) = &mut entry.html {
                                        out.push((html, true));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// The text search indexes for the page: its title, summary and link texts.
    pub(crate) fn search_text(&self) -> String {
        let mut out = self.title.clone();
        if let Some(summary) = &self.summary {
            out.push('\n');
            out.push_str(summary);
        }
        out
    }
}

/// The keys whose values the model places.
const PLACED_KEYS: &[&str] = &[
    "url",
    "href",
    "src",
    "imageSrc",
    "footer",
    "text",
    "html",
    "title",
    "description",
];

/// Parses a YAML page (`text` without BOM). `Err` for YAML that does not parse, a file that
/// is not a YAML page, or one without its kind's required fields (a `title`, and
/// `landingContent` for Landing, some content for Hub, `sections` for LandingData).
pub(crate) fn parse(text: &str) -> Result<YamlPage, YamlError> {
    let Some(kind) = page_kind(text) else {
        return Err(YamlError::at(
            1,
            1,
            "not a YAML page: the first line is not `### YamlMime:Landing`, `### YamlMime:Hub` or `### YamlMime:YamlDocument` (with `documentType: LandingData`)",
        ));
    };
    let value = yaml::parse_value(text)?;
    let Some(root) = value.as_mapping() else {
        return Err(YamlError::at(
            2,
            1,
            "a YAML page must be a mapping of keys to values",
        ));
    };
    let mut reader = Reader {
        places: ValuePlaces::scan(text, PLACED_KEYS),
        problems: Vec::new(),
        key_lines: KeyLines::scan(text),
    };
    let Some(title) = yaml::text_field(root, "title") else {
        return Err(YamlError::at(2, 1, "a YAML page needs a `title`"));
    };
    reader.places.take("title", &title);
    let metadata = match root.get("metadata") {
        Some(v @ Value::Mapping(_)) => match yaml::to_json(v) {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        },
        _ => serde_json::Map::new(),
    };
    let mut summary = yaml::text_field(root, "summary").map(|s| strip_tags(&s));
    let content = match kind {
        YamlPageKind::Landing => {
            let Some(Value::Sequence(cards)) = root.get("landingContent") else {
                return Err(reader.key_error(
                    "landingContent",
                    "a Landing page needs `landingContent`: a list of cards",
                ));
            };
            YamlContent::Landing {
                landing_content: cards
                    .iter()
                    .filter_map(|c| reader.landing_card(c))
                    .collect(),
            }
        }
        YamlPageKind::Hub => {
            let hub = reader.hub(root);
            if hub.highlighted_content.is_empty()
                && hub.conceptual_content.is_none()
                && hub.tools.is_none()
                && hub.product_directory.is_none()
                && hub.additional_sections.is_empty()
            {
                return Err(YamlError::at(
                    2,
                    1,
                    "a Hub page needs content: `highlightedContent`, `conceptualContent`, `tools`, `productDirectory` or `additionalContent`",
                ));
            }
            YamlContent::Hub(hub)
        }
        YamlPageKind::LandingData => {
            if !matches!(root.get("sections"), Some(Value::Sequence(_))) {
                return Err(
                    reader.key_error("sections", "a LandingData page needs `sections`: a list")
                );
            }
            let data = reader.landing_data(root);
            if summary.is_none() {
                summary = data.description.as_ref().map(|d| strip_tags(&d.value));
            }
            YamlContent::LandingData(data)
        }
    };
    Ok(YamlPage {
        kind,
        title: strip_tags(&title),
        summary,
        metadata,
        content,
        problems: reader.problems,
        duplicate_keys: yaml::duplicate_keys(text),
    })
}

/// Where top-level and nested keys first stand, for errors about a missing value.
struct KeyLines {
    lines: Vec<(String, u32)>,
}

impl KeyLines {
    fn scan(text: &str) -> Self {
        let lines = text
            .lines()
            .enumerate()
            .filter_map(|(i, line)| {
                let key = line
                    .trim_start()
                    .trim_start_matches("- ")
                    .split(':')
                    .next()?;
                Some((key.trim().to_owned(), i as u32 + 1))
            })
            .collect();
        KeyLines { lines }
    }

    fn line(&self, key: &str) -> Option<u32> {
        self.lines.iter().find(|(k, _)| k == key).map(|(_, l)| *l)
    }
}

struct Reader {
    places: ValuePlaces,
    problems: Vec<YamlError>,
    key_lines: KeyLines,
}

impl Reader {
    fn key_error(&self, key: &str, message: &str) -> YamlError {
        YamlError::at(self.key_lines.line(key).unwrap_or(2), 1, message)
    }

    fn located(&mut self, key: &str, value: String) -> Located<String> {
        let (line, column) = self.places.take(key, &value);
        Located {
            value,
            line,
            column,
        }
    }

    /// A required URL under `key`; a problem at the entry's text when it lacks one.
    fn url(&mut self, map: &Mapping, key: &str, what: &str, near: &str) -> Option<Located<String>> {
        match yaml::text_field(map, key) {
            Some(url) => Some(self.located(key, url)),
            None => {
                let (line, column) = self.places.take("text", near);
                let (line, column) = if (line, column) == (1, 1) {
                    self.places.take("title", near)
                } else {
                    (line, column)
                };
                self.problems.push(YamlError::at(
                    line,
                    column,
                    format!("{what} `{near}` has no `{key}`"),
                ));
                None
            }
        }
    }

    fn link(&mut self, value: &Value, item_type_key: &str) -> Option<Link> {
        let map = value.as_mapping()?;
        let text = yaml::text_field(map, "text")
            .or_else(|| yaml::text_field(map, "title"))
            .unwrap_or_default();
        let url = self.url(map, "url", "link", &text)?;
        let text = if text.is_empty() {
            url.value.clone()
        } else {
            strip_tags(&text)
        };
        Some(Link {
            text,
            url,
            item_type: yaml::text_field(map, item_type_key),
        })
    }

    fn landing_card(&mut self, value: &Value) -> Option<LandingCard> {
        let map = value.as_mapping()?;
        let title = yaml::text_field(map, "title").unwrap_or_default();
        let link_lists = yaml::seq_field(map, "linkLists")
            .iter()
            .filter_map(|list| {
                let list_map = list.as_mapping()?;
                let link_list_type = yaml::text_field(list_map, "linkListType").unwrap_or_default();
                let links = yaml::seq_field(list_map, "links")
                    .iter()
                    .filter_map(|l| self.link(l, "itemType"))
                    .collect();
                Some(LinkList {
                    link_list_type,
                    links,
                })
            })
            .collect();
        Some(LandingCard {
            title: strip_tags(&title),
            link_lists,
        })
    }

    fn hub(&mut self, root: &Mapping) -> Hub {
        let mut hub = Hub {
            brand: yaml::text_field(root, "brand"),
            ..Hub::default()
        };
        if let Some(highlighted) = yaml::map_field(root, "highlightedContent") {
            hub.highlighted_content = yaml::seq_field(highlighted, "items")
                .iter()
                .filter_map(|item| self.hub_item(item))
                .collect();
        }
        hub.conceptual_content =
            yaml::map_field(root, "conceptualContent").map(|s| self.hub_section(s));
        hub.tools = yaml::map_field(root, "tools").map(|s| self.hub_section(s));
        hub.product_directory =
            yaml::map_field(root, "productDirectory").map(|s| self.hub_section(s));
        if let Some(additional) = yaml::map_field(root, "additionalContent") {
            hub.additional_sections = yaml::seq_field(additional, "sections")
                .iter()
                .filter_map(|s| s.as_mapping().map(|s| self.hub_section(s)))
                .collect();
            hub.footer = yaml::text_field(additional, "footer").map(|f| self.located("footer", f));
        }
        hub
    }

    fn hub_item(&mut self, value: &Value) -> Option<HubItem> {
        let map = value.as_mapping()?;
        let title = yaml::text_field(map, "title").unwrap_or_default();
        let url = self.url(map, "url", "item", &title)?;
        Some(HubItem {
            title: strip_tags(&title),
            url,
            item_type: yaml::text_field(map, "itemType"),
            image_src: yaml::text_field(map, "imageSrc").map(|s| self.located("imageSrc", s)),
            summary: yaml::text_field(map, "summary").map(|s| strip_tags(&s)),
        })
    }

    fn hub_section(&mut self, map: &Mapping) -> HubSection {
        let items = yaml::seq_field(map, "items")
            .iter()
            .filter_map(|item| {
                let item = item.as_mapping()?;
                let title = yaml::text_field(item, "title").unwrap_or_default();
                let url = yaml::text_field(item, "url").map(|u| self.located("url", u));
                let image_src =
                    yaml::text_field(item, "imageSrc").map(|s| self.located("imageSrc", s));
                let links = yaml::seq_field(item, "links")
                    .iter()
                    .filter_map(|l| self.link(l, "itemType"))
                    .collect::<Vec<_>>();
                let footer_link = item
                    .get("footerLink")
                    .and_then(|f| self.link(f, "itemType"));
                if url.is_none() && links.is_empty() && footer_link.is_none() {
                    let (line, column) = self.places.take("title", &title);
                    self.problems.push(YamlError::at(
                        line,
                        column,
                        format!("item `{title}` has no `url` and no `links`"),
                    ));
                }
                Some(HubCard {
                    title: strip_tags(&title),
                    summary: yaml::text_field(item, "summary").map(|s| strip_tags(&s)),
                    url,
                    image_src,
                    links,
                    footer_link,
                })
            })
            .collect();
        HubSection {
            title: yaml::text_field(map, "title").map(|s| strip_tags(&s)),
            summary: yaml::text_field(map, "summary").map(|s| strip_tags(&s)),
            items,
        }
    }

    fn landing_data(&mut self, root: &Mapping) -> LandingData {
        let mut data = LandingData::default();
        if let Some(abstract_) = yaml::map_field(root, "abstract") {
            data.description =
                yaml::text_field(abstract_, "description").map(|d| self.located("description", d));
            data.aside = yaml::map_field(abstract_, "aside").map(|a| self.data_list_item(a));
        }
        data.sections = yaml::seq_field(root, "sections")
            .iter()
            .filter_map(|section| {
                let section = section.as_mapping()?;
                let items = yaml::seq_field(section, "items")
                    .iter()
                    .filter_map(|item| self.data_item(item))
                    .collect();
                Some(DataSection {
                    title: yaml::text_field(section, "title").map(|s| strip_tags(&s)),
                    items,
                })
            })
            .collect();
        data
    }

    fn data_item(&mut self, value: &Value) -> Option<DataItem> {
        let map = value.as_mapping()?;
        match yaml::text_field(map, "type").as_deref() {
            Some("paragraph" | "markdown") => {
                let text = yaml::text_field(map, "text")?;
                Some(DataItem::Paragraph {
                    text: self.located("text", text),
                })
            }
            Some("list") => Some(DataItem::List {
                style: yaml::text_field(map, "style").unwrap_or_else(|| "unordered".into()),
                class_name: yaml::text_field(map, "className"),
                items: yaml::seq_field(map, "items")
                    .iter()
                    .filter_map(|entry| entry.as_mapping().map(|e| self.data_list_item(e)))
                    .collect(),
            }),
            other => {
                let (line, column) = self.places.take("text", "");
                self.problems.push(YamlError::at(
                    line,
                    column,
                    format!(
                        "a section item of type `{}` is not `paragraph`, `markdown` or `list`; it is left out",
                        other.unwrap_or("")
                    ),
                ));
                None
            }
        }
    }

    fn data_list_item(&mut self, map: &Mapping) -> DataListItem {
        DataListItem {
            title: yaml::text_field(map, "title").map(|s| strip_tags(&s)),
            text: yaml::text_field(map, "text").map(|s| strip_tags(&s)),
            html: yaml::text_field(map, "html").map(|h| self.located("html", h)),
            href: yaml::text_field(map, "href").map(|h| self.located("href", h)),
            image: yaml::map_field(map, "image").and_then(|image| {
                let src = yaml::text_field(image, "src")?;
                Some(DataImage {
                    src: self.located("src", src),
                    alt: yaml::text_field(image, "alt"),
                })
            }),
        }
    }
}

/// Text without HTML tags (titles and summaries are shown as text, escaped by the theme).
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (is_tag, after.find('>')) {
            (true, Some(end)) => rest = &after[end + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
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
        assert_eq!(
            page.search_text(),
            "Instrucciones para desarrolladores\nAprenda a usar los recursos."
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
}
