//! Unit tests of the analyse pass: a page given as a string (with its include files and
//! other files) is analysed and rendered as in a build; the HTML and the findings are
//! compared with reviewed snapshots (`snapshots/`).

mod support;
pub(crate) use support::*;

use crate::diagnostic::Diagnostic;

// Front matter and titles.

#[test]
fn front_matter_gives_the_title_and_is_not_rendered() {
    let a = analyse_str(
        "es-es",
        "---\ntitle: Inscribir | Intune\nms.assetid: 1a2b\n---\n# Inscribir el dispositivo\n",
        &[],
    );
    assert_eq!(a.page.title, "Inscribir | Intune");
    assert_eq!(a.page.front_matter.asset_id.as_deref(), Some("1a2b"));
    insta::assert_snapshot!(a.report());
}

#[test]
fn without_a_title_the_first_h1_is_the_title() {
    let a = analyse_str("zh-tw", "前言\n\n# 安裝應用程式\n\n## 步驟\n", &[]);
    assert_eq!(a.page.title, "安裝應用程式");
}

// Headings, titles and descriptions read as their rendered text wherever they show.
#[test]
fn headings_titles_and_descriptions_are_their_rendered_text() {
    let text = "---\ndescription: Wraps <xref:docs.other> and [!INCLUDE[p](includes/phrase.md)] for <Project>.\n---\n# Use [!INCLUDE[p](includes/phrase.md)] with <xref:docs.other>\n\n## <a name=\"x\"></a>The `code` and **bold** [!INCLUDE[p](includes/phrase.md)]\n";
    let files = [
        ("docs/includes/phrase.md", "the *.NET* runtime\n"),
        (
            "docs/other.md",
            "---\nuid: docs.other\ntitle: Other page\n---\n# Other\n",
        ),
    ];
    for render in [true, false] {
        let a = analyse_in_mode("en-us", PAGE, text, &files, render);
        let headings: Vec<&str> = a.page.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Use the .NET runtime with Other page",
                "The code and bold the .NET runtime"
            ],
            "render: {render}"
        );
        assert_eq!(a.page.title, "Use the .NET runtime with Other page");
        assert_eq!(
            a.page.front_matter.description.as_deref(),
            Some("Wraps Other page and the .NET runtime for <Project>.")
        );
        // Ids stay the slugs of the heading as written (links to them keep working).
        assert_eq!(a.page.headings[1].id, "x");
        assert!(a.findings.is_empty(), "{:?}", a.findings);
    }
    let a = analyse_str(
        "en-us",
        "---\ntitle: About @docs.other and <xref:nowhere>\n---\n# A\n",
        &files,
    );
    assert_eq!(a.page.title, "About Other page and nowhere");
    // Include paths read as in the body: from the docset's root, percent-encoded.
    let a = analyse_str(
        "en-us",
        "---\ntitle: Use [!INCLUDE[p](~/docs/includes/phrase.md)]\ndescription: Use [!INCLUDE[p](includes/phrase%2Emd)]\n---\n# A\n",
        &files,
    );
    assert_eq!(a.page.title, "Use the .NET runtime");
    assert_eq!(
        a.page.front_matter.description.as_deref(),
        Some("Use the .NET runtime")
    );
}

#[test]
fn a_heading_that_renders_to_nothing_has_no_text_and_gives_no_title() {
    let text = "# [!INCLUDE[t](includes/empty.md)]\n\n# Real title\n\n## [!INCLUDE[e](includes/empty.md)]\n\n## Kept [!INCLUDE[e](includes/empty.md)]\n";
    let files = [("docs/includes/empty.md", "")];
    for render in [true, false] {
        let a = analyse_in_mode("en-us", PAGE, text, &files, render);
        let headings: Vec<&str> = a.page.headings.iter().map(|h| h.text.as_str()).collect();
        // Never the directive as text: the empty ones are left out of "on this page".
        assert_eq!(headings, ["", "Real title", "", "Kept"], "render: {render}");
        assert_eq!(a.page.title, "Real title");
    }
}

