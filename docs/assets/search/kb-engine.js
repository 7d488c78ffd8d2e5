/* The search engine: per-language prebuilt indexes (gcmkb/searchfiles.py) queried through the
   same text pipeline they were built with (kb-pipeline.js), scored as lunr.js 2.3.9 scores.
   A language's search starts from <lang>.json (pipeline, ids, termbase, the first term of each
   postings chunk) and <lang>.units.bin; a query then fetches the chunks of its words
   (<lang>.c<k>.bin), each once, which carry the titles of their terms' best documents; the
   results shown whose titles are still missing fetch them (<lang>.titles.<k>.json), and later
   the results fetch their texts (<lang>.texts.<k>.json). kb-search.js is the interface over it. */
(function (root) {
  "use strict";
  var engines = {};
  var ID = /^r\d{2,5}$/i;

  function fetched(url, kind, as) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("search " + kind + " " + r.url + ": " + r.status);
      return r[as]();
    });
  }

  /* A binary file of gcmkb/searchchunks.py: a length, that much JSON, the arrays it describes. */
  function unpack(buffer) {
    var size = new DataView(buffer).getUint32(0, true), base = 4 + size;
    var header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, size)));
    header.view = function (name) {
      var spec = header.arrays[name];
      return spec && new (spec[2] === 2 ? Uint16Array : Uint32Array)(buffer, base + spec[0], spec[1]);
    };
    return header;
  }

  /* the documents' ids from their runs: [prefix, width, first number, count] or an id itself */
  function idsOf(runs) {
    var ids = [];
    runs.forEach(function (run) {
      if (typeof run === "string") { ids.push(run); return; }
      for (var k = 0; k < run[3]; k++) {
        var digits = String(run[2] + k);
        while (digits.length < run[1]) digits = "0" + digits;
        ids.push(run[0] + digits);
      }
    });
    return ids;
  }

  /* The engine of a language: <lang>.json and <lang>.units.bin, fetched side by side. */
  function load(url) {
    if (!engines[url]) {
      var units = fetched(url.replace(/\.json$/, ".units.bin"), "units", "arrayBuffer");
      engines[url] = fetched(url, "index", "json").then(function (payload) {
        kbSearchText.register(lunr, payload.stopWords);
        return units.then(function (buffer) { return new Engine(url, payload, unpack(buffer)); });
      });
    }
    return engines[url];
  }

  /* Files of consecutive documents' values (titles, texts): shard k holds documents k * per onwards. */
  function Shards(engine, spec, kind) {
    this.engine = engine;
    this.spec = spec;
    this.kind = kind;
    this.loaded = {};  /* shard number -> {loading: its fetch, values: once it arrived} */
  }
  Shards.prototype.get = function (d) {
    var shard = this.spec && this.loaded[Math.floor(d / this.spec.per)];
    return shard && shard.values ? shard.values[d % this.spec.per] : undefined;
  };
  Shards.prototype.load = function (docs) {
    var self = this, spec = this.spec, wanted = {};
    if (!spec) return Promise.resolve(this.engine);
    docs.forEach(function (d) { wanted[Math.floor(d / spec.per)] = 1; });
    return Promise.all(Object.keys(wanted).map(function (k) {
      var shard = self.loaded[k] || (self.loaded[k] = {});
      if (!shard.loading) {
        shard.loading = fetched(self.engine.resolve(spec.path.replace("{n}", k)), self.kind, "json")
          .then(function (values) { shard.values = values; }, function (e) { delete self.loaded[k]; throw e; });
      }
      return shard.loading;
    })).then(function () { return self.engine; });
  };

  function Engine(url, payload, units) {
    var ids = idsOf(payload.ids);
    this.url = url;
    this.payload = payload;
    this.index = { pipeline: lunr.Pipeline.load(payload.pipeline) };
    this.ids = ids;
    this.number = {};  /* id -> document number */
    for (var d = 0; d < ids.length; d++) this.number[ids[d]] = d;
    /* per document: the titles (in the index while they are few), the explore page's columns, the
       objectives once fetched */
    this.columns = payload.t ? { t: payload.t } : {};
    this.cache = [];
    this.chunkSpec = payload.chunks;
    this.prefixMin = payload.prefixMin || 0;
    this.chunks = [];  /* chunk number -> {loading: its fetch, words, ranks, fields} */
    /* per field whose documents share values: the documents of each unit (stored as gaps) */
    this.units = payload.fields.map(function (name, f) {
      var starts = units.view("starts" + f), gaps = units.view("docs" + f);
      if (!starts) return null;
      var docs = new Uint32Array(gaps.length);
      for (var u = 0; u + 1 < starts.length; u++) {
        for (var g = starts[u], previous = 0; g < starts[u + 1]; g++) docs[g] = previous = previous + gaps[g];
      }
      return { starts: starts, docs: docs };
    });
    this.F = payload.fields.length;
    this.firstMatch = new Uint32Array(ids.length * this.F);
    this.dot = new Float64Array(ids.length * this.F);
    this.exploreLoaded = null;
    this.objectivesLoaded = null;
    this.titles = new Shards(this, payload.titles, "titles");
    this.titled = new Map();  /* document number -> title, as the chunks brought them */
    this.texts = new Shards(this, payload.texts, "texts");
    this.forms = new Map();  /* word of a text -> the forms the pipeline gives it (excerpts) */
  }

  Engine.prototype.resolve = function (path) { return new URL(path, new URL(this.url, location.href)); };

  /* the page template of document d: that of the last run of documents starting at or before it
     (the index names, per run of documents of one kind, where their pages are) */
  Engine.prototype.page = function (d) {
    var runs = this.payload.pages, template = runs[0][1];
    for (var r = 1; r < runs.length && runs[r][0] <= d; r++) template = runs[r][1];
    return template;
  };

  /* the languages document d's title and excerpt are shown in (the index's, unless a run of
     documents says another: a practice in its own language, a pending translation in the source's) */
  Engine.prototype.shown = function (d) {
    var runs = this.payload.shown || [[0, this.payload.lang, this.payload.lang]], run = runs[0];
    for (var r = 1; r < runs.length && runs[r][0] <= d; r++) run = runs[r];
    return run;
  };

  /* a document as results show it: {t: title once fetched, u: address, tl and xl: the languages of
     its title and excerpt, the explore page's columns} */
  Engine.prototype.doc = function (ref) {
    var d = this.number[ref];
    if (d === undefined) return undefined;
    var doc = this.cache[d];
    if (!doc) {
      var columns = this.columns;
      var shown = this.shown(d);
      doc = this.cache[d] = { u: this.page(d).replace("{id}", ref), tl: shown[1], xl: shown[2] };
      Object.keys(columns).forEach(function (c) { doc[c] = columns[c][d]; });
    }
    if (doc.t === undefined) doc.t = this.title(d);
    return doc;
  };

  /* the title of document number d, if a chunk or its shard brought it */
  Engine.prototype.title = function (d) {
    var t = this.titles.get(d);
    return t === undefined ? this.titled.get(d) : t;
  };

  /* the titles of these documents (by id): those the chunks did not bring, fetched in shards */
  Engine.prototype.loadTitles = function (refs) {
    var engine = this;
    if (this.columns.t) return Promise.resolve(this);
    return this.titles.load(refs.map(function (ref) { return engine.number[ref]; })
      .filter(function (d) { return engine.title(d) === undefined; }));
  };

  /* The full text of document number d (lead and text, plain), if its shard has arrived. */
  Engine.prototype.text = function (d) { return this.texts.get(d); };
  Engine.prototype.loadTexts = function (docs) { return this.texts.load(docs); };

  /* what the explore page adds (every title, facet value and snippet; the facets' labels) */
  Engine.prototype.explore = function () {
    var engine = this;
    if (!this.exploreLoaded) {
      this.exploreLoaded = fetched(this.resolve(this.payload.explore), "data", "json").then(function (data) {
        Object.keys(data.columns).forEach(function (c) { engine.columns[c] = data.columns[c]; });
        engine.payload.facets = data.facets;
        engine.cache = [];
        return engine;
      });
    }
    return this.exploreLoaded;
  };

  /* each document's objectives, for a query that names one */
  Engine.prototype.objectives = function () {
    var engine = this, field = this.payload.objectives.field;
    if (this.columns[field]) return Promise.resolve(this);
    if (!this.objectivesLoaded) {
      this.objectivesLoaded = fetched(this.resolve(this.payload.objectiveFile), "objectives", "json")
        .then(function (column) { engine.columns[field] = column; engine.cache = []; return engine; },
          function (e) { engine.objectivesLoaded = null; throw e; });
    }
    return this.objectivesLoaded;
  };

  /* The chunks [from, to) that hold a form's terms: the chunk it falls in; for a prefix, also
     the next ones while their first term begins with it (its terms are consecutive). */
  Engine.prototype.chunkRange = function (form, prefix) {
    var first = this.chunkSpec.first, lo = 0, hi = first.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (first[mid] <= form) lo = mid + 1; else hi = mid; }
    var from = Math.max(0, lo - 1), to = Math.min(first.length, from + 1);
    if (prefix) while (to < first.length && first[to].lastIndexOf(form, 0) === 0) to++;
    return [from, to];
  };

  /* Whether a form typed in part stands for the terms it begins: from `prefixMin` letters on (a
     shorter one is searched as a word), so that one or two letters never fetch the dozens of
     chunks their terms fill (at 10,000 records, one letter: up to 486 KB; three: up to 107 KB). */
  Engine.prototype.expands = function (form, prefix) { return prefix && form.length >= this.prefixMin; };

  /* fetch the chunks these forms need (each chunk once; a failed one is fetched again next time) */
  Engine.prototype.need = function (forms, prefix) {
    var engine = this, wanted = [];
    forms.forEach(function (form) {
      var range = engine.chunkRange(form, engine.expands(form, prefix));
      for (var k = range[0]; k < range[1]; k++) wanted.push(engine.chunk(k));
    });
    return Promise.all(wanted).then(function () { return engine; });
  };
  Engine.prototype.chunk = function (k) {
    var engine = this, chunk = this.chunks[k] || (this.chunks[k] = {});
    if (!chunk.loading) {
      chunk.loading = fetched(this.resolve(this.chunkSpec.path.replace("{n}", k)), "postings", "arrayBuffer")
        .then(function (buffer) {
          var data = unpack(buffer);
          chunk.words = data.words;
          chunk.ranks = data.ranks;
          (data.titled || []).forEach(function (d, i) { engine.titled.set(d, data.titles[i]); });
          chunk.fields = engine.payload.fields.map(function (name, f) {
            return { offsets: data.view("offsets" + f), units: data.view("units" + f), weights: data.view("weights" + f) };
          });
        }, function (e) { delete engine.chunks[k]; throw e; });
    }
    return chunk.loading;
  };

  /* term number t (its place among all the sorted terms): its chunk and its place in it */
  Engine.prototype.locate = function (t) {
    var start = this.chunkSpec.start, lo = 0, hi = start.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (start[mid] <= t) lo = mid + 1; else hi = mid; }
    return { chunk: this.chunks[lo - 1], at: t - start[lo - 1] };
  };
  Engine.prototype.word = function (t) { var p = this.locate(t); return p.chunk.words[p.at]; };
  Engine.prototype.rank = function (t) { var p = this.locate(t); return p.chunk.ranks[p.at]; };

  /* Term numbers a query form stands for, in the order lunr.js finds them: the form itself, or
     with a trailing wildcard every term it begins, in the order TokenSet.toArray lists them
     (depth first, a word before its continuations, the last letter first, digits after letters).
     The chunks they are in must have arrived (`need`). */
  function edgeKey(code) { return code >= 48 && code <= 57 ? code - 65536 : code; }
  function tokenSetOrder(a, b) {
    for (var i = 0, n = Math.min(a.length, b.length); i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return edgeKey(y) - edgeKey(x);
    }
    return a.length - b.length;
  }
  Engine.prototype.lookup = function (form, prefix) {
    var range = this.chunkRange(form, prefix), found = [], engine = this;
    for (var k = range[0]; k < range[1]; k++) {
      var words = this.chunks[k].words, start = this.chunkSpec.start[k], lo = 0, hi = words.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < form) lo = mid + 1; else hi = mid; }
      if (!prefix) return lo < words.length && words[lo] === form ? [start + lo] : [];
      for (var i = lo; i < words.length && words[i].lastIndexOf(form, 0) === 0; i++) found.push(start + i);
    }
    return found.sort(function (a, b) { return tokenSetOrder(engine.word(a), engine.word(b)); });
  };

  /* every (document, weight) of a term in a field; a unit stands for the documents sharing a value */
  Engine.prototype.postings = function (term, f, visit) {
    var p = this.locate(term), field = p.chunk.fields[f], units = field.units, weights = field.weights;
    var shared = this.units[f];
    for (var q = field.offsets[p.at], end = field.offsets[p.at + 1]; q < end; q++) {
      var unit = units[q], weight = weights[q] / 1000;
      if (!shared) { visit(unit, weight); continue; }
      for (var g = shared.starts[unit], stop = shared.starts[unit + 1]; g < stop; g++) visit(shared.docs[g], weight);
    }
  };

  /* The score of every document for one query word given as its forms (optional clauses, a
     trailing wildcard on the last word while typing): what lunr.js 2.3.9's Index.query gives,
     to the last bit. Per field, the query vector counts each term once per clause that reaches
     it; a document's field scores dot(query, field vector) / |query|, the products summed in
     lunr's term order; its fields add up in the order they were first matched.
     Returns {docs: the documents found, score: each one's score, by document number}. */
  Engine.prototype.search = function (forms, prefix) {
    var engine = this, F = this.F, firstMatch = this.firstMatch, dot = this.dot;
    var count = new Map(), visits = [];
    forms.forEach(function (form) {
      engine.lookup(form, engine.expands(form, prefix)).forEach(function (t) { count.set(t, (count.get(t) || 0) + 1); visits.push(t); });
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
    var terms = Array.from(count.keys()).sort(function (a, b) { return engine.rank(a) - engine.rank(b); });
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


  /* A query's words (each as its forms), whether its last word is still being typed (a prefix),
     its clauses (kbSearchText.expandQuery), and the objective it names, if any. */
  function plan(engine, q) {
    var words = kbSearchText.analyzeWords(lunr, engine.index, q);
    var objectives = engine.payload.objectives;
    return { words: words, prefix: !/\s$/.test(q), clauses: kbSearchText.expandQuery(words, engine.payload.terms || []),
      objective: objectives ? kbSearchText.objectiveNumber(q, objectives.keywords, objectives.highest) : null };
  }
  /* whether word j of alternative a of clause c is searched as a prefix: the last word typed */
  function isLast(planned, c, a, j) {
    var clauses = planned.clauses;
    return planned.prefix && a === 0 && c === clauses.length - 1 && j === clauses[c][a].length - 1;
  }

  /* What `run` reads, fetched: the chunks of every form of every clause, the objectives when the
     query names one. */
  function query(engine, q) {
    var planned = plan(engine, q), wanted = [];
    planned.clauses.forEach(function (alternatives, c) {
      alternatives.forEach(function (alternative, a) {
        alternative.forEach(function (forms, j) { wanted.push(engine.need(forms, isLast(planned, c, a, j))); });
      });
    });
    if (planned.objective !== null) wanted.push(engine.objectives());
    return Promise.all(wanted).then(function () { return run(engine, q); });
  }

  /* Each query word matches a document when any of its forms does (clitic variants); every
     word is required (`refs`). Scores add up across words. While typing, the last word is also a
     prefix. Words that spell a term of the termbase admit every form of that term
     (kbSearchText.expandQuery), so "détention" finds "rétention". When every word finds few
     results, those that match some of the words follow (`partial`: the most words first, then
     the score; kbSearchText.partialMinimum says how many); when nothing is found at all, terms of
     the termbase close to the query are suggested (`suggestions`, kbSearchText.suggestTerms). */
  function run(engine, q) {
    var planned = plan(engine, q), words = planned.words, prefix = planned.prefix, clauses = planned.clauses;
    var highlight = [], n = engine.ids.length;
    var typedFound = [];  /* per word the reader typed: what it finds on its own */
    var perWord = clauses.map(function (alternatives, c) {  /* per word: the best of its alternatives */
      var best = { docs: [], score: new Float64Array(n), found: new Uint8Array(n) };
      alternatives.forEach(function (alternative, a) {
        var found = alternative.map(function (forms, j) {
          var last = isLast(planned, c, a, j);
          /* a word the reader typed marks wherever it is; a termbase form of several words only
             where the text spells it (the words in a row, stop words between them aside) */
          highlight.push({ forms: forms, prefix: last, min: engine.prefixMin, clause: c, typed: a === 0,
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
    var objectives = engine.payload.objectives, objective = null, number = planned.objective;
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


  root.kbEngine = { load: load, query: query, run: run, unpack: unpack };
})(this);
