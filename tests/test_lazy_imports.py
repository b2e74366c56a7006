"""What a command imports, checked in a fresh interpreter each time (in the pytest process other
tests have imported everything already): ``reportgen --help`` none of the heavy libraries, a build
only its own renderer's, the SVG libraries only for an SVG (pypdfium2 only for a deck); and the
pattern render/lazy_imports.py keeps reportlab from compiling at import still works."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    """In a fresh process, so that reportlab is first imported through ``renderer`` (here another
    test may have imported it already, and its pattern would be the compiled one)."""
    result = fresh("""
        from reportgen.render import renderer
        from reportgen.render.lazy_imports import DeferredPattern
        renderer("pdf")  # imports reportlab with the pattern deferred
        import reportlab.platypus.paragraph as paragraph
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        deferred = isinstance(paragraph.uri_pat, DeferredPattern) and paragraph.uri_pat._compiled is None
        url = "https://example.com/alpha/beta/gamma/delta/epsilon/zeta"  # narrower than the line
        para = Paragraph(f"Read the page at {url} today", ParagraphStyle("s", uriWasteReduce=0.3))
        para.wrap(300, 1000)
        show(deferred=deferred, last=para.blPara.lines[0][1][-1], compiled=paragraph.uri_pat._compiled is not None)
        """)
    assert result["deferred"]  # not compiled at import
    assert result["last"].startswith("https://") and result["last"].endswith("/")  # split, not moved
    assert result["compiled"]  # compiled when a URL had to be split


def test_a_url_wider_than_the_page_is_broken_and_kept_whole(tmp_path: Path) -> None:
    url = "https://example.com/" + "/".join(f"segment{i}" for i in range(30))
    out = build_to(write_content(tmp_path, {"a.md": f"# Links\n\nSee {url} for more.\n"}), tmp_path / "o", ("pdf",))
    text = "".join((page.extract_text() or "") for page in pypdf.PdfReader(out[0]).pages)
    assert url in re.sub(r"\s+", "", text)


SVG_MODULES = ("svglib", "pypdfium2")
# what a build needs and ``--help`` does not (import names; each checked with its submodules)
HEAVY = ("reportlab", "pptx", "lxml", "PIL", "brand_yml", "pydantic", "markdown_it", "mdit_py_plugins", "ruamel",
         "svglib", "pypdfium2", "emoji", "bidi", "arabic_reshaper", "watchfiles", "pygments")
_PRELUDE = """
import json, sys
from pathlib import Path

def show(**facts):
    print(json.dumps(facts))

def loaded(names):
    return sorted({m.split(".")[0] for m in sys.modules} & set(names))
"""


def fresh(body: str, args: tuple[str, ...] = ()) -> Any:
    """Run ``body`` in a new interpreter; what it passed to ``show(...)``, from its last line."""
    code = _PRELUDE + textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def modules_after(body: str) -> set[str]:
    """Which of svglib and pypdfium2 a fresh interpreter has imported after running ``body``."""
    return set(fresh(f"{textwrap.dedent(body)}\nshow(loaded=loaded({SVG_MODULES!r}))")["loaded"])


def build_in_process(content: Path, out: Path, formats: tuple[str, ...]) -> str:
    return f"""
from reportgen.build import BuildOptions, build
from reportgen.errors import Diagnostics
build(BuildOptions(Path({str(content)!r}), Path({str(out)!r}), {formats!r}, parallel=False), Diagnostics())
"""


@pytest.mark.parametrize("args", [("--help",), ("build", "--help"), ("check", "--help"), ("--version",)])
def test_help_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    """``reportgen --help`` as the installed command runs it (``reportgen.cli:main``), in a process
    of its own; ``main`` ends the process itself, so the modules are read as it exits."""
    result = fresh(f"""
        import atexit, io, os
        sys.argv = ["reportgen", *sys.argv[1:]]
        os._exit = sys.exit  # main ends with os._exit: let atexit run so the modules can be shown
        out = io.StringIO()
        sys.stdout, real = out, sys.stdout

        def report():
            sys.stdout = real
            show(loaded=loaded({HEAVY!r}), printed=out.getvalue())

        atexit.register(report)
        from reportgen.cli import main
        main()
        """, args)
    assert result["loaded"] == []
    assert result["printed"].startswith("Usage: reportgen") or result["printed"].startswith("reportgen, version")


def test_the_module_probe_sees_what_a_build_imports(tmp_path: Path) -> None:
    """The probe above can fail: after a build of both formats, the renderers' libraries are there;
    a PDF alone imports neither python-pptx nor the pattern reportlab compiles at import."""
    content = write_content(tmp_path, {"a.md": "# Plain\n\nText.\n"})
    both = fresh(build_in_process(content, tmp_path / "a", ("pdf", "pptx")) + f"show(loaded=loaded({HEAVY!r}))\n")
    assert {"reportlab", "pptx", "lxml", "markdown_it"} <= set(both["loaded"])
    pdf = fresh(build_in_process(content, tmp_path / "b", ("pdf",))
                + "import reportlab.platypus.paragraph as p\n"
                + f"show(loaded=loaded({HEAVY!r}), compiled=p.uri_pat._compiled is not None)\n")
    assert "reportlab" in pdf["loaded"] and "pptx" not in pdf["loaded"]
    assert pdf["compiled"] is False


def test_only_code_that_names_a_language_imports_pygments(tmp_path: Path) -> None:
    formats = ("pdf", "pptx", "slides-pdf")
    plain = write_content(tmp_path / "plain", {"a.md": "# Code\n\n```\nprint(1)\n```\n\n    indented = 2\n"})
    probe = f"show(loaded=loaded({HEAVY!r}))\n"
    assert "pygments" not in fresh(build_in_process(plain, tmp_path / "a", formats) + probe)["loaded"]
    named = write_content(tmp_path / "named", {"a.md": "# Code\n\n```python\nprint(1)\n```\n"})
    assert "pygments" in fresh(build_in_process(named, tmp_path / "b", formats) + probe)["loaded"]


def test_builds_without_svg_import_neither_svglib_nor_pdfium(tmp_path: Path) -> None:
    content = write_content(tmp_path, {"a.md": "# Plain\n\nText.\n\n- a list\n"})
    formats = ("pdf", "pptx", "slides-pdf", "handout")
    assert modules_after(build_in_process(content, tmp_path / "o", formats)) == set()


def test_an_svg_imports_svglib_and_only_a_deck_imports_pdfium(tmp_path: Path) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    content = write_content(tmp_path, {"a.md": "# Vector\n\n![Box](box.svg)\n", "box.svg": svg})
    assert modules_after(build_in_process(content, tmp_path / "a", ("pdf", "slides-pdf", "handout"))) == {"svglib"}
    assert modules_after(build_in_process(content, tmp_path / "b", ("pptx",))) == {"svglib", "pypdfium2"}
