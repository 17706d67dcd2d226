//! Tabs: a heading whose only content is a link to `#tab/id` (or `#tab/id/condition`)
//! starts a tab; the blocks after it, up to the next tab heading, are its panel. A run of
//! tab headings and their panels is one group, which ends at a thematic break (`---`, left
//! out) or at the end of its container. As DocFX's `TabGroupAggregator` (DocFX test:
//! `TabGroupTest`), a tab heading of any level continues the group.
//!
//! The HTML is an accessible tab list (`role="tablist"`, `tab`, `tabpanel`,
//! `aria-selected`, `aria-controls`, `aria-labelledby`). Without JavaScript the tab list
//! stays hidden and every panel shows under its title; the theme's script shows the list,
//! hides the titles and the panels not selected, and switches tabs with the same id
//! together across the page.

use super::anchor::PageIds;
use super::html::escape;

/// What a tab heading's link names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TabRef {
    /// `a`, or `a+b` for a tab that stands for several ids.
    pub(crate) id: String,
    /// The id of another group's tab this tab depends on (`#tab/dotnet/linux`).
    pub(crate) condition: Option<String>,
}

/// Reads a link destination as a tab reference: `#tab/` then an id (letters, digits, `-`,
/// ids joined by `+`), then optionally `/condition`.
pub(crate) fn tab_href(href: &str) -> Option<TabRef> {
    let rest = href.strip_prefix("#tab/")?;
    let (id, condition) = match rest.split_once('/') {
        Some((id, condition)) => (id, Some(condition)),
        None => (rest, None),
    };
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !id.split('+').all(word) {
        return None;
    }
    let condition = match condition {
        None | Some("") => None,
        Some(c) if word(c) => Some(c.to_owned()),
        Some(_) => return None,
    };
    Some(TabRef {
        id: id.to_owned(),
        condition,
    })
}

/// How the page pass sees a block of a container, for grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TabBlock {
    /// A heading that is only a `#tab/` link.
    TabHeading,
    /// A thematic break (`---`, `- - -`, `***`).
    Rule,
    /// Anything else.
    Other,
}

/// What to do with a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TabStep {
    /// Not in a group: write the block as usual.
    Outside,
    /// A tab heading that starts a group (and its first panel).
    StartGroup,
    /// A tab heading that ends the current panel and starts the next one.
    NextTab,
    /// A block of the current panel.
    Panel,
    /// A rule that ends the group; the rule itself is left out.
    EndGroup,
}

/// The grouping state of one container (the page, a list item, a blockquote).
#[derive(Debug, Default)]
pub(crate) struct TabGrouping {
    in_group: bool,
}

impl TabGrouping {
    /// The next block of the container.
    pub(crate) fn block(&mut self, block: TabBlock) -> TabStep {
        match (self.in_group, block) {
            (false, TabBlock::TabHeading) => {
                self.in_group = true;
                TabStep::StartGroup
            }
            (false, _) => TabStep::Outside,
            (true, TabBlock::TabHeading) => TabStep::NextTab,
            (true, TabBlock::Rule) => {
                self.in_group = false;
                TabStep::EndGroup
            }
            (true, TabBlock::Other) => TabStep::Panel,
        }
    }

    /// The container ends; returns whether a group was open (and must be closed).
    pub(crate) fn finish(&mut self) -> bool {
        std::mem::take(&mut self.in_group)
    }
}

/// One tab of a group, as the HTML needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tab {
    /// What the heading's link named.
    pub(crate) reference: TabRef,
    /// The link text rendered as inline HTML.
    pub(crate) title_html: String,
}

/// The element ids of a group, unique on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GroupIds {
    /// The group's `<div>`.
    pub(crate) group: String,
    /// Each tab's link, in order.
    pub(crate) tabs: Vec<String>,
    /// Each panel, in order.
    pub(crate) panels: Vec<String>,
}

/// The id of group number `number` (1-based on the page): `tabgroup_1`, as DocFX names it;
/// an id already used on the page gets a number.
pub(crate) fn group_id(number: usize, ids: &mut PageIds) -> String {
    ids.unique(&format!("tabgroup_{number}"))
}

