"""Fonts for the characters a brand's fonts lack, chosen for each document.

A brand names one family; a document may hold Chinese, Arabic, arrows, box drawing and
emoji. Each character the brand's fonts cannot draw is drawn by the first font of a chain
that can: the fonts reportgen ships (``assets/fonts/fallback``: symbols, arrows, box
drawing, monochrome emoji), then the fonts installed on the machine, found through
fontconfig (``fc-list``), which knows every installed font's characters. Only TrueType
fonts qualify: reportlab embeds nothing else. The chain is worked out once per build from
the document's characters, so a Latin document pays nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from reportgen import ASSETS
from reportgen.fonts import REPLACEMENTS, FontFamily, read_metrics

SHIPPED_DIR = ASSETS / "fonts" / "fallback"
# (family name, file) of the fonts reportgen ships, in the order they are tried: subsets of
# Noto fonts made by scripts/fallback_fonts.py (assets/fonts/fallback/README.md says what each
# draws). Each character is in one of them only, so the order decides nothing today; text
# before emoji keeps a character that is both (☑ ✔ ⚠) a symbol should they ever overlap.
SHIPPED: tuple[tuple[str, str], ...] = (
    ("Noto Sans Mono", "NotoSansMono.ttf"),  # box drawing, block elements, U+FFFD
    ("Noto Sans Symbols 2", "NotoSansSymbols2.ttf"),  # ballot boxes, check marks, dingbats, shapes
    ("Noto Sans Math", "NotoSansMath.ttf"),  # arrows, math operators, letterlike symbols
    ("Noto Sans Symbols", "NotoSansSymbols.ttf"),  # enclosed alphanumerics, technical symbols
    ("Noto Emoji", "NotoEmoji.ttf"),  # monochrome emoji
)
# installed families tried first when several have a character, best first (then the others by name):
# Noto's sans for each script, then DejaVu's broad coverage, then the CJK and symbol catch-alls
PREFERRED = ("Noto Sans", "DejaVu Sans", "Droid Sans Fallback", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
             "NanumGothic", "Symbola")


def fallback_chain(chars: Iterable[str], families: Iterable[FontFamily]) -> tuple[tuple[FontFamily, ...], str]:
    """The fonts that draw the ``chars`` the ``families`` lack, in the order they are tried,
    and the characters no font here has (sorted)."""
    primary = list(dict.fromkeys(families))
    need = {c for c in set(chars) if _drawable(c) and not all(f.has(c) for f in primary)}
    chain: list[FontFamily] = []
    for font in _shipped():
        covered = {c for c in need if font.has(c)}
        if covered:
            chain.append(font)
            need -= covered
    missing: list[str] = []
    for char in sorted(need):
        if char not in need:
            continue
        found = next((f for f in _installed(char) if f.has(char)), None)
        if found is None:
            missing.append(char)
            need.discard(char)
            continue
        chain.append(found)
        need -= {c for c in need if found.has(c)}
    if missing and not any(f.has(m) for f in (*primary, *chain) for m in REPLACEMENTS):
        marks = [f for m in REPLACEMENTS for f in (*_shipped(), *_installed(m)) if f.has(m)]
        chain += marks[:1]  # a font to draw the mark that stands for what no font has
    return tuple(chain), "".join(missing)


def with_fallbacks(family: FontFamily, chain: tuple[FontFamily, ...]) -> FontFamily:
    return replace(family, fallbacks=chain) if chain else family


def _drawable(char: str) -> bool:
    import unicodedata

    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Mn", "Me")


@lru_cache(maxsize=1)
def _shipped() -> tuple[FontFamily, ...]:
    return tuple(_single(name, SHIPPED_DIR / file) for name, file in SHIPPED if (SHIPPED_DIR / file).is_file())


def _single(name: str, path: Path, index: int = 0) -> FontFamily:
    """A fallback font: one file for every style (fallback fonts are seldom bold or italic)."""
    return FontFamily(name, (path, path, path, path), index=index)


@lru_cache(maxsize=256)
def _installed(char: str) -> tuple[FontFamily, ...]:
    """Installed TrueType fonts that have ``char``, preferred ones first, regular styles first."""
    if shutil.which("fc-list") is None:
        return ()
    try:
        listing = subprocess.run(
            ["fc-list", f":charset={ord(char):x}", "--format", "%{file}|%{family[0]}|%{fontformat}|%{weight}|"
             "%{slant}|%{index}\\n"], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found: list[tuple[int, float, str, str, int]] = []
    for line in listing.splitlines():
        parts = line.split("|")
        if len(parts) != 6 or parts[2] != "TrueType":
            continue
        file, family, _, weight, slant, number = parts
        rank = _rank(family)
        regular = abs(_number(weight) - 80) + (100 if _number(slant) else 0)  # fontconfig: 80 regular, 0 roman
        found.append((rank, regular, family, file, int(_number(number))))
    fonts = []
    for _, _, family, file, index in sorted(found):
        try:
            read_metrics(Path(file), index)
        except Exception:  # a font reportlab cannot read (a broken or exotic file): the next one
            continue
        fonts.append(_styled(family, Path(file)) if index == 0 else _single(family, Path(file), index))
    return tuple(fonts)


@lru_cache(maxsize=64)
def _styled(family: str, regular: Path) -> FontFamily:
    """An installed family with its bold, italic and bold italic files where it has them (a
    Hebrew heading is then bold like the Latin one); the regular file stands in for the rest."""
    listing = subprocess.run(["fc-list", f"{family}:fontformat=TrueType", "--format", "%{file}|%{weight}|%{slant}|"
                              "%{index}|%{family[0]}\n"], capture_output=True, text=True, timeout=10,
                             check=False).stdout
    styles: dict[tuple[bool, bool], tuple[float, Path]] = {}
    for line in listing.splitlines():
        parts = line.split("|")
        if len(parts) != 5 or parts[3] != "0" or parts[4] != family:
            continue
        weight, slanted = _number(parts[1]), _number(parts[2]) > 0
        bold = weight >= 180
        distance = abs(weight - (200 if bold else 80))
        if (bold, slanted) not in styles or distance < styles[(bold, slanted)][0]:
            styles[(bold, slanted)] = (distance, Path(parts[0]))
    files = [styles.get(key, (0.0, regular))[1] for key in ((False, False), (True, False), (False, True), (True, True))]
    return FontFamily(family, (regular, files[1], files[2], files[3]))


def _rank(family: str) -> int:
    """Where ``family`` stands in ``PREFERRED``: a Noto Sans of a script ("Noto Sans Arabic")
    counts as Noto Sans, its monospaced, serif and CJK families do not."""
    if family.startswith("Noto Sans") and not any(w in family for w in ("Mono", "CJK", "Display")):
        return 0
    return PREFERRED.index(family) if family in PREFERRED else len(PREFERRED)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
