//! Tab groups in the pass (`dfm::tabs`): a heading that is only a `#tab/` link starts a
//! tab; blocks of the same container follow in its panel; a thematic break or the
//! container's end closes the group. The tab list needs every tab's title, so a placeholder
//! is written where the group starts and filled when it ends.

use super::{Events, FileCtx, Pass};
use crate::dfm::tabs::{self, GroupIds, Tab, TabBlock, TabGrouping, TabRef, TabStep};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The tab groups of one file walk, per container depth.
#[derive(Default)]
pub(super) struct TabGroups {
    levels: Vec<TabLevel>,
}

struct TabLevel {
    depth: usize,
    grouping: TabGrouping,
    open: Option<OpenGroup>,
}

struct OpenGroup {
    /// Index in the output of the placeholder the tab list replaces (when written).
    placeholder: Option<usize>,
    ids: GroupIds,
    tabs: Vec<Tab>,
}

/// A tab heading: the tab its link names, the link's text, and the heading's explicit
/// anchor (name and offset) when it has one.
pub(super) type TabHeading<'a> = (TabRef, Events<'a>, Option<(String, usize)>);

/// The tab a heading's inline content names: it must be one link to `#tab/…` and nothing
/// else, but for an explicit anchor before it (`<a name="x"></a>[T](#tab/x)`, as
/// translations add one to every heading), which is returned with its offset.
pub(super) fn heading_tab<'a>(events: &Events<'a>) -> Option<TabHeading<'a>> {
    if let Some((tab, title)) = tab_link(events) {
        return Some((tab, title, None));
    }
    let starts_with_anchor = matches!(
        events.first(),
        Some((Event::InlineHtml(html), _)) if crate::dfm::html::leading_anchor(html).is_some()
    );
    if !starts_with_anchor {
        return None;
    }
    let (anchor, rest) = super::inline::take_heading_anchor(events.clone());
    let rest: Events<'a> = rest
        .into_iter()
        .filter(|(e, _)| !matches!(e, Event::Text(t) if t.trim().is_empty()))
        .collect();
    let (tab, title) = tab_link(&rest)?;
    Some((tab, title, anchor))
}

/// The tab of inline content that is one link to `#tab/…` and nothing else.
fn tab_link<'a>(events: &Events<'a>) -> Option<(TabRef, Events<'a>)> {
    let (Event::Start(Tag::Link { dest_url, .. }), _) = events.first()? else {
        return None;
    };
    if !matches!(events.last(), Some((Event::End(TagEnd::Link), _))) {
        return None;
    }
    let closes = events
        .iter()
        .filter(|(e, _)| matches!(e, Event::End(TagEnd::Link)))
        .count();
    if closes != 1 {
        return None;
    }
    let tab = tabs::tab_href(dest_url)?;
    Some((tab, events[1..events.len() - 1].to_vec()))
}

impl<'a> Pass<'_, 'a> {
    /// A block starts at container depth `depth`: whether the pass writes it (a rule that
    /// ends a group is left out).
    pub(super) fn tab_block(
        &mut self,
        depth: usize,
        block: TabBlock,
        groups: &mut TabGroups,
    ) -> bool {
        if block != TabBlock::TabHeading && groups.levels.last().is_none_or(|l| l.depth != depth) {
            return true;
        }
        let level = self.tab_level(depth, groups);
        match level.grouping.block(block) {
            TabStep::EndGroup => {
                self.close_group(depth, groups);
                false
            }
            _ => true,
        }
    }

    fn tab_level<'g>(&mut self, depth: usize, groups: &'g mut TabGroups) -> &'g mut TabLevel {
        if groups.levels.last().is_none_or(|l| l.depth != depth) {
            groups.levels.push(TabLevel {
                depth,
                grouping: TabGrouping::default(),
                open: None,
            });
        }
        let last = groups.levels.len() - 1;
        &mut groups.levels[last]
    }

    /// A tab heading at depth `depth`: starts a group or the next tab. The heading's
    /// explicit anchor, if it has one, stays a target at the top of the tab's panel.
    pub(super) fn tab_heading(
        &mut self,
        f: &FileCtx<'a>,
        depth: usize,
        (reference, title, anchor): TabHeading<'a>,
        groups: &mut TabGroups,
    ) {
        for id in std::iter::once(reference.id.as_str()).chain(reference.id.split('+')) {
            if !self.tab_ids.iter().any(|t| t == id) {
                self.tab_ids.push(id.to_owned());
            }
        }
        let start = self.out.len();
        self.inline(f, title);
        let mut title_html = String::new();
        pulldown_cmark::html::push_html(&mut title_html, self.out.drain(start..));
        let step = self
            .tab_level(depth, groups)
            .grouping
            .block(TabBlock::TabHeading);
        if step == TabStep::StartGroup {
            self.tab_groups += 1;
            let number = self.tab_groups;
            let group = tabs::group_id(number, &mut self.ids);
            let placeholder = (self.ctx.render && self.suppressed == 0).then(|| {
                self.out.push(Event::Html(CowStr::Borrowed("")));
                self.out.len() - 1
            });
            if let Some(level) = groups.levels.last_mut() {
                level.open = Some(OpenGroup {
                    placeholder,
                    ids: GroupIds {
                        group,
                        tabs: Vec::new(),
                        panels: Vec::new(),
                    },
                    tabs: Vec::new(),
                });
            }
        } else {
            self.emit_html(tabs::PANEL_CLOSE_HTML.into());
        }
        let (tab_id, panel_id) = tabs::tab_ids(self.tab_groups, &reference, &mut self.ids);
        let tab = Tab {
            reference,
            title_html,
        };
        let Some(open) = groups.levels.last_mut().and_then(|l| l.open.as_mut()) else {
            return;
        };
        open.ids.tabs.push(tab_id);
        open.ids.panels.push(panel_id);
        let mut html = tabs::panel_open_html(&open.ids, open.ids.tabs.len() - 1, &tab);
        open.tabs.push(tab);
        if let Some((name, offset)) = anchor {
            self.claim_anchor(f, &name, offset, crate::page::AnchorKind::Explicit);
            html.push_str(&format!(
                "<a id=\"{}\"></a>",
                crate::dfm::html::escape(&name)
            ));
        }
        self.emit_html(html);
    }

    /// Closes the open group of depth `depth` (if it is the innermost level).
    fn close_group(&mut self, depth: usize, groups: &mut TabGroups) {
        let Some(level) = groups.levels.last_mut().filter(|l| l.depth == depth) else {
            return;
        };
        let Some(open) = level.open.take() else {
            return;
        };
        self.emit_html(format!(
            "{}{}",
            tabs::PANEL_CLOSE_HTML,
            tabs::GROUP_CLOSE_HTML
        ));
        if let Some(i) = open.placeholder.filter(|i| *i < self.out.len()) {
            let html = tabs::group_open_html(&open.ids, &open.tabs);
            self.out[i] = Event::Html(CowStr::Boxed(html.into_boxed_str()));
        }
    }

    /// Closes the groups of containers at depth `from` and deeper.
    pub(super) fn close_tab_groups(&mut self, from: usize, groups: &mut TabGroups) {
        while let Some(level) = groups.levels.last_mut() {
            if level.depth < from {
                break;
            }
            level.grouping.finish();
            let depth = level.depth;
            self.close_group(depth, groups);
            groups.levels.pop();
        }
    }
}
