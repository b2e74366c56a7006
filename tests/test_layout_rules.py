"""Layout rules of the printed handout, read back from the PDF by ``tests/layout_check.py``:
no stranded headings, nothing off the margins, no underfull pages, no lone lines, readable
contrast, typographic quotes, and a measure of 60–80 characters a line.

They run on the default guide (default brand), on the same guide in the Northwind example
brand (Letter, 10 pt) and on the stress document (``tests/stress_document.py``), each built
once for the module. Each check also has a control: a PDF drawn by hand that breaks its
rule, proving that the check can fail.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from reportgen.brand import load_theme
from reportgen.errors import Diagnostics
from reportgen.theme import Theme

from . import layout_check as lc
from .conftest import CONTENT, REPO, build_to
from .stress_document import write_stress_document

NORTHWIND = REPO / "examples" / "northwind" / "brand.yml"
DEFAULT_BRAND = REPO / "assets" / "brand.yml"


# -- the documents, built once for the module ----------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Theme]]:
    """Each document's PDF and the theme it was built with."""
    root = tmp_path_factory.mktemp("layout")
    stress = write_stress_document(root / "stress")
    out: dict[str, tuple[Path, Theme]] = {}
    for name, content, brand in (("default", CONTENT, DEFAULT_BRAND), ("northwind", CONTENT, NORTHWIND),
                                 ("stress", stress, DEFAULT_BRAND)):
        pdf = build_to(content, root / name, ("pdf",), brand=brand)[0]
        out[name] = (pdf, load_theme(brand, Diagnostics()))
    return out


@pytest.fixture(scope="module")
def documents(built: dict[str, tuple[Path, Theme]]) -> dict[str, lc.Document]:
    return {name: lc.read(pdf, theme) for name, (pdf, theme) in built.items()}


def _case(doc: str, check: Callable[[lc.Document], list[lc.Finding]], why: str = "") -> object:
    marks = [pytest.mark.xfail(reason=why, strict=False)] if why else []
    return pytest.param(doc, check, id=f"{doc}-{check.__name__}", marks=marks)


CASES = [_case(doc, check) for doc in ("default", "northwind", "stress") for check in lc.CHECKS]


@pytest.mark.parametrize(("doc", "check"), CASES)
def test_the_handout_keeps_the_rule(documents: dict[str, lc.Document], doc: str,
                                    check: Callable[[lc.Document], list[lc.Finding]]) -> None:
    findings = check(documents[doc])
    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize("doc", ["default", "northwind"])
def test_lines_hold_60_to_80_characters(documents: dict[str, lc.Document], doc: str) -> None:
    low, high = lc.MEASURE_RANGE
    assert low <= lc.measure(documents[doc]) <= high


def test_the_stress_document_meets_page_breaks_everywhere(documents: dict[str, lc.Document]) -> None:
    """The stress document does what it is for: many pages, paragraphs carried over page
    breaks, and room for notes after each of its sections."""
    doc = documents["stress"]
    assert len(doc.pages) > 100
    assert sum(doc.continues(p) for p in doc.pages) >= 10
    assert sum(any(doc.is_notes_heading(p, line) for line in p.body) for p in doc.pages) >= 20


# -- controls: hand-drawn pages that break each rule ---------------------------------------------

THEME = load_theme(DEFAULT_BRAND, Diagnostics())
BOX = THEME.page
BODY, HEAD = THEME.style("body").size, THEME.style("heading.2").size
PITCH = THEME.style("body").line
WORDS = "sit amet sed do elit duis aute nisi ut enim ad qui".split()  # short: full lines end near the margin

Draw = Callable[[Canvas], None]


def _line(c: Canvas, baseline: float, text: str, *, x: float | None = None, font: str = "Helvetica",
          size: float = BODY, gray: float = 0.1) -> None:
    """``text`` on a baseline ``baseline`` points from the top of the page."""
    c.setFont(font, size)
    c.setFillGray(gray)
    c.drawString(BOX.left if x is None else x, BOX.height - baseline, text)


def _full(n: int, end: str = "") -> list[str]:
    """``n`` lines of words filling the text width, the last ending with ``end``."""
    out, words = [], iter(WORDS * 200)
    word = next(words)
    for _ in range(n):
        line, word = word, next(words)
        while stringWidth(f"{line} {word}{end}", "Helvetica", BODY) <= BOX.inner_width - 1:
            line, word = f"{line} {word}", next(words)
        out.append(line)
    out[-1] += end
    return out


def _paragraphs(c: Canvas, top: float, paragraphs: list[list[str]]) -> float:
    """Paragraphs from ``top`` down, a leading apart and a paragraph gap between them; the
    baseline after the last."""
    y = top
    for lines in paragraphs:
        for text in lines:
            _line(c, y, text)
            y += PITCH
        y += BODY * 0.6
    return y


def _pdf(path: Path, *pages: Draw) -> Path:
    """A handout-sized PDF: a cover, then ``pages``, each with nothing but what they draw."""
    c = Canvas(str(path), pagesize=(BOX.width, BOX.height))
    _line(c, 300, "Cover", size=32, font="Helvetica-Bold")
    c.showPage()
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return path


