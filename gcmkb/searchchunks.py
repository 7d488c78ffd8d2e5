"""The postings of a language's index in chunks by term, fetched by the browser on demand.

Pagefind's idea, over this project's engine: a query needs the postings of its words only, so
the terms (sorted as JavaScript sorts strings) are cut into consecutive ranges of about
`chunk_bytes()` of postings each, one file per range. The index file names the first term of
every chunk; the browser finds a word's chunk by binary search on them. A word typed in part (a
prefix) stands for the terms it begins, which are consecutive in that order: it needs the chunk
the prefix falls in and the next ones as long as their first term still begins with it, so a
prefix fetches as many chunks as its terms' postings fill (one, unless they pass a chunk's
budget), never the whole index.

Each chunk, and the file of the fields' units (which documents share a field's value), is one
binary file: a 32-bit little-endian length, that many bytes of JSON (its terms, lunr's number of
each, where its arrays are), zeros up to a multiple of 4, then the arrays (32-bit ones first, so
that each is aligned for the browser's typed arrays, which read them in place).
"""

from __future__ import annotations

import json
import os
import re
import sys
from array import array
from typing import Any

from .searchindex import CompactIndex, typed
from .searchtop import top_documents

# About this many bytes of postings per chunk. Measured at 10,000 synthetic records (bench):
# a first query fetches the index file and the chunks of its words and of their termbase forms.
CHUNK_BYTES = 24_000
# A word typed in part is searched as the terms it begins from this many letters on; shorter, as
# a word. One letter begins a fifth of the terms: at 10,000 records their chunks are 262-486 KB
# gzip (19-30 chunks); two letters up to 193 KB (12); three up to 107 KB (6), one chunk for most.
PREFIX_MIN = 3
CHUNK_ENV = "KB_SEARCH_CHUNK_BYTES"  # a smaller budget, so a test sees many chunks on a small fixture


def chunk_bytes() -> int:
    """The budget of a chunk: CHUNK_BYTES, or the environment's value."""
    given = os.environ.get(CHUNK_ENV, "")
    return int(given) if given.isdigit() and int(given) > 0 else CHUNK_BYTES


