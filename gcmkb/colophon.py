"""What every page's footer and every printed document say about the edition: who publishes it,
which edition it is (release tag and date, or commit date, or that the build had no repository),
the licence of texts and data, and where the accessibility statement and privacy note are."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from .history_views import format_date
from .publishing import RELEASE, UNDATED
from .views import View, ViewContext

LICENCE = "CC BY 4.0"  # texts and data (the data page says so; export.LICENSE is its SPDX id)
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.{lang}"  # the deed in the reader's language
ACCESSIBILITY_PAGE = "accessibility/"  # docs/accessibility.md, .en.md, .fr.md
PRIVACY_PAGE = "privacy/"              # docs/privacy.md, .en.md, .fr.md


def edition_text(ctx: ViewContext) -> str:
    edition = ctx.edition
    if edition.state == UNDATED:
        return ctx.t("edition_undated")
    day = format_date(datetime.fromtimestamp(edition.time, UTC).date(), ctx.labels)
    return ctx.t("edition_release", version=edition.version, date=day) if edition.state == RELEASE \
        else ctx.t("edition_commit", date=day)


def footer_view(ctx: ViewContext) -> View:
    """Names the publisher only when one is set: the site's name in its place would say the site
    publishes itself, which tells a reader nothing and is not the organisation's name."""
    return {"publisher": ctx.t("footer_publisher", publisher=ctx.publisher) if ctx.publisher else "",
            "edition": {"state": ctx.edition.state, "text": edition_text(ctx)},
            "licence": {"intro": ctx.t("licence_texts_data"), "name": LICENCE,
                        "href": LICENCE_URL.format(lang=ctx.lang)},
            "links_label": ctx.t("footer_links"),
            "links": [{"label": ctx.t("accessibility"), "href": ctx.link(ACCESSIBILITY_PAGE), "rel": "accessibility"},
                      {"label": ctx.t("privacy"), "href": ctx.link(PRIVACY_PAGE), "rel": "privacy"}]}


def with_colophon(view: Callable[[str, ViewContext], View]) -> Callable[[str, ViewContext], View]:
    """A printed document's view, with what the site's footer says (its PDF has no site footer)."""
    def document(key: str, ctx: ViewContext) -> View:
        return {**view(key, ctx), "colophon": footer_view(ctx)}
    return document
