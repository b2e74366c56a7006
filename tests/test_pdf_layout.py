"""The handout's layout at page breaks: lists, figures, asides and code that meet the end of
a page, and the error a block that fits no page gets. Read back with pypdf."""

from __future__ import annotations

import subprocess
import sys
import traceback
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from PIL import Image

from reportgen.brand import load_theme
from reportgen.cli import cli
from reportgen.errors import Diagnostics
from reportgen.fonts import width
from reportgen.measure import column_widths
from reportgen.parallel import WorkerCrash, can_fork, observed

from .conftest import REPO, build_to, write_content
from .test_pdf import pdf_text, squash

LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
         "ut labore et dolore magna aliqua. ") * 3


def sections(body: str, fills: range) -> dict[str, str]:
    """One section per number of filler paragraphs before ``body``: one build then meets a page
    break at many places in ``body`` (every section starts on a page of its own)."""
    return {f"s{n:02d}.md": f"# Fill {n}\n\n" + "\n\n".join([LOREM] * n) + "\n\n" + body for n in fills}


def test_a_short_nested_list_meets_a_page_break(tmp_path: Path) -> None:
    nested = "".join(f"- item {i}\n  - a{i}\n  - b{i}\n" for i in range(12))
    out = build_to(write_content(tmp_path, sections(nested, range(3, 13))), tmp_path / "o", ("pdf",))[0]
    words = " ".join(pdf_text(out)).split()
    assert all(words.count(f"a{i}") == words.count(f"b{i}") == 10 for i in range(12))


def test_figures_in_list_items_meet_a_page_break(tmp_path: Path) -> None:
    items = "".join(f"- item {i}\n\n  ![Figure {i}](i.png)\n\n" for i in range(4))
    content = write_content(tmp_path, sections(items, range(2, 9)))
    Image.new("RGB", (800, 500), "navy").save(content / "i.png")
    reader = pypdf.PdfReader(build_to(content, tmp_path / "o", ("pdf",))[0])
    for i in range(4):  # every caption is on a page that shows the image
        pages = [p for p in reader.pages if f"Figure {i}" in (p.extract_text() or "")]
        assert len(pages) == 7
        assert all(any(x.get_object()["/Width"] == 800 for x in p["/Resources"]["/XObject"].values()) for p in pages)


def test_a_short_list_moves_whole_with_its_lead_in(tmp_path: Path) -> None:
    body = "These are the steps:\n\n" + "".join(f"- step {i}\n" for i in range(6))
    out = build_to(write_content(tmp_path, sections(body, range(3, 12))), tmp_path / "o", ("pdf",))[0]
    pages = [squash(p) for p in pdf_text(out)]
    with_lead_in = [p for p in pages if "Thesearethesteps:" in p]
    assert len(with_lead_in) == 9
    assert all(all(f"step{i}" in p for i in range(6)) for p in with_lead_in)


Box = tuple[str, tuple[float, ...], float, float, float, float]  # kind, fill colour, x0, y0, x1, y1


