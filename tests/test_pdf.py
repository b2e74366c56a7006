"""The handout, read back with pypdf: facts, not byte snapshots."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen import model as m
from reportgen.brand import load_theme
from reportgen.errors import Diagnostics
from reportgen.load import load_document

from .conftest import CONTENT, SEED, build_to, write_content


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "--", "—": "---",
                            "…": "..."})


def squash(text: str) -> str:
    """Whitespace-free text with plain quotes and dashes, so line breaks, hyphen-free wrapping
    and the typographer's curly quotes do not matter."""
    return re.sub(r"\s+", "", text.translate(TYPOGRAPHY))


def seed_sentences() -> list[str]:
    """Every sentence of the seed guide, less the scraping artifacts the issue names
    (its own table of contents, the "Read More" line, the table's pipe fragments)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("By 2026"))
    sentences = [lines[0]]
    for line in lines[start:]:
        line = line.strip().removesuffix("|").strip().removeprefix("- ")
        line = re.sub(r"^[QA]: ", "", line)
        if line and line not in ("|", "-") and not line.startswith("Read More"):
            sentences += [s for s in re.split(r"(?<=[.?!])\s+", line) if s]
    return sentences


def test_every_sentence_of_the_seed_is_in_the_handout(guide_build: dict[str, Path]) -> None:
    if not SEED.is_file():
        pytest.skip("the seed guide is not beside this checkout")
    furniture = re.compile(r"^(AI Engineer vs ML Engineer: The Definitive 2026 Career Guide|Big Blue Data Academy · "
                           r"bigblue\.academy|Page \d+ of \d+)$")  # a sentence may run on across a page break
    lines = [line for page in pdf_text(guide_build["pdf"]) for line in page.splitlines() if not furniture.match(line)]
    text = squash(" ".join(lines)) + squash(pdf_text(guide_build["pdf"])[1])  # the title, in the running header
    missing = [s for s in seed_sentences() if squash(s) not in text]
    assert missing == []


def test_outline_mirrors_the_sections(guide_build: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(guide_build["pdf"])
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    sections = [s.title for s in load_document(CONTENT, Diagnostics()).sections]
    assert top == ["Contents", *sections]


def test_footer_says_page_n_of_m_from_page_two(guide_build: dict[str, Path]) -> None:
    pages = pdf_text(guide_build["pdf"])
    total = len(pages)
    assert "Page 1 of" not in pages[0]
    for number, text in enumerate(pages[1:], 2):
        assert f"Page {number} of {total}" in text


def test_fonts_are_embedded_subsets(guide_build: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(guide_build["pdf"])
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
                else font.get("/FontDescriptor")
            fonts[str(font["/BaseFont"])] = descriptor is not None and "/FontFile2" in descriptor.get_object()
    assert fonts and all(fonts.values()), fonts
    assert any("Carlito" in name for name in fonts)


def test_metadata(guide_build: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(guide_build["pdf"])
    meta = reader.metadata
    assert meta.title == "AI Engineer vs ML Engineer: The Definitive 2026 Career Guide"
    assert meta.author == "Big Blue Data Academy"
    assert reader.trailer["/Root"].get("/Lang") == "en"
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4


def test_markup_looking_text_prints_literally(tmp_path: Path) -> None:
    text = "# Literal\n\nUse \\<b>bold&lt;/b> & `<font color=red>x</font>` or &lt;para> tags.\n"
    out = build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pdf",))
    assert "Use <b>bold</b> & <font color=red>x</font> or <para> tags." in " ".join(pdf_text(out[0]))


def test_table_header_repeats_on_every_page_it_spans(tmp_path: Path) -> None:
    rows = "".join(f"| Item {i} | {'words ' * 12}{i} |\n" for i in range(120))
    text = f"# Long table\n\n| Name | Description |\n|---|---|\n{rows}"
    out = build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pdf",))
    pages = [p for p in pdf_text(out[0]) if "Item " in p]
    assert len(pages) >= 3
    assert all("Name" in p and "Description" in p for p in pages)


def test_a_row_taller_than_a_page_splits(tmp_path: Path) -> None:
    huge = " ".join(f"word{i}" for i in range(3000))
    text = f"# Tall row\n\n| A | B |\n|---|---|\n| {huge} | short |\n"
    out = build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pdf",))
    assert "word2999" in " ".join(pdf_text(out[0]))


def test_qpdf_check_passes(guide_build: dict[str, Path]) -> None:
    try:
        result = subprocess.run(["qpdf", "--check", str(guide_build["pdf"])], capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("qpdf is not installed")
    assert result.returncode == 0, result.stdout


def test_each_section_ends_with_room_for_notes(guide_build: dict[str, Path]) -> None:
    """notes: fill (the default brand's): ruled "Notes" after each section, on its last page
    when there is room, else on the next; never a notes page where a section ends with room."""
    pages = pdf_text(guide_build["pdf"])
    sections = load_document(CONTENT, Diagnostics()).sections
    notes = [i for i, p in enumerate(pages) if re.search(r"^\s*Notes\s*$", p, re.M)]
    assert len(notes) == len(sections)
    shared = [i for i in notes if len(pages[i].strip().splitlines()) > 4]  # more than header, footer, number, "Notes"
    assert len(shared) >= len(sections) // 2  # most share a page with their section's text


def test_faq_questions_are_kept_with_their_answers(guide_build: dict[str, Path]) -> None:
    doc = load_document(CONTENT, Diagnostics())
    faq = next(b for s in doc.sections for b in s.blocks if isinstance(b, m.Faq))
    pages = [squash(p) for p in pdf_text(guide_build["pdf"])]
    for item in faq.items:
        question = squash(m.plain(item.question))
        first_words = squash(" ".join(m.plain(item.answer[0].runs).split()[:6]))  # type: ignore[union-attr]
        assert any(question in p and first_words in p for p in pages)


def test_contents_page_numbers_are_right_and_clickable(guide_build: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(guide_build["pdf"])
    pages = [squash(p.extract_text() or "") for p in reader.pages]
    contents = reader.pages[1]
    text = pages[1]
    for section in load_document(CONTENT, Diagnostics()).sections:
        match = re.search(re.escape(squash(section.title)) + r"[.]*(\d+)", text)
        assert match, section.title
        number = int(match.group(1))
        assert squash(section.title) in pages[number - 1]
    links = [a.get_object() for a in contents.get("/Annots", [])]
    assert len([a for a in links if a["/Subtype"] == "/Link"]) == len(load_document(CONTENT, Diagnostics()).sections)


def test_contents_longer_than_a_page_with_links_in_the_body(tmp_path: Path) -> None:
    files = {f"s{i:02d}.md": f"# Section number {i}\n\n## Part A\n\n[a link](https://example.com/{i})\n"
             for i in range(40)}
    out = build_to(write_content(tmp_path, files), tmp_path / "o", ("pdf",))[0]
    reader = pypdf.PdfReader(out)
    assert "Section number 39" in (reader.pages[2].extract_text() or "") + (reader.pages[3].extract_text() or "")
    toc_links = [a for p in reader.pages for a in p.get("/Annots", []) if "/Dest" in a.get_object()]
    assert len(toc_links) == 80


def drawn_images(page: pypdf.PageObject) -> dict[str, tuple[float, float, float, float]]:
    """Each image drawn on ``page``: (x, y, width, height) in points on the page, from the
    transformation in force where the content stream paints it (nested ``cm`` included)."""
    placed: dict[str, tuple[float, float, float, float]] = {}

    def visit(op: bytes, args: list[object], cm: list[float], tm: list[float]) -> None:
        if op == b"Do":
            placed[str(args[0])] = (cm[4], cm[5], cm[0], cm[3])

    page.extract_text(visitor_operand_before=visit)
    return placed


def test_images_are_scaled_to_the_frame_with_captions(tmp_path: Path) -> None:
    from PIL import Image

    content = write_content(tmp_path, {"a.md": "# Pictures\n\n![A very wide chart](wide.png \"Figure 1: growth\")\n"})
    Image.new("RGB", (4000, 500), "navy").save(content / "wide.png")
    out = build_to(content, tmp_path / "o", ("pdf",))[0]
    reader = pypdf.PdfReader(out)
    page = next(p for p in reader.pages if "Figure 1: growth" in (p.extract_text() or ""))
    wide = [name for name, obj in page["/Resources"]["/XObject"].items() if obj.get_object()["/Width"] == 4000]
    assert len(wide) == 1  # embedded at full resolution, drawn scaled
    x, y, w, h = drawn_images(page)[wide[0]]
    box = load_theme(None, Diagnostics()).page  # the default brand's text frame
    assert w == pytest.approx(box.inner_width, abs=0.01)  # as wide as the frame, no wider
    assert x == pytest.approx(box.left, abs=0.01) and h == pytest.approx(w * 500 / 4000)  # in it, not distorted
    assert box.bottom <= y and y + h <= box.height - box.top


def test_a_lead_in_stays_on_the_page_of_its_list(guide_build: dict[str, Path]) -> None:
    doc = load_document(CONTENT, Diagnostics())
    pairs = []
    for section in doc.sections:
        for before, after in zip(section.blocks, section.blocks[1:]):
            if isinstance(before, m.Paragraph) and m.plain(before.runs).endswith(":") \
                    and isinstance(after, m.BulletList):
                first = after.items[0].blocks[0]
                pairs.append((m.plain(before.runs), m.plain(first.runs)))  # type: ignore[union-attr]
    assert len(pairs) >= 3
    pages = [squash(p) for p in pdf_text(guide_build["pdf"])]
    for lead_in, item in pairs:
        assert any(squash(lead_in) in p and squash(item) in p for p in pages), lead_in


def test_table_cells_never_break_a_word_the_column_can_hold(guide_build: dict[str, Path]) -> None:
    words = {w.strip(".,:()") for p in pdf_text(guide_build["pdf"]) for w in p.split()}
    assert {"Requirement", "Philosophy", "Workflow"} <= words  # the row labels, whole
    assert not {"Requi", "rement", "Philoso", "phy"} & words


@given(fractions=st.lists(st.floats(0.01, 1), min_size=1, max_size=6), total=st.floats(100, 800),
       needs_share=st.lists(st.floats(0, 0.3), min_size=6, max_size=6))
def test_column_widths_give_every_column_its_longest_word(fractions: list[float], total: float,
                                                          needs_share: list[float]) -> None:
    from reportgen.measure import column_widths

    shares = tuple(f / sum(fractions) for f in fractions)
    needs = [n * total for n in needs_share[:len(shares)]]
    widths = column_widths(shares, total, needs)
    assert abs(sum(widths) - total) < 1e-6 * total
    if sum(needs) <= total:
        assert all(w >= n - 1e-6 for w, n in zip(widths, needs))


@dataclass
class Drawn:
    """What a page paints, in page coordinates: text pieces (text, x, baseline, font, size, fill
    colour), stroked lines (x0, y0, x1, y1, stroke colour) and filled rectangles (x, y, w, h,
    fill colour). Colours are RGB tuples of 0-255, as the theme gives them."""

    texts: list[tuple[str, float, float, str, float, tuple[int, ...]]] = field(default_factory=list)
    lines: list[tuple[float, float, float, float, tuple[int, ...]]] = field(default_factory=list)
    rects: list[tuple[float, float, float, float, tuple[int, ...]]] = field(default_factory=list)

    def text(self, wanted: str) -> tuple[str, float, float, str, float, tuple[int, ...]]:
        return next(t for t in self.texts if t[0] == wanted)


def drawn(page: pypdf.PageObject) -> Drawn:
    out = Drawn()
    state = {"fill": (0, 0, 0), "stroke": (0, 0, 0)}
    stack: list[dict[str, tuple[int, ...]]] = []
    path: list[tuple[float, float]] = []

    def colour(args: list[Any]) -> tuple[int, ...]:
        return tuple(round(float(v) * 255) for v in args)

    def at(cm: list[float], x: float, y: float) -> tuple[float, float]:
        return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]

    def operator(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        nonlocal state
        if op == b"q":
            stack.append(dict(state))
        elif op == b"Q":
            state = stack.pop()
        elif op in (b"rg", b"RG"):
            state["fill" if op == b"rg" else "stroke"] = colour(args)
        elif op == b"m":
            path[:] = [at(cm, float(args[0]), float(args[1]))]
        elif op == b"l":
            path.append(at(cm, float(args[0]), float(args[1])))
        elif op == b"S" and len(path) == 2:
            (x0, y0), (x1, y1) = path
            out.lines.append((x0, y0, x1, y1, state["stroke"]))
        elif op == b"re":
            x, y = at(cm, float(args[0]), float(args[1]))
            out.rects.append((x, y, float(args[2]) * cm[0], float(args[3]) * cm[3], state["fill"]))

    def text(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            x, y = at(cm, tm[4], tm[5])
            name = str(font["/BaseFont"]).split("+")[-1] if font else ""
            out.texts.append((text.rstrip("\n"), x, y, name, size * tm[0], state["fill"]))

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return out


BLOCKS = """# Blocks

Before the rule.

---

After the rule.

3. Third item
4. Fourth item
5. Fifth item

1) One
2) Two

