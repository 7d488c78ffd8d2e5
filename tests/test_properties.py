"""Arbitrary input never crashes the loader: it yields problems, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcmkb.catalog import check_collection
from gcmkb.yamlsource import parse_text

from .conftest import FIXTURES

VALID = (FIXTURES / "mini/recommendations/r02.yml").read_text("utf-8")

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["r01", "alpha", "data", "ar", "en", "fr"]))
keys = st.one_of(st.sampled_from(["id", "theme", "source", "title", "text", "lead", "ar", "en", "fr",
                                  "related", "objectives", "translations", "status", "notes"]),
                 st.text(max_size=10))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(keys, inner, max_size=5)),
                         max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_reports(text: str) -> None:
    doc, problems = parse_text(text, "x.yml")
    assert doc is not None or problems
    for problem in problems:
        assert problem.path == "x.yml" and problem.line >= 1 and problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
                 st.tuples(st.integers(0, len(VALID)), st.integers(0, 40), st.text(max_size=20))
                 .map(lambda t: VALID[:t[0]] + t[2] + VALID[t[0] + t[1]:])))
def test_any_record_is_validated_without_crashing(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mini"
        shutil.copytree(FIXTURES / "mini", root)
        (root / "recommendations/r02.yml").write_text(text, "utf-8")
        catalog, problems = check_collection(root)
        assert catalog is not None or any(p.severity == "error" for p in problems)
        for problem in problems:
            assert str(problem).startswith("recommendations/")
