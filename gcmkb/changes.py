"""The history of every recommendation, read from the commits of the repository it is built from.

For each commit of the main line (`--first-parent`: a merged pull request is one change, however
many commits it had) that touched a record `recommendations/rNN.yml`, the record before and after is
parsed and compared field by field, so that a change is described in data terms (`title.ar`,
`text.en`, `related`) rather than as a text diff. Two git processes whatever the length of the
history: one `git log --raw` for the whole folder, which names the blobs before and after, and one
`git cat-file --batch` that reads them. No network, no clock: dates are the commits' own, so the
same commit always gives the same history.

Without a repository, or in a shallow clone (which holds only the latest commits), the history is
*unavailable* and says why: a build never shows a history that is wrong or cut short.
Nothing here knows about MkDocs or about labels; the views (history_views.py) word the changes.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

import yaml

from . import LANGUAGES
from .layout import COLLECTION_DIR
from .practices import PRACTICE_ID
from .text_checks import RECOMMENDATION_ID

PRACTICES = "practices"  # recommendations/practices/pNNN.yml: their history is told as a recommendation's

NO_REPOSITORY = "no-repository"  # no .git (a copy, an archive), git missing, or git refused
SHALLOW = "shallow"              # a shallow clone: the older commits are not there

# fields whose value is a map by language: a change is told per language ("title.ar")
BY_LANGUAGE = ("title", "lead", "text", "translations", "summary", "description", "results", "lessons")
# the order in which changed fields are told: what a reader sees first, bookkeeping last
FIELD_ORDER = ("title", "lead", "text", "summary", "description", "results", "lessons", "countries",
               "objectives", "principles", "actors", "topics", "sdg_targets",
               "related", "theme", "source", "notes", "translations", "id")
UNREADABLE = "record"  # the field told when a version of the record is not a YAML mapping
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: safe either way


@dataclass(frozen=True)
class Change:
    """One commit's change to one recommendation."""

    rid: str
    commit: str               # the full hash of the commit on the main line
    time: int                 # the commit's time (committer), seconds since the epoch, UTC
    author: str               # the commit's author name
    added: bool               # the record's first version
    fields: tuple[str, ...]   # what changed, in data terms: "title.ar", "text.en", "related"; () if added
    subject: str = ""         # the commit's subject line, the plain summary of a change of many records


@dataclass(frozen=True)
class History:
    """Every change of every recommendation, newest first; or why there is none to show."""

    changes: tuple[Change, ...] = ()
    unavailable: str = ""  # "" when the history was read, else NO_REPOSITORY or SHALLOW
    by_record: Mapping[str, tuple[Change, ...]] = field(default_factory=lambda: MappingProxyType({}),
                                                        compare=False, repr=False)

    @classmethod
    def of_changes(cls, changes: Iterable[Change]) -> History:
        changes = tuple(changes)
        index: dict[str, list[Change]] = {}
        for change in changes:
            index.setdefault(change.rid, []).append(change)
        return cls(changes, "", MappingProxyType({rid: tuple(found) for rid, found in index.items()}))

    @property
    def available(self) -> bool:
        return not self.unavailable

    def of(self, rid: str) -> tuple[Change, ...]:
        """The changes of one recommendation, newest first."""
        return self.by_record.get(rid, ())

    def latest(self, rid: str) -> Change | None:
        found = self.of(rid)
        return found[0] if found else None


NO_HISTORY = History(unavailable=NO_REPOSITORY)


