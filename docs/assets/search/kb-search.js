/* Knowledge-base search: per-language prebuilt lunr indexes (assets/search/<lang>.json),
   queried through the same text pipeline the index was built with (kb-pipeline.js).
   Header search with instant results on every page; the explore page at <lang>/search/.
   Each result shows an excerpt of its record's text around the words that matched, cut from the
   full texts (<lang>.texts.<n>.json shards), fetched for the results shown once they are shown.
   Everything is fetched from this site; text from the data is only ever set as text. */
(function () {
  "use strict";
  var configNode = document.getElementById("kb-search-config");
  if (!configNode || typeof lunr === "undefined" || typeof kbSearchText === "undefined") return;
  var config = JSON.parse(configNode.textContent);
  var engines = {};
  var ID = /^r\d{2,5}$/i;
  /* excerpts: at most this many characters (the header's list is narrow), and how long the
     results stay on screen before their texts are fetched (not while the reader is typing on) */
  var HEADER_EXCERPT = 140, EXPLORE_EXCERPT = 240, TEXTS_DELAY = 100;

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
    this.shards = {};  /* shard number -> {loading: its fetch, texts: once it arrived} */
    this.forms = new Map();  /* word of a text -> the forms the pipeline gives it (excerpts) */
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

  /* The full text of document number d (lead and text, plain), if its shard has arrived. */
  Engine.prototype.text = function (d) {
    var spec = this.payload.texts, shard = spec && this.shards[Math.floor(d / spec.per)];
    return shard && shard.texts ? shard.texts[d % spec.per] : undefined;
  };

  /* Fetch the shards that hold the texts of these document numbers (each shard once). */
  Engine.prototype.loadTexts = function (docs) {
    var engine = this, spec = this.payload.texts, wanted = {};
    if (!spec) return Promise.resolve(engine);
    docs.forEach(function (d) { wanted[Math.floor(d / spec.per)] = 1; });
    return Promise.all(Object.keys(wanted).map(function (k) {
      var shard = engine.shards[k] || (engine.shards[k] = {});
      if (!shard.loading) {
        var url = new URL(spec.path.replace("{n}", k), new URL(engine.url, location.href));
        shard.loading = fetch(url).then(function (r) {
          if (!r.ok) throw new Error("search texts " + r.url + ": " + r.status);
          return r.json();
        }).then(function (texts) { shard.texts = texts; }, function (e) { delete engine.shards[k]; throw e; });
      }
      return shard.loading;
    })).then(function () { return engine; });
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
     word is required (`refs`). Scores add up across words. While typing, the last word is also a
     prefix. Words that spell a term of the termbase admit every form of that term
     (kbSearchText.expandQuery), so "détention" finds "rétention". When every word finds few
     results, those that match some of the words follow (`partial`: the most words first, then
     the score; kbSearchText.partialMinimum says how many); when nothing is found at all, terms of
     the termbase close to the query are suggested (`suggestions`, kbSearchText.suggestTerms). */
  function run(engine, q) {
    var words = kbSearchText.analyzeWords(lunr, engine.index, q);
    var prefix = !/\s$/.test(q);
    var clauses = kbSearchText.expandQuery(words, engine.payload.terms || []);
    var highlight = [], n = engine.ids.length;
    var typedFound = [];  /* per word the reader typed: what it finds on its own */
    var perWord = clauses.map(function (alternatives, c) {  /* per word: the best of its alternatives */
      var best = { docs: [], score: new Float64Array(n), found: new Uint8Array(n) };
      alternatives.forEach(function (alternative, a) {
        var found = alternative.map(function (forms, j) {
          var last = prefix && a === 0 && c === clauses.length - 1 && j === alternative.length - 1;
          /* a word the reader typed marks wherever it is; a termbase form of several words only
             where the text spells it (the words in a row, stop words between them aside) */
          highlight.push({ forms: forms, prefix: last, clause: c, typed: a === 0,
            phrase: a > 0 && alternative.length > 1 ? { of: highlight.length - j, at: j, length: alternative.length } : null });
          return engine.search(forms, last);
        });
        if (a === 0) found.forEach(function (r) { typedFound.push(r); });
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
    var ids = engine.ids;
    function combine() {  /* the documents every clause finds, by their summed scores */
      var total = new Float64Array(n), count = new Uint8Array(n), docs = [];
      perWord.forEach(function (scores) {
        scores.docs.forEach(function (doc) {
          if (!count[doc]++) docs.push(doc);
          total[doc] += scores.score[doc];
        });
      });
      docs = docs.filter(function (doc) { return count[doc] === perWord.length; });
      return docs.sort(function (a, b) {
        return total[b] - total[a] || (ids[a] < ids[b] ? -1 : 1);
      }).map(function (doc) { return ids[doc]; });
    }
    /* documents by how many typed words they match: a clause they satisfy (a termbase form)
       counts for all its words, else each of its words found on its own counts one */
    function partialRefs(minimum) {
      var matched = new Uint16Array(n), total = new Float64Array(n), docs = [], w = 0;
      function add(doc, count, score) {
        if (!matched[doc]) docs.push(doc);
        matched[doc] += count;
        total[doc] += score;
      }
      clauses.forEach(function (alternatives, c) {
        var k = alternatives[0].length, whole = perWord[c];
        whole.docs.forEach(function (doc) { add(doc, k, whole.score[doc]); });
        typedFound.slice(w, w + k).forEach(function (r) {
          r.docs.forEach(function (doc) { if (!whole.found[doc]) add(doc, 1, r.score[doc]); });
        });
        w += k;
      });
      return docs.filter(function (doc) { return matched[doc] >= minimum && matched[doc] < words.length; })
        .sort(function (a, b) {
          return matched[b] - matched[a] || total[b] - total[a] || (ids[a] < ids[b] ? -1 : 1);
        }).map(function (doc) { return ids[doc]; });
    }
    var refs = words.length ? combine() : [];
    var minimum = kbSearchText.partialMinimum(words.length, refs.length);
    var partial = minimum ? partialRefs(minimum) : [];
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
    partial = partial.filter(function (r) { return refs.indexOf(r) < 0; });
    var table = engine.payload.suggest || [], suggestions = [];
    if (!refs.length && !partial.length && words.length && !objective) {
      suggestions = kbSearchText.suggestTerms(words, table).map(function (k) { return table[k].t; });
    }
    return { refs: refs, partial: partial, suggestions: suggestions, words: words, prefix: prefix,
      highlight: highlight, objective: objective };
  }

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
        if (forms[j] === t || (h.prefix && forms[j].lastIndexOf(t, 0) === 0)) return true;
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

  /* an element for an excerpt: it carries the language and direction of the text it shows */
  function snippetNode(tag, engine, className) {
    return el(tag, { "class": className, lang: engine.payload.lang, dir: engine.payload.lang === config.lang ? config.dir
      : "auto" });
  }

  function resultLink(engine, ref, found, snippets) {
    var doc = engine.doc(ref);
    var a = el("a", { href: config.root + doc.u });
    a.appendChild(el("bdi", { dir: "ltr", "class": "kb-id" }, ref));
    a.appendChild(document.createTextNode(" "));
    var title = el("span", { "class": "kb-results__title" });
    title.appendChild(highlighted(engine, doc.t, found));
    a.appendChild(title);
    if (snippets) snippets.fill(a.appendChild(snippetNode("span", engine, "kb-search__snippet")), ref, found);
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
        var r = run(engine, q), n = r.refs.length + r.partial.length;
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
      more.href = config.page + "?q=" + encodeURIComponent(q);
      if (!q.trim()) { close(); if (snippets) snippets.reset(); return; }
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = config.labels.search_loading;
      loadEngine(config.index).then(function (engine) {
        if (input.value !== q) return;
        var found = run(engine, q);
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
    var toggle = form.querySelector("[data-kb-filters-toggle]");
    var clear = form.querySelector("[data-kb-filters-clear]");
    var chips = form.querySelector("[data-kb-chips]");
    var count = form.querySelector("[data-kb-filters-count]");
    function facetLabel(s) { var l = form.querySelector('label[for="' + s.id + '"]'); return l ? l.textContent : s.name; }
    /* the active filters as chips (each removes its filter), their number on the button */
    function paintFilters(chosen) {
      var active = selects.filter(function (s) { return chosen[s.name]; });
      count.textContent = active.length ? "(" + digits(active.length) + ")" : "";
      clear.hidden = !active.length;
      chips.hidden = !active.length;
      chips.textContent = "";
      active.forEach(function (s) {
        var text = config.labels.filter_chip.replace("{facet}", facetLabel(s))
          .replace("{value}", s.options[s.selectedIndex].getAttribute("data-label"));
        var chip = el("button", { type: "button", "class": "kb-chip", "data-kb-chip": s.name,
          "aria-label": config.labels.filter_remove.replace("{label}", text) });
        chip.appendChild(el("span", {}, text));
        chip.appendChild(el("span", { "class": "kb-chip__x", "aria-hidden": "true" }, "×"));
        chips.appendChild(el("li")).appendChild(chip);
      });
    }
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
    });

    var snippets = null, observer = null;
    function render(engine) {
      var query = q.value;
      var found = query.trim() ? run(engine, query) : { refs: engine.ids.slice(), partial: [], suggestions: [], words: [],
        prefix: false, highlight: [], objective: null };
      var chosen = {};
      selects.forEach(function (s) { if (s.value) chosen[s.name] = s.value; });
      function passes(doc, except) {
        return Object.keys(chosen).every(function (f) { return f === except || has(engine, doc, f, chosen[f]); });
      }
      var refs = found.refs.filter(function (ref) { return passes(engine.doc(ref)); });
      var partial = found.partial.filter(function (ref) { return passes(engine.doc(ref)); });
      var listed = found.refs.concat(found.partial);
      selects.forEach(function (s) {  /* counts that follow the query and the other facets */
        Array.prototype.forEach.call(s.options, function (o) {
          if (!o.value) return;
          var n = listed.filter(function (ref) {
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
      if (!snippets) snippets = new Snippets(engine, EXPLORE_EXCERPT, TEXTS_DELAY);
      snippets.reset();
      /* each result first shows its record's beginning; once it comes near the screen, its text
         is fetched and the excerpt around what matched replaces it (at once if already here) */
      if (observer) observer.disconnect();
      var waiting = new Map();
      observer = found.words.length && window.IntersectionObserver ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting || !waiting.has(entry.target)) return;
          observer.unobserve(entry.target);
          snippets.fill(entry.target, waiting.get(entry.target), found);
          waiting.delete(entry.target);
        });
        snippets.flush();
      }, { rootMargin: "50% 0px" }) : null;
      var list = el("ol", { "class": "kb-results" });
      if (found.objective) {
        var first = el("li", { "class": "kb-results__item kb-results__item--objective", "data-kb-objective": "" });
        first.appendChild(objectiveLink(found.objective));
        list.appendChild(first);
      }
      paintFilters(chosen);
      function item(list, ref, i) {
        var doc = engine.doc(ref);
        var li = el("li", { "class": "kb-results__item" });
        li.appendChild(resultLink(engine, ref, found));
        var snippet = snippetNode("p", engine, "kb-results__snippet");
        if (!(observer && i < 20 && engine.text(engine.number[ref]) !== undefined && snippets.fill(snippet, ref, found))) {
          snippet.appendChild(highlighted(engine, doc.x, found));
          if (observer) { waiting.set(snippet, ref); observer.observe(snippet); }
        }
        li.appendChild(snippet);
        li.appendChild(el("p", { "class": "kb-results__theme" }, engine.payload.facets.theme[doc.th]));
        if (window.kbBrief) li.appendChild(el("p", { "class": "kb-results__brief" })).appendChild(window.kbBrief.button(ref));
        list.appendChild(li);
      }
      refs.forEach(function (ref, i) { item(list, ref, i); });
      out.appendChild(list);
      if (partial.length) {  /* below, apart: the results that match some of the words */
        var section = el("section", { "class": "kb-explore__partial", "aria-labelledby": "kb-partial-heading", "data-kb-partial": "" });
        section.appendChild(el("h2", { id: "kb-partial-heading" }, config.labels.search_partial));
        var more = el("ol", { "class": "kb-results" });
        partial.forEach(function (ref, i) { item(more, ref, refs.length + i); });
        section.appendChild(more);
        out.appendChild(section);
      }
      if (!refs.length && !partial.length && query.trim()) {  /* nothing: terms to try, and every recommendation */
        var help = el("div", { "class": "kb-explore__suggest", "data-kb-suggest": "" });
        if (found.suggestions.length) {
          help.appendChild(el("p", {}, config.labels.search_suggest));
          var terms = el("ul");
          found.suggestions.forEach(function (term) {
            terms.appendChild(el("li")).appendChild(el("a", { href: config.page + "?q=" + encodeURIComponent(term) }, term));
          });
          help.appendChild(terms);
        }
        help.appendChild(el("p")).appendChild(el("a", { href: config.page, "data-kb-browse": "" }, config.labels.search_browse));
        out.appendChild(help);
      }
      status.textContent = refs.length ? countLabel(config.counts, refs.length, config.lang) : config.labels.search_none;
      if (!found.refs.length && !found.partial.length && query.trim()) elsewhere(query, other);
      else { other.hidden = true; other.textContent = ""; }
    }
    status.textContent = config.labels.search_loading;
    loadEngine(config.index).then(function (engine) { return engine.explore(); }).then(function (engine) {
      render(engine);
      q.addEventListener("input", function () { render(engine); });
      selects.forEach(function (s) { s.addEventListener("change", function () { render(engine); }); });
      chips.addEventListener("click", function (event) {  /* a chip removes its filter; focus goes to the next */
        var chip = event.target.closest("[data-kb-chip]");
        if (!chip) return;
        var at = Array.prototype.indexOf.call(chips.querySelectorAll("[data-kb-chip]"), chip);
        form.querySelector('[data-kb-facet="' + chip.getAttribute("data-kb-chip") + '"]').value = "";
        render(engine);
        var left = chips.querySelectorAll("[data-kb-chip]");
        (left[Math.min(at, left.length - 1)] || q).focus();
      });
      clear.addEventListener("click", function () {
        selects.forEach(function (s) { s.value = ""; });
        render(engine);
        q.focus();
      });
      form.addEventListener("submit", function (e) { e.preventDefault(); render(engine); });
    });
  }

  var header = document.querySelector("[data-kb-search]");
  if (header) setupHeader(header);
  var explore = document.querySelector("[data-kb-explore]");
  if (explore) setupExplore(explore);
  window.kbSearch = { loadEngine: loadEngine, run: run, config: config };
})();
