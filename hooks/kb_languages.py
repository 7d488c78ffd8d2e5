"""Build the languages side by side on machines with spare cores (adapter code, MkDocs-specific).

mkdocs-static-i18n builds the default language, then every other language one after another,
in one process. Once the default language is built, this forks one process per spare core to
build the last languages, and makes static-i18n skip those in this process; `join()` waits for
them and fails the build if one failed. KB_PARALLEL=0 turns it off.

Under `mkdocs serve` the fork happens in the build thread while the HTTP and file-watching
threads run; they hold no lock the child needs (the logging module re-creates its locks in a
forked child, and neither thread writes to the console at INFO level), so the child cannot block.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from typing import Any

import mkdocs_static_i18n.plugin as i18n_module
from mkdocs import utils
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.kb")


class LanguageWorkers:
    """Languages handed to child processes for one build."""

    original_build = staticmethod(i18n_module.build)  # MkDocs build(), as static-i18n imported it

    def __init__(self) -> None:
        self.children: dict[str, int] = {}
        i18n_module.build = LanguageWorkers.original_build  # undo a previous build's skipping

    def start(self, config: Any, plugin: Any) -> list[str]:
        """Fork builders for the last languages; return the languages this process still builds."""
        rest = [lang for lang in plugin.build_languages if lang != plugin.current_language]
        spare = (os.cpu_count() or 1) - 1
        if spare < 1 or len(rest) < 2 or os.environ.get("KB_PARALLEL") == "0":
            return rest
        mine, theirs = rest[: len(rest) - min(spare, len(rest) - 1)], rest[len(rest) - min(spare, len(rest) - 1):]
        sys.stdout.flush()
        sys.stderr.flush()
        for lang in theirs:
            pid = os.fork()
            if pid == 0:
                self._child(config, plugin, lang)
            self.children[lang] = pid
        built_elsewhere = set(theirs)

        def build(config: Any, dirty: bool = False) -> None:  # static-i18n's call, for one language
            if plugin.current_language not in built_elsewhere:
                self.original_build(config, dirty=dirty)

        i18n_module.build = build
        return mine

    def _child(self, config: Any, plugin: Any, lang: str) -> None:
        code = 0
        try:
            plugin.building = True
            plugin.current_language = lang
            utils.clean_directory = lambda directory: None  # as static-i18n does for its own builds
            self.original_build(config)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def join(self) -> None:
        """Wait for the children (static-i18n still skips their languages until the next build)."""
        failed = []
        for lang, pid in self.children.items():
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                failed.append(lang)
        self.children = {}
        if failed:
            raise PluginError(f"the build of {', '.join(failed)} failed (see above)")
