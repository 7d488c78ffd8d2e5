/* Search text processing: the JavaScript twin of gcmkb/searchtext.py (same names, same rules).
   tests/fixtures/search-vectors.json is run against both sides to prove they agree. */
(function (root) {
  "use strict";
  var MARKS = [[0x0300, 0x036F], [0x0610, 0x061A], [0x064B, 0x065F], [0x0670, 0x0670], [0x06D6, 0x06ED]];
  var DROP = { 0x0640: 1, 0x200C: 1, 0x200D: 1, 0x200E: 1, 0x200F: 1, 0x061C: 1 };
  var MAP = { "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه" };
  for (var d = 0; d < 10; d++) {
    MAP[String.fromCharCode(0x0660 + d)] = String(d);
    MAP[String.fromCharCode(0x06F0 + d)] = String(d);
  }
  var AR_PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال"];
  var AR_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
  var FR_ELISION = ["qu'", "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'"];
  var FR_SUFFIXES = ["issements", "issement", "ements", "ement", "ations", "ation", "atrices", "atrice",
    "ateurs", "ateur", "ites", "ite", "euses", "euse", "eux", "ives", "ive", "ifs",
    "elles", "elle", "iques", "ique", "istes", "iste", "ismes", "isme", "ables", "able",
    "ances", "ance", "ences", "ence", "ants", "ant", "ents", "ent", "ions", "ion"];
  var WORD_CHAR = /[\p{L}\p{N}]/u;

  function isMark(code) {
    for (var i = 0; i < MARKS.length; i++) if (code >= MARKS[i][0] && code <= MARKS[i][1]) return true;
    return false;
  }
  function normalize(text) {
    var out = "";
    for (var ch of text.normalize("NFKD")) {
      var code = ch.codePointAt(0);
      if (isMark(code) || DROP[code]) continue;
      out += MAP[ch] || ch;
    }
    return out.toLowerCase();
  }
  function trim(word) {
    var chars = Array.from(word), start = 0, end = chars.length;
    while (start < end && !WORD_CHAR.test(chars[start])) start++;
    while (end > start && !WORD_CHAR.test(chars[end - 1])) end--;
    return chars.slice(start, end).join("");
  }
  var CLITICS = ["ب", "ل", "ك", "ف"], ARTICLE_FORMS = ["بال", "لل", "كال", "فال"];
  function cliticAr(word) {
    var rest = word.length > 3 && word.charAt(0) === "و" ? word.slice(1) : word;
    var article = ARTICLE_FORMS.some(function (a) { return rest.indexOf(a) === 0; });
    if (CLITICS.indexOf(rest.charAt(0)) >= 0 && !article && rest.length >= 5) return rest.slice(1);
    return null;
  }
  function stemAr(word) {
    if (word.length > 3 && word.charAt(0) === "و") word = word.slice(1);
    for (var i = 0; i < AR_PREFIXES.length; i++) {
      var p = AR_PREFIXES[i];
      if (word.indexOf(p) === 0 && word.length - p.length >= 2) { word = word.slice(p.length); break; }
    }
    for (var j = 0; j < AR_SUFFIXES.length; j++) {
      var s = AR_SUFFIXES[j];
      if (word.length - s.length >= 2 && word.slice(-s.length) === s) word = word.slice(0, -s.length);
    }
    return word;
  }
  function stemFr(word) {
    word = word.replace(/’/g, "'");
    for (var i = 0; i < FR_ELISION.length; i++) {
      var e = FR_ELISION[i];
      if (word.indexOf(e) === 0 && word.length > e.length) { word = word.slice(e.length); break; }
    }
    if (word.length > 3 && word.slice(-3) === "aux") word = word.slice(0, -3) + "al";
    else if (word.length > 3 && /[sx]$/.test(word) && word.slice(-2) !== "ss") word = word.slice(0, -1);
    for (var j = 0; j < FR_SUFFIXES.length; j++) {
      var s = FR_SUFFIXES[j];
      if (word.length - s.length >= 3 && word.slice(-s.length) === s) { word = word.slice(0, -s.length); break; }
    }
    if (word.length > 4 && word.slice(-1) === "e") word = word.slice(0, -1);
    return word;
  }
  var kb = { normalize: normalize, trim: trim, cliticAr: cliticAr, stemAr: stemAr, stemFr: stemFr, stopWords: {} };

  /* lunr pipeline functions, registered under the names the Python side serialises */
  kb.register = function (lunr, stopWords) {
    kb.stopWords = stopWords || {};
    function stopFilter(lang) {
      var words = {};
      (kb.stopWords[lang] || []).forEach(function (w) { words[w] = 1; });
      return function (token) { return words[token.toString()] ? undefined : token; };
    }
    var fns = {
      "kb-trimmer": function (token) { return token.update(trim); },
      "kb-normalize": function (token) { return token.update(normalize); },
      "kb-stop-ar": stopFilter("ar"),
      "kb-stop-fr": stopFilter("fr"),
      "kb-clitics-ar": function (token) {
        var stripped = cliticAr(token.toString());
        return stripped ? [token, token.clone(function () { return stripped; })] : token;
      },
      "kb-stem-ar": function (token) { return token.update(stemAr); },
      "kb-stem-fr": function (token) { return token.update(stemFr); }
    };
    Object.keys(fns).forEach(function (name) {
      var fn = fns[name];
      fn.label = name;
      if (!lunr.Pipeline.registeredFunctions[name]) lunr.Pipeline.registerFunction(fn, name);
    });
  };
  /* per word of `text`, the forms it is searched as (the twin of analyze_words in Python) */
  kb.analyzeWords = function (lunr, index, text) {
    var out = [];
    lunr.tokenizer(text).forEach(function (token) {
      var forms = [];
      index.pipeline.run([token]).forEach(function (t) {
        var s = t.toString();
        if (s && forms.indexOf(s) < 0) forms.push(s);
      });
      if (forms.length) out.push(forms);
    });
    return out;
  };
  /* twin of expand_query: words spelling a form of a term admit every form of that term */
  kb.expandQuery = function (words, terms) {
    var clauses = [], i = 0;
    function contains(list, item) {
      var key = JSON.stringify(item);
      return list.some(function (x) { return JSON.stringify(x) === key; });
    }
    while (i < words.length) {
      var best = null;
      terms.forEach(function (forms) {
        forms.forEach(function (form) {
          var k = form.length;
          if (!k || i + k > words.length) return;
          for (var j = 0; j < k; j++) if (words[i + j].indexOf(form[j]) < 0) return;
          if (best === null || k > best.k) best = { k: k, forms: forms };
        });
      });
      if (best === null) { clauses.push([[words[i]]]); i += 1; continue; }
      var alternatives = [words.slice(i, i + best.k)];
      best.forms.forEach(function (form) {
        var alternative = form.map(function (stem) { return [stem]; });
        if (!contains(alternatives, alternative)) alternatives.push(alternative);
      });
      clauses.push(alternatives);
      i += best.k;
    }
    return clauses;
  };
  /* twin of objective_number: "13", "١٣", "objective 13", "الهدف ١٣" name an objective */
  kb.objectiveNumber = function (query, keywords, highest) {
    var parts = normalize(query).split(/\s+/).map(trim).filter(function (w) { return w; });
    if (!parts.length || !/^[0-9]+$/.test(parts[parts.length - 1])) return null;
    var number = parseInt(parts[parts.length - 1], 10);
    var prefix = parts.slice(0, -1).join(" ");
    if (number < 1 || number > highest || (prefix !== "" && keywords.indexOf(prefix) < 0)) return null;
    return number;
  };
  /* twins of partial_minimum, edit_distance and suggest_terms (gcmkb/searchtext.py): when every
     word finds few results, the results that match some; when nothing is found, terms to try */
  kb.FEW = 5;
  kb.partialMinimum = function (words, found) {
    if (words < 2 || found >= kb.FEW) return 0;
    return found === 0 ? 1 : Math.ceil(words / 2);
  };
  kb.editDistance = function (a, b, bound) {
    if (Math.abs(a.length - b.length) > bound) return bound + 1;
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var previous = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var here = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a.charAt(i - 1) !== b.charAt(j - 1) ? 1 : 0));
        previous = here;
      }
      if (Math.min.apply(null, row) > bound) return bound + 1;
    }
    return Math.min(row[b.length], bound + 1);
  };
  function near(form, stem) {
    var shorter = Math.min(form.length, stem.length);
    var bound = shorter >= 6 ? 2 : shorter >= 4 ? 1 : 0;
    return bound > 0 && kb.editDistance(form, stem, bound) <= bound;
  }
  kb.suggestTerms = function (words, table, limit) {
    var scored = [];
    table.forEach(function (term, k) {
      var total = 0;
      words.forEach(function (forms) {
        var best = 0;
        forms.forEach(function (form) {
          if (term.f.indexOf(form) >= 0) best = 3;
          else if (best < 2 && term.f.some(function (stem) { return near(form, stem); })) best = 2;
          else if (best < 1 && term.d.indexOf(form) >= 0) best = 1;
        });
        total += best;
      });
      if (total) scored.push([total, k]);
    });
    scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return scored.slice(0, limit === undefined ? 5 : limit).map(function (s) { return s[1]; });
  };
  root.kbSearchText = kb;
})(this);
