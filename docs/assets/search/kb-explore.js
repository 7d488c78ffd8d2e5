/* Knowledge-base search, the explore page (<lang>/search/): the query and the facets read from
   the address and kept in it, the facets' counts that follow the query, the active filters as
   chips, the results with their excerpts (fetched as they come near the screen), and, when nothing
   is found, terms to try and the other languages that have results. It draws the results with
   kb-search.js's parts (kbSearch.parts); kb.js loads it after kb-search.js, on this page only. */
(function () {
  "use strict";
  var explore = document.querySelector("[data-kb-explore]");
  if (!explore || !window.kbSearch) return;
  var config = kbSearch.config, ready = kbSearch.ready, loadEngine = kbSearch.loadEngine, kbQuery = kbSearch.query;
  var parts = kbSearch.parts, Snippets = parts.Snippets, resultLink = parts.resultLink, el = parts.el;
  var objectiveLink = parts.objectiveLink, highlighted = parts.highlighted, snippetNode = parts.snippetNode;
  var digits = parts.digits, countLabel = parts.countLabel;
  /* excerpts: at most this many characters; the results stay on screen this long before their
     texts are fetched (kb-search.js's, as in the header) */
  var EXPLORE_EXCERPT = 240, TEXTS_DELAY = parts.TEXTS_DELAY;

  /* other languages that have results for a query that found nothing here */
  function elsewhere(q, container) {
    container.textContent = "";
    container.hidden = true;
    if (!q.trim()) return;
    var links = el("ul", { "class": "kb-elsewhere" });
    Promise.all(config.others.map(function (other) {
      return loadEngine(other.index).then(function (engine) { return kbQuery(engine, q); }).then(function (r) {
        var n = r.refs.length + r.partial.length;
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

  function has(engine, doc, facet, value) {  /* facets and their fields come with the index */
    var v = doc[engine.payload.facetFields[facet]];
    return Array.isArray(v) ? v.indexOf(value) >= 0 : v === value;
  }

  /* under a result: a recommendation's theme; a practice's kind and countries (it has no theme) */
  function place(facets, doc) {
    if (doc.th) return facets.theme[doc.th];
    return [facets.kind[doc.k]].concat((doc.c || []).map(function (c) { return facets.country[c]; })).join(" · ");
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

    var snippets = null, observer = null, rendering = 0;
    /* the results of the query (its chunks fetched first), unless another query came since */
    function render(engine) {
      var query = q.value, generation = ++rendering;
      return (query.trim() ? kbQuery(engine, query) : Promise.resolve({ refs: engine.ids.slice(), partial: [],
        suggestions: [], words: [], prefix: false, highlight: [], objective: null })).then(function (found) {
        if (generation === rendering) paint(engine, query, found);
      });
    }
    function paint(engine, query, found) {
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
        var snippet = snippetNode("p", engine, "kb-results__snippet", doc);
        if (!(observer && i < 20 && engine.text(engine.number[ref]) !== undefined && snippets.fill(snippet, ref, found))) {
          snippet.appendChild(highlighted(engine, doc.x, found));
          if (observer) { waiting.set(snippet, ref); observer.observe(snippet); }
        }
        li.appendChild(snippet);
        li.appendChild(el("p", { "class": "kb-results__theme" }, place(engine.payload.facets, doc)));
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
    status.textContent = status.dataset.kbLoading;  /* this page's own: at once, before the labels' file */
    Promise.all([loadEngine(config.index).then(function (engine) { return engine.explore(); }), ready]).then(function (both) {
      var engine = both[0];
      render(engine);
      q.addEventListener("input", function () { render(engine); });
      selects.forEach(function (s) { s.addEventListener("change", function () { render(engine); }); });
      chips.addEventListener("click", function (event) {  /* a chip removes its filter; focus goes to the next */
        var chip = event.target.closest("[data-kb-chip]");
        if (!chip) return;
        var at = Array.prototype.indexOf.call(chips.querySelectorAll("[data-kb-chip]"), chip);
        form.querySelector('[data-kb-facet="' + chip.getAttribute("data-kb-chip") + '"]').value = "";
        render(engine).then(function () {
          var left = chips.querySelectorAll("[data-kb-chip]");
          (left[Math.min(at, left.length - 1)] || q).focus();
        });
      });
      clear.addEventListener("click", function () {
        selects.forEach(function (s) { s.value = ""; });
        render(engine);
        q.focus();
      });
      form.addEventListener("submit", function (e) { e.preventDefault(); render(engine); });
    });
  }

  setupExplore(explore);
})();
