//! Reading a YAML page into its model: every value of the keys the model places found in
//! the text (line, column), each kind's fields read leniently, problems collected.

use super::{
    DataImage, DataItem, DataListItem, DataSection, Hub, HubCard, HubItem, HubSection, LandingCard,
    LandingData, Link, LinkList, Located, YamlContent, YamlPage, YamlPageKind, page_kind,
};
use crate::dfm::yaml::{self, ValuePlaces, YamlError};
use serde_yaml::{Mapping, Value};

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
