"""Fonts: registered once, measured in one place, for both renderers.

The PDF renderer embeds these TTFs and the slide planner measures with them, so the two
formats never disagree about whether a line fits. reportlab is imported here lazily:
``reportgen --help`` never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class FontFamily:
    """A family with a TTF file for each style (a missing style reuses the regular file)."""

    name: str  # the family as the brand names it, e.g. "Carlito"
    files: tuple[Path, Path, Path, Path]  # regular, bold, italic, bold italic

    @property
    def deck_name(self) -> str:
        """The family a deck should name: the metric twin every viewer has, or the font itself."""
        return METRIC_TWINS.get(self.name, self.name)

    def face(self, bold: bool = False, italic: bool = False) -> str:
        """The reportlab font name of one style, registering the family on first use."""
        if self.name not in _REGISTERED:
            register(self)
        return f"{self.name}-{STYLES[bold + 2 * italic]}"


_REGISTERED: set[str] = set()  # reportlab's font names are global, so one family per name


def register(family: FontFamily) -> None:
    """Register the four styles with reportlab once per process (parsing a TTF is costly)."""
    if family.name in _REGISTERED:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for style, path in zip(STYLES, family.files):
        pdfmetrics.registerFont(TTFont(f"{family.name}-{style}", str(path)))
    for style, (bold, italic) in zip(STYLES, ((0, 0), (1, 0), (0, 1), (1, 1))):
        addMapping(family.name, bold, italic, f"{family.name}-{style}")
    _REGISTERED.add(family.name)


def width(text: str, family: FontFamily, size: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of ``text`` in points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, family.face(bold, italic), size))


def missing_glyphs(text: str, family: FontFamily) -> str:
    """The distinct characters of ``text`` that the family's regular face cannot draw."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(family.face())
    cmap = font.face.charToGlyph
    return "".join(sorted({c for c in text if not c.isspace() and ord(c) not in cmap}))
