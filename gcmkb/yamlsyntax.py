"""YAML syntax errors in an editor's words: what PyYAML's complaint means on this line, and how to
write it instead."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from .hints import slipped_language_line

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
        return f"quote the whole text, as in {quoted(found[1], found[2])}" if found else fallback


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
                    f"quote the whole text, as in {quoted(found[1], found[2])}")


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


def quoted(key: str, text: str) -> str:
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
