"""Views of the practices: each practice (in its own language where the page's is not written,
marked and said so), the list of them, and the page of each country that has any."""

from __future__ import annotations

import re

from babel import Locale

from .. import countries, routes
from ..history_views import version_note
from ..labels import Labels
from ..model import Text
from ..practices import Practice
from ..textview import paragraphs, plain, segments
from ..typography import address_parts, typeset
from ..viewcontext import DIRECTION, View, ViewContext, crumbs, entry_item, rec_item, script_json

ISSUE_FORM = "propose-practice.yml"  # .github/ISSUE_TEMPLATE/
GUIDE_ANCHOR = "contribute/#practices"
TITLE_MARK = "\x00"  # where the title stands in a citation line, to mark its language


def _written(shown: str, ctx: ViewContext) -> View | None:
    """lang and dir of a text not in the page's language; None when it is."""
    return None if shown == ctx.lang else {"lang": shown, "dir": DIRECTION[shown]}


def _text(practice: Practice, text: Text, ctx: ViewContext) -> tuple[str, View | None]:
    value, shown = practice.text(text, ctx.lang)
    return typeset(value, shown), _written(shown, ctx)


def _block(practice: Practice, text: Text | None, ctx: ViewContext) -> View | None:
    """A text of several paragraphs, in the language it is shown in, with its lang and dir."""
    if text is None:
        return None
    shown = practice.text(text, ctx.lang)[1]
    return {"paragraphs": paragraphs(text, shown, ctx.catalog, ctx.link), "lang": _written(shown, ctx)}


def period_label(practice: Practice, labels: Labels) -> str:
    if practice.end is None:
        return labels.t("period_since", start=practice.start)
    if practice.end == practice.start:
        return labels.number(practice.start)
    return labels.t("period_span", start=practice.start, end=practice.end)


def coverage_label(practice: Practice, labels: Labels) -> str:
    """Where and when, as its citation's note says it: "Ghana, Senegal; 2021–2023"."""
    places = (labels.t("separator").join(countries.name(c, labels.lang) for c in practice.countries)
              or labels.t("practice_global"))
    return labels.t("cite_coverage", places=places, period=period_label(practice, labels))


def citation(practice: Practice, labels: Labels) -> tuple[str, str, str, str]:
    """A practice's citation line in a language, cut around its title, which may be written in
    another: (before, title, the title's language, after). Its work is the knowledge base, as a
    recommendation's is its source document; its note, where and when (its reference's note)."""
    title, shown = practice.text(practice.title, labels.lang)
    line = labels.t("cite_practice_text", site=labels.t("site_name"), id=practice.id, title=TITLE_MARK,
                    coverage=coverage_label(practice, labels))
    before, after = line.split(TITLE_MARK)
    return before, typeset(plain(title), shown), shown, after


def country_item(code: str, ctx: ViewContext) -> View:
    count = len(ctx.catalog.in_country(code))
    return {"code": code, "name": countries.name(code, ctx.lang), "href": ctx.link(routes.country(code)),
            "count_label": ctx.labels.count("count_practices", count)}


def practice_item(practice: Practice, ctx: ViewContext) -> View:
    title, title_lang = _text(practice, practice.title, ctx)
    summary, summary_lang = _text(practice, practice.summary, ctx)
    return {"id": practice.id, "title": title, "title_lang": title_lang, "summary": summary,
            "summary_lang": summary_lang, "href": ctx.link(routes.practice(practice.id)),
            "countries": [country_item(c, ctx) for c in practice.countries],
            "region": countries.name(practice.region, ctx.lang) if practice.region else None,
            "period": period_label(practice, ctx.labels)}


