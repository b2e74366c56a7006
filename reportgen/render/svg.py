"""Drawing an SVG: as vectors on a reportlab canvas, or as a PNG for the deck.

The PDFs draw each SVG once per document into a form XObject — vector paths and real text,
no raster image — and show that form wherever the SVG appears, at any size: the running
header's logo costs one form, not one copy of its paths a page. The deck gets a PNG, since
python-pptx cannot embed SVG (PowerPoint's own SVG picture, ``asvg:svgBlip``, would need
hand-made package parts, and LibreOffice and Keynote show its PNG fallback anyway): svglib's
drawing is written as a one-page PDF by reportlab and rasterised by PDFium (pypdfium2), on a
transparent background, so PDF and deck show the same picture. Both libraries are imported
only here, when an SVG is drawn.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

from reportgen.load.svg import load_svg
from reportgen.render.pdf import compat
from reportgen.theme import DeckMetrics


def draw_svg(canvas: Any, path: Path, x: float, y: float, width: float, height: float) -> None:
    """Draw the SVG at ``path`` into the box with its lower-left corner at (``x``, ``y``),
    stretched to ``width`` × ``height`` points (callers keep its aspect ratio)."""
    from reportlab.graphics import renderPDF

    svg = load_svg(path)
    name = f"svg{svg.digest}"
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width / svg.width, height / svg.height)
    if not compat.forms_keep_resources(canvas):
        renderPDF.draw(svg.drawing, canvas, 0, 0)  # in place, on every use
    else:
        if not canvas.hasForm(name):
            canvas.beginForm(name, 0, 0, svg.width, svg.height)
            renderPDF.draw(svg.drawing, canvas, 0, 0)
            canvas.endForm(Resources=compat.form_resources(canvas))
        canvas.doForm(name)
    canvas.restoreState()


def svg_png(path: Path, width: float, height: float, deck: DeckMetrics) -> bytes:
    """The SVG as a PNG for a box ``width`` × ``height`` points: ``svg_png_px_per_pt`` pixels a
    point, at most ``svg_png_max_side`` on the long side (of the theme's ``deck``), transparent
    where the SVG draws nothing. Its resolution is set so that the picture's own size is the
    box's (PowerPoint's "reset size" keeps it)."""
    import pypdfium2
    from reportlab.graphics import renderPDF

    svg = load_svg(path)
    scale = deck.svg_png_px_per_pt * max(width / svg.width, height / svg.height)
    scale = min(scale, deck.svg_png_max_side / max(svg.width, svg.height))
    scale = max(scale, 1 / min(svg.width, svg.height))  # at least a pixel each way
    document = pypdfium2.PdfDocument(renderPDF.drawToString(svg.drawing))
    try:
        image = document[0].render(scale=scale, fill_color=(0, 0, 0, 0), may_draw_forms=False).to_pil()
        dpi = 72 * image.width / width if width > 0 else 72.0  # format: points an inch
        out = io.BytesIO()
        image.save(out, "PNG", dpi=(dpi, dpi) if math.isfinite(dpi) else (72, 72))  # format: points an inch
    finally:
        document.close()
    return out.getvalue()
