"""One planned slide drawn onto a reportlab canvas, as vector graphics and real text.

``draw_slide`` is shared by the deck as PDF (``slides_pdf``, one slide a page at scale 1)
and the printable handout (``slide_handout``, several scaled slides a page), so both show
the very slide ``render/pptx`` draws from the same plan: same boxes, fills, fonts and colours.
Like ``render/pptx`` it decides nothing; every position comes from the plan.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from reportgen.load.svg import is_svg
from reportgen.qr import qr_png
from reportgen.render.canvas.master import draw_master, draw_slots
from reportgen.render.canvas.text import TextPainter
from reportgen.render.deck.fit import Fitter
from reportgen.render.deck.plan import LOGO, ImageBox, Rect, Slide, TableBox, TextBox
from reportgen.render.pdf.furniture import rgb
from reportgen.render.pdf.tagging import ARTIFACT, Node, artifact, content
from reportgen.render.svg import draw_svg
from reportgen.theme import RGB, Theme


def draw_slide(canvas: Canvas, slide: Slide, theme: Theme, x: float, y: float, scale: float,
               anchors: frozenset[str] = frozenset(), node: Node | None = None, depth: int = 1) -> None:
    """Draw ``slide`` with its lower-left corner at (``x``, ``y``), ``scale`` canvas points per
    slide point (uniform, so a slide is never distorted); links to ``anchors`` are live.

    On a tagged canvas the slide's text, tables and pictures become elements of ``node`` (its
    title a heading ``depth`` levels down) in the order they are drawn, which is the order a
    viewer reads them; grounds, bars, logos, the master's art and the footer are artifacts."""
    W, H = theme.slide.width, theme.slide.height
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(scale, scale)
    with artifact(canvas):
        if slide.dark:
            _fill(canvas, theme.colors.primary, (0, 0, W, H), H)
        if theme.template is not None and slide.layout:
            draw_master(canvas, theme.template.layout(slide.layout), slide.dark, theme)
        if slide.ground:
            _fill(canvas, theme.colors.primary, slide.ground, H)
    text = TextPainter(canvas, theme, Fitter(theme), H, anchors, node)
    text.box(slide.title, depth)
    for shape in slide.shapes:
        match shape:
            case TextBox():
                text.box(shape)
            case TableBox():
                _table(canvas, shape, theme, text)
            case ImageBox():
                figure = ARTIFACT if node is None or shape.alt == LOGO else node.add("Figure", alt=shape.alt)
                with content(canvas, figure):
                    _image(canvas, shape, H)
            case Rect():
                with artifact(canvas):
                    _fill(canvas, shape.color, (shape.x, shape.y, shape.w, shape.h), H)
    with artifact(canvas, "Pagination"):
        draw_slots(canvas, slide, theme, H)
    canvas.restoreState()


def _fill(canvas: Canvas, color: RGB, box: tuple[float, float, float, float], H: float) -> None:
    """A filled box given top-down, as the plan gives boxes."""
    x, y, w, h = box
    canvas.setFillColor(rgb(color))
    canvas.rect(x, H - y - h, w, h, stroke=0, fill=1)


def _table(canvas: Canvas, box: TableBox, theme: Theme, text: TextPainter) -> None:
    """Cell fills (header primary, zebra as in ``render/pptx``), then cell text, then the rules.
    Tagged, a Table: the first row a THead of column headers, the rest a TBody (with row headers
    when the table has row labels)."""
    H = text.H
    top = box.y
    table = text.parent.add("Table") if text.parent else None
    rows = [table.add("THead" if r == 0 else "TBody") for r in range(min(len(box.rows), 2))] if table else []
    for r, (row, height) in enumerate(zip(box.rows, box.row_heights)):
        fill = theme.row_fill(r)
        with artifact(canvas):
            canvas.setFillColor(rgb(fill))
            canvas.rect(box.x, H - top - height, box.w, height, stroke=0, fill=1)
        left = box.x
        tr = rows[min(r, 1)].add("TR") if rows else None
        for col, (para, width) in enumerate(zip(row, box.col_widths)):
            head = r == 0 or box.row_labels and col == 0
            cell = tr.add("TH" if head else "TD", scope=("Column" if r == 0 else "Row") if head else "") if tr \
                else None
            text.para(para, left + box.margin_x, width - 2 * box.margin_x, top + box.margin_y, font_descent=True,
                      node=cell)
            left += width
        top += height
    with artifact(canvas):
        _rules(canvas, box, theme, H)


def _rules(canvas: Canvas, box: TableBox, theme: Theme, H: float) -> None:
    colors = theme.colors
    canvas.setStrokeColor(rgb(colors.background))
    rule, header_rule = theme.deck.table_rule, theme.deck.table_header_rule
    canvas.setLineWidth(rule)
    top = box.y
    for r, height in enumerate(box.row_heights[:-1]):
        top += height
        if r == 0:
            canvas.setLineWidth(header_rule)
        canvas.line(box.x, H - top, box.x + box.w, H - top)
        canvas.setLineWidth(rule)
    left = box.x
    for width in box.col_widths[:-1]:
        left += width
        canvas.line(left, H - box.y, left, H - box.y - box.h)


def _image(canvas: Canvas, box: ImageBox, H: float) -> None:
    """A file is drawn by name: reportlab embeds it once and reuses it on every slide (an
    ``ImageReader`` would be decoded and hashed again each time, the logo on every slide).
    An SVG is drawn as vectors, centred in the box at its own aspect ratio."""
    if box.path is not None and is_svg(box.path):
        iw, ih = box.size_px
        scale = min(box.w / iw, box.h / ih)
        w, h = iw * scale, ih * scale
        draw_svg(canvas, box.path, box.x + (box.w - w) / 2, H - box.y - box.h + (box.h - h) / 2, w, h)
        return
    image = ImageReader(io.BytesIO(qr_png(box.qr))) if box.path is None else str(box.path)
    canvas.drawImage(image, box.x, H - box.y - box.h, box.w, box.h, preserveAspectRatio=True, anchor="c",
                     mask="auto")
