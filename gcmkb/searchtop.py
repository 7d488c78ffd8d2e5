"""Which documents each term ranks first: the titles a postings chunk carries.

The header's first results wait for their titles. Past a thousand records the titles no longer
ride in the index file but in shards, and fetching the shards of the results shown was a third
round trip after the index file and the chunks (60 ms at least on a 4G link, two waves of
requests on a host that speaks HTTP/1.x). A query of one word ranks first the documents with the
highest total of that term's weights over the fields (the title weighs 8: usually those whose
title holds it), so each chunk carries, for each of its terms, the titles of its `TOP` best
documents: the browser then has the first results' titles when their chunks arrive, and fetches
title shards only for results it still lacks (several words, or a word typed in part that stands
for several terms, can rank others first).

The sum is taken over every posting of the term (a unit's weight counts for each of its
documents): exact, with lunr's order of equal scores (by id). A cheaper selection (the heaviest
postings of each field, then their sums) missed most of a frequent term's best at 10,000
synthetic records, whose titles repeat: the other fields decide among hundreds of equal titles.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from .searchindex import CompactIndex

TOP = 8  # the header shows 8 results


def top_documents(index: CompactIndex, ids: list[str], k: int = TOP) -> Iterator[list[int]]:
    """Per term (in `index.words` order), its `k` best documents: the highest sums of the term's
    weights over the fields, equal sums by id, as lunr orders a one-word query's results."""
    for w in range(len(index.words)):
        score: dict[int, int] = {}
        get = score.get
        for field in index.fields:
            lo, hi = field.offsets[w], field.offsets[w + 1]
            if field.starts is None or field.docs is None:
                for d, weight in zip(field.units[lo:hi], field.weights[lo:hi], strict=True):
                    score[d] = get(d, 0) + weight
                continue
            starts, docs = field.starts, field.docs
            for unit, weight in zip(field.units[lo:hi], field.weights[lo:hi], strict=True):
                for d in docs[starts[unit]:starts[unit + 1]]:
                    score[d] = get(d, 0) + weight
        yield heapq.nsmallest(k, score, key=lambda d: (-score[d], ids[d]))
