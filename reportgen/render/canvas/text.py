"""Slide text on a reportlab canvas, laid out exactly as the slide plan measured it.

The planner (``deck/fit.py``) broke each paragraph into ``lines`` with ``measure.Measure`` at a
width a little narrower than its box. Here the same words are wrapped again with the same
measure at the same width, so the PDF shows the plan's line breaks, every line at the plan's
exact pitch. Between words go the spaces as written, which is what the deck shows.

Baselines follow the font-independent line spacing slide programs use with exact spacing
in text boxes (LibreOffice: ascent = size, descent = 0.2 × size, the extra pitch above), so
a baseline is 0.2 × size above the bottom of its line; table cells use the font's own
descent instead, as LibreOffice sets them (both measured against LibreOffice's PDF: within
0.1 pt). Margins, bullets and indents are those ``render/pptx`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas

from reportgen.language import text_language
from reportgen.measure import Word
from reportgen.model import Run, plain
from reportgen.render.deck.fit import Fitter
from reportgen.render.deck.plan import CHECKED, UNCHECKED, ColoredRun, Para, TextBox
from reportgen.render.pdf.checkbox import draw_check_box
from reportgen.render.pdf.furniture import rgb
from reportgen.render.pdf.tagging import Node, artifact, content, heading_role, link_words, tagger_of
from reportgen.rtl import is_rtl, shape, visual
from reportgen.theme import RGB, Theme

FONT_UNITS = 1000  # format: reportlab gives a font's metrics (descent) in thousandths of an em
INVISIBLE, VISIBLE = 3, 0  # format: PDF text rendering modes (Tr operand): 3 draws nothing, 0 fills
FURNITURE = ("Footer", "Slide number", "Section label")  # boxes that repeat what the slide's place says


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one line in one face: a piece of a word, cut where its run changes."""

    text: str
    run: Run
    bold: bool
    italic: bool
    mono: bool


def para_lines(fit: Fitter, para: Para, width: float) -> list[list[Word]]:
    """The plan's line breaks of ``para``: the words of each line, as the planner measured them."""
    return [list(line) for line in para.breaks]


def segments(runs: tuple[Run, ...], lines: list[list[Word]], bold: bool, italic: bool) -> list[list[Segment]]:
    """Each line as segments drawn one after another, each knowing its run (links, code).

    ``words_of`` drops only spaces and wrapping keeps characters in order, so walking the runs'
    characters alongside the words recovers the spaces as written: the deck shows them so
    (a code run's spaces in its monospaced face, a code line's indentation). The spaces where
    a line breaks are not drawn, as in the deck.
    """
    chars = [(ch, run) for run in runs for ch in run.text.replace("\n", " ")]
    pos = 0
    out: list[list[Segment]] = []
    for k, line in enumerate(lines):
        segs: list[Segment] = []
        for n, word in enumerate(line):
            indent = len(word[0].text) - len(word[0].text.lstrip(" "))  # a code line's, kept in its word
            gap = pos
            while pos < len(chars) and chars[pos][0] == " ":
                pos += 1
            pos -= min(indent, pos - gap)  # those spaces are drawn with the word, not before it
            if n or not k:  # spaces before a wrapped line's first word hang at the break
                for _, run in chars[gap:pos]:
                    _add(segs, Segment(" ", run, bold or run.strong, italic or run.emph, run.code))
            for piece in word:
                for ch in piece.text:
                    run = chars[min(pos, len(chars) - 1)][1]
                    pos += 1
                    _add(segs, Segment(ch, run, piece.bold, piece.italic, piece.mono))
        out.append(segs)
    return out


def _add(segs: list[Segment], seg: Segment) -> None:
    last = segs[-1] if segs else None
    if last is not None and last.run is seg.run and (last.bold, last.italic, last.mono) == (seg.bold, seg.italic,
                                                                                              seg.mono):
        segs[-1] = Segment(last.text + seg.text, seg.run, seg.bold, seg.italic, seg.mono)
    else:
        segs.append(seg)


