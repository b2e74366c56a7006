"""Fonts: registered once, measured in one place, for both renderers.

The PDF renderer embeds these TTFs and the slide planner measures with their advance widths,
so the two formats never disagree about whether a line fits. The widths are plain data
(``FaceMetrics``) kept in the user's cache: measuring a deck parses no font file.
reportlab is imported here lazily: ``reportgen --help`` never pays for it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Open fonts drawn to the same advance widths as fonts every PowerPoint has. A deck names
# the proprietary twin (so PowerPoint, Keynote and Google Slides use their own copy) and we
# measure with the open file (which LibreOffice substitutes for the twin).
METRIC_TWINS = {
    "Carlito": "Calibri",
    "Caladea": "Cambria",
    "Liberation Sans": "Arial",
    "Arimo": "Arial",
    "Liberation Serif": "Times New Roman",
    "Tinos": "Times New Roman",
    "Liberation Mono": "Courier New",
    "Cousine": "Courier New",
}
STYLES = ("regular", "bold", "italic", "bolditalic")


@dataclass(frozen=True, slots=True, eq=False)
class FaceMetrics:
    """The advance widths of one face in thousandths of an em, as reportlab reads them."""

    widths: dict[int, float]  # by code point; a code point missing here has no glyph
    default: float

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` in points (the sum reportlab's ``stringWidth`` makes). A
        character the face lacks is drawn by a viewer's fallback font: a wide one (CJK, most
        emoji) is counted a full em, as every such font sets it, so a slide is planned for it."""
        get = self.widths.get
        widths = [get(ord(c)) for c in text]
        if None in widths:
            widths = [w if w is not None else _fallback_width(c, self.default) for w, c in zip(widths, text)]
        return 0.001 * size * float(sum(widths))  # type: ignore[arg-type]


def _fallback_width(char: str, default: float) -> float:
    import unicodedata

    return max(1000.0, default) if unicodedata.east_asian_width(char) in ("W", "F") else default


@lru_cache(maxsize=None)
def read_metrics(path: Path, index: int = 0) -> FaceMetrics:
    """The widths of the face in ``path`` (font ``index`` of a collection). The fonts reportgen
    ships come measured (``prebuilt.py``); any other is parsed with reportlab the first time it
    is seen (~5 ms a face, in every process that measures), then read back from the user's
    cache, keyed like Python's own bytecode cache by the file's path, size and modification time."""
    from reportgen import prebuilt, state

    info = path.stat()
    shipped = prebuilt.face_metrics(path, index, info.st_size)
    if isinstance(shipped, FaceMetrics):
        return shipped
    key = state.text_digest(f"{path.resolve()}|{index}|{info.st_size}|{info.st_mtime_ns}")
    metrics = state.cache_get("metrics", key)
    if not isinstance(metrics, FaceMetrics):
        metrics = measure_face(path, index)
        state.cache_put("metrics", key, metrics)
    return metrics


