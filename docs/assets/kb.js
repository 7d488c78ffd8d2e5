/* Copy buttons for citations and permalinks; no network, no dependency. */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-kb-copy]");
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-kb-copy"));
  if (!source) return;
  var text = source.value !== undefined ? source.value : source.textContent.trim();
  var done = function () {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-kb-copied") || label;
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () {});
  } else {
    var area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); done(); } finally { area.remove(); }
  }
});

/* n written in a CLDR numbering system (gcmkb/languages.py declares each language's; its zero digit
   from Intl): the brief and the search write their counts with it. */
window.kbDigits = function (n, system) {
  var s = String(n);
  if (!system || system === "latn") return s;
  var zero = new Intl.NumberFormat("en-u-nu-" + system).format(0).charCodeAt(0);
  return s.replace(/[0-9]/g, function (d) { return String.fromCharCode(zero + Number(d)); });
};

/* The interface labels of the page's language (assets/i18n/<lang>.json, named by the header's
   data-kb-i18n): kbInterface() fetches the file once for every script that shows them (brief.js,
   the search) and gives the promise of it; kbInterface.url is its address (its links are relative
   to it). */
(function () {
  var box = document.querySelector("[data-kb-i18n]"), file = null;
  var url = box ? new URL(box.getAttribute("data-kb-i18n"), document.baseURI).href : null;
  window.kbInterface = function () {
    if (!file) {
      file = url ? fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      }) : Promise.reject(new Error("no labels on this page"));
    }
    return file;
  };
  window.kbInterface.url = url;
})();

/* The header search's scripts (lunr, the pipeline, the engine, then the interface, kb-search.js,
   and on the explore page kb-explore.js; about 25 KB gzip) are not part of a page's first view:
   most readers never search. They load, in this order, once the reader shows the intent to search:
   the search field or its button gets the focus, a pointer or a touch, or "/" (the shortcut) is
   pressed; at once on the explore page and when the address carries a query (?q=). What is typed
   meanwhile stays in the field, and kb-search.js searches it as soon as it is there. Without
   JavaScript the field is a form that opens the search page. kbLoadSearch() loads them (once) and
   gives the promise of window.kbSearch. */
(function () {
  var box = document.querySelector("[data-kb-search]");
  if (!box) return;
  var here = document.currentScript ? document.currentScript.src : document.baseURI;
  var explore = document.querySelector("[data-kb-explore]");
  var SCRIPTS = ["lunr-2.3.9.min.js", "kb-pipeline.js", "kb-engine.js", "kb-search.js"]
    .concat(explore ? ["kb-explore.js"] : []);
  var loading = null;
  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        SCRIPTS.forEach(function (name, i) {
          var script = document.createElement("script");
          script.src = new URL("search/" + name, here).href;
          script.async = false;  /* fetched together, run in this order */
          script.onerror = reject;
          if (i === SCRIPTS.length - 1) script.onload = function () { resolve(window.kbSearch); };
          document.body.appendChild(script);
        });
      });
      loading.catch(function () {});  /* offline: the form still opens the search page */
    }
    return loading;
  }
  window.kbLoadSearch = load;
  var input = box.querySelector(".kb-search__input"), button = box.querySelector(".kb-search__submit");
  [input, button].forEach(function (target) {
    if (!target) return;
    ["focus", "pointerdown", "touchstart", "input"].forEach(function (type) {
      target.addEventListener(type, function () { load(); }, { passive: true });
    });
  });
  document.addEventListener("keydown", function (e) {  /* "/" goes to the search field */
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === "/" && input && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
    }
  });
  /* results needed at once; after the deferred scripts (brief.js gives the results their buttons) */
  if (explore || new URLSearchParams(location.search).has("q")) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { load(); });
    else load();
  }
})();

/* Material's hidden toggles (menu drawer, search) carry no autocomplete="off" here (not valid
   HTML on a checkbox): close them when the browser restores a page from its history. */
window.addEventListener("pageshow", function () {
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) toggle.checked = false;
  });
});

/* Hosts serve the root 404.html (Arabic) for every missing address: a reader who asked for an
   English or French address goes on to the error page of that language, if the site has one. */
(function () {
  var box = document.querySelector("[data-kb-not-found]");
  if (!box || !window.fetch) return;
  var root = box.getAttribute("data-kb-root");
  var path = window.location.pathname;
  if (path.indexOf(root) !== 0) return;
  var rest = path.slice(root.length);
  var asked = null;
  JSON.parse(box.getAttribute("data-kb-not-found")).forEach(function (l) {
    if (rest.indexOf(l.prefix) === 0 && (!asked || l.prefix.length > asked.prefix.length)) asked = l;
  });
  if (!asked || asked.lang === document.documentElement.lang || asked.page === path) return;
  fetch(asked.page, { method: "HEAD" }).then(function (response) {
    if (response.ok) window.location.replace(asked.page);
  }, function () {});
})();

/* What the pages used of Material's JavaScript, which they do not load (main.html says why):
   the focus ring its stylesheet draws, code blocks that scroll reachable by keyboard, the palette
   toggle, the back-to-top button, the page title in the header once the heading has scrolled
   away, the drawer closed when an address changes (a link inside the page) or on Escape.
   The palette is kept where Material kept it (__md_set), so a reader's choice carries over. */

/* Material's stylesheet draws the focus ring of its controls (header buttons, summaries, code)
   only on elements with the class "focus-visible", which its script's polyfill gave: given here to
   what the browser's own :focus-visible matches. */
