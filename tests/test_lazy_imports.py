"""The pattern render/lazy_imports.py keeps reportlab from compiling at import still works."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
from hypothesis import given
from hypothesis import strategies as st

from reportgen.render import renderer
from reportgen.render.lazy_imports import DeferredPattern

from .conftest import build_to, write_content

URL_LIKE = r"(^(?:[a-z0-9.+-]*)://)([a-z\xa1-\uffff0-9.-]+)(?:[/?#]\S*)?\Z"


@given(st.text(alphabet="htps:/.-aéZ0?#", max_size=30))
def test_a_deferred_pattern_matches_as_the_compiled_one(text: str) -> None:
    deferred, compiled = DeferredPattern(URL_LIKE, re.IGNORECASE), re.compile(URL_LIKE, re.IGNORECASE)
    got, want = deferred.match(text), compiled.match(text)
    assert (got and got.groups()) == (want and want.groups())
    assert deferred.pattern == URL_LIKE and deferred.flags == compiled.flags


def test_reportlab_still_breaks_a_url_at_its_slashes() -> None:
    renderer("pdf")  # imports reportlab with the pattern deferred
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    url = "https://example.com/alpha/beta/gamma/delta/epsilon/zeta"  # narrower than the line
    para = Paragraph(f"Read the page at {url} today", ParagraphStyle("s", uriWasteReduce=0.3))
    para.wrap(300, 1000)
    first_line = para.blPara.lines[0][1]
    assert first_line[-1].startswith("https://") and first_line[-1].endswith("/")  # split, not moved


def test_a_url_wider_than_the_page_is_broken_and_kept_whole(tmp_path: Path) -> None:
    url = "https://example.com/" + "/".join(f"segment{i}" for i in range(30))
    out = build_to(write_content(tmp_path, {"a.md": f"# Links\n\nSee {url} for more.\n"}), tmp_path / "o", ("pdf",))
    text = "".join((page.extract_text() or "") for page in pypdf.PdfReader(out[0]).pages)
    assert url in re.sub(r"\s+", "", text)
