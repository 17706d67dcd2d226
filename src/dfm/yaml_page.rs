//! YAML pages: `### YamlMime:Landing`, `### YamlMime:Hub` and `### YamlMime:YamlDocument`
//! with `documentType: LandingData` (the `index.yml` home pages of Microsoft's docsets).
//! Each is read into a typed model for its theme template (`landing.html`, `hub.html`);
//! every URL in it keeps its place in the file (line, column) so that link findings point
//! at it, and the pass rewrites URLs in place ([`YamlPage::urls_mut`]) before rendering.
//! A file that does not parse or lacks what its kind needs is a `yaml-page` finding.

mod parse;

pub(crate) use parse::parse;

use super::yaml::{self, YamlError};
use serde::ser::{Serialize, Serializer};

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

/// The versions a YAML page's `metadata` gives it (`monikerRange`, `exclude_monikers`), as
/// front matter fields: read when the file is loaded, as a Markdown page's front matter is,
/// so that the page's file-level versions are known before its pass. Empty for a file that
/// is not a YAML page or names no versions.
pub(crate) fn version_fields(text: &str) -> serde_json::Map<String, serde_json::Value> {
    use super::front_matter::{EXCLUDE_MONIKERS, MONIKER_RANGE};
    let mut fields = serde_json::Map::new();
    if !(text.contains(MONIKER_RANGE) || text.contains(EXCLUDE_MONIKERS))
        || page_kind(text).is_none()
    {
        return fields;
    }
    let Ok(value) = yaml::parse_value(text) else {
        return fields;
    };
    if let Some(serde_yaml::Value::Mapping(metadata)) = value.get("metadata") {
        for key in [MONIKER_RANGE, EXCLUDE_MONIKERS] {
            if let Some(v) = metadata.get(key) {
                fields.insert(key.to_owned(), yaml::to_json(v));
            }
        }
    }
    fields
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
}

#[cfg(test)]
mod tests;
