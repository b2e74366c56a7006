"""The handout, read back with pypdf: facts, not byte snapshots."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

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


def squash(text: str) -> str:
    """Whitespace-free text, so line breaks and hyphen-free wrapping do not matter."""
    return re.sub(r"\s+", "", text)


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
    text = squash(" ".join(pdf_text(guide_build["pdf"])))
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


def test_notes_pages_follow_each_section(guide_build: dict[str, Path]) -> None:
    pages = pdf_text(guide_build["pdf"])
    sections = load_document(CONTENT, Diagnostics()).sections
    notes = [p for p in pages if re.search(r"^\s*Notes\s*$", p, re.M)]
    assert len(notes) == len(sections)


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
