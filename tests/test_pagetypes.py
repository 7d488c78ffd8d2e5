"""Every kind of page the registry declares has a sample page for the checks that look at every kind."""

from gcmkb.pagekinds import KINDS

from .pagetypes import PAGE_TYPES, WITHOUT_SAMPLE


def test_every_kind_of_page_has_a_sample() -> None:
    assert sorted(set(KINDS) - set(PAGE_TYPES) - set(WITHOUT_SAMPLE)) == []
    assert sorted(set(PAGE_TYPES) - set(KINDS)) == []
