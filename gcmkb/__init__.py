"""Core of the GCM Champions knowledge base.

Loads the YAML records, validates them, models them and derives everything the site,
the search index and the exports need. Knows nothing of MkDocs: the hook in `hooks/`
is a thin adapter, so moving to another generator means writing another adapter.
"""

from .languages import REGISTRY

LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in REGISTRY)
SOURCE_LANGUAGE = next(lang.code for lang in REGISTRY if lang.source)
TRANSLATED_LANGUAGES: tuple[str, ...] = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
