//! `:::image type="content|complex|icon" source="…" alt-text="…" lightbox="…" border="…"
//! link="…":::`, as DocFX's `ImageExtension` reads and renders it (DocFX tests: `ImageTest`,
//! `TripleColonTest`). It stands inline (in a paragraph or a table cell); `type="complex"`
//! is a block whose long description follows, up to `:::image-end:::`.

use super::html::escape;
use super::triple_colon::{self, Closing};

/// The kind of image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImageKind {
    /// A picture that illustrates the text: needs `alt-text`.
    Content,
    /// A picture with a long description (up to `:::image-end:::`), hidden visually and
    /// read by screen readers.
    Complex,
    /// A decorative icon: no alternative text, `role="presentation"`.
    Icon,
}

/// What is wrong with an image directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ImageProblem {
    /// No `alt-text` on a content or complex image (`image-alt-missing`).
    AltMissing,
    /// No `source` (the image cannot be shown).
    SourceMissing,
    /// An attribute DocFX does not know (ignored).
    UnknownAttribute(String),
    /// A `type` other than content, complex and icon (read as content).
    UnknownType(String),
    /// The attributes do not read (the directive is not an image).
    Syntax(String),
}

/// A `:::image …:::` directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ImageDirective {
    /// `type`, content by default.
    pub(crate) kind: ImageKind,
    /// `source`: the image file (a resource).
    pub(crate) source: Option<String>,
    /// `alt-text`.
    pub(crate) alt_text: Option<String>,
    /// `lightbox`: the full-size image a click opens.
    pub(crate) lightbox: Option<String>,
    /// `border`: by default on for content and complex images, off for icons.
    pub(crate) border: bool,
    /// `link`: where a click goes (wins over `lightbox`).
    pub(crate) link: Option<String>,
    /// Byte length of the directive (up to and including its closing `:::`).
    pub(crate) len: usize,
    /// Byte offset of each attribute value that is a reference (`source`, `lightbox`,
    /// `link`) in the directive's text, for findings about it.
    pub(crate) offsets: ImageOffsets,
    /// What is wrong with it.
    pub(crate) problems: Vec<ImageProblem>,
}

/// Where the reference attributes stand in the directive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ImageOffsets {
    /// `source`.
    pub(crate) source: Option<usize>,
    /// `lightbox`.
    pub(crate) lightbox: Option<usize>,
    /// `link`.
    pub(crate) link: Option<usize>,
}

/// Reads `text` (which starts with `:::image`, any letter case) as an image directive.
/// `None` when it is not one (another name, or `:::image-end:::`); an image whose
/// attributes do not read comes back with a [`ImageProblem::Syntax`] and is not rendered.
pub(crate) fn image_directive(text: &str) -> Option<ImageDirective> {
    let rest = text.strip_prefix(":::")?;
    let name_len = triple_colon::identifier_len(rest)?;
    if !rest[..name_len].eq_ignore_ascii_case("image") {
        return None;
    }
    let attrs_start = 3 + name_len;
    let mut image = ImageDirective {
        kind: ImageKind::Content,
        source: None,
        alt_text: None,
        lightbox: None,
        border: true,
        link: None,
        len: attrs_start,
        offsets: ImageOffsets::default(),
        problems: Vec::new(),
    };
    let attrs = match triple_colon::attributes(&text[attrs_start..], Closing::Colons) {
        Ok(attrs) => attrs,
        Err(err) => {
            image.problems.push(ImageProblem::Syntax(err.message));
            return Some(image);
        }
    };
    image.len = attrs_start + attrs.len;
    let mut border = None;
    for attr in &attrs.list {
        let offset = attrs_start + attr.offset;
        let value = attr.value.trim();
        let non_empty = (!value.is_empty()).then(|| value.to_owned());
        match attr.name.as_str() {
            "type" => {
                image.kind = match value {
                    "content" | "" => ImageKind::Content,
                    "complex" => ImageKind::Complex,
                    "icon" => ImageKind::Icon,
                    other => {
                        image
                            .problems
                            .push(ImageProblem::UnknownType(other.to_owned()));
                        ImageKind::Content
                    }
                }
            }
            "source" => {
                image.source = non_empty;
                image.offsets.source = Some(offset);
            }
            "alt-text" => image.alt_text = non_empty,
            "lightbox" => {
                image.lightbox = non_empty;
                image.offsets.lightbox = Some(offset);
            }
            "link" => {
                image.link = non_empty;
                image.offsets.link = Some(offset);
            }
            "border" => border = value.to_ascii_lowercase().parse::<bool>().ok(),
            "loc-scope" => {}
            other => image
                .problems
                .push(ImageProblem::UnknownAttribute(other.to_owned())),
        }
    }
    image.border = border.unwrap_or(image.kind != ImageKind::Icon);
    if image.source.is_none() {
        image.problems.push(ImageProblem::SourceMissing);
    }
    if image.alt_text.is_none() && image.kind != ImageKind::Icon {
        image.problems.push(ImageProblem::AltMissing);
    }
    Some(image)
}

