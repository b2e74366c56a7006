"""The layouts of content slides, each a list of shapes in the body's area: points (with
callouts drawn as tinted boxes), a statement, columns side by side, a picture beside or under
its points, a picture alone. Each measures what it holds (``fit.py``); one that cannot hold
its content on one slide says so (None) and the planner picks another.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from pathlib import Path

from reportgen import model as m
from reportgen.render.deck.fit import Item
from reportgen.render.deck.frame import Frame
from reportgen.render.deck.plan import ImageBox, Para, Rect, Shape, TextBox


class Layouts(Frame):
    """Content-slide layouts on the slide's frame."""

    def _body(self, paras: list[Para], width: float) -> list[Shape]:
        """A slide's body: one text box, or where callouts are, a box for each run of paragraphs
        in or out of a callout; a callout's is inset in a tinted box with an accent bar down its
        left side, the box's edge on the margin like every other."""
        deck = self.deck
        shapes: list[Shape] = []
        top = self.body_y + deck.text_inset_y  # where the next paragraph's space before starts
        runs = [list(g) for _, g in groupby(paras, key=lambda p: p.box)]
        for k, run in enumerate(runs):
            height = sum(p.height for p in run)
            text_h = height - run[-1].space_after + 2 * deck.text_inset_y
            if k == len(runs) - 1:  # the last box reaches the body's foot: room for a viewer's extra line
                text_h = max(text_h, self.body_y + self.body_h - (top - deck.text_inset_y))
            if not run[0].box:
                shapes.append(self._box(self.m, top - deck.text_inset_y, width, text_h, tuple(run), name="Body"))
            else:
                box_h = height - self.fit.trailing(run[-1])
                shapes.append(Rect(self.m, top, self.body_w, box_h, self.theme.colors.tint, "Callout"))
                shapes.append(Rect(self.m, top, deck.callout_bar_width, box_h, self.theme.callout_bar(run[0].tone),
                                   "Callout bar"))
                inner = self.body_w - deck.callout_pad_left - deck.callout_pad_right
                shapes.append(self._box(self.m + deck.callout_pad_left, top - deck.text_inset_y, inner, text_h,
                                        tuple(run), name="Callout text"))
            top += height
        return shapes

    def _statement(self, items: list[Item]) -> TextBox | None:
        """A big statement for a heading over one short paragraph or quote and nothing else: in
        the statement size (shrinking if need be), balanced over its lines, in the middle of the
        body at a readable measure. Text with links or code keeps the usual layout."""
        if len(items) != 1 or items[0].bullet or items[0].code or items[0].box or items[0].level or items[0].bold:
            return None
        runs, deck = items[0].runs, self.deck
        text = m.plain(runs)
        if len(text) > deck.statement_chars or any(r.link or r.code for r in runs) or not text.strip():
            return None
        role = "slide.quote" if items[0].italic else "slide.statement"
        box = (self.m, self.body_y, min(self.body_w, self.theme.slide_measure()), self.body_h * deck.statement_height)
        return self._title(text, role, box, max_lines=deck.statement_lines, min_share=deck.statement_min_share,
                           anchor="middle", name="Statement", floor=self.theme.style("slide.body").size)

    def _side_by_side(self, items: list[list[Item]], shares: list[float]) -> list[Shape] | None:
        """Text boxes "Column 1", "Column 2", … in their shares of the body's width, a gap
        between, at one size: the largest at which every column fits; None if one does not
        fit the slide even at the smallest."""
        deck = self.deck
        free = self.body_w - deck.column_gap * (len(items) - 1)
        widths = [free * share / sum(shares) for share in shares]
        fitted: list[list[list[Para]]] = [
            self.fit.fit_body(its, w - 2 * deck.text_inset_x, self.body_text_h) if its else [[]]
            for its, w in zip(items, widths)]
        if any(len(pages) > 1 for pages in fitted):
            return None
        size = min((p.size for pages in fitted for p in pages[0]), default=0.0)
        shapes: list[Shape] = []
        x = self.m
        for k, (its, w, pages) in enumerate(zip(items, widths, fitted)):
            paras = pages[0]
            if paras and paras[0].size > size:  # one size for all columns
                same = self.fit.pack(its, w - 2 * deck.text_inset_x, self.body_text_h, size, deck.max_bullets)
                paras = same[0] if len(same) == 1 else paras
            shapes.append(self._box(x, self.body_y, w, self.body_h, tuple(paras), name=f"Column {k + 1}"))
            x += w + deck.column_gap
        return shapes

    def _beside(self, items: list[Item], fig: m.Figure) -> list[Shape] | None:
        """The points under a heading with the picture that follows them beside them, when the
        points fit one slide in their share of the width and the picture is not wide; a wide
        picture goes under a few points (``_above``). Else the picture keeps a slide of its own."""
        if not items or fig.path is None:
            return None
        if fig.size_px[0] > fig.size_px[1] * self.deck.beside_max_aspect:
            return self._above(items, fig, fig.path)
        deck = self.deck
        text_w = (self.body_w - deck.column_gap) * deck.beside_text_share
        pages = self.fit.fit_body(items, text_w - 2 * deck.text_inset_x, self.body_text_h)
        if len(pages) > 1:
            return None
        w, h = _scaled(fig, self.body_w - text_w - deck.column_gap, self.body_h - deck.caption_room)
        x = self.m + self.body_w - w  # flush with the right margin
        return [self._box(self.m, self.body_y, text_w, self.body_h, tuple(pages[0]), name="Body"),
                *self._picture(fig, fig.path, x, self.body_y, w, h)]

    def _above(self, items: list[Item], fig: m.Figure, path: Path) -> list[Shape] | None:
        """A few points (a share of the body's height at most) with a wide picture under them."""
        deck = self.deck
        pages = self.fit.fit_body(items, self.body_text_w, self.body_text_h)
        text_h = sum(p.height for p in pages[0]) - pages[0][-1].space_after + 2 * deck.text_inset_y
        if len(pages) > 1 or text_h > self.body_h * deck.above_max_share:
            return None
        top = self.body_y + text_h + deck.caption_gap
        w, h = _scaled(fig, self.body_w, self.body_y + self.body_h - deck.caption_room - top)
        return [self._box(self.m, self.body_y, self.body_w, text_h, tuple(pages[0]), name="Body"),
                *self._picture(fig, path, self.m + (self.body_w - w) / 2, top, w, h, self.m, self.body_w)]

    def _picture(self, fig: m.Figure, path: Path, x: float, y: float, w: float, h: float,
                 caption_x: float | None = None, caption_w: float | None = None) -> list[Shape]:
        """A picture at its place, and its caption (if it has one) under it, shrunk and then cut
        with "…" to its box: the picture's width unless given."""
        shapes: list[Shape] = [ImageBox(x, y, w, h, path, fig.alt, size_px=fig.size_px)]
        if fig.caption:
            deck = self.deck
            box = (x if caption_x is None else caption_x, y + h + deck.caption_gap,
                   w if caption_w is None else caption_w, deck.caption_height)
            shapes.append(self._title(fig.caption, "slide.footer", box, anchor="top", name="Caption",
                                      align="center", floor=deck.footer_min_size))
        return shapes

    def _figure(self, fig: m.Figure, path: Path) -> list[Shape]:
        """A picture alone, as large as the body allows over its caption (or alt text)."""
        caption = fig.caption or fig.alt
        w, h = _scaled(fig, self.body_w, self.body_h - self.deck.caption_room)
        shapes: list[Shape] = [ImageBox(self.m + (self.body_w - w) / 2, self.body_y, w, h, path, fig.alt,
                                        size_px=fig.size_px)]
        if caption:
            cap = self._text([Item((m.Run(caption),), "slide.footer")], self.m, self.body_y + h + self.deck.caption_gap,
                             self.body_w, self.deck.caption_height, "Caption")
            shapes.append(replace(cap, paras=tuple(replace(p, align="center") for p in cap.paras)))
        return shapes


def _scaled(fig: m.Figure, room_w: float, room_h: float) -> tuple[float, float]:
    """A picture's width and height as large as the room allows, its shape kept."""
    iw, ih = fig.size_px
    scale = min(room_w / iw, room_h / ih)
    return iw * scale, ih * scale


def comparison(items: list[Item], most: int) -> list[list[Item]] | None:
    """Two sub-headings (bold lines of their own), each over a list of two to ``most`` points
    and nothing else, their lengths within two of each other: the two halves, else None."""
    heads = [k for k, item in enumerate(items) if item.bold and not item.bullet and not item.level]
    if len(heads) != 2 or heads[0] != 0:
        return None
    halves = [items[: heads[1]], items[heads[1]:]]
    lists = [half[1:] for half in halves]
    if not all(2 <= len(points) <= most and all(i.bullet or i.level for i in points) for points in lists):
        return None
    return halves if abs(len(lists[0]) - len(lists[1])) <= 2 else None
