"""Views of the source documents: each document (what it is, when and where, its themes, its
recommendations in the order of the document) and the list of them."""

from __future__ import annotations

from datetime import date

from babel import Locale

from .. import routes
from ..history_views import format_date
from ..labels import Labels
from ..model import Catalog, Fact, Recommendation, Source
from ..textview import paragraphs
from ..typography import address_parts
from ..viewcontext import View, ViewContext, crumbs, rec_item


def document_title(rec: Recommendation, catalog: Catalog, labels: Labels) -> str:
    """The title of the document a recommendation comes from, as its citation names it."""
    return catalog.source(rec.document).title.get(labels.lang) if rec.document else labels.t("document_title")


def format_day(day: date, ctx: ViewContext) -> str:
    return format_date(day, ctx.labels)


def date_label(value: str, ctx: ViewContext) -> str:
    """"28–30 November 2023", "du 28 au 30 novembre 2023", "٢٨–٣٠ نوفمبر ٢٠٢٣"."""
    start, _, end = value.partition("/")
    first = date.fromisoformat(start)
    if not end:
        return format_day(first, ctx)
    last = date.fromisoformat(end)
    if (first.year, first.month) == (last.year, last.month):
        return ctx.t("date_span_month", start=first.day, end=last.day,
                     month=ctx.labels.entries["months"][first.month - 1], year=first.year)
    return ctx.t("date_span", start=format_day(first, ctx), end=format_day(last, ctx))


def _value(name: str, fact: Fact, ctx: ViewContext) -> tuple[str | None, str | None]:
    """(text, address) of a known value; (None, None) when it is not known."""
    value = fact.value
    if value is None:
        return None, None
    if name == "date":
        return date_label(value, ctx), None
    if name == "original_language":  # named in the reader's language (CLDR)
        return Locale(ctx.lang).languages.get(value, value), None
    if name == "published":
        return value, value
    return ctx.text(value), None


def fact_rows(src: Source, ctx: ViewContext) -> list[View]:
    rows = []
    for name in ("date", "place", "organiser", "original_language", "published"):
        fact: Fact = getattr(src, name)
        text, href = _value(name, fact, ctx)
        rows.append({"name": name, "label": ctx.t(f"fact_{name}"), "value": text, "href": href,
                     "known": text is not None, "not_known": ctx.t("not_known"),
                     "note": paragraphs(fact.note, ctx.lang, ctx.catalog, ctx.link) if fact.note else [],
                     "evidence": [{"href": e, "parts": address_parts(e)} for e in fact.evidence]})
    return rows


def source_item(src: Source, ctx: ViewContext) -> View:
    count = len(ctx.catalog.from_source(src.id))
    when = date_label(src.date.value, ctx) if src.date.value else None
    return {"id": src.id, "title": ctx.text(src.title), "href": ctx.link(routes.source(src.id)),
            "url": ctx.permalink(routes.source(src.id)), "kind": ctx.t(f"source_kind_{src.kind}"),
            "date": when, "count": count, "count_label": ctx.labels.count("count_recommendations", count)}


def source_view(sid: str, ctx: ViewContext) -> View:
    src, cat = ctx.catalog.source(sid), ctx.catalog
    recs = cat.from_source(sid)
    themes = [t for t in cat.themes if any(r.theme == t.id for r in recs)]
    return {
        **source_item(src, ctx),
        "description": ctx.text(src.description),
        "breadcrumbs": crumbs(ctx, (ctx.t("sources"), routes.source())),
        "facts": fact_rows(src, ctx),
        "edition": ctx.text(src.edition),
        "themes": [{"id": t.id, "title": ctx.text(t.title), "href": ctx.link(routes.theme(t.id)),
                    "count_label": ctx.labels.count("count_recommendations",
                                                    sum(1 for r in recs if r.theme == t.id))} for t in themes],
        "recommendations": [{**rec_item(r, ctx), "number": ctx.labels.number(i)} for i, r in enumerate(recs, 1)],
        "print_href": ctx.link(routes.source_printable(sid)),
        "pdf_href": ctx.site_link(routes.source_pdf(ctx.lang, sid)),
        "notes": [paragraphs(n, ctx.lang, cat, ctx.link) for n in src.notes],
    }


def sources_view(_: str, ctx: ViewContext) -> View:
    return {"sources": [source_item(s, ctx) for s in ctx.catalog.sources], "breadcrumbs": crumbs(ctx)}
