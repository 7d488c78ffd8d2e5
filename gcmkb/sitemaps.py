"""What search engines read: one sitemap per language, derived from the multilingual sitemap
MkDocs writes at the root (static-i18n writes only that one), split under a sitemap index when a
sitemap would pass the protocol's 50,000 addresses; robots.txt naming the sitemap; and the
hreflang alternates of each page's head, with full URLs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .languages import REGISTRY

SITEMAP_LIMIT = 50_000  # addresses per sitemap file (sitemaps.org protocol); an index lists the parts
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
             excluded: tuple[str, ...], limit: int = SITEMAP_LIMIT) -> dict[str, str]:
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
    out: dict[str, str] = {}
    for lang, xml in per_language.items():
        if lang != default:
            out.update(split(f"{lang}/sitemap.xml", xml, site_url, limit))
    out.update(split("sitemap.xml", _document(union), site_url, limit))
    return out


def split(name: str, xml: str, site_url: str, limit: int = SITEMAP_LIMIT) -> dict[str, str]:
    """`name` as it is when it holds at most `limit` addresses; else a sitemap index at `name`
    listing parts of `limit` addresses each (`sitemap-1.xml`, `sitemap-2.xml`… beside it)."""
    ET.register_namespace("", SM)
    ET.register_namespace("xhtml", XHTML)
    urls = ET.fromstring(xml).findall(f"{{{SM}}}url")
    if len(urls) <= limit:
        return {name: xml}
    stem = name.removesuffix(".xml")
    out: dict[str, str] = {}
    index = ET.Element(f"{{{SM}}}sitemapindex")
    for number, start in enumerate(range(0, len(urls), limit), 1):
        part = ET.Element(f"{{{SM}}}urlset")
        part.extend(urls[start:start + limit])
        out[f"{stem}-{number}.xml"] = _document(part)
        ET.SubElement(ET.SubElement(index, f"{{{SM}}}sitemap"), f"{{{SM}}}loc").text = f"{site_url}{stem}-{number}.xml"
    out[name] = _document(index)
    return out


def robots_txt(site_url: str) -> str:
    """Every page may be crawled (printable and embeddable copies say noindex themselves); the
    sitemap (or sitemap index) of every language is named with its full address."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def head_alternates(site_url: str, path: str) -> list[dict[str, str]]:
    """The <link rel=alternate hreflang> of a page at the language-neutral `path`: each language's
    version with its full URL, and x-default, the version at the root (the source language)."""
    links = [{"lang": lang.code, "href": site_url + lang.prefix + path} for lang in REGISTRY]
    return links + [{"lang": "x-default", "href": site_url + path}]


def _document(tree: ET.Element) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"