def drawn_boxes(page: pypdf.PageObject) -> list[Box]:
    """Every filled rectangle ("rect", with its fill colour) and image ("image") drawn on
    ``page``, in page coordinates (points from the bottom left)."""
    ops = pypdf.generic.ContentStream(page.get_contents(), page.pdf).operations
    ctm, colour = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), ()
    stack: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
    boxes: list[Box] = []
    pending: list[tuple[float, float, float, float]] = []

    def at(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = ctm
        return a * x + c * y + e, b * x + d * y + f

    def box(kind: str, x: float, y: float, w: float, h: float) -> None:
        (x0, y0), (x1, y1) = at(x, y), at(x + w, y + h)
        boxes.append((kind, colour, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    for operands, op in ops:
        if op == b"q":
            stack.append((ctm, colour))
        elif op == b"Q" and stack:
            ctm, colour = stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            A, B, C, D, E, F = ctm
            ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
        elif op == b"rg":
            colour = tuple(round(float(v), 3) for v in operands)
        elif op == b"re":
            pending.append(tuple(float(v) for v in operands))  # type: ignore[arg-type]
        elif op in (b"f", b"f*", b"B", b"B*"):
            for rect in pending:
                box("rect", *rect)
            pending = []
        elif op == b"n":
            pending = []
        elif op == b"Do":
            box("image", 0, 0, 1, 1)
    return boxes


def rgb01(rgb: tuple[int, int, int]) -> tuple[float, ...]:
    return tuple(round(c / 255, 3) for c in rgb)


def test_a_quote_and_a_callout_longer_than_a_page_continue_in_their_frame(tmp_path: Path) -> None:
    quote = "> " + "\n>\n> ".join(f"Quoted {i}. {LOREM}" for i in range(14))
    callout = "::: callout Tip\n" + "\n\n".join(f"Called {i}. {LOREM}" for i in range(14)) + "\n:::\n"
    out = build_to(write_content(tmp_path, {"a.md": f"# Asides\n\n{quote}\n\nBetween.\n\n{callout}"}),
                   tmp_path / "o", ("pdf",))[0]
    theme = load_theme(None, Diagnostics())
    tint, bar = rgb01(theme.colors.tint), rgb01(theme.colors.secondary)
    reader = pypdf.PdfReader(out)
    text = squash(" ".join(pdf_text(out)))
    assert all(f"Quoted{i}." in text and f"Called{i}." in text for i in range(14))
    for word in ("Quoted", "Called"):
        pages = [p for p in reader.pages if word in (p.extract_text() or "")]
        assert len(pages) >= 2
        for page in pages:  # every page of the aside draws its box: the tint and the bar beside it
            rects = [(c, x1 - x0) for kind, c, x0, _, x1, _ in drawn_boxes(page) if kind == "rect"]
            assert (tint, pytest.approx(theme.measure)) in rects
            assert (bar, pytest.approx(3)) in rects


def test_tables_and_images_in_list_items_and_asides_stay_inside_the_margins(tmp_path: Path) -> None:
    table = "| Name | Description |\n|---|---|\n| Wide | " + "words " * 30 + "|\n"
    items = f"- a list item with a table:\n\n  {table.replace(chr(10), chr(10) + '  ')}\n- ![Wide image](w.png)\n\n"
    callout = f"::: callout Tip\n{table}\n![Wide image](w.png)\n:::\n"
    content = write_content(tmp_path, {"a.md": f"# In lists\n\n{items}\n", "b.md": f"# In a callout\n\n{callout}"})
    Image.new("RGB", (3000, 300), "navy").save(content / "w.png")
    reader = pypdf.PdfReader(build_to(content, tmp_path / "o", ("pdf",))[0])
    theme = load_theme(None, Diagnostics())
    page_box, primary = theme.page, rgb01(theme.colors.primary)
    checked = 0
    for page in reader.pages[2:]:
        for kind, colour, x0, _, x1, _ in drawn_boxes(page):
            if kind == "image" and x1 - x0 > 100 or kind == "rect" and colour == primary:  # not the logo
                assert page_box.left + 3 <= x0 and x1 <= page_box.width - page_box.right + 0.01
                checked += 1
    assert checked == 4  # two table headers and two images


def test_headings_inside_quotes_and_list_items_are_text_not_bookmarks(tmp_path: Path) -> None:
    text = "# Top\n\n## Section part\n\n> ## In a quote\n>\n> Text.\n\n- An item\n\n  ## In a list\n"
    out = build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pdf",))[0]
    reader = pypdf.PdfReader(out)
    assert {"In a quote", "In a list"} <= set(" ".join(pdf_text(out)).splitlines())
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [item.title for items in reader.outline if isinstance(items, list) for item in items]
    assert outline == ["Contents", "Top"] and nested == ["Section part"]


HUGE = " ".join(f"word{i}" for i in range(1500))
TOO_TALL = "a row of this table is taller than a page; shorten the row or split it into several rows"


@pytest.mark.parametrize("text, line, message", [
    (f"# T\n\nText.\n\n| {HUGE} | b |\n|---|---|\n| 1 | 2 |\n", 5, TOO_TALL),
    (f"# T\n\n::: callout Tip\nFirst.\n\n- An item:\n\n  | {HUGE} | b |\n  |---|---|\n  | 1 | 2 |\n:::\n", 8, TOO_TALL),
    (f"# T\n\n- An item:\n\n  > Quoted.\n  >\n  > | {HUGE} | b |\n  > |---|---|\n  > | 1 | 2 |\n", 7, TOO_TALL),
    (f"# T\n\nText.\n\n## {HUGE}\n\nText.\n", 5, "this heading is too long for the contents page; shorten it"),
], ids=["table-header", "table-in-a-list-in-a-callout", "table-in-a-quote-in-a-list", "heading-in-the-contents"])
def test_a_block_taller_than_a_page_is_reported_at_its_line(runner: CliRunner, tmp_path: Path, text: str,
                                                            line: int, message: str) -> None:
    content = write_content(tmp_path, {"a.md": text})
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "o"), "-f", "pdf"])
    assert result.exit_code == 1
    assert result.stderr == f"error: {content / 'a.md'}:{line}: {message}\n"
    assert not (tmp_path / "o").exists()


