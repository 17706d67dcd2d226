// The DocFX extensions of the default theme: the pivot selector (the choice is kept in the
// URL as ?pivots= and across pages), the version picker (the choice is kept in the URL as
// ?view=, as on Microsoft Learn, by links to other pages and by the language switcher),
// tab groups (tabs with one id switch together; arrow keys, Home and End move between
// tabs; a `#tab/id` link selects its tab), and the lightbox of :::image lightbox="…":::.
// Without this script every zone, every moniker block and every panel shows under its
// title.
(function () {
  "use strict";

  var STORE = "rosetta-pivots";

  function stored() {
    try { return (localStorage.getItem(STORE) || "").split(",").filter(Boolean); } catch (e) { return []; }
  }

  function store(ids) {
    try { localStorage.setItem(STORE, ids.join(",")); } catch (e) { /* private mode */ }
  }

  // Applies the chosen pivots again (to content shown later); set by setUpPivots.
  var applyPivots = null;

  // Pivots: one choice per group; a zone shows when one of its pivots is chosen.
  function setUpPivots() {
    var selector = document.querySelector(".pivot-selector");
    if (!selector) return;
    var groups = Array.prototype.slice.call(selector.querySelectorAll(".pivot-group"));
    var fromUrl = (new URLSearchParams(location.search).get("pivots") || "").split(",").filter(Boolean);
    var remembered = stored();
    var chosen = {};
    groups.forEach(function (g) {
      var links = Array.prototype.slice.call(g.querySelectorAll("a[data-pivot]"));
      var ids = links.map(function (a) { return a.getAttribute("data-pivot"); });
      var pick = fromUrl.filter(function (id) { return ids.indexOf(id) >= 0; })[0] ||
        remembered.filter(function (id) { return ids.indexOf(id) >= 0; })[0] || ids[0];
      chosen[g.getAttribute("data-pivot-group")] = pick;
      links.forEach(function (a) {
        a.addEventListener("click", function (event) {
          event.preventDefault();
          chosen[g.getAttribute("data-pivot-group")] = a.getAttribute("data-pivot");
          apply(true);
        });
      });
    });
    document.documentElement.classList.add("pivots-active");

    // `inUrl`: the reader chose, so the choice goes into the address (a page opened without
    // one keeps its address; its links still carry the choice).
    function apply(inUrl) {
      var ids = Object.keys(chosen).map(function (k) { return chosen[k]; });
      groups.forEach(function (g) {
        g.querySelectorAll("a[data-pivot]").forEach(function (a) {
          a.setAttribute("aria-current", chosen[g.getAttribute("data-pivot-group")] === a.getAttribute("data-pivot") ? "true" : "false");
        });
      });
      document.querySelectorAll(".zone.has-pivot[data-pivot]").forEach(function (zone) {
        var pivots = zone.getAttribute("data-pivot").split(" ");
        zone.hidden = !pivots.some(function (p) { return ids.indexOf(p) >= 0; });
      });
      var keep = remembered.filter(function (id) { return ids.indexOf(id) < 0; });
      store(ids.concat(keep).slice(0, 20));
      if (inUrl) {
        var url = new URL(location.href);
        url.searchParams.set("pivots", ids.join(","));
        history.replaceState(history.state, "", url.pathname + url.search + url.hash);
      }
      // Links to other pages of the site carry the choice.
      document.querySelectorAll("article a[href]").forEach(function (a) {
        var href = a.getAttribute("href");
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#" || href.charAt(0) === "/") return;
        if (!/\.html(\?|#|$)/.test(href)) return;
        var target = new URL(href, location.href);
        target.searchParams.set("pivots", ids.join(","));
        a.setAttribute("href", target.pathname.split("/").pop() === "" ? target.href : href.split(/[?#]/)[0] + target.search + target.hash);
      });
    }
    apply(fromUrl.length > 0);
    applyPivots = apply;
  }

  // Versions. The version shown is ?view= (a page that lacks it shows its newest version
  // with a notice, or its twin for that version when it has one), else the one remembered,
  // else the page's default. One style rule hides the moniker blocks, "on this page" entries
  // and navigation entries (also those the TOC script adds later) of other versions.
  var VIEW_STORE = "rosetta-view";

  function viewInUrl() {
    return (new URLSearchParams(location.search).get("view") || "").toLowerCase();
  }

  function setUpVersions() {
    var fromUrl = viewInUrl();
    var remembered = "";
    try { remembered = localStorage.getItem(VIEW_STORE) || ""; } catch (e) { /* private mode */ }
    var picker = document.querySelector(".version-picker[data-versions]");
    if (!picker) {
      show(fromUrl || remembered, false);
      return;
    }
    var select = picker.querySelector("select");
    var notice = picker.querySelector(".version-fallback");
    var own = picker.getAttribute("data-versions").split(" ");
    var fallback = picker.getAttribute("data-default");
    var newest = picker.getAttribute("data-newest") || fallback;
    function option(name) {
      return Array.prototype.filter.call(select.options, function (o) { return o.value === name; })[0];
    }
    var others = {};
    try { others = JSON.parse(picker.getAttribute("data-titles") || "{}"); } catch (e) { /* none */ }
    function title(name) {
      var o = option(name);
      return o ? o.textContent : (Object.prototype.hasOwnProperty.call(others, name) ? others[name] : name);
    }
    function go(name, href) {
      var url = new URL(href, location.href);
      url.searchParams.set("view", name);
      url.hash = location.hash;
      location.assign(url.href);
    }
    var wanted = fromUrl || remembered;
    // A version the page lacks: asked for in the address, its newest (with a notice);
    // remembered from another page, the page's default.
    var view = own.indexOf(wanted) >= 0 ? wanted : (fromUrl ? newest : fallback);
    if (fromUrl && view !== fromUrl) {
      var twin = option(fromUrl);
      if (twin && twin.getAttribute("data-href")) {
        go(fromUrl, twin.getAttribute("data-href"));
        return;
      }
      // Learn's viewFallbackFrom: the address says what was asked and what is shown.
      notice.textContent = (picker.getAttribute("data-fallback") || "")
        .replace(/\{\s*\$requested\s*\}/g, title(fromUrl))
        .replace(/\{\s*\$shown\s*\}/g, title(view));
      notice.hidden = false;
      var url = new URL(location.href);
      url.searchParams.set("view", view);
      url.searchParams.set("viewFallbackFrom", fromUrl);
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    }
    select.value = view;
    select.disabled = false;
    select.addEventListener("change", function () {
      var chosen = select.options[select.selectedIndex];
      if (chosen.getAttribute("data-href")) {
        go(chosen.value, chosen.getAttribute("data-href"));
        return;
      }
      notice.hidden = true;
      var url = new URL(location.href);
      url.searchParams.set("view", chosen.value);
      url.searchParams.delete("viewFallbackFrom");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
      show(chosen.value, true);
    });
    show(view, !!fromUrl);
  }

  // The version shown, once one is ("" before).
  var shownView = "";

  // Shows the blocks and entries of version `name`; `keep`: remember it for other pages.
  function show(name, keep) {
    if (!name) return;
    shownView = name;
    var style = document.getElementById("rosetta-view-style");
    if (!style) {
      style = document.createElement("style");
      style.id = "rosetta-view-style";
      document.head.appendChild(style);
    }
    var value = window.CSS && CSS.escape ? CSS.escape(name) : name.replace(/["\\]/g, "");
    style.textContent = "html.versions-active [data-moniker]:not([data-moniker~=\"" + value + "\"]){display:none}";
    document.documentElement.classList.add("versions-active");
    hideEmptied(name);
    if (keep) {
      try { localStorage.setItem(VIEW_STORE, name); } catch (e) { /* private mode */ }
    }
    document.dispatchEvent(new CustomEvent("rosetta:versions"));
  }

  // A frame (a note, a quote, a list item or list, a tab panel or tab group, a zone) whose
  // content is only moniker blocks of other versions would show an empty box: it is
  // marked, and hidden, while such a version is shown (its tab too, see setUpTabs).
  var FRAMES = ".alert, blockquote, li, ol, ul, [role=tabpanel], [data-tab-group], .zone";
  // What a frame holds besides its content: titles, the tab list.
  var FRAME_PARTS = ".alert-title, .moniker-title, .tab-title, .tab-list, .zone-title";

  function hideEmptied(name) {
    document.querySelectorAll(".moniker-emptied").forEach(function (el) {
      el.classList.remove("moniker-emptied");
    });
    var frames = new Set();
    document.querySelectorAll("article .moniker[data-moniker]").forEach(function (block) {
      for (var el = block.parentElement; el && el.tagName !== "ARTICLE"; el = el.parentElement) {
        if (el.matches(FRAMES)) frames.add(el);
      }
    });
    // Inner frames first (they follow their ancestors in document order), so that an
    // emptied list item empties its list.
    Array.from(frames).sort(function (a, b) {
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1;
    }).forEach(function (frame) {
      if (shows(frame, name)) return;
      frame.classList.add("moniker-emptied");
    });
  }

  // Whether `frame` shows something while version `name` is shown.
  function shows(frame, name) {
    for (var node = frame.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (/\S/.test(node.nodeValue)) return true;
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      if (node.matches(FRAME_PARTS) || node.classList.contains("moniker-emptied")) continue;
      var versions = node.getAttribute("data-moniker");
      if (versions !== null && versions.split(" ").indexOf(name) < 0) continue;
      return true;
    }
    return false;
  }

  // A link to another page of the site, followed while the address has ?view=, keeps it.
  function carryView(event) {
    var view = viewInUrl();
    if (!view) return;
    var a = event.target.closest && event.target.closest("a[href]");
    if (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || /^(mailto|tel|javascript):/i.test(href)) return;
      var url = new URL(a.href, location.href);
      if (url.origin !== location.origin || !/(\.html|\/)$/.test(url.pathname)) return;
      // A version the author wrote in a link stays.
      var own = url.searchParams.has("view") && !a.hasAttribute("data-view-carried") &&
        !a.classList.contains("lang-link");
      if (own) return;
      url.searchParams.set("view", view);
      url.searchParams.delete("viewFallbackFrom");
      a.href = url.href;
      a.setAttribute("data-view-carried", "");
      return;
    }
    var form = event.type === "submit" && event.target;
    if (form && form.matches("form.rosetta-search") && !form.querySelector("input[name=view]")) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "view";
      input.value = view;
      form.appendChild(input);
    }
  }

  // Tabs.
  // Tab groups under `root` (the document, or content shown later).
  function setUpTabs(root) {
    var groups = Array.prototype.slice.call((root || document).querySelectorAll("[data-tab-group]"));
    if (!groups.length) return;

    function tabsOf(group) {
      return Array.prototype.slice.call(group.querySelectorAll(":scope > .tab-list [role=tab]"));
    }

    function selected() {
      var ids = [];
      groups.forEach(function (g) {
        var tab = g.querySelector(":scope > .tab-list [aria-selected=true]");
        if (tab) tab.getAttribute("data-tab").split("+").forEach(function (id) { ids.push(id); });
      });
      return ids;
    }

    function show(group, tab, focus) {
      tabsOf(group).forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        var panel = document.getElementById(t.getAttribute("aria-controls"));
        if (panel) panel.hidden = !on;
      });
      if (focus) tab.focus();
    }

    // Dependent tabs: a tab with a condition shows while a tab of that id is selected.
    function applyConditions() {
      var ids = selected();
      groups.forEach(function (g) {
        var tabs = tabsOf(g);
        var current = null;
        tabs.forEach(function (t) {
          var condition = t.getAttribute("data-condition");
          var panel = document.getElementById(t.getAttribute("aria-controls"));
          var visible = (!condition || ids.indexOf(condition) >= 0) &&
            !(panel && panel.classList.contains("moniker-emptied"));
          t.parentElement.hidden = !visible;
          if (visible && t.getAttribute("aria-selected") === "true") current = t;
        });
        if (!current) {
          var first = tabs.filter(function (t) { return !t.parentElement.hidden; })[0];
          if (first) show(g, first, false);
        }
      });
    }

    function choose(id, focusTab) {
      groups.forEach(function (g) {
        var match = tabsOf(g).filter(function (t) {
          return t.getAttribute("data-tab").split("+").indexOf(id) >= 0 && !t.parentElement.hidden;
        })[0];
        if (match) show(g, match, match === focusTab);
      });
      applyConditions();
    }

    groups.forEach(function (g) {
      g.classList.add("tabs-active");
      var list = g.querySelector(":scope > .tab-list");
      if (list) list.hidden = false;
      var tabs = tabsOf(g);
      var first = tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0] || tabs[0];
      if (first) show(g, first, false);
      tabs.forEach(function (t, i) {
        t.addEventListener("click", function (event) {
          event.preventDefault();
          choose(t.getAttribute("data-tab").split("+")[0], t);
        });
        t.addEventListener("keydown", function (event) {
          var visible = tabs.filter(function (x) { return !x.parentElement.hidden; });
          var at = visible.indexOf(t);
          var next = null;
          if (event.key === "ArrowRight" || event.key === "ArrowDown") next = visible[(at + 1) % visible.length];
          else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = visible[(at - 1 + visible.length) % visible.length];
          else if (event.key === "Home") next = visible[0];
          else if (event.key === "End") next = visible[visible.length - 1];
          if (!next) return;
          event.preventDefault();
          choose(next.getAttribute("data-tab").split("+")[0], next);
        });
      });
    });
    applyConditions();
    // Another version shown: tabs whose panels it empties are hidden, and shown again.
    document.addEventListener("rosetta:versions", applyConditions);

    // A link to `#tab/id` (from this page or another) selects that tab and scrolls to the
    // first group that has it; a link to an element inside a panel not shown shows it.
    function fromHash() {
      var hash;
      try {
        hash = decodeURIComponent(location.hash.slice(1));
      } catch (e) {
        return;
      }
      if (!hash) return;
      if (hash.indexOf("tab/") === 0) {
        var id = hash.slice(4).split("/")[0];
        choose(id, null);
        var group = groups.filter(function (g) {
          return tabsOf(g).some(function (t) {
            return t.getAttribute("data-tab").split("+").indexOf(id) >= 0;
          });
        })[0];
        if (group) group.scrollIntoView();
        return;
      }
      var target = document.getElementById(hash);
      var panel = target && target.closest("[role=tabpanel]");
      if (!panel) return;
      while (panel) {
        var tab = document.querySelector("[role=tab][aria-controls='" + panel.id + "']");
        if (tab && panel.hidden) choose(tab.getAttribute("data-tab").split("+")[0], null);
        var outer = panel.parentElement && panel.parentElement.closest("[role=tabpanel]");
        panel = outer;
      }
      target.scrollIntoView();
    }
    fromHash();
    window.addEventListener("hashchange", fromHash);
  }

  // The lightbox: a link to an image's full size opens it over the page.
  function setUpLightbox(root) {
    var links = (root || document).querySelectorAll("a[href$='#lightbox']");
    if (!links.length || typeof HTMLDialogElement === "undefined") return;
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", document.documentElement.getAttribute("data-close-label") || "Close");
    var img = document.createElement("img");
    dialog.appendChild(close);
    dialog.appendChild(img);
    document.body.appendChild(dialog);
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    links.forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        var inner = a.querySelector("img");
        img.src = a.getAttribute("href").replace(/#lightbox$/, "");
        img.alt = inner ? inner.alt : "";
        dialog.showModal();
      });
    });
  }

  function start() {
    setUpVersions();
    setUpPivots();
    setUpTabs();
    setUpLightbox();
    // Content put into the page later (the source page's article shown in place of its
    // translation) announces itself with this event.
    document.addEventListener("rosetta:content", function (event) {
      if (shownView) hideEmptied(shownView);
      setUpTabs(event.target);
      setUpLightbox(event.target);
      if (applyPivots) applyPivots(false);
    });
  }

  document.addEventListener("pointerdown", carryView, true);
  document.addEventListener("click", carryView, true);
  document.addEventListener("submit", carryView, true);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
