// rosetta search page: runs the query from ?q= against this locale's index (Pagefind, loaded
// from a URL relative to the page, so the site works under any base path and offline) and
// shows the results with the page's own strings. Sections link to page#anchor. With
// ?view=<version> (a site with versions), only pages of that version are found (the
// index's `version` filter), and results open for that version.
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var SECTIONS = 3;

  var page = document.getElementById("search-page");
  if (!page) return;
  var data = page.dataset;
  var form = page.querySelector("form.search-form");
  var input = page.querySelector("input[name=q]");
  var status = page.querySelector(".search-status");
  var list = page.querySelector(".search-results");
  var lang = document.documentElement.lang;
  var plural = null;
  try {
    plural = new Intl.PluralRules(lang);
  } catch (e) {
    plural = null;
  }

  var shared = window.rosettaSearch;
  var fill = shared.fill;

  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "search-excerpt";
    return shared.excerpt(html, p);
  }

  function link(href, text, className) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (className) a.className = className;
    return a;
  }

  // Results are of the version in the address and open for it.
  var view = shared.view;

  function withView(href) {
    var chosen = view();
    if (!chosen) return href;
    var url = new URL(href, location.href);
    url.searchParams.set("view", chosen);
    return url.href;
  }

  function item(result) {
    var li = document.createElement("li");
    li.className = "search-result";
    var meta = result.meta || {};
    var title = meta.title || result.url;
    var heading = document.createElement("h2");
    heading.appendChild(link(withView(result.url), title, "search-result-title"));
    li.appendChild(heading);
    if (meta.description) {
      var description = document.createElement("p");
      description.className = "search-description";
      description.textContent = meta.description;
      li.appendChild(description);
    }
    li.appendChild(excerpt(result.excerpt));
    // Sections are the headings under the title (the title itself is the page).
    var sections = (result.sub_results || []).filter(function (s) {
      return s.anchor && s.anchor.id && s.anchor.element !== "h1" && s.url.indexOf("#") >= 0;
    });
    if (sections.length) {
      var ul = document.createElement("ul");
      ul.className = "search-sections";
      ul.setAttribute("aria-label", data.sections || "");
      sections.slice(0, SECTIONS).forEach(function (s) {
        var sub = document.createElement("li");
        sub.appendChild(link(withView(s.url), s.title || s.anchor.text || s.anchor.id, "search-section"));
        // The page's excerpt is often the first section's: shown once.
        if (s.excerpt !== result.excerpt) sub.appendChild(excerpt(s.excerpt));
        ul.appendChild(sub);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function load() {
    var bundle = new URL(data.bundle, location.href);
    return shared.engine(bundle, new URL(data.root, location.href).pathname, 24);
  }

  var latest = 0;
  var more = null;

  function done(state) {
    page.setAttribute("data-state", state);
  }

  function show(results, from, query, run) {
    var slice = results.slice(from, from + PAGE_SIZE);
    return Promise.all(
      slice.map(function (r) {
        return r.data();
      })
    ).then(function (pages) {
      if (run !== latest) return;
      pages.forEach(function (p) {
        list.appendChild(item(p));
      });
      if (more) more.remove();
      more = null;
      var next = from + PAGE_SIZE;
      if (next < results.length) {
        more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = data.more;
        more.addEventListener("click", function () {
          more.disabled = true;
          show(results, next, query, run);
        });
        list.after(more);
      }
      done("done");
    });
  }

  function search(query) {
    var run = ++latest;
    query = query.trim();
    list.replaceChildren();
    if (more) more.remove();
    more = null;
    if (!query) {
      status.textContent = data.prompt;
      done("empty");
      return Promise.resolve();
    }
    status.textContent = data.loading;
    done("loading");
    return load()
      .then(function (pagefind) {
        var chosen = view();
        return pagefind.search(query, chosen ? { filters: { version: chosen } } : {});
      })
      .then(function (found) {
        if (run !== latest) return;
        var results = (found && found.results) || [];
        if (!results.length) {
          status.textContent = fill(data.none, { query: query });
          done("done");
          return;
        }
        var one = plural && plural.select(results.length) === "one";
        status.textContent = fill(one ? data.countOne : data.countOther, {
          count: results.length.toLocaleString(lang),
          query: query,
        });
        return show(results, 0, query, run);
      })
      .catch(function (error) {
        if (run !== latest) return;
        // A locale without any indexed page has an empty index, which Pagefind refuses.
        if (/No language indexes/.test(String(error && error.message))) {
          status.textContent = fill(data.none, { query: query });
          done("done");
          return;
        }
        status.textContent = data.failed;
        done("failed");
        if (window.console) console.error(error);
      });
  }

  function fromAddress() {
    return new URLSearchParams(location.search).get("q") || "";
  }

  var query = fromAddress();
  input.value = query;
  document.querySelectorAll("form.rosetta-search input[name=q]").forEach(function (box) {
    box.value = query;
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.pushState(null, "", url);
    search(input.value);
  });
  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var url = new URL(location.href);
      url.searchParams.set("q", input.value);
      history.replaceState(null, "", url);
      search(input.value);
    }, 250);
  });
  window.addEventListener("popstate", function () {
    input.value = fromAddress();
    search(input.value);
  });
  search(query);
})();
