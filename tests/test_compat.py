"""The private names of reportlab and python-pptx that reportgen relies on still exist.

Each library's private uses are kept in one module (``render/pdf/compat.py``,
``render/pptx/compat.py``); an upgrade that removes one fails here, by name, rather than
somewhere in a build.
"""

from __future__ import annotations

from reportgen.render.pdf import compat as reportlab_compat
from reportgen.render.pptx import compat as pptx_compat
from reportgen.render.privates import missing


def test_reportlab_still_has_what_reportgen_uses() -> None:
    assert reportlab_compat.missing() == []


def test_python_pptx_still_has_what_reportgen_uses() -> None:
    assert pptx_compat.missing() == []


def test_the_check_finds_a_name_that_is_gone() -> None:
    assert missing((("reportlab.platypus.frames", "Frame", "_no_such_thing"),)) == [
        "reportlab.platypus.frames.Frame._no_such_thing"]
