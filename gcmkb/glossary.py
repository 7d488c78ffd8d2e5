"""View data of the termbase: the glossary, each term's page, and terms marked in recommendations."""

from __future__ import annotations

from typing import Any

from . import LANGUAGES, routes
from .languages import language
from .searchtext import normalize
from .termbase import Term, first_occurrences
from .textview import Segment, paragraphs
from .views import DIRECTION, LANGUAGE_NAMES, View, ViewContext, crumbs, entry_item, theme_item
from .views.base import capped


def term_item(term: Term, ctx: ViewContext) -> View:
    count = len(ctx.graph.term_uses.get(term.id, ()))
    return {"id": term.id, "term": term.preferred.get(ctx.lang), "href": ctx.link(routes.glossary(term.id)),
            "url": ctx.permalink(routes.glossary(term.id)), "definition": term.definition.get(ctx.lang),
            "count": count, "count_label": ctx.labels.count("count_recommendations", count),
            "equivalents": [{"lang": lang, "name": LANGUAGE_NAMES[lang], "dir": DIRECTION[lang],
                             "text": term.preferred.get(lang)} for lang in LANGUAGES if lang != ctx.lang]}


def glossary_view(_: str, ctx: ViewContext) -> View:
    terms = sorted(ctx.catalog.terms, key=lambda t: normalize(t.preferred.get(ctx.lang)))
    return {"breadcrumbs": crumbs(ctx), "terms": [term_item(t, ctx) for t in terms],
            "total": ctx.labels.count("count_terms", len(terms))}


def term_view(term_id: str, ctx: ViewContext) -> View:
    term = ctx.catalog.term(term_id)
    # past the cap, the explore page searches for the term (the search expands it to its variants)
    recommendations, more = capped(ctx.graph.recs(ctx.graph.term_uses.get(term_id, ())), ctx,
                                   {"q": term.preferred.get(ctx.lang)})
    return {**term_item(term, ctx),
            "breadcrumbs": crumbs(ctx, (ctx.t("glossary"), routes.glossary())),
            "variants": list(term.variants.get(ctx.lang, ())),
            "not_preferred": list(term.not_preferred.get(ctx.lang, ())),
            "deprecated": list(term.deprecated.get(ctx.lang, ())),
            "source": term.source.get(ctx.lang),
            "notes": [paragraphs(n, ctx.lang, ctx.catalog, ctx.link) for n in term.notes],
            "working_rendering": ctx.t("term_working_rendering") if ctx.lang in term.working_renderings else None,
            "languages": [{**language(lang).public(), "lang": lang, "preferred": term.preferred.get(lang),
                           "variants": list(term.variants.get(lang, ())),
                           "not_preferred": list(term.not_preferred.get(lang, ())),
                           "deprecated": list(term.deprecated.get(lang, ()))} for lang in LANGUAGES],
            "objectives": [entry_item(ctx.catalog.entry("objectives", o), ctx) for o in term.objectives],
            "recommendations": recommendations, "more": more,
            "themes": [theme_item(ctx.catalog.theme(t), ctx) for t in ctx.graph.term_themes.get(term_id, ())]}


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
                               "definition": term.definition.get(ctx.lang), "tip": f"term-{term.id}"})
                last = end
            if last < len(text):
                marked.append({"kind": "text", "text": text[last:]})
        out.append(marked)
    return out


def recommendation_terms(rid: str, ctx: ViewContext) -> list[dict[str, Any]]:
    return [term_item(t, ctx) for t in ctx.graph.terms_of(rid)]