/// The ids of a tab of group number `number` and of its panel: `tab_1_a`, `tabpanel_1_a`
/// (`_condition` added for a dependent tab), as DocFX names them; an id already used on the
/// page gets a number.
pub(crate) fn tab_ids(number: usize, reference: &TabRef, ids: &mut PageIds) -> (String, String) {
    let mut suffix = format!("{number}_{}", reference.id);
    if let Some(condition) = &reference.condition {
        suffix.push('_');
        suffix.push_str(condition);
    }
    let tab = ids.unique(&format!("tab_{suffix}"));
    let panel = ids.unique(&format!("tabpanel_{suffix}"));
    (tab, panel)
}

/// The start of a group: its `<div>` and the tab list (hidden until the script shows it).
/// The first tab is the selected one.
pub(crate) fn group_open_html(ids: &GroupIds, tabs: &[Tab]) -> String {
    let mut out = format!(
        "<div class=\"tabGroup\" id=\"{}\" data-tab-group>\n<ul role=\"tablist\" class=\"tab-list\" hidden>\n",
        escape(&ids.group)
    );
    for (i, tab) in tabs.iter().enumerate() {
        let selected = i == 0;
        out.push_str(&format!(
            "<li role=\"presentation\"><a href=\"#{panel}\" role=\"tab\" id=\"{id}\" aria-controls=\"{panel}\" aria-selected=\"{selected}\" tabindex=\"{tabindex}\" data-tab=\"{tab_id}\"{condition}>{title}</a></li>\n",
            panel = escape(&ids.panels[i]),
            id = escape(&ids.tabs[i]),
            tabindex = if selected { 0 } else { -1 },
            tab_id = escape(&tab.reference.id),
            condition = condition_attr(&tab.reference),
            title = tab.title_html,
        ));
    }
    out.push_str("</ul>\n");
    out
}

/// The start of panel `index`: a `<section>` with the tab's title (shown when the script
/// does not run).
pub(crate) fn panel_open_html(ids: &GroupIds, index: usize, tab: &Tab) -> String {
    format!(
        "<section id=\"{panel}\" role=\"tabpanel\" aria-labelledby=\"{id}\" data-tab=\"{tab_id}\"{condition}>\n<p class=\"tab-title\">{title}</p>\n",
        panel = escape(&ids.panels[index]),
        id = escape(&ids.tabs[index]),
        tab_id = escape(&tab.reference.id),
        condition = condition_attr(&tab.reference),
        title = tab.title_html,
    )
}

fn condition_attr(reference: &TabRef) -> String {
    reference
        .condition
        .as_ref()
        .map(|c| format!(" data-condition=\"{}\"", escape(c)))
        .unwrap_or_default()
}

