"""Search text processing, identical in Python (index build) and JavaScript (queries).

Each function here has a twin of the same name in docs/assets/search/kb-pipeline.js, and
tests/fixtures/search-vectors.json is run against both to prove they agree. Rules stay simple
enough to be written twice: light normalisation, a Unicode-aware trimmer, stop words, and
light stemming (Arabic: Larkey's light10 with its article clitics, plus one-letter proclitics; French: plural and suffix
stripping; English: lunr's own Porter stemmer, which lunr.py ports exactly).
"""

from __future__ import annotations

import unicodedata
from typing import Any

# marks removed by normalisation: Arabic diacritics and Quranic marks, Latin combining marks
_MARKS = [(0x0300, 0x036F), (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED)]
_DROP = {0x0640, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C}
_MAP = {"ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه"}
_DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}

STOP_WORDS = {
    "ar": frozenset([
        "في", "من", "على", "الي", "عن", "مع", "او", "ان", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي",
        "الذين", "ما", "لا", "ثم", "كل", "بين", "حول", "قد", "كما", "ايضا", "و", "اي", "هو", "هي", "هم",
        "كان", "يكون", "تكون", "له", "لها", "به", "بها", "فيه", "فيها", "عند", "حتي", "اذا", "الا", "لم",
        "لن"
    ]),
    "fr": frozenset([
        "le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "et", "en", "a", "au", "aux", "pour",
        "par", "sur", "dans", "avec", "que", "qui", "qu", "ne", "pas", "ce", "cette", "ces", "se", "sa",
        "son", "ses", "leur", "leurs", "il", "elle", "ils", "elles", "est", "sont", "etre", "ou", "ainsi",
        "afin", "s", "n", "y", "c", "j", "m", "t"
    ]),
}

AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
FR_ELISION = ("qu'", "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'")
FR_SUFFIXES = ("issements", "issement", "ements", "ement", "ations", "ation", "atrices", "atrice",
               "ateurs", "ateur", "ites", "ite", "euses", "euse", "eux", "ives", "ive", "ifs",
               "elles", "elle", "iques", "ique", "istes", "iste", "ismes", "isme", "ables", "able",
               "ances", "ance", "ences", "ence", "ants", "ant", "ents", "ent", "ions", "ion")


# one translation table for every rule above: marks and invisible characters deleted, letter
# variants folded, Arabic-Indic and Persian digits made ASCII (the JS twin applies the same rules)
_TABLE: dict[int, str | None] = {
    **{code: None for lo, hi in _MARKS for code in range(lo, hi + 1)},
    **{code: None for code in _DROP},
    **{ord(k): v for k, v in {**_MAP, **_DIGITS}.items()},
}


def normalize(text: str) -> str:
    """NFKD, marks and tatweel removed, letter variants folded, digits ASCII, lower case."""
    return unicodedata.normalize("NFKD", text).translate(_TABLE).lower()


def trim(word: str) -> str:
    """Strip everything but letters and digits from both ends (any script)."""
    start, end = 0, len(word)
    while start < end and not _word_char(word[start]):
        start += 1
    while end > start and not _word_char(word[end - 1]):
        end -= 1
    return word[start:end]


def _word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in ("L", "N")


CLITICS = ("ب", "ل", "ك", "ف")
_ARTICLE_FORMS = ("بال", "لل", "كال", "فال")


def clitic_ar(word: str) -> str | None:
    """The word without a one-letter proclitic (ب ل ك ف, after an optional و), if it has one.

    Such a letter may also begin a word (لجنة), so the index keeps both forms and the query
    uses the stripped one; `stem_ar` handles the article forms (بال لل كال فال) itself.
    """
    rest = word[1:] if len(word) > 3 and word.startswith("و") else word
    if rest.startswith(CLITICS) and not rest.startswith(_ARTICLE_FORMS) and len(rest) >= 5:
        return rest[1:]
    return None


