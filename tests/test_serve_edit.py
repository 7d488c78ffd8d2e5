"""Under `mkdocs serve --dirty` an edit renders again only the pages that show what changed (of a
list capped at `list_limit()`, only if the record is among those it lists), makes the site's shared
files again (search files, citations, open data, feeds) and writes only those whose bytes changed,
leaves in docs/ only the sources its build reads, and checks again only the files that changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gcmkb import collection_checks
from gcmkb.build import Settings, SiteBuild
from gcmkb.citations import cite_data
from gcmkb.loading import DocumentCache
from gcmkb.output import Output
from gcmkb.paging import LIMIT_ENV
from gcmkb.shards import shard_file, shard_of
from gcmkb.site import EditSession, KnowledgeBase

from .conftest import FIXTURES

URL = "http://127.0.0.1:8000/"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_output_writes_a_file_again_only_when_its_bytes_change(tmp_path: Path) -> None:
    output, target = Output(), tmp_path / "assets" / "cite" / "en.json"
    output.write(target, b"one")
    os.utime(target, (0, 0))
    output.write(target, b"one")
    assert target.stat().st_mtime == 0  # left alone
    output.write(target, b"two")
    assert target.read_bytes() == b"two"
    target.unlink()
    output.write(target, b"two")  # gone since: written again
    assert target.read_bytes() == b"two"


def test_an_edit_writes_again_only_the_shared_files_it_changes(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_PARALLEL", "0")  # the session's search files made in this process
    root = Path(shutil.copytree(FIXTURES / "mini", tmp_path / "mini"))
    site, settings, session = tmp_path / "site", Settings(URL), EditSession()
    try:
        SiteBuild(session.load(root), settings, [], True, False, session).finish(site, [])
        for file in site.rglob("*"):
            os.utime(file, (0, 0))
        record = root / "recommendations" / "r02.yml"
        record.write_text(record.read_text("utf-8").replace("Regional data platforms", "Regional data hubs"), "utf-8")
        SiteBuild(session.load(root), settings, [], True, False, session, set()).finish(site, [])
    finally:
        session.close()
    rewritten = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.stat().st_mtime != 0}
    cite = {f"en/recommendations/r02/cite.{ext}" for ext in ("ris", "bib", "json")}
    shared = {shard_file(cite_data("en"), shard_of("r02")), "data/recommendations.json", "data/recommendations.csv"}
    assert cite | shared <= rewritten
    assert not {p for p in rewritten if "/cite." in p} - cite  # no other record's, no other language's
    assert not {p for p in rewritten if p.startswith("data/schema/")}
    assert len(rewritten) < len(_files(site)) / 4
    assert b"Regional data hubs" in (site / "en/recommendations/r02/cite.ris").read_bytes()
    # what the edit left is what a clean build of the edited collection writes
    clean = tmp_path / "clean"
    SiteBuild(KnowledgeBase.load(root), settings, [], True, False).finish(clean, [])
    assert _files(site) == _files(clean)


def test_a_practice_s_texts_are_checked_again_only_when_it_changes(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(shutil.copytree(FIXTURES / "mini", tmp_path / "mini"))
    checked: list[str] = []
    check = collection_checks._check_text_forms

    def counted(doc):  # type: ignore[no-untyped-def]
        checked.append(Path(doc.path).stem)
        return check(doc)

    monkeypatch.setattr(collection_checks, "_check_text_forms", counted)
    cache = DocumentCache()
    KnowledgeBase.load(root, cache=cache)
    assert {"p001", "p002", "p003"} <= set(checked)
    checked.clear()
    KnowledgeBase.load(root, cache=cache)
    assert not {"p001", "p002", "p003"} & set(checked)
    practice = root / "recommendations" / "practices" / "p001.yml"
    practice.write_text(practice.read_text("utf-8") + "\n", "utf-8")
    KnowledgeBase.load(root, cache=cache)
    assert {"p001", "p002", "p003"} & set(checked) == {"p001"}


def test_an_edit_leaves_in_docs_only_the_generated_sources_its_build_reads(tmp_path: Path) -> None:
    docs, session = tmp_path / "docs", EditSession()
    try:
        kb = session.load(Path(shutil.copytree(FIXTURES / "mini", tmp_path / "mini")))
        kb.write_sources(docs)
        every = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
        keep = {"recommendations/r02.md", "recommendations/r02.en.md", "themes/index.md", "index.md"}
        session.keep_sources(docs, keep)
        assert {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} == keep - {"index.md"}
        kb.write_sources(docs, {"recommendations/r03.md"})  # the next edit renders r03 again
        session.keep_sources(docs, {"recommendations/r03.md", "themes/index.md"})
        assert {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} == {"recommendations/r03.md",
                                                                                 "themes/index.md"}
        session.keep_sources(docs, None)  # a build of every page writes them all
        kb.write_sources(docs)
        assert {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} == every
    finally:
        session.close()


def test_an_edit_renders_the_taxonomy_and_term_pages_that_list_the_record(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIMIT_ENV, "1")  # each taxonomy or term page lists its first record only
    root = Path(shutil.copytree(FIXTURES / "mini", tmp_path / "mini"))
    before = KnowledgeBase.load(root)
    record = root / "recommendations" / "r03.yml"
    record.write_text(record.read_text("utf-8").replace(
        "en: Use immigration detention only as a last resort.",
        "en: Use immigration detention only as a last resort, with data-sharing."), "utf-8")
    after = KnowledgeBase.load(root, before)
    pages = {(page.kind, page.key) for page in after.changed_pages(before) or ()}
    assert ("recommendation", "r03") in pages
    assert ("principles", "child-sensitive") in pages  # lists r03 first
    assert ("principles", "human-rights") not in pages  # lists r01, and hands r03 to the explore page
    assert ("term", "migration-detention") in pages
    # r03 now uses data-sharing, after r02: its page does not list r03, but counts it ("1 of 2")
    assert after.graph.term_uses["data-sharing"] == ("r02", "r03")
    assert ("term", "data-sharing") in pages
