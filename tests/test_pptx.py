"""The deck, read back with python-pptx: titles, native tables, fonts, bounds, notes."""

from __future__ import annotations

import datetime
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

from reportgen import model as m
from reportgen.errors import Diagnostics
from reportgen.fonts import METRIC_TWINS
from reportgen.load import load_document

from .conftest import CONTENT, build_to, write_content


def test_every_slide_has_a_title_in_its_title_placeholder(guide_build: dict[str, Path]) -> None:
    deck = Presentation(str(guide_build["pptx"]))
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert all(titles)
    assert titles[1] == "Agenda" and titles[-1] == "Questions?"
    for slide in deck.slides:  # reading order: the title comes first
        assert slide.shapes[0].is_placeholder and slide.shapes[0] == slide.shapes.title


def test_comparison_table_is_native_with_all_ten_cells(guide_build: dict[str, Path]) -> None:
    doc = load_document(CONTENT, Diagnostics())
    table = next(b for s in doc.sections for b in s.blocks if isinstance(b, m.Table))
    expected = {m.plain(c) for row in table.rows for c in row[1:]}
    assert len(expected) == 10
    deck = Presentation(str(guide_build["pptx"]))
    found = {cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
             for row in shape.table.rows for cell in row.cells}
    assert expected <= found


def test_every_shape_lies_inside_the_slide(guide_build: dict[str, Path]) -> None:
    deck = Presentation(str(guide_build["pptx"]))
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width + Emu(1)
            assert shape.top + shape.height <= deck.slide_height + Emu(1)


def test_runs_name_the_brand_font_and_take_the_theme_colour(guide_build: dict[str, Path]) -> None:
    deck = Presentation(str(guide_build["pptx"]))
    names = {run.font.name for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for run in p.runs}
    assert names == {METRIC_TWINS["Carlito"]}
    title = deck.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]  # the agenda: a light slide
    assert str(title.font.color.rgb) == "16408C"


def test_prose_goes_to_the_speaker_notes(tmp_path: Path) -> None:
    text = "# Section\n\nA long prose paragraph that belongs in the notes.\n\n- a bullet\n\n::: notes\nCue.\n:::\n"
    out = build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pptx",))
    deck = Presentation(str(out[0]))
    content = [s for s in deck.slides if s.shapes.title.text_frame.text == "Section" and s.has_notes_slide]
    notes = content[-1].notes_slide.notes_text_frame.text
    assert "A long prose paragraph" in notes and "Cue." in notes
    body = " ".join(sh.text_frame.text for sh in content[-1].shapes if sh.has_text_frame)
    assert "a bullet" in body and "A long prose" not in body


def test_core_properties_are_fixed_for_reproducible_builds(guide_build: dict[str, Path]) -> None:
    props = Presentation(str(guide_build["pptx"])).core_properties
    assert props.title.startswith("AI Engineer vs ML Engineer")
    assert props.language == "en" and props.revision == 1
    assert props.created == props.modified == datetime.datetime(2026, 1, 15)  # the guide's date, not the clock


def test_images_carry_alt_text(tmp_path: Path) -> None:
    from PIL import Image

    content = write_content(tmp_path, {"a.md": "# Pic\n\n![A red square](red.png)\n"})
    Image.new("RGB", (40, 30), "red").save(content / "red.png")
    deck = Presentation(str(build_to(content, tmp_path / "o", ("pptx",))[0]))
    alts = [sh._element.nvPicPr.cNvPr.get("descr") for s in deck.slides for sh in s.shapes if sh.shape_type == 13]
    assert "A red square" in alts