document.addEventListener("focusin", function (event) {
  var e = event.target;
  if (e.classList && e.matches(":focus-visible")) e.classList.add("focus-visible");
});
document.addEventListener("focusout", function (event) {
  if (event.target.classList) event.target.classList.remove("focus-visible");
});

/* a code block or a table wider than the page scrolls in its own box, so the keyboard must reach
   it: a phone with a keyboard (or a switch) has no other way to scroll it (WCAG 2.1.1; axe's
   scrollable-region-focusable). A tap focuses it without a ring: the ring is for :focus-visible. */
(function () {
  var boxes = document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap");
  if (!boxes.length || !window.ResizeObserver) return;
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var box = entry.target;
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  });
  boxes.forEach(function (box) { observer.observe(box); });
})();

/* the palette toggle: the label shown switches to the next palette */
(function () {
  var form = document.querySelector("[data-md-component=palette]");
  if (!form || !window.__md_get) return;
  var inputs = [].slice.call(form.querySelectorAll("input"));
  var attributes = ["media", "scheme", "primary", "accent"];
  function show(index, save) {
    var input = inputs[index], color = {};
    input.checked = true;
    attributes.forEach(function (name) {
      color[name] = input.getAttribute("data-md-color-" + name);
      document.body.setAttribute("data-md-color-" + name, color[name]);
    });
    inputs.forEach(function (other, i) {  /* the label after each option switches to the next one */
      if (other.nextElementSibling) other.nextElementSibling.hidden = i !== index;
    });
    if (save) __md_set("__palette", { index: index, color: color });
  }
  function preferred() {
    return Math.max(0, inputs.findIndex(function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches;
    }));
  }
  /* the first palette is set without the theme's colour transitions: a reader whose system is dark
     would otherwise see every link fade from the light scheme's colours on each page */
  var saved = __md_get("__palette"), root = document.documentElement;
  root.classList.add("kb-instant");
  show(saved && saved.index < inputs.length ? saved.index : preferred(), false);
  void getComputedStyle(document.body).color;  /* the new colours are computed with no transition */
  requestAnimationFrame(function () { requestAnimationFrame(function () { root.classList.remove("kb-instant"); }); });
  form.addEventListener("change", function (event) { show(inputs.indexOf(event.target), true); });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var next = (inputs.findIndex(function (input) { return input.checked; }) + 1) % inputs.length;
    inputs[next].click();
    inputs[next].focus();
  });
  /* until the reader chooses, the colours follow the system's */
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
    if (!__md_get("__palette")) show(preferred(), false);
  });
})();

(function () {
  var header = document.querySelector("[data-md-component=header]");
  var title = document.querySelector("[data-md-component=header-title]");
  var top = document.querySelector("[data-md-component=top]");
  var heading = document.querySelector(".md-content h1");
  var last = window.scrollY, queued = false;
  function update() {
    queued = false;
    var y = window.scrollY, height = header ? header.offsetHeight : 0;
    if (title && heading) {
      title.classList.toggle("md-header__title--active", heading.getBoundingClientRect().bottom <= height);
    }
    if (top) {  /* shown while the reader scrolls back up, away from the top */
      var hidden = !(y < last && y > 0);
      if (top.hidden !== hidden) {
        top.hidden = hidden;
        if (hidden) { top.setAttribute("tabindex", "-1"); top.blur(); } else top.removeAttribute("tabindex");
      }
      top.style.top = height + 16 + "px";
    }
    last = y;
  }
  window.addEventListener("scroll", function () {
    if (!queued) { queued = true; requestAnimationFrame(update); }
  }, { passive: true });
  if (top) {
    top.setAttribute("tabindex", "-1");
    top.addEventListener("click", function (event) { event.preventDefault(); window.scrollTo({ top: 0 }); });
  }
  update();
})();

(function () {
  var drawer = document.getElementById("__drawer");
  if (!drawer) return;
  window.addEventListener("hashchange", function () { drawer.checked = false; });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) drawer.checked = false;
  });
})();

/* Printed, each link of a list shows its full address (kb.css, @media print). The pages carry
   only a bare data-url on those links (their absolute addresses written out cost 50-60 bytes a
   link, a hundred links on a list page): it gets the link's own address, resolved, here. Filled on load rather than
   on beforeprint, so that every way of printing (a browser's menu, a headless print to PDF) has it. */
document.querySelectorAll("a[data-url]").forEach(function (a) { a.setAttribute("data-url", a.href); });

/* Disclosures (the editorial notes) open when the address points into them, and to print. */
(function () {
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id), opened = false;
    for (var e = target && target.parentElement; e; e = e.parentElement) {
      if (e.tagName === "DETAILS" && !e.open) opened = e.open = true;
    }
    if (opened) target.scrollIntoView();
  }
  if (window.location.hash) reveal();
  window.addEventListener("hashchange", reveal);
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = [].filter.call(document.querySelectorAll("details:not([open])"), function (d) { return !d.closest(".kb-embed-box"); });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
})();

/* A term's definition (shown on hover and focus) closes with Escape, and stays closed until the
   pointer and the focus have left the term (WCAG 1.4.13: content on hover or focus is dismissible). */
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".kb-term:hover, .kb-term:focus-within").forEach(function (term) {
    term.classList.add("kb-term--closed");
  });
});
["focusout", "mouseout"].forEach(function (type) {
  document.addEventListener(type, function (event) {
    var term = event.target.closest && event.target.closest(".kb-term--closed");
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("kb-term--closed");
  });
});