/// Whether `line` (trimmed) is `:::image-end:::`, which ends a complex image's description.
pub(crate) fn is_image_end(line: &str) -> bool {
    let line = line.trim();
    let Some(rest) = line.strip_prefix(":::") else {
        return false;
    };
    let rest = rest.trim_start();
    rest.len() >= "image-end".len()
        && rest[.."image-end".len()].eq_ignore_ascii_case("image-end")
        && rest["image-end".len()..].trim() == ":::"
}

/// The URLs an image's references resolved to (relative to the page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ImageUrls<'u> {
    /// `source`.
    pub(crate) source: &'u str,
    /// `lightbox`, if any.
    pub(crate) lightbox: Option<&'u str>,
    /// `link`, if any.
    pub(crate) link: Option<&'u str>,
}

/// A complex image's long description: the rendered HTML and an id unique on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LongDescription<'d> {
    /// Element id (`aria-describedby` points at it).
    pub(crate) id: &'d str,
    /// Rendered Markdown.
    pub(crate) html: &'d str,
}

/// The HTML of an image, as DocFX writes it: `<span class="mx-imgBorder">` around a
/// bordered image, `<a href="…#lightbox">` to the full image (or `<a href>` for `link`), and
/// for a complex image a visually hidden description that `aria-describedby` names. The
/// theme's script opens `#lightbox` links in an overlay; without it they open the image.
pub(crate) fn image_html(
    image: &ImageDirective,
    urls: &ImageUrls<'_>,
    description: Option<&LongDescription<'_>>,
) -> String {
    let mut out = String::new();
    if image.border {
        out.push_str("<span class=\"mx-imgBorder\">\n");
    }
    let href = match (urls.link, urls.lightbox) {
        (Some(link), _) => Some(escape(link)),
        (None, Some(lightbox)) => Some(format!(
            "{}#lightbox\" data-linktype=\"relative-path",
            escape(lightbox)
        )),
        (None, None) => None,
    };
    if let Some(href) = &href {
        out.push_str(&format!("<a href=\"{href}\">\n"));
    }
    out.push_str(&format!("<img src=\"{}\"", escape(urls.source)));
    match image.kind {
        ImageKind::Icon => out.push_str(" alt=\"\" role=\"presentation\""),
        _ => out.push_str(&format!(
            " alt=\"{}\"",
            escape(image.alt_text.as_deref().unwrap_or(""))
        )),
    }
    if let (ImageKind::Complex, Some(d)) = (image.kind, description) {
        out.push_str(&format!(" aria-describedby=\"{}\"", escape(d.id)));
    }
    out.push_str(">\n");
    if let (ImageKind::Complex, Some(d)) = (image.kind, description) {
        out.push_str(&format!(
            "<div id=\"{}\" class=\"visually-hidden\">{}</div>\n",
            escape(d.id),
            d.html
        ));
    }
    if href.is_some() {
        out.push_str("</a>\n");
    }
    if image.border {
        out.push_str("</span>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ImageDirective {
        image_directive(text).expect("an image directive")
    }

    fn urls(source: &str) -> ImageUrls<'_> {
        ImageUrls {
            source,
            ..ImageUrls::default()
        }
    }

    // DocFX: ImageTest.ImageTestBlockGeneral.
    #[test]
    fn content_images_have_a_border_and_a_lightbox_link() {
        let img = read(r#":::image type="content" source="example.jpg" alt-text="example":::"#);
        assert!(img.problems.is_empty(), "{:?}", img.problems);
        assert_eq!(
            image_html(&img, &urls("example.jpg"), None),
            "<span class=\"mx-imgBorder\">\n<img src=\"example.jpg\" alt=\"example\">\n</span>\n"
        );
        let img = read(
            r#":::image type="content" source="example.jpg" alt-text="example" lightbox="example-expanded.jpg" border="false":::"#,
        );
        let html = image_html(
            &img,
            &ImageUrls {
                source: "example.jpg",
                lightbox: Some("example-expanded.jpg"),
                link: None,
            },
            None,
        );
        assert_eq!(
            html,
            "<a href=\"example-expanded.jpg#lightbox\" data-linktype=\"relative-path\">\n<img src=\"example.jpg\" alt=\"example\">\n</a>\n"
        );
        assert_eq!(img.offsets.lightbox, Some(64));
    }

    // DocFX: ImageTest.ImageWithIconTypeTestBlockGeneral, TripleColonTest.Issue8999.
    #[test]
    fn icons_are_decorative_and_text_may_follow() {
        let text = r#":::image type="icon" source="../images/copy.png"::: button on the right"#;
        let img = read(text);
        assert!(img.problems.is_empty(), "{:?}", img.problems);
        assert!(!img.border);
        assert_eq!(&text[img.len..], " button on the right");
        assert_eq!(
            image_html(&img, &urls("../images/copy.png"), None),
            "<img src=\"../images/copy.png\" alt=\"\" role=\"presentation\">\n"
        );
        let img = read(r#":::image type="icon" source="example.svg" border="true":::"#);
        assert!(img.border);
    }

    // DocFX: ImageTest.ComplexImageTestBlockGeneral, ContentImageTestBlock_LinkAttribute.
    #[test]
    fn complex_images_describe_themselves_and_links_win_over_lightboxes() {
        let img = read(
            r#":::image type="complex" source="example.jpg" alt-text="example" loc-scope="azure" lightbox="example-expanded.jpg":::"#,
        );
        assert_eq!(img.kind, ImageKind::Complex);
        let description = LongDescription {
            id: "image-3-1",
            html: "<p>Lorem <code>code</code></p>",
        };
        let html = image_html(
            &img,
            &ImageUrls {
                source: "example.jpg",
                lightbox: Some("example-expanded.jpg"),
                link: None,
            },
            Some(&description),
        );
        assert!(html.contains("aria-describedby=\"image-3-1\""), "{html}");
        assert!(
            html.contains("<div id=\"image-3-1\" class=\"visually-hidden\"><p>Lorem <code>code</code></p></div>"),
            "{html}"
        );
        let img = read(
            r#":::image source="example.svg" lightbox="example.svg" alt-text="Lorum Ipsom" link="https://example.org/?a=1&b=2":::"#,
        );
        let html = image_html(
            &img,
            &ImageUrls {
                source: "example.svg",
                lightbox: Some("example.svg"),
                link: Some("https://example.org/?a=1&b=2"),
            },
            None,
        );
        assert!(
            html.contains("<a href=\"https://example.org/?a=1&amp;b=2\">"),
            "{html}"
        );
        assert!(!html.contains("#lightbox"), "{html}");
        assert!(is_image_end(" :::image-end::: "));
        assert!(is_image_end(":::Image-End:::"));
        assert!(!is_image_end(":::image-end"));
    }

    // DocFX: ImageTest.ImageTestBlock_InvalidImage_MissingSource, ContentImageTestBlock_InvalidImage_MissingAlt.
    #[test]
    fn missing_alt_text_and_source_are_problems() {
        let img = read(r#":::image source="example.svg":::"#);
        assert_eq!(img.problems, [ImageProblem::AltMissing]);
        let img = read(r#":::image type="icon":::"#);
        assert_eq!(img.problems, [ImageProblem::SourceMissing]);
        let img = read(r#":::image source="a.png" alt-text="a" size="big":::"#);
        assert_eq!(
            img.problems,
            [ImageProblem::UnknownAttribute("size".into())]
        );
        let img = read(r#":::image source="a.png" alt-text="a""#);
        assert!(matches!(img.problems[..], [ImageProblem::Syntax(_)]));
        assert_eq!(image_directive(":::image-end:::"), None);
        assert_eq!(image_directive(":::row:::"), None);
        // Alternative text is escaped.
        let img = read(r#":::image source="a.png" alt-text="<b>&":::"#);
        assert!(image_html(&img, &urls("a.png"), None).contains("alt=\"&lt;b&gt;&amp;\""));
    }
}
