"""Practices in the open data: their records in data/recommendations.json (as in
recommendations/practices/, the region as written or derived from the countries), and
data/practices.csv (UTF-8 with a byte-order mark, one row per practice)."""

from __future__ import annotations

import csv
import io
from typing import Any

from . import LANGUAGES, routes
from .model import Catalog, Text
from .practices import TEXTS, Practice

PRACTICES_CSV = "practices.csv"
CSV_COLUMNS = (["id", "status", "language", "countries", "region", "actors", "period_start", "period_end",
                "objectives", "principles", "implements"]
               + [f"{field}_{lang}" for field in TEXTS for lang in LANGUAGES]
               + ["evidence"] + [f"url_{lang}" for lang in LANGUAGES])


def _text(text: Text) -> dict[str, str]:
    """The languages it is written in only: the others are absent, as in the record."""
    return {lang: value for lang in LANGUAGES if (value := text.written(lang)) is not None}


def practice_record(practice: Practice) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": practice.id, "status": practice.status, "language": practice.language,
        "title": _text(practice.title), "summary": _text(practice.summary),
        "description": _text(practice.description), "countries": list(practice.countries),
        **({"region": practice.region} if practice.region else {}), "actors": list(practice.actors),
        "period": {"start": practice.start, "end": practice.end},
        "objectives": [int(o) for o in practice.objectives], "principles": list(practice.principles),
        "implements": list(practice.implements)}
    for name in ("results", "lessons"):
        text = getattr(practice, name)
        if text is not None:
            record[name] = _text(text)
    record["evidence"] = list(practice.evidence)
    if practice.notes:
        record["notes"] = [_text(n) for n in practice.notes]
    return record


def practices_csv(catalog: Catalog, site_url: str) -> str:
    """Lists joined by spaces, as in recommendations.csv; a text not written in a language is empty."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in catalog.practices:
        row: list[Any] = [p.id, p.status, p.language, " ".join(p.countries), p.region or "", " ".join(p.actors),
                          p.start, "" if p.end is None else p.end, " ".join(p.objectives), " ".join(p.principles),
                          " ".join(p.implements)]
        for field in TEXTS:
            text = getattr(p, field)
            row += [(text.written(lang) or "") if text else "" for lang in LANGUAGES]
        row += [" ".join(p.evidence)]
        row += [site_url + routes.language_prefix(lang) + routes.practice(p.id) for lang in LANGUAGES]
        writer.writerow(row)
    return "\ufeff" + out.getvalue()
