"""The Jinja environment of every language's build: our templates autoescape, their compiled code
is shared between languages and processes, and they read a view's fields directly
(gcmkb/templating.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from gcmkb.templating import read_views_directly

TEMPLATE_CACHE_DIR = ".cache/jinja"  # in the project, git-ignored


def prepare(env: jinja2.Environment, project: Path) -> jinja2.Environment:
    """Our templates (overrides/kb/) autoescape; Material's own keep their setting. Compiled
    templates are kept in .cache/jinja/ for every language's build, in every process and build;
    Jinja checks each template's source checksum, so an edited template is compiled again."""
    env.autoescape = lambda name: bool(name) and name.startswith("kb/")
    folder = project / TEMPLATE_CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    read_views_directly(env)
    return env
