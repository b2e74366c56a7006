"""The resolved look of a brand: every colour, font, size and spacing, decided once.

``load_theme`` reads a brand.yml (see ``brand.py``) and returns a ``Theme``. Both renderers
only translate its values: neither decides a colour or a size of its own. Lengths are
points; colours are ``(r, g, b)`` tuples of 0–255.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.fonts import FontFamily

RGB = tuple[int, int, int]

PAGE_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
SLIDE_SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}  # 13.333×7.5 in and 10×7.5 in


@dataclass(frozen=True, slots=True)
class TextStyle:
    """One role's text: family and style, size and leading, colour, spacing (points)."""

    family: FontFamily
    size: float
    color: RGB
    bold: bool = False
    italic: bool = False
    leading: float = 0.0  # line pitch; 0 means 1.2 × size
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def line(self) -> float:
        return self.leading or round(self.size * 1.2, 2)

    @property
    def face(self) -> str:
        return self.family.face(self.bold, self.italic)


@dataclass(frozen=True, slots=True)
class Palette:
    """Colour roles: ``primary`` for structure, ``secondary`` for accents, neutrals for text."""

    primary: RGB
    secondary: RGB
    foreground: RGB
    background: RGB
    muted: RGB  # captions, footers, secondary text
    rule: RGB  # hairlines
    zebra: RGB  # every other table row
    tint: RGB  # callout and quote backgrounds
    on_primary: RGB  # text on a primary fill: white or near-black by contrast
    on_secondary: RGB
    link: RGB


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
class Theme:
    """Everything a renderer needs to know about the brand; ``style(role)`` for text."""

    name: str
    colors: Palette
    styles: dict[str, TextStyle]
    page: Box
    slide: Box
    logo: Path | None  # for light backgrounds
    logo_on_dark: Path | None  # for primary-coloured backgrounds (falls back to ``logo``)
    footer: str
    link: str
    notes_pages: bool = True
    qr_code: bool = True
    toc: bool = True
    table_zebra: bool = True
    handout_layout: int = 3  # slides per page of the printable slide handout: 1, 2, 3 or 6
    handout_notes: bool = False  # print each slide's speaker notes in that handout
    slide_min_body: float = 16.0  # below this, a slide body continues on a new slide
    slide_min_table: float = 12.0
    slide_max_bullets: int = 6
    slide_max_table_rows: int = 300  # a longer table shows its first rows in the deck, all in the handout
    fit_margin: float = 0.04  # share of a box kept free for renderers that wrap a little wider
    template: Path | None = None  # a corporate .pptx whose master and layouts the deck uses

    def row_fill(self, row: int) -> RGB:
        """A table row's fill: the header in primary, then background and zebra in turn."""
        if row == 0:
            return self.colors.primary
        return self.colors.zebra if row % 2 == 0 and self.table_zebra else self.colors.background

    @property
    def bullet_color(self) -> RGB:
        """Bullets, numbers and task boxes of lists, in both outputs."""
        return self.colors.secondary

    def style(self, role: str) -> TextStyle:
        """The resolved style of a role such as ``"heading.2"`` or ``"slide.body"``."""
        try:
            return self.styles[role]
        except KeyError:
            raise KeyError(f"no text style for role {role!r}; known: {sorted(self.styles)}") from None


def to_hex(color: RGB) -> str:
    """``(22, 64, 140)`` → ``"16408C"``, as both file formats write colours."""
    return "{:02X}{:02X}{:02X}".format(*color)


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(fill: RGB, light: RGB = (255, 255, 255), dark: RGB = (26, 26, 26)) -> RGB:
    """White or near-black, whichever contrasts more with ``fill``."""
    return light if contrast_ratio(fill, light) >= contrast_ratio(fill, dark) else dark


def mix(a: RGB, b: RGB, share_of_b: float) -> RGB:
    """Blend two colours; ``mix(primary, white, 0.9)`` is a pale tint of primary."""
    return tuple(round(x + (y - x) * share_of_b) for x, y in zip(a, b))  # type: ignore[return-value]


