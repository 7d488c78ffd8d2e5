"""Views of the change history (changes.py): a recommendation's history, the version a citation
names, the "What's new" page and the Atom feed of each language. No markup here but the feed's XML.

A change is worded from its data fields ("title.ar" -> "Arabic title") through the labels of the
page's language; dates are the commits' own, in UTC, written the language's way (Arabic-Indic
digits and Arabic month names on Arabic pages). Nothing reads the clock.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from . import routes
from .changes import NO_REPOSITORY, SHALLOW, Change
from .labels import Labels
from .output import Write, write_file
from .practices import PRACTICE_ID
from .textview import plain
from .typography import typeset
from .viewcontext import View, ViewContext, crumbs

WHATS_NEW = "whats-new/"   # the page, in each language's root
FEED = "feed.xml"          # the Atom feed, in each language's root
PAGE_SIZE = 100            # changes on the "What's new" page; each record's page shows them all
FEED_SIZE = 50             # entries in a feed
GROUP_OVER = 5             # a commit changing more records than this is one entry, not one per record
ATOM = "http://www.w3.org/2005/Atom"
NOTICES = {NO_REPOSITORY: "history_unavailable", SHALLOW: "history_shallow"}
# a data field -> its label; "{lang}" is the language the field is in
FIELD_LABELS = {"title": "change_title_{lang}", "lead": "change_text_{lang}", "text": "change_text_{lang}",
                "translations": "change_translation_{lang}", **{name: "change_text_{lang}" for name in (
                    "summary", "description", "results", "lessons")}}  # a practice's texts
# translations.<lang>.<detail>: stamped again, status unchanged: reviewed ("checked"), or not ("source")
STAMP_LABELS = {"checked": "change_stamp_{lang}", "source": "change_fingerprint_{lang}"}
OTHER_LABEL = "change_other"
# the forge's edit URL of the repository (kb_edit_base) -> its commit URLs: GitHub ".../edit/main/",
# GitLab ".../-/edit/main/", Gitea and Forgejo ".../_edit/main/"
FORGE_EDIT = re.compile(r"^(?P<repository>.+?)/_?edit/[^/]+/$")


def feed_path(lang: str) -> str:
    """The feed of a language, relative to the site root."""
    return routes.language_prefix(lang) + FEED


def commit_url(edit_base: str, commit: str) -> str:
    """The commit on the forge, from the edit URL the site already has ("" if not a known shape)."""
    match = FORGE_EDIT.match(edit_base)
    return f"{match['repository']}/commit/{commit}" if match else ""


def day_of(change: Change) -> date:
    return datetime.fromtimestamp(change.time, UTC).date()


def timestamp(time: int) -> str:
    """RFC 3339, in UTC, as Atom wants it."""
    return datetime.fromtimestamp(time, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_date(day: date, labels: Labels) -> str:
    """"3 March 2026", "1er mars 2026", "٣ مارس ٢٠٢٦": the month names are in the locale files."""
    number = labels.t("date_day_one") if day.day == 1 else labels.number(day.day)
    month = labels.entries["months"][day.month - 1]
    return labels.t("date_format", day=number, month=month, year=day.year)


def field_labels(fields: tuple[str, ...], labels: Labels) -> list[str]:
    """The changed fields in the reader's words, each once ("lead.en" and "text.en" are one)."""
    keys: list[str] = []
    for name in fields:
        top, _, rest = name.partition(".")
        lang, _, detail = rest.partition(".")
        key = (STAMP_LABELS.get(detail, OTHER_LABEL) if detail else FIELD_LABELS.get(top, "change_" + top)
               ).format(lang=lang)
        key = key if key in labels.entries else OTHER_LABEL
        if key not in keys:
            keys.append(key)
    return [labels.t(k) for k in keys]


def describe(change: Change, labels: Labels) -> str:
    if change.added:
        return labels.t("change_added")
    return labels.t("change_changed", fields=labels.t("separator").join(field_labels(change.fields, labels)))


