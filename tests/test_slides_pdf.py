"""The deck as PDF and the printable slide handout, read back with pypdf and python-pptx.

Both PDFs draw the plan the PPTX draws, so the proof is a comparison: the same slides, with
the same titles and the same text, in embedded brand fonts only, byte-identical on rebuild.
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen import model as m
from reportgen.brand import ASSETS, load_theme
from reportgen.build import BuildOptions, build, load
from reportgen.errors import Diagnostics, ReportgenError
from reportgen.render.canvas.layout import page_cells, ruled_lines
from reportgen.render.canvas.slide_handout import render_slide_handout
from reportgen.render.canvas.slides_pdf import render_slides_pdf
from reportgen.render.deck.fit import Fitter
from reportgen.render.deck.plan import CHECKED, UNCHECKED, Para, TableBox, TextBox, note_paragraphs
from reportgen.render.deck.planner import plan_slides
from reportgen.theme import SLIDE_SIZES

from .conftest import CONTENT


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def shape_text(shape: object) -> str:
    """What a slide shape shows: paragraph text with its bullet or number, and table cells."""
    if getattr(shape, "has_table", False):
        return "".join(cell.text for row in shape.table.rows for cell in row.cells)  # type: ignore[attr-defined]
    if not getattr(shape, "has_text_frame", False):
        return ""
    out = []
    for p in shape.text_frame.paragraphs:  # type: ignore[attr-defined]
        pPr = p._p.pPr
        char = pPr.find(qn("a:buChar")) if pPr is not None else None
        number = pPr.find(qn("a:buAutoNum")) if pPr is not None else None
        bullet = char.get("char") if char is not None else f"{number.get('startAt')}." if number is not None else ""
        out.append(bullet + p.text)
    return "".join(out)


def brand_file(root: Path, layout: int, notes: bool = False) -> Path:
    """The default brand plus handout settings; its fonts and logos are copied beside it,
    because brand.yml paths are relative to the brand file."""
    folder = root / f"brand-{layout}-{notes}"
    shutil.copytree(ASSETS / "fonts", folder / "fonts")
    shutil.copytree(ASSETS / "logos", folder / "logos")
    text = (ASSETS / "brand.yml").read_text(encoding="utf-8").rstrip("\n")
    assert text.endswith("notes: fill")  # the last key sits under defaults: reportgen:
    text += f"\n    handout-layout: {layout}\n    handout-notes: {str(notes).lower()}\n"
    (folder / "brand.yml").write_text(text, encoding="utf-8")
    return folder / "brand.yml"


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The default guide as PPTX and as slides PDF, from one build."""
    out = tmp_path_factory.mktemp("slides-pdf")
    paths = build(BuildOptions(CONTENT, out, formats=("pptx", "slides-pdf")), Diagnostics())
    return {"pptx": next(p for p in paths if p.suffix == ".pptx"),
            "pdf": next(p for p in paths if p.name.endswith(".slides.pdf"))}


def test_one_page_per_slide_with_the_slide_size(deck: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(deck["pdf"])
    prs = Presentation(str(deck["pptx"]))
    assert len(reader.pages) == len(prs.slides) > 10
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width * 12700), round(height * 12700)) == (prs.slide_width, prs.slide_height)


def test_every_page_shows_the_text_of_its_slide(deck: dict[str, Path]) -> None:
    pages = pdf_pages(deck["pdf"])
    prs = Presentation(str(deck["pptx"]))
    for number, (page, slide) in enumerate(zip(pages, prs.slides), 1):
        title = squash(slide.shapes.title.text_frame.text)
        assert squash(page).startswith(title), number  # the title is drawn first, as in the deck
        assert squash(page) == squash("".join(shape_text(s) for s in slide.shapes)), number


