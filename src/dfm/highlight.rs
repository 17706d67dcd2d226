//! Syntax highlighting of code snippets at build time, the only user of `syntect`: its
//! bundled grammars, class-based HTML (`hl-` classes that the theme's `highlight.css`
//! colours), one `<span class="line">` per line so that `?highlight=` can mark lines. The
//! grammars load on first use, so pages without snippets pay nothing.

use super::html::escape;
use super::snippet::{self, CodeSnippet};
use std::sync::OnceLock;
use syntect::html::{ClassStyle, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The prefix of the highlighting classes (`hl-keyword`).
pub(crate) const CLASS_PREFIX: &str = "hl-";
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: CLASS_PREFIX,
};

/// Code longer than this is shown without colours (highlighting time grows with it).
pub(crate) const MAX_HIGHLIGHT_BYTES: usize = 256 * 1024;
/// A line longer than this turns colours off for its snippet (minified code).
pub(crate) const MAX_HIGHLIGHT_LINE: usize = 4 * 1024;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The grammar for a language name or file extension, if one is bundled.
fn syntax_for(language: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let language = language.trim_start_matches('.');
    if language.is_empty() {
        return None;
    }
    if let Some(syntax) = set.find_syntax_by_token(language) {
        return Some(syntax);
    }
    let token = match snippet::canonical_language(language)? {
        "csharp" => "cs",
        "cpp" | "arduino" | "cuda" => "cpp",
        "javascript" | "react" | "typescript" => "js",
        "python" => "py",
        "rust" => "rs",
        "ruby" => "rb",
        "shell" => "sh",
        "perl" => "pl",
        "haskell" => "hs",
        "erlang" => "erl",
        "pascal" => "pas",
        "batchfile" => "bat",
        "xaml" | "xml" => "xml",
        "html" | "cshtml" | "vbhtml" | "handlebars" => "html",
        "yaml" => "yaml",
        other => other,
    };
    set.find_syntax_by_token(token)
}

/// The inner HTML of a `<code>` element for `code` (lines ending in `\n`): each line a
/// `<span class="line">` (plus `highlighted` for the lines `is_marked` names, 1-based),
/// coloured by `language` when a grammar is bundled for it and the code is not too long.
pub(crate) fn code_html(
    code: &str,
    language: Option<&str>,
    is_marked: &dyn Fn(usize) -> bool,
) -> String {
    let syntax = language
        .filter(|_| code.len() <= MAX_HIGHLIGHT_BYTES)
        .filter(|_| code.lines().all(|l| l.len() <= MAX_HIGHLIGHT_LINE))
        .and_then(syntax_for);
    if let Some(syntax) = syntax
        && let Some(html) = classed(code, syntax, is_marked)
    {
        return html;
    }
    let mut out = String::with_capacity(code.len() + code.len() / 8);
    for (index, line) in code.lines().enumerate() {
        push_line_start(&mut out, is_marked(index + 1));
        out.push_str(&escape(line));
        out.push_str("</span>\n");
    }
    out
}

fn push_line_start(out: &mut String, marked: bool) {
    out.push_str(if marked {
        "<span class=\"line highlighted\">"
    } else {
        "<span class=\"line\">"
    });
}

/// Highlighted lines; `None` if the grammar fails on the code.
fn classed(
    code: &str,
    syntax: &SyntaxReference,
    is_marked: &dyn Fn(usize) -> bool,
) -> Option<String> {
    let set = syntaxes();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = String::with_capacity(code.len() * 3);
    for (index, line) in LinesWithEndings::from(code).enumerate() {
        push_line_start(&mut out, is_marked(index + 1));
        // Spans open at the end of the previous line are opened again inside this one.
        for scope in stack.as_slice() {
            push_open(&mut out, *scope);
        }
        let ops = state.parse_line(line, set).ok()?;
        let (html, _) = line_tokens_to_classed_spans(line, &ops, STYLE, &mut stack).ok()?;
        // The line's own newline is the only one in its HTML; it goes after the line.
        out.push_str(&html.replacen('\n', "", 1));
        for _ in 0..stack.len() {
            out.push_str("</span>");
        }
        out.push_str("</span>\n");
    }
    Some(out)
}

