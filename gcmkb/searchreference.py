"""The same search index built by lunr.py itself: what `searchindex.compact_index` must reproduce,
term for term and score for score (the parity tests and the benchmark build it; the site never does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lunr.builder import Builder
from lunr.field_ref import FieldRef

from .model import Catalog
from .searchindex import FIELDS, Analyzer, pipeline_for
from .searchrecords import search_documents


def memoized_pipeline(lang: str) -> Callable[..., Any]:
    """The whole indexing chain of `lang` as one lunr.py pipeline function that remembers each
    word's forms (the chain `reference_index` indexes with; never serialised)."""
    analyzer = Analyzer(lang)

    def run(token: Any, i: int = 0, tokens: Any = None) -> Any:
        forms = analyzer.forms(str(token))
        if len(forms) == 1:
            return token.update(lambda s, metadata=None: forms[0])
        return [token.clone(lambda s, metadata=None, form=form: form) for form in forms] or None

    run.label = f"kb-index-{lang}"  # type: ignore[attr-defined]
    return run


class _CountedBuilder(Builder):  # type: ignore[misc]
    """lunr.py's builder, its statistics (documents holding a term, average field lengths) taken
    from the `counted` documents only, as `compact_index` takes them: lunr.py's own code computes
    everything, over those documents' postings and lengths."""

    def __init__(self, counted: set[str]) -> None:
        super().__init__()
        self.counted = counted

    def _calculate_average_field_lengths(self) -> None:
        every = self.field_lengths
        self.field_lengths = {k: v for k, v in every.items() if FieldRef.from_string(k).doc_ref in self.counted}
        super()._calculate_average_field_lengths()
        self.field_lengths = every

    def _create_field_vectors(self) -> None:
        every, count = self.inverted_index, self.document_count
        self.inverted_index = {term: {f: p if f == "_index" else {r: m for r, m in p.items() if r in self.counted}
                                      for f, p in posting.items()} for term, posting in every.items()}
        self.document_count = len(self.counted)
        super()._create_field_vectors()
        self.inverted_index, self.document_count = every, count


def reference_index(catalog: Catalog, lang: str) -> Any:
    """The same index built by lunr.py: what `compact_index` must reproduce (tests, benchmark),
    with the recommendations' statistics (see `compact_index`)."""
    builder = _CountedBuilder({rec.id for rec in catalog.recommendations})
    builder.pipeline.add(memoized_pipeline(lang))
    builder.search_pipeline.add(*pipeline_for(lang))
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in search_documents(catalog, lang):
        builder.add(doc)
    return builder.build()
