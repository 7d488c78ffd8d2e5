"""Line-aware, safe YAML loading.

PyYAML's constructors forget where a value came from and silently keep the last of two
duplicate keys. We compose the node tree ourselves so that every value keeps its line and
duplicate keys become problems, and so that no YAML input can end in a traceback.
The parser's own words ("expected <block end>, but found '<block mapping start>'") are
translated into what an editor did: a line indented differently, a tab, a missing space after
a colon, an unclosed quote or bracket, a colon or comma inside unquoted text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .hints import slipped_language_line
from .problems import Problem

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
                              + _quoted(key, ", ".join([value_node.value, *run])))
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


# --- syntax errors in an editor's words ---------------------------------------------------------

INDENTATION = ("this line is indented differently from the lines around it; allowed: the indentation of "
               "the other fields at its level, two spaces per level")
CONTINUED_TEXT = ("this line continues the text above but is indented less than it; allowed: indent the rest "
                  "of a text more than its name, or keep the text on one line")
UNREADABLE = ("this line cannot be read as YAML; allowed: 'name: value' lines indented by two spaces per "
              "level, with quotes around a text that holds ': ' or ' #' or starts with a quote or bracket")
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?([\w-]+):[ \t]+(.*?)\s*$")
_GLUED = re.compile(r"^\s*(?:-\s+)?([\w-]+):([^\s:]\S*)")
_KEY_ONLY = re.compile(r"^\s*(?:-\s+)?[\w-]+$")
_RESERVED_FIRST = "@`%*&!|>,]}"  # a plain text cannot start with these
_BLOCK_TEXT = re.compile(r"^[|>][+-]?\d*$")  # `text: |` then indented lines is fine


@dataclass(frozen=True)
class SyntaxComplaint:
    """The parser's complaint, with the lines it is about (0-based, as PyYAML counts)."""

    context: str
    problem: str
    line: int
    column: int
    context_line: int
    text: str

    def source(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line] if 0 <= line < len(lines) else ""

    def continues_a_text(self, line: int) -> bool:
        """Whether the line above is `name: some text`, which this line seems to go on with."""
        above = _KEY_VALUE.match(self.source(line - 1))
        return above is not None and above[2][:1] not in "[{'\"|>#"

    def quoting_hint(self, line: int, fallback: str) -> str:
        found = _KEY_VALUE.match(self.source(line))
        return f"quote the whole text, as in {_quoted(found[1], found[2])}" if found else fallback


Explanation = tuple[int, str]  # 0-based line, message


def _tab(c: SyntaxComplaint) -> Explanation | None:
    if "'\\t'" not in c.problem:
        return None
    return c.line, "this line holds a tab character where YAML expects spaces; allowed: spaces only, two per level"


def _unclosed_quote(c: SyntaxComplaint) -> Explanation | None:
    if c.context != "while scanning a quoted scalar":
        return None
    return c.context_line, ("the quote opened on this line is never closed; allowed: end the text with the "
                            "same quote mark, as in \"…\" or '…'")


def _escape(c: SyntaxComplaint) -> Explanation | None:
    if c.context != "while scanning a double-quoted scalar":
        return None
    return c.line, ("a backslash inside \"…\" starts an escape sequence; allowed: \\\\ for a backslash, "
                    "or the text in single quotes '…'")


def _flow_collection(c: SyntaxComplaint) -> Explanation | None:
    if c.context not in ("while parsing a flow sequence", "while parsing a flow mapping"):
        return None
    pair = "[]" if "sequence" in c.context else "{}"
    if c.line > c.context_line:
        return _never_closed(c.context_line, pair)
    return c.line, (f"a text inside {pair[0]}…{pair[1]} holds a ':' or a quote; allowed: quote a text that holds "
                    "':', ',', a quote or a bracket")


def _never_closed(line: int, pair: str) -> Explanation:
    return line, (f"the '{pair[0]}' opened on this line is never closed; allowed: close it with '{pair[1]}' "
                  "on the same line")


def _open_at_the_end(c: SyntaxComplaint) -> Explanation | None:
    """The file ends inside [ or {: name the line of the bracket left open."""
    if "<stream end>" not in c.problem:
        return None
    depth: list[yaml.Token] = []
    for token in _tokens_before(c.text, c.line, c.column + 1):
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            depth.append(token)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and depth:
            depth.pop()
    if not depth:
        return None
    opener = depth[-1]
    return _never_closed(opener.start_mark.line, "[]" if isinstance(opener, yaml.FlowSequenceStartToken) else "{}")


