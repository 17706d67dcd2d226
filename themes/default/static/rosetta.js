// rosetta default theme: the language switcher keeps the current #anchor, the menu button
// opens the navigation on small screens, the navigation loads the whole TOC tree from its
// shared file and filters it by title, the colour scheme toggle, the search box's keys
// (the results while typing are search-box.js with search-engine.js, loaded when the box
// gets focus), the source page's article in place of a translation, links' addresses for
// print, and the root page sends readers to their preferred language.
(function () {
  "use strict";

  var THEME = "rosetta-theme";
  var SCHEMES = ["", "light", "dark"]; // "": the system's

  // The colour scheme: a script in <head> applied the stored choice before the page was
  // drawn. Each click on the toggle shows the other scheme: the one the system does not
  // show is kept as the choice for every page, the system's own is a return to following
  // the system (so no click leaves the page as it was). Its label names the choice.
  function setUpTheme() {
    var root = document.documentElement;
    var button = document.querySelector(".theme-toggle");
    var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function current() {
      var t = root.getAttribute("data-theme") || "";
      return SCHEMES.indexOf(t) < 0 ? "" : t;
    }
    function apply(scheme) {
      if (scheme) root.setAttribute("data-theme", scheme);
      else root.removeAttribute("data-theme");
      if (!button) return;
      var labels = (button.getAttribute("data-labels") || "").split("|");
      var label = labels[SCHEMES.indexOf(scheme)] || "";
      button.setAttribute("aria-label", label);
      button.title = label;
    }
    apply(current());
    if (button) {
      button.addEventListener("click", function () {
        var systemScheme = system && system.matches ? "dark" : "light";
        var shown = current() || systemScheme;
        var other = shown === "dark" ? "light" : "dark";
        var next = other === systemScheme ? "" : other;
        apply(next);
        try {
          if (next) localStorage.setItem(THEME, next);
          else localStorage.removeItem(THEME);
        } catch (e) { /* private mode: this page only */ }
      });
    }
    // A choice made in another tab.
    window.addEventListener("storage", function (event) {
      if (event.key === THEME || event.key === null) {
        var t = event.newValue || "";
        apply(SCHEMES.indexOf(t) < 0 ? "" : t);
      }
    });
  }

  // Anchors are shared across translations: follow the reader's position (and version) to
  // the other language.
  function syncLanguageLinks() {
    var view = new URLSearchParams(location.search).get("view");
    var query = view ? "?view=" + encodeURIComponent(view) : "";
    document.querySelectorAll("a.lang-link[data-href]").forEach(function (a) {
      a.setAttribute("href", a.getAttribute("data-href") + query + location.hash);
    });
  }

  function setUpMenu() {
    var button = document.querySelector(".nav-toggle");
    if (!button) return;
    button.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // The whole tree of the page's TOC, from the shared script: [[title, href, children?], …].
  function setUpTree() {
    var nav = document.querySelector("nav.site-nav[data-toc]");
    if (!nav) return;
    var base = new URL(nav.getAttribute("data-locale-root"), location.href);
    var here = location.pathname;
    var label = nav.getAttribute("data-expand-label") || "";
    window.rosettaToc = function (items) {
      var current = null;
      function build(list, depth) {
        var ul = document.createElement("ul");
        if (depth === 0) ul.className = "nav-tree";
        list.forEach(function (item) {
          var li = document.createElement("li");
          var row = document.createElement("div");
          row.className = "nav-item";
          var el;
          if (item[1] !== null) {
            el = document.createElement("a");
            var url = new URL(item[1], base);
            el.href = url.href;
            if (url.origin === location.origin && url.pathname === here &&
                (current === null || (current.hash && !url.hash))) {
              current = { li: li, a: el, hash: url.hash };
            }
          } else {
            el = document.createElement("span");
            el.className = "nav-group";
          }
          el.textContent = item[0];
          row.appendChild(el);
          li.appendChild(row);
          if (item[3]) li.setAttribute("data-moniker", item[3]);
          if (item[2]) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "nav-expand";
            button.setAttribute("aria-label", label);
            button.setAttribute("aria-expanded", "false");
            button.textContent = "▶";
            row.insertBefore(button, row.firstChild);
            li.appendChild(build(item[2], depth + 1));
            li.className = "closed";
            button.addEventListener("click", function () {
              var open = li.classList.toggle("closed") === false;
              button.setAttribute("aria-expanded", open ? "true" : "false");
            });
          }
          ul.appendChild(li);
        });
        return ul;
      }
      var tree = build(items, 0);
      if (current) {
        current.a.setAttribute("aria-current", "page");
        current.li.classList.add("current");
        for (var li = current.li; li && li !== tree; li = li.parentElement && li.parentElement.closest("li")) {
          if (!tree.contains(li)) break;
          li.classList.remove("closed");
          li.classList.add("open");
          var b = li.querySelector(":scope > .nav-item > .nav-expand");
          if (b) b.setAttribute("aria-expanded", "true");
        }
      }
      var old = nav.querySelector("ul.nav-tree");
      if (old) nav.replaceChild(tree, old); else nav.appendChild(tree);
      if (nav.rosettaFilter) nav.rosettaFilter(tree);
      if (current && current.a.scrollIntoView && nav.scrollHeight > nav.clientHeight) {
        nav.scrollTop = current.a.offsetTop - nav.clientHeight / 3;
      }
    };
    var script = document.createElement("script");
    script.src = nav.getAttribute("data-toc");
    document.head.appendChild(script);
    setUpFilter(nav);
  }

  // Titles compared without letter case, accents or width (full-width letters, compatibility
  // forms): "instalacion" finds "Instalación"; CJK text is found by any substring.
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // The filter over the whole tree (once the shared script has built it): matching entries
  // with their ancestors, opened; the rest hidden; a message when nothing matches.
  function setUpFilter(nav) {
    var input = nav.querySelector(".nav-filter input");
    if (!input) return;
    var message = document.createElement("p");
    message.className = "nav-filter-none";
    message.setAttribute("role", "status");
    input.parentNode.appendChild(message);
    var tree = null;
    var entries = null; // [{li, text, parent, button}], in document order
    var saved = null; // each entry's classes and button state before filtering
    function index() {
      entries = [];
      var at = new Map();
      tree.querySelectorAll("li").forEach(function (li) {
        var label = li.querySelector(":scope > .nav-item > a, :scope > .nav-item > .nav-group, :scope > a, :scope > .nav-group");
        var parentLi = li.parentElement && li.parentElement.closest("li");
        var entry = {
          li: li,
          text: fold(label ? label.textContent : ""),
          parent: parentLi && at.has(parentLi) ? at.get(parentLi) : null,
          button: li.querySelector(":scope > .nav-item > .nav-expand"),
        };
        at.set(li, entry);
        entries.push(entry);
      });
    }
    function setOpen(entry, open) {
      if (!entry.button) return;
      entry.li.classList.toggle("closed", !open);
      entry.li.classList.toggle("open", open);
      entry.button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function run() {
      if (!tree) return;
      var query = fold(input.value);
      if (!query) {
        if (saved) {
          entries.forEach(function (e, i) {
            e.li.hidden = false;
            e.li.className = saved[i][0];
            if (e.button) e.button.setAttribute("aria-expanded", saved[i][1]);
          });
          saved = null;
        }
        nav.classList.remove("filtering");
        message.textContent = "";
        return;
      }
      if (!entries) index();
      if (!saved) {
        saved = entries.map(function (e) {
          return [e.li.className, e.button ? e.button.getAttribute("aria-expanded") : null];
        });
      }
      nav.classList.add("filtering");
      var shown = entries.map(function () { return false; });
      var opened = entries.map(function () { return false; });
      var found = 0;
      var position = new Map();
      entries.forEach(function (e, i) { position.set(e, i); });
      // Children come after their parent: walking backwards, a match shows its ancestors.
      for (var i = entries.length - 1; i >= 0; i--) {
        var e = entries[i];
        if (e.text.indexOf(query) >= 0) {
          shown[i] = true;
          found++;
        }
        if (shown[i] && e.parent) {
          var p = position.get(e.parent);
          shown[p] = true;
          opened[p] = true;
        }
      }
      entries.forEach(function (e, i) {
        e.li.hidden = !shown[i];
        if (shown[i]) setOpen(e, opened[i]);
      });
      message.textContent = found ? "" : input.getAttribute("data-none") || "";
      nav.scrollTop = 0;
    }
    var pending = 0;
    input.addEventListener("input", function () {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(run);
    });
    // The whole tree arrived (it replaces the page's part of it).
    nav.rosettaFilter = function (built) {
      tree = built;
      entries = null;
      saved = null;
      run();
    };
  }

  // The header's search box: `/` and Ctrl+K (⌘K) focus it; the first focus loads the
  // results-while-typing script (search-box.js), which loads the locale's index.
  function setUpSearchKeys() {
    var form = document.querySelector("form.rosetta-search");
    var input = form && form.querySelector("input[name=q]");
    if (!input) return;
    var loaded = false;
    function load() {
      if (loaded) return;
      loaded = true;
      // Fetched side by side, run in order (the box uses what search-engine.js defines,
      // which the search page has already).
      var names = window.rosettaSearch ? ["search-box.js"] : ["search-engine.js", "search-box.js"];
      names.forEach(function (name) {
        var script = document.createElement("script");
        script.async = false;
        script.src = new URL("../_rosetta/" + name, form.action).href;
        document.head.appendChild(script);
      });
    }
    input.addEventListener("focus", load);
    if (document.activeElement === input) load();
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.altKey) return;
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if ((event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.shiftKey) {
        event.preventDefault();
        input.focus();
        input.select();
      } else if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  // "Show the original": the source page's article in place of the translation's, at the
  // same section, and back. Without the script the toggle is a link to the source page.
  // Once the notice that holds it is out of sight, a copy of the toggle floats at the
  // bottom of the window, so that it can be used from any section.
  function setUpSourceToggle() {
    var link = document.querySelector("a.source-toggle");
    var article = document.querySelector("article.content");
    if (!link || !article || !window.fetch || !window.DOMParser) return;
    var notice = link.parentNode;
    var floating = document.createElement("button");
    floating.type = "button";
    floating.className = "source-toggle source-float";
    floating.hidden = true;
    document.body.appendChild(floating);
    var toggles = [link, floating];
    var show = link.textContent;
    var back = link.getAttribute("data-back") || show;
    var source = null; // the source's article, once fetched
    var kept = null; // the translation's nodes while the source shows
    var busy = false;
    link.setAttribute("role", "button");
    function label() {
      toggles.forEach(function (t) {
        t.textContent = kept ? back : show;
        t.setAttribute("aria-pressed", kept ? "true" : "false");
      });
    }
    label();
    toggles.forEach(function (t) {
      t.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
        event.preventDefault();
        toggle();
      });
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        toggle();
      }
    });
    if (window.IntersectionObserver) {
      new IntersectionObserver(function (entries) {
        floating.hidden = entries[entries.length - 1].isIntersecting;
      }).observe(notice);
    }
    function headerBottom() {
      var header = document.querySelector(".site-header");
      return header ? header.getBoundingClientRect().bottom : 0;
    }
    // The headings at or above the top of the window, nearest first, and where they are.
    function here() {
      var top = headerBottom() + 8;
      var found = [];
      var headings = article.querySelectorAll("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]");
      for (var i = 0; i < headings.length; i++) {
        var y = headings[i].getBoundingClientRect().top;
        if (y > top) break;
        found.unshift({ id: headings[i].id, y: y });
      }
      return found;
    }
    // Back at the nearest of those sections that the new article has too (anchors are
    // shared across translations), at the same height in the window.
    function stay(at) {
      for (var i = 0; i < at.length; i++) {
        var heading = document.getElementById(at[i].id);
        if (heading && article.contains(heading)) {
          window.scrollBy(0, heading.getBoundingClientRect().top - at[i].y);
          return;
        }
      }
    }
    function swap(at) {
      if (kept) {
        source.remove();
        article.appendChild(kept);
        kept = null;
      } else {
        kept = document.createDocumentFragment();
        Array.prototype.slice.call(article.childNodes).forEach(function (node) {
          if (node !== notice && !(node.nodeType === 1 && node.matches(".mt-notice, .stale-notice"))) {
            kept.appendChild(node);
          }
        });
        article.appendChild(source);
      }
      label();
      stay(at);
      if (kept) source.dispatchEvent(new CustomEvent("rosetta:content", { bubbles: true }));
    }
    function toggle() {
      if (busy) return;
      if (source) return swap(here());
      busy = true;
      var url = new URL(link.getAttribute("href"), location.href);
      fetch(url.href)
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var theirs = doc.querySelector("article.content");
          if (!theirs) throw new Error("no article");
          // Addresses in the source's article lead from the source page.
          theirs.querySelectorAll("[href], [src]").forEach(function (el) {
            ["href", "src"].forEach(function (name) {
              var value = el.getAttribute(name);
              if (value === null || value.charAt(0) === "#" || /^[a-z][a-z0-9+.-]*:/i.test(value)) return;
              el.setAttribute(name, new URL(value, url).href);
            });
          });
          source = document.createElement("div");
          source.className = "source-article";
          source.lang = doc.documentElement.lang || link.getAttribute("data-lang") || "";
          source.dir = doc.documentElement.dir || "ltr";
          Array.prototype.slice.call(theirs.childNodes).forEach(function (node) {
            if (!(node.nodeType === 1 && node.matches(".mt-notice, .stale-notice"))) {
              source.appendChild(document.adoptNode(node));
            }
          });
          busy = false;
          swap(here());
        })
        .catch(function () {
          busy = false;
          location.href = url.href; // what the plain link does
        });
    }
  }

  // Print: each link of the article followed by its full address (the print stylesheet
  // shows data-url).
  function setUpPrint() {
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("article a[href]").forEach(function (a) {
        var href = a.getAttribute("href");
        if (href.charAt(0) === "#" || a.classList.contains("source-toggle") || !/^https?:/.test(a.href)) return;
        if (a.textContent.trim() === a.href) return;
        a.setAttribute("data-url", a.href);
      });
    });
  }

  // The root page: go to the first locale the browser prefers, if the site has one.
  window.rosettaChooseLocale = function () {
    var links = Array.prototype.slice.call(document.querySelectorAll("a[data-lang]"));
    var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
    function find(test) {
      for (var i = 0; i < wanted.length; i++) {
        var w = String(wanted[i]).toLowerCase();
        for (var j = 0; j < links.length; j++) {
          if (test(links[j].getAttribute("data-lang").toLowerCase(), w)) return links[j];
        }
      }
      return null;
    }
    var match = find(function (l, w) { return l === w; }) ||
      find(function (l, w) { return l.split("-")[0] === w.split("-")[0]; });
    if (match) location.replace(match.href);
  };

  // "On this page" starts folded where it stands above the article (the stylesheet shows it
  // folded until then, so nothing moves).
  function foldSections() {
    var details = document.querySelector(".on-this-page details");
    if (!details) return;
    if (window.matchMedia && window.matchMedia("(max-width: 1199px)").matches) {
      details.open = false;
    }
    details.classList.add("ready");
  }

  // Code blocks and tables that scroll sideways can be scrolled with the keyboard too.
  function focusableScrollers(root) {
    root.querySelectorAll("pre, table").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) el.tabIndex = 0;
    });
  }

  function start() {
    foldSections();
    var article = document.querySelector("article.content");
    if (article) focusableScrollers(article);
    document.addEventListener("rosetta:content", function (event) {
      focusableScrollers(event.target);
    });
    setUpTheme();
    syncLanguageLinks();
    window.addEventListener("hashchange", syncLanguageLinks);
    setUpMenu();
    setUpTree();
    setUpSearchKeys();
    setUpSourceToggle();
    setUpPrint();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
