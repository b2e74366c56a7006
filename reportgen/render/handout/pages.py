"""The handout's own pages: the cover, and the ruled room for notes.

Drawn straight onto the canvas; ``story.py`` turns blocks into flowables and never positions
anything itself. The running header and footer are in ``render/pdf/furniture.py``.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from reportgen.model import Meta
from reportgen.render.pdf.bidi import paragraph
from reportgen.render.pdf.furniture import draw_logo, paragraph_style, rgb
from reportgen.render.pdf.markup import plain_markup
from reportgen.render.pdf.tagging import Node, artifact, content
from reportgen.theme import Theme


class Cover(Flowable):  # type: ignore[misc]
    """The cover page: a primary band with logo and title, then organisation, event and date.
    Its title is an H1 of the structure element ``node``, each line after it a P; the band and
    logo are artifacts, the QR code a Figure that says its link."""

    def __init__(self, meta: Meta, theme: Theme, node: Node | None = None) -> None:
        super().__init__()
        self.meta, self.theme, self.node = meta, theme, node or Node("Sect")

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height
        return avail_width, avail_height

    def draw(self) -> None:
        c, t, m = self.canv, self.theme, self.meta
        W, H, box, hm = self.width, self.height, t.page, t.handout
        band = H * hm.cover_band_share
        x, width = box.left, box.inner_width
        with artifact(c):
            c.setFillColor(rgb(t.colors.primary))
            c.rect(0, H - band, W, band, stroke=0, fill=1)
            c.setFillColor(rgb(t.colors.secondary))
            c.rect(0, H - band - hm.cover_stripe_height, W, hm.cover_stripe_height, stroke=0, fill=1)
            if t.logo_on_dark:
                draw_logo(c, t.logo_on_dark, x, H - box.top - hm.cover_logo_height, hm.cover_logo_height, width / 2)
        y = H - band + hm.cover_title_rise
        blocks = [(m.title, "cover.title", self.node.add("H1")), (m.subtitle, "cover.subtitle", self.node.add("P"))]
        for text, role, node in reversed(blocks):  # drawn bottom up, read top down: the order is the tree's
            if not text:
                continue
            p = paragraph(plain_markup(text, t.style(role).family, t.style(role).bold),
                          paragraph_style(t.style(role), spaceAfter=0, spaceBefore=0), text)
            _, h = p.wrap(width * hm.cover_title_width_share, band)
            with content(c, node):
                p.drawOn(c, x, y)
            y += h + hm.cover_title_gap
        lines = [(t.name, "cover.meta", True)]  # whose handout it is (``build.with_identity``), then its author
        lines += [(m.byline(t.name), "cover.meta", False)]
        event = m.event_line
        lines += [(event, "cover.meta", False), (m.event_value("date") or m.date, "cover.meta", False)]
        instructor = m.event_value("instructor")
        lines += [(f"Instructor: {instructor}" if instructor else "", "cover.meta", False)]
        y = H - band - hm.cover_meta_drop
        for text, role, bold in lines:
            if not text:
                continue
            ts = t.style(role)
            p = paragraph(plain_markup(text, ts.family, bold),
                          paragraph_style(ts, fontName=ts.family.face(bold), spaceAfter=0), text)
            _, h = p.wrap(width, H)
            y -= h
            with content(c, self.node.add("P")):
                p.drawOn(c, x, y)
            y -= hm.cover_meta_gap
        link = t.link  # the event's, the guide's or the brand's (``build.with_identity``)
        if link and t.qr_code:
            with content(c, self.node.add("Figure", alt=f"QR code: {link}")):
                self._qr(link, x, box.bottom)

    def _qr(self, link: str, x: float, y: float) -> None:
        """The QR code as vector squares, ``cover_qr_size`` wide, with the link printed beneath."""
        from reportgen.qr import qr_modules

        grid = qr_modules(link)
        hm = self.theme.handout
        size = hm.cover_qr_size
        cell = size / len(grid)
        self.canv.setFillColor(rgb(self.theme.colors.foreground))
        top = y + hm.cover_qr_link_gap + size
        for r, row in enumerate(grid):
            c = 0
            while c < len(row):  # one rectangle per run of dark modules: fewer seams, less PDF
                if not row[c]:
                    c += 1
                    continue
                end = c
                while end < len(row) and row[end]:
                    end += 1
                self.canv.rect(x + c * cell, top - (r + 1) * cell, (end - c) * cell, cell, stroke=0, fill=1)
                c = end
        ts = self.theme.style("footer")
        self.canv.setFont(ts.face, ts.size)
        self.canv.setFillColor(rgb(ts.color))
        self.canv.drawString(x, y, link)


class NotesSpace(Flowable):  # type: ignore[misc]
    """Room for the reader's notes: ``label`` ("Notes") over ruled lines down to the bottom
    margin, ``note_line_pitch`` apart.

    With ``least`` > 0 it fills the rest of the page it lands on when at least ``least``
    points are left there, else it takes the whole next page: a section's last page is not
    wasted, and a few lines squeezed under the text never pass for a notes page."""

    def __init__(self, theme: Theme, label: Flowable, least: float = 0.0) -> None:
        super().__init__()
        self.theme, self.label, self.least = theme, label, least
        self.pitch = theme.handout.note_line_pitch
        self.spaceBefore = theme.handout.notes_space_before if least else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = avail_height - 1 if avail_height >= self.least else avail_height + 1
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # too little room here: the whole next page

    def draw(self) -> None:
        with artifact(self.canv):  # room to write in, not content
            self._draw()

    def _draw(self) -> None:
        c = self.canv
        _, label_height = self.label.wrap(self.width, self.height)
        self.label.drawOn(c, 0, self.height - label_height)
        c.setStrokeColor(rgb(self.theme.colors.rule))
        c.setLineWidth(self.theme.handout.hairline)
        y = self.height - label_height - self.pitch
        while y >= 0:
            c.line(0, y, self.width, y)
            y -= self.pitch
