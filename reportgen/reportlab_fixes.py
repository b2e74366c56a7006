"""One fix to reportlab, in one place: text beyond the Basic Multilingual Plane.

reportlab's ToUnicode map (``ttfonts.makeToUnicodeCMap``) writes each code point as four hex
digits, so an emoji such as U+1F680 comes out as the five digits ``<1F680>``, which is not
UTF-16: PDF readers cannot copy, search or read aloud such characters. The map here writes
them as the surrogate pair the PDF specification asks for (``<D83DDE80>``); everything else
is written exactly as reportlab writes it. ``install`` is called before any TrueType font is
registered (``fonts.register_face``).
"""

from __future__ import annotations


def install() -> None:
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = to_unicode_cmap


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's CMap for a font subset, with code points past U+FFFF as UTF-16 pairs."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16(code)}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


def _utf16(code: int) -> str:
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"
