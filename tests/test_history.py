"""Change history and feeds: what changed, read from a real git repository of the fixture (three
changes on the main line, one of them a merged branch); the history on each recommendation page,
the "What's new" pages and the Atom feeds built from it; the same commit gives the same bytes; a
copy without history, or a shallow clone, builds with a notice instead of a wrong history."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from gcmkb import LANGUAGES
from gcmkb.changes import NO_REPOSITORY, SHALLOW, Change, changed_fields, read_history, source_date_epoch
from gcmkb.history_views import FEED_SIZE, commit_url, format_date, timestamp
from gcmkb.labels import load_labels
from gcmkb.publishing import COMMIT, PUBLISHER_INVALID, RELEASE, UNDATED, Edition, publisher_problem, read_edition
from gcmkb.site import KnowledgeBase

from .conftest import FIXTURES, ROOT
from .sitebuild import Site, build, free_port, make_project, serve

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EDIT_BASE = "https://forge.example/gcm/kb/edit/main/"
PUBLISHER = "Champions' editorial office"  # KB_PUBLISHER: who publishes, not who committed
SITE_ENV = {"KB_EDIT_BASE": EDIT_BASE, "KB_PUBLISHER": PUBLISHER}
COMMIT_AUTHORS = ("Amal Haddad", "Bruno Martin", "Chloé Dubois", "Dana Said")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


# --- a repository with a history ------------------------------------------------------------

def git(repo: Path, *args: str, who: str = "Amal Haddad", when: str = "2026-03-01T10:00:00Z") -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_AUTHOR_DATE": when,
           "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": "editor@example.org", "GIT_COMMITTER_DATE": when}
    run = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text("utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), "utf-8")


@dataclass(frozen=True)
class Repo:
    path: Path
    commits: dict[str, str]  # name -> full hash


def make_history(project: Path) -> Repo:
    """The fixture's records with a history:
    - "init" (1 March 2026) adds everything;
    - "edit" (15 March) changes r01's Arabic title, English lead and text and links, and only a
      comment of r02 (nothing a reader sees);
    - "merge" (1 April) merges a branch that changed r03's objectives and French status;
    - "theme" (2 April) changes a theme only: no recommendation changed; tagged v1.0 and v1.2."""
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")
    # the recommendations' history only: a practice's is told in test_practices.py
    shutil.rmtree(project / "recommendations/practices")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Import the collection")
    edit(project, "recommendations/r01.yml", "ar: فرق عمل مشتركة للبيانات", "ar: فرق عمل مشتركة للبيانات الوطنية")
    edit(project, "recommendations/r01.yml", "en: Strengthen cooperation", "en: Strengthen joint cooperation")
    edit(project, "recommendations/r01.yml", "Improve data collection.", "Improve data sharing.")
    edit(project, "recommendations/r01.yml", "related: [r02]", "related: [r02, r03]")
    edit(project, "recommendations/r02.yml", "related: []", "related: []  # none yet")
    git(project, "commit", "-qam", "Edit r01", who="Bruno Martin", when="2026-03-15T09:00:00Z")
    git(project, "checkout", "-q", "-b", "review")
    edit(project, "recommendations/r03.yml", "objectives: [13]", "objectives: [13, 8]")
    edit(project, "recommendations/r03.yml", "fr: {status: draft", "fr: {status: reviewed")
    git(project, "commit", "-qam", "Review r03", who="Chloé Dubois", when="2026-03-20T12:00:00Z")
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "-m", "Merge the review of r03", "review",
        who="Dana Said", when="2026-04-01T08:00:00Z")
    edit(project, "recommendations/themes/alpha.yml", "\n", "\n# reviewed\n")
    git(project, "commit", "-qam", "Theme note", when="2026-04-02T08:00:00Z")
    git(project, "tag", "v1.0")
    git(project, "tag", "v1.2")  # HEAD's highest release names the edition
    names = ("theme", "merge", "edit", "init")
    hashes = git(project, "log", "--first-parent", "--format=%H").split()
    return Repo(project, dict(zip(names, hashes, strict=True)))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return make_history(make_project(tmp_path_factory.mktemp("history") / "project", FIXTURES / "mini"))


# --- the core: what changed, in data terms ---------------------------------------------------

def test_history_of_a_repository_in_data_terms(repo: Repo) -> None:
    history = read_history(repo.path, ["r01", "r02", "r03"])
    c = {v: k for k, v in repo.commits.items()}
    assert history.available
    assert [(ch.rid, c[ch.commit], timestamp(ch.time), ch.author, ch.added, ch.fields) for ch in history.changes] == [
        ("r03", "merge", "2026-04-01T08:00:00Z", "Dana Said", False, ("objectives", "translations.fr")),
        ("r01", "edit", "2026-03-15T09:00:00Z", "Bruno Martin", False, ("title.ar", "lead.en", "text.en", "related")),
        ("r01", "init", "2026-03-01T10:00:00Z", "Amal Haddad", True, ()),
        ("r02", "init", "2026-03-01T10:00:00Z", "Amal Haddad", True, ()),
        ("r03", "init", "2026-03-01T10:00:00Z", "Amal Haddad", True, ()),
    ]
    assert [c[ch.commit] for ch in history.of("r01")] == ["edit", "init"]
    assert history.latest("r02") is not None and c[history.latest("r02").commit] == "init"  # a comment is no change
    # only the ids asked for: a retired record has no page
    assert {ch.rid for ch in read_history(repo.path, ["r02"]).changes} == {"r02"}


def test_the_whole_history_takes_three_git_processes(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return real(args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "run", counting)
    read_history(repo.path)
    assert [args[5] for args in calls] == ["rev-parse", "log", "cat-file"]


def test_changed_fields_of_two_versions() -> None:
    before = {"id": "r09", "title": {"ar": "أ", "en": "A"}, "related": ["r01"],
              "translations": {"en": {"status": "draft", "source": "aaa"}, "fr": {"status": "draft", "source": "aaa"}}}
    after = {"id": "r09", "title": {"ar": "أ", "en": "A2", "fr": "A3"}, "related": ["r01"], "lead": {"ar": "ب"},
             "translations": {"en": {"status": "draft", "source": "bbb"},  # stamped again
                              "fr": {"status": "reviewed", "source": "aaa"}},
             "extra": 1}
    assert changed_fields(before, after) == (
        "title.en", "title.fr", "lead.ar", "translations.en.source", "translations.fr", "extra")
    assert changed_fields(before, before) == ()
    assert changed_fields(before, None) == ("record",)  # a version that is not a YAML mapping


def test_without_a_repository_or_in_a_shallow_clone_the_history_says_why(repo: Repo, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repo.path / "recommendations", copy / "recommendations")
    assert read_history(copy).unavailable == NO_REPOSITORY
    assert read_history(copy).changes == ()
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.path.as_uri(), str(shallow)], check=True,
                   env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    assert read_history(shallow).unavailable == SHALLOW

    # a shallow clone builds: each page and feed says the history is not shown, and why
    kb = KnowledgeBase.load(shallow)
    labels = load_labels()
    for lang in LANGUAGES:
        ctx = kb.context(lang, lambda path: path, "https://kb.example/", EDIT_BASE)
        notice = labels[lang].t("history_shallow")
        assert kb.view("recommendation", "r01", ctx)["history"] == {"state": "shallow", "notice": notice,
                                                                     "changes": []}
        page = kb.view("whats-new", "", ctx)
        assert (page["state"], page["notice"], page["days"]) == ("shallow", notice, [])
        assert "citation" in kb.view("recommendation", "r01", ctx)
    kb.write_feeds(tmp_path / "site", "https://kb.example/", EDIT_BASE)
    feed = ET.parse(tmp_path / "site/fr/feed.xml").getroot()
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}subtitle") == labels["fr"].t("history_shallow")


def test_dates_and_changes_in_each_language(repo: Repo) -> None:
    from datetime import date

    from gcmkb.history_views import describe

    labels = load_labels()
    history = read_history(repo.path)
    words = {lang: [describe(c, labels[lang]) for c in history.changes[:3]] for lang in LANGUAGES}
    assert words == {
        "ar": ["ما تغيّر: أهداف الاتفاق العالمي، حالة الترجمة الفرنسية",
               "ما تغيّر: العنوان العربي، النص الإنجليزي، الروابط", "أُضيفت إلى المجموعة"],
        "en": ["Changed: GCM objectives, status of the French translation",
               "Changed: Arabic title, English text, links", "Added to the collection"],
        "fr": ["Modifications\u00a0: objectifs du Pacte mondial, statut de la traduction française",
               "Modifications\u00a0: titre arabe, texte anglais, liens", "Ajoutée à la collection"],
    }
    days = [date(2026, 3, 1), date(2026, 12, 25)]
    assert {lang: [format_date(d, labels[lang]) for d in days] for lang in LANGUAGES} == {
        "ar": ["١ آذار/مارس ٢٠٢٦", "٢٥ كانون الأول/ديسمبر ٢٠٢٦"], "en": ["1 March 2026", "25 December 2026"],
        "fr": ["1er mars 2026", "25 décembre 2026"]}


def test_commit_urls_come_from_the_edit_url() -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    assert commit_url("https://github.com/gcm/kb/edit/main/", sha) == f"https://github.com/gcm/kb/commit/{sha}"
    assert commit_url("https://gitlab.com/gcm/kb/-/edit/main/", sha) == f"https://gitlab.com/gcm/kb/-/commit/{sha}"
    assert commit_url("https://codeberg.org/gcm/kb/_edit/main/", sha) == f"https://codeberg.org/gcm/kb/commit/{sha}"
    assert commit_url("", sha) == "" and commit_url("https://example.org/files/", sha) == ""


# --- built sites -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def history_site(repo: Repo):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    run = build(repo.path, url, env=SITE_ENV)
    assert run.returncode == 0, run.stdout + run.stderr
    server = serve(repo.path / "site", port)
    yield Site(repo.path / "site", url)
    server.shutdown()


def _history(site: Site, page: str) -> list[tuple[str, str, str, str, str]]:
    block = site.soup(page).select_one("[data-history]")
    assert block is not None, page
    return [(li["id"], li.time["datetime"], li.time.get_text(), li.select_one(".kb-changes__what").get_text(),
             li.select_one("a.kb-changes__commit")["href"]) for li in block.select("li")]


def test_each_recommendation_page_shows_its_history(history_site: Site, repo: Repo) -> None:
    edit_sha, init_sha = repo.commits["edit"], repo.commits["init"]
    forge = "https://forge.example/gcm/kb/commit/"
    assert _history(history_site, "recommendations/r01/") == [
        (f"change-{edit_sha[:12]}", "2026-03-15", "١٥ آذار/مارس ٢٠٢٦",
         "ما تغيّر: العنوان العربي، النص الإنجليزي، الروابط",
         forge + edit_sha),
        (f"change-{init_sha[:12]}", "2026-03-01", "١ آذار/مارس ٢٠٢٦", "أُضيفت إلى المجموعة", forge + init_sha)]
    assert [x[2:4] for x in _history(history_site, "en/recommendations/r01/")] == [
        ("15 March 2026", "Changed: Arabic title, English text, links"), ("1 March 2026", "Added to the collection")]
    assert [x[2:4] for x in _history(history_site, "fr/recommendations/r03/")] == [
        ("1er avril 2026", "Modifications\u00a0: objectifs du Pacte mondial, statut de la traduction française"),
        ("1er mars 2026", "Ajoutée à la collection")]
    soup = history_site.soup("en/recommendations/r01/")
    assert soup.select_one("[data-history]")["data-history"] == "recorded"
    assert soup.select_one("[data-history] code").get_text() == edit_sha[:7]
    # the citation names the version: the date of the record's latest change
    assert " ".join(soup.select_one(".kb-cite__text").get_text().split()).endswith(
        "As of 15 March 2026. " + history_site.url + "en/recommendations/r01/")
    def cite(page: str) -> str:
        return str(history_site.soup(page).select_one(".kb-cite__text").get_text())

    assert "بصيغتها في ١٥ آذار/مارس ٢٠٢٦." in cite("recommendations/r01/")
    assert "Version du 1er avril 2026." in cite("fr/recommendations/r03/")


def test_whats_new_lists_every_change_newest_first(history_site: Site) -> None:
    soup = history_site.soup("en/whats-new/")
    assert soup.select_one("h1").get_text(strip=True) == "What's new"
    assert [h.get_text() for h in soup.select("[data-history] h2")] == ["1 April 2026", "15 March 2026", "1 March 2026"]
    assert [" ".join(li.get_text(" ").split()[:1]) for li in soup.select("[data-history] li")] == [
        "r03", "r01", "r01", "r02", "r03"]
    first = soup.select_one("[data-history] li")
    assert first.select_one("a")["href"] == "../recommendations/r03/"
    assert first.select_one(".kb-changes__what").get_text() == \
        "Changed: GCM objectives, status of the French translation"
    assert history_site.soup("whats-new/").select_one("h1").get_text(strip=True) == "ما الجديد"
    assert history_site.soup("fr/whats-new/").select_one("[data-history] h2").get_text() == "1er avril 2026"


def _feed(site: Site, lang: str) -> ET.Element:
    return ET.parse(site.directory / PREFIX[lang] / "feed.xml").getroot()


def _one(element: ET.Element, tag: str) -> ET.Element:
    found = element.findall(ATOM + tag)
    assert len(found) == 1, (tag, len(found))
    return found[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_is_valid_atom_newest_first_in_its_language(history_site: Site, lang: str) -> None:
    feed = _feed(history_site, lang)
    base = history_site.url + PREFIX[lang]
    assert feed.tag == ATOM + "feed" and feed.get(XML_LANG) == lang
    # RFC 4287 4.1.1: one id, title and updated; an author (here on the feed and on each entry)
    assert _one(feed, "id").text == base + "feed.xml"
    assert _one(feed, "title").text == load_labels()[lang].t("feed_title", site=load_labels()[lang].t("site_short"))
    assert RFC3339.match(_one(feed, "updated").text or "")
    assert _one(_one(feed, "author"), "name").text == PUBLISHER
    links = {link.get("rel"): link.get("href") for link in feed.findall(ATOM + "link")}
    assert links == {"self": base + "feed.xml", "alternate": base + "whats-new/"}
    entries = feed.findall(ATOM + "entry")
    assert 0 < len(entries) <= FEED_SIZE
    updated = []
    for entry in entries:
        for tag in ("id", "title", "updated", "author", "summary"):
            _one(entry, tag)
        assert _one(_one(entry, "author"), "name").text == PUBLISHER  # configuration, not the commit's author
        assert RFC3339.match(_one(entry, "updated").text or "")
        updated.append(_one(entry, "updated").text)
        page = next(link.get("href") for link in entry.findall(ATOM + "link") if link.get("rel") == "alternate")
        assert re.fullmatch(re.escape(base) + r"recommendations/r0\d/", page)
        assert history_site.file_of(page[len(history_site.url):]).exists()
        assert _one(entry, "id").text.startswith(page + "#change-")
        arabic = re.search(r"[\u0600-\u06FF]", (_one(entry, "title").text or "") + (_one(entry, "summary").text or ""))
        assert bool(arabic) == (lang == "ar"), _one(entry, "title").text
    assert updated == sorted(updated, reverse=True)
    assert [e.findtext(ATOM + "title").split()[0] for e in entries] == ["r03", "r01", "r01", "r02", "r03"]
    assert _one(feed, "updated").text == updated[0] == "2026-04-01T08:00:00Z"  # the newest change, not HEAD
    assert len({_one(e, "id").text for e in entries}) == len(entries)


def test_feed_authors_come_from_configuration_never_from_git(repo: Repo, tmp_path: Path) -> None:
    kb = KnowledgeBase.load(repo.path)
    assert {change.author for change in kb.history.changes} == set(COMMIT_AUTHORS) - {"Chloé Dubois"}
    names = {"ar": "مكتب التحرير", "en": "Editorial office", "fr": "Bureau de la rédaction"}
    site_names = {lang: load_labels()[lang].t("site_name") for lang in LANGUAGES}
    for publisher, expected in ((names, names), (None, site_names)):
        kb.write_feeds(tmp_path / "site", "https://kb.example/", EDIT_BASE, publisher)
        for lang in LANGUAGES:
            text = (tmp_path / "site" / PREFIX[lang] / "feed.xml").read_text("utf-8")
            feed = ET.fromstring(text)
            authors = {a.text for a in feed.iter(ATOM + "name")}
            assert authors == {expected[lang]}, (lang, authors)
            assert not any(name in text for name in COMMIT_AUTHORS)


@pytest.mark.parametrize(("setting", "problem"), [
    (None, None), ("Editorial office", None), ({"ar": "أ", "en": "E", "fr": "F"}, None),
    ("  ", PUBLISHER_INVALID), ({"ar": "أ", "en": "E"}, PUBLISHER_INVALID), (["E"], PUBLISHER_INVALID)])
def test_the_publisher_setting_is_one_name_or_one_per_language(setting: object, problem: str | None) -> None:
    assert publisher_problem(setting, LANGUAGES) == problem
    assert PUBLISHER_INVALID == (
        "mkdocs.yml: extra.kb_publisher: not a name; allowed: one name for every language (kb_publisher: Name, "
        "or KB_PUBLISHER=Name), or one per language (kb_publisher: {ar: …, en: …, fr: …}), or nothing "
        "(the site's name)")


def test_the_edition_is_heads_release_or_commit_date_or_says_it_is_not_dated(repo: Repo, tmp_path: Path) -> None:
    assert read_edition(repo.path) == Edition(RELEASE, "v1.2", 1775116800, repo.commits["theme"])
    untagged = tmp_path / "untagged"
    subprocess.run(["git", "clone", "-q", "--no-tags", repo.path.as_uri(), str(untagged)], check=True,
                   env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    assert read_edition(untagged) == Edition(COMMIT, "", 1775116800, repo.commits["theme"])
    shutil.copytree(repo.path / "recommendations", tmp_path / "copy" / "recommendations")
    assert read_edition(tmp_path / "copy") == Edition(UNDATED)


def test_every_footer_names_the_publisher_and_the_release(history_site: Site) -> None:
    expected = {"ar": "الإصدار v1.2 بتاريخ ٢ نيسان/أبريل ٢٠٢٦.", "en": "Edition v1.2 of 2 April 2026.",
                "fr": "Édition v1.2 du 2 avril 2026."}
    for lang in LANGUAGES:
        for page in ("", "recommendations/r02/", "about/", "print/alpha/"):
            footer = history_site.soup(PREFIX[lang] + page).select_one("[data-kb-footer]")
            assert footer.select_one("[data-kb-edition]").get_text() == expected[lang]
            assert footer.select_one("[data-kb-publisher]").get_text() == load_labels()[lang].t(
                "footer_publisher", publisher=PUBLISHER)


def test_every_page_announces_its_languages_feed(history_site: Site) -> None:
    for lang in LANGUAGES:
        for page in ("", "recommendations/r02/", "whats-new/", "about/", "themes/alpha/"):
            head = history_site.soup(PREFIX[lang] + page).head
            links = head.select('link[rel="alternate"][type="application/atom+xml"]')
            assert len(links) == 1, (lang, page)
            assert history_site.resolve(PREFIX[lang] + page, links[0]["href"]) == (PREFIX[lang] + "feed.xml", "")
            assert links[0]["title"] == _feed(history_site, lang).findtext(ATOM + "title")


def test_the_same_commit_gives_the_same_feeds_and_pages(history_site: Site, repo: Repo, tmp_path: Path) -> None:
    """A fresh clone, elsewhere, later, with another SOURCE_DATE_EPOCH: dates come from commits."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", repo.path.as_uri(), str(clone)], check=True,
                   env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    shutil.copytree(repo.path / ".cache", clone / ".cache")  # the PDFs need not be rendered again
    run = build(clone, history_site.url, env={**SITE_ENV, "SOURCE_DATE_EPOCH": "1900000000"})
    assert run.returncode == 0, run.stderr
    compared = [PREFIX[lang] + name for lang in LANGUAGES for name in
                ("feed.xml", "whats-new/index.html", *(f"recommendations/r0{n}/index.html" for n in (1, 2, 3)))]
    differ = [p for p in compared if (clone / "site" / p).read_bytes() != (history_site.directory / p).read_bytes()]
    assert differ == []


