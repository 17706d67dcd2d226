//! The dialect: front matter, include directives, blockquote markers, anchors and raw HTML
//! as DFM reads them. Pure text functions; the pass that applies them is `markdown`.

pub mod anchor;
pub mod directive;
pub mod front_matter;
pub mod html;
