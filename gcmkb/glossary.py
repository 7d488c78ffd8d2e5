"""View data of the termbase: the glossary, each term's page, and terms marked in recommendations."""

from __future__ import annotations

from typing import Any

from . import LANGUAGES, routes
from .languages import language
from .searchtext import normalize
from .termbase import Term, first_occurrences
from .textview import Segment, paragraphs
from .typography import typeset
from .viewcontext import DIRECTION, LANGUAGE_NAMES, View, ViewContext, capped, crumbs, entry_item, theme_item


def term_item(term: Term, ctx: ViewContext) -> View:
    count = len(ctx.graph.term_uses.get(term.id, ()))
    return {"id": term.id, "term": ctx.text(term.preferred), "href": ctx.link(routes.glossary(term.id)),
            "definition": ctx.text(term.definition),
            "count": count, "count_label": ctx.labels.count("count_recommendations", count),
            "equivalents": [{"lang": lang, "name": LANGUAGE_NAMES[lang], "dir": DIRECTION[lang],
                             "text": typeset(term.preferred.get(lang), lang)}
                            for lang in LANGUAGES if lang != ctx.lang]}


def index_key(term: Term, lang: str) -> str:
    """Where a term stands in the glossary: its folded form, past the language's article."""
    key, article = normalize(term.preferred.get(lang)), language(lang).article
    return key[len(article):] if article and key.startswith(article) and len(key) > len(article) + 1 else key


def glossary_view(_: str, ctx: ViewContext) -> View:
    """Every term, by letter of the page language's alphabet, with an index of the letters used."""
    terms = sorted(ctx.catalog.terms, key=lambda t: index_key(t, ctx.lang))
    groups: dict[str, list[View]] = {}
    for term in terms:
        groups.setdefault(index_key(term, ctx.lang)[:1], []).append(term_item(term, ctx))
    letters = [{"letter": letter.upper(), "id": f"letter-{ord(letter):x}", "terms": items,
                "count_label": ctx.labels.count("count_terms", len(items))} for letter, items in groups.items()]
    return {"breadcrumbs": crumbs(ctx), "letters": letters, "total": ctx.labels.count("count_terms", len(terms))}


def term_view(term_id: str, ctx: ViewContext) -> View:
    term = ctx.catalog.term(term_id)
    # past the cap, the explore page searches for the term (the search expands it to its variants)
    recommendations, more = capped(ctx.graph.recs(ctx.graph.term_uses.get(term_id, ())), ctx,
                                   {"q": term.preferred.get(ctx.lang)})
    return {**term_item(term, ctx),
            "breadcrumbs": crumbs(ctx, (ctx.t("glossary"), routes.glossary())),
            "variants": _forms(term.variants, ctx.lang),
            "not_preferred": _forms(term.not_preferred, ctx.lang),
            "deprecated": _forms(term.deprecated, ctx.lang),
            "source": ctx.text(term.source),
            "notes": [paragraphs(n, ctx.lang, ctx.catalog, ctx.link) for n in term.notes],
            "working_rendering": ctx.t("term_working_rendering") if ctx.lang in term.working_renderings else None,
            "languages": [{**language(lang).public(), "lang": lang,
                           "preferred": typeset(term.preferred.get(lang), lang),
                           "variants": _forms(term.variants, lang),
                           "not_preferred": _forms(term.not_preferred, lang),
                           "deprecated": _forms(term.deprecated, lang)} for lang in LANGUAGES],
            "objectives": [entry_item(ctx.catalog.entry("objectives", o), ctx) for o in term.objectives],
            "recommendations": recommendations, "more": more,
            "themes": [theme_item(ctx.catalog.theme(t), ctx) for t in ctx.graph.term_themes.get(term_id, ())]}


def _forms(forms: Any, lang: str) -> list[str]:
    return [typeset(form, lang) for form in forms.get(lang, ())]


def marked_terms(blocks: list[list[Segment]], ctx: ViewContext) -> list[list[Segment]]:
    """The first occurrence of each term in these paragraphs becomes a "term" segment (a link to
    its page with the definition as a tooltip). Only plain runs in the page's language are looked
    at; links and runs of the other script stay as they are."""
    matcher = ctx.graph.matchers[ctx.lang]
    seen: set[str] = set()
    out = []
    for block in blocks:
        marked: list[Segment] = []
        for seg in block:
            if seg["kind"] != "text":
                marked.append(seg)
                continue
            text, last = seg["text"], 0
            for start, end, term in first_occurrences(matcher, text, seen):
                if start > last:
                    marked.append({"kind": "text", "text": text[last:start]})
                marked.append({"kind": "term", "text": text[start:end], "href": ctx.link(routes.glossary(term.id)),
                               "definition": ctx.text(term.definition), "tip": f"term-{term.id}"})
                last = end
            if last < len(text):
                marked.append({"kind": "text", "text": text[last:]})
        out.append(marked)
    return out


def recommendation_terms(rid: str, ctx: ViewContext) -> list[dict[str, Any]]:
    return [term_item(t, ctx) for t in ctx.graph.terms_of(rid)]
