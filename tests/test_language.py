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