def test_a_copy_without_history_shows_a_notice(mini_site: Site) -> None:
    """The test builds copy the project without .git: what a download of the sources gives."""
    labels = load_labels()
    for lang in LANGUAGES:
        notice = labels[lang].t("history_unavailable")
        for page in ("recommendations/r01/", "whats-new/"):
            block = mini_site.soup(PREFIX[lang] + page).select_one("[data-history]")
            assert block["data-history"] == "no-repository"
            assert block.select_one(".kb-history__notice").get_text() == notice
            assert block.select("li") == []
        cite = mini_site.soup(PREFIX[lang] + "recommendations/r01/").select_one(".kb-cite__text").get_text()
        assert labels[lang].t("cite_as_of", date="|").split("|")[0].strip() not in cite  # no version to name
        feed = _feed(mini_site, lang)
        assert feed.findall(ATOM + "entry") == [] and feed.findtext(ATOM + "subtitle") == notice
        assert feed.findtext(ATOM + "updated") == timestamp(source_date_epoch())  # never the clock


# --- in Chromium -----------------------------------------------------------------------------

@pytest.mark.browser
def test_whats_new_in_chromium_lists_the_change_and_leads_to_the_recommendation(history_site: Site, page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import AXE_OPTIONS

    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(history_site.url + "en/whats-new/")
    item = page.locator("[data-history] li").filter(has_text="Changed: Arabic title, English text, links")
    assert item.count() == 1
    link = item.get_by_role("link", name="r01 Joint data working groups")
    assert link.is_visible()
    link.click()
    page.wait_for_url(history_site.url + "en/recommendations/r01/")
    assert page.locator("[data-history] li").first.inner_text().startswith("15 March 2026")
    # no page view downloads a sitemap (Material's script fetched one beside every <link rel=alternate>)
    page.wait_for_load_state("networkidle")
    assert [u for u in page.requests if "sitemap" in u] == []  # type: ignore[attr-defined]
    assert failed == []
    violations = []
    for path in ("en/whats-new/", "whats-new/", "recommendations/r01/"):
        page.goto(history_site.url + path)
        violations += [(path, v["id"]) for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]]
    assert violations == []


