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
