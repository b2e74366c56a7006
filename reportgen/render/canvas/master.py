"""What a template's slide master and layout draw, drawn onto a reportlab canvas.

PowerPoint draws a template's master itself; the deck's PDFs (slides-pdf, the slide handout)
must draw it to show the same slides: its background, filled shapes, lines, pictures and text,
read once into ``theme.template`` (``reportgen.template_art``), and the footer placeholders'
text the plan gives (``Slide.slots``), in the template's colour and alignment.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from reportgen.render.deck.plan import Slide
from reportgen.render.pdf.furniture import rgb
from reportgen.theme import Theme
from reportgen.theme.template import Art, LayoutArt, Outline


def draw_master(canvas: Canvas, layout: LayoutArt, dark: bool, theme: Theme) -> None:
    """The layout's background (unless the slide is a dark one, painted by the plan) and art."""
    W, H = theme.slide.width, theme.slide.height
    if layout.background_image and not dark:
        canvas.drawImage(_reader(layout.background_image), 0, 0, W, H)
    elif layout.background is not None and not dark:
        canvas.setFillColor(rgb(layout.background))
        canvas.rect(0, 0, W, H, stroke=0, fill=1)
    face = theme.style("slide.body").face
    for art in layout.art:
        _art(canvas, art, H, face)


def draw_slots(canvas: Canvas, slide: Slide, theme: Theme, H: float) -> None:
    """The footer, date and slide number in the template's placeholders, one line each,
    centred in the box's height as PowerPoint's footer placeholders are."""
    style = theme.style("slide.footer")
    inset = theme.deck.placeholder_inset
    for slot in slide.slots:
        art = slot.art
        canvas.setFillColor(rgb(art.color))
        canvas.setFont(style.face, slot.size)
        baseline = H - art.y - art.h / 2 - slot.size * theme.deck.slot_baseline
        if art.align == "center":
            canvas.drawCentredString(art.x + art.w / 2, baseline, slot.text)
        elif art.align == "right":
            canvas.drawRightString(art.x + art.w - inset, baseline, slot.text)
        else:
            canvas.drawString(art.x + inset, baseline, slot.text)


def _art(canvas: Canvas, art: Art, H: float, face: str) -> None:
    y = H - art.y - art.h
    if art.kind == "picture":
        canvas.drawImage(_reader(art.image), art.x, y, art.w, art.h, mask="auto")
        return
    if art.kind == "text":
        canvas.setFillColor(rgb(art.color))
        canvas.setFont(face, art.size)  # the brand's: the template's own font is not embedded in the PDFs
        canvas.drawString(art.x, H - art.y - art.size, art.text.split("\n")[0])
        return
    if art.fill is None and art.stroke is None:
        return
    if art.fill is not None:
        canvas.setFillColor(rgb(art.fill))
    if art.stroke is not None:
        canvas.setStrokeColor(rgb(art.stroke))
        canvas.setLineWidth(art.stroke_width)
    stroke, fill = int(art.stroke is not None), int(art.fill is not None)
    if art.kind == "path":
        canvas.drawPath(_outline(canvas, art.path, H), stroke=stroke, fill=fill and _closed(art.path))
    elif art.kind == "ellipse":
        canvas.ellipse(art.x, y, art.x + art.w, y + art.h, stroke=stroke, fill=fill)
    else:
        canvas.rect(art.x, y, art.w, art.h, stroke=stroke, fill=fill)


def _outline(canvas: Canvas, path: Outline, H: float) -> Any:
    """A template's outline (``Art.path``) as a reportlab path, y turned up."""
    out = canvas.beginPath()
    for step, v in path:
        flipped = [H - c if i % 2 else c for i, c in enumerate(v)]
        if step == "M":
            out.moveTo(*flipped)
        elif step == "L":
            out.lineTo(*flipped)
        elif step == "C":
            out.curveTo(*flipped)
        elif step == "Z":
            out.close()
    return out


def _closed(path: Outline) -> bool:
    """Whether an outline has an inside to fill (a line has none)."""
    return any(step in ("Z", "C") for step, _ in path) or len(path) > len("ML")


@functools.cache
def _reader(image: bytes) -> ImageReader:
    """One decoded picture for every slide that shows it."""
    return ImageReader(io.BytesIO(image))
