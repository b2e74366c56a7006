"""A task-list item's box (☐ / ☑), drawn as lines: the brand fonts have no such glyph."""

from __future__ import annotations

from typing import Any

from reportgen.theme import RGB, HandoutMetrics


def draw_check_box(canvas: Any, x: float, baseline: float, side: float, checked: bool, color: RGB,
                   hm: HandoutMetrics) -> None:
    """A square ``side`` points wide standing on ``baseline`` at ``x``, ticked if ``checked``;
    its lines and tick as the theme's ``handout`` says (the slides PDF draws the same box)."""
    from reportgen.render.pdf.furniture import rgb

    canvas.saveState()
    canvas.setStrokeColor(rgb(color))
    canvas.setLineWidth(max(side * hm.check_box_line, hm.check_box_min_line))
    canvas.rect(x, baseline, side, side, stroke=1, fill=0)
    if checked:
        canvas.setLineWidth(max(side * hm.check_tick_line, hm.check_tick_min_line))
        (x0, y0), (x1, y1), (x2, y2) = hm.check_tick
        path = canvas.beginPath()
        path.moveTo(x + side * x0, baseline + side * y0)
        path.lineTo(x + side * x1, baseline + side * y1)
        path.lineTo(x + side * x2, baseline + side * y2)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
