"""Which documents each term ranks first: the titles a postings chunk carries.

The header's first results wait for their titles. Past a thousand records the titles no longer
ride in the index file but in shards, and fetching the shards of the results shown was a third
round trip after the index file and the chunks (60 ms at least on a 4G link, two waves of
requests on a host that speaks HTTP/1.x). A query of one word ranks first the documents with the
highest total of that term's weights over the fields (the title weighs 8: usually those whose
title holds it), so each chunk carries, for each of its terms, the titles of its `TOP` best
documents: the browser then has the first results' titles when their chunks arrive, and fetches
title shards only for results it still lacks (several words or a word typed in part can rank
others first).

"The best" are ranked by the exact sum, equal sums by id (lunr's order), among the `DEPTH * TOP`
heaviest postings of each field: a frequent term costs a few dozen look-ups, not a sum over every
document that holds it. On the real collection that is each term's best 8; at 10,000 synthetic
records (whose 41 titles repeat, so hundreds of documents tie) 94 % of the terms' (bench, 2026-12-07).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterator

from .searchindex import CompactIndex, FieldPostings

TOP = 8  # the header shows 8 results
DEPTH = 2


def _heaviest(field: FieldPostings, lo: int, hi: int, depth: int) -> list[tuple[int, int]]:
    """The `depth` heaviest (weight, document) of a term's postings lo..hi in a field, heaviest
    first (equal weights in any order); a unit gives each of its documents the unit's weight, and
    all of them are taken."""
    order = heapq.nlargest(depth, zip(field.weights[lo:hi], field.units[lo:hi]))
    if field.starts is None or field.docs is None:
        return order
    out: list[tuple[int, int]] = []
    for weight, unit in order:  # whole units: the documents of a unit tie, the other fields decide
        if len(out) >= depth:
            break
        out += [(weight, d) for d in field.docs[field.starts[unit]:field.starts[unit + 1]]]
    return out


def _weight(field: FieldPostings, lo: int, hi: int, doc: int, unit_of: dict[int, int] | None) -> int:
    """The weight of document `doc` in a term's postings lo..hi of a field (0 if not there)."""
    unit = doc if unit_of is None else unit_of.get(doc, -1)
    q = bisect_left(field.units, unit, lo, hi)  # a term's units are in increasing order
    return field.weights[q] if q < hi and field.units[q] == unit else 0


def _units_of(field: FieldPostings) -> dict[int, int] | None:
    if field.starts is None or field.docs is None:
        return None
    return {d: u for u in range(len(field.starts) - 1) for d in field.docs[field.starts[u]:field.starts[u + 1]]}


def top_documents(index: CompactIndex, ids: list[str], k: int = TOP) -> Iterator[list[int]]:
    """Per term (in `index.words` order), its `k` best documents: the highest sums of the term's
    weights over the fields, equal sums by id, as lunr orders a one-word query's results; among
    the documents whose title holds the term and the `k` heaviest of each field."""
    unit_of = [_units_of(field) for field in index.fields]
    for w in range(len(index.words)):
        spans = [(field.offsets[w], field.offsets[w + 1]) for field in index.fields]
        seen = {d for field, (lo, hi) in zip(index.fields, spans) for _, d in _heaviest(field, lo, hi, DEPTH * k)}
        total = {d: sum(_weight(field, lo, hi, d, units) for field, (lo, hi), units
                        in zip(index.fields, spans, unit_of)) for d in seen}
        yield sorted(seen, key=lambda d: (-total[d], ids[d]))[:k]