/// The end of a panel.
pub(crate) const PANEL_CLOSE_HTML: &str = "</section>\n";
/// The end of a group.
pub(crate) const GROUP_CLOSE_HTML: &str = "</div>\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(id: &str, condition: Option<&str>, title: &str) -> Tab {
        Tab {
            reference: TabRef {
                id: id.into(),
                condition: condition.map(Into::into),
            },
            title_html: title.into(),
        }
    }

    // DocFX: TabGroupTest.Test_General, Test_TabGroup_Combining (the href rule of
    // TabGroupAggregator).
    #[test]
    fn tab_links() {
        assert_eq!(
            tab_href("#tab/a"),
            Some(TabRef {
                id: "a".into(),
                condition: None
            })
        );
        assert_eq!(
            tab_href("#tab/b/c"),
            Some(TabRef {
                id: "b".into(),
                condition: Some("c".into())
            })
        );
        assert_eq!(tab_href("#tab/a+b").map(|t| t.id), Some("a+b".into()));
        assert_eq!(tab_href("#tab/dotnet/").map(|t| t.condition), Some(None));
        assert_eq!(tab_href("#tab/"), None);
        assert_eq!(tab_href("#tab/a b"), None);
        assert_eq!(tab_href("#tab/a/b/c"), None);
        assert_eq!(tab_href("#tabs/a"), None);
        assert_eq!(tab_href("tab/a"), None);
    }

    // DocFX: TabGroupTest.Test_TabGroup_Combining: two groups separated by `- - -`.
    #[test]
    fn groups_end_at_rules_and_at_the_container_end() {
        use TabBlock::*;
        let blocks = [
            Other, TabHeading, Other, TabHeading, Other, Rule, TabHeading, Other, TabHeading,
            Other, Rule, Rule, Other, TabHeading, Other,
        ];
        let mut grouping = TabGrouping::default();
        let steps: Vec<TabStep> = blocks.iter().map(|b| grouping.block(*b)).collect();
        use TabStep as S;
        assert_eq!(
            steps,
            [
                S::Outside,
                S::StartGroup,
                S::Panel,
                S::NextTab,
                S::Panel,
                S::EndGroup,
                S::StartGroup,
                S::Panel,
                S::NextTab,
                S::Panel,
                S::EndGroup,
                S::Outside,
                S::Outside,
                S::StartGroup,
                S::Panel,
            ]
        );
        assert!(grouping.finish());
        assert!(!grouping.finish());
    }

    // DocFX: TabGroupTest.Test_General (ids `tabpanel_1_a`, `tabpanel_1_b_c`, data-tab,
    // data-condition, the first tab selected), with every panel shown without script.
    #[test]
    fn accessible_html_with_unique_ids() {
        let tabs = [tab("a", None, "title-a"), tab("b", Some("c"), "title-b")];
        let mut page_ids = PageIds::default();
        assert!(page_ids.claim("tabpanel_1_a"));
        let group = group_id(1, &mut page_ids);
        let (tab_ids, panels) = tabs
            .iter()
            .map(|t| tab_ids(1, &t.reference, &mut page_ids))
            .unzip();
        let ids = GroupIds {
            group,
            tabs: tab_ids,
            panels,
        };
        assert_eq!(ids.panels, ["tabpanel_1_a-1", "tabpanel_1_b_c"]);
        let html = group_open_html(&ids, &tabs);
        assert_eq!(
            html,
            "<div class=\"tabGroup\" id=\"tabgroup_1\" data-tab-group>\n<ul role=\"tablist\" class=\"tab-list\" hidden>\n\
<li role=\"presentation\"><a href=\"#tabpanel_1_a-1\" role=\"tab\" id=\"tab_1_a\" aria-controls=\"tabpanel_1_a-1\" aria-selected=\"true\" tabindex=\"0\" data-tab=\"a\">title-a</a></li>\n\
<li role=\"presentation\"><a href=\"#tabpanel_1_b_c\" role=\"tab\" id=\"tab_1_b_c\" aria-controls=\"tabpanel_1_b_c\" aria-selected=\"false\" tabindex=\"-1\" data-tab=\"b\" data-condition=\"c\">title-b</a></li>\n</ul>\n"
        );
        let panel = panel_open_html(&ids, 1, &tabs[1]);
        assert_eq!(
            panel,
            "<section id=\"tabpanel_1_b_c\" role=\"tabpanel\" aria-labelledby=\"tab_1_b_c\" data-tab=\"b\" data-condition=\"c\">\n<p class=\"tab-title\">title-b</p>\n"
        );
        assert!(!panel.contains("hidden"));
        // A whole group: the list, then each panel, each closed.
        let whole = group_open_html(&ids, &tabs)
            + &panel_open_html(&ids, 0, &tabs[0])
            + "<p>content-a</p>\n"
            + PANEL_CLOSE_HTML
            + &panel
            + PANEL_CLOSE_HTML
            + GROUP_CLOSE_HTML;
        assert_eq!(
            whole.matches("<section").count(),
            whole.matches("</section>").count()
        );
        assert_eq!(
            whole.matches("<div").count(),
            whole.matches("</div>").count()
        );
    }
}