def measure_face(path: Path, index: int = 0) -> FaceMetrics:
    """The widths of a face, read from its file by reportlab."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    face = TTFontFace(str(path), subfontIndex=index)
    return FaceMetrics(dict(face.charWidths), float(face.defaultWidth))


@dataclass(frozen=True, slots=True)
class FontFamily:
    """A family with a TTF file for each style (a missing style reuses the regular file), and
    the fonts that draw what it lacks (``fallback.py`` chooses them for each document)."""

    name: str  # the family as the brand names it, e.g. "Carlito"
    files: tuple[Path, Path, Path, Path]  # regular, bold, italic, bold italic
    fallbacks: tuple[FontFamily, ...] = ()  # tried in order for a character this family lacks
    index: int = 0  # the font's number in a collection (.ttc)

    def metrics(self, bold: bool = False, italic: bool = False) -> FaceMetrics:
        return read_metrics(self.files[bold + 2 * italic], self.index)

    def has(self, char: str) -> bool:
        return ord(char) in self.metrics().widths

    def runs(self, text: str) -> list[tuple[str, FontFamily]]:
        """``text`` cut where the font that draws it changes: this family where it has the
        glyph, else the first fallback that has it. A mark or a space stays with the character
        before it; a character no font has is drawn as ``REPLACEMENT`` by the first that can, and
        a joiner or variation selector its font lacks (the U+FE0F after "‼") is left out."""
        cmap = self.metrics().widths
        if all(ord(c) in cmap for c in text):
            return [(text, self)] if text else []
        out: list[tuple[str, FontFamily]] = []
        for char in text:
            font = self._font_for(char, cmap, out[-1][1] if out else self)
            if font is None:
                char, font = self.replacement()
            elif ord(char) in _JOINERS and ord(char) not in font.metrics().widths:
                continue  # invisible, and lacking in the font it joins: not drawn (never as its blank glyph)
            if out and out[-1][1] is font:
                out[-1] = (out[-1][0] + char, font)
            else:
                out.append((char, font))
        return out

    def _font_for(self, char: str, cmap: dict[int, float], before: FontFamily) -> FontFamily | None:
        code = ord(char)
        if code in _JOINERS or ((char.isspace() or _is_mark(char)) and code in before.metrics().widths):
            return before  # with the character it follows
        if code in cmap:
            return self
        return next((f for f in self.fallbacks if code in f.metrics().widths), None)

    def replacement(self) -> tuple[str, FontFamily]:
        """The mark drawn for a character no font has, and the font that draws it."""
        for font in (self, *self.fallbacks):
            for mark in REPLACEMENTS:
                if font.has(mark):
                    return mark, font
        return "?", self

    @property
    def deck_name(self) -> str:
        """The family a deck should name: the metric twin every viewer has, or the font itself."""
        return METRIC_TWINS.get(self.name, self.name)

    def face(self, bold: bool = False, italic: bool = False) -> str:
        """The reportlab font name of one style, registering its file on first use."""
        key = (self.name, self.files, self.index, bold + 2 * italic)
        name = _FACES.get(key)
        if name is None:
            name = _FACES[key] = register_face(self, key[3])
        return name


# (family, files, font index, style index) → registered font name
_FACES: dict[tuple[str, tuple[Path, Path, Path, Path], int, int], str] = {}
# reportlab's font names are global, and it takes a TrueType font whose PostScript name it
# has seen for the font it saw first: each name here is one file's (and one font's of a
# collection), so two fonts of one name (a shipped subset of Noto Sans Math and the installed
# Noto Sans Math, say) never draw each other's text
_NAMES: dict[str, tuple[Path, int]] = {}  # registered name → (file, font index)
_PS_NAMES: dict[bytes, tuple[Path, int]] = {}  # PostScript name → (file, font index)


def register_face(family: FontFamily, style: int) -> str:
    """Register the file of one style, once per file: parsing a TTF costs milliseconds, and a
    family with one file for all four styles (a mono font, say) needs only one parse."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from reportgen import reportlab_fixes

    reportlab_fixes.install()

    path = family.files[style]
    font = (path, family.index)
    base = f"{family.name}-{STYLES[family.files.index(path)]}"
    name, suffix, number = base, "", 1
    while _NAMES.setdefault(name, font) != font:  # the name is another file's
        number += 1
        suffix = f"~{number}"
        name = base + suffix
    if name not in pdfmetrics.getRegisteredFontNames():
        ttf = TTFont(name, str(path), subfontIndex=family.index)
        ps, number = bytes(ttf.face.name), 1
        while _PS_NAMES.setdefault(ttf.face.name, font) != font:  # another file's PostScript name
            number += 1
            ttf.face.name = ps + b"-%d" % number
        pdfmetrics.registerFont(ttf)
    addMapping(family.name + suffix, style & 1, style >> 1, name)
    return name


def register(family: FontFamily) -> None:
    """Register every style now (a batch worker warms up before forking its children)."""
    for style in range(len(STYLES)):
        family.face(bool(style & 1), bool(style >> 1))


def width(text: str, family: FontFamily, size: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``text`` in points, each character in the font that draws it (Arabic in
    the joined forms it is drawn in)."""
    if not text.isascii():
        from reportgen.rtl import shape

        text = shape(text)
    metrics = family.metrics(bold, italic)
    parts = family.runs(text)
    if len(parts) == 1 and parts[0][1] is family:
        return metrics.width(text, size)
    return sum(font.metrics(bold, italic).width(part, size) for part, font in parts)


def missing_glyphs(text: str, family: FontFamily) -> str:
    """The distinct characters of ``text`` that neither the family's regular face nor its
    fallbacks can draw."""
    fonts = (family, *family.fallbacks)
    return "".join(sorted({c for c in text if not c.isspace() and not _is_mark(c) and ord(c) not in _JOINERS
                           and not any(f.has(c) for f in fonts)}))


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Cf")


# zero-width joiners and variation selectors: they stay with the character they join
_JOINERS = frozenset({0x200C, 0x200D, *range(0xFE00, 0xFE10)})
REPLACEMENTS = "\ufffd\u25a1"  # drawn for a character no font has: � else □


def continuation_mark(family: FontFamily) -> str:
    """The mark that starts a code line continued from the one above, the best the family can
    draw: '↪', '→', else '>'."""
    return next((mark for mark in "↪→" if not missing_glyphs(mark, family)), ">")