def test_a_restamp_is_told_as_a_fingerprint_update_unless_the_status_says_reviewed() -> None:
    from gcmkb.history_views import describe

    draft = {"id": "r09", "translations": {"en": {"status": "draft", "source": "aaa"},
                                           "fr": {"status": "reviewed", "source": "aaa"}}}
    stamped = {"id": "r09", "translations": {"en": {"status": "draft", "source": "bbb"},
                                             "fr": {"status": "reviewed", "source": "bbb"}}}
    fields = changed_fields(draft, stamped)
    assert fields == ("translations.en.source", "translations.fr.checked")
    labels = load_labels()
    change = Change("r09", "0" * 40, 0, "", False, fields)
    assert describe(change, labels["en"]) == ("Changed: English translation re-stamped (fingerprint of the "
                                              "Arabic updated), French translation checked against the Arabic")
    assert describe(change, labels["fr"]) == (
        "Modifications\u00a0: traduction anglaise estampillée à nouveau (empreinte de l’arabe mise à jour), "
        "traduction française vérifiée sur l’arabe")


def test_a_commit_that_changes_many_records_is_one_entry_with_its_subject(tmp_path: Path) -> None:
    """More than five records changed by one commit (a pass over the collection) make one entry of
    "What's new" and of the feeds: the commit's subject, what changed, and the records; five or
    fewer are told one by one, as before."""
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    recs = project / "recommendations"
    for n in range(4, 9):  # r04..r08, copies of r03 in theme beta
        (recs / f"r0{n}.yml").write_text((recs / "r03.yml").read_text("utf-8").replace("id: r03", f"id: r0{n}")
                                         .replace("bullet: 1", f"bullet: {n}"), "utf-8")
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Import the collection")
    for n in range(4, 9):  # five records: five entries
        edit(project, f"recommendations/r0{n}.yml", "en: {status: draft", "en: {status: reviewed")
    git(project, "commit", "-qam", "Review five English translations", when="2026-03-10T09:00:00Z")
    for n in range(1, 9):  # eight records: one entry
        edit(project, f"recommendations/r0{n}.yml", "fr: {status: draft", "fr: {status: reviewed")
    git(project, "commit", "-qam", "Review every French translation", when="2026-03-20T09:00:00Z")

    kb = KnowledgeBase.load(project)
    ctx = kb.context("en", lambda path: path, "https://kb.example/", EDIT_BASE)
    days = kb.view("whats-new", "", ctx)["days"]
    latest, reviews = days[0]["changes"], days[1]["changes"]
    assert len(latest) == 1
    group = latest[0]
    assert (group["summary"], group["what"]) == ("Review every French translation",
                                                 "Changed: status of the French translation")
    assert [r["id"] for r in group["records"]] == [f"r0{n}" for n in range(1, 9)]
    assert [(c["id"], c["records"]) for c in reviews] == [(f"r0{n}", []) for n in range(4, 9)]

    kb.write_feeds(tmp_path / "site", "https://kb.example/", EDIT_BASE)
    feed = ET.parse(tmp_path / "site/en/feed.xml").getroot()
    first = feed.findall(f"{ATOM}entry")[0]
    assert first.findtext(f"{ATOM}title") == "Review every French translation"
    assert first.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("https://kb.example/en/whats-new/#change-")
    summary = first.findtext(f"{ATOM}summary").splitlines()
    assert summary[0] == "Changed: status of the French translation"
    assert [line.split()[0] for line in summary[1:]] == [f"r0{n}" for n in range(1, 9)]
    assert [e.findtext(f"{ATOM}title").split()[0] for e in feed.findall(f"{ATOM}entry")[1:6]] == [
        f"r0{n}" for n in range(4, 9)]

    run = build(project, "http://127.0.0.1:1/", env={"KB_PDF": "0"})
    assert run.returncode == 0, run.stdout + run.stderr
    site = Site(project / "site", "http://127.0.0.1:1/")
    entry, imported = site.soup("fr/whats-new/").select(".kb-changes__group")  # the import added eight
    assert imported.select_one(".kb-changes__summary").get_text() == "Import the collection"
    assert imported.select_one(".kb-changes__what").get_text() == "Ajoutée à la collection"
    assert entry.select_one(".kb-changes__summary").get_text() == "Review every French translation"
    assert [a.select_one("bdi").get_text() for a in entry.select(".kb-changes__records a")] == [
        f"r0{n}" for n in range(1, 9)]
    assert entry["id"].startswith("change-") and len(site.soup("fr/whats-new/").select(".kb-changes > li")) == 7