#[test]
fn headings_of_zones_for_another_output_are_not_listed() {
    let a = analyse_str(
        "en-us",
        "# Page\n\n::: zone target=\"pdf\"\n\n## Only in the PDF\n\nText.\n\n::: zone-end\n\n::: zone target=\"docs\"\n\n## On the site\n\n::: zone-end\n",
        &[],
    );
    let headings: Vec<&str> = a.page.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(headings, ["Page", "On the site"]);
    assert!(!a.html.contains("Only in the PDF"));
}

#[test]
fn malformed_front_matter_is_a_finding_and_the_body_still_renders() {
    insta::assert_snapshot!(snap("es-es", "---\ntitle: [sin cerrar\n---\n# Título\n"));
}

// Heading ids and anchors.

#[test]
fn heading_ids_are_slugs_in_any_script() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        "# 安裝 Intune 公司入口網站應用程式\n\n## 什麼是「裝置」？\n\n## 什麼是「裝置」？\n"
    ));
}

#[test]
fn spanish_heading_slugs_keep_accents_and_drop_punctuation() {
    insta::assert_snapshot!(snap(
        "es-es",
        "# ¿Qué es Intune?\n\n## Configuración: paso 1\n\n## Configuración: paso 1\n"
    ));
}

#[test]
fn an_explicit_anchor_in_a_heading_becomes_its_id() {
    insta::assert_snapshot!(snap(
        "es-es",
        "## <a name=\"sign-in\"></a>Iniciar sesión\n\n## <a id=\"other\"></a>Otro\n"
    ));
}

#[test]
fn a_custom_heading_id_is_kept() {
    insta::assert_snapshot!(snap("zh-tw", "## 登入 {#sign-in}\n"));
}

#[test]
fn anchors_elsewhere_keep_their_element() {
    insta::assert_snapshot!(snap(
        "es-es",
        "Texto <a name=\"aqui\"></a>con ancla.\n\n<div id=\"caja\">bloque</div>\n"
    ));
}

#[test]
fn a_second_use_of_an_anchor_is_a_finding() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        "## <a name=\"a\"></a>一\n\n## <a name=\"a\"></a>二\n"
    ));
}

// Includes.

#[test]
fn a_block_include_renders_the_file_in_place() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "Antes.\n\n[!INCLUDE[nota](../includes/nota.md)]\n\nDespués.\n",
        &[(
            "includes/nota.md",
            "---\nms.topic: include\n---\nTexto **incluido**.\n"
        )]
    ));
}

#[test]
fn an_inline_include_renders_inline() {
    insta::assert_snapshot!(snap_with(
        "zh-tw",
        "按一下 [!INCLUDE[名稱](../includes/app.md)] 即可。\n",
        &[("includes/app.md", "**公司入口網站**\n")]
    ));
}

#[test]
fn a_block_include_in_a_list_item_lands_in_the_item() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "1. Primero\n\n   [!INCLUDE[paso](../includes/paso.md)]\n\n2. Segundo\n",
        &[("includes/paso.md", "Paso incluido.\n")]
    ));
}

#[test]
fn a_block_include_in_a_blockquote_lands_in_the_quote() {
    insta::assert_snapshot!(snap_with(
        "zh-tw",
        "> [!NOTE]\n> [!INCLUDE[附註](../includes/note.md)]\n",
        &[("includes/note.md", "附註內容。\n")]
    ));
}

#[test]
fn nested_includes_resolve_from_the_file_that_holds_the_directive() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "[!INCLUDE[a](../includes/a.md)]\n",
        &[
            ("includes/a.md", "A incluye:\n\n[!INCLUDE[b](sub/b.md)]\n"),
            (
                "includes/sub/b.md",
                "B con [enlace](../../docs/other.md) e ![imagen](../../media/x.png).\n"
            ),
            ("docs/other.md", "# Otro\n"),
            ("media/x.png", "png"),
        ]
    ));
}

#[test]
fn include_directives_in_any_letter_case_with_a_space_or_sign() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "[!include[t](../includes/i.md)]\n\n[!Include+[t](../includes/i.md)]\n\n[!INCLUDE [t](../includes/i.md)]\n",
        &[("includes/i.md", "Incluido.\n")]
    ));
}

