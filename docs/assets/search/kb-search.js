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
    function view(name) {
      var spec = payload.arrays[name];
      return spec && new (spec[2] === 2 ? Uint16Array : Uint32Array)(buffer, spec[0], spec[1]);
    }
    var ids = payload.docs.id;
    this.url = url;
    this.payload = payload;
    this.index = { pipeline: lunr.Pipeline.load(payload.pipeline) };
    this.ids = ids;
    this.number = {};  /* id -> document number */
    for (var d = 0; d < ids.length; d++) this.number[ids[d]] = d;
    this.columns = payload.docs;  /* per document: t (title), the objectives; the rest with explore() */
    this.cache = [];
    this.words = payload.words;
    this.ranks = payload.ranks;
    this.fields = payload.fields.map(function (name, f) {
      return { offsets: view("offsets" + f), units: view("units" + f), weights: view("weights" + f),
        starts: view("starts" + f), docs: view("docs" + f) };
    });
    this.firstMatch = new Uint32Array(ids.length * this.fields.length);
    this.dot = new Float64Array(ids.length * this.fields.length);
    this.exploreLoaded = null;
  }

  /* a document as results show it: {t: title, u: address, facet values (x: snippet) once loaded} */
  Engine.prototype.doc = function (ref) {
    var d = this.number[ref];
    if (d === undefined) return undefined;
    if (!this.cache[d]) {
      var doc = { u: this.payload.url.replace("{id}", ref) }, columns = this.columns;
      Object.keys(columns).forEach(function (c) { if (c !== "id") doc[c] = columns[c][d]; });
      this.cache[d] = doc;
    }
    return this.cache[d];
  };

  /* what the explore page adds (facet values, snippets), fetched on demand */
  Engine.prototype.explore = function () {
    var engine = this;
    if (!this.exploreLoaded) {
      this.exploreLoaded = fetch(new URL(this.payload.explore, new URL(this.url, location.href))).then(function (r) {
        if (!r.ok) throw new Error("search data " + r.url + ": " + r.status);
        return r.json();
      }).then(function (columns) {
        Object.keys(columns).forEach(function (c) { engine.columns[c] = columns[c]; });
        engine.cache = [];
        return engine;
      });
    }
    return this.exploreLoaded;
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

  /* every (document, weight) of a term in a field; a unit stands for the documents sharing a value */
  Engine.prototype.postings = function (term, f, visit) {
    var field = this.fields[f], units = field.units, weights = field.weights, starts = field.starts;
    for (var p = field.offsets[term], end = field.offsets[term + 1]; p < end; p++) {
      var unit = units[p], weight = weights[p] / 1000;
      if (!starts) { visit(unit, weight); continue; }
      for (var g = starts[unit], stop = starts[unit + 1]; g < stop; g++) visit(field.docs[g], weight);
    }
  };

  /* The score of every document for one query word given as its forms (optional clauses, a
     trailing wildcard on the last word while typing): what lunr.js 2.3.9's Index.query gives,
     to the last bit. Per field, the query vector counts each term once per clause that reaches
     it; a document's field scores dot(query, field vector) / |query|, the products summed in
     lunr's term order; its fields add up in the order they were first matched.
     Returns {docs: the documents found, score: each one's score, by document number}. */
  Engine.prototype.search = function (forms, prefix) {
    var engine = this, F = this.fields.length, firstMatch = this.firstMatch, dot = this.dot;
    var count = new Map(), visits = [];
    forms.forEach(function (form) {
      engine.lookup(form, prefix).forEach(function (t) { count.set(t, (count.get(t) || 0) + 1); visits.push(t); });
    });
    var seen = new Set(), docs = [], order = 0;
    visits.forEach(function (t) {
      for (var f = 0; f < F; f++) {
        if (seen.has(t * F + f)) continue;
        seen.add(t * F + f);
        engine.postings(t, f, function (doc) {
          var at = doc * F;
          if (firstMatch[at + f]) return;
          for (var g = 0; g < F && !firstMatch[at + g]; g++);
          if (g === F) docs.push(doc);
          firstMatch[at + f] = ++order;
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
    var magnitude = Math.sqrt(squares), score = new Float64Array(this.ids.length), fields = [];
    docs.forEach(function (doc) {
      var at = doc * F;
      fields.length = 0;
      for (var f = 0; f < F; f++) if (firstMatch[at + f]) fields.push(f);
      fields.sort(function (a, b) { return firstMatch[at + a] - firstMatch[at + b]; });
      var total = 0;
      fields.forEach(function (f, i) {
        var s = dot[at + f] / magnitude || 0;
        total = i ? total + s : s;
        firstMatch[at + f] = 0;
        dot[at + f] = 0;
      });
      score[doc] = total;
    });
    return { docs: docs, score: score };
  };

  /* Each query word matches a document when any of its forms does (clitic variants); every
     word is required, and if that finds nothing, any word will do. Scores add up across words.
     While typing, the last word is also a prefix. Words that spell a term of the termbase admit
     every form of that term (kbSearchText.expandQuery), so "détention" finds "rétention". */
  function run(engine, q) {
    var words = kbSearchText.analyzeWords(lunr, engine.index, q);
    var prefix = !/\s$/.test(q);
    var clauses = kbSearchText.expandQuery(words, engine.payload.terms || []);
    var highlight = [], n = engine.ids.length;
    var perWord = clauses.map(function (alternatives, c) {  /* per word: the best of its alternatives */
      var best = { docs: [], score: new Float64Array(n), found: new Uint8Array(n) };
      alternatives.forEach(function (alternative, a) {
        var found = alternative.map(function (forms, j) {
          var last = prefix && a === 0 && c === clauses.length - 1 && j === alternative.length - 1;
          highlight.push({ forms: forms, prefix: last });
          return engine.search(forms, last);
        });
        var marks = found.map(function (r) { var m = new Uint8Array(n); r.docs.forEach(function (d) { m[d] = 1; }); return m; });
        found[0].docs.forEach(function (doc) {
          if (!marks.every(function (m) { return m[doc]; })) return;
          var score = found.reduce(function (sum, r) { return sum + r.score[doc]; }, 0);
          if (!best.found[doc]) { best.found[doc] = 1; best.docs.push(doc); best.score[doc] = score; }
          else if (score > best.score[doc]) best.score[doc] = score;
        });
      });
      return best;
    });
    function combine(every) {
      var total = new Float64Array(n), words = new Uint8Array(n), ids = engine.ids, docs = [];
      perWord.forEach(function (scores) {
        scores.docs.forEach(function (doc) {
          if (!words[doc]++) docs.push(doc);
          total[doc] += scores.score[doc];
        });
      });
      if (every) docs = docs.filter(function (doc) { return words[doc] === perWord.length; });
      return docs.sort(function (a, b) {
        return total[b] - total[a] || (ids[a] < ids[b] ? -1 : 1);
      }).map(function (doc) { return ids[doc]; });
    }
    var refs = words.length ? combine(true) : [];
    if (!refs.length && words.length > 1) refs = combine(false);
    var id = q.trim().toLowerCase();
    if (ID.test(id) && engine.number[id] !== undefined) {  /* an id goes straight to its recommendation */
      refs = [id].concat(refs.filter(function (r) { return r !== id; }));
    }
    var objectives = engine.payload.objectives, objective = null;
    var number = objectives ? kbSearchText.objectiveNumber(q, objectives.keywords, objectives.highest) : null;
    if (number !== null && objectives.pages[String(number)]) {  /* an objective: its page, then what serves it */
      objective = objectives.pages[String(number)];
      var served = engine.columns[objectives.field];
      var serving = engine.ids.filter(function (ref, d) { return served[d].indexOf(String(number)) >= 0; });
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
    var doc = engine.doc(ref);
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
      var found = query.trim() ? run(engine, query) : { refs: engine.ids.slice(), words: [], prefix: false, highlight: [], objective: null };
      var chosen = {};
      selects.forEach(function (s) { if (s.value) chosen[s.name] = s.value; });
      function passes(doc, except) {
        return Object.keys(chosen).every(function (f) { return f === except || has(engine, doc, f, chosen[f]); });
      }
      var refs = found.refs.filter(function (ref) { return passes(engine.doc(ref)); });
      selects.forEach(function (s) {  /* counts that follow the query and the other facets */
        Array.prototype.forEach.call(s.options, function (o) {
          if (!o.value) return;
          var n = found.refs.filter(function (ref) {
            var doc = engine.doc(ref);
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
        var doc = engine.doc(ref);
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
    loadEngine(config.index).then(function (engine) { return engine.explore(); }).then(function (engine) {
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
