/* Knowledge-base search, the interface: header search with instant results on every page, and
   the parts that draw results, which the explore page (kb-explore.js) draws with too. The engine
   (indexes, chunks fetched on demand, scoring) is kb-engine.js. Each result shows an excerpt of its record's text around the words that matched,
   cut from the full texts (<lang>.texts.<n>.json shards), fetched for the results shown once they
   are shown. Everything is fetched from this site; text from the data is only ever set as text.
   kb.js loads these scripts when the reader shows the intent to search (kbLoadSearch), at once on
   the explore page. The page gives its links only; the labels, plural forms, digits and other
   languages come from its language's file (assets/i18n/<lang>.json, kb.js's kbInterface). */
(function () {
  "use strict";
  var header = document.querySelector("[data-kb-search]");
  if (!header || typeof lunr === "undefined" || typeof kbSearchText === "undefined" ||
      typeof kbEngine === "undefined" || !window.kbInterface) return;
  function abs(href, base) { return new URL(href, base || document.baseURI).href; }
  /* the index at once; the rest once the labels' file is here (`ready`) */
  var config = { index: abs(header.dataset.kbIndex) }, i18n = kbInterface.url;
  var ready = kbInterface().then(function (file) {
    ["lang", "dir", "digits", "labels", "counts"].forEach(function (k) { config[k] = file[k]; });
    config.root = fromHere(abs(file.root, i18n));
    config.page = fromHere(abs(file.page, i18n));
    config.others = file.others.map(function (o) {
      return { lang: o.lang, name: o.name, index: abs(o.index, i18n), page: abs(o.page, i18n) };
    });
    return config;
  });
  var loadEngine = kbEngine.load, kbQuery = kbEngine.query;

  /* an address of this site as the pages link it, from here ("../recommendations/r05/") */
  function fromHere(url) {
    var here = location.pathname.split("/"), there = new URL(url).pathname.split("/"), i = 0;
    here.pop();
    while (i < here.length && i < there.length - 1 && here[i] === there[i]) i++;
    return new Array(here.length - i + 1).join("../") + there.slice(i).join("/") || "./";
  }

  /* excerpts: at most this many characters (the header's list is narrow), and how long the
     results stay on screen before their texts are fetched (not while the reader is typing on) */
  var HEADER_EXCERPT = 140, TEXTS_DELAY = 100;

  /* The forms the pipeline gives a word of a text (normalised, stemmed, clitics; none for a stop
     word), remembered per engine: texts repeat their words. */
  function formsOf(engine, word) {
    var forms = engine.forms.get(word);
    if (!forms) {
      forms = engine.index.pipeline.run([new lunr.Token(word.toLowerCase())]).map(String).filter(Boolean);
      engine.forms.set(word, forms);
    }
    return forms;
  }

  /* Whether a word's forms match one query form as the search matches: equal, or a typed prefix
     (the last word while typing) that begins the form. */
  function hits(forms, h) {
    for (var j = 0; j < forms.length; j++) {
      for (var k = 0; k < h.forms.length; k++) {
        var t = h.forms[k];
        if (forms[j] === t || (h.prefix && t.length >= h.min && forms[j].lastIndexOf(t, 0) === 0)) return true;
      }
    }
    return false;
  }

  /* The words of a text as the search's tokenizer cuts them (white space and hyphens), each with
     the query word (clause number) it matches, or -1: a word the reader typed (or a one-word form
     the termbase adds) wherever it occurs, a termbase form of several words where its words stand
     in a row. A matched word's mark covers its letters, digits and their marks (diacritics stay
     inside, quotes and punctuation outside), in the original text: normalisation folds letters
     for comparing only. */
  var WORD = /[^\s\-]+/g, LEAD = /^[^\p{L}\p{N}]*/u, TAIL = /[^\p{L}\p{N}\p{M}]*$/u;
  function textWords(engine, text, found) {
    var out = [], m, highlight = found.highlight;
    var phrases = highlight.some(function (h) { return h.phrase; });
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var w = { start: m.index, end: m.index + m[0].length, clause: -1, forms: null, typed: false };
      if (highlight.length) {
        w.forms = formsOf(engine, m[0]);
        for (var i = 0; i < highlight.length && !w.typed; i++) {
          if (highlight[i].phrase || !hits(w.forms, highlight[i])) continue;
          if (w.clause < 0) w.clause = highlight[i].clause;
          if (highlight[i].typed) w.typed = true;
        }
      }
      out.push(w);
    }
    if (phrases) markPhrases(out, highlight);
    out.forEach(function (w) {
      if (w.clause < 0) return;
      var word = text.slice(w.start, w.end);
      w.markStart = w.start + LEAD.exec(word)[0].length;
      w.markEnd = w.end - TAIL.exec(word)[0].length;
    });
    return out;
  }

  function markPhrases(words, highlight) {
    var content = words.filter(function (w) { return w.forms.length; });  /* stop words aside */
    highlight.forEach(function (h) {
      if (!h.phrase || h.phrase.at !== 0) return;
      for (var i = 0; i + h.phrase.length <= content.length; i++) {
        var k = 0;
        while (k < h.phrase.length && hits(content[i + k].forms, highlight[h.phrase.of + k])) k++;
        if (k < h.phrase.length) continue;
        for (k = 0; k < h.phrase.length; k++) if (content[i + k].clause < 0) content[i + k].clause = h.clause;
      }
    });
  }

  /* Where an excerpt of at most `size` characters is cut from `text` ({from, to, words}): the
     window that holds the most distinct query words, then the most matches, then the earliest;
     starting a little before its first match (the text's beginning when the matches fit in the
     first `size` characters), both ends on word boundaries. No match: the beginning. size 0: all. */
  function window_(engine, text, found, size) {
    var words = textWords(engine, text, found);
    if (!size || text.length <= size) return { from: 0, to: text.length, words: words };
    var matched = words.filter(function (w) { return w.clause >= 0; }), best = null, from = 0;
    for (var i = 0; i < matched.length; i++) {
      var seen = {}, distinct = 0, j = i;
      do {
        if (!seen[matched[j].clause]) { seen[matched[j].clause] = 1; distinct++; }
        j++;
      } while (j < matched.length && matched[j].end - matched[i].start <= size);
      if (!best || distinct > best.distinct || (distinct === best.distinct && j - i > best.count)) {
        best = { first: matched[i], last: matched[j - 1], distinct: distinct, count: j - i };
      }
    }
    if (best && best.last.end > size) {
      var room = Math.max(0, size - (best.last.end - best.first.start));
      var target = best.first.start - Math.min(Math.floor(room / 3), 60);
      if (target + size > text.length) target = Math.max(0, text.length - size);  /* near the end: more before */
      for (var k = 0; k < words.length; k++) if (words[k].start >= target) { from = words[k].start; break; }
    }
    var to = from + size;
    if (to >= text.length) to = text.length;
    else {
      var cut = 0;
      for (var n = 0; n < words.length && words[n].start < to; n++) if (words[n].end <= to) cut = words[n].end;
      if (cut > from) to = cut;
      if (best && to < best.last.end) to = best.last.end;
    }
    return { from: from, to: to, words: words };
  }

  var ELLIPSIS = "…", TRAILING = /[\s,;:،؛]+$/;
  /* The excerpt as DOM nodes: text nodes, the matched words in <mark> (set as text, never as
     markup), an ellipsis where the text goes on before or after. */
  function excerpt(engine, text, found, size) {
    var cut = window_(engine, text, found, size), frag = document.createDocumentFragment(), at = cut.from;
    var to = cut.to, end = to;
    if (to < text.length) end = cut.from + text.slice(cut.from, to).replace(TRAILING, "").length;
    if (cut.from > 0) frag.appendChild(document.createTextNode(ELLIPSIS));
    cut.words.forEach(function (w) {
      if (w.clause < 0 || w.markStart >= w.markEnd || w.start < cut.from || w.markEnd > end) return;
      if (w.markStart > at) frag.appendChild(document.createTextNode(text.slice(at, w.markStart)));
      var mark = document.createElement("mark");
      /* a word the reader typed, or one the termbase added (another form of a typed term): marked
         more lightly, so that the reader sees which words were theirs */
      if (!w.typed) mark.className = "kb-mark--related";
      mark.textContent = text.slice(w.markStart, w.markEnd);
      frag.appendChild(mark);
      at = w.markEnd;
    });
    if (end > at) frag.appendChild(document.createTextNode(text.slice(at, end)));
    if (to < text.length) frag.appendChild(document.createTextNode(ELLIPSIS));
    return frag;
  }

  /* text with the matching words wrapped in <mark>, built as DOM nodes */
  function highlighted(engine, text, found) { return excerpt(engine, text, found, 0); }

  /* Snippet elements filled with excerpts of their records' texts: at once when the text is here,
     else once its shard arrives, fetched `delay` ms after the results show if they still do
     (typing on replaces them: their shards are not fetched). Until then, and for good if the
     texts cannot be fetched, a snippet keeps what it had. */
  function Snippets(engine, size, delay) {
    this.engine = engine;
    this.size = size;
    this.delay = delay;
    this.pending = [];
    this.generation = 0;
    this.timer = 0;
  }
  Snippets.prototype.reset = function () {
    this.generation++;
    this.pending = [];
    clearTimeout(this.timer);
  };
  Snippets.prototype.show = function (node, text, found) {
    node.textContent = "";
    node.appendChild(excerpt(this.engine, text, found, this.size));
    node.setAttribute("data-kb-excerpt", "");
  };
  Snippets.prototype.fill = function (node, ref, found) {
    var d = this.engine.number[ref], text = this.engine.text(d);
    if (text === undefined) { this.pending.push({ node: node, d: d, found: found }); return false; }
    this.show(node, text, found);
    return true;
  };
  Snippets.prototype.flush = function () {
    var self = this, generation = this.generation;
    clearTimeout(this.timer);
    if (!this.pending.length) return;
    this.timer = setTimeout(function () {
      var waiting = self.pending;
      self.pending = [];
      self.engine.loadTexts(waiting.map(function (p) { return p.d; })).then(function (engine) {
        if (generation !== self.generation) return;
        waiting.forEach(function (p) {
          var text = engine.text(p.d);
          if (p.node.isConnected && text !== undefined) self.show(p.node, text, p.found);
        });
      }).catch(function () {});
    }, this.delay);
  };

  function digits(n) {  /* in the page language's numbering system (config.digits, from the core; kb.js) */
    return window.kbDigits(n, config.digits);
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

  /* the attributes of a text in `lang`: its language and direction (a practice in its own
     language, a pending translation in the source's, on this page) */
  function written(engine, lang, attrs) {
    attrs.lang = lang;
    attrs.dir = lang === config.lang ? config.dir : (engine.payload.dirs || {})[lang] || "auto";
    return attrs;
  }

  /* an element for an excerpt: it carries the language and direction of the text it shows */
  function snippetNode(tag, engine, className, doc) {
    return el(tag, written(engine, doc.xl, { "class": className }));
  }

  function resultLink(engine, ref, found, snippets) {
    var doc = engine.doc(ref);
    var a = el("a", { href: config.root + doc.u });
    a.appendChild(el("bdi", { dir: "ltr", "class": "kb-id" }, ref));
    a.appendChild(document.createTextNode(" "));
    var title = el("span", doc.tl === config.lang ? { "class": "kb-results__title" }
      : written(engine, doc.tl, { "class": "kb-results__title" }));
    title.appendChild(highlighted(engine, doc.t, found));
    a.appendChild(title);
    if (snippets) snippets.fill(a.appendChild(snippetNode("span", engine, "kb-search__snippet", doc)), ref, found);
    return a;
  }

  /* the page of an objective that the query names ("13", "objective 13", "الهدف ١٣") */
  function objectiveLink(objective) {
    var a = el("a", { href: config.root + objective.u, "class": "kb-results__objective" });
    a.appendChild(el("span", { "class": "kb-results__title" }, objective.t));
    return a;
  }

  /* the loading status: at once, or as soon as the labels come if `still()` */
  function loading(status, still) {
    if (config.labels) status.textContent = config.labels.search_loading;
    else ready.then(function () { if (still()) status.textContent = config.labels.search_loading; });
  }

  /* --- header search -------------------------------------------------------------------- */
  function setupHeader(root) {
    var input = root.querySelector(".kb-search__input");
    var panel = root.querySelector(".kb-search__panel");
    var list = root.querySelector(".kb-search__list");
    var status = root.querySelector(".kb-search__status");
    var more = root.querySelector(".kb-search__more a");
    var searchPage = more.href;
    var active = -1, snippets = null;

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
      more.href = searchPage + "?q=" + encodeURIComponent(q);
      if (!q.trim()) { close(); if (snippets) snippets.reset(); return; }
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
      loading(status, function () { return input.value === q; });
      /* the engine (and the labels), then the chunks of the query's words, then the titles shown */
      Promise.all([loadEngine(config.index), ready]).then(function (both) {
        var engine = both[0];
        return input.value === q && kbQuery(engine, q).then(function (found) {
          if (input.value !== q) return;
          var first = found.objective ? 7 : 8, refs = found.refs.slice(0, first);
          return engine.loadTitles(refs.concat(found.partial.slice(0, first - refs.length))).then(function () {
            if (input.value === q) show(engine, found);
          });
        });
      });
    }
    function show(engine, found) {
      list.textContent = "";
      active = -1;
      if (!snippets) snippets = new Snippets(engine, HEADER_EXCERPT, TEXTS_DELAY);
      snippets.reset();
      var shown = found.objective ? [objectiveLink(found.objective)] : [];
      found.refs.slice(0, 8 - shown.length).forEach(function (ref) { shown.push(resultLink(engine, ref, found, snippets)); });
      var full = shown.length;  /* then those that match some of the words, under their label */
      found.partial.slice(0, 8 - shown.length).forEach(function (ref) { shown.push(resultLink(engine, ref, found, snippets)); });
      shown.forEach(function (link, i) {
        var li = el("li", { role: "option", id: "kb-search-option-" + i, "aria-selected": "false" });
        if (i >= full) li.className = "kb-search__partial";
        if (i === full) li.appendChild(el("span", { "class": "kb-search__partial-label" }, config.labels.search_partial));
        li.appendChild(link);
        list.appendChild(li);
      });
      status.textContent = found.refs.length ? countLabel(config.counts, found.refs.length, config.lang)
        : config.labels.search_none;
      snippets.flush();  /* the texts of these results, once they have shown */
    }
    input.addEventListener("focus", function () { loadEngine(config.index); });
    input.addEventListener("input", update);
    /* loaded on the reader's intent (kb.js): the field may have the focus already, and what was
       typed while these scripts came is searched now */
    if (document.activeElement === input) {
      loadEngine(config.index);
      if (input.value) update();
    }
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
  }

  setupHeader(header);
  /* the search, and what the explore page draws its results with */
  window.kbSearch = { loadEngine: loadEngine, query: kbQuery, run: kbEngine.run, config: config, ready: ready,
    parts: { Snippets: Snippets, resultLink: resultLink, objectiveLink: objectiveLink, highlighted: highlighted,
      snippetNode: snippetNode, digits: digits, countLabel: countLabel, el: el,
      TEXTS_DELAY: TEXTS_DELAY } };
})();
