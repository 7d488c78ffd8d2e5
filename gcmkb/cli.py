"""Command line: `python -m gcmkb validate|stamp|new` (see --help)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import TRANSLATED_LANGUAGES
from .catalog import check_collection, read_all
from .history import removed_without_redirect
from .layout import COLLECTION_DIR
from .problems import errors_in
from .scaffold import scaffold
from .stamping import stamp_file


def cmd_validate(args: argparse.Namespace) -> int:
    catalog, problems = check_collection(args.root)
    if catalog is not None and args.since:
        problems = sorted(problems + removed_without_redirect(args.root, args.since, catalog))
    for problem in problems:
        print(problem)
    errors = errors_in(problems)
    if errors:
        print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)", file=sys.stderr)
        return 1
    assert catalog is not None
    print(f"ok: {len(catalog.recommendations)} recommendations, {len(catalog.themes)} themes, "
          + ", ".join(f"{len(v)} {k}" for k, v in catalog.taxonomies.items())
          + (f"; {len(problems)} warning(s)" if problems else ""))
    return 0


def cmd_stamp(args: argparse.Namespace) -> int:
    loaded = read_all(args.root)
    docs = [d for kind in ("recommendation", "theme") for d in loaded.docs.get(kind, [])]
    wanted = set(args.ids)
    chosen = [d for d in docs if args.all or (isinstance(d.data, dict) and d.data.get("id") in wanted)]
    missing = wanted - {d.data.get("id") for d in chosen if isinstance(d.data, dict)}
    if missing:
        print(f"unknown id(s): {', '.join(sorted(missing))}", file=sys.stderr)
        return 2
    langs = tuple(args.lang) or TRANSLATED_LANGUAGES
    try:
        for doc in chosen:
            print(stamp_file(args.root / doc.path, doc.path, langs, args.status))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    try:
        path = scaffold(args.root, args.theme)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(path.relative_to(args.root).as_posix())
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from .pdf import write_pdfs

    written = write_pdfs(args.site)
    if not written:
        print(f"no printable pages under {args.site}; run `mkdocs build` first", file=sys.stderr)
        return 1
    for path in written:
        print(path)
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
    stamp.add_argument("ids", nargs="*", help="record ids (r07, data); or --all")
    stamp.add_argument("--all", action="store_true", help="every recommendation and theme")
    stamp.add_argument("--lang", action="append", choices=TRANSLATED_LANGUAGES, default=[],
                       help="language(s) to stamp (default: en and fr)")
    stamp.add_argument("--status", choices=("draft", "reviewed"),
                       help="also set the status (e.g. reviewed after a review)")
    new = sub.add_parser("new", help="create a new recommendation with the next free id")
    new.add_argument("--theme", required=True, help="the theme it belongs to (e.g. climate)")
    pdf = sub.add_parser("pdf", help="make the PDFs of the built site's printable pages (WeasyPrint)")
    pdf.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    args = parser.parse_args(argv)
    handlers = {"validate": cmd_validate, "stamp": cmd_stamp, "pdf": cmd_pdf, "new": cmd_new}
    return handlers[args.command](args)
