"""Command line: `python -m gcmkb validate|stamp|new|pdf|changed-pages` (see --help)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import LANGUAGES, TRANSLATED_LANGUAGES
from .catalog import check_collection
from .collection_checks import _span
from .history import removed_without_redirect
from .layout import COLLECTION_DIR
from .loading import read_all
from .preview import SCREENSHOT_LIMIT
from .problems import errors_in
from .scaffold import scaffold, scaffold_practice
from .stamping import FIX_FIRST, stamp_file
from .yamlsource import Document


def cmd_validate(args: argparse.Namespace) -> int:
    catalog, problems = check_collection(args.root)
    if catalog is not None and args.since:
        problems = sorted(problems + removed_without_redirect(args.root, args.since, catalog))
    for problem in problems:
        print(problem)
    errors = errors_in(problems)
    pending = [p for p in problems if p.severity == "info"]  # translations to come: not problems
    problems = [p for p in problems if p.severity != "info"]
    if errors:
        print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)", file=sys.stderr)
        return 1
    assert catalog is not None
    print(f"ok: {len(catalog.recommendations)} recommendations, {len(catalog.themes)} themes, "
          f"{len(catalog.sources)} source document(s), {len(catalog.practices)} practice(s), "
          + ", ".join(f"{len(v)} {k}" for k, v in catalog.taxonomies.items())
          + (f"; {len(problems)} warning(s)" if problems else "")
          + (f"; {len(pending)} translation(s) pending" if pending else ""))
    return 0


def _stampable(root: Path) -> tuple[dict[str, dict[str, Document]], dict[str, str]]:
    """Recommendations and themes by id, and the files that cannot be read, by id."""
    loaded = read_all(root)
    records = {kind: {d.data["id"]: d for d in loaded.docs.get(kind, [])
                      if isinstance(d.data, dict) and isinstance(d.data.get("id"), str)}
               for kind in ("recommendation", "theme")}
    unreadable = {stem: f"{COLLECTION_DIR}/{folder}{stem}.yml"
                  for kind, folder in (("recommendation", ""), ("theme", "themes/"))
                  for stem in loaded.unreadable.get(kind, [])}
    return records, unreadable


def cmd_stamp(args: argparse.Namespace) -> int:
    records, unreadable = _stampable(args.root)
    known = {**records["theme"], **records["recommendation"]}
    # `stamp r07 en`, the form the validator's hints use, means `stamp r07 --lang en`
    named_langs = {w for w in args.ids if w in TRANSLATED_LANGUAGES and w not in known}
    wanted = set(args.ids) - named_langs
    missing = sorted(wanted - set(known) - set(unreadable))
    if missing or not (wanted or args.all):
        problem = f"unknown id(s): {', '.join(missing)}" if missing else "no id given"
        print(f"{problem}; allowed: recommendations {_span(set(records['recommendation']))} or themes "
              f"{_span(set(records['theme']))}, then optionally languages, as in "
              f"`python -m gcmkb stamp {min(records['recommendation'], default='r01')} en`; or --all",
              file=sys.stderr)
        return 2
    broken = sorted(set(unreadable) if args.all else wanted & set(unreadable))
    if broken:
        print("\n".join(f"{unreadable[rid]}: {FIX_FIRST}" for rid in broken), file=sys.stderr)
        return 1
    named = {*args.lang, *named_langs}
    langs = tuple(lang for lang in TRANSLATED_LANGUAGES if lang in named) or TRANSLATED_LANGUAGES
    try:
        for rid, doc in known.items():
            if args.all or rid in wanted:
                print(stamp_file(args.root / doc.path, doc.path, langs, args.status))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    if args.practice == (args.theme is not None):
        print("name one kind of record; allowed: --theme <id> for a recommendation (e.g. --theme rights), "
              "or --practice for a practice (with --language ar, en or fr)", file=sys.stderr)
        return 2
    try:
        path = scaffold_practice(args.root, args.language) if args.practice else scaffold(
            args.root, args.theme, args.source)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(path.relative_to(args.root).as_posix())
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    """Make the PDFs of a built site again (a tool: `mkdocs build` writes them already)."""
    from .pdf import write_pdfs

    written = write_pdfs(args.site)
    if not written:
        print(f"no printable pages under {args.site}; run `SITE_URL=http://127.0.0.1:8000/ mkdocs build` first "
              "(SITE_URL: the address the site will have)", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def cmd_changed_pages(args: argparse.Namespace) -> int:
    """A pull request's preview: the pages that read differently from the base build to the head build."""
    from .preview import make_preview
    from .sitediff import compare_sites

    missing = [str(site) for site in (args.base_site, args.head_site) if not (site / "index.html").is_file()]
    if missing:
        print(f"{', '.join(missing)}: not a built site (no index.html); build each first, "
              "e.g. `SITE_URL=http://127.0.0.1:8000/ mkdocs build -d DIR`, or run `./dev preview BASE_REF`",
              file=sys.stderr)
        return 2
    preview = make_preview(compare_sites(args.base_site, args.head_site), args.head_site, args.out,
                           args.screenshots, args.base)
    print(preview.markdown(), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gcmkb", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."),
                        help=f"project root holding {COLLECTION_DIR}/ (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="validate the whole collection, print every problem")
    validate.add_argument("--since", metavar="REV", help="also require a redirect for every id published "
                          "at this git revision that is gone (pull requests: the base branch)")
    stamp = sub.add_parser("stamp", help="mark translations as made from the current Arabic")
    stamp.add_argument("ids", nargs="*", metavar="id|lang",
                       help="record ids (r07, data), then optionally languages (en, fr); or --all")
    stamp.add_argument("--all", action="store_true", help="every recommendation and theme")
    stamp.add_argument("--lang", action="append", choices=TRANSLATED_LANGUAGES, default=[],
                       help="language(s) to stamp (default: en and fr)")
    stamp.add_argument("--status", choices=("draft", "reviewed"),
                       help="also set the status (e.g. reviewed after a review)")
    new = sub.add_parser("new", help="create a new recommendation (or practice) with the next free id")
    new.add_argument("--theme", help="a recommendation: the theme it belongs to (e.g. climate)")
    new.add_argument("--practice", action="store_true", help="a practice instead (recommendations/practices/)")
    new.add_argument("--language", choices=LANGUAGES, default="en",
                     help="the language the practice is written in (default: en)")
    new.add_argument("--source", help="the id of its source document (needed once there are several)")
    pdf = sub.add_parser("pdf", help="make the PDFs of a built site's printable pages again, without the "
                         "cache (WeasyPrint; `mkdocs build` writes them already)")
    pdf.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    changed = sub.add_parser("changed-pages", help="a pull request's preview: the pages whose content differs "
                             "between two builds, by language, with screenshots at phone width")
    changed.add_argument("base_site", type=Path, help="the base branch's built site")
    changed.add_argument("head_site", type=Path, help="the pull request's built site")
    changed.add_argument("--out", type=Path, default=Path("preview"),
                         help="where report.md, report.html and screenshots/ go (default: preview)")
    changed.add_argument("--screenshots", type=int, default=SCREENSHOT_LIMIT, metavar="N",
                         help=f"screenshots of the first N pages at most (default: {SCREENSHOT_LIMIT}; 0: none)")
    changed.add_argument("--base", default="", help="what the base site was built from (a git ref), for the report")
    args = parser.parse_args(argv)
    handlers = {"validate": cmd_validate, "stamp": cmd_stamp, "pdf": cmd_pdf, "new": cmd_new,
                "changed-pages": cmd_changed_pages}
    return handlers[args.command](args)