#[test]
fn a_missing_include_is_reported_at_the_directive() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        "文字\n\n[!INCLUDE[x](../includes/missing.md)]\n"
    ));
}

#[test]
fn an_include_cycle_is_reported_with_its_chain() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "[!INCLUDE[a](../includes/a.md)]\n",
        &[
            ("includes/a.md", "A\n\n[!INCLUDE[b](b.md)]\n"),
            ("includes/b.md", "B\n\n[!INCLUDE[a](a.md)]\n"),
        ]
    ));
}

#[test]
fn an_include_outside_the_locale_is_refused() {
    insta::assert_snapshot!(snap("zh-tw", "[!INCLUDE[x](../../../etc/passwd.md)]\n"));
}

#[test]
fn includes_nest_at_most_32_deep() {
    let files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("includes/i{i}.md"),
                format!("nivel {i}\n\n[!INCLUDE[n](i{}.md)]\n", i + 1),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let a = analyse_str("es-es", "[!INCLUDE[n](../includes/i0.md)]\n", &refs);
    let limits: Vec<&Diagnostic> = a
        .findings
        .iter()
        .filter(|d| d.code == crate::diagnostic::Code::IncludeLimit)
        .collect();
    assert_eq!(limits.len(), 1, "{}", a.report());
    assert_eq!(&*limits[0].file, "site/es-es/includes/i31.md");
    assert!(a.html.contains("nivel 31") && !a.html.contains("nivel 32"));
}

#[test]
fn an_escaped_include_is_text() {
    insta::assert_snapshot!(snap("es-es", "\\[!INCLUDE[t](../includes/i.md)]\n"));
}

#[test]
fn a_finding_inside_an_include_names_the_include_file_and_the_chain() {
    insta::assert_snapshot!(snap_with(
        "zh-tw",
        "[!INCLUDE[i](../includes/i.md)]\n",
        &[("includes/i.md", "請參閱 [不存在](../docs/missing.md)。\n")]
    ));
}

// Alerts, sections, video.

#[test]
fn alerts_of_every_kind_are_localized() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        "> [!NOTE]\n> 附註。\n\n> [!TIP]\n> 提示。\n\n> [!IMPORTANT]\n> 重要。\n\n> [!CAUTION]\n> 小心。\n\n> [!WARNING]\n> 警告。\n"
    ));
}

#[test]
fn alert_markers_in_any_letter_case_and_on_a_later_line() {
    insta::assert_snapshot!(snap(
        "es-es",
        "> Cita.\n>\n> [!Note]\n> Nota después de una cita.\n"
    ));
}

#[test]
fn div_sections_and_button_rows() {
    insta::assert_snapshot!(snap(
        "es-es",
        "> [!div class=\"op_single_selector\"]\n> - [Android](android.md)\n> - [iOS](ios.md)\n\n> [!div class=\"nextstepaction\"]\n> [Siguiente](a.md)\n> [!div class=\"nextstepaction\"]\n> [Otro](b.md)\n"
    ));
}

#[test]
fn a_video_is_an_iframe() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        "> [!VIDEO https://www.microsoft.com/videoplayer/embed/1]\n"
    ));
}

// Links and resources.

#[test]
fn links_to_pages_become_html_with_their_fragment() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "[Otro](other.md#paso-1), [arriba](#título), [fuera](../guide/x.md?tabs=a#b) y [web](https://example.org/a.md).\n\n# Título\n",
        &[
            ("docs/other.md", "# Otro\n\n## Paso 1\n"),
            ("guide/x.md", "# X\n"),
        ]
    ));
}

#[test]
fn images_and_raw_html_resources_are_rewritten_and_recorded() {
    let a = analyse_str(
        "zh-tw",
        "![螢幕擷取畫面](../media/Shot.png)\n\n<img src=\"../media/b.png\" alt=\"b\">\n",
        &[("media/Shot.png", "png"), ("media/b.png", "png")],
    );
    assert_eq!(a.page.referenced_files, ["media/Shot.png", "media/b.png"]);
    insta::assert_snapshot!(a.report());
}

#[test]
fn a_missing_resource_and_a_broken_link_are_findings() {
    insta::assert_snapshot!(snap(
        "es-es",
        "Ver [nada](nada.md) y ![sin imagen](../media/nada.png).\n"
    ));
}

