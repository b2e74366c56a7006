"""Slide plan + Theme → a printable handout of the deck: 1, 2, 3 or 6 slides a page.

Attendees who want the slides on paper get them on the theme's page size, with room to
write (ruled lines) or the speaker notes (``handout-notes``). Each slide is the very drawing
of the deck as PDF (``slide.draw_slide``), scaled uniformly, so it stays vector text.
Header and footer are the handout's own (``render/pdf/furniture.py``). Notes that do not fit beside their
slide continue on a page of their own right after, so nothing is cut off or lost.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.frames import Frame

from reportgen import model as m
from reportgen import progress
from reportgen.errors import Diagnostics
from reportgen.measure import shorten
from reportgen.render.canvas.layout import Area, Cell, page_cells, ruled_lines
from reportgen.render.canvas.slide import draw_slide
from reportgen.render.canvas.slides_pdf import set_metadata
from reportgen.render.deck.frame import join_notes
from reportgen.render.deck.plan import Slide, note_paragraphs
from reportgen.render.deck.planner import plan_slides
from reportgen.render.pdf import compat
from reportgen.render.pdf.bidi import paragraph
from reportgen.render.pdf.furniture import decorate_page, numbered_canvas, paragraph_style, rgb
from reportgen.render.pdf.lines import draw_line
from reportgen.render.pdf.markup import plain_markup
from reportgen.render.pdf.tagging import ARTIFACT, Node, Tagger, artifact, content, marked
from reportgen.theme import Theme


def render_slide_handout(doc: m.Document, theme: Theme, diag: Diagnostics) -> bytes:
    """Plan the deck, lay its slides out ``theme.handout_layout`` to a page, and return the PDF."""
    plan = plan_slides(doc, theme)
    buffer = io.BytesIO()
    page_class = numbered_canvas(theme, theme.words_for(doc.meta.lang), first=1)
    canvas = page_class(buffer, pagesize=(theme.page.width, theme.page.height), invariant=1, lang=doc.meta.lang)
    canvas.tagger = Tagger(doc.meta.lang, doc.meta.full_title)
    set_metadata(canvas, doc.meta, theme.name)
    _Handout(canvas, theme, doc.meta).draw(plan)
    canvas.save()
    return buffer.getvalue()


class _Handout:
    """Tagged, the pages read as: a section's name (H1), then each of its slides (a Sect with
    its title as H2 and its text, tables and pictures), each followed by its notes (a Note)."""

    def __init__(self, canvas: Canvas, theme: Theme, meta: m.Meta) -> None:
        self.c, self.theme, self.meta = canvas, theme, meta
        self.root: Node = canvas.tagger.root
        self.depth = 1  # a slide title's heading level: 2 once a section's line (an H1) is drawn
        self.title = meta.full_title
        self.words = theme.words_for(meta.lang)
        self.layout, self.notes = theme.handout_layout, theme.handout_notes
        body, hm = theme.style("body"), theme.handout
        size = round(max(body.size * hm.slide_notes_scale[self.layout], hm.slide_notes_min_size), 1)
        self.style = paragraph_style(body, "notes", fontSize=size, leading=round(size * hm.slide_notes_leading, 1),
                                     spaceAfter=size * hm.slide_notes_space_after)
        self.bullet = ParagraphStyle("notes-bullet", self.style, leftIndent=size * hm.slide_notes_bullet_indent,
                                     bulletIndent=0, bulletFontName=self.style.fontName,
                                     spaceAfter=size * hm.slide_notes_bullet_space_after)
        self.source = ParagraphStyle("notes-source", self.style, fontName=body.family.face(italic=True))
        self.heading = paragraph_style(theme.style("heading.3"), "notes-heading",
                                       spaceBefore=hm.notes_heading_space_before,
                                       spaceAfter=hm.notes_heading_space_after)

    def draw(self, plan: list[Slide]) -> None:
        """The light slides, a cell each; the title, divider and closing slides (solid colour,
        nothing to write beside) are not printed: a section's name prints as a line above its
        first slide instead, and leads the outline."""
        cells = page_cells(self.theme, self.layout, self.notes)
        printed: list[tuple[int, Slide, str]] = []
        sections, current, carried = 0, None, ""
        for number, slide in enumerate(plan, 1):
            sections += slide.opens
            if slide.dark:  # its notes go with the next slide printed (the closing's with the last)
                carried = join_notes([carried, slide.notes])
                continue
            label = f"{sections:02d} · {slide.section}" if slide.section and slide.section != current else ""
            current = slide.section or current
            printed.append((number, replace(slide, notes=join_notes([carried, slide.notes])), label))
            carried = ""
        if carried and printed:
            number, slide, label = printed[-1]
            printed[-1] = (number, replace(slide, notes=join_notes([slide.notes, carried])), label)
        for start in range(0, len(printed), len(cells)):
            decorate_page(self.c, None, self.theme, self.title, self.words)
            if start == 0:
                self.c.bookmarkPage("title")
                self.c.addOutlineEntry(self.meta.title, "title", level=0)
            overflow = []
            for (number, slide, label), cell in zip(printed[start:start + len(cells)], cells):
                if label:
                    self.section_line(label, slide.section, cell.label, number)
                rest = self.cell(slide, cell)
                progress.step("slides", number, len(plan))
                if rest:
                    overflow.append((number, slide, rest))
            self.c.showPage()
            if overflow:
                self.continued(overflow)

    def section_line(self, label: str, section: str, area: Area, number: int) -> None:
        """A section's number and name in the strip above its first slide, and its outline entry."""
        family, size = self.theme.style("heading.3").family, self.theme.handout.section_line_size
        self.c.saveState()  # on one line, as the running header is: a long name is cut with "…"
        self.c.setFillColor(rgb(self.theme.colors.accent))
        self.depth = 2
        with content(self.c, self.root.add("H1", actual=label)):  # said whole, though its line may be cut short
            draw_line(self.c, area.x, area.y + (area.h - size) / 2 + size * self.theme.deck.pdf_descent,
                      shorten(label, family, size, area.w, bold=True), family, size, bold=True)
        self.c.restoreState()
        key = f"slide-{number}"
        self.c.bookmarkPage(key, fit="XYZ", left=0, top=area.top + self.theme.handout.slide_bookmark_rise)
        self.c.addOutlineEntry(section, key, level=0)

    def cell(self, slide: Slide, cell: Cell) -> list[Any]:
        """Draw one slide with a border, then its notes or ruled lines; return notes left over."""
        area = cell.slide
        node = self.root.add("Sect")
        draw_slide(self.c, slide, self.theme, area.x, area.y, area.w / self.theme.slide.width, node=node,
                   depth=self.depth)
        with artifact(self.c):
            self.c.saveState()
            self.c.setStrokeColor(rgb(self.theme.colors.muted))
            self.c.setLineWidth(self.theme.handout.hairline)
            self.c.rect(area.x, area.y, area.w, area.h, stroke=1, fill=0)
            self.c.restoreState()
        if cell.notes is None:
            return []
        story = self.story(slide, node.add("Note")) if self.notes else []
        limit = None
        if story:
            frame = _frame(cell.notes)
            _fill(frame, story, self.c)
            limit = compat.frame_cursor(frame)  # where the text ended
        if cell.ruled:
            self.rule(cell.notes, limit)
        return story

    def story(self, slide: Slide, node: Node) -> list[Any]:
        """The notes as the deck's presenter view has them (``note_paragraphs``), each
        paragraph a P of ``node``."""
        family = self.theme.style("body").family
        out = []
        for note in note_paragraphs(slide):
            markup = plain_markup(note.text, family)
            if note.bullet:
                made = paragraph(f"<bullet>\u2022</bullet>{markup}", self.bullet, note.text)
            else:
                made = paragraph(markup, self.source if note.source else self.style, note.text)
            out.append(marked(made, node.add("P")))
        return out

    def rule(self, area: Area, limit: float | None) -> None:
        with artifact(self.c):  # lines to write on
            self._rule(area, limit)

    def _rule(self, area: Area, limit: float | None) -> None:
        self.c.saveState()
        self.c.setStrokeColor(rgb(self.theme.colors.rule))
        self.c.setLineWidth(self.theme.handout.hairline)
        for y in ruled_lines(area, self.theme.handout, limit):
            self.c.line(area.x, y, area.x + area.w, y)
        self.c.restoreState()

    def continued(self, overflow: list[tuple[int, Slide, list[Any]]]) -> None:
        """The notes that did not fit beside their slides, on pages of their own."""
        story: list[Any] = []
        for number, slide, rest in overflow:
            title = m.plain(slide.title.paras[0].runs) if slide.title.paras else ""
            heading = plain_markup(f"Slide {number}: {title} (notes, continued)", self.theme.style("heading.3").family)
            story.append(marked(paragraph(heading, self.heading, title), ARTIFACT))  # the notes go on, in their Note
            story += rest
        box = self.theme.page
        while story:
            decorate_page(self.c, None, self.theme, self.title, self.words)
            head = story[0]
            _fill(_frame(Area(box.left, box.bottom, box.inner_width, box.inner_height)), story, self.c)
            self.c.showPage()
            if story and story[0] is head:  # not even a line fits a whole page: give up, never loop
                break


def _frame(area: Area) -> Frame:
    return Frame(area.x, area.y, area.w, area.h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                 showBoundary=0)


def _fill(frame: Frame, story: list[Any], canvas: Canvas) -> None:
    """Draw as much of ``story`` as fits in ``frame``, splitting a paragraph between lines;
    what is left stays in ``story``."""
    while story:
        if frame.add(story[0], canvas, trySplit=1):
            story.pop(0)
            continue
        parts = frame.split(story[0], canvas)
        if len(parts) < 2:
            return
        story[0:1] = parts
