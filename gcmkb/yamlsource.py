"""Line-aware, safe YAML loading.

PyYAML's constructors forget where a value came from and silently keep the last of two
duplicate keys. We compose the node tree ourselves so that every value keeps its line and
duplicate keys become problems, and so that no YAML input can end in a traceback.
The parser's own words ("expected <block end>, but found '<block mapping start>'") are
translated into what an editor did: a line indented differently, a tab, a missing space after
a colon, an unclosed quote or bracket, a colon or comma inside unquoted text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .yamlsyntax import explain_syntax_error, quoted

JsonPath = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML file: its plain data and the line of every value in it."""

    path: str
    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)

    def line_of(self, path: JsonPath) -> int:
        """The line of `path`, or of its nearest ancestor that exists."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return 1


def format_path(path: JsonPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


class _Builder:
    def __init__(self, loader: Any, doc: Document):
        self.loader = loader
        self.doc = doc
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, path: JsonPath) -> Any:
        self.doc.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        strays = _colon_less_keys(node)
        self._report_strays(node, path, strays)
        for i, (key_node, value_node) in enumerate(node.value):
            if i in strays:
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, format_path(path), "a key must be a plain name; "
                              "allowed: a scalar key such as 'title'")
                continue
            key = self.loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                first = self.doc.lines.get(path + (key,), 0)
                self._problem(key_node, format_path(path + (key,)),
                              f"duplicate key (first defined on line {first}); "
                              "allowed: each key once per mapping")
                continue
            out[key] = self.build(value_node, path + (key,))
            # the value's line is where its key stands, which is what an editor looks for
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return out

    def _report_strays(self, node: yaml.MappingNode, path: JsonPath, strays: set[int]) -> None:
        """`{en: Regional data, platforms}`: the comma ended the text and 'platforms' became a key."""
        for first in sorted(i for i in strays if i - 1 not in strays):
            last = first
            while last + 1 in strays:
                last += 1
            run = [str(node.value[i][0].value) for i in range(first, last + 1)]
            key_node, value_node = node.value[first - 1] if first else node.value[first]
            if first and isinstance(value_node, yaml.ScalarNode) and not value_node.style and value_node.value:
                key = str(key_node.value)
                became = "a key of its own" if len(run) == 1 else "keys of their own"
                self._problem(key_node, format_path(path + (key,)),
                              f"a comma inside {{…}} ended this text, and {', '.join(map(repr, run))} became "
                              f"{became}; allowed: quote a text that holds a comma, as in "
                              + quoted(key, ", ".join([value_node.value, *run])))
            else:
                self._problem(node.value[first][0], format_path(path + (run[0],)),
                              "a key without a value inside {…}; allowed: name: value pairs separated by "
                              "commas, with quotes around a text that holds a comma")

    def _problem(self, node: yaml.Node, fieldname: str, message: str) -> None:
        self.problems.append(Problem(self.doc.path, node.start_mark.line + 1, fieldname, message))


def _colon_less_keys(node: yaml.MappingNode) -> set[int]:
    """Entries of a flow mapping written without ':' (their empty value starts where the key ends)."""
    if not node.flow_style:
        return set()
    return {i for i, (key, value) in enumerate(node.value)
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
            and value.tag.endswith(":null") and value.value == ""
            and (value.start_mark.line, value.start_mark.column) == (key.end_mark.line, key.end_mark.column)}


# libyaml parses valid files several times faster; on any error the pure-Python parser runs
# again, for its clearer messages (which the tests pin) and identical behaviour.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def parse_text(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document; return it with its line map, or the problems that stop it."""
    if _FAST_LOADER is not None:
        doc = Document(path=path, data=None)
        fast = None
        try:
            fast = _FAST_LOADER(text)
            node = fast.get_single_node()
            if node is not None:
                builder = _Builder(fast, doc)
                doc.data = builder.build(node, ())
                return doc, builder.problems
        except Exception:
            pass
        finally:
            if fast is not None:
                fast.dispose()
    return _parse_carefully(text, path)


def _parse_carefully(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    doc = Document(path=path, data=None)
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)  # the reader already rejects control characters here
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(path, 1, "yaml", "the file is empty; allowed: one YAML mapping")]
        builder = _Builder(loader, doc)
        doc.data = builder.build(node, ())
        return doc, builder.problems
    except yaml.MarkedYAMLError as exc:
        line, message = explain_syntax_error(exc, text)
        return None, [Problem(path, line, "syntax", message)]
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark
        return None, [Problem(path, _reader_line(text, exc), "yaml", f"{_reader_message(exc)}; "
                              "allowed: printable UTF-8 text")]
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:
        # e.g. a timestamp or number PyYAML resolves but cannot construct
        return None, [Problem(path, 1, "yaml", f"cannot read a value ({exc.__class__.__name__}); "
                              "allowed: plain strings, numbers, lists and mappings")]
    finally:
        if loader is not None:
            loader.dispose()


def _reader_line(text: str, exc: yaml.YAMLError) -> int:
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return text.count("\n", 0, position) + 1
    return 1


def _reader_message(exc: yaml.YAMLError) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, str):
        return f"unacceptable character U+{ord(character):04X}"
    return "unreadable character"


def read_document(file: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse a file, turning encoding errors into problems too."""
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(display, line, "encoding",
                              f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_text(text, display)