#[test]
fn windows_paths_resolve_with_warnings() {
    insta::assert_snapshot!(snap_with(
        "zh-tw",
        "[大小寫](../Guide/X.md) 與 ![反斜線](..\\media\\a.png)\n",
        &[("guide/x.md", "# X\n"), ("media/a.png", "png")]
    ));
}

#[test]
fn a_link_to_an_include_file_is_not_a_page() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "[Incluido](../includes/i.md)\n",
        &[("includes/i.md", "Incluido.\n")]
    ));
}

// Passed through, and never evaluated.

#[test]
fn gfm_tables_strikethrough_tasks_and_footnotes() {
    insta::assert_snapshot!(snap(
        "es-es",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~no~~\n\n- [x] hecho\n- [ ] pendiente\n\nNota[^1].\n\n[^1]: Al pie.\n"
    ));
}

#[test]
fn template_syntax_in_content_is_text() {
    insta::assert_snapshot!(snap("zh-tw", "{{ page.title }} 與 {% raw %} 原樣。\n"));
}

#[test]
fn directives_in_code_are_never_expanded() {
    insta::assert_snapshot!(snap(
        "es-es",
        "`[!INCLUDE[t](../includes/i.md)]`\n\n```md\n[!INCLUDE[t](../includes/i.md)]\n> [!NOTE]\n```\n"
    ));
}

#[test]
fn raw_html_blocks_pass_through() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        "<table><tr><td>儲存格</td></tr></table>\n\n<!-- [!INCLUDE[t](x.md)] -->\n"
    ));
}

// DocFX details (DocFX tests named in each).

// InclusionTest.TestInlineLevelInclusion_General.
#[test]
fn an_escaped_backslash_before_an_include_still_includes() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "Incluido: \\\\[!include[a](../includes/frase.md)]. Escapado: \\[!include[a](../includes/frase.md)].\n",
        &[("includes/frase.md", "una *frase*\n")]
    ));
}

// DocFX's markdown.md writes `[!INCLUDE [title](path)]` with a space.
#[test]
fn an_include_with_a_space_and_in_lower_case() {
    insta::assert_snapshot!(snap_with(
        "zh-tw",
        "[!INCLUDE [標題](../includes/段落.md)]\n\n[!include[標題](../includes/段落.md)]\n",
        &[("includes/段落.md", "包含的段落。\n")]
    ));
}

// CommonMark e-mail autolinks (Markdig, so DocFX, writes `mailto:`).
#[test]
fn an_email_autolink_is_a_mailto_link_and_not_a_path() {
    insta::assert_snapshot!(snap("es-es", "Escriba a <ana@example.org>.\n"));
}

// QuoteSectionNoteTest.QuoteSectionNoteTest_CornerCases, TestSectionWithTextFollowed.
#[test]
fn text_after_a_note_marker_is_a_plain_blockquote_and_a_warning() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        "> [!NOTE] 標記後面的文字。\n> 第二行。\n\n> [!div class=\"x\"] 文字\n"
    ));
}

// Code snippets (CodeSnippetTest).

const PROGRAM: &str = "namespace Fixture\n{\n    // <usings>\n    using System;\n    // </usings>\n    #region Helper\n    static class Helper\n    {\n        static int One() => 1;\n    }\n    #endregion\n}\n";

// CodeSnippetTest.TestFencesBlockLevelWithQueryString.
#[test]
fn code_snippets_show_their_lines_highlighted() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "[!code-csharp[Usings](../code/Program.cs#usings)]\n[!code-csharp[Helper](../code/Program.cs?name=Helper&highlight=3 \"Ayudante\")]\n\n[!code[Líneas](../code/Program.cs#L1-L2)]\n",
        &[("code/Program.cs", PROGRAM)]
    ));
}

#[test]
fn a_missing_snippet_file_tag_or_range_is_a_finding_at_the_directive() {
    insta::assert_snapshot!(snap_with(
        "zh-tw",
        "[!code-csharp[a](../code/Nowhere.cs)]\n\n[!code-csharp[b](../code/Program.cs#nowhere)]\n\n[!code-csharp[c](../code/Program.cs#L90-L99)]\n\n[!code-csharp[d](../../../outside.cs)]\n",
        &[("code/Program.cs", PROGRAM)]
    ));
}

