"""A task-list item's box (☐ / ☑), drawn as lines: the brand fonts have no such glyph."""

from __future__ import annotations

from typing import Any

from reportgen.theme import RGB


def draw_check_box(canvas: Any, x: float, baseline: float, side: float, checked: bool, color: RGB) -> None:
    """A square ``side`` points wide standing on ``baseline`` at ``x``, ticked if ``checked``."""
    from reportgen.render.pdf.furniture import rgb

    canvas.saveState()
    canvas.setStrokeColor(rgb(color))
    canvas.setLineWidth(max(side * 0.08, 0.5))
    canvas.rect(x, baseline, side, side, stroke=1, fill=0)
    if checked:
        canvas.setLineWidth(max(side * 0.13, 0.8))
        path = canvas.beginPath()
        path.moveTo(x + side * 0.2, baseline + side * 0.5)
        path.lineTo(x + side * 0.42, baseline + side * 0.22)
        path.lineTo(x + side * 0.82, baseline + side * 0.8)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
