"""The handout's layout at page breaks: lists, figures, asides and code that meet the end of
a page, and the error a block that fits no page gets. Read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PIL import Image

from .conftest import build_to, write_content
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


def filled_rects(page: pypdf.PageObject) -> list[tuple[tuple[float, ...], float, float]]:
    """Every filled rectangle drawn on ``page``: (fill colour, width, height)."""
    ops = pypdf.generic.ContentStream(page.get_contents(), page.pdf).operations
    colour: tuple[float, ...] = ()
    stack: list[tuple[float, ...]] = []
    rects, pending = [], []
    for operands, op in ops:
        if op == b"rg":
            colour = tuple(round(float(v), 3) for v in operands)
        elif op == b"q":
            stack.append(colour)
        elif op == b"Q" and stack:
            colour = stack.pop()
        elif op == b"re":
            pending.append((float(operands[2]), float(operands[3])))
        elif op in (b"f", b"f*", b"B", b"B*"):
            rects += [(colour, abs(w), abs(h)) for w, h in pending]
            pending = []
        elif op == b"n":
            pending = []
    return rects


def test_a_quote_and_a_callout_longer_than_a_page_continue_in_their_frame(tmp_path: Path) -> None:
    from reportgen.brand import load_theme
    from reportgen.errors import Diagnostics

    quote = "> " + "\n>\n> ".join(f"Quoted {i}. {LOREM}" for i in range(14))
    callout = "::: callout Tip\n" + "\n\n".join(f"Called {i}. {LOREM}" for i in range(14)) + "\n:::\n"
    out = build_to(write_content(tmp_path, {"a.md": f"# Asides\n\n{quote}\n\nBetween.\n\n{callout}"}),
                   tmp_path / "o", ("pdf",))[0]
    theme = load_theme(None, Diagnostics())
    tint, bar = (tuple(round(c / 255, 3) for c in rgb) for rgb in (theme.colors.tint, theme.colors.secondary))
    reader = pypdf.PdfReader(out)
    text = squash(" ".join(pdf_text(out)))
    assert all(f"Quoted{i}." in text and f"Called{i}." in text for i in range(14))
    for word in ("Quoted", "Called"):
        pages = [p for p in reader.pages if word in (p.extract_text() or "")]
        assert len(pages) >= 2
        for page in pages:  # every page of the aside draws its box: the tint and the bar beside it
            rects = filled_rects(page)
            assert any(c == tint and abs(w - theme.page.inner_width) < 1 for c, w, _ in rects)
            assert any(c == bar and abs(w - 3) < 0.1 for c, w, _ in rects)