def practice_view(pid: str, ctx: ViewContext) -> View:
    practice, cat = ctx.catalog.practice(pid), ctx.catalog
    shown = practice.shown_in(ctx.lang)
    names = [Locale(ctx.lang).languages.get(code, code) for code in practice.written_in()]
    language = names[0] if len(names) == 1 else ctx.t("language_pair", first=names[0], second=names[1])
    item = practice_item(practice, ctx)
    before, title, title_shown, after = citation(practice, ctx.labels)
    permalink = ctx.permalink(routes.practice(pid))
    return {
        **item,
        "breadcrumbs": crumbs(ctx, (ctx.t("practices"), routes.practice())),
        "notice": ctx.t("practice_only_in", language=language) if shown != ctx.lang else None,
        "page_title_lang": item["title_lang"],  # for the header's title
        "summary_block": _block(practice, practice.summary, ctx),
        "description": _block(practice, practice.description, ctx),
        "results": _block(practice, practice.results, ctx),
        "lessons": _block(practice, practice.lessons, ctx),
        "global": ctx.t("practice_global") if not practice.countries else None,
        "actors": [entry_item(cat.entry("actors", a), ctx) for a in practice.actors],
        "objectives": [entry_item(cat.entry("objectives", o), ctx) for o in practice.objectives],
        "principles": [entry_item(cat.entry("principles", p), ctx) for p in practice.principles],
        "implements": [rec_item(cat.recommendation(r), ctx) for r in practice.implements],
        "evidence": [{"href": e, "parts": address_parts(e)} for e in practice.evidence],
        "status": {"code": practice.status, "label": ctx.t(f"practice_status_{practice.status}")},
        "notes": [paragraphs(n, practice.text(n, ctx.lang)[1], cat, ctx.link) for n in practice.notes],
        "jsonld": practice_jsonld(practice, ctx),
        "citation": {"before": segments(before, ctx.lang, cat, ctx.link), "title": title,
                     "title_lang": _written(title_shown, ctx),
                     "after": segments(after + version_note(pid, ctx), ctx.lang, cat, ctx.link)},
        "permalink": permalink, "address": address_parts(permalink),
        "notes_lang": _written(practice.text(practice.notes[0], ctx.lang)[1], ctx) if practice.notes else None,
    }


def practice_jsonld(practice: Practice, ctx: ViewContext) -> str:
    """schema.org description of a practice's page, as a string safe inside <script>: its summary
    as abstract; its description is the page's text, not repeated here."""
    title, shown = practice.text(practice.title, ctx.lang)
    end = ".." if practice.end is None else str(practice.end)  # ISO 8601: an interval open at its end
    data = {
        "@context": "https://schema.org", "@type": "CreativeWork", "identifier": practice.id, "name": plain(title),
        "abstract": plain(practice.text(practice.summary, ctx.lang)[0]),
        "inLanguage": shown, "url": ctx.permalink(routes.practice(practice.id)),
        "spatialCoverage": [{"@type": "Country", "identifier": c, "name": countries.name(c, ctx.lang)}
                            for c in practice.countries],
        "temporalCoverage": f"{practice.start}/{end}",
        "about": [ctx.catalog.entry("objectives", o).label.get(ctx.lang) for o in practice.objectives],
        "isBasedOn": list(practice.evidence),
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    return script_json(data)


def issue_form(ctx: ViewContext) -> str | None:
    """The forge's form to propose a practice, from the repository's edit address (a GitHub one:
    https://github.com/OWNER/REPO/edit/main/); None when the site has no forge address."""
    repo = re.match(r"^(https://github\.com/[^/]+/[^/]+)/edit/", ctx.edit_base)
    return f"{repo[1]}/issues/new?template={ISSUE_FORM}" if repo else None


def practices_view(_: str, ctx: ViewContext) -> View:
    cat = ctx.catalog
    codes = sorted({c for p in cat.practices for c in p.countries}, key=lambda c: countries.name(c, ctx.lang))
    return {"breadcrumbs": crumbs(ctx), "practices": [practice_item(p, ctx) for p in cat.practices],
            "total": ctx.labels.count("count_practices", len(cat.practices)),
            "countries": [country_item(c, ctx) for c in codes],
            "guide_href": ctx.link(GUIDE_ANCHOR), "form_href": issue_form(ctx)}


def country_view(code: str, ctx: ViewContext) -> View:
    practices = ctx.catalog.in_country(code)
    chain = countries.ancestors(code)[:-1]  # its regions, the smallest first, without the world
    return {**country_item(code, ctx),
            "breadcrumbs": crumbs(ctx, (ctx.t("practices"), routes.practice())),
            "regions": [countries.name(r, ctx.lang) for r in chain],
            "practices": [practice_item(p, ctx) for p in practices]}


def implementing(rid: str, ctx: ViewContext) -> list[View]:
    """The practices that put a recommendation into practice, for its page."""
    return [practice_item(p, ctx) for p in ctx.catalog.implementing(rid)]
