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