def pack(header: dict[str, Any], named: list[tuple[str, array]]) -> bytes:
    """One file: the header (with "arrays": name -> [byte offset after the header, length,
    bytes per element]) and the arrays, 32-bit ones first."""
    layout: dict[str, Any] = {}
    parts, position = [], 0
    for name, data in sorted(named, key=lambda item: -item[1].itemsize):
        if sys.byteorder != "little":
            data = array(data.typecode, data)
            data.byteswap()
        layout[name] = [position, len(data), data.itemsize]
        parts.append(data.tobytes())
        position += len(parts[-1])
    head = json.dumps({**header, "arrays": layout}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head += b" " * (-len(head) % 4)  # JSON ignores trailing white space; the arrays stay aligned
    return len(head).to_bytes(4, "little") + head + b"".join(parts)


def unpack(data: bytes) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """What `pack` wrote: the header and each array as a list (tests, tools)."""
    size = int.from_bytes(data[:4], "little")
    header = json.loads(data[4:4 + size])
    body = data[4 + size:]
    arrays = {}
    for name, (at, length, width) in header["arrays"].items():
        values = array("H" if width == 2 else "I")
        values.frombytes(body[at:at + length * width])
        if sys.byteorder != "little":
            values.byteswap()
        arrays[name] = values.tolist()
    return header, arrays


def chunk_ranges(index: CompactIndex, budget: int) -> list[tuple[int, int]]:
    """Consecutive ranges [start, end) of the sorted terms, each holding about `budget` bytes of
    postings (a term alone may hold more): 4 bytes a posting at most, with the term itself."""
    ranges, start, size = [], 0, 0
    for w, word in enumerate(index.words):
        cost = 4 * sum(f.offsets[w + 1] - f.offsets[w] for f in index.fields) + 2 * len(word) + 4
        if w > start and size + cost > budget:
            ranges.append((start, w))
            start, size = w, 0
        size += cost
    if index.words:
        ranges.append((start, len(index.words)))
    return ranges


def chunk_file(index: CompactIndex, start: int, end: int, titles: dict[int, str] | None = None) -> bytes:
    """The terms start..end-1, lunr's number of each, and per field their postings: for the
    chunk's term w, units[offsets[w]:offsets[w + 1]] with those weights (see FieldPostings);
    with `titles`, those documents' titles ("titled": their numbers, "titles": the titles)."""
    named = []
    for f, field in enumerate(index.fields):
        lo, hi = field.offsets[start], field.offsets[end]
        named += [(f"offsets{f}", typed([o - lo for o in field.offsets[start:end + 1]])),
                  (f"units{f}", typed(list(field.units[lo:hi]))), (f"weights{f}", typed(list(field.weights[lo:hi])))]
    header: dict[str, Any] = {"words": index.words[start:end], "ranks": index.ranks[start:end]}
    if titles is not None:
        header |= {"titled": sorted(titles), "titles": [titles[d] for d in sorted(titles)]}
    return pack(header, named)


def units_file(index: CompactIndex) -> bytes:
    """Per field whose documents share values, the documents of each unit: unit u's are
    docs{f}[starts{f}[u]:starts{f}[u + 1]], written in increasing order as their differences
    (the first as itself), which compress to a fraction (at 10,000: 16 KB gzip instead of 60)."""
    named = []
    for f, field in enumerate(index.fields):
        if field.starts is not None and field.docs is not None:
            docs, starts = field.docs, field.starts
            gaps = [docs[g] - (docs[g - 1] if g > starts[u] else 0)
                    for u in range(len(starts) - 1) for g in range(starts[u], starts[u + 1])]
            named += [(f"starts{f}", field.starts), (f"docs{f}", typed(gaps, max(docs, default=0)))]
    return pack({"gaps": True}, named)


NUMBERED = re.compile(r"^(.*?)(\d+)$")


def id_runs(ids: list[str]) -> list[Any]:
    """The documents' ids, short: a run of ids that count up by one with the same prefix and
    width ("r0001".."r9999") is [prefix, width, first number, how many]; any other id is itself."""
    runs: list[Any] = []
    for rid in ids:
        m = NUMBERED.match(rid)
        last = runs[-1] if runs else None
        if m and isinstance(last, list) and last[0] == m[1] and last[1] == len(m[2]) \
                and last[2] + last[3] == int(m[2]):
            last[3] += 1
        elif m:
            runs.append([m[1], len(m[2]), int(m[2]), 1])
        else:
            runs.append(rid)
    return runs


def ids_of(runs: list[Any]) -> list[str]:
    """The ids `id_runs` shortened (the browser's twin is in kb-search.js)."""
    out = []
    for run in runs:
        if isinstance(run, str):
            out.append(run)
        else:
            prefix, width, first, count = run
            out += [f"{prefix}{n:0{width}d}" for n in range(first, first + count)]
    return out


def chunks(index: CompactIndex, name: str, budget: int | None = None, titles: list[str] | None = None,
           ids: list[str] | None = None) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """Where the browser finds the chunks ({"path": "<name>.c{n}.bin", "first": first term of
    each, "start": the number of its first term}) and the files, as (file name, content). With the
    documents' `titles` and `ids`, each chunk carries the titles of its terms' best documents
    (searchtop), so that the first results need no title shard."""
    ranges = chunk_ranges(index, budget or chunk_bytes())
    pattern = f"{name}.c{{n}}.bin"
    tops = list(top_documents(index, ids)) if titles is not None and ids is not None else None
    files = [(pattern.replace("{n}", str(k)), chunk_file(
        index, start, end, None if titles is None or tops is None
        else {d: titles[d] for w in range(start, end) for d in tops[w]})) for k, (start, end) in enumerate(ranges)]
    return {"path": pattern, "first": [index.words[s] for s, _ in ranges],
            "start": [s for s, _ in ranges], "terms": len(index.words)}, files