// Zones, tabs, images, rows and cross references (DocFX tests named in each), in both
// locales.

const PIVOTS_ES: &str = "### YamlMime:ZonePivotGroups\ngroups:\n- id: plataforma\n  title: Plataforma\n  prompt: Elija una plataforma\n  pivots:\n  - id: windows\n    title: Windows\n  - id: linux\n    title: Linux\n";
const PIVOTS_ZH: &str = "### YamlMime:ZonePivotGroups\ngroups:\n- id: plataforma\n  title: 平台\n  prompt: 選擇平台\n  pivots:\n  - id: windows\n    title: Windows 系統\n  - id: linux\n    title: Linux 系統\n";

// RenderZoneTest.KitchenSink, NotNested, MissingEndTag, PivotInvalid.
#[test]
fn zones_with_pivots_targets_and_errors() {
    let page = "---\nzone_pivot_groups: plataforma, otro\n---\n::: zone pivot=\"windows\"\n## Windows\n::: zone-end\n\n::: zone pivot=\"linux,mac\"\nTexto.\n::: zone target=\"docs\"\n::: zone-end\n::: zone-end\n\n::: zone target=\"pdf\"\nSolo PDF.\n::: zone-end\n\n- elemento\n::: zone pivot=\"windows\"\nsin cerrar\n";
    insta::assert_snapshot!(
        "zones_es",
        snap_with("es-es", page, &[("docs/zone-pivot-groups.yml", PIVOTS_ES)])
    );
    insta::assert_snapshot!(
        "zones_zh",
        snap_with("zh-tw", page, &[("zone-pivot-groups.yml", PIVOTS_ZH)])
    );
}

// TabGroupTest.Test_General, Test_TabGroup_Combining.
#[test]
fn tab_groups() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        "# [視窗](#tab/windows)\n\n內容 A\n\n# [Linux](#tab/linux/cond)\n\n內容 B\n\n- - -\n\n# [只有一個](#tab/a+b)\n\n結束\n"
    ));
    insta::assert_snapshot!(snap(
        "es-es",
        "Antes.\n\n## [Portal](#tab/portal)\n\nUse el [portal](https://portal.example).\n\n## [CLI](#tab/cli)\n\n```sh\nherramienta\n```\n\n---\n\nDespués.\n"
    ));
}

// ImageTest.ImageTestBlockGeneral, ComplexImageTestBlockGeneral, Issue8999.
#[test]
fn triple_colon_images() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        ":::image type=\"content\" source=\"../media/a.png\" alt-text=\"Un diagrama\" lightbox=\"../media/a.png\":::\n\nPulse :::image type=\"icon\" source=\"../media/icono.svg\"::: para copiar.\n\n:::image source=\"../media/falta.png\":::\n\n:::image type=\"complex\" source=\"../media/a.png\" alt-text=\"Un gráfico\":::\nSube de 10 a **40**.\n:::image-end:::\n",
        &[("media/a.png", "png"), ("media/icono.svg", "<svg/>")]
    ));
    insta::assert_snapshot!(snap_with(
        "zh-tw",
        ":::image source=\"../media/a.png\" alt-text=\"圖表\" border=\"false\" link=\"other.md\":::\n",
        &[("media/a.png", "png"), ("docs/other.md", "# 其他\n")]
    ));
}

// RowTest.RowTest_WithColumnsOtherContent.
#[test]
fn rows_and_columns_read_indented_content_as_markdown() {
    insta::assert_snapshot!(snap(
        "zh-tw",
        ":::row:::\n    :::column span=\"2\":::\n        ### 規劃\n        閱讀[說明](missing.md)。\n    :::column-end:::\n    :::column:::\n        內容\n    :::column-end:::\n:::row-end:::\n\n:::column-end:::\n"
    ));
    insta::assert_snapshot!(snap(
        "es-es",
        ":::row:::\n:::column:::\n- uno\n- dos\n:::column-end:::\n:::row-end:::\n"
    ));
}

