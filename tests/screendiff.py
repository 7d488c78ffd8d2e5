"""Screenshots compared with their references (tests/references/), with Pillow only.

A pixel differs when it lies further than THRESHOLD (in any channel, out of 255) outside the range
of the other image's 3-by-3 neighbourhood around it, looked at both ways: anti-aliasing (a glyph's
edge one pixel over, a slightly different shade) passes; a changed word, colour, margin of two
pixels or more, or a marker added to a list does not. A screen fails when more than ALLOWED pixels
differ. References are stored as optimised 256-colour PNGs (save_reference); accepting rewrites only
those that differ, so a review shows only the screens that changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

THRESHOLD = 48  # per channel: anti-aliasing and hinting shade edges by less, with a neighbour in range
ALLOWED = 16  # differing pixels a screen may have (stray pixels of subpixel positioning); a letter has more
MARK = (230, 0, 60)  # the colour of a differing pixel in a difference image


@dataclass(frozen=True)
class Comparison:
    pixels: int  # differing pixels (every pixel when the sizes differ)
    sizes: tuple[tuple[int, int], tuple[int, int]]
    mask: Image.Image | None  # "L": 255 where a pixel differs; None when the sizes differ

    @property
    def same(self) -> bool:
        return self.sizes[0] == self.sizes[1] and self.pixels <= ALLOWED


def _beyond(image: Image.Image, other: Image.Image) -> Image.Image:
    """How far each channel of `image` lies outside the range of `other`'s neighbourhood."""
    low, high = other.filter(ImageFilter.MinFilter(3)), other.filter(ImageFilter.MaxFilter(3))
    return ImageChops.lighter(ImageChops.subtract(image, high), ImageChops.subtract(low, image))


def compare(new: Image.Image, reference: Image.Image) -> Comparison:
    new, reference = new.convert("RGB"), reference.convert("RGB")
    sizes = (new.size, reference.size)
    if new.size != reference.size:
        return Comparison(new.width * new.height, sizes, None)
    excess = ImageChops.lighter(_beyond(new, reference), _beyond(reference, new))
    red, green, blue = excess.split()
    mask = ImageChops.lighter(ImageChops.lighter(red, green), blue).point(lambda v: 255 if v > THRESHOLD else 0)
    return Comparison(mask.histogram()[255], sizes, mask)


def difference_image(new: Image.Image, comparison: Comparison) -> Image.Image:
    """The new screen faded, with every differing pixel in MARK: where to look."""
    faded = Image.blend(new.convert("RGB"), Image.new("RGB", new.size, "white"), 0.7)
    if comparison.mask is None:
        return faded
    faded.paste(Image.new("RGB", new.size, MARK), mask=comparison.mask)
    return faded


def save_reference(image: Image.Image, path: Path) -> None:
    """An optimised PNG of 256 colours (octree, no dithering), kept only if it still matches the
    screen pixel for pixel within the tolerance; else the screen's own colours. On this site's
    screens the palette is at most 15 levels off in a channel (a third of THRESHOLD), and the 162
    references take 4.7 MB instead of 16."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = image.convert("RGB")
    reduced = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    kept = reduced if compare(reduced, image).pixels == 0 else image
    kept.save(path, format="PNG", optimize=True)


def accept(new: Path, reference: Path) -> bool:
    """Make `new` the reference unless it already matches: True when the reference was written."""
    with Image.open(new) as image:
        if reference.exists():
            with Image.open(reference) as old:
                if compare(image, old).same:
                    return False
        save_reference(image, reference)
    return True
