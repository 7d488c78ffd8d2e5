/* The reader's brief: recommendations gathered for a meeting, in the reader's order.

   On every page: the count in the header, and the "Add to brief" buttons (recommendation pages,
   theme pages, explore results through window.kbBrief.button). On the brief page (brief/): the
   composer, which reads the brief from its address (?ids=r05,r16&langs=ar,en&title=…&note=…) or,
   without one, from this browser, and shows each recommendation in full from the shards of
   assets/brief/<lang>/ that hold its records (gcmkb/shards.py).

   Labels come from the core: the language's file (assets/i18n/<lang>.json) on every page, the
   page's #kb-brief-config on the brief page. Nothing from the address, the storage or the data
   is ever parsed as markup: every text is set with textContent or as a text node. */
(function () {
  "use strict";
  var KEY = "kb-brief";  /* localStorage: {ids, title, note}, shared by every language */
  var headerLink = document.querySelector("[data-kb-brief-link]");
  var live = document.querySelector("[data-kb-brief-live]");
  if (!headerLink) return;
  var site = headerLink.dataset;
  var labels = {};  /* brief_add…, once the language's file is here */

  /* --- storage (a private window may refuse it: the brief then lives as long as the page) --- */
  var memory = { ids: [], title: "", note: "" };

  function stored() {
    var raw = null;
    try { raw = JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { raw = null; }
    if (!raw || typeof raw !== "object") return memory;
    return {
      ids: Array.isArray(raw.ids) ? raw.ids.filter(function (id) { return typeof id === "string"; }) : [],
      title: typeof raw.title === "string" ? raw.title : "",
      note: typeof raw.note === "string" ? raw.note : ""
    };
  }

  function store(brief) {
    memory = { ids: brief.ids.slice(), title: brief.title, note: brief.note };
    try { window.localStorage.setItem(KEY, JSON.stringify(memory)); } catch (e) { /* kept in memory */ }
  }

  /* --- text ----------------------------------------------------------------------------------- */
  var digits = window.kbDigits;  /* kb.js: n in a CLDR numbering system */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* A label with {placeholders} as DOM: ids isolated left to right (they are Latin inside Arabic
     sentences), every value a text node. */
  var ISOLATED = { id: true, old: true, "new": true, ids: true };
  function format(template, values) {
    var frag = document.createDocumentFragment();
    String(template).split(/(\{[a-z]+\})/).forEach(function (part) {
      var key = /^\{([a-z]+)\}$/.exec(part);
      if (key && key[1] in values) {
        var value = String(values[key[1]]);
        frag.appendChild(ISOLATED[key[1]] ? el("bdi", { dir: "ltr" }, value) : document.createTextNode(value));
      } else if (part) {
        frag.appendChild(document.createTextNode(part));
      }
    });
    return frag;
  }

  function announce(template, values) {
    if (!live || !template) return;
    live.textContent = "";
    live.appendChild(format(template, values || {}));
  }

  /* A title or note as the page may show it: a string, without the characters that reorder text
     (embeddings, overrides, isolates and marks: one of them left open turns the tab's title around),
     at most `limit` characters. Whatever its source (the address, this browser's storage). */
  var BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g;
  function cleanText(value, limit) {
    return typeof value === "string" ? value.replace(BIDI_CONTROLS, "").slice(0, limit) : "";
  }

  /* --- every page: the count and the buttons ----------------------------------------------------- */
  /* The count is of the recommendations the brief page would show: the kept ids that exist in this
     collection (a retired one as its replacement), each once. Which exist, assets/brief/ids.json
     says; it is fetched only when something is kept. The brief page counts what it shows. */
  var known = null;  /* {ids: set of ids, redirects} once fetched */
  var knownLoading = null;
  function existing(ids, catalogue) {
    var out = [];
    ids.forEach(function (value) {
      var id = value.toLowerCase(), hops = 0;
      while (!catalogue.ids.has(id) && catalogue.redirects.hasOwnProperty(id) && hops++ < 10) id = catalogue.redirects[id];
      if (catalogue.ids.has(id) && out.indexOf(id) < 0) out.push(id);
    });
    return out;
  }
  function paintCount(shown) {
    var count = headerLink.querySelector("[data-kb-brief-count]");
    var ids = stored().ids;
    if (shown === undefined && composer) shown = composer.shown();
    if (shown === null) { count.hidden = true; return; }  /* the brief page, until it has checked them */
    if (shown === undefined && ids.length && !known && site.ids) {
      if (!knownLoading) {
        knownLoading = fetch(site.ids).then(function (r) {
          if (!r.ok) throw new Error(site.ids + ": " + r.status);
          return r.json();
        }).then(function (data) {
          known = { ids: new Set(data.ids), redirects: data.redirects || {} };
          if (!composer) paintCount();
        }).catch(function () { /* the count stays what it was */ });
      }
      count.hidden = true;  /* not a number that would change in a moment */
      return;
    }
    var n = shown !== undefined ? shown : known ? existing(ids, known).length : ids.length;
    count.textContent = digits(n, site.digits);
    count.hidden = n === 0;
  }

  function idsOfAll(button) {
    var list = document.getElementById(button.getAttribute("data-kb-brief-all"));
    return list ? Array.prototype.map.call(list.querySelectorAll("[data-kb-brief-add]"), function (b) {
      return b.getAttribute("data-kb-brief-add");
    }) : [];
  }

  function paintButton(button) {
    var ids = stored().ids;
    var one = button.getAttribute("data-kb-brief-add");
    var inBrief, label;
    if (one) {
      inBrief = ids.indexOf(one) >= 0;
      label = inBrief ? labels.brief_remove : labels.brief_add;
    } else {
      var all = idsOfAll(button);
      inBrief = all.length > 0 && all.every(function (id) { return ids.indexOf(id) >= 0; });
      label = inBrief ? labels.brief_remove_all : labels.brief_add_all;
    }
    if (!label) return;  /* painted when the labels come */
    button.textContent = label;
    if (one) button.appendChild(el("span", { "class": "kb-visually-hidden" }, " " + one));
    button.classList.toggle("kb-brief-add--in", inBrief);
  }

  function paintAll(shown) {
    paintCount(shown);
    document.querySelectorAll("[data-kb-brief-add], [data-kb-brief-all]").forEach(paintButton);
  }

  function toggle(ids) {
    var brief = stored();
    var adding = ids.some(function (id) { return brief.ids.indexOf(id) < 0; });
    if (adding) {
      ids.forEach(function (id) { if (brief.ids.indexOf(id) < 0) brief.ids.push(id); });
    } else {
      brief.ids = brief.ids.filter(function (id) { return ids.indexOf(id) < 0; });
    }
    store(brief);
    paintAll();
    announce(adding ? labels.brief_added : labels.brief_removed,
      { id: ids.join(", "), n: digits(brief.ids.length, site.digits) });
    if (composer) composer.adopt(stored());
  }

  /* a button for a list built in the browser (the explore page's results) */
  function button(id) {
    var b = el("button", { type: "button", "class": "kb-brief-add kb-brief-add--small", "data-kb-brief-add": id });
    paintButton(b);
    return b;
  }

  document.addEventListener("click", function (event) {
    var b = event.target.closest("[data-kb-brief-add], [data-kb-brief-all]");
    if (!b) return;
    var one = b.getAttribute("data-kb-brief-add");
    var ids = one ? [one] : idsOfAll(b);
    if (ids.length) toggle(ids);
  });

  window.addEventListener("storage", function (event) {  /* another tab changed the brief */
    if (event.key !== KEY && event.key !== null) return;
    paintAll();
    if (composer) composer.adopt(stored());
  });

  /* the labels: the language's file (kb.js's kbInterface, shared with the search); the buttons
     show once they are here */
  if (window.kbInterface) window.kbInterface().then(function (file) {
    labels = file.labels;
    paintAll();
    document.querySelectorAll("[data-kb-brief-actions]").forEach(function (box) { box.hidden = false; });
  }).catch(function () { /* no labels: the buttons stay hidden */ });

  /* --- the brief page ------------------------------------------------------------------------------ */
  var composer = null;
  var configNode = document.getElementById("kb-brief-config");
  var root = document.querySelector("[data-kb-brief]");
  if (root && configNode) composer = makeComposer(root, JSON.parse(configNode.textContent));

  function makeComposer(root, config) {
    var L = config.labels;
    var pattern = new RegExp(config.pattern);
    var form = root.querySelector("[data-kb-brief-form]");
    var doc = root.querySelector("[data-kb-brief-doc]");
    var list = root.querySelector("[data-kb-brief-list]");
    var notices = root.querySelector("[data-kb-brief-notices]");
    var status = root.querySelector("[data-kb-brief-status]");
    var empty = root.querySelector("[data-kb-brief-empty]");
    var heading = root.querySelector("[data-kb-brief-heading]");
    var noteOut = root.querySelector("[data-kb-brief-note]");
    var titleIn = form.querySelector("#kb-brief-title");
    var noteIn = form.querySelector("#kb-brief-note");
    var langIn = form.querySelector("#kb-brief-lang");
    var besideIn = form.querySelector("#kb-brief-beside");
    var urlOut = form.querySelector("#kb-brief-url");
    var pageStyle = document.getElementById("kb-brief-page");
    var brief = { ids: [], langs: [config.lang], title: "", note: "" };
    var dragged = null;
    var resolved = false;  /* once the ids are checked against the data, the header counts them */

    form.hidden = false;
    doc.hidden = false;

    /* --- the data: a file per shard of records (gcmkb/shards.py), only the shards of the brief's ids,
       fetched in parallel. An id's shard is its letters and its number divided by the shard size;
       an id whose shard the build did not write is unknown, and nothing is fetched for it. */
    function shardsFor(ids, written) {
      var keys = [];
      ids.forEach(function (id) {
        var m = /^([a-z]+)([0-9]+)$/.exec(id);
        var key = m ? m[1] + Math.floor(parseInt(m[2], 10) / config.shards.size) : null;
        if (key !== null && written.indexOf(key) >= 0 && keys.indexOf(key) < 0) keys.push(key);
      });
      return keys;
    }

    function fetchJson(url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }

    function fetchShards(cache, template, keys) {
      return Promise.all(keys.map(function (key) {
        if (!cache[key]) cache[key] = fetchJson(template.split(config.shards.placeholder).join(key));
        return cache[key];
      }));
    }

    /* a language's records as one payload ({docs, redirects, themes, objectives}) that grows with
       every shard fetched; given once the shards of `ids` are in it */
    var payloads = {}, briefShards = {};
    function load(lang, ids) {
      if (!payloads[lang]) {
        payloads[lang] = { docs: {}, redirects: {}, themes: {}, objectives: {} };
        briefShards[lang] = {};
      }
      var payload = payloads[lang], merged = briefShards[lang];
      return fetchShards(merged, config.languages[lang].data, shardsFor(ids, config.shards.brief)).then(function (shards) {
        shards.forEach(function (shard) {
          Object.keys(payload).forEach(function (part) { Object.assign(payload[part], shard[part]); });
        });
        return payload;
      });
    }

    /* the shards of `ids` and, for a retired id, of the ids that replaced it (at most 10 hops) */
    function loadResolved(lang, ids) {
      var hops = 0;
      function step(pending) {
        return load(lang, pending).then(function (payload) {
          var next = pending.filter(function (id) {
            return !payload.docs.hasOwnProperty(id) && payload.redirects.hasOwnProperty(id);
          }).map(function (id) { return payload.redirects[id]; });
          return next.length && hops++ < 10 ? step(next) : payload;
        });
      }
      return step(ids);
    }

    function n(value) { return digits(value, config.digits); }

    /* the brief's references for reference managers: each record (recommendation or practice) in each of the brief's
       languages, joined from the files the build wrote (citations.py); links with blob addresses */
    var citeData = {}, citeUrls = [];
    var citeBox = root.querySelector("[data-kb-brief-cite]");
    function loadCite(lang, ids) {  /* the references of `ids` in a language, by id */
      if (!citeData[lang]) citeData[lang] = {};
      return fetchShards(citeData[lang], config.languages[lang].cite, shardsFor(ids, config.shards.cite)).then(function (shards) {
        return Object.assign.apply(null, [{}].concat(shards));
      });
    }
    function paintCite() {
      var ids = brief.ids.slice(), langs = brief.langs.slice();
      return Promise.all(langs.map(function (lang) { return loadCite(lang, ids); })).then(function (data) {
        var refs = [];
        ids.forEach(function (id) {
          data.forEach(function (byId) { if (byId[id]) refs.push(byId[id]); });
        });
        var texts = {
          ris: refs.map(function (r) { return r.ris; }).join(""),
          bib: refs.map(function (r) { return r.bib; }).join("\n"),
          csl: JSON.stringify(refs.map(function (r) { return r.csl; }), null, 2) + "\n"
        };
        citeUrls.forEach(function (u) { URL.revokeObjectURL(u); });
        citeUrls = [];
        citeBox.querySelectorAll("[data-kb-brief-cite-format]").forEach(function (a) {
          var type = a.getAttribute("data-type");  /* a link without its address yet has no download */
          var url = URL.createObjectURL(new Blob([texts[a.getAttribute("data-kb-brief-cite-format")]],
            { type: type + ";charset=utf-8" }));
          citeUrls.push(url);
          a.href = url;
          a.setAttribute("download", a.getAttribute("data-download"));
          a.setAttribute("type", type);
        });
        citeBox.hidden = refs.length === 0;
      }, function () {
        citeBox.hidden = true;
      });
    }

    /* --- the address ---------------------------------------------------------------------------- */
    function splitList(value) {
      return value === null ? [] : value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    }

    function languagesOf(value) {
      var langs = [];
      splitList(value).forEach(function (code) {
        if (config.languages.hasOwnProperty(code) && langs.indexOf(code) < 0 && langs.length < 2) langs.push(code);
      });
      return langs.length ? langs : [config.lang];
    }

    /* well-formed ids (lower case, each once, at most the limit), and what was left out */
    function clean(raw) {
      var ids = [], malformed = [], extra = 0;
      raw.forEach(function (value) {
        var id = value.toLowerCase();
        if (!pattern.test(id)) { if (malformed.indexOf(value) < 0) malformed.push(value); return; }
        if (ids.indexOf(id) >= 0) return;
        if (ids.length >= config.limits.ids) { extra += 1; return; }
        ids.push(id);
      });
      return { ids: ids, malformed: malformed, extra: extra };
    }

    /* a brief in the address (ids, title or note); languages alone only choose how to show the kept one */
    var params = new URLSearchParams(window.location.search);
    function fromAddress() {
      if (!["ids", "title", "note"].some(function (k) { return params.has(k); })) return null;
      var cleaned = clean(splitList(params.get("ids")));
      return { ids: cleaned.ids, malformed: cleaned.malformed, extra: cleaned.extra,
        langs: languagesOf(params.get("langs")),
        title: cleanText(params.get("title") || "", config.limits.title),
        note: cleanText(params.get("note") || "", config.limits.note) };
    }

    function address() {
      var parts = [];
      if (brief.ids.length) parts.push("ids=" + brief.ids.join(","));  /* ids and codes are [a-z0-9] */
      parts.push("langs=" + brief.langs.join(","));
      if (brief.title) parts.push("title=" + encodeURIComponent(brief.title));
      if (brief.note) parts.push("note=" + encodeURIComponent(brief.note));
      return window.location.pathname + "?" + parts.join("&");
    }

    /* the brief is saved in this browser and written into the address at every change (a
       change that came from the storage is not written back: two open tabs would echo it) */
    function commit(fromStorage) {
      if (!fromStorage) store(brief);
      window.history.replaceState(null, "", address());
      urlOut.value = window.location.href;
      document.title = (brief.title || L.brief_page) + " - " + config.site_name;
      paintAll();
    }

    /* retired ids become the ids that replaced them; unknown ones are left out */
    function resolve(ids, payload) {
      var out = [], retired = [], unknown = [];
      ids.forEach(function (id) {
        var target = id, hops = 0;
        while (!payload.docs.hasOwnProperty(target) && payload.redirects.hasOwnProperty(target) && hops < 10) {
          target = payload.redirects[target];
          hops += 1;
        }
        if (!payload.docs.hasOwnProperty(target)) { unknown.push(id); return; }
        if (target !== id) retired.push([id, target]);
        if (out.indexOf(target) < 0) out.push(target);
      });
      return { ids: out, retired: retired, unknown: unknown };
    }

    /* --- notices ---------------------------------------------------------------------------------- */
    function notice(template, values, kind, action) {
      var p = el("p", { "class": "kb-brief__notice kb-brief__notice--" + kind, role: kind === "error" ? "alert" : "status" });
      p.appendChild(format(template, values));
      if (action) {
        p.appendChild(document.createTextNode(" "));
        p.appendChild(action);
      }
      notices.appendChild(p);
    }

    function shown(values) {  /* what the address held, as text, cut short */
      return values.slice(0, 10).map(function (v) { return v.length > 40 ? v.slice(0, 39) + "…" : v; }).join(", ")
        + (values.length > 10 ? ", …" : "");
    }

    /* --- the document ----------------------------------------------------------------------------- */
    function segments(parent, items, language) {
      (items || []).forEach(function (s) {
        if (typeof s === "string") { parent.appendChild(document.createTextNode(s)); return; }
        if (s[0] === "own") {  /* a practice's title written in another language than the block's */
          parent.appendChild(el("span", { lang: s[2], dir: config.languages[s[2]].dir }, s[1]));
          return;
        }
        if (s[0] === "ref") {
          var a = el("a", { "class": "kb-ref", href: language.link + s[3] });
          a.appendChild(el("bdi", { dir: "ltr", "class": "kb-id" }, s[2]));
          a.appendChild(document.createTextNode(" " + s[1]));
          parent.appendChild(a);
        } else if (s[0] === "ltr") {
          parent.appendChild(el("bdi", { dir: "ltr" }, s[1]));
        } else if (s[0] === "rtl") {
          parent.appendChild(el("bdi", { dir: "rtl", lang: "ar" }, s[1]));
        }
      });
      return parent;
    }

    function block(id, lang, payload) {
      var language = config.languages[lang], B = language.labels, d = payload.docs[id];
      var section = el("section", { "class": "kb-brief__block", lang: lang, dir: language.dir });
      var h = el("h3", { "class": "kb-brief__title" });
      h.appendChild(el("bdi", { dir: "ltr", "class": "kb-id" }, id));
      /* a practice not written in the block's language is shown in its own (d.tl), marked so */
      var own = d.tl ? { lang: d.tl, dir: config.languages[d.tl].dir } : {};
      h.appendChild(document.createTextNode(" "));
      h.appendChild(d.tl ? el("span", own, d.t) : document.createTextNode(d.t));
      section.appendChild(h);
      var warning = { draft: B.notice_draft, outdated: B.notice_outdated }[d.s];
      if (warning) section.appendChild(el("p", { "class": "kb-brief__warning" }, warning));
      if (d.l) section.appendChild(segments(el("p", Object.assign({ "class": "kb-lead" }, own)), d.l, language));
      d.p.forEach(function (p) { section.appendChild(segments(el("p", Object.assign({}, own)), p, language)); });
      var facts = el("dl", { "class": "kb-brief__facts" });
      if (d.th) {  /* a practice has no theme */
        facts.appendChild(el("dt", {}, B.theme));
        facts.appendChild(el("dd", {}, payload.themes[d.th]));
      }
      if (d.o.length) {
        facts.appendChild(el("dt", {}, B.objectives));
        var dd = el("dd"), ul = el("ul", { "class": "kb-brief__objectives" });
        d.o.forEach(function (o) { ul.appendChild(el("li", {}, payload.objectives[o])); });
        dd.appendChild(ul);
        facts.appendChild(dd);
      }
      if (d.c) {
        facts.appendChild(el("dt", {}, B.brief_citation));
        facts.appendChild(segments(el("dd", { "class": "kb-brief__cite" }), d.c, language));
      }
      facts.appendChild(el("dt", {}, B.permalink));
      var permalink = el("dd", { "class": "kb-brief__permalink" });
      var url = language.url + d.u;
      var a = el("a", { href: url }), bdi = el("bdi", { dir: "ltr" });
      url.split("/").forEach(function (part, k, parts) {  /* a long address breaks after a slash */
        if (k) bdi.appendChild(el("wbr"));
        bdi.appendChild(document.createTextNode(part + (k < parts.length - 1 ? "/" : "")));
      });
      a.appendChild(bdi);
      permalink.appendChild(a);
      facts.appendChild(permalink);
      section.appendChild(facts);
      return section;
    }

    function tool(action, label, id, icon) {
      var b = el("button", { type: "button", "class": "kb-brief__tool", "data-kb-brief-act": action, "data-id": id });
      if (icon) b.appendChild(el("span", { "class": "kb-brief__icon", "aria-hidden": "true" }, icon));
      b.appendChild(document.createTextNode(label));
      b.appendChild(el("span", { "class": "kb-visually-hidden" }, " " + id));
      return b;
    }

    function item(id, index, loaded) {
      var li = el("li", { "class": "kb-brief__item", "data-id": id });
      var tools = el("div", { "class": "kb-brief__tools", role: "group", "aria-label": id });
      /* the mouse's way; the keyboard's are the buttons beside it */
      var handle = el("span", { "class": "kb-brief__handle", draggable: "true", title: L.brief_drag, "data-id": id,
        "aria-hidden": "true" }, "⠿");
      tools.appendChild(handle);
      tools.appendChild(el("span", { "class": "kb-brief__position" }, n(index + 1)));
      var up = tool("up", L.brief_move_up, id, "↑"), down = tool("down", L.brief_move_down, id, "↓");
      if (index === 0) up.setAttribute("aria-disabled", "true");
      if (index === brief.ids.length - 1) down.setAttribute("aria-disabled", "true");
      tools.appendChild(up);
      tools.appendChild(down);
      tools.appendChild(tool("remove", L.brief_remove, id, "×"));
      li.appendChild(tools);
      var pair = el("div", { "class": "kb-brief__pair", dir: config.languages[brief.langs[0]].dir });
      pair.style.setProperty("--kb-columns", String(brief.langs.length));
      brief.langs.forEach(function (lang, k) { pair.appendChild(block(id, lang, loaded[k])); });
      li.appendChild(pair);
      return li;
    }

    function render() {
      var focused = document.activeElement;
      var keep = focused && list.contains(focused) && focused.getAttribute("data-kb-brief-act")
        ? { act: focused.getAttribute("data-kb-brief-act"), id: focused.getAttribute("data-id") } : null;
      heading.textContent = brief.title || L.brief_page;
      noteOut.textContent = brief.note;
      noteOut.hidden = !brief.note;
      var lead = config.languages[brief.langs[0]];  /* its direction orders each pair of blocks */
      pageStyle.textContent = "@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page, "
        + (/^[a-z-]+$/.test(lead.counter) ? lead.counter : "decimal") + "); } }";
      empty.hidden = brief.ids.length > 0;
      var ids = brief.ids.slice();
      return Promise.all(brief.langs.map(function (lang) { return load(lang, ids); })).then(function (loaded) {
        status.textContent = "";
        list.textContent = "";
        brief.ids.forEach(function (id, i) { list.appendChild(item(id, i, loaded)); });
        paintCite();
        if (keep) {
          var again = list.querySelector('[data-kb-brief-act="' + keep.act + '"][data-id="' + keep.id + '"]');
          if (again) again.focus();
        }
      }, function () {
        status.textContent = L.brief_load_error;
      });
    }

    function move(id, to, announceIt) {
      var from = brief.ids.indexOf(id);
      if (from < 0) return;
      if (to < 0) { announce(L.brief_first, { id: id }); return; }
      if (to >= brief.ids.length) { announce(L.brief_last, { id: id }); return; }
      if (to === from) return;
      brief.ids.splice(from, 1);
      brief.ids.splice(to, 0, id);
      commit();
      render();
      if (announceIt !== false) announce(L.brief_moved, { id: id, position: n(to + 1), n: n(brief.ids.length) });
    }

    function remove(id) {
      var at = brief.ids.indexOf(id);
      brief.ids = brief.ids.filter(function (other) { return other !== id; });
      commit();
      render().then(function () {  /* focus goes on to the next item, or the previous, or the form */
        var next = list.children[Math.min(at, list.children.length - 1)];
        var target = next ? next.querySelector('[data-kb-brief-act="remove"]') : titleIn;
        if (target) target.focus();
      });
      announce(labels.brief_removed, { id: id, n: digits(brief.ids.length, site.digits) });
    }

    list.addEventListener("click", function (event) {
      var b = event.target.closest("[data-kb-brief-act]");
      if (!b) return;
      var id = b.getAttribute("data-id"), at = brief.ids.indexOf(id);
      var act = b.getAttribute("data-kb-brief-act");
      if (act === "up") move(id, at - 1);
      else if (act === "down") move(id, at + 1);
      else if (act === "remove") remove(id);
    });

    /* drag and drop with the mouse: an item goes before the item it is dropped on, or after it
       when dropped on its lower half */
    list.addEventListener("dragstart", function (event) {
      var handle = event.target.closest && event.target.closest(".kb-brief__handle");
      if (!handle) return;
      dragged = handle.getAttribute("data-id");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged);
      var li = handle.closest(".kb-brief__item");
      li.classList.add("kb-brief__item--dragged");
      if (event.dataTransfer.setDragImage) event.dataTransfer.setDragImage(li, 20, 20);
    });
    list.addEventListener("dragover", function (event) {
      if (dragged && event.target.closest(".kb-brief__item")) event.preventDefault();
    });
    list.addEventListener("drop", function (event) {
      var target = event.target.closest(".kb-brief__item");
      if (!dragged || !target) return;
      event.preventDefault();
      var box = target.getBoundingClientRect();
      var over = target.getAttribute("data-id");
      var id = dragged;
      dragged = null;
      if (over === id) { render(); return; }
      var ids = brief.ids.filter(function (other) { return other !== id; });
      var to = ids.indexOf(over) + (event.clientY > box.top + box.height / 2 ? 1 : 0);
      move(id, to);
    });
    list.addEventListener("dragend", function () {
      dragged = null;
      list.querySelectorAll(".kb-brief__item--dragged").forEach(function (li) { li.classList.remove("kb-brief__item--dragged"); });
    });

    titleIn.addEventListener("input", function () {
      brief.title = cleanText(titleIn.value, config.limits.title);
      heading.textContent = brief.title || L.brief_page;
      commit();
    });
    noteIn.addEventListener("input", function () {
      brief.note = cleanText(noteIn.value, config.limits.note);
      noteOut.textContent = brief.note;
      noteOut.hidden = !brief.note;
      commit();
    });
    function languagesChanged() {
      brief.langs = [langIn.value].concat(besideIn.value && besideIn.value !== langIn.value ? [besideIn.value] : []);
      showForm();
      commit();
      render();
    }
    langIn.addEventListener("change", languagesChanged);
    besideIn.addEventListener("change", languagesChanged);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector("[data-kb-brief-print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-kb-brief-clear]").addEventListener("click", function () {
      brief.ids = [];
      brief.title = "";
      brief.note = "";
      showForm();
      commit();
      render();
      announce(L.brief_cleared, {});
    });

    function showForm() {
      titleIn.value = brief.title;
      noteIn.value = brief.note;
      langIn.value = brief.langs[0];
      besideIn.value = brief.langs[1] || "";
      Array.prototype.forEach.call(besideIn.options, function (o) { o.disabled = o.value === brief.langs[0]; });
    }

    /* --- start: the address wins; without one, what this browser kept ------------------------- */
    var kept = stored();
    var asked = fromAddress();
    var start = asked || { ids: kept.ids, malformed: [], extra: 0, langs: languagesOf(params.get("langs")),
      title: cleanText(kept.title, config.limits.title), note: cleanText(kept.note, config.limits.note) };
    if (!asked) {  /* what the browser kept may be stale too (ids retired since): checked the same way */
      var cleaned = clean(kept.ids);
      start.ids = cleaned.ids;
      start.malformed = cleaned.malformed;
      start.extra = cleaned.extra;
    }
    brief = { ids: start.ids, langs: start.langs, title: start.title, note: start.note };  /* resolved once loaded */
    showForm();
    status.textContent = L.brief_loading;
    loadResolved(brief.langs[0], start.ids).then(function (payload) {
      var found = resolve(start.ids, payload);
      brief.ids = found.ids;
      resolved = true;
      found.retired.forEach(function (pair) { notice(L.brief_retired, { old: pair[0], "new": pair[1] }, "info"); });
      if (found.unknown.length) notice(L.brief_not_found, { ids: shown(found.unknown) }, "warning");
      if (start.malformed.length) notice(L.brief_malformed, { ids: shown(start.malformed) }, "warning");
      if (start.extra) notice(L.brief_too_many, { n: n(config.limits.ids) }, "warning");
      var replaced = asked && kept.ids.length && kept.ids.join(",") !== brief.ids.join(",");
      if (replaced) {
        var restore = el("button", { type: "button", "class": "md-button kb-brief__restore" }, L.brief_restore);
        restore.addEventListener("click", function () {
          var ids = clean(kept.ids).ids;
          restore.parentNode.remove();
          load(brief.langs[0], ids).then(function (loaded) {  /* the kept ids that exist */
            brief.ids = ids.filter(function (id) { return loaded.docs.hasOwnProperty(id); });
            brief.title = cleanText(kept.title, config.limits.title);
            brief.note = cleanText(kept.note, config.limits.note);
            showForm();
            commit();
            render();
          }, function () {
            status.textContent = L.brief_load_error;
          });
        });
        notice(L.brief_replaced, { n: n(kept.ids.length) }, "info", restore);
      }
      commit();
      return render();
    }, function () {
      status.textContent = L.brief_load_error;
    });

    return {
      /* how many recommendations the page shows, null until the ids are checked */
      shown: function () { return resolved ? brief.ids.length : null; },
      /* the brief changed elsewhere (a button of this page, another tab): follow it */
      adopt: function (other) {
        brief.ids = clean(other.ids).ids;
        brief.title = cleanText(other.title, config.limits.title);
        brief.note = cleanText(other.note, config.limits.note);
        showForm();
        commit(true);
        render();
      }
    };
  }

  paintAll();
  window.kbBrief = { button: button, stored: stored };
})();
