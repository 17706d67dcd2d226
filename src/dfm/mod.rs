//! The dialect: front matter, include directives, blockquote markers, anchors and raw HTML
//! as DFM reads them. Pure text functions; the pass that applies them is `markdown`.

pub mod anchor;
pub mod directive;
pub mod front_matter;
pub mod html;

// The DocFX extensions in current use (SPEC §8): pure functions the pass will call.
pub(crate) mod details;
pub(crate) mod highlight;
pub(crate) mod image;
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
