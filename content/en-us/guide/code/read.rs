/// Reads a page: its text, then its front matter.
// <read>
fn read_page(path: &Path) -> io::Result<Page> {
    let text = std::fs::read_to_string(path)?;
    Ok(Page::parse(&text))
}
// </read>