def stem_ar(word: str) -> str:
    """Larkey's light10: a leading و, one definite-article clitic, then suffixes once each."""
    if len(word) > 3 and word.startswith("و"):
        word = word[1:]
    for prefix in AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    for suffix in AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def stem_fr(word: str) -> str:
    """Elision, plural and one derivational suffix, keeping at least three letters."""
    word = word.replace("’", "'")
    for elision in FR_ELISION:
        if word.startswith(elision) and len(word) > len(elision):
            word = word[len(elision):]
            break
    if len(word) > 3 and word.endswith("aux"):
        word = word[:-3] + "al"
    elif len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    for suffix in FR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def is_stop_word(lang: str, word: str) -> bool:
    return word in STOP_WORDS.get(lang, frozenset())


# --- query expansion and objective look-up (twins: expandQuery, objectiveNumber) ------------
# A query is a list of words, each the list of forms it is searched as. Expansion groups words
# into clauses; a clause is a list of alternatives, an alternative a list of words: a document
# satisfies a clause when it has every word of one alternative. The first alternative is always
# what the reader typed.

Words = list[list[str]]
Clause = list[Words]


def expand_query(words: Words, terms: list[list[list[str]]]) -> list[Clause]:
    """Where words of the query spell a form of a term (its stems in order), the clause admits
    every form of that term; the longest form wins, then the first term."""
    clauses: list[Clause] = []
    i = 0
    while i < len(words):
        best: tuple[int, list[list[str]]] | None = None
        for forms in terms:
            for form in forms:
                k = len(form)
                if k and i + k <= len(words) and all(form[j] in words[i + j] for j in range(k)) \
                        and (best is None or k > best[0]):
                    best = (k, forms)
        if best is None:
            clauses.append([[words[i]]])
            i += 1
            continue
        k, forms = best
        alternatives: Clause = [words[i:i + k]]
        for form in forms:
            alternative = [[stem] for stem in form]
            if alternative not in alternatives:
                alternatives.append(alternative)
        clauses.append(alternatives)
        i += k
    return clauses


def objective_number(query: str, keywords: list[str], highest: int) -> int | None:
    """The objective a query names: "13", "١٣", "objective 13", "objectif 13", "الهدف ١٣"."""
    parts = [w for w in (trim(p) for p in normalize(query).split()) if w]
    if not parts or not parts[-1].isascii() or not parts[-1].isdigit():
        return None
    number = int(parts[-1])
    if not 1 <= number <= highest or " ".join(parts[:-1]) not in ["", *keywords]:
        return None
    return number


# --- when every word finds few results (twins: partialMinimum, suggestTerms) ---------------------
# Every word of a query is required. When that finds fewer than FEW results, the search also shows,
# ranked below them and apart, the results that match some of the words: at least half of them,
# or any one when all of them found nothing. When nothing at all is found, it suggests terms of
# the termbase close to the query, spelled alike or named in their definitions.

FEW = 5
SUGGESTIONS = 5


def partial_minimum(words: int, found: int) -> int:
    """How many of a query's `words` a result must match to be shown below the `found` results
    that match all of them; 0: no such results are shown (one word, or enough results)."""
    if words < 2 or found >= FEW:
        return 0
    return 1 if found == 0 else -(-words // 2)


def edit_distance(a: str, b: str, bound: int) -> int:
    """Levenshtein's distance between a and b, or bound + 1 when it is larger than bound."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
        if min(row) > bound:
            return bound + 1
    return min(row[-1], bound + 1)


def _near(form: str, stem: str) -> bool:
    """A misspelling of a stem: one letter off from four letters, two from six."""
    bound = 2 if min(len(form), len(stem)) >= 6 else 1 if min(len(form), len(stem)) >= 4 else 0
    return bound > 0 and edit_distance(form, stem, bound) <= bound


def suggest_terms(words: Words, table: list[dict[str, Any]], limit: int = SUGGESTIONS) -> list[int]:
    """The terms (numbers in `table`) closest to a query that found nothing: per query word, 3 when
    it is a stem of the term's forms (`f`), 2 when it is a misspelling of one, 1 when the term's
    definition has it (`d`); terms by their total, then in the termbase's order."""
    scored = []
    for k, term in enumerate(table):
        total = 0
        for forms in words:
            best = 0
            for form in forms:
                if form in term["f"]:
                    best = 3
                elif best < 2 and any(_near(form, stem) for stem in term["f"]):
                    best = 2
                elif best < 1 and form in term["d"]:
                    best = 1
            total += best
        if total:
            scored.append((-total, k))
    return [k for _, k in sorted(scored)[:limit]]
