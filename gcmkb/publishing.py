"""What a published edition needs from whoever publishes it: the public address, the forge's edit
address, the publisher's name. They are settings of the site, not facts of the collection or of
git: a build that would publish without its address refuses, with one line saying what to set.
The edition (version and date) is the repository's: HEAD's release tag or commit date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .changes import git_output

SITE_URL_ENV = "SITE_URL"          # the public address, ending with "/"
EDIT_BASE_ENV = "KB_EDIT_BASE"     # the forge's edit URL of the repository root, ending with "/"

SITE_URL_MISSING = (
    f"{SITE_URL_ENV} is not set: a published build writes the site's public address into every permalink, "
    f"citation, feed, sitemap and PDF; set {SITE_URL_ENV} to it and {EDIT_BASE_ENV} to the forge's edit "
    f"address of the repository for the 'Edit' links (e.g. {SITE_URL_ENV}=https://kb.example.org/ "
    f"{EDIT_BASE_ENV}=https://github.com/OWNER/REPO/edit/main/ ./dev build); `./dev serve` needs neither")


# Without the forge's address a build leaves the "Edit" links out rather than refuse: unlike the
# public address, which every permalink and citation needs, an "Edit" link is an invitation a site
# can do without (an organisation may publish without a public forge), and a guessed forge would send
# contributors to a repository that is not the publisher's. A build says so, in one line.
EDIT_BASE_UNSET = (
    f"{EDIT_BASE_ENV} is not set: pages have no 'Edit' link; to offer one, set {EDIT_BASE_ENV} to the forge's "
    f"edit address of the repository (e.g. {EDIT_BASE_ENV}=https://github.com/OWNER/REPO/edit/main/)")


def edit_base_notice(edit_base: str | None) -> str | None:
    """What a build without the forge's address tells whoever publishes it (None when it is set)."""
    return None if edit_base else EDIT_BASE_UNSET


def site_url_problem(site_url: str | None) -> str | None:
    """Why a build cannot publish at `site_url` (None if it can). `mkdocs serve` serves at its own
    local address, so only a build without SITE_URL meets this."""
    return None if site_url else SITE_URL_MISSING


PUBLISHER_SETTING = "extra.kb_publisher"  # in mkdocs.yml; the environment variable KB_PUBLISHER overrides it
PUBLISHER_INVALID = (f"mkdocs.yml: {PUBLISHER_SETTING}: not a name; allowed: one name for every language "
                     "(kb_publisher: Name, or KB_PUBLISHER=Name), or one per language "
                     "(kb_publisher: {ar: …, en: …, fr: …}), or nothing (the site's name)")


def publisher_problem(setting: object, languages: tuple[str, ...]) -> str | None:
    """Why the publisher setting cannot name the publisher (None if it can, or is not set)."""
    if setting is None or (isinstance(setting, str) and setting.strip()):
        return None
    if isinstance(setting, dict) and set(setting) == set(languages) and all(
            isinstance(name, str) and name.strip() for name in setting.values()):
        return None
    return PUBLISHER_INVALID


def publisher_name(setting: object, lang: str) -> str:
    """The publisher's name in `lang` from a valid setting ("" when not set: the site's name stands)."""
    if isinstance(setting, dict):
        return str(setting[lang]).strip()
    return setting.strip() if isinstance(setting, str) else ""


RELEASE, COMMIT, UNDATED = "release", "commit", "undated"  # how an edition is known


@dataclass(frozen=True)
class Edition:
    """Which edition a build publishes: HEAD's release tag and date, or its commit date, or nothing
    (a copy without the repository says so rather than guess)."""

    state: str = UNDATED  # RELEASE: HEAD has a release tag; COMMIT: dated by HEAD; UNDATED: no repository
    version: str = ""     # the release tag
    time: int = 0         # HEAD's commit time, seconds since the epoch, UTC
    commit: str = ""


def read_edition(root: Path) -> Edition:
    """The edition of the repository at `root`: HEAD's commit, and its release tag if it has one
    (the highest version when it has several). Dates are the commit's: never the clock."""
    head = git_output(root, "log", "-1", "--format=%H %ct", "HEAD")
    if head is None or not head.strip():
        return Edition()
    commit, time = head.decode("ascii").split()
    tags = git_output(root, "tag", "--points-at", "HEAD", "--sort=-version:refname") or b""
    version = next(iter(tags.decode("utf-8").split()), "")
    return Edition(RELEASE if version else COMMIT, version, int(time), commit)
