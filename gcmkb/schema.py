"""JSON Schema validation (draft 2020-12) with messages an editor can act on.

jsonschema's own messages name Python reprs; we translate each failing keyword into
`field: problem; allowed: ...`, taking the "allowed" part from the schema's descriptions,
so the schema stays the one place that says what is allowed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .hints import slipped_language_problems
from .problems import Problem
from .schemalanguages import for_registry
from .yamlsource import Document, JsonPath, format_path

SCHEMA_NAMES = ("recommendation", "theme", "source", "practice", "taxonomy", "terms")


def package_schema(name: str) -> dict[str, Any]:
    """A schema of the package (gcmkb/schemas/), in the languages of the registry."""
    text = resources.files("gcmkb").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return for_registry(json.loads(text))


@cache  # schemas are immutable package data, safe to share across builds
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(package_schema(name))


_JSON_TYPES = {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
               bool: "true/false", type(None): "nothing (empty value)"}


def _kind(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _allowed(error: ValidationError) -> str:
    return str(error.schema.get("description", "see the published schema")) if isinstance(
        error.schema, dict) else "see the published schema"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


Explain = Callable[[ValidationError], Iterator[tuple[JsonPath, str]]]


def _required(error: ValidationError) -> Iterator[tuple[JsonPath, str]]:
    path = tuple(error.absolute_path)
    props = error.schema.get("properties", {})
    for name in error.validator_value:
        if isinstance(error.instance, dict) and name not in error.instance:
            what = props.get(name, {}).get("description") or _allowed(error)
            yield path + (name,), f"required field is missing; expected {what}"


def _additional(error: ValidationError) -> Iterator[tuple[JsonPath, str]]:
    path = tuple(error.absolute_path)
    known = list(error.schema.get("properties", {}))
    for name in error.instance:
        if name not in known:
            yield path + (name,), f"unknown field; allowed fields: {', '.join(known)}"


def _simple(template: str) -> Explain:
    def explain(error: ValidationError) -> Iterator[tuple[JsonPath, str]]:
        value = error.instance
        size = len(value) if isinstance(value, (str, list, dict)) else 0
        yield tuple(error.absolute_path), template.format(
            value=_short(value), kind=_kind(value), size=size, limit=error.validator_value,
            allowed=_allowed(error))
    return explain


_EXPLAIN: dict[str, Explain] = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _simple("expected {allowed}, got {kind}"),
    "enum": _simple("{value} is not allowed; allowed: {allowed}"),
    "pattern": _simple("{value} is not valid; allowed: {allowed}"),
    "minLength": _simple("must not be empty; allowed: {allowed}"),
    "maxLength": _simple("too long ({size} characters); allowed: at most {limit} characters"),
    "minItems": _simple("needs at least {limit} item(s); allowed: {allowed}"),
    "uniqueItems": _simple("lists the same item twice; allowed: {allowed}"),
    "minimum": _simple("{value} is too small; allowed: {allowed}"),
    "maximum": _simple("{value} is too large; allowed: {allowed}"),
    "anyOf": _simple("{value} is not valid; allowed: {allowed}"),
    "oneOf": _simple("{value} is not valid; allowed: {allowed}"),
}


def validate_document(doc: Document, schema: str) -> list[Problem]:
    """Every schema problem of `doc`, with the line of the offending value."""
    problems: list[Problem] = []
    for error in _validator(schema).iter_errors(doc.data):
        explain = _EXPLAIN.get(str(error.validator))
        items = explain(error) if explain else iter([(tuple(error.absolute_path), error.message)])
        for path, message in items:
            problems.append(Problem(doc.path, doc.line_of(path), format_path(path), message))
    return sorted(set(slipped_language_problems(doc.data, problems)))
