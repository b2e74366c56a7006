"""What every PDF page of reportgen's has around its content: running header and footer,
"Page N of M", the logo, and the reportlab styles and colours made from the theme.

The handout (``render/handout``) and the printed slide handout (``render/canvas``) both draw
their pages with these, so the two look like one family of documents.
"""

from __future__ import annotations

from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import BaseDocTemplate

from reportgen.fonts import width
from reportgen.language import Words
from reportgen.load.svg import is_svg
from reportgen.measure import shorten
from reportgen.render.pdf import compat
from reportgen.render.pdf.lines import draw_line
from reportgen.render.pdf.tagging import artifact
from reportgen.render.svg import draw_svg
from reportgen.theme import RGB, Logo, TextStyle, Theme

# Every PDF reportgen writes stores its streams as binary Flate, without reportlab's default
# ASCII85 layer: 10 % smaller files and one encoding pass less.
rl_config.useA85 = 0


def rgb(c: RGB) -> Color:
    return Color(c[0] / 255, c[1] / 255, c[2] / 255)  # format: 8-bit colour channels, as reportlab's 0–1


def paragraph_style(ts: TextStyle, name: str = "s", **overrides: Any) -> Any:
    """The one translator from a theme ``TextStyle`` to a reportlab ``ParagraphStyle``."""
    from reportlab.lib.styles import ParagraphStyle

    values = dict(
        fontName=ts.face,
        fontSize=ts.size,
        leading=ts.line,
        textColor=rgb(ts.color),
        spaceBefore=ts.space_before,
        spaceAfter=ts.space_after,
        alignment=0,  # ragged right everywhere: no justified gaps
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,
        hyphenationLang="",
        embeddedHyphenation=0,
        # 0: no trial split of every URL-like word at a line end. A URL wider than the line
        # is still broken (splitLongWords), and reportlab's URL pattern, ~20 ms to compile,
        # is never compiled (render/lazy_imports.py).
        uriWasteReduce=0,
    )
    values.update(overrides)
    return ParagraphStyle(name, **values)


def draw_logo(canvas: Canvas, logo: Logo, x: float, y: float, height: float, max_width: float) -> float:
    """Draw a logo ``height`` tall (narrowed to ``max_width``); return the width used.

    Drawn by file name, which reportlab embeds once and reuses on every page (an
    ``ImageReader`` would be decoded and hashed again on each page); an SVG as vectors,
    also once per document (``draw_svg``)."""
    w, h = logo.fit(height, max_width)
    if is_svg(logo.path):
        draw_svg(canvas, logo.path, x, y, w, h)
    else:
        canvas.drawImage(str(logo.path), x, y, width=w, height=h, mask="auto")
    return w


def decorate_page(canvas: Canvas, doc: BaseDocTemplate | None, theme: Theme, title: str, words: Words) -> None:
    """Running header (logo, title, hairline) and footer text on every page after the cover;
    a title or footer too long for its room is shortened with an ellipsis, never drawn over
    the logo or the page number. An artifact in a tagged PDF: a screen reader skips it."""
    with artifact(canvas, "Pagination"):
        _decorate(canvas, theme, title, words)


def _decorate(canvas: Canvas, theme: Theme, title: str, words: Words) -> None:
    box, hm = theme.page, theme.handout
    canvas.saveState()
    top = box.height - box.top + hm.header_rise
    logo_w = 0.0
    if theme.logo:
        logo_w = draw_logo(canvas, theme.logo, box.left, top, hm.header_logo_height, hm.header_logo_max_width)
    head = theme.style("header")
    canvas.setFillColor(rgb(head.color))
    room = box.inner_width - logo_w - hm.furniture_gap
    draw_line(canvas, box.width - box.right, top + hm.header_title_rise, shorten(title, head.family, head.size, room),
              head.family, head.size, align="right")
    canvas.setStrokeColor(rgb(theme.colors.rule))
    canvas.setLineWidth(hm.hairline)
    canvas.line(box.left, top - hm.header_rule_drop, box.width - box.right, top - hm.header_rule_drop)
    foot = theme.style("footer")
    base = box.bottom - hm.footer_drop
    canvas.line(box.left, base + hm.footer_rule_rise, box.width - box.right, base + hm.footer_rule_rise)
    canvas.setFillColor(rgb(foot.color))
    widest_number = width(words.page_of(hm.page_number_room, hm.page_number_room), foot.family, foot.size)
    room = box.inner_width - widest_number - hm.furniture_gap
    draw_line(canvas, box.left, base, shorten(theme.footer, foot.family, foot.size, room), foot.family, foot.size)
    canvas.restoreState()


def numbered_canvas(theme: Theme, words: Words, first: int = 2) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each can say 'Page N of M' in the
    guide's ``words`` (from page ``first``: the handout's cover, page 1, carries no number)."""
    foot = theme.style("footer")
    box, drop = theme.page, theme.handout.footer_drop

    class NumberedCanvas(compat.TaggingCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # reportlab would otherwise start every page in (unembedded) Helvetica
            kwargs.update(initialFontName=foot.face, initialFontSize=foot.size, initialLeading=foot.line)
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.heading_pages: dict[str, int] = {}  # bookmark key → page, for the contents
            self.late_drawings: dict[int, list[Any]] = {}  # page → things drawn once pages are known

        def showPage(self) -> None:
            self._pages.append(compat.page_state(self))
            compat.next_page(self)

        def save(self) -> None:
            total = len(self._pages)
            compat.rewind(self)
            for state in self._pages:
                compat.restore_page(self, state)
                page = compat.page_number(self)
                for flowable, x, y in self.late_drawings.get(page, []):
                    flowable.draw_late(self, x, y, self.heading_pages)
                if page >= first:
                    with artifact(self, "Pagination"):
                        self.setFont(foot.face, foot.size)
                        self.setFillColor(rgb(foot.color))
                        self.drawRightString(box.width - box.right, box.bottom - drop, words.page_of(page, total))
                super().showPage()
            if self.tagger is not None:
                self.tagger.finish(self)
            super().save()

    return NumberedCanvas
