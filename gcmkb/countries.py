"""Countries and UN M49 regions: codes, names in the reader's language, and containment.

Names come from CLDR through Babel (`Locale("fr").territories["GH"]`); which countries each M49
region contains comes from gcmkb/data/m49.json, derived from CLDR's territory containment (which
follows UN M49) by tools/m49.py, never typed by hand. A country code is one that M49 places in a
region: CLDR's groupings (EU, UN) and unknown codes are not countries here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources

from babel import Locale

from . import LANGUAGES
from .hints import did_you_mean

WORLD = "001"


@cache  # immutable package data, safe to share across builds
def regions() -> dict[str, tuple[str, ...]]:
    """Each M49 region code -> the regions and countries it contains directly."""
    data = json.loads(resources.files("gcmkb").joinpath("data", "m49.json").read_text("utf-8"))
    return {code: tuple(members) for code, members in data["regions"].items()}


@cache
def _parents() -> dict[str, str]:
    return {member: code for code, members in regions().items() for member in members}


def country_codes() -> frozenset[str]:
    """Every code M49 places in a region (countries and territories), as ISO 3166-1 alpha-2."""
    return frozenset(m for members in regions().values() for m in members if not m.isdigit())


def region_codes() -> frozenset[str]:
    return frozenset(regions())


def ancestors(code: str) -> list[str]:
    """The regions containing `code`, the smallest first, up to the world."""
    chain, parents = [], _parents()
    while code in parents:
        code = parents[code]
        chain.append(code)
    return chain


def region_of(countries: Iterable[str]) -> str | None:
    """The smallest M49 region (below the world) containing every country; None when they share
    none but the world, or there is no country."""
    chains = [ancestors(c) for c in countries]
    if not chains:
        return None
    shared = [code for code in chains[0] if all(code in chain for chain in chains[1:])]
    return shared[0] if shared and shared[0] != WORLD else None


def contains(region: str, country: str) -> bool:
    return region in ancestors(country)


@cache
def _names(lang: str) -> dict[str, str]:
    return dict(Locale(lang).territories)


def name(code: str, lang: str) -> str:
    """The country's or region's name in `lang` (CLDR); the code itself if CLDR has none."""
    return _names(lang).get(code, code)


def country_hint(ref: str) -> str:
    """"did you mean 'GH'?" for 'gh' or 'Ghana' (the code whose name it is, in any of our
    languages), else the codes spelled alike; "" when nothing is close. (No guess from an alpha-3
    code: AUT is Austria, AT, not AU.)"""
    codes = country_codes()
    if ref.upper() in codes:
        return f"did you mean {ref.upper()!r}?"
    folded = ref.casefold().strip()
    for lang in LANGUAGES:  # a name typed in any language of the site
        named = [c for c in sorted(codes) if _names(lang).get(c, "").casefold() == folded]
        if named:
            return f"did you mean {named[0]!r} ({name(named[0], 'en')})?"
    return did_you_mean(ref, codes)


def region_hint(ref: str) -> str:
    """"did you mean '002' (Africa)?" for 'Africa', 'Afrique' or '2'; for a country code, that
    countries are named in `countries`; "" when nothing is close."""
    if ref.upper() in country_codes():
        return (f"{ref.upper()!r} is a country ({name(ref.upper(), 'en')}); allowed: a UN M49 region code "
                f"such as {ancestors(ref.upper())[0]!r} ({name(ancestors(ref.upper())[0], 'en')}), "
                "the countries in countries")
    if ref.isdigit() and ref.zfill(3) in regions():
        return f"did you mean {ref.zfill(3)!r} ({name(ref.zfill(3), 'en')})?"
    folded = ref.casefold().strip()
    for lang in LANGUAGES:  # a name typed in any language of the site
        named = [c for c in sorted(regions()) if _names(lang).get(c, "").casefold() == folded]
        if named:
            return f"did you mean {named[0]!r} ({name(named[0], 'en')})?"
    return ""
