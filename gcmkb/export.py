"""Open data: the whole collection as JSON (valid against the published schemas) and as CSV.

Records are written back exactly as their YAML holds them, so the export round-trips;
everything computed (URLs, statuses, reverse links) sits apart under `derived`.

The schemas are published under the site's own address: each `$id` is the URL the site serves
it at, and a schema bundles the schemas it refers to (JSON Schema 2020-12 bundling: each one
embedded in `$defs` under its own `$id`), so a validator resolves every `$ref` from the one file,
from the site or from a downloaded copy, without fetching anything.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

from . import LANGUAGES, TRANSLATED_LANGUAGES, routes
from .graph import Graph
from .labels import Labels
from .model import Catalog, Entry, Fact, Recommendation, Source, Text, Theme, Translated
from .output import Write, write_file
from .practice_export import CSV_COLUMNS as PRACTICE_COLUMNS
from .practice_export import PRACTICES_CSV, practice_record, practices_csv
from .publishing import UNDATED, Edition
from .schema import package_schema
from .taxonomies import TAXONOMY_KINDS
from .termbase import Term

LICENSE = "CC-BY-4.0"
SCHEMA_DIR = "data/schema/"  # where the site serves the schemas, relative to its root
CSV_FILE = "recommendations.csv"

def edition_record(edition: Edition) -> dict[str, Any]:
    """The edition the data belongs to, as the footer names it: its state ("release", "commit",
    "undated"), its release tag, its date (the commit's, UTC) and commit; nothing a copy without
    its repository cannot know."""
    if edition.state == UNDATED:
        return {"state": UNDATED}
    day = datetime.fromtimestamp(edition.time, UTC).date().isoformat()
    return {"state": edition.state, **({"version": edition.version} if edition.version else {}), "date": day,
            "commit": edition.commit}


def _text(text: Text) -> dict[str, str]:
    """As in the record: a translation still to come (pending) is absent."""
    return {lang: value for lang in LANGUAGES if (value := text.written(lang)) is not None}


def _translations(tracking: Translated) -> dict[str, Any]:
    out = {}
    for lang in TRANSLATED_LANGUAGES:
        tr = tracking.translations[lang]
        out[lang] = {"status": tr.status, **({"source": tr.source} if tr.source else {})}
    return out


def recommendation_record(rec: Recommendation) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": rec.id, "theme": rec.theme,
        "source": {**({"document": rec.document} if rec.document else {}), "bullet": rec.bullet,
                   **({"line": rec.source_line} if rec.source_line else {})},
        "objectives": [int(o) for o in rec.objectives], "principles": list(rec.principles),
        "actors": list(rec.actors), "topics": list(rec.topics),
        **({"sdg_targets": list(rec.sdg_targets)} if rec.sdg_targets else {}),
        "related": list(rec.related), "title": _text(rec.title)}
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
    record.update({"title": _text(theme.title), "short": _text(theme.short), "description": _text(theme.description)})
    if theme.notes:
        record["notes"] = [_text(n) for n in theme.notes]
    record["translations"] = _translations(theme.tracking)
    return record


def _fact(fact: Fact) -> dict[str, Any]:
    out: dict[str, Any] = {"value": _text(fact.value) if isinstance(fact.value, Text) else fact.value}
    if fact.evidence:
        out["evidence"] = list(fact.evidence)
    if fact.note:
        out["note"] = _text(fact.note)
    return out


def source_record(src: Source) -> dict[str, Any]:
    """A source document exactly as in recommendations/sources/<id>.yml."""
    record: dict[str, Any] = {"id": src.id, "order": src.order, "kind": src.kind, "title": _text(src.title),
                              "description": _text(src.description)}
    record.update({name: _fact(getattr(src, name)) for name in ("date", "place", "organiser",
                                                                "original_language", "published")})
    record["edition"] = {"language": src.edition_language, "description": _text(src.edition)}
    if src.notes:
        record["notes"] = [_text(n) for n in src.notes]
    return record


def _entry(entry: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {"id": int(entry.id) if entry.kind == "objectives" else entry.id,
                           "label": _text(entry.label)}
    if entry.description:
        out["description"] = _text(entry.description)
    return out


def collection(catalog: Catalog, graph: Graph, site_url: str, title: dict[str, str],
               edition: Edition | None = None) -> dict[str, Any]:
    derived = {rec.id: {"url": {lang: site_url + routes.language_prefix(lang) + routes.recommendation(rec.id)
                                for lang in LANGUAGES},
                        "status": {lang: rec.status(lang) for lang in LANGUAGES},
                        "referenced_by": list(graph.referenced_by.get(rec.id, ()))}
               for rec in catalog.recommendations}
    return {"$schema": site_url + SCHEMA_DIR + "collection.schema.json", "title": title, "license": LICENSE,
            "edition": edition_record(edition or Edition()), "languages": list(LANGUAGES),
            "sources": [source_record(s) for s in catalog.sources],
            "practices": [practice_record(p) for p in catalog.practices],
            "themes": [theme_record(t) for t in catalog.themes],
            "recommendations": [recommendation_record(r) for r in catalog.recommendations],
            "taxonomies": [_taxonomy(kind, entries) for kind, entries in catalog.taxonomies.items()],
            "terms": {"terms": [term_record(t) for t in catalog.terms]},
            "redirects": dict(catalog.redirects), "derived": derived}


def _taxonomy(kind: str, entries: tuple[Entry, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": kind}
    if entries and entries[0].working_renderings:
        out["working_renderings"] = list(entries[0].working_renderings)
    out["entries"] = [_entry(e) for e in entries]
    return out


def term_record(term: Term) -> dict[str, Any]:
    """A term exactly as in recommendations/terms.yml."""
    out: dict[str, Any] = {"id": term.id, "preferred": _text(term.preferred)}
    for name, forms in (("variants", term.variants), ("not_preferred", term.not_preferred),
                        ("deprecated", term.deprecated)):
        if forms:
            out[name] = {lang: list(values) for lang, values in forms.items()}
    out.update({"definition": _text(term.definition), "source": _text(term.source)})
    if term.notes:
        out["notes"] = [_text(n) for n in term.notes]
    if term.working_renderings:
        out["working_renderings"] = list(term.working_renderings)
    if term.objectives:
        out["objectives"] = [int(o) for o in term.objectives]
    return out


CSV_COLUMNS = (["id", "source_document", "theme", "bullet", *TAXONOMY_KINDS, "sdg_targets", "related"]
               + [f"{field}_{lang}" for field in ("title", "lead", "text") for lang in LANGUAGES]
               + [f"status_{lang}" for lang in TRANSLATED_LANGUAGES] + [f"url_{lang}" for lang in LANGUAGES])


def csv_text(catalog: Catalog, site_url: str) -> str:
    """UTF-8 with a byte-order mark, so spreadsheet software reads the Arabic correctly."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rec in catalog.recommendations:
        row = [rec.id, rec.document or "", rec.theme, rec.bullet,
               *(" ".join(rec.tagged(kind)) for kind in TAXONOMY_KINDS),
               " ".join(rec.sdg_targets), " ".join(rec.related)]
        for field in ("title", "lead", "text"):
            text = getattr(rec, field)
            row += [(text.written(lang) or "") if text else "" for lang in LANGUAGES]  # pending: empty
        row += [rec.status(lang) for lang in TRANSLATED_LANGUAGES]
        row += [site_url + routes.language_prefix(lang) + routes.recommendation(rec.id) for lang in LANGUAGES]
        writer.writerow(row)
    return "\ufeff" + out.getvalue()


def source_schemas() -> dict[str, dict[str, Any]]:
    """Every schema of the package (gcmkb/schemas/*.schema.json), by file name."""
    folder = resources.files("gcmkb").joinpath("schemas")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".schema.json")), key=lambda f: f.name)
    return {f.name: package_schema(f.name.removesuffix(".schema.json")) for f in files}


