"""Synthetic but realistic collections: real Arabic, English and French sentences from the real
records, the real taxonomies, the real relation density, about a hundred recommendations per theme.

Also writes the baseline: the same pages as plain Markdown for Material + static-i18n, no hooks.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from gcmkb import LANGUAGES
from gcmkb.catalog import load_catalog, source_fingerprint
from gcmkb.model import Catalog

from .project import ROOT, make_project

SENTENCE = re.compile(r"(?<=[.؛!?؟])\s+")
PER_THEME = 100
PER_SOURCE = 500  # recommendations per source document: a dialogue's summary is tens, a collection many
PRACTICES_PER_RECOMMENDATION = 0.5  # about one practice for every two recommendations (issue 21)
# countries for generated practices: CLDR codes, each practice in one to three of them
COUNTRIES = ("GH", "MA", "SN", "MX", "PT", "TH", "FJ", "BD", "PH", "CO", "EC", "CA", "ID", "KE", "NG", "EG",
             "JO", "TN", "CL", "DE")


def sources_for(n: int) -> int:
    """How many source documents a collection of `n` recommendations comes from (at least two)."""
    return max(2, n // PER_SOURCE)


def _source(real_source: Any, s: int) -> dict[str, Any]:
    """A generated source document: the real one's titles numbered, its facts not known (with the note
    the schema asks for), so no fact is invented."""
    note = real_source.published.note or real_source.original_language.note
    unknown = {"value": None, "note": {lang: note.get(lang) for lang in LANGUAGES}}
    return {"id": f"s{s + 1:03d}", "order": s + 1, "kind": real_source.kind,
            "title": {lang: f"{real_source.title.get(lang)[:200]} ({s + 1})" for lang in LANGUAGES},
            "description": {lang: real_source.description.get(lang) for lang in LANGUAGES},
            **{fact: dict(unknown) for fact in ("date", "place", "organiser", "original_language", "published")},
            "edition": {"language": "ar", "description": {lang: real_source.edition.get(lang) for lang in LANGUAGES}}}


def corpus(catalog: Catalog) -> dict[str, dict[str, list[str]]]:
    """Sentences and titles per language, from the real records."""
    out: dict[str, dict[str, list[str]]] = {lang: {"sentences": [], "titles": [], "leads": []} for lang in LANGUAGES}
    for rec in catalog.recommendations:
        for lang in LANGUAGES:
            for paragraph in rec.text.paragraphs(lang):
                out[lang]["sentences"] += [s for s in SENTENCE.split(paragraph) if len(s) > 20]
            out[lang]["titles"].append(rec.title.get(lang))
            if rec.lead:
                out[lang]["leads"].append(rec.lead.get(lang))
    return out


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000)


def _stamped(record: dict[str, Any]) -> dict[str, Any]:
    return {lang: {"status": "draft", "source": source_fingerprint(record)} for lang in ("en", "fr")}


def _text(rng: random.Random, words: dict[str, dict[str, list[str]]], kind: str, count: int) -> dict[str, str]:
    picks = [rng.randrange(10_000) for _ in range(count)]
    return {lang: " ".join(words[lang][kind][p % len(words[lang][kind])] for p in picks) for lang in LANGUAGES}


def synthetic_collection(n: int, target: Path, seed: int = 7) -> Path:
    """A collection of `n` recommendations in `target/recommendations` (returns `target`)."""
    real = load_catalog(ROOT)
    words = corpus(real)
    rng = random.Random(seed)
    out = target / "recommendations"
    if out.exists():
        shutil.rmtree(out)
    (out / "themes").mkdir(parents=True)
    shutil.copytree(ROOT / "recommendations/taxonomies", out / "taxonomies")
    if (ROOT / "recommendations/terms.yml").exists():  # the termbase: term marks, glossary, query expansion
        shutil.copy2(ROOT / "recommendations/terms.yml", out / "terms.yml")
    themes = max(5, n // PER_THEME)
    documents = sources_for(n)
    (out / "sources").mkdir()
    for d in range(documents):
        (out / "sources" / f"s{d + 1:03d}.yml").write_text(_dump(_source(real.sources[0], d)), "utf-8")
    for t in range(themes):
        base = real.themes[t % len(real.themes)]
        record = {"id": f"t{t + 1:04d}", "order": t + 1,
                  "title": {lang: f"{base.title.get(lang)[:290]} ({t + 1})" for lang in LANGUAGES},
                  "short": {lang: f"{base.short.get(lang)} ({t + 1})"[:40] for lang in LANGUAGES},
                  "description": {lang: base.description.get(lang) for lang in LANGUAGES}}
        record["translations"] = _stamped(record)
        (out / "themes" / f"t{t + 1:04d}.yml").write_text(_dump(record), "utf-8")
    width = max(2, len(str(n)))
    related_per_rec = sum(len(r.related) for r in real.recommendations) / len(real.recommendations)
    bullets: dict[int, int] = {}
    for i in range(1, n + 1):
        template = real.recommendations[(i - 1) % len(real.recommendations)]
        theme = (i - 1) * themes // n
        bullets[theme] = bullets.get(theme, 0) + 1
        others = [j for j in rng.sample(range(1, n + 1), min(n, 6)) if j != i][: round(related_per_rec)]
        record: dict[str, Any] = {
            "id": f"r{i:0{width}d}", "theme": f"t{theme + 1:04d}",
            "source": {"document": f"s{theme * documents // themes + 1:03d}", "bullet": bullets[theme]},
            "objectives": [int(o) for o in template.objectives], "principles": list(template.principles),
            "actors": list(template.actors),
            "topics": list(template.topics), "related": [f"r{j:0{width}d}" for j in others],
            "title": _text(rng, words, "titles", 1)}
        if rng.random() < 0.2:
            record["lead"] = _text(rng, words, "leads", 1)
        first, second = _text(rng, words, "sentences", 3), _text(rng, words, "sentences", 2)
        record["text"] = {lang: f"{first[lang]}\n\n{second[lang]}" for lang in LANGUAGES}
        if rng.random() < 0.4:
            record["notes"] = [_text(rng, words, "sentences", 1)]
        record["translations"] = _stamped(record)
        (out / f"{record['id']}.yml").write_text(_dump(record), "utf-8")
    _practices(n, out, words, rng, real, width)
    return target


def _practices(n: int, out: Path, words: dict[str, dict[str, list[str]]], rng: random.Random, real: Catalog,
               width: int) -> None:
    """About one practice for every two recommendations, from the real records' sentences: written in
    one language (most) or in all three, in one to three countries, implementing one to three
    recommendations, with the real taxonomies. The evidence address is the example domain's."""
    (out / "practices").mkdir()
    count = round(n * PRACTICES_PER_RECOMMENDATION)
    digits = max(3, len(str(count)))
    actors = [e.id for e in real.taxonomies["actors"]]
    principles = [e.id for e in real.taxonomies["principles"]]
    for i in range(1, count + 1):
        langs = list(LANGUAGES) if rng.random() < 0.3 else [rng.choice(list(LANGUAGES))]

        def text(kind: str, sentences: int, langs: list[str] = langs) -> dict[str, str]:
            full = _text(rng, words, kind, sentences)
            return {lang: full[lang] for lang in langs}
        start = rng.randrange(2010, 2025)
        record: dict[str, Any] = {
            "id": f"p{i:0{digits}d}", "status": "draft", "language": langs[0],
            "title": text("titles", 1), "summary": text("sentences", 1), "description": text("sentences", 4),
            "countries": sorted(rng.sample(COUNTRIES, rng.randrange(1, 4))),
            "actors": rng.sample(actors, 2),
            "period": {"start": start, "end": None if rng.random() < 0.5 else start + 3},
            "objectives": sorted(rng.sample(range(1, 24), 2)), "principles": rng.sample(principles, 2),
            "implements": [f"r{j:0{width}d}"
                           for j in sorted(rng.sample(range(1, n + 1), min(n, rng.randrange(1, 4))))],
            "evidence": [f"https://example.org/practices/{i}"]}
        if rng.random() < 0.5:
            record["results"] = text("sentences", 1)
        (out / "practices" / f"{record['id']}.yml").write_text(_dump(record), "utf-8")