def _findings(path: Path, check: Callable[[lc.Document], list[lc.Finding]]) -> list[lc.Finding]:
    return check(lc.read(path, THEME))


def _text_page(c: Canvas) -> None:
    _paragraphs(c, BOX.top + 20, [_full(5, "."), _full(4, ".")])


def test_control_a_heading_at_the_foot_of_a_page(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        y = _paragraphs(c, BOX.top + 20, [_full(8, ".")] * 4)
        _line(c, y + 10, "A heading left behind", font="Helvetica-Bold", size=HEAD)
        _line(c, y + 10 + HEAD * 1.6, _full(1)[0])

    found = _findings(_pdf(tmp_path / "h.pdf", page, _text_page), lc.heading_stranded)
    assert [(f.page, f.excerpt) for f in found] == [(2, "A heading left behind")]


def test_control_text_off_the_margins_and_off_the_page(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        _text_page(c)
        _line(c, 300, "Too far left", x=BOX.left - 20)
        _line(c, 320, "Too far right " * 12)
        _line(c, BOX.height - BOX.bottom + 10, "Below the bottom margin")
        c.rect(BOX.width - 10, 400, 40, 40, stroke=0, fill=1)

    found = _findings(_pdf(tmp_path / "m.pdf", page, _text_page), lc.off_margins)
    texts = " ".join(f.excerpt for f in found)
    assert all(f.page == 2 for f in found)
    assert "Too far left" in texts and "Too far right" in texts and "Below the bottom margin" in texts
    assert any(f.kind == "off page" and "rect" in f.excerpt for f in found)


def test_control_an_underfull_page(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        _paragraphs(c, BOX.top + 20, [_full(3, ".")])

    found = _findings(_pdf(tmp_path / "u.pdf", page, _text_page), lc.underfull_page)
    assert [f.page for f in found] == [2]
    # the same page as a section's last (the next starts with a level-1 heading) is allowed
    h1 = THEME.style("heading.1").size

    def chapter(c: Canvas) -> None:
        _line(c, BOX.top + h1, "Next chapter", font="Helvetica-Bold", size=h1)
        _paragraphs(c, BOX.top + 60, [_full(4, ".")])

    assert not _findings(_pdf(tmp_path / "s.pdf", page, chapter), lc.underfull_page)


def test_control_a_widow_and_an_orphan(tmp_path: Path) -> None:
    def ends_open(c: Canvas) -> None:  # the last paragraph runs over the page's foot
        _paragraphs(c, BOX.top + 12, [_full(10, ".")] * 3 + [_full(11)])

    def widow(c: Canvas) -> None:  # one line of it here, then a new paragraph
        _paragraphs(c, BOX.top + 12, [["and the last few words of it."], _full(5, "."), _full(5, ".")])

    found = _findings(_pdf(tmp_path / "w.pdf", ends_open, widow), lc.lone_line)
    assert [(f.page, f.kind) for f in found] == [(3, "lone line (widow)")]

    def orphan(c: Canvas) -> None:  # a paragraph's first line alone at the page's foot
        _paragraphs(c, BOX.top + 12, [_full(10, ".")] * 3 + [_full(10, "."), _full(1)])

    def rest(c: Canvas) -> None:
        _paragraphs(c, BOX.top + 12, [_full(3, "."), _full(5, ".")])

    found = _findings(_pdf(tmp_path / "o.pdf", orphan, rest), lc.lone_line)
    assert [(f.page, f.kind) for f in found] == [(2, "lone line (orphan)")]
    # a full paragraph ending a page, and a new one overleaf, is neither
    assert not _findings(_pdf(tmp_path / "n.pdf", ends_open, rest), lc.lone_line)


def test_control_faint_text(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        _text_page(c)
        _line(c, 400, "Light grey on white", gray=0.75)
        c.setFillColorRGB(0.95, 0.95, 0.95)
        c.rect(BOX.left, BOX.height - 460, 200, 40, stroke=0, fill=1)  # from 420 to 460 below the page's top
        _line(c, 445, "White on a pale box", gray=1.0)
        _line(c, 500, "Large and grey enough", gray=0.55, size=24)  # 3.5:1: enough for large text

    found = _findings(_pdf(tmp_path / "c.pdf", page, _text_page), lc.contrast)
    texts = [f.excerpt for f in found]
    assert len(found) == 2 and "Light grey on white" in texts[0] and "White on a pale box" in texts[1]


def test_control_a_straight_quote_in_prose(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        _text_page(c)
        _line(c, 400, 'He said "hello" to them.')
        _line(c, 420, 'print("code may")', font="Courier")

    found = _findings(_pdf(tmp_path / "q.pdf", page, _text_page), lc.straight_quotes)
    assert [(f.page, f.excerpt) for f in found] == [(2, 'He said "hello" to them.')]


def test_control_the_measure_counts_characters_of_full_lines(tmp_path: Path) -> None:
    def page(c: Canvas) -> None:
        _paragraphs(c, BOX.top + 20, [["x" * 70, "y" * 70, "z" * 70, "short."]] * 3)

    assert lc.measure(lc.read(_pdf(tmp_path / "l.pdf", page, page), THEME)) == 70
