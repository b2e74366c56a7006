"""Renderers translate the theme; they decide no style of their own.

Every length, proportion and count a renderer uses is a named field of the theme
(``theme/handout.py``, ``theme/deck.py``, ``theme/styles.py``), declared once with its
default. This test reads the renderers' source and fails on any other number literal, so
a new padding cannot slip in as a bare ``6``. The numbers left are arithmetic, not style:
0, 1 and 2 (none, one, halves and doubles) and -1 (the last). A number that is a fact of a
file format rather than a choice (EMU per point, a PDF operator's operand) is marked on its
line with ``# format:`` and a reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import reportgen

RENDER = Path(reportgen.__file__).parent / "render"
ARITHMETIC = {0, 1, 2, -1}


def _style_numbers(source: str, name: str) -> list[str]:
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
            continue
        if not isinstance(node.value, (int, float)) or node.value in ARITHMETIC:
            continue
        if "# format:" in lines[node.lineno - 1]:
            continue
        found.append(f"{name}:{node.lineno}: {node.value!r}")
    return found


def test_renderers_hold_no_style_number_of_their_own() -> None:
    found = [hit for path in sorted(RENDER.rglob("*.py"))
             for hit in _style_numbers(path.read_text(encoding="utf-8"), str(path.relative_to(RENDER.parent)))]
    assert not found, "numbers that belong in the theme:\n" + "\n".join(found)


def test_the_check_sees_a_style_number_and_lets_arithmetic_and_format_facts_pass() -> None:
    source = ("def pad(x):\n    return x + 6.5  # a bare padding\n\n"
              "HALF = x / 2 - 1\nEMU = 12700  # format: EMU per point\n")
    assert _style_numbers(source, "sample.py") == ["sample.py:2: 6.5"]
