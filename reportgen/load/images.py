"""Checking images at load time, so a renderer never meets a file it cannot draw.

Raster images are read by Pillow; SVG files by svglib (``load/svg.py``), parsed once and
kept for the renderers.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportgen.errors import ReportgenError
from reportgen.load.svg import is_svg, load_svg

MAX_PIXELS = 40_000_000  # 40 megapixels: far beyond print quality, and bounded memory
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")


def image_size(path: Path) -> tuple[float, float]:
    """Pixel width and height of an image already checked (logos, figures): read once. An
    SVG's is its natural size in CSS pixels (its width and height, else its viewBox)."""
    if is_svg(path):
        return load_svg(path).size_px
    return _raster_size(path)


@lru_cache(maxsize=64)
def _raster_size(path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as image:
        return image.size


def check_image(path: Path, written: str, what: str = "image") -> tuple[float, float]:
    """Return the pixel size of an image (raster or SVG), or raise a ``ReportgenError``
    saying why it cannot be shown; ``what`` names it in the message ("image", "logo")."""
    if not path.is_file():
        raise ReportgenError(f"{what} '{written}' not found", hint="check the path, relative to this file")
    if is_svg(path):
        return load_svg(path, what, written).size_px
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            size, fmt = image.size, image.format
    except (UnidentifiedImageError, OSError):
        raise ReportgenError(f"'{written}' is not an image", hint=f"use one of: {', '.join(FORMATS)}, SVG") from None
    except Image.DecompressionBombError:
        raise ReportgenError(f"{what} '{written}' is too large", hint="scale it down") from None
    if fmt not in FORMATS:
        raise ReportgenError(f"{what} '{written}' is {fmt}", hint=f"use one of: {', '.join(FORMATS)}, SVG")
    if size[0] * size[1] > MAX_PIXELS:
        raise ReportgenError(
            f"{what} '{written}' is {size[0]}×{size[1]} pixels, over the 40-megapixel limit", hint="scale it down"
        )
    return size


def svg_notes(path: Path, what: str, written: str) -> str:
    """For a checked image: why an SVG may not show as its author drew it (a part left out,
    a colour svglib cannot read), as one warning; ``""`` for a raster or a clean SVG."""
    notes = load_svg(path).notes if is_svg(path) else ()
    if not notes:
        return ""
    more = f" (and {len(notes) - 1} more)" if len(notes) > 1 else ""
    return f"{what} '{written}' may not show as intended: {notes[0]}{more}"


def figure_size(path: Path | None) -> tuple[float, float]:
    """A figure's size in pixels for the model, read once when it is loaded; (0, 0) if none."""
    return image_size(path) if path is not None else (0.0, 0.0)
