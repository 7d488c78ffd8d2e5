"""Core of the GCM Champions knowledge base.

Loads the YAML records, validates them, models them and derives everything the site,
the search index and the exports need. Knows nothing of MkDocs: the hook in `hooks/`
is a thin adapter, so moving to another generator means writing another adapter.
"""

LANGUAGES: tuple[str, ...] = ("ar", "en", "fr")
SOURCE_LANGUAGE = "ar"
TRANSLATED_LANGUAGES: tuple[str, ...] = ("en", "fr")
