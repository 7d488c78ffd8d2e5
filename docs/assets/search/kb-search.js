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

  function loadEngine(url) {
    if (!engines[url]) {
      engines[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("search index " + url + ": " + r.status);
        return r.json();
      }).then(function (payload) {
        kbSearchText.register(lunr, payload.stopWords);
        return { payload: payload, index: lunr.Index.load(payload.index) };
      });
    }
    return engines[url];
  }

  /* Each query word matches a document when any of its forms does (clitic variants); every
     word is required, and if that finds nothing, any word will do. Scores add up across words.
     While typing, the last word is also a prefix. Words that spell a term of the termbase admit
     every form of that term (kbSearchText.expandQuery), so "détention" finds "rétention". */
  function wordScores(engine, forms, last) {
    var scores = {};
    engine.index.query(function (query) {
      forms.forEach(function (form) {
        query.term(form, { usePipeline: false, presence: lunr.Query.presence.OPTIONAL,
          wildcard: last ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE });
      });
    }).forEach(function (r) { scores[r.ref] = r.score; });
    return scores;
  }

  function run(engine, q) {
    var words = kbSearchText.analyzeWords(lunr, engine.index, q);
    var prefix = !/\s$/.test(q);
    var clauses = kbSearchText.expandQuery(words, engine.payload.terms || []);
    var highlight = [];
    var perWord = clauses.map(function (alternatives, c) {
      var best = {};
      alternatives.forEach(function (alternative, a) {
        var maps = alternative.map(function (forms, j) {
          var last = prefix && a === 0 && c === clauses.length - 1 && j === alternative.length - 1;
          highlight.push({ forms: forms, prefix: last });
          return wordScores(engine, forms, last);
        });
        Object.keys(maps[0]).forEach(function (ref) {
          if (!maps.every(function (m) { return ref in m; })) return;
          var score = maps.reduce(function (sum, m) { return sum + m[ref]; }, 0);
          if (!(ref in best) || score > best[ref]) best[ref] = score;
        });
      });
      return best;
    });
    function combine(every) {
      var total = {};
      perWord.forEach(function (scores) {
        Object.keys(scores).forEach(function (ref) { total[ref] = (total[ref] || 0) + scores[ref]; });
      });
      return Object.keys(total).filter(function (ref) {
        return !every || perWord.every(function (scores) { return ref in scores; });
      }).sort(function (a, b) { return total[b] - total[a] || (a < b ? -1 : 1); });
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
    loadEngine(config.index).then(function (engine) {
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
