"""The handout's table of contents, built in one pass.

reportlab's ``TableOfContents`` needs the whole document laid out twice (``multiBuild``) to
learn the page numbers. Here the entries are known before layout (the story is complete),
so the contents take their final height at once; the page numbers and links are drawn at
the very end, when the canvas writes its pages out (see ``render/pdf/furniture.numbered_canvas``).
That halves the time to build a handout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph

from reportgen.errors import SourceRef
from reportgen.fonts import FontFamily
from reportgen.render.pdf import compat
from reportgen.render.pdf.bidi import BidiParagraph
from reportgen.render.pdf.markup import plain_markup
from reportgen.render.pdf.tagging import Node, artifact, content
from reportgen.theme import HandoutMetrics


@dataclass
class Entry:
    level: int  # 0: section, 1: sub-heading
    title: str
    key: str  # the bookmark the entry links to
    source: SourceRef | None = None  # the heading's, for an entry too long for a page
    number: str = ""  # a section's, "03", printed before its title


class Contents(Flowable):  # type: ignore[misc]
    """Entries with dot leaders and right-aligned page numbers, drawn once pages are known.
    In a tagged PDF the contents are a TOC element (``node``); an entry is a TOCI holding a
    Link, whose content is the entry's number, title and page, and whose annotation jumps there.
    The dot leaders are artifacts."""

    def __init__(self, entries: list[Entry], styles: list[Any], metrics: HandoutMetrics,
                 family: FontFamily | None = None, number_color: Color | None = None,
                 numbered: bool | None = None, node: Node | None = None,
                 laid_out: dict[tuple[int, float], tuple[Paragraph, float]] | None = None) -> None:
        super().__init__()
        self.entries, self.styles, self.metrics, self.family = entries, styles, metrics, family
        self.node = node or Node("TOC")
        self.number_color = number_color or styles[0].textColor
        self._numbered = numbered  # given to the parts of contents split over pages
        self._laid: list[tuple[Entry, Paragraph, float]] = []
        # each entry's paragraph and height at a width, shared with the parts it splits into:
        # reportlab wraps and splits the contents again at every page they reach, and laying
        # every entry out each time made a long document's build grow with its square
        self._laid_out = {} if laid_out is None else laid_out

    def _lay_out(self, width: float) -> list[tuple[Entry, Paragraph, float]]:
        laid = []
        for entry in self.entries:
            found = self._laid_out.get((id(entry), width))
            if found is None:
                style = self.styles[min(entry.level, len(self.styles) - 1)]
                para = BidiParagraph(plain_markup(entry.title, self.family), style)
                _, height = para.wrap(width - self.metrics.contents_number_width - self._indent(style), math.inf)
                found = self._laid_out[(id(entry), width)] = (para, height + style.spaceBefore + style.spaceAfter)
            laid.append((entry, *found))
        return laid

    @property
    def numbered(self) -> bool:
        """Whether sections are numbered (a column for "03"): decided when first laid out, for
        the entries are filled as the story is made, after the contents are."""
        if self._numbered is None:
            self._numbered = any(entry.number for entry in self.entries)
        return self._numbered

    def _indent(self, style: Any) -> float:
        """Where an entry's text starts, wrapped lines too: past the column of section numbers
        ("03") when the sections have them, so each number hangs to the left of its title."""
        return float(style.leftIndent) + (self.metrics.contents_section_number_width if self.numbered else 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self._laid = self._lay_out(avail_width)
        self.height = sum(h for _, _, h in self._laid)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        laid = self._lay_out(avail_width)
        used, cut = 0.0, 0
        while cut < len(laid) and used + laid[cut][2] <= avail_height:
            used += laid[cut][2]
            cut += 1
        if cut == 0:
            return []
        return [Contents(part, self.styles, self.metrics, self.family, self.number_color, self.numbered, self.node,
                         self._laid_out)
                for part in (self.entries[:cut], self.entries[cut:])]

    def draw(self) -> None:
        """Only register: the canvas calls ``draw_late`` when every page number is known."""
        x0, y0 = self.canv.absolutePosition(0, 0)
        self.canv.late_drawings.setdefault(self.canv.getPageNumber(), []).append((self, x0, y0))

    def draw_late(self, canvas: Any, x0: float, y0: float, pages: dict[str, int]) -> None:
        y = y0 + self.height
        for entry, para, height in self._laid:
            link = self.node.add("TOCI").add("Link", links={entry.key: entry.title})
            with content(canvas, link):
                baseline, number = self._draw_entry(canvas, entry, para, x0, y, str(pages.get(entry.key, "")))
            with artifact(canvas):
                self._draw_leader(canvas, para, x0, baseline, number)
            y -= height

    def _draw_entry(self, canvas: Any, entry: Entry, para: Paragraph, x0: float, y: float,
                    number: str) -> tuple[float, str]:
        """The entry's section number, title and page number, and its link; return the
        baseline of its last line."""
        style = para.style
        top = y - style.spaceBefore
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        if entry.number:  # drawn first, so text copied out of the page reads "03 Title 6"
            canvas.setFillColor(self.number_color)
            canvas.drawString(x0 + style.leftIndent, top - style.fontSize, entry.number)
        canvas.restoreState()
        para.drawOn(canvas, x0 + self._indent(style), top - para.height)
        lines = len(compat.paragraph_lines(para).lines) or 1  # the last line's baseline, as Paragraph places it
        baseline = top - style.fontSize - (lines - 1) * style.leading
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawRightString(x0 + self.width, baseline, number)
        canvas.restoreState()
        canvas.linkRect("", entry.key, (x0, top - para.height, x0 + self.width, top), relative=0, thickness=0)
        return baseline, number

    def _draw_leader(self, canvas: Any, para: Paragraph, x0: float, baseline: float, number: str) -> None:
        """The dots from the end of the title to the page number."""
        style = para.style
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        gap = self.metrics.contents_leader_gap
        dots_from = x0 + self._indent(style) + _last_line_width(para) + gap
        dots_to = x0 + self.width - canvas.stringWidth(number) - gap
        dot = canvas.stringWidth(". ")
        if dots_to - dots_from > dot:
            canvas.drawRightString(dots_to, baseline, ". " * int((dots_to - dots_from) / dot))
        canvas.restoreState()


def _last_line_width(para: Paragraph) -> float:
    lines = compat.paragraph_lines(para).lines
    if not lines:
        return 0.0
    last = lines[-1]
    if isinstance(last, tuple):  # a line of plain text: (space left, words)
        return float(para.width - last[0])
    return float(last.maxWidth - last.extraSpace)  # a FragLine (text with entities or marks)
