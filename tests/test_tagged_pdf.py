"""Tagged PDF (PDF/UA-1): the handout, the slides PDF and the slide handout, read back.

Each is built from the default guide, with the example brand, and from a stress document
(nested lists, tables across pages, pictures, footnotes, code, callouts, links, CJK and
Arabic, a task list, a remote picture), then read back with ``pdfua_check``: no violation of
the machine-checkable PDF/UA-1 rules, and the text read in structure order is the
document's text in its order.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest
from hypothesis import given, settings

from reportgen.errors import Diagnostics
from reportgen.language import text_language
from reportgen.render.canvas.slides_pdf import render_slides_pdf
from reportgen.render.deck.plan import TableBox, TextBox
from reportgen.render.deck.planner import plan_slides
from reportgen.render.handout.story import render_pdf

from . import pdfua_check
from .conftest import CONTENT, SEED, build_to, write_content
from .stress_document import write_stress_document
from .test_pdf import seed_sentences, squash
from .test_slide_plan import THEMES, documents

REPO = Path(__file__).resolve().parent.parent
NORTHWIND = REPO / "examples" / "northwind" / "brand.yml"
FORMATS = ("pdf", "slides-pdf", "handout")

ACCESSIBILITY = """\
# Links, notes, scripts and pictures

Read the [project page](https://example.org/reportgen) or jump to [the tasks](#tasks).
A claim needs a source.[^1] Another one too.[^2]

中文段落：这是一个用中文写的句子，用来检查语言标记。

日本語の段落です。ひらがなとカタカナも使います。

هذه فقرة باللغة العربية لاختبار اتجاه النص.

## Tasks {#tasks}

- [x] Write the guide
- [ ] Print the handout
  - [ ] Check the nested item

1. First step
   - a bullet inside a step
     1. a number three levels in
2. Second step

![A chart that lives on a server](https://example.org/chart.png)

::: warning
Callouts are asides: a screen reader says where they start and end.
:::

[^1]: The first source, with a [link](https://example.org/source).
[^2]: The second source.
"""


def _stress(root: Path) -> Path:
    """The layout stress document, plus a section of what it lacks: links, footnotes, other
    scripts, task lists, a remote picture."""
    content = write_stress_document(root)
    (content / "accessibility.md").write_text(ACCESSIBILITY, encoding="utf-8")
    guide = content / "guide.yml"
    guide.write_text(guide.read_text(encoding="utf-8") + "  - accessibility.md\n", encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(document, format) → the PDF, for the default guide, the example brand and the stress document."""
    root = tmp_path_factory.mktemp("tagged")
    stress = _stress(root / "stress")
    out: dict[tuple[str, str], Path] = {}
    for name, content, brand in (("default", CONTENT, None), ("northwind", CONTENT, NORTHWIND),
                                 ("stress", stress, None)):
        for path in build_to(content, root / name, FORMATS, brand=brand):
            fmt = {".handout.pdf": "handout", ".slides.pdf": "slides-pdf"}.get("".join(path.suffixes[-2:]), "pdf")
            out[(name, fmt)] = path
    return out


CASES = [(doc, fmt) for doc in ("default", "northwind", "stress") for fmt in FORMATS]


@pytest.mark.parametrize(("doc", "fmt"), CASES, ids=[f"{d}-{f}" for d, f in CASES])
def test_no_pdfua_violation(built: dict[tuple[str, str], Path], doc: str, fmt: str) -> None:
    assert pdfua_check.violations(built[(doc, fmt)]) == []


@pytest.mark.parametrize(("doc", "fmt"), CASES, ids=[f"{d}-{f}" for d, f in CASES])
def test_pdfinfo_says_tagged(built: dict[tuple[str, str], Path], doc: str, fmt: str) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    info = subprocess.run(["pdfinfo", str(built[(doc, fmt)])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)


def _in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles not found in ``haystack`` one after another (each after the one before)."""
    missing, pos = [], 0
    for needle in needles:
        found = haystack.find(needle, pos)
        if found < 0:
            missing.append(needle)
        else:
            pos = found + len(needle)
    return missing


def test_the_handout_read_in_structure_order_is_the_guide_in_order(built: dict[tuple[str, str], Path]) -> None:
    if not SEED.is_file():
        pytest.skip("the seed guide is not beside this checkout")
    text = squash(pdfua_check.structure_text(built[("default", "pdf")]))
    title, *sentences = seed_sentences()
    parts = title.split(": ")  # the cover sets the title and subtitle as two blocks, an H1 and a P
    assert _in_order([squash(s) for s in [*parts, *sentences]], text) == []


def test_running_header_footer_and_page_numbers_are_not_read(built: dict[tuple[str, str], Path]) -> None:
    """On every page but the cover: drawn (pypdf reads them), but artifacts, not content."""
    from reportgen.brand import load_theme

    path = built[("default", "pdf")]
    footer = load_theme(None, Diagnostics()).footer
    drawn = " ".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
    assert "Page 2 of" in drawn and footer in drawn
    text = pdfua_check.structure_text(path)
    assert "Page 2 of" not in text and footer not in text
    title = "AI Engineer vs ML Engineer: The Definitive 2026 Career Guide"  # the running header
    assert drawn.count(title) > 1 and title not in text


@pytest.mark.parametrize("fmt", ["slides-pdf", "handout"])
def test_the_slides_read_in_structure_order_are_the_plan_in_order(built: dict[tuple[str, str], Path],
                                                                   fmt: str) -> None:
    from reportgen.build import BuildOptions, load

    doc, theme = load(BuildOptions(CONTENT, formats=(fmt,)), Diagnostics())
    printed = [s for s in plan_slides(doc, theme) if fmt == "slides-pdf" or not s.dark]  # the handout skips solid ones
    expected = []
    for slide in printed:
        boxes = [slide.title, *(s for s in slide.shapes if isinstance(s, TextBox) and s.name not in
                                ("Footer", "Slide number", "Section label"))]
        expected += [squash("".join(r.text for r in p.runs)) for box in boxes for p in box.paras]
        expected += [squash("".join(r.text for r in p.runs)) for table in slide.shapes if isinstance(table, TableBox)
                     for row in table.rows for p in row]
    text = squash(pdfua_check.structure_text(built[("default", fmt)]))
    assert _in_order([e for e in expected if e], text) == []


def test_a_table_across_pages_has_its_header_cells_once(built: dict[tuple[str, str], Path]) -> None:
    """The stress document's tables repeat their header row on each page they reach; the
    repeats are artifacts, so each table's header row is three TH, read once."""
    path = built[("stress", "pdf")]
    with pikepdf.open(path) as pdf:
        tables = [n for n in _walk(pdf.Root.StructTreeRoot.K) if n.S == "/Table"]
        assert tables
        across = 0
        for table in tables:
            heads = [n for n in _walk(table.K) if n.S == "/TH"]
            assert len(heads) == 3, [str(h.get("/A")) for h in heads]
            assert all(h.A.Scope == "/Column" for h in heads)
            across += len({n.Pg.objgen for n in _walk(table.K) if n.S == "/TD"}) > 1
        assert across  # some do reach a second page


def _walk(node: object) -> list[pikepdf.Dictionary]:
    out: list[pikepdf.Dictionary] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack += reversed(list(item))
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            out.append(item)
            stack.append(item.get("/K", pikepdf.Array()))
    return out


def test_figures_links_notes_and_languages(built: dict[tuple[str, str], Path]) -> None:
    path = built[("stress", "pdf")]
    with pikepdf.open(path) as pdf:
        nodes = _walk(pdf.Root.StructTreeRoot.K)
        figures = [str(n.get("/Alt", "")) for n in nodes if n.S == "/Figure"]
        assert "A navy figure, as wide as the text" in figures
        assert len([n for n in nodes if n.S == "/Note"]) == 2  # the two footnotes
        languages = {str(n.Lang) for n in nodes if "/Lang" in n}
        assert {"zh", "ja", "ar"} <= languages
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
        words = {str(a.Contents) for a in links}
        assert {"project page", "the tasks", "link"} <= words
        labels = [n for n in nodes if n.S == "/Lbl"]
        assert labels
    text = pdfua_check.structure_text(path)
    assert "Write the guide" in text and "a number three levels in" in text


def test_no_blank_glyph_is_drawn_for_what_a_font_lacks(tmp_path: Path) -> None:
    """PDF/UA forbids showing a font's .notdef glyph. Found in the corpus: box-drawing corners in
    a code block (the code font lacks them; fallback fonts were used everywhere but code) and the
    invisible variation selector after "‼" (drawn as the blank glyph of the font it joins)."""
    content = write_content(tmp_path, {"a.md": "# Boxes\n\n\u203c\ufe0f Remove the unused argument.\n\n"
                                               "```\n\u256d\u2500 FastAPI CLI \u2500\u256e\n```\n"})
    pdf = build_to(content, tmp_path / "out", ("pdf",))[0]
    assert pdfua_check.violations(pdf) == []
    text = pdfua_check.structure_text(pdf)
    assert "\u256d\u2500 FastAPI CLI \u2500\u256e" in text and "\u203c Remove" in text


def test_the_text_language_comes_from_the_script() -> None:
    assert text_language("An English sentence.", "en") == ""
    assert text_language("これは日本語です", "en") == "ja"
    assert text_language("这是中文", "en") == "zh"
    assert text_language("这是中文", "zh-CN") == ""
    assert text_language("한국어 문장", "en") == "ko"
    assert text_language("Ein Satz mit einem 中 Zeichen", "de") == ""  # mostly Latin: the document's


@settings(max_examples=12)
@given(doc=documents())
def test_random_documents_are_tagged_without_violation(doc: object) -> None:
    """Any document the model can hold comes out tagged, in the handout and the slides PDF,
    and every word of its text is read in the structure."""
    theme = next(iter(THEMES.values()))
    for render in (render_pdf, render_slides_pdf):
        data = render(doc, theme, Diagnostics())  # type: ignore[arg-type]
        assert pdfua_check.violations(data) == []
    text = squash(pdfua_check.structure_text(render_pdf(doc, theme, Diagnostics())))  # type: ignore[arg-type]
    for section in doc.sections:  # type: ignore[attr-defined]
        for block in section.blocks:
            for run in getattr(block, "runs", ()):
                for word in run.text.split():
                    assert squash(word) in text


def test_rebuilds_are_byte_identical(built: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    again = {p.name: p for p in build_to(CONTENT, tmp_path, FORMATS)}
    for fmt in FORMATS:
        first = built[("default", fmt)]
        assert again[first.name].read_bytes() == first.read_bytes()


def test_an_untagged_reportlab_canvas_draws_as_before() -> None:
    """Drawing helpers work on a canvas without a tagger (the preview's, a user's): no marks."""
    from reportlab.pdfgen.canvas import Canvas

    from reportgen.render.pdf.tagging import Node, artifact, content

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    with content(canvas, Node("P")), artifact(canvas):
        canvas.drawString(10, 10, "plain")
    canvas.save()
    assert b"BDC" not in buffer.getvalue() and b"/MCID" not in buffer.getvalue()
