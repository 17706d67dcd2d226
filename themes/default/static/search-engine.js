// rosetta: what the search page (search.js) and the header's results while typing
// (search-box.js) share: a locale's Pagefind index loaded once per page, the version in the
// address, Pagefind's excerpts made safe, and the Fluent placeholders of the UI strings.
(function () {
  "use strict";

  if (window.rosettaSearch) return;

  var engines = {};

  window.rosettaSearch = {
    // The Pagefind of the index at `bundle` (a URL), loaded once for the page whichever
    // script asks first (its options stand): result URLs are stored from the site root
    // and served from `root` (a path); a large locale's index comes in parts, listed by
    // the first, merged into one search.
    engine: function (bundle, root, excerptLength) {
      var key = bundle.href;
      if (!engines[key]) {
        var options = { baseUrl: root, excerptLength: excerptLength };
        var parts = fetch(new URL("rosetta-parts.json", bundle).href)
          .then(function (response) {
            return response.ok ? response.json() : [];
          })
          .catch(function () {
            return [];
          });
        engines[key] = Promise.all([import(new URL("pagefind.js", bundle).href), parts]).then(
          function (loaded) {
            var pagefind = loaded[0];
            return pagefind
              .options(options)
              .then(function () {
                return pagefind.init();
              })
              .then(function () {
                return Promise.all(
                  (Array.isArray(loaded[1]) ? loaded[1] : []).map(function (part) {
                    return pagefind.mergeIndex(new URL(part, bundle).pathname, options);
                  })
                );
              })
              .then(function () {
                return pagefind;
              });
          }
        );
        engines[key].catch(function () {});
      }
      return engines[key];
    },

    // The version in the address (names compare without letter case; the index files
    // pages under lower-case names). Read at each query: the version picker changes the
    // address without loading the page.
    view: function () {
      return (new URLSearchParams(location.search).get("view") || "").toLowerCase();
    },

    // Pagefind's excerpts mark the matching words with <mark>; only text and <mark> are
    // kept, appended to `into`.
    excerpt: function (html, into) {
      var template = document.createElement("template");
      template.innerHTML = html || "";
      (function copy(from, to) {
        from.childNodes.forEach(function (node) {
          if (node.nodeType === Node.TEXT_NODE) {
            to.appendChild(document.createTextNode(node.textContent));
          } else if (node.nodeType === Node.ELEMENT_NODE) {
            if (node.nodeName === "MARK") {
              var mark = document.createElement("mark");
              copy(node, mark);
              to.appendChild(mark);
            } else {
              copy(node, to);
            }
          }
        });
      })(template.content, into);
      return into;
    },

    // "{ $count } results for “{ $query }”": the Fluent placeholders, filled in.
    fill: function (template, values) {
      return (template || "").replace(/\{\s*\$(\w+)\s*\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    },
  };
})();