// XrefTest.XrefTestGeneral.
#[test]
fn cross_references() {
    let other = "---\ntitle: Otra página\nuid: docs.otra\n---\n# Otra\n";
    insta::assert_snapshot!(snap_with(
        "es-es",
        "Vea <xref:docs.otra>, [esto](xref:docs.otra#sección), @docs.otra y @\"docs.otra\".\n\nNo existe: <xref:docs.nada> y [texto](xref:docs.nada); @alguien y ana@example.org quedan.\n",
        &[("docs/otra.md", other)]
    ));
    insta::assert_snapshot!(snap_with(
        "zh-tw",
        "參見 @docs.otra。\n",
        &[("docs/otra.md", other)]
    ));
}

// Paths from the docset root and the site root (README: the dialect's cross-link row).

#[test]
fn docset_and_site_absolute_links_resolve_to_pages() {
    insta::assert_snapshot!(snap_with(
        "es-es",
        "[raíz](~/guide/x.md#b), [sitio](/Guide/X#b), [html](/guide/x.html), [otro sitio](/otra/cosa) y [nada](/guide/nada).\n",
        &[("guide/x.md", "# X\n\n## B\n")]
    ));
}

// YAML pages (README: Landing, Hub and LandingData pages).

#[test]
fn a_landing_page_resolves_and_checks_its_links_at_their_yaml_positions() {
    let text = "### YamlMime:Landing\n\ntitle: Intune\nsummary: Resumen\nmetadata:\n  title: Intune\n  description: Página de inicio\nlandingContent:\n  - title: Aplicaciones\n    linkLists:\n      - linkListType: overview\n        links:\n          - text: Información general\n            url: ../docs/page-two.md\n          - text: Falta\n            url: falta.md\n";
    let a = analyse_page(
        "zh-tw",
        "intune/index.yml",
        text,
        &[("docs/page-two.md", "# Dos\n")],
    );
    let model = a
        .page
        .yaml
        .as_ref()
        .map(|y| y.model.to_string())
        .unwrap_or_default();
    assert!(model.contains("../docs/page-two.html"), "{model}");
    assert_eq!(a.page.title, "Intune");
    insta::assert_snapshot!(a.report());
}

// Versions (moniker blocks).

const MONIKERS: &str = "monikers:\n  visual-studio: [vs-2015, {name: vs-2017, title: Visual Studio 2017}, {name: vs-2019, title: Visual Studio 2019}, {name: vs-2022, title: Visual Studio 2022}]\n";

// DocFX: MonikerRangeTest.MonikerRangeTestGeneral (v2), the spec's "Moniker Zone syntax" and
// "Resolving moniker zone in token should base on root file's moniker" (v3): blocks keep
// their versions within the page's, in list items and includes, headings in them carry them.
#[test]
fn moniker_blocks_carry_their_versions_and_titles() {
    let page = "---\nmonikerRange: '>= vs-2017'\n---\n# Instalar\n\n::: moniker range=\"vs-2017\"\n## Solo 2017\nTexto 2017.\n::: moniker-end\n\n:::moniker range=\">= VS-2019\"\nTexto nuevo.\n:::moniker-end\n\n1. Paso\n\n    ::: moniker range=\"<=vs-2017\"\n    Dentro del paso.\n    ::: moniker-end\n\n[!INCLUDE[x](includes/x.md)]\n";
    let include = "::: moniker range=\"<= vs-2019\"\nIncluido.\n::: moniker-end\n";
    let files = [("rosetta.yaml", MONIKERS), ("docs/includes/x.md", include)];
    let a = analyse_str("es-es", page, &files);
    let m = a.page.monikers.as_deref().expect("versions");
    assert!(m.ranged && m.has_blocks && m.picker());
    assert_eq!(
        m.blocks.len(),
        3,
        "the include's block is not the page's own"
    );
    let in_block: Vec<(&str, Option<&str>)> = a
        .page
        .headings
        .iter()
        .map(|h| (h.id.as_str(), h.moniker.as_deref()))
        .collect();
    assert_eq!(
        in_block,
        [("instalar", None), ("solo-2017", Some("vs-2017"))]
    );
    insta::assert_snapshot!("moniker_blocks_es", a.report());
    let zh = "---\nmonikerRange: '>= vs-2017'\n---\n# 安裝\n\n::: moniker range=\"vs-2017\"\n僅限 2017。\n::: moniker-end\n\n> ::: moniker range=\">=vs-2019\"\n> 引用。\n> ::: moniker-end\n";
    insta::assert_snapshot!(
        "moniker_blocks_zh",
        snap_with("zh-tw", zh, &[("rosetta.yaml", MONIKERS)])
    );
}

