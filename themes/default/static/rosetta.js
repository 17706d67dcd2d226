// rosetta default theme: the language switcher keeps the current #anchor, the menu button
// opens the navigation on small screens, the navigation loads the whole TOC tree from its
// shared file, and the root page sends readers to their preferred language.
(function () {
  "use strict";

  // Anchors are shared across translations: follow the reader's position to the other language.
  function syncLanguageLinks() {
    document.querySelectorAll("a.lang-link[data-href]").forEach(function (a) {
      a.setAttribute("href", a.getAttribute("data-href") + location.hash);
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
      if (current && current.a.scrollIntoView && nav.scrollHeight > nav.clientHeight) {
        nav.scrollTop = current.a.offsetTop - nav.clientHeight / 3;
      }
    };
    var script = document.createElement("script");
    script.src = nav.getAttribute("data-toc");
    document.head.appendChild(script);
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

  // "On this page" starts folded where it stands above the article.
  function foldSections() {
    var details = document.querySelector(".on-this-page details");
    if (details && window.matchMedia && window.matchMedia("(max-width: 1199px)").matches) {
      details.open = false;
    }
  }

  function start() {
    foldSections();
    syncLanguageLinks();
    window.addEventListener("hashchange", syncLanguageLinks);
    setUpMenu();
    setUpTree();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