def change_item(change: Change, ctx: ViewContext) -> View:
    day = day_of(change)
    return {"anchor": f"change-{change.commit[:12]}", "date": format_date(day, ctx.labels),
            "datetime": day.isoformat(), "what": describe(change, ctx.labels), "commit": change.commit[:7],
            "commit_href": commit_url(ctx.edit_base, change.commit)}


def _notice(ctx: ViewContext) -> str | None:
    return ctx.t(NOTICES[ctx.history.unavailable]) if not ctx.history.available else None


def history_block(rid: str, ctx: ViewContext) -> View:
    """A record's history (a recommendation's or a practice's, `intro` names which); `state` (the
    page's `data-history`) says what it shows."""
    if not ctx.history.available:
        return {"state": ctx.history.unavailable, "notice": _notice(ctx), "changes": []}
    changes = [change_item(change, ctx) for change in ctx.history.of(rid)]
    kind = "_practice" if PRACTICE_ID.match(rid) else ""  # the labels that name the record's kind
    return {"state": "recorded" if changes else "none",
            "notice": None if changes else ctx.t("history_none" + kind),
            "intro": ctx.t("history_intro" + kind), "changes": changes}


def with_history(view: Callable[[str, ViewContext], View]) -> Callable[[str, ViewContext], View]:
    """A recommendation's view, with its history."""
    def recommendation(rid: str, ctx: ViewContext) -> View:
        return {**view(rid, ctx), "history": history_block(rid, ctx)}
    return recommendation


def version_note(rid: str, ctx: ViewContext) -> str:
    """" As of 3 March 2026." for a citation: the date of the version cited ("" without history)."""
    latest = ctx.history.latest(rid)
    return " " + ctx.t("cite_as_of", date=format_date(day_of(latest), ctx.labels)) if latest else ""


def entries(changes: tuple[Change, ...]) -> list[tuple[Change, ...]]:
    """The changes as "What's new" and the feeds tell them: one entry per change of a record, but
    one for all the records a commit changed when they are more than GROUP_OVER (a re-stamp, a
    pass over the whole collection), with the commit's subject as its summary."""
    by_commit: dict[str, list[Change]] = {}
    for change in changes:  # newest first; a commit's changes are next to each other
        by_commit.setdefault(change.commit, []).append(change)
    out: list[tuple[Change, ...]] = []
    for group in by_commit.values():
        out += [tuple(group)] if len(group) > GROUP_OVER else [(change,) for change in group]
    return out


def group_what(group: tuple[Change, ...], labels: Labels) -> str:
    """What a commit changed in its records, each field once ("Changed: English text, links")."""
    if all(change.added for change in group):
        return labels.t("change_added")
    fields = tuple(dict.fromkeys(f for change in group for f in change.fields))
    return describe(Change("", group[0].commit, group[0].time, group[0].author, False, fields), labels)


def record_item(rid: str, ctx: ViewContext) -> View:
    """A changed record, a recommendation or a practice: its id, title (typeset as the language it
    is shown in) and page."""
    if PRACTICE_ID.match(rid):
        practice = ctx.catalog.practice(rid)
        title, shown = practice.text(practice.title, ctx.lang)
        return {"id": rid, "title": typeset(title, shown), "href": ctx.link(routes.practice(rid)),
                "page": routes.practice(rid)}
    rec = ctx.catalog.recommendation(rid)
    return {"id": rid, "title": ctx.text(rec.title), "href": ctx.link(routes.recommendation(rid)),
            "page": routes.recommendation(rid)}


def entry_item(group: tuple[Change, ...], ctx: ViewContext) -> View:
    """One entry of "What's new": a record's change, or a commit's change of many records."""
    first = group[0]
    items = [{k: v for k, v in record_item(change.rid, ctx).items() if k != "page"} for change in group]
    if len(group) == 1:
        return {**change_item(first, ctx), **items[0], "records": []}
    return {**change_item(first, ctx), "what": group_what(group, ctx.labels), "summary": first.subject,
            "records": items}