def baseline_lines(chars: list[dict[str, Any]], page_height: float) -> list[tuple[float, str]]:
    """Characters grouped by baseline (top-down, as the plan measures), each line read left to
    right: what the page shows as lines, however the drawer decided them."""
    lines: list[tuple[float, list[dict[str, Any]]]] = []
    for char in sorted(chars, key=lambda c: (page_height - c["matrix"][5], c["x0"])):
        baseline = page_height - char["matrix"][5]
        if lines and baseline - lines[-1][0] < 0.4 * char["size"]:
            lines[-1][1].append(char)
        else:
            lines.append((baseline, [char]))
    return [(y, "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))) for y, line in lines]


def shown(para: Para) -> str:
    """A planned paragraph's text as drawn: a "•" or number before it (a task's box is a drawing)."""
    bullet = "" if para.bullet in (CHECKED, UNCHECKED) else para.bullet
    return squash(bullet + m.plain(para.runs))


def paragraph_bands(box: TextBox) -> list[tuple[Para, float, float]]:
    """Where the plan puts each paragraph of a text box: from the top of its first line to the
    bottom of its last (insets, anchoring and spacing as planned)."""
    top = box.y + box.inset_y + {"top": 0.0, "middle": 0.5, "bottom": 1.0}[box.anchor] * (box.h - box.content_height)
    bands = []
    for para in box.paras:
        top += para.space_before
        bands.append((para, top, top + para.lines * para.pitch))
        top += para.lines * para.pitch + para.space_after
    return bands


def cell_bands(box: TableBox) -> list[tuple[Para, float, float, float, float]]:
    """Each cell's paragraph and its rectangle (left, top, right, bottom)."""
    cells, top = [], box.y
    for row, height in zip(box.rows, box.row_heights):
        left = box.x
        for para, width in zip(row, box.col_widths):
            cells.append((para, left, top, left + width, top + height))
            left += width
        top += height
    return cells


def test_line_breaks_drawn_are_the_plans(deck: dict[str, Path]) -> None:
    checked, wrapped = assert_drawn_lines_are_the_plans(CONTENT, deck["pdf"], deck["pptx"])
    assert checked > 100 and wrapped > 20  # many paragraphs, many of them on several lines


def test_line_breaks_drawn_are_the_plans_for_every_kind_of_text(tmp_path: Path) -> None:
    """Bullets two levels deep, numbers from 3, tasks, code cut into lines, quotes, callouts,
    headings on slides, and a table with a row taller than a slide."""
    from .test_slide_plan import hard_content

    content = hard_content(tmp_path)
    words = " ".join(f"word{i}" for i in range(400))
    (content / "kinds.md").write_text(
        "# Kinds\n\n## A heading on a slide\n\n3. third, a numbered item long enough to wrap onto a second"
        " line of its box\n4. fourth\n\n- [x] done task\n- [ ] open task\n- outer\n  - inner item, also long enough"
        " to need a second line on the slide\n\n> A quotation that runs on for a while, so that it wraps.\n\n"
        "::: callout Tip\nA callout's text, with **strong** words.\n:::\n\n"
        f"| Key | Value |\n|---|---|\n| tall | {words} |\n| short | x |\n", encoding="utf-8")
    guide = content / "guide.yml"
    guide.write_text(guide.read_text(encoding="utf-8") + "  - kinds.md\n", encoding="utf-8")
    paths = build(BuildOptions(content, tmp_path / "out", formats=("pptx", "slides-pdf")), Diagnostics())
    checked, wrapped = assert_drawn_lines_are_the_plans(content, paths[1], paths[0])
    assert checked > 250 and wrapped > 35


def assert_box_lines(box: TextBox, chars: list[dict[str, Any]], H: float, number: int,
                     slack: float) -> tuple[list[tuple[float, str]], int]:
    """The characters inside ``box``, grouped by baseline, make the plan's lines for each of its
    paragraphs, each with the paragraph's text; return the lines and how many paragraphs wrap."""
    inside = [c for c in chars if box.x - slack <= c["x0"] and c["x1"] <= box.x + box.w + slack
              and box.y < H - c["matrix"][5] <= box.y + box.h]
    lines = baseline_lines(inside, H)
    for para, top, bottom in paragraph_bands(box):
        mine = [text for y, text in lines if top < y <= bottom + max(slack / 10, 0.01)]
        assert len(mine) == (para.lines if shown(para) else 0), (number, m.plain(para.runs), mine)
        assert squash("".join(mine)) == shown(para), (number, mine)
    return lines, sum(para.lines > 1 for para in box.paras)


def assert_drawn_lines_are_the_plans(content: Path, slides_pdf: Path, pptx: Path) -> tuple[int, int]:
    """Read back, not re-wrapped: on every page of the slides PDF, the characters inside each planned
    text box or table cell, grouped by baseline, make as many lines as the plan counted for each
    paragraph, each line inside the box and in the paragraph's band, with the paragraph's text; the
    deck holds the same paragraphs, one ``<a:p>`` each, in the planned boxes. Returns how many
    paragraphs were checked and how many of them span several lines."""
    import pdfplumber

    doc, theme = load(BuildOptions(content), Diagnostics())
    plan = plan_slides(doc, theme)
    prs = Presentation(str(pptx))
    checked = wrapped = hard = 0
    with pdfplumber.open(slides_pdf) as pdf:
        assert len(pdf.pages) == len(plan) == len(prs.slides)
        for number, (page, slide, pptx_slide) in enumerate(zip(pdf.pages, plan, prs.slides), 1):
            H = float(page.height)
            placed = {(shape.left, shape.top): shape for shape in pptx_slide.shapes}
            for box in (slide.title, *slide.shapes):
                if isinstance(box, TextBox):
                    lines, drawn_wrapped = assert_box_lines(box, page.chars, H, number, 0.01)
                    checked, wrapped = checked + len(box.paras), wrapped + drawn_wrapped
                    assert sum(p.lines for p in box.paras if shown(p)) == len(lines), (number, lines)
                    drawn = pptx_slide.shapes.title if box is slide.title else placed[emu(box.x), emu(box.y)]
                    written = [p.text.split("\v") for p in drawn.text_frame.paragraphs]
                    assert [" ".join(p) for p in written] == [m.plain(p.runs) for p in box.paras]
                    for para, lines_written in zip(box.paras, written):  # breaks the deck says, as the plan's
                        breaks = [" ".join("".join(piece.text for piece in word) for word in ln) for ln in para.breaks]
                        assert lines_written == (breaks if para.hard else [m.plain(para.runs)])
                        hard += para.hard
                elif isinstance(box, TableBox):
                    for para, left, top, right, bottom in cell_bands(box):
                        inside = [c for c in page.chars if left - 0.01 <= c["x0"] and c["x1"] <= right + 0.01
                                  and top < H - c["matrix"][5] <= bottom]
                        lines = [text for _, text in baseline_lines(inside, H)]
                        assert len(lines) == (para.lines if shown(para) else 0), (number, m.plain(para.runs), lines)
                        assert squash("".join(lines)) == shown(para), (number, lines)
                        checked += 1
                        wrapped += para.lines > 1
                    table = placed[emu(box.x), emu(box.y)].table
                    assert [[c.text for c in row.cells] for row in table.rows] == \
                        [[m.plain(p.runs) for p in row] for row in box.rows], number
    assert hard > 0  # balanced titles, their breaks written into the deck
    return checked, wrapped


def emu(points: float) -> int:
    return round(points * 12700)


def test_bookmarks_lead_to_the_title_and_each_section(deck: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(deck["pdf"])
    doc, _ = load(BuildOptions(CONTENT), Diagnostics())
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert [t for t, _ in outline] == [doc.meta.title, *(s.title for s in doc.sections)]
    prs = Presentation(str(deck["pptx"]))
    for title, page in outline[1:]:  # each section's entry opens its divider slide
        assert prs.slides[page].shapes.title.text_frame.text.replace("\v", " ") == title
    assert reader.metadata is not None and reader.metadata.title.startswith(doc.meta.title)
    assert reader.metadata.author == (doc.meta.author or load(BuildOptions(CONTENT), Diagnostics())[1].name)
    assert reader.trailer["/Root"]["/Lang"] == doc.meta.lang


def embedded_fonts(path: Path) -> set[str]:
    reader = pypdf.PdfReader(path)
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]  # embedded TrueType
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_only_the_brand_fonts_are_embedded(deck: dict[str, Path], tmp_path: Path) -> None:
    handout = build(BuildOptions(CONTENT, tmp_path, formats=("handout",)), Diagnostics())[0]
    for path in (deck["pdf"], handout):
        assert embedded_fonts(path) <= {"Carlito", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic",
                                        "LiberationMono"}
        assert b"Helvetica" not in path.read_bytes()


def test_rebuilds_are_byte_identical() -> None:
    doc, theme = load(BuildOptions(CONTENT), Diagnostics())
    for render in (render_slides_pdf, render_slide_handout):
        assert render(doc, theme, Diagnostics()) == render(doc, theme, Diagnostics())


@pytest.mark.parametrize("layout", [1, 2, 3, 6])
def test_handout_has_n_slides_a_page_and_numbered_pages(tmp_path: Path, deck: dict[str, Path],
                                                        layout: int) -> None:
    options = BuildOptions(CONTENT, tmp_path / "out", formats=("handout",), brand=brand_file(tmp_path, layout))
    path = build(options, Diagnostics())[0]
    assert path.name.endswith(".handout.pdf")
    doc, theme = load(BuildOptions(CONTENT), Diagnostics())
    light = [s for s in plan_slides(doc, theme) if not s.dark]  # title, dividers and closing are not printed
    pages = pdf_pages(path)
    assert len(pages) == math.ceil(len(light) / layout)
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text


def test_handout_notes_print_a_slides_notes_on_its_page(tmp_path: Path, deck: dict[str, Path]) -> None:
    options = BuildOptions(CONTENT, tmp_path / "out", formats=("handout",), brand=brand_file(tmp_path, 1, True))
    pages = pdf_pages(build(options, Diagnostics())[0])
    doc, theme = load(BuildOptions(CONTENT), Diagnostics())
    light = [n for n, s in enumerate(plan_slides(doc, theme)) if not s.dark]
    prs = Presentation(str(deck["pptx"]))
    assert len(pages) == len(light)
    with_notes = [(page, prs.slides[n].notes_slide.notes_text_frame.text) for page, n in enumerate(light)
                  if prs.slides[n].has_notes_slide and prs.slides[n].notes_slide.notes_text_frame.text]
    assert len(with_notes) > 5
    for page, notes in with_notes:  # one slide a page: the notes are on the slide's own page
        assert squash(notes) in squash(pages[page]).replace("•", ""), page


@pytest.mark.parametrize("layout", [2, 3, 6])
def test_notes_that_do_not_fit_continue_and_are_never_lost(layout: int) -> None:
    doc, theme = load(BuildOptions(CONTENT), Diagnostics())
    theme = dataclasses.replace(theme, handout_layout=layout, handout_notes=True)
    reader = pypdf.PdfReader(io.BytesIO(render_slide_handout(doc, theme, Diagnostics())))
    text = squash("".join(page.extract_text() or "" for page in reader.pages))
    for slide in plan_slides(doc, theme):
        for note in note_paragraphs(slide):
            assert in_two_pieces(squash(note.text), text), note


def in_two_pieces(part: str, text: str) -> bool:
    """``part`` is in ``text`` whole, or as a head and a tail (a paragraph split between the
    notes beside a slide and the page of notes continued)."""
    lo, hi = 0, len(part)  # the longest head found in the text
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if part[:mid] in text else (lo, mid - 1)
    return lo > 0 and part[lo:] in text


@pytest.mark.parametrize("size", list(SLIDE_SIZES))
@pytest.mark.parametrize("layout", [1, 2, 3, 6])
@pytest.mark.parametrize("notes", [False, True])
def test_handout_cells_keep_the_slide_shape_inside_the_margins(size: str, layout: int, notes: bool) -> None:
    theme = load_theme(None, Diagnostics())
    w, h = SLIDE_SIZES[size]
    theme = dataclasses.replace(theme, slide=dataclasses.replace(theme.slide, width=w, height=h))
    cells = page_cells(theme, layout, notes)
    assert len(cells) == layout
    box = theme.page
    if not notes:  # room to write under or beside every slide
        assert all(c.notes is not None and c.ruled and len(ruled_lines(c.notes, theme.handout)) >= 2 for c in cells)
    for cell in cells:  # the section-name strip sits right on top of its slide
        assert cell.label.y == pytest.approx(cell.slide.top) and cell.label.w == pytest.approx(cell.slide.w)
    boxes = [c.slide for c in cells] + [c.notes for c in cells if c.notes is not None] + [c.label for c in cells]
    for area in boxes:
        assert area.w > 0 and area.h > 0
        assert area.x >= box.left - 0.01 and area.x + area.w <= box.width - box.right + 0.01
        assert area.y >= box.bottom - 0.01 and area.top <= box.height - box.top + 0.01
    for cell in cells:
        assert cell.slide.h / cell.slide.w == pytest.approx(h / w)  # one scale: never distorted
    for i, a in enumerate(boxes):  # no two boxes overlap
        for b in boxes[i + 1:]:
            assert a.x + a.w <= b.x + 0.01 or b.x + b.w <= a.x + 0.01 or a.top <= b.y + 0.01 or b.top <= a.y + 0.01
    if layout == 3:  # ruled lines beside each slide, one pitch apart, the lowest on the slide's bottom edge
        for cell in cells:
            assert cell.notes is not None
            lines = ruled_lines(cell.notes, theme.handout)
            assert lines[0] == cell.slide.y and len(lines) >= 4
            assert {round(b - a, 6) for a, b in zip(lines, lines[1:])} == {round(theme.handout.note_line_pitch, 6)}


@pytest.mark.parametrize("value", ["4", "0", '"3"', "true", "3.5"])
def test_a_bad_handout_layout_is_an_error_with_a_hint(tmp_path: Path, value: str) -> None:
    path = brand_file(tmp_path, 3)
    path.write_text(path.read_text(encoding="utf-8").replace("handout-layout: 3", f"handout-layout: {value}"),
                    encoding="utf-8")
    with pytest.raises(ReportgenError) as caught:
        load_theme(path, Diagnostics())
    assert "handout-layout" in caught.value.message and "1, 2, 3, 6" in (caught.value.hint or "")
    assert caught.value.source is not None and caught.value.source.line is not None


def test_build_refuses_an_unknown_format_before_it_writes_anything(tmp_path: Path) -> None:
    """A successful build creates its output folder; an unknown format, even beside a known one,
    leaves no folder, and a folder of earlier outputs as it was."""
    out = tmp_path / "out"
    refusal = "unknown output format 'docx'; use one of: pdf, pptx, slides-pdf, handout"
    for formats in (("docx",), ("pdf", "docx")):
        with pytest.raises(ReportgenError) as caught:
            build(BuildOptions(CONTENT, out, formats=formats), Diagnostics())
        assert caught.value.format_message() == refusal
        assert not out.exists()
    written = build(BuildOptions(CONTENT, out, formats=("pdf",)), Diagnostics())
    assert [p.parent for p in written] == [out]
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    with pytest.raises(ReportgenError) as caught:
        build(BuildOptions(CONTENT, out, formats=("pdf", "docx"), force=True), Diagnostics())
    assert caught.value.format_message() == refusal
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == before


@pytest.mark.parametrize("line", ["    return x + 1", "a = 1" + " " * 30 + "b", "  x  y", "plain words here"])
def test_a_code_line_is_drawn_with_its_spaces_as_written(line: str) -> None:
    from reportgen.model import Run
    from reportgen.render.canvas.text import segments
    from reportgen.render.deck.fit import Item

    para, lines = Fitter(load_theme(None, Diagnostics())).para(Item((Run(line, code=True),), code=True), 24, 2000)
    assert ["".join(seg.text for seg in drawn) for drawn in segments(para.runs, lines, False, False)] == [line]


def test_the_slide_handout_prints_no_solid_slides_and_names_each_section_on_a_line(tmp_path: Path) -> None:
    options = BuildOptions(CONTENT, tmp_path / "out", formats=("handout",), brand=brand_file(tmp_path, 6))
    path = build(options, Diagnostics())[0]
    doc, theme = load(BuildOptions(CONTENT), Diagnostics())
    text = squash(" ".join(pdf_pages(path)))
    assert squash(theme.words_for(doc.meta.lang).questions) not in text  # the closing slide is not printed
    reader = pypdf.PdfReader(path)
    assert [item.title for item in reader.outline] == [doc.meta.title, *(s.title for s in doc.sections)]
    lines = [line for page in pdf_pages(path) for line in page.splitlines()]
    for number, section in enumerate(doc.sections, 1):  # "02 · Title", cut with "…" when long
        shown = [squash(line.removeprefix(f"{number:02d} ·")).rstrip("…") for line in lines
                 if line.startswith(f"{number:02d} ·")]
        assert any(squash(section.title).startswith(s) and len(s) > 5 for s in shown), shown


def test_the_slide_handout_draws_the_plans_line_breaks(tmp_path: Path) -> None:
    """The printed slide handout (one slide a page) draws each light slide of the same plan as
    the slides PDF: read back, scaled to the slide, every paragraph has the plan's lines."""
    import pdfplumber

    path = build(BuildOptions(CONTENT, tmp_path / "out", formats=("handout",), brand=brand_file(tmp_path, 1)),
                 Diagnostics())[0]
    doc, theme = load(BuildOptions(CONTENT), Diagnostics())
    area = page_cells(theme, 1, False)[0].slide
    scale, H = area.w / theme.slide.width, theme.slide.height
    printed = [s for s in plan_slides(doc, theme) if not s.dark]
    checked = wrapped = 0
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == len(printed)
        for number, (page, slide) in enumerate(zip(pdf.pages, printed), 1):
            chars = [{**c, "x0": (c["x0"] - area.x) / scale, "x1": (c["x1"] - area.x) / scale,
                      "size": c["size"] / scale, "matrix": (0, 0, 0, 0, 0, H - (area.top - c["matrix"][5]) / scale)}
                     for c in page.chars]
            for box in (slide.title, *slide.shapes):
                if isinstance(box, TextBox):  # a scaled copy: half a point of slack where the PDF has 0.01
                    _, drawn_wrapped = assert_box_lines(box, chars, H, number, 0.5)
                    checked, wrapped = checked + len(box.paras), wrapped + drawn_wrapped
    assert checked > 100 and wrapped > 5
