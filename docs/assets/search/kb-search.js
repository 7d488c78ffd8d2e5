/* Knowledge-base search: per-language prebuilt lunr indexes (assets/search/<lang>.json),
   queried through the same text pipeline the index was built with (kb-pipeline.js).
   Header search with instant results on every page; the explore page at <lang>/search/.
   Everything is fetched from this site; text from the data is only ever set as text. */
(function () {
  "use strict";
  var configNode = document.getElementById("kb-search-config");
  if (!configNode || typeof lunr === "undefined" || typeof kbSearchText === "undefined") return;
  var config = JSON.parse(configNode.textContent);
  var engines = {};
  var ID = /^r\d{2,5}$/i;

  /* The index of a language: <lang>.json (documents, terms, pipeline) and <lang>.bin (postings
     as typed arrays, read in place), fetched side by side; see gcmkb/searchindex.py. */
  function loadEngine(url) {
    if (!engines[url]) {
      var postings = fetch(url.replace(/\.json$/, ".bin")).then(function (r) {
        if (!r.ok) throw new Error("search postings " + r.url + ": " + r.status);
        return r.arrayBuffer();
      });
      engines[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("search index " + url + ": " + r.status);
        return r.json();
      }).then(function (payload) {
        kbSearchText.register(lunr, payload.stopWords);
        return postings.then(function (buffer) { return new Engine(url, payload, buffer); });
      });
    }
    return engines[url];
  }

  function Engine(url, payload, buffer) {
    var columns = payload.docs, ids = columns.id, fields = Object.keys(columns);
    var docs = {};
    ids.forEach(function (id, d) {
      var doc = { u: payload.url.replace("{id}", id) };
      fields.forEach(function (f) { if (f !== "id") doc[f] = columns[f][d]; });
      docs[id] = doc;
    });
    payload.docs = docs;  /* id -> {t: title, u: address, facet values; x: snippet, once loaded} */
    function view(name) {
      var spec = payload.arrays[name];
      return new (spec[2] === 2 ? Uint16Array : Uint32Array)(buffer, spec[0], spec[1]);
    }
    this.url = url;
    this.payload = payload;
    this.index = { pipeline: lunr.Pipeline.load(payload.pipeline) };
    this.ids = ids;
    this.words = payload.words;
    this.ranks = payload.ranks;
    this.fieldCount = payload.fields.length;
    this.offsets = view("offsets");
    this.units = view("units");
    this.weights = view("weights");
    this.groups = payload.arrays.groups.map(function (g) { return g && { starts: view(g[0]), docs: view(g[1]) }; });
    this.firstMatch = new Uint32Array(ids.length * this.fieldCount);
    this.dot = new Float64Array(ids.length * this.fieldCount);
    this.snippetsLoaded = null;
  }

  /* explore shows a snippet under each result: fetched on demand, into payload.docs[id].x */
  Engine.prototype.snippets = function () {
    var engine = this;
    if (!this.snippetsLoaded) {
      this.snippetsLoaded = fetch(new URL(this.payload.snippets, new URL(this.url, location.href))).then(function (r) {
        if (!r.ok) throw new Error("search snippets " + r.url + ": " + r.status);
        return r.json();
      }).then(function (texts) {
        engine.ids.forEach(function (id, d) { engine.payload.docs[id].x = texts[d]; });
        return engine;
      });
    }
    return this.snippetsLoaded;
  };

  /* Term numbers a query form stands for, in the order lunr.js finds them: the form itself, or
     with a trailing wildcard every term it begins, in the order TokenSet.toArray lists them
     (depth first, a word before its continuations, the last letter first, digits after letters). */
  function edgeKey(code) { return code >= 48 && code <= 57 ? code - 65536 : code; }
  function tokenSetOrder(a, b) {
    for (var i = 0, n = Math.min(a.length, b.length); i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return edgeKey(y) - edgeKey(x);
    }
    return a.length - b.length;
  }
  Engine.prototype.lookup = function (form, prefix) {
    var words = this.words, lo = 0, hi = words.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < form) lo = mid + 1; else hi = mid; }
    if (!prefix) return lo < words.length && words[lo] === form ? [lo] : [];
    var found = [];
    for (var i = lo; i < words.length && words[i].lastIndexOf(form, 0) === 0; i++) found.push(i);
    return found.sort(function (a, b) { return tokenSetOrder(words[a], words[b]); });
  };

  /* every (document, weight) of a term in a field */
  Engine.prototype.postings = function (term, field, visit) {
    var at = term * this.fieldCount + field, group = this.groups[field];
    for (var p = this.offsets[at], end = this.offsets[at + 1]; p < end; p++) {
      var unit = this.units[p], weight = this.weights[p] / 1000;
      if (!group) { visit(unit, weight); continue; }
      for (var g = group.starts[unit], stop = group.starts[unit + 1]; g < stop; g++) visit(group.docs[g], weight);
    }
  };

  /* The score of every document for one query word given as its forms (optional clauses, a
     trailing wildcard on the last word while typing): what lunr.js 2.3.9's Index.query gives,
     to the last bit. Per field, the query vector counts each term once per clause that reaches
     it; a document's field scores dot(query, field vector) / |query|, summed over terms in lunr's
     term order; its fields add up in the order they were first matched. Returns document -> score. */
  Engine.prototype.search = function (forms, prefix) {
    var engine = this, F = this.fieldCount, firstMatch = this.firstMatch, dot = this.dot;
    var count = new Map(), visits = [];
    forms.forEach(function (form) {
      engine.lookup(form, prefix).forEach(function (t) { count.set(t, (count.get(t) || 0) + 1); visits.push(t); });
    });
    var seen = new Set(), matched = [], order = 0;
    visits.forEach(function (t) {
      for (var f = 0; f < F; f++) {
        if (seen.has(t * F + f)) continue;
        seen.add(t * F + f);
        engine.postings(t, f, function (doc) {
          var at = doc * F + f;
          if (firstMatch[at]) return;
          if (!engine.touched(doc)) matched.push(doc);
          firstMatch[at] = ++order;
        });
      }
    });
    var terms = Array.from(count.keys()).sort(function (a, b) { return engine.ranks[a] - engine.ranks[b]; });
    var squares = 0;
    terms.forEach(function (t) {
      var q = count.get(t);
      squares += q * q;
      for (var f = 0; f < F; f++) engine.postings(t, f, function (doc, weight) { dot[doc * F + f] += q * weight; });
    });
    var magnitude = Math.sqrt(squares), scores = new Map();
    matched.forEach(function (doc) {
      var fields = [];
      for (var f = 0; f < F; f++) if (firstMatch[doc * F + f]) fields.push(f);
      fields.sort(function (a, b) { return firstMatch[doc * F + a] - firstMatch[doc * F + b]; });
      var score = 0;
      fields.forEach(function (f, i) {
        var s = dot[doc * F + f] / magnitude || 0;
        score = i ? score + s : s;
        firstMatch[doc * F + f] = 0;
        dot[doc * F + f] = 0;
      });
      scores.set(doc, score);
    });
    return scores;
  };
  Engine.prototype.touched = function (doc) {
    for (var f = 0, F = this.fieldCount; f < F; f++) if (this.firstMatch[doc * F + f]) return true;
    return false;
  };

  /* Each query word matches a document when any of its forms does (clitic variants); every
     word is required, and if that finds nothing, any word will do. Scores add up across words.
     While typing, the last word is also a prefix. Words that spell a term of the termbase admit
     every form of that term (kbSearchText.expandQuery), so "détention" finds "rétention". */
  function run(engine, q) {
    var words = kbSearchText.analyzeWords(lunr, engine.index, q);
    var prefix = !/\s$/.test(q);
    var clauses = kbSearchText.expandQuery(words, engine.payload.terms || []);
    var highlight = [];
    var perWord = clauses.map(function (alternatives, c) {
      var best = new Map();
      alternatives.forEach(function (alternative, a) {
        var maps = alternative.map(function (forms, j) {
          var last = prefix && a === 0 && c === clauses.length - 1 && j === alternative.length - 1;
          highlight.push({ forms: forms, prefix: last });
          return engine.search(forms, last);
        });
        maps[0].forEach(function (_, doc) {
          if (!maps.every(function (m) { return m.has(doc); })) return;
          var score = maps.reduce(function (sum, m) { return sum + m.get(doc); }, 0);
          if (!best.has(doc) || score > best.get(doc)) best.set(doc, score);
        });
      });
      return best;
    });
    function combine(every) {
      var total = new Map(), ids = engine.ids, docs = [];
      perWord.forEach(function (scores) {
        scores.forEach(function (score, doc) { total.set(doc, (total.get(doc) || 0) + score); });
      });
      total.forEach(function (_, doc) {
        if (!every || perWord.every(function (scores) { return scores.has(doc); })) docs.push(doc);
      });
      return docs.sort(function (a, b) {
        return total.get(b) - total.get(a) || (ids[a] < ids[b] ? -1 : 1);
      }).map(function (doc) { return ids[doc]; });
    }
    var refs = words.length ? combine(true) : [];
    if (!refs.length && words.length > 1) refs = combine(false);
    var id = q.trim().toLowerCase();
    if (ID.test(id) && engine.payload.docs[id]) {  /* an id goes straight to its recommendation */
      refs = [id].concat(refs.filter(function (r) { return r !== id; }));
    }
    var objectives = engine.payload.objectives, objective = null;
    var number = objectives ? kbSearchText.objectiveNumber(q, objectives.keywords, objectives.highest) : null;
    if (number !== null && objectives.pages[String(number)]) {  /* an objective: its page, then what serves it */
      objective = objectives.pages[String(number)];
      var serving = Object.keys(engine.payload.docs).filter(function (ref) {
        return engine.payload.docs[ref].o.indexOf(String(number)) >= 0;
      });
      refs = serving.concat(refs.filter(function (r) { return serving.indexOf(r) < 0; }));
    }
    return { refs: refs, words: words, prefix: prefix, highlight: highlight, objective: objective };
  }

  function matches(engine, word, found) {
    var processed = engine.index.pipeline.run([new lunr.Token(word)]).map(String);
    return processed.some(function (p) {
      return found.highlight.some(function (h) {
        return h.forms.some(function (t) { return p === t || (h.prefix && p.indexOf(t) === 0); });
      });
    });
  }

  /* text with the matching words wrapped in <mark>, built as DOM nodes */
  function highlighted(engine, text, found) {
    var frag = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (part) {
      if (part && !/^\s+$/.test(part) && found.words.length && matches(engine, part, found)) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        frag.appendChild(mark);
      } else if (part) {
        frag.appendChild(document.createTextNode(part));
      }
    });
    return frag;
  }

  function digits(n) {  /* in the page language's numbering system (config.digits, from the core) */
    var s = String(n);
    return config.digits === "arab" ? s.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; }) : s;
  }

  function countLabel(forms, n, lang) {
    var category = new Intl.PluralRules(lang).select(n);
    if (n === 0 && forms.zero) category = "zero";
    var form = forms[category] || forms.other;
    return form.replace("{n}", digits(n));
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultLink(engine, ref, found) {
    var doc = engine.payload.docs[ref];
    var a = el("a", { href: config.root + doc.u });
    a.appendChild(el("bdi", { dir: "ltr", "class": "kb-id" }, ref));
    a.appendChild(document.createTextNode(" "));
    var title = el("span", { "class": "kb-results__title" });
    title.appendChild(highlighted(engine, doc.t, found));
    a.appendChild(title);
    return a;
  }

  /* the page of an objective that the query names ("13", "objective 13", "الهدف ١٣") */
  function objectiveLink(objective) {
    var a = el("a", { href: config.root + objective.u, "class": "kb-results__objective" });
    a.appendChild(el("span", { "class": "kb-results__title" }, objective.t));
    return a;
  }

  /* other languages that have results for a query that found nothing here */
  function elsewhere(q, container) {
    container.textContent = "";
    container.hidden = true;
    if (!q.trim()) return;
    var links = el("ul", { "class": "kb-elsewhere" });
    Promise.all(config.others.map(function (other) {
      return loadEngine(other.index).then(function (engine) {
        var n = run(engine, q).refs.length;
        if (!n) return;
        var li = el("li");
        var a = el("a", { href: other.page + "?q=" + encodeURIComponent(q), hreflang: other.lang, lang: other.lang },
          other.name + " (" + n + ")");
        li.appendChild(a);
        links.appendChild(li);
      }).catch(function () {});
    })).then(function () {
      if (!links.children.length) return;
      container.appendChild(el("p", {}, config.labels.search_elsewhere));
      container.appendChild(links);
      container.hidden = false;
    });
  }

  /* --- header search -------------------------------------------------------------------- */
  function setupHeader(root) {
    var input = root.querySelector(".kb-search__input");
    var panel = root.querySelector(".kb-search__panel");
    var list = root.querySelector(".kb-search__list");
    var status = root.querySelector(".kb-search__status");
    var more = root.querySelector(".kb-search__more a");
    var active = -1;

    function options() { return list.querySelectorAll("[role=option]"); }
    function setActive(i) {
      var opts = options();
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }
    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function update() {
      var q = input.value;
      more.href = config.page + "?q=" + encodeURIComponent(q);
      if (!q.trim()) { close(); return; }
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = config.labels.search_loading;
      loadEngine(config.index).then(function (engine) {
        if (input.value !== q) return;
        var found = run(engine, q);
        list.textContent = "";
        active = -1;
        var shown = found.objective ? [objectiveLink(found.objective)] : [];
        found.refs.slice(0, 8 - shown.length).forEach(function (ref) { shown.push(resultLink(engine, ref, found)); });
        shown.forEach(function (link, i) {
          var li = el("li", { role: "option", id: "kb-search-option-" + i, "aria-selected": "false" });
          li.appendChild(link);
          list.appendChild(li);
        });
        status.textContent = found.refs.length ? countLabel(config.counts, found.refs.length, config.lang)
          : config.labels.search_none;
      });
    }
    input.addEventListener("focus", function () { loadEngine(config.index); });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); setActive(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        options()[active].querySelector("a").click();
      }
    });
    document.addEventListener("click", function (e) { if (!root.contains(e.target)) close(); });
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
      }
    });
  }

  /* --- explore page ----------------------------------------------------------------------- */
  function has(engine, doc, facet, value) {  /* facets and their fields come with the index */
    var v = doc[engine.payload.facetFields[facet]];
    return Array.isArray(v) ? v.indexOf(value) >= 0 : v === value;
  }

  function setupExplore(form) {
    var q = form.querySelector("#kb-explore-q");
    var selects = Array.prototype.slice.call(form.querySelectorAll("[data-kb-facet]"));
    var out = document.querySelector("[data-search-results]");
    var status = document.querySelector("[data-kb-status]");
    var other = document.querySelector("[data-kb-elsewhere]");
    selects.forEach(function (s) {
      Array.prototype.forEach.call(s.options, function (o) { o.setAttribute("data-label", o.textContent); });
    });
    var params = new URLSearchParams(location.search);
    q.value = params.get("q") || "";
    selects.forEach(function (s) { s.value = params.get(s.name) || ""; });

    function render(engine) {
      var query = q.value;
      var found = query.trim() ? run(engine, query) : { refs: Object.keys(engine.payload.docs), words: [], prefix: false, highlight: [], objective: null };
      var chosen = {};
      selects.forEach(function (s) { if (s.value) chosen[s.name] = s.value; });
      function passes(doc, except) {
        return Object.keys(chosen).every(function (f) { return f === except || has(engine, doc, f, chosen[f]); });
      }
      var refs = found.refs.filter(function (ref) { return passes(engine.payload.docs[ref]); });
      selects.forEach(function (s) {  /* counts that follow the query and the other facets */
        Array.prototype.forEach.call(s.options, function (o) {
          if (!o.value) return;
          var n = found.refs.filter(function (ref) {
            var doc = engine.payload.docs[ref];
            return passes(doc, s.name) && has(engine, doc, s.name, o.value);
          }).length;
          o.textContent = o.getAttribute("data-label") + " (" + digits(n) + ")";
        });
      });
      var params = new URLSearchParams();
      if (query) params.set("q", query);
      Object.keys(chosen).forEach(function (f) { params.set(f, chosen[f]); });
      var search = params.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
      out.textContent = "";
      var list = el("ol", { "class": "kb-results" });
      if (found.objective) {
        var first = el("li", { "class": "kb-results__item kb-results__item--objective", "data-kb-objective": "" });
        first.appendChild(objectiveLink(found.objective));
        list.appendChild(first);
      }
      refs.forEach(function (ref) {
        var doc = engine.payload.docs[ref];
        var li = el("li", { "class": "kb-results__item" });
        li.appendChild(resultLink(engine, ref, found));
        var snippet = el("p", { "class": "kb-results__snippet" });
        snippet.appendChild(highlighted(engine, doc.x, found));
        li.appendChild(snippet);
        li.appendChild(el("p", { "class": "kb-results__theme" }, engine.payload.facets.theme[doc.th]));
        if (window.kbBrief) li.appendChild(el("p", { "class": "kb-results__brief" })).appendChild(window.kbBrief.button(ref));
        list.appendChild(li);
      });
      out.appendChild(list);
      status.textContent = refs.length ? countLabel(config.counts, refs.length, config.lang) : config.labels.search_none;
      if (!found.refs.length && query.trim()) elsewhere(query, other); else { other.hidden = true; other.textContent = ""; }
    }
    status.textContent = config.labels.search_loading;
    loadEngine(config.index).then(function (engine) { return engine.snippets(); }).then(function (engine) {
      render(engine);
      q.addEventListener("input", function () { render(engine); });
      selects.forEach(function (s) { s.addEventListener("change", function () { render(engine); }); });
      form.addEventListener("submit", function (e) { e.preventDefault(); render(engine); });
    });
  }

  var header = document.querySelector("[data-kb-search]");
  if (header) setupHeader(header);
  var explore = document.querySelector("[data-kb-explore]");
  if (explore) setupExplore(explore);
  window.kbSearch = { loadEngine: loadEngine, run: run, config: config };
})();
