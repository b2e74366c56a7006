"""Right-to-left text: which text reads right to left, Arabic letters joined, lines in visual order.

reportlab lays text out left to right and draws each character in its isolated form; its own
bidi support needs a package that is not on PyPI. So both PDF drawers wrap lines in logical
order as usual, and this module turns each *line* into what the eye sees: Arabic shaped into
its joined forms (arabic-reshaper: presentation forms, which Noto Sans Arabic and DejaVu
Sans carry), then the pieces of the line reordered by the Unicode bidi algorithm
(python-bidi), brackets mirrored. A deck keeps the text logical: PowerPoint and LibreOffice
shape and reorder it themselves, told by ``rtl="1"`` on the paragraph.

Only text with a right-to-left letter pays for any of it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")
_STRONG_RTL = ("R", "AL")


@lru_cache(maxsize=4096)
def has_rtl(text: str) -> bool:
    """Does ``text`` hold a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko …)?"""
    return not text.isascii() and any(unicodedata.bidirectional(c) in _STRONG_RTL for c in text)


def is_rtl(text: str) -> bool:
    """Does a paragraph of ``text`` read right to left: is its first strong letter RTL?"""
    if not has_rtl(text):
        return False
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _STRONG_RTL:
            return True
        if kind == "L":
            return False
    return False


@lru_cache(maxsize=4096)
def shape(text: str) -> str:
    """``text`` with its Arabic letters in their joined forms (diacritics kept), in logical order."""
    if text.isascii() or not has_arabic(text):
        return text
    return _reshaper().reshape(text)  # type: ignore[no-any-return]


def visual(pieces: list[tuple[str, T]], rtl: bool) -> list[tuple[str, T]]:
    """One line's pieces (text and whatever goes with it: a font, a link) in the order they are
    drawn from left to right; a piece is cut where the bidi algorithm reorders inside it."""
    text = "".join(t for t, _ in pieces)
    if not has_rtl(text) and not rtl:
        return pieces
    owner = [i for i, (t, _) in enumerate(pieces) for _ in t]
    shown, order = _reorder(text, rtl)
    out: list[tuple[str, T]] = []
    last = -1
    for char, index in zip(shown, order):
        piece = owner[index]
        if out and piece == last:
            out[-1] = (out[-1][0] + char, out[-1][1])
        else:
            out.append((char, pieces[piece][1]))
        last = piece
    return out


def _reorder(text: str, rtl: bool) -> tuple[str, list[int]]:
    """The characters of one line in visual order, mirrored where they face the other way,
    with the logical index each came from (the Unicode bidi algorithm, rules W1–L4, as
    python-bidi's reference implementation resolves them)."""
    from bidi import algorithm as uba

    storage: dict[str, Any] = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    chars = storage["chars"]
    return "".join(c["ch"] for c in chars), [c["index"] for c in chars]


def has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" or "\u08a0" <= c <= "\u08ff" for c in text)


@lru_cache(maxsize=1)
def _reshaper() -> Any:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
