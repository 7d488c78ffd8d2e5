"""The forge's files (workflows, issue forms, issue-template config) against their published schemas.

The forge refuses an invalid issue form silently (the form is simply not offered), so they are
checked here with check-jsonschema's bundled copies of the schemas, offline.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from gcmkb.yamlsource import parse_text

from .conftest import ROOT

GITHUB = ROOT / ".github"
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
SCHEMA_OF = {  # check-jsonschema's builtin schema for each file
    **{p: "vendor.github-workflows" for p in WORKFLOWS},
    **{p: "vendor.github-issue-forms" for p in FORMS},
    GITHUB / "ISSUE_TEMPLATE/config.yml": "vendor.github-issue-config",
}

# check-jsonschema in a process where any attempt to reach the network fails loudly
OFFLINE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("check-jsonschema tried the network")
socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
from check_jsonschema import main
sys.argv[0] = "check-jsonschema"
main()
"""


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", OFFLINE, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_every_forge_file_has_a_schema() -> None:
    found = {p for p in GITHUB.rglob("*") if p.suffix in (".yml", ".yaml")}
    assert found == set(SCHEMA_OF), "a new file under .github/ needs its schema in SCHEMA_OF"
    assert FORMS and WORKFLOWS


@pytest.mark.parametrize("schema", sorted(set(SCHEMA_OF.values())))
def test_forge_files_match_their_published_schema_offline(schema: str) -> None:
    files = [str(p.relative_to(ROOT)) for p, s in SCHEMA_OF.items() if s == schema]
    started = time.monotonic()
    run = check_jsonschema("--builtin-schema", schema, *files)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "ok -- validation done"
    assert time.monotonic() - started < 30, "the bundled schemas should need no download"


def test_the_schema_check_catches_a_comma_inside_a_flow_mapping(tmp_path: Path) -> None:
    """The mistake that made the forge refuse the 'propose a recommendation' form."""
    form = GITHUB / "ISSUE_TEMPLATE/propose-recommendation.yml"
    quoted = 'description: "Section heading, page or bullet"'
    text = form.read_text("utf-8")
    assert quoted in text
    broken = tmp_path / "form.yml"
    broken.write_text(text.replace(quoted, "description: Section heading, page or bullet"), "utf-8")
    run = check_jsonschema("--builtin-schema", "vendor.github-issue-forms", str(broken))
    assert run.returncode == 1
    assert (f"{broken}::$.body[5].attributes: Additional properties are not allowed "
            "('page or bullet' was unexpected)") in run.stdout
    # the project's own reader says it in an editor's words
    _, problems = parse_text(broken.read_text("utf-8"), "form.yml")
    assert [str(p) for p in problems] == [
        "form.yml:26: body[5].attributes.description: a comma inside {…} ended this text, and "
        "'page or bullet' became a key of its own; allowed: quote a text that holds a comma, as in "
        'description: "Section heading, page or bullet"']


@pytest.mark.parametrize("path", sorted(SCHEMA_OF), ids=lambda p: p.name)
def test_forge_files_have_no_duplicate_keys_or_stray_commas(path: Path) -> None:
    """What a schema cannot see: a repeated key silently replaces the first."""
    doc, problems = parse_text(path.read_text("utf-8"), str(path.relative_to(ROOT)))
    assert doc is not None
    assert [str(p) for p in problems] == []