def _refs(node: Any) -> Iterator[dict[str, Any]]:
    """Every object of a schema that holds a `$ref`."""
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _rebased(name: str, schema: dict[str, Any], base: str, names: list[str]) -> tuple[dict[str, Any], set[str]]:
    """The schema with its `$id` at `base`, and the other schemas it refers to. A `$ref` to
    another schema of the folder (relative, or absolute on the source `$id`'s base) becomes
    relative, so it resolves from the new `$id`."""
    schema = json.loads(json.dumps(schema))  # a deep copy
    source_id = str(schema.get("$id", name))
    schema["$id"] = base + name
    siblings = {urljoin(source_id, other): other for other in names if other != name}
    referred = set()
    for node in _refs(schema):
        target, fragment = urldefrag(urljoin(source_id, node["$ref"]))
        if target in siblings:
            referred.add(siblings[target])
            node["$ref"] = siblings[target] + (f"#{fragment}" if fragment else "")
    return schema, referred


def published_schemas(site_url: str) -> dict[str, dict[str, Any]]:
    """Every schema as the site publishes it: `$id` at its URL, the schemas it needs bundled."""
    sources = source_schemas()
    base = site_url + SCHEMA_DIR
    rebased = {name: _rebased(name, schema, base, list(sources)) for name, schema in sources.items()}
    published = {}
    for name, (schema, _) in rebased.items():
        needed: set[str] = set()
        todo = [name]
        while todo:  # the schemas it refers to, directly or through another
            for other in rebased[todo.pop()][1] - needed - {name}:
                needed.add(other)
                todo.append(other)
        if needed:
            schema = {**schema, "$defs": {**schema.get("$defs", {}),
                                          **{other: rebased[other][0] for other in sorted(needed)}}}
        published[name] = schema
    return published


