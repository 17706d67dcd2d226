// rosetta serve: live reload and the findings overlay. Added to each HTML page as it is
// served (the built files do not have it). See src/serve/live.rs for the messages.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || window.__rosettaLive) return;
  // `connected` turns true with the server's first message: from then on it reports.
  var state = (window.__rosettaLive = { connected: false });
  var page = me.getAttribute("data-page") || "";
  var version = me.getAttribute("data-version") || "";
  var scrollKey = "rosetta-live-scroll:" + location.pathname;

  // After a reload: back to where the reader was (the #anchor stays in the URL).
  function restoreScroll() {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
    } catch (e) {
      saved = null;
    }
    if (!saved) return;
    var put = function () {
      window.scrollTo(saved[0], saved[1]);
    };
    put();
    window.addEventListener("load", function () {
      put();
      requestAnimationFrame(function () {
        put();
        try {
          sessionStorage.removeItem(scrollKey);
        } catch (e) {}
      });
    });
  }
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  restoreScroll();

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    } catch (e) {}
    location.reload();
  }

  // The output path a URL of this document points at (`_rosetta/rosetta.css`).
  function outputPath(url) {
    try {
      var u = new URL(url, location.href);
      if (u.origin !== location.origin) return null;
      return decodeURIComponent(u.pathname).replace(/^\/+/, "");
    } catch (e) {
      return null;
    }
  }

  function assetsChanged(files) {
    var changed = {};
    files.forEach(function (f) {
      changed[f] = true;
    });
    var swapped = false;
    document.querySelectorAll('link[rel~="stylesheet"][href]').forEach(function (link) {
      var path = outputPath(link.href);
      if (!path || !changed[path]) return;
      var fresh = link.cloneNode();
      var u = new URL(link.href, location.href);
      u.searchParams.set("rosetta-live", String(Date.now()));
      fresh.href = u.toString();
      fresh.addEventListener("load", function () {
        link.remove();
      });
      fresh.addEventListener("error", function () {
        link.remove();
      });
      link.after(fresh);
      swapped = true;
    });
    var uses = document.querySelectorAll("script[src], img[src], source[src], video[src], iframe[src]");
    for (var i = 0; i < uses.length; i++) {
      var path = outputPath(uses[i].getAttribute("src"));
      if (path && changed[path] && path !== "__rosetta/live.js") {
        reload();
        return;
      }
    }
    return swapped;
  }

  // The overlay: this page's findings, in a shadow root so that the site's styles stay out.
  var host = null;
  // Its colours follow the page's scheme: the theme's choice on <html data-theme>, else
  // the system's.
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function scheme() {
    if (!host) return;
    var chosen = document.documentElement.getAttribute("data-theme");
    var isDark = chosen ? chosen === "dark" : !!(dark && dark.matches);
    host.classList.toggle("dark", isDark);
  }
  if (dark && dark.addEventListener) dark.addEventListener("change", scheme);
  if (window.MutationObserver) {
    new MutationObserver(scheme).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
  }
  var dismissed = null;
  function showFindings(findings, failure) {
    var key = JSON.stringify([findings, failure]);
    if (!findings.length && !failure) {
      if (host) host.remove();
      host = null;
      dismissed = null;
      return;
    }
    if (dismissed === key) return;
    if (!host) {
      host = document.createElement("rosetta-findings");
      host.attachShadow({ mode: "open" });
      document.documentElement.appendChild(host);
    }
    var root = host.shadowRoot;
    root.innerHTML = "";
    var style = document.createElement("style");
    // Light or dark as the page is (its toggle's choice, else the system's).
    style.textContent =
      ":host{--fg:#1b1b1b;--bg:#fff8f0;--line:#ecd5bd;--frame:#d4a373;--err:#c0392b;--warn:#9a6700;--at:#555}" +
      ":host(.dark){--fg:#e6edf3;--bg:#2b1a10;--line:#5c3a1e;--frame:#7a4a25;--err:#ff7b72;--warn:#e3b341;--at:#b1bac4}" +
      ":host{all:initial;position:fixed;z-index:2147483647;right:12px;bottom:12px;max-width:min(720px,calc(100vw - 24px));max-height:45vh;overflow:auto;" +
      "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--fg);background:var(--bg);border:1px solid var(--frame);border-left:4px solid var(--err);" +
      "border-radius:6px;box-shadow:0 4px 18px rgba(0,0,0,.18)}" +
      "header{display:flex;align-items:center;gap:8px;padding:6px 8px 6px 12px;font-weight:bold;border-bottom:1px solid var(--line)}" +
      "header span{flex:1}button{all:unset;cursor:pointer;padding:0 6px;font-size:18px;line-height:1}button:focus-visible{outline:2px solid var(--err)}" +
      "ul{list-style:none;margin:0;padding:4px 12px 8px}li{padding:3px 0;overflow-wrap:anywhere}" +
      ".at{color:var(--at)}.error .sev{color:var(--err)}.warning .sev{color:var(--warn)}.failure{padding:6px 12px;white-space:pre-wrap;color:var(--err)}";
    scheme();
    root.appendChild(style);
    var header = document.createElement("header");
    var title = document.createElement("span");
    title.textContent =
      findings.length + (findings.length === 1 ? " finding" : " findings") + " on this page";
    var close = document.createElement("button");
    close.type = "button";
    close.title = "Dismiss";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "\u00d7";
    close.addEventListener("click", function () {
      dismissed = key;
      if (host) host.remove();
      host = null;
    });
    header.appendChild(title);
    header.appendChild(close);
    root.appendChild(header);
    if (failure) {
      var f = document.createElement("div");
      f.className = "failure";
      f.textContent = failure + "\nShowing the last good output.";
      root.appendChild(f);
    }
    var list = document.createElement("ul");
    findings.forEach(function (d) {
      var item = document.createElement("li");
      item.className = d.severity;
      var at = document.createElement("span");
      at.className = "at";
      at.textContent = d.file + ":" + d.line + ":" + d.column + " ";
      var sev = document.createElement("span");
      sev.className = "sev";
      sev.textContent = d.severity + "[" + d.code + "]";
      item.appendChild(at);
      item.appendChild(sev);
      item.appendChild(document.createTextNode(": " + d.message));
      list.appendChild(item);
    });
    root.appendChild(list);
  }

  var retry = 250;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    var url =
      scheme + "//" + location.host + "/__rosetta/live?page=" + encodeURIComponent(page) +
      "&version=" + encodeURIComponent(version);
    var socket = new WebSocket(url);
    var reloading = false;
    socket.onopen = function () {
      retry = 250;
    };
    socket.onmessage = function (event) {
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      state.connected = true;
      if (message.type === "reload") {
        reloading = true;
        reload();
      } else if (message.type === "assets") {
        assetsChanged(message.files || []);
      } else if (message.type === "findings") {
        showFindings(message.findings || [], message.failure || null);
      }
    };
    socket.onclose = function () {
      state.connected = false;
      if (reloading) return;
      // The server restarted or stopped: try again, a little less often each time.
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }
  connect();
})();
