"""The visual gate's comparison (tests/screendiff.py) on small images, and the command that accepts
new references: the gate fails on a real difference and passes anti-aliasing noise."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageDraw

from .conftest import ROOT
from .screendiff import ALLOWED, MARK, accept, compare, difference_image


def crumbs(marker: bool = False, shade: int = 0, shift: int = 0) -> Image.Image:
    """A small breadcrumb: two words drawn as bars with anti-aliased edges, optionally a list
    number before each ("١ -"), edges shaded `shade` lighter or darker, everything `shift` px over."""
    image = Image.new("RGB", (80, 16), "white")
    draw = ImageDraw.Draw(image)
    for x in (10, 45):
        x += shift
        draw.rectangle((x, 5, x + 20, 10), fill=(11, 83, 148))
        edge = max(0, min(255, 140 + shade))
        draw.line((x - 1, 5, x - 1, 10), fill=(edge, edge, edge))  # the anti-aliased edges
        draw.line((x + 21, 5, x + 21, 10), fill=(edge, edge, edge))
        if marker:
            draw.rectangle((x - 8, 4, x - 6, 11), fill="black")  # the digit
            draw.line((x - 4, 8, x - 2, 8), fill="black")  # the dash
    return image


def test_a_number_added_to_the_breadcrumbs_fails_the_gate() -> None:
    result = compare(crumbs(marker=True), crumbs())
    assert not result.same
    assert result.pixels == 2 * (3 * 8 + 3) > ALLOWED


def test_anti_aliasing_noise_passes_the_gate() -> None:
    for new in (crumbs(shade=40), crumbs(shade=-40), crumbs(shift=1)):
        result = compare(new, crumbs())
        assert result.same and result.pixels == 0


def test_a_shift_of_two_pixels_or_another_size_fails_the_gate() -> None:
    assert not compare(crumbs(shift=2), crumbs()).same
    other = compare(crumbs().resize((80, 17)), crumbs())
    assert not other.same and other.sizes == ((80, 17), (80, 16))


def test_the_difference_image_marks_exactly_the_differing_pixels() -> None:
    new = crumbs(marker=True)
    result = compare(new, crumbs())
    marked = difference_image(new, result)
    assert dict((colour, n) for n, colour in marked.getcolors())[MARK] == result.pixels


def test_accepting_writes_a_reference_only_when_the_screen_differs(tmp_path: Path) -> None:
    new, reference = tmp_path / "new.png", tmp_path / "references" / "home-ar-390.png"
    crumbs(shade=20).save(new)
    assert accept(new, reference) is True  # no reference yet
    crumbs(shade=-20).save(new)
    assert accept(new, reference) is False  # within the tolerance: the reference stays as it was
    crumbs(marker=True).save(new)
    assert accept(new, reference) is True
    with Image.open(reference) as written:
        assert compare(written, crumbs(marker=True)).pixels == 0


def test_dev_accept_screens_runs_the_gate_in_accepting_mode() -> None:
    """`./dev accept-screens` (README, Quality gates) selects the gate and turns accepting on."""
    run = subprocess.run([str(ROOT / "dev"), "accept-screens", "--collect-only"], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "KB_ACCEPT_SCREENS=1: screens that differ from tests/references/ become the references" in run.stdout
    assert "test_every_screen_matches_its_reference" in run.stdout
    assert "test_no_header_or_title_is_cut" not in run.stdout  # only the gate