def ours(n: int, target: Path) -> Path:
    """The real project around a synthetic collection of `n` recommendations."""
    synthetic_collection(n, target / "collection")
    if (target / "ours").exists():
        shutil.rmtree(target / "ours")
    project = make_project(target / "ours", target / "collection")
    return project


BASELINE_CONFIG = """\
site_name: Baseline
site_url: https://kb.example.org/
theme: {{name: material, language: ar, font: false}}
plugins:
  - i18n:
      docs_structure: suffix
      fallback_to_default: false
      reconfigure_material: true
      reconfigure_search: false
      languages:
        - {{locale: ar, default: true, name: العربية, build: true}}
        - {{locale: en, name: English, build: true}}
        - {{locale: fr, name: Français, build: true}}
validation: {{nav: {{omitted_files: ignore}}}}
nav:
  - index.md
{nav}
"""


def _rec_lines(rec: Any, catalog: Catalog, lang: str, prefix: str) -> list[str]:
    lines = [f"## {rec.id} {rec.title.get(lang)}", ""]
    if rec.lead:
        lines += [f"**{rec.lead.get(lang)}**", ""]
    for paragraph in rec.text.paragraphs(lang):
        lines += [paragraph, ""]
    return lines


def baseline(target: Path) -> Path:
    """The same pages as plain Markdown (what a team would otherwise write), from the collection:
    recommendation, embed, theme, parallel and printable pages, taxonomy pages and indexes."""
    catalog = load_catalog(target / "collection")
    project = target / "baseline"
    if project.exists():
        shutil.rmtree(project)
    docs = project / "docs"

    def write(path: str, lang: str, lines: list[str]) -> None:
        suffix = "" if lang == "ar" else f".{lang}"
        file = docs / f"{path}{suffix}.md"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("\n".join(lines) + "\n", "utf-8")

    for lang in LANGUAGES:
        write("index", lang, ["# Recommendations", ""] + [f"- [{t.title.get(lang)}](themes/{t.id}.md)"
                                                            for t in catalog.themes])
        write("recommendations/index", lang, ["# All", "", "| id | title |", "| --- | --- |"]
              + [f"| {r.id} | [{r.title.get(lang)}]({r.id}.md) |" for r in catalog.recommendations])
        write("status", lang, ["# Status", "", "| id | ar | en | fr |", "| --- | --- | --- | --- |"]
              + [f"| {r.id} | {' | '.join(r.status(x) for x in LANGUAGES)} |" for r in catalog.recommendations])
        write("search", lang, ["# Search", ""] + [f"- [{r.title.get(lang)}](recommendations/{r.id}.md)"
                                                  for r in catalog.recommendations])
        for theme in catalog.themes:
            recs = catalog.in_theme(theme.id)
            write(f"themes/{theme.id}", lang, [f"# {theme.title.get(lang)}", "", theme.description.get(lang), ""]
                  + [f"1. [{r.id} {r.title.get(lang)}](../recommendations/{r.id}.md)" for r in recs])
            parallel = [f"# {theme.title.get(lang)}", ""]
            for rec in recs:
                parallel += _rec_lines(rec, catalog, "ar", "") + _rec_lines(rec, catalog, lang, "")
            write(f"themes/{theme.id}/parallel", lang, parallel)
            printable = [f"# {theme.title.get(lang)}", ""]
            for rec in recs:
                printable += _rec_lines(rec, catalog, lang, "")
            write(f"print/{theme.id}", lang, printable)
        for kind, entries in catalog.taxonomies.items():
            write(f"{kind}/index", lang, [f"# {kind}", ""] + [f"- [{e.label.get(lang)}]({e.id}.md)" for e in entries])
            by_entry: dict[str, list[str]] = {}
            for rec in catalog.recommendations:
                for eid in getattr(rec, kind):
                    by_entry.setdefault(eid, []).append(f"- [{rec.title.get(lang)}](../recommendations/{rec.id}.md)")
            for entry in entries:
                write(f"{kind}/{entry.id}", lang, [f"# {entry.label.get(lang)}", ""] + by_entry.get(entry.id, []))
        for rec in catalog.recommendations:
            lines = [f"# {rec.title.get(lang)}", "", f"*{rec.id}* · [{catalog.theme(rec.theme).title.get(lang)}]"
                     f"(../themes/{rec.theme}.md)", ""] + _rec_lines(rec, catalog, lang, "")[2:]
            lines += ["## GCM", ""] + [f"- [{catalog.entry('objectives', o).label.get(lang)}](../objectives/{o}.md)"
                                        for o in rec.objectives] + [""]
            lines += ["## Related", ""] + [f"- [{catalog.recommendation(r).title.get(lang)}]({r}.md)"
                                           for r in rec.related] + [""]
            write(f"recommendations/{rec.id}", lang, lines)
            write(f"embed/{rec.id}", lang, [f"# {rec.title.get(lang)}", ""] + _rec_lines(rec, catalog, lang, "")[2:])
    nav = "\n".join(f"  - themes/{t.id}.md" for t in catalog.themes)
    (project / "mkdocs.yml").write_text(BASELINE_CONFIG.format(nav=nav), "utf-8")
    return project