And later:

99. Ninety-nine
100. One hundred

::: callout Remember this
Callout body text.
:::

> [!WARNING]
> Careful here.

```python
def f():
    return 1
```
"""


@pytest.fixture(scope="module")
def blocks_page(tmp_path_factory: pytest.TempPathFactory) -> Drawn:
    root = tmp_path_factory.mktemp("blocks")
    out = build_to(write_content(root, {"a.md": BLOCKS}), root / "o", ("pdf",))[0]
    page = next(p for p in pypdf.PdfReader(out).pages if "Before the rule." in (p.extract_text() or ""))
    return drawn(page)


THEME = load_theme(None, Diagnostics())


def embedded_name(role: str) -> str:
    """The PostScript name a role's face is embedded under (what the PDF's fonts are called)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    style = THEME.style(role)
    return str(getFont(style.family.face(style.bold, style.italic)).face.name.decode())


def test_ordered_lists_print_their_numbers_from_their_start(blocks_page: Drawn) -> None:
    box, colors = THEME.page, THEME.colors
    from reportgen.fonts import width

    numbers = [t for t in blocks_page.texts if re.fullmatch(r"\d+\.", t[0])]
    assert [t[0] for t in numbers] == ["3.", "4.", "5.", "1.", "2.", "99.", "100."]  # each list from its start
    items = ["Third item", "Fourth item", "Fifth item", "One", "Two", "Ninety-nine", "One hundred"]
    for number, item in zip(numbers, items):
        text = blocks_page.text(item)
        assert number[2] == pytest.approx(text[2])  # on the item's baseline
        assert number[1] == pytest.approx(box.left)  # hanging in the indent, clear of the text
        assert number[1] + width(number[0], THEME.style("list").family, number[4]) + 2 <= text[1], number
        assert number[5] == colors.accent and text[5] == colors.foreground
    assert [blocks_page.text(item)[2] for item in items] == sorted((blocks_page.text(i)[2] for i in items),
                                                                    reverse=True)  # in order, down the page


