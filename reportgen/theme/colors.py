"""Colours: the palette's roles, and the arithmetic on colours both outputs share."""

from __future__ import annotations

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

    @property
    def grounds(self) -> tuple[RGB, ...]:
        """What text is printed on: the page, zebra rows, the tint of asides."""
        return (self.background, self.zebra, self.tint)


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
                   link: RGB | None = None) -> Palette:
    """Every colour role from the few a brand names: the neutrals mixed from its text and page
    colours, tints from its accents, and text on fills by contrast."""
    secondary = secondary or mix(primary, (255, 255, 255), 0.3)
    zebra = mix(primary, background, 0.93)
    tint = mix(secondary, background, 0.9)
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
        link=legible(link or secondary, grounds),
        accent=legible(secondary, grounds),
    )


def legible(color: RGB, grounds: tuple[RGB, ...], ratio: float = AA_TEXT) -> RGB:
    """``color`` if it reads at ``ratio`` on every ground, else the least mix of it toward
    black (white on a dark first ground) that does: a light brand colour such as an orange
    stays for bars and fills, and small text and marks get a darker shade of it."""
    target = readable_on(grounds[0], dark=(0, 0, 0))
    share = 0.0
    while share < 1:
        shade = mix(color, target, share)
        if min(contrast_ratio(shade, ground) for ground in grounds) >= ratio:
            return shade
        share = round(share + 0.05, 2)
    return target


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
