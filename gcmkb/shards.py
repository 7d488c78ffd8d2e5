"""Per-record data in shards: the brief page fetches the records it shows, not the collection.

The brief's full texts and its citations are written per language in files of at most
SHARD_SIZE records each (`assets/brief/<lang>/r0.json`: r01..r99; `r1.json`: r100..r199;
`p0.json`: the practices p001..p099), named by the id's letters and its number divided by
SHARD_SIZE, so that the browser finds an id's file from the id alone (docs/assets/brief.js
applies the same rule, with the size and the file names the page's configuration gives it).
At 10,000 records a brief of three fetches three shards of about 26 KB per language where it
fetched the whole 2-3 MB file; 100 records a file keeps the number of files to 1 % of the records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

SHARD_SIZE = 100  # records per file: the brief page's bytes grow with it, the site's file count shrinks
NUMBERED = re.compile(r"^([a-z]+)([0-9]+)$")  # every id is letters then digits (r07, p001)
PLACEHOLDER = "{shard}"  # where a shard's name goes in a file template


def shard_of(rid: str) -> str:
    """The shard an id belongs to: `r0` for r01..r99, `r1` for r100..r199, `p0` for p001..p099."""
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
