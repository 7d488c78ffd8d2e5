"""One sitemap per language, derived from the multilingual sitemap MkDocs writes at the root.

Material fetches `<lang>/sitemap.xml` to keep a reader on the same page when switching
language; static-i18n writes only the root one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .languages import REGISTRY

PREFIXED = frozenset(lang.code for lang in REGISTRY if lang.prefix)  # the languages under a folder
SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def without_paths(root_xml: str, site_url: str, prefixes: tuple[str, ...]) -> str:
    """The sitemap without pages under `prefixes` in any language (embeds, printable copies)."""
    ET.register_namespace("", SM)
    ET.register_namespace("xhtml", XHTML)
    tree = ET.fromstring(root_xml)
    for url in list(tree.findall(f"{{{SM}}}url")):
        loc = url.find(f"{{{SM}}}loc")
        path = (loc.text or "")[len(site_url):] if loc is not None else ""
        path = path.split("/", 1)[1] if path.split("/", 1)[0] in PREFIXED and "/" in path else path
        if path.startswith(prefixes):
            tree.remove(url)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"


def language_sitemap(root_xml: str, lang: str) -> str:
    """The pages of one language, each with its full-URL alternates in every language.

    The root sitemap lists every page of every language; here each entry's location becomes
    its `lang` alternate, once.
    """
    ET.register_namespace("", SM)
    ET.register_namespace("xhtml", XHTML)
    tree = ET.fromstring(root_xml)
    seen = set()
    for url in list(tree.findall(f"{{{SM}}}url")):
        loc = url.find(f"{{{SM}}}loc")
        for link in url.findall(f"{{{XHTML}}}link"):
            if link.get("hreflang") == lang and loc is not None:
                loc.text = link.get("href")
        if loc is None or loc.text in seen:
            tree.remove(url)
        else:
            seen.add(loc.text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"


def sitemaps(default_xml: str, site_url: str, languages: tuple[str, ...], default: str,
             excluded: tuple[str, ...]) -> dict[str, str]:
    """Every sitemap of the site, from the default language's (whose entries carry every
    language's alternate): the root one lists all languages, `<lang>/sitemap.xml` one each.

    Derived from one source, so they do not depend on which language's build wrote last.
    """
    base = without_paths(default_xml, site_url, excluded)
    per_language = {lang: language_sitemap(base, lang) for lang in languages}
    ET.register_namespace("", SM)
    ET.register_namespace("xhtml", XHTML)
    union = ET.fromstring(per_language[default])
    for lang in languages:
        if lang != default:
            for url in ET.fromstring(per_language[lang]).findall(f"{{{SM}}}url"):
                union.append(url)
    out = {f"{lang}/sitemap.xml": xml for lang, xml in per_language.items() if lang != default}
    out["sitemap.xml"] = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(union, encoding="unicode") + "\n"
    return out
