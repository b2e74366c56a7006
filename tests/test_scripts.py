"""Every character drawn: fallback fonts, right-to-left text, characters no font has.

Read back from the handout (pypdf, pdfplumber), the deck (python-pptx) and the slides PDF.
Scripts need fonts on the machine (``.ci/run`` installs them); where one is missing, its
test skips and says which package brings it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from reportgen.build import BuildOptions, build
from reportgen.errors import Diagnostics

from .conftest import write_content
from .test_overflow_libreoffice import TOOL, overflow_report

MIXED = {
    "Greek": "Ελληνικά", "Cyrillic": "Русский", "Chinese": "中文文本", "Japanese": "日本語のテキスト",
    "Korean": "한국어", "Arabic": "العربية", "Hebrew": "עברית", "arrows": "→ ⇒ ←", "box": "┌─┐ └─┘",
}


def _covered(text: str) -> bool:
    """Does some TrueType font on this machine have every character of ``text``?"""
    if shutil.which("fc-list") is None:
        return False
    for char in set(text) - {" "}:
        out = subprocess.run(["fc-list", f":charset={ord(char):x}:fontformat=TrueType", "file"],
                             capture_output=True, text=True).stdout
        if not out.strip():
            return False
    return True


def _build(tmp_path: Path, text: str, formats: tuple[str, ...]) -> tuple[dict[str, Path], Diagnostics]:
    diag = Diagnostics()
    content = write_content(tmp_path, {"a.md": text})
    paths = build(BuildOptions(content, tmp_path / "out", formats, parallel=False), diag)
    return {p.name.split(".", 1)[1]: p for p in paths}, diag


def _needs(*scripts: str) -> None:
    lacking = [s for s in scripts if not _covered(MIXED[s])]
    if lacking:
        pytest.skip(f"no TrueType font here for {', '.join(lacking)} (fonts-noto-core, fonts-droid-fallback, "
                    "fonts-nanum bring them)")


@pytest.mark.parametrize("script", sorted(MIXED))
def test_every_script_is_in_the_pdf_text_with_its_font_embedded(tmp_path: Path, script: str) -> None:
    _needs(script)
    words = MIXED[script]
    paths, diag = _build(tmp_path, f"# {script}\n\nLatin text and {words} together.\n", ("pdf",))
    reader = pypdf.PdfReader(paths["pdf"])
    text = "".join(page.extract_text() for page in reader.pages)
    for char in set(words) - {" "}:
        assert char in text or script == "Arabic", char  # Arabic comes back in its joined forms
    assert not [w for w in diag.warnings if "no font here has" in w.message]
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in (page["/Resources"].get("/Font") or {}).values() for f in [f.get_object()]}
    assert len(fonts) >= 2 and all("+" in name for name in fonts)  # the fallback font, embedded as a subset


def test_arabic_is_joined_in_the_pdf(tmp_path: Path) -> None:
    _needs("Arabic")
    paths, _ = _build(tmp_path, "# T\n\nمرحبا بالعالم\n", ("pdf",))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(paths["pdf"]).pages)
    forms = [c for c in text if "\ufb50" <= c <= "\ufeff"]
    assert len(forms) >= 8  # presentation forms: the letters are drawn joined


def test_hebrew_reads_right_to_left_in_the_handout_and_the_slides_pdf(tmp_path: Path) -> None:
    _needs("Hebrew")
    import pdfplumber

    paths, _ = _build(tmp_path, "# T\n\n## כותרת\n\n- בדיקה עולם XYZ 123\n", ("pdf", "slides-pdf"))
    for name in ("pdf", "slides.pdf"):
        with pdfplumber.open(paths[name]) as pdf:
            lines = [[c for c in page.chars if c["text"] in "בדיקהXYZ"] for page in pdf.pages]
            chars = next(line for line in lines if len(line) >= 8)
        x = {c["text"]: c["x0"] for c in chars}
        assert x["ב"] > x["ד"] > x["י"] > x["ק"] > x["ה"], (name, x)  # the first letter is rightmost
        assert x["X"] < x["Y"] < x["Z"] < x["ה"]  # "XYZ" reads left to right, left of the Hebrew


def test_the_deck_marks_rtl_paragraphs_and_names_the_fallback_fonts(tmp_path: Path) -> None:
    _needs("Hebrew", "Chinese")
    paths, _ = _build(tmp_path, "# T\n\n- שלום עולם\n- 中文 and Latin\n", ("pptx",))
    deck = Presentation(str(paths["pptx"]))
    paragraphs = [p for s in deck.slides for p in s.element.iter(qn("a:p")) if p.find(qn("a:r")) is not None]
    hebrew = next(p for p in paragraphs if "שלום" in "".join(t.text for t in p.iter(qn("a:t"))))
    assert hebrew.find(qn("a:pPr")).get("rtl") == "1"
    runs = [r for p in paragraphs for r in p.iter(qn("a:r"))]
    chinese = next(r for r in runs if "中文" in r.find(qn("a:t")).text)
    latin = next(r for r in runs if "and Latin" in r.find(qn("a:t")).text)
    face = chinese.find(qn("a:rPr")).find(qn("a:ea")).get("typeface")
    assert face and face == chinese.find(qn("a:rPr")).find(qn("a:latin")).get("typeface")
    assert latin.find(qn("a:rPr")).find(qn("a:latin")).get("typeface") == "Calibri"


def test_a_character_no_font_has_prints_a_visible_mark(tmp_path: Path) -> None:
    paths, diag = _build(tmp_path, "# T\n\nBefore \U0010fffd after.\n", ("pdf",))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(paths["pdf"]).pages)
    assert "Before" in text and "after" in text
    assert any(mark in text for mark in "\ufffd\u25a1?")
    assert any("U+10FFFD" in w.message for w in diag.warnings)


@pytest.mark.skipif(not (shutil.which("soffice") and TOOL.is_file()), reason="needs LibreOffice and pptx_overflow.py")
def test_a_deck_of_every_script_does_not_overflow(tmp_path: Path) -> None:
    _needs("Chinese", "Japanese", "Arabic", "Hebrew")
    lines = "\n".join(f"- {name}: {(words + ' ') * 4}" for name, words in MIXED.items() if _covered(words))
    paths, _ = _build(tmp_path, f"# Scripts\n\n## Every script\n\n{lines}\n", ("pptx",))
    result = overflow_report(paths["pptx"])
    assert result.returncode == 0, result.stdout + result.stderr
