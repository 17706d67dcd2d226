//! `sitemap.xml`: every page with its translations as `xhtml:link` alternates. Written only
//! when the base URL is absolute (a sitemap of relative URLs is invalid).

use super::views::Alternate;

/// The pages of the sitemap, in output order.
#[derive(Default)]
pub(super) struct Sitemap {
    /// Per page: its own URL first, then every alternate (itself included).
    urls: Vec<(String, Vec<Alternate>)>,
}

impl Sitemap {
    /// Adds a page given its alternates; the page's own URL is the one of its locale, which
    /// comes first among the alternates of the locale being written.
    pub(super) fn add_page(&mut self, own: String, alternates: Vec<Alternate>) {
        self.urls.push((own, alternates));
    }

    /// The XML document.
    pub(super) fn xml(&self) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for (own, alternates) in &self.urls {
            xml.push_str("<url><loc>");
            xml.push_str(&escape(own));
            xml.push_str("</loc>");
            for a in alternates {
                xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
                xml.push_str(&escape(&a.lang));
                xml.push_str("\" href=\"");
                xml.push_str(&escape(&a.href));
                xml.push_str("\"/>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
