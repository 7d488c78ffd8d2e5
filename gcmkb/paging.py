"""How many records one page lists, declared once, and how a longer list is split or handed on.

A page listing every record it concerns is unusable on a phone once the collection grows (a GCM
principle is carried by thousands of recommendations at 10,000). Taxonomy and term pages show
the first `list_limit()` and hand the rest to the explore page's filter; the table of all
recommendations is split into pages of that many. Pages that follow a source document (a theme,
its parallel and printable views, its embed) grow with that document, not with the collection,
and are not capped.
"""

from __future__ import annotations

import os

LIST_LIMIT = 100
LIMIT_ENV = "KB_LIST_LIMIT"  # a smaller cap, so a test can see the splitting on a small collection


def list_limit() -> int:
    """The most records a page lists: LIST_LIMIT, or the environment's smaller test value."""
    given = os.environ.get(LIMIT_ENV, "")
    return int(given) if given.isdigit() and int(given) > 0 else LIST_LIMIT


def page_count(total: int, limit: int) -> int:
    return max(1, -(-total // limit))


def page_key(number: int) -> str:
    """The key of the n-th page of a split list: "" for the first, so its address stays the list's."""
    return "" if number == 1 else str(number)


def page_number(key: str) -> int:
    return int(key) if key else 1


def page_path(base: str, number: int) -> str:
    """recommendations/, recommendations/page/2/, …"""
    return base if number == 1 else f"{base}page/{number}/"
