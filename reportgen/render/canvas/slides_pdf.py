"""Slide plan + Theme → the deck as a PDF (reportlab's canvas), as bytes.

For readers without PowerPoint, and for sending the deck where an editable file is not
wanted. It draws the same plan as ``render/pptx`` (``plan_slides``), one page per slide at the
slide's size, with real, selectable text in the embedded brand fonts, so the two files show
the same slides. Bookmarks lead to the title slide and to the slide opening each section.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from reportgen import model as m
from reportgen import progress
from reportgen.errors import Diagnostics
from reportgen.render.canvas.slide import draw_slide
from reportgen.render.dates import set_pdf_dates
from reportgen.render.deck.plan import Slide, deck_anchors
from reportgen.render.deck.planner import plan_slides
from reportgen.render.pdf.compat import TaggingCanvas
from reportgen.render.pdf.tagging import Tagger
from reportgen.theme import Theme


def render_slides_pdf(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    """Plan the deck and draw it; identical input gives identical bytes (invariant mode)."""
    return draw_slides_pdf(plan_slides(doc, theme), doc, theme)


def draw_slides_pdf(plan: list[Slide], doc: m.Document, theme: Theme) -> bytes:
    """A slide plan as a PDF, a slide a page (the preview draws the plan it already has); tagged,
    each slide a Sect of the document."""
    buffer = io.BytesIO()
    canvas = TaggingCanvas(buffer, pagesize=(theme.slide.width, theme.slide.height), **canvas_options(doc.meta, theme))
    canvas.tagger = Tagger(doc.meta.lang, doc.meta.full_title)
    set_metadata(canvas, doc.meta, theme.name)
    anchors = frozenset(deck_anchors(plan))
    for number, slide in enumerate(plan, 1):
        draw_slide(canvas, slide, theme, 0, 0, 1, anchors, canvas.tagger.root.add("Sect"))
        bookmark(canvas, slide, number, doc.meta)
        for anchor in slide.anchors:  # where links to the document's headings lead
            canvas.bookmarkPage(anchor)
        canvas.showPage()
        progress.step("slides", number, len(plan))
    canvas.tagger.finish(canvas)
    canvas.save()
    return buffer.getvalue()


def canvas_options(meta: m.Meta, theme: Theme) -> dict[str, Any]:
    """Invariant output, the guide's language, and our own font as the page's initial font:
    reportlab would otherwise start every page in Helvetica, a font we do not embed."""
    foot = theme.style("footer")
    return dict(invariant=1, lang=meta.lang, initialFontName=foot.face, initialFontSize=foot.size,
                initialLeading=foot.line)


def set_metadata(canvas: Canvas, meta: m.Meta, organization: str) -> None:
    """Title, author (the organisation when the guide names none), subject, keywords, dates."""
    set_pdf_dates(canvas, meta)
    canvas.setTitle(meta.full_title)
    canvas.setAuthor(meta.author or organization)
    canvas.setSubject(meta.subtitle)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator("reportgen")
    canvas.setProducer("reportgen")


def bookmark(canvas: Canvas, slide: Slide, number: int, meta: m.Meta, top: float | None = None) -> None:
    """An outline entry for the title slide and for every slide that opens a section (on a
    page of several slides, ``top`` is the slide's top edge, where the entry leads)."""
    if slide.kind == "title":
        title = meta.title
    elif slide.opens:
        title = slide.section
    else:
        return
    key = f"slide-{number}"
    if top is None:
        canvas.bookmarkPage(key)
    else:
        canvas.bookmarkPage(key, fit="XYZ", left=0, top=top)
    canvas.addOutlineEntry(title, key, level=0)
