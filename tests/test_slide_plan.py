"""The slide planner's promise, proved on the plan itself: nothing is taller than its box."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import model as m
from reportgen.brand import load_theme
from reportgen.errors import Diagnostics, SourceRef
from reportgen.load import load_document
from reportgen.render.deck.plan import ImageBox, Rect, Slide, TableBox, TextBox
from reportgen.render.deck.planner import plan_slides
from reportgen.theme import Theme

from .conftest import CONTENT, REPO, build_to, write_content

THEMES = {
    "default": load_theme(None, Diagnostics()),
    "northwind": load_theme(REPO / "examples" / "northwind" / "brand.yml", Diagnostics()),
}


def assert_fits(slides: list[Slide], theme: Theme) -> None:
    W, H = theme.slide.width, theme.slide.height
    for n, slide in enumerate(slides, 1):
        for shape in (slide.title, *slide.shapes):
            assert shape.x >= 0 and shape.y >= 0, (n, shape)
            assert shape.x + shape.w <= W + 0.01 and shape.y + shape.h <= H + 0.01, (n, shape)
            if isinstance(shape, TextBox):
                assert shape.content_height <= shape.h + 0.01, (n, slide.title.paras, shape)
            if isinstance(shape, TableBox):
                assert shape.y + shape.h <= H - 30, (n, shape)


def all_slide_text(slides: list[Slide]) -> str:
    parts = []
    for slide in slides:
        for shape in (slide.title, *slide.shapes):
            if isinstance(shape, TextBox):
                parts += [m.plain(p.runs) for p in shape.paras]
            elif isinstance(shape, TableBox):
                parts += [m.plain(p.runs) for row in shape.rows for p in row]
        parts.append(slide.notes)
    return " ".join(parts)


def hard_content(root: Path) -> Path:
    rnd = random.Random(7)
    vocab = "data model engineer pipeline vector prompt latency deploy monitor scale evaluate".split()

    def sentence(n: int) -> str:
        return " ".join(rnd.choice(vocab) for _ in range(n)).capitalize() + "."

    rows = "".join(f"| Row {i} | {sentence(rnd.randint(2, 14))} | {sentence(3)} |\n" for i in range(30))
    return write_content(root, {
        "bullets.md": "# Fifty bullets\n\n" + "".join(f"- {sentence(rnd.randint(3, 16))}\n" for _ in range(50)),
        "table.md": f"# Thirty rows\n\n| Name | Description | Note |\n|---|---|---|\n{rows}",
        "prose.md": "# Prose\n\n::: slides\n" + " ".join(sentence(10) for _ in range(40)) + "\n:::\n",
        "word.md": "# Word\n\n- " + "x" * 120 + "\n",
        "heading.md": "# " + " ".join(rnd.choice(vocab) for _ in range(25)) + "\n\n- one\n",
        "code.md": "# Code\n\n```\n" + "\n".join(CODE) + "\n```\n",
    })


CODE = ["def f():", "    a = 1" + " " * 120 + "b = 2  # after a run of spaces", "x" * 150, "\tz" + " " * 60 + "y",
        "    " + "word " * 40]


@pytest.mark.parametrize("theme_name", sorted(THEMES))
def test_hard_content_fits_every_box(tmp_path: Path, theme_name: str) -> None:
    theme = THEMES[theme_name]
    doc = load_document(hard_content(tmp_path), Diagnostics())
    slides = plan_slides(doc, theme)
    assert_fits(slides, theme)
    titles = [m.plain(s.title.paras[0].runs) for s in slides]
    assert "Fifty bullets (cont.)" in titles and "Thirty rows (cont.)" in titles


def test_default_guide_fits(tmp_path: Path) -> None:
    for theme in THEMES.values():
        assert_fits(plan_slides(load_document(CONTENT, Diagnostics()), theme), theme)


def test_split_table_repeats_its_header() -> None:
    ref = SourceRef(Path("t.md"), 1)
    rows = tuple((((m.Run(f"r{i}"),), (m.Run("x " * 30),))) for i in range(40))
    table = m.Table(((m.Run("Head A"),), (m.Run("Head B"),)), rows, (0.3, 0.7), ref)
    doc = m.Document(m.Meta("T", ref), (m.Section("S", (table,), ref),))
    tables = [s for s in plan_slides(doc, THEMES["default"]) if s.kind == "table"]
    assert len(tables) > 1
    for slide in tables:
        box = next(s for s in slide.shapes if isinstance(s, TableBox))
        assert [m.plain(p.runs) for p in box.rows[0]] == ["Head A", "Head B"]


def test_a_row_taller_than_a_slide_is_split_and_every_piece_fits_its_box() -> None:
    """After 0 to 29 one-line rows, a row no slide can hold: it is cut between slides, every
    table no taller than the height it was given, the header on each, every word once, in order."""
    from reportgen.render.deck.fit import Fitter
    from reportgen.render.deck.tables import plan_table

    ref = SourceRef(Path("t.md"), 1)
    words = [f"w{i}" for i in range(600)]
    fit, height = Fitter(THEMES["default"]), 370.8  # the default deck's body box
    for short in range(30):
        rows = tuple(((m.Run(f"r{i}"),), (m.Run("x"),)) for i in range(short))
        tall = ((m.Run("tall"),), (m.Run(" ".join(words)),))
        table = m.Table(((m.Run("Head A"),), (m.Run("Head B"),)), (*rows, tall), (0.3, 0.7), ref)
        boxes = plan_table(fit, table, 36, 100, 888, height)
        assert len(boxes) >= 2
        for box in boxes:
            assert box.h <= height + 0.01, (short, box.h)
            assert [m.plain(p.runs) for p in box.rows[0]] == ["Head A", "Head B"]
        cells = [m.plain(row[1].runs) for box in boxes for row in box.rows[1:]]
        assert cells[:short] == ["x"] * short
        assert " ".join(cells[short:]).split() == words, short


# about one character in ten non-ASCII, as pandoc-types' generators do
latin_words = st.from_regex(r"[A-Za-z]{1,12}|[A-Za-zéüßøł]{1,9}|[0-9]{1,4}", fullmatch=True)


@st.composite
def documents(draw: st.DrawFn) -> m.Document:
    ref = SourceRef(Path("gen.md"), 1)

    def runs() -> tuple[m.Run, ...]:
        parts = draw(st.lists(st.tuples(st.lists(latin_words, min_size=1, max_size=30), st.booleans(),
                                        st.booleans()), min_size=1, max_size=4))
        return tuple(m.Run(" ".join(w) + " ", strong=b, emph=i) for w, b, i in parts)

    blocks: list[m.Block] = []
    for kind in draw(st.lists(st.sampled_from(["list", "table", "para", "heading", "quote"]), max_size=6)):
        if kind == "list":
            items = tuple(m.ListItem((m.Paragraph(runs(), ref),), ref) for _ in range(draw(st.integers(1, 15))))
            blocks.append(m.BulletList(items, ref))
        elif kind == "table":
            cols = draw(st.integers(1, 5))
            rows = tuple(tuple(runs() for _ in range(cols)) for _ in range(draw(st.integers(0, 25))))
            blocks.append(m.Table(tuple(runs() for _ in range(cols)), rows, (1 / cols,) * cols, ref))
        elif kind == "heading":
            blocks.append(m.Heading(2, runs(), ref))
        elif kind == "quote":
            blocks.append(m.Quote((m.Paragraph(runs(), ref),), ref))
        else:
            blocks.append(m.Paragraph(runs(), ref))
    title = " ".join(draw(st.lists(latin_words, min_size=1, max_size=25)))
    return m.Document(m.Meta(title, ref), (m.Section(title, tuple(blocks), ref),))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), theme_name=st.sampled_from(sorted(THEMES)))
def test_random_documents_never_overflow_and_lose_no_word(doc: m.Document, theme_name: str) -> None:
    theme = THEMES[theme_name]
    slides = plan_slides(doc, theme)
    assert_fits(slides, theme)
    shown = set(all_slide_text(slides).split())
    for section in doc.sections:
        for block in section.blocks:
            for word in _words(block):
                assert word in shown or any(word in s for s in shown)


def _words(block: m.Block) -> list[str]:
    match block:
        case m.Paragraph(runs=runs) | m.Heading(runs=runs):
            return m.plain(runs).split()
        case m.BulletList(items=items):
            return [w for i in items for b in i.blocks for w in _words(b)]
        case m.Quote(blocks=inner):
            return [w for b in inner for w in _words(b)]
        case m.Table(header=header, rows=rows):
            return [w for r in (header, *rows) for c in r for w in m.plain(c).split()]
    return []


def test_plan_shapes_are_plain_data() -> None:
    slides = plan_slides(load_document(CONTENT, Diagnostics()), THEMES["default"])
    kinds = {type(s).__name__ for slide in slides for s in slide.shapes}
    assert kinds <= {TextBox.__name__, TableBox.__name__, ImageBox.__name__, Rect.__name__}


def test_a_very_long_table_shows_its_first_rows_in_the_deck(tmp_path: Path) -> None:
    from reportgen.build import BuildOptions, load

    rows = "".join(f"| {i} | row {i} |\n" for i in range(350))
    content = write_content(tmp_path, {"a.md": f"# Long\n\n| N | Name |\n|---|---|\n{rows}"})
    diag = Diagnostics()
    doc, theme = load(BuildOptions(content), diag)
    assert [str(w) for w in diag.warnings] == [
        f"{content / 'a.md'}:3: table has 350 rows; the deck shows the first 300, the handout all of them"]
    slides = [s for s in plan_slides(doc, theme) if s.kind == "table"]
    shown = [m.plain(row[0].runs) for s in slides for b in s.shapes if isinstance(b, TableBox) for row in b.rows[1:]]
    assert shown == [str(i) for i in range(300)]
    assert "50 more rows" in slides[-1].notes


@settings(max_examples=25, deadline=None)
@given(name=st.text(st.sampled_from(list("abcdefgh WXYZ-·é")), max_size=400))
def test_any_event_name_keeps_the_footer_inside_its_box(name: str) -> None:
    from dataclasses import replace as dc_replace

    from reportgen.build import with_event_footer

    theme = THEMES["default"]
    ref = SourceRef(Path("x.md"), 1)
    doc = m.Document(m.Meta("T", ref, event=(("name", name),)), (m.Section("S", (m.BulletList(
        (m.ListItem((m.Paragraph((m.Run("point"),), ref),), ref),), ref),), ref),))
    slides = plan_slides(doc, with_event_footer(dc_replace(theme), doc.meta))
    assert_fits(slides, theme)


@pytest.mark.parametrize("theme_name", sorted(THEMES))
def test_code_lines_are_cut_to_their_box_and_never_wrap(tmp_path: Path, theme_name: str) -> None:
    from reportgen.fonts import width
    from reportgen.render.deck.fit import Fitter

    theme = THEMES[theme_name]
    slides = plan_slides(load_document(hard_content(tmp_path), Diagnostics()), theme)
    code = [(para, box) for slide in slides for box in slide.shapes if isinstance(box, TextBox)
            for para in box.paras if para.runs and all(run.code for run in para.runs)]
    mono, usable = theme.style("code").family, Fitter(theme).usable
    for para, box in code:  # every character counted, spaces too: no viewer wraps the line again
        assert para.lines == 1
        assert width(m.plain(para.runs), mono, para.size) <= usable(box.w - 2 * box.inset_x) + 0.01
    pieces = [m.plain(para.runs) for para, _ in code]
    joined = "".join(p.removeprefix("→ ") for p in pieces)
    assert joined == "".join(line.expandtabs(4) for line in CODE) and len(pieces) > len(CODE)


def test_east_asian_text_is_measured_as_drawn_and_broken_as_viewers_break_it() -> None:
    """Characters the brand font lacks are drawn by a fallback font a full em wide; closing
    punctuation never starts a line (viewers would keep it on the line before, past the box)."""
    from reportgen.brand import DEFAULT_FAMILY
    from reportgen.fonts import width
    from reportgen.measure import Measure, Piece

    assert width("中文", DEFAULT_FAMILY, 20) == 40.0
    measure = Measure(DEFAULT_FAMILY, DEFAULT_FAMILY, 20)
    word = (Piece("一二三，四五六", False, False, False),)
    head, tail = measure.cut(word, 61)  # room for three characters
    assert "".join(p.text for p in head) == "一二" and "".join(p.text for p in tail) == "三，四五六"


def test_east_asian_paragraphs_keep_a_wider_margin_and_never_hang_punctuation(tmp_path: Path) -> None:
    """Viewers break Japanese word by word with their fallback font: such paragraphs are planned
    narrower, and the deck asks viewers not to hang punctuation past the box."""
    from pptx import Presentation
    from pptx.oxml.ns import qn

    from reportgen.brand import load_theme
    from reportgen.render.deck.fit import Fitter

    fit = Fitter(load_theme(None, Diagnostics()))
    assert fit.usable(600, (m.Run("日本語の文章"),)) < fit.usable(600, (m.Run("English text"),)) == fit.usable(600)
    deck = build_to(write_content(tmp_path, {"a.md": "# 日本語\n\n- 数式モデルのデータ拡張。\n"}), tmp_path / "o",
                    ("pptx",))[0]
    paragraphs = [p for s in Presentation(str(deck)).slides for p in s.element.iter(qn("a:p"))
                  if p.find(qn("a:r")) is not None]
    assert paragraphs and all(p.find(qn("a:pPr")).get("hangingPunct") == "0" for p in paragraphs)


@settings(max_examples=40, deadline=None)
@given(lines=st.integers(min_value=1, max_value=90), blank_every=st.integers(min_value=2, max_value=12))
def test_a_code_block_stays_whole_when_it_can_and_splits_evenly_when_it_must(lines: int, blank_every: int) -> None:
    from reportgen.render.deck.fit import Fitter, Item

    theme = THEMES["default"]
    fitter = Fitter(theme)
    code = "\n".join("" if i % blank_every == blank_every - 1 else f"value_{i} = compute({i})" for i in range(lines))
    pages = fitter.fit_body([Item((m.Run(code, code=True),), code=True, lang="python")], 800, 330)
    counts = [len(page) for page in pages]
    assert sum(counts) == lines  # every line, once
    if len(pages) > 1:
        assert min(counts) >= 3 and max(counts) - min(counts) <= theme.deck.code_blank_reach + 1, counts
        assert all(page[0].size == theme.style("slide.body").size for page in pages)
    assert all(p.space_after == 0 for page in pages for p in page[:-1])  # lines set close


def without_slide_blocks(root: Path) -> Path:
    """The default guide as any new guide starts: no ``::: slides`` blocks."""
    import re
    import shutil

    shutil.copytree(CONTENT, root / "content")
    for path in (root / "content").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^::: ?slides.*?^:::\s*$\n?", "", text, flags=re.S | re.M), encoding="utf-8")
    return root / "content"


def body_lines(slide: Slide) -> int:
    return sum(len(p.breaks) for shape in slide.shapes if isinstance(shape, TextBox) and shape.name == "Body"
               for p in shape.paras)


@pytest.mark.parametrize("theme", ["default", "northwind"])
def test_prose_only_sections_get_slides_and_no_divider_follows_a_divider(tmp_path: Path, theme: str) -> None:
    content = without_slide_blocks(tmp_path)
    assert "::: slides" not in "".join(p.read_text(encoding="utf-8") for p in content.glob("*.md"))
    doc = load_document(content, Diagnostics())
    slides = plan_slides(doc, THEMES[theme])
    assert_fits(slides, THEMES[theme])
    kinds = [s.kind for s in slides]
    assert not any(a == b == "divider" for a, b in zip(kinds, kinds[1:]))
    assert kinds[-2] != "divider"
    for section in doc.sections:  # every section has slides of its own, opened by exactly one
        own = [s for s in slides if s.section == section.title and s.kind != "divider"]
        assert own and sum(s.opens for s in slides if s.section == section.title) == 1, section.title
    for slide in slides:  # none near-empty: two lines at least, or a table or a picture
        if slide.kind == "content":
            assert body_lines(slide) >= 2 or any(isinstance(s, (TableBox, ImageBox)) for s in slide.shapes), slide
    text = squash_all(all_slide_text(slides))
    for section in doc.sections:  # the prose is all in the notes
        for block in section.blocks:
            if isinstance(block, m.Paragraph):
                assert squash_all(m.plain(block.runs)) in text


def squash_all(text: str) -> str:
    return "".join(text.split())


def test_a_short_section_has_a_label_not_a_divider_and_its_first_slide_opens_it() -> None:
    from reportgen.render.deck.leads import leads

    ref = SourceRef(Path("a.md"), 1)
    doc = m.Document(m.Meta(title="T", source=ref), (
        m.Section("One part", (m.Paragraph((m.Run("First point. Second point, which says more."),), ref),), ref,
                  anchor="one"),
    ))
    slides = plan_slides(doc, THEMES["default"])
    assert [s.kind for s in slides] == ["title", "agenda", "content", "closing"]
    content = slides[2]
    label = next(s for s in content.shapes if isinstance(s, TextBox) and s.name == "Section label")
    assert m.plain(label.paras[0].runs) == "01 · ONE PART" and content.opens and "one" in content.anchors
    assert label.y + label.h <= content.title.y + 0.01  # above the title
    assert leads(["First point. Second point, which says more."], 90, 3, 1 / 3) == [
        "First point.", "Second point, which says more."]


def test_leads_cut_at_a_clause_else_at_a_word() -> None:
    from reportgen.render.deck.leads import shorten

    long = "Choosing the wrong path is not just a waste of time, it is a missed opportunity to master the tools."
    assert shorten(long, 60, 1 / 3) == "Choosing the wrong path is not just a waste of time…"
    assert shorten("word " * 30, 40, 1 / 3).endswith("word…") and len(shorten("word " * 30, 40, 1 / 3)) <= 41


def test_an_image_that_cannot_be_shown_gets_no_slide_and_a_heading_over_a_table_titles_it(tmp_path: Path) -> None:
    text = ("# S\n\n- a point\n- another\n\n![Logo](missing.png)\n\n![Chart](https://example.com/c.png)\n\n"
            "## The comparison\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    doc = load_document(write_content(tmp_path, {"a.md": text}), Diagnostics())
    slides = plan_slides(doc, THEMES["default"])
    assert not [s for s in slides if s.kind == "image"]
    points = next(s for s in slides if s.kind == "content")
    shown = all_slide_text([replace(s, notes="") for s in slides])
    assert "Logo" not in shown and "Chart" not in shown
    assert "Logo" in points.notes and "Chart" in points.notes  # told in the notes instead
    table = next(s for s in slides if s.kind == "table")
    assert m.plain(table.title.paras[0].runs) == "The comparison"
    assert "The comparison" not in points.notes  # the heading went with its table, not to the notes before


def test_a_one_line_slide_shares_the_next_when_its_heading_is_deeper_and_every_h2_starts_a_slide(
        tmp_path: Path) -> None:
    text = ("# Changes\n\n## v2.0\n\nThe big one.\n\n### Fixed\n\n- a fix\n\n### Added\n\n- a feature\n\n"
            "## v1.9\n\nA small one.\n\n## v1.8\n\n- one\n- two\n")
    slides = plan_slides(load_document(write_content(tmp_path, {"a.md": text}), Diagnostics()), THEMES["default"])
    titles = [m.plain(s.title.paras[0].runs) for s in slides if s.kind == "content"]
    assert titles == ["v2.0", "v1.9", "v1.8"]  # each ## a slide; Fixed and Added went with v2.0
    first = next(s for s in slides if m.plain(s.title.paras[0].runs) == "v2.0")
    body = [m.plain(p.runs) for shape in first.shapes if isinstance(shape, TextBox) and shape.name == "Body"
            for p in shape.paras]
    assert body == ["The big one.", "Fixed", "a fix", "Added", "a feature"]
    assert "Fixed" in first.notes  # the sub-headings are said in the notes too


def test_a_bare_heading_titles_its_sub_headings_slide_and_small_ones_fill_the_slide_before(tmp_path: Path) -> None:
    text = ("# Changes\n\n## v3.0\n\nGitHub release\n\n### What changed\n\n#### Fixed\n\n- a fix\n- another\n\n"
            "## v2.9\n\n### Fixed\n\n" + "".join(f"- fix number {n}\n" for n in range(3)) +
            "\n### Thanks\n\n- @someone\n")
    slides = plan_slides(load_document(write_content(tmp_path, {"a.md": text}), Diagnostics()), THEMES["default"])
    content = [s for s in slides if s.kind == "content"]
    assert [m.plain(s.title.paras[0].runs) for s in content] == ["v3.0", "v2.9"]
    bodies = [[m.plain(p.runs) for shape in s.shapes if isinstance(shape, TextBox) and shape.name == "Body"
               for p in shape.paras] for s in content]
    assert bodies[0] == ["GitHub release", "What changed", "Fixed", "a fix", "another"]
    assert bodies[1][0] == "Fixed" and bodies[1][-2:] == ["Thanks", "@someone"]


@pytest.mark.parametrize("count", [7, 13, 25, 61])
def test_a_long_list_is_spread_evenly_over_its_slides(tmp_path: Path, count: int) -> None:
    text = "# Names\n\n" + "".join(f"- name{n}\n" for n in range(count))
    slides = plan_slides(load_document(write_content(tmp_path, {"a.md": text}), Diagnostics()), THEMES["default"])
    sizes = [len(shape.paras) for s in slides if s.kind == "content"
             for shape in s.shapes if isinstance(shape, TextBox) and shape.name == "Body"]
    assert sum(sizes) == count and max(sizes) - min(sizes) <= 1, sizes


def test_a_callout_is_a_tinted_box_with_a_bar_on_the_margin_kept_whole(tmp_path: Path) -> None:
    text = ("# S\n\n## Tip between points\n\n- one\n- two\n\n::: callout Tip\nAsk the room first.\n:::\n\n- after\n\n"
            "## Moved whole\n\n" + "".join(f"- point {n} with enough words to wrap around the line twice "
                                           f"at this size of text on a slide\n" for n in range(3)) +
            "\n::: callout Note\n- a\n- b\n- c\n- d\n:::\n")
    theme = THEMES["default"]
    slides = plan_slides(load_document(write_content(tmp_path, {"a.md": text}), Diagnostics()), theme)
    assert_fits(slides, theme)
    first = next(s for s in slides if m.plain(s.title.paras[0].runs) == "Tip between points")
    named = {sh.name: sh for sh in first.shapes if isinstance(sh, (TextBox, Rect))}
    box, bar, inner = named["Callout"], named["Callout bar"], named["Callout text"]
    assert isinstance(box, Rect) and isinstance(bar, Rect) and isinstance(inner, TextBox)
    assert box.x == bar.x == first.title.x and box.color == theme.colors.tint and bar.color == theme.colors.secondary
    assert box.x < inner.x and inner.x + inner.w < box.x + box.w  # the text inset within the box
    top = inner.y + inner.inset_y  # the text's first line is inside the box, padded
    assert box.y < top + inner.paras[0].space_before and top + inner.content_height - 2 * inner.inset_y < box.y + box.h
    bodies = [sh for sh in first.shapes if isinstance(sh, TextBox) and sh.name == "Body"]
    assert [m.plain(b.paras[0].runs) for b in bodies] == ["one", "after"] and bodies[1].y >= box.y + box.h - 4
    moved = [s for s in slides if m.plain(s.title.paras[0].runs).startswith("Moved whole")]
    note = [s for s in moved if any(getattr(sh, "name", "") == "Callout text" for sh in s.shapes)]
    assert len(moved) == 2 and len(note) == 1  # the box went whole to the next slide, not split
    texts = [m.plain(p.runs) for sh in note[0].shapes if isinstance(sh, TextBox) and sh.name == "Callout text"
             for p in sh.paras]
    assert texts == ["Note", "a", "b", "c", "d"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from("AI engineer and a ML the of career guide 2026 definitive responsibilities choosing "
                                "between machine learning engineering technical skill set".split()),
                min_size=2, max_size=16))
def test_titles_break_evenly_on_as_many_lines(words: list[str]) -> None:
    from reportgen.measure import words_of
    from reportgen.render.deck.fit import Fitter

    theme = THEMES["default"]
    fit = Fitter(theme)
    width = theme.slide.width - 2 * theme.slide.left
    title = " ".join(words)
    para = fit.title((m.Run(title),), "slide.title", width, 200, 0.6, 2, 20)
    style = theme.style("slide.title")
    measure = fit.measure(style, para.size)
    greedy = measure.wrap(words_of((m.Run(title),), style.bold, style.italic), fit.usable(width))

    def widths(lines: Any) -> list[float]:
        return [sum(measure.word(w) for w in line) + measure.space * (len(line) - 1) for line in lines]

    text = " ".join("".join(p.text for p in word) for line in para.breaks for word in line)
    assert len(para.breaks) == len(greedy) and text == title
    assert max(widths(para.breaks)) <= fit.usable(width) + 0.01
    if len(greedy) > 1:  # as even as the greedy breaks or more, and written into the deck
        spread = max(widths(para.breaks)) - min(widths(para.breaks))
        assert para.hard and spread <= max(widths(greedy)) - min(widths(greedy)) + 0.01


def test_a_short_table_is_set_larger_to_fill_its_slide_and_a_long_one_at_the_table_size(tmp_path: Path) -> None:
    theme = THEMES["default"]
    short = "# S\n\n| Role | Focus |\n|---|---|\n| AI | products |\n| ML | models |\n"
    long = "# L\n\n| Role | Focus |\n|---|---|\n" + "".join(f"| row {n} | text {n} |\n" for n in range(30))
    doc = load_document(write_content(tmp_path, {"s.md": short, "l.md": long}), Diagnostics())
    slides = plan_slides(doc, theme)
    assert_fits(slides, theme)
    tables = [(s.section, sh) for s in slides for sh in s.shapes if isinstance(sh, TableBox)]
    small = [t for section, t in tables if section == "S"]
    assert len(small) == 1 and small[0].rows[1][0].size > theme.style("slide.table").size
    assert small[0].rows[1][0].size <= theme.style("slide.body").size
    assert all(t.rows[1][0].size == theme.style("slide.table").size for section, t in tables if section == "L")


def test_a_heading_over_one_short_paragraph_or_quote_is_a_statement_slide(tmp_path: Path) -> None:
    theme = THEMES["default"]
    long = "Choosing between the two roles is a matter of temperament. " * 4
    text = ("# S\n\n## Semver\n\nAxios follows semver since v1.0.0.\n\n## Quote\n\n> Predict the future by inventing "
            "it, one release at a time, with the people who use it.\n\n## Long\n\n" + long + "\n")
    slides = plan_slides(load_document(write_content(tmp_path, {"a.md": text}), Diagnostics()), theme)
    assert_fits(slides, theme)
    by_title = {m.plain(s.title.paras[0].runs): s for s in slides}

    def statement(title: str) -> TextBox | None:
        return next((sh for sh in by_title[title].shapes if isinstance(sh, TextBox) and sh.name == "Statement"), None)

    semver, quote = statement("Semver"), statement("Quote")
    assert semver and quote and statement("Long") is None
    assert semver.paras[0].role == "slide.statement" and quote.paras[0].role == "slide.quote"
    assert semver.paras[0].size > theme.style("slide.body").size and semver.anchor == "middle"
    assert m.plain(semver.paras[0].runs) == "Axios follows semver since v1.0.0."
    assert quote.paras[0].lines > 1 and quote.paras[0].hard  # balanced, like a title
    assert quote.w <= theme.slide_measure() + 0.01
    assert "Axios follows semver" in by_title["Semver"].notes  # the prose is still in the notes


def test_columns_stand_side_by_side_at_one_size_and_in_their_widths(tmp_path: Path) -> None:
    theme = THEMES["default"]
    text = ("# S\n\n## Side by side\n\n:::: columns\n::: column\n**AI**\n\n- builds products\n- ships\n:::\n"
            "::: {.column width=\"40%\"}\n**ML**\n\n- trains models\n:::\n::::\n\n## Too long for columns\n\n"
            ":::: columns\n::: column\n" + "".join(f"- point {n}\n" for n in range(9)) + ":::\n::: column\n- b\n:::\n"
            "::::\n")
    doc = load_document(write_content(tmp_path, {"a.md": text}), Diagnostics())
    columns = next(b for b in doc.sections[0].blocks if isinstance(b, m.Columns))
    assert [c.width for c in columns.columns] == [0.0, 0.4]
    slides = plan_slides(doc, theme)
    assert_fits(slides, theme)
    side = next(s for s in slides if m.plain(s.title.paras[0].runs) == "Side by side")
    first, second = (sh for sh in side.shapes if isinstance(sh, TextBox) and sh.name.startswith("Column"))
    assert first.x == side.title.x and first.x + first.w < second.x  # the first on the margin, a gap between
    assert second.w == pytest.approx((first.w + second.w) * 0.4)
    assert [m.plain(p.runs) for p in first.paras] == ["AI", "builds products", "ships"]
    assert {p.size for p in first.paras + second.paras} == {first.paras[0].size}  # one size
    long = [s for s in slides if m.plain(s.title.paras[0].runs).startswith("Too long for columns")]
    assert len(long) >= 2 and not any(getattr(sh, "name", "").startswith("Column") for s in long for sh in s.shapes)


def test_columns_load_without_a_warning_and_print_one_after_another_in_the_handout(tmp_path: Path) -> None:
    import pypdf

    text = "# S\n\n:::: columns\n::: column\nLeft words here.\n:::\n::: column\nRight words there.\n:::\n::::\n"
    diagnostics = Diagnostics()
    content = write_content(tmp_path / "c", {"a.md": text})
    load_document(content, diagnostics)
    assert not diagnostics.warnings
    (pdf,) = build_to(content, tmp_path / "out", ("pdf",))
    printed = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert printed.index("Left words here.") < printed.index("Right words there.")


def png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 80, 160)).save(out, "PNG")
    return out.getvalue()


def test_a_picture_goes_beside_the_points_above_it_or_under_a_few_when_it_is_wide(tmp_path: Path) -> None:
    theme = THEMES["default"]
    text = ("# S\n\n## Beside\n\n- grew\n- drove it\n- flat costs\n\n![Chart](chart.png \"By quarter\")\n\n"
            "## Under\n\n- one point\n\n![Banner](banner.png)\n\n## Alone\n\n![Chart again](chart.png)\n")
    files: dict[str, str | bytes] = {"a.md": text, "chart.png": png(400, 360), "banner.png": png(1200, 240)}
    slides = plan_slides(load_document(write_content(tmp_path, files), Diagnostics()), theme)
    assert_fits(slides, theme)
    by_title = {m.plain(s.title.paras[0].runs): s for s in slides}
    assert set(by_title) >= {"Beside", "Under", "Alone"} and sum(s.kind == "image" for s in slides) == 1

    def parts(title: str) -> tuple[TextBox, ImageBox]:
        shapes = by_title[title].shapes
        return (next(sh for sh in shapes if isinstance(sh, TextBox) and sh.name == "Body"),
                next(sh for sh in shapes if isinstance(sh, ImageBox) and sh.alt != "Logo"))

    body, image = parts("Beside")
    assert body.x == by_title["Beside"].title.x and body.x + body.w < image.x  # points left, picture right
    assert image.x + image.w == pytest.approx(theme.slide.width - theme.slide.left)
    body, image = parts("Under")
    assert body.y + body.content_height <= image.y and image.w > theme.slide.width / 2  # under, and large


def test_a_divider_centres_its_number_and_title_as_one_block_at_a_limited_width() -> None:
    theme = THEMES["default"]
    doc = load_document(CONTENT, Diagnostics())
    dividers = [s for s in plan_slides(doc, theme) if s.kind == "divider"]
    assert dividers
    for slide in dividers:
        number = next(sh for sh in slide.shapes if isinstance(sh, TextBox) and sh.name == "Section number")
        top, bottom = number.y, slide.title.y + slide.title.h
        assert abs((top + bottom) / 2 - theme.slide.height / 2) <= 1  # in the middle of the height
        assert slide.title.w <= (theme.slide.width - 2 * theme.slide.left) * 0.75 + 0.01
        assert slide.title.content_height <= slide.title.h + 0.01 and number.y + number.h <= slide.title.y


def test_two_sub_headings_over_short_lists_stand_side_by_side(tmp_path: Path) -> None:
    theme = THEMES["default"]
    text = ("# S\n\n## Compare the roles\n\n### AI Engineer\n\n- builds products\n- ships apps\n- uses APIs\n\n"
            "### ML Engineer\n\n- trains models\n- tunes them\n\n## Not a comparison\n\n- one\n- two\n\n"
            "### Detail\n\n- three\n- four\n")
    slides = plan_slides(load_document(write_content(tmp_path, {"a.md": text}), Diagnostics()), theme)
    assert_fits(slides, theme)
    compare = next(s for s in slides if m.plain(s.title.paras[0].runs) == "Compare the roles")
    columns = [sh for sh in compare.shapes if isinstance(sh, TextBox) and sh.name.startswith("Column")]
    assert [[m.plain(p.runs) for p in c.paras] for c in columns] == [
        ["AI Engineer", "builds products", "ships apps", "uses APIs"], ["ML Engineer", "trains models", "tunes them"]]
    other = [s for s in slides if m.plain(s.title.paras[0].runs).startswith("Not a comparison")]
    assert other and not any(getattr(sh, "name", "").startswith("Column") for s in other for sh in s.shapes)


def test_a_slides_last_body_box_reaches_the_foot_of_the_body(tmp_path: Path) -> None:
    """A viewer that breaks a line where the plan did not (a link LibreOffice sets as one
    field) needs room below the measured text: the last text box keeps the body's height."""
    theme = THEMES["default"]
    text = "# S\n\n- one [link](https://example.com) here\n- two\n\n::: callout Tip\nInside.\n:::\n\n- after\n"
    slides = plan_slides(load_document(write_content(tmp_path, {"a.md": text}), Diagnostics()), theme)
    bodies = [[sh for sh in s.shapes if isinstance(sh, TextBox) and sh.name in ("Body", "Callout text")]
              for s in slides if s.kind == "content"]
    foot = max(b.y + b.h for boxes in bodies for b in boxes)
    assert all(boxes[-1].y + boxes[-1].h == pytest.approx(foot) for boxes in bodies if boxes)
    assert foot > max(b.y + b.content_height for boxes in bodies for b in boxes) + theme.style("slide.body").line
