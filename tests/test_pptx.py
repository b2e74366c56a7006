"""The deck, read back with python-pptx: titles, native tables, fonts, bounds, notes."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from reportgen import model as m
from reportgen.brand import load_theme
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


def deck_of(tmp_path: Path, text: str) -> Any:
    return Presentation(str(build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pptx",))[0]))


def tables_of(deck: Any) -> list[tuple[str, Any, Any]]:
    """(title, slide, table shape) of every table in the deck."""
    return [(slide.shapes.title.text_frame.text, slide, shape) for slide in deck.slides for shape in slide.shapes
            if shape.has_table]


def run_sizes(table: Any) -> set[float]:
    return {run.font.size.pt for row in table.rows for cell in row.cells for p in cell.text_frame.paragraphs
            for run in p.runs}


def footer_rule_top(slide: Any) -> int:
    """The top of the thin rule over the footer: nothing of the body may reach it."""
    return min(s.top for s in slide.shapes if s.name == "Accent" and s.height < Emu(12700) and s.top > 0)


def test_a_table_whose_row_fits_no_slide_at_the_table_size_is_set_smaller(tmp_path: Path) -> None:
    theme = load_theme(None, Diagnostics())
    words = " ".join(f"word{i}" for i in range(200))
    deck = deck_of(tmp_path, f"# Tables\n\n## Sizes\n\n| Key | Value |\n|---|---|\n| a | short |\n| tall | {words} |\n")
    tables = tables_of(deck)
    assert [title for title, _, _ in tables] == ["Sizes"] + ["Sizes (cont.)"] * (len(tables) - 1)
    sizes = set.union(*(run_sizes(shape.table) for _, _, shape in tables))
    assert len(sizes) == 1 and theme.deck.min_table < sizes.pop() < theme.style("slide.table").size
    assert all([cell.text for cell in shape.table.rows[0].cells] == ["Key", "Value"] for _, _, shape in tables)
    rows = [[cell.text for cell in row.cells] for _, _, shape in tables for row in list(shape.table.rows)[1:]]
    assert rows == [["a", "short"], ["tall", words]]  # smaller, the row is whole on one slide
    for _, slide, shape in tables:
        assert shape.top + shape.height <= footer_rule_top(slide)
        assert shape.height == sum(row.height for row in shape.table.rows)


def test_a_row_taller_than_a_slide_continues_on_the_next_slides(tmp_path: Path) -> None:
    theme = load_theme(None, Diagnostics())
    words = [f"word{i}" for i in range(700)]
    deck = deck_of(tmp_path, f"# Tables\n\n## Split\n\n| Key | Value |\n|---|---|\n| a | short |\n"
                             f"| tall | {' '.join(words)} |\n| b | after |\n")
    tables = tables_of(deck)
    assert [title for title, _, _ in tables] == ["Split"] + ["Split (cont.)"] * (len(tables) - 1) and len(tables) >= 3
    assert set.union(*(run_sizes(shape.table) for _, _, shape in tables)) == {theme.deck.min_table}
    rows = [[cell.text for cell in row.cells] for _, _, shape in tables for row in list(shape.table.rows)[1:]]
    assert all([cell.text for cell in shape.table.rows[0].cells] == ["Key", "Value"] for _, _, shape in tables)
    assert rows[0] == ["a", "short"] and rows[-1] == ["b", "after"]
    assert [key for key, _ in rows[1:-1]] == ["tall"] + [""] * (len(rows) - 3)  # one row, cut between slides
    assert " ".join(value for _, value in rows[1:-1]).split() == words  # every word once, in order
    for _, slide, shape in tables:
        assert shape.top + shape.height <= footer_rule_top(slide)


SLIDE_KINDS = """# Section

## Slide heading

- a bullet

::: callout Remember
Callout body text.

### Inner heading
:::

### Code

