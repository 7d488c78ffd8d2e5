"""Every kind of page the registry declares has a sample page for the checks that look at every kind
(the visual gate, the computed-style checks, axe), and each sample is a page of its kind: a new kind
of page cannot be forgotten by those checks, nor a sample stand for a kind it is not."""

from __future__ import annotations

import re

import yaml

from gcmkb.catalog import load_catalog
from gcmkb.pagekinds import KINDS

from .conftest import ROOT
from .pagetypes import EXTRA_SAMPLES, PAGE_TYPES, WITHOUT_SAMPLE

NOT_FOUND = "404.html"  # the theme's error page: its kind is the registry's "not-found"


def test_every_kind_of_page_has_a_sample() -> None:
    assert sorted(set(KINDS) - set(PAGE_TYPES) - set(WITHOUT_SAMPLE)) == []
    assert sorted(set(PAGE_TYPES) - set(KINDS)) == []


def hand_written_kinds() -> dict[str, str]:
    """The language-neutral path of every hand-written page -> the kind its front matter names."""
    found = {}
    for source in sorted((ROOT / "docs").glob("*.md")):
        if source.name.count(".") > 1:
            continue  # x.en.md, x.fr.md: the same page in another language
        meta = yaml.safe_load(source.read_text("utf-8").split("---\n", 2)[1])
        path = "" if source.stem == "index" else f"{source.stem}/"
        found[path] = meta["kb"]["kind"]
    return found


def test_every_sample_is_a_page_of_its_kind_in_the_real_collection() -> None:
    catalog = load_catalog(ROOT)
    pages = {path: kind.name for kind in KINDS.values() if kind.pages is not None
             for _, path in kind.pages(catalog)}
    pages.update(hand_written_kinds())
    pages[NOT_FOUND] = "not-found"
    assert set(hand_written_kinds().values()) <= set(KINDS), "a hand-written page names an unknown kind"
    wrong = {kind: (path, pages.get(re.sub(r"\?.*", "", path), "no page"))
             for kind, path in PAGE_TYPES.items() if pages.get(re.sub(r"\?.*", "", path)) != kind}
    assert wrong == {}, "sample -> (its path, the kind of the page there)"
    extras = [path for path in EXTRA_SAMPLES.values() if re.sub(r"\?.*", "", path) not in pages]
    assert extras == []
