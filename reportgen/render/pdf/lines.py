"""A line of text on a reportlab canvas, each character in the font that draws it.

``canvas.drawString`` sets a whole string in one font; a running header with a Chinese
title, or a footer with an emoji, needs the fallback fonts of ``FontFamily.runs``.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from reportgen.fonts import FontFamily


def draw_line(canvas: Any, x: float, y: float, text: str, family: FontFamily, size: float, bold: bool = False,
              italic: bool = False, align: str = "left") -> float:
    """Draw ``text`` with its baseline at ``y``, starting at ``x`` (``align="right"``: ending
    there); return its width."""
    parts = [(part, font.face(bold, italic)) for part, font in family.runs(text)]
    total = float(sum(stringWidth(part, face, size) for part, face in parts))
    x -= {"left": 0.0, "center": total / 2, "right": total}[align]
    for part, face in parts:
        canvas.setFont(face, size)
        canvas.drawString(x, y, part)
        x += stringWidth(part, face, size)
    return total
