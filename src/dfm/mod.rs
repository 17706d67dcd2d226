//! The dialect: front matter, include directives, blockquote markers, anchors and raw HTML
//! as DFM reads them. Pure text functions; the pass that applies them is `markdown`.

pub(crate) mod anchor;
pub(crate) mod directive;
pub(crate) mod front_matter;
pub(crate) mod html;

use pulldown_cmark::Options;

/// The Markdown extensions DFM builds on (GFM tables, strikethrough, task lists, footnotes,
/// `{#id}` heading attributes). GFM alerts stay off: DFM alerts are handled here.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);
