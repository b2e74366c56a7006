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


def check_image(path: Path, written: str) -> tuple[int, int]:
    """Return the pixel size of a raster image, or raise a ``ReportgenError`` saying why not."""
    from PIL import Image, UnidentifiedImageError

    if not path.is_file():
        raise ReportgenError(f"image '{written}' not found", hint="check the path, relative to this file")
    if path.suffix.lower() == ".svg":
        raise ReportgenError(f"image '{written}' is SVG", hint="export it as PNG")
    try:
        with Image.open(path) as image:
            size, fmt = image.size, image.format
    except (UnidentifiedImageError, OSError):
        raise ReportgenError(f"'{written}' is not an image", hint=f"use one of: {', '.join(FORMATS)}") from None
    except Image.DecompressionBombError:
        raise ReportgenError(f"image '{written}' is too large", hint="scale it down") from None
    if fmt not in FORMATS:
        raise ReportgenError(f"image '{written}' is {fmt}", hint=f"use one of: {', '.join(FORMATS)}")
    if size[0] * size[1] > MAX_PIXELS:
        raise ReportgenError(
            f"image '{written}' is {size[0]}×{size[1]} pixels, over the 40-megapixel limit", hint="scale it down"
        )
    return size
