//! The redirections that pages' front matter adds (`redirect_url`).

use crate::diagnostic;
use crate::site::{self, Site};
use crate::source::Sources;

/// Pages whose front matter says `redirect_url` redirect their path: the locales that
/// lack the page get a redirect page there (the page itself stays a page, as published).
pub(super) fn redirect_pages(site: &mut Site, sources: &Sources) {
    let Site {
        locales, redirects, ..
    } = site;
    for (l, locale) in locales.iter().enumerate() {
        for path in &locale.pages {
            let Some(source) = sources.get(l, path) else {
                continue;
            };
            let Some(url) = source.front_matter.redirect_url.as_deref() else {
                continue;
            };
            let to = site::redirects::destination(url, site::paths::parent(path), Some(l), locales);
            let at = diagnostic::Location::new(
                source.site_path.clone(),
                source.front_matter.redirect_url_line,
                1,
            );
            redirects.add(site::redirects::Redirect {
                from: path.clone(),
                to,
                at,
                locale: Some(l),
            });
        }
    }
}
