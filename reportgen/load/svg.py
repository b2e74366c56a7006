"""SVG files read into reportlab drawings (svglib), once per file version, and never online.

An SVG is parsed when it is first met — by the loader checking a figure, by the brand's
logo check, or by a renderer — and the result is kept for the rest of the process, keyed
by path, modification time and size: a handout and a deck built together parse it once.
svglib and lxml are imported here only, and only when a document or brand has an SVG.

Nothing is fetched: lxml reads no DTD, resolves no entity and opens no network address;
svglib skips CSS ``@import`` and ``@font-face`` rules, resolves ``<image>``/``<use>``
references only as files, refuses absolute paths and (``external_reference_root``) paths
that leave the SVG's folder, and looks for fonts only in the table below (its own lookup
would run ``fc-match`` and embed whatever the machine has, so output would differ from
machine to machine). A reference to a web address is left out with a warning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportgen.errors import ReportgenError

PT_PER_PX = 0.75  # a CSS pixel (svglib's user unit) in points
SUFFIXES = (".svg", ".svgz")
HINT = "check that it opens in a web browser, or export it as PNG"
NO_SIZE = "give the <svg> element a width and height, or a viewBox"
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_REMOTE = r"^[a-z][a-z0-9+.-]*:"  # an address with a scheme (compiled on use: re caches it)


@dataclass(frozen=True, slots=True)
class Svg:
    """One SVG as a reportlab ``Drawing`` (shared: never change it), its natural size in
    points, a digest of its bytes (names it inside a PDF), and what may not show as drawn."""

    drawing: Any
    width: float
    height: float
    digest: str
    notes: tuple[str, ...] = ()

    @property
    def size_px(self) -> tuple[float, float]:
        """The natural size in CSS pixels, as an image's size is given in pixels."""
        return self.width / PT_PER_PX, self.height / PT_PER_PX


def is_svg(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def load_svg(path: Path, what: str = "image", written: str = "") -> Svg:
    """The SVG at ``path``, parsed on first use; else a ``ReportgenError`` (no location:
    the caller knows it) saying ``{what} '{written}' cannot be read as SVG: <why>``."""
    try:
        info = path.stat()
    except OSError:
        raise ReportgenError(f"{what} '{written or path.name}' not found", hint="check the path") from None
    parsed = _parse(str(path), info.st_mtime_ns, info.st_size)
    if isinstance(parsed, tuple):
        why, hint = parsed
        raise ReportgenError(f"{what} '{written or path.name}' cannot be read as SVG: {why}", hint=hint)
    return parsed


@lru_cache(maxsize=128)
def _parse(path: str, mtime_ns: int, size: int) -> Svg | tuple[str, str]:
    """The SVG, or why it cannot be read and how to fix it (cached too: a broken file is
    reported at each use, read once)."""
    import gzip
    import hashlib

    from lxml import etree

    try:
        data = Path(path).read_bytes()
        if data[:2] == b"\x1f\x8b":  # .svgz
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        return f"cannot read the file ({exc})", HINT
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser, base_url=path)
    except etree.XMLSyntaxError as exc:
        return (f"not XML ({exc.msg})" if data.strip() else "the file is empty"), HINT
    name = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if name != "svg" or etree.QName(root).namespace not in (None, _SVG_NS):
        return f"its root element is <{name}>, not <svg>", HINT
    with _svglib_log() as messages:
        drawing = _convert(path, root)
    if isinstance(drawing, str):
        return drawing, HINT
    width, height = float(drawing.width), float(drawing.height)
    if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
        return "it has no size", NO_SIZE
    hrefs = list(_references(root))
    notes = [f"it refers to '{href}', which is not fetched" for href in hrefs if re.match(_REMOTE, href, re.I)]
    notes += [f"svglib: {message}" for message in dict.fromkeys(messages)]
    digest = hashlib.blake2b(data, digest_size=8)
    if any(not re.match(_REMOTE, href, re.I) for href in hrefs):  # the same bytes elsewhere may show other files
        digest.update(path.encode())
    return Svg(drawing, width, height, digest.hexdigest(), tuple(notes))


def _convert(path: str, root: Any) -> Any:
    """svglib's drawing of ``root``. svglib has no error type of its own: whatever it raises
    on a file it cannot follow (a circular reference, a number it cannot read) is the file's
    problem, reported as such rather than as a crash."""
    from svglib.svglib import SvgRenderer

    folder = str(Path(path).parent)
    try:
        return SvgRenderer(path, font_map=_standard_fonts(), external_reference_root=folder).render(root)
    except Exception as exc:  # see the docstring
        return f"svglib cannot convert it ({type(exc).__name__}: {exc})"


def _references(root: Any) -> Iterator[str]:
    """The files and addresses the SVG's pictures refer to (not its own #parts, not data:);
    the ``href`` of a link (``<a>``) is where a click leads, not part of the picture."""
    for element in root.iter("*"):  # elements only, not processing instructions
        if _localname(element) not in ("image", "use", "feImage"):
            continue
        href = element.get(_XLINK_HREF) or element.get("href") or ""
        if href and not href.startswith(("#", "data:")):
            yield href


def _localname(element: Any) -> str:
    return str(element.tag).rpartition("}")[2]


@contextmanager
def _svglib_log() -> Iterator[list[str]]:
    """svglib's warnings, collected instead of printed (they become notes, then warnings)."""
    import logging

    logger = logging.getLogger("svglib")
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler, propagate = Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


_SERIF = {"serif", "times", "times new roman", "times-roman", "georgia", "garamond", "cambria", "liberation serif",
          "dejavu serif", "noto serif", "tinos"}
_MONO = {"monospace", "courier", "courier new", "consolas", "menlo", "monaco", "liberation mono",
         "dejavu sans mono", "noto sans mono", "source code pro", "cousine", "ui-monospace"}
_SANS = {"sans-serif", "helvetica", "arial", "liberation sans", "arimo", "dejavu sans", "verdana", "tahoma",
         "segoe ui", "calibri", "carlito", "roboto", "open sans", "noto sans", "system-ui", "-apple-system"}
_FACES = {"sans": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
          "serif": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
          "mono": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique")}


def _standard_face(font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
    """A PDF standard font for an SVG font family: serif families as Times, monospaced ones
    as Courier, any other as Helvetica. "Exact" for the families listed, so that in
    ``font-family: Brand, serif`` the generic ``serif`` wins over an unknown ``Brand``."""
    family = font_name.strip().strip("'\"").lower()
    kind = "serif" if family in _SERIF else "mono" if family in _MONO else "sans"
    weight = str(weight).strip().lower()
    bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    italic = str(style).strip().lower() in ("italic", "oblique")
    return _FACES[kind][int(bold) + 2 * int(italic)], family in _SERIF | _MONO | _SANS


@lru_cache(maxsize=1)
def _standard_fonts() -> Any:
    """svglib's font map, answering every lookup with ``_standard_face``: never a system font."""
    from svglib.fonts import FontMap

    class StandardFonts(FontMap):
        def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
            return _standard_face(font_name, weight, style)

    return StandardFonts()
