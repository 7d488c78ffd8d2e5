from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the small valid fixture collection, safe to break."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target
