"""Jinja, as the site's templates use it: a view's fields read without a detour.

Templates read view data as `item.title`. Jinja's `getattr` looks for an attribute first and,
only after an AttributeError, for the key; views are plain dicts, read millions of times in a
build. `dict_first` looks a plain dict's key up directly when no attribute of a dict has that
name (`item.items` is still the method): the same value, or the same undefined, as Jinja's own
look-up, without raising and catching an exception each time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2

_DICT_ATTRIBUTES = frozenset(dir(dict))  # what getattr finds on a plain dict: never one of its keys


def dict_first(env: jinja2.Environment) -> Callable[[Any, str], Any]:
    """`env.getattr`, looking a plain dict's key up first (unless a dict attribute has its name)."""
    attribute_first = env.getattr

    def getattr_(obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
        return attribute_first(obj, attribute)
    getattr_.dict_first = True  # type: ignore[attr-defined]
    return getattr_


def read_views_directly(env: jinja2.Environment) -> None:
    """Make `env`'s templates read a view's fields with `dict_first` (once per environment)."""
    if not getattr(env.getattr, "dict_first", False):
        env.getattr = dict_first(env)  # type: ignore[method-assign]