class TextPainter:
    """Draws text boxes and table cells of one slide; ``height`` turns top-down y into PDF y.
    ``anchors`` are the "#anchor" links that lead somewhere in this PDF (its bookmarks).
    On a tagged canvas, each paragraph becomes an element of ``parent`` as it is drawn: a
    heading, a P, or an item of a list (nested by the bullet's level)."""

    def __init__(self, canvas: Canvas, theme: Theme, fit: Fitter, height: float,
                 anchors: frozenset[str] = frozenset(), parent: Node | None = None) -> None:
        self.c, self.theme, self.fit, self.H, self.anchors = canvas, theme, fit, height, anchors
        self.parent = parent
        tagger = tagger_of(canvas)
        self.lang = tagger.lang if tagger is not None else ""

    def box(self, box: TextBox, heading: int = 0) -> None:
        """A text box; with ``heading`` (a level, 1 = H1), its first paragraph is a heading."""
        if box.name in FURNITURE:
            with artifact(self.c, "Pagination"):
                self._box(box, None)
            return
        link = None
        if self.parent is not None and box.link and self.leads_somewhere(box.link):  # an agenda entry
            words = " ".join(plain(p.runs) for p in box.paras)
            link = self.parent.add("P").add("Link", links={box.link[1:]: words})
        with content(self.c, link):
            self._box(box, heading)

    def _box(self, box: TextBox, heading: int | None) -> None:
        free = box.h - box.content_height
        top = box.y + box.inset_y + {"top": 0.0, "middle": free / 2, "bottom": free}[box.anchor]
        lists: list[Node] = []  # the open lists, one per bullet level
        for index, para in enumerate(box.paras):
            top += para.space_before
            node = label = None
            if heading is not None and self.parent is not None:
                node, label = self._element(para, lists, heading_role(heading) if heading and not index else "P")
            self.para(para, box.x + box.inset_x, box.text_width, top, node=node, label=label)
            top += para.lines * para.pitch + para.space_after
        if box.link and self.leads_somewhere(box.link):
            self.c.linkRect("", box.link[1:], (box.x, self.H - box.y - box.h, box.x + box.w, self.H - box.y),
                            relative=1, thickness=0)

    def _element(self, para: Para, lists: list[Node], role: str) -> tuple[Node, Node | None]:
        """The element of ``para`` (and of its bullet, a Lbl), made under ``parent`` in reading
        order: a bulleted paragraph is an item of the list at its level, opened as needed."""
        assert self.parent is not None
        lang, links = text_language(plain(para.runs), self.lang), link_words(para.runs)
        if not para.bullet:
            lists.clear()
            return self.parent.add(role, lang=lang, links=links), None
        del lists[para.level + 1:]
        while len(lists) <= para.level:
            holder = self.parent if not lists else _last_body(lists[-1])
            lists.append(holder.add("L"))
        item = lists[para.level].add("LI")
        label = item.add("Lbl", actual=para.bullet if para.bullet in (CHECKED, UNCHECKED) else "")
        return item.add("LBody", lang=lang, links=links), label

    def para(self, para: Para, x: float, width: float, top: float, font_descent: bool = False,
             node: Node | None = None, label: Node | None = None) -> None:
        """One paragraph in the text area starting at ``x`` (``width`` wide), first line at ``top``;
        ``font_descent`` for table cells (the font's descent, not the font-independent one).
        Tagged, its bullet is the content of ``label`` and its text of ``node``."""
        style = self.theme.style(para.role)
        indent = para.text_indent(self.theme.deck.list_indent)
        lines = para_lines(self.fit, para, width)
        ratio = -getFont(style.family.face()).face.descent / FONT_UNITS if font_descent else self.theme.deck.pdf_descent
        rtl = is_rtl(plain(para.runs))  # a right-to-left paragraph hangs its bullet on the right
        if para.bullet and para.breaks:
            level = para.level * para.size * self.theme.deck.list_indent  # where the bullet hangs
            first_baseline = self.H - (top + para.pitch - ratio * para.size)
            with content(self.c, label):
                self.bullet(para, x + width - level if rtl else x + level, first_baseline, rtl)
        with content(self.c, node):
            for k, line in enumerate(segments(para.runs, lines, style.bold, style.italic)):
                baseline = self.H - (top + (k + 1) * para.pitch - ratio * para.size)
                pieces = [piece for seg in line for piece in self.pieces(para, seg)]
                pieces = [(text, (face, seg)) for text, (face, seg) in visual(pieces, rtl)]
                used = sum(stringWidth(text, face, para.size) for text, (face, _) in pieces)
                room = width - indent
                start = x if rtl else x + indent
                left = start + {"left": 0.0, "center": (room - used) / 2, "right": room - used}[para.align]
                self.line(pieces, left, baseline, para)

    def pieces(self, para: Para, seg: Segment) -> list[tuple[str, tuple[str, Segment]]]:
        """A segment as pieces of text, each with its reportlab font (the family's face, or the
        fallback font that draws what it lacks) and its segment; Arabic in its joined forms."""
        family = self.theme.style("code").family if seg.mono else self.theme.style(para.role).family
        return [(shape(part), (font.face(seg.bold, seg.italic), seg)) for part, font in family.runs(seg.text)]

    def line(self, pieces: list[tuple[str, tuple[str, Segment]]], x: float, baseline: float, para: Para) -> None:
        """The segments of one line from ``x``; links in the link colour, underlined and clickable
        (viewers underline a deck's hyperlinks)."""
        color, deck = self.theme.style(para.role).color, self.theme.deck
        rise = {"sup": deck.pdf_superscript_rise, "sub": deck.pdf_subscript_rise}
        text = self.c.beginText(x, baseline)
        links: list[tuple[str, float, float]] = []
        struck: list[tuple[float, float]] = []
        for part, (face, seg) in pieces:
            link = seg.run.link if seg.run.link and self.leads_somewhere(seg.run.link) else None
            size = para.size * (deck.pdf_script_size if seg.run.script else 1)
            text.setRise(para.size * rise.get(seg.run.script, 0.0))
            inline = seg.run.code and not isinstance(seg.run, ColoredRun)  # code in a line of text
            own = seg.run.color if isinstance(seg.run, ColoredRun) else \
                (inline and self.theme.colors.inline_code) or color  # a code token's, inline code's
            text.setFillColor(rgb(self.theme.link_color(color) if link else own))
            text.setFont(face, size)
            text.textOut(part)
            advance = stringWidth(part, face, size)
            if inline and self.theme.colors.inline_ground:  # behind the text, as PowerPoint's highlight
                self.c.setFillColor(rgb(self.theme.colors.inline_ground))
                self.c.rect(x, baseline - deck.pdf_descent * size, advance, size, stroke=0, fill=1)
            if link:
                links.append((link, x, x + advance))
            if seg.run.strike:
                struck.append((x, x + advance))
            x += advance
        self.c.drawText(text)
        for x0, x1 in struck:
            self.rule(color, para.size, x0, x1, baseline + deck.pdf_strike_height * para.size)
        for url, x0, x1 in links:
            self.rule(self.theme.link_color(color), para.size, x0, x1, baseline - para.size * deck.pdf_underline * 2)
            area = (x0, baseline - deck.pdf_descent * para.size, x1, baseline + deck.pdf_link_top * para.size)
            if url.startswith("#"):
                self.c.linkRect("", url[1:], area, relative=1, thickness=0)
            else:
                self.c.linkURL(url, area, relative=1, thickness=0)

    def leads_somewhere(self, url: str) -> bool:
        return not url.startswith("#") or url[1:] in self.anchors

    def rule(self, color: RGB, size: float, x0: float, x1: float, y: float) -> None:
        """A line under (a link) or through (struck-out text) a stretch of text."""
        self.c.saveState()
        self.c.setStrokeColor(rgb(color))
        self.c.setLineWidth(size * self.theme.deck.pdf_underline)
        self.c.line(x0, y, x1, y)
        self.c.restoreState()

    def bullet(self, para: Para, x: float, baseline: float, rtl: bool = False) -> None:
        """"•" or the number "N.", in the secondary colour, hanging in the indent (as render/pptx does);
        ``x`` is where the indent starts: its left edge, or its right edge when ``rtl``."""
        style, deck = self.theme.style(para.role), self.theme.deck
        size = para.size
        self.c.setFillColor(rgb(self.theme.bullet_color))
        if para.bullet in (CHECKED, UNCHECKED):
            side = deck.pdf_check_box * size
            gap = deck.pdf_check_box_gap
            draw_check_box(self.c, x - gap * size - side if rtl else x + gap * size, baseline, side,
                           para.bullet == CHECKED, self.theme.bullet_color, self.theme.handout)
            return
        if para.bullet.endswith("."):  # numbers in the paragraph's own family, as the deck's buFont
            self.c.setFont(style.family.face(style.bold), size)
            (self.c.drawRightString if rtl else self.c.drawString)(x, baseline, para.bullet)
            return
        dot_x = deck.pdf_bullet_dot_x
        x = x - 2 * dot_x * size if rtl else x  # the dot as far from the edge, mirrored
        self.c.circle(x + dot_x * size, baseline + deck.pdf_bullet_dot_y * size, deck.pdf_bullet_dot_radius * size,
                      stroke=0, fill=1)
        text = self.c.beginText(x, baseline)  # the character too, unseen, for copying and reading aloud
        text.setTextRenderMode(INVISIBLE)
        text.setFont(style.family.face(), size)
        text.textOut(para.bullet)
        text.setTextRenderMode(VISIBLE)  # the render mode outlives the text object: back to visible
        self.c.drawText(text)


def _last_body(lst: Node) -> Node:
    """Where a list nested under ``lst`` goes: the body of its last item."""
    item = lst.kids[-1] if lst.kids and isinstance(lst.kids[-1], Node) else lst.add("LI")
    bodies = [kid for kid in item.kids if isinstance(kid, Node) and kid.role == "LBody"]
    return bodies[-1] if bodies else item.add("LBody")
