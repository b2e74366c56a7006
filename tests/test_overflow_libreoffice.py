"""The deck as LibreOffice draws it: no text outside its box or the slide.

Runs ``shared/tools/pptx_overflow.py`` (LibreOffice + pdfplumber) on the default deck and on
decks of hard content. Skipped where LibreOffice is not installed; ``.ci/run`` installs it.
The planner's own no-overflow property is tested without LibreOffice in test_slide_plan.py.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, build_to
from .test_slide_plan import hard_content

TOOL = REPO.parent / "shared" / "tools" / "pptx_overflow.py"

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and TOOL.is_file() and importlib.util.find_spec("pdfplumber")),
    reason="needs LibreOffice (soffice), pdfplumber and shared/tools/pptx_overflow.py",
)


def overflow_report(deck: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), str(deck)], capture_output=True, text=True, timeout=300)


def test_default_deck_has_no_overflow(guide_build: dict[str, Path]) -> None:
    result = overflow_report(guide_build["pptx"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("brand", [None, REPO / "examples" / "northwind" / "brand.yml"], ids=["default", "northwind"])
def test_hard_content_has_no_overflow(tmp_path: Path, brand: Path | None) -> None:
    deck = build_to(hard_content(tmp_path), tmp_path / "out", ("pptx",), brand=brand)[0]
    result = overflow_report(deck)
    assert result.returncode == 0, result.stdout + result.stderr
