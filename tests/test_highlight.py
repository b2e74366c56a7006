"""Syntax-highlighted code: Pygments' tokens in the theme's code colours, read back from the
handout PDF, the deck and the slides PDF; unknown languages plain; a brand's own colours;
every colour readable on the code's tint; tokens keep their colours across wrapped lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen.brand import load_theme
from reportgen.errors import Diagnostics, ReportgenError
from reportgen.highlight import expand_tabs, highlight, wrap
from reportgen.measure import code_lines
from reportgen.theme import RGB, Theme, to_hex
from reportgen.theme.colors import AA_TEXT, CODE_ROLES, contrast_ratio, derive_palette, readable_on
from reportgen.theme.colors import code_colors as derive_code_colors

from .conftest import REPO, build_to, write_content

NORTHWIND = REPO / "examples" / "northwind" / "brand.yml"
LONG_STRING = "'" + " ".join(f"word{i}" for i in range(40)) + "'"
CODE = ("# Code\n\n## Python\n\n```python\ndef total(items):\n    return 42 + len(items)  # the sum\n"
        f"x = {LONG_STRING}\n```\n")
UNKNOWN = "# Code\n\n## Other\n\n```nosuchlanguage\ndef plain(words): return 42\n```\n"
BRAND = """color:
  palette:
    ink: "#AA0000"
defaults:
  reportgen:
    code-colors:
      keyword: ink
      string: "#FFDD00"