```python
def f():
    return 1
{long}
```
"""


def test_callouts_code_and_headings_on_slides(tmp_path: Path) -> None:
    theme = load_theme(None, Diagnostics())
    long = "x = [" + ", ".join(f"item_{i}" for i in range(40)) + "]"
    deck = deck_of(tmp_path, SLIDE_KINDS.format(long=long))
    body = {}
    for slide in deck.slides:
        boxes = [s for s in slide.shapes if s.name in ("Body", "Callout text")]
        body.setdefault(slide.shapes.title.text_frame.text.removesuffix(" (cont.)"), []).extend(
            p for box in boxes for p in box.text_frame.paragraphs)
    assert list(body)[2:5] == ["Section", "Slide heading", "Code"]  # ## and ### headings title their slides
    heading = body["Slide heading"]
    assert [p.text for p in heading] == ["a bullet", "Remember", "Callout body text.", "Inner heading"]
    bold = [{run.font.bold for run in p.runs} for p in heading]
    assert bold == [{False}, {True}, {False}, {True}]  # the callout's title and a heading in it, bold
    assert heading[0]._p.pPr.find(qn("a:buChar")).get("char") == "•"
    assert all(p._p.pPr.find(qn("a:buNone")) is not None for p in heading[1:])
    code = body["Code"]
    mono = theme.style("code").family.deck_name
    assert {run.font.name for p in code for run in p.runs} == {mono}
    assert all(p._p.pPr.find(qn("a:buNone")) is not None for p in code)
    lines = [p.text for p in code]
    assert lines[:2] == ["def f():", "    return 1"]  # one paragraph a line, its indentation kept
    assert len(lines) > 3 and all(line.startswith("→ ") for line in lines[3:])  # a long line cut, marked
    assert lines[2] + "".join(line.removeprefix("→ ") for line in lines[3:]) == long


def test_notes_are_paragraphs_and_bullets_and_end_with_the_slides_source(tmp_path: Path) -> None:
    text = ("# Roles\n\n::: slides\n- Engineers ship\n:::\n\nThe engineer ships.\n\n- builds\n- deploys\n\n"
            "It is a job of two halves.\n\n```\nrun()\nstop()\n```\n")
    content = write_content(tmp_path / "c", {"roles.md": text})
    (path,) = build_to(content, tmp_path / "out", ("pptx",))
    slide = next(s for s in Presentation(str(path)).slides if s.shapes.title.text == "Roles" and s.notes_slide)
    paras = slide.notes_slide.notes_text_frame.paragraphs
    bullets = [p.text for p in paras if p._p.find(f"{qn('a:pPr')}/{qn('a:buChar')}") is not None]
    assert "It is a job of two halves." in [p.text for p in paras]
    assert bullets == ["builds", "deploys"]  # real bullets, not "- " typed into one run
    assert any(p.text == "run()\vstop()" for p in paras)  # a code block keeps its lines
    line = text.splitlines().index("- Engineers ship") + 1
    assert paras[-1].text == f"Source: roles.md:{line}" and paras[-1].runs[0].font.italic


def test_agenda_numbers_have_a_column_and_each_entry_leads_to_its_section(tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reportgen.brand import load_theme

    files = {f"s{n:02d}.md": f"# Topic number {n}\n\n- a point\n- another\n" for n in range(1, 13)}
    (path,) = build_to(write_content(tmp_path / "c", files), tmp_path / "out", ("pptx",))
    prs = Presentation(str(path))
    slides = list(prs.slides)
    entries = [sh for s in slides if s.shapes.title.text.startswith("Agenda") for sh in s.shapes if sh.name == "Agenda"]
    assert [e.text_frame.text for e in entries] == [f"Topic number {n}" for n in range(1, 13)]
    face = load_theme(None, Diagnostics()).style("slide.body").family.face()
    for entry in entries:
        p = entry.text_frame.paragraphs[0]
        hang = -int(p._p.pPr.get("indent")) / 12700
        assert hang >= stringWidth("12.", face, p.runs[0].font.size.pt) + 2  # "10." never touches its text
        click = entry._element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}/{qn('a:hlinkClick')}")
        assert click.get("action") == "ppaction://hlinksldjump"
        target = entry.part.related_part(click.get(qn("r:id"))).slide
        assert entry.text_frame.text in target.shapes.title.text  # the section's first slide or divider
        assert not any(r.hyperlink.address or r._r.find(f"{qn('a:rPr')}/{qn('a:hlinkClick')}") is not None
                       for r in p.runs)  # the text itself stays plain


def test_a_drawn_slide_is_kept_as_bytes_and_the_deck_is_the_same(monkeypatch: Any) -> None:
    """Each slide and notes page is serialized once drawn and its XML tree let go (a long deck
    held ~100 KB of tree per slide); the deck's bytes are those of keeping every tree."""
    from pptx.opc.package import XmlPart

    from reportgen.render.deck.planner import plan_slides
    from reportgen.render.pptx import compat, writer

    diag = Diagnostics()
    doc = load_document(CONTENT, diag)
    theme = load_theme(None, diag)
    plan = plan_slides(doc, theme)
    held: list[str] = []
    save = writer.save

    def looking(prs: Any) -> bytes:
        held.extend(str(part.partname) for part in prs.part.package.iter_parts()
                    if isinstance(part, XmlPart) and part.partname.startswith(("/ppt/slides/", "/ppt/notesSlides/")))
        return save(prs)

    monkeypatch.setattr(writer, "save", looking)
    streamed = writer.draw_deck(plan, doc.meta, theme)
    assert held == []
    monkeypatch.setattr(compat, "freeze", lambda part: None)
    monkeypatch.setattr(compat, "let_go", lambda proxy: None)
    monkeypatch.setattr(writer, "save", save)
    assert writer.draw_deck(plan, doc.meta, theme) == streamed