HUGO_CONFIG = """\
baseURL = "https://kb.example.org/"
title = "Baseline"
defaultContentLanguage = "ar"
disableKinds = ["taxonomy", "term", "RSS"]
[languages.ar]
languageName = "العربية"
languageDirection = "rtl"
weight = 1
[languages.en]
languageName = "English"
weight = 2
[languages.fr]
languageName = "Français"
weight = 3
"""

# A minimal layout of the same pages: the language's head, a navigation of the themes, the other
# languages of the page, and its content (Hugo renders the same Markdown the baseline has).
HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="{{ site.Language.Lang }}" dir="{{ site.Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<nav><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ with site.GetPage "/themes" }}<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
</nav>
<ul>{{ range .Translations }}
<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}\n',
    "list.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}\n',
}


def hugo_site(baseline_project: Path, target: Path) -> Path:
    """The baseline's Markdown pages as a Hugo site with a minimal layout: the same pages and
    languages, `x.md` / `x.en.md` / `x.fr.md`; an `index` page becomes its folder's `_index`."""
    if target.exists():
        shutil.rmtree(target)
    docs = baseline_project / "docs"
    for file in docs.rglob("*.md"):
        relative = file.relative_to(docs)
        parts = relative.name.split(".")
        name = ".".join(["_index" if parts[0] == "index" else parts[0], *parts[1:]])
        text = file.read_text("utf-8")
        title = text.splitlines()[0].lstrip("# ").replace('"', "'") if text.startswith("#") else parts[0]
        body = "\n".join(text.splitlines()[1:]) if text.startswith("#") else text
        out = target / "content" / relative.parent / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f'---\ntitle: "{title}"\n---\n{body}', "utf-8")
    (target / "hugo.toml").write_text(HUGO_CONFIG, "utf-8")
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, content in HUGO_LAYOUTS.items():
        (layouts / name).write_text(content, "utf-8")
    return target
