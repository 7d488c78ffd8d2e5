"""The page's frame is the site's own and light: the base template and its partials use nothing of
Material's templates, icons come from one sprite fetched once, and what every page repeats
(header, navigation, footer, scripts) stays a small part of a recommendation page."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import material
import pytest

from .conftest import ROOT
from .sitebuild import Site

pytestmark = pytest.mark.build

OVERRIDES = ROOT / "overrides"
SPRITE = ROOT / "docs" / "assets" / "icons.svg"


def test_the_templates_use_nothing_of_materials_templates() -> None:
    """Every template the site's templates extend, include or import is one of ours: a Material
    that changes or goes away does not change the pages (its stylesheets are still used)."""
    ours = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html")}
    used: dict[str, str] = {}
    uses = re.compile(r"{%-?\s*(?:extends|include|import|from)\s+[\"']([^\"']+)[\"']")
    for path in OVERRIDES.rglob("*.html"):
        for name in uses.findall(path.read_text("utf-8")):
            used.setdefault(name, path.relative_to(OVERRIDES).as_posix())
    assert {name: where for name, where in used.items() if name not in ours} == {}


def test_the_committed_sprite_is_materials_icons_as_the_tool_makes_them() -> None:
    spec = importlib.util.spec_from_file_location("icons", ROOT / "tools" / "icons.py")
    assert spec and spec.loader
    icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(icons)
    assert SPRITE.read_text("utf-8") == icons.sprite(), "run `python tools/icons.py` and commit docs/assets/icons.svg"


def test_the_stylesheets_the_base_template_names_are_materials() -> None:
    """Material's stylesheets carry a hash in their names: an upgrade that renames them shows here."""
    base = (OVERRIDES / "base.html").read_text("utf-8")
    named = re.findall(r"'(assets/stylesheets/[^']+\.css)'", base)
    assert len(named) == 2
    assert [n for n in named if not (Path(material.__file__).parent / "templates" / n).is_file()] == []


def test_every_page_draws_its_icons_from_the_sprite(real_site: Site) -> None:
    """No page repeats an icon's drawing (an inline <path>); each <use> names an icon of the sprite,
    at the sprite's address from that page."""
    symbols = set(re.findall(r'<symbol id="([^"]+)"', SPRITE.read_text("utf-8")))
    wrong, uses = [], 0
    for page in real_site.pages():
        html = real_site.file_of(page).read_text("utf-8")
        if "<path" in html:
            wrong.append(f"{page}: inline <path>")
        for href in re.findall(r'<use href="([^"]+)"', html):
            uses += 1
            target, _, symbol = href.partition("#")
            resolved = real_site.resolve(page, target)
            if symbol not in symbols or resolved is None or resolved[0] != "assets/icons.svg":
                wrong.append(f"{page}: {href}")
    assert wrong == []
    assert uses > 1000


def test_the_frame_of_a_recommendation_page_is_a_small_part_of_it(real_site: Site) -> None:
    """What every page repeats around its article (head, header, navigation, footer, scripts) was
    21.5-24.8 KB of r16's pages with Material's templates (57-58 % of them); 14.3-17.7 KB with the
    search and brief labels in every page; 12.6-14.4 KB since they are in one file per language."""
    for lang, prefix in (("ar", ""), ("en", "en/"), ("fr", "fr/")):
        html = real_site.file_of(prefix + "recommendations/r16/").read_bytes()
        start = html.index(b'<article class="md-content__inner')
        end = html.index(b"</article>\n</div>", start)
        frame = len(html) - (end - start)
        assert frame <= 15_000, (lang, frame)


def site_nav() -> list[str]:
    """The entries of mkdocs.yml's `nav` (read as text: the file has tags only MkDocs resolves)."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n", 1)[1]
    entries = []
    for line in text.splitlines():
        if not line.startswith("  - "):
            break
        entries.append(line[4:])
    return entries


def test_the_navigation_marks_the_current_section_for_assistive_technology(real_site: Site) -> None:
    soup = real_site.soup("en/themes/")
    current = soup.select("nav.md-nav--primary [aria-current=page]")
    assert [(a.get_text(), a["href"]) for a in current] == [("Themes", "./")]
    assert len(soup.select("nav.md-nav--primary > ul > li")) == len(site_nav())
    # the drawer's button is named in words (it was an icon alone)
    assert soup.select_one("label.md-header__button[for=__drawer]").get_text() == "Menu"
    assert real_site.soup("themes/").select_one("label.md-header__button[for=__drawer]").get_text() == "القائمة"


@pytest.mark.browser
def test_a_full_width_page_keeps_its_navigation_in_the_drawer_of_a_phone(browser, real_site: Site) -> None:
    """The parallel view and the brief use the whole width on a wide screen; on a phone the menu
    button opens the site's navigation (Material hid it there too, leaving an empty drawer)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(real_site.url + "en/brief/")
    assert not tab.locator(".md-sidebar--primary").is_visible()
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.locator("label.md-header__button[for=__drawer]").click()
    links = tab.locator(".md-sidebar--primary .md-nav__link")
    links.first.wait_for(state="visible")
    assert links.count() == len(site_nav())
    context.close()