def test_long_words_break_in_the_wide_columns_only() -> None:
    widths = column_widths((0.45, 0.45, 0.1), 425.0, [20.0, 1000.0, 900.0])
    assert widths == [20.0, pytest.approx(202.5), pytest.approx(202.5)]


def test_a_table_of_long_urls_keeps_its_narrow_column(tmp_path: Path) -> None:
    url = "https://example.com/" + "x" * 200
    text = f"# T\n\n| a | b | c |\n|---|---|---|\n| {url} | {url} | fine |\n"
    out = build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pdf",))[0]
    assert "fine" in " ".join(pdf_text(out)).split()


def test_a_table_wider_than_the_page_is_dealt_out_into_narrower_ones(tmp_path: Path) -> None:
    head, rule, row = ("|" + "|".join(cells) + "|\n" for cells in ([f" h{i} " for i in range(60)], ["---"] * 60,
                                                                    [f" x{i} " for i in range(60)]))
    content = write_content(tmp_path, {"a.md": f"# T\n\nText.\n\n{head}{rule}{row}"})
    pdf, deck = build_to(content, tmp_path / "o", ("pdf", "pptx"))
    words = " ".join(pdf_text(pdf)).split()
    assert all(f"x{i}" in words for i in range(60))  # every cell is printed
    assert words.count("h0") >= 9  # the first column is repeated in every group
    from pptx import Presentation

    tables = [shape.table for slide in Presentation(str(deck)).slides for shape in slide.shapes if shape.has_table]
    cells = {cell.text for table in tables for row in table.rows for cell in row.cells}
    assert {f"x{i}" for i in range(60)} <= cells and all(len(table.columns) <= 12 for table in tables)


def test_a_bug_in_the_pdf_renderer_shows_its_own_traceback(runner: CliRunner, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> bytes:
        raise KeyError("no such style")

    monkeypatch.setattr("reportgen.render.handout.story.render_pdf", broken)  # the forked worker inherits it
    content = write_content(tmp_path, {"a.md": "# T\n\nText.\n"})
    result = runner.invoke(cli, ["build", str(content), "-o", str(tmp_path / "o"), "-f", "pdf"])
    # -f pdf alone renders in the forked worker; without fork, or under coverage (which sees this
    # process only, so the build does not fork), it renders here and the bug is raised as it is
    forked = can_fork() and not observed()
    assert type(result.exception) is (WorkerCrash if forked else KeyError)
    shown = "".join(traceback.format_exception(result.exception))
    assert "KeyError: 'no such style'" in shown and ", in broken\n" in shown
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("brand", [None, REPO / "examples" / "northwind" / "brand.yml"], ids=["A4", "Letter"])
def test_code_lines_wrap_inside_their_box_with_a_continuation_mark(tmp_path: Path, brand: Path | None) -> None:
    long = "result = compute(" + ", ".join(f"argument_{i}" for i in range(12)) + ")"  # ~190 characters
    code = f"```\n{long}\n\tindented = 1{' ' * 120}# after many spaces\n{'W' * 95}\n```\n"
    listed = "- An item:\n\n" + "".join(f"  {line}\n" for line in code.splitlines())
    text = f"# Code\n\n{code}\n{listed}\n::: callout Tip\n{code}:::\n"
    out = build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pdf",), brand=brand)[0]
    theme = load_theme(brand, Diagnostics())
    mono, right = theme.style("code").family, theme.page.width - theme.page.right - 6  # the box's padding
    lines: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict[str, str] | None, size: float) -> None:
        if font and "Mono" in str(font.get("/BaseFont")) and text.strip():
            lines.append((text.rstrip("\n"), cm[4] + tm[4] + width(text.rstrip("\n"), mono, size)))

    for page in pypdf.PdfReader(out).pages:
        page.extract_text(visitor_text=visit)
    assert lines and max(end for _, end in lines) <= right + 0.01
    joined = "".join(t if not t.startswith("→ ") else t[2:] for t, _ in lines)
    assert joined.count(long) == 3 and joined.count("W" * 95) == 3  # every character, in order
    assert sum(t.startswith("→ ") for t, _ in lines) >= 9


def test_a_long_list_ending_with_a_lead_in_at_the_end_of_a_section_is_laid_out(tmp_path: Path) -> None:
    items = "".join(f"- Item number {i}, with words enough to fill the line.\n" for i in range(60))
    content = write_content(tmp_path, {"a.md": f"# T\n\n{items}- And then the following:\n", "b.md": "# U\n\nText.\n"})
    out = tmp_path / "o"
    run = ("from pathlib import Path\nfrom reportgen.build import BuildOptions, build\n"
           "from reportgen.errors import Diagnostics\n"
           f"build(BuildOptions(Path({str(content)!r}), Path({str(out)!r}), ('pdf',), parallel=False),"
           " Diagnostics())\n")
    # in a process of its own, so that a layout that never ends fails the test instead of hanging it
    subprocess.run([sys.executable, "-c", run], check=True, timeout=60)
    assert "Andthenthefollowing:" in squash(" ".join(pdf_text(out / "test-guide.pdf")))


