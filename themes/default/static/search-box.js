// rosetta: results under the header's search box while typing. Loaded by rosetta.js when
// the box first gets focus; it loads the locale's Pagefind index at once (relative URLs, so
// any base path works). Results come from the page's locale only, and from the version in
// the address (?view=) when there is one, and open for that version. Keys: arrows move
// between the results and the box, Enter opens a result (or, in the box, the full search
// page), Escape closes.
(function () {
  "use strict";

  var form = document.querySelector("form.rosetta-search");
  var input = form && form.querySelector("input[name=q]");
  if (!input || form.rosettaSearchBox) return;
  form.rosettaSearchBox = true;

  var SHOWN = 8;
  var WAIT = 80; // ms after the last key
  var CJK = /[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f]/;

  var lang = document.documentElement.lang;
  var action = new URL(form.getAttribute("action"), location.href);
  var bundle = new URL("../_rosetta/search/" + lang + "/", action);
  var shared = window.rosettaSearch;
  var fill = shared.fill;
  var currentView = shared.view;
  var view = currentView();
  var plural = null;
  try {
    plural = new Intl.PluralRules(lang);
  } catch (e) {
    plural = null;
  }

  var popup = document.createElement("div");
  popup.className = "search-popup";
  popup.id = "rosetta-search-results";
  popup.hidden = true;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(status);
  form.appendChild(popup);

  // The words to show ("3 results for …"), with { $count } and { $query } to fill: the
  // locale's search page has them, so pages do not carry them.
  var strings = null;
  function words() {
    if (!strings) {
      var here = document.getElementById("search-page");
      strings = (here ? Promise.resolve(here) : fetch(action.href)
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          return new DOMParser().parseFromString(html, "text/html").getElementById("search-page");
        }))
        .then(function (page) {
          var d = (page && page.dataset) || {};
          return { one: d.countOne, other: d.countOther, none: d.none, all: d.all };
        })
        .catch(function () {
          return {};
        });
    }
    return strings;
  }

  function load() {
    return shared.engine(bundle, new URL("../", action).pathname, 18);
  }
  load();
  words();

  var excerpt = shared.excerpt;

  function span(className, text) {
    var s = document.createElement("span");
    s.className = className;
    if (text) s.textContent = text;
    return s;
  }

  // The section a result comes from: the heading under which most of its words were found.
  function section(result) {
    var best = null;
    (result.sub_results || []).forEach(function (s) {
      if (!s.anchor || !s.anchor.id || s.anchor.element === "h1" || s.url.indexOf("#") < 0) return;
      var weight = (s.locations || []).length;
      if (!best || weight > best.weight) best = { sub: s, weight: weight };
    });
    return best && best.sub;
  }

  // A result opens the page for the version read here.
  function withView(href) {
    if (!view) return href;
    var url = new URL(href, location.href);
    url.searchParams.set("view", view);
    return url.href;
  }

  function hit(result) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "search-hit";
    var sub = section(result);
    a.href = withView(sub ? sub.url : result.url);
    a.appendChild(span("search-hit-title", (result.meta && result.meta.title) || result.url));
    if (sub) a.appendChild(span("search-hit-section", sub.title || sub.anchor.text || ""));
    var text = span("search-hit-excerpt");
    excerpt(sub ? sub.excerpt : result.excerpt, text);
    a.appendChild(text);
    li.appendChild(a);
    return li;
  }

  function links() {
    return Array.prototype.slice.call(popup.querySelectorAll("a"));
  }

  function open() {
    if (popup.firstChild) popup.hidden = false;
  }

  function close() {
    popup.hidden = true;
  }

  var latest = 0;
  function search() {
    var run = ++latest;
    var query = input.value.trim();
    if (query.length < (CJK.test(query) ? 1 : 2)) {
      popup.replaceChildren();
      status.textContent = "";
      close();
      form.removeAttribute("data-state");
      return;
    }
    form.setAttribute("data-state", "loading");
    view = currentView();
    load()
      .then(function (pagefind) {
        return pagefind.search(query, view ? { filters: { version: view } } : {});
      })
      .then(function (found) {
        if (run !== latest) return;
        var results = (found && found.results) || [];
        return Promise.all(
          results.slice(0, SHOWN).map(function (r) {
            return r.data();
          })
        ).then(function (pages) {
          return words().then(function (w) {
            if (run === latest) show(w, query, results.length, pages);
          });
        });
      })
      .catch(function (error) {
        if (run !== latest) return;
        // A locale without any indexed page has an empty index, which Pagefind refuses.
        words().then(function (w) {
          if (run === latest) show(w, query, 0, []);
        });
        if (!/No language indexes/.test(String(error && error.message)) && window.console) {
          console.error(error);
        }
      });
  }

  function show(words, query, count, pages) {
    var countText;
    if (!count) countText = fill(words.none || "0", { query: query });
    else {
      var one = plural && plural.select(count) === "one";
      countText = fill((one ? words.one : words.other) || "{ $count }", {
        count: count.toLocaleString(lang),
        query: query,
      });
    }
    var children = [];
    if (pages.length) {
      var list = document.createElement("ul");
      pages.forEach(function (page) {
        list.appendChild(hit(page));
      });
      children.push(list);
    } else {
      var note = document.createElement("p");
      note.className = "search-popup-note";
      note.textContent = countText;
      children.push(note);
    }
    if (count) {
      var all = document.createElement("a");
      all.className = "search-all";
      var url = new URL(action.href);
      url.searchParams.set("q", query);
      if (view) url.searchParams.set("view", view);
      all.href = url.href;
      all.textContent = (words.all || "") + " (" + count.toLocaleString(lang) + ")";
      children.push(all);
    }
    popup.replaceChildren.apply(popup, children);
    status.textContent = countText;
    form.setAttribute("data-state", "done");
    if (document.activeElement === input || form.contains(document.activeElement)) open();
  }

  var typing = 0;
  input.addEventListener("input", function () {
    // A search still running is for a query the reader has gone past.
    latest++;
    clearTimeout(typing);
    typing = setTimeout(search, WAIT);
  });
  // Back in the box by a click: the results show again (Escape and arrow keys bring the
  // focus back without them).
  input.addEventListener("click", open);
  input.setAttribute("aria-controls", popup.id);

  function move(from, by) {
    var all = links();
    if (!all.length) return;
    var at = all.indexOf(from);
    var next = at + by;
    if (from === input) next = by > 0 ? 0 : all.length - 1;
    if (next < 0 || next >= all.length) input.focus();
    else all[next].focus();
  }

  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (popup.hidden) {
        if (target === input && event.key === "ArrowDown") open();
        if (popup.hidden) return;
      }
      event.preventDefault();
      move(target, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape") {
      if (!popup.hidden) {
        event.preventDefault();
        close();
        input.focus();
      }
    } else if (target !== input && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing on a result goes on in the box.
      input.focus();
    }
  });

  // Focus or a click elsewhere closes the results.
  form.addEventListener("focusout", function (event) {
    if (!event.relatedTarget || !form.contains(event.relatedTarget)) {
      setTimeout(function () {
        if (!form.contains(document.activeElement)) close();
      }, 0);
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (!form.contains(event.target)) close();
  });

  if (input.value.trim()) search();
})();