def source_date_epoch() -> int:
    """The reproducible-builds timestamp (0 when unset): for a date when no commit gives one."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else 0


def read_history(root: Path, ids: Iterable[str] | None = None) -> History:
    """The history of the records in `root/recommendations/` (only of `ids`, if given)."""
    wanted = set(ids) if ids is not None else None
    state = git_output(root, "rev-parse", "--is-shallow-repository", "--show-prefix")
    if state is None:
        return History(unavailable=NO_REPOSITORY)
    lines = state.decode("utf-8").split("\n")
    if lines[0].strip() == "true":
        return History(unavailable=SHALLOW)
    folder = (lines[1].strip() if len(lines) > 1 else "") + COLLECTION_DIR
    log = git_output(root, "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--raw",
                      "--no-abbrev", "--format=%x00%H %ct %an%x1f%s", "--", f":(glob){COLLECTION_DIR}/*.yml",
                      f":(glob){COLLECTION_DIR}/{PRACTICES}/*.yml")
    if log is None:
        return History(unavailable=NO_REPOSITORY)
    touched = list(_parse_log(log.decode("utf-8"), folder, wanted))
    # an added record's one version needs no reading: it is told as "added"
    blobs = _read_blobs(root, {b for *_, before, after in touched if before for b in (before, after)})
    if blobs is None:
        return History(unavailable=NO_REPOSITORY)
    parsed: dict[str, Any] = {}  # one parse per blob: a record unchanged by a commit is the same blob

    def record(blob: str) -> Any:
        if blob not in parsed:
            parsed[blob] = _load(blobs.get(blob, b""))
        return parsed[blob]

    changes = []
    for commit, time, head, rid, before, after in touched:
        fields = changed_fields(record(before), record(after)) if before else ()
        if before and not fields:
            continue  # formatting or comments only: nothing a reader could see changed
        author, _, subject = head.partition("\x1f")
        changes.append(Change(rid, commit, time, author, not before, fields, subject))
    return History.of_changes(changes)


def changed_fields(before: Any, after: Any) -> tuple[str, ...]:
    """What differs between two versions of a record, in data terms, in FIELD_ORDER."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return (UNREADABLE,) if before != after else ()
    out: list[str] = []
    for key in sorted(set(before) | set(after), key=_field_rank):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key in BY_LANGUAGE and isinstance(old or {}, dict) and isinstance(new or {}, dict):
            old, new = old or {}, new or {}
            out += [_language_field(key, lang, old.get(lang), new.get(lang))
                    for lang in sorted(set(old) | set(new), key=_language_rank) if old.get(lang) != new.get(lang)]
        else:
            out.append(str(key))
    return tuple(out)


def _language_field(key: str, lang: Any, old: Any, new: Any) -> str:
    """`translations.en` when a translation's status changed; when it was only stamped again (its
    status unchanged), `translations.en.checked` if that status says reviewed (checked against the
    Arabic), else `translations.en.source` (its fingerprint of the Arabic updated, nothing more)."""
    if key == "translations" and isinstance(old, dict) and isinstance(new, dict) \
            and old.get("status") == new.get("status"):
        return f"{key}.{lang}.{'checked' if new.get('status') == 'reviewed' else 'source'}"
    return f"{key}.{lang}"


def _field_rank(key: Any) -> tuple[int, str]:
    return (FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER), str(key))


def _language_rank(lang: Any) -> tuple[int, str]:
    return (LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES), str(lang))


def git_output(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """git's output, or None if there is no git, no repository, or git refuses (say, the
    repository belongs to another user). Never prompts, never reaches the network: in a partial
    clone a missing blob is not fetched (GIT_NO_LAZY_FETCH), the history is then unavailable."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_NO_LAZY_FETCH": "1",
           "LC_ALL": "C"}
    try:
        run = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args], input=stdin,
                             capture_output=True, env=env, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return run.stdout if run.returncode == 0 else None


def _parse_log(log: str, folder: str, wanted: set[str] | None
               ) -> Iterable[tuple[str, int, str, str, str, str]]:
    """(commit, time, author and subject (split by U+001F), rid, blob before or "", blob after) of every record a commit
    added or changed, in the log's order (newest first), records by id within a commit."""
    for chunk in log.split("\0")[1:]:
        head, _, body = chunk.partition("\n")
        commit, time, author = (head.split(" ", 2) + [""])[:3]
        found = []
        for line in body.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            _, _, before, after, status = meta.split(" ")[:5]
            where = PurePosixPath(path)
            rid = where.stem
            record = (str(where.parent) == folder and RECOMMENDATION_ID.match(rid)) or (
                str(where.parent) == f"{folder}/{PRACTICES}" and PRACTICE_ID.match(rid))
            if status[0] not in "AM" or not record or where.suffix != ".yml" \
                    or (wanted is not None and rid not in wanted):
                continue  # a removed record has no page; themes and taxonomies are not recommendations
            found.append((commit, int(time), author, rid, "" if status[0] == "A" else before, after))
        yield from sorted(found, key=lambda item: item[3])


def _read_blobs(root: Path, blobs: set[str]) -> dict[str, bytes] | None:
    """The content of every blob, in one `git cat-file --batch`."""
    if not blobs:
        return {}
    order = sorted(blobs)
    out = git_output(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in order).encode("ascii"))
    if out is None:
        return None
    contents, at = {}, 0
    for blob in order:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        if len(header) != 3:  # "<name> missing"
            return None
        size = int(header[2])
        contents[blob] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1  # the content, then a newline
    return contents


def _load(data: bytes) -> Any:
    try:
        return yaml.load(data.decode("utf-8"), Loader=_LOADER)  # a safe loader (_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
