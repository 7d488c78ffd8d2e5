"""What every view builds on: the per-page context, and the small items pages share (a recommendation
in a list, a taxonomy entry, a theme card, a status, breadcrumbs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import routes
from ..changes import NO_HISTORY, History
from ..graph import Graph
from ..labels import Labels
from ..languages import REGISTRY
from ..model import Catalog, Entry, Recommendation, Text, Theme
from ..typography import typeset

View = dict[str, Any]
LANGUAGE_NAMES = {lang.code: lang.name for lang in REGISTRY}


DIRECTION = {lang.code: lang.direction for lang in REGISTRY}


COUNTER_STYLE = {"arab": "arabic-indic", "latn": "decimal"}  # CSS counter style of a numbering system


@dataclass(frozen=True)
class ViewContext:
    catalog: Catalog
    graph: Graph
    labels: Labels
    site_link: Callable[[str], str]  # path from the site root -> href from the current page
    site_url: str                    # absolute, ends with "/"
    edit_base: str = ""              # the forge's edit URL of the repository root, or ""
    history: History = NO_HISTORY    # the records' changes, from the repository (changes.py)

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
        """A human text of the collection in this page's language, typeset as the language sets it
        (Arabic-Indic digits, French no-break spaces): how every plain text enters a view."""
        return typeset(text.get(self.lang), self.lang)

    def t(self, key: str, **values: Any) -> str:
        return self.labels.t(key, **values)

    def permalink(self, path: str, lang: str | None = None) -> str:
        return self.site_url + routes.language_prefix(lang or self.lang) + path


def rec_item(rec: Recommendation, ctx: ViewContext) -> View:
    theme = ctx.catalog.theme(rec.theme)
    return {"id": rec.id, "title": ctx.text(rec.title), "href": ctx.link(routes.recommendation(rec.id)),
            "url": ctx.permalink(routes.recommendation(rec.id)),
            "theme": ctx.text(theme.short), "theme_href": ctx.link(routes.theme(theme.id)),
            "status": status_view(rec.status(ctx.lang), ctx)}


def entry_item(entry: Entry, ctx: ViewContext) -> View:
    number = ctx.labels.number(int(entry.id)) if entry.kind == "objectives" else None
    return {"id": entry.id, "number": number, "label": ctx.text(entry.label),
            "prefix": ctx.t("objective_number", number=int(entry.id)) if number else None,
            "href": ctx.link(routes.entry(entry.kind, entry.id)),
            "url": ctx.permalink(routes.entry(entry.kind, entry.id)),
            "count": ctx.graph.count(entry.kind, entry.id),
            "count_label": ctx.labels.count("count_recommendations", ctx.graph.count(entry.kind, entry.id))}


def status_view(code: str, ctx: ViewContext) -> View:
    notice = {"draft": "notice_draft", "outdated": "notice_outdated"}.get(code)
    return {"code": code, "label": ctx.t(f"status_{code}"), "notice": ctx.t(notice) if notice else None}


def theme_item(theme: Theme, ctx: ViewContext) -> View:
    count = len(ctx.catalog.in_theme(theme.id))
    return {"id": theme.id, "number": ctx.labels.number(theme.order), "title": ctx.text(theme.title),
            "short": ctx.text(theme.short),
            "description": ctx.text(theme.description), "href": ctx.link(routes.theme(theme.id)),
            "count": count, "count_label": ctx.labels.count("count_recommendations", count)}


def crumbs(ctx: ViewContext, *items: tuple[str, str]) -> list[View]:
    return [{"label": ctx.t("home"), "href": ctx.link("")}] + [{"label": lbl, "href": ctx.link(p)}
                                                             for lbl, p in items]
