"""Open data: the whole collection as JSON (valid against the published schemas) and as CSV.

Records are written back exactly as their YAML holds them, so the export round-trips;
everything computed (URLs, statuses, reverse links) sits apart under `derived`.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

from . import LANGUAGES, TRANSLATED_LANGUAGES, routes
from .graph import Graph
from .model import Catalog, Entry, Recommendation, Text, Theme, Translated

LICENSE = "CC-BY-4.0"
SCHEMA_FILES = ("recommendation", "theme", "taxonomy", "collection")


def _text(text: Text) -> dict[str, str]:
    return {lang: text.get(lang) for lang in LANGUAGES}


def _translations(tracking: Translated) -> dict[str, Any]:
    out = {}
    for lang in TRANSLATED_LANGUAGES:
        tr = tracking.translations[lang]
        out[lang] = {"status": tr.status, **({"source": tr.source} if tr.source else {})}
    return out


def recommendation_record(rec: Recommendation) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": rec.id, "theme": rec.theme,
        "source": {"bullet": rec.bullet, **({"line": rec.source_line} if rec.source_line else {})},
        "objectives": [int(o) for o in rec.objectives], "actors": list(rec.actors),
        "topics": list(rec.topics), "related": list(rec.related), "title": _text(rec.title)}
    if rec.lead:
        record["lead"] = _text(rec.lead)
    record["text"] = _text(rec.text)
    if rec.notes:
        record["notes"] = [_text(n) for n in rec.notes]
    record["translations"] = _translations(rec.tracking)
    return record


def theme_record(theme: Theme) -> dict[str, Any]:
    record: dict[str, Any] = {"id": theme.id, "order": theme.order}
    if theme.source_line:
        record["source"] = {"line": theme.source_line}
    record.update({"title": _text(theme.title), "description": _text(theme.description)})
    if theme.notes:
        record["notes"] = [_text(n) for n in theme.notes]
    record["translations"] = _translations(theme.tracking)
    return record


def _entry(entry: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {"id": int(entry.id) if entry.kind == "objectives" else entry.id,
                           "label": _text(entry.label)}
    if entry.description:
        out["description"] = _text(entry.description)
    return out


def collection(catalog: Catalog, graph: Graph, site_url: str, title: dict[str, str]) -> dict[str, Any]:
    derived = {rec.id: {"url": {lang: site_url + routes.language_prefix(lang) + routes.recommendation(rec.id)
                                for lang in LANGUAGES},
                        "status": {lang: rec.status(lang) for lang in LANGUAGES},
                        "referenced_by": list(graph.referenced_by.get(rec.id, ()))}
               for rec in catalog.recommendations}
    return {"$schema": "schema/collection.schema.json", "title": title, "license": LICENSE,
            "languages": list(LANGUAGES), "themes": [theme_record(t) for t in catalog.themes],
            "recommendations": [recommendation_record(r) for r in catalog.recommendations],
            "taxonomies": [{"kind": kind, "entries": [_entry(e) for e in entries]}
                           for kind, entries in catalog.taxonomies.items()],
            "redirects": dict(catalog.redirects), "derived": derived}


CSV_COLUMNS = (["id", "theme", "bullet", "objectives", "actors", "topics", "related"]
               + [f"{field}_{lang}" for field in ("title", "lead", "text") for lang in LANGUAGES]
               + [f"status_{lang}" for lang in TRANSLATED_LANGUAGES] + [f"url_{lang}" for lang in LANGUAGES])


def csv_text(catalog: Catalog, site_url: str) -> str:
    """UTF-8 with a byte-order mark, so spreadsheet software reads the Arabic correctly."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rec in catalog.recommendations:
        row = [rec.id, rec.theme, rec.bullet, " ".join(rec.objectives), " ".join(rec.actors),
               " ".join(rec.topics), " ".join(rec.related)]
        for field in ("title", "lead", "text"):
            text = getattr(rec, field)
            row += [text.get(lang) if text else "" for lang in LANGUAGES]
        row += [rec.status(lang) for lang in TRANSLATED_LANGUAGES]
        row += [site_url + routes.language_prefix(lang) + routes.recommendation(rec.id) for lang in LANGUAGES]
        writer.writerow(row)
    return "\ufeff" + out.getvalue()


def write_open_data(site_dir: Path, catalog: Catalog, graph: Graph, site_url: str,
                    title: dict[str, str]) -> None:
    data = site_dir / "data"
    (data / "schema").mkdir(parents=True, exist_ok=True)
    payload = collection(catalog, graph, site_url, title)
    (data / "recommendations.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (data / "recommendations.csv").write_text(csv_text(catalog, site_url), "utf-8", newline="")
    for name in SCHEMA_FILES:
        source = resources.files("gcmkb").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
        (data / "schema" / f"{name}.schema.json").write_text(source, "utf-8")
