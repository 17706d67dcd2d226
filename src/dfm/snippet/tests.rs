//! Unit tests of code snippets: the directive, the lines it selects, the read cap.

use super::*;

const PROGRAM: &str = "namespace ConsoleApplication1\n{\n    // <namespace>\n    using System;\n    using System.Collections.Generic;\n    using System.IO;\n    // </namespace>\n\n    // <snippetprogram>\n    class Program\n    {\n        static void Main(string[] args)\n        {\n            string s = \"\\ntest\";\n            int i = 100;\n        }\n    }\n    // </snippetprogram>\n\n    #region Helper\n    internal static class Helper\n    {\n        #region Foo\n        public static void Foo()\n        {\n        }\n        #endregion Foo\n    }\n    #endregion\n}";

fn snippet(line: &str) -> CodeSnippet {
    code_snippet(line).expect("a snippet directive")
}

fn lines(directive: &str) -> String {
    let e = extract(PROGRAM, &snippet(directive), "cs");
    assert!(e.problems.is_empty(), "{:?}", e.problems);
    e.code
}

// DocFX: CodeSnippetTest.TestFencesBlockLevel (languages, titles, letter case).
#[test]
fn directives() {
    let s = snippet(r#"[!Code-FakeREST-i[REST-i](api.json "This is root")]"#);
    assert_eq!(s.language.as_deref(), Some("FakeREST-i"));
    assert_eq!(s.name, "REST-i");
    assert_eq!(s.path, "api.json");
    assert_eq!(s.title.as_deref(), Some("This is root"));
    assert_eq!(s.selection, Selection::All);
    let s = snippet("[!CODE[No Language](api.json)]");
    assert_eq!(s.language, None);
    let s = snippet(
        "[!code-csharp[name](Program.cs?start=1&end=1&name=tag&range=5-&highlight=1,2-2,4-&dedent=3#tag1)]",
    );
    assert_eq!(s.selection, Selection::Tag("tag1".into()));
    assert_eq!(highlight_attribute(&s.highlight), "1,2,4-");
    assert_eq!(s.dedent, Some(3));
    assert_eq!(
        snippet("[!code[a](a\\(x\\).cs)]").path,
        "a(x).cs",
        "escaped parentheses"
    );
    assert_eq!(snippet("[!code[a](f(x).cs#L2)]").path, "f(x).cs");
    // DocFX: CodeSnippetShouldNotWorkInParagraph.
    assert_eq!(code_snippet("text [!code[test](CodeSnippet.cs)]"), None);
    assert_eq!(code_snippet("[!code[test](CodeSnippet.cs)] text"), None);
    assert_eq!(code_snippet("[!include[t](a.md)]"), None);
}

// DocFX: CodeSnippetTest.TestFencesBlockLevelWithQueryString.
#[test]
fn lines_by_tag_region_bookmark_and_range() {
    assert_eq!(
        lines(r#"[!code[Main](Program.cs#L12-L16 "This is root")]"#),
        "static void Main(string[] args)\n{\n    string s = \"\\ntest\";\n    int i = 100;\n}\n"
    );
    assert!(lines("[!code[Main](Program.cs#L12-L100)]").ends_with("    #endregion\n}\n"));
    assert_eq!(
        lines("[!code-csharp[Main](Program.cs#NAMESPACE)]"),
        "using System;\nusing System.Collections.Generic;\nusing System.IO;\n"
    );
    assert_eq!(
        lines("[!code-csharp[Main](Program.cs#program)]"),
        "class Program\n{\n    static void Main(string[] args)\n    {\n        string s = \"\\ntest\";\n        int i = 100;\n    }\n}\n"
    );
    assert_eq!(
        lines("[!code[Main](Program.cs?name=Foo)]"),
        "public static void Foo()\n{\n}\n"
    );
    assert_eq!(
        lines("[!code[Main](Program.cs?name=Helper)]"),
        "internal static class Helper\n{\n    public static void Foo()\n    {\n    }\n}\n"
    );
    assert_eq!(
        lines("[!code[Main](Program.cs?start=5&end=9)]"),
        "using System.Collections.Generic;\nusing System.IO;\n// </namespace>\n\n// <snippetprogram>\n"
    );
    assert_eq!(
        lines("[!code[Main](Program.cs?range=1-2,10,20-21,29-)]"),
        "namespace ConsoleApplication1\n{\n    class Program\n    #region Helper\n    internal static class Helper\n    #endregion\n}\n"
    );
    assert_eq!(
        lines("[!code[Main](Program.cs?start=5&end=9&dedent=0)]"),
        "    using System.Collections.Generic;\n    using System.IO;\n    // </namespace>\n\n    // <snippetprogram>\n"
    );
    assert_eq!(
        lines("[!code[Main](Program.cs?name=Helper&dedent=8)]"),
        "internal static class Helper\n{\npublic static void Foo()\n{\n}\n}\n"
    );
}

// DocFX: CodeSnippetTest.CodeSnippetGeneral, CodeSnippetTagsShouldMatchCaseInsensitive,
// CodeSnippetTagsShouldSucceedWhenDuplicateWithWarningWhenReferenced,
// CodeSnippetTagsShouldSucceedWhenReferencedFileContainsRegionWithoutName,
// CodeSnippetShouldVerifyTagname.
#[test]
fn tags_as_docfx_matches_them() {
    let content = "    line for start & end\n    // <tag1>\n    line1\n    // </tag1>\n \tline for indent & range";
    let s = snippet(
        "[!code-csharp[name](Program.cs?start=1&end=1&name=tag&range=5-&highlight=1,2-2,4-&dedent=3#tag1)]",
    );
    assert_eq!(extract(content, &s, "cs").code, " line1\n");

    let content =
        "\t// <tag1>\t\nline1\n// <tag2>\nline2\n// </tag2>\nline3\n// </TAG1>\n// <unmatched>\n";
    assert_eq!(
        extract(content, &snippet("[!code[tag1](Program.cs#Tag1)]"), "cs").code,
        "line1\nline2\nline3\n"
    );

    let content = "// <tag1>\nline1\n// <tag1>\nline2\n// </tag1>\nline3\n// </TAG1>\n// <tag2>\nline4\n// </tag2>\n";
    assert_eq!(
        extract(content, &snippet("[!code[t](P.cs#Tag1)]"), "cs").code,
        "line2\n"
    );
    assert_eq!(
        extract(content, &snippet("[!code[t](P.cs#Tag2)]"), "cs").code,
        "line4\n"
    );

    let content = "#region\npublic class MyClass\n#region\n{\n    #region main\n    static void Main()\n    {\n    }\n    #endregion\n}\n#endregion\n#endregion";
    assert_eq!(
        extract(content, &snippet("[!code[MyClass](Program.cs#main)]"), "cs").code,
        "static void Main()\n{\n}\n"
    );

    let content = "    line for start & end\n    // <tag1>\n    line1\n    // <Content=\"my\">\n    // </tag1>\n";
    assert_eq!(
        extract(
            content,
            &snippet("[!code-csharp[name](Program.cs#tag1)]"),
            "cs"
        )
        .code,
        "line1\n// <Content=\"my\">\n"
    );
}

#[test]
fn other_languages_comment_forms() {
    let py = "import os\n# <main>\nprint(1)\n# </main>\n";
    assert_eq!(
        extract(py, &snippet("[!code-python[](a.py#main)]"), "py").code,
        "print(1)\n"
    );
    let xml = "<a>\n  <!-- <part> -->\n  <b/>\n  <!-- </part> -->\n</a>\n";
    assert_eq!(
        extract(xml, &snippet("[!code-xml[](a.xml#part)]"), "xml").code,
        "<b/>\n"
    );
    let sql = "-- <q>\nSELECT 1;\n-- </q>\n";
    assert_eq!(
        extract(sql, &snippet("[!code-sql[](a.sql#q)]"), "sql").code,
        "SELECT 1;\n"
    );
    let vb = "' <x>\nDim a\n' </x>\n#Region \"y\"\nDim b\n#End Region\n";
    assert_eq!(
        extract(vb, &snippet("[!code-vb[](a.vb#x)]"), "vb").code,
        "Dim a\n"
    );
    let css = "/* <c> */\na { }\n/* </c> */\n";
    assert_eq!(
        extract(css, &snippet("[!code-css[](a.css#c)]"), "css").code,
        "a { }\n"
    );
    // No language on the directive: the file's extension decides.
    assert_eq!(
        extract(py, &snippet("[!code[](a.py#main)]"), "py").code,
        "print(1)\n"
    );
}

#[test]
fn missing_tags_and_ranges_past_the_end_are_problems() {
    let e = extract(PROGRAM, &snippet("[!code[M](Program.cs#nowhere)]"), "cs");
    assert_eq!(e.code, "");
    assert_eq!(e.problems, ["`Program.cs` has no tag or region `nowhere`"]);
    let e = extract("// <a>\nx\n", &snippet("[!code[M](P.cs#a)]"), "cs");
    assert!(e.problems[0].contains("not closed"), "{:?}", e.problems);
    let e = extract("a\nb\n", &snippet("[!code[M](P.cs#L5-L9)]"), "cs");
    assert_eq!(
        e.problems,
        ["lines 5-9 are past the end of `P.cs` (2 lines)"]
    );
    let e = extract("a\nb\n", &snippet("[!code[M](P.cs?range=1,7-)]"), "cs");
    assert_eq!(e.code, "a\n");
    assert_eq!(e.problems.len(), 1);
    // A range that ends past the end is cut, as in DocFX.
    let e = extract("a\nb\n", &snippet("[!code[M](P.cs#L2-L100)]"), "cs");
    assert_eq!((e.code.as_str(), e.problems.len()), ("b\n", 0));
}

#[test]
fn highlight_lines() {
    let s = snippet("[!code-csharp[](Program.cs?highlight=2,5-7,9-)]");
    let marked: Vec<usize> = (1..=12)
        .filter(|l| is_highlighted(&s.highlight, *l))
        .collect();
    assert_eq!(marked, [2, 5, 6, 7, 9, 10, 11, 12]);
}

#[test]
fn large_files_are_read_up_to_the_cap() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.cs");
    let line = "x".repeat(99) + "\n";
    let content = line.repeat((MAX_SNIPPET_BYTES as usize / 100) + 10);
    std::fs::write(&path, &content).expect("write");
    let (text, cut) = read_capped(&path).expect("read");
    assert!(cut);
    assert!(text.len() as u64 <= MAX_SNIPPET_BYTES);
    assert!(text.ends_with('\n'));
    let small = dir.path().join("small.cs");
    std::fs::write(&small, "\u{feff}a\n").expect("write");
    assert_eq!(
        read_capped(&small).expect("read"),
        ("a\n".to_owned(), false)
    );
}
