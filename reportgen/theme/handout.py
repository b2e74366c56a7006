"""The handout's spacing and geometry: every length a page renderer uses, by role.

Each field is declared once here with its default and what it sets; the renderers under
``render/handout``, ``render/pdf`` and the slide handout read them from ``theme.handout`` and
write no number of their own (``tests/test_style_numbers.py`` keeps it so). Lengths are
points unless a name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class HandoutMetrics:
    """Lengths and proportions of printed pages (the handout and the slide handout)."""

    # -- lines ------------------------------------------------------------------------------
    hairline: float = 0.5  # every rule: header and footer rules, table rows, horizontal and footnote rules,
    #                        note lines, the border round each slide of the slide handout

    # -- running header and footer (every page after the cover) ---------------------------
    header_rise: float = 14  # the header logo's foot, above the top margin
    header_logo_height: float = 16  # the header logo's height
    header_logo_max_width: float = 90  # a wide logo is narrowed to this
    header_title_rise: float = 4  # the title's baseline (right-aligned), above the logo's foot
    header_rule_drop: float = 5  # the header's rule, below the logo's foot
    footer_drop: float = 26  # the baseline of the footer text and of "Page N of M", below the bottom margin
    footer_rule_rise: float = 12  # the footer's rule, above that baseline

    # -- task-list boxes (☐ / ☑), as shares of the box's side -----------------------------
    check_box_line: float = 0.08  # the box's outline width
    check_box_min_line: float = 0.5  # ... never thinner than this, in points
    check_tick_line: float = 0.13  # the tick's line width
    check_tick_min_line: float = 0.8  # ... never thinner than this, in points
    check_tick: tuple[Point, Point, Point] = ((0.2, 0.5), (0.42, 0.22), (0.82, 0.8))  # the tick's start, bend
    #                                                       and end, from the box's lower-left corner

    # -- text -------------------------------------------------------------------------------
    inline_code_scale: float = 0.9  # `code` in a line of text: its size, as a share of the text's