def csv_metadata(site_url: str, title: dict[str, str], edition: Edition, table: str = CSV_FILE,
                 columns: tuple[str, ...] | list[str] = tuple(CSV_COLUMNS)) -> dict[str, Any]:
    """A CSV's companion (CSVW metadata): its title, licence, edition and columns."""
    record = edition_record(edition)
    return {"@context": "http://www.w3.org/ns/csvw", "url": table,
            "dc:title": [{"@value": value, "@language": lang} for lang, value in title.items()],
            "dc:license": {"@id": "https://creativecommons.org/licenses/by/4.0/"},
            **({"dc:issued": {"@value": record["date"], "@type": "xsd:date"}} if "date" in record else {}),
            **({"schema:version": record["version"]} if "version" in record else {}),
            "kb:edition": record, "dc:isPartOf": {"@id": site_url + "data/recommendations.json"},
            "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
            "tableSchema": {"columns": [{"name": name, "titles": name} for name in columns]}}


# The open data's tables: each CSV, its columns, what writes it and the label naming what it holds
# (None: the collection's title, that of its source document); each has its CSVW companion
TABLES: tuple[tuple[str, list[str], Callable[[Catalog, str], str], str | None], ...] = (
    (CSV_FILE, CSV_COLUMNS, csv_text, None),
    (PRACTICES_CSV, PRACTICE_COLUMNS, practices_csv, "practices"),
)


def table_title(labels: Labels, key: str | None) -> str:
    """A table's title in a language: the collection's, or what it holds on the site ("Practices —
    GCM Champions: …"), since the practices come from no source document."""
    if key is None:
        return labels.t("document_title")
    return labels.t("data_table_title", table=labels.t(key), site=labels.t("site_name"))


def companion(table: str) -> str:
    """The name of a table's CSVW companion, where a CSV on the Web (W3C CSVW) processor looks for it
    (what a table cannot say: title, licence, edition, columns): `recommendations.csv-metadata.json`."""
    return table + "-metadata.json"


def write_open_data(site_dir: Path, catalog: Catalog, graph: Graph, site_url: str,
                    labels: Mapping[str, Labels], edition: Edition | None = None, write: Write = write_file) -> None:
    data = site_dir / "data"
    edition = edition or Edition()
    payload = collection(catalog, graph, site_url, {lang: table_title(labels[lang], None) for lang in LANGUAGES},
                         edition)
    write(data / "recommendations.json", (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode())
    for table, columns, text, holds in TABLES:
        title = {lang: table_title(labels[lang], holds) for lang in LANGUAGES}
        write(data / table, text(catalog, site_url).encode())
        write(data / companion(table), (json.dumps(csv_metadata(site_url, title, edition, table, columns),
                                                   ensure_ascii=False, indent=1) + "\n").encode())
    for name, schema in published_schemas(site_url).items():
        write(site_dir / SCHEMA_DIR / name, (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode())
