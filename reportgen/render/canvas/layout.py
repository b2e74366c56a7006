"""Where slides and their notes go on a page of the printable slide handout.

Pure geometry in PDF points (y up), so the layouts can be checked without drawing: every
slide keeps the deck's aspect ratio (one scale for both axes) and every box lies inside the
page's margins. The layouts are the familiar ones of presentation programs:

* 1: one large slide, its notes (or ruled lines) below;
* 2: two slides stacked, each with its notes or ruled lines below;
* 3: three slides down the left, ruled lines (or notes) to the right of each;
* 6: two columns of three, notes or ruled lines under each.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.theme import HandoutMetrics, Theme


@dataclass(frozen=True, slots=True)
class Area:
    x: float
    y: float  # bottom edge
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h


@dataclass(frozen=True, slots=True)
class Cell:
    """One slide on a page: the strip above it for a section's name, the slide's box, and the
    box for its notes or note lines."""

    label: Area
    slide: Area
    notes: Area | None  # None: nothing beside or below the slide
    ruled: bool  # rule ``notes`` when it holds no (or little) text


def page_cells(theme: Theme, layout: int, notes: bool) -> list[Cell]:
    """The cells of one page, in reading order; each slide as large as its share of the page
    allows once its label strip and its notes' or lines' share are taken."""
    box, hm = theme.page, theme.handout
    gap, strip = hm.slide_gap, hm.section_line_height
    inner = Area(box.left, box.bottom, box.inner_width, box.inner_height)
    ratio = theme.slide.height / theme.slide.width

    def cell(slide: Area, notes_area: Area | None, ruled: bool) -> Cell:
        return Cell(Area(slide.x, slide.top, slide.w, strip), slide, notes_area, ruled)

    if layout == 1:
        w = min(inner.w, (inner.h * hm.single_slide_height_share - strip) / ratio)
        slide = Area(inner.x + (inner.w - w) / 2, inner.top - strip - w * ratio, w, w * ratio)
        below = Area(inner.x, inner.y + gap, inner.w, slide.y - 2 * gap - inner.y)  # clear of the footer rule
        return [cell(slide, below, True)]
    if layout == 3:  # format: the value of brand.yml's handout-layout: one column of three, lines beside
        row = (inner.h - (layout - 1) * gap) / layout
        w = min(inner.w * hm.slide_column_share, (row - strip) / ratio)
        beside_gap = gap * hm.beside_gap_scale
        cells = []
        for r in range(layout):
            top = inner.top - r * (row + gap) - strip
            slide = Area(inner.x, top - (row - strip + w * ratio) / 2, w, w * ratio)
            beside = Area(slide.x + w + beside_gap, slide.y, inner.x + inner.w - slide.x - w - beside_gap, slide.h)
            cells.append(cell(slide, beside, True))
        return cells
    cols = 1 if layout == 2 else 2  # 2: one column, stacked; 6: two columns
    rows = layout // cols
    col_w = (inner.w - (cols - 1) * gap) / cols
    row_h = (inner.h - (rows - 1) * gap) / rows
    room = (row_h - strip) * (1 - hm.slide_notes_share[layout])  # the rest of the row: notes, or lines
    w = min(col_w, room / ratio)
    h = w * ratio
    cells = []
    for r in range(rows):
        for c in range(cols):
            x = inner.x + c * (col_w + gap) + (col_w - w) / 2
            top = inner.top - r * (row_h + gap) - strip
            slide = Area(x, top - h, w, h)
            cells.append(cell(slide, Area(x, top + strip - row_h, w, row_h - strip - h - gap / 2), not notes))
    return cells


def ruled_lines(area: Area, metrics: HandoutMetrics, limit: float | None = None) -> list[float]:
    """Heights of note lines in ``area``: the lowest on its bottom edge, then ``note_line_pitch``
    apart (the handout's notes pages' pitch), leaving at least a pitch free above the top line
    (and below ``limit``, where text ends)."""
    pitch = metrics.note_line_pitch
    ceiling = (area.top if limit is None else min(limit, area.top)) - pitch
    lines = []
    y = area.y
    while y <= ceiling + metrics.note_line_slack:
        lines.append(y)
        y += pitch
    return lines
