"""Build the languages side by side, through MkDocs' and static-i18n's public interfaces only.

static-i18n builds the default language, then each other language, in one process. On a machine
with spare cores the main build hands its last languages to other processes: each is a plain
`mkdocs build` of the same configuration into a folder of its own inside the site, told by
environment variables which languages it renders. Every process runs static-i18n's builds as
usual (so every page gets the same navigation, language switcher and alternates) but leaves out
(`InclusionLevel.EXCLUDED`, in `on_files`) the files it does not write: the main process the
pages of the languages built elsewhere, a language process everything but its languages' pages.
At the end the main process moves their folders into the site. KB_PARALLEL=0, or a single core:
one process builds everything, the same way, with nothing left out. A language process gets the
main build's configuration file, site URL (which `mkdocs serve` rewrites) and strictness; other
command-line overrides (`--theme`, `--no-directory-urls`) do not reach it.

static-i18n's own option `build_only_locale` cannot do this: it makes the chosen language the
default one, so the Arabic sources (`x.md`, no suffix) are read as that language and replace its
translations (`x.en.md`), and with one language built it drops the language switcher.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs_static_i18n.config import I18nPluginLanguage

from gcmkb import SOURCE_LANGUAGE
from gcmkb.labels import load_labels
from gcmkb.languages import REGISTRY
from gcmkb.parallel import spare_cores
from gcmkb.routes import language_prefix

log = get_plugin_logger("kb")


def _not_about_exclusion(record: logging.LogRecord) -> bool:
    """Drop MkDocs' note that a page in the nav is left out: here that is on purpose."""
    return "is excluded from the built site" not in record.getMessage()


LANGUAGES_ENV = "KB_BUILD_LANGUAGES"  # set for a language process: the languages it renders
SITE_URL_ENV = "KB_BUILD_SITE_URL"  # the main build's site_url (`mkdocs serve` changes it)


def i18n_building(config: Any) -> bool:
    plugin = config.plugins.get("i18n")
    return bool(plugin and plugin.building)


def current_language(config: Any) -> str:
    plugin = config.plugins.get("i18n")
    return str(plugin.current_language) if plugin else SOURCE_LANGUAGE


def built_languages(config: Any) -> list[str]:
    """In static-i18n's order: the default language first, then the others as configured."""
    plugin = config.plugins.get("i18n")
    if not plugin:
        return [SOURCE_LANGUAGE]
    built = sorted((lang for lang in plugin.config.languages if lang.build), key=lambda lang: not lang.default)
    return [lang.locale for lang in built]


def declare_languages(config: Any) -> None:
    """static-i18n builds the registry's languages (gcmkb/languages.py): mkdocs.yml names only the
    default one, which must be the source language; every other comes with its name, and the site's
    name and description from its labels (gcmkb/locales/)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return
    declared = {lang.locale: lang for lang in plugin.config.languages}
    default = next((lang.locale for lang in declared.values() if lang.default), None)
    if default != SOURCE_LANGUAGE:
        raise PluginError(f"mkdocs.yml: plugins.i18n.languages: the default language is {default!r}; "
                          f"allowed: the source language of gcmkb/languages.py, {SOURCE_LANGUAGE!r}")
    labels = load_labels()
    for language in REGISTRY:
        if language.code in declared:
            continue
        entry = I18nPluginLanguage()
        entry.load_dict({"locale": language.code, "name": language.name, "build": True,
                         "site_name": labels[language.code].t("site_name"),
                         "site_description": labels[language.code].t("site_description")})
        failed, _ = entry.validate()
        if failed:
            raise PluginError(f"gcmkb/languages.py: {language.code}: {failed}")
        plugin.config.languages.append(entry)


def plan(languages: list[str], spare: int) -> tuple[list[str], list[str]]:
    """(languages of the main process, languages each given to a process of its own): the last
    ones go to the spare cores; the main process keeps the default language and at least one more."""
    rest = languages[1:]
    given = min(spare, len(rest) - 1) if len(rest) > 1 else 0
    return languages[: len(languages) - given], languages[len(languages) - given:]


@dataclass
class _Process:
    lang: str
    folder: Path
    log: IO[bytes]
    popen: subprocess.Popen[bytes]


@dataclass
class LanguageProcesses:
    """Which languages this process renders, and the processes rendering the others."""

    here: list[str]
    elsewhere: list[str]
    main: bool = True
    running: list[_Process] = field(default_factory=list)

    @classmethod
    def for_build(cls, languages: list[str]) -> LanguageProcesses:
        given = os.environ.get(LANGUAGES_ENV)
        if given:  # a language process started by a main build
            return cls(given.split(","), [], main=False)
        here, elsewhere = plan(languages, spare_cores())
        return cls(here, elsewhere)

    @staticmethod
    def configure(config: Any) -> None:
        """In a language process: the main build's site URL (before static-i18n reads it)."""
        if os.environ.get(LANGUAGES_ENV) and os.environ.get(SITE_URL_ENV):
            config.site_url = os.environ[SITE_URL_ENV]

    def start(self, config: Any) -> None:
        """Start the other languages' processes (once the site folder has been cleaned)."""
        site_dir = Path(config.site_dir)
        site_dir.mkdir(parents=True, exist_ok=True)
        for lang in self.elsewhere:
            folder = Path(tempfile.mkdtemp(prefix=f".kb-build-{lang}-", dir=site_dir))
            output = (folder / "build.log").open("w+b")
            command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config.config_file_path),
                       "--site-dir", str(folder / "site")] + (["--strict"] if config.strict else [])
            env = {**os.environ, LANGUAGES_ENV: lang, SITE_URL_ENV: str(config.site_url)}
            popen = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env,
                                     cwd=Path(config.config_file_path).parent)
            self.running.append(_Process(lang, folder, output, popen))
            log.info(f"building '{lang}' in a process of its own")

    def exclude_others(self, files: Files, lang: str) -> None:
        """Leave out of this language's build the files another process writes."""
        keep_root = self.main  # the main process writes everything outside the language folders
        prefix = language_prefix(lang)
        logging.getLogger("mkdocs.structure.nav").addFilter(_not_about_exclusion)  # once: a set
        for file in files:
            if lang not in self.here or not (keep_root or file.dest_uri.startswith(prefix)):
                file.inclusion = InclusionLevel.EXCLUDED

    def join(self, site_dir: Path) -> list[str]:
        """Wait for the other processes, move their languages into the site; raise if one failed."""
        failed = []
        for process in self.running:
            code = process.popen.wait()
            process.log.seek(0)
            output = process.log.read().decode("utf-8", "replace")
            if code != 0:
                problems = "\n".join(line for line in output.splitlines() if not line.startswith("INFO"))
                failed.append(f"the build of '{process.lang}' failed:\n{problems.strip()}")
                continue
            for line in output.splitlines():
                if line.startswith("WARNING"):
                    log.warning(f"[{process.lang}] {line.removeprefix('WARNING').lstrip(' -')}")
            prefix = language_prefix(process.lang)
            _move_into(process.folder / "site" / prefix, site_dir / prefix)
        merged = [p.lang for p in self.running]
        self.close()
        if failed:
            raise PluginError("\n".join(failed))
        return merged

    def close(self) -> None:
        """Stop what still runs (a build that failed half-way) and remove the folders."""
        for process in self.running:
            if process.popen.poll() is None:
                process.popen.kill()
                process.popen.wait()
            process.log.close()
            shutil.rmtree(process.folder, ignore_errors=True)
        self.running = []


def _move_into(source: Path, target: Path) -> None:
    if not target.exists():
        os.replace(source, target)
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, destination)