// DocFX: MonikerRangeTest.MonikerRangeTestInvalid, MonikerRangeTestNotClosed (v2);
// MonikerRangeParserTest.InvalidMonikerRange (v3); the spec's "No intersection of file
// level monikers and zone monikers produces empty HTML output".
#[test]
fn moniker_errors_are_findings_at_their_place() {
    let page = "---\nmonikerRange: '>= vs-2017'\n---\n::: moniker range=\"vs-2017 ||| vs-2019\"\nNo se lee el rango.\n::: moniker-end\n\n::: moniker range=\"vs-2023\"\nIndefinido.\n::: moniker-end\n\n::: moniker range=\"vs-2015\"\nVacío.\n::: moniker-end\n\n::: moniker range=\"vs-2019\" algo\n::: moniker range=\"vs-2022\"\nAnidado.\n::: moniker-end\n::: moniker-end sobra\n\n::: moniker-end\n\n::: moniker range=\"vs-2019\nSin comillas.\n::: moniker-end\n\n::: moniker range=\"vs-2022\"\nSin cerrar.\n";
    let a = analyse_str("es-es", page, &[("rosetta.yaml", MONIKERS)]);
    assert!(
        a.findings
            .iter()
            .all(|d| d.code == crate::diagnostic::Code::MonikerError)
    );
    assert!(!a.html.contains(":::"), "{}", a.html);
    assert!(!a.html.contains("Vacío"), "an empty block is left out");
    insta::assert_snapshot!(a.report());
}

#[test]
fn a_site_without_monikers_infers_them_and_a_page_without_ranges_has_every_version() {
    let a = analyse_str(
        "zh-tw",
        "# 頁面\n\n::: moniker range=\">= sql-2019\"\n新版。\n::: moniker-end\n",
        &[(
            "docs/other.md",
            "::: moniker range=\"sql-2016\"\nx\n::: moniker-end\n",
        )],
    );
    let m = a.page.monikers.as_deref().expect("versions");
    assert!(!m.ranged && m.has_blocks);
    assert_eq!(m.versions.len(), 2);
    assert!(a.html.contains("data-moniker=\"sql-2019\""), "{}", a.html);
    assert!(a.findings.is_empty(), "{:?}", a.findings);
    let plain = analyse_str("zh-tw", "# 頁面\n", &[]);
    assert!(
        plain.page.monikers.is_none(),
        "a site without monikers has no versions"
    );
}

// DocFX: MonikerRangeTest.MonikerRangeWithCodeIndent (v2): content indented as code inside a
// block is a code block; MonikerRangeTestGeneral: `:::` lines that are not moniker lines stay
// text, and inline `:::` does not end a block.
#[test]
fn moniker_block_content_is_ordinary_markdown() {
    let a = analyse_str(
        "es-es",
        "::: moniker range=\"start\"\n    console.log(\"hehe\")\n::: moniker-end\n\n::: moniker range=\">= myproduct-4.1\"\n## Section for myproduct-4.1 and Later\n\n::: nested moniker zone is not allowed. So this line is in plain text.\nInline ::: should not end moniker zone.\n\n::: moniker-end\n",
        &[],
    );
    assert!(a.findings.is_empty(), "{:?}", a.findings);
    assert!(
        a.html.contains(
            "<p class=\"moniker-title\" data-pagefind-ignore>start</p>\n<pre><code>console.log(\"hehe\")\n</code></pre>\n</div>"
        ),
        "{}",
        a.html
    );
    assert!(
        a.html.contains(
            "<p>::: nested moniker zone is not allowed. So this line is in plain text.\nInline ::: should not end moniker zone.</p>\n</div>"
        ),
        "{}",
        a.html
    );
}