def _missing_colon(c: SyntaxComplaint) -> Explanation | None:
    if c.problem != "could not find expected ':'":
        return None
    glued = _GLUED.match(c.source(c.context_line))
    if glued:
        return c.context_line, (f"no space after the ':' in '{glued[1]}:{glued[2]}'; allowed: a space after "
                                f"the colon, as in '{glued[1]}: {glued[2]}'")
    if " " in c.source(c.context_line).strip() and c.continues_a_text(c.context_line):
        return c.context_line, CONTINUED_TEXT
    return c.context_line, "this line has no ':' after its name; allowed: name: value"


def _colon_in_text(c: SyntaxComplaint) -> Explanation | None:
    if c.problem != "mapping values are not allowed here":
        return None
    line = c.source(c.line)
    above = next((c.source(n) for n in range(c.line - 1, -1, -1) if c.source(n).strip()), "")
    if _KEY_ONLY.match(line[:c.column]) and _indent(line) > _indent(above):
        return c.line, INDENTATION
    return c.line, ("a ': ' inside a text that is not in quotes; allowed: "
                    + c.quoting_hint(c.line, "put the whole text in quotes"))


def _unexpected_at_block_end(c: SyntaxComplaint) -> Explanation | None:
    if not c.problem.startswith("expected <block end>, but found"):
        return None
    found = c.problem.rsplit("found ", 1)[1].strip("'")
    if found in ("<block mapping start>", "<block sequence start>", "?"):
        return c.line, INDENTATION
    if found == "-":
        return c.line, ("a list item where a field is expected; allowed: list items under a field that has "
                        "no value on its own line (notes:, then  - …)")
    if found in ("]", "}"):
        return c.line, f"this '{found}' closes nothing; allowed: brackets in pairs, on one line"
    closing = next(iter(_tokens_before(c.text, c.line, c.column)[-1:]), None)
    if closing is None or closing.end_mark.line != c.line:
        return (c.line, CONTINUED_TEXT) if found == "<scalar>" and c.continues_a_text(c.line) else None
    if isinstance(closing, yaml.ScalarToken) and closing.style in ("'", '"'):
        start = closing.start_mark.line
        if start < c.line:
            return start, (f"the quote opened on this line closes only on line {c.line + 1}, where more text "
                           "follows it; allowed: close the quote on the line it opens, and write '' for an "
                           "apostrophe inside '…'")
        return c.line, ("more text follows the closing quote; allowed: "
                        + c.quoting_hint(c.line, "put the whole text in quotes"))
    if isinstance(closing, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
        return c.line, ("more text follows the closing bracket; allowed: "
                        + c.quoting_hint(c.line, "quote a text that starts with a bracket"))
    return None


def _reserved_first_character(c: SyntaxComplaint) -> Explanation | None:
    found = _KEY_VALUE.match(c.source(c.line))
    if not found or found[2][:1] not in _RESERVED_FIRST or _BLOCK_TEXT.match(found[2]):
        return None
    return c.line, (f"a text cannot start with '{found[2][0]}' unless it is in quotes; allowed: "
                    f"quote the whole text, as in {_quoted(found[1], found[2])}")


def _second_document(c: SyntaxComplaint) -> Explanation | None:
    if c.context != "expected a single document in the stream":
        return None
    return c.line, "a second document starts here; allowed: one record per file, without a '---' line"


def _slipped_language(c: SyntaxComplaint) -> Explanation | None:
    """A language key indented like the fields, with more languages after it (hints.py)."""
    if not c.problem.startswith(("expected <block end>", "mapping values are not allowed here")):
        return None
    return slipped_language_line(c.text.splitlines(), c.line)


_EXPLANATIONS: tuple[Callable[[SyntaxComplaint], Explanation | None], ...] = (
    _tab, _unclosed_quote, _escape, _second_document, _open_at_the_end, _flow_collection, _missing_colon,
    _slipped_language, _colon_in_text, _reserved_first_character, _unexpected_at_block_end)


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The 1-based line and an editor's account of a YAML syntax error."""
    problem_mark = exc.problem_mark or exc.context_mark
    context_mark = exc.context_mark or exc.problem_mark
    complaint = SyntaxComplaint(
        context=(exc.context or "").strip(), problem=(exc.problem or "").strip(),
        line=problem_mark.line if problem_mark else 0, column=problem_mark.column if problem_mark else 0,
        context_line=context_mark.line if context_mark else 0, text=text)
    for explain in _EXPLANATIONS:
        found = explain(complaint)
        if found is not None:
            return found[0] + 1, found[1]
    return complaint.line + 1, UNREADABLE


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted(key: str, text: str) -> str:
    """`key: "text"` as an editor would write it: single quotes when the text holds a double quote."""
    if '"' in text and "'" not in text:
        return f"{key}: '{text}'"
    return f"{key}: \"" + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tokens_before(text: str, line: int, column: int) -> list[yaml.Token]:
    """The tokens the scanner read before (line, column)."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (token.start_mark.line, token.start_mark.column) >= (line, column):
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


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
