//! The embedded theme and UI strings, and a site's overrides of them.

use crate::harness::TestSite;

const EMBEDDED_CSS: &str = include_str!("../../../themes/default/static/rosetta.css");

fn small_site() -> TestSite {
    let site = TestSite::new();
    site.file(
        "content/es-es/docs/a.md",
        "---\ntitle: \"Título <b>con</b> {{ page.title }}\"\ndescription: 'Dice \"hola\" & <adiós>'\n---\n# Página\n\n## <a name=\"uno\"></a>Uno\n\nTexto {{ strings.menu }} y {% raw %}.\n",
    );
    site.file(
        "content/zh-tw/docs/a.md",
        "# 頁面\n\n## <a name=\"uno\"></a>一\n\n文字。\n",
    );
    site
}

#[test]
fn a_site_without_a_themes_folder_gets_the_embedded_theme_and_strings() {
    let site = small_site();
    assert!(!site.exists("themes"));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("public/_rosetta/rosetta.css"), EMBEDDED_CSS);
    assert!(site.exists("public/_rosetta/rosetta.js"));
    let es = site.read("public/es-es/docs/a.html");
    assert!(es.contains("<html lang=\"es-es\" dir=\"ltr\">"));
    assert!(
        es.contains("<h2 id=\"on-this-page-title\">En esta página</h2>"),
        "{es}"
    );
    assert!(es.contains("placeholder=\"Buscar\""));
    assert!(es.contains(r#"<form role="search" class="rosetta-search" action="../../es-es/search.html" method="get">"#));
    assert!(es.contains("<article class=\"content\" data-pagefind-body>"));
    let zh = site.read("public/zh-tw/docs/a.html");
    assert!(
        zh.contains("<h2 id=\"on-this-page-title\">本頁內容</h2>"),
        "{zh}"
    );
    assert!(zh.contains("placeholder=\"搜尋\""));
    // Metadata is escaped and content is never evaluated as a template.
    assert!(
        es.contains("<title>Título &lt;b&gt;con&lt;&#x2F;b&gt; {{ page.title }}</title>")
            || es.contains("<title>Título &lt;b&gt;con&lt;/b&gt; {{ page.title }}</title>"),
        "{es}"
    );
    assert!(
        es.contains("content=\"Dice &quot;hola&quot; &amp; &lt;adiós&gt;\""),
        "{es}"
    );
    assert!(es.contains("Texto {{ strings.menu }} y {% raw %}."), "{es}");
    // Home pages, chooser and 404 come with the site.
    for file in [
        "public/index.html",
        "public/404.html",
        "public/es-es/index.html",
        "public/zh-tw/index.html",
    ] {
        assert!(site.exists(file), "{file}");
    }
    let chooser = site.read("public/index.html");
    assert!(
        chooser.contains(r#"href="es-es/index.html""#) && chooser.contains("繁體中文"),
        "{chooser}"
    );
}

#[test]
fn a_theme_override_replaces_templates_and_static_files_one_by_one() {
    let site = small_site();
    site.file("rosetta.yaml", "theme: house\n");
    site.file(
        "themes/house/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<article class=\"house\">{{ page.body | safe }}<p class=\"t\">{{ page.title }}</p></article>{% endblock content %}",
    );
    site.file("themes/house/static/house.css", "body { color: teal }");
    site.file("themes/house/static/rosetta.css", "/* house */");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let es = site.read("public/es-es/docs/a.html");
    assert!(es.contains("<article class=\"house\">"), "{es}");
    assert!(
        es.contains("<p class=\"t\">Título &lt;b&gt;"),
        "metadata still escaped: {es}"
    );
    assert!(
        !es.contains("data-pagefind-body"),
        "the page template was replaced"
    );
    assert!(
        es.contains("placeholder=\"Buscar\""),
        "base.html still the embedded one"
    );
    assert_eq!(
        site.read("public/_rosetta/house.css"),
        "body { color: teal }"
    );
    assert_eq!(site.read("public/_rosetta/rosetta.css"), "/* house */");
    assert!(
        site.exists("public/_rosetta/rosetta.js"),
        "static files not overridden stay"
    );
}

#[test]
fn a_theme_with_its_own_base_of_the_blocks_pages_fill_still_builds_every_page() {
    // A base.html written for the first edition's blocks only: the pages (articles, the
    // Landing and Hub pages, which extend page.html) render in it.
    let site = small_site();
    site.file(
        "themes/default/templates/base.html",
        "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><title>{% block title %}{% endblock title %}</title>{% block meta %}{% endblock meta %}</head><body class=\"own{% block layout_class %}{% endblock layout_class %}\">{% block menu_button %}{% endblock menu_button %}{% block sidebar %}{% endblock sidebar %}<main>{% block content %}{% endblock content %}</main>{% block aside %}{% endblock aside %}{% block scripts %}{% endblock scripts %}</body></html>",
    );
    site.file(
        "content/es-es/docs/docfx.json",
        r#"{ "build": { "content": [{ "files": ["**/*.md", "**/*.yml"] }] } }"#,
    );
    site.file(
        "content/es-es/docs/index.yml",
        "### YamlMime:Landing\ntitle: Inicio\nlandingContent:\n  - title: Tarjeta\n    linkLists:\n      - linkListType: overview\n        links:\n          - text: A\n            url: a.md\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/es-es/docs/a.html");
    assert!(page.contains("<body class=\"own"), "{page}");
    assert!(page.contains("<nav class=\"breadcrumbs\""), "{page}");
    let landing = site.read("public/es-es/docs/index.html");
    assert!(landing.contains("yaml-page landing"), "{landing}");
}

#[test]
fn a_broken_theme_template_is_a_configuration_error() {
    let site = small_site();
    site.file("themes/default/templates/page.html", "{% if %}");
    let run = site.build(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("page.html"), "{}", run.stderr);
}

#[test]
fn an_i18n_override_changes_strings_and_keeps_the_others() {
    let site = small_site();
    site.file(
        "i18n/es-es.ftl",
        "on-this-page = Contenido de esta página\nalert-note = Ojo\n",
    );
    site.file("content/es-es/docs/b.md", "# B\n\n> [!NOTE]\n> Cuidado.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let es = site.read("public/es-es/docs/a.html");
    assert!(es.contains(">Contenido de esta página</h2>"), "{es}");
    assert!(es.contains("placeholder=\"Buscar\""), "other strings stay");
    assert!(
        site.read("public/es-es/docs/b.html").contains(">Ojo<"),
        "alert labels too"
    );
    let zh = site.read("public/zh-tw/docs/a.html");
    assert!(zh.contains(">本頁內容</h2>"), "other locales are untouched");
}

#[test]
fn a_right_to_left_locale_gets_dir_rtl_and_a_locale_without_strings_falls_back() {
    let site = TestSite::new();
    site.file("content/ar-sa/a.md", "# مرحبا\n");
    site.file("content/fr-fr/a.md", "# Bonjour\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ar = site.read("public/ar-sa/a.html");
    assert!(ar.contains("<html lang=\"ar-sa\" dir=\"rtl\">"), "{ar}");
    let fr = site.read("public/fr-fr/a.html");
    assert!(fr.contains("<html lang=\"fr-fr\" dir=\"ltr\">"));
    assert!(
        fr.contains("placeholder=\"Search\""),
        "English fallback strings"
    );
    // The switcher names a language without strings by its code, not "English".
    assert!(
        fr.contains(">ar-sa</a>") && !fr.contains(">English<"),
        "{fr}"
    );
}

// What search engines show for the pages the site makes besides articles: every one has a
// meta description in its language (Lighthouse's SEO audit asks for one), the site's title
// escaped in it.
#[test]
fn home_search_not_found_and_chooser_pages_have_a_meta_description() {
    let site = small_site();
    site.file(
        "rosetta.yaml",
        "title:\n  es-es: Puerto & <faro>\n  zh-tw: 港口\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let description = |file: &str| -> String {
        let html = site.read(file);
        let start = html
            .find("<meta name=\"description\" content=\"")
            .unwrap_or_else(|| panic!("no meta description in {file}:\n{html}"));
        let rest = &html[start + 34..];
        rest[..rest.find('"').unwrap_or(0)].to_owned()
    };
    for (file, expected) in [
        (
            "public/es-es/index.html",
            "Puerto &amp; &lt;faro&gt;: todas las páginas, por tema.",
        ),
        ("public/zh-tw/index.html", "港口：所有頁面，依主題分類。"),
        (
            "public/es-es/search.html",
            "Escriba una o varias palabras para buscar en este sitio.",
        ),
        (
            "public/zh-tw/search.html",
            "輸入一個或多個字詞來搜尋本網站。",
        ),
        ("public/404.html", "Página no encontrada · 找不到頁面"),
        ("public/index.html", "Elija su idioma · 選擇語言"),
    ] {
        assert_eq!(description(file), expected, "{file}");
    }
}
