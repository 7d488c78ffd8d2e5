"""Per-record data in shards: the brief page fetches the records it shows, not the collection.

The brief's full texts and its citations are written per language in files of at most
SHARD_SIZE records each (`assets/brief/<lang>/r0.json`: r00..r24; `r1.json`: r25..r49;
`r4.json`: r100..r124; `p0.json`: the practices p000..p024), named by the id's letters and its
number divided by SHARD_SIZE, so that the browser finds an id's file from the id alone
(docs/assets/brief.js applies the same rule, with the size and the file names the page's
configuration gives it).

The size, from the benchmark's collections (one language, full texts and references, a brief of
three random records; whole files: 3.1 MB at 1,000 records, 31 MB at 10,000): 100 records a file,
about 780 KB raw and 750 files at 10,000; 25, about 200 KB and 3,000 files (5 % of the site's
files); 10, 80 KB and 7,500; one, 9 KB and 75,000 files. 25 keeps a brief's data under what a
search's first query fetches, and the file count small beside the site's 60,000 pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

SHARD_SIZE = 25  # records per file: the brief page's bytes grow with it, the site's file count shrinks
NUMBERED = re.compile(r"^([a-z]+)([0-9]+)$")  # every id is letters then digits (r07, p001)
PLACEHOLDER = "{shard}"  # where a shard's name goes in a file template


def shard_of(rid: str) -> str:
    """The shard an id belongs to: `r0` for r00..r24, `r1` for r25..r49, `p0` for p000..p024."""
    match = NUMBERED.match(rid)
    if match is None:
        raise ValueError(f"{rid!r}: not an id of letters then digits")
    return f"{match[1]}{int(match[2]) // SHARD_SIZE}"


def shard_keys(ids: Iterable[str]) -> list[str]:
    """The shards that hold these ids, each once, sorted."""
    return sorted({shard_of(rid) for rid in ids})


def by_shard(entries: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Entries keyed by id, split into their shards (each shard's entries in their first order)."""
    out: dict[str, dict[str, Any]] = {}
    for rid, value in entries.items():
        out.setdefault(shard_of(rid), {})[rid] = value
    return out


def shard_file(template: str, key: str) -> str:
    """A shard's path from its folder's template (`assets/brief/en/{shard}.json`)."""
    return template.replace(PLACEHOLDER, key)


def compact_json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