"""


def build(tmp_path: Path, text: str, formats: tuple[str, ...], brand: str | None = None) -> tuple[list[Path], Theme]:
    files = {"a.md": text} if brand is None else {"a.md": text, "brand.yml": brand}
    content = write_content(tmp_path, files)
    out = build_to(content, tmp_path / "o", formats)
    return out, load_theme(content / "brand.yml" if brand else None, Diagnostics())


def chars(pdf: Path) -> list[dict[str, Any]]:
    with pdfplumber.open(pdf) as doc:
        return [c for page in doc.pages for c in page.chars if "Mono" in c["fontname"]]


def rgb_of(char: dict[str, Any]) -> RGB:
    r, g, b = char["non_stroking_color"]
    return (round(r * 255), round(g * 255), round(b * 255))


def colour_of(found: list[dict[str, Any]], word: str) -> set[RGB]:
    """The fill colours of ``word`` wherever it is drawn (characters in drawing order)."""
    text = "".join(c["text"] for c in found)
    out: set[RGB] = set()
    start = text.find(word)
    while start >= 0:
        out |= {rgb_of(c) for c in found[start:start + len(word)]}
        start = text.find(word, start + 1)
    return out


def test_tokens_take_roles_and_unknown_languages_are_plain() -> None:
    lines = highlight("def f(x):\n    return 'a' + 1  # c", "Python")
    roles = {text.strip(): role for line in lines for text, role in line}
    assert roles["def"] == "keyword" and roles["f"] == "name" and roles["'a'"] == "string"
    assert roles["# c"] == "comment" and "number" in roles.values()
    assert ["".join(t for t, _ in line) for line in lines] == ["def f(x):", "    return 'a' + 1  # c"]
    assert highlight("def f():\n\n  x", "nosuchlanguage") == [[("def f():", "")], [], [("  x", "")]]
    assert highlight("def", "") == [[("def", "")]]


@given(st.lists(st.tuples(st.text(alphabet="ab \t,.(", max_size=12), st.sampled_from(["", "keyword", "string"])),
                max_size=8), st.integers(3, 20))
def test_a_wrapped_line_keeps_every_token_where_code_lines_cuts(line: list[tuple[str, str]], columns: int) -> None:
    text = "".join(t for t, _ in line).expandtabs(4)
    expanded = expand_tabs(line, 4)
    assert "".join(t for t, _ in expanded) == text
    pieces = wrap(expanded, columns, "→ ", "mark")
    assert ["".join(t for t, _ in piece) for piece in pieces] == code_lines(text, columns, "→ ")
    tags = [tag for t, tag in expanded for _ in t]  # every character keeps its token's tag
    assert [tag for piece in pieces for t, tag in piece if tag != "mark" for _ in t] == tags


def test_the_handout_colours_keywords_and_keeps_colours_across_wrapped_lines(tmp_path: Path) -> None:
    (pdf,), theme = build(tmp_path, CODE, ("pdf",))
    found, code = chars(pdf), theme.code
    assert colour_of(found, "def") == {code.keyword} and code.keyword != code.plain
    assert colour_of(found, "total") == {code.name} and colour_of(found, "42") == {code.number}
    assert colour_of(found, "# the sum") == {code.comment}
    assert colour_of(found, "(items):") == {code.plain}
    assert any(c["text"] == "→" for c in found), "the long string wraps"
    assert colour_of(found, "word39'") == {code.string}  # on a continued line, still a string


def test_an_unknown_language_is_plain_text_in_the_foreground_colour(tmp_path: Path) -> None:
    (pdf, deck), theme = build(tmp_path, UNKNOWN, ("pdf", "pptx"))
    assert theme.code.plain == theme.colors.foreground
    assert {rgb_of(c) for c in chars(pdf)} == {theme.colors.foreground}
    assert set(deck_colours(deck).values()) == {to_hex(theme.colors.foreground)}


def deck_colours(path: Path) -> dict[str, str]:
    """Each code run's text and its colour, from the deck's XML."""
    out = {}
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.name == "Body":
                for p in shape.text_frame.paragraphs:
                    for run in p.runs:
                        fill = run._r.find(qn("a:rPr")).find(qn("a:solidFill"))
                        out[run.text.strip()] = fill.find(qn("a:srgbClr")).get("val")
    return out


def test_the_deck_and_the_slides_pdf_colour_keywords(tmp_path: Path) -> None:
    (deck, slides), theme = build(tmp_path, CODE, ("pptx", "slides-pdf"))
    colours, code = deck_colours(deck), theme.code
    assert colours["def"] == to_hex(code.keyword) != colours["(items):"] == to_hex(code.plain)
    assert colours["42"] == to_hex(code.number) and colours["# the sum"] == to_hex(code.comment)
    found = chars(slides)
    assert colour_of(found, "def") == {code.keyword} and colour_of(found, "return") == {code.keyword}
    assert colour_of(found, "word39'") == {code.string} and colour_of(found, "(items):") == {code.plain}


def test_a_brand_chooses_code_colours_and_they_are_kept_readable(tmp_path: Path) -> None:
    (pdf, deck), theme = build(tmp_path, CODE, ("pdf", "pptx"), BRAND)
    assert theme.code.keyword == (0xAA, 0, 0)  # the palette's "ink", readable as it is
    yellow = (0xFF, 0xDD, 0x00)
    assert theme.code.string != yellow and contrast_ratio(theme.code.string, theme.colors.tint) >= AA_TEXT
    assert colour_of(chars(pdf), "def") == {(0xAA, 0, 0)}
    assert deck_colours(deck)["def"] == "AA0000"
    assert theme.code.name == derive_code_colors(theme.colors).name  # the roles it leaves, derived


@pytest.mark.parametrize("brand", [None, NORTHWIND], ids=["default", "northwind"])
def test_every_code_colour_reads_at_aa_on_the_tint_and_the_page(brand: Path | None) -> None:
    theme = load_theme(brand, Diagnostics())
    for role in (*CODE_ROLES, "plain"):
        color = getattr(theme.code, role)
        assert min(contrast_ratio(color, g) for g in (theme.colors.tint, theme.colors.background)) >= AA_TEXT, role
    assert len({theme.code.of(role) for role in CODE_ROLES}) == len(CODE_ROLES)  # told apart


_rgb = st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))


@given(foreground=_rgb, background=_rgb, primary=_rgb, chosen=_rgb)
def test_code_colours_read_at_aa_whenever_any_colour_can(foreground: RGB, background: RGB, primary: RGB,
                                                         chosen: RGB) -> None:
    palette = derive_palette(primary, foreground, background)
    colors = derive_code_colors(palette, {"string": chosen})
    for role in (*CODE_ROLES, "plain"):
        color = getattr(colors, role)
        ratio = min(contrast_ratio(color, g) for g in (palette.tint, palette.background))
        assert ratio >= AA_TEXT or color == readable_on(palette.tint)  # else the best there is


@pytest.mark.parametrize(("setting", "message"), [
    ("code-colors: {keywords: red}", "'keywords' is not a role of code's colours"),
    ("code-colors: {keyword: 12}", "'code-colors: keyword' must be a colour"),
    ("code-colors: [red]", "'code-colors' must be a mapping"),
    ("code-colors: {keyword: nosuchcolour}", "'nosuchcolour' is not a colour"),
])
def test_a_bad_code_colour_is_one_error_at_its_line(tmp_path: Path, setting: str, message: str) -> None:
    brand = tmp_path / "brand.yml"
    brand.write_text(f"defaults:\n  reportgen:\n    {setting}\n", encoding="utf-8")
    with pytest.raises(ReportgenError) as err:
        load_theme(brand, Diagnostics())
    assert message in err.value.format_message() and f"{brand}:3" in err.value.format_message()


def test_a_wide_character_takes_two_columns_of_a_code_line() -> None:
    """CJK and emoji, drawn by a fallback font about twice a code font's advance, count two
    columns: a line of them wraps inside its box (found in the corpus: Chinese comments in
    nzh's README ran off the page once code used the fallback fonts)."""
    import unicodedata

    line = "var nzhcn = Nzh.cn; // 使用简体中文, 另外有 Nzh.hk -- 繁体中文"
    pieces = code_lines(line, 30, "→ ")
    assert "".join(p.removeprefix("→ ") for p in pieces) == line
    for piece in pieces:
        assert len(piece) + sum(unicodedata.east_asian_width(c) in "WF" for c in piece) <= 30
    assert code_lines("x" * 30, 30, "→ ") == ["x" * 30]  # narrow characters: one column each, as before
