"""Load, validate and model the whole collection: every problem at once, or a Catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import TRANSLATED_LANGUAGES
from .collection_checks import semantic_problems
from .loading import DocumentCache, Loaded, read_all
from .model import Catalog, Entry, Recommendation, Text, Theme, Translated, Translation
from .practices import build_practice
from .problems import CollectionError, Problem, errors_in
from .sources import build_source, document_of
from .term_checks import terms_of
from .translation_checks import source_fingerprint
from .yamlsource import Document


def check_collection(root: Path, cache: DocumentCache | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Validate everything under `root/recommendations`; the catalog only if there is no error."""
    loaded = read_all(root, cache)
    problems = loaded.problems + list(semantic_problems(loaded))
    if errors_in(problems):
        return None, sorted(set(problems))
    return build_catalog(loaded), sorted(set(problems))


def load_catalog(root: Path, cache: DocumentCache | None = None) -> Catalog:
    catalog, problems = check_collection(root, cache)
    if catalog is None:
        raise CollectionError(problems)
    return catalog


# --- building the model ------------------------------------------------------------------------

def _tracking(doc: Document) -> Translated:
    trs = doc.data["translations"]
    return Translated(
        {lang: Translation.of(trs[lang], doc.line_of(("translations", lang))) for lang in TRANSLATED_LANGUAGES},
        source_fingerprint(doc.data))


def _notes(data: dict[str, Any]) -> tuple[Text, ...]:
    return tuple(Text.of(n) for n in data.get("notes", []))


def build_catalog(loaded: Loaded) -> Catalog:
    themes = sorted((Theme(
        id=d.data["id"], order=d.data["order"], title=Text.of(d.data["title"]), short=Text.of(d.data["short"]),
        description=Text.of(d.data["description"]), notes=_notes(d.data),
        source_line=d.data.get("source", {}).get("line"), tracking=_tracking(d), path=d.path)
        for d in loaded.of("theme")), key=lambda t: t.order)
    order = {t.id: t.order for t in themes}
    sources = tuple(sorted((build_source(d) for d in loaded.of("source")), key=lambda s: s.order))
    doc_ids = [s.id for s in sources]
    recs = sorted((Recommendation(
        id=d.data["id"], theme=d.data["theme"], bullet=d.data["source"]["bullet"],
        source_line=d.data["source"].get("line"),
        objectives=tuple(str(o) for o in d.data["objectives"]), principles=tuple(d.data["principles"]),
        actors=tuple(d.data["actors"]), topics=tuple(d.data["topics"]),
        sdg_targets=tuple(d.data.get("sdg_targets", ())), related=tuple(d.data["related"]),
        title=Text.of(d.data["title"]), lead=Text.of(d.data["lead"]) if "lead" in d.data else None,
        text=Text.of(d.data["text"]), notes=_notes(d.data), tracking=_tracking(d), path=d.path,
        document=document_of(d.data, doc_ids))
        for d in loaded.of("recommendation")), key=lambda r: (order[r.theme], r.bullet, r.id))
    taxonomies = {}
    for d in loaded.of("taxonomy"):
        kind = d.data["kind"]
        taxonomies[kind] = tuple(Entry(
            kind=kind, id=str(e["id"]), label=Text.of(e["label"]),
            description=Text.of(e["description"]) if "description" in e else None,
            path=d.path, line=d.line_of(("entries", i)),
            working_renderings=tuple(d.data.get("working_renderings", ()))) for i, e in enumerate(d.data["entries"]))
    redirects = {}
    for d in loaded.of("redirects"):
        redirects.update(d.data["redirects"])
    terms = tuple(t for d in loaded.of("terms") for t in terms_of(d))
    practices = tuple(sorted((build_practice(d) for d in loaded.of("practice")), key=lambda p: p.id))
    return Catalog(themes=tuple(themes), recommendations=tuple(recs), taxonomies=taxonomies,
                   redirects=redirects, terms=terms, sources=sources, practices=practices)