def test_a_heading_stays_with_the_start_of_a_long_paragraph_not_moved_with_all_of_it(tmp_path: Path) -> None:
    """A heading before a paragraph longer than the room left keeps the paragraph's first lines
    on its page, the rest overleaf; reportlab's KeepTogether moved both whole, leaving a gap."""
    body = "## Heading before a long paragraph\n\n" + " ".join(f"Long{i} {LOREM}" for i in range(4)) + " TheEnd.\n"
    out = build_to(write_content(tmp_path, sections(body, range(2, 9))), tmp_path / "o", ("pdf",))[0]
    pages = [squash(p) for p in pdf_text(out)]
    heading = [i for i, p in enumerate(pages) if "Headingbeforealongparagraph" in p and i > 1]  # not the contents
    assert len(heading) == 7
    assert all("Long0Loremipsum" in pages[i] for i in heading)  # never alone at a page's foot
    assert any("TheEnd." not in pages[i] for i in heading)  # started on the heading's page, ended overleaf


def test_sections_open_with_a_numbered_label_a_balanced_title_and_an_accent_bar(tmp_path: Path) -> None:
    import pdfplumber

    files = {"a.md": "# First\n\nText.\n", "b.md": "# A title long enough to need two lines of the page\n\nText.\n"}
    guide = "title: T\nlang: de\nsections:\n  - a.md\n  - b.md\n"
    out = build_to(write_content(tmp_path, files, guide=guide), tmp_path / "o", ("pdf",))[0]
    theme = load_theme(None, Diagnostics())
    with pdfplumber.open(out) as pdf:
        contents = pdf.pages[1].extract_text()
        assert "01 First" in contents and "02 A title long" in contents  # numbered as the sections are
        page = pdf.pages[3]
        lines = page.extract_text_lines()
        label = next(ln for ln in lines if ln["text"] == "ABSCHNITT 02")  # in the guide's language
        title = [ln for ln in lines if ln["chars"][0]["size"] == pytest.approx(theme.style("heading.1").size)]
        assert len(title) == 2 and label["top"] < title[0]["top"]
        widths = sorted(ln["x1"] - ln["x0"] for ln in title)
        assert widths[0] > 0.6 * widths[1]  # balanced, not a long line and a lone word
        bars = [r for r in page.rects if r["top"] > title[1]["bottom"] and r["width"] < theme.page.inner_width / 4]
        assert bars and bars[0]["x0"] == pytest.approx(theme.page.left)


def test_a_link_on_a_fill_keeps_its_texts_colour_and_one_on_the_page_the_link_colour(tmp_path: Path) -> None:
    """A link in a table's header row is printed on primary: the link colour would not read
    there (1.9:1 for the default brand), so it keeps the header's text colour, underlined."""
    import pdfplumber

    text = "# T\n\n| [Docs](https://example.com/d) | b |\n|---|---|\n| [Home](https://example.com/h) | 2 |\n"
    out = build_to(write_content(tmp_path, {"a.md": text}), tmp_path / "o", ("pdf",))[0]
    theme = load_theme(None, Diagnostics())
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[2].chars
    colour = {c["text"]: tuple(round(v * 255) for v in c["non_stroking_color"]) for c in chars}
    assert colour["D"] == theme.colors.on_primary and colour["H"] == theme.colors.link


def test_a_heading_stays_with_the_first_item_of_a_long_list(tmp_path: Path) -> None:
    """reportlab groups nothing with a list; a heading above one (whose first item is a
    lead-in to a sub-list) would stay behind at a page's foot with the whole list overleaf."""
    items = "".join(f"- Item {i} introduces its part:\n" + "".join(f"  - sub {i}.{j} {LOREM[:60]}\n" for j in range(6))
                    for i in range(8))
    body = "## Heading over a list\n\n" + items
    out = build_to(write_content(tmp_path, sections(body, range(2, 12))), tmp_path / "o", ("pdf",))[0]
    pages = [squash(p) for p in pdf_text(out)]
    heading = [i for i, p in enumerate(pages) if "Headingoveralist" in p and i > 1]  # not the contents
    assert len(heading) == 10
    assert all("Item0introducesitspart:" in pages[i] and "sub0.0Lorem" in pages[i] for i in heading)
