"""One sample page of every kind of page in the real site, keyed by its kind in the page-kind
registry (gcmkb/pagekinds.py), for the checks that look at every kind of page (axe, screenshots).
A test below fails when a kind of page is added without a sample here."""

from __future__ import annotations

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}

# kind -> sample path, in each language's root; a few kinds have extra samples (another state)
PAGE_TYPES = {
    "home": "", "about": "about/", "data": "data/", "prose": "contribute/", "themes": "themes/",
    "theme": "themes/rights/", "parallel": "themes/climate/parallel/", "recommendation": "recommendations/r29/",
    "recommendations": "recommendations/", "index:objectives": "objectives/", "objectives": "objectives/8/",
    "index:principles": "principles/", "principles": "principles/human-rights/",
    "index:actors": "actors/", "actors": "actors/civil-society/", "index:topics": "topics/",
    "topics": "topics/detention-alternatives/", "glossary": "glossary/", "term": "glossary/alternatives-to-detention/",
    "search": "search/?q=r05", "status": "status/", "print": "print/climate/",
    "embed-recommendation": "embed/recommendations/r05/", "embed-theme": "embed/themes/data/",
    "whats-new": "whats-new/", "brief": "brief/?ids=r05,r16", "not-found": "404.html",
    "sources": "sources/", "source": "sources/champions-peer-exchange/",
    "print-source": "print/sources/champions-peer-exchange/",
    "practices": "practices/", "practice": "practices/p004/", "country": "countries/fj/",
}
EXTRA_SAMPLES = {"objective without recommendation": "objectives/4/",
                 "embed theme, dark": "embed/themes/data/?theme=dark"}
WITHOUT_SAMPLE = {"redirect": "the real collection has no retired id (tested on fixtures in test_gates.py)"}
