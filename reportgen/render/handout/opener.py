"""A section's opening: a small "SECTION 03" label, the title in balanced lines, an accent bar.

The title is the section's heading for the outline, the contents and links (the document
template reads ``title``, ``level``, ``key``, ``toc`` and ``anchor`` as from any heading);
the label and bar echo the section divider slides of the deck.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, Paragraph

from reportgen.render.pdf.furniture import rgb
from reportgen.render.pdf.lines import draw_line
from reportgen.render.pdf.tagging import artifact
from reportgen.theme import Theme


def balanced_width(para: Paragraph, width: float, height: float, steps: int) -> float:
    """The narrowest width at which ``para`` still takes as many lines as at ``width``: a
    two-line title then breaks near its middle, not with a lone word on its second line.
    ``steps`` halvings of the range of widths tried find it to well under a point."""
    lines = round(para.wrap(width, height)[1] / para.style.leading)
    if lines <= 1:
        return width
    low, high = width / lines, width
    for _ in range(steps):
        mid = (low + high) / 2
        if round(para.wrap(mid, height)[1] / para.style.leading) > lines:
            low = mid
        else:
            high = mid
    return high


class SectionOpener(Flowable):  # type: ignore[misc]
    """Room under the running header, the label, the title, the bar: one flowable, so the
    three never part at a page break."""

    def __init__(self, title_para: Paragraph, label: str, theme: Theme, *, title: str, level: int, key: str,
                 toc: bool, anchor: str) -> None:
        super().__init__()
        self.para, self.label, self.theme = title_para, label, theme
        self.title, self.level, self.key, self.toc, self.anchor = title, level, key, toc, anchor
        self.keepWithNext = 1
        self.spaceAfter = title_para.style.spaceAfter

    def _parts(self) -> tuple[Any, float, float, float]:
        hm, label = self.theme.handout, self.theme.style("section.label")
        return label, hm.section_top_space, hm.section_label_gap, hm.section_bar_gap + hm.section_bar_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        label, top, gap, bar = self._parts()
        steps = self.theme.handout.section_balance_steps
        _, self.title_height = self.para.wrap(balanced_width(self.para, avail_width, avail_height, steps), avail_height)
        self.width = avail_width
        self.height = top + (label.line + gap if self.label else 0.0) + self.title_height + bar
        return self.width, self.height

    def draw(self) -> None:
        c, hm = self.canv, self.theme.handout
        label, top, gap, bar = self._parts()
        right = self.para.style.alignment == TA_RIGHT  # a right-to-left title: label and bar on the right
        y = self.height - top
        if self.label:  # "SECTION 03" repeats what the order says: an artifact, as is the bar
            with artifact(c):
                c.setFillColor(rgb(label.color))
                x = self.width - self.para.style.rightIndent if right else 0
                draw_line(c, x, y - label.size, self.label, label.family, label.size, bold=True,
                          align="right" if right else "left")
            y -= label.line + gap
        self.para.drawOn(c, 0, y - self.title_height)
        with artifact(c):
            c.setFillColor(rgb(self.theme.colors.secondary))
            x = self.para.width - self.para.style.rightIndent - hm.section_bar_width if right else 0
            c.rect(x, 0, hm.section_bar_width, hm.section_bar_height, stroke=0, fill=1)
