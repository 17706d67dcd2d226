//! The dialect: front matter, include directives, blockquote markers, anchors and raw HTML
//! as DFM reads them, and the DocFX extensions in current use (zones, tabs, `:::` blocks,
//! code snippets, cross references, YAML pages). Functions over text (and, for snippets and
//! YAML pages, the files they name); the pass that applies them is `markdown`.

pub(crate) mod anchor;
pub(crate) mod directive;
pub(crate) mod front_matter;
pub(crate) mod html;

// The DocFX extensions in current use: pure functions the pass calls.
pub(crate) mod details;
pub(crate) mod highlight;
pub(crate) mod image;
pub(crate) mod markers;
pub(crate) mod moniker;
pub(crate) mod pivot_groups;
pub(crate) mod row;
pub(crate) mod snippet;
pub(crate) mod tabs;
pub(crate) mod triple_colon;
pub(crate) mod xref;
pub(crate) mod xrefmap;
pub(crate) mod yaml;
pub(crate) mod yaml_page;
pub(crate) mod zone;

use pulldown_cmark::Options;

/// The Markdown extensions DFM builds on (GFM tables, strikethrough, task lists, footnotes,
/// `{#id}` heading attributes). GFM alerts stay off: DFM alerts are handled here.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);