fn push_open(out: &mut String, scope: Scope) {
    out.push_str("<span class=\"");
    for (i, atom) in scope.build_string().split('.').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(CLASS_PREFIX);
        out.push_str(atom);
    }
    out.push_str("\">");
}

/// A snippet as DocFX writes it, `<pre><code class="lang-…" name="…" title="…"
/// highlight-lines="…">`, with the code highlighted. `extension` (of the snippet's file)
/// picks the grammar when the directive names no language.
pub(crate) fn snippet_html(snippet: &CodeSnippet, code: &str, extension: &str) -> String {
    let mut out = String::from("<pre class=\"snippet\"><code");
    if let Some(language) = &snippet.language {
        out.push_str(&format!(" class=\"lang-{}\"", escape(language)));
    }
    if !snippet.name.is_empty() {
        out.push_str(&format!(" name=\"{}\"", escape(&snippet.name)));
    }
    if let Some(title) = &snippet.title {
        out.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    if !snippet.highlight.is_empty() {
        out.push_str(&format!(
            " highlight-lines=\"{}\"",
            escape(&snippet::highlight_attribute(&snippet.highlight))
        ));
    }
    out.push('>');
    let language = snippet.language.as_deref().unwrap_or(extension);
    let marked = |line: usize| snippet::is_highlighted(&snippet.highlight, line);
    out.push_str(&code_html(code, Some(language), &marked));
    out.push_str("</code></pre>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unmarked(_: usize) -> bool {
        false
    }

    #[test]
    fn keywords_get_classes_and_lines_stay_whole() {
        let html = code_html("class A {}\n", Some("csharp"), &unmarked);
        assert!(html.starts_with("<span class=\"line\">"), "{html}");
        assert!(
            html.contains("hl-keyword") || html.contains("hl-storage"),
            "{html}"
        );
        assert!(html.ends_with("</span>\n"), "{html}");
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }

    #[test]
    fn a_comment_across_lines_is_coloured_on_each_line() {
        let code = "/* one\n   two */\nint x;\n";
        let html = code_html(code, Some("cs"), &|line| line == 2);
        let lines: Vec<&str> = html.lines().collect();
        assert_eq!(lines.len(), 3, "{html}");
        assert!(
            lines[1].starts_with("<span class=\"line highlighted\">"),
            "{html}"
        );
        assert!(lines[1].contains("hl-comment"), "{html}");
        for line in &lines {
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count(),
                "{line}"
            );
        }
    }

    #[test]
    fn unknown_languages_and_huge_code_are_plain_but_escaped() {
        let html = code_html("<b>&\n", Some("no-such-language"), &unmarked);
        assert_eq!(html, "<span class=\"line\">&lt;b&gt;&amp;</span>\n");
        let long = format!("int {};\n", "x".repeat(MAX_HIGHLIGHT_LINE));
        assert!(!code_html(&long, Some("cs"), &unmarked).contains("hl-"));
    }

    // DocFX: CodeSnippetTest.TestFencesBlockLevelWithQueryString (the attributes of `<code>`).
    #[test]
    fn snippets_carry_docfx_attributes() {
        let s =
            snippet::code_snippet(r#"[!code-csharp[Main](Program.cs?highlight=1 "A <title>")]"#)
                .expect("a snippet");
        let html = snippet_html(&s, "int i = 1;\n", "cs");
        assert!(
            html.starts_with("<pre class=\"snippet\"><code class=\"lang-csharp\" name=\"Main\" title=\"A &lt;title&gt;\" highlight-lines=\"1\"><span class=\"line highlighted\">"),
            "{html}"
        );
        assert!(html.ends_with("</code></pre>\n"));
        // No language on the directive: the file extension picks the grammar.
        let s = snippet::code_snippet("[!code[](a.py)]").expect("a snippet");
        assert!(snippet_html(&s, "def f(): pass\n", "py").contains("hl-"));
    }
}
