"""The site's icons as one SVG sprite (docs/assets/icons.svg), made from Material's own icons.

Every page drew its icons as inline SVG (3.2 KB of each page, the same on every page); the base
template now draws each as `<svg><use href="…/assets/icons.svg#name"/></svg>`, and the browser
fetches the sprite once for the whole site. `python tools/icons.py` writes it again (after an
upgrade of Material, or when a template needs another icon); tests/test_lean.py checks that the
committed sprite is what this script makes and that every icon a page uses is in it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPRITE = ROOT / "docs" / "assets" / "icons.svg"

# Material's icon name -> the id the templates use. The palette toggles name theirs in mkdocs.yml
# (theme.palette[].toggle.icon) and the logo in theme.icon.logo: their ids are the name after "/".
ICONS = (
    "material/book-open-page-variant",  # the logo (mkdocs.yml: theme.icon.logo)
    "material/menu",                     # the drawer's button
    "material/translate",                # the language menu
    "material/magnify",                  # the header search's button
    "material/clipboard-text-outline",   # the brief
    "material/weather-night",            # palette: to dark
    "material/weather-sunny",            # palette: to light
    "material/arrow-up",                 # back to top
    "material/arrow-left",               # the footer's previous page
    "material/arrow-right",              # the footer's next page
)


def icon_id(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def sprite() -> str:
    import material

    folder = Path(material.__file__).parent / "templates" / ".icons"
    symbols = []
    for name in ICONS:
        svg = (folder / f"{name}.svg").read_text("utf-8")
        view_box = re.search(r'viewBox="([^"]+)"', svg)
        inner = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S)
        assert view_box and inner, name
        symbols.append(f'<symbol id="{icon_id(name)}" viewBox="{view_box.group(1)}">{inner.group(1).strip()}</symbol>')
    return ('<svg xmlns="http://www.w3.org/2000/svg">\n<!-- Material Design Icons (Apache 2.0), '
            'as shipped by mkdocs-material; made by tools/icons.py -->\n' + "\n".join(symbols) + "\n</svg>\n")


if __name__ == "__main__":
    SPRITE.write_text(sprite(), "utf-8")
    sys.stdout.write(f"{SPRITE.relative_to(ROOT)}: {len(ICONS)} icons\n")