def _luminance(rgb: RGB) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def build_styles(body: FontFamily, heading: FontFamily, mono: FontFamily, c: Palette, scale: dict[str, float],
                 heading_color: RGB, line_height: float) -> dict[str, TextStyle]:
    """The type scale for both outputs, from a few base sizes (see DESIGN.md)."""
    b, s = scale["body"], scale["slide-body"]
    text = TextStyle(body, b, c.foreground, leading=round(b * line_height, 2), space_after=round(b * 0.6, 2))
    head = TextStyle(heading, b, heading_color, bold=True)
    slide = TextStyle(body, s, c.foreground, leading=round(s * 1.2, 2), space_after=round(s * 0.35, 2))
    st = {
        "body": text,
        "list": replace(text, space_after=3.0),
        "quote": replace(text, italic=True, color=mix(c.foreground, c.background, 0.15)),
        "code": TextStyle(mono, round(b * 0.86, 2), c.foreground, leading=round(b * 1.2, 2), space_after=b * 0.6),
        "caption": replace(text, size=round(b * 0.82, 2), leading=round(b * 1.1, 2), italic=True, color=c.muted),
        "heading.1": replace(head, size=round(b * 2.0, 1), leading=round(b * 2.4, 1), space_before=0, space_after=b),
        "heading.2": replace(head, size=round(b * 1.35, 1), leading=round(b * 1.7, 1), space_before=b * 1.3,
                             space_after=b * 0.45),
        "heading.3": replace(head, size=round(b * 1.1, 1), leading=round(b * 1.4, 1), space_before=b,
                             space_after=b * 0.3, color=c.foreground),
        "table.header": replace(text, size=round(b * 0.92, 2), leading=round(b * 1.2, 2), bold=True,
                                color=c.on_primary, space_after=0),
        "table.body": replace(text, size=round(b * 0.92, 2), leading=round(b * 1.2, 2), space_after=0),
        "faq.question": replace(head, size=round(b * 1.1, 1), leading=round(b * 1.45, 1), color=c.primary,
                                space_before=b * 0.9, space_after=b * 0.25),
        "faq.answer": text,
        "cover.title": replace(head, size=32, leading=38, color=c.on_primary),
        "cover.subtitle": replace(text, size=16, leading=20, color=c.on_primary),
        "cover.meta": replace(text, size=12, leading=16, color=c.foreground),
        "toc.title": replace(head, size=round(b * 2.0, 1), leading=round(b * 2.4, 1), space_after=b * 1.2),
        "toc.1": replace(text, size=round(b * 1.1, 1), leading=round(b * 1.9, 1), space_after=0),
        "toc.2": replace(text, size=b, leading=round(b * 1.5, 1), space_after=0, color=c.muted),
        "header": replace(text, size=8, leading=10, color=c.muted, space_after=0),
        "footer": replace(text, size=8, leading=10, color=c.muted, space_after=0),
        "slide.title": replace(head, size=round(s * 1.36, 1), leading=round(s * 1.36 * 1.12, 1)),
        "slide.body": slide,
        "slide.table": replace(slide, size=round(s * 0.75), leading=round(s * 0.75 * 1.2, 1), space_after=0),
        "slide.table.header": replace(slide, size=round(s * 0.75), leading=round(s * 0.75 * 1.2, 1),
                                      bold=True, color=c.on_primary, space_after=0),
        "slide.cover.title": replace(head, size=round(s * 1.9, 1), leading=round(s * 1.9 * 1.1, 1),
                                     color=c.on_primary),
        "slide.cover.subtitle": replace(slide, size=round(s * 1.1, 1), leading=round(s * 1.1 * 1.2, 1),
                                        color=c.on_primary),
        "slide.cover.meta": replace(slide, size=round(s * 0.75, 1), leading=round(s * 0.8 * 1.25, 1),
                                    color=c.on_primary),
        "slide.divider": replace(head, size=round(s * 1.8, 1), leading=round(s * 1.8 * 1.12, 1),
                                 color=c.on_primary),
        "slide.divider.number": replace(head, size=round(s * 1.1, 1), leading=round(s * 1.1 * 1.2, 1),
                                        color=mix(c.on_primary, c.primary, 0.35)),
        "slide.footer": replace(text, size=11, leading=13, color=c.muted, space_after=0),
        "slide.question": replace(head, size=round(s * 1.1, 1), leading=round(s * 1.1 * 1.2, 1),
                                  color=c.primary, space_after=round(s * 0.4, 1)),
    }
    return st
