"""What every view builds on: the per-page context, and the small items pages share (a recommendation
in a list, a taxonomy entry, a theme card, a status, breadcrumbs)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from . import routes
from .changes import NO_HISTORY, History
from .graph import Graph
from .labels import Labels
from .languages import REGISTRY
from .model import Catalog, Entry, Recommendation, Text, Theme
from .paging import list_limit
from .publishing import Edition
from .typography import typeset

View = dict[str, Any]
LANGUAGE_NAMES = {lang.code: lang.name for lang in REGISTRY}


DIRECTION = {lang.code: lang.direction for lang in REGISTRY}


# the CSS counter style of each numbering system of gcmkb/languages.py (NUMERALS)
COUNTER_STYLE = {"arab": "arabic-indic", "arabext": "persian", "deva": "devanagari", "latn": "decimal"}


@dataclass(frozen=True)
class ViewContext:
    catalog: Catalog
    graph: Graph
    labels: Labels
    site_link: Callable[[str], str]  # path from the site root -> href from the current page
    site_url: str                    # absolute, ends with "/"
    edit_base: str = ""              # the forge's edit URL of the repository root, or ""
    history: History = NO_HISTORY    # the records' changes, from the repository (changes.py)
    publisher: str = ""              # who publishes the site, in this language ("": the site's name)
    edition: Edition = Edition()     # the edition this build publishes (publishing.py)

    @property
    def publisher_name(self) -> str:
        """The author of the feeds, named in the footer and the PDFs: configuration, never git."""
        return self.publisher or self.t("site_name")

    def edit_url(self, path: str) -> str:
        """Where an editor changes the file a page comes from (a YAML record, not a generated file)."""
        return self.edit_base + path if self.edit_base else ""

    @property
    def lang(self) -> str:
        return self.labels.lang

    def link(self, path: str) -> str:
        """href of a language-neutral path in this page's language."""
        return self.site_link(routes.language_prefix(self.lang) + path)

    def text(self, text: Text) -> str:
        """A human text of the collection for this page, typeset as the language it is written in
        sets it (Arabic-Indic digits, French no-break spaces; a pending translation shows the
        Arabic): how every plain text enters a view."""
        return typeset(text.get(self.lang), text.language(self.lang))

    def t(self, key: str, **values: Any) -> str:
        return self.labels.t(key, **values)

    def permalink(self, path: str, lang: str | None = None) -> str:
        return self.site_url + routes.language_prefix(lang or self.lang) + path


def script_json(data: View) -> str:
    """JSON for a <script> element (structured data in a page's head): compact, as it is on every
    page of its kind, and unable to close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def written_in(rec: Recommendation, ctx: ViewContext) -> View | None:
    """The language of a recommendation's texts on this page when it is not the page's own (a
    translation still to come shows the source), for the markup's lang and dir; else None."""
    shown = rec.shown_in(ctx.lang)
    return None if shown == ctx.lang else {"lang": shown, "dir": DIRECTION[shown]}


def rec_item(rec: Recommendation, ctx: ViewContext) -> View:
    theme = ctx.catalog.theme(rec.theme)
    return {"id": rec.id, "title": ctx.text(rec.title), "title_lang": written_in(rec, ctx),
            "href": ctx.link(routes.recommendation(rec.id)),
            "theme": ctx.text(theme.short), "theme_href": ctx.link(routes.theme(theme.id)),
            "status": status_view(rec.status(ctx.lang), ctx)}


def capped(recs: list[Recommendation], ctx: ViewContext, explore: dict[str, str]) -> tuple[list[View], View | None]:
    """The first records of a list a page shows (at most `list_limit()`, in the list's order) and,
    when there are more, the hand-off to the explore page filtered by `explore` (its URL parameters)."""
    limit = list_limit()
    shown = [rec_item(r, ctx) for r in recs[:limit]]
    if len(recs) <= limit:
        return shown, None
    return shown, {"label": ctx.t("list_shown", shown=ctx.labels.quantity(limit), total=ctx.labels.quantity(len(recs))),
                   "link_label": ctx.t("list_see_all"),
                   "href": ctx.link(routes.SEARCH_PAGE) + "?" + urlencode(explore)}


def entry_item(entry: Entry, ctx: ViewContext) -> View:
    number = ctx.labels.number(int(entry.id)) if entry.kind == "objectives" else None
    return {"id": entry.id, "number": number, "label": ctx.text(entry.label),
            "prefix": ctx.t("objective_number", number=int(entry.id)) if number else None,
            "href": ctx.link(routes.entry(entry.kind, entry.id)),
            "count": ctx.graph.count(entry.kind, entry.id),
            "count_label": ctx.labels.count("count_recommendations", ctx.graph.count(entry.kind, entry.id))}


def status_view(code: str, ctx: ViewContext) -> View:
    notice = {"draft": "notice_draft", "outdated": "notice_outdated", "pending": "notice_pending"}.get(code)
    return {"code": code, "label": ctx.t(f"status_{code}"), "notice": ctx.t(notice) if notice else None}


def status_notices(items: list[tuple[str, str]], ctx: ViewContext) -> list[View]:
    """The translation status of a page showing several texts, said once: each status that has a
    notice (draft, outdated, pending), with the ids it concerns unless it concerns every text.
    `items` are (id, status code) of the texts on the page; an id "" is not named (a theme)."""
    notices = []
    for code in dict.fromkeys(code for _, code in items):
        view = status_view(code, ctx)
        if view["notice"]:
            every = all(c == code for _, c in items)
            notices.append({**view, "ids": "" if every else ", ".join(rid for rid, c in items if c == code and rid)})
    return notices


def theme_item(theme: Theme, ctx: ViewContext) -> View:
    count = len(ctx.catalog.in_theme(theme.id))
    return {"id": theme.id, "number": ctx.labels.number(theme.order), "title": ctx.text(theme.title),
            "short": ctx.text(theme.short),
            "description": ctx.text(theme.description), "href": ctx.link(routes.theme(theme.id)),
            "count": count, "count_label": ctx.labels.count("count_recommendations", count)}


def crumbs(ctx: ViewContext, *items: tuple[str, str]) -> list[View]:
    return [{"label": ctx.t("home"), "href": ctx.link("")}] + [{"label": lbl, "href": ctx.link(p)}
                                                             for lbl, p in items]
