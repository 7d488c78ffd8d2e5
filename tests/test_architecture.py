"""The shape of the code: a core with no import circles that knows nothing of MkDocs.

Read from the source with `ast`, not by importing: every import counts, at the top of a module,
inside a function or under `TYPE_CHECKING` (a circle hidden inside a function is still a circle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The generator, its theme and its plugins belong to the adapter (hooks/). Jinja itself is no
# generator: the core renders its own pull request report with it (preview.py).
GENERATOR_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n")


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def core_modules(root: Path = ROOT) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted((root / "gcmkb").rglob("*.py"))}


def imported_names(module: str, path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the module, wherever it stands."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:  # `from . import routes` imports the module gcmkb.routes
                yield node.lineno, f"{base}.{alias.name}"


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Which core module imports which. Importing `gcmkb.views.base` from outside the package
    first runs `gcmkb/views/__init__.py`: an edge to the package too (not from its own modules,
    which run while the package is being made)."""
    modules = core_modules(root)
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = graph.setdefault(module, set())
        for _, name in imported_names(module, path):
            parts = name.split(".")
            for end in range(2, len(parts) + 1):
                target = ".".join(parts[:end])
                is_package_of_module = end < len(parts) and (module + ".").startswith(target + ".")
                if target in modules and target != module and not is_package_of_module:
                    targets.add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle per strongly connected group of modules (Tarjan), as a path back to its start."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_within(graph, group) for group in groups]


def describe(graph: dict[str, set[str]], circle: list[str]) -> str:
    """The circle, and the other modules of its group (each reaches the circle and back)."""
    start = circle[0]
    others = sorted(member for member in graph if member not in circle
                    and _reaches(graph, member, start) and _reaches(graph, start, member))
    return " -> ".join(circle) + (f" (and through {', '.join(others)})" if others else "")


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, queue = {start}, [start]
    while queue:
        for target in graph[queue.pop()]:
            if target == goal:
                return True
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return start == goal


def _path_within(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """The shortest way from the group's first module back to itself, through the group."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no circle through {sorted(group)}")


def test_the_core_has_no_import_circles() -> None:
    graph = import_graph()
    found = [describe(graph, circle) for circle in circles(graph)]
    assert found == [], "import circles in the core:\n" + "\n".join(found)


def test_the_circle_finder_names_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert circles(graph) == [["a", "b", "c", "a"]]


def test_a_module_of_a_package_imported_from_outside_runs_the_package_first(tmp_path: Path) -> None:
    """glossary -> views.base means glossary -> views, whose __init__ imports views.records; the
    package's own modules importing each other are no circle."""
    sources = {"__init__.py": "", "glossary.py": "from .views.base import View\n",
               "views/__init__.py": "from .records import view\n",
               "views/records.py": "from ..glossary import term\nfrom .base import View\n",
               "views/base.py": "View = dict\n"}
    for name, text in sources.items():
        (tmp_path / "gcmkb" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "gcmkb" / name).write_text(text, "utf-8")
    graph = import_graph(tmp_path)
    assert [describe(graph, circle) for circle in circles(graph)] == [
        "gcmkb.glossary -> gcmkb.views -> gcmkb.views.records -> gcmkb.glossary"]
    (tmp_path / "gcmkb" / "views" / "records.py").write_text("from .base import View\n", "utf-8")
    assert circles(import_graph(tmp_path)) == []


def test_imports_inside_functions_and_type_checking_count(tmp_path: Path) -> None:
    source = tmp_path / "gcmkb" / "views" / "records.py"
    source.parent.mkdir(parents=True)
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..termbase import Term\n"
                      "def f():\n    from .. import glossary\n    from .base import crumbs\n", "utf-8")
    names = {name for _, name in imported_names("gcmkb.views.records", source)}
    assert {"gcmkb.termbase", "gcmkb.glossary", "gcmkb.views.base"} <= names  # (a module of the test, not of gcmkb)


def test_the_core_imports_nothing_of_the_generator() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}: imports {name}"
             for module, path in core_modules().items()
             for line, name in imported_names(module, path)
             if name.split(".")[0] in GENERATOR_PACKAGES]
    assert found == [], "the core must not know MkDocs, its theme or its plugins:\n" + "\n".join(found)


# --- size: a module is read in one sitting ------------------------------------------------------

LINE_LIMIT = 300
# Over the limit while a change splits it; the test fails once it is not, so the exception goes.
BEING_SPLIT: set[str] = set()


def modules_over(root: Path, limit: int = LINE_LIMIT) -> dict[str, int]:
    """The modules of the core and of the adapter longer than `limit` lines, with their length."""
    lengths = {path.relative_to(root).as_posix(): len(path.read_text("utf-8").splitlines())
               for folder in ("gcmkb", "hooks") for path in sorted((root / folder).rglob("*.py"))}
    return {name: lines for name, lines in lengths.items() if lines > limit}


def test_no_module_passes_300_lines() -> None:
    over = modules_over(ROOT)
    assert {name: lines for name, lines in over.items() if name not in BEING_SPLIT} == {}, (
        f"split these by responsibility (limit: {LINE_LIMIT} lines)")
    done = sorted(BEING_SPLIT - set(over))
    assert done == [], f"no longer over the limit: remove {done} from BEING_SPLIT"


def test_the_size_check_names_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "gcmkb" / "views").mkdir(parents=True)
    (tmp_path / "hooks").mkdir()
    (tmp_path / "gcmkb" / "views" / "long.py").write_text("x = 1\n" * 301, "utf-8")
    (tmp_path / "gcmkb" / "short.py").write_text("x = 1\n" * 300, "utf-8")
    (tmp_path / "hooks" / "kb.py").write_text("x = 1\n" * 302, "utf-8")
    assert modules_over(tmp_path) == {"gcmkb/views/long.py": 301, "hooks/kb.py": 302}
