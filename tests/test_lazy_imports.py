"""The pattern render/lazy_imports.py keeps reportlab from compiling at import still works, and
the SVG libraries are imported only by builds that meet an SVG (pypdfium2 only for a deck)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
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


SVG_MODULES = ("svglib", "pypdfium2")
_RUN = """
import sys
from pathlib import Path
{body}
print("loaded:", *(m for m in {modules!r} if m in sys.modules))
"""


def modules_after(body: str) -> set[str]:
    """Which of svglib and pypdfium2 a fresh interpreter has imported after running ``body``."""
    code = _RUN.format(body=textwrap.dedent(body), modules=SVG_MODULES)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return set(done.stdout.splitlines()[-1].split()[1:])


def build_in_process(content: Path, out: Path, formats: tuple[str, ...]) -> str:
    return f"""
from reportgen.build import BuildOptions, build
from reportgen.errors import Diagnostics
build(BuildOptions(Path({str(content)!r}), Path({str(out)!r}), {formats!r}, parallel=False), Diagnostics())
"""


def test_help_and_builds_without_svg_import_neither_svglib_nor_pdfium(tmp_path: Path) -> None:
    assert modules_after("import contextlib, io\nfrom reportgen.cli import cli\n"
                         "with contextlib.redirect_stdout(io.StringIO()) as help:\n"
                         "    cli(['--help'], prog_name='reportgen', standalone_mode=False)\n"
                         "assert 'Usage: reportgen' in help.getvalue()\n") == set()
    content = write_content(tmp_path, {"a.md": "# Plain\n\nText.\n\n- a list\n"})
    formats = ("pdf", "pptx", "slides-pdf", "handout")
    assert modules_after(build_in_process(content, tmp_path / "o", formats)) == set()


def test_an_svg_imports_svglib_and_only_a_deck_imports_pdfium(tmp_path: Path) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    content = write_content(tmp_path, {"a.md": "# Vector\n\n![Box](box.svg)\n", "box.svg": svg})
    assert modules_after(build_in_process(content, tmp_path / "a", ("pdf", "slides-pdf", "handout"))) == {"svglib"}
    assert modules_after(build_in_process(content, tmp_path / "b", ("pptx",))) == {"svglib", "pypdfium2"}
