"""The header search in a browser tab: its scripts load when the reader is about to search
(docs/assets/kb.js), not with the page."""

from __future__ import annotations

from typing import Any

# the scripts kb.js loads on the reader's intent, in their order
SEARCH_SCRIPTS = ("lunr-2.3.9.min.js", "kb-pipeline.js", "kb-engine.js", "kb-search.js")


def load_search(tab: Any) -> None:
    """What a reader does before searching (the focus on the header's field), until the search's
    scripts are there: then `kbSearch`, `kbSearchText` and `lunr` are defined."""
    tab.focus("#kb-search-input")
    tab.wait_for_function("window.kbSearch !== undefined")
