"""What search engines read, on the core: sitemaps split under an index past the protocol's limit
(a small limit stands for 50,000), robots.txt, and the hreflang alternates of a page's head."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gcmkb import LANGUAGES, SOURCE_LANGUAGE
from gcmkb.sitemaps import SITEMAP_LIMIT, head_alternates, robots_txt, sitemaps, split

SITE = "https://kb.example.org/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def urlset(paths: list[str]) -> str:
    """A sitemap as MkDocs and static-i18n write it: each page with every language's alternate."""
    prefix = {"ar": "", "en": "en/", "fr": "fr/"}
    urls = "".join(
        f"<url><loc>{SITE}{p}</loc>"
        + "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{SITE}{prefix[lang]}{p}"/>'
                  for lang in LANGUAGES) + "</url>" for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{urls}</urlset>\n')


def locs(xml: str, tag: str = "url") -> list[str]:
    return [loc.text or "" for loc in ET.fromstring(xml).findall(f"s:{tag}/s:loc", NS)]


def test_a_sitemap_within_the_limit_stays_one_file() -> None:
    xml = urlset(["", "about/"])
    assert split("sitemap.xml", xml, SITE, limit=2) == {"sitemap.xml": xml}
    assert SITEMAP_LIMIT == 50_000


def test_past_the_limit_a_sitemap_index_lists_parts_of_the_limit_each() -> None:
    paths = ["", "about/", "themes/", "themes/alpha/", "recommendations/r01/"]
    out = split("en/sitemap.xml", urlset(paths), SITE, limit=2)
    assert sorted(out) == ["en/sitemap-1.xml", "en/sitemap-2.xml", "en/sitemap-3.xml", "en/sitemap.xml"]
    index = ET.fromstring(out["en/sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locs(out["en/sitemap.xml"], "sitemap") == [f"{SITE}en/sitemap-{n}.xml" for n in (1, 2, 3)]
    parts = [locs(out[f"en/sitemap-{n}.xml"]) for n in (1, 2, 3)]
    assert parts == [[SITE, SITE + "about/"], [SITE + "themes/", SITE + "themes/alpha/"],
                     [SITE + "recommendations/r01/"]]
    assert 'hreflang="fr"' in out["en/sitemap-3.xml"]  # each address keeps its alternates


def test_every_sitemap_of_the_site_is_split_alike() -> None:
    out = sitemaps(urlset(["", "about/", "themes/"]), SITE, LANGUAGES, SOURCE_LANGUAGE, ("embed/",), limit=4)
    # the root one holds 3 pages x 3 languages: an index of 3 parts; each language's holds 3: one file
    assert sorted(out) == ["en/sitemap.xml", "fr/sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml",
                           "sitemap.xml"]
    assert sum(len(locs(out[f"sitemap-{n}.xml"])) for n in (1, 2, 3)) == 9
    assert locs(out["fr/sitemap.xml"]) == [SITE + "fr/", SITE + "fr/about/", SITE + "fr/themes/"]


def test_robots_txt_names_the_sitemap_with_its_full_address() -> None:
    assert robots_txt(SITE) == "User-agent: *\nAllow: /\n\nSitemap: https://kb.example.org/sitemap.xml\n"


def test_head_alternates_name_every_language_and_x_default_with_full_urls() -> None:
    assert head_alternates(SITE, "recommendations/r07/") == [
        {"lang": "ar", "href": SITE + "recommendations/r07/"},
        {"lang": "en", "href": SITE + "en/recommendations/r07/"},
        {"lang": "fr", "href": SITE + "fr/recommendations/r07/"},
        {"lang": "x-default", "href": SITE + "recommendations/r07/"}]
