"""The Jinja environment of every language's build: our templates autoescape, their compiled code
is shared between languages and processes, and a view's fields are read without a detour.

Templates read view data as `item.title`; Jinja's `getattr` looks for an attribute first and only
then, after an AttributeError, for the key. Views are plain dicts (millions of look-ups per build),
so for a dict this looks up the key directly when no attribute of a dict has that name: the same
value or the same undefined as Jinja's own look-up, without raising and catching an exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

TEMPLATE_CACHE_DIR = ".cache/jinja"  # in the project, git-ignored
_DICT_ATTRIBUTES = frozenset(dir(dict))  # what getattr finds on a dict: its methods, never its keys


def dict_first(env: jinja2.Environment) -> Any:
    """`env.getattr`, looking a plain dict's key up first (unless a dict attribute has its name)."""
    attribute_first = env.getattr

    def getattr_(obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
        return attribute_first(obj, attribute)
    return getattr_


def prepare(env: jinja2.Environment, project: Path) -> jinja2.Environment:
    """Our templates (overrides/kb/) autoescape; Material's own keep their setting. Compiled
    templates are kept in .cache/jinja/ for every language's build, in every process and build;
    Jinja checks each template's source checksum, so an edited template is compiled again."""
    env.autoescape = lambda name: bool(name) and name.startswith("kb/")
    folder = project / TEMPLATE_CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    if "getattr" not in vars(env):  # not yet replaced in this environment
        env.getattr = dict_first(env)  # type: ignore[method-assign]
    return env
