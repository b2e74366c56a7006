"""The fallback fonts reportgen ships (assets/fonts/fallback, made by scripts/fallback_fonts.py):
there, TrueType, named as ``SHIPPED`` says, small, drawing a sample of every range they are
for, each character in one font only, and copyable back out of a PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest

from reportgen.fallback import SHIPPED, SHIPPED_DIR, _shipped, fallback_chain
from reportgen.fonts import REPLACEMENTS, FontFamily

from .conftest import build_to, write_content
from .test_brand import pdf_fonts

ASSETS = SHIPPED_DIR.parent
CARLITO = FontFamily("Carlito", tuple(ASSETS / f"Carlito-{s}.ttf"  # type: ignore[arg-type]
                                      for s in ("Regular", "Bold", "Italic", "BoldItalic")))
TOTAL_BYTES = 1_200_000  # all the shipped fonts together (1,069,044 when made)
FONT_BYTES = {"NotoEmoji.ttf": 800_000}  # each of the others: 200,000

# a sample of every range, and the font that draws it
SAMPLES = {
    "Arrows": ("←↑→↓↔↕↩↪⇐⇒⇔⇦⇨↯", "Noto Sans Math"),
    "Supplemental Arrows-A and B": ("⟵⟶⟷⟹⤴⤵⤡⥂⥊", "Noto Sans Math"),
    "Miscellaneous Symbols and Arrows": ("⬅⬆⬇⬌⮕⯃", "Noto Sans Symbols 2"),
    "Box Drawing": ("─│┌┐└┘├┤┬┴┼═║╔╗╚╝╞╪╡", "Noto Sans Mono"),
    "Block Elements": ("▀▄█▌▐░▒▓▁▂▃▅▆▇", "Noto Sans Mono"),
    "Geometric Shapes": ("■□▪▫▲△►▼◆◇○●◎", "Noto Sans Symbols 2"),
    "Miscellaneous Technical": ("⌘⌥⌫⏎⏏⏻⌨", "Noto Sans Symbols 2"),
    "Miscellaneous Technical, more": ("⌈⌉⌊⌋⎋⏚", "Noto Sans Symbols"),
    "Miscellaneous Symbols": ("☀☁☂☎♠♥⚠", "Noto Sans Symbols 2"),
    "Miscellaneous Symbols, more": ("☺♻⚙♀♂☯⚑", "Noto Sans Symbols"),
    "ballot boxes and check marks": ("☐☑☒✓✔✗✘", "Noto Sans Symbols 2"),
    "Dingbats": ("✂✈✉✎✏✱❄❤➔➜➡", "Noto Sans Symbols 2"),
    "Mathematical Operators": ("∀∂∃∅∇∈∑√∞∫≈≠≤≥⊂⊕⋯", "Noto Sans Math"),
    "Letterlike Symbols": ("ℓ℘ℝℕℤℂℍℙℚ", "Noto Sans Math"),
    "Enclosed Alphanumerics": ("①②⑩⑳⑴⒈⒜Ⓐⓐ⓿Ⓜ", "Noto Sans Symbols"),
    "replacement character": ("\ufffd", "Noto Sans Mono"),
    "emoji-presentation symbols": ("✅❌❎⭐⚡⌚⏰◽◾⬛⬜", "Noto Emoji"),
    "Miscellaneous Symbols and Pictographs": ("🌍🌞🍕🎉🏆🐍👍👋💡📈📌🔥🔒🔴🗓🗑", "Noto Emoji"),
    "Emoticons": ("😀😂😉😍😎🙂🙏🙌", "Noto Emoji"),
    "Transport and Map Symbols": ("🚀🚗🚨🚧🛑🛠🛒", "Noto Emoji"),
    "Supplemental Symbols and Pictographs": ("🤔🤝🥳🧠🧪🦄", "Noto Emoji"),
    "Symbols and Pictographs Extended-A": ("🪄🫠🫡🩷", "Noto Emoji"),
    "regional indicators": ("🇦🇫🇷🇯🇵🇺🇸🇿", "Noto Emoji"),
    "emoji symbols": ("‼⁉〽㊗㊙🟢🟡🅰🆗🈯", None),  # no matter which font
}
JOINERS = "\u200c\u200d" + "".join(map(chr, range(0xFE00, 0xFE10)))  # variation selectors, joiners


def shipped() -> dict[str, FontFamily]:
    return {font.name: font for font in _shipped()}


def test_every_shipped_font_is_there_as_a_small_truetype_font_of_its_family() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    assert [font.name for font in _shipped()] == [name for name, _ in SHIPPED]
    for name, file in SHIPPED:
        path = SHIPPED_DIR / file
        data = path.read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00", f"{file}: not TrueType outlines"
        assert len(data) <= FONT_BYTES.get(file, 200_000), file
        assert TTFont(name, str(path)).face.familyName.decode() == name
    assert sum((SHIPPED_DIR / file).stat().st_size for _, file in SHIPPED) <= TOTAL_BYTES
    for extra in ("OFL.txt", "README.md"):
        assert (SHIPPED_DIR / extra).is_file()
    licence = (SHIPPED_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert all(name in licence for name, _ in SHIPPED)


@pytest.mark.parametrize("what", list(SAMPLES))
def test_a_sample_of_every_range_is_drawn_by_its_font(what: str) -> None:
    chars, expected = SAMPLES[what]
    fonts = shipped()
    for char in chars:
        drawn_by = [name for name, font in fonts.items() if font.has(char)]
        assert len(drawn_by) == 1, f"{char} (U+{ord(char):04X}): {drawn_by}"
        assert expected is None or drawn_by == [expected], f"{char} (U+{ord(char):04X}): {drawn_by}"


def test_no_character_is_in_two_shipped_fonts_and_joiners_draw_nothing() -> None:
    seen: dict[int, str] = {}
    for font in _shipped():
        widths = font.metrics().widths
        for char in JOINERS:
            assert widths.get(ord(char)) == 0, f"{font.name}: U+{ord(char):04X}"
        # U+FFFF: reportlab reads the end of a format-4 cmap as that noncharacter's glyph
        for code in set(widths) - {ord(c) for c in JOINERS} - {0xFFFF}:
            assert code not in seen, f"U+{code:04X} in {seen[code]} and {font.name}"
            seen[code] = font.name


def test_a_document_s_symbols_and_emoji_come_from_the_shipped_fonts_and_copy_back(tmp_path: Path) -> None:
    lines = [chars for chars, _ in SAMPLES.values()]
    text = "".join(lines)
    chain, missing = fallback_chain(text, [CARLITO])
    assert not missing
    assert all(font.files[0].parent == SHIPPED_DIR for font in chain)
    content = write_content(tmp_path, {"a.md": "# Symbols\n\n" + "".join(f"{line}\n\n" for line in lines)})
    (pdf,) = build_to(content, tmp_path / "out", ("pdf",))
    reader = pypdf.PdfReader(pdf)
    got = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))
    for line in lines:
        assert line in got
    assert {"NotoSansMono-Regular", "NotoSansSymbols2-Regular", "NotoSansMath-Regular", "NotoSansSymbols-Regular",
            "NotoEmoji-Regular"} <= pdf_fonts(pdf)


def test_a_character_no_font_has_prints_as_a_mark_a_shipped_font_draws() -> None:
    emoji = shipped()["Noto Emoji"]
    lacking = FontFamily("Noto Emoji", emoji.files)  # a font with neither replacement mark
    assert not any(lacking.has(mark) for mark in REPLACEMENTS)
    chain, missing = fallback_chain("😀\U0010fffd", [lacking])
    assert missing == "\U0010fffd"
    with_chain = FontFamily(lacking.name, lacking.files, fallbacks=chain)
    assert with_chain.replacement() == ("\ufffd", shipped()["Noto Sans Mono"])


def test_two_fonts_of_one_name_each_draw_their_own_text(tmp_path: Path) -> None:
    """A shipped subset and the installed font of the same family (and PostScript name) are
    two fonts to reportlab, not one."""
    from reportlab.pdfbase.pdfmetrics import getFont

    math = shipped()["Noto Sans Math"]
    copy = tmp_path / "NotoSansMath-Regular.ttf"
    shutil.copyfile(math.files[0], copy)
    other = FontFamily(math.name, (copy,) * 4)
    faces = [math.face(), other.face()]
    assert faces[0] != faces[1]
    assert [getFont(face).face.filename for face in faces] == [str(math.files[0]), str(copy)]
    assert getFont(faces[0]).face.name != getFont(faces[1]).face.name
