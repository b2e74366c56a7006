"""The guide's language: typographic quotes, dates and the words reportgen prints itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.errors import Diagnostics
from reportgen.language import WORDS, long_date, words_for
from reportgen.load import load_document

from .conftest import write_content

PROSE = 'He said "it works" -- then \'quietly\' left... `"code" -- stays`\n\n```\nprint("as written") -- ...\n```\n'


def loaded(tmp_path: Path, lang: str, text: str = PROSE) -> tuple[m.Section, Diagnostics]:
    guide = f"title: T\nlang: {lang}\ndate: 2026-01-15\nsections:\n  - a.md\n"
    diag = Diagnostics()
    doc = load_document(write_content(tmp_path, {"a.md": "# A\n\n" + text}, guide=guide), diag)
    return doc.sections[0], diag


@pytest.mark.parametrize(("lang", "quoted"), [
    ("en", "“it works”"), ("de", "„it works“"), ("fr", "«\u00a0it works\u00a0»"), ("es", "«it works»"),
    ("en-US", "“it works”"),
])
def test_prose_gets_the_languages_quotes_dashes_and_ellipses_and_code_stays_as_written(
        tmp_path: Path, lang: str, quoted: str) -> None:
    section, _ = loaded(tmp_path, lang)
    para = next(b for b in section.blocks if isinstance(b, m.Paragraph))
    prose = "".join(r.text for r in para.runs if not r.code)
    assert quoted in prose and "–" in prose and "…" in prose and '"' not in prose
    assert any(r.code and r.text == '"code" -- stays' for r in para.runs)
    code = next(b for b in section.blocks if isinstance(b, m.CodeBlock))
    assert code.text.strip() == 'print("as written") -- ...'


def test_dates_are_written_in_the_guides_language(tmp_path: Path) -> None:
    day = dt.date(2026, 1, 15)
    assert [long_date(day, lang) for lang in ("en", "de", "fr", "es")] == [
        "15 January 2026", "15. Januar 2026", "15 janvier 2026", "15 de enero de 2026"]
    doc = load_document(write_content(tmp_path, {"a.md": "# A\n"},
                                      guide="title: T\nlang: de\ndate: 2026-01-15\nsections:\n  - a.md\n"))
    assert doc.meta.date == "15. Januar 2026"


def test_an_unknown_language_warns_at_its_line_and_speaks_english(tmp_path: Path) -> None:
    _, diag = loaded(tmp_path, "tlh")
    [warning] = diag.warnings
    assert warning.source and warning.source.line == 2 and "'tlh'" in warning.message
    assert words_for("tlh") == WORDS["en"]


def test_a_brand_may_override_any_word() -> None:
    words = words_for("de", (("contents", "Übersicht"),))
    assert words.contents == "Übersicht" and words.notes == "Notizen" and words.page_of(2, 9) == "Seite 2 von 9"


def test_lang_de_prints_german_words_and_dates_in_the_handout_and_the_deck(tmp_path: Path) -> None:
    import pypdf
    from pptx import Presentation

    from .conftest import build_to

    guide = "title: T\nlang: de\ndate: 2026-01-15\nsections:\n  - a.md\n"
    content = write_content(tmp_path, {"a.md": "# A\n\nText.\n\n" + "".join(f"- item {n}\n" for n in range(9))},
                            guide=guide)
    paths = {p.suffix: p for p in build_to(content, tmp_path / "out")}
    pages = [page.extract_text() for page in pypdf.PdfReader(paths[".pdf"]).pages]
    assert "15. Januar 2026" in pages[0] and "Inhalt" in pages[1] and "Seite 2 von" in pages[1]
    assert any(page.startswith("Notizen") or "\nNotizen" in page for page in pages)
    assert "Contents" not in "".join(pages) and "Page " not in "".join(pages)
    titles = [s.shapes.title.text for s in Presentation(str(paths[".pptx"])).slides if s.shapes.title is not None]
    assert "Agenda" in titles and "Fragen?" in titles and "A (Forts.)" in titles


def test_the_brands_words_win_over_the_languages(tmp_path: Path) -> None:
    import pypdf

    from .conftest import build_to

    content = write_content(tmp_path, {"a.md": "# A\n\nText.\n"})
    brand = tmp_path / "brand.yml"
    brand.write_text("defaults:\n  reportgen:\n    words:\n      contents: Overview\n      page: '{n}/{total}'\n",
                     encoding="utf-8")
    paths = build_to(content, tmp_path / "out", ("pdf",), brand=brand)
    text = pypdf.PdfReader(paths[0]).pages[1].extract_text()
    assert "Overview" in text and "2/" in text and "Contents" not in text


@pytest.mark.parametrize(("words", "problem"), [
    ("contnets: X", "'contnets' is not a word reportgen prints"),
    ("page: Seite {n}", "must hold {n} and {total}"),
    ("notes: [a, b]", "must be text"),
])
def test_a_bad_word_is_one_error_at_its_line(tmp_path: Path, words: str, problem: str) -> None:
    from reportgen.brand import load_theme
    from reportgen.errors import ReportgenError

    brand = tmp_path / "brand.yml"
    brand.write_text(f"defaults:\n  reportgen:\n    words:\n      {words}\n", encoding="utf-8")
    with pytest.raises(ReportgenError) as caught:
        load_theme(brand, Diagnostics(), key=words)
    assert problem in caught.value.message and caught.value.source and caught.value.source.line == 4


def test_a_long_running_header_and_footer_are_shortened_clear_of_the_logo_and_page_number(tmp_path: Path) -> None:
    import pdfplumber

    from reportgen.brand import load_theme

    from .conftest import build_to

    title = "A very long guide title that goes on " * 4
    guide = f"title: {title.strip()}\nsubtitle: and a subtitle as long as it\nsections:\n  - a.md\n"
    content = write_content(tmp_path, {"a.md": "# A\n\nText.\n"}, guide=guide)
    brand = tmp_path / "brand.yml"
    logo = Path(__file__).parent.parent / "examples" / "northwind" / "logo.png"
    (tmp_path / "logo.png").write_bytes(logo.read_bytes())
    brand.write_text("meta:\n  name: Co\nlogo: logo.png\ndefaults:\n  reportgen:\n    footer: "
                     + "Footer words " * 20 + "\n", encoding="utf-8")
    [pdf] = build_to(content, tmp_path / "out", ("pdf",), brand=brand)
    page_box = load_theme(brand, Diagnostics()).page
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[1]
        logo = page.images[0]
        lines = page.extract_text_lines()
    header, footer = lines[0], lines[-1]
    assert header["text"].endswith("…") and header["x0"] > logo["x1"]
    assert header["x1"] <= page_box.width - page_box.right + 0.5
    assert footer["text"].startswith("Footer words") and "…" in footer["text"] and "Page 2 of" in footer["text"]
    chars = [c for c in page.chars if abs(c["top"] - footer["top"]) < 1]
    ellipsis = next(c for c in chars if c["text"] == "…")
    number = min(c["x0"] for c in chars if c["x0"] > ellipsis["x1"])
    assert number - ellipsis["x1"] >= 6  # a clear gap between the footer text and "Page 2 of 3"


@pytest.mark.parametrize(("text", "curled"), [
    ('Revert "ci: use it by @a in #1', "Revert “ci: use it by @a in #1"),  # no pair: opens where a word starts
    ('`ww`: "万万"化开关', "ww: “万万”化开关"),  # markdown-it leaves quotes beside CJK letters straight
    ('<span>said "so"</span> `"kept"`', "said “so” \"kept\""),  # raw HTML text too; code as written
])
def test_quotes_the_typographer_leaves_straight_are_curled_by_position(tmp_path: Path, text: str,
                                                                        curled: str) -> None:
    section, _ = loaded(tmp_path, "en", text + "\n")
    para = next(b for b in section.blocks if isinstance(b, m.Paragraph))
    assert m.plain(para.runs) == curled
