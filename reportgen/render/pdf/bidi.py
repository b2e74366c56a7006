"""reportlab paragraphs that read right to left: each line drawn in visual order.

reportlab wraps a paragraph into lines in logical order (and splits it across pages so); a
line is reordered only when drawn (``rtl.visual``), on a copy, so a paragraph split over two
frames is never reordered twice. Arabic is shaped before reportlab measures it
(``markup.py``), and a paragraph whose first letter is right-to-left is set flush right.
Text without a right-to-left letter is drawn by reportlab's own code, untouched.
"""

from __future__ import annotations

import copy
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.platypus import Paragraph

from reportgen.render.pdf import compat
from reportgen.render.pdf.tagging import MarkedFlowable
from reportgen.rtl import has_rtl, is_rtl, visual


class Para(MarkedFlowable, Paragraph):  # type: ignore[misc]
    """A reportlab ``Paragraph`` that is the content of its structure element (``tagging.py``)."""


class BidiParagraph(Para):
    """A ``Paragraph`` whose lines are drawn in visual order when they hold right-to-left text."""

    def drawPara(self, debug: int = 0) -> Any:  # noqa: N802 (reportlab's name)
        logical: Any = compat.paragraph_lines(self)  # made by reportlab when the paragraph is wrapped
        text = " ".join(_line_text(line, logical.kind) for line in logical.lines)
        if not has_rtl(text):
            return super().drawPara(debug)
        rtl = is_rtl(text)
        shown = copy.copy(logical)
        if logical.kind == 0:  # one style: lines are (extra space, words)
            shown.lines = [(space, "".join(t for t, _ in visual([(" ".join(words), None)], rtl)).split(" "))
                           for space, words in logical.lines]
        else:  # several styles: lines are FragLines of fragments
            shown.lines = [_visual_line(line, rtl) for line in logical.lines]
        compat.set_paragraph_lines(self, shown)
        try:
            return super().drawPara(debug)
        finally:
            compat.set_paragraph_lines(self, logical)


def paragraph(markup: str, style: Any, text: str) -> Para:
    """A paragraph of ``markup`` (whose plain ``text`` decides its direction): flush right
    when it reads right to left and its style would set it flush left."""
    if not has_rtl(text):
        return Para(markup, style)
    return BidiParagraph(markup, rtl_style(style, text))


def rtl_style(style: Any, text: str) -> Any:
    """``style``, flush right if ``text`` reads right to left and the style is flush left."""
    if not is_rtl(text) or style.alignment != TA_LEFT:
        return style
    style = copy.copy(style)
    style.alignment = TA_RIGHT
    return style


def _line_text(line: Any, kind: int) -> str:
    if kind == 0:
        return " ".join(line[1])
    return "".join(getattr(f, "text", "") for f in line.words)


def _visual_line(line: Any, rtl: bool) -> Any:
    """A FragLine with its fragments cut and ordered as they are seen."""
    frags = [f for f in line.words if getattr(f, "text", "") or hasattr(f, "cbDefn")]
    pieces = [("\ufffc" if hasattr(f, "cbDefn") else f.text, index) for index, f in enumerate(frags)]
    shown = copy.copy(line)
    shown.words = [frags[index] if hasattr(frags[index], "cbDefn") else frags[index].clone(text=part)
                   for part, index in visual(pieces, rtl)]
    return shown