def test_a_rule_is_a_line_across_the_frame_between_its_neighbours(blocks_page: Drawn) -> None:
    box = THEME.page
    above, below = blocks_page.text("Before the rule.")[2], blocks_page.text("After the rule.")[2]
    rules = [line for line in blocks_page.lines if below < line[1] < above]
    assert len(rules) == 1
    x0, y0, x1, y1, colour = rules[0]
    assert y0 == y1 and (x0, x1) == (pytest.approx(box.left), pytest.approx(box.width - box.right))
    assert colour == THEME.colors.rule


def box_around(page: Drawn, text: tuple[str, float, float, str, float, tuple[int, ...]],
               fill: tuple[int, ...]) -> tuple[float, float, float, float, tuple[int, ...]]:
    """The one rectangle of ``fill`` that holds ``text``'s starting point."""
    found = [r for r in page.rects
             if r[4] == fill and r[0] <= text[1] <= r[0] + r[2] and r[1] <= text[2] <= r[1] + r[3]]
    assert len(found) == 1, (text, page.rects)
    return found[0]


@pytest.mark.parametrize(("title", "body"), [("Remember this", "Callout body text."), ("Warning", "Careful here.")])
def test_callout_titles_are_bold_above_their_text_in_a_box_with_a_bar(blocks_page: Drawn, title: str,
                                                                      body: str) -> None:
    heading, text = blocks_page.text(title), blocks_page.text(body)
    assert heading[3] == embedded_name("heading.3") and heading[3].endswith("-Bold")
    assert heading[4] == pytest.approx(THEME.style("heading.3").size)
    assert text[3] == embedded_name("body") and heading[1] == pytest.approx(text[1]) and heading[2] > text[2]
    x, y, w, h, _ = box_around(blocks_page, heading, THEME.colors.tint)
    assert box_around(blocks_page, text, THEME.colors.tint)[:2] == (x, y)  # one box holds both
    assert (x, w) == (pytest.approx(THEME.page.left), pytest.approx(THEME.measure))  # ends with the text's measure
    bars = [r for r in blocks_page.rects if r[4] == THEME.colors.secondary and r[:2] == (x, y)]
    assert len(bars) == 1 and bars[0][2] == 3 and bars[0][3] == h  # the bar down its left side