def whats_new_view(_: str, ctx: ViewContext) -> View:
    """The latest changes, newest first, by day."""
    days: list[View] = []
    for group in entries(ctx.history.changes)[:PAGE_SIZE]:
        item = entry_item(group, ctx)
        if not days or days[-1]["datetime"] != item["datetime"]:
            days.append({"date": item["date"], "datetime": item["datetime"], "changes": []})
        days[-1]["changes"].append(item)
    state = ctx.history.unavailable or ("recorded" if days else "none")
    return {"breadcrumbs": crumbs(ctx), "state": state,
            "notice": _notice(ctx) or (None if days else ctx.t("whats_new_empty")),
            "days": days, "feed_href": ctx.site_link(feed_path(ctx.lang))}


def feed_link(ctx: ViewContext) -> View:
    """The feed of the page's language, for the autodiscovery link in every page's head."""
    return {"href": ctx.site_link(feed_path(ctx.lang)), "title": ctx.t("feed_title", site=ctx.t("site_short"))}


def atom_feed(ctx: ViewContext, fallback_time: int) -> bytes:
    """The Atom feed (RFC 4287) of one language: one entry per change of a recommendation, or per
    commit that changed many (see `entries`), newest first. `updated` is the newest change's time;
    `fallback_time` (SOURCE_DATE_EPOCH) when none."""
    groups = entries(ctx.history.changes)[:FEED_SIZE]
    changes = [group[0] for group in groups]
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": ctx.lang})
    _add(root, "id", ctx.permalink(FEED))
    _add(root, "title", ctx.t("feed_title", site=ctx.t("site_short")))
    _add(root, "subtitle", _notice(ctx) or ctx.t("whats_new_intro"))
    _add(root, "updated", timestamp(max((c.time for c in changes), default=fallback_time)))
    _add(root, "link", rel="self", type="application/atom+xml", href=ctx.permalink(FEED))
    _add(root, "link", rel="alternate", type="text/html", href=ctx.permalink(WHATS_NEW))
    _add(_add(root, "author"), "name", ctx.publisher_name)  # configuration: commits' authors stay private
    for group in groups:
        if len(group) > 1:
            _group_entry(root, group, ctx)
            continue
        change = group[0]
        record = record_item(change.rid, ctx)
        page = ctx.permalink(record["page"])
        entry = _add(root, "entry")
        _add(entry, "id", f"{page}#change-{change.commit[:12]}")
        _add(entry, "title", f"{record['id']} {plain(record['title'])}")
        _add(entry, "updated", timestamp(change.time))
        _add(entry, "link", rel="alternate", type="text/html", href=page)
        if commit_url(ctx.edit_base, change.commit):
            _add(entry, "link", rel="related", href=commit_url(ctx.edit_base, change.commit))
        _add(_add(entry, "author"), "name", ctx.publisher_name)
        _add(entry, "summary", describe(change, ctx.labels))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _group_entry(root: ET.Element, group: tuple[Change, ...], ctx: ViewContext) -> None:
    """A commit's change of many records: its subject, what changed, and the records it touched."""
    change = group[0]
    page = ctx.permalink(WHATS_NEW) + f"#change-{change.commit[:12]}"
    entry = _add(root, "entry")
    _add(entry, "id", page)
    _add(entry, "title", change.subject or group_what(group, ctx.labels))
    _add(entry, "updated", timestamp(change.time))
    _add(entry, "link", rel="alternate", type="text/html", href=page)
    if commit_url(ctx.edit_base, change.commit):
        _add(entry, "link", rel="related", href=commit_url(ctx.edit_base, change.commit))
    _add(_add(entry, "author"), "name", ctx.publisher_name)
    records = [record_item(c.rid, ctx) for c in group]
    _add(entry, "summary", group_what(group, ctx.labels) + "\n" + "\n".join(
        f"{record['id']} {plain(record['title'])}" for record in records))


def write_feed(site_dir: Path, ctx: ViewContext, fallback_time: int, write: Write = write_file) -> None:
    write(site_dir / feed_path(ctx.lang), atom_feed(ctx, fallback_time))


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element
