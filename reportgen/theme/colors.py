"""Colours: the palette's roles, and the arithmetic on colours both outputs share."""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

RGB = tuple[int, int, int]


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
    link: RGB  # links, readable on every ground text is printed on
    accent: RGB  # bullets, numbers, labels: ``secondary``, darkened if needed to read as text
    code_ground: RGB | None = None  # code blocks' background (monospace-block's); None: ``tint``
    inline_code: RGB | None = None  # inline code's colour (monospace-inline's); None: its text's
    inline_ground: RGB | None = None  # inline code's background; None: none
    tones: tuple[tuple[str, RGB], ...] = ()  # the brand's info, success, warning, danger, tertiary: callout bars

    @property
    def grounds(self) -> tuple[RGB, ...]:
        """What text is printed on: the page, zebra rows, the tint of asides."""
        return (self.background, self.zebra, self.tint)


# A callout's kind (its admonition) → the brand colour of its bar, when the brand names that colour
TONES = ("info", "success", "warning", "danger", "tertiary")
TONE_OF_KIND = {
    **dict.fromkeys(("note", "info", "seealso", "abstract", "summary", "todo", "question", "details", "admonition"),
                    "info"),
    **dict.fromkeys(("tip", "hint", "success", "example"), "success"),
    **dict.fromkeys(("warning", "caution", "attention"), "warning"),
    **dict.fromkeys(("danger", "error", "bug", "failure"), "danger"),
    "important": "tertiary",
}


# The brand's colours when it names none (a calm blue on white, near-black text).
DEFAULT_FOREGROUND: RGB = (33, 37, 41)
DEFAULT_BACKGROUND: RGB = (255, 255, 255)
DEFAULT_PRIMARY: RGB = (31, 78, 121)


AA_TEXT = 4.5  # WCAG 2 AA: the least contrast of small text against what it is printed on
MUTED_SHARE = 0.3  # muted text (header, footer, captions): the foreground mixed this far into the page


def muted_text(foreground: RGB, grounds: tuple[RGB, ...]) -> RGB:
    """The palest mix of ``foreground`` into the first ground, up to ``MUTED_SHARE``, that still
    reads at ``AA_TEXT`` against every ground it is printed on (page, zebra rows)."""
    share = MUTED_SHARE
    while share > 0:
        color = mix(foreground, grounds[0], share)
        if min(contrast_ratio(color, ground) for ground in grounds) >= AA_TEXT:
            return color
        share = round(share - 0.05, 2)
    return foreground


def derive_palette(primary: RGB, foreground: RGB, background: RGB, secondary: RGB | None = None,
                   link: RGB | None = None, tint: RGB | None = None) -> Palette:
    """Every colour role from the few a brand names: the neutrals mixed from its text and page
    colours, tints from its accents (unless it names its ``light`` colour), and text on fills
    by contrast."""
    secondary = secondary or mix(primary, (255, 255, 255), 0.3)
    zebra = mix(primary, background, 0.93)
    tint = tint or mix(secondary, background, 0.9)
    grounds = (background, zebra, tint)
    return Palette(
        primary=primary,
        secondary=secondary,
        foreground=foreground,
        background=background,
        muted=muted_text(foreground, (background, zebra)),
        rule=mix(foreground, background, 0.78),
        zebra=zebra,
        tint=tint,
        on_primary=readable_on(primary),
        on_secondary=readable_on(secondary),
        link=readable(link or secondary, grounds),
        accent=readable(secondary, grounds),
    )


# The token roles of highlighted code a brand may colour (``code-colors``); other tokens (operators,
# punctuation, variables, a language no lexer knows) are ``plain``, in the text colour.
CODE_ROLES = ("keyword", "name", "string", "number", "comment")
# Each derived role's turn of the primary colour's hue (a share of the colour wheel): a blue brand's
# keywords blue, names violet, strings green, numbers brown; saturation at least ``CODE_SATURATION``.
CODE_HUE_TURNS = {"keyword": 0.0, "name": 1 / 6, "string": 5 / 6, "number": 1 / 2}
CODE_SATURATION = 0.45  # so that a grey primary still gives roles told apart by hue
READABLE_STEP = 0.05  # a colour too pale (or dark) to read is mixed toward black (or white) in these steps


@dataclass(frozen=True, slots=True)
class CodeColors:
    """Colours of code blocks' tokens by role (``CODE_ROLES``, and ``plain``), each readable at
    ``AA_TEXT`` on the code block's tint and on the page (slides show code on the page)."""

    plain: RGB
    keyword: RGB
    name: RGB  # functions, classes, decorators, builtins
    string: RGB
    number: RGB
    comment: RGB

    def of(self, role: str) -> RGB:
        """The colour of a role; ``""`` (and any role not listed) is plain text."""
        return getattr(self, role) if role in CODE_ROLES else self.plain


def code_colors(palette: Palette, chosen: dict[str, RGB] | None = None) -> CodeColors:
    """The brand's ``chosen`` colours by role, the others derived from its primary colour
    (``CODE_HUE_TURNS``; comments in the muted text colour); every one then made
    ``readable`` on the code's grounds, so a brand cannot choose an unreadable one."""
    grounds = (palette.code_ground or palette.tint, palette.background)
    chosen = dict(chosen or {})
    plain = chosen.pop("plain", palette.foreground)  # monospace-block's colour
    derived = {role: _turn(palette.primary, turn) for role, turn in CODE_HUE_TURNS.items()}
    derived["comment"] = palette.muted
    colors = {role: readable(color, grounds) for role, color in {**derived, **chosen}.items()}
    return CodeColors(plain=readable(plain, grounds), **colors)


def readable(color: RGB, grounds: tuple[RGB, ...]) -> RGB:
    """``color`` if it reads at ``AA_TEXT`` on every ground, else the least mix of it toward
    near-black or white (what reads best on the first ground) that does: a light brand colour
    such as an orange stays for bars and fills, and small text and marks get a darker shade."""
    target, share = readable_on(grounds[0]), 0.0
    while share < 1:
        mixed = mix(color, target, share)
        if min(contrast_ratio(mixed, ground) for ground in grounds) >= AA_TEXT:
            return mixed
        share = round(share + READABLE_STEP, 2)
    return target


def _turn(color: RGB, turn: float) -> RGB:
    """``color`` with its hue turned by ``turn`` of the wheel, lightness kept."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in color))
    rgb = colorsys.hls_to_rgb((hue + turn) % 1, lightness, max(saturation, CODE_SATURATION))
    return (round(rgb[0] * 255), round(rgb[1] * 255), round(rgb[2] * 255))


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
