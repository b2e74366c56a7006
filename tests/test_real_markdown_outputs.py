"""Real-document features as they come out: read back from the handout, the deck and the deck as PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen.build import BuildOptions, build
from reportgen.errors import Diagnostics

from .conftest import write_content

README = """\
<p align="center"><b>Centred</b> tagline</p>

# Tool

## Contents

- [Install](#install)
- [Usage](#usage-notes)
- [Nowhere](#nowhere)

## Install

Run it<sup>1</sup> with H<sub>2</sub>O and ~~old~~ words[^a]. <x-tag>Kept text</x-tag> <!-- dropped -->

- [ ] open task
- [x] done task

## Usage notes

- See [the install](#install).

[^a]: The footnote's text.
"""


def _build(tmp_path: Path, formats: tuple[str, ...]) -> tuple[dict[str, Path], Diagnostics]:
    diag = Diagnostics()
    content = write_content(tmp_path, {"README.md": README}, guide="title: Guide\nsections: [README.md]\n")
    paths = build(BuildOptions(content, tmp_path / "out", formats, parallel=False), diag)
    return {p.name.split(".", 1)[1]: p for p in paths}, diag


def _internal_links(reader: pypdf.PdfReader) -> list[tuple[int, int]]:
    """(page of the link, page it jumps to) for every in-document link, 0-based."""
    names = {k: reader.get_destination_page_number(v) for k, v in reader.named_destinations.items()}
    pages = [page.indirect_reference for page in reader.pages]
    found = []
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            dest = annot.get("/Dest") or (action["/D"] if action is not None and action.get("/S") == "/GoTo" else None)
            if dest is not None:
                found.append((number, names[str(dest)] if isinstance(dest, str) else pages.index(dest[0])))
    return found


def test_handout_links_jump_to_their_headings_and_no_tag_is_printed(tmp_path: Path) -> None:
    paths, diag = _build(tmp_path, ("pdf",))
    reader = pypdf.PdfReader(paths["pdf"])
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert not re.search(r"</?[a-z][\w-]*[ >]|<!--", text)
    assert "Kept text" in text and "Centred tagline" in text
    body = [n for n, page in enumerate(reader.pages) if "Usage notes" in page.extract_text()
            and "Run it" in page.extract_text()]
    assert body, "the section should fit one page"
    links = [to for at, to in _internal_links(reader) if at == body[0]]
    assert links.count(body[0]) == 3  # Install, Usage and "the install": all on the body page
    assert "Nowhere" in text
    assert any("'#nowhere' matches no heading" in w.message for w in diag.warnings)


def test_handout_footnotes_close_the_section_in_small_print(tmp_path: Path) -> None:
    paths, _ = _build(tmp_path, ("pdf",))
    reader = pypdf.PdfReader(paths["pdf"])
    page = next(p for p in reader.pages if "Run it" in p.extract_text())
    sizes: dict[str, float] = {}

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes[text.strip()] = size * tm[0]

    page.extract_text(visitor_text=visit)
    text = page.extract_text()
    assert text.index("The footnote’s text.") > text.index("See the install")
    note = next(size for t, size in sizes.items() if "footnote’s text" in t)
    body = next(size for t, size in sizes.items() if "See" in t)
    assert note < body


def test_deck_links_jump_to_the_slide_holding_the_heading(tmp_path: Path) -> None:
    paths, _ = _build(tmp_path, ("pptx",))
    deck = Presentation(str(paths["pptx"]))
    slides = list(deck.slides)
    titles = [s.shapes.title.text_frame.text for s in slides]
    jumps = []
    for slide in slides:
        for click in slide.element.iter(qn("a:hlinkClick")):
            if click.get("action") == "ppaction://hlinksldjump":
                target = slide.part.related_part(click.get(qn("r:id")))
                jumps.append((titles[slides.index(slide)], titles[[s.part for s in slides].index(target)]))
    assert ("Contents", "Install") in jumps and ("Contents", "Usage notes") in jumps
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide)
    assert "The footnote’s text." in notes


def test_deck_as_pdf_links_jump_too(tmp_path: Path) -> None:
    paths, _ = _build(tmp_path, ("slides-pdf",))
    reader = pypdf.PdfReader(paths["slides.pdf"])
    titles = [page.extract_text().split("\n")[0] for page in reader.pages]
    links = {(titles[a], titles[b]) for a, b in _internal_links(reader)}
    assert ("Contents", "Install") in links and ("Usage notes", "Install") in links
