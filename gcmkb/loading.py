"""Reading the collection: every file parsed once per content, with its parse and schema problems.

Under `mkdocs serve` a cache keeps what each file gave, so an edit parses and checks again only the
files that changed."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .layout import MISPLACED_HINT, discover
from .problems import Problem
from .schema import validate_document
from .yamlsource import Document, read_document

SCHEMA_OF = {"recommendation": "recommendation", "theme": "theme", "source": "source", "practice": "practice",
             "taxonomy": "taxonomy", "terms": "terms"}


class DocumentCache:
    """What each file gave the last time it was read, by path and content: its parsed document,
    its parse and schema problems, and the problems it has on its own (texts, translations, terms
    used). Under `mkdocs serve` an edit then parses and checks again only the files that changed;
    the checks across files (ids, references, bullets) run every time. A cache is never needed:
    without one, everything is read and checked."""

    def __init__(self) -> None:
        self.read: dict[str, tuple[bytes, Document | None, list[Problem]]] = {}
        self.own: dict[tuple[str, bytes, bytes], list[Problem]] = {}  # (path, digest, context)


@dataclass
class Loaded:
    """Parsed documents by kind, and the problems found so far."""

    docs: dict[str, list[Document]] = field(default_factory=dict)
    valid: set[str] = field(default_factory=set)  # paths of documents that passed the schema
    unsound: dict[str, set[str]] = field(default_factory=dict)  # path -> its fields the schema refused
    problems: list[Problem] = field(default_factory=list)
    unreadable: dict[str, list[str]] = field(default_factory=dict)  # kind -> file stems
    digests: dict[str, bytes] = field(default_factory=dict)  # path -> digest of the file's bytes
    cache: DocumentCache | None = None

    def of(self, kind: str, valid_only: bool = True) -> list[Document]:
        return [d for d in self.docs.get(kind, []) if not valid_only or d.path in self.valid]

    def own_problems(self, doc: Document, context: bytes, check: Callable[[], Iterator[Problem]]) -> list[Problem]:
        """`check()`'s problems of one document, which depend on its content and `context` only."""
        if self.cache is None:
            return list(check())
        key = (doc.path, self.digests[doc.path], context)
        if key not in self.cache.own:
            self.cache.own[key] = list(check())
        return self.cache.own[key]


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def read_all(root: Path, cache: DocumentCache | None = None) -> Loaded:
    loaded = Loaded(cache=cache)
    seen: set[str] = set()
    for source in discover(root):
        if source.kind == "misplaced":
            loaded.problems.append(Problem(source.display, 1, "file",
                                           f"not a place for a record; {MISPLACED_HINT}"))
            continue
        digest = _digest(source.file.read_bytes())
        loaded.digests[source.display] = digest
        seen.add(source.display)
        known = cache.read.get(source.display) if cache is not None else None
        if known is not None and known[0] == digest:
            _, doc, problems = known
        else:
            doc, problems = read_document(source.file, source.display)
            if doc is not None and source.kind != "redirects":
                problems = problems + validate_document(doc, SCHEMA_OF[source.kind])
            if cache is not None:
                cache.read[source.display] = (digest, doc, problems)
        loaded.problems += problems
        if doc is None:
            loaded.unreadable.setdefault(source.kind, []).append(source.file.stem)
            continue
        loaded.docs.setdefault(source.kind, []).append(doc)
        if source.kind == "redirects":
            loaded.problems += _redirect_shape(doc)
        if not problems:
            loaded.valid.add(doc.path)
        else:  # the other fields are still checked against the rest of the collection
            loaded.unsound[doc.path] = {re.split(r"[.\[]", p.field, maxsplit=1)[0] for p in problems}
    if cache is not None:  # files deleted or renamed since
        for gone in set(cache.read) - seen:
            del cache.read[gone]
        cache.own = {key: value for key, value in cache.own.items() if loaded.digests.get(key[0]) == key[1]}
    return loaded


def _redirect_shape(doc: Document) -> list[Problem]:
    data = doc.data
    ok = (isinstance(data, dict) and set(data) == {"redirects"} and isinstance(data["redirects"], dict)
          and all(isinstance(k, str) and isinstance(v, str) for k, v in data["redirects"].items()))
    if ok:
        return []
    return [Problem(doc.path, 1, "redirects", "expected a mapping 'redirects:' of old id to new id; "
                    "allowed: redirects: {r07: r12}")]
