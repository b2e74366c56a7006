"""The resolved look of a brand: every colour, font, size and spacing, decided once.

``load_theme`` reads a brand.yml (see ``brand.py``) and returns a ``Theme``. Both renderers
only translate its values: neither decides a colour or a size of its own. Lengths are
points; colours are ``(r, g, b)`` tuples of 0–255.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.fonts import width
from reportgen.language import Words, words_for
from reportgen.theme.colors import (
    RGB,
    TONE_OF_KIND,
    CodeColors,
    Palette,
    code_colors,
    contrast_ratio,
    mix,
    readable_on,
    to_hex,
)
from reportgen.theme.deck import DeckMetrics
from reportgen.theme.handout import MEASURE_SAMPLE, HandoutMetrics
from reportgen.theme.styles import TextStyle, build_styles
from reportgen.theme.template import TemplateInfo

__all__ = [
    "LINE_HEIGHT", "PAGE_MARGINS_MM", "PAGE_SIZES", "RGB", "SLIDE_MARGIN", "SLIDE_SIZES", "Box", "CodeColors",
    "DeckMetrics", "HandoutMetrics", "Logo", "Palette", "TextStyle", "Theme", "build_styles", "contrast_ratio", "mix",
    "readable_on", "to_hex",
]

PAGE_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
SLIDE_SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}  # 13.333×7.5 in and 10×7.5 in
PAGE_MARGINS_MM = (22, 30, 24, 30)  # top, right, bottom, left: about 85 characters a line of body text
SLIDE_MARGIN = 36.0  # points on every side of a slide (half an inch)
LINE_HEIGHT = 1.4  # the handout's leading, as a multiple of the body size, unless the brand sets one


@dataclass(frozen=True, slots=True)
class Box:
    """A page or slide: its size and margins, in points."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def inner_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def inner_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass(frozen=True, slots=True)
class Logo:
    """A brand logo and its natural size in pixels, read once when the brand is loaded."""

    path: Path
    size_px: tuple[float, float]

    def fit(self, height: float, max_width: float) -> tuple[float, float]:
        """Width and height drawn ``height`` tall at its own aspect, narrowed to ``max_width``."""
        iw, ih = self.size_px
        w = float(min(height * iw / ih, max_width))
        return w, w * ih / iw


@dataclass(frozen=True, slots=True)
class Theme:
    """Everything a renderer needs to know about the brand; ``style(role)`` for text."""

    name: str
    colors: Palette
    styles: dict[str, TextStyle]
    page: Box
    slide: Box
    logo: Logo | None  # for light backgrounds: the brand's small logo first (running headers, slide footers)
    logo_on_dark: Logo | None  # for primary-coloured backgrounds, its large logo first (cover, title slide)
    logo_medium_on_dark: Logo | None  # its medium logo first: dividers and the closing slide
    footer: str
    link: str
    notes: str = "fill"  # room for notes in the handout: fill, page, end or none (brand_settings.NOTES_MODES)
    qr_code: bool = True
    toc: bool = True
    table_zebra: bool = True
    handout_layout: int = 3  # slides per page of the printable slide handout: 1, 2, 3 or 6
    handout_notes: bool = False  # print each slide's speaker notes in that handout
    template: TemplateInfo | None = None  # a corporate .pptx whose master and layouts the deck uses
    words: tuple[tuple[str, str], ...] = ()  # the brand's own words in place of the language's (language.Words)
    handout: HandoutMetrics = field(default_factory=HandoutMetrics)  # spacing and geometry of printed pages
    deck: DeckMetrics = field(default_factory=DeckMetrics)  # spacing and geometry of slides
    code_colors: CodeColors | None = None  # syntax colours of code; None: derived from ``colors``
    link_bold: bool = False  # links in bold (the brand's ``typography.link.weight`` from 600)

    @property
    def code(self) -> CodeColors:
        """The syntax colours of code blocks (the brand's ``code-colors``, the rest derived)."""
        return self.code_colors or code_colors(self.colors)

    def row_fill(self, row: int) -> RGB:
        """A table row's fill: the header in primary, then background and zebra in turn."""
        if row == 0:
            return self.colors.primary
        return self.colors.zebra if row % 2 == 0 and self.table_zebra else self.colors.background

    def callout_bar(self, kind: str) -> RGB:
        """A callout's bar: the brand's colour for its kind (a warning's ``warning``, a tip's
        ``success`` …) when the brand names one, else the accent colour."""
        return dict(self.colors.tones).get(TONE_OF_KIND.get(kind, ""), self.colors.secondary)

    @property
    def bullet_color(self) -> RGB:
        """Bullets, numbers and task boxes of lists, in both outputs."""
        return self.colors.accent

    @property
    def measure(self) -> float:
        """The width body text runs in the handout: ``measure_chars`` characters of prose in
        the body font, never wider than the page's text width."""
        body = self.style("body")
        per_char = width(MEASURE_SAMPLE, body.family, body.size) / len(MEASURE_SAMPLE)
        return min(self.page.inner_width, self.handout.measure_chars * per_char)

    def slide_measure(self) -> float:
        """The width prose runs on a slide (an FAQ answer, a paragraph): ``deck.measure_chars``
        characters of the body font at the slide body size, never wider than the body."""
        body = self.style("slide.body")
        per_char = width(MEASURE_SAMPLE, body.family, body.size) / len(MEASURE_SAMPLE)
        return min(self.slide.width - 2 * self.slide.left, self.deck.measure_chars * per_char)

    def link_color(self, text_color: RGB) -> RGB:
        """A link's colour in text of ``text_color``: the link colour in text printed on the
        page, the text's own (links are underlined) in text printed on a fill, such as a table's
        header row, where the link colour would not read."""
        return self.colors.link if text_color == self.colors.foreground else text_color

    def words_for(self, lang: str) -> Words:
        """What the outputs print on their own ("Contents", "Page 2 of 9"), in ``lang``, with
        the brand's words in their place."""
        return words_for(lang, self.words)

    def style(self, role: str) -> TextStyle:
        """The resolved style of a role such as ``"heading.2"`` or ``"slide.body"``."""
        try:
            return self.styles[role]
        except KeyError:
            raise KeyError(f"no text style for role {role!r}; known: {sorted(self.styles)}") from None
