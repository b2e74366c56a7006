"""Quotes, callouts and code in the handout: a tinted box, for asides with a coloured bar
down its left side.

A one-cell reportlab ``Table`` draws such a box but cannot split, so an aside longer than a
page stopped the build (and ``Preformatted`` ignores its style's background). ``Aside``
splits between its flowables (or inside one, a paragraph between lines), and every piece
draws its own box: the aside continues on the next page in the same frame.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph

from reportgen.render.handout.sources import inherit
from reportgen.render.pdf.tagging import artifact
from reportgen.theme.handout import Padding


class Aside(Flowable):  # type: ignore[misc]
    """``content`` in a box of ``tint``, as wide as the frame less ``right_margin`` (to end with
    the reading measure), its content ``pad`` in from its edges, with a ``bar`` ``bar_width``
    wide on the left if given.

    Flowables inside are spaced as in a table cell (space after one plus space before the
    next). None may be a ``KeepTogether``: split, it leaves a frame break no box can draw."""

    def __init__(self, content: list[Flowable], tint: Color, pad: Padding, space_before: float, space_after: float,
                 bar: Color | None = None, bar_width: float = 0.0, right_margin: float = 0.0) -> None:
        super().__init__()
        self.content, self.right_margin = content, right_margin
        self.tint, self.bar, self.bar_width, self.pad = tint, bar, bar_width, pad
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        canv = getattr(self, "canv", None)
        avail_width -= self.right_margin
        inner = avail_width - self.pad.left - self.pad.right
        self._sizes = [f.wrapOn(canv, inner, avail_height) for f in self.content]
        self.width = avail_width
        self.height = self.pad.top + self.pad.bottom + sum(h for _, h in self._sizes) + sum(
            a.getSpaceAfter() + b.getSpaceBefore() for a, b in zip(self.content, self.content[1:]))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """The flowables that fit ``avail_height``, the first that does not split at the line
        that fits, and the rest in a second aside; ``[]`` when not even a line fits here."""
        canv = getattr(self, "canv", None)
        inner = avail_width - self.right_margin - self.pad.left - self.pad.right
        room = avail_height - self.pad.top - self.pad.bottom
        head: list[Flowable] = []
        rest = list(self.content)
        while rest:
            gap = head[-1].getSpaceAfter() + rest[0].getSpaceBefore() if head else 0.0
            _, height = rest[0].wrapOn(canv, inner, room - gap)
            if height <= room - gap:
                head.append(rest.pop(0))
                room -= gap + height
                continue
            parts = rest[0].splitOn(canv, inner, room - gap) if room - gap > 0 else []
            inherit(parts, rest[0])  # an error about a piece still names its block
            if len(parts) > 1 and parts[0].wrapOn(canv, inner, room - gap)[1] <= room - gap:
                head.append(parts[0])
                rest[0:1] = parts[1:]
            break
        while head and isinstance(head[-1], Paragraph) and head[-1].getKeepWithNext():  # a title, a lead-in
            rest.insert(0, head.pop())  # goes on with what it introduces
        if not head:
            return []
        if not rest:
            return [self]
        return [Aside(head, self.tint, self.pad, self.spaceBefore, 0.0, self.bar, self.bar_width, self.right_margin),
                Aside(rest, self.tint, self.pad, 0.0, self.spaceAfter, self.bar, self.bar_width, self.right_margin)]

    def draw(self) -> None:
        c = self.canv
        with artifact(c):  # the box; what it holds tags itself
            self._draw_box()
        inner = self.width - self.pad.left - self.pad.right
        y = self.height - self.pad.top
        for index, (flowable, (width, height)) in enumerate(zip(self.content, self._sizes)):
            if index:
                y -= self.content[index - 1].getSpaceAfter() + flowable.getSpaceBefore()
            y -= height
            flowable.drawOn(c, self.pad.left, y, _sW=inner - width)

    def _draw_box(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.tint)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.bar is not None:
            c.setFillColor(self.bar)
            c.rect(0, 0, self.bar_width, self.height, stroke=0, fill=1)
        c.restoreState()

