"""What stays together at a page break: a heading (or a lead-in "… include:") with the start
of what it introduces.

reportlab groups a flowable marked ``keepWithNext`` with the next into a ``KeepTogether``,
which moves the whole group to the next page when it does not fit: a heading before a long
paragraph, list or table left most of a page empty. ``KeepStart`` moves it only when not even
the start of the last flowable fits under the others: a paragraph's first two lines (its
style forbids a lone line), a list's first item, a table's header and first row.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import ActionFlowable, _FrameBreak
from reportlab.platypus.flowables import _listWrapOn

from reportgen.render.pdf import compat


class KeepStart(KeepTogether):  # type: ignore[misc]
    """A ``KeepTogether`` that splits its last flowable where reportlab's would move it all."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        moved: list[Flowable] = super().split(avail_width, avail_height)
        if not moved or not isinstance(moved[0], _FrameBreak):
            return moved  # all fits here, or the group starts a page and must flow
        *head, last = self._content
        if not head:
            return moved
        _, used = _listWrapOn(head, avail_width, self.canv)
        room = avail_height - used - head[-1].getSpaceAfter() - last.getSpaceBefore()
        if room <= 0:
            return moved
        parts: list[Flowable] = last.splitOn(self.canv, avail_width, room)
        if len(parts) < 2 or isinstance(parts[0], ActionFlowable):
            return moved  # it cannot start here (an image; a short list kept whole)
        if not self._starts(parts, avail_width, room):
            return moved
        return [*head, *parts]

    def _starts(self, parts: list[Flowable], width: float, room: float) -> bool:
        """Whether a piece of ``parts`` fits ``room`` and would stay there: one kept with what
        follows it (a list item's lead-in "…:" before its sub-list) would not, if that does not
        fit too. A list splits into all its items, so the first alone does not tell."""
        used, placed = 0.0, 0
        for index, part in enumerate(parts):
            gap = parts[index - 1].getSpaceAfter() + part.getSpaceBefore() if index else 0.0
            height = part.wrapOn(self.canv, width, room - used - gap)[1]
            if used + gap + height > room:
                break
            used += gap + height
            placed += 1
        while placed and parts[placed - 1].getKeepWithNext():
            placed -= 1
        return placed > 0


def keep_with_next(flowables: list[Flowable]) -> Flowable:
    """The document template's group for ``keepWithNext``, except that a flowable grouped alone
    (what follows cannot join it: a page break) is kept with nothing from then on. Grouped again
    and again, a list item's one (a lead-in "…:" ending a long list at the end of a section)
    split back into itself each time, put back unplaced by reportlab: a layout that never ended."""
    if len(flowables) == 1:
        compat.keep_with_next(flowables[0], False)  # as reportlab clears it on the others of a group
    return KeepStart(flowables)