def test_code_blocks_print_their_lines_in_the_monospace_font_in_a_tinted_box(blocks_page: Drawn) -> None:
    code = THEME.style("code")
    lines = [t for t in blocks_page.texts if t[3] == embedded_name("code")]
    assert [t[0] for t in lines] == ["def f():", "    return 1"]  # as written, indentation kept
    assert all(t[4] == pytest.approx(code.size) for t in lines) and lines[0][1] == lines[1][1]
    x, y, w, h, _ = box_around(blocks_page, lines[0], THEME.colors.tint)
    assert box_around(blocks_page, lines[1], THEME.colors.tint)[:2] == (x, y)
    assert (x, w) == (pytest.approx(THEME.page.left), pytest.approx(THEME.page.inner_width))
    assert not [r for r in blocks_page.rects if r[4] == THEME.colors.secondary and r[:2] == (x, y)]  # no bar


@pytest.mark.parametrize("mode", ["fill", "page", "end", "none"])
def test_the_brand_chooses_where_notes_go(tmp_path: Path, mode: str) -> None:
    content = write_content(tmp_path, {f"s{n}.md": f"# Part {n}\n\nShort text {n}.\n" for n in range(3)})
    brand = tmp_path / "brand.yml"
    brand.write_text(f"defaults:\n  reportgen:\n    notes: {mode}\n    toc: false\n", encoding="utf-8")
    pages = pdf_text(build_to(content, tmp_path / "o", ("pdf",), brand=brand)[0])
    with_notes = [i for i, p in enumerate(pages) if re.search(r"^\s*Notes\s*$", p, re.M)]
    expected = {"fill": [1, 2, 3], "page": [2, 4, 6], "end": [4, 5], "none": []}[mode]
    assert with_notes == expected
    assert len(pages) == {"fill": 4, "page": 7, "end": 6, "none": 4}[mode]
