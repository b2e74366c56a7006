"""The deck's spacing and geometry: every length the slide planner and the slide drawers use.

Each field is declared once here with its default and what it sets; ``render/deck`` (the
planner), ``render/pptx`` and ``render/canvas`` read them from ``theme.deck`` and write no
number of their own (``tests/test_style_numbers.py`` keeps it so). Lengths are points on the
slide unless a name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DeckMetrics:
    """Lengths and proportions of slides, shared by the PPTX, the slides PDF and the slide handout."""

    # -- how much a slide holds ------------------------------------------------------------
    min_body: float = 16.0  # smallest body text size; below it a slide body continues on a new slide
    min_table: float = 12.0  # smallest table text size; below it a table continues on a new slide
    max_bullets: int = 6  # paragraphs on one slide before a "(cont.)" slide
    max_table_rows: int = 300  # a longer table shows its first rows in the deck, all in the handout
    fit_margin: float = 0.04  # share of a box's width kept free for drawers that wrap a little wider

    # -- text frames (every text box of the PPTX, and the slides PDF drawing it) -----------------
    text_inset_x: float = 7.2  # a text box's inset at left and right, inside its frame
    text_inset_y: float = 3.6  # a text box's inset at top and bottom

    # -- paragraphs --------------------------------------------------------------------------
    line_pitch: float = 1.2  # line pitch as a multiple of the size, on every slide paragraph
    tall_line_pitch: float = 1.5  # the same for Arabic, whose fonts reach far above and below Latin ones
    wide_fit_margin: float = 0.08  # more of the width kept free in paragraphs of East Asian or right-to-left text
    list_indent: float = 1.0  # ems of the paragraph size: the indent per list level and a bullet's hanging indent
    space_after: float = 0.5  # ems of space after a top-level paragraph
    nested_space_after: float = 0.25  # ems of space after a second-level (nested list) paragraph
    body_shrink: float = 4  # a slide's body text shrinks at most this far below its size to fit on one slide
    body_shrink_step: float = 2  # the body size tried next when the text does not fit one slide
    code_tab_width: int = 4  # columns between tab stops in a code block's lines
    agenda_max_items: int = 10  # sections listed on one agenda slide (more continue on the next)

    # -- titles ------------------------------------------------------------------------------
    title_pitch: float = 1.12  # a title's line pitch as a multiple of its size
    title_lines: int = 2  # lines a slide's title takes before it shrinks; its box is this many lines tall
    title_min_share: float = 0.6  # a title shrinks to this share of its size at most (then it wraps)
    title_min_size: float = 12  # and never below this size
    title_shrink_step: float = 2  # points a title too long for its lines shrinks by, step by step

    # -- tables ------------------------------------------------------------------------------
    table_cell_inset_x: float = 6.0  # a table cell's inset at left and right
    table_cell_inset_y: float = 4.0  # a table cell's inset at top and bottom
    table_shrink_step: float = 1  # points a table whose tallest row does not fit a slide shrinks by, step by step
    table_column_ems: float = 5  # a slide's table column is at least this many ems of the smallest table size wide
    table_min_columns: int = 2  # columns a slide's table shows at least, however narrow
